//! The `aws-cli` target: writes every conformance case's `apply-cors.sh` to
//! `target/conformance/aws-cli/<case>/` for `conformance/aws-cli/test_aws_cli.py` (shellcheck,
//! then the real AWS CLI against a local recording server), and proves on arbitrary valid
//! configurations that the script parses (`bash -n`) and that every configured value reaches the
//! AWS CLI's argv exactly: the script runs with a fake `aws` first on PATH that records its
//! arguments.

mod common;

use apigw_cors::{render, validate, ApiType, CorsConfig, Target, ValidCorsConfig};
use common::strategies::valid_config_with_settings;
use common::{case_dir, conformance_cases, valid, write_case};
use proptest::prelude::*;
use serde_json::{json, Map, Value};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

#[test]
fn writes_every_conformance_case_as_a_script() {
    let dir = case_dir("aws-cli");
    let cases = conformance_cases();
    assert!(cases.len() >= 30, "only {} cases", cases.len());
    for (name, config) in &cases {
        let config = valid(config);
        let script = render(Target::AwsCli, &config);
        let file = dir.join(format!("{name}.check.sh"));
        std::fs::write(&file, &script).unwrap();
        assert_bash_parses(&file);
        std::fs::remove_file(&file).unwrap();
        write_case(&dir, name, &config, Target::AwsCli.file_name(), &script);
    }
    let written = std::fs::read_dir(&dir).unwrap().count();
    assert_eq!(written, cases.len());
}

fn assert_bash_parses(file: &Path) {
    let output = Command::new("bash").arg("-n").arg(file).output().unwrap();
    assert!(
        output.status.success(),
        "bash -n {}: {}",
        file.display(),
        String::from_utf8_lossy(&output.stderr)
    );
}

// ------------------------------------------------------------------ the fake `aws`

/// A stand-in for `aws`: appends its arguments to `$AWS_ARGV_LOG` (each followed by a NUL, the
/// call closed by an RS character and a NUL) and prints what the script reads from the real
/// commands' `--output text`: the resources, a stage without automatic deployment, an id.
const FAKE_AWS: &str = r#"#!/usr/bin/env bash
printf '%s\0' "$@" >> "$AWS_ARGV_LOG"
printf '\036\0' >> "$AWS_ARGV_LOG"
case "$2" in
  get-resources) printf '/\troot0001\n/items\titems0001\n/items/{proxy+}\tproxy0001\n' ;;
  get-stage) printf 'False\n' ;;
  create-deployment) printf 'deployment0001\n' ;;
esac
"#;

const API_ID: &str = "api0001";
const RESOURCE_ID: &str = "items0001";
const STAGE: &str = "prod";
const FUNCTION_ARN: &str = "arn:aws:lambda:eu-west-1:123456789012:function:items";

/// A directory with the fake `aws`, written once per test process (before any test runs it).
fn fake_aws_dir() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir =
            Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("fake-aws-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let aws = dir.join("aws");
        std::fs::write(&aws, FAKE_AWS).unwrap();
        std::fs::set_permissions(&aws, std::fs::Permissions::from_mode(0o755)).unwrap();
        dir
    })
}

/// Runs `script` with the fake `aws` and returns each `aws` call's arguments, in order.
fn run_with_fake_aws(script: &str, case: usize) -> Vec<Vec<String>> {
    run_with_fake_aws_on(script, case, "/items")
}

/// [`run_with_fake_aws`] on the resource at `resource_path`.
fn run_with_fake_aws_on(script: &str, case: usize, resource_path: &str) -> Vec<Vec<String>> {
    let bin = fake_aws_dir();
    let work = bin.join(format!("case-{case}"));
    std::fs::create_dir_all(&work).unwrap();
    let file = work.join("apply-cors.sh");
    let log = work.join("argv.log");
    std::fs::write(&file, script).unwrap();
    let _ = std::fs::remove_file(&log);
    assert_bash_parses(&file);
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let output = Command::new("bash")
        .arg(&file)
        .env("PATH", path)
        .env("AWS_ARGV_LOG", &log)
        .env("API_ID", API_ID)
        .env("RESOURCE_PATH", resource_path)
        .env("STAGE_NAME", STAGE)
        .env("FUNCTION_ARN", FUNCTION_ARN)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "the script failed: {}\n{script}",
        String::from_utf8_lossy(&output.stderr)
    );
    let bytes = std::fs::read(&log).unwrap();
    let mut calls = Vec::new();
    let mut current = Vec::new();
    for arg in bytes.split(|b| *b == 0).filter(|a| !a.is_empty()) {
        if arg == b"\x1e" {
            calls.push(std::mem::take(&mut current));
        } else {
            current.push(String::from_utf8(arg.to_vec()).unwrap());
        }
    }
    assert!(current.is_empty(), "an unfinished call in the log");
    calls
}

