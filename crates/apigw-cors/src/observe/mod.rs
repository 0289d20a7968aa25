//! What a deployed API's answers show: API Gateway specific findings read from the exchanges
//! the probe recorded (reference `other-tools-cors.md` §6.1–§6.2, `api-gateway-cors.md` §5.3,
//! §5.6). A pure function of the exchanges: the network is the CLI's business. Each
//! [`Observation`] names its [`Cause`], where the title and the fix in each deploy tool live.

mod compare;

pub use compare::{compare, Comparison, Difference};

use crate::check::CHROMIUM_MAX_AGE_CAP;
use crate::diagnose::Cause;
use crate::simulate::{Failure, HttpResponse, LiveRun};
use serde::Serialize;

/// The header API Gateway puts on the errors it generates itself (gateway responses); a
/// function's answer passed through never has it.
pub const ERROR_TYPE_HEADER: &str = "x-amzn-ErrorType";
/// The request id every REST API response carries.
pub const REQUEST_ID_HEADER: &str = "x-amzn-RequestId";
/// The extended request id of a REST API (`$context.extendedRequestId`).
pub const EXTENDED_REQUEST_ID_HEADER: &str = "x-amz-apigw-id";
/// The request id every HTTP API response carries.
pub const HTTP_API_REQUEST_ID_HEADER: &str = "apigw-requestid";
/// API Gateway's error type for a path, method or stage it does not have.
pub const MISSING_TOKEN_ERROR: &str = "MissingAuthenticationTokenException";
/// API Gateway's error type for a missing or invalid API key (also WAF and private APIs).
pub const FORBIDDEN_ERROR: &str = "ForbiddenException";

/// One thing the answers show, with the values seen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "id", rename_all = "kebab-case")]
pub enum Observation {
    /// The preflight got 401 or 403 from an authorizer, an API key or IAM on OPTIONS (a
    /// preflight never carries credentials).
    PreflightRefused {
        /// The status.
        status: u16,
        /// `x-amzn-ErrorType`, when API Gateway generated the answer.
        error_type: Option<String>,
    },
    /// The preflight got 403 `MissingAuthenticationTokenException` (REST) or 404 (HTTP API):
    /// no OPTIONS method or route on that path, or a wrong stage or path.
    PreflightNoRoute {
        /// The status: 403 or 404.
        status: u16,
    },
    /// An error status without `Access-Control-Allow-Origin`: the page sees a CORS error
    /// instead of the error.
    ErrorWithoutCors {
        /// The status.
        status: u16,
        /// API Gateway generated it (a gateway response) rather than the function.
        from_gateway: bool,
        /// It answered the preflight.
        preflight: bool,
    },
    /// A successful answer without `Access-Control-Allow-Origin` for this origin.
    NoAllowOrigin {
        /// It answered the preflight.
        preflight: bool,
        /// It came from an HTTP API (`apigw-requestid`), whose CORS configuration leaves out
        /// origins it does not allow; otherwise the function answered without the header.
        http_api: bool,
    },
    /// Several `Access-Control-Allow-Origin` values (two headers, or a list in one): API
    /// Gateway and the function both add one, or a list was written where one origin goes.
    SeveralAllowOrigins {
        /// Every value seen, in order.
        values: Vec<String>,
    },
    /// `Access-Control-Allow-Origin: *` on a request with credentials.
    WildcardWithCredentials,
    /// `Access-Control-Allow-Origin` names another origin than the page's: a static value
    /// (a REST API answering only its first origin) instead of the request's origin echoed.
    OriginNotEchoed {
        /// The value sent.
        value: String,
        /// The origin the request carried.
        expected: String,
    },
    /// A request with credentials without `Access-Control-Allow-Credentials: true`.
    CredentialsNotAllowed {
        /// The value sent (empty when missing).
        value: String,
    },
    /// The preflight does not allow the method.
    MethodNotAllowed {
        /// The method.
        method: String,
    },
    /// The preflight does not allow a request header.
    HeaderNotAllowed {
        /// The header name, lower-cased.
        header: String,
    },
    /// `Access-Control-Allow-Methods` or `-Headers` is not a list of names.
    UnparsableList {
        /// The header.
        header: String,
    },
    /// The preflight status is not 200-299 although its CORS headers pass.
    PreflightNotOk {
        /// The status.
        status: u16,
    },
    /// The preflight answered with a redirect (a stage URL without the path, a custom domain
    /// mapping, http to https).
    PreflightRedirect {
        /// Where it pointed.
        location: String,
    },
    /// The browser stopped following redirects (too many, or a Location it cannot follow).
    RedirectNotFollowed,
    /// A redirect of the request without a matching `Access-Control-Allow-Origin`: a CORS
    /// request follows a redirect only when the redirect itself passes the CORS check.
    RedirectRefused {
        /// The status.
        status: u16,
        /// Where it pointed.
        location: String,
    },
    /// `Access-Control-Max-Age` above what Chromium keeps: the preflight is cached for less.
    MaxAgeOverCap {
        /// The value sent.
        max_age: u64,
        /// What Chromium keeps, in seconds.
        cap: u32,
    },
}

