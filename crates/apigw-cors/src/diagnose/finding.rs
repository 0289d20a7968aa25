//! One console message, read: which browser printed it, which check failed on which exchange,
//! what it names (URL, origin, value, status) and the causes that fit, most likely first.

use super::cause::Cause;
use serde::Serialize;

/// The browser whose console format a message has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Browser {
    /// Chrome, Edge and other Chromium browsers.
    Chrome,
    /// Firefox.
    Firefox,
    /// Safari (WebKit).
    Safari,
}

impl Browser {
    /// The name shown.
    pub fn name(self) -> &'static str {
        match self {
            Browser::Chrome => "Chrome",
            Browser::Firefox => "Firefox",
            Browser::Safari => "Safari",
        }
    }
}

/// The check the browser made that failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Check {
    /// No `Access-Control-Allow-Origin`.
    NoAllowOrigin,
    /// `Access-Control-Allow-Origin` missing or naming another origin (Safari does not say which).
    OriginNotAllowed,
    /// `Access-Control-Allow-Origin` holds several values.
    MultipleAllowOrigin,
    /// `Access-Control-Allow-Origin` is not an origin.
    InvalidAllowOrigin,
    /// `Access-Control-Allow-Origin` names another origin.
    OriginMismatch,
    /// `*` with credentials.
    WildcardWithCredentials,
    /// `Access-Control-Allow-Credentials` is not `true`.
    CredentialsNotTrue,
    /// The preflight's status is not 200–299.
    PreflightNotOk,
    /// A redirect the CORS rules refuse.
    Redirect,
    /// The method is not allowed by the preflight.
    MethodNotAllowed,
    /// A header is not allowed by the preflight.
    HeaderNotAllowed,
    /// `Access-Control-Allow-Methods` or `-Headers` cannot be parsed.
    AllowListUnparsable,
    /// `fetch()` refused the request.
    RequestRefused,
    /// No HTTP response.
    NoResponse,
    /// CORS disabled in the browser.
    CorsDisabled,
    /// The browser could not add `Origin`.
    OriginNotAdded,
    /// Not an http(s) URL.
    NotHttp,
}

impl Check {
    /// What failed, in plain words.
    pub fn text(self) -> &'static str {
        match self {
            Check::NoAllowOrigin => "the response has no Access-Control-Allow-Origin header",
            Check::OriginNotAllowed => "Access-Control-Allow-Origin is missing or names another origin than the page's",
            Check::MultipleAllowOrigin => "Access-Control-Allow-Origin holds more than one value; it must be exactly one origin or '*'",
            Check::InvalidAllowOrigin => "Access-Control-Allow-Origin is not a valid origin",
            Check::OriginMismatch => "Access-Control-Allow-Origin names another origin than the page's (the comparison is exact)",
            Check::WildcardWithCredentials => "Access-Control-Allow-Origin is '*', which never matches a request with credentials",
            Check::CredentialsNotTrue => "the request carries credentials, but Access-Control-Allow-Credentials is not exactly 'true'",
            Check::PreflightNotOk => "the preflight's status is not 200-299",
            Check::Redirect => "the preflight, or a CORS request to another origin, was redirected",
            Check::MethodNotAllowed => "the method is not allowed by the preflight's Access-Control-Allow-Methods",
            Check::HeaderNotAllowed => "a request header is not allowed by the preflight's Access-Control-Allow-Headers",
            Check::AllowListUnparsable => "Access-Control-Allow-Methods or Access-Control-Allow-Headers is not a list of names",
            Check::RequestRefused => "fetch() refused the request before sending it",
            Check::NoResponse => "the request got no HTTP response (a network failure, not a CORS check)",
            Check::CorsDisabled => "CORS is disabled in the browser",
            Check::OriginNotAdded => "the browser could not add the Origin header",
            Check::NotHttp => "the request's URL is not http or https",
        }
    }
}

