//! A bounded fuzz run over everything that reads untrusted text: configuration parsing (JSON and
//! YAML bytes), link and stored-value decoding, and template import. Each must return, never
//! panic, and take time linear in its input.
//!
//! The random part is a proptest run whose case count is tuned to stay well under 20 s in a
//! debug build on two cores; `APIGW_CORS_FUZZ_CASES=100000 cargo test -p apigw-cors --test fuzz
//! --release` runs it longer. The time part does not time random inputs (too small to measure):
//! it grows large synthetic inputs of each hostile shape fourfold and requires the time to grow
//! less than tenfold (linear work grows fourfold, quadratic sixteenfold).

use apigw_cors::{
    check, decode_fragment, decode_stored, encode_fragment, encode_stored, import_template,
    ApiType, CorsConfig,
};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use std::time::{Duration, Instant};

/// Random cases per property; `APIGW_CORS_FUZZ_CASES` overrides.
fn cases(default: u32) -> u32 {
    std::env::var("APIGW_CORS_FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(default)
}

fn runner(default_cases: u32) -> TestRunner {
    TestRunner::new(Config {
        cases: cases(default_cases),
        failure_persistence: None,
        ..Config::default()
    })
}

/// Text made of the characters that steer YAML and JSON parsers, and a few words and values
/// that the readers treat specially.
fn parser_soup() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => proptest::sample::select(vec![
            "[", "]", "{", "}", ",", ": ", ":", "- ", "? ", "'", "\"", "\\", "#", " #", "|",
            ">", "|-", ">+", "&a ", "*a", "!Ref ", "!Sub ", "!!str ", "<<: ", "%YAML 1.2\n",
            "---\n", "...\n", "\n", "\n  ", "\n    ", "\t", "\r\n", "\u{feff}", "\u{85}",
            "\u{2028}", "\0", "~", "null", "ON", "0x1F", "1_000", "1:20", ".inf", "2001-12-14",
        ]).prop_map(str::to_owned),
        3 => proptest::sample::select(vec![
            "apiType", "http", "rest", "allowOrigins", "allowMethods", "allowHeaders",
            "exposeHeaders", "maxAge", "allowCredentials", "authorizerHeader", "apiKeyRequired",
            "payloadFormatVersion", "Resources", "Globals", "Type", "Properties", "Cors",
            "CorsConfiguration", "AllowOrigin", "AllowOrigins", "AWS::Serverless::Api",
            "AWS::Serverless::HttpApi", "AWS::ApiGateway::Method", "Fn::Sub", "Ref",
            "https://app.example.com", "'*'", "GET", "600", "true",
        ]).prop_map(str::to_owned),
        2 => "[a-zA-Z0-9 ._/-]{0,12}",
        1 => any::<String>().prop_map(|s| s.chars().take(8).collect()),
    ];
    proptest::collection::vec(piece, 0..80).prop_map(|pieces| pieces.concat())
}

/// A configuration file and a template that parse, then damaged at random places.
fn damaged_documents() -> impl Strategy<Value = String> {
    let base = prop_oneof![
        Just(CorsConfig::default().to_json()),
        Just(
            "apiType: rest\nallowOrigins:\n  - https://a.example.com\n  - http://localhost:3000\n\
             allowMethods: [GET, POST]\nallowHeaders: [Content-Type]\nmaxAge: 600\n"
                .to_owned()
        ),
        Just(
            "Globals:\n  Api:\n    Cors:\n      AllowOrigin: \"'https://a.com'\"\n      \
             AllowMethods: !Sub \"'${M}'\"\nResources:\n  F:\n    Type: AWS::Serverless::Function\n    \
             Properties:\n      Events:\n        E: {Type: Api, Properties: {Path: /x, Method: get}}\n  \
             H:\n    Type: AWS::Serverless::HttpApi\n    Properties:\n      CorsConfiguration:\n        \
             AllowOrigins: [https://a.com, !If [C, x, y]]\n        MaxAge: 600\n"
                .to_owned()
        ),
    ];
    (
        base,
        proptest::collection::vec((any::<prop::sample::Index>(), parser_soup()), 1..4),
    )
        .prop_map(|(mut text, edits)| {
            for (at, insert) in edits {
                let mut cut = at.index(text.len() + 1);
                while !text.is_char_boundary(cut) {
                    cut -= 1;
                }
                text.insert_str(cut, &insert);
            }
            text
        })
}

