//! HTTP APIs: SAM's `CorsConfiguration` (or `true`) and CloudFormation's
//! `AWS::ApiGatewayV2::Api` `CorsConfiguration`: real lists, an integer MaxAge and a boolean.

use super::rest;
use super::tree::{Layered, Node};
use super::{scalar_text, split_commas, FoundApi};
use crate::check::HTTP_API_MAX_AGE_LIMIT;
use crate::diagnostic::Severity;
use crate::field::Field;
use crate::rule::Rule;
use serde_yaml::Value;

/// The valid keys, for messages.
const KEYS: &str =
    "AllowOrigins, AllowMethods, AllowHeaders, ExposeHeaders, MaxAge and AllowCredentials";

/// Reads a `CorsConfiguration`. `sam` allows the shorthand `true` (every origin).
pub(super) fn cors_configuration(api: &mut FoundApi, cors: &Layered, sam: bool) {
    let node = cors.node().clone();
    if node.is_intrinsic() {
        api.cors_seen = true;
        api.unresolved_field(&super::CORS_FIELDS, "CorsConfiguration", &node);
        return;
    }
    match node.value {
        Value::Bool(true) if sam => {
            api.cors_seen = true;
            api.setting(Field::AllowOrigins, &node);
            api.config.allow_origins.push("*".to_owned());
            return;
        }
        Value::Bool(false) => return,
        Value::Mapping(_) => {}
        Value::String(_) => {
            api.finding(
                Rule::WrongType,
                Severity::Error,
                &node,
                "an HTTP API's CORS settings are a mapping (AllowOrigins as a list), not a string",
                "write CorsConfiguration with AllowOrigins: [https://app.example.com]",
            );
            list(api, "AllowOrigins", Field::AllowOrigins, &node);
            return;
        }
        _ => {
            api.finding(
                Rule::WrongType,
                Severity::Error,
                &node,
                format!(
                    "CorsConfiguration must be a mapping{}",
                    if sam { " or true" } else { "" }
                ),
                format!("write a mapping with {KEYS}"),
            );
            return;
        }
    }
    api.cors_seen = true;
    for key in cors.keys() {
        let Some(value) = cors.get(key) else { continue };
        let value = value.node().clone();
        match key {
            "AllowOrigins" => list(api, key, Field::AllowOrigins, &value),
            "AllowMethods" => list(api, key, Field::AllowMethods, &value),
            "AllowHeaders" => list(api, key, Field::AllowHeaders, &value),
            "ExposeHeaders" => list(api, key, Field::ExposeHeaders, &value),
            "MaxAge" => max_age(api, key, &value),
            "AllowCredentials" => rest::credentials(api, key, &value),
            "AllowOrigin" => {
                rest::wrong_api_type_key(api, key, KEYS, &value);
                rest::static_list(api, key, Field::AllowOrigins, &value);
            }
            _ => rest::unknown_key(api, key, &value),
        }
    }
}

/// A list of strings. A single string is read as a comma-separated list, with a finding;
/// REST-style quotes (`'https://a.com'`) are taken off, with a finding.
pub(super) fn list(api: &mut FoundApi, what: &str, field: Field, node: &Node) {
    api.cors_seen = true;
    if node.is_intrinsic() {
        api.unresolved_field(&[field], what, node);
        return;
    }
    let items = match node.value {
        Value::Sequence(_) => node.items(),
        Value::Mapping(_) => {
            api.finding(
                Rule::WrongType,
                Severity::Error,
                node,
                format!("{what} must be a list of strings"),
                format!("write {what} as a list, for example [a, b]"),
            );
            return;
        }
        _ => {
            api.finding(
                Rule::NotAList,
                Severity::Error,
                node,
                format!("{what} must be a list; a single string is passed through as is, and API Gateway does not split it"),
                format!("write {what} as a list, one entry per item"),
            );
            vec![node.clone()]
        }
    };
    api.setting(field, node);
    for item in items {
        if item.is_intrinsic() {
            api.unresolved_field(&[field], what, &item);
            continue;
        }
        let Some(text) = scalar_text(&item) else {
            continue;
        };
        let text = if text.len() >= 2 && text.starts_with('\'') && text.ends_with('\'') {
            api.finding(
                Rule::QuotedValueInHttp,
                Severity::Error,
                &item,
                "HTTP API values are plain text: the single quotes of a REST static value stay part of the value, so it never matches",
                format!("write {}", &text[1..text.len() - 1]),
            );
            text[1..text.len() - 1].to_owned()
        } else {
            text
        };
        let values = split_commas(&text);
        if field == Field::AllowOrigins && values.len() > 1 {
            api.finding(
                Rule::CommaJoinedOrigins,
                Severity::Error,
                &item,
                "one entry holds several comma-separated origins; API Gateway compares it as one origin, which matches no browser",
                "write one origin per list item",
            );
        }
        if let Some(list) = api.config.list_mut(field) {
            list.extend(values);
        }
    }
}

/// `MaxAge`: an integer from -1 to 86400.
fn max_age(api: &mut FoundApi, what: &str, node: &Node) {
    if node.is_intrinsic() {
        api.unresolved_field(&[Field::MaxAge], what, node);
        return;
    }
    let seconds = match node.value {
        Value::Number(number) => number.as_i64(),
        Value::String(text) => {
            api.finding(
                Rule::MaxAgeString,
                Severity::Warning,
                node,
                format!("{what} is a string; SAM copies it as a string, where API Gateway expects an integer"),
                format!("write {what}: {} without quotes", text.trim()),
            );
            text.trim().parse().ok()
        }
        _ => None,
    };
    let Some(seconds) = seconds else {
        rest::max_age_not_integer(api, what, node);
        return;
    };
    if !(-1..=HTTP_API_MAX_AGE_LIMIT).contains(&seconds) {
        api.finding(
            Rule::MaxAgeOutOfRange,
            Severity::Error,
            node,
            format!("an HTTP API's {what} is from -1 to {HTTP_API_MAX_AGE_LIMIT} seconds; SAM and the CDK pass {seconds} through unchecked"),
            format!("write at most {HTTP_API_MAX_AGE_LIMIT} (browsers cap it lower anyway: Chromium at 7200)"),
        );
    }
    api.setting(Field::MaxAge, node);
    api.config.max_age = Some(seconds);
}
