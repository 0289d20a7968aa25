//! Table tests for every diagnostic `check` adds to a valid configuration.

mod common;

use apigw_cors::{check, ApiType, CorsConfig, Severity};

/// One origin, `GET`, a max-age of 600 and nothing else.
fn base(api_type: ApiType) -> CorsConfig {
    CorsConfig {
        max_age: Some(600),
        ..common::get_config(api_type, &["https://app.example.com"])
    }
}

/// The advice codes (warnings and notes) with their severities and fields.
fn advice(config: &CorsConfig) -> Vec<(&'static str, Severity, String)> {
    let report = check(config);
    assert!(!report.has_errors(), "{:?}", report.diagnostics);
    report
        .diagnostics
        .into_iter()
        .map(|d| (d.code.code(), d.severity, d.field.to_string()))
        .collect()
}

fn codes(config: &CorsConfig) -> Vec<&'static str> {
    advice(config)
        .into_iter()
        .map(|(code, _, _)| code)
        .collect()
}

#[test]
fn a_tidy_configuration_gets_only_the_api_type_facts() {
    assert_eq!(codes(&base(ApiType::Http)), ["http-lambda-headers-ignored"]);
    assert_eq!(
        codes(&base(ApiType::Rest)),
        ["rest-lambda-headers", "rest-gateway-responses"]
    );
}

#[test]
fn wildcard_origin_is_a_warning() {
    let mut c = base(ApiType::Http);
    c.allow_origins = vec!["*".into()];
    assert_eq!(
        advice(&c)[0],
        ("wildcard-origin", Severity::Warning, "allowOrigins".into())
    );
}

#[test]
fn credentials_with_an_origin_pattern_is_a_loud_warning() {
    let mut c = base(ApiType::Http);
    c.allow_origins = vec!["https://app.example.com".into(), "https://*".into()];
    c.allow_credentials = true;
    assert!(advice(&c).contains(&(
        "credentials-origin-pattern",
        Severity::Warning,
        "allowOrigins[1]".into()
    )));
    c.allow_credentials = false;
    assert!(!codes(&c).contains(&"credentials-origin-pattern"));
}

#[test]
fn development_origins_next_to_production_ones() {
    let mut c = base(ApiType::Http);
    c.allow_origins = vec![
        "https://app.example.com".into(),
        "http://localhost:3000".into(),
        "https://localhost:8443".into(),
        "http://[::1]:5173".into(),
        "http://staging.example.com".into(),
    ];
    let fields: Vec<String> = advice(&c)
        .into_iter()
        .filter(|(code, _, _)| *code == "development-origin")
        .map(|(_, _, field)| field)
        .collect();
    assert_eq!(
        fields,
        [
            "allowOrigins[1]",
            "allowOrigins[2]",
            "allowOrigins[3]",
            "allowOrigins[4]"
        ]
    );
    // Development origins alone are a development configuration: nothing to warn about.
    c.allow_origins = vec!["http://localhost:3000".into()];
    assert!(!codes(&c).contains(&"development-origin"));
}

#[test]
fn wildcard_headers_do_not_cover_authorization() {
    let mut c = base(ApiType::Http);
    c.allow_headers = vec!["*".into()];
    assert!(codes(&c).contains(&"wildcard-header-authorization"));
    c.allow_headers = vec!["*".into(), "authorization".into()];
    assert!(!codes(&c).contains(&"wildcard-header-authorization"));
}

#[test]
fn wildcards_are_literal_with_credentials() {
    let mut c = base(ApiType::Rest);
    c.allow_credentials = true;
    c.allow_methods = vec!["*".into()];
    c.allow_headers = vec!["*".into(), "Authorization".into(), "Content-Type".into()];
    c.expose_headers = vec!["*".into()];
    let fields: Vec<String> = advice(&c)
        .into_iter()
        .filter(|(code, _, _)| *code == "wildcard-literal-with-credentials")
        .map(|(_, _, field)| field)
        .collect();
    assert_eq!(fields, ["allowMethods", "allowHeaders", "exposeHeaders"]);
    c.allow_credentials = false;
    assert!(!codes(&c).contains(&"wildcard-literal-with-credentials"));
}

