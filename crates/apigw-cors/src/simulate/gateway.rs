//! What API Gateway answers, by API type and by the tool that set up CORS (reference §1.3–§1.4,
//! §2.2–§2.6, §3.1, §8 rule 3; observed tool output in sam-cdk-tool-behaviour.md §3).

use super::{AuthorizerPlacement, Deployment, HttpResponse, Tool};
use crate::emit::gateway_policy::{gateway_response_headers, GatewayHeaderValue};
use crate::emit::lambda_cors::{
    handler_answer, CONTENT_TYPE, ITEMS_BODY, ITEMS_STATUS, JSON_MEDIA_TYPE, PREFLIGHT_METHOD,
};
use crate::model::{AllowedMethods, AllowedOrigins, ApiType, ValidCorsConfig};

/// CDK's `Cors.DEFAULT_HEADERS`, sent when `allowHeaders` is not given.
const CDK_DEFAULT_HEADERS: &str =
    "Content-Type,X-Amz-Date,Authorization,X-Api-Key,X-Amz-Security-Token,X-Amz-User-Agent";
/// CDK's `Cors.ALL_METHODS`, sent for `allowMethods: ['*']` (`Cors.ALL_METHODS`).
const CDK_ALL_METHODS: &str = "OPTIONS,GET,PUT,POST,DELETE,PATCH,HEAD";
/// The console's "Enable CORS" default Allow-Headers.
const CONSOLE_DEFAULT_HEADERS: &str =
    "Content-Type,X-Amz-Date,Authorization,X-Api-Key,X-Amz-Security-Token";

/// Why API Gateway's answer does not carry what the browser needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Cause {
    /// An authorizer runs on the preflight (`http_default`: an HTTP API `$default`/`ANY` route).
    AuthorizerOnPreflight {
        /// HTTP API `$default` or `ANY` route (else a REST method).
        http_default: bool,
    },
    /// SAM's `AddApiKeyRequiredToCorsPreflight` default puts the API key on OPTIONS.
    ApiKeyOnPreflight,
    /// REST resource without an OPTIONS method.
    NoOptionsMethod,
    /// HTTP API without a CORS configuration.
    NoCorsConfig,
    /// The HTTP API CORS configuration does not list the origin.
    OriginNotConfigured,
    /// The HTTP API CORS configuration does not list the method.
    MethodNotConfigured(String),
    /// The HTTP API CORS configuration does not list the header.
    HeaderNotConfigured(String),
    /// The actual request lacks the authorizer's token header.
    MissingToken(String),
    /// The actual request lacks `x-api-key`.
    MissingApiKey,
}

/// One answer from API Gateway, with why it looks the way it does.
#[derive(Debug, Clone)]
pub(crate) struct Answer {
    pub response: HttpResponse,
    pub detail: String,
    /// The answer rests on behaviour AWS does not document (reference: UNCONFIRMED).
    pub inferred: bool,
    pub cause: Option<Cause>,
}

fn h(name: &str, value: impl Into<String>) -> (String, String) {
    (name.to_owned(), value.into())
}

/// The `Access-Control-Allow-Origin` value for an allowed origin: `*` or the origin itself.
fn allow_origin_value(config: &ValidCorsConfig, origin: &str) -> String {
    match config.origins {
        AllowedOrigins::Any => "*".into(),
        AllowedOrigins::List(_) => origin.into(),
    }
}

fn methods_value(config: &ValidCorsConfig) -> String {
    config.methods.names().join(",")
}

fn error_response(status: u16, message: &str, error_type: &str) -> HttpResponse {
    HttpResponse {
        status,
        headers: vec![
            h("Content-Type", "application/json"),
            h(crate::observe::ERROR_TYPE_HEADER, error_type),
        ],
        body: Some(format!("{{\"message\":\"{message}\"}}")),
    }
}

fn unauthorized() -> HttpResponse {
    error_response(401, "Unauthorized", "UnauthorizedException")
}

fn forbidden() -> HttpResponse {
    error_response(403, "Forbidden", "ForbiddenException")
}

