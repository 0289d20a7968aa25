//! Target `serverless`: a complete `serverless.yml` (Serverless Framework v3 syntax, for osls 4,
//! the open-source fork on npm) describing the same deployment as `sam-template` and
//! `cloudformation`: the Python function of `lambda-python` on `/items`, the placeholder token
//! authorizer and the API key when configured, and the CORS:
//!
//! - HTTP API: `provider.httpApi.cors`, every key written (an omitted `allowedHeaders` would
//!   allow the framework's seven default headers);
//! - REST API: the `cors` block of each `http` event, with which the framework writes the
//!   OPTIONS MOCK itself. Where that MOCK cannot say what is configured, the preflight is
//!   answered as in `cloudformation`: `maxAge: 0` gets the OPTIONS method written out under
//!   `resources` (the framework's `cors` takes a `maxAge` of 1 or more), several origins send it
//!   to the function. The DEFAULT_4XX/5XX gateway responses, which the framework does not write, go
//!   under `resources`, and an `extensions` entry makes the framework's deployment wait for them.
//!
//! The framework's own names are used where the file refers to what it generates
//! (`ApiGatewayRestApi`, `ApiGatewayResourceItems`, `ApiGatewayMethodItemsGet`).

use super::Target;
use crate::emit::example_functions::{authorizer_source, AUTHORIZER_ID, HANDLER, RUNTIME};
use crate::emit::facts::{
    FUNCTION_ANSWERS_PREFLIGHT, HTTP_API_ADDS_CORS_HEADERS, OPTIONS_ROUTE_SKIPS_AUTHORIZER,
};
use crate::emit::gateway_policy::{
    gateway_response_headers, gateway_response_tradeoff, GATEWAY_RESPONSE_TYPES,
};
use crate::emit::lambda_cors::Header;
use crate::emit::mock_preflight::mock_preflight_headers;
use crate::emit::sam_yaml::{self, YamlWriter};
use crate::escape::{yaml_quoted, yaml_scalar};
use crate::example::{EXAMPLE_REGION, EXAMPLE_ROUTE, EXAMPLE_STAGE};
use crate::model::{AllowedMethods, ApiType, Method, ValidCorsConfig};

/// The service name (the stack is `cors-api-<stage>`).
const SERVICE: &str = "cors-api";
/// The osls major version the file is written for (osls checks `frameworkVersion` as a semver
/// range; the conformance suite packages every case with osls 4.3.1).
const FRAMEWORK_VERSION: &str = "4";
/// The example function's name in `functions:`.
const ITEMS_FUNCTION: &str = "items";
/// The placeholder authorizer's function name in `functions:`.
const AUTHORIZER_FUNCTION: &str = "authorizer";
/// The placeholder authorizer's module and handler (the file is written at the end, in comments).
const AUTHORIZER_MODULE: &str = "authorizer";
/// The framework's logical ID of the REST API.
const REST_API_ID: &str = "ApiGatewayRestApi";
/// The framework's logical ID of the REST API's `/items` resource.
const RESOURCE_ID: &str = "ApiGatewayResourceItems";
/// The methods the framework writes in Access-Control-Allow-Methods for an `ANY` event (its
/// `cors` turns ANY into this list).
const FRAMEWORK_ANY_METHODS: &str = "DELETE,GET,HEAD,PATCH,POST,PUT";

/// How a REST API answers the preflight in this file.
enum RestPreflight {
    /// The framework's MOCK, from the `cors` block of each event.
    FrameworkCors,
    /// `maxAge: 0`: the OPTIONS MOCK written out under `resources` with these headers.
    OwnMock(Vec<Header>),
    /// Several origins: an OPTIONS event to the function.
    Function,
}

impl RestPreflight {
    fn of(config: &ValidCorsConfig) -> RestPreflight {
        match mock_preflight_headers(config) {
            None => RestPreflight::Function,
            Some(headers) if config.max_age == Some(0) => RestPreflight::OwnMock(headers),
            Some(_) => RestPreflight::FrameworkCors,
        }
    }
}

