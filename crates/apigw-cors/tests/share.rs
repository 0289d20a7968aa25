//! The link and storage codec: exact round trips, a stable format, and no panic on any input.

use apigw_cors::{
    decode_fragment, decode_stored, encode_fragment, encode_stored, ApiType, CorsConfig,
    ShareError, ShareSource,
};
use proptest::prelude::*;

fn known_config() -> CorsConfig {
    CorsConfig {
        api_type: ApiType::Rest,
        allow_origins: vec!["https://app.example.com".into(), "https://b.dev".into()],
        allow_methods: vec!["GET".into(), "POST".into()],
        allow_headers: vec!["Content-Type".into(), "Authorization".into()],
        expose_headers: vec!["X-Request-Id".into()],
        max_age: Some(600),
        allow_credentials: true,
        authorizer_header: Some("Authorization".into()),
        api_key_required: true,
        payload_format_version: None,
    }
}

// --- Stable format: these strings are links people have shared; they must keep working. ---

#[test]
fn a_known_configuration_has_a_fixed_link() {
    let fragment = encode_fragment(&known_config());
    assert_eq!(fragment, "v1.HgIeLWh0dHBzOi8vYi5kZXYCAAICCAkBDrAJCRBw");
    assert_eq!(decode_fragment(&fragment), Ok(known_config()));
}

#[test]
fn the_default_configuration_has_a_fixed_link_and_stored_value() {
    let config = CorsConfig::default();
    assert_eq!(encode_fragment(&config), "v1.CQIeGwIAAgIICQCwCVow");
    assert_eq!(encode_stored(&config), "s1.CQIeGwIAAgIICQCwCVow");
    assert_eq!(decode_stored("s1.CQIeGwIAAgIICQCwCVow"), Ok(config));
}

#[test]
fn unicode_and_an_invalid_configuration_survive_exactly() {
    let config = CorsConfig {
        api_type: ApiType::Http,
        allow_origins: vec![
            "https://bücher.example/ ".into(),
            String::new(),
            "'*'".into(),
        ],
        allow_methods: vec!["get".into(), "FETCH".into()],
        allow_headers: vec!["😀".into(), "a\u{0}b\nc".into()],
        expose_headers: vec![],
        max_age: Some(-1),
        allow_credentials: false,
        authorizer_header: Some(String::new()),
        api_key_required: false,
        payload_format_version: Some("3.0".into()),
    };
    let fragment = encode_fragment(&config);
    assert_eq!(decode_fragment(&fragment), Ok(config.clone()));
    assert_eq!(decode_fragment(&format!("#{fragment}")), Ok(config));
}

#[test]
fn a_link_is_made_only_of_url_safe_characters() {
    let fragment = encode_fragment(&known_config());
    assert!(fragment
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c)));
}

// --- Versions ---

#[test]
fn an_unknown_version_is_dropped_with_a_notice() {
    let error = decode_fragment("v2.CQIeGwIAAgIICQCwCVow").unwrap_err();
    assert_eq!(
        error,
        ShareError::UnsupportedVersion {
            place: ShareSource::Link,
            found: "v2".into()
        }
    );
    assert_eq!(
        error.to_string(),
        "The configuration in this link was made by a version of this tool that this one cannot read (format \"v2\"), so it was dropped; the defaults are shown instead."
    );
}

#[test]
fn a_stored_value_and_a_link_are_not_interchangeable() {
    let stored = encode_stored(&CorsConfig::default());
    assert_eq!(
        decode_fragment(&stored),
        Err(ShareError::UnsupportedVersion {
            place: ShareSource::Link,
            found: "s1".into()
        })
    );
    let error = decode_stored("{\"apiType\":\"http\"}").unwrap_err();
    assert_eq!(
        error.to_string(),
        "The saved value is not a configuration saved by this tool (\"{\\\"apiType\\\":\\\"http\"), so it was ignored; the defaults are shown instead."
    );
}

#[test]
fn a_fragment_that_is_not_ours_is_not_called_another_version() {
    for (fragment, found) in [
        ("#hello-world", "hello-world"),
        ("#section-2.1", "section-2.1"),
        ("v1", "v1"),
        ("version.x", "version.x"),
        ("#top", "top"),
    ] {
        let error = decode_fragment(fragment).unwrap_err();
        assert_eq!(
            error,
            ShareError::NotOurs {
                place: ShareSource::Link,
                found: found.into()
            },
            "{fragment}"
        );
    }
    assert_eq!(
        decode_fragment("#hello-world").unwrap_err().to_string(),
        "The text after # in this link is not a configuration link (\"hello-world\"), so it was ignored; the defaults are shown instead."
    );
    // A version-style prefix keeps the future-version message.
    assert!(matches!(
        decode_fragment("v12.AAAA"),
        Err(ShareError::UnsupportedVersion { .. })
    ));
}

