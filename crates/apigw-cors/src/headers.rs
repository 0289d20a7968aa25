//! Header names: the HTTP token rule (RFC 9110) and the lists browsers apply.

use crate::rule::Rule;

/// A rejected header name: stable code, reason and fix.
pub(crate) struct HeaderProblem {
    pub code: Rule,
    pub reason: String,
    pub fix: String,
}

/// `names` sorted, without repeats: how browsers list request header names. Sorted by insertion
/// (the lists hold a few names; a sort routine would cost wasm size).
pub(crate) fn sorted_unique(names: Vec<String>) -> Vec<String> {
    let mut sorted: Vec<String> = Vec::with_capacity(names.len());
    for name in names {
        if let Err(at) = sorted.binary_search(&name) {
            sorted.insert(at, name);
        }
    }
    sorted
}

/// RFC 9110 `tchar`.
fn is_tchar(c: char) -> bool {
    c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c)
}

/// Checks that `name` is an HTTP token, explaining the usual mistakes.
pub(crate) fn check_header_name(name: &str) -> Result<(), HeaderProblem> {
    let problem = |code, reason: &str, fix: String| {
        Err(HeaderProblem {
            code,
            reason: reason.into(),
            fix,
        })
    };
    if name.is_empty() {
        return problem(
            Rule::HeaderEmpty,
            "a header name cannot be empty",
            "remove the empty entry".into(),
        );
    }
    if let Some((before, _)) = name.split_once(':') {
        return problem(
            Rule::HeaderValueGiven,
            "list header names only; the value is chosen by the page",
            format!("write {}", before.trim()),
        );
    }
    if name.contains(',') {
        return problem(
            Rule::HeaderComma,
            "one header name per entry; a comma would make API Gateway send a different list than you expect",
            "split the names into separate entries".into(),
        );
    }
    if name.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return problem(
            Rule::HeaderWhitespace,
            "a header name cannot contain spaces, tabs or line breaks",
            "remove them, for example Content-Type".into(),
        );
    }
    if !name.chars().all(is_tchar) {
        return problem(
            Rule::HeaderInvalid,
            "a header name may contain only letters, digits and ! # $ % & ' * + - . ^ _ ` | ~ (RFC 9110 token)",
            "remove quotes, slashes, brackets and other separators".into(),
        );
    }
    if name.contains('\'') {
        // Legal in a token, but it would end API Gateway's single-quoted static value early.
        return problem(
            Rule::HeaderQuote,
            "a header name with a single quote cannot be written into API Gateway's single-quoted static values",
            "remove the quote".into(),
        );
    }
    Ok(())
}

/// Request headers a page can never set (the Fetch standard's forbidden request-header names);
/// listing them in `allowHeaders` has no effect.
pub fn is_forbidden_request_header(name: &str) -> bool {
    const FORBIDDEN: [&str; 21] = [
        "accept-charset",
        "accept-encoding",
        "access-control-request-headers",
        "access-control-request-method",
        "connection",
        "content-length",
        "cookie",
        "cookie2",
        "date",
        "dnt",
        "expect",
        "host",
        "keep-alive",
        "origin",
        "referer",
        "set-cookie",
        "te",
        "trailer",
        "transfer-encoding",
        "upgrade",
        "via",
    ];
    let lower = name.to_ascii_lowercase();
    FORBIDDEN.contains(&lower.as_str()) || lower.starts_with("proxy-") || lower.starts_with("sec-")
}

/// Response headers a page can always read (CORS-safelisted response-header names).
pub fn is_safelisted_response_header(name: &str) -> bool {
    const SAFELISTED: [&str; 7] = [
        "cache-control",
        "content-language",
        "content-length",
        "content-type",
        "expires",
        "last-modified",
        "pragma",
    ];
    SAFELISTED.contains(&name.to_ascii_lowercase().as_str())
}

#[cfg(test)]
mod tests {
    use super::sorted_unique;

    #[test]
    fn sorted_unique_sorts_and_drops_repeats() {
        let names = ["x-b", "content-type", "x-b", "authorization", "x-a"].map(String::from);
        assert_eq!(
            sorted_unique(names.to_vec()),
            ["authorization", "content-type", "x-a", "x-b"]
        );
        assert_eq!(sorted_unique(Vec::new()), Vec::<String>::new());
    }
}