/// The value after `option` in one call's arguments.
fn option<'a>(call: &'a [String], name: &str) -> &'a str {
    let at = call
        .iter()
        .position(|a| a == name)
        .unwrap_or_else(|| panic!("no {name} in {call:?}"));
    &call[at + 1]
}

fn json_option(call: &[String], name: &str) -> Value {
    serde_json::from_str(option(call, name))
        .unwrap_or_else(|e| panic!("{name} is not JSON: {e}: {call:?}"))
}

/// `service operation` of a call.
fn operation(call: &[String]) -> String {
    format!("{} {}", call[0], call[1])
}

// ------------------------------------------------------------------ expectations

/// An API Gateway static value.
fn quoted(value: &str) -> Value {
    Value::String(format!("'{value}'"))
}

/// What the OPTIONS mock must answer (SAM's `Cors` values), by header name.
fn expected_preflight(config: &ValidCorsConfig) -> Vec<(&'static str, Value)> {
    let origin = config.origins.values()[0];
    let mut headers = vec![
        ("Access-Control-Allow-Origin", quoted(origin)),
        (
            "Access-Control-Allow-Methods",
            quoted(&config.methods.names().join(",")),
        ),
    ];
    if !config.allow_headers.is_empty() {
        headers.push((
            "Access-Control-Allow-Headers",
            quoted(&config.allow_headers.join(",")),
        ));
    }
    if let Some(max_age) = config.max_age {
        headers.push(("Access-Control-Max-Age", quoted(&max_age.to_string())));
    }
    if config.allow_credentials {
        headers.push(("Access-Control-Allow-Credentials", quoted("true")));
    }
    headers
}

/// The gateway responses' headers: one origin or `*` as is; several origins echo the request's
/// Origin without credentials and name the first origin with them.
fn expected_gateway_headers(config: &ValidCorsConfig) -> Value {
    let origins = config.origins.values();
    let several = origins.len() > 1;
    let mut headers = Map::new();
    let origin = if several && !config.allow_credentials {
        json!("method.request.header.origin")
    } else {
        quoted(origins[0])
    };
    headers.insert(
        "gatewayresponse.header.Access-Control-Allow-Origin".into(),
        origin,
    );
    if config.allow_credentials {
        headers.insert(
            "gatewayresponse.header.Access-Control-Allow-Credentials".into(),
            quoted("true"),
        );
    }
    if !config.expose_headers.is_empty() {
        headers.insert(
            "gatewayresponse.header.Access-Control-Expose-Headers".into(),
            quoted(&config.expose_headers.join(",")),
        );
    }
    if several && !config.allow_credentials {
        headers.insert("gatewayresponse.header.Vary".into(), quoted("Origin"));
    }
    Value::Object(headers)
}

fn prefixed(prefix: &str, headers: &[(&str, Value)]) -> Value {
    Value::Object(
        headers
            .iter()
            .map(|(name, value)| (format!("{prefix}{name}"), value.clone()))
            .collect(),
    )
}

/// Asserts the calls a script made for `config`: the operations in order and every configured
/// value in their arguments.
fn assert_calls(config: &ValidCorsConfig, calls: &[Vec<String>]) {
    let operations: Vec<String> = calls.iter().map(|c| operation(c)).collect();
    match config.api_type {
        ApiType::Http => assert_http_calls(config, calls, &operations),
        ApiType::Rest => assert_rest_calls(config, calls, &operations),
    }
}

fn assert_http_calls(config: &ValidCorsConfig, calls: &[Vec<String>], operations: &[String]) {
    assert_eq!(
        operations,
        [
            "apigatewayv2 update-api",
            "apigatewayv2 get-stage",
            "apigatewayv2 create-deployment"
        ]
    );
    assert_eq!(option(&calls[0], "--api-id"), API_ID);
    let mut expected = json!({
        "AllowOrigins": config.origins.values(),
        "AllowMethods": config.methods.names(),
        "AllowHeaders": config.allow_headers,
        "ExposeHeaders": config.expose_headers,
        "AllowCredentials": config.allow_credentials,
    });
    if let Some(max_age) = config.max_age {
        expected["MaxAge"] = json!(max_age);
    }
    assert_eq!(json_option(&calls[0], "--cors-configuration"), expected);
    assert_eq!(option(&calls[2], "--stage-name"), STAGE);
}

