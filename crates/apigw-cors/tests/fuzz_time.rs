//! Everything that reads untrusted text takes time linear in its input. This does not time
//! random inputs (too small to measure): it grows large synthetic inputs of each hostile shape
//! fourfold and requires the time to grow less than tenfold (linear work grows fourfold,
//! quadratic sixteenfold). Alone in its test binary: timings taken while the fuzzers run in
//! parallel threads are too noisy to compare.

use apigw_cors::{check, decode_fragment, import_template, CorsConfig};
use std::time::{Duration, Instant};

/// The fastest of three runs of `work` on `input`.
fn fastest(input: &str, work: fn(&str)) -> Duration {
    (0..3)
        .map(|_| {
            let started = Instant::now();
            work(input);
            started.elapsed()
        })
        .min()
        .unwrap_or_default()
}

/// `work` on `shape(n)` and on `shape(4 n)`: the time must grow less than tenfold.
fn grows_linearly(name: &str, n: usize, shape: fn(usize) -> String, work: fn(&str)) {
    let (small, large) = (shape(n), shape(4 * n));
    let (t_small, t_large) = (fastest(&small, work), fastest(&large, work));
    // Below a millisecond, timer noise dominates: compare against a floor instead.
    let floor = Duration::from_millis(2);
    let ratio = t_large.as_secs_f64() / t_small.max(floor).as_secs_f64();
    eprintln!("{name}: {t_small:?} -> {t_large:?}");
    assert!(
        ratio < 10.0,
        "{name}: {} bytes took {t_small:?}, {} bytes took {t_large:?} (x{ratio:.1})",
        small.len(),
        large.len()
    );
}

fn config_yaml(text: &str) {
    let config = CorsConfig::from_yaml(text).expect("the synthetic configuration parses");
    let _ = check(&config);
}

fn config_json(text: &str) {
    let _ = CorsConfig::from_json(text).map(|config| check(&config));
}

fn template(text: &str) {
    if let Ok(import) = import_template(text) {
        for api in &import.apis {
            let _ = api.check();
        }
    }
}

fn fragment(text: &str) {
    let _ = decode_fragment(text);
}

/// `n` distinct origins and as many headers, in YAML.
fn many_origins(n: usize) -> String {
    let mut text = String::from("apiType: http\nallowOrigins:\n");
    for i in 0..n {
        text.push_str(&format!("  - https://app{i}.example.com\n"));
    }
    text.push_str("allowHeaders:\n");
    for i in 0..n {
        text.push_str(&format!("  - X-Header-{i}\n"));
    }
    text
}

/// Lists nested just under the depth limit, `n` times over, in a template (libyaml's work per
/// token grows with the depth, and the whole document is parsed).
fn deep_but_allowed(n: usize) -> String {
    let depth = apigw_cors::MAX_NESTING - 4;
    let item = format!("{}x{}", "[".repeat(depth), "]".repeat(depth));
    format!(
        "Resources:\n  A:\n    Type: AWS::Serverless::HttpApi\n    Properties: [{}]\n",
        vec![item; n].join(", ")
    )
}

/// Nesting far beyond the limit: refused after a prefix, whatever the length.
fn far_too_deep(n: usize) -> String {
    format!(
        "Resources:\n  A:\n    Type: AWS::Serverless::HttpApi\n    Properties: {}{}\n",
        "[".repeat(n),
        "]".repeat(n)
    )
}

/// Brackets inside quoted strings, comments and block scalars: text for the depth scan.
fn brackets_in_text(n: usize) -> String {
    let many = "[{".repeat(n);
    format!(
        "Resources:\n  A:\n    Type: AWS::Serverless::HttpApi\n    Properties:\n      \
         Description: '{many}'\n      # {many}\n      Code: |\n        {many}\n      \
         CorsConfiguration: {{AllowOrigins: [https://a.example.com]}}\n"
    )
}

/// A template with `n` HTTP APIs, each used by a function's event.
fn many_apis(n: usize) -> String {
    let mut text = String::from("Resources:\n");
    for i in 0..n {
        text.push_str(&format!(
            "  Api{i}:\n    Type: AWS::Serverless::HttpApi\n    Properties:\n      \
             CorsConfiguration: {{AllowOrigins: [https://a{i}.example.com], AllowMethods: [GET]}}\n  \
             Fn{i}:\n    Type: AWS::Serverless::Function\n    Properties:\n      Events:\n        \
             E: {{Type: HttpApi, Properties: {{ApiId: !Ref Api{i}, Path: /x, Method: get}}}}\n"
        ));
    }
    text
}

/// [`many_origins`] as JSON.
fn many_origins_json(n: usize) -> String {
    let config =
        CorsConfig::from_yaml(&many_origins(n)).expect("the synthetic configuration parses");
    config.to_json()
}

/// A long fragment, within the format's length limit: decoded in full, then refused.
fn long_fragment(n: usize) -> String {
    format!("v1.{}", "A".repeat(n))
}

#[test]
fn time_grows_linearly_with_every_hostile_shape() {
    grows_linearly("many origins and headers", 2_000, many_origins, config_yaml);
    grows_linearly(
        "nesting just under the limit",
        500,
        deep_but_allowed,
        template,
    );
    grows_linearly(
        "nesting far beyond the limit",
        100_000,
        far_too_deep,
        template,
    );
    grows_linearly("brackets in text", 20_000, brackets_in_text, template);
    grows_linearly("many APIs in a template", 100, many_apis, template);
    grows_linearly("a long link", 15_000, long_fragment, fragment);
    grows_linearly(
        "a JSON configuration",
        2_000,
        many_origins_json,
        config_json,
    );
}
