//! The configuration as a short, versioned text: for the URL fragment (a shareable link) and
//! for the value kept in the browser's storage.
//!
//! Format (version 1): a prefix (`v1.` in a link, `s1.` in storage), then the unpadded
//! base64url encoding of a compact binary record followed by a CRC-16 of that record:
//!
//! ```text
//! flags            1 byte: bit 0 HTTP API, 1 credentials, 2 API key, 3 maxAge present,
//!                  4 authorizerHeader present, 5 payloadFormatVersion present
//! allowOrigins     count, then strings      (counts and lengths are LEB128 varints)
//! allowMethods     count, then strings
//! allowHeaders     count, then strings
//! exposeHeaders    count, then strings
//! maxAge           zigzag varint            (when flagged)
//! authorizerHeader string                   (when flagged)
//! payloadFormat    string                   (when flagged)
//! checksum         2 bytes, CRC-16/CCITT-FALSE of everything before it, big-endian
//! ```
//!
//! A string is a varint `n`: below [`DICTIONARY`]'s length it names a dictionary entry
//! (method names and common headers, so typical links stay short); otherwise `n - 32` UTF-8
//! bytes follow. The encoding is canonical (shortest varints, dictionary entries never spelled
//! out, no padding, zero trailing bits), so a decoded text re-encodes to itself, and every value
//! the record can hold round-trips exactly, including configurations that do not validate.
//! The dictionary is part of version 1 and never changes; a change needs a new version.
//!
//! The page also keeps the tool the user deploys with ([`DeployTool`]): after the record, a
//! `.` (never in base64url) and the tool's id, for example `v1.AQEe….cdk`. The default tool
//! (SAM) writes nothing, so a SAM link is exactly the record alone, and a link or stored value
//! without a tool (every one written before tools were kept) opens with SAM.

use crate::model::{ApiType, CorsConfig};
use crate::tool::DeployTool;

/// The prefix of a version-1 link fragment.
const LINK_V1: &str = "v1.";
/// The prefix of a version-1 stored value.
const STORED_V1: &str = "s1.";
/// The longest link fragment or stored value the decoders read (prefix included, without a
/// link's `#`); longer input is refused before decoding. A real configuration needs a few
/// hundred bytes. Writers check [`fits_share_limit`] first, so nothing is written that
/// would be refused when read back.
pub const MAX_ENCODED_LEN: usize = 64 * 1024;

/// Strings written as one byte. Frozen for version 1.
const DICTIONARY: [&str; 32] = [
    "GET",
    "PUT",
    "POST",
    "DELETE",
    "PATCH",
    "HEAD",
    "OPTIONS",
    "*",
    "Content-Type",
    "Authorization",
    "X-Api-Key",
    "X-Amz-Date",
    "X-Amz-Security-Token",
    "X-Amz-User-Agent",
    "X-Request-Id",
    "X-Requested-With",
    "Accept",
    "Accept-Language",
    "Content-Language",
    "Cache-Control",
    "If-Match",
    "If-None-Match",
    "ETag",
    "Location",
    "Content-Disposition",
    "1.0",
    "2.0",
    "http://localhost:3000",
    "http://localhost:5173",
    "http://localhost:8080",
    "https://app.example.com",
    "X-Correlation-Id",
];

const FLAG_HTTP: u8 = 1;
const FLAG_CREDENTIALS: u8 = 1 << 1;
const FLAG_API_KEY: u8 = 1 << 2;
const FLAG_MAX_AGE: u8 = 1 << 3;
const FLAG_AUTHORIZER: u8 = 1 << 4;
const FLAG_PAYLOAD_FORMAT: u8 = 1 << 5;
const KNOWN_FLAGS: u8 = (1 << 6) - 1;

/// Where an encoded configuration was read from; it only changes the wording of errors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShareSource {
    /// The URL fragment of a shared link.
    Link,
    /// The value kept in the browser's storage.
    Storage,
}