/// Renders this target.
pub(super) fn render(config: &ValidCorsConfig) -> String {
    let mut w = YamlWriter::default();
    write_header(&mut w, config);
    w.line(0, format!("service: {SERVICE}"));
    w.line(
        0,
        format!("frameworkVersion: {}", yaml_quoted(FRAMEWORK_VERSION)),
    );
    w.blank();
    write_provider(&mut w, config);
    w.blank();
    write_package(&mut w, config);
    w.blank();
    write_functions(&mut w, config);
    if config.api_type == ApiType::Rest {
        w.blank();
        write_rest_resources(&mut w, config);
    }
    if let Some(header) = &config.authorizer_header {
        w.blank();
        write_authorizer_file(&mut w, config, header);
    }
    w.finish()
}

/// The file names the deployment package needs next to `serverless.yml`.
fn handler_files(config: &ValidCorsConfig) -> Vec<String> {
    let mut files = vec![Target::LambdaPython.file_name().to_owned()];
    if config.authorizer_header.is_some() {
        files.push(format!("{AUTHORIZER_MODULE}.py"));
    }
    files
}

fn write_header(w: &mut YamlWriter, config: &ValidCorsConfig) {
    let files = handler_files(config);
    let authorizer = if files.len() > 1 {
        format!(
            " and {}, the placeholder authorizer written in comments at the end of this file",
            files[1]
        )
    } else {
        String::new()
    };
    w.comment(
        0,
        &format!(
            "Serverless Framework v3 syntax for osls 4 (npm install osls; the open-source fork \
             needs no account): deploy with npx osls deploy. Next to this file: {}, the \
             lambda-python output (handler {HANDLER}){authorizer}.",
            files[0]
        ),
    );
    let url = match config.api_type {
        ApiType::Rest => format!(
            "the ServiceEndpoint output (it ends in /{EXAMPLE_STAGE}) followed by {EXAMPLE_ROUTE}"
        ),
        ApiType::Http => format!(
            "the HttpApiUrl output followed by {EXAMPLE_ROUTE} (the framework deploys HTTP APIs to \
             the $default stage, so the URL has no stage name)"
        ),
    };
    w.comment(0, &format!("The API's URL: {url}."));
}

// ------------------------------------------------------------------------------- provider

fn write_provider(w: &mut YamlWriter, config: &ValidCorsConfig) {
    w.line(0, "provider:");
    w.line(2, "name: aws");
    w.line(2, format!("runtime: {RUNTIME}"));
    w.line(2, format!("region: {}", yaml_scalar(EXAMPLE_REGION)));
    w.line(2, format!("stage: {}", yaml_scalar(EXAMPLE_STAGE)));
    match config.api_type {
        ApiType::Rest if config.api_key_required => {
            w.comment(
                2,
                "The methods require an API key (X-Api-Key): the framework makes this key and a \
                 usage plan for the stage.",
            );
            w.line(2, "apiGateway:");
            w.line(4, "apiKeys:");
            w.line(6, format!("- {SERVICE}-key"));
        }
        ApiType::Rest => {}
        ApiType::Http => write_http_api(w, config),
    }
}

/// `provider.httpApi`: the CORS configuration, the payload format and the authorizer.
fn write_http_api(w: &mut YamlWriter, config: &ValidCorsConfig) {
    w.line(2, "httpApi:");
    w.comment(4, HTTP_API_ADDS_CORS_HEADERS);
    w.line(4, "cors:");
    w.list(6, "allowedOrigins", &config.origins.values());
    w.list(6, "allowedMethods", &config.methods.names());
    if config.allow_headers.is_empty() {
        w.comment(
            6,
            "No headers beyond the CORS-safelisted ones: an omitted allowedHeaders would allow \
             the framework's seven default headers.",
        );
    }
    write_list_or_empty(w, 6, "allowedHeaders", &config.allow_headers);
    if !config.expose_headers.is_empty() {
        w.list(6, "exposedResponseHeaders", &config.expose_headers);
    }
    if let Some(max_age) = config.max_age {
        w.line(6, format!("maxAge: {max_age}"));
    }
    w.line(6, format!("allowCredentials: {}", config.allow_credentials));
    w.line(
        4,
        format!("payload: {}", yaml_quoted(config.payload_format.as_str())),
    );
    if let Some(header) = &config.authorizer_header {
        w.line(4, "authorizers:");
        w.line(6, format!("{AUTHORIZER_ID}:"));
        w.line(8, "type: request");
        w.line(8, format!("functionName: {AUTHORIZER_FUNCTION}"));
        w.line(
            8,
            format!(
                "identitySource: {}",
                yaml_scalar(&format!("$request.header.{header}"))
            ),
        );
        w.line(8, "enableSimpleResponses: true");
        w.line(8, "payloadVersion: \"2.0\"");
    }
}

