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

/// A header name: a common one, `*`, or an arbitrary HTTP token.
pub fn header_name() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("Content-Type".to_string()),
        Just("Authorization".to_string()),
        Just("*".to_string()),
        "[A-Za-z][A-Za-z0-9!#$%&*+.^_`|~-]{0,20}",
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
