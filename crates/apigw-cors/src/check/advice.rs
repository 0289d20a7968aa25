//! Diagnostics that teach: the common CORS mistakes on API Gateway, each with its fix.

use crate::diagnostic::{Diagnostic, Severity};
use crate::emit::gateway_policy::gateway_response_tradeoff;
use crate::field::{Field, Place};
use crate::model::{is_origin_pattern, ApiType, Method, ValidCorsConfig};
use crate::rule::Rule;

/// Chromium caps the preflight cache at this many seconds.
pub const CHROMIUM_MAX_AGE_CAP: u32 = 7200;
/// Firefox caps the preflight cache at this many seconds.
pub const FIREFOX_MAX_AGE_CAP: u32 = 86_400;

/// Every rule, in the order its findings are listed (within a severity).
const RULES: [fn(&ValidCorsConfig, &mut Vec<Diagnostic>); 14] = [
    wildcard_origin,
    credentials_with_pattern,
    development_origins,
    wildcard_headers,
    credentials_make_wildcards_literal,
    authorizer_on_preflight,
    authorizer_header_not_allowed,
    api_key_on_preflight,
    content_type_not_allowed,
    rest_lambda_headers,
    rest_gateway_responses,
    http_lambda_headers_ignored,
    max_age_caps,
    rest_several_origins,
];

/// The advice for a valid configuration: every rule's findings, in rule order.
pub(crate) fn advise(config: &ValidCorsConfig) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    for rule in RULES {
        rule(config, &mut found);
    }
    found
}

fn warning(
    code: Rule,
    field: impl Into<Place>,
    value: Option<&str>,
    message: impl Into<String>,
    fix: impl Into<String>,
) -> Diagnostic {
    Diagnostic::new(code, Severity::Warning, field, value, message, fix)
}

fn note(
    code: Rule,
    field: impl Into<Place>,
    message: impl Into<String>,
    fix: impl Into<String>,
) -> Diagnostic {
    Diagnostic::new(code, Severity::Note, field, None, message, fix)
}

fn lists(names: &[String], wanted: &str) -> bool {
    names.iter().any(|n| n.eq_ignore_ascii_case(wanted))
}

fn wildcard_origin(config: &ValidCorsConfig, found: &mut Vec<Diagnostic>) {
    if config.origins.is_any() {
        found.push(warning(
            Rule::WildcardOrigin,
            Field::AllowOrigins,
            Some("*"),
            "* lets every website read your API's responses from its visitors' browsers; fine for public data, wrong for anything tied to a user",
            "list the origins of your own front ends instead",
        ));
    }
}

fn credentials_with_pattern(config: &ValidCorsConfig, found: &mut Vec<Diagnostic>) {
    if !config.allow_credentials {
        return;
    }
    for (index, origin) in config.origins.values().iter().enumerate() {
        if is_origin_pattern(origin) {
            found.push(warning(
                Rule::CredentialsOriginPattern,
                Field::AllowOrigins.at(index),
                Some(origin),
                format!("with credentials allowed, {origin} lets any matching website make requests with your users' cookies and read the answers"),
                "list the exact origins of your front ends, or set allowCredentials to false",
            ));
        }
    }
}

/// The host of a validated origin (`[::1]` kept in brackets).
fn host_of(origin: &str) -> &str {
    let authority = origin.split_once("://").map_or(origin, |(_, rest)| rest);
    if authority.starts_with('[') {
        // IPv6: keep the brackets, drop the port.
        return authority
            .find(']')
            .map_or(authority, |end| &authority[..=end]);
    }
    authority.split(':').next().unwrap_or(authority)
}

fn is_development_origin(origin: &str) -> bool {
    let host = host_of(origin);
    origin.starts_with("http://")
        || host == "localhost"
        || host.ends_with(".localhost")
        || host.starts_with("127.")
        || host == "[::1]"
}

fn development_origins(config: &ValidCorsConfig, found: &mut Vec<Diagnostic>) {
    let values = config.origins.values();
    let has_production = values
        .iter()
        .any(|o| o.starts_with("https://") && !is_development_origin(o) && !is_origin_pattern(o));
    if !has_production {
        return;
    }
    for (index, origin) in values.iter().enumerate() {
        if is_development_origin(origin) && !is_origin_pattern(origin) {
            found.push(warning(
                Rule::DevelopmentOrigin,
                Field::AllowOrigins.at(index),
                Some(origin),
                format!("{origin} is a development or unencrypted origin next to production ones; anyone who can serve a page there can call your production API"),
                "keep development origins in a separate stage's configuration",
            ));
        }
    }
}

