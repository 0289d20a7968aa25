//! The page: one configuration signal and the chosen tool, the report every view reads, the
//! form, the outputs, the request simulator and "Explain an error".

use crate::browser::mark_ready;
use crate::components::{
    api_type_of, findings_of, ConfigForm, Diagnostics, ExplainError, ImportPanel, LinkOfferNotice,
    Notices, Outputs, ShareBar, Simulator, UnsavedNotice,
};
use crate::live_limit::{report_of, LiveLimit};
use crate::persist::{self, Saving};
use crate::sim_input::SimInput;
use crate::worker::SharedWorker;
use apigw_cors::{CorsConfig, DeployTool};
use leptos::prelude::*;

/// The whole configurator.
#[component]
pub fn App() -> impl IntoView {
    // The link's configuration, else the kept one, else the defaults (with a notice when a
    // link or the kept value could not be read, and the kept one offered for a bad link). The
    // page prerendered at build time (crate::prerender) is the defaults'.
    let restored = if cfg!(feature = "ssr") {
        persist::restore("", None)
    } else {
        persist::restore_from_browser()
    };
    let (saving, first_notices) = Saving::start(&restored);
    let config = RwSignal::new(restored.config);
    // The tool whose outputs are shown; kept with the configuration.
    let tool = RwSignal::new(restored.tool);
    let notices = RwSignal::new(first_notices);
    // The address bar and storage follow the page (not in the prerendered copy: no browser).
    if !cfg!(feature = "ssr") {
        persist::mirror(config, tool, notices, saving);
    }
    let import_open = RwSignal::new(false);
    // Beyond the page's bound nothing is checked (the views say why instead).
    let limit = LiveLimit::provide(config);
    let api_type = api_type_of(config);
    let report = report_of(config, Some(limit));
    let findings = findings_of(report);
    // The simulator's request: the diagnostics' "Show in simulator" links fill it.
    let sim_input = RwSignal::new(SimInput::default());
    // Whether "Test a request" is open (its toggle, or a "Show in simulator" link, opens it).
    let sim_open = RwSignal::new(false);
    // The import panel and the simulator share the page's worker.
    let worker = SharedWorker::new();
    // Effects run once the view is mounted, its event handlers attached.
    Effect::new(|_| mark_ready());

    view! {
        <header class="top">
            <div>
                <h1>"CORS configurator for Amazon API Gateway"</h1>
                <p class="lede">
                    "Say which pages may call your API; copy the code that makes it work in the tool you deploy with."
                </p>
            </div>
            <div class="top-actions">
                <ShareBar config tool import_open />
                <button
                    type="button"
                    class="reset"
                    data-testid="reset"
                    on:click=move |_| {
                        config.set(CorsConfig::default());
                        tool.set(DeployTool::default());
                        sim_input.set(SimInput::default());
                    }
                >
                    "Reset"
                </button>
            </div>
        </header>
        <Notices notices />
        <LinkOfferNotice config tool offer=saving.offer />
        <UnsavedNotice config unsaved=saving.unsaved />
        <ImportPanel config open=import_open worker />
        <main class="layout">
            <ConfigForm config report findings api_type />
            <div class="results">
                <Diagnostics report sim_input sim_open />
                <Outputs report api_type tool />
            </div>
            <Simulator config report input=sim_input open=sim_open worker />
            <ExplainError tool=tool.into() worker />
        </main>
    }
}
