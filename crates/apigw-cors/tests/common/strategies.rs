//! The proptest strategies the property tests share: configurations that pass validation, of
//! every shape.

use apigw_cors::{ApiType, CorsConfig};
use proptest::prelude::*;

/// REST or HTTP.
pub fn api_type() -> impl Strategy<Value = ApiType> {
    prop_oneof![Just(ApiType::Rest), Just(ApiType::Http)]
}

/// An exact origin: scheme, a DNS host name, maybe a port.
pub fn exact_origin() -> impl Strategy<Value = String> {
    (
        prop_oneof![Just("https"), Just("http")],
        // DNS labels: a hyphen inside a label, never at its ends.
        "[a-z]([a-z0-9-]{0,11}[a-z0-9])?(\\.[a-z][a-z0-9]{0,8}){0,2}\\.(com|org|dev)",
        proptest::option::of(1024u16..65535),
    )
        .prop_map(|(scheme, host, port)| match port {
            Some(port) => format!("{scheme}://{host}:{port}"),
            None => format!("{scheme}://{host}"),
        })
}

/// A header name: a common one, `*`, a token YAML 1.1 or 1.2 reads as something else when
/// written plain (booleans, null, numbers, indicators), or an arbitrary HTTP token.
pub fn header_name() -> impl Strategy<Value = String> {
    prop_oneof![
        2 => Just("Content-Type".to_string()),
        2 => Just("Authorization".to_string()),
        2 => Just("*".to_string()),
        1 => prop_oneof![
            Just("ON"),
            Just("y"),
            Just("No"),
            Just("NULL"),
            Just("True"),
            Just("off"),
            Just("1e3"),
            Just("0x1F"),
            Just("0o17"),
            Just("123"),
            Just(".inf"),
            Just("~"),
            Just("-"),
            Just("#x"),
            Just("&a"),
            Just("*a"),
            Just("!tag"),
            Just("%x"),
            Just("|"),
            Just("`x`"),
            Just("2024-01-01"),
            Just("1_000"),
            Just("+1"),
        ]
        .prop_map(String::from),
        5 => "[A-Za-z][A-Za-z0-9!#$%&*+.^_`|~-]{0,20}",
    ]
}

/// Configurations that pass validation, of every shape (no authorizer, no API key, the default
/// payload format).
pub fn valid_config() -> impl Strategy<Value = CorsConfig> {
    (
        api_type(),
        prop_oneof![
            1 => Just(vec!["*".to_string()]),
            6 => proptest::collection::vec(exact_origin(), 1..5),
            1 => Just(vec!["https://*".to_string(), "http://*".to_string()]),
        ],
        prop_oneof![
            1 => Just(vec!["*".to_string()]),
            5 => proptest::sample::subsequence(
                vec!["GET", "PUT", "POST", "DELETE", "PATCH", "HEAD", "OPTIONS"], 1..=7
            ).prop_map(|m| m.into_iter().map(String::from).collect()),
        ],
        proptest::collection::vec(header_name(), 0..5),
        proptest::collection::vec(header_name(), 0..3),
        proptest::option::of(0i64..=86_400),
        any::<bool>(),
    )
        .prop_map(
            |(
                api_type,
                mut origins,
                methods,
                allow_headers,
                expose_headers,
                max_age,
                credentials,
            )| {
                if api_type == ApiType::Rest && origins.iter().any(|o| o.ends_with("://*")) {
                    origins = vec!["https://app.example.com".into()];
                }
                CorsConfig {
                    api_type,
                    allow_credentials: credentials && origins != ["*"],
                    allow_origins: origins,
                    allow_methods: methods,
                    allow_headers,
                    expose_headers,
                    max_age,
                    authorizer_header: None,
                    api_key_required: false,
                    payload_format_version: None,
                }
            },
        )
}

/// [`valid_config`] with the settings beyond CORS: an authorizer's token header, an API key
/// (REST), the payload format (HTTP), and `maxAge: 0` often enough to be seen.
pub fn valid_config_with_settings() -> impl Strategy<Value = CorsConfig> {
    (
        valid_config(),
        proptest::option::of(header_name().prop_filter("a header name", |h| h != "*")),
        any::<bool>(),
        proptest::option::of(prop_oneof![Just("1.0"), Just("2.0")]),
        proptest::bool::weighted(0.15),
    )
        .prop_map(|(config, authorizer, api_key, payload, no_cache)| {
            let http = config.api_type == ApiType::Http;
            CorsConfig {
                max_age: if no_cache { Some(0) } else { config.max_age },
                authorizer_header: authorizer,
                api_key_required: api_key && !http,
                payload_format_version: payload.filter(|_| http).map(String::from),
                ..config
            }
        })
        .prop_filter("a valid configuration", |config| {
            apigw_cors::validate(config).is_ok()
        })
}
