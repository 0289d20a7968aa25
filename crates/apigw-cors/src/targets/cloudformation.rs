//! Target `cloudformation`: a complete CloudFormation template without the SAM transform, which
//! `aws cloudformation deploy --capabilities CAPABILITY_IAM` takes as is. It describes the same
//! deployment as `sam-template` (the same API, function code, authorizer and API key), written
//! as the resources the SAM transform makes of it, with readable logical IDs:
//!
//! - HTTP API: `AWS::ApiGatewayV2::Api` with `CorsConfiguration`, one Lambda integration, a
//!   route per method, an auto-deploying stage;
//! - REST API: the `/items` resource, a proxy method per method, the OPTIONS method (a MOCK
//!   answering the preflight, or for several origins the function, as in `sam-template`), the
//!   DEFAULT_4XX/5XX gateway responses, and a deployment whose logical ID carries a hash of the
//!   CORS values and of the API's definition, so that a changed CORS configuration reaches the
//!   stage;
//! - the function and its role, the permissions, the authorizer and the API key when configured.

use super::{lambda_python, Target};
use crate::emit::example_functions::{
    authorizer_source, AUTHORIZER_FUNCTION_ID, AUTHORIZER_ID, HANDLER, RUNTIME,
};
use crate::emit::facts::{
    options_method_comments, API_KEY_NEEDS_USAGE_PLAN, AUTHORIZER_PERMISSION_WHY, AUTO_DEPLOY_WHY,
    FUNCTION_PERMISSION_WHY, GATEWAY_RESPONSES_WHY, OPTIONS_ROUTE_SKIPS_AUTHORIZER,
    PREFLIGHT_WITHOUT_AUTHORIZER_OR_KEY,
};
use crate::emit::gateway_policy::{
    gateway_response_headers, gateway_response_tradeoff, GATEWAY_RESPONSE_TYPES,
};
use crate::emit::mock_preflight::mock_preflight_headers;
use crate::emit::sam_yaml::{self, YamlWriter, FUNCTION_ID};
use crate::emit::stable_hash::short_hash;
use crate::escape::{yaml_block_literal, yaml_quoted, yaml_scalar};
use crate::example::{
    EXAMPLE_API_ID as API_ID, EXAMPLE_RESOURCE, EXAMPLE_ROUTE as ROUTE, EXAMPLE_STAGE as STAGE,
};
use crate::model::{ApiType, ValidCorsConfig};

/// Logical ID of the REST API's `/items` resource.
const RESOURCE_ID: &str = "ItemsResource";
/// Logical ID of the HTTP API's Lambda integration.
const INTEGRATION_ID: &str = "ItemsIntegration";
/// How API Gateway invokes a Lambda function: the function's ARN inside the integration URI
/// (`FUNCTION` stands for the function's logical ID).
const LAMBDA_INVOCATION_URI: &str =
    "arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${FUNCTION.Arn}/invocations";

/// Renders this target.
pub(super) fn render(config: &ValidCorsConfig) -> String {
    let mut w = YamlWriter::default();
    w.comment(
        0,
        &format!(
            "Deploy: aws cloudformation deploy --template-file {} --stack-name cors-api \
             --capabilities CAPABILITY_IAM (the template creates the functions' execution roles). \
             Plain CloudFormation: no SAM transform.",
            Target::CloudFormation.file_name()
        ),
    );
    sam_yaml::write_format_version(&mut w);
    sam_yaml::write_description(&mut w, config);
    w.blank();
    w.line(0, "Resources:");
    match config.api_type {
        ApiType::Rest => write_rest_api(&mut w, config),
        ApiType::Http => write_http_api(&mut w, config),
    }
    write_function(&mut w, FUNCTION_ID, &lambda_python::handler_source(config));
    write_permission(
        &mut w,
        FUNCTION_ID,
        &format!("${{{API_ID}}}/*/*{ROUTE}"),
        FUNCTION_PERMISSION_WHY,
    );
    if let Some(header) = &config.authorizer_header {
        write_function(
            &mut w,
            AUTHORIZER_FUNCTION_ID,
            &authorizer_source(config, header),
        );
        write_permission(
            &mut w,
            AUTHORIZER_FUNCTION_ID,
            &format!("${{{API_ID}}}/authorizers/${{{AUTHORIZER_ID}}}"),
            AUTHORIZER_PERMISSION_WHY,
        );
    }
    sam_yaml::write_outputs(&mut w, config);
    w.finish()
}

