//! The generated Lambda code, run for real: every conformance configuration's `lambda-node` and
//! `lambda-python` handlers are executed by `node` and `python3` (drivers in `tests/handlers/`)
//! with API Gateway events, and each response is compared in full with what the configuration
//! demands. `lambda-response` must equal what the handler returns; the `curl` script must pass
//! `sh -n` and `shellcheck`, and run (against a stand-in `curl`) with exactly the expected calls.

mod common;
#[path = "handlers/differential.rs"]
mod differential;

use apigw_cors::{render, AllowedOrigins, ApiType, PayloadFormat, Target, ValidCorsConfig};
use common::{case_dir, conformance_cases, valid};
use serde_json::{json, Map, Value};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const DISALLOWED: &str = "https://not-allowed.example";

/// The configurations under test: every conformance case (both API types, one and several
/// origins, `*`, credentials with max-age and expose headers, patterns, payload format 1.0).
fn cases() -> Vec<(String, ValidCorsConfig)> {
    conformance_cases()
        .into_iter()
        .map(|(name, config)| (name, valid(&config)))
        .collect()
}

/// A request to send and the response the handler must give, body aside.
struct Exchange {
    label: String,
    event: Value,
    status: u64,
    /// `None`: the response must have no `headers` key.
    headers: Option<Map<String, Value>>,
    /// Whether the body is the example JSON (`{"items": []}`) rather than empty.
    json_body: bool,
}

// ---------------------------------------------------------------------------------------------
// Events, shaped like the ones API Gateway sends.

fn rest_event(method: &str, headers: Option<Value>) -> Value {
    let multi = headers.as_ref().map(|h| {
        Value::Object(
            h.as_object()
                .unwrap()
                .iter()
                .map(|(k, v)| (k.clone(), json!([v])))
                .collect(),
        )
    });
    json!({
        "resource": "/items",
        "path": "/items",
        "httpMethod": method,
        "headers": headers,
        "multiValueHeaders": multi,
        "queryStringParameters": null,
        "multiValueQueryStringParameters": null,
        "pathParameters": null,
        "stageVariables": null,
        "requestContext": {
            "resourcePath": "/items",
            "httpMethod": method,
            "path": "/prod/items",
            "stage": "prod",
            "requestId": "c6af9ac6-7b61-11e6-9a41-93e8deadbeef",
            "identity": { "sourceIp": "203.0.113.7" }
        },
        "body": null,
        "isBase64Encoded": false
    })
}

fn http_v1_event(method: &str, headers: Value) -> Value {
    let mut event = rest_event(method, Some(headers));
    event["version"] = json!("1.0");
    event
}

fn http_v2_event(method: &str, headers: Value) -> Value {
    json!({
        "version": "2.0",
        "routeKey": format!("{method} /items"),
        "rawPath": "/items",
        "rawQueryString": "",
        "headers": headers,
        "requestContext": {
            "accountId": "123456789012",
            "apiId": "a1b2c3d4e5",
            "domainName": "a1b2c3d4e5.execute-api.us-east-1.amazonaws.com",
            "http": {
                "method": method,
                "path": "/items",
                "protocol": "HTTP/1.1",
                "sourceIp": "203.0.113.7",
                "userAgent": "Mozilla/5.0"
            },
            "requestId": "JKJaXmPLvHcESHA=",
            "routeKey": format!("{method} /items"),
            "stage": "$default"
        },
        "isBase64Encoded": false
    })
}

// ---------------------------------------------------------------------------------------------
// What a REST handler must answer, written from the rules (not from the library's code).

fn sample_origin(config: &ValidCorsConfig) -> String {
    match config.origins.values()[0] {
        "*" | "https://*" => "https://example.com".into(),
        "http://*" => "http://localhost:3000".into(),
        origin => origin.into(),
    }
}

