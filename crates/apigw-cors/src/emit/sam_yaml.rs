//! YAML pieces shared by the SAM targets (`sam-globals`, `sam-resource`, `sam-template`,
//! `gateway-responses`): the CORS block, the preflight flags for authorizers and API keys, the
//! OPTIONS event that lets the function answer the preflight, and the gateway responses.

use super::comment::write_wrapped;
use super::facts::{
    API_KEY_ID_DESCRIPTION, HTTP_API_ADDS_CORS_HEADERS, ITEMS_URL_DESCRIPTION, SAM_OPENAPI_VERSION,
};
use super::gateway_policy::{
    gateway_response_headers, gateway_response_tradeoff, GatewayHeaderValue,
    GATEWAY_RESPONSE_TYPES, REQUEST_ORIGIN,
};
use super::lambda_cors::Header;
use super::mock_preflight::{MOCK_REQUEST_TEMPLATE, MOCK_RESPONSE_BODY, MOCK_STATUS};
use crate::escape::{yaml_quoted, yaml_scalar, yaml_static_value};
use crate::example::{EXAMPLE_API_ID, EXAMPLE_ROUTE, EXAMPLE_STAGE};
use crate::model::{AllowedMethods, ApiType, Method, ValidCorsConfig};

/// Logical ID of the example function.
pub(crate) const FUNCTION_ID: &str = "ItemsFunction";
/// Where comments are wrapped (indentation included).
const COMMENT_WIDTH: usize = 100;

/// Builds YAML line by line with explicit indentation (2 spaces a level in every caller).
#[derive(Default)]
pub(crate) struct YamlWriter {
    out: String,
}

impl YamlWriter {
    /// One line `text` indented by `indent` spaces.
    pub(crate) fn line(&mut self, indent: usize, text: impl AsRef<str>) {
        self.out.extend(std::iter::repeat_n(' ', indent));
        self.out.push_str(text.as_ref());
        self.out.push('\n');
    }

    /// An empty line.
    pub(crate) fn blank(&mut self) {
        self.out.push('\n');
    }

    /// `key:` followed by a block list of YAML scalars.
    pub(crate) fn list(&mut self, indent: usize, key: &str, values: &[impl AsRef<str>]) {
        self.line(indent, format!("{key}:"));
        for value in values {
            self.line(indent + 2, format!("- {}", yaml_scalar(value.as_ref())));
        }
    }

    /// `text` as `#` comment lines, wrapped at word boundaries.
    pub(crate) fn comment(&mut self, indent: usize, text: &str) {
        write_wrapped(&mut self.out, "#", indent, COMMENT_WIDTH, text);
    }

    /// Raw text, written as is (it must end with a newline).
    pub(crate) fn raw(&mut self, text: &str) {
        self.out.push_str(text);
    }

    /// The YAML written so far.
    pub(crate) fn finish(self) -> String {
        self.out
    }
}

/// REST with several origins: SAM's `Cors` cannot be used, the function answers the preflight.
pub(crate) fn function_answers_preflight(config: &ValidCorsConfig) -> bool {
    config.api_type == ApiType::Rest && config.echoes_origin()
}

/// Why there is no `Cors` block (REST with several origins), for a comment.
pub(crate) fn no_cors_reason(config: &ValidCorsConfig) -> String {
    format!(
        "No Cors: SAM's Cors sends one fixed Access-Control-Allow-Origin value, and this API allows {} origins ({}). \
         A comma-joined list is not a valid value: browsers reject it. The function answers the preflight instead \
         (an OPTIONS event) and adds the CORS headers to every response it returns (lambda-python, \
         lambda-node).",
        config.origins.len(),
        config.origins.values().join(", ")
    )
}

/// The CORS settings of the API as properties at `indent`: `Cors:` (REST, one origin or `*`),
/// `CorsConfiguration:` (HTTP), or, for REST with several origins, a comment saying why there
/// is none.
pub(crate) fn write_cors(w: &mut YamlWriter, indent: usize, config: &ValidCorsConfig) {
    match config.api_type {
        ApiType::Rest => write_rest_cors(w, indent, config),
        ApiType::Http => write_http_cors(w, indent, config),
    }
}

