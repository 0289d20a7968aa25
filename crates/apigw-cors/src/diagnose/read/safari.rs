//! Safari's messages (WebKit, reference `other-tools-cors.md` §6.5): the reason on its own
//! line, again after `Failed to load resource: `, and a wrapper line `<API> cannot load <url>
//! due to access control checks.` that names the URL. The three lines are one message.
//! WebKit checks the preflight's status before its headers, so an authorizer's 401 reads
//! "Preflight response is not successful".

use super::text::{status_code, url_at, window, window_before, STATUS_CODE};
use super::{before, inside, Found, Piece};
use crate::diagnose::finding::{Browser, Check, Exchange};

/// A reason: `before` + value + `after` (`after` is `None` for a reason without a value).
struct Reason {
    before: &'static str,
    after: Option<&'static str>,
    check: Check,
    exchange: Exchange,
}

use Exchange::{Preflight, PreflightOrActual as Either};

const REASONS: &[Reason] = &[
    Reason {
        before: "Preflight response is not successful.",
        after: None,
        check: Check::PreflightNotOk,
        exchange: Preflight,
    },
    Reason {
        before: "Origin ",
        after: Some(" is not allowed by Access-Control-Allow-Origin."),
        check: Check::OriginNotAllowed,
        exchange: Either,
    },
    Reason {
        before: "Cannot use wildcard in Access-Control-Allow-Origin when credentials flag is true.",
        after: None,
        check: Check::WildcardWithCredentials,
        exchange: Either,
    },
    Reason {
        before: "Access-Control-Allow-Origin cannot contain more than one origin.",
        after: None,
        check: Check::MultipleAllowOrigin,
        exchange: Either,
    },
    Reason {
        before: "Credentials flag is true, but Access-Control-Allow-Credentials is not \"true\".",
        after: None,
        check: Check::CredentialsNotTrue,
        exchange: Either,
    },
    Reason {
        before: "Method ",
        after: Some(" is not allowed by Access-Control-Allow-Methods."),
        check: Check::MethodNotAllowed,
        exchange: Preflight,
    },
    Reason {
        before: "Request header field ",
        after: Some(" is not allowed by Access-Control-Allow-Headers."),
        check: Check::HeaderNotAllowed,
        exchange: Preflight,
    },
    Reason {
        before: "Header Access-Control-Allow-Methods has an invalid value: ",
        after: Some(""),
        check: Check::AllowListUnparsable,
        exchange: Preflight,
    },
    Reason {
        before: "Header Access-Control-Allow-Headers has an invalid value: ",
        after: Some(""),
        check: Check::AllowListUnparsable,
        exchange: Preflight,
    },
];

/// The wrapper line's end.
const WRAPPER_END: &str = " due to access control checks.";

pub(super) fn read(text: &str, found: &mut Found) {
    let mut pieces: Vec<Piece> = Vec::new();
    for reason in REASONS {
        for (start, _) in text.match_indices(reason.before) {
            if inside(found, start) {
                continue;
            }
            let rest = window(&text[start + reason.before.len()..]);
            let (value, mut end) = match reason.after {
                None => (None, start + reason.before.len()),
                Some("") => {
                    let value = url_at(rest);
                    (
                        Some(value.to_owned()),
                        start + reason.before.len() + value.len(),
                    )
                }
                Some(after) => {
                    // The value (an origin, a method, a header name) has no space: it ends at
                    // the first one, where the rest of the reason must follow.
                    let stop = rest.find(' ').unwrap_or(rest.len());
                    let value = &rest[..stop];
                    if value.is_empty() || !rest[stop..].starts_with(after) {
                        continue;
                    }
                    (
                        Some(value.to_owned()),
                        start + reason.before.len() + stop + after.len(),
                    )
                }
            };
            let tail = window(&text[end..]);
            let mut status = None;
            if tail.trim_start().starts_with(STATUS_CODE) {
                status = status_code(tail);
                let digits = tail.trim_start()[STATUS_CODE.len()..]
                    .chars()
                    .take_while(char::is_ascii_digit)
                    .count();
                end += tail.len() - tail.trim_start().len() + STATUS_CODE.len() + digits;
            }
            let mut piece = Piece::new(start, end, Browser::Safari, reason.check, reason.exchange);
            if reason.check == Check::OriginNotAllowed {
                piece.origin = value;
            } else {
                piece.value = value;
            }
            piece.status = status;
            pieces.push(piece);
        }
    }
    pieces.sort_by_key(|piece| piece.start);
    let wrappers = wrappers(text);
    let mut merged: Vec<Piece> = Vec::new();
    for piece in pieces {
        // "Failed to load resource: <reason>" repeats the reason just given.
        if let Some(last) = merged.last_mut() {
            let repeated = last.check == piece.check
                && last.value == piece.value
                && last.origin == piece.origin
                && last.status == piece.status
                && text[last.end..piece.start]
                    .split(' ')
                    .all(|word| !is_message_start(word));
            if repeated {
                last.end = last.end.max(piece.end);
                continue;
            }
        }
        merged.push(piece);
    }
    // Each wrapper names the URL of the reason before it (else the one after it).
    for (at, url) in &wrappers {
        let next = merged.partition_point(|p| p.start < *at);
        let index = before(&merged, *at, 0)
            .find(|&index| merged[index].url.is_none())
            .or_else(|| (next < merged.len() && merged[next].url.is_none()).then_some(next));
        match index {
            Some(index) => merged[index].url = Some(url.clone()),
            None => found.note(|| format!(
                "Safari's \"cannot load {url} due to access control checks\" line, without the line that gives the reason (Safari prints it just before: paste it too)"
            )),
        }
    }
    found.pieces.extend(merged);
}

/// Words that start another message than Safari's repeated reason.
fn is_message_start(word: &str) -> bool {
    matches!(word, "Access" | "Cross-Origin" | "TypeError:")
}

/// The URL of every wrapper line, with its place.
fn wrappers(text: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    for (end, _) in text.match_indices(WRAPPER_END) {
        let line = window_before(text, end);
        let offset = end - line.len();
        let url_start = line.rfind(' ').map_or(0, |i| i + 1);
        if line[..url_start].trim_end().ends_with("annot load") {
            found.push((offset + url_start, url_at(&line[url_start..]).to_owned()));
        }
    }
    found
}