/// REST gateway responses (DEFAULT_4XX/5XX) as this tool generates them: the headers of
/// [`gateway_response_headers`], the request's Origin where the policy maps it.
fn add_gateway_response_headers(
    response: &mut HttpResponse,
    config: &ValidCorsConfig,
    origin: &str,
) {
    for (name, value) in gateway_response_headers(config) {
        let value = match value {
            GatewayHeaderValue::Static(value) => value,
            GatewayHeaderValue::RequestOrigin => origin.to_owned(),
        };
        response.headers.push(h(name, value));
    }
}

/// A gateway-generated error, with CORS headers when REST GatewayResponses are configured.
fn gateway_error(
    mut response: HttpResponse,
    config: &ValidCorsConfig,
    deployment: &Deployment,
    origin: &str,
    what: &str,
) -> (HttpResponse, String) {
    let rest = config.api_type == ApiType::Rest;
    let detail = if rest && deployment.gateway_responses {
        add_gateway_response_headers(&mut response, config, origin);
        format!("{what}; GatewayResponses add CORS headers to it")
    } else if rest {
        format!("{what}, without CORS headers (no GatewayResponses)")
    } else {
        format!("{what}, without CORS headers (HTTP APIs have no GatewayResponses)")
    };
    (response, detail)
}

/// API Gateway's answer to the preflight.
pub(crate) fn preflight(
    config: &ValidCorsConfig,
    deployment: &Deployment,
    origin: &str,
    method: &str,
    unsafe_names: &[String],
) -> Answer {
    match config.api_type {
        ApiType::Http => http_preflight(config, deployment, origin, method, unsafe_names),
        ApiType::Rest => rest_preflight(config, deployment, origin),
    }
}

fn http_preflight(
    config: &ValidCorsConfig,
    deployment: &Deployment,
    origin: &str,
    method: &str,
    unsafe_names: &[String],
) -> Answer {
    if deployment.tool == Tool::None {
        return Answer {
            response: error_response(404, "Not Found", "NotFoundException"),
            detail: "no CORS configuration and no OPTIONS route: 404 Not Found".into(),
            inferred: true,
            cause: Some(Cause::NoCorsConfig),
        };
    }
    if deployment.authorizer == AuthorizerPlacement::DefaultRoute {
        let (response, detail) = gateway_error(
            unauthorized(),
            config,
            deployment,
            origin,
            "the $default/ANY route catches OPTIONS and its authorizer answers 401 (a preflight never carries credentials)",
        );
        return Answer {
            response,
            detail,
            inferred: false,
            cause: Some(Cause::AuthorizerOnPreflight { http_default: true }),
        };
    }
    let cause = if !config.origins.allows(origin) {
        Some(Cause::OriginNotConfigured)
    } else if !method_configured(&config.methods, method) {
        Some(Cause::MethodNotConfigured(method.to_owned()))
    } else {
        unsafe_names
            .iter()
            .find(|name| !header_configured(&config.allow_headers, name))
            .map(|name| Cause::HeaderNotConfigured(name.clone()))
    };
    if let Some(cause) = cause {
        let why = match &cause {
            Cause::OriginNotConfigured => format!("{origin} is not in allowOrigins"),
            Cause::MethodNotConfigured(m) => format!("{m} is not in allowMethods"),
            Cause::HeaderNotConfigured(n) => format!("{n} is not in allowHeaders"),
            _ => unreachable!("only configuration mismatches reach here"),
        };
        return Answer {
            cause: Some(cause),
            ..no_content(
                vec![],
                format!("automatic preflight answer: {why}, so API Gateway adds no CORS headers"),
                true,
            )
        };
    }
    let mut headers = vec![h(
        "Access-Control-Allow-Origin",
        allow_origin_value(config, origin),
    )];
    headers.push(h("Access-Control-Allow-Methods", methods_value(config)));
    if !config.allow_headers.is_empty() {
        headers.push(h(
            "Access-Control-Allow-Headers",
            config.allow_headers.join(","),
        ));
    }
    if let Some(max_age) = config.max_age {
        headers.push(h("Access-Control-Max-Age", max_age.to_string()));
    }
    if config.allow_credentials {
        headers.push(h("Access-Control-Allow-Credentials", "true"));
    }
    let echo = config.echoes_origin();
    let detail = if echo {
        "automatic preflight answer from the CORS configuration: 204, the matching origin echoed"
    } else {
        "automatic preflight answer from the CORS configuration: 204"
    };
    no_content(headers, detail.into(), echo)
}

