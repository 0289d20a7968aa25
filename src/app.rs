//! The page: one configuration signal, the report every view reads, the form, the outputs and
//! the request simulator.

use crate::components::{ConfigForm, Diagnostics, Outputs, Simulator};
use crate::sim_input::SimInput;
use apigw_cors::{check, CorsConfig};
use leptos::prelude::*;

/// The whole configurator.
#[component]
pub fn App() -> impl IntoView {
    let config = RwSignal::new(CorsConfig::default());
    let report = Memo::new(move |_| config.with(check));
    // The simulator's request: the diagnostics' "Show in simulator" links fill it.
    let sim_input = RwSignal::new(SimInput::default());

    view! {
        <header class="top">
            <div>
                <h1>"CORS configurator for Amazon API Gateway"</h1>
                <p class="lede">
                    "Say which pages may call your API; copy the SAM, CDK and Lambda code that makes it work."
                </p>
            </div>
            <button
                type="button"
                class="reset"
                data-testid="reset"
                on:click=move |_| {
                    config.set(CorsConfig::default());
                    sim_input.set(SimInput::default());
                }
            >
                "Reset"
            </button>
        </header>
        <main class="layout">
            <ConfigForm config report />
            <div class="results">
                <Diagnostics report sim_input />
                <Outputs config report />
            </div>
            <Simulator report input=sim_input />
        </main>
    }
}
