//! The `cloudformation` target: writes every conformance case's template to
//! `target/conformance/cloudformation/<case>/` for `conformance/cloudformation/test_cloudformation.py`
//! (cfn-lint, and the same CORS values as the SAM transform makes of `sam-template`); proves that
//! the REST deployment's logical ID follows the CORS configuration; and, for arbitrary valid
//! configurations, that the template parses and carries exactly the configured values.

mod common;

use apigw_cors::{import_template, render, validate, ApiType, Target, ValidCorsConfig};
use common::expected::{expected_gateway_parameters, expected_mock_parameters};
use common::strategies::valid_config_with_settings;
use common::{case_dir, conformance_cases, valid, write_case};
use proptest::prelude::*;
use serde_yaml::Value;

#[test]
fn writes_every_conformance_case_as_a_cloudformation_template() {
    let dir = case_dir("cloudformation");
    let cases = conformance_cases();
    assert!(cases.len() >= 30, "only {} cases", cases.len());
    let extra = common::preflight_meets_any_cases();
    let all = cases
        .iter()
        .map(|(name, config)| (name.as_str(), config, false))
        .chain(extra.iter().map(|(name, config)| (*name, config, true)));
    for (name, config, with_sam_template) in all {
        let config = valid(config);
        let template = render(Target::CloudFormation, &config);
        let parsed: serde_yaml::Value = serde_yaml::from_str(&template).unwrap_or_else(|e| {
            panic!("{name}: cloudformation.yaml does not parse: {e}\n{template}")
        });
        assert!(parsed.get("Transform").is_none(), "{name}");
        write_case(&dir, name, &config, "cloudformation.yaml", &template);
        if with_sam_template {
            let sam = render(Target::SamTemplate, &config);
            std::fs::write(dir.join(name).join("template.yaml"), sam).unwrap();
        }
    }
    let written = std::fs::read_dir(&dir).unwrap().count();
    assert_eq!(written, cases.len() + extra.len());
}

// ------------------------------------------------------------------ reading a template back

/// The template's resources of `kind`, by logical ID.
fn resources_of_type<'a>(template: &'a Value, kind: &str) -> Vec<(&'a str, &'a Value)> {
    template["Resources"]
        .as_mapping()
        .expect("Resources")
        .iter()
        .filter(|(_, resource)| resource["Type"].as_str() == Some(kind))
        .map(|(id, resource)| (id.as_str().unwrap(), resource))
        .collect()
}

/// The target of a `!Ref` (serde_yaml keeps the tag).
fn ref_target(value: &Value) -> &str {
    match value {
        Value::Tagged(tagged) if tagged.tag == "!Ref" => tagged.value.as_str().unwrap(),
        other => panic!("not a !Ref: {other:?}"),
    }
}

/// The logical ID of the REST API's deployment.
fn deployment_id(config: &ValidCorsConfig) -> String {
    let template = parse(&render(Target::CloudFormation, config));
    let deployments = resources_of_type(&template, "AWS::ApiGateway::Deployment");
    assert_eq!(deployments.len(), 1);
    deployments[0].0.to_owned()
}

fn parse(text: &str) -> Value {
    serde_yaml::from_str(text).unwrap_or_else(|e| panic!("does not parse: {e}\n{text}"))
}

fn strings(value: &Value) -> Vec<String> {
    value
        .as_sequence()
        .map(|items| {
            items
                .iter()
                .map(|v| v.as_str().unwrap().to_owned())
                .collect()
        })
        .unwrap_or_default()
}

// ------------------------------------------------------------------ the deployment's logical ID

/// The REST deployment's logical ID changes with every CORS value, so that CloudFormation makes
/// a new deployment and the stage serves the new CORS headers; the same CORS configuration,
/// however written, keeps it (no needless deployment). A change of the API's definition that is
/// not CORS (the API key) changes it too: that also needs a new deployment.
#[test]
fn the_deployment_id_follows_the_cors_configuration() {
    let mut compared = 0;
    for (name, config) in conformance_cases() {
        if config.api_type != ApiType::Rest {
            continue;
        }
        let before = deployment_id(&valid(&config));
        // The same configuration, written differently (upper-case host, a default port, a
        // repeated header), is the same CORS configuration: the same deployment.
        let mut same = config.clone();
        same.allow_headers
            .extend(same.allow_headers.first().cloned());
        if let Some(origin) = same
            .allow_origins
            .iter_mut()
            .find(|o| o.starts_with("https://"))
        {
            *origin = format!(
                "{}:443",
                origin.to_uppercase().replacen("HTTPS", "https", 1)
            );
        }
        assert_eq!(
            deployment_id(&valid(&same)),
            before,
            "{name}: written differently"
        );
        assert_eq!(
            deployment_id(&valid(&config)),
            before,
            "{name}: rendered again"
        );
        for (change_name, change) in common::cors_changes() {
            let mut changed = config.clone();
            if !change(&mut changed) {
                continue;
            }
            let after = deployment_id(&valid(&changed));
            assert_ne!(after, before, "{name}: {change_name}");
            compared += 1;
        }
        let mut key_toggled = config.clone();
        key_toggled.api_key_required = !key_toggled.api_key_required;
        assert_ne!(
            deployment_id(&valid(&key_toggled)),
            before,
            "{name}: API key"
        );
    }
    assert!(compared > 100, "only {compared} changes compared");
}

