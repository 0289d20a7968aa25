//! Every target that writes the gateway responses (`sam-template`, `gateway-responses`,
//! `cdk-stack`, `serverless`) writes exactly the policy's CORS headers on DEFAULT_4XX and DEFAULT_5XX.

use super::{gateway_response_headers, GatewayHeaderValue, REQUEST_ORIGIN};
use crate::model::ValidCorsConfig;
use crate::targets::{render, valid_from_json as valid, Target};
use serde_yaml::Value;

/// A header name and its value in API Gateway's notation (a static value in single quotes).
type MappedHeader = (String, String);

/// The configurations under test, by name.
fn configurations() -> Vec<(&'static str, ValidCorsConfig)> {
    let rest = |rest: &str| {
        valid(&format!(
            r#"{{"apiType": "rest", "allowMethods": ["GET", "POST"], {rest}}}"#
        ))
    };
    vec![
        (
            "one origin",
            rest(r#""allowOrigins": ["https://app.example.com"]"#),
        ),
        ("any origin", rest(r#""allowOrigins": ["*"]"#)),
        (
            "several origins",
            rest(r#""allowOrigins": ["https://app.example.com", "http://localhost:3000"]"#),
        ),
        (
            "several origins with credentials",
            rest(
                r#""allowOrigins": ["https://app.example.com", "http://localhost:3000"],
                   "allowCredentials": true, "authorizerHeader": "Authorization""#,
            ),
        ),
        (
            "expose headers",
            rest(
                r#""allowOrigins": ["https://app.example.com", "http://localhost:3000"],
                   "exposeHeaders": ["X-Request-Id", "ETag"], "apiKeyRequired": true"#,
            ),
        ),
    ]
}

/// What the policy says, in API Gateway's notation.
fn policy(config: &ValidCorsConfig) -> Vec<MappedHeader> {
    gateway_response_headers(config)
        .into_iter()
        .map(|(name, value)| {
            let value = match value {
                GatewayHeaderValue::Static(text) => format!("'{text}'"),
                GatewayHeaderValue::RequestOrigin => REQUEST_ORIGIN.to_owned(),
            };
            (name.to_owned(), value)
        })
        .collect()
}

/// The headers of one response type under a YAML `GatewayResponses` mapping, in order.
fn yaml_headers(responses: &Value, response_type: &str) -> Vec<MappedHeader> {
    let headers = responses[response_type]["ResponseParameters"]["Headers"]
        .as_mapping()
        .unwrap_or_else(|| panic!("no {response_type} headers in {responses:?}"));
    headers
        .iter()
        .map(|(name, value)| {
            (
                name.as_str().unwrap().to_owned(),
                value.as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn gateway_responses_target(config: &ValidCorsConfig) -> Value {
    let root: Value = serde_yaml::from_str(&render(Target::GatewayResponses, config)).unwrap();
    root["GatewayResponses"].clone()
}

fn sam_template_target(config: &ValidCorsConfig) -> Value {
    let root: Value = serde_yaml::from_str(&render(Target::SamTemplate, config)).unwrap();
    let apis: Vec<&Value> = root["Resources"]
        .as_mapping()
        .unwrap()
        .values()
        .filter(|resource| resource["Type"].as_str() == Some("AWS::Serverless::Api"))
        .collect();
    assert_eq!(apis.len(), 1);
    apis[0]["Properties"]["GatewayResponses"].clone()
}

/// The headers of one response type in the `resources` of `serverless.yml`, in order.
fn serverless_headers(config: &ValidCorsConfig, response_type: &str) -> Vec<MappedHeader> {
    let root: Value = serde_yaml::from_str(&render(Target::Serverless, config)).unwrap();
    let id = format!(
        "GatewayResponseDefault{}",
        response_type.trim_start_matches("DEFAULT_")
    );
    let properties = &root["resources"]["Resources"][id.as_str()]["Properties"];
    assert_eq!(properties["ResponseType"].as_str(), Some(response_type));
    properties["ResponseParameters"]
        .as_mapping()
        .unwrap_or_else(|| panic!("no {response_type} in serverless.yml"))
        .iter()
        .map(|(name, value)| {
            let name = name.as_str().unwrap();
            (
                name.strip_prefix("gatewayresponse.header.")
                    .unwrap_or_else(|| panic!("not a response header: {name}"))
                    .to_owned(),
                value.as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

/// The value of a TypeScript string literal as the CDK app writes them (`'…'` or `"…"`).
fn ts_literal(text: &str) -> String {
    if text.starts_with('"') {
        serde_json::from_str(text).unwrap()
    } else {
        let inner = text.strip_prefix('\'').and_then(|t| t.strip_suffix('\''));
        inner
            .unwrap_or_else(|| panic!("not a string literal: {text}"))
            .replace("\\'", "'")
            .replace("\\\\", "\\")
    }
}

/// The `corsErrorHeaders` object literal of the CDK app, after checking that both response
/// types use it.
fn cdk_stack_headers(config: &ValidCorsConfig) -> Vec<MappedHeader> {
    let app = render(Target::CdkStack, config);
    for response_type in ["DEFAULT_4XX", "DEFAULT_5XX"] {
        assert!(
            app.contains(&format!(
                "type: ResponseType.{response_type},\n      responseHeaders: corsErrorHeaders,\n"
            )),
            "{response_type} does not use corsErrorHeaders:\n{app}"
        );
    }
    let (_, literal) = app.split_once("const corsErrorHeaders = {\n").unwrap();
    let (literal, _) = literal.split_once("};\n").unwrap();
    literal
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .map(|line| {
            let line = line.strip_suffix(',').unwrap();
            let (name, value) = line.split_once(": ").unwrap();
            (ts_literal(name), ts_literal(value))
        })
        .collect()
}

#[test]
fn every_target_writes_the_policy() {
    for (name, config) in configurations() {
        let expected = policy(&config);
        for response_type in ["DEFAULT_4XX", "DEFAULT_5XX"] {
            assert_eq!(
                yaml_headers(&gateway_responses_target(&config), response_type),
                expected,
                "gateway-responses, {name}, {response_type}"
            );
            assert_eq!(
                yaml_headers(&sam_template_target(&config), response_type),
                expected,
                "sam-template, {name}, {response_type}"
            );
            assert_eq!(
                serverless_headers(&config, response_type),
                expected,
                "serverless, {name}, {response_type}"
            );
        }
        assert_eq!(cdk_stack_headers(&config), expected, "cdk-stack, {name}");
    }
}

#[test]
fn the_policy_in_api_gateway_notation() {
    let owned = |headers: &[(&str, &str)]| -> Vec<MappedHeader> {
        headers
            .iter()
            .map(|(n, v)| (n.to_string(), v.to_string()))
            .collect()
    };
    let by_name: Vec<(&str, Vec<MappedHeader>)> = configurations()
        .iter()
        .map(|(name, config)| (*name, policy(config)))
        .collect();
    assert_eq!(
        by_name,
        [
            (
                "one origin",
                owned(&[("Access-Control-Allow-Origin", "'https://app.example.com'")])
            ),
            (
                "any origin",
                owned(&[("Access-Control-Allow-Origin", "'*'")])
            ),
            (
                "several origins",
                owned(&[
                    (
                        "Access-Control-Allow-Origin",
                        "method.request.header.origin"
                    ),
                    ("Vary", "'Origin'")
                ])
            ),
            (
                "several origins with credentials",
                owned(&[
                    ("Access-Control-Allow-Origin", "'https://app.example.com'"),
                    ("Access-Control-Allow-Credentials", "'true'")
                ])
            ),
            (
                "expose headers",
                owned(&[
                    (
                        "Access-Control-Allow-Origin",
                        "method.request.header.origin"
                    ),
                    ("Access-Control-Expose-Headers", "'X-Request-Id,ETag'"),
                    ("Vary", "'Origin'")
                ])
            ),
        ]
    );
}
