//! Table tests for every validation rule: the exact code, field and normalized value.

mod common;

use apigw_cors::{
    validate, AllowedMethods, AllowedOrigins, ApiType, CorsConfig, Field, Invalid, Method, Place,
    Rule, Validated,
};
use common::{config, errors, get_config};

/// The notes validation adds to a valid configuration, as (field, rule).
fn notes(validated: &Validated) -> Vec<(Place, Rule)> {
    validated
        .notes
        .iter()
        .map(|n| (n.field.clone(), n.code))
        .collect()
}

#[test]
fn rejected_origins_name_the_rule() {
    let table: [(ApiType, &str, &str); 34] = [
        (
            ApiType::Http,
            "https://app.example.com/",
            "origin-trailing-slash",
        ),
        (ApiType::Http, "https://app.example.com/app", "origin-path"),
        (ApiType::Http, "https://-app.example.com", "origin-host"),
        (ApiType::Http, "https://app-.example.com", "origin-host"),
        (ApiType::Http, "http://[::ffff:127.0.0.1:1]", "origin-host"),
        (ApiType::Http, "http://[1:2:3:4:5:6:7:8:9]", "origin-host"),
        (ApiType::Rest, "https://[fe80::1]x", "origin-host"),
        (
            ApiType::Rest,
            "https://a.example.com,https://b.example.com",
            "origin-comma-list",
        ),
        (
            ApiType::Http,
            "https://a.example.com, https://b.example.com",
            "origin-comma-list",
        ),
        (ApiType::Http, "https://app.example.com?x=1", "origin-query"),
        (
            ApiType::Http,
            "https://app.example.com#top",
            "origin-fragment",
        ),
        (
            ApiType::Http,
            "https://user:pw@app.example.com",
            "origin-userinfo",
        ),
        (ApiType::Http, "ftp://app.example.com", "origin-scheme"),
        (ApiType::Http, "file://app", "origin-scheme"),
        (ApiType::Http, "app.example.com", "origin-missing-scheme"),
        (ApiType::Http, "//app.example.com", "origin-missing-scheme"),
        (
            ApiType::Http,
            "https://app example.com",
            "origin-whitespace",
        ),
        (
            ApiType::Http,
            " https://app.example.com",
            "origin-whitespace",
        ),
        (ApiType::Http, "'https://app.example.com'", "origin-quote"),
        (ApiType::Http, "https://a\"b.com", "origin-quote"),
        (ApiType::Http, "https://a\\b.com", "origin-backslash"),
        (
            ApiType::Http,
            "https://a.com\nX-Injected: 1",
            "origin-control-character",
        ),
        (ApiType::Http, "https://a.com\t", "origin-control-character"),
        (ApiType::Http, "null", "origin-null"),
        (ApiType::Http, "NULL", "origin-null"),
        (
            ApiType::Http,
            "https://*.example.com",
            "origin-subdomain-wildcard",
        ),
        (ApiType::Rest, "https://*", "origin-pattern-rest"),
        (ApiType::Rest, "http://*", "origin-pattern-rest"),
        (ApiType::Http, "", "origin-empty"),
        (ApiType::Http, "https://", "origin-host"),
        (
            ApiType::Http,
            "https://bücher.example",
            "origin-host-unicode",
        ),
        (ApiType::Http, "http://localhost:0", "origin-port"),
        (ApiType::Http, "http://localhost:70000", "origin-port"),
        (ApiType::Http, "http://localhost:30a", "origin-port"),
    ];
    for (api_type, origin, code) in table {
        assert_eq!(
            errors(&get_config(api_type, &[origin])),
            [("allowOrigins[0]".to_string(), code)],
            "origin {origin:?} on {api_type:?}"
        );
    }
}

#[test]
fn the_error_names_field_value_reason_and_fix() {
    let Err(Invalid { diagnostics }) = validate(&get_config(
        ApiType::Http,
        &["https://a.com", "https://app.example.com/"],
    )) else {
        panic!("expected an error");
    };
    assert_eq!(
        diagnostics[0].to_string(),
        "error: allowOrigins[1] \"https://app.example.com/\": an origin has no path or trailing slash; \
         the browser sends it without one, and the comparison is exact [origin-trailing-slash]\n  \
         fix: write https://app.example.com"
    );
}

