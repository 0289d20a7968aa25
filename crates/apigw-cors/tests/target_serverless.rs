//! The `serverless` target: writes every conformance case's `serverless.yml`, with the handler
//! files it names (`index.py`, the `lambda-python` output; `authorizer.py`, read back from the
//! comments at the end of `serverless.yml` as a user would save it), to
//! `target/conformance/serverless/<case>/` for `conformance/serverless/test_serverless.py` (osls
//! packages each case offline; cfn-lint and the same CORS values as the `cloudformation` case);
//! and, for arbitrary valid configurations, proves that the file parses and carries exactly the
//! configured values.

mod common;

use apigw_cors::{render, validate, ApiType, Target, ValidCorsConfig};
use common::expected::{expected_gateway_parameters, expected_mock_parameters};
use common::strategies::valid_config_with_settings;
use common::{case_dir, conformance_cases, valid, write_case};
use proptest::prelude::*;
use serde_yaml::Value;

/// The line that starts the authorizer's code in the comments of `serverless.yml`.
const AUTHORIZER_FILE_MARK: &str = "# authorizer.py, ";

/// The placeholder authorizer's code as a user saves it from the end of `serverless.yml`: the
/// comment lines after the mark, without their leading `# ` (or `#` alone).
fn authorizer_file(text: &str) -> Option<String> {
    let (_, after) = text.split_once(AUTHORIZER_FILE_MARK)?;
    let mut code = String::new();
    for line in after.lines().skip(1) {
        let line = line
            .strip_prefix("# ")
            .or_else(|| line.strip_prefix('#'))
            .unwrap_or_else(|| panic!("a code line outside a comment: {line:?}"));
        code.push_str(line);
        code.push('\n');
    }
    Some(code)
}

#[test]
fn writes_every_conformance_case_as_a_serverless_service() {
    let dir = case_dir("serverless");
    let cases = conformance_cases();
    assert!(cases.len() >= 30, "only {} cases", cases.len());
    for (name, config) in &cases {
        let config = valid(config);
        let text = render(Target::Serverless, &config);
        parse(&text);
        write_case(&dir, name, &config, Target::Serverless.file_name(), &text);
        let case = dir.join(name);
        let handler = render(Target::LambdaPython, &config);
        std::fs::write(case.join(Target::LambdaPython.file_name()), handler).unwrap();
        let authorizer = authorizer_file(&text);
        assert_eq!(
            authorizer.is_some(),
            config.authorizer_header.is_some(),
            "{name}"
        );
        if let Some(code) = authorizer {
            std::fs::write(case.join("authorizer.py"), code).unwrap();
        }
    }
    let written = std::fs::read_dir(&dir).unwrap().count();
    assert_eq!(written, cases.len());
}

// ------------------------------------------------------------------ reading the file back

fn parse(text: &str) -> Value {
    serde_yaml::from_str(text).unwrap_or_else(|e| panic!("does not parse: {e}\n{text}"))
}

fn strings(value: &Value) -> Vec<String> {
    value
        .as_sequence()
        .unwrap_or_else(|| panic!("not a list: {value:?}"))
        .iter()
        .map(|v| v.as_str().unwrap().to_owned())
        .collect()
}

