//! Target `openapi`: an OpenAPI 3.0.1 definition (YAML) of the same API as `sam-template`: the
//! example route to one Lambda function (proxy integration), with its CORS in API Gateway's
//! extensions: `x-amazon-apigateway-cors` on HTTP APIs; on REST APIs an `options` operation
//! (a MOCK with the answer of `emit/mock_preflight.rs`, or the function for several origins)
//! and `x-amazon-apigateway-gateway-responses`; the authorizer and the API key as
//! `sam-template` configures them, never on the preflight.
//!
//! The integration URIs are placeholders: the one value a definition cannot know is the ARN of
//! the function it calls. The header comment says how to replace them and how the file is used.

use crate::emit::example_functions::{AUTHORIZER_FUNCTION_ID, AUTHORIZER_ID};
use crate::emit::facts::{
    FUNCTION_ANSWERS_PREFLIGHT, HTTP_API_ADDS_CORS_HEADERS, OPTIONS_ROUTE_SKIPS_AUTHORIZER,
    SAM_OPENAPI_VERSION,
};
use crate::emit::gateway_policy::{
    gateway_response_headers, gateway_response_tradeoff, GatewayHeaderValue,
    GATEWAY_RESPONSE_TYPES, REQUEST_ORIGIN,
};
use crate::emit::mock_preflight::{mock_preflight_headers, MOCK_REQUEST_TEMPLATE, MOCK_STATUS};
use crate::emit::sam_yaml::{self, YamlWriter, FUNCTION_ID};
use crate::escape::{yaml_scalar, yaml_static_value};
use crate::example::{EXAMPLE_API_ID, EXAMPLE_ROUTE, EXAMPLE_STAGE};
use crate::model::{ApiType, ValidCorsConfig};

/// The OpenAPI version of the definition (the one AWS's API Gateway examples use).
const OPENAPI_VERSION: &str = "3.0.1";
/// The placeholders of the Lambda ARNs, which the header comment tells the user to replace.
const REGION: &str = "REGION";
const ACCOUNT_ID: &str = "ACCOUNT_ID";
const FUNCTION_NAME: &str = "FUNCTION_NAME";
const AUTHORIZER_FUNCTION_NAME: &str = "AUTHORIZER_FUNCTION_NAME";
/// The security scheme of the API key (the name AWS's documentation and SAM use).
const API_KEY_SCHEME: &str = "api_key";
/// The header API Gateway reads the API key from (`x-amazon-apigateway-api-key-source: HEADER`).
const API_KEY_HEADER: &str = "x-api-key";
/// The operation of an `ANY` method in API Gateway's OpenAPI dialect.
const ANY_METHOD_OPERATION: &str = "x-amazon-apigateway-any-method";
/// The `uri` of a Lambda integration or authorizer for the function `function_arn`, in the
/// form AWS documents (`arn:aws:apigateway:REGION:lambda:path/2015-03-31/functions/…`).
fn lambda_uri(region: &str, function_arn: &str) -> String {
    format!(
        "arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/{function_arn}/invocations"
    )
}

/// The `uri` of the function named `name`, as written: placeholders to replace.
fn placeholder_uri(name: &str) -> String {
    lambda_uri(
        REGION,
        &format!("arn:aws:lambda:{REGION}:{ACCOUNT_ID}:function:{name}"),
    )
}

/// Renders this target.
pub(super) fn render(config: &ValidCorsConfig) -> String {
    let mut w = YamlWriter::default();
    write_usage(&mut w, config);
    w.blank();
    w.line(0, format!("openapi: {}", yaml_scalar(OPENAPI_VERSION)));
    w.line(0, "info:");
    w.line(2, format!("title: {EXAMPLE_API_ID}"));
    w.line(2, format!("version: {}", yaml_scalar("1.0")));
    if api_key_required(config) {
        w.line(0, "x-amazon-apigateway-api-key-source: HEADER");
    }
    if config.api_type == ApiType::Http {
        write_http_cors(&mut w, config);
    }
    w.line(0, "paths:");
    w.line(2, format!("{EXAMPLE_ROUTE}:"));
    for method in sam_yaml::event_methods(config) {
        write_proxy_operation(&mut w, config, method);
    }
    write_options_operation(&mut w, config);
    write_security_schemes(&mut w, config);
    if config.api_type == ApiType::Rest {
        write_gateway_responses(&mut w, config);
    }
    w.finish()
}

