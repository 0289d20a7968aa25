//! What the page's `fetch()` turns into, by the Fetch standard (reference §5.1, §8 rules 1–2):
//! method normalization, the header list a page can set, and whether a preflight is needed.

use super::chrome::{self, ChromeReason};
use crate::headers::{is_forbidden_request_header, sorted_unique};

/// Methods `fetch()` upper-cases; any other method (notably `patch`) is sent exactly as written.
const NORMALIZED_METHODS: [&str; 6] = ["DELETE", "GET", "HEAD", "OPTIONS", "POST", "PUT"];
/// Methods `fetch()` refuses to send.
const FORBIDDEN_METHODS: [&str; 3] = ["CONNECT", "TRACE", "TRACK"];
/// Longest value a CORS-safelisted request header may have, in bytes.
pub(crate) const SAFELISTED_VALUE_LIMIT: usize = 128;
/// Largest total size of the safelisted header values before all of them count as unsafe.
pub(crate) const SAFELISTED_TOTAL_LIMIT: usize = 1024;

/// RFC 9110 `tchar`.
fn is_tchar(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}

/// Whether `s` is an RFC 9110 token (non-empty, tchar only).
pub(crate) fn is_token(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(is_tchar)
}

/// Why the request cannot be made: `fetch()` throws a TypeError before sending anything, or no
/// browser page has the given origin. Values are shown escaped (`\r\n`, never a raw line
/// break), so nothing in them can pose as a line of a transcript.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum RequestError {
    /// The method is not an HTTP token.
    InvalidMethod(String),
    /// CONNECT, TRACE or TRACK.
    UnsupportedMethod(String),
    /// A header name is not an HTTP token.
    InvalidHeaderName(String),
    /// A header value holds NUL, CR or LF, or a character beyond U+00FF.
    InvalidHeaderValue(String),
    /// The page origin is not an origin a browser serializes.
    InvalidPageOrigin(String, String),
    /// The URL is not an absolute http(s) URL `fetch()` can send to.
    InvalidUrl(String, &'static str),
}

/// `text` in single quotes, with control characters, quotes and backslashes escaped.
fn shown(text: &str) -> String {
    format!("'{}'", text.escape_debug())
}

impl RequestError {
    /// A plain explanation.
    pub(crate) fn detail(&self) -> String {
        match self {
            RequestError::InvalidMethod(m) => {
                format!(
                    "fetch() throws a TypeError: {} is not a valid HTTP method",
                    shown(m)
                )
            }
            RequestError::UnsupportedMethod(m) => {
                format!("fetch() throws a TypeError: browsers never send {m}")
            }
            RequestError::InvalidHeaderName(n) => {
                format!(
                    "fetch() throws a TypeError: {} is not a valid header name",
                    shown(n)
                )
            }
            RequestError::InvalidHeaderValue(n) => {
                format!(
                    "fetch() throws a TypeError: the value of {n} contains a NUL, CR or LF, or a \
                     character beyond U+00FF"
                )
            }
            RequestError::InvalidPageOrigin(origin, reason) => {
                format!("no browser page has the origin {}: {reason}", shown(origin))
            }
            RequestError::InvalidUrl(url, reason) => {
                format!("fetch() cannot send to {}: {reason}", shown(url))
            }
        }
    }

    /// What Chrome prints.
    pub(crate) fn chrome(&self) -> Option<String> {
        let detail = match self {
            RequestError::InvalidMethod(m) => {
                chrome::detail(ChromeReason::InvalidMethod, &shown(m), false)
            }
            RequestError::UnsupportedMethod(m) => {
                chrome::detail(ChromeReason::UnsupportedMethod, m, false)
            }
            RequestError::InvalidHeaderName(_) => {
                chrome::detail(ChromeReason::InvalidHeaderName, "", false)
            }
            RequestError::InvalidHeaderValue(_) => {
                chrome::detail(ChromeReason::InvalidHeaderValue, "", false)
            }
            RequestError::InvalidPageOrigin(..) => return None,
            RequestError::InvalidUrl(url, URL_WITH_CREDENTIALS) => chrome::detail(
                ChromeReason::UrlWithCredentials,
                &url.escape_debug().to_string(),
                false,
            ),
            // A relative URL resolves against the page and another scheme fails later: what
            // the browser prints depends on the page, so nothing is claimed.
            RequestError::InvalidUrl(..) => return None,
        };
        Some(chrome::type_error(&detail))
    }
}

