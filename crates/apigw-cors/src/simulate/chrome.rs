//! Chrome's console messages for a request it refuses, as one table that both writes them (the
//! simulator's [`Simulation::chrome_message`](super::Simulation)) and reads them back
//! (`explain`), so that what the simulator prints and what `explain` recognises cannot drift.
//!
//! Source: reference `other-tools-cors.md` §6.3 (Chromium's `cors_error_string.cc`), with the
//! hints as Chromium 156 prints them (captured by `probe-diff/`, which fails on any line that
//! differs): no "opaque response" hint after a missing Allow-Origin, and " Have the server send
//! the header with a valid value." after a wrong one, on the preflight too. A CORS message is
//! `Access to fetch at '<url>' from origin '<origin>' has been blocked by CORS policy: ` + (on the
//! preflight) `Response to preflight request doesn't pass access control check: ` + a reason
//! below + (sometimes) a hint; a refused `fetch()` call is a TypeError. Older releases append
//! other hints; the reader leaves whatever follows a reason unread.

/// Why Chrome refused a request: one entry of [`TEMPLATES`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum ChromeReason {
    /// No `Access-Control-Allow-Origin`.
    NoAllowOrigin,
    /// `Access-Control-Allow-Origin` holds several values.
    MultipleValues,
    /// `Access-Control-Allow-Origin` is not an origin.
    InvalidValue,
    /// `*` with `credentials: 'include'`.
    WildcardWithCredentials,
    /// Another origin than the page's.
    OriginMismatch,
    /// `Access-Control-Allow-Credentials` is not `true`.
    CredentialsNotTrue,
    /// The preflight status is not 200–299.
    NotOkStatus,
    /// The preflight was redirected.
    PreflightRedirect,
    /// The method is not in `Access-Control-Allow-Methods`.
    MethodNotAllowed,
    /// A header is not in `Access-Control-Allow-Headers`.
    HeaderNotAllowed,
    /// `Access-Control-Allow-Methods` or `-Headers` cannot be parsed (the value names which).
    Unparsable,
    /// `fetch()` refuses the method (not a token).
    InvalidMethod,
    /// `fetch()` refuses CONNECT, TRACE and TRACK.
    UnsupportedMethod,
    /// `fetch()` refuses a header name.
    InvalidHeaderName,
    /// `fetch()` refuses a header value.
    InvalidHeaderValue,
    /// `fetch()` refuses a URL with `user:password@`.
    UrlWithCredentials,
}

/// Where a reason appears in Chrome's console.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Context {
    /// A CORS check of the preflight or of the actual response: on the preflight it follows
    /// [`PREFLIGHT_PREFIX`].
    CorsCheck,
    /// The preflight only, always after [`PREFLIGHT_PREFIX`].
    PreflightPrefixed,
    /// The preflight only, without the prefix (methods, headers, parsing).
    PreflightBare,
    /// A TypeError thrown by `fetch()` before anything is sent.
    TypeError,
}

/// One reason's text: `before` + the value + `after` (`after` is `None` for a text without a
/// value), and the hint Chrome appends to it.
pub(crate) struct Template {
    pub reason: ChromeReason,
    pub context: Context,
    pub before: &'static str,
    pub after: Option<&'static str>,
    pub hint: Option<&'static str>,
}

/// Chrome's hint after an `Access-Control-Allow-Origin` value it refuses.
const VALID_VALUE_HINT: &str = " Have the server send the header with a valid value.";

