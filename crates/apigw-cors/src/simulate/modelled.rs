//! The simulator's side of the browser procedure: API Gateway's answers from the model of a
//! deployment (`gateway.rs`), and the fix for each failure knowing the configuration.

use super::browser::Failure;
use super::gateway::{self, Cause};
use super::verdict::{Answerer, Leg, Reply, Sent};
use super::{Deployment, Tool};
use crate::model::{AllowedMethods, ApiType, ValidCorsConfig};
use std::convert::Infallible;

/// Answers every request from the model of `deployment` for `config`.
pub(crate) struct Modelled<'a> {
    pub config: &'a ValidCorsConfig,
    pub deployment: &'a Deployment,
}

impl Answerer for Modelled<'_> {
    type Error = Infallible;

    fn answer(&mut self, sent: &Sent<'_>) -> Result<Reply, Infallible> {
        let answer = match (sent.leg, sent.origin) {
            (Leg::Preflight, origin) => gateway::preflight(
                self.config,
                self.deployment,
                origin.unwrap_or_default(),
                sent.method,
                sent.unsafe_names,
            ),
            (Leg::Actual, origin) => gateway::actual(
                self.config,
                self.deployment,
                sent.method,
                origin,
                sent.headers,
            ),
        };
        Ok(Reply {
            response: answer.response,
            detail: answer.detail,
            inferred: answer.inferred,
            at_fault: answer.cause.is_some(),
            cause: answer.cause,
        })
    }

    fn fix(
        &self,
        failure: &Failure,
        cause: Option<&Cause>,
        origin: &str,
        include: bool,
    ) -> Option<String> {
        let context = Context {
            config: self.config,
            deployment: self.deployment,
            origin,
            include,
        };
        Some(fix(failure, cause, &context))
    }
}

/// What the fix text needs to know.
struct Context<'a> {
    config: &'a ValidCorsConfig,
    deployment: &'a Deployment,
    origin: &'a str,
    include: bool,
}

fn fix(failure: &Failure, cause: Option<&Cause>, c: &Context) -> String {
    let origin = c.origin;
    let rest = c.config.api_type == ApiType::Rest;
    let gateway_responses = if rest {
        "and add GatewayResponses with CORS headers (the gateway-responses output) so the page can see API Gateway's own errors"
    } else {
        "(HTTP APIs cannot add CORS headers to their own errors)"
    };
    if let Some(cause) = cause {
        return match cause {
            Cause::AuthorizerOnPreflight { http_default: true } => "Add an OPTIONS /{proxy+} route without an authorizer (with an integration attached), or replace $default/ANY with explicit method routes, so the preflight reaches API Gateway's CORS answer.".into(),
            Cause::AuthorizerOnPreflight { http_default: false } if c.deployment.tool == Tool::Sam => "Add AddDefaultAuthorizerToCorsPreflight: false under the API's Auth (the generated sam-template does).".into(),
            Cause::AuthorizerOnPreflight { .. } => "Give the resource an OPTIONS method without authorization (SAM Cors, CDK defaultCorsPreflightOptions or the generated template), so the ANY method no longer catches the preflight.".into(),
            Cause::ApiKeyOnPreflight => "Add AddApiKeyRequiredToCorsPreflight: false under the API's Auth (the generated sam-template does).".into(),
            Cause::NoOptionsMethod => "Add an OPTIONS method to this resource (SAM Cors on the API, CDK defaultCorsPreflightOptions, the generated template, or the console's Enable CORS on this very resource, which is not recursive) and redeploy the stage.".into(),
            Cause::NoCorsConfig => "Configure CORS on the HTTP API (CorsConfiguration in SAM, corsPreflight in CDK): the generated sam-template does.".into(),
            Cause::OriginNotConfigured => format!("Add {origin} to allowOrigins, written exactly as the browser sends it (scheme://host[:port], no trailing slash)."),
            Cause::MethodNotConfigured(m) => method_fix(m, c),
            Cause::HeaderNotConfigured(n) => header_fix(n, c),
            Cause::MissingToken(t) => format!("Send the {t} header with the request, {gateway_responses}."),
            Cause::MissingApiKey => format!("Send the x-api-key header with the request, {gateway_responses}."),
        };
    }
    match failure {
        Failure::NoAllowOrigin | Failure::OriginMismatch(_) if !c.config.origins.allows(origin) => format!(
            "Add {origin} to allowOrigins, written exactly as the browser sends it (scheme://host[:port], no trailing slash)."
        ),
        Failure::MultipleOrigins(_) | Failure::OriginMismatch(_) | Failure::NoAllowOrigin => "A static Access-Control-Allow-Origin holds one origin: to serve several origins on a REST API, deploy the generated template (its function answers OPTIONS and echoes the allowed origin).".into(),
        Failure::WildcardWithCredentials => "List the exact origins instead of '*' (a credentialed request needs its own origin echoed), or call fetch() without credentials: 'include'.".into(),
        Failure::CredentialsNotTrue(_) => "Set allowCredentials: true (with exact origins), or call fetch() without credentials: 'include'.".into(),
        Failure::NotOkStatus(_) => "Make OPTIONS answer 200 or 204 without authorization.".into(),
        Failure::PreflightRedirect => "Make OPTIONS answer 200 or 204 at the URL the page calls, without a redirect (call the final URL directly).".into(),
        Failure::Unparsable(name) => format!("Write {name} as a comma-separated list of names."),
        Failure::MethodNotAllowed(m) => method_fix(m, c),
        Failure::HeaderNotAllowed(n) => header_fix(n, c),
    }
}

fn method_fix(method: &str, c: &Context) -> String {
    let upper = method.to_ascii_uppercase();
    if method != upper {
        return format!(
            "Write the method in upper case in fetch(): method: '{upper}' (fetch() does not upper-case '{method}', and methods compare case-sensitively)."
        );
    }
    if c.include && c.config.methods == AllowedMethods::Any {
        return format!(
            "With credentials: 'include', '*' in Access-Control-Allow-Methods is a literal name: list {method} in allowMethods."
        );
    }
    format!("Add {method} to allowMethods.")
}

fn header_fix(name: &str, c: &Context) -> String {
    let star = c.config.allow_headers.iter().any(|h| h == "*");
    if star && c.include {
        return format!(
            "With credentials: 'include', '*' in Access-Control-Allow-Headers is a literal name: list {name} in allowHeaders."
        );
    }
    if c.config
        .allow_headers
        .iter()
        .any(|h| h.eq_ignore_ascii_case(name))
    {
        // Configured, but this deployment's preflight does not send it (e.g. a hand-written mock).
        return format!(
            "{name} is in allowHeaders but this deployment's preflight answer does not list it: regenerate the OPTIONS method from this configuration."
        );
    }
    format!("Add {name} to allowHeaders.")
}