#[test]
fn authorizer_on_the_preflight_gets_the_api_type_specific_fix() {
    let mut rest = base(ApiType::Rest);
    rest.authorizer_header = Some("Authorization".into());
    rest.allow_headers = vec!["Authorization".into()];
    let report = check(&rest);
    let finding = report
        .diagnostics
        .iter()
        .find(|d| d.code == "authorizer-on-preflight")
        .unwrap();
    assert!(finding
        .fix
        .contains("AddDefaultAuthorizerToCorsPreflight: false"));

    let mut http = base(ApiType::Http);
    http.authorizer_header = Some("Authorization".into());
    http.allow_headers = vec!["Authorization".into()];
    let report = check(&http);
    let finding = report
        .diagnostics
        .iter()
        .find(|d| d.code == "authorizer-on-preflight")
        .unwrap();
    assert!(finding.message.contains("$default route or an ANY route"));
    assert!(finding.fix.contains("OPTIONS /{proxy+}"));
}

#[test]
fn the_authorizer_header_must_be_allowed() {
    let mut c = base(ApiType::Http);
    c.authorizer_header = Some("X-Token".into());
    assert!(codes(&c).contains(&"authorizer-header-not-allowed"));
    c.allow_headers = vec!["x-token".into()];
    assert!(!codes(&c).contains(&"authorizer-header-not-allowed"));
    // A custom header is covered by * without credentials, Authorization never is.
    c.allow_headers = vec!["*".into()];
    assert!(!codes(&c).contains(&"authorizer-header-not-allowed"));
    c.authorizer_header = Some("Authorization".into());
    assert!(codes(&c).contains(&"authorizer-header-not-allowed"));
}

#[test]
fn api_key_on_the_preflight_and_its_header() {
    let mut c = base(ApiType::Rest);
    c.api_key_required = true;
    let found = codes(&c);
    assert!(found.contains(&"api-key-on-preflight"));
    assert!(found.contains(&"api-key-header-not-allowed"));
    c.allow_headers = vec!["X-Api-Key".into()];
    let found = codes(&c);
    assert!(found.contains(&"api-key-on-preflight"));
    assert!(!found.contains(&"api-key-header-not-allowed"));
}

#[test]
fn methods_with_a_body_need_content_type() {
    let mut c = base(ApiType::Http);
    c.allow_methods = vec!["GET".into(), "POST".into()];
    assert!(codes(&c).contains(&"content-type-not-allowed"));
    c.allow_headers = vec!["content-type".into()];
    assert!(!codes(&c).contains(&"content-type-not-allowed"));
    c.allow_headers = vec![];
    c.allow_methods = vec!["GET".into(), "DELETE".into()];
    assert!(!codes(&c).contains(&"content-type-not-allowed"));
}

#[test]
fn max_age_browser_caps_and_absence() {
    let table: [(ApiType, Option<i64>, Option<&str>); 6] = [
        (ApiType::Http, Some(7200), None),
        (
            ApiType::Http,
            Some(7201),
            Some("max-age-above-chromium-cap"),
        ),
        (
            ApiType::Http,
            Some(86_400),
            Some("max-age-above-chromium-cap"),
        ),
        (
            ApiType::Rest,
            Some(86_401),
            Some("max-age-above-firefox-cap"),
        ),
        (ApiType::Rest, None, Some("max-age-missing")),
        (ApiType::Rest, Some(0), None),
    ];
    for (api_type, max_age, expected) in table {
        let mut c = base(api_type);
        c.max_age = max_age;
        let found: Vec<_> = codes(&c)
            .into_iter()
            .filter(|c| c.starts_with("max-age"))
            .collect();
        assert_eq!(
            found,
            expected.into_iter().collect::<Vec<_>>(),
            "{max_age:?}"
        );
    }
}