/// A preflight answered 204 with these headers and no body.
fn no_content(headers: Vec<(String, String)>, detail: String, inferred: bool) -> Answer {
    Answer {
        response: HttpResponse {
            status: 204,
            headers,
            body: None,
        },
        detail,
        inferred,
        cause: None,
    }
}

/// Whether an HTTP API's `allowMethods` covers the requested method.
fn method_configured(methods: &AllowedMethods, method: &str) -> bool {
    methods.names().iter().any(|m| *m == "*" || *m == method)
}

fn header_configured(allow_headers: &[String], name: &str) -> bool {
    allow_headers
        .iter()
        .any(|h| h == "*" || h.eq_ignore_ascii_case(name))
}

fn rest_preflight(config: &ValidCorsConfig, deployment: &Deployment, origin: &str) -> Answer {
    let auth_on_options = match deployment.tool {
        Tool::Sam => deployment.authorizer != AuthorizerPlacement::None,
        Tool::None => deployment.authorizer == AuthorizerPlacement::DefaultRoute,
        Tool::Cdk | Tool::Console | Tool::Generated => false,
    };
    if auth_on_options {
        let what = if deployment.tool == Tool::Sam {
            "SAM attaches the DefaultAuthorizer to OPTIONS (AddDefaultAuthorizerToCorsPreflight defaults to true); with no token on the preflight API Gateway answers 401"
        } else {
            "the ANY method catches OPTIONS and its authorizer answers 401 (a preflight never carries credentials)"
        };
        let (response, detail) = gateway_error(unauthorized(), config, deployment, origin, what);
        return Answer {
            response,
            detail,
            inferred: false,
            cause: Some(Cause::AuthorizerOnPreflight {
                http_default: false,
            }),
        };
    }
    if deployment.tool == Tool::Sam && deployment.api_key_required {
        let (response, detail) = gateway_error(
            forbidden(),
            config,
            deployment,
            origin,
            "SAM requires the API key on OPTIONS (AddApiKeyRequiredToCorsPreflight defaults to true); the preflight has none, so API Gateway answers 403",
        );
        return Answer {
            response,
            detail,
            inferred: false,
            cause: Some(Cause::ApiKeyOnPreflight),
        };
    }
    match deployment.tool {
        Tool::None => {
            let (response, detail) = gateway_error(
                error_response(
                    403,
                    "Missing Authentication Token",
                    "MissingAuthenticationTokenException",
                ),
                config,
                deployment,
                origin,
                "the resource has no OPTIONS method: 403 Missing Authentication Token",
            );
            Answer {
                response,
                detail,
                inferred: false,
                cause: Some(Cause::NoOptionsMethod),
            }
        }
        Tool::Sam => static_mock(config, 200, None, "SAM's OPTIONS mock integration: 200 with static headers"),
        Tool::Console => {
            let mut answer = static_mock(
                config,
                200,
                Some(CONSOLE_DEFAULT_HEADERS),
                "the console's \"Enable CORS\" OPTIONS mock: static headers",
            );
            answer.inferred = true;
            answer
        }
        Tool::Generated if config.echoes_origin() => function_preflight(config, origin),
        Tool::Generated => static_mock(
            config,
            200,
            None,
            "the generated template's OPTIONS mock (SAM Cors, no authorizer or API key on OPTIONS): 200 with static headers",
        ),
        Tool::Cdk => cdk_preflight(config, origin),
    }
}

