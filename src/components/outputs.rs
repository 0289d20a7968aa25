//! The output panels of the chosen tool: its own targets and the ones every user needs, each
//! where it applies to the API type ([`DeployTool::targets`]).

use super::output_panel::OutputPanel;
use super::tool_tabs::{tab_id, ToolTabs, TOOL_PANEL_ID};
use crate::live_limit::LiveLimit;
use apigw_cors::{ApiType, CorsLines, DeployTool, Report, Target};
use leptos::prelude::*;

/// The tool tabs and the chosen tool's panels, in the library's order. A panel that is not
/// shown is not in the page at all: it renders nothing and costs nothing on a keystroke.
#[component]
pub fn Outputs(
    report: Memo<Report>,
    api_type: Memo<ApiType>,
    tool: RwSignal<DeployTool>,
) -> impl IntoView {
    let limit = LiveLimit::from_context();
    let blocked = Memo::new(move |_| {
        limit
            .and_then(|l| l.summary("generated"))
            .or_else(|| report.with(blocked_reason))
    });
    // Whether the panels have a text (one answer for all of them).
    let generated = Memo::new(move |_| report.with(|r| r.config.is_some()));
    // Which lines carry CORS is the generator's to say, for the configuration shown; one
    // answer for every panel.
    let marks = Memo::new(move |_| {
        report.with(|r| r.config.as_ref().map(CorsLines::new).unwrap_or_default())
    });
    // A Show per panel rather than a keyed list: only the tool and the API type add or remove a
    // panel (a panel kept across a change of tool is not rendered again), and it keeps the
    // keyed-list machinery out of the wasm. Target::ALL lists every tool's own targets before
    // the shared ones, the order DeployTool::targets gives.
    let panels = Target::ALL
        .into_iter()
        .map(|target| {
            let shown = move || tool.get().targets(api_type.get()).any(|t| t == target);
            view! {
                <Show when=shown>
                    <OutputPanel target report generated blocked marks />
                </Show>
            }
        })
        .collect_view();
    view! {
        <section class="outputs" aria-labelledby="outputs-title">
            <h2 id="outputs-title">"Generated configuration"</h2>
            <ToolTabs tool />
            <div
                class="tool-panel"
                role="tabpanel"
                id=TOOL_PANEL_ID
                aria-labelledby=move || tab_id(tool.get())
            >
                {panels}
            </div>
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