/// `key:` with a block list, or `key: []` when `values` is empty (an empty block would be null).
fn write_list_or_empty(w: &mut YamlWriter, indent: usize, key: &str, values: &[String]) {
    if values.is_empty() {
        w.line(indent, format!("{key}: []"));
    } else {
        w.list(indent, key, values);
    }
}

/// Only the handlers go into the deployment package.
fn write_package(w: &mut YamlWriter, config: &ValidCorsConfig) {
    w.line(0, "package:");
    w.comment(
        2,
        "The deployment package holds the handlers and nothing else.",
    );
    let patterns: Vec<String> = std::iter::once("!**".to_owned())
        .chain(handler_files(config))
        .collect();
    w.list(2, "patterns", &patterns);
}

// ------------------------------------------------------------------------------- functions

fn write_functions(w: &mut YamlWriter, config: &ValidCorsConfig) {
    w.line(0, "functions:");
    w.line(2, format!("{ITEMS_FUNCTION}:"));
    w.line(4, format!("handler: {HANDLER}"));
    w.line(4, "events:");
    match config.api_type {
        ApiType::Rest => write_rest_events(w, config),
        ApiType::Http => write_http_events(w, config),
    }
    if config.authorizer_header.is_some() {
        w.line(2, format!("{AUTHORIZER_FUNCTION}:"));
        w.line(4, format!("handler: {AUTHORIZER_MODULE}.handler"));
    }
}

fn write_http_events(w: &mut YamlWriter, config: &ValidCorsConfig) {
    for method in sam_yaml::event_methods(config) {
        write_http_event(w, method, config.authorizer_header.is_some());
    }
    if sam_yaml::needs_options_event(config) {
        w.comment(6, OPTIONS_ROUTE_SKIPS_AUTHORIZER);
        write_http_event(w, "OPTIONS", false);
    }
}

fn write_http_event(w: &mut YamlWriter, method: &str, authorizer: bool) {
    w.line(6, "- httpApi:");
    w.line(10, format!("path: {EXAMPLE_ROUTE}"));
    w.line(10, format!("method: {method}"));
    if authorizer {
        w.line(10, "authorizer:");
        w.line(12, format!("name: {AUTHORIZER_ID}"));
    }
}

fn write_rest_events(w: &mut YamlWriter, config: &ValidCorsConfig) {
    let preflight = RestPreflight::of(config);
    match &preflight {
        RestPreflight::FrameworkCors => write_framework_cors_note(w, config),
        RestPreflight::OwnMock(_) => w.comment(
            6,
            "No cors on the events: the framework's cors cannot send Access-Control-Max-Age: 0 \
             (its maxAge must be 1 or more, and without the header browsers cache the preflight \
             for 5 seconds). The OPTIONS method is written out under resources instead, with the \
             headers the cloudformation target's MOCK sends.",
        ),
        RestPreflight::Function => w.comment(
            6,
            &format!(
                "No cors on the events: with several origins the framework's MOCK chooses the \
                 Access-Control-Allow-Origin with a mapping template that matches each origin as \
                 a regular expression (* is a wildcard; the brackets of an IPv6 origin never \
                 match) and sends no Vary: Origin. {FUNCTION_ANSWERS_PREFLIGHT} It compares the \
                 {} origins exactly and adds Vary: Origin, as in the cloudformation target.",
                config.origins.len()
            ),
        ),
    }
    for method in sam_yaml::event_methods(config) {
        write_rest_event(w, config, method);
        if matches!(preflight, RestPreflight::FrameworkCors) {
            write_framework_cors(w, config);
        }
    }
    if matches!(preflight, RestPreflight::Function) {
        w.comment(
            6,
            "No authorizer and no API key on OPTIONS: a browser sends neither a token nor a key \
             with a preflight, so either would answer it 401 or 403.",
        );
        write_rest_event(w, config, "OPTIONS");
    }
}

