//! SAM's APIs: `AWS::Serverless::Api` and `AWS::Serverless::HttpApi` resources and the implicit
//! APIs SAM creates from function events, each with the Globals merged in.

use super::tree::{Layered, Node};
use super::{http, rest, FoundApi, Template};
use crate::check::template::check_found_api;
use crate::diagnostic::Severity;
use crate::field::Field;
use crate::model::ApiType;
use crate::rule::Rule;

const REST_TYPE: &str = "AWS::Serverless::Api";
const HTTP_TYPE: &str = "AWS::Serverless::HttpApi";

/// A function event that creates or uses an API.
struct Event<'a> {
    api_type: ApiType,
    /// The API's logical id; `None` for the implicit API.
    api: Option<&'a str>,
    method: Option<String>,
    node: Node<'a>,
}

pub(super) fn apis(template: &Template) -> Vec<FoundApi> {
    let events = function_events(template);
    let mut apis = Vec::new();
    for (api_type, kind, section, implicit_id) in [
        (ApiType::Rest, REST_TYPE, "Api", "ServerlessRestApi"),
        (ApiType::Http, HTTP_TYPE, "HttpApi", "ServerlessHttpApi"),
    ] {
        let globals = template.global(section);
        let first_event = events
            .iter()
            .find(|event| event.api_type == api_type && event.api.is_none());
        // A pasted Globals section without functions still describes the implicit API, unless
        // the template has explicit APIs for the Globals to go to.
        let globals_alone = globals.is_some() && template.of_type(kind).next().is_none();
        if first_event.is_none() && !globals_alone {
            continue;
        }
        let path = match (&globals, first_event) {
            (Some(globals), _) => globals.path.clone(),
            (None, Some(event)) => event.node.path.clone(),
            (None, None) => continue,
        };
        let mut api = FoundApi::new(implicit_id, kind, &path, api_type);
        api.implicit = true;
        let methods = methods_of(&events, api_type, None);
        read(&mut api, None, globals, &methods);
        apis.push(api);
    }
    for (id, kind, node) in &template.resources {
        let (api_type, section) = match *kind {
            REST_TYPE => (ApiType::Rest, "Api"),
            HTTP_TYPE => (ApiType::Http, "HttpApi"),
            _ => continue,
        };
        let mut api = FoundApi::new(
            id,
            if api_type == ApiType::Rest {
                REST_TYPE
            } else {
                HTTP_TYPE
            },
            &node.path,
            api_type,
        );
        let methods = methods_of(&events, api_type, Some(id));
        read(
            &mut api,
            node.get("Properties"),
            template.global(section),
            &methods,
        );
        apis.push(api);
    }
    apis
}

fn read(api: &mut FoundApi, properties: Option<Node>, globals: Option<Node>, methods: &[String]) {
    let Some(merged) = Layered::new([properties, globals]) else {
        check_found_api(api);
        return;
    };
    match api.api_type {
        ApiType::Rest => {
            if let Some(wrong) = merged.get("CorsConfiguration") {
                rest::wrong_api_type_key(api, "CorsConfiguration", "Cors", wrong.node());
            }
            if let Some(cors) = merged.get("Cors") {
                rest::sam_cors(api, &cors, methods);
            }
            if let Some(auth) = merged.get("Auth") {
                rest::sam_auth(api, &auth);
            }
            rest::sam_gateway_responses(api, merged.get("GatewayResponses").as_ref());
        }
        ApiType::Http => {
            let configuration = merged.get("CorsConfiguration");
            if let Some(cors) = merged.get("Cors") {
                api.finding(
                    Rule::CorsUnderHttpapi,
                    Severity::Error,
                    cors.node(),
                    "an HTTP API takes CorsConfiguration, not Cors; SAM rejects the template ('Cors' is not a supported property of 'HttpApi') and so does cfn-lint (E3724)",
                    "rename Cors to CorsConfiguration and give it AllowOrigins, AllowMethods and AllowHeaders as lists",
                );
                if configuration.is_none() {
                    http::cors_configuration(api, &cors, true);
                }
            }
            if let Some(cors) = configuration {
                http::cors_configuration(api, &cors, true);
            }
            if let Some(auth) = merged.get("Auth") {
                http_authorizer(api, &auth);
            }
        }
    }
    check_found_api(api);
}

/// The header an HTTP API's default authorizer reads: a JWT authorizer's `IdentitySource`
/// (`$request.header.Authorization`) or a Lambda authorizer's `Identity.Headers`.
fn http_authorizer(api: &mut FoundApi, auth: &Layered) {
    let Some(default) = auth.get("DefaultAuthorizer") else {
        return;
    };
    let node = default.node().clone();
    if node.is_intrinsic() {
        api.unresolved_field(&[Field::AuthorizerHeader], "DefaultAuthorizer", &node);
        return;
    }
    let Some(name) = node.value.as_str().filter(|name| *name != "NONE") else {
        return;
    };
    let authorizer = auth.get("Authorizers").and_then(|all| all.get(name));
    let from_source = authorizer
        .as_ref()
        .and_then(|a| a.get("IdentitySource"))
        .and_then(|source| source.node().value.as_str().map(str::to_owned))
        .and_then(|source| source.strip_prefix("$request.header.").map(str::to_owned));
    let from_headers = authorizer
        .as_ref()
        .and_then(|a| a.get("Identity"))
        .and_then(|identity| identity.get("Headers"))
        .and_then(|headers| {
            headers
                .items()
                .first()
                .and_then(|h| h.value.as_str().map(str::to_owned))
        });
    api.setting(Field::AuthorizerHeader, &node);
    api.config.authorizer_header = Some(
        from_source
            .or(from_headers)
            .unwrap_or_else(|| "Authorization".to_owned()),
    );
}

fn function_events<'a>(template: &Template<'a>) -> Vec<Event<'a>> {
    let mut events = Vec::new();
    for (_, _, function) in template.of_type("AWS::Serverless::Function") {
        let Some(all) = function.get("Properties").and_then(|p| p.get("Events")) else {
            continue;
        };
        for (_, event) in all.entries() {
            let api_type = match event.get("Type").and_then(|t| t.value.as_str()) {
                Some("Api") => ApiType::Rest,
                Some("HttpApi") => ApiType::Http,
                _ => continue,
            };
            let properties = event.get("Properties");
            let id_key = if api_type == ApiType::Rest {
                "RestApiId"
            } else {
                "ApiId"
            };
            let api = properties
                .as_ref()
                .and_then(|p| p.get(id_key))
                .map(|id| id.reference().unwrap_or("?"));
            let method = properties
                .as_ref()
                .and_then(|p| p.get("Method"))
                .and_then(|m| m.value.as_str().map(str::to_ascii_uppercase));
            events.push(Event {
                api_type,
                api,
                method,
                node: event,
            });
        }
    }
    events
}

/// The methods of the events that use this API (`ANY` stands for all of them).
fn methods_of(events: &[Event], api_type: ApiType, api: Option<&str>) -> Vec<String> {
    let mut methods = Vec::new();
    for event in events
        .iter()
        .filter(|e| e.api_type == api_type && e.api == api)
    {
        match event.method.as_deref() {
            Some("ANY") => methods.extend(
                ["DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"].map(str::to_owned),
            ),
            Some(method) => methods.push(method.to_owned()),
            None => {}
        }
    }
    methods
}
