//! REST APIs: SAM's `Cors`, `Auth` and `GatewayResponses`, and CloudFormation's OPTIONS mock
//! methods and gateway responses. Their values are API Gateway static values: `'text'` in
//! single quotes inside the string.

use super::tree::{Layered, Node};
use super::{http, scalar_text, split_commas, FoundApi};
use crate::diagnostic::Severity;
use crate::field::Field;
use crate::rule::Rule;
use serde_yaml::Value;

/// Reads one static value (`"'text'"`): the text inside the quotes, or the value as written
/// with a finding when the quotes are missing.
fn static_text(api: &mut FoundApi, what: &str, node: &Node, text: &str) -> String {
    if text.len() >= 2 && text.starts_with('\'') && text.ends_with('\'') {
        return text[1..text.len() - 1].to_owned();
    }
    api.finding(
        Rule::StaticValueUnquoted,
        Severity::Error,
        node,
        format!("{what} is an API Gateway static value and needs single quotes inside the string; without them API Gateway reads it as a mapping expression, not as text, and the deployment fails"),
        format!("write {what}: \"'{text}'\""),
    );
    text.to_owned()
}

/// Reads a comma-separated static list into `field`.
pub(super) fn static_list(api: &mut FoundApi, what: &str, field: Field, node: &Node) {
    api.cors_seen = true;
    if node.is_intrinsic() {
        api.unresolved_field(&[field], what, node);
        return;
    }
    let values = match node.value {
        Value::Sequence(_) => {
            api.finding(
                Rule::RestValueNotString,
                Severity::Error,
                node,
                format!("{what} on a REST API is one string of comma-separated values in single quotes, not a list"),
                format!("write {what}: \"'{}'\"", node.items().iter().filter_map(scalar_text).map(|t| t.trim_matches('\'').to_owned()).collect::<Vec<_>>().join(",")),
            );
            let mut values = Vec::new();
            for item in node.items() {
                if item.is_intrinsic() {
                    api.unresolved_field(&[field], what, &item);
                } else if let Some(text) = scalar_text(&item) {
                    values.push(text.trim_matches('\'').to_owned());
                }
            }
            values
        }
        Value::Mapping(_) => {
            wrong_type(api, what, node);
            return;
        }
        _ => {
            let Some(text) = scalar_text(node) else {
                return;
            };
            let inner = static_text(api, what, node, &text);
            let values = split_commas(&inner);
            if field == Field::AllowOrigins && values.len() > 1 {
                api.finding(
                    Rule::CommaJoinedOrigins,
                    Severity::Error,
                    node,
                    "Access-Control-Allow-Origin holds exactly one origin; API Gateway sends the whole comma-separated string as one value, which matches no browser's origin",
                    "a REST API's OPTIONS mock can answer one origin or *; to allow several, answer OPTIONS from the function (the generated SAM template does) or use an HTTP API",
                );
            }
            values
        }
    };
    api.setting(field, node);
    if let Some(list) = api.config.list_mut(field) {
        list.extend(values);
    }
}

fn wrong_type(api: &mut FoundApi, what: &str, node: &Node) {
    api.finding(
        Rule::WrongType,
        Severity::Error,
        node,
        format!("{what} has the wrong type: SAM rejects it (\"Type of property is invalid\")"),
        format!("write {what} as shown in the SAM documentation"),
    );
}

/// `MaxAge: "'600'"`.
fn static_max_age(api: &mut FoundApi, what: &str, node: &Node) {
    api.cors_seen = true;
    if node.is_intrinsic() {
        api.unresolved_field(&[Field::MaxAge], what, node);
        return;
    }
    let text = match node.value {
        Value::Number(number) if number.is_i64() => {
            api.finding(
                Rule::StaticValueUnquoted,
                Severity::Warning,
                node,
                format!("{what} is a number; SAM copies it into the OPTIONS response parameters as a number, where API Gateway expects a quoted static value"),
                format!("write {what}: \"'{number}'\""),
            );
            number.to_string()
        }
        Value::String(text) => static_text(api, what, node, text),
        _ => {
            max_age_not_integer(api, what, node);
            return;
        }
    };
    match text.trim().parse::<i64>() {
        Ok(seconds) => {
            api.setting(Field::MaxAge, node);
            api.config.max_age = Some(seconds);
        }
        Err(_) => max_age_not_integer(api, what, node),
    }
}

