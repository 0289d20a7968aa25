//! The page: one configuration signal, the report every view reads, the form and the outputs.

use crate::components::{ConfigForm, Diagnostics, Outputs};
use apigw_cors::{check, CorsConfig};
use leptos::prelude::*;

/// The whole configurator.
#[component]
pub fn App() -> impl IntoView {
    let config = RwSignal::new(CorsConfig::default());
    let report = Memo::new(move |_| config.with(check));

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
                on:click=move |_| config.set(CorsConfig::default())
            >
                "Reset"
            </button>
        </header>
        <main class="layout">
            <ConfigForm config report />
            <div class="results">
                <Diagnostics report />
                <Outputs config report />
            </div>
        </main>
    }
}
