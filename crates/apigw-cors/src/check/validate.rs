//! Validation: turns a [`CorsConfig`] into a [`ValidCorsConfig`], collecting every error at once.

use crate::diagnostic::{in_severity_order, Diagnostic, Severity};
use crate::field::{Field, Place};
use crate::headers::{check_header_name, HeaderProblem};
use crate::model::{
    AllowedMethods, AllowedOrigins, ApiType, CorsConfig, Method, PayloadFormat, ValidCorsConfig,
};
use crate::origin::{check_origin, origin_error};
use crate::rule::Rule;
use std::collections::{HashMap, HashSet};

/// API Gateway's upper limit for an HTTP API's `MaxAge`, in seconds.
pub const HTTP_API_MAX_AGE_LIMIT: i64 = 86_400;
/// The largest value a browser parses as delta-seconds (2^31 - 1).
pub const MAX_AGE_CEILING: i64 = 2_147_483_647;

/// A validated configuration and the notes about what validation normalized.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Validated {
    /// The configuration every emitter takes.
    pub config: ValidCorsConfig,
    /// Notes: normalized origins and methods, merged duplicates.
    pub notes: Vec<Diagnostic>,
}

/// A configuration that cannot work: every error found, with any notes found along the way.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the configuration has {} error(s)", .diagnostics.iter().filter(|d| d.is_error()).count())]
pub struct Invalid {
    /// Errors first, then notes.
    pub diagnostics: Vec<Diagnostic>,
}

/// Checks every field of `config` and returns the normalized configuration, or every error.
///
/// ```
/// use apigw_cors::{validate, ApiType, CorsConfig, Rule};
/// let mut config = CorsConfig::default();
/// config.allow_origins = vec!["HTTPS://App.Example.com:443".into()];
/// let validated = validate(&config).unwrap();
/// assert_eq!(validated.config.origins.values(), ["https://app.example.com"]);
/// assert_eq!(validated.notes[0].code, Rule::OriginNormalized);
///
/// config.allow_origins = vec!["https://app.example.com/".into()];
/// let error = validate(&config).unwrap_err();
/// assert!(error.to_string().contains("1 error"));
/// ```
pub fn validate(config: &CorsConfig) -> Result<Validated, Invalid> {
    let mut found = Vec::new();
    let origins = validate_origins(config, &mut found);
    check_credentials(config, origins.as_ref(), &mut found);
    let methods = validate_methods(&config.allow_methods, &mut found);
    let allow_headers =
        validate_header_list(Field::AllowHeaders, &config.allow_headers, &mut found);
    let expose_headers =
        validate_header_list(Field::ExposeHeaders, &config.expose_headers, &mut found);
    let max_age = validate_max_age(config, &mut found);
    let authorizer_header = validate_authorizer_header(config, &mut found);
    let payload_format = validate_api_type_options(config, &mut found);

    if found.iter().any(Diagnostic::is_error) {
        return Err(Invalid {
            diagnostics: in_severity_order(found),
        });
    }
    let (Some(origins), Some(methods)) = (origins, methods) else {
        unreachable!("a missing origin or method list is always reported as an error")
    };
    Ok(Validated {
        config: ValidCorsConfig {
            api_type: config.api_type,
            origins,
            methods,
            allow_headers,
            expose_headers,
            max_age,
            allow_credentials: config.allow_credentials,
            authorizer_header,
            api_key_required: config.api_key_required,
            payload_format,
        },
        notes: found,
    })
}

