//! Every finding about the configuration; activating one moves focus to its field.

use crate::browser::focus;
use crate::edit::control_id;
use apigw_cors::Report;
use leptos::prelude::*;

/// The list of errors, warnings and notes with their fixes.
#[component]
pub fn Diagnostics(report: Memo<Report>) -> impl IntoView {
    let items = Memo::new(move |_| report.with(|r| r.diagnostics.clone()));
    view! {
        <section class="diagnostics" aria-labelledby="checks-title" data-testid="diagnostics">
            <h2 id="checks-title">"Checks"</h2>
            <p class="ok" hidden=move || items.with(|d| !d.is_empty())>
                "No problems found."
            </p>
            <ul aria-live="polite">
                {move || {
                    items
                        .get()
                        .into_iter()
                        .map(|d| {
                            let target = control_id(&d.field);
                            let no_fix = d.fix.is_empty();
                            let field = if d.field.is_empty() {
                                String::new()
                            } else {
                                format!("{} ", d.field)
                            };
                            view! {
                                <li class=d.severity.as_str() data-code=d.code>
                                    <button
                                        type="button"
                                        class="goto"
                                        aria-label=format!("Go to {}", target)
                                        on:click=move |_| focus(target)
                                    >
                                        <span class="sev">{d.severity.as_str()}</span>
                                        {field}
                                    </button>
                                    <span class="msg">{d.message}</span>
                                    <span class="fix" hidden=no_fix>
                                        "Fix: "
                                        {d.fix}
                                    </span>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
        </section>
    }
}