fn write_rest_cors(w: &mut YamlWriter, indent: usize, config: &ValidCorsConfig) {
    let Some(origin) = config.fixed_origin() else {
        w.comment(indent, &no_cors_reason(config));
        return;
    };
    w.comment(
        indent,
        "SAM's Cors answers the preflight (OPTIONS) only: the function must add Access-Control-Allow-Origin \
         to every response it returns (lambda-python and lambda-node do).",
    );
    if !config.expose_headers.is_empty() {
        w.comment(
            indent,
            &format!(
                "REST Cors has no ExposeHeaders: the function sends Access-Control-Expose-Headers: {}.",
                config.expose_headers.join(",")
            ),
        );
    }
    w.line(indent, "Cors:");
    let inner = indent + 2;
    w.line(inner, format!("AllowOrigin: {}", yaml_static_value(origin)));
    w.line(
        inner,
        format!(
            "AllowMethods: {}",
            yaml_static_value(&config.methods.names().join(","))
        ),
    );
    if !config.allow_headers.is_empty() {
        w.line(
            inner,
            format!(
                "AllowHeaders: {}",
                yaml_static_value(&config.allow_headers.join(","))
            ),
        );
    }
    if let Some(max_age) = config.max_age {
        w.line(
            inner,
            format!("MaxAge: {}", yaml_static_value(&max_age.to_string())),
        );
    }
    w.line(
        inner,
        format!("AllowCredentials: {}", config.allow_credentials),
    );
}

/// `CorsConfiguration:` of an HTTP API at `indent`, with the comment on what API Gateway does
/// with it; the keys are the same in SAM and in `AWS::ApiGatewayV2::Api`.
pub(crate) fn write_http_cors(w: &mut YamlWriter, indent: usize, config: &ValidCorsConfig) {
    w.comment(indent, HTTP_API_ADDS_CORS_HEADERS);
    w.line(indent, "CorsConfiguration:");
    let inner = indent + 2;
    w.list(inner, "AllowOrigins", &config.origins.values());
    w.list(inner, "AllowMethods", &config.methods.names());
    if !config.allow_headers.is_empty() {
        w.list(inner, "AllowHeaders", &config.allow_headers);
    }
    if !config.expose_headers.is_empty() {
        w.list(inner, "ExposeHeaders", &config.expose_headers);
    }
    if let Some(max_age) = config.max_age {
        w.line(inner, format!("MaxAge: {max_age}"));
    }
    w.line(
        inner,
        format!("AllowCredentials: {}", config.allow_credentials),
    );
}

/// The `Auth` flags that keep SAM's generated OPTIONS method free of the authorizer and the API
/// key (browsers send neither on a preflight); empty when there is no such OPTIONS method.
pub(crate) fn preflight_auth_flags(config: &ValidCorsConfig) -> Vec<&'static str> {
    if config.api_type != ApiType::Rest || function_answers_preflight(config) {
        return Vec::new();
    }
    let mut flags = Vec::new();
    if config.authorizer_header.is_some() {
        flags.push("AddDefaultAuthorizerToCorsPreflight: false");
    }
    if config.api_key_required {
        flags.push("AddApiKeyRequiredToCorsPreflight: false");
    }
    flags
}

/// For the snippets: an `Auth:` block at `indent` with the preflight flags, if any.
pub(crate) fn write_preflight_auth(w: &mut YamlWriter, indent: usize, config: &ValidCorsConfig) {
    let flags = preflight_auth_flags(config);
    if flags.is_empty() {
        return;
    }
    w.line(indent, "Auth:");
    w.comment(
        indent + 2,
        "Keep these next to your DefaultAuthorizer and ApiKeyRequired: a browser's preflight carries \
         no token and no API key.",
    );
    for flag in flags {
        w.line(indent + 2, flag);
    }
}

/// An HTTP API note for an authorizer: the preflight must not hit it.
pub(crate) fn write_http_authorizer_note(
    w: &mut YamlWriter,
    indent: usize,
    config: &ValidCorsConfig,
) {
    if config.api_type == ApiType::Http && config.authorizer_header.is_some() {
        w.comment(
            indent,
            "With an authorizer, routes for single methods are fine: API Gateway answers the preflight. \
             A $default or ANY route would send OPTIONS to the authorizer, so add an OPTIONS route with \
             Auth: Authorizer: NONE next to it.",
        );
    }
}

/// The methods that get an API event on the example route: the allowed ones except OPTIONS
/// (the preflight is answered separately), `ANY` for `*`, and GET when only OPTIONS is allowed.
pub(crate) fn event_methods(config: &ValidCorsConfig) -> Vec<&'static str> {
    match &config.methods {
        AllowedMethods::Any => vec!["ANY"],
        AllowedMethods::List(list) => {
            let methods: Vec<&'static str> = list
                .iter()
                .filter(|m| **m != Method::Options)
                .map(|m| m.as_str())
                .collect();
            if methods.is_empty() {
                vec!["GET"]
            } else {
                methods
            }
        }
    }
}