// ------------------------------------------------------------------------------- REST API

/// The REST API, its definition, the deployment named after a hash of the definition and the
/// CORS values, the stage, and the API key.
fn write_rest_api(w: &mut YamlWriter, config: &ValidCorsConfig) {
    let definition = rest_definition(config);
    w.raw(&definition);
    let deployment = deployment_id(&definition, config);
    write_deployment(w, config, &deployment);
    write_rest_stage(w, &deployment);
    if config.api_key_required {
        write_api_key(w);
    }
}

/// What a deployment of the REST API snapshots: the API, its resource, its methods, its gateway
/// responses and its authorizer, as YAML lines of the `Resources:` section.
fn rest_definition(config: &ValidCorsConfig) -> String {
    let mut w = YamlWriter::default();
    w.line(2, format!("{API_ID}:"));
    w.line(4, "Type: AWS::ApiGateway::RestApi");
    w.line(4, "Properties:");
    w.line(6, "Name: !Ref AWS::StackName");
    w.blank();
    w.line(2, format!("{RESOURCE_ID}:"));
    w.line(4, "Type: AWS::ApiGateway::Resource");
    w.line(4, "Properties:");
    w.line(6, format!("RestApiId: !Ref {API_ID}"));
    w.line(6, format!("ParentId: !GetAtt {API_ID}.RootResourceId"));
    w.line(6, format!("PathPart: {}", yaml_scalar(EXAMPLE_RESOURCE)));
    for method in sam_yaml::event_methods(config) {
        w.blank();
        write_proxy_method(&mut w, config, method);
    }
    w.blank();
    write_options_method(&mut w, config);
    w.blank();
    write_gateway_responses(&mut w, config);
    if let Some(header) = &config.authorizer_header {
        w.blank();
        write_rest_authorizer(&mut w, header);
    }
    w.blank();
    w.finish()
}

/// The logical ID of a method resource: `ItemsGetMethod`, `ItemsAnyMethod`, `ItemsOptionsMethod`.
fn method_id(method: &str) -> String {
    format!("{}Method", sam_yaml::event_id(method))
}

/// The logical ID of a gateway response: `CorsApiDefault4xxResponse`.
fn gateway_response_id(response_type: &str) -> String {
    let kind = response_type
        .strip_prefix("DEFAULT_")
        .unwrap_or(response_type)
        .to_ascii_lowercase();
    format!("{API_ID}Default{kind}Response")
}

/// `Method:` header lines shared by every method on `/items`.
fn write_method_head(w: &mut YamlWriter, method: &str) {
    w.line(2, format!("{}:", method_id(method)));
    w.line(4, "Type: AWS::ApiGateway::Method");
    w.line(4, "Properties:");
    w.line(6, format!("RestApiId: !Ref {API_ID}"));
    w.line(6, format!("ResourceId: !Ref {RESOURCE_ID}"));
    w.line(6, format!("HttpMethod: {method}"));
}

/// A Lambda proxy integration to `ItemsFunction` at `indent`.
fn write_proxy_integration(w: &mut YamlWriter, indent: usize) {
    w.line(indent, "Integration:");
    w.line(indent + 2, "Type: AWS_PROXY");
    w.line(indent + 2, "IntegrationHttpMethod: POST");
    w.line(
        indent + 2,
        format!("Uri: !Sub {}", invocation_uri(FUNCTION_ID)),
    );
}

/// The integration URI that invokes `function`, as a `!Sub` string.
fn invocation_uri(function: &str) -> String {
    yaml_scalar(&LAMBDA_INVOCATION_URI.replace("FUNCTION", function))
}

/// One of the methods the function serves, with the authorizer and the API key when configured.
fn write_proxy_method(w: &mut YamlWriter, config: &ValidCorsConfig, method: &str) {
    write_method_head(w, method);
    if config.authorizer_header.is_some() {
        w.line(6, "AuthorizationType: CUSTOM");
        w.line(6, format!("AuthorizerId: !Ref {AUTHORIZER_ID}"));
    } else {
        w.line(6, "AuthorizationType: NONE");
    }
    w.line(6, format!("ApiKeyRequired: {}", config.api_key_required));
    write_proxy_integration(w, 6);
}