#[test]
fn http_apis_have_no_deployment_resource_but_an_auto_deploying_stage() {
    for (name, config) in conformance_cases() {
        if config.api_type != ApiType::Http {
            continue;
        }
        let template = parse(&render(Target::CloudFormation, &valid(&config)));
        assert!(resources_of_type(&template, "AWS::ApiGateway::Deployment").is_empty());
        assert!(resources_of_type(&template, "AWS::ApiGatewayV2::Deployment").is_empty());
        let stages = resources_of_type(&template, "AWS::ApiGatewayV2::Stage");
        assert_eq!(stages.len(), 1, "{name}");
        assert_eq!(
            stages[0].1["Properties"]["AutoDeploy"].as_bool(),
            Some(true)
        );
    }
}

// ------------------------------------------------------------------ exact values, any configuration

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

fn assert_http_cors(template: &Value, config: &ValidCorsConfig) {
    let cors = &template["Resources"]["CorsApi"]["Properties"]["CorsConfiguration"];
    let origins: Vec<String> = config
        .origins
        .values()
        .iter()
        .map(|o| o.to_string())
        .collect();
    assert_eq!(strings(&cors["AllowOrigins"]), origins);
    let methods: Vec<String> = config
        .methods
        .names()
        .iter()
        .map(|m| m.to_string())
        .collect();
    assert_eq!(strings(&cors["AllowMethods"]), methods);
    assert_eq!(strings(&cors["AllowHeaders"]), config.allow_headers);
    assert_eq!(strings(&cors["ExposeHeaders"]), config.expose_headers);
    assert_eq!(cors["MaxAge"].as_u64(), config.max_age.map(u64::from));
    assert_eq!(
        cors["AllowCredentials"].as_bool(),
        Some(config.allow_credentials)
    );
    assert!(resources_of_type(template, "AWS::ApiGateway::GatewayResponse").is_empty());
}