fn api_key_required(config: &ValidCorsConfig) -> bool {
    config.api_type == ApiType::Rest && config.api_key_required
}

/// The header comment: what the file is, the placeholders, and the ways to use it.
fn write_usage(w: &mut YamlWriter, config: &ValidCorsConfig) {
    let methods = sam_yaml::event_methods(config).join(", ");
    w.comment(
        0,
        &format!(
            "OpenAPI {OPENAPI_VERSION} definition of an API Gateway {}: requests to {EXAMPLE_ROUTE} \
             ({methods}) go to one Lambda function (proxy integration). The CORS settings are in API \
             Gateway's extensions below, so the definition carries its own CORS.",
            config.api_type.display_name()
        ),
    );
    w.line(0, "#");
    let placeholders = match config.authorizer_header {
        None => format!("{REGION}, {ACCOUNT_ID} and {FUNCTION_NAME}"),
        Some(_) => {
            format!("{REGION}, {ACCOUNT_ID}, {FUNCTION_NAME} and {AUTHORIZER_FUNCTION_NAME}")
        }
    };
    w.comment(
        0,
        &format!(
            "Replace the placeholders {placeholders} in every uri: the ARN of the function a definition \
             calls is the one value it cannot know. Inline in a SAM or CloudFormation template (DefinitionBody, \
             Body) a uri can instead be the !Sub below, with the function's logical ID; that form works only \
             there, not in an imported file or through DefinitionUri:"
        ),
    );
    w.line(
        0,
        format!(
            "#   uri: !Sub \"{}\"",
            lambda_uri("${AWS::Region}", &format!("${{{FUNCTION_ID}.Arn}}"))
        ),
    );
    w.comment(
        0,
        "API Gateway also needs permission to invoke the function (aws lambda add-permission, or an API \
         event on the SAM function).",
    );
    if config.authorizer_header.is_some() {
        let kind = match config.api_type {
            ApiType::Rest => "a TOKEN authorizer that returns an IAM policy",
            ApiType::Http => {
                "an HTTP API authorizer with payload format 2.0 and simple responses ({\"isAuthorized\": true})"
            }
        };
        w.comment(
            0,
            &format!(
                "{AUTHORIZER_FUNCTION_NAME} is {kind}, which API Gateway must be allowed to invoke too \
                 (sam-template includes an example one, {AUTHORIZER_FUNCTION_ID})."
            ),
        );
    }
    w.line(0, "#");
    w.line(0, "# Use it in one of these ways:");
    match config.api_type {
        ApiType::Rest => {
            w.line(
                0,
                "# - import: aws apigateway import-rest-api --body fileb://openapi.yaml, then",
            );
            w.line(
                0,
                format!(
                    "#   aws apigateway create-deployment --rest-api-id API_ID --stage-name {EXAMPLE_STAGE}"
                ),
            );
            w.line(
                0,
                "# - AWS SAM: DefinitionBody of an AWS::Serverless::Api (inline, or Fn::Transform AWS::Include",
            );
            w.line(0, "#   from S3), or DefinitionUri: openapi.yaml; also set");
            w.line(
                0,
                format!(
                    "#   OpenApiVersion: '{SAM_OPENAPI_VERSION}' (without it SAM adds a second stage, named Stage)"
                ),
            );
            w.line(
                0,
                "# - AWS CDK: new apigateway.SpecRestApi(this, 'CorsApi', {",
            );
            w.line(
                0,
                "#     apiDefinition: apigateway.ApiDefinition.fromAsset('openapi.yaml') })",
            );
            w.line(
                0,
                "#   (a changed file makes a new deployment: aws-cdk-lib hashes it into the deployment's ID)",
            );
        }
        ApiType::Http => {
            w.line(
                0,
                "# - import: aws apigatewayv2 import-api --body file://openapi.yaml, then",
            );
            w.line(
                0,
                format!(
                    "#   aws apigatewayv2 create-stage --api-id API_ID --stage-name {EXAMPLE_STAGE} --auto-deploy"
                ),
            );
            w.line(
                0,
                "# - AWS SAM: DefinitionBody of an AWS::Serverless::HttpApi (inline, or Fn::Transform",
            );
            w.line(
                0,
                "#   AWS::Include from S3), or DefinitionUri: openapi.yaml",
            );
            w.line(
                0,
                "# - CloudFormation and AWS CDK: Body or BodyS3Location of AWS::ApiGatewayV2::Api (CfnApi);",
            );
            w.line(0, "#   CDK's SpecRestApi is for REST APIs only");
        }
    }
    if api_key_required(config) {
        w.comment(
            0,
            "The API key also needs a usage plan with the stage and a key in it (sam-template creates them).",
        );
    }
    let property = match config.api_type {
        ApiType::Rest => "Cors",
        ApiType::Http => "CorsConfiguration",
    };
    w.comment(
        0,
        &format!(
            "Do not set SAM's {property} property as well: SAM applies it only to an inline DefinitionBody, \
             where it is merged into these settings and its values win, and rejects it with DefinitionUri."
        ),
    );
}

