//! SAM conformance: writes every conformance case's complete template (and the snippets) to
//! `target/conformance/sam/<case>/` for `conformance/sam/test_sam.py`, which runs them through
//! aws-sam-translator and cfn-lint. Also writes `target/conformance/sam-rejected/<case>/`: values
//! AWS's tools accept (the Python side proves it) but browsers or API Gateway do not, each of
//! which our validation rejects with the code asserted here.

mod common;

use apigw_cors::{render, ApiType, CorsConfig, Target};
use common::{case_dir, conformance_cases, error_codes, get_config, valid, write_case};

/// The files each case directory gets besides `expected.json`.
const SNIPPETS: [(Target, &str); 3] = [
    (Target::SamGlobals, "sam-globals.yaml"),
    (Target::SamResource, "sam-resource.yaml"),
    (Target::GatewayResponses, "gateway-responses.yaml"),
];

#[test]
fn writes_every_conformance_case_as_a_sam_template() {
    let dir = case_dir("sam");
    let cases = conformance_cases();
    assert!(cases.len() >= 30, "only {} cases", cases.len());
    for (name, config) in &cases {
        let config = valid(config);
        let template = render(Target::SamTemplate, &config);
        let parsed: serde_yaml::Value = serde_yaml::from_str(&template)
            .unwrap_or_else(|e| panic!("{name}: template.yaml does not parse: {e}\n{template}"));
        assert_eq!(
            parsed["Transform"].as_str(),
            Some("AWS::Serverless-2016-10-31"),
            "{name}"
        );
        write_case(&dir, name, &config, "template.yaml", &template);
        for (target, file_name) in SNIPPETS {
            let text = render(target, &config);
            serde_yaml::from_str::<serde_yaml::Value>(&text)
                .unwrap_or_else(|e| panic!("{name}: {file_name} does not parse: {e}\n{text}"));
            std::fs::write(dir.join(name).join(file_name), text).unwrap();
        }
    }
    let written = std::fs::read_dir(&dir).unwrap().count();
    assert_eq!(written, cases.len());
}

/// Values that aws-sam-translator and cfn-lint accept (see
/// shared/reference/sam-cdk-tool-behaviour.md and `test_sam.py::test_aws_tools_accept`) but
/// that break in a browser or at API Gateway, with the error code our validation gives.
fn accepted_by_aws_rejected_by_us() -> Vec<(&'static str, CorsConfig, &'static str)> {
    let mut cases = Vec::new();
    for (api_type, prefix) in [(ApiType::Rest, "rest"), (ApiType::Http, "http")] {
        let mut add = |name: &'static str, config: CorsConfig, code: &'static str| {
            let name: &'static str = Box::leak(format!("{prefix}-{name}").into_boxed_str());
            cases.push((name, config, code));
        };
        add(
            "single-quote",
            get_config(api_type, &["https://a'b.example.com"]),
            "origin-quote",
        );
        add(
            "double-quote",
            get_config(api_type, &["https://a\"b.example.com"]),
            "origin-quote",
        );
        add(
            "newline",
            get_config(api_type, &["https://a.example.com\nX-Injected: 1"]),
            "origin-control-character",
        );
        add(
            "backslash",
            get_config(api_type, &["https://a\\b.example.com"]),
            "origin-backslash",
        );
        // Rejected, but by the path rule (its fix text is wrong for a list); a dedicated
        // comma-list code is proposed to the validation owner.
        add(
            "comma-joined",
            get_config(api_type, &["https://a.example.com,https://b.example.com"]),
            "origin-comma-list",
        );
        add(
            "subdomain-wildcard",
            get_config(api_type, &["https://*.example.com"]),
            "origin-subdomain-wildcard",
        );
        let mut config = get_config(api_type, &["*", "https://a.example.com"]);
        config.allow_credentials = true;
        add(
            "credentials-wildcard-mixed",
            config,
            "origin-wildcard-mixed",
        );
    }
    let mut config = get_config(ApiType::Http, &["https://a.example.com"]);
    config.max_age = Some(86401);
    cases.push(("http-max-age-86401", config, "max-age-http-limit"));
    let mut config = get_config(ApiType::Http, &["https://a.example.com"]);
    config.max_age = Some(-1);
    cases.push(("http-max-age-minus-one", config, "max-age-negative"));
    // SAM REST accepts credentials with `*` written without the inner quotes.
    let mut config = get_config(ApiType::Rest, &["*"]);
    config.allow_credentials = true;
    cases.push((
        "rest-credentials-unquoted-wildcard",
        config,
        "credentials-wildcard-origin",
    ));
    cases
}

#[test]
fn rejects_what_aws_tools_accept() {
    let dir = case_dir("sam-rejected");
    let cases = accepted_by_aws_rejected_by_us();
    assert_eq!(cases.len(), 17);
    for (name, config, code) in cases {
        assert_eq!(error_codes(&config), [code], "{name}");
        let case = dir.join(name);
        std::fs::create_dir_all(&case).unwrap();
        let raw_json = serde_json::to_string_pretty(&config).unwrap();
        std::fs::write(case.join("config.json"), raw_json).unwrap();
        std::fs::write(case.join("rejected-code.txt"), code).unwrap();
    }
}