#[test]
fn empty_input_says_so() {
    assert_eq!(
        decode_fragment(""),
        Err(ShareError::Empty {
            place: ShareSource::Link
        })
    );
    assert_eq!(
        decode_fragment("#"),
        Err(ShareError::Empty {
            place: ShareSource::Link
        })
    );
    assert_eq!(
        decode_stored("").unwrap_err().to_string(),
        "The saved configuration is empty; the defaults are shown instead."
    );
}

// --- Damage ---

fn damaged(reason: &'static str) -> Result<CorsConfig, ShareError> {
    Err(ShareError::Damaged {
        place: ShareSource::Link,
        reason,
    })
}

#[test]
fn a_truncated_link_is_reported_as_damaged() {
    let fragment = encode_fragment(&known_config());
    assert_eq!(
        decode_fragment(&fragment[..fragment.len() - 3]),
        damaged("it is cut short")
    );
    assert_eq!(
        decode_fragment(&fragment[..fragment.len() - 4]),
        damaged("its checksum does not match")
    );
    assert_eq!(decode_fragment("v1."), damaged("it is too short"));
    assert_eq!(
        decode_fragment("v1.AAB"),
        damaged("it does not end the way this tool ends a link")
    );
}

#[test]
fn one_changed_character_is_caught_by_the_checksum() {
    let fragment = encode_fragment(&known_config());
    let mut changed = fragment.clone().into_bytes();
    changed[10] = if changed[10] == b'A' { b'B' } else { b'A' };
    let changed = String::from_utf8(changed).unwrap();
    assert_eq!(
        decode_fragment(&changed),
        damaged("its checksum does not match")
    );
    assert_eq!(
        decode_fragment(&changed).unwrap_err().to_string(),
        "The configuration in this link is damaged or incomplete (its checksum does not match); the defaults are shown instead."
    );
}

#[test]
fn characters_outside_base64url_are_rejected() {
    assert_eq!(
        decode_fragment("v1.CQIeGwIAAgIICQCwCV+w"),
        damaged("it holds characters a link cannot have")
    );
    assert_eq!(
        decode_fragment("v1.CQIeGwIAAgIICQCwCVow=="),
        damaged("it holds characters a link cannot have")
    );
}

#[test]
fn a_huge_fragment_is_refused_before_decoding() {
    let huge = format!("v1.{}", "A".repeat(70_000));
    assert_eq!(decode_fragment(&huge), damaged("it is too long"));
}

// --- A record with a valid checksum but a broken body reaches the parser. ---

/// The format's checksum (CRC-16/CCITT-FALSE), written out again as the test's oracle.
fn crc16(bytes: &[u8]) -> u16 {
    let mut crc: u16 = 0xffff;
    for &byte in bytes {
        crc ^= u16::from(byte) << 8;
        for _ in 0..8 {
            crc = if crc & 0x8000 != 0 {
                (crc << 1) ^ 0x1021
            } else {
                crc << 1
            };
        }
    }
    crc
}

fn base64url(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut bits = 0u32;
    let mut count = 0;
    let mut out = String::new();
    for &byte in bytes {
        bits = bits << 8 | u32::from(byte);
        count += 8;
        while count >= 6 {
            count -= 6;
            out.push(ALPHABET[(bits >> count & 0x3f) as usize] as char);
        }
    }
    if count > 0 {
        out.push(ALPHABET[(bits << (6 - count) & 0x3f) as usize] as char);
    }
    out
}

/// A link whose checksum is right for `record`, whatever the record holds.
fn link_for_record(record: &[u8]) -> String {
    let mut bytes = record.to_vec();
    bytes.extend_from_slice(&crc16(record).to_be_bytes());
    format!("v1.{}", base64url(&bytes))
}

#[test]
fn the_test_oracle_agrees_with_the_encoder() {
    // flags 0x09 (HTTP, maxAge), origins [dict 30, dict 27], methods [GET, POST], headers
    // [Content-Type, Authorization], no expose headers, maxAge 600 as zigzag 1200.
    let record = [9, 2, 30, 27, 2, 0, 2, 2, 8, 9, 0, 0xb0, 0x09];
    assert_eq!(
        link_for_record(&record),
        encode_fragment(&CorsConfig::default())
    );
}

