//! Generating every target for a typical configuration (goal: under 100 µs natively).
//!
//! Run with `cargo bench -p apigw-cors --bench generate`.

use apigw_cors::{check, render, ApiType, CorsConfig, Target};
use criterion::{black_box, criterion_group, criterion_main, Criterion};

fn typical(api_type: ApiType) -> CorsConfig {
    CorsConfig {
        api_type,
        allow_origins: vec![
            "https://app.example.com".into(),
            "https://admin.example.com".into(),
            "http://localhost:3000".into(),
        ],
        allow_methods: vec!["GET".into(), "POST".into(), "PUT".into(), "DELETE".into()],
        allow_headers: vec![
            "Content-Type".into(),
            "Authorization".into(),
            "X-Amz-Date".into(),
        ],
        expose_headers: vec!["X-Request-Id".into()],
        max_age: Some(600),
        allow_credentials: true,
        ..CorsConfig::default()
    }
}

/// What the page does on every keystroke: check, then render every target.
fn check_and_render_all(config: &CorsConfig) -> usize {
    let report = check(config);
    let valid = report.config.expect("the benchmark configuration is valid");
    Target::for_api_type(valid.api_type)
        .map(|target| render(target, &valid).len())
        .sum()
}

fn bench(c: &mut Criterion) {
    for api_type in [ApiType::Rest, ApiType::Http] {
        let config = typical(api_type);
        c.bench_function(
            &format!("check + every target ({})", api_type.as_str()),
            |b| b.iter(|| check_and_render_all(black_box(&config))),
        );
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