/// SAM (or console) mock: one static Allow-Origin. Several origins end up as the comma-joined
/// list SAM's documentation suggests, which browsers reject.
fn static_mock(
    config: &ValidCorsConfig,
    status: u16,
    default_headers: Option<&str>,
    what: &str,
) -> Answer {
    let origins = config.origins.values().join(",");
    let mut headers = vec![h("Access-Control-Allow-Origin", origins)];
    headers.push(h("Access-Control-Allow-Methods", methods_value(config)));
    match (config.allow_headers.is_empty(), default_headers) {
        (false, _) => headers.push(h(
            "Access-Control-Allow-Headers",
            config.allow_headers.join(","),
        )),
        (true, Some(default)) => headers.push(h("Access-Control-Allow-Headers", default)),
        (true, None) => {}
    }
    if let Some(max_age) = config.max_age {
        headers.push(h("Access-Control-Max-Age", max_age.to_string()));
    }
    if config.allow_credentials {
        headers.push(h("Access-Control-Allow-Credentials", "true"));
    }
    headers.push(h("Content-Type", "application/json"));
    let detail = if config.origins.len() > 1 {
        format!("{what}; a static header holds one value, so the origins are written as one comma-separated list")
    } else {
        what.to_owned()
    };
    Answer {
        response: HttpResponse {
            status,
            headers,
            body: Some("{}".into()),
        },
        detail,
        inferred: false,
        cause: None,
    }
}

/// CDK's OPTIONS mock: 204, the first origin, `Vary: Origin`, VTL override for the others.
fn cdk_preflight(config: &ValidCorsConfig, origin: &str) -> Answer {
    let values = config.origins.values();
    let first = values[0];
    let further = values[1..].contains(&origin);
    let mut headers = vec![h(
        "Access-Control-Allow-Headers",
        if config.allow_headers.is_empty() {
            CDK_DEFAULT_HEADERS.to_owned()
        } else {
            config.allow_headers.join(",")
        },
    )];
    headers.push(h(
        "Access-Control-Allow-Origin",
        if further { origin } else { first },
    ));
    if first != "*" {
        headers.push(h("Vary", "Origin"));
    }
    headers.push(h(
        "Access-Control-Allow-Methods",
        match config.methods {
            AllowedMethods::Any => CDK_ALL_METHODS.to_owned(),
            AllowedMethods::List(_) => methods_value(config),
        },
    ));
    if config.allow_credentials {
        headers.push(h("Access-Control-Allow-Credentials", "true"));
    }
    if let Some(max_age) = config.max_age {
        headers.push(h("Access-Control-Max-Age", max_age.to_string()));
    }
    if !config.expose_headers.is_empty() {
        headers.push(h(
            "Access-Control-Expose-Headers",
            config.expose_headers.join(","),
        ));
    }
    let detail = if further {
        "CDK's OPTIONS mock: 204; its response template overrides Allow-Origin with this further origin"
    } else {
        "CDK's OPTIONS mock: 204 with the first origin as a static Allow-Origin"
    };
    // Whether the VTL override applies on API Gateway is not confirmed (aws-cdk#30453).
    no_content(headers, detail.into(), further)
}

/// The generated function answers OPTIONS itself (REST with several origins).
fn function_preflight(config: &ValidCorsConfig, origin: &str) -> Answer {
    let response = function_response(config, PREFLIGHT_METHOD, Some(origin));
    let detail = if config.origins.allows(origin) {
        "the generated function answers OPTIONS: 204, the allowed origin echoed".to_owned()
    } else {
        format!("the generated function answers OPTIONS: 204 without CORS headers (only Vary: Origin), as {origin} is not in its allow-list")
    };
    Answer {
        response,
        detail,
        inferred: false,
        cause: None,
    }
}

/// What the generated REST handler returns, as the simulator reports it (an empty body as none).
fn function_response(config: &ValidCorsConfig, method: &str, origin: Option<&str>) -> HttpResponse {
    let answer = handler_answer(config, method, origin);
    HttpResponse {
        status: answer.status,
        headers: answer
            .headers
            .into_iter()
            .map(|(name, value)| (name.to_owned(), value))
            .collect(),
        body: (!answer.body.is_empty()).then(|| answer.body.to_owned()),
    }
}