fn expected_rest_cors(
    config: &ValidCorsConfig,
    origin: Option<&str>,
    preflight: bool,
) -> Map<String, Value> {
    let mut headers = Map::new();
    let allow_origin = match &config.origins {
        AllowedOrigins::Any => "*".to_owned(),
        AllowedOrigins::List(list) => match origin {
            Some(origin) if list.iter().any(|allowed| allowed == origin) => origin.to_owned(),
            _ => {
                headers.insert("Vary".into(), json!("Origin"));
                return headers;
            }
        },
    };
    if allow_origin != "*" {
        headers.insert("Vary".into(), json!("Origin"));
    }
    headers.insert("Access-Control-Allow-Origin".into(), json!(allow_origin));
    if config.allow_credentials {
        headers.insert("Access-Control-Allow-Credentials".into(), json!("true"));
    }
    if !config.expose_headers.is_empty() {
        headers.insert(
            "Access-Control-Expose-Headers".into(),
            json!(config.expose_headers.join(",")),
        );
    }
    if preflight {
        headers.insert(
            "Access-Control-Allow-Methods".into(),
            json!(config.methods.names().join(",")),
        );
        if !config.allow_headers.is_empty() {
            headers.insert(
                "Access-Control-Allow-Headers".into(),
                json!(config.allow_headers.join(",")),
            );
        }
        if let Some(max_age) = config.max_age {
            headers.insert("Access-Control-Max-Age".into(), json!(max_age.to_string()));
        }
    }
    headers
}

fn with_content_type(mut headers: Map<String, Value>) -> Map<String, Value> {
    headers.insert("Content-Type".into(), json!("application/json"));
    headers
}

fn rest_exchanges(config: &ValidCorsConfig) -> Vec<Exchange> {
    let mut exchanges = Vec::new();
    let mut get = |label: String, origin: Option<&str>, headers: Option<Value>| {
        exchanges.push(Exchange {
            label,
            event: rest_event("GET", headers),
            status: 200,
            headers: Some(with_content_type(expected_rest_cors(config, origin, false))),
            json_body: true,
        });
    };
    let allowed: Vec<String> = match &config.origins {
        AllowedOrigins::Any => vec![sample_origin(config)],
        AllowedOrigins::List(list) => list.clone(),
    };
    for origin in &allowed {
        get(
            format!("GET from {origin} (header oRiGiN)"),
            Some(origin),
            Some(json!({
                "Host": "a1b2c3d4e5.execute-api.us-east-1.amazonaws.com",
                "oRiGiN": origin,
                "Accept": "application/json"
            })),
        );
    }
    get(
        format!("GET from {DISALLOWED}"),
        Some(DISALLOWED),
        Some(json!({ "Origin": DISALLOWED })),
    );
    let shouted = allowed[0].to_ascii_uppercase();
    get(
        format!("GET from {shouted} (not byte-equal to an allowed origin)"),
        Some(&shouted),
        Some(json!({ "ORIGIN": shouted })),
    );
    get("GET without any header (headers null)".into(), None, None);
    get(
        "GET without Origin".into(),
        None,
        Some(json!({ "Accept": "*/*" })),
    );

    let preflight_headers = |origin: &str| {
        json!({
            "origin": origin,
            "Access-Control-Request-Method": "PUT",
            "Access-Control-Request-Headers": "content-type"
        })
    };
    for (origin, label) in [(&allowed[0][..], "allowed"), (DISALLOWED, "disallowed")] {
        exchanges.push(Exchange {
            label: format!("OPTIONS preflight from {origin} ({label})"),
            event: rest_event("OPTIONS", Some(preflight_headers(origin))),
            status: 204,
            headers: Some(expected_rest_cors(config, Some(origin), true)),
            json_body: false,
        });
    }
    exchanges
}

/// HTTP APIs: API Gateway adds the CORS headers, so the function returns none, whatever the
/// request's origin.
fn http_exchanges(config: &ValidCorsConfig) -> Vec<Exchange> {
    let origin = sample_origin(config);
    let event = |method: &str, headers: Value| match config.payload_format {
        PayloadFormat::V2 => http_v2_event(method, headers),
        PayloadFormat::V1 => http_v1_event(method, headers),
    };
    let plain = || Some(with_content_type(Map::new()));
    vec![
        Exchange {
            label: format!("GET from {origin}"),
            event: event(
                "GET",
                json!({ "origin": origin, "accept": "application/json" }),
            ),
            status: 200,
            headers: plain(),
            json_body: true,
        },
        Exchange {
            label: format!("GET from {DISALLOWED}"),
            event: event("GET", json!({ "origin": DISALLOWED })),
            status: 200,
            headers: plain(),
            json_body: true,
        },
        Exchange {
            label: "OPTIONS through an explicit OPTIONS route".into(),
            event: event(
                "OPTIONS",
                json!({ "origin": origin, "access-control-request-method": "GET" }),
            ),
            status: 204,
            headers: None,
            json_body: false,
        },
    ]
}

