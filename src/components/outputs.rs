//! The output panels, one per target that exists for the API type.

use super::output_panel::OutputPanel;
use crate::live_limit::LiveLimit;
use apigw_cors::{CorsConfig, Report, Target};
use leptos::prelude::*;

/// Every panel, in the library's order.
#[component]
pub fn Outputs(config: RwSignal<CorsConfig>, report: Memo<Report>) -> impl IntoView {
    let api_type = Memo::new(move |_| config.with(|c| c.api_type));
    let limit = LiveLimit::from_context();
    let blocked = Memo::new(move |_| {
        limit
            .and_then(|l| l.summary("generated"))
            .or_else(|| report.with(blocked_reason))
    });
    // A Show per panel rather than a keyed list: only the API type adds or removes a panel, and
    // it keeps the keyed-list machinery out of the wasm.
    let panels = Target::ALL
        .into_iter()
        .map(|target| {
            view! {
                <Show when=move || target.applies_to(api_type.get())>
                    <OutputPanel target report blocked />
                </Show>
            }
        })
        .collect_view();
    view! {
        <section class="outputs" aria-labelledby="outputs-title">
            <h2 id="outputs-title">"Generated configuration"</h2>
            {panels}
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