#[test]
fn broken_records_with_a_valid_checksum_name_the_problem() {
    let cases: [(&[u8], &str); 8] = [
        (
            &[0x40, 0, 0, 0, 0],
            "it sets options this version does not know",
        ),
        (&[0, 1], "it ends too early"),
        (&[0, 0, 0, 0, 0, 0], "it has extra data at the end"),
        (
            &[0, 1, 33, 0xff, 0, 0, 0],
            "it holds text that is not UTF-8",
        ),
        (
            &[0, 1, 35, b'G', b'E', b'T', 0, 0, 0],
            "it spells out a value that has a short form",
        ),
        (
            &[0, 0x80, 0x00, 0, 0, 0],
            "it holds a number written in a non-standard way",
        ),
        (
            &[
                8, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02,
            ],
            "it holds a number that is too large",
        ),
        (&[0, 0xff, 0xff, 0x03, 0], "it ends too early"),
    ];
    for (record, reason) in cases {
        assert_eq!(
            decode_fragment(&link_for_record(record)),
            damaged(reason),
            "{record:?}"
        );
    }
}

#[test]
fn the_extreme_max_ages_round_trip() {
    for max_age in [i64::MIN, i64::MAX, 0, -1, 86_401] {
        let config = CorsConfig {
            max_age: Some(max_age),
            ..CorsConfig::default()
        };
        assert_eq!(decode_fragment(&encode_fragment(&config)), Ok(config));
    }
}

// --- Properties ---

fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("GET".to_owned()),
        Just("Content-Type".to_owned()),
        Just("https://app.example.com".to_owned()),
        Just(String::new()),
        "[a-zA-Z0-9:/.*'\", -]{0,24}",
        any::<String>(),
    ]
}

fn any_list() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(any_text(), 0..5)
}

fn any_config() -> impl Strategy<Value = CorsConfig> {
    (
        prop_oneof![Just(ApiType::Rest), Just(ApiType::Http)],
        (any_list(), any_list(), any_list(), any_list()),
        prop::option::of(any::<i64>()),
        (any::<bool>(), any::<bool>()),
        prop::option::of(any_text()),
        prop::option::of(any_text()),
    )
        .prop_map(
            |(
                api_type,
                (origins, methods, headers, expose),
                max_age,
                (credentials, api_key),
                authorizer,
                payload,
            )| {
                CorsConfig {
                    api_type,
                    allow_origins: origins,
                    allow_methods: methods,
                    allow_headers: headers,
                    expose_headers: expose,
                    max_age,
                    allow_credentials: credentials,
                    authorizer_header: authorizer,
                    api_key_required: api_key,
                    payload_format_version: payload,
                }
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn every_configuration_round_trips_through_a_link(config in any_config()) {
        let fragment = encode_fragment(&config);
        prop_assert!(fragment.starts_with("v1."));
        prop_assert_eq!(decode_fragment(&fragment), Ok(config.clone()));
        prop_assert_eq!(decode_stored(&encode_stored(&config)), Ok(config));
    }

    #[test]
    fn arbitrary_text_never_panics_the_decoder(text in any::<String>()) {
        let _ = decode_fragment(&text);
        let _ = decode_stored(&text);
        let with_prefix = format!("v1.{text}");
        if let Ok(config) = decode_fragment(&with_prefix) {
            prop_assert_eq!(encode_fragment(&config), with_prefix);
        }
    }

    #[test]
    fn arbitrary_base64url_never_panics_the_decoder(text in "v1\\.[A-Za-z0-9_-]{0,80}") {
        if let Ok(config) = decode_fragment(&text) {
            prop_assert_eq!(encode_fragment(&config), text);
        }
    }

    /// Arbitrary bytes with a correct checksum reach the record parser: it never panics, and
    /// whatever it accepts re-encodes to the same link (the format is canonical).
    #[test]
    fn arbitrary_records_never_panic_and_accepted_ones_are_canonical(record in prop::collection::vec(any::<u8>(), 0..64)) {
        let link = link_for_record(&record);
        if let Ok(config) = decode_fragment(&link) {
            prop_assert_eq!(encode_fragment(&config), link);
        }
    }

    /// Small records that look like real ones: a flags byte the format knows and short lists.
    #[test]
    fn plausible_records_never_panic_and_accepted_ones_are_canonical(
        flags in 0u8..64,
        body in prop::collection::vec(prop_oneof![0u8..40, any::<u8>()], 0..24),
    ) {
        let mut record = vec![flags];
        record.extend(body);
        let link = link_for_record(&record);
        if let Ok(config) = decode_fragment(&link) {
            prop_assert_eq!(encode_fragment(&config), link);
        }
    }
}