/// Whether the example function gets an OPTIONS event: REST with several origins (the function
/// answers the preflight), or an HTTP API with an authorizer whose `ANY` route would catch OPTIONS.
pub(crate) fn needs_options_event(config: &ValidCorsConfig) -> bool {
    function_answers_preflight(config)
        || (config.api_type == ApiType::Http
            && config.authorizer_header.is_some()
            && config.methods == AllowedMethods::Any)
}

/// The logical ID of the event for `method` (`ItemsGet`, `ItemsAny`).
pub(crate) fn event_id(method: &str) -> String {
    let mut name = String::from("Items");
    let mut chars = method.chars();
    if let Some(first) = chars.next() {
        name.push(first);
        name.extend(chars.map(|c| c.to_ascii_lowercase()));
    }
    name
}

/// One API event of the example function at `indent` (the event's logical ID line first).
/// `api_ref` adds `RestApiId`/`ApiId: !Ref CorsApi` (omitted for the implicit API of Globals).
pub(crate) fn write_event(
    w: &mut YamlWriter,
    indent: usize,
    config: &ValidCorsConfig,
    method: &str,
    api_ref: bool,
) {
    w.line(indent, format!("{}:", event_id(method)));
    let props = indent + 4;
    match config.api_type {
        ApiType::Rest => {
            w.line(indent + 2, "Type: Api");
            w.line(indent + 2, "Properties:");
            if api_ref {
                w.line(props, format!("RestApiId: !Ref {EXAMPLE_API_ID}"));
            }
        }
        ApiType::Http => {
            w.line(indent + 2, "Type: HttpApi");
            w.line(indent + 2, "Properties:");
            if api_ref {
                w.line(props, format!("ApiId: !Ref {EXAMPLE_API_ID}"));
            }
        }
    }
    w.line(props, format!("Path: {EXAMPLE_ROUTE}"));
    w.line(props, format!("Method: {method}"));
    if config.api_type == ApiType::Http {
        w.line(
            props,
            format!(
                "PayloadFormatVersion: \"{}\"",
                config.payload_format.as_str()
            ),
        );
    }
    if method == "OPTIONS" {
        write_options_event_auth(w, props, config);
    }
}

/// REST with several origins: the OPTIONS event of the function that answers the preflight, as
/// a fragment to merge into a template (`Resources:` at `indent - 2`, written by the caller):
/// the function at `indent`, its `Events:` and the event. One OPTIONS event per path: two
/// functions with one for the same path make the SAM transform fail.
pub(crate) fn write_preflight_function(
    w: &mut YamlWriter,
    indent: usize,
    config: &ValidCorsConfig,
    api_ref: bool,
) {
    w.comment(
        indent,
        &format!(
            "One OPTIONS event per path, on the one function that answers the preflight \
             ({FUNCTION_ID} stands for it; merge this into its Events). An OPTIONS event for the same \
             path on a second function makes the SAM transform fail; the other functions keep their \
             own methods only."
        ),
    );
    w.line(indent, format!("{FUNCTION_ID}:"));
    w.line(indent + 2, "Properties:");
    w.line(indent + 4, "Events:");
    write_event(w, indent + 6, config, "OPTIONS", api_ref);
}

/// On the OPTIONS event: no authorizer, no API key (browsers send neither on a preflight).
fn write_options_event_auth(w: &mut YamlWriter, indent: usize, config: &ValidCorsConfig) {
    let key = config.api_type == ApiType::Rest && config.api_key_required;
    if config.authorizer_header.is_none() && !key {
        return;
    }
    w.line(indent, "Auth:");
    if config.authorizer_header.is_some() {
        w.line(indent + 2, "Authorizer: NONE");
    }
    if key {
        w.line(indent + 2, "ApiKeyRequired: false");
    }
}

/// `OpenApiVersion` for a REST API (`AWS::Serverless::Api` or `Globals: Api:`) at `indent`:
/// without it SAM also creates a stage named `Stage`.
pub(crate) fn write_openapi_version(w: &mut YamlWriter, indent: usize, config: &ValidCorsConfig) {
    if config.api_type == ApiType::Rest {
        w.line(
            indent,
            format!(
                "OpenApiVersion: {}",
                yaml_quoted_single(SAM_OPENAPI_VERSION)
            ),
        );
    }
}

/// `'value'`: a YAML single-quoted scalar (the value has no single quote).
fn yaml_quoted_single(value: &str) -> String {
    format!("'{value}'")
}