fn read_everything(text: &str) {
    let _ = CorsConfig::from_json(text).map(|config| check(&config));
    let _ = CorsConfig::from_yaml(text).map(|config| check(&config));
    let _ = decode_fragment(text);
    let _ = decode_stored(text);
    if let Ok(import) = import_template(text) {
        for api in &import.apis {
            let _ = api.check();
        }
    }
}

#[test]
fn random_text_never_panics_any_reader() {
    let strategy = prop_oneof![
        parser_soup(),
        damaged_documents(),
        any::<String>(),
        proptest::collection::vec(any::<u8>(), 0..200)
            .prop_map(|bytes| String::from_utf8_lossy(&bytes).into_owned()),
    ];
    runner(1000)
        .run(&strategy, |text| {
            read_everything(&text);
            Ok(())
        })
        .unwrap();
}

#[test]
fn damaged_links_never_panic() {
    let configs = prop_oneof![
        Just(CorsConfig::default()),
        Just(CorsConfig {
            api_type: ApiType::Rest,
            allow_origins: vec![
                "https://a.example.com".into(),
                "https://b.example.com".into()
            ],
            allow_headers: vec!["X-Custom".into()],
            max_age: Some(7200),
            authorizer_header: Some("Authorization".into()),
            ..CorsConfig::default()
        }),
    ];
    let strategy = (
        configs,
        any::<bool>(),
        proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..4),
    );
    runner(2000)
        .run(&strategy, |(config, stored, edits)| {
            let encoded = if stored {
                encode_stored(&config)
            } else {
                encode_fragment(&config)
            };
            let mut bytes = encoded.clone().into_bytes();
            for (at, byte) in edits {
                let i = at.index(bytes.len());
                bytes[i] = byte;
            }
            let damaged = String::from_utf8_lossy(&bytes).into_owned();
            let decoded = if stored {
                decode_stored(&damaged)
            } else {
                decode_fragment(&damaged)
            };
            // Unchanged text (an edit that wrote the same byte) decodes to exactly the original.
            if damaged == encoded {
                prop_assert_eq!(decoded, Ok(config));
            }
            Ok(())
        })
        .unwrap();
}

// --- Time linear in the input ---

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

// --- The depth check counts structure, never text ---

/// Text full of the characters that open collections, quotes, comments and block scalars.
fn tricky_text() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        proptest::sample::select(vec![
            "[", "]", "{", "}", "[[[[", "{{{{", "'", "\"", "#", " #", "|", ">", ": ", "- ", ",",
            "\n", "\n  ", " ", "a", "x-1", "\\", "&", "*", "!", "%", "@", "`", "\t",
        ]),
        0..40,
    )
    .prop_map(|pieces| pieces.concat())
}

/// A chain of `depth` nested lists and mappings, each level with sibling text, as a JSON value.
fn nested(depth: usize, texts: &[String]) -> serde_json::Value {
    let mut value = serde_json::Value::String(texts[0].clone());
    for level in 0..depth {
        let text = serde_json::Value::String(texts[level % texts.len()].clone());
        value = if level % 2 == 0 {
            serde_json::json!([text, value, text])
        } else {
            serde_json::json!({"k": text, "deeper": value, "t": text})
        };
    }
    value
}

fn refused_as_too_deep(text: &str) -> bool {
    CorsConfig::from_yaml(text).is_err_and(|e| e.message.starts_with("nesting deeper than"))
}

#[test]
fn the_depth_check_counts_collections_never_text() {
    let strategy = (1usize..=80, proptest::collection::vec(tricky_text(), 1..6));
    runner(200)
        .run(&strategy, |(depth, texts)| {
            let value = nested(depth, &texts);
            // JSON is all flow: refused exactly when deeper than the limit.
            let json = serde_json::to_string(&value).unwrap();
            prop_assert_eq!(refused_as_too_deep(&json), depth > apigw_cors::MAX_NESTING);
            // serde_yaml writes block style (strings quoted, plain or as block scalars as it
            // sees fit): nothing is flow, so nothing may be refused, whatever the text holds.
            let yaml = serde_yaml::to_string(&value).unwrap();
            prop_assert!(!refused_as_too_deep(&yaml), "refused:\n{}", yaml);
            Ok(())
        })
        .unwrap();
}
