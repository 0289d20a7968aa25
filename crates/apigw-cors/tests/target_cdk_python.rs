//! The `cdk-python` target: writes every conformance case for `conformance/cdk-python` (which
//! synthesizes each app with aws-cdk-lib for Python and compares the template with the
//! TypeScript app's), and proves with Python's own parser (`python3`, the `ast` module, all
//! apps in one process) that every app compiles and carries exactly the configured values:
//! for the conformance cases and for generated configurations of every shape. Python string
//! literals written by `escape.rs` read back as the original strings.
//!
//! Each case directory `target/conformance/cdk-python/<case>/` holds `app.py` (target
//! `cdk-python`) and `expected.json` (the normalized configuration, as for the other suites).

mod common;

use apigw_cors::{
    python_block_string, python_string, render, validate, AllowedMethods, AllowedOrigins, ApiType,
    CorsConfig, PayloadFormat, Target, ValidCorsConfig,
};
use common::strategies::valid_config_with_settings;
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::TestRunner;
use serde_json::{json, Map, Value};
use std::path::Path;
use std::process::{Command, Stdio};

/// Every conformance case and the shapes only the complete CDK apps have.
fn cases() -> Vec<(String, CorsConfig)> {
    let mut cases = common::conformance_cases();
    cases.extend(common::cdk_app_cases());
    cases
}

#[test]
fn writes_every_conformance_case() {
    let dir = common::case_dir("cdk-python");
    let cases = cases();
    assert!(cases.len() >= 30, "only {} cases", cases.len());
    for (name, config) in &cases {
        let valid = common::valid(config);
        let app = render(Target::CdkPython, &valid);
        assert!(app.ends_with("\napp.synth()\n"), "{name}");
        common::write_case(&dir, name, &valid, "app.py", &app);
    }
    let written = std::fs::read_dir(&dir).unwrap().count();
    assert_eq!(written, cases.len());
}

/// Runs `python3` on `program` with `input` on its standard input and returns its output.
fn python3(program: &Path, input: &[u8]) -> Vec<u8> {
    let mut child = Command::new("python3")
        .arg(program)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("python3 runs");
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().unwrap();
        stdin.write_all(input).unwrap();
    }
    let output = child.wait_with_output().unwrap();
    assert!(
        output.status.success(),
        "python3 {}: {}",
        program.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    output.stdout
}

/// What `tests/target_cdk_python/read_apps.py` reports for each app, in order.
fn read_apps(apps: &[String]) -> Vec<Value> {
    let reader = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/target_cdk_python/read_apps.py");
    let output = python3(&reader, &serde_json::to_vec(apps).unwrap());
    let reports: Vec<Value> = serde_json::from_slice(&output).unwrap();
    assert_eq!(reports.len(), apps.len());
    reports
}

fn strings(values: &[String]) -> Value {
    json!(values)
}

/// The methods `/items` serves: the configured ones without OPTIONS (`*`: every other one).
fn route_methods(config: &ValidCorsConfig) -> Vec<&'static str> {
    let all = ["GET", "PUT", "POST", "DELETE", "PATCH", "HEAD"];
    match &config.methods {
        AllowedMethods::Any => all.to_vec(),
        AllowedMethods::List(list) => list
            .iter()
            .map(|m| m.as_str())
            .filter(|&m| m != "OPTIONS")
            .collect(),
    }
}

/// The keyword arguments of `CorsOptions` / `CorsPreflightOptions` exactly as `config` demands
/// them, as the reader reports them.
fn expected_cors(config: &ValidCorsConfig) -> Value {
    let mut cors = Map::new();
    match config.api_type {
        ApiType::Rest => {
            let origins = match &config.origins {
                AllowedOrigins::Any => json!("apigateway.Cors.ALL_ORIGINS"),
                AllowedOrigins::List(list) => strings(list),
            };
            cors.insert("allow_origins".into(), origins);
            let methods = match &config.methods {
                AllowedMethods::Any => json!("apigateway.Cors.ALL_METHODS"),
                AllowedMethods::List(list) => {
                    json!(list.iter().map(|m| m.as_str()).collect::<Vec<_>>())
                }
            };
            cors.insert("allow_methods".into(), methods);
            // Always written: left out, CDK would allow its six default headers.
            cors.insert("allow_headers".into(), strings(&config.allow_headers));
        }
        ApiType::Http => {
            cors.insert("allow_origins".into(), json!(config.origins.values()));
            let methods: Vec<String> = config
                .methods
                .names()
                .iter()
                .map(|m| {
                    let member = if *m == "*" { "ANY" } else { m };
                    format!("apigwv2.CorsHttpMethod.{member}")
                })
                .collect();
            cors.insert("allow_methods".into(), json!(methods));
            if !config.allow_headers.is_empty() {
                cors.insert("allow_headers".into(), strings(&config.allow_headers));
            }
        }
    }
    if !config.expose_headers.is_empty() {
        cors.insert("expose_headers".into(), strings(&config.expose_headers));
    }
    if let Some(seconds) = config.max_age {
        cors.insert(
            "max_age".into(),
            json!({"call": "Duration.seconds", "args": [seconds]}),
        );
    }
    cors.insert("allow_credentials".into(), json!(config.allow_credentials));
    Value::Object(cors)
}