/// Every reason, written once.
pub(crate) const TEMPLATES: &[Template] = &[
    Template {
        reason: ChromeReason::NoAllowOrigin,
        context: Context::CorsCheck,
        before: "No 'Access-Control-Allow-Origin' header is present on the requested resource.",
        after: None,
        hint: None,
    },
    Template {
        reason: ChromeReason::MultipleValues,
        context: Context::CorsCheck,
        before: "The 'Access-Control-Allow-Origin' header contains multiple values '",
        after: Some("', but only one is allowed."),
        hint: Some(VALID_VALUE_HINT),
    },
    Template {
        reason: ChromeReason::InvalidValue,
        context: Context::CorsCheck,
        before: "The 'Access-Control-Allow-Origin' header contains the invalid value '",
        after: Some("'."),
        hint: Some(VALID_VALUE_HINT),
    },
    Template {
        reason: ChromeReason::WildcardWithCredentials,
        context: Context::CorsCheck,
        before: "The value of the 'Access-Control-Allow-Origin' header in the response must not be the wildcard '*' when the request's credentials mode is 'include'.",
        after: None,
        hint: None,
    },
    Template {
        reason: ChromeReason::OriginMismatch,
        context: Context::CorsCheck,
        before: "The 'Access-Control-Allow-Origin' header has a value '",
        after: Some("' that is not equal to the supplied origin."),
        hint: Some(VALID_VALUE_HINT),
    },
    Template {
        reason: ChromeReason::CredentialsNotTrue,
        context: Context::CorsCheck,
        before: "The value of the 'Access-Control-Allow-Credentials' header in the response is '",
        after: Some("' which must be 'true' when the request's credentials mode is 'include'."),
        hint: None,
    },
    Template {
        reason: ChromeReason::NotOkStatus,
        context: Context::PreflightPrefixed,
        before: "It does not have HTTP ok status.",
        after: None,
        hint: None,
    },
    Template {
        reason: ChromeReason::PreflightRedirect,
        context: Context::PreflightPrefixed,
        before: "Redirect is not allowed for a preflight request.",
        after: None,
        hint: None,
    },
    Template {
        reason: ChromeReason::MethodNotAllowed,
        context: Context::PreflightBare,
        before: "Method ",
        after: Some(" is not allowed by Access-Control-Allow-Methods in preflight response."),
        hint: None,
    },
    Template {
        reason: ChromeReason::HeaderNotAllowed,
        context: Context::PreflightBare,
        before: "Request header field ",
        after: Some(" is not allowed by Access-Control-Allow-Headers in preflight response."),
        hint: None,
    },
    Template {
        reason: ChromeReason::Unparsable,
        context: Context::PreflightBare,
        before: "Cannot parse ",
        after: Some(" response header field in preflight response."),
        hint: None,
    },
    Template {
        reason: ChromeReason::InvalidMethod,
        context: Context::TypeError,
        before: "",
        after: Some(" is not a valid HTTP method."),
        hint: None,
    },
    Template {
        reason: ChromeReason::UnsupportedMethod,
        context: Context::TypeError,
        before: "'",
        after: Some("' HTTP method is unsupported."),
        hint: None,
    },
    Template {
        reason: ChromeReason::InvalidHeaderName,
        context: Context::TypeError,
        before: "Invalid name",
        after: None,
        hint: None,
    },
    Template {
        reason: ChromeReason::InvalidHeaderValue,
        context: Context::TypeError,
        before: "Invalid value",
        after: None,
        hint: None,
    },
    Template {
        reason: ChromeReason::UrlWithCredentials,
        context: Context::TypeError,
        before: "Request cannot be constructed from a URL that includes credentials: ",
        after: Some(""),
        hint: None,
    },
];

/// What precedes a reason about the preflight.
pub(crate) const PREFLIGHT_PREFIX: &str =
    "Response to preflight request doesn't pass access control check: ";
/// What joins the request's description and the reason.
pub(crate) const BLOCKED: &str = " has been blocked by CORS policy: ";
/// What precedes a TypeError's reason.
pub(crate) const TYPE_ERROR_PREFIX: &str =
    "Uncaught (in promise) TypeError: Failed to execute 'fetch' on 'Window': ";

fn template(reason: ChromeReason) -> &'static Template {
    TEMPLATES
        .iter()
        .find(|t| t.reason == reason)
        .expect("every reason has a template")
}

/// The reason as Chrome writes it, with `value` in its place (ignored by texts without one).
pub(crate) fn detail(reason: ChromeReason, value: &str, preflight: bool) -> String {
    let t = template(reason);
    let mut text = t.before.to_owned();
    if let Some(after) = t.after {
        text.push_str(value);
        text.push_str(after);
    }
    let prefixed = match t.context {
        Context::PreflightPrefixed => true,
        Context::CorsCheck => preflight,
        Context::PreflightBare | Context::TypeError => false,
    };
    if let Some(hint) = t.hint {
        text.push_str(hint);
    }
    if prefixed {
        return format!("{PREFLIGHT_PREFIX}{text}");
    }
    text
}

/// The whole console line for a CORS failure of `fetch()`.
pub(crate) fn blocked_message(url: &str, origin: &str, detail: &str) -> String {
    format!("Access to fetch at '{url}' from origin '{origin}'{BLOCKED}{detail}")
}

/// The whole console line for a CORS failure of `fetch()` after a redirect from `from` to
/// `url`.
pub(crate) fn blocked_after_redirect(url: &str, from: &str, origin: &str, detail: &str) -> String {
    format!("Access to fetch at '{url}' (redirected from '{from}') from origin '{origin}'{BLOCKED}{detail}")
}

/// The whole console line for a TypeError `fetch()` throws.
pub(crate) fn type_error(detail: &str) -> String {
    format!("{TYPE_ERROR_PREFIX}{detail}")
}

/// A reason read back from a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ReadReason {
    pub reason: ChromeReason,
    /// The value in the text, when the template has one.
    pub value: Option<String>,
    /// The reason followed [`PREFLIGHT_PREFIX`] or is a preflight-only reason.
    pub preflight: bool,
    /// Bytes of `text` the reason took, from the start.
    pub len: usize,
}