#[test]
fn accepted_origins_are_normalized_to_what_browsers_send() {
    let table = [
        ("https://app.example.com", "https://app.example.com", false),
        ("HTTPS://App.Example.COM", "https://app.example.com", true),
        (
            "https://app.example.com:443",
            "https://app.example.com",
            true,
        ),
        ("http://localhost:80", "http://localhost", true),
        ("http://localhost:3000", "http://localhost:3000", false),
        (
            "https://app.example.com:8443",
            "https://app.example.com:8443",
            false,
        ),
        ("http://localhost:03000", "http://localhost:3000", true),
        ("http://[::1]:8080", "http://[::1]:8080", false),
        ("http://127.0.0.1:5173", "http://127.0.0.1:5173", false),
        (
            "https://xn--bcher-kva.example",
            "https://xn--bcher-kva.example",
            false,
        ),
        ("HTTPS://*", "https://*", true),
        ("http://*", "http://*", false),
    ];
    for (origin, normalized, noted) in table {
        let validated = validate(&get_config(ApiType::Http, &[origin])).unwrap();
        assert_eq!(
            validated.config.origins,
            AllowedOrigins::List(vec![normalized.into()])
        );
        let codes: Vec<_> = validated.notes.iter().map(|n| n.code.code()).collect();
        assert_eq!(
            codes,
            if noted {
                vec!["origin-normalized"]
            } else {
                vec![]
            },
            "{origin}"
        );
    }
}

#[test]
fn duplicate_origins_are_merged_with_a_note() {
    let validated = validate(&get_config(
        ApiType::Rest,
        &[
            "https://a.com",
            "https://A.com:443",
            "https://b.com",
            "https://a.com",
        ],
    ))
    .unwrap();
    assert_eq!(
        validated.config.origins,
        AllowedOrigins::List(vec!["https://a.com".into(), "https://b.com".into()])
    );
    assert_eq!(
        notes(&validated),
        [
            (Field::AllowOrigins.at(1), Rule::OriginNormalized),
            (Field::AllowOrigins.at(1), Rule::OriginDuplicate),
            (Field::AllowOrigins.at(3), Rule::OriginDuplicate),
        ]
    );
}

#[test]
fn origin_list_rules() {
    assert_eq!(
        errors(&get_config(ApiType::Http, &[])),
        [("allowOrigins".into(), "origins-empty")]
    );
    assert_eq!(
        errors(&get_config(ApiType::Http, &["*", "https://a.com"])),
        [("allowOrigins".into(), "origin-wildcard-mixed")]
    );
    assert_eq!(
        validate(&get_config(ApiType::Rest, &["*"]))
            .unwrap()
            .config
            .origins,
        AllowedOrigins::Any
    );
    // Every bad entry is reported at once.
    assert_eq!(
        errors(&get_config(
            ApiType::Http,
            &["https://a.com/", "null", "https://ok.com"]
        )),
        [
            ("allowOrigins[0]".into(), "origin-trailing-slash"),
            ("allowOrigins[1]".into(), "origin-null")
        ]
    );
}

#[test]
fn credentials_with_wildcard_origin_are_rejected_for_both_api_types() {
    for api_type in [ApiType::Rest, ApiType::Http] {
        let mut c = get_config(api_type, &["*"]);
        c.allow_credentials = true;
        assert_eq!(
            errors(&c),
            [("allowCredentials".into(), "credentials-wildcard-origin")]
        );
    }
    let mut c = get_config(ApiType::Http, &["https://*"]);
    c.allow_credentials = true;
    assert!(
        validate(&c).is_ok(),
        "a pattern with credentials is a warning, not an error"
    );
}

#[test]
fn methods_rules() {
    let with_methods = |methods: &[&str]| config(ApiType::Http, &["https://a.com"], methods);
    assert_eq!(
        errors(&with_methods(&[])),
        [("allowMethods".into(), "methods-empty")]
    );
    assert_eq!(
        errors(&with_methods(&["FETCH"])),
        [("allowMethods[0]".into(), "method-unknown")]
    );
    assert_eq!(
        errors(&with_methods(&["ANY"])),
        [("allowMethods[0]".into(), "method-unknown")]
    );
    assert_eq!(
        errors(&with_methods(&["*", "GET"])),
        [("allowMethods".into(), "method-wildcard-mixed")]
    );
    assert_eq!(
        validate(&with_methods(&["*"])).unwrap().config.methods,
        AllowedMethods::Any
    );
    let validated = validate(&with_methods(&["patch", "GET", "Get", "OPTIONS"])).unwrap();
    assert_eq!(
        validated.config.methods,
        AllowedMethods::List(vec![Method::Patch, Method::Get, Method::Options])
    );
    assert_eq!(
        notes(&validated),
        [
            (Field::AllowMethods.at(0), Rule::MethodNormalized),
            (Field::AllowMethods.at(2), Rule::MethodNormalized),
            (Field::AllowMethods.at(2), Rule::MethodDuplicate),
        ]
    );
}