fn string_pairs(mapping: &Value) -> Vec<(String, String)> {
    mapping
        .as_mapping()
        .unwrap()
        .iter()
        .map(|(k, v)| {
            (
                k.as_str().unwrap().to_owned(),
                v.as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

/// The `http` or `httpApi` events of the items function, as (method, event).
fn events<'a>(service: &'a Value, kind: &str) -> Vec<(String, &'a Value)> {
    service["functions"]["items"]["events"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|event| {
            let event = &event[kind];
            assert_eq!(event["path"], "/items");
            (event["method"].as_str().unwrap().to_owned(), event)
        })
        .collect()
}

/// The methods that must have an event: the configured ones but OPTIONS, ANY for `*`, GET when
/// only OPTIONS is allowed (written out here independently of the library).
fn expected_methods(config: &ValidCorsConfig) -> Vec<String> {
    let names = config.methods.names();
    if names == ["*"] {
        return vec!["ANY".into()];
    }
    let methods: Vec<String> = names
        .into_iter()
        .filter(|m| *m != "OPTIONS")
        .map(String::from)
        .collect();
    if methods.is_empty() {
        vec!["GET".into()]
    } else {
        methods
    }
}

fn assert_http(service: &Value, config: &ValidCorsConfig) {
    let http_api = &service["provider"]["httpApi"];
    let cors = &http_api["cors"];
    let origins: Vec<String> = config
        .origins
        .values()
        .iter()
        .map(|o| o.to_string())
        .collect();
    assert_eq!(strings(&cors["allowedOrigins"]), origins);
    let methods: Vec<String> = config
        .methods
        .names()
        .iter()
        .map(|m| m.to_string())
        .collect();
    assert_eq!(strings(&cors["allowedMethods"]), methods);
    // Always written: without it the framework allows its seven default headers.
    assert_eq!(strings(&cors["allowedHeaders"]), config.allow_headers);
    match cors.get("exposedResponseHeaders") {
        Some(expose) => assert_eq!(strings(expose), config.expose_headers),
        None => assert!(config.expose_headers.is_empty()),
    }
    assert_eq!(cors["maxAge"].as_u64(), config.max_age.map(u64::from));
    assert_eq!(
        cors["allowCredentials"].as_bool(),
        Some(config.allow_credentials)
    );
    assert_eq!(
        http_api["payload"].as_str(),
        Some(config.payload_format.as_str())
    );
    let mut wanted = expected_methods(config);
    let authorizer = config.authorizer_header.is_some();
    if authorizer && wanted == ["ANY"] {
        wanted.push("OPTIONS".into());
    }
    let events = events(service, "httpApi");
    let methods: Vec<&str> = events.iter().map(|(m, _)| m.as_str()).collect();
    assert_eq!(methods, wanted);
    for (method, event) in &events {
        let name = event.get("authorizer").map(|a| a["name"].as_str().unwrap());
        let wanted = (authorizer && method != "OPTIONS").then_some("TokenAuthorizer");
        assert_eq!(name, wanted, "{method}");
    }
    match &config.authorizer_header {
        Some(header) => {
            let source = &http_api["authorizers"]["TokenAuthorizer"]["identitySource"];
            assert_eq!(
                source.as_str(),
                Some(format!("$request.header.{header}").as_str())
            );
        }
        None => assert!(http_api.get("authorizers").is_none()),
    }
    assert!(service.get("resources").is_none());
}

fn assert_rest(service: &Value, config: &ValidCorsConfig) {
    let events = events(service, "http");
    let mut wanted = expected_methods(config);
    let function_answers = config.fixed_origin().is_none();
    if function_answers {
        wanted.push("OPTIONS".into());
    }
    let methods: Vec<&str> = events.iter().map(|(m, _)| m.as_str()).collect();
    assert_eq!(methods, wanted);
    let own_mock = !function_answers && config.max_age == Some(0);
    for (method, event) in &events {
        let options = method == "OPTIONS";
        match (&config.authorizer_header, options) {
            (Some(header), false) => {
                let authorizer = &event["authorizer"];
                assert_eq!(authorizer["name"], "authorizer");
                assert_eq!(authorizer["type"], "token");
                let source = format!("method.request.header.{header}");
                assert_eq!(authorizer["identitySource"].as_str(), Some(source.as_str()));
            }
            _ => assert!(event.get("authorizer").is_none(), "{method}"),
        }
        let private = event.get("private").and_then(Value::as_bool) == Some(true);
        assert_eq!(private, config.api_key_required && !options, "{method}");
        let Some(cors) = event.get("cors") else {
            assert!(function_answers || own_mock, "{method}: no cors");
            continue;
        };
        assert!(!function_answers && !own_mock, "{method}: cors");
        assert_eq!(cors["origin"].as_str(), config.fixed_origin());
        let methods = match config.methods.names().as_slice() {
            ["*"] => vec!["ANY".to_owned()],
            names => names.iter().map(|m| m.to_string()).collect(),
        };
        assert_eq!(strings(&cors["methods"]), methods);
        assert_eq!(strings(&cors["headers"]), config.allow_headers);
        assert_eq!(
            cors["allowCredentials"].as_bool(),
            Some(config.allow_credentials)
        );
        assert_eq!(cors["maxAge"].as_u64(), config.max_age.map(u64::from));
    }
    assert_eq!(
        service["provider"]["apiGateway"]["apiKeys"]
            .as_sequence()
            .is_some(),
        config.api_key_required
    );
    let resources = service["resources"]["Resources"].as_mapping().unwrap();
    let mut ids: Vec<&str> = resources.keys().map(|k| k.as_str().unwrap()).collect();
    for response_type in ["DEFAULT_4XX", "DEFAULT_5XX"] {
        let id = format!("GatewayResponseDefault{}", &response_type[8..]);
        let response = &resources[id.as_str()];
        assert_eq!(response["Type"], "AWS::ApiGateway::GatewayResponse");
        let properties = &response["Properties"];
        assert_eq!(properties["RestApiId"]["Ref"], "ApiGatewayRestApi");
        assert_eq!(properties["ResponseType"], response_type);
        assert_eq!(
            string_pairs(&properties["ResponseParameters"]),
            expected_gateway_parameters(config)
        );
    }
    if own_mock {
        let options = &resources["ApiGatewayMethodItemsOptions"]["Properties"];
        assert_eq!(options["AuthorizationType"], "NONE");
        assert_eq!(options["ApiKeyRequired"].as_bool(), Some(false));
        assert_eq!(options["ResourceId"]["Ref"], "ApiGatewayResourceItems");
        let response = &options["Integration"]["IntegrationResponses"][0];
        let origin = config.fixed_origin().unwrap();
        assert_eq!(
            string_pairs(&response["ResponseParameters"]),
            expected_mock_parameters(config, origin)
        );
    }
    // The first method's extension makes the framework's deployment wait for every resource.
    let extensions = service["resources"]["extensions"].as_mapping().unwrap();
    assert_eq!(extensions.len(), 1);
    let (method, extension) = extensions.iter().next().unwrap();
    let first = wanted[0].to_ascii_lowercase();
    let wanted_id = format!(
        "ApiGatewayMethodItems{}{}",
        first[..1].to_uppercase(),
        &first[1..]
    );
    assert_eq!(method.as_str(), Some(wanted_id.as_str()));
    let mut waited = strings(&extension["DependsOn"]);
    waited.sort();
    ids.sort();
    assert_eq!(waited, ids);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn the_service_parses_and_carries_exactly_the_configured_values(config in valid_config_with_settings()) {
        let Ok(checked) = validate(&config) else {
            prop_assume!(false);
            unreachable!();
        };
        let config = checked.config;
        let text = render(Target::Serverless, &config);
        // osls reads `${…}` as a variable; nothing the file writes may look like one.
        prop_assert!(!text.contains("${"), "a variable look-alike in {}", text);
        let service = parse(&text);
        prop_assert_eq!(service["frameworkVersion"].as_str(), Some("4"));
        prop_assert_eq!(service["provider"]["runtime"].as_str(), Some("python3.13"));
        prop_assert_eq!(service["functions"]["items"]["handler"].as_str(), Some("index.handler"));
        match config.api_type {
            ApiType::Http => assert_http(&service, &config),
            ApiType::Rest => assert_rest(&service, &config),
        }
        // The authorizer saved from the comments is the cloudformation target's, unchanged.
        let cloudformation = parse(&render(Target::CloudFormation, &config));
        let inline = cloudformation["Resources"]["AuthorizerFunction"]["Properties"]["Code"]["ZipFile"].as_str();
        let saved = authorizer_file(&text);
        prop_assert_eq!(saved.as_deref(), inline);
        let handler = service["functions"].get("authorizer").map(|f| f["handler"].as_str().unwrap());
        prop_assert_eq!(handler, inline.map(|_| "authorizer.handler"));
    }
}
