//! The output panels, one per target that exists for the API type.

use super::output_panel::OutputPanel;
use apigw_cors::{CorsConfig, Report, Target};
use leptos::prelude::*;

/// Every panel, in the library's order.
#[component]
pub fn Outputs(config: RwSignal<CorsConfig>, report: Memo<Report>) -> impl IntoView {
    let api_type = Memo::new(move |_| config.with(|c| c.api_type));
    let blocked = Memo::new(move |_| report.with(blocked_reason));
    let targets = move || Target::for_api_type(api_type.get()).collect::<Vec<_>>();
    view! {
        <section class="outputs" aria-labelledby="outputs-title">
            <h2 id="outputs-title">"Generated configuration"</h2>
            <For
                each=targets
                key=|target| *target
                let:target
            >
                <OutputPanel target report blocked />
            </For>
        </section>
    }
}

/// Why nothing is generated, naming each error's field; `None` when the configuration is valid.
fn blocked_reason(report: &Report) -> Option<String> {
    if report.config.is_some() {
        return None;
    }
    let errors: Vec<String> = report
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| match &d.value {
            Some(value) => format!("{} {value:?}: {}", d.field, d.message),
            None => format!("{}: {}", d.field, d.message),
        })
        .collect();
    Some(format!(
        "Not generated until the configuration is fixed:\n{}",
        errors.join("\n")
    ))
}
