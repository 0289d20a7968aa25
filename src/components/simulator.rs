//! "Test a request": what API Gateway answers a request the user describes and whether the
//! browser lets the page read it, recomputed as the configuration or the request changes.

use super::{sim_deployment::SimDeploymentFields, sim_request::SimRequestFields};
use crate::sim_html::{results_html, verdict_sentence};
use crate::sim_input::SimInput;
use apigw_cors::{simulate, Report, Simulation, EXAMPLE_API_URL};
use leptos::prelude::*;

/// The id the "Show in simulator" links move focus to.
pub const SIMULATOR_ID: &str = "simulator";

/// The panel: the request and deployment on one side; the verdict, both exchanges and the steps
/// on the other (one HTML string, see `sim_html`), or why nothing is simulated.
#[component]
pub fn Simulator(report: Memo<Report>, input: RwSignal<SimInput>) -> impl IntoView {
    let simulation: Memo<Option<Simulation>> = Memo::new(move |_| {
        report.with(|r| {
            let config = r.config.as_ref()?;
            let (request, deployment) = input.with(|i| i.resolve(config));
            Some(simulate(config, &request, &deployment))
        })
    });
    let results = move || simulation.with(|s| s.as_ref().map(results_html).unwrap_or_default());
    let status = move || simulation.with(|s| s.as_ref().map(verdict_sentence));
    let blocked = Memo::new(move |_| {
        report.with(|r| {
            r.config.is_none().then(|| {
                format!(
                    "Not simulated until the configuration is fixed:\n{}",
                    r.error_lines().join("\n")
                )
            })
        })
    });
    view! {
        <section
            id=SIMULATOR_ID
            class="simulator"
            tabindex="-1"
            aria-labelledby="simulator-title"
            data-testid="simulator"
        >
            <div class="sim-head">
                <div>
                    <h2 id="simulator-title">"Test a request"</h2>
                    <p class="hint">
                        "What API Gateway at " <code class="url">{EXAMPLE_API_URL}</code>
                        " answers a page's fetch() with this configuration, and whether the browser lets the page read it."
                    </p>
                </div>
                <button
                    type="button"
                    data-testid="sim-reset"
                    on:click=move |_| input.set(SimInput::default())
                >
                    "Reset request"
                </button>
            </div>
            <div class="sim-grid">
                <form
                    class="sim-inputs"
                    aria-label="Request to test"
                    on:submit=|ev| ev.prevent_default()
                >
                    <SimRequestFields input report />
                    <SimDeploymentFields input report />
                </form>
                <div class="sim-results">
                    <p class="sr-only" role="status">{status}</p>
                    <p class="sim-blocked" data-testid="sim-blocked" hidden=move || blocked.with(Option::is_none)>
                        {move || blocked.get().unwrap_or_default()}
                    </p>
                    <div inner_html=results></div>
                </div>
            </div>
        </section>
    }
}
