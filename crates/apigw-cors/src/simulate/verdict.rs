//! Runs the steps in order (reference §8) and writes the verdict: the first failing step, what
//! Chrome prints for it and the fix.

use super::browser::{self, Failure};
use super::gateway::{self, Answer, Cause};
use super::request::{self, RequestError};
use super::{
    ActualExchange, BrowserRequest, CredentialsMode, Deployment, HttpRequest, PreflightExchange,
    Simulation, Step, Tool,
};
use crate::model::{AllowedMethods, ApiType, ValidCorsConfig};

fn h(name: &str, value: impl Into<String>) -> (String, String) {
    (name.to_owned(), value.into())
}

fn step(name: &'static str, ok: bool, detail: String, rule: &'static str) -> Step {
    Step {
        name,
        ok,
        detail,
        rule,
        inferred: false,
    }
}

fn gateway_step(name: &'static str, answer: &Answer, browser_ok: bool, rule: &'static str) -> Step {
    Step {
        name,
        ok: browser_ok || answer.cause.is_none(),
        detail: answer.detail.clone(),
        rule,
        inferred: answer.inferred,
    }
}

pub(crate) fn run(
    config: &ValidCorsConfig,
    input: &BrowserRequest,
    deployment: &Deployment,
) -> Simulation {
    let page_origin = request::origin_of(&input.page_origin);
    let include = input.credentials == CredentialsMode::Include;
    let mut sim = Simulation {
        page_origin: page_origin.clone(),
        url: input.url.clone(),
        same_origin: false,
        preflight: None,
        actual: ActualExchange {
            sent: false,
            request: None,
            response: None,
        },
        allowed: false,
        reason: String::new(),
        inferred: false,
        steps: Vec::new(),
        failing_step: None,
        chrome_message: None,
        fix: None,
        readable_headers: Vec::new(),
        cache: None,
        warnings: Vec::new(),
    };

    let built = request::check_page_origin(&input.page_origin)
        .and_then(|()| request::check_url(&input.url))
        .and_then(|()| request::normalize_method(&input.method))
        .and_then(|method| request::header_list(&input.headers).map(|h| (method, h)));
    let (method, (headers, dropped)) = match built {
        Ok(built) => built,
        Err(error) => return request_failed(sim, &error),
    };
    sim.steps.push(step(
        "request",
        true,
        request_detail(&input.method, &method, &dropped),
        "§5.1",
    ));

    let api_origin = request::origin_of(&input.url);
    if page_origin == api_origin {
        return same_origin(sim, config, deployment, &method, headers);
    }
    sim.steps.push(step(
        "same-origin",
        true,
        format!(
            "cross-origin: the page is {page_origin}, the API is {api_origin}, so CORS applies"
        ),
        "§8.1",
    ));

    let unsafe_names = request::unsafe_header_names(&headers);
    let needs_preflight = !request::is_safelisted_method(&method) || !unsafe_names.is_empty();
    sim.steps.push(step(
        "preflight-needed",
        true,
        preflight_reason(&method, &unsafe_names),
        "§5.1",
    ));

    let mut actual_headers = vec![h("Origin", page_origin.clone())];
    if !headers
        .iter()
        .any(|(n, _)| n.eq_ignore_ascii_case("accept"))
    {
        actual_headers.push(h("Accept", "*/*"));
    }
    actual_headers.extend(headers.iter().cloned());
    let actual_request = HttpRequest {
        method: method.clone(),
        url: input.url.clone(),
        headers: actual_headers,
    };
    sim.actual.request = Some(actual_request);

    let context = Context {
        config,
        deployment,
        origin: &page_origin,
        include,
    };
    if needs_preflight {
        let mut preflight_headers = vec![
            h("Origin", page_origin.clone()),
            h("Accept", "*/*"),
            h("Access-Control-Request-Method", method.clone()),
        ];
        if !unsafe_names.is_empty() {
            preflight_headers.push(h("Access-Control-Request-Headers", unsafe_names.join(",")));
        }
        let answer = gateway::preflight(config, deployment, &page_origin, &method, &unsafe_names);
        let check = browser::preflight_check(
            answer.response.status,
            &answer.response.headers,
            &page_origin,
            include,
            &method,
            &unsafe_names,
        );
        sim.steps.push(gateway_step(
            "preflight-response",
            &answer,
            check.is_ok(),
            "§8.3",
        ));
        sim.preflight = Some(PreflightExchange {
            sent: true,
            request: HttpRequest {
                method: "OPTIONS".into(),
                url: input.url.clone(),
                headers: preflight_headers,
            },
            response: answer.response.clone(),
        });
        match check {
            Err(failure) => {
                return blocked(
                    sim,
                    "preflight-check",
                    "§5.2",
                    &failure,
                    answer.cause.as_ref(),
                    true,
                    &context,
                );
            }
            Ok((cache, warnings)) => {
                sim.warnings.extend(warnings);
                sim.steps.push(step(
                    "preflight-check",
                    true,
                    format!(
                        "the preflight passes; cached for {} s in Chromium, {} s in Firefox",
                        cache.chromium, cache.firefox
                    ),
                    "§5.2",
                ));
                sim.cache = Some(cache);
            }
        }
    }

    let answer = gateway::actual(config, deployment, &method, Some(&page_origin), &headers);
    let check = browser::cors_check(&answer.response.headers, &page_origin, include);
    sim.steps.push(gateway_step(
        "actual-response",
        &answer,
        check.is_ok(),
        "§8.4",
    ));
    sim.actual.sent = true;
    sim.actual.response = Some(answer.response.clone());
    if let Err(failure) = check {
        return blocked(
            sim,
            "cors-check",
            "§5.3",
            &failure,
            answer.cause.as_ref(),
            false,
            &context,
        );
    }
    sim.steps.push(step(
        "cors-check",
        true,
        "Access-Control-Allow-Origin matches the page's origin".into(),
        "§5.3",
    ));
    sim.readable_headers = browser::readable_headers(&answer.response.headers, include);
    sim.steps.push(step(
        "readable-headers",
        true,
        format!("the page can read: {}", sim.readable_headers.join(", ")),
        "§5.4",
    ));
    sim.allowed = true;
    sim.reason = if answer.response.status >= 400 {
        format!(
            "allowed: the page can read API Gateway's {} response ({})",
            answer.response.status, answer.detail
        )
    } else if sim.preflight.is_some() {
        "allowed: the preflight passes and the response carries a matching Access-Control-Allow-Origin".into()
    } else {
        "allowed: no preflight is needed and the response carries a matching Access-Control-Allow-Origin".into()
    };
    finish(sim)
}