pub(super) fn max_age_not_integer(api: &mut FoundApi, what: &str, node: &Node) {
    api.finding(
        Rule::MaxAgeNotInteger,
        Severity::Error,
        node,
        format!("{what} must be a whole number of seconds; browsers ignore anything else and cache the preflight for 5 seconds"),
        format!("write a number of seconds, for example {what}: 600"),
    );
}

/// `AllowCredentials: true` (a boolean; SAM drops a string silently).
pub(super) fn credentials(api: &mut FoundApi, what: &str, node: &Node) {
    api.cors_seen = true;
    if node.is_intrinsic() {
        api.unresolved_field(&[Field::AllowCredentials], what, node);
        return;
    }
    match node.value {
        Value::Bool(allowed) => {
            api.setting(Field::AllowCredentials, node);
            api.config.allow_credentials = *allowed;
        }
        _ => api.finding(
            Rule::CredentialsNotBoolean,
            Severity::Error,
            node,
            format!("{what} must be the boolean true or false; SAM silently drops any other value, so no Access-Control-Allow-Credentials header is sent and credentialed requests fail"),
            format!("write {what}: true (without quotes)"),
        ),
    }
}

/// SAM's `Cors` on a REST API (a string, or a mapping of static values).
pub(super) fn sam_cors(api: &mut FoundApi, cors: &Layered, event_methods: &[String]) {
    api.cors_seen = true;
    let node = cors.node().clone();
    if node.is_intrinsic() {
        api.unresolved_field(&super::CORS_FIELDS, "Cors", &node);
        return;
    }
    match node.value {
        Value::String(_) | Value::Number(_) => {
            static_list(api, "Cors", Field::AllowOrigins, &node);
            computed_methods(api, &node, event_methods);
            return;
        }
        Value::Mapping(_) => {}
        _ => {
            api.finding(
                Rule::WrongType,
                Severity::Error,
                &node,
                "Cors on a REST API is a string (the origin) or a mapping; SAM rejects anything else (\"Type of property 'Cors' is invalid\")",
                "write Cors: \"'https://app.example.com'\", or a mapping with AllowOrigin, AllowMethods and AllowHeaders",
            );
            return;
        }
    }
    for key in cors.keys() {
        let Some(value) = cors.get(key) else { continue };
        let value = value.node().clone();
        match key {
            "AllowOrigin" => static_list(api, key, Field::AllowOrigins, &value),
            "AllowMethods" => static_list(api, key, Field::AllowMethods, &value),
            "AllowHeaders" => static_list(api, key, Field::AllowHeaders, &value),
            "MaxAge" => static_max_age(api, key, &value),
            "AllowCredentials" => credentials(api, key, &value),
            "AllowOrigins" | "ExposeHeaders" => {
                wrong_api_type_key(
                    api,
                    key,
                    "AllowOrigin, AllowMethods, AllowHeaders, MaxAge and AllowCredentials",
                    &value,
                );
                let field = if key == "AllowOrigins" {
                    Field::AllowOrigins
                } else {
                    Field::ExposeHeaders
                };
                http::list(api, key, field, &value);
            }
            _ => unknown_key(api, key, &value),
        }
    }
    if cors.get("AllowOrigin").is_none() && cors.get("AllowOrigins").is_none() {
        api.finding(
            Rule::DefaultOrigin,
            Severity::Warning,
            &node,
            "Cors has no AllowOrigin, so SAM uses '*': every website may read the responses",
            "add AllowOrigin: \"'https://app.example.com'\" with the origin of your front end",
        );
        api.config.allow_origins.push("*".to_owned());
    }
    if cors.get("AllowMethods").is_none() {
        computed_methods(api, &node, event_methods);
    }
}