impl ShareSource {
    fn noun(self) -> &'static str {
        match self {
            ShareSource::Link => "The configuration in this link",
            ShareSource::Storage => "The saved configuration",
        }
    }

    /// What a text that this tool never wrote is, in a sentence.
    fn foreign(self) -> &'static str {
        match self {
            ShareSource::Link => "The text after # in this link is not a configuration link",
            ShareSource::Storage => "The saved value is not a configuration saved by this tool",
        }
    }
}

/// Why an encoded configuration could not be read. Its message is one sentence for a notice on
/// the page; the page then falls back to the defaults.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ShareError {
    /// Nothing to read.
    #[error("{} is empty; the defaults are shown instead.", .place.noun())]
    Empty {
        /// Link or storage.
        place: ShareSource,
    },
    /// Not written by this tool at all: no `v<digits>.`/`s<digits>.` version prefix (for
    /// example a page anchor such as `#hello-world`).
    #[error("{} ({found:?}), so it was ignored; the defaults are shown instead.", .place.foreign())]
    NotOurs {
        /// Link or storage.
        place: ShareSource,
        /// The start of the text (at most 16 characters of it).
        found: String,
    },
    /// Written by another version of the format: a version prefix this release does not know.
    #[error("{} was made by a version of this tool that this one cannot read (format {found:?}), so it was dropped; the defaults are shown instead.", .place.noun())]
    UnsupportedVersion {
        /// Link or storage.
        place: ShareSource,
        /// The version prefix found (at most 16 characters of it).
        found: String,
    },
    /// The text has the right version but is damaged: truncated, edited or mistyped.
    #[error("{} is damaged or incomplete ({reason}); the defaults are shown instead.", .place.noun())]
    Damaged {
        /// Link or storage.
        place: ShareSource,
        /// What exactly is wrong, for the curious.
        reason: &'static str,
    },
}

/// The configuration as a URL fragment (without the `#`), for example `v1.AQEeAgAB…`.
///
/// ```
/// use apigw_cors::{decode_fragment, encode_fragment, CorsConfig};
/// let config = CorsConfig::default();
/// let fragment = encode_fragment(&config);
/// assert!(fragment.starts_with("v1."));
/// assert_eq!(decode_fragment(&fragment), Ok(config));
/// ```
pub fn encode_fragment(config: &CorsConfig) -> String {
    encode_with(LINK_V1, config)
}

/// Reads a URL fragment made by [`encode_fragment`] (a leading `#` is allowed). Never panics.
pub fn decode_fragment(fragment: &str) -> Result<CorsConfig, ShareError> {
    let text = fragment.strip_prefix('#').unwrap_or(fragment);
    decode_with(ShareSource::Link, LINK_V1, text)
}

/// The configuration as the value to keep in the browser's storage (`s1.…`).
pub fn encode_stored(config: &CorsConfig) -> String {
    encode_with(STORED_V1, config)
}

/// Reads a value made by [`encode_stored`]. A value from a format this release does not know
/// is reported as [`ShareError::UnsupportedVersion`] (the page drops it with a notice); when a
/// later release changes the format, it reads the older versions here and migrates them.
pub fn decode_stored(value: &str) -> Result<CorsConfig, ShareError> {
    decode_with(ShareSource::Storage, STORED_V1, value)
}

/// The configuration and the tool as a URL fragment (without the `#`): [`encode_fragment`],
/// then `.` and the tool's id unless it is the default tool.
///
/// ```
/// use apigw_cors::{decode_fragment_with_tool, encode_fragment, encode_fragment_with_tool, CorsConfig, DeployTool};
/// let config = CorsConfig::default();
/// assert_eq!(encode_fragment_with_tool(&config, DeployTool::Sam), encode_fragment(&config));
/// let link = encode_fragment_with_tool(&config, DeployTool::Terraform);
/// assert!(link.ends_with(".terraform"));
/// assert_eq!(decode_fragment_with_tool(&link), Ok((config, DeployTool::Terraform)));
/// ```
pub fn encode_fragment_with_tool(config: &CorsConfig, tool: DeployTool) -> String {
    with_tool(encode_fragment(config), tool)
}