fn assert_rest_calls(config: &ValidCorsConfig, calls: &[Vec<String>], operations: &[String]) {
    let several = config.origins.len() > 1;
    let mut expected_operations = vec![
        "apigateway get-resources",
        "apigateway delete-method",
        "apigateway put-method",
        "apigateway put-integration",
    ];
    if several {
        expected_operations.extend(["lambda remove-permission", "lambda add-permission"]);
    } else {
        expected_operations.extend([
            "apigateway put-method-response",
            "apigateway put-integration-response",
        ]);
    }
    expected_operations.extend([
        "apigateway put-gateway-response",
        "apigateway put-gateway-response",
        "apigateway create-deployment",
    ]);
    assert_eq!(operations, expected_operations);
    for call in &calls[1..6] {
        if call[0] == "apigateway" {
            assert_eq!(option(call, "--rest-api-id"), API_ID);
            assert_eq!(option(call, "--resource-id"), RESOURCE_ID);
            assert_eq!(option(call, "--http-method"), "OPTIONS");
        }
    }
    assert_eq!(option(&calls[2], "--authorization-type"), "NONE");
    assert!(calls[2].contains(&"--no-api-key-required".to_string()));
    if several {
        assert_eq!(option(&calls[3], "--type"), "AWS_PROXY");
        assert_eq!(
            option(&calls[3], "--uri"),
            format!("arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/{FUNCTION_ARN}/invocations")
        );
        let statement = format!("apigw-cors-options-{API_ID}-{RESOURCE_ID}");
        assert_eq!(option(&calls[4], "--statement-id"), statement);
        assert_eq!(option(&calls[5], "--statement-id"), statement);
        assert_eq!(
            option(&calls[5], "--source-arn"),
            format!("arn:aws:execute-api:eu-west-1:123456789012:{API_ID}/*/OPTIONS/items")
        );
    } else {
        assert_eq!(option(&calls[3], "--type"), "MOCK");
        assert_eq!(
            json_option(&calls[3], "--request-templates"),
            json!({"application/json": "{\"statusCode\": 200}"})
        );
        let preflight = expected_preflight(config);
        let declared: Vec<(&str, Value)> =
            preflight.iter().map(|(n, _)| (*n, json!(false))).collect();
        assert_eq!(option(&calls[4], "--status-code"), "200");
        assert_eq!(
            json_option(&calls[4], "--response-parameters"),
            prefixed("method.response.header.", &declared)
        );
        assert_eq!(option(&calls[5], "--status-code"), "200");
        assert_eq!(
            json_option(&calls[5], "--response-parameters"),
            prefixed("method.response.header.", &preflight)
        );
        assert_eq!(
            json_option(&calls[5], "--response-templates"),
            json!({"application/json": "{}"})
        );
    }
    let gateway = expected_gateway_headers(config);
    for (call, response_type) in calls[6..8].iter().zip(["DEFAULT_4XX", "DEFAULT_5XX"]) {
        assert_eq!(option(call, "--response-type"), response_type);
        assert_eq!(json_option(call, "--response-parameters"), gateway);
    }
    assert_eq!(option(&calls[8], "--stage-name"), STAGE);
}

#[test]
fn every_conformance_case_reaches_the_fake_aws_exactly() {
    for (index, (name, config)) in conformance_cases().iter().enumerate() {
        let config = valid(config);
        let calls = run_with_fake_aws(&render(Target::AwsCli, &config), 1000 + index);
        assert!(!calls.is_empty(), "{name}");
        assert_calls(&config, &calls);
    }
}

#[test]
fn path_parameters_become_wildcards_in_the_permissions_source_arn() {
    let config = valid(&common::get_config(
        ApiType::Rest,
        &["https://a.example.com", "https://b.example.com"],
    ));
    let calls = run_with_fake_aws_on(&render(Target::AwsCli, &config), 2000, "/items/{proxy+}");
    let add = calls
        .iter()
        .find(|c| operation(c) == "lambda add-permission")
        .unwrap();
    assert_eq!(
        option(add, "--source-arn"),
        format!("arn:aws:execute-api:eu-west-1:123456789012:{API_ID}/*/OPTIONS/items/*")
    );
    assert_eq!(
        option(add, "--statement-id"),
        format!("apigw-cors-options-{API_ID}-proxy0001")
    );
}

// ------------------------------------------------------------------ arbitrary configurations

/// The shared valid configurations with their settings (`common::strategies`), and sometimes a
/// header name built to break a careless shell (`$HOME`, backticks).
fn aws_cli_config() -> impl Strategy<Value = CorsConfig> {
    (valid_config_with_settings(), any::<bool>()).prop_map(|(mut config, hostile)| {
        if hostile {
            config.allow_headers.push("X-$HOME`id`".into());
        }
        config
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn every_value_reaches_the_aws_cli_exactly(config in aws_cli_config()) {
        let valid = validate(&config).expect("the strategy makes valid configurations").config;
        let calls = run_with_fake_aws(&render(Target::AwsCli, &valid), 0);
        assert_calls(&valid, &calls);
        // Validation dropped no header name (it merges repeats only), so the names compared
        // above are every name the user typed, `$`, backticks and all.
        for header in &config.allow_headers {
            prop_assert!(
                valid.allow_headers.iter().any(|h| h.eq_ignore_ascii_case(header)),
                "{header} was dropped"
            );
        }
    }
}