/// `GatewayResponses:` at `indent` (REST): DEFAULT_4XX and DEFAULT_5XX with the CORS headers of
/// the shared policy (`gateway_policy`), so the browser shows API Gateway's own errors
/// (authorizer, API key, throttling, integration failures) instead of a CORS error.
pub(crate) fn write_gateway_responses(w: &mut YamlWriter, indent: usize, config: &ValidCorsConfig) {
    if let Some(tradeoff) = gateway_response_tradeoff(config) {
        w.comment(indent, &tradeoff);
    }
    let headers = gateway_response_headers(config);
    w.line(indent, "GatewayResponses:");
    for response_type in GATEWAY_RESPONSE_TYPES {
        w.line(indent + 2, format!("{response_type}:"));
        w.line(indent + 4, "ResponseParameters:");
        w.line(indent + 6, "Headers:");
        for (name, value) in &headers {
            w.line(
                indent + 8,
                format!("{name}: {}", gateway_header_value(value)),
            );
        }
    }
}

/// A REST OPTIONS method's MOCK integration answering the preflight with `headers` (from
/// `mock_preflight`), and its method response declaring them, as the CloudFormation properties
/// `Integration:` and `MethodResponses:` at `indent`.
pub(crate) fn write_mock_integration(w: &mut YamlWriter, indent: usize, headers: &[Header]) {
    w.line(indent, "Integration:");
    w.line(indent + 2, "Type: MOCK");
    w.line(indent + 2, "RequestTemplates:");
    w.line(
        indent + 4,
        format!("application/json: {}", yaml_scalar(MOCK_REQUEST_TEMPLATE)),
    );
    w.line(indent + 2, "IntegrationResponses:");
    w.line(
        indent + 4,
        format!("- StatusCode: {}", yaml_quoted(MOCK_STATUS)),
    );
    w.line(indent + 6, "ResponseParameters:");
    for (name, value) in headers {
        w.line(
            indent + 8,
            format!(
                "method.response.header.{name}: {}",
                yaml_static_value(value)
            ),
        );
    }
    w.line(indent + 6, "ResponseTemplates:");
    w.line(
        indent + 8,
        format!("application/json: {}", yaml_scalar(MOCK_RESPONSE_BODY)),
    );
    w.line(indent, "MethodResponses:");
    w.line(
        indent + 2,
        format!("- StatusCode: {}", yaml_quoted(MOCK_STATUS)),
    );
    w.line(indent + 4, "ResponseParameters:");
    for (name, _) in headers {
        // `false`: the header is declared, not required of the integration.
        w.line(indent + 6, format!("method.response.header.{name}: false"));
    }
}

/// A gateway response header's value as a YAML scalar: a static value in API Gateway's single
/// quotes, or the unquoted mapping of the request's Origin.
pub(crate) fn gateway_header_value(value: &GatewayHeaderValue) -> String {
    match value {
        GatewayHeaderValue::Static(text) => yaml_static_value(text),
        GatewayHeaderValue::RequestOrigin => yaml_scalar(REQUEST_ORIGIN),
    }
}

/// The logical ID of the example API's key (REST with `apiKeyRequired`): the name SAM gives it,
/// which the CloudFormation template uses too.
pub(crate) fn api_key_id() -> String {
    format!("{EXAMPLE_API_ID}ApiKey")
}

/// The `AWSTemplateFormatVersion` line of the complete templates.
pub(crate) fn write_format_version(w: &mut YamlWriter) {
    w.line(0, "AWSTemplateFormatVersion: \"2010-09-09\"");
}

/// The `Description` line of the complete templates: the API type and the example route.
pub(crate) fn write_description(w: &mut YamlWriter, config: &ValidCorsConfig) {
    w.line(
        0,
        format!(
            "Description: {}",
            yaml_scalar(&format!(
                "{} with CORS: one Python function on {EXAMPLE_ROUTE}",
                config.api_type.display_name()
            ))
        ),
    );
}

/// The `Outputs:` section of the complete templates (`sam-template`, `cloudformation`): the
/// example route's URL and, with an API key, the key's ID.
pub(crate) fn write_outputs(w: &mut YamlWriter, config: &ValidCorsConfig) {
    w.line(0, "Outputs:");
    w.line(2, "ItemsUrl:");
    w.line(4, format!("Description: {ITEMS_URL_DESCRIPTION}"));
    w.line(
        4,
        format!(
            "Value: !Sub \"https://${{{EXAMPLE_API_ID}}}.execute-api.${{AWS::Region}}.${{AWS::URLSuffix}}/{EXAMPLE_STAGE}{EXAMPLE_ROUTE}\""
        ),
    );
    if config.api_type == ApiType::Rest && config.api_key_required {
        w.line(2, "ApiKeyId:");
        w.line(4, format!("Description: {API_KEY_ID_DESCRIPTION}"));
        w.line(4, format!("Value: !Ref {}", api_key_id()));
    }
}
