//! Chrome's messages, read with the simulator's own table of them
//! ([`crate::simulate::chrome`]), plus the `net::ERR_FAILED` line that gives the status.

use super::text::{status_at, url_at, window, window_before};
use super::{before, Found, Piece};
use crate::diagnose::finding::{Browser, Check, Exchange};
use crate::simulate::chrome::{read_reason, ChromeReason, BLOCKED, TYPE_ERROR_PREFIX};

/// The start of the request's description before [`BLOCKED`].
const ACCESS_TO: &str = "Access to ";
/// The TypeError's prefix as it appears with or without "Uncaught (in promise) ".
fn type_error_anchor() -> &'static str {
    TYPE_ERROR_PREFIX
        .strip_prefix("Uncaught (in promise) ")
        .unwrap_or(TYPE_ERROR_PREFIX)
}

pub(super) fn read(text: &str, found: &mut Found) {
    let mut pieces = Vec::new();
    let mut floor = 0;
    for (at, _) in text.match_indices(BLOCKED) {
        let reason_at = at + BLOCKED.len();
        // The description starts at the last "Access to " before this message, but not
        // before the previous message.
        let start = text[floor..at].rfind(ACCESS_TO).map(|i| floor + i);
        floor = reason_at;
        let Some(read) = read_reason(window(&text[reason_at..]), false) else {
            let url = start.and_then(|s| describe(&text[s..at]).0);
            found.note(|| format!(
                "Chrome's \"blocked by CORS policy\" message{} with a reason this tool does not know: \"{}\"",
                url.map(|u| format!(" for {u}")).unwrap_or_default(),
                excerpt(&text[reason_at..])
            ));
            continue;
        };
        let (check, exchange) = check_of(read.reason, read.preflight);
        let mut piece = Piece::new(
            start.unwrap_or(at),
            reason_at + read.len,
            Browser::Chrome,
            check,
            exchange,
        );
        if let Some(start) = start {
            let (url, redirected_from, origin) = describe(&text[start..at]);
            piece.url = url;
            piece.redirected_from = redirected_from;
            piece.origin = origin;
        }
        piece.value = read.value;
        pieces.push(piece);
    }
    let anchor = type_error_anchor();
    for (at, _) in text.match_indices(anchor) {
        let reason_at = at + anchor.len();
        let Some(read) = read_reason(window(&text[reason_at..]), true) else {
            continue;
        };
        let start = text[..at]
            .strip_suffix("Uncaught (in promise) ")
            .map_or(at, str::len);
        let mut piece = Piece::new(
            start,
            reason_at + read.len,
            Browser::Chrome,
            Check::RequestRefused,
            Exchange::Request,
        );
        piece.value = read.value;
        pieces.push(piece);
    }
    pieces.sort_by_key(|piece| piece.start);
    attach_statuses(text, &mut pieces);
    found.pieces.extend(pieces);
}

/// The check and exchange of a Chrome reason.
fn check_of(reason: ChromeReason, preflight: bool) -> (Check, Exchange) {
    let exchange = if preflight {
        Exchange::Preflight
    } else {
        Exchange::Actual
    };
    let check = match reason {
        ChromeReason::NoAllowOrigin => Check::NoAllowOrigin,
        ChromeReason::MultipleValues => Check::MultipleAllowOrigin,
        ChromeReason::InvalidValue => Check::InvalidAllowOrigin,
        ChromeReason::WildcardWithCredentials => Check::WildcardWithCredentials,
        ChromeReason::OriginMismatch => Check::OriginMismatch,
        ChromeReason::CredentialsNotTrue => Check::CredentialsNotTrue,
        ChromeReason::NotOkStatus => Check::PreflightNotOk,
        ChromeReason::PreflightRedirect => Check::Redirect,
        ChromeReason::MethodNotAllowed => Check::MethodNotAllowed,
        ChromeReason::HeaderNotAllowed => Check::HeaderNotAllowed,
        ChromeReason::Unparsable => Check::AllowListUnparsable,
        ChromeReason::InvalidMethod
        | ChromeReason::UnsupportedMethod
        | ChromeReason::InvalidHeaderName
        | ChromeReason::InvalidHeaderValue
        | ChromeReason::UrlWithCredentials => return (Check::RequestRefused, Exchange::Request),
    };
    (check, exchange)
}

/// The URL, the URL before a redirect and the origin in "Access to fetch at '<url>'
/// [(redirected from '<u0>') ]from origin '<origin>'".
fn describe(text: &str) -> (Option<String>, Option<String>, Option<String>) {
    let quoted_after = |marker: &str| -> Option<String> {
        let rest = &text[text.find(marker)? + marker.len()..];
        rest.find('\'').map(|end| rest[..end].to_owned())
    };
    (
        quoted_after(" at '"),
        quoted_after("(redirected from '"),
        quoted_after("from origin '"),
    )
}

/// The first 120 characters of `text`, for a note.
fn excerpt(text: &str) -> String {
    let mut out: String = text.chars().take(120).collect();
    if out.len() < text.len() {
        out.push('…');
    }
    out
}

/// Chrome logs the failed request as `[METHOD ]URL net::ERR_FAILED[ STATUS[ (Text)]]` next to
/// the message: its status goes to the message about the same URL (else the one before it).
fn attach_statuses(text: &str, pieces: &mut [Piece]) {
    const ERR: &str = " net::ERR_";
    for (at, _) in text.match_indices(ERR) {
        let line = window_before(text, at);
        let url_start = line.rfind(' ').map_or(0, |i| i + 1);
        let url = url_at(&line[url_start..]);
        let after = window(&text[at + ERR.len()..]);
        let code_end = after.find(' ').unwrap_or(after.len());
        let Some(status) = status_at(after[code_end..].trim_start()) else {
            continue;
        };
        let open = |index: &usize| pieces[*index].status.is_none();
        let same_url = before(pieces, at, 3)
            .filter(open)
            .find(|&index| pieces[index].url.as_deref() == Some(url));
        let before_it = before(pieces, at, 0).find(open);
        let after_it = Some(pieces.partition_point(|p| p.start < at))
            .filter(|&index| index < pieces.len())
            .filter(open);
        if let Some(index) = same_url.or(before_it).or(after_it) {
            if pieces[index].exchange != Exchange::Request {
                pieces[index].status = Some(status);
            }
        }
    }
}
