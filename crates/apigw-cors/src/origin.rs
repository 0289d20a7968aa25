//! Checking one allowed origin and normalizing it to what a browser sends in `Origin`.

use crate::diagnostic::{Diagnostic, Severity};
use crate::field::Place;
use crate::model::ApiType;
use crate::rule::Rule;
use std::net::Ipv6Addr;

/// A rejected origin: stable code, reason and fix.
pub(crate) struct OriginProblem {
    pub code: Rule,
    pub reason: String,
    pub fix: String,
}

/// An accepted origin, and a note when it was rewritten.
pub(crate) struct CheckedOrigin {
    pub normalized: String,
    pub note: Option<String>,
}

fn problem(code: Rule, reason: impl Into<String>, fix: impl Into<String>) -> OriginProblem {
    OriginProblem {
        code,
        reason: reason.into(),
        fix: fix.into(),
    }
}

/// Checks one entry of `allowOrigins` for `api_type`.
pub(crate) fn check_origin(raw: &str, api_type: ApiType) -> Result<CheckedOrigin, OriginProblem> {
    if raw.is_empty() {
        return Err(problem(
            Rule::OriginEmpty,
            "an origin cannot be empty",
            "remove the empty entry or write an origin such as https://app.example.com",
        ));
    }
    if raw.chars().any(char::is_control) {
        return Err(problem(
            Rule::OriginControlCharacter,
            "an origin cannot contain control characters such as a newline or a tab; API Gateway would copy them into the response header",
            "retype the origin on one line, for example https://app.example.com",
        ));
    }
    if raw.contains(',') {
        let entries: Vec<&str> = raw
            .split(',')
            .map(str::trim)
            .filter(|e| !e.is_empty())
            .collect();
        return Err(problem(
            Rule::OriginCommaList,
            "one origin per entry: Access-Control-Allow-Origin holds exactly one origin, and a comma-joined list matches no browser's Origin",
            format!("list them as separate entries: {}", entries.join(" and ")),
        ));
    }
    if raw.chars().any(char::is_whitespace) {
        return Err(problem(
            Rule::OriginWhitespace,
            "an origin cannot contain spaces; a browser's Origin header never has any, so it would never match",
            "remove the spaces; put each origin in its own entry",
        ));
    }
    if raw.contains(['\'', '"']) {
        return Err(problem(
            Rule::OriginQuote,
            "an origin cannot contain quotes; write the bare origin (the generated SAM adds the single quotes API Gateway needs)",
            "remove the quotes, for example https://app.example.com",
        ));
    }
    if raw.contains('\\') {
        return Err(problem(
            Rule::OriginBackslash,
            "an origin cannot contain a backslash",
            "remove the backslash; origins use forward slashes only after the scheme (https://)",
        ));
    }
    if raw == "*" {
        return Ok(CheckedOrigin {
            normalized: "*".into(),
            note: None,
        });
    }
    if raw.eq_ignore_ascii_case("null") {
        return Err(problem(
            Rule::OriginNull,
            "the origin null is sent by sandboxed iframes, file:// pages and redirected requests; allowing it lets any of them read your API",
            "remove null and list the real origins of your pages",
        ));
    }
    let (scheme, rest) = match raw.split_once("://") {
        Some((scheme, rest)) if !scheme.is_empty() => (scheme, rest),
        _ => {
            let host = raw.trim_start_matches(':').trim_start_matches('/');
            return Err(problem(
                Rule::OriginMissingScheme,
                "an origin starts with its scheme; browsers send https://host or http://host",
                format!("write https://{host} (or http:// for a local development server)"),
            ));
        }
    };
    let scheme_lower = scheme.to_ascii_lowercase();
    if scheme_lower != "https" && scheme_lower != "http" {
        return Err(problem(
            Rule::OriginScheme,
            format!("the scheme {scheme}:// is not an origin API Gateway's CORS settings serve; only http:// and https:// pages can be allowed"),
            "use the https:// (or http://) address of the page that calls the API",
        ));
    }
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(authority_end);
    let base = format!("{scheme_lower}://{authority}");
    if let Some(first) = tail.chars().next() {
        let (code, reason) = match first {
            '/' if tail == "/" => (
                Rule::OriginTrailingSlash,
                "an origin has no path or trailing slash; the browser sends it without one, and the comparison is exact",
            ),
            '/' => (
                Rule::OriginPath,
                "an origin has no path; the browser sends only scheme, host and port, and the comparison is exact",
            ),
            '?' => (Rule::OriginQuery, "an origin has no query string"),
            _ => (Rule::OriginFragment, "an origin has no fragment"),
        };
        return Err(problem(code, reason, format!("write {base}")));
    }
    if authority.contains('@') {
        return Err(problem(
            Rule::OriginUserinfo,
            "an origin has no user name or password; browsers never send them in Origin",
            "remove everything up to and including the @",
        ));
    }
    if authority == "*" {
        if api_type == ApiType::Rest {
            return Err(problem(
                Rule::OriginPatternRest,
                "REST APIs send one fixed origin; the patterns http://* and https://* exist only for HTTP APIs",
                "list each origin, use * without credentials, or switch to an HTTP API",
            ));
        }
        return Ok(CheckedOrigin {
            normalized: base,
            note: note_if_changed(raw, &format!("{scheme_lower}://*")),
        });
    }
    if authority.contains('*') {
        return Err(problem(
            Rule::OriginSubdomainWildcard,
            "API Gateway does not support wildcards inside an origin such as https://*.example.com; only *, https://* and http://* (HTTP APIs) exist",
            "list each subdomain, or answer CORS from the Lambda function: the generated handler echoes any origin in its list (add a suffix check there for dynamic subdomains)",
        ));
    }
    let (host, port) = split_host_port(authority)?;
    let host = check_host(host)?;
    let port = match port {
        None => None,
        Some(digits) => check_port(digits, &scheme_lower)?,
    };
    let normalized = match port {
        Some(port) => format!("{scheme_lower}://{host}:{port}"),
        None => format!("{scheme_lower}://{host}"),
    };
    Ok(CheckedOrigin {
        note: note_if_changed(raw, &normalized),
        normalized,
    })
}