/// The OPTIONS method that answers the preflight: a MOCK with the CORS headers, or with several
/// origins the function (as `sam-template` routes it).
fn write_options_method(w: &mut YamlWriter, config: &ValidCorsConfig) {
    let mock = mock_preflight_headers(config);
    for comment in options_method_comments(config, mock.is_some()) {
        w.comment(2, &comment);
    }
    write_method_head(w, "OPTIONS");
    w.comment(6, PREFLIGHT_WITHOUT_AUTHORIZER_OR_KEY);
    w.line(6, "AuthorizationType: NONE");
    w.line(6, "ApiKeyRequired: false");
    match mock {
        Some(headers) => sam_yaml::write_mock_integration(w, 6, &headers),
        None => write_proxy_integration(w, 6),
    }
}

/// DEFAULT_4XX and DEFAULT_5XX with the headers of the shared policy (`gateway_policy`).
fn write_gateway_responses(w: &mut YamlWriter, config: &ValidCorsConfig) {
    w.comment(2, GATEWAY_RESPONSES_WHY);
    if let Some(tradeoff) = gateway_response_tradeoff(config) {
        w.comment(2, &tradeoff);
    }
    let headers = gateway_response_headers(config);
    for (index, response_type) in GATEWAY_RESPONSE_TYPES.into_iter().enumerate() {
        if index > 0 {
            w.blank();
        }
        w.line(2, format!("{}:", gateway_response_id(response_type)));
        w.line(4, "Type: AWS::ApiGateway::GatewayResponse");
        w.line(4, "Properties:");
        w.line(6, format!("RestApiId: !Ref {API_ID}"));
        w.line(6, format!("ResponseType: {response_type}"));
        w.line(6, "ResponseParameters:");
        for (name, value) in &headers {
            w.line(
                8,
                format!(
                    "gatewayresponse.header.{name}: {}",
                    sam_yaml::gateway_header_value(value)
                ),
            );
        }
    }
}

/// The TOKEN authorizer that reads `header`.
fn write_rest_authorizer(w: &mut YamlWriter, header: &str) {
    w.line(2, format!("{AUTHORIZER_ID}:"));
    w.line(4, "Type: AWS::ApiGateway::Authorizer");
    w.line(4, "Properties:");
    w.line(6, format!("Name: {AUTHORIZER_ID}"));
    w.line(6, format!("RestApiId: !Ref {API_ID}"));
    w.line(6, "Type: TOKEN");
    w.line(
        6,
        format!(
            "IdentitySource: {}",
            yaml_scalar(&format!("method.request.header.{header}"))
        ),
    );
    w.line(
        6,
        format!(
            "AuthorizerUri: !Sub {}",
            invocation_uri(AUTHORIZER_FUNCTION_ID)
        ),
    );
}

/// `CorsApiDeployment` and a hash of the definition it deploys and of the CORS values. With
/// several origins the function answers the preflight, so some CORS values live in its code
/// alone (a change there needs no new deployment); they are hashed all the same, so that the
/// deployment follows every CORS change, at the price of a deployment too many.
fn deployment_id(definition: &str, config: &ValidCorsConfig) -> String {
    let hashed = format!("{definition}\n{}", cors_values(config));
    format!("{API_ID}Deployment{}", short_hash(&hashed))
}

/// The CORS values, one per line, in a form that stays the same across releases (validated
/// values hold no comma or line break, so the lines are unambiguous).
fn cors_values(config: &ValidCorsConfig) -> String {
    let max_age = config
        .max_age
        .map_or_else(|| "none".to_owned(), |age| age.to_string());
    format!(
        "allowOrigins: {}\nallowMethods: {}\nallowHeaders: {}\nexposeHeaders: {}\nmaxAge: {max_age}\nallowCredentials: {}",
        config.origins.values().join(","),
        config.methods.names().join(","),
        config.allow_headers.join(","),
        config.expose_headers.join(","),
        config.allow_credentials,
    )
}