/// Checks the page origin: `null`, or an http(s) origin as browsers serialize it (the same
/// rules as `allowOrigins` entries, without patterns or `*`).
pub(crate) fn check_page_origin(origin: &str) -> Result<(), RequestError> {
    if origin == "null" {
        return Ok(());
    }
    let invalid = |reason: String| Err(RequestError::InvalidPageOrigin(origin.to_owned(), reason));
    if origin == "*" || crate::model::is_origin_pattern(origin) {
        return invalid("a page has one exact origin, never a wildcard".to_owned());
    }
    match crate::origin::check_origin(origin, crate::model::ApiType::Rest) {
        Ok(_) => Ok(()),
        Err(problem) => invalid(problem.reason),
    }
}

/// Why `fetch()` refuses a URL with `user:password@`.
const URL_WITH_CREDENTIALS: &str =
    "fetch() refuses a URL that includes credentials (user:password@)";

/// Checks the URL: an absolute `http://` or `https://` URL without credentials, whose host and
/// port are valid, without spaces or control characters.
pub(crate) fn check_url(url: &str) -> Result<(), RequestError> {
    let invalid = |reason| Err(RequestError::InvalidUrl(url.to_owned(), reason));
    if url.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return invalid("a URL holds no spaces, line breaks or other control characters");
    }
    let Some((scheme, _)) = url.split_once("://") else {
        return invalid("it is not an absolute URL; write the API's full address, such as https://abc123.execute-api.us-east-1.amazonaws.com/prod/items");
    };
    if !(scheme.eq_ignore_ascii_case("https") || scheme.eq_ignore_ascii_case("http")) {
        return invalid("API Gateway answers http and https URLs only");
    }
    let authority = host_of(url);
    if authority.contains('@') {
        return invalid(URL_WITH_CREDENTIALS);
    }
    let origin = format!("{scheme}://{authority}");
    match crate::origin::check_origin(&origin, crate::model::ApiType::Rest) {
        Ok(_) => Ok(()),
        Err(_) => invalid("its host or port is not valid"),
    }
}

/// Normalizes a method the way `fetch()` does, or explains why `fetch()` throws.
pub(crate) fn normalize_method(method: &str) -> Result<String, RequestError> {
    if !is_token(method) {
        return Err(RequestError::InvalidMethod(method.to_owned()));
    }
    let upper = method.to_ascii_uppercase();
    if FORBIDDEN_METHODS.contains(&upper.as_str()) {
        return Err(RequestError::UnsupportedMethod(method.to_owned()));
    }
    if NORMALIZED_METHODS.contains(&upper.as_str()) {
        Ok(upper)
    } else {
        Ok(method.to_owned())
    }
}

/// A header the page asked for, and what `fetch()` did with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum HeaderFate {
    /// Kept (possibly merged with an earlier header of the same name).
    Kept,
    /// Silently dropped: a forbidden request header.
    Forbidden,
}

/// The header list after `fetch()`: names as first written, values trimmed, repeated names
/// combined with `", "`, forbidden names dropped. Returns the list and the dropped names.
pub(crate) type HeaderList = Vec<(String, String)>;