/// `x-amazon-apigateway-cors` (HTTP APIs only): API Gateway's CORS configuration.
fn write_http_cors(w: &mut YamlWriter, config: &ValidCorsConfig) {
    w.comment(0, HTTP_API_ADDS_CORS_HEADERS);
    w.line(0, "x-amazon-apigateway-cors:");
    w.list(2, "allowOrigins", &config.origins.values());
    w.list(2, "allowMethods", &config.methods.names());
    if !config.allow_headers.is_empty() {
        w.list(2, "allowHeaders", &config.allow_headers);
    }
    if !config.expose_headers.is_empty() {
        w.list(2, "exposeHeaders", &config.expose_headers);
    }
    if let Some(max_age) = config.max_age {
        w.line(2, format!("maxAge: {max_age}"));
    }
    w.line(2, format!("allowCredentials: {}", config.allow_credentials));
}

/// The operation key of `method` (`get`, or the `ANY` extension).
fn operation_key(method: &str) -> String {
    match method {
        "ANY" => ANY_METHOD_OPERATION.to_owned(),
        other => other.to_ascii_lowercase(),
    }
}

/// One operation that the function answers through the Lambda proxy integration, with the
/// authorizer and the API key when configured.
fn write_proxy_operation(w: &mut YamlWriter, config: &ValidCorsConfig, method: &str) {
    w.line(4, format!("{}:", operation_key(method)));
    write_security(w, config);
    write_proxy_body(w, config);
}

/// `responses` and the proxy integration, shared by the function's operations.
fn write_proxy_body(w: &mut YamlWriter, config: &ValidCorsConfig) {
    w.line(6, "responses:");
    w.line(8, format!("{}:", yaml_scalar("200")));
    w.line(
        10,
        "description: The function's response, passed through unchanged (proxy integration)",
    );
    w.line(6, "x-amazon-apigateway-integration:");
    w.line(8, "type: aws_proxy");
    // Lambda is always invoked with POST, whatever the client's method.
    w.line(8, "httpMethod: POST");
    w.line(
        8,
        format!("uri: {}", yaml_scalar(&placeholder_uri(FUNCTION_NAME))),
    );
    if config.api_type == ApiType::Http {
        w.line(
            8,
            format!(
                "payloadFormatVersion: {}",
                yaml_scalar(config.payload_format.as_str())
            ),
        );
    }
}

