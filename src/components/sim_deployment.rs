//! The deployment facts that change API Gateway's answers: the tool that set up CORS, the
//! authorizer's placement, the API key and gateway responses.

use super::checkbox::Checkbox;
use crate::sim_input::{
    authorizer_named, authorizer_value, tool_named, SimInput, AUTHORIZER_PLACEMENTS,
};
use apigw_cors::{ApiType, AuthorizerPlacement, Deployment, Report, Tool};
use leptos::prelude::*;

fn tool_label(tool: Tool) -> &'static str {
    match tool {
        Tool::Generated => "This page's SAM template",
        Tool::Sam => "SAM Cors, defaults kept",
        Tool::Cdk => "CDK",
        Tool::Console => "Console: Enable CORS",
        Tool::None => "No CORS set up",
    }
}

fn authorizer_label(placement: AuthorizerPlacement) -> &'static str {
    match placement {
        AuthorizerPlacement::None => "None",
        AuthorizerPlacement::Route => "On the routes or methods",
        AuthorizerPlacement::DefaultRoute => "On $default or ANY (also catches OPTIONS)",
    }
}

/// Tool, authorizer, and for REST APIs the API key and gateway responses; each starts from the
/// configuration's defaults.
#[component]
pub fn SimDeploymentFields(input: RwSignal<SimInput>, report: Memo<Report>) -> impl IntoView {
    let deployment = Memo::new(move |_| {
        report.with(|r| r.config.as_ref().map(|c| input.with(|i| i.deployment(c))))
    });
    let shown = move |read: fn(&Deployment) -> bool| {
        move || deployment.with(|d| d.as_ref().is_some_and(read))
    };
    let not_rest = move || {
        report.with(|r| {
            r.config
                .as_ref()
                .is_none_or(|c| c.api_type != ApiType::Rest)
        })
    };
    let tools = Tool::ALL
        .map(|t| view! { <option value=t.as_str()>{tool_label(t)}</option> })
        .collect_view();
    let placements = AUTHORIZER_PLACEMENTS
        .map(|(p, value)| view! { <option value=value>{authorizer_label(p)}</option> })
        .collect_view();
    view! {
        <fieldset class="field sim-deployment">
            <legend>"Deployment"</legend>
            <label class="sub" for="sim-tool">"CORS set up by"</label>
            <select
                id="sim-tool"
                data-testid="sim-tool"
                prop:value=move || deployment.with(|d| d.map_or("generated", |d| d.tool.as_str()))
                on:change:target=move |ev| {
                    let tool = tool_named(&ev.target().value());
                    input.update(|i| i.tool = Some(tool));
                }
            >
                {tools}
            </select>
            <label class="sub" for="sim-authorizer">"Authorizer"</label>
            <select
                id="sim-authorizer"
                data-testid="sim-authorizer"
                prop:value=move || {
                    deployment.with(|d| d.map_or("none", |d| authorizer_value(d.authorizer)))
                }
                on:change:target=move |ev| {
                    let placement = authorizer_named(&ev.target().value());
                    input.update(|i| i.authorizer = Some(placement));
                }
            >
                {placements}
            </select>
            <div class="choices sim-rest" hidden=not_rest>
                <Checkbox
                    id="sim-api-key"
                    checked=shown(|d| d.api_key_required)
                    on_toggle=move |on| input.update(|i| i.api_key = Some(on))
                >
                    "API key required"
                </Checkbox>
                <Checkbox
                    id="sim-gateway-responses"
                    checked=shown(|d| d.gateway_responses)
                    on_toggle=move |on| input.update(|i| i.gateway_responses = on)
                >
                    "Gateway responses with CORS headers"
                </Checkbox>
            </div>
        </fieldset>
    }
}