/// Reads the reason at the start of `text` (what follows "blocked by CORS policy: " or the
/// TypeError prefix). Text after the reason (hints, other lines) is left alone. Templates
/// whose context does not fit (`type_error`) are skipped.
pub(crate) fn read_reason(text: &str, type_error: bool) -> Option<ReadReason> {
    let (rest, prefixed) = match text.strip_prefix(PREFLIGHT_PREFIX) {
        Some(rest) => (rest, true),
        None => (text, false),
    };
    let offset = text.len() - rest.len();
    TEMPLATES.iter().find_map(|t| {
        let fits = match t.context {
            Context::TypeError => type_error && !prefixed,
            Context::CorsCheck => !type_error,
            Context::PreflightPrefixed => !type_error && prefixed,
            Context::PreflightBare => !type_error && !prefixed,
        };
        if !fits {
            return None;
        }
        let after_before = rest.strip_prefix(t.before)?;
        let (value, len) = match t.after {
            None => (None, t.before.len()),
            Some("") => {
                // The value runs to the end of the line.
                let value = after_before.lines().next().unwrap_or("").trim_end();
                (Some(value.to_owned()), t.before.len() + value.len())
            }
            Some(after) => {
                let end = after_before.find(after)?;
                // Empty when the header is absent ('' for Access-Control-Allow-Credentials).
                let value = &after_before[..end];
                (Some(value.to_owned()), t.before.len() + end + after.len())
            }
        };
        let preflight = prefixed
            || matches!(
                t.context,
                Context::PreflightPrefixed | Context::PreflightBare
            );
        Some(ReadReason {
            reason: t.reason,
            value,
            preflight,
            len: offset + len,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_reason_reads_back_what_it_writes() {
        for t in TEMPLATES {
            let value = match t.reason {
                ChromeReason::MethodNotAllowed => "PUT",
                ChromeReason::HeaderNotAllowed => "x-api-key",
                ChromeReason::Unparsable => "Access-Control-Allow-Headers",
                ChromeReason::InvalidMethod => "'GE T'",
                ChromeReason::UnsupportedMethod => "TRACE",
                ChromeReason::UrlWithCredentials => "https://u:p@api.example.com/",
                _ => "https://a.example, https://b.example",
            };
            let type_error = t.context == Context::TypeError;
            for preflight in [false, true] {
                let text = detail(t.reason, value, preflight);
                let read = read_reason(&text, type_error).unwrap_or_else(|| panic!("{text}"));
                assert_eq!(read.reason, t.reason, "{text}");
                assert_eq!(read.value.is_some(), t.after.is_some(), "{text}");
                if t.after.is_some() {
                    assert_eq!(read.value.as_deref(), Some(value), "{text}");
                }
                let expected_preflight = match t.context {
                    Context::CorsCheck => preflight,
                    Context::PreflightPrefixed | Context::PreflightBare => true,
                    Context::TypeError => false,
                };
                assert_eq!(read.preflight, expected_preflight, "{text}");
                let hint = t.hint.map_or(0, str::len);
                assert_eq!(read.len + hint, text.len(), "{text}");
            }
        }
    }

    #[test]
    fn the_texts_are_chromes() {
        assert_eq!(
            detail(ChromeReason::NoAllowOrigin, "", true),
            "Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource."
        );
        assert_eq!(
            detail(ChromeReason::NoAllowOrigin, "", false),
            "No 'Access-Control-Allow-Origin' header is present on the requested resource."
        );
        assert_eq!(
            detail(ChromeReason::OriginMismatch, "https://a.example", true),
            "Response to preflight request doesn't pass access control check: The 'Access-Control-Allow-Origin' header has a value 'https://a.example' that is not equal to the supplied origin. Have the server send the header with a valid value."
        );
        assert_eq!(
            detail(ChromeReason::MethodNotAllowed, "PATCH", true),
            "Method PATCH is not allowed by Access-Control-Allow-Methods in preflight response."
        );
        assert_eq!(
            blocked_message("https://api.example/x", "https://app.example", "D"),
            "Access to fetch at 'https://api.example/x' from origin 'https://app.example' has been blocked by CORS policy: D"
        );
    }

    #[test]
    fn an_older_chromes_hint_after_a_value_is_left_unread() {
        // Releases before 156 appended this hint to (c)-(e) for fetch(); the reason is read
        // without it.
        let text = "The 'Access-Control-Allow-Origin' header has a value 'https://a.example' that is not equal to the supplied origin. Have the server send the header with a valid value, or, if an opaque response serves your needs, set the request's mode to 'no-cors' to fetch the resource with CORS disabled.";
        let read = read_reason(text, false).unwrap();
        assert_eq!(read.reason, ChromeReason::OriginMismatch);
        assert_eq!(read.value.as_deref(), Some("https://a.example"));
        assert!(!read.preflight);
    }
}
