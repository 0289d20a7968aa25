//! Every finding about the configuration; activating one moves focus to its field, and findings
//! that predict what a browser does link to a request in the simulator that shows it.

use super::simulator::SIMULATOR_ID;
use crate::browser::focus;
use crate::edit::control_id;
use crate::live_limit::LiveLimit;
use crate::sim_input::SimInput;
use apigw_cors::{example_request_for, Report};
use leptos::prelude::*;

/// The list of errors, warnings and notes with their fixes.
#[component]
pub fn Diagnostics(
    report: Memo<Report>,
    sim_input: RwSignal<SimInput>,
    sim_open: RwSignal<bool>,
) -> impl IntoView {
    let items = Memo::new(move |_| {
        report.with(|r| {
            r.diagnostics
                .iter()
                .map(|d| {
                    let example = r.config.as_ref().and_then(|c| example_request_for(d, c));
                    (d.clone(), example)
                })
                .collect::<Vec<_>>()
        })
    });
    // Beyond the page's bound nothing is checked, which is not "no problems".
    let limit = LiveLimit::from_context();
    let unchecked = Memo::new(move |_| limit.and_then(|l| l.summary("checked")));
    view! {
        <section class="diagnostics" aria-labelledby="checks-title" data-testid="diagnostics">
            <h2 id="checks-title">"Checks"</h2>
            <p
                class="ok"
                hidden=move || items.with(|d| !d.is_empty()) || unchecked.with(Option::is_some)
            >
                "No problems found."
            </p>
            <p class="unchecked" data-testid="checks-unchecked" hidden=move || unchecked.with(Option::is_none)>
                {move || unchecked.get()}
            </p>
            <ul aria-live="polite">
                {move || {
                    items
                        .get()
                        .into_iter()
                        .map(|(d, example)| {
                            let target = control_id(&d.field);
                            let no_fix = d.fix.is_empty();
                            // None rather than an empty text: the prerendered HTML would
                            // carry a space for it (src/prerender.rs).
                            let field = (!d.field.is_whole()).then(|| format!("{} ", d.field));
                            let show = example
                                .map(|example| {
                                    view! {
                                        <button
                                            type="button"
                                            class="show-sim"
                                            data-testid="show-in-simulator"
                                            aria-label=format!("Show in simulator: {}", d.code)
                                            on:click=move |_| {
                                                sim_input.set(SimInput::from_example(example.clone()));
                                                sim_open.set(true);
                                                focus(SIMULATOR_ID);
                                            }
                                        >
                                            "Show in simulator"
                                        </button>
                                    }
                                });
                            view! {
                                <li class=d.severity.as_str() data-code=d.code.code()>
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
                                    {show}
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
        </section>
    }
}
