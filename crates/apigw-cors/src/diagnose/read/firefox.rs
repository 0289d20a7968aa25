//! Firefox's messages: `Cross-Origin Request Blocked: The Same Origin Policy disallows reading
//! the remote resource at <url>. (Reason: <reason>).[ Status code: <n>.]` with the reasons of
//! Firefox's `security.properties` (reference `other-tools-cors.md` §6.4; MDN's CORS error
//! pages), curly quotes already made straight. Firefox never says whether the preflight or
//! the actual response failed, unless the reason itself is about the preflight.

use super::text::{status_code, unquote, window, STATUS_CODE};
use super::{Found, Piece};
use crate::diagnose::finding::{Browser, Check, Exchange};

const START: &str = "Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at ";
const REASON: &str = ". (Reason: ";

/// A reason: `before` + value + `after` (`after` is `None` for a reason without a value).
struct Reason {
    before: &'static str,
    after: Option<&'static str>,
    check: Check,
    exchange: Exchange,
}

const fn reason(before: &'static str, check: Check, exchange: Exchange) -> Reason {
    Reason {
        before,
        after: None,
        check,
        exchange,
    }
}

const fn valued(
    before: &'static str,
    after: &'static str,
    check: Check,
    exchange: Exchange,
) -> Reason {
    Reason {
        before,
        after: Some(after),
        check,
        exchange,
    }
}

use Exchange::{Preflight, PreflightOrActual as Either};

/// Firefox's reasons; the older wordings MDN still lists come after the current ones.
const REASONS: &[Reason] = &[
    reason("CORS disabled", Check::CorsDisabled, Exchange::Request),
    reason("CORS request did not succeed", Check::NoResponse, Exchange::NoResponse),
    reason("CORS header 'Origin' cannot be added", Check::OriginNotAdded, Exchange::Request),
    reason("CORS request external redirect not allowed", Check::Redirect, Either),
    reason("CORS request not http", Check::NotHttp, Exchange::Request),
    reason("CORS header 'Access-Control-Allow-Origin' missing", Check::NoAllowOrigin, Either),
    reason("Multiple CORS header 'Access-Control-Allow-Origin' not allowed", Check::MultipleAllowOrigin, Either),
    valued("CORS header 'Access-Control-Allow-Origin' does not match '", "'", Check::OriginMismatch, Either),
    reason("Credential is not supported if the CORS header 'Access-Control-Allow-Origin' is '*'", Check::WildcardWithCredentials, Either),
    reason("Did not find method in CORS header 'Access-Control-Allow-Methods'", Check::MethodNotAllowed, Preflight),
    reason("expected 'true' in CORS header 'Access-Control-Allow-Credentials'", Check::CredentialsNotTrue, Either),
    reason("CORS preflight response did not succeed", Check::PreflightNotOk, Preflight),
    reason("CORS preflight channel did not succeed", Check::PreflightNotOk, Preflight),
    valued("invalid token '", "' in CORS header 'Access-Control-Allow-Methods'", Check::AllowListUnparsable, Preflight),
    valued("invalid token '", "' in CORS header 'Access-Control-Allow-Headers'", Check::AllowListUnparsable, Preflight),
    valued("header '", "' is not allowed according to header 'Access-Control-Allow-Headers' from CORS preflight response", Check::HeaderNotAllowed, Preflight),
    valued("missing token '", "' in CORS header 'Access-Control-Allow-Headers' from CORS preflight channel", Check::HeaderNotAllowed, Preflight),
];

pub(super) fn read(text: &str, found: &mut Found) {
    for (start, _) in text.match_indices(START) {
        let rest = window(&text[start + START.len()..]);
        let Some(url_end) = rest.find(REASON) else {
            continue;
        };
        let url = unquote(&rest[..url_end]).to_owned();
        let reason_text = &rest[url_end + REASON.len()..];
        // The reason closes with ")." (")" when the paste cut the period).
        let close = match reason_text.find(").") {
            Some(at) => Some((at, 2)),
            None => reason_text.find(')').map(|at| (at, 1)),
        };
        let Some((close, close_len)) = close else {
            continue;
        };
        let said = &reason_text[..close];
        let mut end = start + START.len() + url_end + REASON.len() + close + close_len;
        let tail = window(&text[end.min(text.len())..]);
        let status = tail
            .trim_start()
            .starts_with(STATUS_CODE)
            .then(|| {
                let status_end = tail.find('.').map_or(tail.len(), |i| i + 1);
                end += status_end;
                status_code(tail)
            })
            .flatten();
        let Some((reason, value)) = REASONS.iter().find_map(|r| matches(r, said)) else {
            found.note(|| format!(
                "Firefox's \"Cross-Origin Request Blocked\" message for {url} with a reason this tool does not know: \"{said}\""
            ));
            continue;
        };
        let mut piece = Piece::new(
            start,
            end.min(text.len()),
            Browser::Firefox,
            reason.check,
            reason.exchange,
        );
        piece.url = Some(url);
        piece.value = value;
        piece.status = status;
        found.pieces.push(piece);
    }
}

/// `said` read as `reason`: the value, when the reason has one.
fn matches<'r>(reason: &'r Reason, said: &str) -> Option<(&'r Reason, Option<String>)> {
    match reason.after {
        None => (said == reason.before).then_some((reason, None)),
        Some(after) => {
            let value = said.strip_prefix(reason.before)?.strip_suffix(after)?;
            (!value.is_empty()).then(|| (reason, Some(value.to_owned())))
        }
    }
}
