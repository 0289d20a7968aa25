//! The browser's side (reference §5.2–§5.6, §8 rule 4): the CORS check, the preflight check in
//! Chromium's order, the preflight cache time per browser and the readable response headers.

use super::chrome::{self, ChromeReason};
use super::request::{is_safelisted_method, is_token};
use crate::check::{CHROMIUM_MAX_AGE_CAP, FIREFOX_MAX_AGE_CAP};
use crate::headers::is_safelisted_response_header;
use serde::Serialize;

/// The cache time when `Access-Control-Max-Age` is missing or invalid, in seconds.
pub const DEFAULT_PREFLIGHT_CACHE: u32 = 5;

/// Why the browser refused a response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Failure {
    /// No `Access-Control-Allow-Origin`.
    NoAllowOrigin,
    /// `Access-Control-Allow-Origin` holds a list.
    MultipleOrigins(String),
    /// `*` with `credentials: 'include'`.
    WildcardWithCredentials,
    /// Another origin than the page's.
    OriginMismatch(String),
    /// `Access-Control-Allow-Credentials` is not exactly `true` for a credentialed request.
    CredentialsNotTrue(String),
    /// The preflight status is not 200–299.
    NotOkStatus(u16),
    /// `Access-Control-Allow-Methods` or `-Headers` is not a list of tokens.
    Unparsable(&'static str),
    /// The method is not allowed by the preflight.
    MethodNotAllowed(String),
    /// A header (lower-cased) is not allowed by the preflight.
    HeaderNotAllowed(String),
    /// The preflight answered with a redirect (only a live API can).
    PreflightRedirect,
}

impl Failure {
    /// The text after "has been blocked by CORS policy: " in Chrome's console, from the one
    /// table of Chrome's messages ([`chrome`](super::chrome)).
    pub(crate) fn chrome_detail(&self, preflight: bool) -> String {
        let (reason, value) = match self {
            Failure::NoAllowOrigin => (ChromeReason::NoAllowOrigin, ""),
            Failure::MultipleOrigins(value) => (ChromeReason::MultipleValues, value.as_str()),
            Failure::WildcardWithCredentials => (ChromeReason::WildcardWithCredentials, ""),
            Failure::OriginMismatch(value) => (ChromeReason::OriginMismatch, value.as_str()),
            Failure::CredentialsNotTrue(value) => {
                (ChromeReason::CredentialsNotTrue, value.as_str())
            }
            Failure::NotOkStatus(_) => (ChromeReason::NotOkStatus, ""),
            Failure::Unparsable(name) => (ChromeReason::Unparsable, *name),
            Failure::MethodNotAllowed(method) => (ChromeReason::MethodNotAllowed, method.as_str()),
            Failure::HeaderNotAllowed(name) => (ChromeReason::HeaderNotAllowed, name.as_str()),
            Failure::PreflightRedirect => (ChromeReason::PreflightRedirect, ""),
        };
        chrome::detail(reason, value, preflight)
    }

    /// A plain explanation for the step detail.
    pub(crate) fn explain(&self, origin: &str) -> String {
        match self {
            Failure::NoAllowOrigin => "the response has no Access-Control-Allow-Origin header".into(),
            Failure::MultipleOrigins(value) => format!(
                "Access-Control-Allow-Origin is the list '{value}'; it must be exactly one origin"
            ),
            Failure::WildcardWithCredentials => {
                "Access-Control-Allow-Origin is '*', which never matches a request with credentials: 'include'".into()
            }
            Failure::OriginMismatch(value) => format!(
                "Access-Control-Allow-Origin is '{value}', not the page's origin '{origin}' (byte-for-byte comparison)"
            ),
            Failure::CredentialsNotTrue(value) if value.is_empty() => {
                "credentials: 'include' needs Access-Control-Allow-Credentials: true, which is missing".into()
            }
            Failure::CredentialsNotTrue(value) => format!(
                "credentials: 'include' needs Access-Control-Allow-Credentials exactly 'true', not '{value}'"
            ),
            Failure::NotOkStatus(status) => {
                format!("the preflight status {status} is not an ok status (200-299)")
            }
            Failure::Unparsable(name) => format!("{name} is not a comma-separated list of tokens"),
            Failure::PreflightRedirect => {
                "the preflight answered with a redirect, which browsers never follow".into()
            }
            Failure::MethodNotAllowed(method) => format!(
                "{method} is not in Access-Control-Allow-Methods (compared case-sensitively) and is not GET, HEAD or POST"
            ),
            Failure::HeaderNotAllowed(name) => {
                format!("{name} is not allowed by Access-Control-Allow-Headers")
            }
        }
    }
}

