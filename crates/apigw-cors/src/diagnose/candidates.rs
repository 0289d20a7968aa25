//! Which causes fit a failed check, most likely first. The message alone often cannot tell
//! them apart (a 403 on OPTIONS is an authorizer, an API key or a missing method alike), so
//! every cause that fits is listed; the status, when known, orders them.

use super::cause::Cause;
use super::finding::{Check, Exchange};

/// The causes of `check` failing on `exchange`, most likely first. `value` is what the message
/// names (a method, a header, an `Access-Control-Allow-Origin` value) and `origin` the page's.
pub(crate) fn candidates(
    check: Check,
    exchange: Exchange,
    status: Option<u16>,
    value: Option<&str>,
    origin: Option<&str>,
) -> Vec<Cause> {
    let causes = by_check(check, exchange, status, value, origin);
    // Chrome checks the headers before the status: a preflight that API Gateway refused
    // (401, 403, 404, 5xx) fails on its status too once the headers are right, so its status's
    // causes come first; an actual error response also points at API Gateway's own errors.
    // When the message does not say which response it was, both follow the check's causes.
    let error = matches!(status, Some(300..=599)) && check != Check::PreflightNotOk;
    let refused_preflight = || {
        by_check(
            Check::PreflightNotOk,
            Exchange::Preflight,
            status,
            None,
            None,
        )
    };
    match exchange {
        Exchange::Preflight if error => {
            dedup(refused_preflight().into_iter().chain(causes).collect())
        }
        Exchange::Actual if error => dedup(
            causes
                .into_iter()
                .chain([Cause::GatewayErrorWithoutCors])
                .collect(),
        ),
        Exchange::PreflightOrActual if error => dedup(
            causes
                .into_iter()
                .chain(interleave(
                    refused_preflight(),
                    vec![Cause::GatewayErrorWithoutCors],
                ))
                .collect(),
        ),
        _ => causes,
    }
}

/// The causes that fit the check alone (with the status where it decides among them).
fn by_check(
    check: Check,
    exchange: Exchange,
    status: Option<u16>,
    value: Option<&str>,
    origin: Option<&str>,
) -> Vec<Cause> {
    use Cause::*;
    match check {
        Check::NoAllowOrigin => missing_allow_origin(exchange, status),
        Check::OriginNotAllowed => {
            let mut causes = missing_allow_origin(exchange, status);
            if !matches!(status, Some(400..=599)) {
                causes.insert(0, OriginNotAllowed);
                causes.push(SingleStaticOrigin);
            }
            dedup(causes)
        }
        Check::MultipleAllowOrigin => match value {
            Some(value) if !all_the_same(value) => {
                vec![OriginListInOneHeader, DuplicateAllowOrigin]
            }
            _ => vec![DuplicateAllowOrigin, OriginListInOneHeader],
        },
        Check::InvalidAllowOrigin => vec![OriginNotAllowed, OriginListInOneHeader],
        Check::OriginMismatch => {
            let written_differently = match (value, origin) {
                (Some(value), Some(origin)) => {
                    value.trim_end_matches('/').eq_ignore_ascii_case(origin)
                }
                _ => false,
            };
            if written_differently || exchange == Exchange::Actual {
                vec![OriginNotAllowed, SingleStaticOrigin, StaleDeployment]
            } else {
                vec![SingleStaticOrigin, OriginNotAllowed, StaleDeployment]
            }
        }
        Check::WildcardWithCredentials => vec![WildcardWithCredentials],
        Check::CredentialsNotTrue => vec![CredentialsNotAllowed],
        Check::PreflightNotOk => match status {
            Some(401) => vec![AuthorizerOnPreflight],
            Some(403) => vec![AuthorizerOnPreflight, ApiKeyOnPreflight, NoPreflightRoute],
            Some(404) => vec![NoPreflightRoute, StaleDeployment],
            Some(300..=399) => vec![PreflightRedirect],
            Some(500..=599) => vec![PreflightNotOk],
            Some(_) => vec![PreflightNotOk, NoPreflightRoute],
            None => vec![
                AuthorizerOnPreflight,
                ApiKeyOnPreflight,
                NoPreflightRoute,
                PreflightNotOk,
            ],
        },
        Check::Redirect => vec![PreflightRedirect],
        Check::MethodNotAllowed => match value {
            Some(method) if method.bytes().any(|b| b.is_ascii_lowercase()) => {
                vec![MethodNotUpperCase, MethodNotAllowed]
            }
            _ => vec![MethodNotAllowed, StaleDeployment],
        },
        Check::HeaderNotAllowed => vec![HeaderNotAllowed, StaleDeployment],
        Check::AllowListUnparsable => vec![InvalidAllowList],
        Check::RequestRefused | Check::NotHttp => vec![InvalidRequest],
        Check::NoResponse => vec![NetworkFailure],
        Check::CorsDisabled | Check::OriginNotAdded => vec![BrowserSetting],
    }
}