/// Reads a URL fragment made by [`encode_fragment_with_tool`] or [`encode_fragment`] (then
/// the tool is the default one). Never panics.
pub fn decode_fragment_with_tool(fragment: &str) -> Result<(CorsConfig, DeployTool), ShareError> {
    let text = fragment.strip_prefix('#').unwrap_or(fragment);
    split_tool(ShareSource::Link, text, |record| {
        decode_with(ShareSource::Link, LINK_V1, record)
    })
}

/// The configuration and the tool as the value to keep in the browser's storage.
pub fn encode_stored_with_tool(config: &CorsConfig, tool: DeployTool) -> String {
    with_tool(encode_stored(config), tool)
}

/// Reads a value made by [`encode_stored_with_tool`] or [`encode_stored`].
pub fn decode_stored_with_tool(value: &str) -> Result<(CorsConfig, DeployTool), ShareError> {
    split_tool(ShareSource::Storage, value, |record| {
        decode_with(ShareSource::Storage, STORED_V1, record)
    })
}

fn with_tool(mut text: String, tool: DeployTool) -> String {
    if tool != DeployTool::default() {
        text.push('.');
        text.push_str(tool.id());
    }
    text
}

/// Splits `prefix.record[.tool]`, reads the record first (so a text this tool never wrote is
/// reported as such), then the tool.
fn split_tool(
    source: ShareSource,
    text: &str,
    read: impl Fn(&str) -> Result<CorsConfig, ShareError>,
) -> Result<(CorsConfig, DeployTool), ShareError> {
    let record_start = text.find('.').map_or(text.len(), |dot| dot + 1);
    let (record, tool) = match text[record_start..].find('.') {
        Some(dot) => (
            &text[..record_start + dot],
            Some(&text[record_start + dot + 1..]),
        ),
        None => (text, None),
    };
    let config = read(record)?;
    let tool = match tool {
        None => DeployTool::default(),
        Some(id) => id.parse().map_err(|_| ShareError::Damaged {
            place: source,
            reason: "it names a tool this version does not know",
        })?,
    };
    Ok((config, tool))
}

/// Whether [`decode_fragment`] and [`decode_stored`] read back what [`encode_fragment`] and
/// [`encode_stored`] make of `config`: its [`encoded_len`] is at most [`MAX_ENCODED_LEN`]. A
/// writer that checks this never writes a link or a stored value it will refuse.
///
/// ```
/// use apigw_cors::{fits_share_limit, CorsConfig};
/// assert!(fits_share_limit(&CorsConfig::default()));
/// let huge = CorsConfig { allow_origins: vec!["x".repeat(100_000)], ..CorsConfig::default() };
/// assert!(!fits_share_limit(&huge));
/// ```
pub fn fits_share_limit(config: &CorsConfig) -> bool {
    encoded_len(config) <= MAX_ENCODED_LEN
}

/// The length of [`encode_fragment`]`(config)` and of [`encode_stored`]`(config)` (their
/// prefixes are as long), computed without encoding: cheap enough to check on every keystroke.
pub fn encoded_len(config: &CorsConfig) -> usize {
    let string_len = |text: &str| match DICTIONARY.contains(&text) {
        true => 1,
        false => varint_len((DICTIONARY.len() + text.len()) as u64) + text.len(),
    };
    let lists: usize = [
        &config.allow_origins,
        &config.allow_methods,
        &config.allow_headers,
        &config.expose_headers,
    ]
    .into_iter()
    .map(|list| varint_len(list.len() as u64) + list.iter().map(|s| string_len(s)).sum::<usize>())
    .sum();
    let max_age = config.max_age.map_or(0, |age| varint_len(zigzag(age)));
    let texts: usize = [&config.authorizer_header, &config.payload_format_version]
        .into_iter()
        .flatten()
        .map(|text| string_len(text))
        .sum();
    // Flags, the record, the checksum; then unpadded base64 and the prefix.
    let record = 1 + lists + max_age + texts + 2;
    LINK_V1.len() + (record * 4).div_ceil(3)
}