/// SAM computes Allow-Methods per path from the events when AllowMethods is missing.
fn computed_methods(api: &mut FoundApi, cors: &Node, event_methods: &[String]) {
    let mut methods: Vec<String> = event_methods.to_vec();
    if !methods.is_empty() {
        methods.push("OPTIONS".to_owned());
    }
    methods.sort();
    methods.dedup();
    let message = if methods.is_empty() {
        "AllowMethods is not set, so SAM lists each path's own methods and OPTIONS; no event of this API names a method here".to_owned()
    } else {
        format!("AllowMethods is not set, so SAM lists each path's own methods and OPTIONS ({} across this API's events)", methods.join(","))
    };
    api.finding(
        Rule::MethodsComputed,
        Severity::Note,
        cors,
        message,
        "set AllowMethods to state them explicitly",
    );
    api.config.allow_methods = methods;
}

pub(super) fn wrong_api_type_key(api: &mut FoundApi, key: &str, valid: &str, node: &Node) {
    let (this, other) = match api.api_type {
        crate::ApiType::Rest => ("a REST API's Cors", "an HTTP API's CorsConfiguration"),
        crate::ApiType::Http => ("an HTTP API's CorsConfiguration", "a REST API's Cors"),
    };
    api.finding(
        Rule::WrongApiTypeKey,
        Severity::Error,
        node,
        format!("{key} belongs to {other}, not to {this}; SAM rejects the template (\"Invalid key '{key}' for 'Cors' property\")"),
        format!("use the keys of {this}: {valid}"),
    );
}

pub(super) fn unknown_key(api: &mut FoundApi, key: &str, node: &Node) {
    api.finding(
        Rule::UnknownCorsKey,
        Severity::Error,
        node,
        format!("{key} is not a CORS setting; SAM rejects the template (\"Invalid key '{key}' for 'Cors' property\")"),
        "remove it, or check its spelling",
    );
}

/// SAM's `Auth` on a REST API: the default authorizer and API keys, and whether they also guard
/// the preflight.
pub(super) fn sam_auth(api: &mut FoundApi, auth: &Layered) {
    let flag_off = |key: &str| {
        auth.get(key)
            .is_some_and(|flag| flag.node().value == &Value::Bool(false))
    };
    if let Some(default) = auth.get("DefaultAuthorizer") {
        let node = default.node().clone();
        if node.is_intrinsic() {
            api.unresolved_field(&[Field::AuthorizerHeader], "DefaultAuthorizer", &node);
        } else if let Some(name) = node.value.as_str().filter(|name| *name != "NONE") {
            let header = if name == "AWS_IAM" {
                None
            } else {
                auth.get("Authorizers")
                    .and_then(|all| all.get(name))
                    .and_then(|one| one.get("Identity"))
                    .and_then(|identity| identity.get("Header"))
                    .and_then(|header| header.node().value.as_str().map(str::to_owned))
            };
            api.setting(Field::AuthorizerHeader, &node);
            api.config.authorizer_header =
                Some(header.unwrap_or_else(|| "Authorization".to_owned()));
            if api.has_cors() && !flag_off("AddDefaultAuthorizerToCorsPreflight") {
                api.finding(
                    Rule::PreflightAuthorizer,
                    Severity::Error,
                    &node,
                    format!("SAM also puts the default authorizer {name} on the OPTIONS methods; browsers never send credentials on a preflight, so it fails with 401 (\"It does not have HTTP ok status\")"),
                    "add AddDefaultAuthorizerToCorsPreflight: false under Auth",
                );
            }
        }
    }
    if let Some(required) = auth.get("ApiKeyRequired") {
        let node = required.node().clone();
        if node.value == &Value::Bool(true) {
            api.setting(Field::ApiKeyRequired, &node);
            api.config.api_key_required = true;
            if api.has_cors() && !flag_off("AddApiKeyRequiredToCorsPreflight") {
                api.finding(
                    Rule::PreflightApiKey,
                    Severity::Error,
                    &node,
                    "SAM also requires the API key on the OPTIONS methods; browsers never send X-Api-Key on a preflight, so it fails with 403",
                    "add AddApiKeyRequiredToCorsPreflight: false under Auth",
                );
            }
        } else if node.is_intrinsic() {
            api.unresolved_field(&[Field::ApiKeyRequired], "ApiKeyRequired", &node);
        }
    }
}