fn note_if_changed(raw: &str, normalized: &str) -> Option<String> {
    (raw != normalized).then(|| {
        format!("browsers send this origin as {normalized} (lower-case scheme and host, no default port, IPv6 in its short form), and the comparison is exact, so it is used in that form")
    })
}

fn split_host_port(authority: &str) -> Result<(&str, Option<&str>), OriginProblem> {
    if authority.starts_with('[') {
        let Some(close) = authority.find(']') else {
            return Err(problem(
                Rule::OriginHost,
                "an IPv6 address must be closed with ]",
                "write it as http://[::1]:3000",
            ));
        };
        let (host, after) = authority.split_at(close + 1);
        return match after {
            "" => Ok((host, None)),
            _ => match after.strip_prefix(':') {
                Some(port) => Ok((host, Some(port))),
                None => Err(problem(
                    Rule::OriginHost,
                    "only a :port may follow an IPv6 address",
                    "write it as http://[::1]:3000",
                )),
            },
        };
    }
    Ok(match authority.split_once(':') {
        Some((host, port)) => (host, Some(port)),
        None => (authority, None),
    })
}

fn check_host(host: &str) -> Result<String, OriginProblem> {
    if host.is_empty() {
        return Err(problem(
            Rule::OriginHost,
            "the origin has no host name",
            "write the host after the scheme, for example https://app.example.com",
        ));
    }
    if !host.is_ascii() {
        return Err(problem(
            Rule::OriginHostUnicode,
            "browsers send international domain names in their ASCII (punycode) form, so this origin would never match",
            "write the xn-- form of the host name, as shown in the browser's developer tools",
        ));
    }
    if let Some(inner) = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
        let Ok(address) = inner.parse::<Ipv6Addr>() else {
            return Err(problem(
                Rule::OriginHost,
                "this is not an IPv6 address",
                "write an IPv6 address in brackets, for example http://[::1]:3000",
            ));
        };
        return Ok(format!("[{}]", ipv6_as_browsers_write_it(address)));
    }
    let valid = host
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.' || c == '_')
        && !host.starts_with('.')
        && !host.contains("..");
    if !valid {
        return Err(problem(
            Rule::OriginHost,
            "the host name contains characters a host name cannot have",
            "use letters, digits, hyphens and dots, for example https://app.example.com",
        ));
    }
    check_dns_lengths(host)?;
    Ok(host.to_ascii_lowercase())
}

