//! The simulator against the generated handlers: for REST configurations deployed with the
//! generated SAM template (`Tool::Generated`), every exchange the simulator reports as the
//! function's answer is sent, as an API Gateway event, to the real `lambda-node` and
//! `lambda-python` handlers, and their answers must be the simulator's: the same status, the
//! same headers in the same order, the same body.

use super::{rest_event, run_plan, Language, NODE, PYTHON};
use crate::common::case_dir;
use apigw_cors::{
    render, simulate, validate, BrowserRequest, CorsConfig, CredentialsMode, Deployment,
    HttpRequest, HttpResponse, Target, ValidCorsConfig,
};
use serde::de::{Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use serde_json::{json, Map, Value};
use std::fmt;

const DISALLOWED: &str = "https://not-allowed.example";

/// REST configurations: one origin, several, `*`, credentials, expose headers, max age 0, an
/// authorizer header, an API key, methods `*`.
const CONFIGS: [(&str, &str); 9] = [
    (
        "one-origin",
        r#"{"allowOrigins": ["https://app.example.com"], "allowMethods": ["GET", "PUT", "DELETE"],
            "allowHeaders": ["Content-Type"]}"#,
    ),
    (
        "several-origins",
        r#"{"allowOrigins": ["https://app.example.com", "https://admin.example.com", "http://localhost:3000"],
            "allowMethods": ["GET", "PUT", "DELETE"], "allowHeaders": ["Content-Type"], "maxAge": 600}"#,
    ),
    (
        "any-origin",
        r#"{"allowOrigins": ["*"], "allowMethods": ["GET", "PUT", "DELETE"], "allowHeaders": ["Content-Type"]}"#,
    ),
    (
        "credentials",
        r#"{"allowOrigins": ["https://app.example.com", "https://admin.example.com"],
            "allowMethods": ["GET", "PUT", "DELETE"], "allowHeaders": ["Content-Type"], "allowCredentials": true}"#,
    ),
    (
        "expose-headers",
        r#"{"allowOrigins": ["https://app.example.com"], "allowMethods": ["GET", "PUT", "DELETE"],
            "allowHeaders": ["Content-Type"], "exposeHeaders": ["X-Request-Id", "ETag"]}"#,
    ),
    (
        "max-age-0",
        r#"{"allowOrigins": ["https://app.example.com", "http://localhost:3000"],
            "allowMethods": ["GET", "PUT", "DELETE"], "allowHeaders": ["Content-Type"], "maxAge": 0}"#,
    ),
    (
        "authorizer",
        r#"{"allowOrigins": ["https://app.example.com", "https://admin.example.com"],
            "allowMethods": ["GET", "PUT", "DELETE"], "allowHeaders": ["Content-Type", "X-Token"],
            "authorizerHeader": "X-Token", "allowCredentials": true, "exposeHeaders": ["ETag"]}"#,
    ),
    (
        "api-key",
        r#"{"allowOrigins": ["https://app.example.com", "http://localhost:3000"],
            "allowMethods": ["GET", "PUT", "DELETE"], "allowHeaders": ["Content-Type", "X-Api-Key"],
            "apiKeyRequired": true}"#,
    ),
    (
        "methods-any",
        r#"{"allowOrigins": ["https://app.example.com", "https://admin.example.com"],
            "allowMethods": ["*"], "allowHeaders": ["Content-Type"], "maxAge": 300}"#,
    ),
];

fn rest_config(json: &str) -> ValidCorsConfig {
    let mut value: Value = serde_json::from_str(json).unwrap();
    value["apiType"] = json!("rest");
    let config = CorsConfig::from_json(&value.to_string()).unwrap();
    validate(&config).unwrap().config
}

/// The page's requests: from every allowed origin (two for `*`) and from a disallowed one, a
/// simple GET, a simple POST of text, a preflighted PUT of JSON and a preflighted DELETE; with
/// the authorizer's token and the API key (which make every request preflighted) when the
/// configuration needs them, and credentials when it allows them.
fn requests(config: &ValidCorsConfig) -> Vec<BrowserRequest> {
    let mut origins: Vec<String> = if config.origins.is_any() {
        vec!["https://example.com".into(), "http://localhost:3000".into()]
    } else {
        config
            .origins
            .values()
            .iter()
            .map(|o| o.to_string())
            .collect()
    };
    origins.push(DISALLOWED.into());
    let mut requests = Vec::new();
    for origin in &origins {
        for (method, content_type) in [
            ("GET", None),
            ("POST", Some("text/plain")),
            ("PUT", Some("application/json")),
            ("DELETE", None),
        ] {
            let mut request = BrowserRequest::new(origin, method);
            if let Some(content_type) = content_type {
                request = request.header("Content-Type", content_type);
            }
            if let Some(token) = &config.authorizer_header {
                request = request.header(token, "allow");
            }
            if config.api_key_required {
                request = request.header("x-api-key", "key");
            }
            if config.allow_credentials {
                request = request.credentials(CredentialsMode::Include);
            }
            requests.push(request);
        }
    }
    requests
}

/// One exchange the generated function answered, as the simulator reports it.
struct Answered {
    label: String,
    request: HttpRequest,
    response: HttpResponse,
}

