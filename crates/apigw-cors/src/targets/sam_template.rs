//! Target `sam-template`: a complete SAM template that `sam deploy` takes as is: the `CorsApi`
//! API with the CORS settings, `ItemsFunction` (Python, inline code that returns the CORS
//! headers) on `/items`, for REST the gateway responses, and when configured a token
//! authorizer and an API key with its usage plan.

use super::lambda_python;
use super::sam_yaml::{self, YamlWriter, API_ID, ROUTE, STAGE};
use crate::escape::{python_string, yaml_block_literal, yaml_scalar};
use crate::model::{ApiType, ValidCorsConfig};

const FUNCTION_ID: &str = "ItemsFunction";
const AUTHORIZER_ID: &str = "TokenAuthorizer";
const AUTHORIZER_FUNCTION_ID: &str = "AuthorizerFunction";
const RUNTIME: &str = "python3.13";

/// Renders this target.
pub(crate) fn render(config: &ValidCorsConfig) -> String {
    let mut w = YamlWriter::default();
    w.line(0, "AWSTemplateFormatVersion: \"2010-09-09\"");
    w.line(0, "Transform: AWS::Serverless-2016-10-31");
    w.line(
        0,
        format!(
            "Description: {}",
            yaml_scalar(&format!(
                "{} with CORS: one Python function on {ROUTE}",
                config.api_type.display_name()
            ))
        ),
    );
    w.blank();
    w.line(0, "Resources:");
    write_api(&mut w, config);
    w.blank();
    write_items_function(&mut w, config);
    if let Some(header) = &config.authorizer_header {
        w.blank();
        write_authorizer_function(&mut w, config, header);
    }
    w.blank();
    write_outputs(&mut w, config);
    w.finish()
}

fn write_api(w: &mut YamlWriter, config: &ValidCorsConfig) {
    w.line(2, format!("{API_ID}:"));
    match config.api_type {
        ApiType::Rest => w.line(4, "Type: AWS::Serverless::Api"),
        ApiType::Http => w.line(4, "Type: AWS::Serverless::HttpApi"),
    }
    w.line(4, "Properties:");
    w.line(6, format!("StageName: {STAGE}"));
    sam_yaml::write_cors(w, 6, config);
    write_auth(w, config);
    if config.api_type == ApiType::Rest {
        sam_yaml::write_gateway_responses(w, 6, config);
    }
}

/// `Auth:` of the API: the token authorizer as default, the API key with a usage plan, and the
/// flags that keep both off SAM's generated preflight.
fn write_auth(w: &mut YamlWriter, config: &ValidCorsConfig) {
    let api_key = config.api_type == ApiType::Rest && config.api_key_required;
    if config.authorizer_header.is_none() && !api_key {
        return;
    }
    w.line(6, "Auth:");
    if let Some(header) = &config.authorizer_header {
        w.line(8, format!("DefaultAuthorizer: {AUTHORIZER_ID}"));
        w.line(8, "Authorizers:");
        w.line(10, format!("{AUTHORIZER_ID}:"));
        w.line(
            12,
            format!("FunctionArn: !GetAtt {AUTHORIZER_FUNCTION_ID}.Arn"),
        );
        match config.api_type {
            ApiType::Rest => {
                w.line(12, "Identity:");
                w.line(14, format!("Header: {}", yaml_scalar(header)));
            }
            ApiType::Http => {
                w.line(12, "AuthorizerPayloadFormatVersion: \"2.0\"");
                w.line(12, "EnableSimpleResponses: true");
                // Without it SAM adds no permission for API Gateway to invoke the authorizer.
                w.line(12, "EnableFunctionDefaultPermissions: true");
                w.line(12, "Identity:");
                w.list(14, "Headers", &[header]);
            }
        }
    }
    if api_key {
        w.line(8, "ApiKeyRequired: true");
        w.line(8, "UsagePlan:");
        w.line(10, "CreateUsagePlan: PER_API");
    }
    for flag in sam_yaml::preflight_auth_flags(config) {
        w.line(8, flag);
    }
}

