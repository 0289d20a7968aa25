//! The tool the user deploys with, as a tab list (the ARIA tabs pattern: arrow keys, Home and
//! End move and choose at once; only the chosen tab is in the tab order). The tools offered and
//! their order come from the library's table ([`DeployTool::ALL`]).

use crate::browser::focus;
use apigw_cors::DeployTool;
use leptos::prelude::*;

/// The id of the element the tabs control (the outputs' tab panel).
pub const TOOL_PANEL_ID: &str = "tool-panel";

/// The id of a tool's tab (the tab panel is labelled by the chosen one).
pub fn tab_id(tool: DeployTool) -> String {
    format!("tab-{}", tool.id())
}

/// The tools offered: every tool that has outputs of its own.
pub fn offered() -> impl Iterator<Item = DeployTool> {
    DeployTool::ALL
        .into_iter()
        .filter(|tool| !tool.own_targets().is_empty())
}

/// Where a key moves the choice from `current` among `tools`; `None` for any other key.
pub fn moved(tools: &[DeployTool], current: DeployTool, key: &str) -> Option<DeployTool> {
    let at = tools.iter().position(|&t| t == current).unwrap_or(0);
    let last = tools.len().checked_sub(1)?;
    let to = match key {
        "ArrowRight" => (at + 1) % tools.len(),
        "ArrowLeft" => at.checked_sub(1).unwrap_or(last),
        "Home" => 0,
        "End" => last,
        _ => return None,
    };
    tools.get(to).copied()
}

/// The tab list; choosing a tab sets `tool`.
#[component]
pub fn ToolTabs(tool: RwSignal<DeployTool>) -> impl IntoView {
    let tools: Vec<DeployTool> = offered().collect();
    let on_key = {
        let tools = tools.clone();
        move |event: leptos::ev::KeyboardEvent| {
            let Some(next) = moved(&tools, tool.get_untracked(), &event.key()) else {
                return;
            };
            event.prevent_default();
            tool.set(next);
            // The roving tab stop follows the choice.
            focus(&tab_id(next));
        }
    };
    let tabs = tools
        .into_iter()
        .map(|choice| {
            let selected = move || tool.get() == choice;
            view! {
                <button
                    type="button"
                    role="tab"
                    id=tab_id(choice)
                    data-testid=format!("tool-{}", choice.id())
                    aria-controls=TOOL_PANEL_ID
                    aria-selected=move || selected().to_string()
                    tabindex=move || if selected() { "0" } else { "-1" }
                    on:click=move |_| tool.set(choice)
                >
                    {choice.label()}
                </button>
            }
        })
        .collect_view();
    view! {
        <div class="tool-tabs" role="tablist" aria-label="The tool you deploy with" on:keydown=on_key>
            {tabs}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_tool_with_outputs_is_offered_in_the_tables_order() {
        let ids: Vec<&str> = offered().map(DeployTool::id).collect();
        assert_eq!(
            ids,
            [
                "sam",
                "cdk",
                "cdk-python",
                "cloudformation",
                "openapi",
                "terraform",
                "serverless",
                "aws-cli"
            ]
        );
    }

    #[test]
    fn arrows_wrap_and_home_and_end_go_to_the_ends() {
        let tools: Vec<DeployTool> = offered().collect();
        let cases = [
            (DeployTool::Sam, "ArrowRight", Some(DeployTool::Cdk)),
            (DeployTool::Sam, "ArrowLeft", Some(DeployTool::AwsCli)),
            (DeployTool::AwsCli, "ArrowRight", Some(DeployTool::Sam)),
            (DeployTool::Cdk, "ArrowLeft", Some(DeployTool::Sam)),
            (DeployTool::OpenApi, "Home", Some(DeployTool::Sam)),
            (DeployTool::OpenApi, "End", Some(DeployTool::AwsCli)),
            (DeployTool::OpenApi, "Enter", None),
            (DeployTool::OpenApi, "ArrowDown", None),
        ];
        for (from, key, to) in cases {
            assert_eq!(moved(&tools, from, key), to, "{from} {key}");
        }
        assert_eq!(moved(&[], DeployTool::Sam, "End"), None);
    }
}