impl Observation {
    /// The finding's stable id (as in the JSON output), e.g. `preflight-refused`.
    pub fn id(&self) -> &'static str {
        match self {
            Observation::PreflightRefused { .. } => "preflight-refused",
            Observation::PreflightNoRoute { .. } => "preflight-no-route",
            Observation::ErrorWithoutCors { .. } => "error-without-cors",
            Observation::NoAllowOrigin { .. } => "no-allow-origin",
            Observation::SeveralAllowOrigins { .. } => "several-allow-origins",
            Observation::WildcardWithCredentials => "wildcard-with-credentials",
            Observation::OriginNotEchoed { .. } => "origin-not-echoed",
            Observation::CredentialsNotAllowed { .. } => "credentials-not-allowed",
            Observation::MethodNotAllowed { .. } => "method-not-allowed",
            Observation::HeaderNotAllowed { .. } => "header-not-allowed",
            Observation::UnparsableList { .. } => "unparsable-list",
            Observation::PreflightNotOk { .. } => "preflight-not-ok",
            Observation::PreflightRedirect { .. } => "preflight-redirect",
            Observation::RedirectNotFollowed => "redirect-not-followed",
            Observation::RedirectRefused { .. } => "redirect-refused",
            Observation::MaxAgeOverCap { .. } => "max-age-over-cap",
        }
    }

    /// What was seen, in one sentence with the values.
    pub fn evidence(&self) -> String {
        match self {
            Observation::PreflightRefused { status, error_type: Some(kind) } => format!(
                "API Gateway answered the preflight {status} ({ERROR_TYPE_HEADER}: {kind}): an authorizer, API key or IAM check runs on OPTIONS, and a preflight never carries credentials"
            ),
            Observation::PreflightRefused { status, error_type: None } => format!(
                "the preflight got {status} without {ERROR_TYPE_HEADER}, so the function (not API Gateway) refused it: it checks credentials on OPTIONS, which a preflight never carries"
            ),
            Observation::PreflightNoRoute { status } => format!(
                "the preflight got {}: there is no OPTIONS method or route on this path, the stage or path is wrong, or the API was not deployed",
                if *status == 404 { "404".to_owned() } else { format!("{status} {MISSING_TOKEN_ERROR}") }
            ),
            Observation::ErrorWithoutCors { status, from_gateway: true, preflight } => format!(
                "API Gateway's own {status} error ({ERROR_TYPE_HEADER} present){} carries no Access-Control-Allow-Origin, so the page sees a CORS error instead of the {status}",
                if *preflight { " to the preflight" } else { "" }
            ),
            Observation::ErrorWithoutCors { status, from_gateway: false, preflight } => format!(
                "the function's {status} error{} carries no Access-Control-Allow-Origin, so the page sees a CORS error instead of the {status}",
                if *preflight { " to the preflight" } else { "" }
            ),
            Observation::NoAllowOrigin { preflight, .. } => format!(
                "the {} has no Access-Control-Allow-Origin for this origin",
                if *preflight { "preflight answer" } else { "response" }
            ),
            Observation::SeveralAllowOrigins { values } => format!(
                "Access-Control-Allow-Origin arrived with several values ({}): API Gateway and the function both add it, or a list was written where one origin goes",
                values.join(" | ")
            ),
            Observation::WildcardWithCredentials => {
                "Access-Control-Allow-Origin is '*' on a request with credentials, which browsers refuse".into()
            }
            Observation::OriginNotEchoed { value, expected } => format!(
                "Access-Control-Allow-Origin is '{value}', not the request's origin '{expected}': the API answers one fixed origin instead of echoing each allowed one"
            ),
            Observation::CredentialsNotAllowed { value } if value.is_empty() => {
                "the request has credentials and Access-Control-Allow-Credentials is missing".into()
            }
            Observation::CredentialsNotAllowed { value } => format!(
                "the request has credentials and Access-Control-Allow-Credentials is '{value}', not 'true'"
            ),
            Observation::MethodNotAllowed { method } => {
                format!("the preflight answer does not allow the method {method}")
            }
            Observation::HeaderNotAllowed { header } => {
                format!("the preflight answer does not allow the request header {header}")
            }
            Observation::UnparsableList { header } => {
                format!("{header} is not a comma-separated list of names")
            }
            Observation::PreflightNotOk { status } => {
                format!("the preflight answered {status}, not 200-299")
            }
            Observation::PreflightRedirect { location } => format!(
                "the preflight answered with a redirect to {location}, which browsers never follow"
            ),
            Observation::RedirectNotFollowed => {
                "the browser stopped following the redirects".into()
            }
            Observation::RedirectRefused { status, location } => format!(
                "the request was redirected ({status} to {location}) by a response without a matching Access-Control-Allow-Origin, so the browser refuses to follow it"
            ),
            Observation::MaxAgeOverCap { max_age, cap } => format!(
                "Access-Control-Max-Age is {max_age} s; Chromium keeps a preflight at most {cap} s, so it asks again sooner"
            ),
        }
    }

    /// The cause it shows, whose title and fix per deploy tool live in [`Cause`].
    pub fn cause(&self) -> Cause {
        match self {
            Observation::PreflightRefused {
                status: 403,
                error_type: Some(kind),
            } if kind == FORBIDDEN_ERROR => Cause::ApiKeyOnPreflight,
            Observation::PreflightRefused {
                error_type: Some(_),
                ..
            } => Cause::AuthorizerOnPreflight,
            // The function itself refuses OPTIONS: the preflight reaches an integration.
            Observation::PreflightRefused {
                error_type: None, ..
            } => Cause::PreflightNotOk,
            Observation::PreflightNoRoute { .. } => Cause::NoPreflightRoute,
            Observation::ErrorWithoutCors {
                from_gateway: true, ..
            } => Cause::GatewayErrorWithoutCors,
            Observation::ErrorWithoutCors {
                preflight: true, ..
            } => Cause::PreflightNotOk,
            Observation::ErrorWithoutCors { .. } => Cause::FunctionWithoutCors,
            Observation::NoAllowOrigin {
                preflight: false,
                http_api: false,
            } => Cause::FunctionWithoutCors,
            Observation::NoAllowOrigin { .. } => Cause::OriginNotAllowed,
            Observation::SeveralAllowOrigins { values } if values.len() > 1 => {
                Cause::DuplicateAllowOrigin
            }
            Observation::SeveralAllowOrigins { .. } => Cause::OriginListInOneHeader,
            Observation::WildcardWithCredentials => Cause::WildcardWithCredentials,
            Observation::OriginNotEchoed { .. } => Cause::SingleStaticOrigin,
            Observation::CredentialsNotAllowed { .. } => Cause::CredentialsNotAllowed,
            Observation::MethodNotAllowed { method }
                if method.to_ascii_uppercase() != *method
                    && crate::model::Method::from_name(&method.to_ascii_uppercase()).is_some() =>
            {
                Cause::MethodNotUpperCase
            }
            Observation::MethodNotAllowed { .. } => Cause::MethodNotAllowed,
            Observation::HeaderNotAllowed { .. } => Cause::HeaderNotAllowed,
            Observation::UnparsableList { .. } => Cause::InvalidAllowList,
            Observation::PreflightNotOk { .. } => Cause::PreflightNotOk,
            Observation::PreflightRedirect { .. }
            | Observation::RedirectNotFollowed
            | Observation::RedirectRefused { .. } => Cause::PreflightRedirect,
            Observation::MaxAgeOverCap { .. } => Cause::MaxAgeAboveBrowserCap,
        }
    }

    /// The finding blocks the request (rather than only costing preflights).
    pub fn blocks(&self) -> bool {
        !matches!(self, Observation::MaxAgeOverCap { .. })
    }
}