/// One `http` event on `/items`; the authorizer and the API key on every method but OPTIONS.
fn write_rest_event(w: &mut YamlWriter, config: &ValidCorsConfig, method: &str) {
    w.line(6, "- http:");
    w.line(10, format!("path: {EXAMPLE_ROUTE}"));
    w.line(10, format!("method: {method}"));
    if method == "OPTIONS" {
        return;
    }
    if let Some(header) = &config.authorizer_header {
        w.line(10, "authorizer:");
        w.line(12, format!("name: {AUTHORIZER_FUNCTION}"));
        w.line(12, "type: token");
        w.line(
            12,
            format!(
                "identitySource: {}",
                yaml_scalar(&format!("method.request.header.{header}"))
            ),
        );
    }
    if config.api_key_required {
        w.line(10, "private: true");
    }
}

/// What the framework's MOCK sends that differs from the configuration, for the comment above
/// the events: each difference with why it changes nothing for a browser.
fn write_framework_cors_note(w: &mut YamlWriter, config: &ValidCorsConfig) {
    let mut note = String::from(
        "The cors block of each event makes the framework answer the preflight itself: an \
         OPTIONS method with a MOCK integration, without the authorizer or the API key (a \
         browser sends neither with a preflight). It answers the preflight only: the function \
         adds Access-Control-Allow-Origin to every response it returns.",
    );
    match &config.methods {
        AllowedMethods::Any => note.push_str(&format!(
            " For ANY the framework sends Access-Control-Allow-Methods: \
             {FRAMEWORK_ANY_METHODS},OPTIONS instead of *: every method a REST API has."
        )),
        AllowedMethods::List(list) if !list.contains(&Method::Options) => note.push_str(
            " It adds OPTIONS to Access-Control-Allow-Methods; browsers never ask for it.",
        ),
        AllowedMethods::List(_) => {}
    }
    if config.allow_headers.is_empty() {
        note.push_str(
            " It always sends Access-Control-Allow-Headers: empty here, it allows no header \
             beyond the CORS-safelisted ones, as configured (without headers: [] it would allow \
             its seven default headers).",
        );
    }
    if !config.expose_headers.is_empty() {
        note.push_str(&format!(
            " No Access-Control-Expose-Headers in cors: it matters on the actual responses, and \
             the function sends it there ({}).",
            config.expose_headers.join(",")
        ));
    }
    w.comment(6, &note);
}

/// The `cors` block of an `http` event (one origin or `*`).
fn write_framework_cors(w: &mut YamlWriter, config: &ValidCorsConfig) {
    let origin = config.origins.values()[0];
    w.line(10, "cors:");
    w.line(12, format!("origin: {}", yaml_quoted(origin)));
    let methods: Vec<&str> = match &config.methods {
        AllowedMethods::Any => vec!["ANY"],
        AllowedMethods::List(list) => list.iter().map(|m| m.as_str()).collect(),
    };
    w.list(12, "methods", &methods);
    write_list_or_empty(w, 12, "headers", &config.allow_headers);
    w.line(
        12,
        format!("allowCredentials: {}", config.allow_credentials),
    );
    if let Some(max_age) = config.max_age {
        w.line(12, format!("maxAge: {max_age}"));
    }
}

// ------------------------------------------------------------------------------- resources

/// The framework's logical ID of the REST method for `method` on `/items`.
fn framework_method_id(method: &str) -> String {
    format!("ApiGatewayMethod{}", sam_yaml::event_id(method))
}

/// The logical ID of a gateway response: `GatewayResponseDefault4XX`.
fn gateway_response_id(response_type: &str) -> String {
    let kind = response_type
        .strip_prefix("DEFAULT_")
        .unwrap_or(response_type);
    format!("GatewayResponseDefault{kind}")
}

/// A reference to the framework's resource `id`, in flow style.
fn reference(id: &str) -> String {
    format!("{{ Ref: {id} }}")
}