fn encode_with(prefix: &str, config: &CorsConfig) -> String {
    let mut record = encode_record(config);
    let checksum = crc16(&record);
    record.extend_from_slice(&checksum.to_be_bytes());
    let mut text = String::with_capacity(prefix.len() + record.len() * 4 / 3 + 3);
    text.push_str(prefix);
    base64url_encode(&record, &mut text);
    text
}

fn decode_with(source: ShareSource, prefix: &str, text: &str) -> Result<CorsConfig, ShareError> {
    let damaged = |reason| ShareError::Damaged {
        place: source,
        reason,
    };
    if text.is_empty() {
        return Err(ShareError::Empty { place: source });
    }
    let Some(payload) = text.strip_prefix(prefix) else {
        let version = text.split('.').next().unwrap_or("");
        let found: String = version.chars().take(16).collect();
        // Our prefixes are a letter, a version number and a dot (`v1.`, `s1.`); anything else
        // was never written by this tool.
        let versioned = text.len() > version.len()
            && matches!(version.as_bytes(), [b'v' | b's', digits @ ..]
                if !digits.is_empty() && digits.iter().all(u8::is_ascii_digit));
        return Err(if versioned {
            ShareError::UnsupportedVersion {
                place: source,
                found,
            }
        } else {
            ShareError::NotOurs {
                place: source,
                found: text.chars().take(16).collect(),
            }
        });
    };
    if text.len() > MAX_ENCODED_LEN {
        return Err(damaged("it is too long"));
    }
    let bytes = base64url_decode(payload).map_err(damaged)?;
    let Some((record, checksum)) = bytes.split_last_chunk::<2>() else {
        return Err(damaged("it is too short"));
    };
    if crc16(record) != u16::from_be_bytes(*checksum) {
        return Err(damaged("its checksum does not match"));
    }
    decode_record(record).map_err(damaged)
}

// --- The binary record ---

fn encode_record(config: &CorsConfig) -> Vec<u8> {
    let mut flags = 0;
    let mut set = |flag, on| {
        if on {
            flags |= flag;
        }
    };
    set(FLAG_HTTP, config.api_type == ApiType::Http);
    set(FLAG_CREDENTIALS, config.allow_credentials);
    set(FLAG_API_KEY, config.api_key_required);
    set(FLAG_MAX_AGE, config.max_age.is_some());
    set(FLAG_AUTHORIZER, config.authorizer_header.is_some());
    set(FLAG_PAYLOAD_FORMAT, config.payload_format_version.is_some());

    let mut out = vec![flags];
    for list in [
        &config.allow_origins,
        &config.allow_methods,
        &config.allow_headers,
        &config.expose_headers,
    ] {
        write_varint(&mut out, list.len() as u64);
        for item in list {
            write_string(&mut out, item);
        }
    }
    if let Some(max_age) = config.max_age {
        write_varint(&mut out, zigzag(max_age));
    }
    for text in [&config.authorizer_header, &config.payload_format_version]
        .into_iter()
        .flatten()
    {
        write_string(&mut out, text);
    }
    out
}

fn decode_record(record: &[u8]) -> Result<CorsConfig, &'static str> {
    let mut reader = Reader { rest: record };
    let flags = reader.byte()?;
    if flags & !KNOWN_FLAGS != 0 {
        return Err("it sets options this version does not know");
    }
    let has = |flag| flags & flag != 0;
    let allow_origins = reader.list()?;
    let allow_methods = reader.list()?;
    let allow_headers = reader.list()?;
    let expose_headers = reader.list()?;
    let max_age = if has(FLAG_MAX_AGE) {
        Some(unzigzag(reader.varint()?))
    } else {
        None
    };
    let authorizer_header = if has(FLAG_AUTHORIZER) {
        Some(reader.string()?)
    } else {
        None
    };
    let payload_format_version = if has(FLAG_PAYLOAD_FORMAT) {
        Some(reader.string()?)
    } else {
        None
    };
    if !reader.rest.is_empty() {
        return Err("it has extra data at the end");
    }
    Ok(CorsConfig {
        api_type: if has(FLAG_HTTP) {
            ApiType::Http
        } else {
            ApiType::Rest
        },
        allow_origins,
        allow_methods,
        allow_headers,
        expose_headers,
        max_age,
        allow_credentials: has(FLAG_CREDENTIALS),
        authorizer_header,
        api_key_required: has(FLAG_API_KEY),
        payload_format_version,
    })
}