/// Every value of a response header, repeated headers kept apart, in order.
pub(crate) fn values<'a>(response: &'a HttpResponse, name: &str) -> Vec<&'a str> {
    response
        .headers
        .iter()
        .filter(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
        .collect()
}

fn first<'a>(response: &'a HttpResponse, name: &str) -> Option<&'a str> {
    values(response, name).into_iter().next()
}

/// API Gateway generated this answer itself (a gateway response): it carries
/// `x-amzn-ErrorType`.
pub fn from_gateway(response: &HttpResponse) -> bool {
    first(response, ERROR_TYPE_HEADER).is_some()
}

/// The answer came through API Gateway (any of its request id headers).
pub fn through_gateway(response: &HttpResponse) -> bool {
    [
        ERROR_TYPE_HEADER,
        REQUEST_ID_HEADER,
        EXTENDED_REQUEST_ID_HEADER,
        HTTP_API_REQUEST_ID_HEADER,
    ]
    .iter()
    .any(|name| first(response, name).is_some())
}

/// Whether API Gateway's answer itself is the problem: its own 4xx/5xx error.
pub fn is_gateway_fault(response: &HttpResponse) -> bool {
    response.status >= 400 && from_gateway(response)
}

/// One line about an answer for the step's detail: the status, who answered, the CORS
/// headers it carries.
pub fn describe(response: &HttpResponse, preflight: bool) -> String {
    let what = if preflight {
        "the preflight"
    } else {
        "the request"
    };
    let who = match first(response, ERROR_TYPE_HEADER) {
        Some(kind) => format!(" (API Gateway's own error, {ERROR_TYPE_HEADER}: {kind})"),
        None if through_gateway(response) => " (through API Gateway)".to_owned(),
        None => String::new(),
    };
    let origins = values(response, "Access-Control-Allow-Origin");
    let cors = match origins.as_slice() {
        [] => "without Access-Control-Allow-Origin".to_owned(),
        [one] => format!("with Access-Control-Allow-Origin: {one}"),
        several => format!(
            "with {} Access-Control-Allow-Origin headers: {}",
            several.len(),
            several.join(" | ")
        ),
    };
    format!("{what} got {}{who}, {cors}", response.status)
}