/// The security requirements of the function's operations: the authorizer and the API key, as
/// separate requirement objects, the form SAM writes for the same settings.
fn write_security(w: &mut YamlWriter, config: &ValidCorsConfig) {
    let mut schemes = Vec::new();
    if config.authorizer_header.is_some() {
        schemes.push(AUTHORIZER_ID);
    }
    if api_key_required(config) {
        schemes.push(API_KEY_SCHEME);
    }
    if schemes.is_empty() {
        return;
    }
    w.line(6, "security:");
    for scheme in schemes {
        w.line(8, format!("- {scheme}: []"));
    }
}

/// The `options` operation, when the API has one: REST (a MOCK for one origin or `*`, the
/// function for several origins), or an HTTP API whose `ANY` route has an authorizer. It never
/// has a security requirement: a browser's preflight carries no token and no API key.
fn write_options_operation(w: &mut YamlWriter, config: &ValidCorsConfig) {
    if let (ApiType::Rest, Some(headers)) = (config.api_type, mock_preflight_headers(config)) {
        w.line(4, "options:");
        w.comment(
            6,
            "The preflight: a MOCK integration answers it with fixed headers. It answers the preflight \
             only: the function adds Access-Control-Allow-Origin to every response it returns \
             (lambda-python and lambda-node do).",
        );
        write_no_security_note(w, config);
        if !config.expose_headers.is_empty() {
            w.comment(
                6,
                &format!(
                    "Access-Control-Expose-Headers ({}) belongs on the actual responses: the function \
                     and the gateway responses send it.",
                    config.expose_headers.join(",")
                ),
            );
        }
        w.line(6, "summary: CORS preflight");
        w.line(6, "responses:");
        w.line(8, format!("{}:", yaml_scalar(MOCK_STATUS)));
        w.line(10, "description: The preflight's answer");
        w.line(10, "headers:");
        for (name, _) in &headers {
            w.line(12, format!("{name}:"));
            w.line(14, "schema:");
            w.line(16, "type: string");
        }
        w.line(6, "x-amazon-apigateway-integration:");
        w.line(8, "type: mock");
        w.line(8, "requestTemplates:");
        w.line(
            10,
            format!("application/json: {}", yaml_scalar(MOCK_REQUEST_TEMPLATE)),
        );
        w.line(8, "passthroughBehavior: when_no_match");
        w.line(8, "responses:");
        w.line(10, "default:");
        w.line(12, format!("statusCode: {}", yaml_scalar(MOCK_STATUS)));
        w.line(12, "responseParameters:");
        for (name, value) in &headers {
            w.line(
                14,
                format!(
                    "method.response.header.{name}: {}",
                    yaml_static_value(value)
                ),
            );
        }
        return;
    }
    if !sam_yaml::needs_options_event(config) {
        return;
    }
    w.line(4, "options:");
    if sam_yaml::function_answers_preflight(config) {
        w.comment(
            6,
            &format!(
                "A MOCK integration answers with one fixed Access-Control-Allow-Origin value, and this API \
                 allows {} origins ({}). As in sam-template, {}",
                config.origins.len(),
                config.origins.values().join(", "),
                lowercase_first(FUNCTION_ANSWERS_PREFLIGHT)
            ),
        );
        write_no_security_note(w, config);
    } else {
        w.comment(6, OPTIONS_ROUTE_SKIPS_AUTHORIZER);
    }
    write_proxy_body(w, config);
}

/// On the `options` operation of an API with an authorizer or an API key: why it has neither.
fn write_no_security_note(w: &mut YamlWriter, config: &ValidCorsConfig) {
    let what = match (config.authorizer_header.is_some(), api_key_required(config)) {
        (true, true) => "the authorizer and the API key",
        (true, false) => "the authorizer",
        (false, true) => "the API key",
        (false, false) => return,
    };
    w.comment(
        6,
        &format!("No security requirement: a browser's preflight carries no token and no API key, so {what} would refuse it."),
    );
}

