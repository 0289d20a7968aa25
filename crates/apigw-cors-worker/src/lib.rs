//! The page's web worker: the template importer, the request simulator and the reader of
//! pasted console messages. It is a wasm module of its own so that the YAML parser, the
//! simulator and the message reader are downloaded only when someone opens the page's import
//! panel or its "Test a request" panel, or types in its "Explain an error" box (the panels
//! share one instance).
//!
//! The messages it takes and answers, and their version, are defined in the library with the
//! page's side of them ([`WorkerRequest`], [`WorkerAnswer`]). It renders the results as HTML
//! ready to show ([`view`], [`sim_view`], [`explain_view`]), so the page links neither a JSON reader nor the
//! markup code.

pub mod explain_view;
pub mod sim_view;
pub mod view;

use apigw_cors::{
    check, encode_fragment, explain, import_template, simulate, Import, ImportAnswer, ImportedApi,
    SimulationAnswer, UnreadableSimulation, WorkerAnswer, WorkerRequest, WORKER_PROTOCOL,
};

/// Templates longer than this are refused (real ones are a few hundred kilobytes at most).
pub const MAX_TEMPLATE_LEN: usize = 4 * 1024 * 1024;

/// The message that says the worker is ready.
pub fn ready() -> String {
    WorkerAnswer::Ready {
        protocol: WORKER_PROTOCOL,
    }
    .to_json()
}

/// The answer to request `id`: what [`import_template`] finds in `template`.
pub fn answer(id: u32, template: &str) -> String {
    if template.len() > MAX_TEMPLATE_LEN {
        let message = format!(
            "the template is larger than {} MB; paste only the API's part of it",
            MAX_TEMPLATE_LEN / (1024 * 1024)
        );
        return WorkerAnswer::Error { id, message }.to_json();
    }
    match import_template(template) {
        Ok(import) => found(id, &import).to_json(),
        Err(error) => WorkerAnswer::Error {
            id,
            message: error.to_string(),
        }
        .to_json(),
    }
}

/// The answer to request `id`: the simulation of `request` (JSON) against `deployment` (JSON)
/// with the configuration in `config` (a link fragment).
pub fn simulation(id: u32, config: &str, request: &str, deployment: &str) -> String {
    let error = |message: &str| {
        WorkerAnswer::Error {
            id,
            message: message.to_owned(),
        }
        .to_json()
    };
    let (config, request, deployment) =
        match WorkerRequest::read_simulation(config, request, deployment) {
            Ok(read) => read,
            Err(UnreadableSimulation::Config) => {
                return error("the configuration to simulate could not be read")
            }
            Err(UnreadableSimulation::Request) => {
                return error("the request to simulate could not be read")
            }
        };
    let Some(config) = check(&config).config else {
        return error("the configuration to simulate is not valid");
    };
    let sim = simulate(&config, &request, &deployment);
    WorkerAnswer::Simulation {
        id,
        result: SimulationAnswer {
            allowed: sim.allowed,
            preflight_sent: sim.preflight.is_some(),
            failing_step: sim.failing_step.clone(),
            status: sim_view::verdict_sentence(&sim),
            html: sim_view::results_html(&sim),
        },
    }
    .to_json()
}

/// The answer to request `id`: the explanation of `text`, a pasted console message, with the
/// fixes for `tool` (a [`apigw_cors::DeployTool::id`]).
pub fn explanation(id: u32, tool: &str, text: &str) -> String {
    match WorkerRequest::read_tool(tool) {
        Ok(tool) => WorkerAnswer::Explanation {
            id,
            html: explain_view::explanation_html(&explain(text, tool)),
        },
        Err(unknown) => WorkerAnswer::Error {
            id,
            message: format!("the message could not be explained: {unknown}"),
        },
    }
    .to_json()
}

/// The answer to a message of the page, posted as `[kind, id, fields…]`; `None` for one it
/// does not know, which has no id to answer.
pub fn respond(kind: &str, id: u32, fields: Vec<String>) -> Option<String> {
    Some(match WorkerRequest::from_parts(kind, id, fields)? {
        WorkerRequest::Import { id, template } => answer(id, &template),
        WorkerRequest::Simulate {
            id,
            config,
            request,
            deployment,
        } => simulation(id, &config, &request, &deployment),
        WorkerRequest::Explain { id, tool, text } => explanation(id, &tool, &text),
    })
}

