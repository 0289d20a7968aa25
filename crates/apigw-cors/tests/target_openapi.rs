//! The `openapi` target: writes every conformance case's definition to
//! `target/conformance/openapi/<case>/` for `conformance/openapi/test_openapi.py` (OpenAPI 3.0
//! validity, the documented shapes of API Gateway's extensions, the SAM transform and cfn-lint),
//! together with the case's `sam-template` so that test can compare the two; and a property
//! test that for arbitrary valid configurations the definition parses and its extensions carry
//! exactly the configured values, including values YAML would read as something else.

mod common;

use apigw_cors::{render, validate, ApiType, Target, ValidCorsConfig};
use common::strategies::valid_config_with_settings;
use common::{case_dir, conformance_cases, valid, write_case};
use proptest::prelude::*;
use serde_yaml::{Mapping, Value};

/// The proxy integration's placeholder URI, as the header comment names it.
const FUNCTION_URI: &str = "arn:aws:apigateway:REGION:lambda:path/2015-03-31/functions/arn:aws:lambda:REGION:ACCOUNT_ID:function:FUNCTION_NAME/invocations";
/// The authorizer's placeholder URI.
const AUTHORIZER_URI: &str = "arn:aws:apigateway:REGION:lambda:path/2015-03-31/functions/arn:aws:lambda:REGION:ACCOUNT_ID:function:AUTHORIZER_FUNCTION_NAME/invocations";

#[test]
fn writes_every_conformance_case_as_an_openapi_definition() {
    let dir = case_dir("openapi");
    let cases = conformance_cases();
    assert!(cases.len() >= 30, "only {} cases", cases.len());
    for (name, config) in &cases {
        let config = valid(config);
        let text = render(Target::OpenApi, &config);
        let document = parse(&text);
        assert_carries_exactly(&document, &config);
        write_case(&dir, name, &config, "openapi.yaml", &text);
        let template = render(Target::SamTemplate, &config);
        std::fs::write(dir.join(name).join("sam-template.yaml"), template).unwrap();
    }
    let written = std::fs::read_dir(&dir).unwrap().count();
    assert_eq!(written, cases.len());
}

fn parse(text: &str) -> Value {
    serde_yaml::from_str(text)
        .unwrap_or_else(|e| panic!("openapi.yaml does not parse: {e}\n{text}"))
}

fn strings(values: &[&str]) -> Vec<Value> {
    values
        .iter()
        .map(|v| Value::String(v.to_string()))
        .collect()
}

fn mapping(pairs: Vec<(String, Value)>) -> Value {
    Value::Mapping(
        pairs
            .into_iter()
            .map(|(k, v)| (Value::String(k), v))
            .collect::<Mapping>(),
    )
}

fn quoted(value: &str) -> Value {
    Value::String(format!("'{value}'"))
}

/// The operation keys the function answers: the allowed methods except OPTIONS (GET when only
/// OPTIONS is allowed), or the ANY extension for `*`.
fn proxy_operations(config: &ValidCorsConfig) -> Vec<String> {
    let names = config.methods.names();
    if names == ["*"] {
        return vec!["x-amazon-apigateway-any-method".into()];
    }
    let methods: Vec<String> = names
        .iter()
        .filter(|m| **m != "OPTIONS")
        .map(|m| m.to_ascii_lowercase())
        .collect();
    if methods.is_empty() {
        vec!["get".into()]
    } else {
        methods
    }
}

fn several_rest_origins(config: &ValidCorsConfig) -> bool {
    config.api_type == ApiType::Rest && config.origins.values().len() > 1
}

/// Whether the definition has an OPTIONS operation: every REST API, and an HTTP API whose ANY
/// route has an authorizer.
fn has_options(config: &ValidCorsConfig) -> bool {
    config.api_type == ApiType::Rest
        || (config.authorizer_header.is_some() && config.methods.names() == ["*"])
}

/// The HTTP API's `x-amazon-apigateway-cors`, built from the configuration.
fn expected_http_cors(config: &ValidCorsConfig) -> Value {
    let mut pairs = vec![
        (
            "allowOrigins".to_string(),
            Value::Sequence(strings(&config.origins.values())),
        ),
        (
            "allowMethods".to_string(),
            Value::Sequence(strings(&config.methods.names())),
        ),
    ];
    let headers: Vec<&str> = config.allow_headers.iter().map(String::as_str).collect();
    if !headers.is_empty() {
        pairs.push(("allowHeaders".into(), Value::Sequence(strings(&headers))));
    }
    let expose: Vec<&str> = config.expose_headers.iter().map(String::as_str).collect();
    if !expose.is_empty() {
        pairs.push(("exposeHeaders".into(), Value::Sequence(strings(&expose))));
    }
    if let Some(max_age) = config.max_age {
        pairs.push(("maxAge".into(), Value::Number(max_age.into())));
    }
    pairs.push((
        "allowCredentials".into(),
        Value::Bool(config.allow_credentials),
    ));
    mapping(pairs)
}

