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

/// A configuration with `n` distinct origins and `n` distinct allowed headers (a long paste).
fn long_lists(n: usize) -> CorsConfig {
    CorsConfig {
        allow_origins: (0..n)
            .map(|i| format!("https://app{i}.example.com"))
            .collect(),
        allow_headers: (0..n).map(|i| format!("X-Header-{i}")).collect(),
        ..typical(ApiType::Http)
    }
}

fn bench(c: &mut Criterion) {
    // Validation must stay linear: compare the two sizes' times (ten times the entries should
    // take about ten times as long).
    for n in [2_000, 20_000] {
        let config = long_lists(n);
        c.bench_function(&format!("check ({n} origins and {n} headers)"), |b| {
            b.iter(|| check(black_box(&config)).diagnostics.len())
        });
    }
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