fn found(id: u32, import: &Import) -> WorkerAnswer {
    let apis = import
        .apis
        .iter()
        .map(|api| ImportedApi {
            logical_id: api.logical_id.clone(),
            config: encode_fragment(&api.config),
            html: view::detail(api),
        })
        .collect();
    WorkerAnswer::Import {
        id,
        found: ImportAnswer {
            choices: view::choices(import),
            apis,
        },
    }
}

#[cfg(target_arch = "wasm32")]
mod worker {
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

    /// Runs when the loader has instantiated the module: listen, then say so.
    #[wasm_bindgen(start)]
    fn start() {
        let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
        let reply = scope.clone();
        let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
            let request = js_sys::Array::from(&event.data());
            let kind = request.get(0).as_string().unwrap_or_default();
            let id = request.get(1).as_f64().unwrap_or(0.0) as u32;
            let fields: Vec<String> = request
                .iter()
                .skip(2)
                .map(|field| field.as_string().unwrap_or_default())
                .collect();
            if let Some(answer) = super::respond(&kind, id, fields) {
                let _ = reply.post_message(&JsValue::from_str(&answer));
            }
        });
        scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        // The handler lives as long as the worker.
        on_message.forget();
        let _ = scope.post_message(&JsValue::from_str(&super::ready()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use apigw_cors::{decode_fragment, ApiType, BrowserRequest, CorsConfig, Deployment};
    use serde_json::{json, Value};

    fn parse(text: &str) -> Value {
        serde_json::from_str(text).expect("every answer is JSON")
    }

    #[test]
    fn ready_names_the_protocol() {
        assert_eq!(ready(), r#"{"kind":"ready","protocol":3}"#);
    }

    #[test]
    fn an_import_carries_every_api_with_its_config_and_view() {
        let template = "\
Resources:
  MyApi:
    Type: AWS::Serverless::HttpApi
    Properties:
      CorsConfiguration:
        AllowOrigins: [https://app.example.com]
        AllowMethods: [GET]
        MaxAge: !Ref Age
";
        let import = import_template(template).unwrap();
        let answer = parse(&answer(7, template));
        assert_eq!(
            answer,
            json!({
                "kind": "import",
                "id": 7,
                "choices": view::choices(&import),
                "apis": [{
                    "logicalId": "MyApi",
                    "config": encode_fragment(&import.apis[0].config),
                    "html": view::detail(&import.apis[0]),
                }],
            })
        );
        let config = decode_fragment(answer["apis"][0]["config"].as_str().unwrap()).unwrap();
        assert_eq!(
            config,
            CorsConfig {
                api_type: ApiType::Http,
                allow_origins: vec!["https://app.example.com".into()],
                allow_methods: vec!["GET".into()],
                allow_headers: vec![],
                expose_headers: vec![],
                max_age: None,
                allow_credentials: false,
                authorizer_header: None,
                api_key_required: false,
                payload_format_version: None,
            }
        );
    }

    #[test]
    fn a_template_that_cannot_be_read_is_an_error_with_the_reason() {
        assert_eq!(
            parse(&answer(3, "- just\n- a list\n")),
            json!({
                "kind": "error",
                "id": 3,
                "message": "this is not a SAM or CloudFormation template: expected a mapping with Resources (or Globals) at the top",
            })
        );
        let broken = parse(&answer(4, "Resources: [\n"));
        assert_eq!(broken["kind"], "error");
        assert!(broken["message"]
            .as_str()
            .unwrap()
            .starts_with("the template is not valid YAML or JSON: "));
    }

    #[test]
    fn an_oversized_template_is_refused_before_parsing() {
        let huge = "#".repeat(MAX_TEMPLATE_LEN + 1);
        assert_eq!(
            parse(&answer(1, &huge)),
            json!({
                "kind": "error",
                "id": 1,
                "message": "the template is larger than 4 MB; paste only the API's part of it",
            })
        );
    }

    const HTTP: &str =
        r#"{"apiType":"http","allowOrigins":["https://app.example.com"],"allowMethods":["GET"]}"#;

    fn fragment(json: &str) -> String {
        encode_fragment(&CorsConfig::from_json(json).unwrap())
    }

    #[test]
    fn a_simulation_carries_the_verdict_and_the_view() {
        let request = BrowserRequest::new("https://app.example.com", "PUT");
        let config = check(&CorsConfig::from_json(HTTP).unwrap()).config.unwrap();
        let deployment = Deployment::for_config(&config);
        let sim = simulate(&config, &request, &deployment);
        let answer = respond(
            "simulate",
            9,
            vec![
                fragment(HTTP),
                serde_json::to_string(&request).unwrap(),
                serde_json::to_string(&deployment).unwrap(),
            ],
        )
        .unwrap();
        assert_eq!(
            parse(&answer),
            json!({
                "kind": "simulation",
                "id": 9,
                "allowed": false,
                "preflightSent": true,
                "failingStep": "preflight-response",
                "status": sim_view::verdict_sentence(&sim),
                "html": sim_view::results_html(&sim),
            })
        );
        let allowed = parse(&simulation(
            10,
            &fragment(HTTP),
            &serde_json::to_string(&BrowserRequest::new("https://app.example.com", "GET")).unwrap(),
            &serde_json::to_string(&deployment).unwrap(),
        ));
        assert_eq!(allowed["allowed"], true);
        assert_eq!(allowed["preflightSent"], false);
        assert_eq!(allowed["failingStep"], Value::Null);
    }

    #[test]
    fn a_simulation_request_that_cannot_be_read_is_an_error() {
        let deployment = r#"{"tool":"generated","authorizer":"none","api_key_required":false,"gateway_responses":false}"#;
        let request = serde_json::to_string(&BrowserRequest::new("https://a.com", "GET")).unwrap();
        let invalid = fragment(r#"{"apiType":"http","allowOrigins":["https://a.com/"]}"#);
        assert_eq!(
            parse(&simulation(1, "%%%", &request, deployment))["message"],
            "the configuration to simulate could not be read"
        );
        assert_eq!(
            parse(&simulation(2, &invalid, &request, deployment))["message"],
            "the configuration to simulate is not valid"
        );
        assert_eq!(
            parse(&simulation(3, &fragment(HTTP), "{}", deployment)),
            json!({"kind": "error", "id": 3, "message": "the request to simulate could not be read"})
        );
    }

    #[test]
    fn an_explanation_carries_the_view_for_the_tool() {
        let message = "Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at https://abc123.execute-api.us-east-1.amazonaws.com/prod/items. (Reason: CORS preflight response did not succeed). Status code: 401.";
        let expected = explain(message, apigw_cors::DeployTool::CdkPython);
        assert!(expected.recognised());
        assert_eq!(
            parse(&explanation(11, "cdk-python", message)),
            json!({
                "kind": "explanation",
                "id": 11,
                "html": explain_view::explanation_html(&expected),
            })
        );
    }

    #[test]
    fn an_explanation_for_an_unknown_tool_is_an_error_that_lists_the_tools() {
        assert_eq!(
            parse(&explanation(12, "pulumi", "anything")),
            json!({
                "kind": "error",
                "id": 12,
                "message": "the message could not be explained: unknown tool \"pulumi\"; the tools are: sam, cdk, cdk-python, cloudformation, openapi, terraform, serverless, aws-cli",
            })
        );
    }

    #[test]
    fn messages_are_dispatched_by_kind_and_unknown_ones_ignored() {
        assert_eq!(
            respond("import", 4, vec!["- a\n".to_owned()]),
            Some(answer(4, "- a\n"))
        );
        assert_eq!(respond("import", 4, vec![]), None);
        assert_eq!(
            respond("explain", 5, vec!["sam".to_owned(), "text".to_owned()]),
            Some(explanation(5, "sam", "text"))
        );
        assert_eq!(respond("export", 4, vec!["x".to_owned()]), None);
    }
}
