//! Property tests: validation never panics; every output of every valid configuration parses
//! back and carries exactly the configured values; escaping round-trips.

mod common;

use apigw_cors::{
    check, render, ts_string, validate, ApiType, CorsConfig, Target, ValidCorsConfig,
};
use common::strategies::{api_type, valid_config};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use serde_yaml::Value;

fn any_config() -> impl Strategy<Value = CorsConfig> {
    (
        api_type(),
        proptest::collection::vec(any::<String>(), 0..4),
        proptest::collection::vec(any::<String>(), 0..4),
        proptest::collection::vec(any::<String>(), 0..4),
        proptest::collection::vec(any::<String>(), 0..3),
        proptest::option::of(any::<i64>()),
        any::<bool>(),
        proptest::option::of(any::<String>()),
        any::<bool>(),
        proptest::option::of(any::<String>()),
    )
        .prop_map(
            |(
                api_type,
                allow_origins,
                allow_methods,
                allow_headers,
                expose_headers,
                max_age,
                allow_credentials,
                authorizer_header,
                api_key_required,
                payload_format_version,
            )| CorsConfig {
                api_type,
                allow_origins,
                allow_methods,
                allow_headers,
                expose_headers,
                max_age,
                allow_credentials,
                authorizer_header,
                api_key_required,
                payload_format_version,
            },
        )
}

fn is_yaml_target(target: Target) -> bool {
    matches!(
        target,
        Target::SamGlobals | Target::SamResource | Target::SamTemplate | Target::GatewayResponses
    )
}

/// A YAML reader that accepts CloudFormation's short-form tags (`!Ref`, `!Sub`, `!GetAtt`).
fn parse_yaml(text: &str) -> Value {
    serde_yaml::from_str(text).unwrap_or_else(|e| panic!("YAML does not parse: {e}\n{text}"))
}

/// The CORS block of a SAM document: `Cors` / `CorsConfiguration` under Globals or under the
/// CorsApi resource's properties.
fn sam_cors_block(document: &Value) -> Option<&Value> {
    let holders = [
        document.get("Globals").and_then(|g| g.get("Api")),
        document.get("Globals").and_then(|g| g.get("HttpApi")),
        document.get("CorsApi").and_then(|r| r.get("Properties")),
        document
            .get("Resources")
            .and_then(|r| r.get("CorsApi"))
            .and_then(|r| r.get("Properties")),
    ];
    holders
        .into_iter()
        .flatten()
        .find_map(|h| h.get("Cors").or_else(|| h.get("CorsConfiguration")))
}

fn yaml_strings(value: Option<&Value>) -> Vec<String> {
    value
        .and_then(Value::as_sequence)
        .map(|items| {
            items
                .iter()
                .map(|v| v.as_str().unwrap().to_owned())
                .collect()
        })
        .unwrap_or_default()
}

/// Asserts that a SAM CORS block carries exactly the configuration's values.
fn assert_sam_block_matches(block: &Value, valid: &ValidCorsConfig, target: Target) {
    let credentials = block
        .get("AllowCredentials")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    assert_eq!(
        credentials, valid.allow_credentials,
        "{target}: AllowCredentials"
    );
    match valid.api_type {
        ApiType::Http => {
            let origins: Vec<String> = valid
                .origins
                .values()
                .iter()
                .map(|o| o.to_string())
                .collect();
            assert_eq!(yaml_strings(block.get("AllowOrigins")), origins, "{target}");
            let methods: Vec<String> = valid
                .methods
                .names()
                .iter()
                .map(|m| m.to_string())
                .collect();
            assert_eq!(yaml_strings(block.get("AllowMethods")), methods, "{target}");
            assert_eq!(
                yaml_strings(block.get("AllowHeaders")),
                valid.allow_headers,
                "{target}"
            );
            assert_eq!(
                yaml_strings(block.get("ExposeHeaders")),
                valid.expose_headers,
                "{target}"
            );
            let max_age = block.get("MaxAge").map(|v| v.as_u64().unwrap() as u32);
            assert_eq!(max_age, valid.max_age, "{target}: MaxAge");
        }
        ApiType::Rest => {
            let static_value = |key: &str| block.get(key).map(|v| v.as_str().unwrap().to_owned());
            let quoted = |value: String| format!("'{value}'");
            assert_eq!(
                static_value("AllowOrigin"),
                valid.fixed_origin().map(|o| quoted(o.into())),
                "{target}"
            );
            assert_eq!(
                static_value("AllowMethods"),
                Some(quoted(valid.methods.names().join(","))),
                "{target}"
            );
            let headers =
                (!valid.allow_headers.is_empty()).then(|| quoted(valid.allow_headers.join(",")));
            assert_eq!(static_value("AllowHeaders"), headers, "{target}");
            assert_eq!(
                static_value("MaxAge"),
                valid.max_age.map(|s| quoted(s.to_string())),
                "{target}"
            );
        }
    }
}