#[test]
fn header_name_rules_apply_to_allow_and_expose_headers() {
    let table = [
        ("", "header-empty"),
        ("Content-Type: application/json", "header-value-given"),
        ("Content-Type,Authorization", "header-comma"),
        ("X Custom", "header-whitespace"),
        ("X-Custom\n", "header-whitespace"),
        ("X-\"Quoted\"", "header-invalid"),
        ("X/Slash", "header-invalid"),
        ("X-Ümlaut", "header-invalid"),
        ("X-It's", "header-quote"),
    ];
    for (name, code) in table {
        let mut c = get_config(ApiType::Rest, &["https://a.com"]);
        c.allow_headers = vec![name.into()];
        c.expose_headers = vec!["X-Ok".into(), name.into()];
        assert_eq!(
            errors(&c),
            [
                ("allowHeaders[0]".into(), code),
                ("exposeHeaders[1]".into(), code)
            ],
            "header {name:?}"
        );
    }
}

#[test]
fn header_names_keep_their_case_and_merge_case_insensitively() {
    let mut c = get_config(ApiType::Http, &["https://a.com"]);
    c.allow_headers = vec![
        "X-Amz-Date".into(),
        "content-type".into(),
        "x-amz-date".into(),
        "*".into(),
    ];
    let validated = validate(&c).unwrap();
    assert_eq!(
        validated.config.allow_headers,
        ["X-Amz-Date", "content-type", "*"]
    );
    assert_eq!(validated.notes.len(), 1);
    assert_eq!(validated.notes[0].code, "header-duplicate");
    assert_eq!(validated.notes[0].field, "allowHeaders[2]");
}

#[test]
fn max_age_rules_depend_on_the_api_type() {
    let with_max_age = |api_type, seconds| {
        let mut c = get_config(api_type, &["https://a.com"]);
        c.max_age = Some(seconds);
        c
    };
    let table: [(ApiType, i64, Option<&str>); 9] = [
        (ApiType::Http, 0, None),
        (ApiType::Http, 86_400, None),
        (ApiType::Http, 86_401, Some("max-age-http-limit")),
        (ApiType::Http, -1, Some("max-age-negative")),
        (ApiType::Rest, -1, Some("max-age-negative")),
        (ApiType::Rest, 0, None),
        (ApiType::Rest, 172_800, None),
        (ApiType::Rest, 2_147_483_647, None),
        (ApiType::Rest, 2_147_483_648, Some("max-age-too-large")),
    ];
    for (api_type, seconds, code) in table {
        let found = errors(&with_max_age(api_type, seconds));
        match code {
            None => {
                assert_eq!(found, []);
                let valid = validate(&with_max_age(api_type, seconds)).unwrap().config;
                assert_eq!(valid.max_age, Some(seconds as u32));
            }
            Some(code) => assert_eq!(
                found,
                [("maxAge".into(), code)],
                "{seconds} on {api_type:?}"
            ),
        }
    }
}

#[test]
fn keys_of_the_other_api_type_are_rejected() {
    let mut c = get_config(ApiType::Http, &["https://a.com"]);
    c.api_key_required = true;
    assert_eq!(errors(&c), [("apiKeyRequired".into(), "api-key-http")]);
    let mut c = get_config(ApiType::Rest, &["https://a.com"]);
    c.payload_format_version = Some("2.0".into());
    assert_eq!(
        errors(&c),
        [("payloadFormatVersion".into(), "payload-format-rest")]
    );
    let mut c = get_config(ApiType::Http, &["https://a.com"]);
    c.payload_format_version = Some("3.0".into());
    assert_eq!(
        errors(&c),
        [("payloadFormatVersion".into(), "payload-format-unknown")]
    );
    let mut c = get_config(ApiType::Http, &["https://a.com"]);
    c.authorizer_header = Some("Authorization: Bearer".into());
    assert_eq!(
        errors(&c),
        [("authorizerHeader".into(), "header-value-given")]
    );
}