/// The MOCK's `responseParameters` (REST, one origin or `*`), built from the configuration.
fn expected_mock_parameters(config: &ValidCorsConfig) -> Value {
    let prefix = "method.response.header.Access-Control-";
    let origin = config.origins.values()[0];
    let mut pairs = vec![
        (format!("{prefix}Allow-Origin"), quoted(origin)),
        (
            format!("{prefix}Allow-Methods"),
            quoted(&config.methods.names().join(",")),
        ),
    ];
    if !config.allow_headers.is_empty() {
        pairs.push((
            format!("{prefix}Allow-Headers"),
            quoted(&config.allow_headers.join(",")),
        ));
    }
    if let Some(max_age) = config.max_age {
        pairs.push((format!("{prefix}Max-Age"), quoted(&max_age.to_string())));
    }
    if config.allow_credentials {
        pairs.push((format!("{prefix}Allow-Credentials"), quoted("true")));
    }
    mapping(pairs)
}

/// The gateway responses' `responseParameters` (REST): the configured origin, the request's
/// Origin for several origins without credentials, the first origin with credentials.
fn expected_gateway_parameters(config: &ValidCorsConfig) -> Value {
    let prefix = "gatewayresponse.header.";
    let echoed = several_rest_origins(config) && !config.allow_credentials;
    let origin = if echoed {
        Value::String("method.request.header.origin".into())
    } else {
        quoted(config.origins.values()[0])
    };
    let mut pairs = vec![(format!("{prefix}Access-Control-Allow-Origin"), origin)];
    if config.allow_credentials {
        pairs.push((
            format!("{prefix}Access-Control-Allow-Credentials"),
            quoted("true"),
        ));
    }
    if !config.expose_headers.is_empty() {
        pairs.push((
            format!("{prefix}Access-Control-Expose-Headers"),
            quoted(&config.expose_headers.join(",")),
        ));
    }
    if echoed {
        pairs.push((format!("{prefix}Vary"), quoted("Origin")));
    }
    mapping(pairs)
}

fn security_names(operation: &Value) -> Vec<String> {
    match operation.get("security") {
        None => vec![],
        Some(list) => list
            .as_sequence()
            .unwrap()
            .iter()
            .flat_map(|requirement| {
                let requirement = requirement.as_mapping().unwrap();
                assert_eq!(requirement.len(), 1, "one scheme per requirement");
                requirement.keys().map(|k| k.as_str().unwrap().to_owned())
            })
            .collect(),
    }
}

fn assert_proxy_integration(operation: &Value, config: &ValidCorsConfig) {
    let integration = &operation["x-amazon-apigateway-integration"];
    assert_eq!(integration["type"], "aws_proxy");
    assert_eq!(integration["httpMethod"], "POST");
    assert_eq!(integration["uri"], FUNCTION_URI);
    match config.api_type {
        ApiType::Http => assert_eq!(
            integration["payloadFormatVersion"].as_str(),
            Some(config.payload_format.as_str())
        ),
        ApiType::Rest => assert!(integration.get("payloadFormatVersion").is_none()),
    }
}