/// The REST gateway responses' headers: the one origin (or `*`); several origins without
/// credentials echo the request's Origin with `Vary`; with credentials the first origin.
fn expected_error_headers(config: &ValidCorsConfig) -> Value {
    let origins = config.origins.values();
    let echo = origins.len() > 1 && !config.allow_credentials;
    let mut headers = Map::new();
    let origin = if echo {
        "method.request.header.origin".to_owned()
    } else {
        format!("'{}'", origins[0])
    };
    headers.insert("Access-Control-Allow-Origin".into(), json!(origin));
    if config.allow_credentials {
        headers.insert("Access-Control-Allow-Credentials".into(), json!("'true'"));
    }
    if !config.expose_headers.is_empty() {
        let exposed = format!("'{}'", config.expose_headers.join(","));
        headers.insert("Access-Control-Expose-Headers".into(), json!(exposed));
    }
    if echo {
        headers.insert("Vary".into(), json!("'Origin'"));
    }
    Value::Object(headers)
}

/// Asserts that one app's report carries exactly what `config` demands.
fn assert_app_matches(name: &str, config: &ValidCorsConfig, report: &Value) {
    assert!(
        report.get("error").is_none(),
        "{name}: {report}\n{config:?}"
    );
    assert_eq!(
        report["cors"],
        expected_cors(config),
        "{name}: CORS options"
    );

    // The function's code is the lambda-node target without its first line, byte for byte.
    let node = render(Target::LambdaNode, config);
    let (_, handler) = node.split_once('\n').unwrap();
    assert_eq!(
        report["constants"]["ITEMS_HANDLER_SOURCE"].as_str(),
        Some(handler),
        "{name}: the embedded handler"
    );

    let routes = route_methods(config);
    let authorizer = config
        .authorizer_header
        .as_deref()
        .filter(|_| !routes.is_empty());
    assert_eq!(
        report["constants"]
            .get("AUTHORIZER_HANDLER_SOURCE")
            .is_some(),
        authorizer.is_some(),
        "{name}: authorizer code"
    );
    match config.api_type {
        ApiType::Rest => {
            assert_eq!(report["add_method"], json!(routes), "{name}: REST methods");
            assert_eq!(
                report["error_headers"],
                expected_error_headers(config),
                "{name}: gateway responses"
            );
            let mut options = Map::new();
            if authorizer.is_some() {
                options.insert("authorizer".into(), json!("authorizer"));
            }
            if config.api_key_required {
                options.insert("api_key_required".into(), json!(true));
            }
            let options = (!options.is_empty()).then_some(Value::Object(options));
            assert_eq!(
                report["method_options"],
                json!(options),
                "{name}: method options"
            );
            assert_eq!(
                report["usage_plans"],
                json!(u8::from(config.api_key_required)),
                "{name}: usage plan"
            );
            if let Some(header) = authorizer {
                assert_eq!(
                    report["authorizer"]["identity_source"],
                    json!({"call": "apigateway.IdentitySource.header", "args": [header]}),
                    "{name}: identity source"
                );
            }
            let overrides = if config.max_age == Some(0) {
                let parameter = r"method\.response\.header\.Access-Control-Max-Age";
                json!([
                    [
                        format!("MethodResponses.0.ResponseParameters.{parameter}"),
                        true
                    ],
                    [
                        format!(
                            "Integration.IntegrationResponses.0.ResponseParameters.{parameter}"
                        ),
                        "'0'"
                    ],
                ])
            } else {
                json!([])
            };
            assert_eq!(report["property_overrides"], overrides, "{name}: max-age 0");
        }
        ApiType::Http => {
            assert_eq!(report["add_method"], json!([]), "{name}");
            assert_eq!(report["error_headers"], Value::Null, "{name}");
            if routes.is_empty() {
                assert_eq!(report["routes"], Value::Null, "{name}: no route");
            } else {
                let methods: Vec<String> = routes
                    .iter()
                    .map(|m| format!("apigwv2.HttpMethod.{m}"))
                    .collect();
                assert_eq!(report["routes"]["methods"], json!(methods), "{name}");
                assert_eq!(report["routes"]["path"], json!("/items"), "{name}");
                let version = match config.payload_format {
                    PayloadFormat::V1 => "VERSION_1_0",
                    PayloadFormat::V2 => "VERSION_2_0",
                };
                assert_eq!(
                    report["integration"]["payload_format_version"],
                    json!(format!("apigwv2.PayloadFormatVersion.{version}")),
                    "{name}: payload format"
                );
                assert_eq!(
                    report["routes"].get("authorizer").is_some(),
                    authorizer.is_some(),
                    "{name}: the routes' authorizer"
                );
            }
            if let Some(header) = authorizer {
                assert_eq!(
                    report["authorizer"]["identity_source"],
                    json!([format!("$request.header.{header}")]),
                    "{name}: identity source"
                );
            }
        }
    }
}