fn wildcard_headers(config: &ValidCorsConfig, found: &mut Vec<Diagnostic>) {
    let wildcard = config.allow_headers.iter().any(|h| h == "*");
    if wildcard && !lists(&config.allow_headers, "Authorization") {
        found.push(warning(
            Rule::WildcardHeaderAuthorization,
            Field::AllowHeaders,
            Some("*"),
            "the Fetch standard says * in allowHeaders never covers Authorization, and Firefox blocks such requests (Chromium still lets them through for now)",
            "add Authorization to allowHeaders if your pages send it",
        ));
    }
}

fn credentials_make_wildcards_literal(config: &ValidCorsConfig, found: &mut Vec<Diagnostic>) {
    if !config.allow_credentials {
        return;
    }
    let fields = [
        (Field::AllowMethods, config.methods.names().contains(&"*")),
        (
            Field::AllowHeaders,
            config.allow_headers.iter().any(|h| h == "*"),
        ),
        (
            Field::ExposeHeaders,
            config.expose_headers.iter().any(|h| h == "*"),
        ),
    ];
    for (field, has_wildcard) in fields {
        if has_wildcard {
            found.push(warning(
                Rule::WildcardLiteralWithCredentials,
                field,
                Some("*"),
                format!("for credentialed requests browsers read * in {field} as the literal name \"*\", not as \"everything\""),
                format!("list the names explicitly in {field}"),
            ));
        }
    }
}

fn authorizer_on_preflight(config: &ValidCorsConfig, found: &mut Vec<Diagnostic>) {
    let Some(header) = &config.authorizer_header else {
        return;
    };
    let (message, fix) = match config.api_type {
        ApiType::Rest => (
            format!("browsers never send {header} or cookies on a preflight, and SAM puts the default authorizer on the OPTIONS methods too, so the preflight fails with 401 (\"It does not have HTTP ok status\")"),
            "in SAM set Auth.AddDefaultAuthorizerToCorsPreflight: false (the generated SAM does); CDK's preflight methods never use an authorizer",
        ),
        ApiType::Http => (
            format!("browsers never send {header} on a preflight; a $default route or an ANY route with an authorizer also catches OPTIONS, and the preflight fails with 401"),
            "put the authorizer on method-specific routes (GET /items), or add an OPTIONS /{proxy+} route without authorization; the generated SAM and CDK do the former",
        ),
    };
    found.push(warning(
        Rule::AuthorizerOnPreflight,
        Field::AuthorizerHeader,
        Some(header),
        message,
        fix,
    ));
}

fn authorizer_header_not_allowed(config: &ValidCorsConfig, found: &mut Vec<Diagnostic>) {
    let Some(header) = &config.authorizer_header else {
        return;
    };
    let covered_by_wildcard = config.allow_headers.iter().any(|h| h == "*")
        && !config.allow_credentials
        && !header.eq_ignore_ascii_case("authorization");
    if !lists(&config.allow_headers, header) && !covered_by_wildcard {
        found.push(warning(
            Rule::AuthorizerHeaderNotAllowed,
            Field::AllowHeaders,
            None,
            format!("the authorizer reads {header}, but allowHeaders does not list it, so the browser blocks every request that sends it"),
            format!("add {header} to allowHeaders"),
        ));
    }
}

fn api_key_on_preflight(config: &ValidCorsConfig, found: &mut Vec<Diagnostic>) {
    if !config.api_key_required {
        return;
    }
    found.push(note(
        Rule::ApiKeyOnPreflight,
        Field::ApiKeyRequired,
        "browsers never send X-Api-Key on a preflight; with SAM's default the OPTIONS methods require the key too and the preflight fails with 403",
        "in SAM set Auth.AddApiKeyRequiredToCorsPreflight: false (the generated SAM does); CDK's preflight methods never require a key",
    ));
    let covered = lists(&config.allow_headers, "X-Api-Key")
        || (config.allow_headers.iter().any(|h| h == "*") && !config.allow_credentials);
    if !covered {
        found.push(warning(
            Rule::ApiKeyHeaderNotAllowed,
            Field::AllowHeaders,
            None,
            "the API requires an API key, but allowHeaders does not list X-Api-Key, so the browser blocks requests that send it",
            "add X-Api-Key to allowHeaders",
        ));
    }
}