/// `resources`: the gateway responses, the OPTIONS MOCK for `maxAge: 0`, and the extension that
/// makes the framework's deployment wait for them.
fn write_rest_resources(w: &mut YamlWriter, config: &ValidCorsConfig) {
    w.line(0, "resources:");
    w.line(2, "Resources:");
    let mut waited_for = Vec::new();
    if let RestPreflight::OwnMock(headers) = RestPreflight::of(config) {
        let id = framework_method_id("OPTIONS");
        write_own_options_method(w, &id, &headers);
        w.blank();
        waited_for.push(id);
    }
    write_gateway_responses(w, config);
    waited_for.extend(GATEWAY_RESPONSE_TYPES.map(gateway_response_id));
    w.line(2, "extensions:");
    w.comment(
        4,
        "The framework's deployment waits for the methods it makes, and nothing else: through \
         this method it also waits for the resources above, which could otherwise be made after \
         it and reach the stage only with the next deploy. (Every deploy makes a new deployment, \
         so a changed CORS configuration reaches the stage.)",
    );
    let first_method = sam_yaml::event_methods(config)[0];
    w.line(4, format!("{}:", framework_method_id(first_method)));
    w.list(6, "DependsOn", &waited_for);
}

/// The OPTIONS method with the MOCK of `mock_preflight` (the cloudformation target's).
fn write_own_options_method(w: &mut YamlWriter, id: &str, headers: &[Header]) {
    w.line(4, format!("{id}:"));
    w.line(6, "Type: AWS::ApiGateway::Method");
    w.line(6, "Properties:");
    w.line(8, format!("RestApiId: {}", reference(REST_API_ID)));
    w.line(8, format!("ResourceId: {}", reference(RESOURCE_ID)));
    w.line(8, "HttpMethod: OPTIONS");
    w.comment(
        8,
        "No authorizer and no API key on OPTIONS: a browser sends neither a token nor a key \
         with a preflight, so either would answer it 401 or 403.",
    );
    w.line(8, "AuthorizationType: NONE");
    w.line(8, "ApiKeyRequired: false");
    sam_yaml::write_mock_integration(w, 8, headers);
}

/// DEFAULT_4XX and DEFAULT_5XX with the headers of the shared policy (`gateway_policy`).
fn write_gateway_responses(w: &mut YamlWriter, config: &ValidCorsConfig) {
    w.comment(
        4,
        "API Gateway's own errors (authorizer, API key, throttling, a failing integration) never \
         reach the function, and the framework adds no CORS headers to them: these do, so the \
         browser shows the real status instead of a CORS error.",
    );
    if let Some(tradeoff) = gateway_response_tradeoff(config) {
        w.comment(4, &tradeoff);
    }
    let headers = gateway_response_headers(config);
    for response_type in GATEWAY_RESPONSE_TYPES {
        w.line(4, format!("{}:", gateway_response_id(response_type)));
        w.line(6, "Type: AWS::ApiGateway::GatewayResponse");
        w.line(6, "Properties:");
        w.line(8, format!("RestApiId: {}", reference(REST_API_ID)));
        w.line(8, format!("ResponseType: {response_type}"));
        w.line(8, "ResponseParameters:");
        for (name, value) in &headers {
            w.line(
                10,
                format!(
                    "gatewayresponse.header.{name}: {}",
                    sam_yaml::gateway_header_value(value)
                ),
            );
        }
        w.blank();
    }
}

// ------------------------------------------------------------------------------- authorizer

