//! Plain CloudFormation: `AWS::ApiGateway::RestApi` with its OPTIONS mock methods and gateway
//! responses (as the console and the CDK create them), and `AWS::ApiGatewayV2::Api`.

use super::tree::{Layered, Node};
use super::{http, rest, FoundApi, Template};
use crate::check::template::check_found_api;
use crate::diagnostic::Severity;
use crate::model::ApiType;
use crate::rule::Rule;

const REST_API: &str = "AWS::ApiGateway::RestApi";
const HTTP_API: &str = "AWS::ApiGatewayV2::Api";

pub(super) fn apis(template: &Template) -> Vec<FoundApi> {
    let mut apis = Vec::new();
    for (id, kind, node) in &template.resources {
        match *kind {
            REST_API => apis.push(FoundApi::new(id, REST_API, &node.path, ApiType::Rest)),
            HTTP_API => {
                let properties = node.get("Properties");
                let protocol = properties
                    .as_ref()
                    .and_then(|p| p.get("ProtocolType"))
                    .and_then(|p| p.value.as_str().map(str::to_owned));
                if protocol.as_deref() == Some("WEBSOCKET") {
                    continue;
                }
                let mut api = FoundApi::new(id, HTTP_API, &node.path, ApiType::Http);
                let cors = properties.and_then(|p| p.get("CorsConfiguration"));
                if let Some(cors) = Layered::new([cors]) {
                    http::cors_configuration(&mut api, &cors, false);
                }
                check_found_api(&mut api);
                apis.push(api);
            }
            _ => {}
        }
    }
    read_rest_children(template, &mut apis);
    apis
}

/// Attaches OPTIONS methods and gateway responses to their REST API (by `RestApiId`).
fn read_rest_children(template: &Template, apis: &mut Vec<FoundApi>) {
    let mut options_read: Vec<String> = Vec::new();
    let mut with_responses: Vec<String> = Vec::new();
    for (_, kind, node) in &template.resources {
        let is_method = *kind == "AWS::ApiGateway::Method";
        if !is_method && *kind != "AWS::ApiGateway::GatewayResponse" {
            continue;
        }
        let properties = node.get("Properties");
        if is_method {
            let http_method = properties
                .as_ref()
                .and_then(|p| p.get("HttpMethod"))
                .and_then(|m| m.value.as_str().map(str::to_ascii_uppercase));
            if http_method.as_deref() != Some("OPTIONS") {
                continue;
            }
        }
        let Some(api) = owning_api(apis, properties.as_ref(), node) else {
            continue;
        };
        let id = api.logical_id.clone();
        if !is_method {
            rest::cfn_gateway_response(api, node);
            with_responses.push(id);
        } else if !options_read.contains(&id) {
            rest::options_method(api, node);
            options_read.push(id);
        } else {
            // Later OPTIONS methods: their errors and warnings count, their values are compared.
            let mut other = FoundApi::new(&id, REST_API, &node.path, ApiType::Rest);
            rest::options_method(&mut other, node);
            api.findings.extend(
                other
                    .findings
                    .into_iter()
                    .filter(|f| f.severity != Severity::Note),
            );
            if other.config != api.config {
                api.finding_at(
                    Rule::OptionsMethodsDiffer,
                    Severity::Note,
                    &node.path,
                    "this OPTIONS method answers with other values than the first one; the first one was loaded",
                    "give every OPTIONS method the same CORS headers",
                );
            }
        }
    }
    for api in apis.iter_mut().filter(|api| api.resource_type == REST_API) {
        if !with_responses.contains(&api.logical_id) {
            rest::no_gateway_responses(api);
        }
        check_found_api(api);
    }
}

/// The REST API a method or gateway response belongs to; an API that is not in the template
/// (or whose id is computed) gets an entry of its own, named by the reference.
fn owning_api<'a>(
    apis: &'a mut Vec<FoundApi>,
    properties: Option<&Node>,
    node: &Node,
) -> Option<&'a mut FoundApi> {
    let rest_api_id = properties?.get("RestApiId")?;
    let id = match rest_api_id.reference() {
        Some(id) => id.to_owned(),
        None => rest_api_id.shown(),
    };
    let index = match apis.iter().position(|api| api.logical_id == id) {
        Some(index) => index,
        None => {
            let mut api = FoundApi::new(&id, REST_API, &node.path, ApiType::Rest);
            if rest_api_id.reference().is_none() {
                api.unresolved("RestApiId", &rest_api_id);
            }
            apis.push(api);
            apis.len() - 1
        }
    };
    apis.get_mut(index)
}