fn write_deployment(w: &mut YamlWriter, config: &ValidCorsConfig, deployment: &str) {
    w.comment(
        2,
        "The stage serves a snapshot of the API: the deployment it points to. CloudFormation never \
         makes a deployment again while its logical ID and properties stay the same, so a changed \
         OPTIONS method or gateway response would not reach the stage (it would keep answering with \
         the old CORS headers). This logical ID therefore ends in a hash of the CORS configuration \
         and of the definition above (methods, gateway responses, authorizer): when any of it \
         changes, the ID changes, and CloudFormation creates a new deployment, points the stage at \
         it and deletes the old one. When you edit the definition by hand, change the suffix too.",
    );
    w.line(2, format!("{deployment}:"));
    w.line(4, "Type: AWS::ApiGateway::Deployment");
    // A deployment of an API without its methods fails, and nothing else orders them.
    w.line(4, "DependsOn:");
    let mut parts: Vec<String> = sam_yaml::event_methods(config)
        .into_iter()
        .chain(["OPTIONS"])
        .map(method_id)
        .collect();
    parts.extend(GATEWAY_RESPONSE_TYPES.map(gateway_response_id));
    for part in parts {
        w.line(6, format!("- {part}"));
    }
    w.line(4, "Properties:");
    w.line(6, format!("RestApiId: !Ref {API_ID}"));
    w.blank();
}

fn write_rest_stage(w: &mut YamlWriter, deployment: &str) {
    w.line(2, format!("{API_ID}Stage:"));
    w.line(4, "Type: AWS::ApiGateway::Stage");
    w.line(4, "Properties:");
    w.line(6, format!("RestApiId: !Ref {API_ID}"));
    w.line(6, format!("StageName: {}", yaml_scalar(STAGE)));
    w.line(6, format!("DeploymentId: !Ref {deployment}"));
    w.blank();
}

/// The API key, a usage plan for the stage, and the key in the plan (the names SAM gives them).
fn write_api_key(w: &mut YamlWriter) {
    let key = sam_yaml::api_key_id();
    let plan = format!("{API_ID}UsagePlan");
    w.comment(2, API_KEY_NEEDS_USAGE_PLAN);
    w.line(2, format!("{key}:"));
    w.line(4, "Type: AWS::ApiGateway::ApiKey");
    w.line(4, "Properties:");
    w.line(6, "Enabled: true");
    w.blank();
    w.line(2, format!("{plan}:"));
    w.line(4, "Type: AWS::ApiGateway::UsagePlan");
    w.line(4, "Properties:");
    w.line(6, "ApiStages:");
    w.line(8, format!("- ApiId: !Ref {API_ID}"));
    w.line(10, format!("Stage: !Ref {API_ID}Stage"));
    w.blank();
    w.line(2, format!("{plan}Key:"));
    w.line(4, "Type: AWS::ApiGateway::UsagePlanKey");
    w.line(4, "Properties:");
    w.line(6, format!("KeyId: !Ref {key}"));
    w.line(6, "KeyType: API_KEY");
    w.line(6, format!("UsagePlanId: !Ref {plan}"));
    w.blank();
}

// ------------------------------------------------------------------------------- HTTP API

fn write_http_api(w: &mut YamlWriter, config: &ValidCorsConfig) {
    w.line(2, format!("{API_ID}:"));
    w.line(4, "Type: AWS::ApiGatewayV2::Api");
    w.line(4, "Properties:");
    w.line(6, "Name: !Ref AWS::StackName");
    w.line(6, "ProtocolType: HTTP");
    sam_yaml::write_http_cors(w, 6, config);
    w.blank();
    w.line(2, format!("{INTEGRATION_ID}:"));
    w.line(4, "Type: AWS::ApiGatewayV2::Integration");
    w.line(4, "Properties:");
    w.line(6, format!("ApiId: !Ref {API_ID}"));
    w.line(6, "IntegrationType: AWS_PROXY");
    w.line(6, format!("IntegrationUri: !GetAtt {FUNCTION_ID}.Arn"));
    w.line(
        6,
        format!(
            "PayloadFormatVersion: {}",
            yaml_quoted(config.payload_format.as_str())
        ),
    );
    for method in sam_yaml::event_methods(config) {
        w.blank();
        write_route(w, config, method);
    }
    if sam_yaml::needs_options_event(config) {
        w.blank();
        w.comment(2, OPTIONS_ROUTE_SKIPS_AUTHORIZER);
        write_route(w, config, "OPTIONS");
    }
    if let Some(header) = &config.authorizer_header {
        w.blank();
        write_http_authorizer(w, header);
    }
    w.blank();
    w.comment(2, &format!("AutoDeploy: {AUTO_DEPLOY_WHY}"));
    w.line(2, format!("{API_ID}Stage:"));
    w.line(4, "Type: AWS::ApiGatewayV2::Stage");
    w.line(4, "Properties:");
    w.line(6, format!("ApiId: !Ref {API_ID}"));
    w.line(6, format!("StageName: {}", yaml_scalar(STAGE)));
    w.line(6, "AutoDeploy: true");
    w.blank();
}