fn validate_origins(config: &CorsConfig, found: &mut Vec<Diagnostic>) -> Option<AllowedOrigins> {
    if config.allow_origins.is_empty() {
        found.push(Diagnostic::new(
            Rule::OriginsEmpty,
            Severity::Error,
            Field::AllowOrigins,
            None,
            "at least one origin is needed; without one no browser page may read the API's responses",
            "add the origin of the page that calls the API, for example https://app.example.com",
        ));
        return None;
    }
    let mut normalized: Vec<String> = Vec::new();
    // Duplicates are found by hashing, so a long pasted list stays linear.
    let mut seen: HashSet<String> = HashSet::new();
    let mut ok = true;
    for (index, raw) in config.allow_origins.iter().enumerate() {
        let field = Field::AllowOrigins.at(index);
        match check_origin(raw, config.api_type) {
            Err(problem) => {
                ok = false;
                found.push(origin_error(field, raw, problem));
            }
            Ok(checked) => {
                if let Some(note) = checked.note {
                    found.push(Diagnostic::new(
                        Rule::OriginNormalized,
                        Severity::Note,
                        field.clone(),
                        Some(raw),
                        note,
                        format!("write {}", checked.normalized),
                    ));
                }
                if !seen.insert(checked.normalized.clone()) {
                    found.push(Diagnostic::new(
                        Rule::OriginDuplicate,
                        Severity::Note,
                        field,
                        Some(raw),
                        format!(
                            "{} is listed more than once; it is used once",
                            checked.normalized
                        ),
                        "remove the repeated entry",
                    ));
                } else {
                    normalized.push(checked.normalized);
                }
            }
        }
    }
    if normalized.len() > 1 && normalized.iter().any(|o| o == "*") {
        found.push(Diagnostic::new(
            Rule::OriginWildcardMixed,
            Severity::Error,
            Field::AllowOrigins,
            Some(&config.allow_origins.join(", ")),
            "* already allows every origin and cannot be combined with specific origins",
            "keep either * alone or only the specific origins",
        ));
        return None;
    }
    if !ok {
        return None;
    }
    Some(if normalized == ["*"] {
        AllowedOrigins::Any
    } else {
        AllowedOrigins::List(normalized)
    })
}

fn check_credentials(
    config: &CorsConfig,
    origins: Option<&AllowedOrigins>,
    found: &mut Vec<Diagnostic>,
) {
    if config.allow_credentials && origins.is_some_and(AllowedOrigins::is_any) {
        found.push(Diagnostic::new(
            Rule::CredentialsWildcardOrigin,
            Severity::Error,
            Field::AllowCredentials,
            Some("true"),
            "browsers refuse every credentialed response whose Access-Control-Allow-Origin is *, whatever the API type or tool",
            "list the exact origins that send cookies or credentials, or set allowCredentials to false",
        ));
    }
}

fn validate_methods(raw: &[String], found: &mut Vec<Diagnostic>) -> Option<AllowedMethods> {
    if raw.is_empty() {
        found.push(Diagnostic::new(
            Rule::MethodsEmpty,
            Severity::Error,
            Field::AllowMethods,
            None,
            "no method is allowed, so the preflight of any non-simple request fails",
            "list the methods your pages call, for example GET and POST, or *",
        ));
        return None;
    }
    if raw.iter().any(|m| m == "*") {
        if raw.len() > 1 {
            found.push(Diagnostic::new(
                Rule::MethodWildcardMixed,
                Severity::Error,
                Field::AllowMethods,
                Some(&raw.join(", ")),
                "* already allows every method and cannot be combined with method names",
                "keep either * alone or only the method names",
            ));
            return None;
        }
        return Some(AllowedMethods::Any);
    }
    let mut methods = Vec::new();
    let mut ok = true;
    for (index, name) in raw.iter().enumerate() {
        let field = Field::AllowMethods.at(index);
        let upper = name.to_ascii_uppercase();
        let Some(method) = Method::from_name(&upper) else {
            ok = false;
            found.push(Diagnostic::new(
                Rule::MethodUnknown,
                Severity::Error,
                field,
                Some(name),
                "API Gateway's CORS settings take GET, PUT, POST, DELETE, PATCH, HEAD and OPTIONS, or * alone",
                "use one of those names, in upper case",
            ));
            continue;
        };
        if upper != *name {
            found.push(Diagnostic::new(
                Rule::MethodNormalized,
                Severity::Note,
                field.clone(),
                Some(name),
                format!("browsers compare methods case-sensitively and send {upper}, so it is listed as {upper}"),
                format!("write {upper}"),
            ));
        }
        if methods.contains(&method) {
            found.push(Diagnostic::new(
                Rule::MethodDuplicate,
                Severity::Note,
                field,
                Some(name),
                format!("{upper} is listed more than once; it is used once"),
                "remove the repeated entry",
            ));
        } else {
            methods.push(method);
        }
    }
    ok.then_some(AllowedMethods::List(methods))
}

/// The header names kept so far, with their lower-case forms for a linear duplicate check.
#[derive(Default)]
struct UniqueHeaders {
    kept: Vec<String>,
    index_by_folded: HashMap<String, usize>,
}

fn validate_header_list(list: Field, raw: &[String], found: &mut Vec<Diagnostic>) -> Vec<String> {
    let mut kept = UniqueHeaders::default();
    for (index, name) in raw.iter().enumerate() {
        let field = list.at(index);
        if name == "*" {
            push_unique_header(&mut kept, name, &field, found);
            continue;
        }
        match check_header_name(name) {
            Err(HeaderProblem { code, reason, fix }) => found.push(Diagnostic::new(
                code,
                Severity::Error,
                field,
                Some(name),
                reason,
                fix,
            )),
            Ok(()) => push_unique_header(&mut kept, name, &field, found),
        }
    }
    kept.kept
}

