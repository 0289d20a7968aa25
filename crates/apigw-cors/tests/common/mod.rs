//! Shared by the integration tests: the configurations they start from, the error codes
//! validation gives, the conformance configurations and the case writer.
#![allow(dead_code)]

pub mod expected;
pub mod strategies;

use apigw_cors::{validate, ApiType, CorsConfig, Invalid, ValidCorsConfig};
use std::path::{Path, PathBuf};

/// A configuration with these origins and methods and nothing else: no headers, no max-age, no
/// credentials, no authorizer, no API key, the default payload format.
pub fn config(api_type: ApiType, origins: &[&str], methods: &[&str]) -> CorsConfig {
    CorsConfig {
        api_type,
        allow_origins: strings(origins),
        allow_methods: strings(methods),
        allow_headers: vec![],
        expose_headers: vec![],
        max_age: None,
        allow_credentials: false,
        authorizer_header: None,
        api_key_required: false,
        payload_format_version: None,
    }
}

/// [`config`] with `GET` as the one method.
pub fn get_config(api_type: ApiType, origins: &[&str]) -> CorsConfig {
    config(api_type, origins, &["GET"])
}

pub fn strings(values: &[&str]) -> Vec<String> {
    values.iter().map(|s| s.to_string()).collect()
}

/// The errors validation reports for `config`, in order, as (field, code).
pub fn errors(config: &CorsConfig) -> Vec<(String, &'static str)> {
    match validate(config) {
        Ok(_) => vec![],
        Err(Invalid { diagnostics }) => diagnostics
            .iter()
            .filter(|d| d.is_error())
            .map(|d| (d.field.to_string(), d.code.code()))
            .collect(),
    }
}

/// The error codes validation reports for `config`, in order.
pub fn error_codes(config: &CorsConfig) -> Vec<&'static str> {
    errors(config).into_iter().map(|(_, code)| code).collect()
}

