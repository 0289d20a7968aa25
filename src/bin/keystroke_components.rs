//! A stand-in page for the keystroke benchmark's floor (scripts/bench-keystroke-floor.sh), not
//! shipped: the page's own origins field and outputs, nothing else. It answers how close a
//! Leptos page built from these components can come to the framework-free stand-in
//! (src/bin/keystroke_floor.rs): a configuration signal, the report as a memo of it and the
//! tool, as on the page (src/app.rs), without the other fields, the checks, the simulator,
//! "Explain an error", the notices, the address bar and storage, or the bound on live work.

use apigw_cors::{CorsConfig, DeployTool};
use apigw_cors_web::{api_type_of, findings_of, mark_ready, report_of, OriginsField, Outputs};
use leptos::prelude::*;

#[component]
fn Essentials() -> impl IntoView {
    let config = RwSignal::new(CorsConfig::default());
    let tool = RwSignal::new(DeployTool::default());
    let api_type = api_type_of(config);
    let report = report_of(config, None);
    let findings = findings_of(report);
    Effect::new(|_| mark_ready());
    view! {
        <main class="layout">
            <form class="config">
                <OriginsField config report findings api_type />
            </form>
            <div class="results">
                <Outputs report api_type tool />
            </div>
        </main>
    }
}

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(Essentials);
}