/// `text` with its first letter in lower case, to continue a sentence.
fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// `components.securitySchemes`: the token authorizer and the API key, when configured.
fn write_security_schemes(w: &mut YamlWriter, config: &ValidCorsConfig) {
    if config.authorizer_header.is_none() && !api_key_required(config) {
        return;
    }
    w.line(0, "components:");
    w.line(2, "securitySchemes:");
    if let Some(header) = &config.authorizer_header {
        w.line(4, format!("{AUTHORIZER_ID}:"));
        w.line(6, "type: apiKey");
        w.line(6, format!("name: {}", yaml_scalar(header)));
        w.line(6, "in: header");
        match config.api_type {
            ApiType::Rest => {
                w.line(6, "x-amazon-apigateway-authtype: custom");
                w.line(6, "x-amazon-apigateway-authorizer:");
                w.line(8, "type: token");
                w.line(
                    8,
                    format!(
                        "authorizerUri: {}",
                        yaml_scalar(&placeholder_uri(AUTHORIZER_FUNCTION_NAME))
                    ),
                );
            }
            ApiType::Http => {
                w.line(6, "x-amazon-apigateway-authorizer:");
                w.line(8, "type: request");
                w.line(
                    8,
                    format!(
                        "identitySource: {}",
                        yaml_scalar(&format!("$request.header.{header}"))
                    ),
                );
                w.line(
                    8,
                    format!(
                        "authorizerUri: {}",
                        yaml_scalar(&placeholder_uri(AUTHORIZER_FUNCTION_NAME))
                    ),
                );
                w.line(
                    8,
                    format!("authorizerPayloadFormatVersion: {}", yaml_scalar("2.0")),
                );
                w.line(8, "enableSimpleResponses: true");
            }
        }
    }
    if api_key_required(config) {
        w.line(4, format!("{API_KEY_SCHEME}:"));
        w.line(6, "type: apiKey");
        w.line(6, format!("name: {API_KEY_HEADER}"));
        w.line(6, "in: header");
    }
}