/// The longest DNS name (RFC 1035: 253 characters written out) and label (63).
const DNS_NAME_MAX: usize = 253;
const DNS_LABEL_MAX: usize = 63;

/// A host name that DNS cannot hold, or whose labels no name server hands out, is no page's
/// origin: reject it rather than write it into every output.
fn check_dns_lengths(host: &str) -> Result<(), OriginProblem> {
    let name = host.strip_suffix('.').unwrap_or(host);
    if name.len() > DNS_NAME_MAX {
        return Err(problem(
            Rule::OriginHost,
            format!(
                "the host name is {} characters long; DNS names have at most {DNS_NAME_MAX}, so no page is served from it",
                name.len()
            ),
            "write the host name of the page that calls the API",
        ));
    }
    for label in name.split('.') {
        if label.len() > DNS_LABEL_MAX {
            return Err(problem(
                Rule::OriginHost,
                format!(
                    "a part of the host name is {} characters long; DNS allows at most {DNS_LABEL_MAX} between dots",
                    label.len()
                ),
                "write the host name of the page that calls the API",
            ));
        }
        if label.starts_with('-') || label.ends_with('-') {
            return Err(problem(
                Rule::OriginHost,
                format!("the part {label:?} of the host name starts or ends with a hyphen, which host names never do (RFC 1123)"),
                "write the host name of the page that calls the API",
            ));
        }
    }
    Ok(())
}

/// An IPv6 address as browsers serialize it in an origin (the URL standard): eight lower-case
/// hexadecimal pieces without leading zeros, the first longest run of two or more zero pieces
/// written `::`, and never the dotted IPv4 form (`::ffff:127.0.0.1` is sent as
/// `::ffff:7f00:1`).
fn ipv6_as_browsers_write_it(address: Ipv6Addr) -> String {
    let pieces = address.segments();
    // The first longest run of zero pieces, if it is at least two long.
    let mut best: Option<(usize, usize)> = None;
    let mut index = 0;
    while index < pieces.len() {
        let run = pieces[index..].iter().take_while(|&&p| p == 0).count();
        if run >= 2 && best.is_none_or(|(_, length)| run > length) {
            best = Some((index, run));
        }
        index += run.max(1);
    }
    let hex = |pieces: &[u16]| {
        pieces
            .iter()
            .map(|p| format!("{p:x}"))
            .collect::<Vec<_>>()
            .join(":")
    };
    match best {
        Some((start, length)) => format!(
            "{}::{}",
            hex(&pieces[..start]),
            hex(&pieces[start + length..])
        ),
        None => hex(&pieces),
    }
}

fn check_port(digits: &str, scheme: &str) -> Result<Option<u16>, OriginProblem> {
    let bad_port = || {
        problem(
            Rule::OriginPort,
            "the port must be a number from 1 to 65535",
            "write the port the page is served on, for example http://localhost:3000",
        )
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad_port());
    }
    let port: u16 = digits.parse().map_err(|_| bad_port())?;
    if port == 0 {
        return Err(bad_port());
    }
    let default_port = if scheme == "https" { 443 } else { 80 };
    Ok((port != default_port).then_some(port))
}

/// Turns an origin problem into a diagnostic for `field`.
pub(crate) fn origin_error(field: Place, raw: &str, problem: OriginProblem) -> Diagnostic {
    Diagnostic::new(
        problem.code,
        Severity::Error,
        field,
        Some(raw),
        problem.reason,
        problem.fix,
    )
}