/// The route `METHOD /items` to the function; OPTIONS never goes through the authorizer.
fn write_route(w: &mut YamlWriter, config: &ValidCorsConfig, method: &str) {
    w.line(2, format!("{}Route:", sam_yaml::event_id(method)));
    w.line(4, "Type: AWS::ApiGatewayV2::Route");
    w.line(4, "Properties:");
    w.line(6, format!("ApiId: !Ref {API_ID}"));
    w.line(
        6,
        format!("RouteKey: {}", yaml_scalar(&format!("{method} {ROUTE}"))),
    );
    w.line(
        6,
        format!(
            "Target: !Sub {}",
            yaml_scalar(&format!("integrations/${{{INTEGRATION_ID}}}"))
        ),
    );
    match &config.authorizer_header {
        Some(_) if method != "OPTIONS" => {
            w.line(6, "AuthorizationType: CUSTOM");
            w.line(6, format!("AuthorizerId: !Ref {AUTHORIZER_ID}"));
        }
        _ => w.line(6, "AuthorizationType: NONE"),
    }
}

/// A Lambda REQUEST authorizer with simple responses that reads `header`.
fn write_http_authorizer(w: &mut YamlWriter, header: &str) {
    w.line(2, format!("{AUTHORIZER_ID}:"));
    w.line(4, "Type: AWS::ApiGatewayV2::Authorizer");
    w.line(4, "Properties:");
    w.line(6, format!("Name: {AUTHORIZER_ID}"));
    w.line(6, format!("ApiId: !Ref {API_ID}"));
    w.line(6, "AuthorizerType: REQUEST");
    w.line(
        6,
        format!(
            "AuthorizerUri: !Sub {}",
            invocation_uri(AUTHORIZER_FUNCTION_ID)
        ),
    );
    w.line(6, "AuthorizerPayloadFormatVersion: \"2.0\"");
    w.line(6, "EnableSimpleResponses: true");
    w.list(6, "IdentitySource", &[format!("$request.header.{header}")]);
}

// ------------------------------------------------------------------------------- functions

/// A Python function with inline code and its execution role (CloudWatch Logs only).
fn write_function(w: &mut YamlWriter, id: &str, code: &str) {
    w.line(2, format!("{id}:"));
    w.line(4, "Type: AWS::Lambda::Function");
    w.line(4, "Properties:");
    w.line(6, format!("Runtime: {RUNTIME}"));
    w.line(6, format!("Handler: {HANDLER}"));
    w.line(6, format!("Role: !GetAtt {id}Role.Arn"));
    w.line(6, "Code:");
    w.raw(&format!(
        "        ZipFile: {}",
        yaml_block_literal(code, 10)
    ));
    w.blank();
    w.line(2, format!("{id}Role:"));
    w.line(4, "Type: AWS::IAM::Role");
    w.line(4, "Properties:");
    w.line(6, "AssumeRolePolicyDocument:");
    w.line(8, "Version: \"2012-10-17\"");
    w.line(8, "Statement:");
    w.line(10, "- Effect: Allow");
    w.line(12, "Principal:");
    w.line(14, "Service: lambda.amazonaws.com");
    w.line(12, "Action: sts:AssumeRole");
    w.line(6, "ManagedPolicyArns:");
    w.line(
        8,
        "- !Sub \"arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole\"",
    );
    w.blank();
}