fn assert_rest_cors(template: &Value, config: &ValidCorsConfig) {
    let methods = resources_of_type(template, "AWS::ApiGateway::Method");
    let (_, options) = methods
        .iter()
        .find(|(_, m)| m["Properties"]["HttpMethod"] == "OPTIONS")
        .expect("an OPTIONS method");
    let options = &options["Properties"];
    assert_eq!(options["AuthorizationType"], "NONE");
    assert_eq!(options["ApiKeyRequired"].as_bool(), Some(false));
    assert!(options.get("AuthorizerId").is_none());
    let integration = &options["Integration"];
    match config.fixed_origin() {
        Some(origin) => {
            assert_eq!(integration["Type"], "MOCK");
            let response = &integration["IntegrationResponses"][0];
            assert_eq!(response["StatusCode"], "200");
            let expected = expected_mock_parameters(config, origin);
            assert_eq!(string_pairs(&response["ResponseParameters"]), expected);
            let declared: Vec<&str> = options["MethodResponses"][0]["ResponseParameters"]
                .as_mapping()
                .unwrap()
                .keys()
                .map(|k| k.as_str().unwrap())
                .collect();
            let wanted: Vec<&str> = expected.iter().map(|(k, _)| k.as_str()).collect();
            assert_eq!(declared, wanted);
        }
        None => assert_eq!(integration["Type"], "AWS_PROXY"),
    }
    for (_, method) in &methods {
        let properties = &method["Properties"];
        if properties["HttpMethod"] == "OPTIONS" {
            continue;
        }
        let custom = config.authorizer_header.is_some();
        let wanted_auth = if custom { "CUSTOM" } else { "NONE" };
        assert_eq!(properties["AuthorizationType"], wanted_auth);
        assert_eq!(
            properties["ApiKeyRequired"].as_bool(),
            Some(config.api_key_required)
        );
    }
    let responses = resources_of_type(template, "AWS::ApiGateway::GatewayResponse");
    let types: Vec<&str> = responses
        .iter()
        .map(|(_, r)| r["Properties"]["ResponseType"].as_str().unwrap())
        .collect();
    assert_eq!(types, ["DEFAULT_4XX", "DEFAULT_5XX"]);
    for (_, response) in &responses {
        assert_eq!(
            string_pairs(&response["Properties"]["ResponseParameters"]),
            expected_gateway_parameters(config)
        );
    }
    // The stage serves the one deployment, made after every method and gateway response.
    let deployments = resources_of_type(template, "AWS::ApiGateway::Deployment");
    assert_eq!(deployments.len(), 1);
    let (deployment, resource) = deployments[0];
    let stage = &template["Resources"]["CorsApiStage"]["Properties"];
    assert_eq!(ref_target(&stage["DeploymentId"]), deployment);
    let depends_on = strings(&resource["DependsOn"]);
    let mut snapshot: Vec<String> = methods
        .iter()
        .chain(&responses)
        .map(|(id, _)| id.to_string())
        .collect();
    snapshot.sort();
    let mut depends_sorted = depends_on.clone();
    depends_sorted.sort();
    assert_eq!(depends_sorted, snapshot);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn the_template_parses_and_carries_exactly_the_configured_values(config in valid_config_with_settings()) {
        let Ok(checked) = validate(&config) else {
            // Only an authorizer header validation refuses (a forbidden name, for example).
            prop_assume!(false);
            unreachable!();
        };
        let config = checked.config;
        let text = render(Target::CloudFormation, &config);
        let template = parse(&text);
        prop_assert!(template.get("Transform").is_none());
        match config.api_type {
            ApiType::Http => assert_http_cors(&template, &config),
            ApiType::Rest => assert_rest_cors(&template, &config),
        }
        // The function's inline code is the lambda-python target's handler, unchanged.
        let python = render(Target::LambdaPython, &config);
        let handler = python.split_once('\n').unwrap().1;
        let code = template["Resources"]["ItemsFunction"]["Properties"]["Code"]["ZipFile"].as_str();
        prop_assert_eq!(code, Some(handler));
        // The authorizer reads exactly the configured header.
        let authorizer = &template["Resources"]["TokenAuthorizer"]["Properties"]["IdentitySource"];
        match (&config.authorizer_header, config.api_type) {
            (None, _) => prop_assert!(template["Resources"].get("TokenAuthorizer").is_none()),
            (Some(header), ApiType::Rest) => {
                let wanted = format!("method.request.header.{header}");
                prop_assert_eq!(authorizer.as_str(), Some(wanted.as_str()))
            }
            (Some(header), ApiType::Http) => {
                prop_assert_eq!(strings(authorizer), [format!("$request.header.{header}")])
            }
        }
    }
}

// ------------------------------------------------------------------ read back by the importer

/// `check --template` reads the generated template back to the same CORS values, with nothing
/// to report about the template, wherever the values are in the template itself: every HTTP
/// case, and REST with one origin or `*` (the MOCK's headers). With several REST origins the
/// function's code holds them, which the importer does not read.
#[test]
fn the_importer_reads_the_template_back_to_the_same_configuration() {
    let mut read = 0;
    for (name, config) in conformance_cases() {
        let config = valid(&config);
        if config.api_type == ApiType::Rest && config.echoes_origin() {
            continue;
        }
        let import = import_template(&render(Target::CloudFormation, &config))
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let api = import.select(Some("CorsApi")).unwrap();
        assert_eq!(api.api_type, config.api_type, "{name}");
        let findings: Vec<String> = api.findings.iter().map(|d| d.to_string()).collect();
        assert!(findings.is_empty(), "{name}: {findings:?}");
        let found = &api.config;
        assert_eq!(found.allow_origins, config.origins.values(), "{name}");
        assert_eq!(found.allow_methods, config.methods.names(), "{name}");
        assert_eq!(found.allow_headers, config.allow_headers, "{name}");
        assert_eq!(found.max_age, config.max_age.map(i64::from), "{name}");
        assert_eq!(found.allow_credentials, config.allow_credentials, "{name}");
        if config.api_type == ApiType::Http {
            assert_eq!(found.expose_headers, config.expose_headers, "{name}");
        }
        read += 1;
    }
    assert!(read >= 25, "only {read} cases read back");
}