/// Which exchange the failure is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Exchange {
    /// `fetch()` threw before sending anything.
    Request,
    /// The preflight (OPTIONS).
    Preflight,
    /// The actual request's response.
    Actual,
    /// The preflight or the actual response: the message does not say which.
    PreflightOrActual,
    /// No response came back.
    NoResponse,
}

impl Exchange {
    /// The simulator's steps ([`Step::name`](crate::Step)) this exchange covers: API Gateway's
    /// answer, then the browser's check of it.
    pub fn steps(self) -> &'static [&'static str] {
        match self {
            Exchange::Request => &["request"],
            Exchange::Preflight => &["preflight-response", "preflight-check"],
            Exchange::Actual => &["actual-response", "cors-check"],
            Exchange::PreflightOrActual => &[
                "preflight-response",
                "preflight-check",
                "actual-response",
                "cors-check",
            ],
            Exchange::NoResponse => &[],
        }
    }

    /// The step whose check failed, when the message tells: `request`, `preflight-check` or
    /// `cors-check`.
    pub fn failing_step(self) -> Option<&'static str> {
        match self {
            Exchange::Request => Some("request"),
            Exchange::Preflight => Some("preflight-check"),
            Exchange::Actual => Some("cors-check"),
            Exchange::PreflightOrActual | Exchange::NoResponse => None,
        }
    }

    /// Where it failed, in plain words.
    pub fn text(self) -> &'static str {
        match self {
            Exchange::Request => "fetch() refused the request",
            Exchange::Preflight => "the preflight (OPTIONS) failed",
            Exchange::Actual => "the response to the request failed the CORS check",
            Exchange::PreflightOrActual => {
                "the preflight or the actual response failed (the message does not say which)"
            }
            Exchange::NoResponse => "the request got no response",
        }
    }
}

/// One recognised console message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Finding {
    /// The browser whose format it has.
    pub browser: Browser,
    /// The check that failed.
    pub check: Check,
    /// The exchange it failed on.
    pub exchange: Exchange,
    /// The request's URL.
    pub url: Option<String>,
    /// The page's origin.
    pub origin: Option<String>,
    /// The URL the request was first sent to, before a redirect.
    pub redirected_from: Option<String>,
    /// The method, header or header value the message names.
    pub value: Option<String>,
    /// The response status, when the message (or Chrome's `net::ERR_FAILED` line) gives it.
    pub status: Option<u16>,
    /// The causes that fit, most likely first.
    pub causes: Vec<Cause>,
    /// The message as read (quotes straightened, white space joined).
    pub message: String,
}

impl Finding {
    /// One line: the browser, where it failed and the check, for example "Chrome: the
    /// preflight (OPTIONS) failed: the preflight's status is not 200-299."
    pub fn headline(&self) -> String {
        format!(
            "{}: {}: {}.",
            self.browser.name(),
            self.exchange.text(),
            self.check.text()
        )
    }

    /// What the message names, as (label, value): URL, the URL before a redirect, the page's
    /// origin, the value, the status and the failing step.
    pub fn facts(&self) -> Vec<(&'static str, String)> {
        let mut facts = Vec::new();
        if let Some(url) = &self.url {
            facts.push(("URL", url.clone()));
        }
        if let Some(from) = &self.redirected_from {
            facts.push(("Redirected from", from.clone()));
        }
        if let Some(origin) = &self.origin {
            facts.push(("Page origin", origin.clone()));
        }
        if let Some(value) = &self.value {
            facts.push(("Named", value.clone()));
        }
        if let Some(status) = self.status {
            facts.push(("Status", status.to_string()));
        }
        let steps = self.exchange.steps();
        if !steps.is_empty() {
            let step = match self.exchange.failing_step() {
                Some(step) => step.to_owned(),
                None => format!("one of {}", steps.join(", ")),
            };
            facts.push(("Failing step", step));
        }
        facts
    }
}