/// The definition carries exactly the configuration: CORS, operations, security, gateway
/// responses. Every expectation is built here from the configuration, not by the library.
fn assert_carries_exactly(document: &Value, config: &ValidCorsConfig) {
    assert_eq!(document["openapi"], "3.0.1");
    assert_eq!(document["info"]["title"], "CorsApi");
    assert_eq!(document["info"]["version"], "1.0");
    let root = document.as_mapping().unwrap();
    let paths = document["paths"].as_mapping().unwrap();
    assert_eq!(paths.len(), 1);
    let operations = document["paths"]["/items"].as_mapping().unwrap();
    let mut expected_keys = proxy_operations(config);
    if has_options(config) {
        expected_keys.push("options".into());
    }
    let keys: Vec<&str> = operations.keys().map(|k| k.as_str().unwrap()).collect();
    assert_eq!(keys, expected_keys);

    let mut wanted_security = Vec::new();
    if config.authorizer_header.is_some() {
        wanted_security.push("TokenAuthorizer".to_string());
    }
    let api_key = config.api_type == ApiType::Rest && config.api_key_required;
    if api_key {
        wanted_security.push("api_key".to_string());
    }
    for key in proxy_operations(config) {
        let operation = &operations[key.as_str()];
        assert_proxy_integration(operation, config);
        assert_eq!(security_names(operation), wanted_security, "{key}");
    }
    if has_options(config) {
        let options = &operations["options"];
        assert_eq!(security_names(options), Vec::<String>::new(), "options");
        if config.api_type == ApiType::Http || several_rest_origins(config) {
            assert_proxy_integration(options, config);
        } else {
            let integration = &options["x-amazon-apigateway-integration"];
            assert_eq!(integration["type"], "mock");
            assert_eq!(
                integration["requestTemplates"]["application/json"],
                r#"{"statusCode": 200}"#
            );
            let response = &integration["responses"]["default"];
            assert_eq!(response["statusCode"], "200");
            let parameters = expected_mock_parameters(config);
            assert_eq!(response["responseParameters"], parameters);
            // Each mapped header is declared on the method response.
            let declared: Vec<String> = options["responses"]["200"]["headers"]
                .as_mapping()
                .unwrap()
                .keys()
                .map(|k| format!("method.response.header.{}", k.as_str().unwrap()))
                .collect();
            let mapped: Vec<String> = parameters
                .as_mapping()
                .unwrap()
                .keys()
                .map(|k| k.as_str().unwrap().to_owned())
                .collect();
            assert_eq!(declared, mapped);
        }
    }

    match config.api_type {
        ApiType::Http => {
            assert_eq!(
                document["x-amazon-apigateway-cors"],
                expected_http_cors(config)
            );
            assert!(root.get("x-amazon-apigateway-gateway-responses").is_none());
        }
        ApiType::Rest => {
            assert!(root.get("x-amazon-apigateway-cors").is_none());
            let parameters = expected_gateway_parameters(config);
            let responses = document["x-amazon-apigateway-gateway-responses"]
                .as_mapping()
                .unwrap();
            assert_eq!(responses.len(), 2);
            for response_type in ["DEFAULT_4XX", "DEFAULT_5XX"] {
                let response = responses[response_type].as_mapping().unwrap();
                assert_eq!(response.len(), 1, "{response_type}");
                assert_eq!(
                    response["responseParameters"], parameters,
                    "{response_type}"
                );
            }
        }
    }
    assert_eq!(
        root.get("x-amazon-apigateway-api-key-source")
            .and_then(Value::as_str),
        api_key.then_some("HEADER")
    );

    let schemes = document.get("components").map(|c| &c["securitySchemes"]);
    assert_eq!(schemes.is_some(), !wanted_security.is_empty());
    if let Some(header) = &config.authorizer_header {
        let scheme = &schemes.unwrap()["TokenAuthorizer"];
        assert_eq!(scheme["type"], "apiKey");
        assert_eq!(scheme["in"], "header");
        assert_eq!(scheme["name"].as_str(), Some(header.as_str()));
        let authorizer = &scheme["x-amazon-apigateway-authorizer"];
        assert_eq!(authorizer["authorizerUri"], AUTHORIZER_URI);
        match config.api_type {
            ApiType::Rest => {
                assert_eq!(authorizer["type"], "token");
                assert_eq!(scheme["x-amazon-apigateway-authtype"], "custom");
            }
            ApiType::Http => {
                assert_eq!(authorizer["type"], "request");
                assert_eq!(
                    authorizer["identitySource"].as_str(),
                    Some(format!("$request.header.{header}").as_str())
                );
                assert_eq!(authorizer["authorizerPayloadFormatVersion"], "2.0");
                assert_eq!(authorizer["enableSimpleResponses"], true);
            }
        }
    }
    if api_key {
        let scheme = &schemes.unwrap()["api_key"];
        assert_eq!(scheme["type"], "apiKey");
        assert_eq!(scheme["name"], "x-api-key");
        assert_eq!(scheme["in"], "header");
    }
}

// ---------------------------------------------------------------- property test

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn the_definition_parses_and_carries_exactly_the_configured_values(config in valid_config_with_settings()) {
        let valid = validate(&config)
            .unwrap_or_else(|e| panic!("generated configuration is invalid: {e:?}\n{config:?}"))
            .config;
        let text = render(Target::OpenApi, &valid);
        prop_assert!(text.ends_with('\n'));
        assert_carries_exactly(&parse(&text), &valid);
    }
}