/// The placeholder authorizer's code, as comment lines to save as `authorizer.py` (the
/// framework cannot take code inline). Each line is the code's line after `# `.
fn write_authorizer_file(w: &mut YamlWriter, config: &ValidCorsConfig, header: &str) {
    w.comment(
        0,
        &format!(
            "{AUTHORIZER_MODULE}.py, the placeholder authorizer (save the lines below without \
             their leading \"# \"):"
        ),
    );
    for line in authorizer_source(config, header).lines() {
        if line.is_empty() {
            w.line(0, "#");
        } else {
            w.line(0, format!("# {line}"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::targets::valid_from_json as valid;

    #[test]
    fn rest_one_origin_uses_the_framework_cors_on_every_event() {
        let text = render(&valid(
            r#"{"apiType": "rest", "allowOrigins": ["https://app.example.com"], "allowMethods": ["GET", "POST"],
                "allowHeaders": ["X-Token"], "maxAge": 600, "authorizerHeader": "X-Token", "apiKeyRequired": true}"#,
        ));
        let event = |method: &str| {
            format!(
                "      - http:
          path: /items
          method: {method}
          authorizer:
            name: authorizer
            type: token
            identitySource: method.request.header.X-Token
          private: true
          cors:
            origin: \"https://app.example.com\"
            methods:
              - GET
              - POST
            headers:
              - X-Token
            allowCredentials: false
            maxAge: 600
"
            )
        };
        assert!(text.contains(&event("GET")), "{text}");
        assert!(text.contains(&event("POST")));
        assert!(text.contains("  apiGateway:\n    apiKeys:\n      - cors-api-key\n"));
        assert!(text.contains(
            "  extensions:
    # The framework's deployment waits for the methods it makes, and nothing else: through this
    # method it also waits for the resources above, which could otherwise be made after it and reach
    # the stage only with the next deploy. (Every deploy makes a new deployment, so a changed CORS
    # configuration reaches the stage.)
    ApiGatewayMethodItemsGet:
      DependsOn:
        - GatewayResponseDefault4XX
        - GatewayResponseDefault5XX
"
        ));
        assert!(!text.contains("method: OPTIONS"));
        assert!(text.contains("# def handler(event, context):\n"));
    }

    #[test]
    fn rest_max_age_zero_writes_the_options_mock_and_waits_for_it() {
        let text = render(&valid(
            r#"{"apiType": "rest", "allowOrigins": ["*"], "allowMethods": ["*"], "maxAge": 0}"#,
        ));
        assert!(!text.contains("cors:"));
        assert!(text.contains(
            "    ApiGatewayMethodItemsOptions:
      Type: AWS::ApiGateway::Method
      Properties:
        RestApiId: { Ref: ApiGatewayRestApi }
        ResourceId: { Ref: ApiGatewayResourceItems }
        HttpMethod: OPTIONS
"
        ));
        assert!(
            text.contains("              method.response.header.Access-Control-Max-Age: \"'0'\"\n")
        );
        assert!(text.contains(
            "    ApiGatewayMethodItemsAny:
      DependsOn:
        - ApiGatewayMethodItemsOptions
        - GatewayResponseDefault4XX
        - GatewayResponseDefault5XX
"
        ));
    }

    #[test]
    fn rest_several_origins_send_the_preflight_to_the_function_without_authorizer_or_key() {
        let text = render(&valid(
            r#"{"apiType": "rest", "allowOrigins": ["https://a.example.com", "https://b.example.com"],
                "allowMethods": ["GET"], "authorizerHeader": "X-Token", "apiKeyRequired": true}"#,
        ));
        assert!(!text.contains("cors:"));
        assert!(text.contains(
            "          private: true
      # No authorizer and no API key on OPTIONS: a browser sends neither a token nor a key with a
      # preflight, so either would answer it 401 or 403.
      - http:
          path: /items
          method: OPTIONS
  authorizer:
    handler: authorizer.handler
"
        ));
        assert!(text.contains(
            "          gatewayresponse.header.Access-Control-Allow-Origin: method.request.header.origin\n"
        ));
    }

    #[test]
    fn http_cors_keeps_every_key_and_the_options_route_skips_the_authorizer() {
        let text = render(&valid(
            r#"{"apiType": "http", "allowOrigins": ["https://app.example.com"], "allowMethods": ["*"],
                "authorizerHeader": "Authorization", "payloadFormatVersion": "1.0"}"#,
        ));
        assert!(text.contains(
            "    cors:
      allowedOrigins:
        - https://app.example.com
      allowedMethods:
        - \"*\"
      # No headers beyond the CORS-safelisted ones: an omitted allowedHeaders would allow the
      # framework's seven default headers.
      allowedHeaders: []
      allowCredentials: false
    payload: \"1.0\"
    authorizers:
      TokenAuthorizer:
        type: request
        functionName: authorizer
        identitySource: \"$request.header.Authorization\"
        enableSimpleResponses: true
        payloadVersion: \"2.0\"
"
        ));
        assert!(text.contains(
            "      - httpApi:
          path: /items
          method: ANY
          authorizer:
            name: TokenAuthorizer
      # The preflight skips the authorizer: the ANY route would otherwise send OPTIONS to it.
      - httpApi:
          path: /items
          method: OPTIONS
"
        ));
        assert!(!text.contains("resources:"));
    }
}
