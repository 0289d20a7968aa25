//! The page's web worker: the template importer and the request simulator. It is a wasm module
//! of its own so that the YAML parser and the simulator are downloaded only when someone opens
//! the page's import panel or its "Test a request" panel (both panels share one instance).
//!
//! The page posts one of
//!
//! - `["import", id, template text]`;
//! - `["simulate", id, config, request, deployment]`: the configuration as a link fragment
//!   (`apigw_cors::encode_fragment`), the [`BrowserRequest`] and the [`Deployment`] as JSON.
//!
//! Every answer is one JSON text:
//!
//! - `{"kind":"ready","protocol":2}` once, when the worker can take requests (messages posted
//!   before it would be lost while the wasm loads, so the page waits for it);
//! - `{"kind":"import","id":N,"choices":HTML,"apis":[{"logicalId","config","html"}]}`: every API
//!   found, with its configuration as a link fragment (`apigw_cors::encode_fragment`, which the
//!   page already reads) and, in HTML ready to show, the choice between the APIs and each API's
//!   settings, template paths and findings (see [`view`]);
//! - `{"kind":"simulation","id":N,"allowed":bool,"preflightSent":bool,"failingStep":"…"|null,
//!   "status":"…","html":"…"}`: what [`simulate`] says, with a sentence for the screen-reader
//!   status and the results as HTML ready to show (see [`sim_view`]);
//! - `{"kind":"error","id":N,"message":"…"}`: the template could not be read, or the request
//!   to simulate was not understood.
//!
//! `id` is the page's request number, so it can ignore an answer it no longer waits for. The
//! page reads these with the browser's `JSON.parse`, so it links neither a JSON reader nor the
//! markup code.

pub mod sim_view;
pub mod view;

use apigw_cors::{
    check, decode_fragment, encode_fragment, import_template, simulate, BrowserRequest, Deployment,
    Import,
};
use serde::Serialize;

/// The version of the messages above; the page refuses a worker that speaks another one (a
/// stale cached copy).
pub const PROTOCOL: u32 = 2;

/// Templates longer than this are refused (real ones are a few hundred kilobytes at most).
pub const MAX_TEMPLATE_LEN: usize = 4 * 1024 * 1024;

#[derive(Serialize)]
#[serde(
    tag = "kind",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
enum Answer {
    Ready {
        protocol: u32,
    },
    Import {
        id: u32,
        choices: String,
        apis: Vec<ApiAnswer>,
    },
    Simulation {
        id: u32,
        allowed: bool,
        preflight_sent: bool,
        failing_step: Option<String>,
        status: String,
        html: String,
    },
    Error {
        id: u32,
        message: String,
    },
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ApiAnswer {
    logical_id: String,
    config: String,
    html: String,
}

/// The message that says the worker is ready.
pub fn ready() -> String {
    to_json(&Answer::Ready { protocol: PROTOCOL })
}

/// The answer to request `id`: what [`import_template`] finds in `template`.
pub fn answer(id: u32, template: &str) -> String {
    if template.len() > MAX_TEMPLATE_LEN {
        let message = format!(
            "the template is larger than {} MB; paste only the API's part of it",
            MAX_TEMPLATE_LEN / (1024 * 1024)
        );
        return to_json(&Answer::Error { id, message });
    }
    match import_template(template) {
        Ok(import) => to_json(&found(id, &import)),
        Err(error) => to_json(&Answer::Error {
            id,
            message: error.to_string(),
        }),
    }
}

/// The answer to request `id`: the simulation of `request` (JSON) against `deployment` (JSON)
/// with the configuration in `config` (a link fragment).
pub fn simulation(id: u32, config: &str, request: &str, deployment: &str) -> String {
    let error = |message: &str| {
        to_json(&Answer::Error {
            id,
            message: message.to_owned(),
        })
    };
    let Ok(config) = decode_fragment(config) else {
        return error("the configuration to simulate could not be read");
    };
    let Some(config) = check(&config).config else {
        return error("the configuration to simulate is not valid");
    };
    let (Ok(request), Ok(deployment)) = (
        serde_json::from_str::<BrowserRequest>(request),
        serde_json::from_str::<Deployment>(deployment),
    ) else {
        return error("the request to simulate could not be read");
    };
    let sim = simulate(&config, &request, &deployment);
    to_json(&Answer::Simulation {
        id,
        allowed: sim.allowed,
        preflight_sent: sim.preflight.is_some(),
        failing_step: sim.failing_step.clone(),
        status: sim_view::verdict_sentence(&sim),
        html: sim_view::results_html(&sim),
    })
}

/// The answer to a message of the page (see the crate's documentation); `None` for one it does
/// not know, which has no id to answer.
pub fn respond(kind: &str, id: u32, fields: &[String]) -> Option<String> {
    match (kind, fields) {
        ("import", [template]) => Some(answer(id, template)),
        ("simulate", [config, request, deployment]) => {
            Some(simulation(id, config, request, deployment))
        }
        _ => None,
    }
}

fn found(id: u32, import: &Import) -> Answer {
    let apis = import
        .apis
        .iter()
        .map(|api| ApiAnswer {
            logical_id: api.logical_id.clone(),
            config: encode_fragment(&api.config),
            html: view::detail(api),
        })
        .collect();
    Answer::Import {
        id,
        choices: view::choices(import),
        apis,
    }
}

fn to_json(answer: &Answer) -> String {
    // Plain strings and numbers only: serializing cannot fail.
    serde_json::to_string(answer).unwrap_or_default()
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
            if let Some(answer) = super::respond(&kind, id, &fields) {
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
    use apigw_cors::{decode_fragment, ApiType, CorsConfig};
    use serde_json::{json, Value};

    fn parse(text: &str) -> Value {
        serde_json::from_str(text).expect("every answer is JSON")
    }

    #[test]
    fn ready_names_the_protocol() {
        assert_eq!(ready(), r#"{"kind":"ready","protocol":2}"#);
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
            &[
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
    fn messages_are_dispatched_by_kind_and_unknown_ones_ignored() {
        assert_eq!(
            respond("import", 4, &["- a\n".to_owned()]),
            Some(answer(4, "- a\n"))
        );
        assert_eq!(respond("import", 4, &[]), None);
        assert_eq!(respond("export", 4, &["x".to_owned()]), None);
    }
}