/// The findings for a probe's run: first what explains the verdict (API Gateway's own cause
/// where its headers show one), then what else the answers show.
pub fn observations(run: &LiveRun) -> Vec<Observation> {
    let sim = &run.simulation;
    let mut findings = Vec::new();
    let last = |kind: &str| {
        run.exchanges
            .iter()
            .rev()
            .find(|exchange| exchange.kind == kind)
    };
    if !sim.allowed && sim.failing_step.is_some() {
        let failure = run.failure.as_ref().map(|(failure, preflight)| {
            let exchange = last(if *preflight { "preflight" } else { "actual" });
            (failure, *preflight, exchange)
        });
        findings.push(match failure {
            Some((failure, preflight, Some(exchange))) => {
                let origin = request_origin(&exchange.request.headers);
                blocking_finding(failure, &exchange.response, preflight, &origin)
            }
            // A network error that is not a CORS check: the redirects were not followed.
            _ => Observation::RedirectNotFollowed,
        });
    }
    let max_age = last("preflight")
        .and_then(|preflight| first(&preflight.response, "Access-Control-Max-Age"))
        .and_then(|value| value.trim().parse::<u64>().ok());
    if let Some(max_age) = max_age.filter(|_| sim.cache.is_some()) {
        if max_age > u64::from(CHROMIUM_MAX_AGE_CAP) {
            findings.push(Observation::MaxAgeOverCap {
                max_age,
                cap: CHROMIUM_MAX_AGE_CAP,
            });
        }
    }
    findings
}