fn push_unique_header(
    kept: &mut UniqueHeaders,
    name: &str,
    field: &Place,
    found: &mut Vec<Diagnostic>,
) {
    let folded = name.to_ascii_lowercase();
    if let Some(&first) = kept.index_by_folded.get(&folded) {
        let first = &kept.kept[first];
        found.push(Diagnostic::new(
            Rule::HeaderDuplicate,
            Severity::Note,
            field.clone(),
            Some(name),
            format!(
                "header names are case-insensitive and {first} is already listed; it is used once"
            ),
            "remove the repeated entry",
        ));
    } else {
        kept.index_by_folded.insert(folded, kept.kept.len());
        kept.kept.push(name.to_owned());
    }
}

fn validate_max_age(config: &CorsConfig, found: &mut Vec<Diagnostic>) -> Option<u32> {
    let seconds = config.max_age?;
    let value = seconds.to_string();
    let error = |code, message: String, fix: &str| {
        Diagnostic::new(
            code,
            Severity::Error,
            Field::MaxAge,
            Some(&value),
            message,
            fix,
        )
    };
    if seconds < 0 {
        found.push(error(
            Rule::MaxAgeNegative,
            "a negative max-age is not valid delta-seconds, so browsers ignore it and cache the preflight for only 5 seconds".into(),
            "use 0 to ask browsers not to cache the preflight, or a number of seconds",
        ));
        return None;
    }
    if config.api_type == ApiType::Http && seconds > HTTP_API_MAX_AGE_LIMIT {
        found.push(error(
            Rule::MaxAgeHttpLimit,
            format!(
                "HTTP APIs accept a MaxAge of at most {HTTP_API_MAX_AGE_LIMIT} seconds (24 hours)"
            ),
            "use 7200 (Chromium's cap) or at most 86400",
        ));
        return None;
    }
    if seconds > MAX_AGE_CEILING {
        found.push(error(
            Rule::MaxAgeTooLarge,
            "browsers cannot parse a max-age this large and fall back to 5 seconds".into(),
            "use 7200 (Chromium's cap) or 86400 (Firefox's)",
        ));
        return None;
    }
    u32::try_from(seconds).ok()
}

fn validate_authorizer_header(config: &CorsConfig, found: &mut Vec<Diagnostic>) -> Option<String> {
    let name = config.authorizer_header.as_deref()?;
    match check_header_name(name) {
        Ok(()) => Some(name.to_owned()),
        Err(HeaderProblem { code, reason, fix }) => {
            found.push(Diagnostic::new(
                code,
                Severity::Error,
                Field::AuthorizerHeader,
                Some(name),
                reason,
                fix,
            ));
            None
        }
    }
}

/// Checks the keys that exist for only one API type and returns the payload format.
fn validate_api_type_options(config: &CorsConfig, found: &mut Vec<Diagnostic>) -> PayloadFormat {
    if config.api_key_required && config.api_type == ApiType::Http {
        found.push(Diagnostic::new(
            Rule::ApiKeyHttp,
            Severity::Error,
            Field::ApiKeyRequired,
            Some("true"),
            "HTTP APIs have no API keys; only REST APIs do",
            "set apiKeyRequired to false, or switch to a REST API",
        ));
    }
    let Some(version) = config.payload_format_version.as_deref() else {
        return PayloadFormat::V2;
    };
    if config.api_type == ApiType::Rest {
        found.push(Diagnostic::new(
            Rule::PayloadFormatRest,
            Severity::Error,
            Field::PayloadFormatVersion,
            Some(version),
            "REST APIs have no payload format version; their Lambda proxy integration always uses the 1.0 format",
            "remove payloadFormatVersion, or switch to an HTTP API",
        ));
        return PayloadFormat::V1;
    }
    match version {
        "2.0" => PayloadFormat::V2,
        "1.0" => PayloadFormat::V1,
        other => {
            found.push(Diagnostic::new(
                Rule::PayloadFormatUnknown,
                Severity::Error,
                Field::PayloadFormatVersion,
                Some(other),
                "HTTP APIs take the payload format versions 1.0 and 2.0",
                "write \"2.0\" (the default) or \"1.0\"",
            ));
            PayloadFormat::V2
        }
    }
}