fn write_string(out: &mut Vec<u8>, text: &str) {
    match DICTIONARY.iter().position(|entry| *entry == text) {
        Some(index) => write_varint(out, index as u64),
        None => {
            write_varint(out, (DICTIONARY.len() + text.len()) as u64);
            out.extend_from_slice(text.as_bytes());
        }
    }
}

fn write_varint(out: &mut Vec<u8>, mut value: u64) {
    while value >= 0x80 {
        out.push((value as u8 & 0x7f) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

/// How many bytes [`write_varint`] writes for `value`.
fn varint_len(value: u64) -> usize {
    (64 - value.leading_zeros() as usize).div_ceil(7).max(1)
}

fn zigzag(value: i64) -> u64 {
    ((value << 1) ^ (value >> 63)) as u64
}

fn unzigzag(value: u64) -> i64 {
    ((value >> 1) as i64) ^ -((value & 1) as i64)
}

struct Reader<'a> {
    rest: &'a [u8],
}

impl Reader<'_> {
    fn byte(&mut self) -> Result<u8, &'static str> {
        let (&first, rest) = self.rest.split_first().ok_or("it ends too early")?;
        self.rest = rest;
        Ok(first)
    }

    /// A canonical LEB128 varint of at most 64 bits.
    fn varint(&mut self) -> Result<u64, &'static str> {
        let mut value: u64 = 0;
        for index in 0..10 {
            let byte = self.byte()?;
            let bits = u64::from(byte & 0x7f);
            if index == 9 && bits > 1 {
                return Err("it holds a number that is too large");
            }
            value |= bits << (7 * index);
            if byte & 0x80 == 0 {
                if byte == 0 && index > 0 {
                    return Err("it holds a number written in a non-standard way");
                }
                return Ok(value);
            }
        }
        Err("it holds a number that is too large")
    }

    fn string(&mut self) -> Result<String, &'static str> {
        let code = self.varint()?;
        let dictionary_len = DICTIONARY.len() as u64;
        if code < dictionary_len {
            return Ok(DICTIONARY[code as usize].to_owned());
        }
        let len = usize::try_from(code - dictionary_len).map_err(|_| "it ends too early")?;
        if len > self.rest.len() {
            return Err("it ends too early");
        }
        let (bytes, rest) = self.rest.split_at(len);
        self.rest = rest;
        let text = std::str::from_utf8(bytes).map_err(|_| "it holds text that is not UTF-8")?;
        if DICTIONARY.contains(&text) {
            return Err("it spells out a value that has a short form");
        }
        Ok(text.to_owned())
    }

    fn list(&mut self) -> Result<Vec<String>, &'static str> {
        let count = self.varint()?;
        // Every entry takes at least one byte, so a count beyond that is damage (and is not
        // trusted for an allocation).
        if count > self.rest.len() as u64 {
            return Err("it ends too early");
        }
        (0..count).map(|_| self.string()).collect()
    }
}

/// CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF): catches a mistyped or truncated link.
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

// --- base64url without padding (RFC 4648 §5): every character is safe in a URL fragment ---

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

fn base64url_encode(bytes: &[u8], out: &mut String) {
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = u32::from(b[0]) << 16 | u32::from(b[1]) << 8 | u32::from(b[2]);
        let chars = chunk.len() + 1;
        for i in 0..chars {
            out.push(ALPHABET[(n >> (18 - 6 * i) & 0x3f) as usize] as char);
        }
    }
}