/// The configurations every conformance harness runs through the real AWS tools: both API
/// types × one origin, several origins, `*`, credentials with max-age and expose headers,
/// patterns, every method, header wildcards, authorizers and API keys.
pub fn conformance_cases() -> Vec<(String, CorsConfig)> {
    let mut cases = Vec::new();
    for api_type in [ApiType::Rest, ApiType::Http] {
        let t = api_type.as_str();
        let mut add = |name: &str, c: CorsConfig| cases.push((format!("{t}-{name}"), c));

        add(
            "one-origin",
            config(api_type, &["https://app.example.com"], &["GET"]),
        );
        add(
            "two-origins",
            config(
                api_type,
                &["https://app.example.com", "http://localhost:3000"],
                &["GET", "POST"],
            ),
        );
        let mut c = config(
            api_type,
            &[
                "https://a.example.com",
                "https://b.example.com",
                "https://c.example.org:8443",
            ],
            &["GET", "PUT", "DELETE"],
        );
        c.allow_headers = strings(&["Content-Type", "Authorization"]);
        add("three-origins-headers", c);
        add("any-origin", config(api_type, &["*"], &["GET", "POST"]));
        // Header names that YAML 1.1 (SAM, CloudFormation) reads as booleans or null when
        // written plain: every YAML output must keep them strings.
        let mut c = config(api_type, &["https://app.example.com"], &["GET", "PUT"]);
        c.allow_headers = strings(&["ON", "X-A", "y", "N", "True", "NULL", "Off", "yES"]);
        c.expose_headers = strings(&["OFF", "Yes", "n"]);
        c.authorizer_header = Some("ON".into());
        add("yaml-look-alikes", c);
        let mut c = config(api_type, &["*"], &["*"]);
        c.allow_headers = strings(&["*"]);
        add("all-wildcards", c);
        let mut c = config(
            api_type,
            &["https://app.example.com"],
            &["GET", "POST", "PATCH"],
        );
        c.allow_credentials = true;
        c.max_age = Some(600);
        c.expose_headers = strings(&["X-Request-Id", "X-Total-Count"]);
        c.allow_headers = strings(&["Content-Type", "X-Amz-Date", "Authorization"]);
        add("credentials-max-age-expose", c);
        let mut c = config(
            api_type,
            &["https://app.example.com", "https://admin.example.com"],
            &["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"],
        );
        c.allow_credentials = true;
        c.max_age = Some(7200);
        c.expose_headers = strings(&["ETag"]);
        c.allow_headers = strings(&["Content-Type", "X-Api-Key"]);
        add("two-origins-credentials", c);
        let mut c = config(api_type, &["https://app.example.com"], &["GET"]);
        c.max_age = Some(0);
        add("max-age-zero", c);
        let mut c = config(api_type, &["https://app.example.com"], &["GET"]);
        c.max_age = Some(86400);
        add("max-age-day", c);
        let mut c = config(api_type, &["http://localhost:5173"], &["GET", "POST"]);
        c.authorizer_header = Some("Authorization".into());
        c.allow_headers = strings(&["Authorization", "Content-Type"]);
        add("authorizer", c);
        let mut c = config(
            api_type,
            &["https://app.example.com", "http://[::1]:8080"],
            &["HEAD"],
        );
        c.expose_headers = strings(&["*"]);
        add("ipv6-expose-wildcard", c);
        let mut c = config(api_type, &["https://xn--bcher-kva.example"], &["DELETE"]);
        c.allow_headers = strings(&["X-Custom-Header", "x-amz-security-token"]);
        add("punycode-delete", c);
        let mut c = config(api_type, &["https://app.example.com"], &["*"]);
        c.allow_headers = strings(&["*", "Authorization"]);
        c.max_age = Some(300);
        add("methods-any-headers-any", c);
        let mut c = config(
            api_type,
            &[
                "https://one.example.com",
                "https://two.example.com",
                "https://three.example.com",
                "https://four.example.com",
                "http://localhost:3000",
            ],
            &["GET", "POST"],
        );
        c.allow_credentials = true;
        c.allow_headers = strings(&["Content-Type"]);
        add("five-origins-credentials", c);
        let mut c = config(api_type, &["https://app.example.com"], &["PUT", "PATCH"]);
        c.allow_headers = strings(&["If-Match", "Content-Type"]);
        c.expose_headers = strings(&["ETag", "Location"]);
        c.max_age = Some(3600);
        add("put-patch-etag", c);
    }
    // REST only.
    let mut c = config(
        ApiType::Rest,
        &["https://app.example.com"],
        &["GET", "POST"],
    );
    c.api_key_required = true;
    c.allow_headers = strings(&["Content-Type", "X-Api-Key"]);
    cases.push(("rest-api-key".into(), c));
    let mut c = config(
        ApiType::Rest,
        &["https://app.example.com", "https://b.example.com"],
        &["GET"],
    );
    c.api_key_required = true;
    c.authorizer_header = Some("X-Auth-Token".into());
    c.allow_headers = strings(&["X-Auth-Token", "X-Api-Key"]);
    c.max_age = Some(100000);
    cases.push(("rest-authorizer-api-key-long-max-age".into(), c));
    // HTTP only: the origin patterns and payload format 1.0.
    cases.push((
        "http-https-pattern".into(),
        config(ApiType::Http, &["https://*"], &["GET"]),
    ));
    let mut c = config(ApiType::Http, &["https://*", "http://*"], &["GET", "POST"]);
    c.allow_credentials = true;
    c.allow_headers = strings(&["Content-Type"]);
    cases.push(("http-patterns-credentials".into(), c));
    let mut c = config(ApiType::Http, &["https://app.example.com"], &["GET"]);
    c.payload_format_version = Some("1.0".into());
    cases.push(("http-payload-1".into(), c));
    cases
}

/// Shapes the shared conformance cases do not have, where the preflight meets an `ANY` route or
/// method and an authorizer or API key (`extra-…`). The complete templates that write the
/// preflight themselves (`cloudformation`, which also writes their `sam-template`, and
/// `terraform`, which compares with the `cloudformation` case) add them to their cases.
pub fn preflight_meets_any_cases() -> Vec<(&'static str, CorsConfig)> {
    let mut http = config(ApiType::Http, &["https://app.example.com"], &["*"]);
    http.authorizer_header = Some("Authorization".into());
    http.allow_headers = strings(&["Authorization"]);
    http.payload_format_version = Some("1.0".into());
    let mut rest = config(ApiType::Rest, &["https://app.example.com"], &["*"]);
    rest.authorizer_header = Some("X-Token".into());
    rest.api_key_required = true;
    rest.allow_credentials = true;
    rest.max_age = Some(0);
    rest.allow_headers = strings(&["X-Token", "X-Api-Key"]);
    let mut any_origin = config(ApiType::Rest, &["*"], &["GET", "DELETE"]);
    any_origin.authorizer_header = Some("Authorization".into());
    any_origin.api_key_required = true;
    any_origin.expose_headers = strings(&["X-Request-Id"]);
    vec![
        ("extra-http-any-method-authorizer", http),
        ("extra-rest-any-method-authorizer-api-key", rest),
        ("extra-rest-any-origin-authorizer-api-key", any_origin),
    ]
}