/// A response header's value; repeated headers are combined with ", " as browsers do.
pub(crate) fn header_value(headers: &[(String, String)], name: &str) -> Option<String> {
    let values: Vec<&str> = headers
        .iter()
        .filter(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
        .collect();
    (!values.is_empty()).then(|| values.join(", "))
}

/// The CORS check (Fetch §CORS check, reference §5.3), with Chromium's error for each failure.
pub(crate) fn cors_check(
    headers: &[(String, String)],
    origin: &str,
    include: bool,
) -> Result<(), Failure> {
    let Some(allow_origin) = header_value(headers, "Access-Control-Allow-Origin") else {
        return Err(Failure::NoAllowOrigin);
    };
    if allow_origin == "*" {
        return if include {
            Err(Failure::WildcardWithCredentials)
        } else {
            Ok(())
        };
    }
    if allow_origin != origin {
        return Err(if allow_origin.contains([' ', ',']) {
            Failure::MultipleOrigins(allow_origin)
        } else {
            Failure::OriginMismatch(allow_origin)
        });
    }
    if include {
        let credentials = header_value(headers, "Access-Control-Allow-Credentials");
        if credentials.as_deref() != Some("true") {
            return Err(Failure::CredentialsNotTrue(credentials.unwrap_or_default()));
        }
    }
    Ok(())
}

/// Parses `Access-Control-Allow-Methods`/`-Headers`: comma-separated tokens (empty entries
/// skipped), or `None` when an entry is not a token.
fn parse_list(value: Option<String>) -> Option<Vec<String>> {
    let Some(value) = value else {
        return Some(Vec::new());
    };
    value
        .split(',')
        .map(|item| item.trim_matches([' ', '\t']))
        .filter(|item| !item.is_empty())
        .map(|item| is_token(item).then(|| item.to_owned()))
        .collect()
}

/// The preflight check (Fetch §CORS-preflight fetch, reference §5.2) in Chromium's order:
/// the CORS check, then the status, then methods, then headers. Returns the cache times and
/// warnings about browsers that decide differently.
pub(crate) fn preflight_check(
    status: u16,
    headers: &[(String, String)],
    origin: &str,
    include: bool,
    method: &str,
    unsafe_names: &[String],
) -> Result<(PreflightCache, Vec<String>), Failure> {
    cors_check(headers, origin, include)?;
    if !(200..=299).contains(&status) {
        return Err(Failure::NotOkStatus(status));
    }
    let methods = parse_list(header_value(headers, "Access-Control-Allow-Methods"))
        .ok_or(Failure::Unparsable("Access-Control-Allow-Methods"))?;
    let allowed_headers = parse_list(header_value(headers, "Access-Control-Allow-Headers"))
        .ok_or(Failure::Unparsable("Access-Control-Allow-Headers"))?;
    let wildcard = |list: &[String]| !include && list.iter().any(|m| m == "*");
    let method_ok =
        methods.iter().any(|m| m == method) || is_safelisted_method(method) || wildcard(&methods);
    if !method_ok {
        return Err(Failure::MethodNotAllowed(method.to_owned()));
    }
    let mut warnings = Vec::new();
    for name in unsafe_names {
        let listed = allowed_headers.iter().any(|h| h.eq_ignore_ascii_case(name));
        if listed {
            continue;
        }
        if !wildcard(&allowed_headers) {
            return Err(Failure::HeaderNotAllowed(name.clone()));
        }
        if name == "authorization" {
            // The Fetch standard excludes Authorization from `*`; Chromium still lets `*`
            // cover it (verified against Chromium 156 by the differential test).
            warnings.push(AUTHORIZATION_WILDCARD_WARNING.to_owned());
        }
    }
    let cache = PreflightCache::from_header(header_value(headers, "Access-Control-Max-Age"));
    Ok((cache, warnings))
}

/// Why a request Chromium allows may still fail elsewhere.
pub(crate) const AUTHORIZATION_WILDCARD_WARNING: &str = "Authorization is covered only by '*' in Access-Control-Allow-Headers: Chromium accepts that, but the Fetch standard does not and Firefox blocks it; list Authorization explicitly";

/// How long each browser keeps a successful preflight (reference §5.6).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PreflightCache {
    /// The `Access-Control-Max-Age` value as sent, when present.
    pub max_age: Option<String>,
    /// Seconds Chromium (Chrome, Edge) caches it: at most 7200.
    pub chromium: u32,
    /// Seconds Firefox caches it: at most 86400.
    pub firefox: u32,
}

impl PreflightCache {
    fn from_header(max_age: Option<String>) -> PreflightCache {
        let seconds = max_age
            .as_deref()
            .filter(|v| !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()))
            .map_or(DEFAULT_PREFLIGHT_CACHE, |v| {
                v.parse::<u64>()
                    .map_or(u32::MAX, |n| n.min(u32::MAX as u64) as u32)
            });
        PreflightCache {
            max_age,
            chromium: seconds.min(CHROMIUM_MAX_AGE_CAP),
            firefox: seconds.min(FIREFOX_MAX_AGE_CAP),
        }
    }
}

/// The response headers the page can read after a passed CORS check (reference §5.4):
/// the safelisted ones, plus `Access-Control-Expose-Headers` (`*` = all, unless credentialed).
pub(crate) fn readable_headers(headers: &[(String, String)], include: bool) -> Vec<String> {
    let exposed =
        parse_list(header_value(headers, "Access-Control-Expose-Headers")).unwrap_or_default();
    let all = !include && exposed.iter().any(|h| h == "*");
    let mut readable: Vec<String> = Vec::new();
    for (name, _) in headers {
        let is_set_cookie =
            name.eq_ignore_ascii_case("set-cookie") || name.eq_ignore_ascii_case("set-cookie2");
        let ok = is_safelisted_response_header(name)
            || exposed.iter().any(|h| h.eq_ignore_ascii_case(name))
            || (all && !is_set_cookie);
        if ok && !readable.iter().any(|r| r.eq_ignore_ascii_case(name)) {
            readable.push(name.clone());
        }
    }
    readable
}
