//! The template importer as a web worker. It is a wasm module of its own so that the YAML parser
//! is downloaded only when someone opens the page's import panel.
//!
//! The page posts `[id, template text]`; every answer is one JSON text:
//!
//! - `{"kind":"ready","protocol":1}` once, when the worker can take templates (messages posted
//!   before it would be lost while the wasm loads, so the page waits for it);
//! - `{"kind":"import","id":N,"choices":HTML,"apis":[{"logicalId","config","html"}]}`: every API
//!   found, with its configuration as a link fragment (`apigw_cors::encode_fragment`, which the
//!   page already reads) and, in HTML ready to show, the choice between the APIs and each API's
//!   settings, template paths and findings (see [`view`]);
//! - `{"kind":"error","id":N,"message":"…"}`: the template could not be read.
//!
//! `id` is the page's request number, so it can ignore an answer it no longer waits for. The
//! page reads these with the browser's `JSON.parse`, so it links neither a JSON reader nor the
//! markup code.

pub mod view;

use apigw_cors::{encode_fragment, import_template, Import};
use serde::Serialize;

/// The version of the messages above; the page refuses a worker that speaks another one (a
/// stale cached copy).
pub const PROTOCOL: u32 = 1;

/// Templates longer than this are refused (real ones are a few hundred kilobytes at most).
pub const MAX_TEMPLATE_LEN: usize = 4 * 1024 * 1024;

#[derive(Serialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
enum Answer {
    Ready {
        protocol: u32,
    },
    Import {
        id: u32,
        choices: String,
        apis: Vec<ApiAnswer>,
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
            let id = request.get(0).as_f64().unwrap_or(0.0) as u32;
            let template = request.get(1).as_string().unwrap_or_default();
            let _ = reply.post_message(&JsValue::from_str(&super::answer(id, &template)));
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
        assert_eq!(ready(), r#"{"kind":"ready","protocol":1}"#);
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
}