fn exchanges(config: &ValidCorsConfig) -> Vec<Exchange> {
    match config.api_type {
        ApiType::Rest => rest_exchanges(config),
        ApiType::Http => http_exchanges(config),
    }
}

// ---------------------------------------------------------------------------------------------
// Running the handlers.

struct Language {
    program: &'static str,
    target: Target,
    file: &'static str,
    driver: &'static str,
    /// The example body as this language's JSON encoder writes it.
    json_body: &'static str,
}

const NODE: Language = Language {
    program: "node",
    target: Target::LambdaNode,
    file: "index.js",
    driver: "drive.js",
    json_body: r#"{"items":[]}"#,
};

const PYTHON: Language = Language {
    program: "python3",
    target: Target::LambdaPython,
    file: "index.py",
    driver: "drive.py",
    json_body: r#"{"items":[]}"#,
};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/handlers")
}

fn run(command: &mut Command) -> Output {
    let output = command
        .output()
        .unwrap_or_else(|e| panic!("cannot run {command:?} (is it installed?): {e}"));
    assert!(
        output.status.success(),
        "{command:?} failed: {}\n{}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

/// Writes every case's handler, runs all of them in one process, and returns the responses:
/// one list per case, one response per exchange.
fn run_handlers(
    language: &Language,
    suite: &str,
    cases: &[(String, ValidCorsConfig)],
    exchanges: &[Vec<Exchange>],
) -> Vec<Vec<Value>> {
    let dir = case_dir(&format!("{suite}-{}", language.program));
    let plan: Vec<Value> = cases
        .iter()
        .zip(exchanges)
        .map(|((name, config), exchanges)| {
            let module = dir.join(name).join(language.file);
            std::fs::create_dir_all(module.parent().unwrap()).unwrap();
            std::fs::write(&module, render(language.target, config)).unwrap();
            json!({
                "module": module.canonicalize().unwrap(),
                "events": exchanges.iter().map(|x| x.event.clone()).collect::<Vec<_>>(),
            })
        })
        .collect();
    serde_json::from_slice(&run_plan(language, &dir, &plan)).expect("the driver prints JSON")
}

/// Runs the driver on `plan` (written to `dir/plan.json`) and returns what it prints: JSON,
/// one list of responses per module.
fn run_plan(language: &Language, dir: &Path, plan: &[Value]) -> Vec<u8> {
    let plan_file = dir.join("plan.json");
    std::fs::write(&plan_file, serde_json::to_string(plan).unwrap()).unwrap();
    run(Command::new(language.program)
        .arg(fixtures().join(language.driver))
        .arg(&plan_file))
    .stdout
}

fn assert_response(language: &Language, case: &str, exchange: &Exchange, response: &Value) {
    let context = format!("{} {case}: {}", language.program, exchange.label);
    assert!(
        response["statusCode"].is_u64(),
        "{context}: statusCode must be an integer: {response}"
    );
    let body = response["body"]
        .as_str()
        .unwrap_or_else(|| panic!("{context}: body must be a string: {response}"));
    if exchange.json_body {
        let parsed: Value = serde_json::from_str(body)
            .unwrap_or_else(|e| panic!("{context}: body is not JSON ({e}): {body:?}"));
        assert_eq!(parsed, json!({ "items": [] }), "{context}");
    }
    let mut expected = json!({
        "statusCode": exchange.status,
        "body": if exchange.json_body { language.json_body } else { "" },
    });
    if let Some(headers) = &exchange.headers {
        expected["headers"] = Value::Object(headers.clone());
    }
    assert_eq!(response, &expected, "{context}");
}

fn check_language(language: &Language) {
    let cases = cases();
    let exchanges: Vec<Vec<Exchange>> = cases.iter().map(|(_, c)| exchanges(c)).collect();
    let responses = run_handlers(language, "handlers", &cases, &exchanges);
    assert_eq!(responses.len(), cases.len());
    let mut checked = 0;
    for (((name, _), exchanges), responses) in cases.iter().zip(&exchanges).zip(&responses) {
        assert_eq!(responses.len(), exchanges.len(), "{name}");
        for (exchange, response) in exchanges.iter().zip(responses) {
            assert_response(language, name, exchange, response);
            checked += 1;
        }
    }
    eprintln!(
        "{}: {checked} responses from {} handlers checked",
        language.program,
        cases.len()
    );
}

#[test]
fn the_cases_cover_what_the_handlers_must_handle() {
    let cases = cases();
    let has = |pred: &dyn Fn(&ValidCorsConfig) -> bool| cases.iter().any(|(_, c)| pred(c));
    let rest = |c: &ValidCorsConfig| c.api_type == ApiType::Rest;
    assert!(has(&|c| rest(c)
        && c.origins.len() == 1
        && !c.origins.is_any()));
    assert!(has(&|c| rest(c) && c.origins.len() > 1));
    assert!(has(&|c| rest(c) && c.origins.is_any()));
    assert!(has(&|c| rest(c)
        && c.allow_credentials
        && c.max_age.is_some()
        && !c.expose_headers.is_empty()));
    assert!(has(&|c| !rest(c) && c.payload_format == PayloadFormat::V2));
    assert!(has(&|c| !rest(c) && c.payload_format == PayloadFormat::V1));
    assert!(has(&|c| !rest(c) && c.origins.has_pattern()));
}

#[test]
fn node_handlers_answer_every_request_as_configured() {
    check_language(&NODE);
}

#[test]
fn python_handlers_answer_every_request_as_configured() {
    check_language(&PYTHON);
}

/// One case spelled out in full, so the rules above are pinned to literal values too.
#[test]
fn rest_credentials_case_literally() {
    let (_, config) = cases()
        .into_iter()
        .find(|(name, _)| name == "rest-two-origins-credentials")
        .unwrap();
    let events = [
        rest_event(
            "GET",
            Some(json!({ "oRiGiN": "https://admin.example.com" })),
        ),
        rest_event(
            "OPTIONS",
            Some(
                json!({ "Origin": "https://app.example.com", "Access-Control-Request-Method": "DELETE" }),
            ),
        ),
        rest_event("GET", Some(json!({ "Origin": "https://evil.example.com" }))),
    ];
    let expected = [
        json!({
            "statusCode": 200,
            "headers": {
                "Content-Type": "application/json",
                "Access-Control-Allow-Origin": "https://admin.example.com",
                "Access-Control-Allow-Credentials": "true",
                "Access-Control-Expose-Headers": "ETag",
                "Vary": "Origin"
            },
            "body": "{\"items\":[]}"
        }),
        json!({
            "statusCode": 204,
            "headers": {
                "Access-Control-Allow-Origin": "https://app.example.com",
                "Access-Control-Allow-Credentials": "true",
                "Access-Control-Expose-Headers": "ETag",
                "Vary": "Origin",
                "Access-Control-Allow-Methods": "GET,POST,PUT,DELETE,PATCH,HEAD,OPTIONS",
                "Access-Control-Allow-Headers": "Content-Type,X-Api-Key",
                "Access-Control-Max-Age": "7200"
            },
            "body": ""
        }),
        json!({
            "statusCode": 200,
            "headers": { "Content-Type": "application/json", "Vary": "Origin" },
            "body": "{\"items\":[]}"
        }),
    ];
    for language in [&NODE, &PYTHON] {
        let exchanges: Vec<Exchange> = events
            .iter()
            .map(|event| Exchange {
                label: String::new(),
                event: event.clone(),
                status: 0,
                headers: None,
                json_body: false,
            })
            .collect();
        let responses = run_handlers_named(language, "literal", &config, &exchanges);
        assert_eq!(responses.len(), expected.len());
        for (response, expected) in responses.iter().zip(&expected) {
            let mut expected = expected.clone();
            if expected["statusCode"] == 200 {
                expected["body"] = json!(language.json_body);
            }
            assert_eq!(response, &expected, "{}", language.program);
        }
    }
}

fn run_handlers_named(
    language: &Language,
    name: &str,
    config: &ValidCorsConfig,
    exchanges: &[Exchange],
) -> Vec<Value> {
    let dir = case_dir(&format!("handlers-{}-{name}", language.program));
    let module = dir.join(language.file);
    std::fs::write(&module, render(language.target, config)).unwrap();
    let plan = json!([{
        "module": module.canonicalize().unwrap(),
        "events": exchanges.iter().map(|x| x.event.clone()).collect::<Vec<_>>(),
    }]);
    let plan_file = dir.join("plan.json");
    std::fs::write(&plan_file, plan.to_string()).unwrap();
    let output = run(Command::new(language.program)
        .arg(fixtures().join(language.driver))
        .arg(&plan_file));
    let mut results: Vec<Vec<Value>> = serde_json::from_slice(&output.stdout).unwrap();
    results.remove(0)
}

/// `lambda-response` is exactly what the Node handler returns for a GET from the sample origin
/// (the first allowed origin; `https://example.com` for `*`); with several REST origins, one
/// response per allowed origin and the one any other origin gets, each the handler's own.
#[test]
fn lambda_response_is_what_the_handler_returns() {
    let cases = cases();
    let exchanges: Vec<Vec<Exchange>> = cases.iter().map(|(_, c)| exchanges(c)).collect();
    let responses = run_handlers(&NODE, "lambda-response", &cases, &exchanges);
    let mut echoing = 0;
    for ((name, config), responses) in cases.iter().zip(&responses) {
        let document = render(Target::LambdaResponse, config);
        assert!(document.ends_with("}\n"), "{name}");
        let parsed: Value = serde_json::from_str(&document)
            .unwrap_or_else(|e| panic!("{name}: lambda-response is not JSON ({e})"));
        if config.api_type == ApiType::Rest && config.origins.len() > 1 {
            echoing += 1;
            // The first exchanges are GETs from each allowed origin, in order, then one from
            // a disallowed origin.
            let origins = config.origins.values();
            let by_origin = parsed["responseByRequestOrigin"].as_object().unwrap();
            assert_eq!(by_origin.len(), origins.len(), "{name}");
            for (i, origin) in origins.iter().enumerate() {
                assert_eq!(by_origin[*origin], responses[i], "{name} {origin}");
                assert_eq!(
                    by_origin[*origin]["headers"]["Access-Control-Allow-Origin"],
                    json!(origin),
                    "{name}"
                );
            }
            assert_eq!(
                parsed["responseToAnyOtherOrigin"],
                responses[origins.len()],
                "{name}"
            );
            assert!(
                parsed["comment"]
                    .as_str()
                    .unwrap()
                    .contains("echoes the request's Origin"),
                "{name}"
            );
            continue;
        }
        // The first exchange of every other case is a GET from the sample origin.
        assert_eq!(parsed, responses[0], "{name}");
        let has_cors = parsed["headers"]
            .as_object()
            .unwrap()
            .contains_key("Access-Control-Allow-Origin");
        assert_eq!(has_cors, config.api_type == ApiType::Rest, "{name}");
    }
    assert!(echoing > 0, "no case with several REST origins");
}

// ---------------------------------------------------------------------------------------------
// The curl script.

fn have(program: &str) -> bool {
    Command::new(program)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// The CORS headers an HTTP API adds (to a preflight, or to the integration's response),
/// written from the rules: none for an origin it does not allow.
fn expected_http_cors(
    config: &ValidCorsConfig,
    origin: &str,
    preflight: bool,
) -> Vec<(String, String)> {
    if !config.origins.allows(origin) {
        return Vec::new();
    }
    let allow_origin = if config.origins.is_any() { "*" } else { origin };
    let mut headers = vec![("Access-Control-Allow-Origin", allow_origin.to_owned())];
    if config.allow_credentials {
        headers.push(("Access-Control-Allow-Credentials", "true".into()));
    }
    if preflight {
        headers.push((
            "Access-Control-Allow-Methods",
            config.methods.names().join(","),
        ));
        if !config.allow_headers.is_empty() {
            headers.push((
                "Access-Control-Allow-Headers",
                config.allow_headers.join(","),
            ));
        }
        if let Some(max_age) = config.max_age {
            headers.push(("Access-Control-Max-Age", max_age.to_string()));
        }
    } else if !config.expose_headers.is_empty() {
        headers.push((
            "Access-Control-Expose-Headers",
            config.expose_headers.join(","),
        ));
    }
    headers
        .into_iter()
        .map(|(n, v)| (n.to_owned(), v))
        .collect()
}

/// How a canned response is written: as in the rules, or the way API Gateway may write it
/// (lower-case names, list values in lower case with a space after each comma, HTTP/2).
#[derive(Clone, Copy)]
enum Style {
    Plain,
    Gateway,
}

/// A canned response to one request: its method, its Origin and the `curl -si` text.
struct Canned {
    method: &'static str,
    origin: String,
    status: u16,
    headers: Vec<(String, String)>,
}

impl Canned {
    fn text(&self, style: Style) -> String {
        let exact = [
            "access-control-allow-origin",
            "access-control-allow-credentials",
            "access-control-max-age",
        ];
        let mut text = match style {
            Style::Plain => format!("HTTP/1.1 {} OK\r\n", self.status),
            Style::Gateway => format!(
                "HTTP/2 {}\r\ndate: Fri, 04 Dec 2026 17:00:00 GMT\r\n",
                self.status
            ),
        };
        for (name, value) in &self.headers {
            let line = match style {
                Style::Plain => format!("{name}: {value}"),
                Style::Gateway if exact.contains(&name.to_ascii_lowercase().as_str()) => {
                    format!("{}: {value}", name.to_ascii_lowercase())
                }
                Style::Gateway => format!(
                    "{}:{}",
                    name.to_ascii_lowercase(),
                    value.to_ascii_lowercase().replace(',', ", ")
                ),
            };
            text.push_str(&line);
            text.push_str("\r\n");
        }
        text.push_str("\r\n");
        if self.method == "GET" {
            text.push_str("{\"items\":[]}");
        }
        text
    }
}

/// The origins the script must send preflights from: each configured origin (patterns and `*`
/// as the representative origin), once.
fn allowed_origins_to_send(config: &ValidCorsConfig) -> Vec<String> {
    let mut origins: Vec<String> = Vec::new();
    for value in config.origins.values() {
        let origin = match value {
            "*" | "https://*" => "https://example.com",
            "http://*" => "http://localhost:3000",
            origin => origin,
        };
        if !origins.iter().any(|o| o == origin) {
            origins.push(origin.to_owned());
        }
    }
    origins
}

/// The origins a script may send requests from: the allowed ones and two that may not be.
fn origins_to_answer(config: &ValidCorsConfig) -> Vec<String> {
    let mut origins = allowed_origins_to_send(config);
    origins.extend([
        DISALLOWED.to_owned(),
        "http://not-allowed.example".to_owned(),
    ]);
    origins
}

/// A right answer to every request the script may send, from the rules.
fn right_answers(config: &ValidCorsConfig) -> Vec<Canned> {
    let mut answers = Vec::new();
    for origin in origins_to_answer(config) {
        for (method, preflight) in [("OPTIONS", true), ("GET", false)] {
            let headers = match config.api_type {
                ApiType::Rest => expected_rest_cors(config, Some(&origin), preflight)
                    .into_iter()
                    .map(|(n, v)| (n, v.as_str().unwrap().to_owned()))
                    .collect(),
                ApiType::Http => expected_http_cors(config, &origin, preflight),
            };
            let status = if preflight { 204 } else { 200 };
            answers.push(Canned {
                method,
                origin: origin.clone(),
                status,
                headers,
            });
        }
    }
    answers
}

/// The file name the stand-in `curl` reads the answer from: method and origin, every other
/// character than a letter or a digit replaced with `_`.
fn answer_file(method: &str, origin: &str) -> String {
    format!("{method} {origin}")
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect()
}

/// A stand-in `curl` that records its arguments (one per line, `--` after each call) and prints
/// the canned answer for its method and Origin (nothing when there is none).
const FAKE_CURL: &str = r#"#!/bin/sh
for arg in "$@"; do printf '%s\n' "$arg"; done >> "$CURL_LOG"
echo '--' >> "$CURL_LOG"
method=GET
origin=
previous=
for arg in "$@"; do
  case "$previous:$arg" in
    -X:*) method=$arg ;;
    -H:Origin:\ *) origin=${arg#Origin: } ;;
  esac
  previous=$arg
done
file="$CURL_ANSWERS/$(printf '%s %s' "$method" "$origin" | tr -c 'A-Za-z0-9' '_')"
if [ -f "$file" ]; then cat "$file"; fi
"#;

/// Runs the script with the stand-in `curl` answering `answers`; returns the script's output
/// and one argument list per curl call.
fn run_curl_script(
    script: &Path,
    dir: &Path,
    answers: &[Canned],
    style: Style,
) -> (Output, Vec<Vec<String>>) {
    use std::os::unix::fs::PermissionsExt;
    let bin = dir.join("bin");
    let canned = dir.join("answers");
    let _ = std::fs::remove_dir_all(&canned);
    std::fs::create_dir_all(&bin).unwrap();
    std::fs::create_dir_all(&canned).unwrap();
    let fake = bin.join("curl");
    std::fs::write(&fake, FAKE_CURL).unwrap();
    std::fs::set_permissions(&fake, std::fs::Permissions::from_mode(0o755)).unwrap();
    for answer in answers {
        std::fs::write(
            canned.join(answer_file(answer.method, &answer.origin)),
            answer.text(style),
        )
        .unwrap();
    }
    let log = dir.join("curl.log");
    let _ = std::fs::remove_file(&log);
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap());
    let output = Command::new("sh")
        .arg(script)
        .env("PATH", path)
        .env(
            "API_URL",
            "https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/prod",
        )
        .env("AUTH_TOKEN", "allow")
        .env("API_KEY", "k3y")
        .env("CURL_LOG", &log)
        .env("CURL_ANSWERS", &canned)
        .output()
        .unwrap();
    let text = std::fs::read_to_string(&log).unwrap_or_default();
    let calls = text
        .split_terminator("--\n")
        .map(|call| call.lines().map(str::to_owned).collect())
        .collect();
    (output, calls)
}

/// Runs the script against right answers, which it must accept; returns one argument list per
/// curl call.
fn curl_calls(script: &Path, dir: &Path, config: &ValidCorsConfig) -> Vec<Vec<String>> {
    let (output, calls) = run_curl_script(script, dir, &right_answers(config), Style::Plain);
    assert_passed(&output, script);
    calls
}

fn assert_passed(output: &Output, script: &Path) {
    assert!(
        output.status.success(),
        "{} failed on right answers: {}\n{}",
        script.display(),
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(String::from_utf8_lossy(&output.stdout).ends_with("All checks passed.\n"));
}

/// The first line the script wrote to stderr when it failed (exit status 1).
fn failure_line(output: &Output) -> String {
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    String::from_utf8_lossy(&output.stderr)
        .lines()
        .next()
        .unwrap()
        .to_owned()
}

#[test]
fn curl_scripts_parse_lint_and_send_the_expected_requests() {
    let shellcheck = have("shellcheck");
    let dir = case_dir("handlers-curl");
    let url = "https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/prod/items";
    for (name, config) in cases() {
        let case = dir.join(&name);
        std::fs::create_dir_all(&case).unwrap();
        let script = case.join("check-cors.sh");
        let text = render(Target::Curl, &config);
        std::fs::write(&script, &text).unwrap();
        assert!(text.starts_with("#!/bin/sh\n"), "{name}");
        run(Command::new("sh").arg("-n").arg(&script));
        if shellcheck {
            run(Command::new("shellcheck").arg(&script));
        }

        let calls = curl_calls(&script, &case, &config);
        let (gateway_style, _) =
            run_curl_script(&script, &case, &right_answers(&config), Style::Gateway);
        assert_passed(&gateway_style, &script);

        let every_origin_allowed = config.origins.is_any()
            || (config.origins.allows("https://x.example")
                && config.origins.allows("http://x.example"));
        let sent = allowed_origins_to_send(&config);
        let preflights: Vec<&Vec<String>> = calls.iter().filter(|c| c[1] == "-X").collect();
        let gets: Vec<&Vec<String>> = calls.iter().filter(|c| c[1] != "-X").collect();
        let disallowed = usize::from(!every_origin_allowed);
        assert_eq!(preflights.len(), sent.len() + disallowed, "{name}");
        assert_eq!(gets.len(), 1 + disallowed, "{name}");
        for (preflight, origin) in preflights.iter().zip(&sent) {
            assert_eq!(
                &preflight[..6],
                [
                    "-si",
                    "-X",
                    "OPTIONS",
                    url,
                    "-H",
                    &format!("Origin: {origin}")
                ],
                "{name}"
            );
            assert!(
                preflight[7].starts_with("Access-Control-Request-Method: "),
                "{name}: {preflight:?}"
            );
        }
        assert_eq!(
            gets[0][..4],
            [
                "-si",
                url,
                "-H",
                &format!("Origin: {}", sample_origin(&config))
            ],
            "{name}"
        );
        for other in preflights
            .get(sent.len())
            .map(|c| &c[5])
            .into_iter()
            .chain(gets.get(1).map(|c| &c[3]))
        {
            let other = other.strip_prefix("Origin: ").unwrap();
            assert!(!config.origins.allows(other), "{name}: {other} is allowed");
        }
    }
    if !shellcheck {
        eprintln!("shellcheck is not installed: only `sh -n` checked the curl scripts");
    }
}

fn three_origins_script(dir: &str) -> (ValidCorsConfig, PathBuf, PathBuf) {
    let (_, config) = cases()
        .into_iter()
        .find(|(name, _)| name == "rest-three-origins-headers")
        .unwrap();
    let dir = case_dir(dir);
    let script = dir.join("check-cors.sh");
    std::fs::write(&script, render(Target::Curl, &config)).unwrap();
    (config, script, dir)
}

#[test]
fn curl_script_sends_exactly_these_requests() {
    let (config, script, dir) = three_origins_script("handlers-curl-literal");
    let url = "https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/prod/items";
    let preflight = |origin: &str| {
        vec![
            "-si".to_owned(),
            "-X".into(),
            "OPTIONS".into(),
            url.into(),
            "-H".into(),
            format!("Origin: {origin}"),
            "-H".into(),
            "Access-Control-Request-Method: PUT".into(),
            "-H".into(),
            "Access-Control-Request-Headers: authorization,content-type".into(),
        ]
    };
    assert_eq!(
        curl_calls(&script, &dir, &config),
        vec![
            preflight("https://a.example.com"),
            preflight("https://b.example.com"),
            preflight("https://c.example.org:8443"),
            preflight("https://not-allowed.example"),
            vec![
                "-si".to_owned(),
                url.into(),
                "-H".into(),
                "Origin: https://a.example.com".into()
            ],
            vec![
                "-si".to_owned(),
                url.into(),
                "-H".into(),
                "Origin: https://not-allowed.example".into()
            ],
        ]
    );
}

#[test]
fn curl_script_fails_naming_the_check_on_wrong_answers() {
    let (config, script, dir) = three_origins_script("handlers-curl-wrong");
    let second_preflight = |answers: &mut Vec<Canned>| -> usize {
        answers
            .iter()
            .position(|a| a.method == "OPTIONS" && a.origin == "https://b.example.com")
            .unwrap()
    };
    // The line the script fails with when the API answers these.
    let failure =
        |answers: &[Canned], style| failure_line(&run_curl_script(&script, &dir, answers, style).0);

    let mut fixed_origin = right_answers(&config);
    for answer in fixed_origin.iter_mut().filter(|a| a.origin == DISALLOWED) {
        // Like a mock integration: a fixed allowed origin, whatever the request's.
        answer.headers.push((
            "Access-Control-Allow-Origin".into(),
            "https://a.example.com".into(),
        ));
    }
    let (output, _) = run_curl_script(&script, &dir, &fixed_origin, Style::Plain);
    assert_passed(&output, &script);

    let mut no_origin = right_answers(&config);
    let i = second_preflight(&mut no_origin);
    no_origin[i]
        .headers
        .retain(|(name, _)| name != "Access-Control-Allow-Origin");
    assert_eq!(
        failure(&no_origin, Style::Gateway),
        "FAILED 2. preflight for PUT from https://b.example.com: \
         Access-Control-Allow-Origin is '', expected 'https://b.example.com'"
    );

    let mut wrong_methods = right_answers(&config);
    let i = second_preflight(&mut wrong_methods);
    for (name, value) in &mut wrong_methods[i].headers {
        if name == "Access-Control-Allow-Methods" {
            *value = "GET,DELETE".into();
        }
    }
    assert_eq!(
        failure(&wrong_methods, Style::Plain),
        "FAILED 2. preflight for PUT from https://b.example.com: \
         Access-Control-Allow-Methods is 'GET,DELETE', expected 'GET,PUT,DELETE'"
    );

    let mut echoes_anyone = right_answers(&config);
    for answer in echoes_anyone.iter_mut().filter(|a| a.origin == DISALLOWED) {
        answer
            .headers
            .push(("Access-Control-Allow-Origin".into(), DISALLOWED.into()));
    }
    assert_eq!(
        failure(&echoes_anyone, Style::Plain),
        "FAILED 4. preflight from https://not-allowed.example, an origin that is not allowed: \
         Access-Control-Allow-Origin is 'https://not-allowed.example', which lets \
         https://not-allowed.example read the answer"
    );
}

#[test]
fn curl_script_stops_without_api_url() {
    let (_, config) = cases().into_iter().next().unwrap();
    let dir = case_dir("handlers-curl-no-url");
    let script = dir.join("check-cors.sh");
    std::fs::write(&script, render(Target::Curl, &config)).unwrap();
    let output = Command::new("sh")
        .arg(&script)
        .env_remove("API_URL")
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("set API_URL to your stage URL"),
        "stderr: {stderr}"
    );
}