/// The exchanges of `request`'s simulation that reach the function: the actual request when it
/// is sent, and the preflight when the generated template routes OPTIONS to the function.
fn answered(
    config: &ValidCorsConfig,
    request: &BrowserRequest,
    preflight_to_function: bool,
) -> Vec<Answered> {
    let sim = simulate(config, request, &Deployment::for_config(config));
    let what = format!("{} from {}", request.method, request.page_origin);
    let mut answered = Vec::new();
    if let Some(preflight) = sim.preflight.filter(|_| preflight_to_function) {
        answered.push(Answered {
            label: format!("preflight of {what}"),
            request: preflight.request,
            response: preflight.response,
        });
    }
    if let (Some(request), Some(response)) = (sim.actual.request, sim.actual.response) {
        answered.push(Answered {
            label: what,
            request,
            response,
        });
    }
    answered
}

/// A handler's proxy response, with its headers in the order the handler wrote them.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct ProxyResponse {
    status_code: u16,
    #[serde(default)]
    headers: OrderedHeaders,
    body: String,
}

#[derive(Default)]
struct OrderedHeaders(Vec<(String, String)>);

impl<'de> Deserialize<'de> for OrderedHeaders {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct InOrder;
        impl<'de> Visitor<'de> for InOrder {
            type Value = OrderedHeaders;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object of header names to strings")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut headers = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    headers.push(entry);
                }
                Ok(OrderedHeaders(headers))
            }
        }
        deserializer.deserialize_map(InOrder)
    }
}

fn event(request: &HttpRequest) -> Value {
    let headers: Map<String, Value> = request
        .headers
        .iter()
        .map(|(name, value)| (name.clone(), json!(value)))
        .collect();
    rest_event(&request.method, Some(Value::Object(headers)))
}

/// Runs every configuration's handler in `language` on its answered exchanges and asserts the
/// simulator's answers; returns how many exchanges were compared per configuration.
fn compare(language: &Language, cases: &[(&str, ValidCorsConfig, Vec<Answered>)]) -> Vec<usize> {
    let dir = case_dir(&format!("differential-{}", language.program));
    let plan: Vec<Value> = cases
        .iter()
        .map(|(name, config, answered)| {
            let module = dir.join(name).join(language.file);
            std::fs::create_dir_all(module.parent().unwrap()).unwrap();
            std::fs::write(&module, render(language.target, config)).unwrap();
            json!({
                "module": module.canonicalize().unwrap(),
                "events": answered.iter().map(|a| event(&a.request)).collect::<Vec<_>>(),
            })
        })
        .collect();
    let output = run_plan(language, &dir, &plan);
    let responses: Vec<Vec<ProxyResponse>> =
        serde_json::from_slice(&output).expect("the driver prints proxy responses");
    assert_eq!(responses.len(), cases.len());
    let mut counts = Vec::new();
    for ((name, _, answered), responses) in cases.iter().zip(responses) {
        assert_eq!(responses.len(), answered.len(), "{name}");
        for (exchange, handler) in answered.iter().zip(&responses) {
            let context = format!("{} {name}: {}", language.program, exchange.label);
            let simulated = &exchange.response;
            assert_eq!(handler.status_code, simulated.status, "{context}");
            assert_eq!(handler.headers.0, simulated.headers, "{context}");
            assert_eq!(
                handler.body,
                simulated.body.clone().unwrap_or_default(),
                "{context}"
            );
        }
        counts.push(answered.len());
    }
    counts
}

#[test]
fn the_simulator_reports_what_the_generated_handlers_return() {
    let mut cases = Vec::new();
    let mut requests_sent = 0;
    for (name, json) in CONFIGS {
        let config = rest_config(json);
        // The generated template sends OPTIONS to the function only when it has an OPTIONS
        // event; otherwise SAM's mock answers the preflight.
        let preflight_to_function =
            render(Target::SamTemplate, &config).contains("Method: OPTIONS");
        let requests = requests(&config);
        assert!(requests.len() >= 6, "{name}");
        requests_sent += requests.len();
        let answered: Vec<Answered> = requests
            .iter()
            .flat_map(|r| answered(&config, r, preflight_to_function))
            .collect();
        cases.push((name, config, answered));
    }
    let mut total = 0;
    for language in [&NODE, &PYTHON] {
        let counts = compare(language, &cases);
        for ((name, _, _), count) in cases.iter().zip(&counts) {
            assert!(
                *count >= 6,
                "{}: {name}: only {count} exchanges",
                language.program
            );
        }
        total += counts.iter().sum::<usize>();
    }
    eprintln!(
        "differential: {} REST configurations, {requests_sent} simulated requests, \
         {total} exchanges compared with node and python3 (status, every header, body)",
        cases.len()
    );
    assert!(cases.len() >= 8);
    assert!(total >= 8 * 6 * 2, "only {total} exchanges compared");
}

/// The disallowed origin's preflight, spelled out: no CORS header, only `Vary: Origin`, 204,
/// no body, from the simulator and from both handlers.
#[test]
fn a_disallowed_preflight_gets_vary_only_everywhere() {
    let config = rest_config(CONFIGS[1].1);
    let request = BrowserRequest::new(DISALLOWED, "PUT").header("Content-Type", "application/json");
    let answered = answered(&config, &request, true);
    assert_eq!(
        answered.len(),
        1,
        "the preflight fails, so no actual request"
    );
    assert_eq!(
        answered[0].response,
        HttpResponse {
            status: 204,
            headers: vec![("Vary".into(), "Origin".into())],
            body: None,
        }
    );
    let cases = vec![("disallowed-preflight", config, answered)];
    for language in [&NODE, &PYTHON] {
        assert_eq!(compare(language, &cases), [1]);
    }
}