/// Allow-Credentials and Expose-Headers, added by API Gateway next to an echoed origin.
fn push_allowed_extras(headers: &mut Vec<(String, String)>, config: &ValidCorsConfig) {
    if config.allow_credentials {
        headers.push(h("Access-Control-Allow-Credentials", "true"));
    }
    if !config.expose_headers.is_empty() {
        headers.push(h(
            "Access-Control-Expose-Headers",
            config.expose_headers.join(","),
        ));
    }
}

fn has_header(headers: &[(String, String)], name: &str) -> bool {
    headers.iter().any(|(n, _)| n.eq_ignore_ascii_case(name))
}

/// API Gateway's answer to the actual `method` request; `origin` is `None` for a same-origin
/// request.
pub(crate) fn actual(
    config: &ValidCorsConfig,
    deployment: &Deployment,
    method: &str,
    origin: Option<&str>,
    request_headers: &[(String, String)],
) -> Answer {
    let origin_text = origin.unwrap_or_default();
    let rest = config.api_type == ApiType::Rest;
    if rest && method == PREFLIGHT_METHOD {
        // An OPTIONS request goes where a preflight goes, and gets the same answer.
        return rest_preflight(config, deployment, origin_text);
    }
    if deployment.authorizer != AuthorizerPlacement::None {
        let token = config
            .authorizer_header
            .as_deref()
            .unwrap_or("Authorization");
        if !has_header(request_headers, token) {
            let (response, detail) = gateway_error(
                unauthorized(),
                config,
                deployment,
                origin_text,
                &format!("the request has no {token} header, so the authorizer answers 401"),
            );
            return Answer {
                response,
                detail,
                // Whether HTTP APIs add CORS headers to authorizer errors is not documented.
                inferred: !rest,
                cause: Some(Cause::MissingToken(token.to_owned())),
            };
        }
    }
    if rest && deployment.api_key_required && !has_header(request_headers, "x-api-key") {
        let (response, detail) = gateway_error(
            forbidden(),
            config,
            deployment,
            origin_text,
            "the request has no x-api-key header, so API Gateway answers 403",
        );
        return Answer {
            response,
            detail,
            inferred: false,
            cause: Some(Cause::MissingApiKey),
        };
    }
    if rest {
        let response = function_response(config, method, origin);
        let detail = match origin {
            Some(origin) if !config.origins.allows(origin) => format!(
                "the generated Lambda handler answers 200 without Allow-Origin: {origin} is not allowed"
            ),
            Some(_) => "the generated Lambda handler answers 200 with the CORS headers".to_owned(),
            None => "the generated Lambda handler answers 200".to_owned(),
        };
        return Answer {
            response,
            detail,
            inferred: false,
            cause: None,
        };
    }
    let mut headers = vec![h(CONTENT_TYPE, JSON_MEDIA_TYPE)];
    let body = Some(ITEMS_BODY.to_owned());
    let Some(origin) = origin else {
        return Answer {
            response: HttpResponse {
                status: ITEMS_STATUS,
                headers,
                body,
            },
            detail: "the function answers 200".into(),
            inferred: false,
            cause: None,
        };
    };
    let allowed = config.origins.allows(origin);
    let (detail, inferred, cause) = if deployment.tool == Tool::None {
        (
            "the function answers 200; without a CORS configuration nothing adds CORS headers"
                .to_owned(),
            false,
            Some(Cause::NoCorsConfig),
        )
    } else if allowed {
        headers.push(h(
            "Access-Control-Allow-Origin",
            allow_origin_value(config, origin),
        ));
        push_allowed_extras(&mut headers, config);
        (
            "the function answers 200; API Gateway adds the CORS headers".to_owned(),
            config.echoes_origin(),
            None,
        )
    } else {
        (
            format!("the function answers 200; {origin} is not in allowOrigins, so API Gateway adds no CORS headers"),
            true,
            Some(Cause::OriginNotConfigured),
        )
    };
    Answer {
        response: HttpResponse {
            status: ITEMS_STATUS,
            headers,
            body,
        },
        detail,
        inferred,
        cause,
    }
}