/// Builds the request's header list, or the TypeError `fetch()` throws.
pub(crate) fn header_list(
    headers: &[(String, String)],
) -> Result<(HeaderList, Vec<String>), RequestError> {
    let mut list: HeaderList = Vec::new();
    let mut dropped = Vec::new();
    for (name, value) in headers {
        let name = name.as_str();
        if !is_token(name) {
            return Err(RequestError::InvalidHeaderName(name.to_owned()));
        }
        let value = value.trim_matches(|c| matches!(c, ' ' | '\t' | '\r' | '\n'));
        // Fetch's header value: no NUL, CR or LF once trimmed, and a byte string (each
        // character at most U+00FF, or `Headers` throws).
        if value.contains(['\0', '\r', '\n']) || value.chars().any(|c| c > '\u{ff}') {
            return Err(RequestError::InvalidHeaderValue(name.to_owned()));
        }
        match fate(name, value) {
            HeaderFate::Forbidden => {
                if !dropped
                    .iter()
                    .any(|d: &String| d.eq_ignore_ascii_case(name))
                {
                    dropped.push(name.to_owned());
                }
            }
            HeaderFate::Kept => {
                if let Some(existing) = list.iter_mut().find(|(n, _)| n.eq_ignore_ascii_case(name))
                {
                    existing.1.push_str(", ");
                    existing.1.push_str(value);
                } else {
                    list.push((name.to_owned(), value.to_owned()));
                }
            }
        }
    }
    Ok((list, dropped))
}

fn fate(name: &str, value: &str) -> HeaderFate {
    if is_forbidden_request_header(name) || overrides_to_forbidden_method(name, value) {
        HeaderFate::Forbidden
    } else {
        HeaderFate::Kept
    }
}

/// `X-HTTP-Method(-Override)`/`X-Method-Override` naming a forbidden method is forbidden too.
fn overrides_to_forbidden_method(name: &str, value: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    matches!(
        lower.as_str(),
        "x-http-method" | "x-http-method-override" | "x-method-override"
    ) && value
        .split(',')
        .any(|m| FORBIDDEN_METHODS.contains(&m.trim().to_ascii_uppercase().as_str()))
}

/// GET, HEAD and POST (case-sensitive, after normalization).
pub(crate) fn is_safelisted_method(method: &str) -> bool {
    matches!(method, "GET" | "HEAD" | "POST")
}

/// A CORS-unsafe request-header byte.
fn is_unsafe_byte(b: u8) -> bool {
    (b < 0x20 && b != b'\t') || b == 0x7f || b"\"():<>?@[\\]{}".contains(&b)
}

/// Whether (name, value) is a CORS-safelisted request header (Fetch §CORS-safelisted
/// request-header), ignoring the 1024-byte total.
pub(crate) fn is_safelisted_header(name: &str, value: &str) -> bool {
    if value.len() > SAFELISTED_VALUE_LIMIT {
        return false;
    }
    match name.to_ascii_lowercase().as_str() {
        "accept" => !value.bytes().any(is_unsafe_byte),
        "accept-language" | "content-language" => value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b" *,-.;=".contains(&b)),
        "content-type" => {
            !value.bytes().any(is_unsafe_byte)
                && matches!(
                    mime_essence(value).as_deref(),
                    Some(
                        "application/x-www-form-urlencoded" | "multipart/form-data" | "text/plain"
                    )
                )
        }
        "range" => is_simple_range(value),
        _ => false,
    }
}

/// The lower-cased `type/subtype` of a MIME type, or `None` when it does not parse.
fn mime_essence(value: &str) -> Option<String> {
    let essence = value
        .split(';')
        .next()?
        .trim_matches([' ', '\t', '\r', '\n']);
    let (kind, subtype) = essence.split_once('/')?;
    (is_token(kind) && is_token(subtype)).then(|| essence.to_ascii_lowercase())
}