#[test]
fn rest_with_several_origins_explains_what_sam_cannot_express() {
    let mut c = base(ApiType::Rest);
    c.allow_origins = vec![
        "https://a.example.com".into(),
        "https://b.example.com".into(),
    ];
    assert!(codes(&c).contains(&"rest-several-origins"));
    let mut http = base(ApiType::Http);
    http.allow_origins = c.allow_origins.clone();
    assert!(!codes(&http).contains(&"rest-several-origins"));
}

#[test]
fn no_warning_that_options_must_be_listed() {
    // Browsers never check OPTIONS in Access-Control-Allow-Methods; unlike other tools we do not
    // ask for it.
    for api_type in [ApiType::Rest, ApiType::Http] {
        let found = codes(&base(api_type));
        assert!(
            found.iter().all(|code| !code.contains("options")),
            "{found:?}"
        );
    }
}

#[test]
fn findings_are_ordered_errors_warnings_notes() {
    let mut c = base(ApiType::Rest);
    c.allow_origins = vec!["*".into(), "*".into()];
    c.max_age = None;
    let severities: Vec<Severity> = check(&c).diagnostics.iter().map(|d| d.severity).collect();
    let mut sorted = severities.clone();
    sorted.sort();
    assert_eq!(severities, sorted);
    assert_eq!(severities[0], Severity::Warning);
}

#[test]
fn error_lines_name_each_error_with_its_field_and_value() {
    let mut config = base(ApiType::Http);
    assert_eq!(check(&config).error_lines(), Vec::<String>::new());
    config.allow_origins = vec!["https://app.example.com/".into()];
    config.allow_methods = vec![];
    let report = check(&config);
    let errors: Vec<_> = report.diagnostics.iter().filter(|d| d.is_error()).collect();
    assert_eq!(errors.len(), 2);
    assert_eq!(
        report.error_lines(),
        [
            format!(
                "allowOrigins[0] \"https://app.example.com/\": {}",
                errors[0].message
            ),
            format!("allowMethods: {}", errors[1].message),
        ]
    );
}

#[test]
fn rest_gateway_responses_with_several_origins_state_the_policy_trade_off() {
    let note = |credentials: bool| {
        let mut c = base(ApiType::Rest);
        c.allow_origins = vec![
            "https://app.example.com".into(),
            "http://localhost:3000".into(),
        ];
        c.allow_credentials = credentials;
        let report = check(&c);
        let found: Vec<_> = report
            .diagnostics
            .into_iter()
            .filter(|d| d.code == "rest-gateway-responses-origins")
            .map(|d| (d.severity, d.field.to_string(), d.message, d.fix))
            .collect();
        found
    };
    let fix = "accept the trade-off, or allow one origin: the gateway responses then name it";
    assert_eq!(
        note(false),
        [(
            Severity::Note,
            "allowOrigins".to_owned(),
            "Several origins without credentials: API Gateway's own errors echo the request's \
             Origin, because a gateway response cannot check it against the list. Any site can \
             read these errors (API Gateway's generic messages, no user data: credentials are \
             off); in exchange every allowed origin sees the real status instead of a CORS error"
                .to_owned(),
            fix.to_owned()
        )]
    );
    assert_eq!(
        note(true),
        [(
            Severity::Note,
            "allowOrigins".to_owned(),
            "Several origins with credentials: API Gateway's own errors name the first origin \
             only (https://app.example.com), because echoing the request's Origin would let any \
             site read them with the user's cookies. In exchange, pages on the other origins see \
             these errors as CORS errors without their status; the function's own responses \
             echo every allowed origin"
                .to_owned(),
            fix.to_owned()
        )]
    );
    let mut one = base(ApiType::Rest);
    one.allow_credentials = true;
    assert!(!codes(&one).contains(&"rest-gateway-responses-origins"));
    let mut http = base(ApiType::Http);
    http.allow_origins.push("http://localhost:3000".into());
    assert!(!codes(&http).contains(&"rest-gateway-responses-origins"));
}