/// `x-amazon-apigateway-gateway-responses` (REST): DEFAULT_4XX and DEFAULT_5XX with the CORS
/// headers of the shared policy, so the browser shows API Gateway's own errors instead of a
/// CORS error.
fn write_gateway_responses(w: &mut YamlWriter, config: &ValidCorsConfig) {
    if let Some(tradeoff) = gateway_response_tradeoff(config) {
        w.comment(0, &tradeoff);
    }
    let headers = gateway_response_headers(config);
    w.line(0, "x-amazon-apigateway-gateway-responses:");
    for response_type in GATEWAY_RESPONSE_TYPES {
        w.line(2, format!("{response_type}:"));
        w.line(4, "responseParameters:");
        for (name, value) in &headers {
            let value = match value {
                GatewayHeaderValue::Static(text) => yaml_static_value(text),
                GatewayHeaderValue::RequestOrigin => yaml_scalar(REQUEST_ORIGIN),
            };
            w.line(6, format!("gatewayresponse.header.{name}: {value}"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::targets::valid_from_json;

    fn render_json(json: &str) -> String {
        render(&valid_from_json(json))
    }

    #[test]
    fn rest_one_origin_has_a_mock_preflight_without_auth() {
        let text = render_json(
            r#"{"apiType": "rest", "allowOrigins": ["https://app.example.com"], "allowMethods": ["GET"],
                "allowHeaders": ["X-Token"], "maxAge": 0, "authorizerHeader": "X-Token", "apiKeyRequired": true}"#,
        );
        assert!(text.contains(
            "x-amazon-apigateway-api-key-source: HEADER
paths:
  /items:
    get:
      security:
        - TokenAuthorizer: []
        - api_key: []
      responses:
"
        ));
        assert!(text.contains(
            "      x-amazon-apigateway-integration:
        type: mock
        requestTemplates:
          application/json: \"{\\\"statusCode\\\": 200}\"
        passthroughBehavior: when_no_match
        responses:
          default:
            statusCode: \"200\"
            responseParameters:
              method.response.header.Access-Control-Allow-Origin: \"'https://app.example.com'\"
              method.response.header.Access-Control-Allow-Methods: \"'GET'\"
              method.response.header.Access-Control-Allow-Headers: \"'X-Token'\"
              method.response.header.Access-Control-Max-Age: \"'0'\"
components:
  securitySchemes:
    TokenAuthorizer:
      type: apiKey
      name: X-Token
      in: header
      x-amazon-apigateway-authtype: custom
      x-amazon-apigateway-authorizer:
        type: token
        authorizerUri: arn:aws:apigateway:REGION:lambda:path/2015-03-31/functions/arn:aws:lambda:REGION:ACCOUNT_ID:function:AUTHORIZER_FUNCTION_NAME/invocations
    api_key:
      type: apiKey
      name: x-api-key
      in: header
x-amazon-apigateway-gateway-responses:
  DEFAULT_4XX:
    responseParameters:
      gatewayresponse.header.Access-Control-Allow-Origin: \"'https://app.example.com'\"
  DEFAULT_5XX:
"
        ));
        let options = &text[text.find("    options:").unwrap()..text.find("components:").unwrap()];
        assert!(!options.contains("security:"), "{options}");
        assert!(options.contains(
            "      # No security requirement: a browser's preflight carries no token and no API key, so the
      # authorizer and the API key would refuse it.
"
        ));
    }

    #[test]
    fn rest_several_origins_sends_the_preflight_to_the_function() {
        let text = render_json(
            r#"{"apiType": "rest", "allowOrigins": ["https://a.example.com", "https://b.example.com"],
                "allowMethods": ["*"], "apiKeyRequired": true}"#,
        );
        assert!(!text.contains("type: mock"));
        let options = &text[text.find("    options:").unwrap()..text.find("components:").unwrap()];
        assert!(options.contains(
            "      # A MOCK integration answers with one fixed Access-Control-Allow-Origin value, and this API
      # allows 2 origins (https://a.example.com, https://b.example.com). As in sam-template, the
      # preflight goes to the function"
        ));
        assert!(options.contains(
            "      x-amazon-apigateway-integration:
        type: aws_proxy
        httpMethod: POST
        uri: arn:aws:apigateway:REGION:lambda:path/2015-03-31/functions/arn:aws:lambda:REGION:ACCOUNT_ID:function:FUNCTION_NAME/invocations
"
        ));
        assert!(!options.contains("security:"));
        assert!(text.contains(
            "    x-amazon-apigateway-any-method:\n      security:\n        - api_key: []\n"
        ));
        assert!(text.contains(
            "      gatewayresponse.header.Access-Control-Allow-Origin: method.request.header.origin
      gatewayresponse.header.Vary: \"'Origin'\"
"
        ));
    }

    #[test]
    fn http_api_carries_its_cors_in_the_extension() {
        let text = render_json(
            r#"{"apiType": "http", "allowOrigins": ["https://*"], "allowMethods": ["*"], "allowHeaders": ["ON"],
                "maxAge": 86400, "authorizerHeader": "Authorization", "payloadFormatVersion": "1.0",
                "apiKeyRequired": false}"#,
        );
        assert!(text.contains(
            "x-amazon-apigateway-cors:
  allowOrigins:
    - \"https://*\"
  allowMethods:
    - \"*\"
  allowHeaders:
    - \"ON\"
  maxAge: 86400
  allowCredentials: false
paths:
"
        ));
        assert!(text.contains("        payloadFormatVersion: \"1.0\"\n"));
        assert!(text.contains(
            "      x-amazon-apigateway-authorizer:
        type: request
        identitySource: \"$request.header.Authorization\"
"
        ));
        assert!(text.contains(&format!(
            "    options:\n      # {OPTIONS_ROUTE_SKIPS_AUTHORIZER}\n"
        )));
        assert!(!text.contains("gateway-responses"));
        assert!(!text.contains("api-key-source"));
        assert!(text.contains(
            "# - import: aws apigatewayv2 import-api --body file://openapi.yaml, then\n"
        ));
        assert!(text.contains("# Do not set SAM's CorsConfiguration property as well"));
    }
}