/// Lets API Gateway invoke `function` for requests matching `source` (after the API's ARN prefix).
fn write_permission(w: &mut YamlWriter, function: &str, source: &str, why: &str) {
    w.comment(2, why);
    w.line(2, format!("{function}Permission:"));
    w.line(4, "Type: AWS::Lambda::Permission");
    w.line(4, "Properties:");
    w.line(6, "Action: lambda:InvokeFunction");
    w.line(6, format!("FunctionName: !Ref {function}"));
    w.line(6, "Principal: apigateway.amazonaws.com");
    w.line(
        6,
        format!(
            "SourceArn: !Sub {}",
            yaml_scalar(&format!(
                "arn:${{AWS::Partition}}:execute-api:${{AWS::Region}}:${{AWS::AccountId}}:{source}"
            ))
        ),
    );
    w.blank();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::targets::valid_from_json as valid;

    #[test]
    fn rest_several_origins_send_the_preflight_to_the_function_without_authorizer_or_key() {
        let config = valid(
            r#"{"apiType": "rest", "allowOrigins": ["https://a.example.com", "https://b.example.com"],
                "allowMethods": ["GET"], "authorizerHeader": "X-Token", "apiKeyRequired": true}"#,
        );
        let text = render(&config);
        assert!(text.contains(
            "  ItemsOptionsMethod:
    Type: AWS::ApiGateway::Method
    Properties:
      RestApiId: !Ref CorsApi
      ResourceId: !Ref ItemsResource
      HttpMethod: OPTIONS
      # No authorizer and no API key on OPTIONS, whatever the other methods use: a browser sends
      # neither a token nor a key with a preflight, so either would answer it 401 or 403.
      AuthorizationType: NONE
      ApiKeyRequired: false
      Integration:
        Type: AWS_PROXY
        IntegrationHttpMethod: POST
        Uri: !Sub \"arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${ItemsFunction.Arn}/invocations\"
"
        ));
        assert!(text.contains(
            "      HttpMethod: GET
      AuthorizationType: CUSTOM
      AuthorizerId: !Ref TokenAuthorizer
      ApiKeyRequired: true
"
        ));
        assert!(text.contains("      IdentitySource: method.request.header.X-Token\n"));
        assert!(!text.contains("Type: MOCK"));
        let deployment = deployment_id(&rest_definition(&config), &config);
        assert_eq!(
            text.matches(&deployment).count(),
            2,
            "the deployment and the stage's reference"
        );
        assert!(text.contains(&format!("      DeploymentId: !Ref {deployment}\n")));
        assert!(text.contains(&format!("  {}:\n", sam_yaml::api_key_id())));
    }

    #[test]
    fn http_any_route_with_an_authorizer_gets_an_options_route_without_it() {
        let text = render(&valid(
            r#"{"apiType": "http", "allowOrigins": ["https://app.example.com"], "allowMethods": ["*"],
                "authorizerHeader": "Authorization", "payloadFormatVersion": "1.0"}"#,
        ));
        assert!(text.contains(
            "  ItemsAnyRoute:
    Type: AWS::ApiGatewayV2::Route
    Properties:
      ApiId: !Ref CorsApi
      RouteKey: \"ANY /items\"
      Target: !Sub \"integrations/${ItemsIntegration}\"
      AuthorizationType: CUSTOM
      AuthorizerId: !Ref TokenAuthorizer

  # The preflight skips the authorizer: the ANY route would otherwise send OPTIONS to it.
  ItemsOptionsRoute:
    Type: AWS::ApiGatewayV2::Route
    Properties:
      ApiId: !Ref CorsApi
      RouteKey: \"OPTIONS /items\"
      Target: !Sub \"integrations/${ItemsIntegration}\"
      AuthorizationType: NONE
"
        ));
        assert!(text.contains("      PayloadFormatVersion: \"1.0\"\n"));
        assert!(
            text.contains("      IdentitySource:\n        - \"$request.header.Authorization\"\n")
        );
        assert!(!text.contains("AWS::ApiGateway::"));
    }

    #[test]
    fn cors_values_are_one_line_each() {
        let config = valid(
            r#"{"apiType": "rest", "allowOrigins": ["https://a.example.com"], "allowMethods": ["GET", "PUT"],
                "allowHeaders": ["X-A"], "maxAge": 0}"#,
        );
        assert_eq!(
            cors_values(&config),
            "allowOrigins: https://a.example.com\nallowMethods: GET,PUT\nallowHeaders: X-A\n\
             exposeHeaders: \nmaxAge: 0\nallowCredentials: false"
        );
    }
}
