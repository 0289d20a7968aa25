//! "Test a request": what API Gateway answers a request the user describes and whether the
//! browser lets the page read it. A disclosure, closed at first: opening it starts the page's
//! worker (see `worker`), which simulates and renders the results; while it is open, every
//! change of the configuration or the request is posted again and only the latest answer shown.
//! Until that answer arrives (the worker may be busy with a large template) the panel says it
//! is updating and that the result it still shows is for an earlier request.

use super::{sim_deployment::SimDeploymentFields, sim_request::SimRequestFields};
use crate::live_limit::LiveLimit;
use crate::sim_input::SimInput;
use crate::worker::SharedWorker;
use apigw_cors::{
    CorsConfig, Report, SimulationAnswer, WorkerAnswer, WorkerRequest, EXAMPLE_API_URL,
};
use leptos::prelude::*;

/// The id the "Show in simulator" links move focus to.
pub const SIMULATOR_ID: &str = "simulator";

/// The panel: the request and deployment on one side; the verdict, both exchanges and the steps
/// on the other (one HTML string from the worker), or why nothing is simulated.
#[component]
pub fn Simulator(
    config: RwSignal<CorsConfig>,
    report: Memo<Report>,
    input: RwSignal<SimInput>,
    open: RwSignal<bool>,
    worker: SharedWorker,
) -> impl IntoView {
    let result = RwSignal::new(None::<SimulationAnswer>);
    let failure = RwSignal::new(None::<String>);
    let latest = StoredValue::new(0u32);
    // The latest request is not answered yet; answers to earlier ones are dropped.
    let updating = RwSignal::new(false);

    worker.listen(move |answer| match answer {
        Ok(WorkerAnswer::Simulation { id, result: answer }) if id == latest.get_value() => {
            updating.set(false);
            failure.set(None);
            result.set(Some(answer));
        }
        Ok(WorkerAnswer::Error { id, message }) if id == latest.get_value() => {
            updating.set(false);
            result.set(None);
            failure.set(Some(message));
        }
        Ok(_) => {}
        // The next request starts the worker again.
        Err(message) if open.get_untracked() => {
            updating.set(false);
            result.set(None);
            failure.set(Some(message));
        }
        Err(_) => {}
    });

    // Outside world only: while the panel is open, post every configuration and request to the
    // worker (started the first time); answers to older posts are dropped by their number.
    Effect::new(move |_| {
        if !open.get() {
            return;
        }
        let id = worker.next_id();
        latest.set_value(id);
        let request = report.with(|r| {
            let valid = r.config.as_ref()?;
            let (request, deployment) = input.with(|i| i.resolve(valid));
            Some(config.with(|c| WorkerRequest::simulate(id, c, &request, &deployment)))
        });
        let Some(request) = request else {
            updating.set(false);
            result.set(None);
            return;
        };
        updating.set(true);
        if let Err(message) = worker.post(&request) {
            updating.set(false);
            failure.set(Some(message));
        }
    });
    let updating_text = move || match result.with(Option::is_some) {
        true => "Updating: the result below is for an earlier request.",
        false => "Simulating…",
    };

    let results = move || result.with(|r| r.as_ref().map(|r| r.html.clone()).unwrap_or_default());
    let status = move || result.with(|r| r.as_ref().map(|r| r.status.clone()));
    let field =
        move |read: fn(&SimulationAnswer) -> String| move || result.with(|r| r.as_ref().map(read));
    let limit = LiveLimit::from_context();
    let blocked = Memo::new(move |_| {
        if let Some(summary) = limit.and_then(|l| l.summary("simulated")) {
            return Some(summary);
        }
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
            class:open=move || open.get()
            tabindex="-1"
            aria-labelledby="simulator-title"
            data-testid="simulator"
        >
            <div class="sim-head">
                <div>
                    <h2 id="simulator-title">
                        <button
                            type="button"
                            class="sim-toggle"
                            data-testid="sim-toggle"
                            aria-controls=move || open.get().then_some("sim-body")
                            aria-expanded=move || open.get().to_string()
                            on:click=move |_| open.update(|o| *o = !*o)
                        >
                            "Test a request"
                        </button>
                    </h2>
                    <p class="hint">
                        "What API Gateway at " <code class="url">{EXAMPLE_API_URL}</code>
                        " answers a page's fetch() with this configuration, and whether the browser lets the page read it."
                    </p>
                </div>
                <button
                    type="button"
                    data-testid="sim-reset"
                    hidden=move || !open.get()
                    on:click=move |_| input.set(SimInput::default())
                >
                    "Reset request"
                </button>
            </div>
            // Built when the panel opens: most visitors never open it, and building it with the
            // page cost a tenth of the time to an interactive form.
            {move || open.get().then(|| view! {
                <div class="sim-grid" id="sim-body">
                    <form
                        class="sim-inputs"
                        aria-label="Request to test"
                        on:submit=|ev| ev.prevent_default()
                    >
                        <SimRequestFields input report />
                        <SimDeploymentFields input report />
                    </form>
                    <div
                        class="sim-results"
                        data-state=move || if updating.get() { "updating" } else { "current" }
                        aria-busy=move || updating.get().to_string()
                        data-allowed=field(|r| r.allowed.to_string())
                        data-preflight-sent=field(|r| r.preflight_sent.to_string())
                        data-failing-step=field(|r| r.failing_step.clone().unwrap_or_default())
                    >
                        <p class="sr-only" role="status">{status}</p>
                        <p class="sim-updating" data-testid="sim-updating" hidden=move || !updating.get()>
                            {updating_text}
                        </p>
                        <p class="sim-blocked" data-testid="sim-blocked" hidden=move || blocked.with(Option::is_none)>
                            {move || blocked.get().unwrap_or_default()}
                        </p>
                        <p class="sim-error" role="alert" data-testid="sim-error" hidden=move || failure.with(Option::is_none)>
                            {move || failure.get().unwrap_or_default()}
                        </p>
                        <div inner_html=results></div>
                    </div>
                </div>
            })}
        </section>
    }
}
