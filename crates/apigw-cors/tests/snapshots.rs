//! Snapshots of every target for REST and HTTP × {one origin, several origins, `*`,
//! credentials with max-age and expose headers}. Review changes with `cargo insta review`.

mod common;

use apigw_cors::{render, validate, ApiType, CorsConfig, Target};

fn scenarios(api_type: ApiType) -> Vec<(&'static str, CorsConfig)> {
    let base = CorsConfig {
        allow_headers: common::strings(&["Content-Type", "Authorization"]),
        ..common::config(api_type, &["https://app.example.com"], &["GET", "POST"])
    };
    let several = CorsConfig {
        allow_origins: vec![
            "https://app.example.com".into(),
            "https://admin.example.com".into(),
            "http://localhost:3000".into(),
        ],
        ..base.clone()
    };
    let any = CorsConfig {
        allow_origins: vec!["*".into()],
        ..base.clone()
    };
    let credentials = CorsConfig {
        allow_credentials: true,
        max_age: Some(600),
        expose_headers: vec!["X-Request-Id".into(), "ETag".into()],
        ..base.clone()
    };
    vec![
        ("one-origin", base),
        ("several-origins", several),
        ("any-origin", any),
        ("credentials", credentials),
    ]
}

#[test]
fn every_target_for_every_scenario() {
    for api_type in [ApiType::Rest, ApiType::Http] {
        for (scenario, config) in scenarios(api_type) {
            let valid = validate(&config).unwrap().config;
            for target in Target::for_api_type(api_type) {
                let name = format!("{}__{}__{}", target.name(), api_type.as_str(), scenario);
                insta::assert_snapshot!(name, render(target, &valid));
            }
        }
    }
}