/// Shapes only the complete CDK apps (`cdk-stack`, `cdk-python`) have: no route besides the
/// preflight, and `*` methods with an authorizer (the routes must list methods, as an ANY
/// route would catch the preflight).
pub fn cdk_app_cases() -> Vec<(String, CorsConfig)> {
    let mut cases = Vec::new();
    for api_type in [ApiType::Rest, ApiType::Http] {
        let t = api_type.as_str();
        let mut c = get_config(api_type, &["https://app.example.com"]);
        c.allow_methods = vec!["OPTIONS".into()];
        c.authorizer_header = Some("Authorization".into());
        cases.push((format!("{t}-cdk-options-only"), c));
        let mut c = get_config(
            api_type,
            &["https://app.example.com", "http://localhost:3000"],
        );
        c.allow_methods = vec!["*".into()];
        c.authorizer_header = Some("Authorization".into());
        c.allow_headers = vec!["Authorization".into()];
        c.allow_credentials = true;
        c.max_age = Some(0);
        cases.push((format!("{t}-cdk-any-method-authorizer"), c));
    }
    cases
}

/// Each way to change one CORS value of a configuration: a name and the change, which returns
/// false when it does not apply (it would make the configuration invalid). The REST deployment
/// tests of `cloudformation` and `terraform` make each change in turn.
pub type Change = (&'static str, fn(&mut CorsConfig) -> bool);

pub fn cors_changes() -> Vec<Change> {
    vec![
        ("add an origin", |c| {
            if c.allow_origins == ["*"] {
                return false;
            }
            c.allow_origins.push("https://added.example.net".into());
            true
        }),
        ("replace the first origin", |c| {
            c.allow_origins[0] = "https://replaced.example.net".into();
            true
        }),
        ("change the methods", |c| {
            c.allow_methods = if c.allow_methods == ["PATCH"] {
                vec!["GET".into()]
            } else {
                vec!["PATCH".into()]
            };
            true
        }),
        ("add an allowed header", |c| {
            c.allow_headers.push("X-Added".into());
            true
        }),
        ("add an exposed header", |c| {
            c.expose_headers.push("X-Added-Expose".into());
            true
        }),
        ("change max age", |c| {
            c.max_age = Some(c.max_age.map_or(600, |age| age + 1));
            true
        }),
        ("drop max age", |c| c.max_age.take().is_some()),
        ("toggle credentials", |c| {
            if c.allow_origins == ["*"] {
                return false;
            }
            c.allow_credentials = !c.allow_credentials;
            true
        }),
    ]
}

/// Validates a conformance configuration (they are all valid).
pub fn valid(config: &CorsConfig) -> ValidCorsConfig {
    validate(config)
        .unwrap_or_else(|e| panic!("conformance case must be valid: {e:?}"))
        .config
}

/// The normalized configuration as JSON, for the external checkers to derive their expectations
/// from: `{apiType, allowOrigins, allowMethods, allowHeaders, exposeHeaders, maxAge,
/// allowCredentials, authorizerHeader, apiKeyRequired, payloadFormatVersion}`.
pub fn expected_json(config: &ValidCorsConfig) -> String {
    let value = serde_json::json!({
        "apiType": config.api_type.as_str(),
        "allowOrigins": config.origins.values(),
        "allowMethods": config.methods.names(),
        "allowHeaders": config.allow_headers,
        "exposeHeaders": config.expose_headers,
        "maxAge": config.max_age,
        "allowCredentials": config.allow_credentials,
        "authorizerHeader": config.authorizer_header,
        "apiKeyRequired": config.api_key_required,
        "payloadFormatVersion": config.payload_format.as_str(),
    });
    serde_json::to_string_pretty(&value).unwrap()
}

/// `target/conformance/<suite>` in the workspace, emptied.
pub fn case_dir(suite: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../target/conformance")
        .join(suite);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Writes `<dir>/<name>/expected.json` and `<dir>/<name>/<file_name>`.
pub fn write_case(dir: &Path, name: &str, config: &ValidCorsConfig, file_name: &str, text: &str) {
    let case = dir.join(name);
    std::fs::create_dir_all(&case).unwrap();
    std::fs::write(case.join("expected.json"), expected_json(config)).unwrap();
    std::fs::write(case.join(file_name), text).unwrap();
}