/// No usable `Access-Control-Allow-Origin`: on the preflight an authorizer, an API key or a
/// missing OPTIONS method (API Gateway's errors carry no CORS headers); on the actual
/// response a gateway error or a function that does not add the header.
fn missing_allow_origin(exchange: Exchange, status: Option<u16>) -> Vec<Cause> {
    use Cause::*;
    let preflight = match status {
        Some(401) => vec![AuthorizerOnPreflight],
        Some(403) => vec![AuthorizerOnPreflight, ApiKeyOnPreflight, NoPreflightRoute],
        Some(404) => vec![NoPreflightRoute, StaleDeployment],
        Some(500..=599) => vec![PreflightNotOk],
        Some(200..=299) => vec![OriginNotAllowed, StaleDeployment],
        Some(_) => vec![NoPreflightRoute],
        None => vec![
            AuthorizerOnPreflight,
            ApiKeyOnPreflight,
            NoPreflightRoute,
            OriginNotAllowed,
            StaleDeployment,
        ],
    };
    let actual = match status {
        Some(400..=599) => vec![GatewayErrorWithoutCors, FunctionWithoutCors],
        Some(_) => vec![FunctionWithoutCors, OriginNotAllowed],
        None => vec![
            FunctionWithoutCors,
            GatewayErrorWithoutCors,
            OriginNotAllowed,
        ],
    };
    match exchange {
        Exchange::Preflight => preflight,
        Exchange::Actual => actual,
        // An error status is most often the preflight's (an authorizer or a missing method);
        // a success status most often the function's answer.
        _ if matches!(status, Some(400..=599)) => dedup(interleave(preflight, actual)),
        _ => dedup(interleave(actual, preflight)),
    }
}

/// `first[0], second[0], first[1], …`: both lists' most likely causes come first.
fn interleave(first: Vec<Cause>, second: Vec<Cause>) -> Vec<Cause> {
    let mut out = Vec::new();
    let (mut a, mut b) = (first.into_iter(), second.into_iter());
    loop {
        match (a.next(), b.next()) {
            (None, None) => return out,
            (x, y) => out.extend(x.into_iter().chain(y)),
        }
    }
}

fn dedup(causes: Vec<Cause>) -> Vec<Cause> {
    let mut out: Vec<Cause> = Vec::new();
    for cause in causes {
        if !out.contains(&cause) {
            out.push(cause);
        }
    }
    out
}

/// Whether every comma-separated entry of `value` is the same (a duplicated header).
fn all_the_same(value: &str) -> bool {
    let mut entries = value.split(',').map(str::trim);
    let first = entries.next().unwrap_or_default();
    entries.all(|entry| entry == first)
}

#[cfg(test)]
mod tests {
    use super::*;
    use Cause::*;

    #[test]
    fn a_preflight_without_allow_origin_is_ordered_by_its_status() {
        let c = |status| {
            candidates(
                Check::NoAllowOrigin,
                Exchange::Preflight,
                status,
                None,
                None,
            )
        };
        assert_eq!(c(Some(401)), [AuthorizerOnPreflight]);
        assert_eq!(
            c(Some(403)),
            [AuthorizerOnPreflight, ApiKeyOnPreflight, NoPreflightRoute]
        );
        assert_eq!(c(Some(404)), [NoPreflightRoute, StaleDeployment]);
        assert_eq!(c(Some(204)), [OriginNotAllowed, StaleDeployment]);
    }

    #[test]
    fn firefox_cannot_say_which_response_so_both_lists_interleave() {
        assert_eq!(
            candidates(
                Check::NoAllowOrigin,
                Exchange::PreflightOrActual,
                Some(403),
                None,
                None
            ),
            [
                AuthorizerOnPreflight,
                GatewayErrorWithoutCors,
                ApiKeyOnPreflight,
                FunctionWithoutCors,
                NoPreflightRoute
            ]
        );
        assert_eq!(
            candidates(
                Check::NoAllowOrigin,
                Exchange::PreflightOrActual,
                Some(200),
                None,
                None
            ),
            [FunctionWithoutCors, OriginNotAllowed, StaleDeployment]
        );
    }

    #[test]
    fn values_decide_between_close_causes() {
        let multiple = |v| {
            candidates(
                Check::MultipleAllowOrigin,
                Exchange::Actual,
                None,
                Some(v),
                None,
            )
        };
        assert_eq!(
            multiple("https://a.example, https://a.example"),
            [DuplicateAllowOrigin, OriginListInOneHeader]
        );
        assert_eq!(
            multiple("https://a.example,https://b.example"),
            [OriginListInOneHeader, DuplicateAllowOrigin]
        );
        let method = |v| {
            candidates(
                Check::MethodNotAllowed,
                Exchange::Preflight,
                None,
                Some(v),
                None,
            )
        };
        assert_eq!(method("patch"), [MethodNotUpperCase, MethodNotAllowed]);
        assert_eq!(method("PATCH"), [MethodNotAllowed, StaleDeployment]);
        assert_eq!(
            candidates(
                Check::OriginMismatch,
                Exchange::Preflight,
                None,
                Some("https://a.example/"),
                Some("https://a.example")
            ),
            [OriginNotAllowed, SingleStaticOrigin, StaleDeployment]
        );
        assert_eq!(
            candidates(
                Check::OriginMismatch,
                Exchange::Preflight,
                None,
                Some("https://b.example"),
                Some("https://a.example")
            ),
            [SingleStaticOrigin, OriginNotAllowed, StaleDeployment]
        );
    }
}