fn content_type_not_allowed(config: &ValidCorsConfig, found: &mut Vec<Diagnostic>) {
    let sends_body = [Method::Post, Method::Put, Method::Patch]
        .into_iter()
        .any(|m| config.methods.includes(m));
    let covered = lists(&config.allow_headers, "Content-Type")
        || (config.allow_headers.iter().any(|h| h == "*") && !config.allow_credentials);
    if sends_body && !covered {
        found.push(warning(
            Rule::ContentTypeNotAllowed,
            Field::AllowHeaders,
            None,
            "a request with a JSON body sends Content-Type: application/json, which needs a preflight that lists Content-Type; without it only form and plain-text bodies get through",
            "add Content-Type to allowHeaders",
        ));
    }
}

fn rest_lambda_headers(config: &ValidCorsConfig, found: &mut Vec<Diagnostic>) {
    if config.api_type == ApiType::Rest {
        found.push(note(
            Rule::RestLambdaHeaders,
            Place::Whole,
            "on a REST API with Lambda proxy integration, API Gateway adds CORS headers only to the preflight; the function must return Access-Control-Allow-Origin (and Vary, credentials, expose headers) on every response, errors included",
            "return the headers from every code path, as the generated Lambda handlers do",
        ));
    }
}

fn rest_gateway_responses(config: &ValidCorsConfig, found: &mut Vec<Diagnostic>) {
    if config.api_type == ApiType::Rest {
        found.push(note(
            Rule::RestGatewayResponses,
            Place::Whole,
            "errors API Gateway produces itself (401 from an authorizer, 403 missing token or API key, 429 throttling, 502, 504) never reach your function, so without CORS headers on them the browser hides the real status behind a CORS error",
            "add GatewayResponses for DEFAULT_4XX and DEFAULT_5XX with the CORS headers (the gateway-responses output)",
        ));
        if let Some(tradeoff) = gateway_response_tradeoff(config) {
            found.push(note(
                Rule::RestGatewayResponsesOrigins,
                Field::AllowOrigins,
                tradeoff.trim_end_matches('.'),
                "accept the trade-off, or allow one origin: the gateway responses then name it",
            ));
        }
    }
}

fn http_lambda_headers_ignored(config: &ValidCorsConfig, found: &mut Vec<Diagnostic>) {
    if config.api_type == ApiType::Http {
        found.push(note(
            Rule::HttpLambdaHeadersIgnored,
            Place::Whole,
            "with CORS configured on an HTTP API, API Gateway answers preflights itself and ignores CORS headers returned by the function, whatever the payload format",
            "configure CORS on the API only and do not return CORS headers from the function",
        ));
    }
}

fn max_age_caps(config: &ValidCorsConfig, found: &mut Vec<Diagnostic>) {
    let Some(seconds) = config.max_age else {
        found.push(note(
            Rule::MaxAgeMissing,
            Field::MaxAge,
            "without maxAge browsers cache a preflight for only 5 seconds, so most non-simple requests cost an extra round trip",
            "set maxAge, for example 600 (10 minutes) or 7200 (Chromium's cap)",
        ));
        return;
    };
    let value = seconds.to_string();
    if seconds > FIREFOX_MAX_AGE_CAP {
        found.push(warning(
            Rule::MaxAgeAboveFirefoxCap,
            Field::MaxAge,
            Some(&value),
            format!("Firefox caches a preflight for at most {FIREFOX_MAX_AGE_CAP} seconds and Chromium for at most {CHROMIUM_MAX_AGE_CAP}; the rest of {seconds} has no effect"),
            "use 86400 or less; 7200 is the most Chromium honours",
        ));
    } else if seconds > CHROMIUM_MAX_AGE_CAP {
        found.push(warning(
            Rule::MaxAgeAboveChromiumCap,
            Field::MaxAge,
            Some(&value),
            format!("Chromium (Chrome, Edge) caches a preflight for at most {CHROMIUM_MAX_AGE_CAP} seconds; only Firefox honours {seconds}"),
            "use 7200 or less unless Firefox users are the target",
        ));
    }
}

fn rest_several_origins(config: &ValidCorsConfig, found: &mut Vec<Diagnostic>) {
    if config.api_type == ApiType::Rest && config.echoes_origin() {
        found.push(note(
            Rule::RestSeveralOrigins,
            Field::AllowOrigins,
            "Access-Control-Allow-Origin holds exactly one origin, and SAM's Cors sends one fixed value (a comma-joined list is sent literally and matches nothing); CDK echoes further origins with a mapping template",
            "the generated SAM routes OPTIONS to the function, which echoes an allowed origin with Vary: Origin; the generated CDK keeps CDK's own echo",
        ));
    }
}
