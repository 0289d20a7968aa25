//! YAML pieces shared by the SAM targets (`sam-globals`, `sam-resource`, `sam-template`,
//! `gateway-responses`): the CORS block, the preflight flags for authorizers and API keys, the
//! OPTIONS event that lets the function answer the preflight, and the gateway responses.

use crate::escape::{yaml_scalar, yaml_static_value};
use crate::model::{AllowedMethods, ApiType, Method, ValidCorsConfig};

/// Logical ID of the example API.
pub(crate) const API_ID: &str = "CorsApi";
/// The example API's stage.
pub(crate) const STAGE: &str = "prod";
/// The example route.
pub(crate) const ROUTE: &str = "/items";
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
        let width = COMMENT_WIDTH.saturating_sub(indent + 2).max(40);
        let mut current = String::new();
        for word in text.split_whitespace() {
            if !current.is_empty() && current.len() + 1 + word.len() > width {
                self.line(indent, format!("# {current}"));
                current.clear();
            }
            if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(word);
        }
        if !current.is_empty() {
            self.line(indent, format!("# {current}"));
        }
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
         (an OPTIONS event) and adds the CORS headers to every response (lambda-python, lambda-node).",
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

fn write_http_cors(w: &mut YamlWriter, indent: usize, config: &ValidCorsConfig) {
    w.comment(
        indent,
        "API Gateway answers the preflight and adds these headers to every response; it ignores CORS \
         headers returned by the function.",
    );
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
                w.line(props, format!("RestApiId: !Ref {API_ID}"));
            }
        }
        ApiType::Http => {
            w.line(indent + 2, "Type: HttpApi");
            w.line(indent + 2, "Properties:");
            if api_ref {
                w.line(props, format!("ApiId: !Ref {API_ID}"));
            }
        }
    }
    w.line(props, format!("Path: {ROUTE}"));
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

/// The value of Access-Control-Allow-Origin on API Gateway's own error responses, and whether
/// it is the request's Origin (several origins without credentials).
fn gateway_response_origin(config: &ValidCorsConfig) -> (String, bool) {
    match config.fixed_origin() {
        Some(origin) => (yaml_static_value(origin), false),
        None if !config.allow_credentials => (yaml_scalar("method.request.header.origin"), true),
        None => (yaml_static_value(config.origins.values()[0]), false),
    }
}

/// `GatewayResponses:` at `indent` (REST): DEFAULT_4XX and DEFAULT_5XX with the CORS headers, so
/// the browser shows API Gateway's own errors (authorizer, API key, throttling, integration
/// failures) instead of a CORS error.
pub(crate) fn write_gateway_responses(w: &mut YamlWriter, indent: usize, config: &ValidCorsConfig) {
    let (origin, echoed) = gateway_response_origin(config);
    if echoed {
        w.comment(
            indent,
            "Several origins: these errors echo the request's Origin. Gateway responses cannot check it \
             against the list, so any site can read them; that is safe only because credentials are off \
             (the errors carry no user data).",
        );
    } else if config.echoes_origin() {
        w.comment(
            indent,
            &format!(
                "Several origins with credentials: echoing the request's Origin here would let any site read \
                 these errors with the user's cookies, so they carry the first origin only ({}). On the \
                 other origins the browser reports a CORS error instead of the error status; successful \
                 responses come from the function, which echoes every allowed origin.",
                config.origins.values()[0]
            ),
        );
    }
    w.line(indent, "GatewayResponses:");
    for response_type in ["DEFAULT_4XX", "DEFAULT_5XX"] {
        w.line(indent + 2, format!("{response_type}:"));
        w.line(indent + 4, "ResponseParameters:");
        w.line(indent + 6, "Headers:");
        let header = indent + 8;
        w.line(header, format!("Access-Control-Allow-Origin: {origin}"));
        if config.allow_credentials {
            w.line(
                header,
                format!(
                    "Access-Control-Allow-Credentials: {}",
                    yaml_static_value("true")
                ),
            );
        }
        if !config.expose_headers.is_empty() {
            w.line(
                header,
                format!(
                    "Access-Control-Expose-Headers: {}",
                    yaml_static_value(&config.expose_headers.join(","))
                ),
            );
        }
        if echoed {
            w.line(header, format!("Vary: {}", yaml_static_value("Origin")));
        }
    }
}
