//! The causes of a browser's CORS failure on API Gateway: for each, a title, what in an API
//! Gateway setup produces it, the fix in each deploy tool and the form field concerned. The
//! probe and `explain` both name their findings with these; the sentences live only here.

use super::terms::terms;
use crate::check::{CHROMIUM_MAX_AGE_CAP, FIREFOX_MAX_AGE_CAP};
use crate::field::Field;
use crate::tool::DeployTool;
use serde::Serialize;
use std::fmt;

/// Defines [`Cause`] with its stable id, title and field, in one table.
macro_rules! causes {
    ($($(#[doc = $doc:literal])* $variant:ident = $id:literal, $title:literal, $field:expr;)*) => {
        /// Why a browser blocks a request to API Gateway, as seen from the browser or the probe.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Cause {
            $($(#[doc = $doc])* $variant,)*
        }

        impl Cause {
            /// Every cause, in the order of this table.
            pub const ALL: &'static [Cause] = &[$(Cause::$variant),*];

            /// The stable id (kebab-case) used in JSON and tests.
            pub fn id(self) -> &'static str {
                match self {
                    $(Cause::$variant => $id,)*
                }
            }

            /// A short title.
            pub fn title(self) -> &'static str {
                match self {
                    $(Cause::$variant => $title,)*
                }
            }

            /// The form field concerned, when one is.
            pub fn field(self) -> Option<Field> {
                match self {
                    $(Cause::$variant => $field,)*
                }
            }
        }
    };
}

causes! {
    /// An authorizer runs on the preflight (401/403 on OPTIONS).
    AuthorizerOnPreflight = "authorizer-on-preflight", "An authorizer runs on the preflight", Some(Field::AuthorizerHeader);
    /// The API key is required on the preflight (403 on OPTIONS).
    ApiKeyOnPreflight = "api-key-on-preflight", "The preflight needs an API key", Some(Field::ApiKeyRequired);
    /// No OPTIONS method or route answers the preflight, or the URL names a wrong stage or path.
    NoPreflightRoute = "no-preflight-route", "Nothing answers OPTIONS at this URL", None;
    /// OPTIONS reaches an integration (a function) that fails or answers an error.
    PreflightNotOk = "preflight-not-ok", "The preflight's integration answers an error", None;
    /// API Gateway's own error response (401, 403, 429, 5xx) carries no CORS headers.
    GatewayErrorWithoutCors = "gateway-error-without-cors", "API Gateway's error response has no CORS headers", None;
    /// A REST proxy integration's function returns no `Access-Control-Allow-Origin`.
    FunctionWithoutCors = "function-without-cors", "The function's response has no Access-Control-Allow-Origin", Some(Field::AllowOrigins);
    /// API Gateway and the function (or `headers` and `multiValueHeaders`) both add the header.
    DuplicateAllowOrigin = "duplicate-allow-origin", "Access-Control-Allow-Origin is sent twice", None;
    /// Several origins written into the one header value.
    OriginListInOneHeader = "origin-list-in-one-header", "Several origins in one Access-Control-Allow-Origin value", Some(Field::AllowOrigins);
    /// `*` with `credentials: 'include'`.
    WildcardWithCredentials = "wildcard-with-credentials", "'*' cannot serve a request with credentials", Some(Field::AllowOrigins);
    /// The page's origin is not in the configuration, or is written differently.
    OriginNotAllowed = "origin-not-allowed", "The page's origin is not allowed", Some(Field::AllowOrigins);
    /// A REST MOCK answers one fixed origin, so only the first listed origin works.
    SingleStaticOrigin = "single-static-origin", "The REST API answers only one fixed origin", Some(Field::AllowOrigins);
    /// The method is not in `Access-Control-Allow-Methods`.
    MethodNotAllowed = "method-not-allowed", "The method is not allowed", Some(Field::AllowMethods);
    /// `fetch()` sends a lower-case `patch` as written; methods compare case-sensitively.
    MethodNotUpperCase = "method-not-upper-case", "The method is written in lower case", None;
    /// A request header is not in `Access-Control-Allow-Headers`.
    HeaderNotAllowed = "header-not-allowed", "A request header is not allowed", Some(Field::AllowHeaders);
    /// `credentials: 'include'` without `Access-Control-Allow-Credentials: true`.
    CredentialsNotAllowed = "credentials-not-allowed", "Credentials are not allowed", Some(Field::AllowCredentials);
    /// `Access-Control-Allow-Methods` or `-Headers` is not a list of names.
    InvalidAllowList = "invalid-allow-list", "Access-Control-Allow-Methods or -Headers cannot be read", None;
    /// The preflight (or a CORS request) was redirected.
    PreflightRedirect = "preflight-redirect", "The request was redirected", None;
    /// `Access-Control-Max-Age` is above what a browser keeps.
    MaxAgeAboveBrowserCap = "max-age-above-browser-cap", "The preflight's cache time is above the browsers' limit", Some(Field::MaxAge);
    /// The stage serves an older deployment than the configuration.
    StaleDeployment = "stale-deployment", "The stage serves an old deployment", None;
    /// No response at all: DNS, connection, TLS, or an extension blocked the request.
    NetworkFailure = "network-failure", "The request got no response", None;
    /// `fetch()` refused the request before sending it.
    InvalidRequest = "invalid-request", "The page's request is invalid", None;
    /// The browser itself (a setting or an extension) stopped CORS.
    BrowserSetting = "browser-setting", "A browser setting stopped the request", None;
}

/// What the function's response must carry on a REST proxy integration (every tool alike).
const FUNCTION_HEADERS: &str = "Return Access-Control-Allow-Origin (the page's origin when it is allowed, with Vary: Origin) from the function on every response, errors included: API Gateway passes a proxy integration's response through unchanged (the lambda-node and lambda-python outputs do this)";

impl Cause {
    /// What in an API Gateway setup produces this cause, in plain words.
    pub fn in_api_gateway(self) -> &'static str {
        match self {
            Cause::AuthorizerOnPreflight => "A browser never sends credentials on the preflight, so an authorizer on OPTIONS always refuses it (401 UnauthorizedException or 403 AccessDeniedException), with no CORS headers unless gateway responses add them. SAM puts the API's DefaultAuthorizer on OPTIONS unless AddDefaultAuthorizerToCorsPreflight is false; on an HTTP API an authorizer on $default or an ANY route also catches OPTIONS.",
            Cause::ApiKeyOnPreflight => "A browser cannot send x-api-key on the preflight, so an OPTIONS method that requires an API key answers 403 ForbiddenException. SAM requires the key on OPTIONS too unless AddApiKeyRequiredToCorsPreflight is false.",
            Cause::NoPreflightRoute => "A REST API answers 403 MissingAuthenticationTokenException when no method matches: the resource has no OPTIONS method (the console's Enable CORS is not recursive), the URL names another stage or path, the change was never deployed, or OPTIONS uses AWS_IAM. An HTTP API without a CORS configuration and without an OPTIONS route answers 404.",
            Cause::PreflightNotOk => "The preflight reaches an integration instead of a MOCK or API Gateway's own CORS answer (an ANY or OPTIONS method routed to the function), and the function or the integration fails (500, 502, 504) or answers something other than 200-299.",
            Cause::GatewayErrorWithoutCors => "Errors API Gateway makes itself (an authorizer's 401/403, a missing API key, throttling 429, a failed or timed-out integration 502/504) never reach the function, and a REST API adds CORS headers to them only through its gateway responses (DEFAULT_4XX, DEFAULT_5XX). The browser then reports a CORS error and hides the real status.",
            Cause::FunctionWithoutCors => "On a REST API with a Lambda or HTTP proxy integration, API Gateway adds CORS headers only to the OPTIONS mock; the actual response is the function's own, so the function must return Access-Control-Allow-Origin itself.",
            Cause::DuplicateAllowOrigin => "Two parts add the header: API Gateway and the function, a gateway response and the function, or the function's headers and multiValueHeaders. The browser combines the copies into one value, which never equals the page's origin.",
            Cause::OriginListInOneHeader => "The header takes one origin or '*'. A comma-separated list (SAM's Cors.AllowOrigin documentation suggests it) is sent as is and matches no page.",
            Cause::WildcardWithCredentials => "With credentials: 'include' the browser needs its own origin echoed and Access-Control-Allow-Credentials: true; '*' never matches. API Gateway's HTTP API refuses '*' with credentials, but a REST MOCK or a function can still send it.",
            Cause::OriginNotAllowed => "The page's origin is not in the allowed origins, or is written differently: a trailing slash, a path, another port, http instead of https, or www. The comparison is exact. An HTTP API then answers without CORS headers; a REST MOCK sends its fixed origin.",
            Cause::SingleStaticOrigin => "A REST API's OPTIONS MOCK answers with a static header, so it names one origin (SAM and the console use the first), and every other page sees that origin instead of its own.",
            Cause::MethodNotAllowed => "The preflight's Access-Control-Allow-Methods does not list the method. GET, HEAD and POST need not be listed; '*' covers every method only without credentials.",
            Cause::MethodNotUpperCase => "fetch() upper-cases only DELETE, GET, HEAD, OPTIONS, POST and PUT; 'patch' is sent as written and compared case-sensitively with PATCH in Access-Control-Allow-Methods.",
            Cause::HeaderNotAllowed => "The preflight's Access-Control-Allow-Headers does not list a header the page sends (Content-Type: application/json, Authorization and x-api-key all need listing). '*' covers other names only without credentials, and never Authorization in Firefox.",
            Cause::CredentialsNotAllowed => "With credentials: 'include' every response (the preflight and the actual one) must carry Access-Control-Allow-Credentials: true, exactly in lower case.",
            Cause::InvalidAllowList => "A hand-written mapping sends Access-Control-Allow-Methods or -Headers with characters a name cannot hold (quotes left inside the value, semicolons, spaces inside a name).",
            Cause::PreflightRedirect => "A preflight is never redirected, and a CORS request redirected to another origin is refused: the URL is missing a stage, ends with a slash the API redirects, or a custom domain or CloudFront answers 301/302.",
            Cause::MaxAgeAboveBrowserCap => "Access-Control-Max-Age above a browser's limit is cut to that limit (Chromium 7200 s, Firefox 86400 s); the page sends preflights more often than the configuration says.",
            Cause::StaleDeployment => "A REST API serves the deployment its stage points at; changes to methods, integrations and gateway responses take effect only after a new deployment. The live answers then differ from the configuration.",
            Cause::NetworkFailure => "The browser got no HTTP response: a DNS name that does not resolve, a refused or reset connection, a TLS error, a private API reached from outside its VPC, or an extension that blocked the request. No CORS header was ever checked.",
            Cause::InvalidRequest => "fetch() refused the request before sending it (a method or header it does not allow, or a URL with credentials), so API Gateway never saw it.",
            Cause::BrowserSetting => "The browser did not send the request as a CORS request (CORS disabled in its settings, or the Origin header could not be added), so API Gateway never saw a CORS request.",
        }
    }

    /// The fix in `tool`, one or two sentences naming the setting by its name in that tool.
    pub fn fix(self, tool: DeployTool) -> String {
        let t = terms(tool);
        match self {
            Cause::AuthorizerOnPreflight => format!("Keep the authorizer off OPTIONS: {}.", t.preflight_without_authorizer),
            Cause::ApiKeyOnPreflight => format!("Keep the API key off OPTIONS: {}.", t.preflight_without_api_key),
            Cause::NoPreflightRoute => format!("Check that the URL names the right stage and path, then give the path a preflight answer: {}; and on a REST API, {}.", t.add_preflight, t.redeploy),
            Cause::PreflightNotOk => format!("Answer OPTIONS without the function: {}; or make the function answer OPTIONS with 200 or 204 and the CORS headers.", t.add_preflight),
            Cause::GatewayErrorWithoutCors => format!("Make API Gateway's own errors readable, {}, then look at the real status; HTTP APIs cannot add CORS headers to their own errors, so fix the error itself (the token, the API key, the rate).", t.gateway_responses),
            Cause::FunctionWithoutCors => format!("{FUNCTION_HEADERS}; it allows the same origins as {}.", t.origins),
            Cause::DuplicateAllowOrigin => format!("Send Access-Control-Allow-Origin from one place only: on an HTTP API with CORS configured ({}), remove it from the function; on a REST API, set it in either the function's headers or its multiValueHeaders, not both.", t.origins),
            Cause::OriginListInOneHeader => format!("Send one origin per response: list the origins in {} and let the function echo the page's origin when it is in the list.", t.origins),
            Cause::WildcardWithCredentials => format!("Replace '*' with the exact origins in {}, or call fetch() without credentials: 'include'.", t.origins),
            Cause::OriginNotAllowed => format!("Add the page's origin, exactly as the browser sends it (scheme://host[:port], no trailing slash), to {}.", t.origins),
            Cause::SingleStaticOrigin => format!("A fixed header serves one origin: send the OPTIONS preflight to the function, which echoes the page's origin when it is allowed (the generated sam-template does), or serve one origin only in {}.", t.origins),
            Cause::MethodNotAllowed => format!("Add the method to {}.", t.methods),
            Cause::MethodNotUpperCase => "Write the method in upper case in the page's code: method: 'PATCH', not 'patch'.".to_owned(),
            Cause::HeaderNotAllowed => format!("Add the header to {}.", t.headers),
            Cause::CredentialsNotAllowed => format!("Allow credentials with {} (with exact origins), and return Access-Control-Allow-Credentials: true from the function too; or call fetch() without credentials: 'include'.", t.credentials),
            Cause::InvalidAllowList => format!("Write the header as comma-separated names without quotes inside the value: {} and {}.", t.methods, t.headers),
            Cause::PreflightRedirect => "Call the API's final URL (with the stage, without a trailing slash the API redirects, on the domain that answers directly) so that no redirect happens.".to_owned(),
            Cause::MaxAgeAboveBrowserCap => format!("Set {} to at most {CHROMIUM_MAX_AGE_CAP} seconds (Chromium's limit; Firefox keeps at most {FIREFOX_MAX_AGE_CAP}).", t.max_age),
            Cause::StaleDeployment => format!("Redeploy the stage: {}.", t.redeploy),
            Cause::NetworkFailure => "Check the URL, DNS and the certificate first (curl -v on the same URL), and disable extensions that block requests; this is not a CORS setting.".to_owned(),
            Cause::InvalidRequest => "Fix the fetch() call: a valid upper-case method, header names that are tokens, values without line breaks, and no user:password@ in the URL.".to_owned(),
            Cause::BrowserSetting => "Re-enable CORS in the browser (Firefox: content.cors.disable in about:config) or try without extensions; this is not an API Gateway setting.".to_owned(),
        }
    }
}

impl fmt::Display for Cause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

impl Serialize for Cause {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.id())
    }
}

/// An unknown cause id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownCause(pub String);

impl fmt::Display for UnknownCause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown cause {:?}", self.0)
    }
}

impl std::error::Error for UnknownCause {}

impl std::str::FromStr for Cause {
    type Err = UnknownCause;

    fn from_str(id: &str) -> Result<Self, Self::Err> {
        Cause::ALL
            .iter()
            .copied()
            .find(|cause| cause.id() == id)
            .ok_or_else(|| UnknownCause(id.to_owned()))
    }
}