/// SAM's `GatewayResponses`: every response should carry Access-Control-Allow-Origin.
pub(super) fn sam_gateway_responses(api: &mut FoundApi, responses: Option<&Layered>) {
    let Some(responses) = responses else {
        no_gateway_responses(api);
        return;
    };
    for kind in responses.keys() {
        let Some(response) = responses.get(kind) else {
            continue;
        };
        let headers = response
            .get("ResponseParameters")
            .and_then(|parameters| parameters.get("Headers"));
        let origin = headers.as_ref().and_then(|headers| {
            let key = headers
                .keys()
                .into_iter()
                .find(|key| key.eq_ignore_ascii_case("Access-Control-Allow-Origin"))?;
            headers.get(key)
        });
        gateway_response_origin(api, response.node(), origin.as_ref().map(Layered::node));
    }
}

fn gateway_response_origin(api: &mut FoundApi, response: &Node, origin: Option<&Node>) {
    let Some(origin) = origin else {
        api.finding_at(
            Rule::GatewayResponseWithoutCors,
            Severity::Warning,
            &response.path,
            "this gateway response has no Access-Control-Allow-Origin header, so browsers hide its status behind a CORS error",
            "add ResponseParameters.Headers.Access-Control-Allow-Origin with the API's origin in single quotes",
        );
        return;
    };
    if origin.is_intrinsic() {
        api.unresolved("Access-Control-Allow-Origin", origin);
    } else if let Some(text) = scalar_text(origin) {
        static_text(api, "Access-Control-Allow-Origin", origin, &text);
    }
}

pub(super) fn no_gateway_responses(api: &mut FoundApi) {
    if !api.has_cors() {
        return;
    }
    let path = api.path.clone();
    api.finding_at(
        Rule::NoGatewayResponses,
        Severity::Warning,
        &path,
        "the API has no gateway responses with CORS headers, so errors API Gateway makes itself (401 from an authorizer, 403, 429, 502, 504) reach the browser without Access-Control-Allow-Origin and show up as CORS errors",
        "add GatewayResponses DEFAULT_4XX and DEFAULT_5XX with Access-Control-Allow-Origin (the gateway-responses output has them)",
    );
}

/// A CloudFormation `AWS::ApiGateway::GatewayResponse`.
pub(super) fn cfn_gateway_response(api: &mut FoundApi, resource: &Node) {
    let parameters = resource
        .get("Properties")
        .and_then(|properties| properties.get("ResponseParameters"));
    let origin = parameters.and_then(|parameters| {
        parameters
            .entries()
            .into_iter()
            .find(|(key, _)| {
                key.eq_ignore_ascii_case("gatewayresponse.header.Access-Control-Allow-Origin")
            })
            .map(|(_, node)| node)
    });
    gateway_response_origin(api, resource, origin.as_ref());
}