/// What explains the browser's `failure` on `response`: API Gateway's own answer to the
/// preflight where its headers show one, else the failure itself with the values seen.
fn blocking_finding(
    failure: &Failure,
    response: &HttpResponse,
    preflight: bool,
    origin: &str,
) -> Observation {
    let status = response.status;
    let error_type = first(response, ERROR_TYPE_HEADER).map(str::to_owned);
    let origins = values(response, "Access-Control-Allow-Origin");
    if preflight && origins.is_empty() {
        if status == 403 && error_type.as_deref() == Some(MISSING_TOKEN_ERROR) {
            return Observation::PreflightNoRoute { status };
        }
        if matches!(status, 401 | 403) {
            return Observation::PreflightRefused { status, error_type };
        }
        if status == 404 {
            // An HTTP API without CORS and without an OPTIONS route (or a wrong path).
            return Observation::PreflightNoRoute { status };
        }
    }
    let location = first(response, "Location").filter(|_| (300..400).contains(&status));
    if let (false, Some(location)) = (preflight, location) {
        if failure != &Failure::PreflightRedirect {
            return Observation::RedirectRefused {
                status,
                location: location.to_owned(),
            };
        }
    }
    match failure {
        Failure::NoAllowOrigin if status >= 400 => Observation::ErrorWithoutCors {
            status,
            from_gateway: error_type.is_some(),
            preflight,
        },
        Failure::NoAllowOrigin => Observation::NoAllowOrigin {
            preflight,
            http_api: first(response, HTTP_API_REQUEST_ID_HEADER).is_some(),
        },
        Failure::MultipleOrigins(_) => Observation::SeveralAllowOrigins {
            values: origins.iter().map(|v| (*v).to_owned()).collect(),
        },
        Failure::WildcardWithCredentials => Observation::WildcardWithCredentials,
        Failure::OriginMismatch(value) => Observation::OriginNotEchoed {
            value: value.clone(),
            expected: origin.to_owned(),
        },
        Failure::CredentialsNotTrue(value) => Observation::CredentialsNotAllowed {
            value: value.clone(),
        },
        Failure::NotOkStatus(status) => Observation::PreflightNotOk { status: *status },
        Failure::Unparsable(header) => Observation::UnparsableList {
            header: (*header).to_owned(),
        },
        Failure::MethodNotAllowed(method) => Observation::MethodNotAllowed {
            method: method.clone(),
        },
        Failure::HeaderNotAllowed(header) => Observation::HeaderNotAllowed {
            header: header.clone(),
        },
        Failure::PreflightRedirect => Observation::PreflightRedirect {
            location: first(response, "Location").unwrap_or_default().to_owned(),
        },
    }
}

/// The `Origin` a request carried (`null` after a tainting redirect).
fn request_origin(headers: &[(String, String)]) -> String {
    headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("Origin"))
        .map(|(_, v)| v.clone())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests;