#[test]
fn every_conformance_case_compiles_and_carries_its_values() {
    let cases: Vec<(String, ValidCorsConfig)> = cases()
        .iter()
        .map(|(name, config)| (name.clone(), common::valid(config)))
        .collect();
    let apps: Vec<String> = cases
        .iter()
        .map(|(_, config)| render(Target::CdkPython, config))
        .collect();
    for ((name, config), report) in cases.iter().zip(read_apps(&apps)) {
        assert_app_matches(name, config, &report);
    }
}

/// The words of every comment in `app` after its opening comment (which names the language),
/// in order: the apps' own comments (`marker`) and those of the function code they embed
/// (`//`). Line breaks are the language's layout, so only the words count.
fn comment_words(app: &str, marker: &str) -> Vec<String> {
    app.lines()
        .map(str::trim_start)
        // TypeScript opens an embedded function's code on the constant's own line.
        .map(|line| line.split_once(" = `").map_or(line, |(_, code)| code))
        .skip_while(|line| line.starts_with(marker))
        .filter_map(|line| {
            line.strip_prefix(marker)
                .or_else(|| line.strip_prefix("//"))
        })
        .flat_map(str::split_whitespace)
        .map(String::from)
        .collect()
}

/// Both apps carry the same comments, in the same order, for every case: the Python app is
/// `cdk-stack` in Python, comments included. Only the name of the HTTP API's CORS property is
/// spelled the language's way.
#[test]
fn the_python_app_says_what_the_typescript_app_says() {
    for (name, config) in cases() {
        let valid = common::valid(&config);
        let typescript = render(Target::CdkStack, &valid);
        let python = render(Target::CdkPython, &valid);
        let expected: Vec<String> = comment_words(&typescript, "//")
            .into_iter()
            .map(|word| word.replace("corsPreflight", "cors_preflight"))
            .collect();
        assert!(expected.len() > 50, "{name}: {} words", expected.len());
        assert_eq!(comment_words(&python, "#"), expected, "{name}");
    }
}

/// 200 generated configurations of every shape, all read by one `python3` process.
#[test]
fn generated_configurations_compile_and_carry_exactly_their_values() {
    let mut runner = TestRunner::deterministic();
    let strategy = valid_config_with_settings();
    let configs: Vec<ValidCorsConfig> = (0..200)
        .map(|_| {
            let config = strategy.new_tree(&mut runner).unwrap().current();
            validate(&config).unwrap().config
        })
        .collect();
    assert!(configs.iter().any(|c| c.authorizer_header.is_some()));
    assert!(configs.iter().any(|c| c.api_key_required));
    assert!(configs.iter().any(|c| c.max_age == Some(0)));
    let apps: Vec<String> = configs
        .iter()
        .map(|config| render(Target::CdkPython, config))
        .collect();
    for (index, (config, report)) in configs.iter().zip(read_apps(&apps)).enumerate() {
        assert_app_matches(&format!("generated #{index}"), config, &report);
    }
}

/// Python string literals (plain and triple-quoted) read back by `python3` as the originals.
#[test]
fn python_string_literals_round_trip_through_python3() {
    let mut runner = TestRunner::deterministic();
    let strategy = proptest::collection::vec(any::<String>(), 200);
    let mut samples = strategy.new_tree(&mut runner).unwrap().current();
    samples.extend(
        [
            "",
            "\"",
            "\"\"",
            "\"\"\"\"",
            "\\",
            "\\\"",
            "'''",
            "\n\r\t",
            "\u{0}\u{7f}\u{85}\u{2028}\u{2029}\u{feff}",
            "${x}`{y}",
            "end\\",
        ]
        .map(String::from),
    );
    let literals: Vec<String> = samples
        .iter()
        .flat_map(|s| [python_string(s), python_block_string(s)])
        .collect();
    let program = format!(
        "import json, sys\nsys.stdout.write(json.dumps([\n{}\n]))\n",
        literals.join(",\n")
    );
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/python-literals");
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("literals.py");
    std::fs::write(&file, program).unwrap();
    let read_back: Vec<String> = serde_json::from_slice(&python3(&file, b"")).unwrap();
    let expected: Vec<&String> = samples.iter().flat_map(|s| [s, s]).collect();
    assert_eq!(read_back.len(), expected.len());
    for (read, sample) in read_back.iter().zip(expected) {
        assert_eq!(read, sample);
    }
}