/// `bytes=START-` or `bytes=START-END` with START <= END (Fetch "simple range header value").
fn is_simple_range(value: &str) -> bool {
    let Some(range) = value.strip_prefix("bytes=") else {
        return false;
    };
    let Some((start, end)) = range.split_once('-') else {
        return false;
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(start) || !(end.is_empty() || digits(end)) {
        return false;
    }
    match (start.parse::<u128>(), end.parse::<u128>()) {
        (Ok(start), Ok(end)) => start <= end,
        (Ok(_), Err(_)) => end.is_empty(),
        _ => false,
    }
}

/// The CORS-unsafe request-header names, lower-cased, sorted and deduplicated (Fetch
/// §CORS-unsafe request-header names, including the 1024-byte total rule).
pub(crate) fn unsafe_header_names(headers: &[(String, String)]) -> Vec<String> {
    let mut unsafe_names = Vec::new();
    let mut potentially_unsafe = Vec::new();
    let mut safelisted_size = 0;
    for (name, value) in headers {
        if is_safelisted_header(name, value) {
            potentially_unsafe.push(name.to_ascii_lowercase());
            safelisted_size += value.len();
        } else {
            unsafe_names.push(name.to_ascii_lowercase());
        }
    }
    if safelisted_size > SAFELISTED_TOTAL_LIMIT {
        unsafe_names.extend(potentially_unsafe);
    }
    sorted_unique(unsafe_names)
}

/// The origin (`scheme://host[:port]`, lower-case, default port dropped) of a URL or origin.
pub(crate) fn origin_of(url: &str) -> String {
    let url = url.trim();
    if url == "null" {
        return url.to_owned();
    }
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.trim_end_matches('/').to_owned();
    };
    let scheme = scheme.to_ascii_lowercase();
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let authority = authority.to_ascii_lowercase();
    let default_port = match scheme.as_str() {
        "https" => Some(":443"),
        "http" => Some(":80"),
        _ => None,
    };
    let host = match default_port {
        Some(port) => authority.strip_suffix(port).unwrap_or(&authority),
        None => &authority,
    };
    format!("{scheme}://{host}")
}

/// Headers that describe a request's body; a redirect that turns the request into a GET drops
/// them with the body (Fetch "request-body-header name").
pub(crate) fn is_request_body_header(name: &str) -> bool {
    [
        "content-encoding",
        "content-language",
        "content-location",
        "content-type",
    ]
    .iter()
    .any(|body| name.eq_ignore_ascii_case(body))
}

/// Resolves a redirect's `Location` against the URL that answered it: an absolute http(s) URL,
/// `//host/path`, `/path`, `?query` or a relative path. `None` for another scheme or a value
/// with spaces or control characters. The fragment is dropped (it is never sent).
pub(crate) fn resolve(base: &str, location: &str) -> Option<String> {
    let location = location.split('#').next().unwrap_or_default();
    if location
        .chars()
        .any(|c| c.is_control() || c.is_whitespace())
    {
        return None;
    }
    let (scheme, _) = base.split_once("://")?;
    if let Some((target_scheme, _)) = location.split_once("://") {
        let http = ["http", "https"]
            .iter()
            .any(|s| target_scheme.eq_ignore_ascii_case(s));
        return (http && check_url(location).is_ok()).then(|| location.to_owned());
    }
    if location.contains(':') && !location.starts_with(['/', '?', '.']) {
        // `mailto:`, `javascript:` and the like: not a URL the browser follows.
        let before_slash = location.split('/').next().unwrap_or_default();
        if before_slash.contains(':') {
            return None;
        }
    }
    let resolved = if let Some(rest) = location.strip_prefix("//") {
        format!("{scheme}://{rest}")
    } else {
        let origin = format!("{scheme}://{}", host_of(base));
        let path = path_of(base);
        let (path_only, _) = path.split_once('?').unwrap_or((path, ""));
        if location.starts_with('/') {
            format!("{origin}{location}")
        } else if location.starts_with('?') {
            format!("{origin}{path_only}{location}")
        } else if location.is_empty() {
            format!("{origin}{path}")
        } else {
            let directory = &path_only[..path_only.rfind('/').map_or(0, |i| i + 1)];
            format!(
                "{origin}{}",
                remove_dot_segments(&format!("{directory}{location}"))
            )
        }
    };
    check_url(&resolved).is_ok().then_some(resolved)
}

