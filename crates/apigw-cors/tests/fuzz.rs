//! A bounded fuzz run over everything that reads untrusted text: configuration parsing (JSON and
//! YAML bytes), link and stored-value decoding, and template import. Each must return and never
//! panic (that the time stays linear in the input is `tests/fuzz_time.rs`).
//!
//! The random part is a proptest run whose case count is tuned to stay well under 20 s in a
//! debug build on two cores; `APIGW_CORS_FUZZ_CASES=100000 cargo test -p apigw-cors --test fuzz
//! --release` runs it longer.

use apigw_cors::{
    check, decode_fragment, decode_stored, encode_fragment, encode_stored, import_template,
    ApiType, CorsConfig,
};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

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