fn write_items_function(w: &mut YamlWriter, config: &ValidCorsConfig) {
    w.line(2, format!("{FUNCTION_ID}:"));
    w.line(4, "Type: AWS::Serverless::Function");
    w.line(4, "Properties:");
    w.line(6, format!("Runtime: {RUNTIME}"));
    w.line(6, "Handler: index.handler");
    w.raw(&format!(
        "      InlineCode: {}",
        yaml_block_literal(&lambda_python::handler_source(config), 8)
    ));
    w.line(6, "Events:");
    for method in sam_yaml::event_methods(config) {
        sam_yaml::write_event(w, 8, config, method, true);
    }
    if sam_yaml::needs_options_event(config) {
        let why = if sam_yaml::function_answers_preflight(config) {
            "The preflight goes to the function, which echoes the request's Origin when it is allowed."
        } else {
            "The preflight skips the authorizer: the ANY route would otherwise send OPTIONS to it."
        };
        w.comment(8, why);
        sam_yaml::write_event(w, 8, config, "OPTIONS", true);
    }
}

/// A placeholder token check, so that the template deploys with a working authorizer.
fn write_authorizer_function(w: &mut YamlWriter, config: &ValidCorsConfig, header: &str) {
    w.line(2, format!("{AUTHORIZER_FUNCTION_ID}:"));
    w.line(4, "Type: AWS::Serverless::Function");
    w.line(4, "Properties:");
    w.line(6, format!("Runtime: {RUNTIME}"));
    w.line(6, "Handler: index.handler");
    let code = match config.api_type {
        ApiType::Rest => REST_AUTHORIZER.to_owned(),
        ApiType::Http => {
            HTTP_AUTHORIZER.replace("{header}", &python_string(&header.to_ascii_lowercase()))
        }
    };
    w.raw(&format!(
        "      InlineCode: {}",
        yaml_block_literal(&code, 8)
    ));
}

/// A REST TOKEN authorizer: an IAM policy for the whole stage, so that a cached answer also
/// covers the other methods.
const REST_AUTHORIZER: &str = r#"# Placeholder: replace the token check with your own (for example verify a JWT).
def handler(event, context):
    allowed = event.get("authorizationToken") == "allow"
    stage_arn = "/".join(event["methodArn"].split("/")[:2])
    return {
        "principalId": "user",
        "policyDocument": {
            "Version": "2012-10-17",
            "Statement": [{
                "Action": "execute-api:Invoke",
                "Effect": "Allow" if allowed else "Deny",
                "Resource": stage_arn + "/*",
            }],
        },
    }
"#;

/// An HTTP API Lambda authorizer with simple responses (payload format 2.0).
const HTTP_AUTHORIZER: &str = r#"# Placeholder: replace the token check with your own (for example verify a JWT).
def handler(event, context):
    headers = event.get("headers") or {}
    return {"isAuthorized": headers.get({header}) == "allow"}
"#;

fn write_outputs(w: &mut YamlWriter, config: &ValidCorsConfig) {
    w.line(0, "Outputs:");
    w.line(2, "ItemsUrl:");
    w.line(
        4,
        "Description: The /items route (check it with the curl target)",
    );
    w.line(
        4,
        format!(
            "Value: !Sub \"https://${{{API_ID}}}.execute-api.${{AWS::Region}}.${{AWS::URLSuffix}}/{STAGE}{ROUTE}\""
        ),
    );
    if config.api_type == ApiType::Rest && config.api_key_required {
        w.line(2, "ApiKeyId:");
        w.line(
            4,
            "Description: Read the key with aws apigateway get-api-key --include-value --api-key <this id>",
        );
        w.line(4, format!("Value: !Ref {API_ID}ApiKey"));
    }
}