fn valid(config: &CorsConfig) -> ValidCorsConfig {
    validate(config).unwrap().config
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn validation_and_check_never_panic(config in any_config()) {
        let report = check(&config);
        if let Some(valid) = report.config {
            for target in Target::ALL {
                let _ = render(target, &valid);
            }
        }
    }

    #[test]
    fn origins_made_of_arbitrary_ascii_never_panic(origin in "[ -~]{0,40}", api_type in api_type()) {
        let config = CorsConfig {
            api_type,
            allow_origins: vec![origin],
            allow_methods: vec!["GET".into()],
            ..CorsConfig::default()
        };
        let _ = check(&config);
    }

    #[test]
    fn every_yaml_and_json_output_parses(config in valid_config()) {
        let valid = valid(&config);
        for target in Target::for_api_type(valid.api_type) {
            let text = render(target, &valid);
            prop_assert!(text.ends_with('\n'), "{} does not end with a newline", target);
            if is_yaml_target(target) {
                parse_yaml(&text);
            }
            if target == Target::LambdaResponse {
                let response: serde_json::Value = serde_json::from_str(&text).unwrap();
                prop_assert!(response.is_object());
            }
        }
    }

    #[test]
    fn sam_outputs_carry_exactly_the_configured_values(config in valid_config()) {
        let valid = valid(&config);
        for target in [Target::SamGlobals, Target::SamResource, Target::SamTemplate] {
            let document = parse_yaml(&render(target, &valid));
            let block = sam_cors_block(&document);
            if valid.api_type == ApiType::Rest && valid.echoes_origin() {
                // SAM's Cors cannot express several origins: the function answers instead.
                prop_assert!(block.is_none(), "{} has a Cors block for several REST origins", target);
            } else {
                let block = block.unwrap_or_else(|| panic!("{target} has no CORS block"));
                assert_sam_block_matches(block, &valid, target);
            }
        }
    }

    #[test]
    fn lambda_response_carries_the_cors_headers(config in valid_config()) {
        let valid = valid(&config);
        let document: serde_json::Value =
            serde_json::from_str(&render(Target::LambdaResponse, &valid)).unwrap();
        let echoes = valid.api_type == ApiType::Rest && valid.origins.len() > 1;
        // Several REST origins: one response per allowed origin, each echoing it.
        let responses: Vec<(Option<&str>, &serde_json::Value)> = if echoes {
            let by_origin = document["responseByRequestOrigin"].as_object().unwrap();
            prop_assert_eq!(by_origin.len(), valid.origins.len());
            let other = &document["responseToAnyOtherOrigin"]["headers"];
            prop_assert!(other.get("Access-Control-Allow-Origin").is_none());
            prop_assert_eq!(other["Vary"].as_str(), Some("Origin"));
            by_origin.iter().map(|(origin, r)| (Some(origin.as_str()), r)).collect()
        } else {
            vec![(None, &document)]
        };
        for (request_origin, response) in responses {
        prop_assert!(response["body"].is_string());
        let headers = &response["headers"];
        if valid.api_type == ApiType::Rest {
            let origin = headers["Access-Control-Allow-Origin"].as_str().unwrap();
            prop_assert!(valid.origins.allows(origin) || origin == "*");
            if let Some(request_origin) = request_origin {
                prop_assert_eq!(origin, request_origin);
            }
            prop_assert_eq!(headers["Vary"].as_str() == Some("Origin"), !valid.origins.is_any());
            prop_assert_eq!(
                headers["Access-Control-Allow-Credentials"].as_str() == Some("true"),
                valid.allow_credentials
            );
        } else {
            prop_assert!(headers.get("Access-Control-Allow-Origin").is_none());
        }
        }
    }

    #[test]
    fn rendering_is_deterministic(config in valid_config()) {
        let valid = valid(&config);
        for target in Target::ALL {
            prop_assert_eq!(render(target, &valid), render(target, &valid));
        }
    }
}

/// TypeScript string literals read back by a real JavaScript engine as the original strings.
#[test]
fn ts_string_literals_round_trip_through_node() {
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let strategy = proptest::collection::vec(any::<String>(), 200);
    let strings = strategy.new_tree(&mut runner).unwrap().current();
    let mut samples = strings;
    samples.extend(
        [
            "",
            "'",
            "\\",
            "\n\r\t",
            "\u{2028}\u{2029}",
            "${x}`",
            "</script>",
        ]
        .map(String::from),
    );
    let literals: Vec<String> = samples.iter().map(|s| ts_string(s)).collect();
    let program = format!(
        "process.stdout.write(JSON.stringify([{}]));",
        literals.join(",\n")
    );
    let output = std::process::Command::new("node")
        .args(["-e", &program])
        .output()
        .expect("node runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let read_back: Vec<String> = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(read_back, samples);
}