/// RFC 3986 §5.2.4 on a path with an optional query.
fn remove_dot_segments(path: &str) -> String {
    let (path, query) = match path.split_once('?') {
        Some((path, query)) => (path, Some(query)),
        None => (path, None),
    };
    let mut out: Vec<&str> = Vec::new();
    let segments: Vec<&str> = path.split('/').collect();
    for (index, segment) in segments.iter().enumerate() {
        let last = index + 1 == segments.len();
        match *segment {
            "." => {
                if last {
                    out.push("");
                }
            }
            ".." => {
                if out.len() > 1 {
                    out.pop();
                }
                if last {
                    out.push("");
                }
            }
            other => out.push(other),
        }
    }
    let mut joined = out.join("/");
    if !joined.starts_with('/') {
        joined.insert(0, '/');
    }
    match query {
        Some(query) => format!("{joined}?{query}"),
        None => joined,
    }
}

/// The path and query of a URL (`/` when it has none).
pub(crate) fn path_of(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    rest.find(['/', '?']).map_or("/", |i| &rest[i..])
}

/// The host (and port) of a URL.
pub(crate) fn host_of(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    rest.split(['/', '?', '#']).next().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(name: &str, value: &str) -> (String, String) {
        (name.to_owned(), value.to_owned())
    }

    #[test]
    fn the_1024_byte_total_makes_every_safelisted_header_unsafe() {
        // Fetch §CORS-unsafe request-header names step 5 (reference §5.1). fetch() merges
        // repeated names, so only a raw header list can exceed the total; test it directly.
        let value = "a".repeat(128);
        let under: Vec<_> = (0..8).map(|_| h("Accept", &value)).collect();
        assert_eq!(unsafe_header_names(&under), Vec::<String>::new());
        let mut over = under.clone();
        over.push(h("Accept", "b"));
        assert_eq!(unsafe_header_names(&over), ["accept"]);
        over.push(h("X-Custom", "1"));
        assert_eq!(unsafe_header_names(&over), ["accept", "x-custom"]);
    }

    #[test]
    fn redirect_locations_resolve_against_the_answering_url() {
        let base = "http://127.0.0.1:8080/prod/items?case=3";
        let cases = [
            ("https://b.example.com/x", Some("https://b.example.com/x")),
            ("//127.0.0.1:9000/y", Some("http://127.0.0.1:9000/y")),
            ("/other?q=1#frag", Some("http://127.0.0.1:8080/other?q=1")),
            ("?case=4", Some("http://127.0.0.1:8080/prod/items?case=4")),
            ("next", Some("http://127.0.0.1:8080/prod/next")),
            ("../up/./there", Some("http://127.0.0.1:8080/up/there")),
            ("", Some("http://127.0.0.1:8080/prod/items?case=3")),
            ("ftp://files.example.com/a", None),
            ("javascript:alert(1)", None),
            ("/with space", None),
            ("https://user:pw@b.example.com/", None),
        ];
        for (location, want) in cases {
            assert_eq!(resolve(base, location).as_deref(), want, "{location}");
        }
        assert!(is_request_body_header("Content-Type"));
        assert!(!is_request_body_header("Authorization"));
    }

    #[test]
    fn origins_drop_default_ports_paths_and_case() {
        // Fetch "serializing an origin" (reference §5.3 step 3, §5.7).
        assert_eq!(
            origin_of("HTTPS://App.Example.com:443/x"),
            "https://app.example.com"
        );
        assert_eq!(
            origin_of("http://127.0.0.1:8080/items?case=3"),
            "http://127.0.0.1:8080"
        );
        assert_eq!(
            origin_of("https://app.example.com/"),
            "https://app.example.com"
        );
        assert_eq!(origin_of("null"), "null");
        assert_eq!(
            path_of("http://127.0.0.1:8080/items?case=3"),
            "/items?case=3"
        );
        assert_eq!(path_of("https://a.example.com"), "/");
        assert_eq!(
            host_of("https://a.example.com:8443/prod"),
            "a.example.com:8443"
        );
    }
}