#[test]
fn files_with_unknown_keys_or_wrong_types_are_rejected_with_the_key_named() {
    let unknown = CorsConfig::from_json(
        r#"{"apiType":"http","allowOrigins":["https://a.com"],"allowOrigin":"x"}"#,
    )
    .unwrap_err()
    .to_string();
    assert!(
        unknown.starts_with("JSON configuration: unknown field `allowOrigin`"),
        "{unknown}"
    );
    let wrong_type =
        CorsConfig::from_yaml("apiType: http\nallowOrigins: [https://a.com]\nmaxAge: \"600\"\n")
            .unwrap_err()
            .to_string();
    assert!(
        wrong_type.starts_with("YAML configuration: maxAge: invalid type: string \"600\""),
        "{wrong_type}"
    );
    let bad_type = CorsConfig::from_yaml("apiType: websocket\nallowOrigins: [https://a.com]\n")
        .unwrap_err()
        .to_string();
    assert!(
        bad_type.contains("unknown variant `websocket`, expected `rest` or `http`"),
        "{bad_type}"
    );
    let missing = CorsConfig::from_json(r#"{"apiType":"rest"}"#)
        .unwrap_err()
        .to_string();
    assert!(
        missing.contains("missing field `allowOrigins`"),
        "{missing}"
    );
}

#[test]
fn yaml_and_json_files_read_to_the_same_configuration() {
    let yaml = CorsConfig::from_yaml(
        "apiType: http\nallowOrigins:\n  - https://app.example.com\nallowMethods: [GET, POST]\n\
         allowHeaders: [Content-Type]\nexposeHeaders: [X-Request-Id]\nmaxAge: 600\nallowCredentials: true\n",
    )
    .unwrap();
    let json = CorsConfig::from_json(&yaml.to_json()).unwrap();
    assert_eq!(yaml, json);
    assert_eq!(json.max_age, Some(600));
    assert!(json.allow_credentials);
}

#[test]
fn duplicates_in_long_lists_are_each_noted_once() {
    let mut c = get_config(ApiType::Http, &[]);
    c.allow_origins = (0..20_000)
        .map(|i| format!("https://app{i}.example.com"))
        .collect();
    c.allow_origins.push("HTTPS://APP7.example.com".into());
    c.allow_headers = (0..20_000).map(|i| format!("X-H-{i}")).collect();
    c.allow_headers.push("x-h-19999".into());
    let validated = validate(&c).unwrap();
    let duplicates: Vec<_> = validated
        .notes
        .iter()
        .filter(|n| n.code == Rule::OriginDuplicate || n.code == Rule::HeaderDuplicate)
        .map(|n| (n.field.to_string(), n.message.clone()))
        .collect();
    assert_eq!(
        duplicates,
        [
            (
                "allowOrigins[20000]".to_owned(),
                "https://app7.example.com is listed more than once; it is used once".to_owned()
            ),
            (
                "allowHeaders[20000]".to_owned(),
                "header names are case-insensitive and X-H-19999 is already listed; it is used once"
                    .to_owned()
            ),
        ]
    );
    assert_eq!(validated.config.origins.len(), 20_000);
    assert_eq!(validated.config.allow_headers.len(), 20_000);
}

#[test]
fn origins_dns_cannot_hold_are_rejected_with_the_length() {
    let first_error = |origin: &str| match validate(&get_config(ApiType::Http, &[origin])) {
        Err(Invalid { diagnostics }) => Some(diagnostics[0].message.clone()),
        Ok(_) => None,
    };
    let long_label = format!("https://{}.example.com", "a".repeat(64));
    assert_eq!(
        first_error(&long_label).as_deref(),
        Some("a part of the host name is 64 characters long; DNS allows at most 63 between dots")
    );
    let longest_name = format!("https://{}com", "abcdefghi.".repeat(25));
    assert_eq!(
        first_error(&longest_name),
        None,
        "253 characters is DNS's limit"
    );
    let too_long = format!("https://{}com", "abcdefghi.".repeat(26));
    assert_eq!(
        first_error(&too_long).as_deref(),
        Some("the host name is 263 characters long; DNS names have at most 253, so no page is served from it")
    );
}

#[test]
fn ipv6_origins_are_written_as_browsers_send_them() {
    for (written, sent) in [
        ("http://[::ffff:127.0.0.1]", "http://[::ffff:7f00:1]"),
        ("http://[::1]:3000", "http://[::1]:3000"),
        ("http://[0:0:0:0:0:0:0:1]", "http://[::1]"),
        (
            "https://[2001:DB8:0:0:1:0:0:1]",
            "https://[2001:db8::1:0:0:1]",
        ),
        ("http://[1:0:0:2:0:0:0:3]", "http://[1:0:0:2::3]"),
        ("http://[1:2:3:4:5:6:7:8]", "http://[1:2:3:4:5:6:7:8]"),
        ("http://[1:0:2:3:4:5:6:7]", "http://[1:0:2:3:4:5:6:7]"),
    ] {
        let validated = validate(&get_config(ApiType::Http, &[written])).unwrap();
        assert_eq!(validated.config.origins.values(), [sent], "{written}");
        let normalized = validated
            .notes
            .iter()
            .any(|n| n.code == Rule::OriginNormalized);
        assert_eq!(normalized, written != sent, "{written}");
    }
}