fn finish(mut sim: Simulation) -> Simulation {
    sim.inferred = sim.steps.iter().any(|s| s.inferred);
    sim.failing_step = sim.steps.iter().find(|s| !s.ok).map(|s| s.name.to_owned());
    sim
}

fn request_failed(mut sim: Simulation, error: &RequestError) -> Simulation {
    sim.steps
        .push(step("request", false, error.detail(), "§5.1"));
    sim.reason = format!("blocked: {}", error.detail());
    sim.chrome_message = error.chrome();
    sim.fix = Some(match error {
        RequestError::InvalidMethod(_) | RequestError::UnsupportedMethod(_) => {
            "Use one of GET, HEAD, POST, PUT, DELETE, PATCH or OPTIONS.".into()
        }
        RequestError::InvalidHeaderName(_) => {
            "Header names are tokens: letters, digits and ! # $ % & ' * + - . ^ _ ` | ~.".into()
        }
        RequestError::InvalidHeaderValue(_) => {
            "Remove line breaks and NUL from header values, and write them in Latin-1 (encode other text, for example as percent-encoded UTF-8).".into()
        }
        RequestError::InvalidPageOrigin(..) => {
            "Give the page's origin as the browser sends it in the Origin header, for example https://app.example.com.".into()
        }
        RequestError::InvalidUrl(..) => {
            "Give the API's absolute URL, for example the stage URL with the route.".into()
        }
    });
    finish(sim)
}

fn request_detail(written: &str, method: &str, dropped: &[String]) -> String {
    let mut detail = if written == method {
        format!("fetch() sends {method}")
    } else {
        format!("fetch() normalizes {written} to {method}")
    };
    let upper = method.to_ascii_uppercase();
    if method != upper && crate::model::Method::from_name(&upper).is_some() {
        detail.push_str(&format!(
            "; only DELETE, GET, HEAD, OPTIONS, POST and PUT are upper-cased, so it stays '{method}', not {upper}"
        ));
    }
    if !dropped.is_empty() {
        detail.push_str(&format!(
            "; forbidden headers are silently dropped: {}",
            dropped.join(", ")
        ));
    }
    detail
}

fn preflight_reason(method: &str, unsafe_names: &[String]) -> String {
    let method_unsafe = !request::is_safelisted_method(method);
    match (method_unsafe, unsafe_names.is_empty()) {
        (false, true) => format!("no preflight: {method} with only CORS-safelisted headers"),
        (true, true) => format!("preflight needed: {method} is not GET, HEAD or POST"),
        (false, false) => format!(
            "preflight needed: not CORS-safelisted: {}",
            unsafe_names.join(", ")
        ),
        (true, false) => format!(
            "preflight needed: {method} is not GET, HEAD or POST, and not CORS-safelisted: {}",
            unsafe_names.join(", ")
        ),
    }
}

fn same_origin(
    mut sim: Simulation,
    config: &ValidCorsConfig,
    deployment: &Deployment,
    method: &str,
    headers: Vec<(String, String)>,
) -> Simulation {
    sim.same_origin = true;
    sim.steps.push(step(
        "same-origin",
        true,
        "same origin: CORS does not apply".into(),
        "§8.1",
    ));
    let answer = gateway::actual(config, deployment, method, None, &headers);
    sim.steps
        .push(step("actual-response", true, answer.detail.clone(), "§8.4"));
    sim.readable_headers = answer
        .response
        .headers
        .iter()
        .filter(|(n, _)| !n.eq_ignore_ascii_case("set-cookie"))
        .map(|(n, _)| n.clone())
        .collect();
    sim.actual = ActualExchange {
        sent: true,
        request: Some(HttpRequest {
            method: method.to_owned(),
            url: sim.url.clone(),
            headers,
        }),
        response: Some(answer.response),
    };
    sim.allowed = true;
    sim.reason = "allowed: same origin, CORS does not apply".into();
    finish(sim)
}

/// What the fix text needs to know.
struct Context<'a> {
    config: &'a ValidCorsConfig,
    deployment: &'a Deployment,
    origin: &'a str,
    include: bool,
}

fn blocked(
    mut sim: Simulation,
    name: &'static str,
    rule: &'static str,
    failure: &Failure,
    cause: Option<&Cause>,
    preflight: bool,
    context: &Context,
) -> Simulation {
    let explanation = failure.explain(context.origin);
    sim.steps.push(step(name, false, explanation.clone(), rule));
    sim.chrome_message = Some(super::chrome::blocked_message(
        &sim.url,
        context.origin,
        &failure.chrome_detail(preflight),
    ));
    sim.fix = Some(fix(failure, cause, context));
    let sim = finish(sim);
    let first = sim
        .steps
        .iter()
        .find(|s| !s.ok)
        .map(|s| s.detail.clone())
        .unwrap_or(explanation);
    Simulation {
        reason: format!("blocked: {first}"),
        ..sim
    }
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