/// A CloudFormation `AWS::ApiGateway::Method` for OPTIONS: a MOCK integration whose integration
/// response sets the CORS headers (what the console's "Enable CORS" and the CDK create).
pub(super) fn options_method(api: &mut FoundApi, method: &Node) {
    api.cors_seen = true;
    let Some(properties) = method.get("Properties") else {
        return;
    };
    if let Some(authorization) = properties.get("AuthorizationType") {
        if authorization.is_intrinsic() {
            api.unresolved("AuthorizationType", &authorization);
        } else if authorization
            .value
            .as_str()
            .is_some_and(|kind| kind != "NONE")
        {
            api.finding(
                Rule::PreflightAuthorizer,
                Severity::Error,
                &authorization,
                "the OPTIONS method requires authorization; browsers never send credentials on a preflight, so it fails with 401 or 403 (\"It does not have HTTP ok status\")",
                "set AuthorizationType: NONE on the OPTIONS method",
            );
        }
    }
    if let Some(key) = properties
        .get("ApiKeyRequired")
        .filter(|key| key.value == &Value::Bool(true))
    {
        api.finding(
            Rule::PreflightApiKey,
            Severity::Error,
            &key,
            "the OPTIONS method requires an API key; browsers never send X-Api-Key on a preflight, so it fails with 403",
            "set ApiKeyRequired: false on the OPTIONS method",
        );
    }
    let Some(integration) = properties.get("Integration") else {
        return;
    };
    let kind = integration.get("Type");
    let is_mock = kind
        .as_ref()
        .and_then(|kind| kind.value.as_str())
        .is_some_and(|kind| kind.eq_ignore_ascii_case("MOCK"));
    if !is_mock {
        let at = kind.unwrap_or(integration);
        api.finding(
            Rule::OptionsIntegration,
            Severity::Note,
            &at,
            "the OPTIONS method goes to an integration, whose code writes the CORS headers; they cannot be read from the template",
            "enter the origins, methods and headers the integration answers with",
        );
        return;
    }
    let Some(response) = integration
        .get("IntegrationResponses")
        .and_then(|responses| {
            responses
                .items()
                .into_iter()
                .find(|r| r.get("ResponseParameters").is_some())
        })
    else {
        return;
    };
    if let Some(parameters) = response.get("ResponseParameters") {
        if parameters.is_intrinsic() {
            api.unresolved_field(&super::CORS_FIELDS, "ResponseParameters", &parameters);
        }
        for (key, value) in parameters.entries() {
            response_header(api, key, &value);
        }
    }
    if let Some(templates) = response.get("ResponseTemplates") {
        for (_, template) in templates.entries() {
            vtl_origins(api, &template);
        }
    }
}

fn response_header(api: &mut FoundApi, key: &str, value: &Node) {
    const PREFIX: &str = "method.response.header.";
    let Some(name) = key
        .get(..PREFIX.len())
        .filter(|prefix| prefix.eq_ignore_ascii_case(PREFIX))
        .map(|_| key[PREFIX.len()..].to_ascii_lowercase())
    else {
        return;
    };
    match name.as_str() {
        "access-control-allow-origin" => static_list(api, key, Field::AllowOrigins, value),
        "access-control-allow-methods" => static_list(api, key, Field::AllowMethods, value),
        "access-control-allow-headers" => static_list(api, key, Field::AllowHeaders, value),
        "access-control-expose-headers" => static_list(api, key, Field::ExposeHeaders, value),
        "access-control-max-age" => static_max_age(api, key, value),
        "access-control-allow-credentials" => {
            if value.is_intrinsic() {
                api.unresolved_field(&[Field::AllowCredentials], key, value);
            } else if let Some(text) = scalar_text(value) {
                let inner = static_text(api, key, value, &text);
                api.setting(Field::AllowCredentials, value);
                api.config.allow_credentials = inner == "true";
            }
        }
        _ => {}
    }
}

/// The CDK serves several REST origins with a response template:
/// `#if($origin == "https://b.com" || $origin == "https://c.com")`.
fn vtl_origins(api: &mut FoundApi, template: &Node) {
    let Some(text) = template.value.as_str() else {
        return;
    };
    let mut found = Vec::new();
    for part in text.split("$origin == \"").skip(1) {
        if let Some(end) = part.find('"').filter(|end| *end > 0) {
            found.push(part[..end].to_owned());
        }
    }
    if found.is_empty() {
        return;
    }
    api.setting(Field::AllowOrigins, template);
    api.finding(
        Rule::VtlOrigins,
        Severity::Note,
        template,
        format!(
            "the response template answers these further origins with their own value: {}",
            found.join(", ")
        ),
        "",
    );
    for origin in found {
        if !api.config.allow_origins.contains(&origin) {
            api.config.allow_origins.push(origin);
        }
    }
}