fn base64url_value(c: u8) -> Option<u32> {
    let value = match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'-' => 62,
        b'_' => 63,
        _ => return None,
    };
    Some(u32::from(value))
}

/// Strict decoding: no padding, no other characters, and unused trailing bits must be zero.
fn base64url_decode(text: &str) -> Result<Vec<u8>, &'static str> {
    const FOREIGN: &str = "it holds characters a link cannot have";
    let bytes = text.as_bytes();
    if bytes.len() % 4 == 1 {
        return Err("it is cut short");
    }
    let mut out = Vec::with_capacity(bytes.len() * 3 / 4);
    for chunk in bytes.chunks(4) {
        let mut n = 0u32;
        for (i, &c) in chunk.iter().enumerate() {
            n |= base64url_value(c).ok_or(FOREIGN)? << (18 - 6 * i);
        }
        let produced = chunk.len() - 1;
        let unused_bits = n & (0x00ff_ffff >> (8 * produced));
        if unused_bits != 0 {
            return Err("it does not end the way this tool ends a link");
        }
        out.extend_from_slice(&n.to_be_bytes()[1..=produced]);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tool_follows_the_record_and_sam_writes_nothing() {
        let config = CorsConfig {
            max_age: Some(7),
            ..CorsConfig::default()
        };
        let record = encode_fragment(&config);
        for tool in DeployTool::ALL {
            let link = encode_fragment_with_tool(&config, tool);
            let stored = encode_stored_with_tool(&config, tool);
            let expected_link = match tool {
                DeployTool::Sam => record.clone(),
                _ => format!("{record}.{}", tool.id()),
            };
            assert_eq!(link, expected_link);
            assert_eq!(stored, format!("s1.{}", &expected_link[3..]));
            assert_eq!(
                decode_fragment_with_tool(&format!("#{link}")),
                Ok((config.clone(), tool))
            );
            assert_eq!(decode_stored_with_tool(&stored), Ok((config.clone(), tool)));
        }
        // A link written before tools were kept opens with SAM.
        assert_eq!(
            decode_fragment_with_tool(&record),
            Ok((config, DeployTool::Sam))
        );
    }

    #[test]
    fn an_unknown_tool_or_a_foreign_text_is_an_error_not_a_panic() {
        let record = encode_fragment(&CorsConfig::default());
        assert_eq!(
            decode_fragment_with_tool(&format!("{record}.pulumi"))
                .unwrap_err()
                .to_string(),
            "The configuration in this link is damaged or incomplete (it names a tool this version does not know); the defaults are shown instead."
        );
        assert_eq!(
            decode_fragment_with_tool(&format!("{record}.")).unwrap_err().to_string(),
            "The configuration in this link is damaged or incomplete (it names a tool this version does not know); the defaults are shown instead."
        );
        // The record is read first: a page anchor is not ours, whatever follows a dot.
        assert!(matches!(
            decode_fragment_with_tool("hello.world.cdk"),
            Err(ShareError::NotOurs { .. })
        ));
        for text in ["", ".", "..", "v1..", "v1..cdk", "s1.x.cdk"] {
            assert!(decode_fragment_with_tool(text).is_err(), "{text:?}");
            assert!(decode_stored_with_tool(text).is_err(), "{text:?}");
        }
    }

    #[test]
    fn base64url_matches_rfc4648_vectors_without_padding() {
        let cases = [
            ("", ""),
            ("f", "Zg"),
            ("fo", "Zm8"),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg"),
            ("fooba", "Zm9vYmE"),
            ("foobar", "Zm9vYmFy"),
        ];
        for (plain, encoded) in cases {
            let mut out = String::new();
            base64url_encode(plain.as_bytes(), &mut out);
            assert_eq!(out, encoded);
            assert_eq!(base64url_decode(encoded).unwrap(), plain.as_bytes());
        }
        let mut out = String::new();
        base64url_encode(&[0xfb, 0xff], &mut out);
        assert_eq!(out, "-_8");
    }

    #[test]
    fn base64url_rejects_padding_foreign_characters_and_stray_bits() {
        for bad in ["Zg==", "Z", "Zh", "Zm+v", "Zm/v", "Zm9", "Zm 9v"] {
            assert!(base64url_decode(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn crc16_matches_the_ccitt_false_check_value() {
        assert_eq!(crc16(b"123456789"), 0x29b1);
    }

    /// A configuration with one origin of `len` bytes (and nothing else to encode).
    fn with_origin_of_len(len: usize) -> CorsConfig {
        CorsConfig {
            allow_origins: vec!["a".repeat(len)],
            allow_methods: vec![],
            allow_headers: vec![],
            ..CorsConfig::default()
        }
    }

    #[test]
    fn what_fits_the_limit_reads_back_and_one_byte_more_is_refused() {
        // The longest stored value and link not above the limit, then the next lengths.
        let mut len = MAX_ENCODED_LEN * 3 / 4 - 64;
        while encode_stored(&with_origin_of_len(len + 1)).len() <= MAX_ENCODED_LEN {
            len += 1;
        }
        let longest = with_origin_of_len(len);
        let stored = encode_stored(&longest);
        let fragment = encode_fragment(&longest);
        // Unpadded base64 never has a length of 4k + 1, so one below the limit is the longest.
        assert_eq!(stored.len(), MAX_ENCODED_LEN - 1);
        assert_eq!(fragment.len(), MAX_ENCODED_LEN - 1);
        assert!(fits_share_limit(&longest));
        assert_eq!(decode_stored(&stored), Ok(longest.clone()));
        assert_eq!(decode_fragment(&format!("#{fragment}")), Ok(longest));

        let over = with_origin_of_len(len + 1);
        let stored = encode_stored(&over);
        assert_eq!(stored.len(), MAX_ENCODED_LEN + 1);
        assert!(!fits_share_limit(&over));
        assert_eq!(
            decode_stored(&stored),
            Err(ShareError::Damaged {
                place: ShareSource::Storage,
                reason: "it is too long"
            })
        );
        assert_eq!(encode_fragment(&over).len(), MAX_ENCODED_LEN + 1);
    }

    #[test]
    fn encoded_len_is_the_length_of_both_encodings() {
        let configs = [
            CorsConfig::default(),
            with_origin_of_len(0),
            with_origin_of_len(95),
            with_origin_of_len(96),
            with_origin_of_len(16_351),
            with_origin_of_len(16_352),
            with_origin_of_len(3_000_000),
            CorsConfig {
                api_type: ApiType::Rest,
                allow_origins: (0..300)
                    .map(|i| format!("https://{i}.example.com"))
                    .collect(),
                allow_methods: vec!["*".into(), "PURGE".into()],
                allow_headers: DICTIONARY.iter().map(|s| s.to_string()).collect(),
                expose_headers: vec!["X-Ünïcode".into(), String::new()],
                max_age: Some(i64::MIN),
                allow_credentials: true,
                authorizer_header: Some("Authorization".into()),
                api_key_required: true,
                payload_format_version: Some("3.0".into()),
            },
            CorsConfig {
                max_age: Some(-1),
                ..CorsConfig::default()
            },
        ];
        for config in configs {
            let fragment = encode_fragment(&config);
            assert_eq!(encoded_len(&config), fragment.len(), "{fragment:.60}");
            assert_eq!(encoded_len(&config), encode_stored(&config).len());
        }
        for value in [0, 1, 127, 128, 16_383, 16_384, u64::MAX] {
            let mut out = Vec::new();
            write_varint(&mut out, value);
            assert_eq!(varint_len(value), out.len(), "{value}");
        }
    }

    #[test]
    fn zigzag_round_trips_the_extremes() {
        for value in [0, 1, -1, 600, -600, i64::MAX, i64::MIN] {
            assert_eq!(unzigzag(zigzag(value)), value);
        }
        assert_eq!(zigzag(-1), 1);
        assert_eq!(zigzag(1), 2);
    }
}
