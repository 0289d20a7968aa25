//! Target `sam-template`: a complete SAM template that `sam deploy` takes as is: the `CorsApi`
//! API with the CORS settings, `ItemsFunction` (Python, inline code that returns the CORS
//! headers) on `/items`, for REST the gateway responses, and when configured a token
//! authorizer and an API key with its usage plan.

use super::lambda_python;
use crate::emit::example_functions::{
    authorizer_source, AUTHORIZER_FUNCTION_ID, AUTHORIZER_ID, HANDLER, RUNTIME,
};
use crate::emit::facts::{FUNCTION_ANSWERS_PREFLIGHT, OPTIONS_ROUTE_SKIPS_AUTHORIZER};
use crate::emit::sam_yaml::{self, YamlWriter, FUNCTION_ID};
use crate::escape::{yaml_block_literal, yaml_scalar};
use crate::example::{EXAMPLE_API_ID as API_ID, EXAMPLE_STAGE as STAGE};
use crate::model::{ApiType, ValidCorsConfig};

/// Renders this target.
pub(crate) fn render(config: &ValidCorsConfig) -> String {
    let mut w = YamlWriter::default();
    sam_yaml::write_format_version(&mut w);
    w.line(0, "Transform: AWS::Serverless-2016-10-31");
    sam_yaml::write_description(&mut w, config);
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
    sam_yaml::write_outputs(&mut w, config);
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
    sam_yaml::write_openapi_version(w, 6, config);
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
    w.line(6, format!("Handler: {HANDLER}"));
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
            FUNCTION_ANSWERS_PREFLIGHT
        } else {
            OPTIONS_ROUTE_SKIPS_AUTHORIZER
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
    w.line(6, format!("Handler: {HANDLER}"));
    w.raw(&format!(
        "      InlineCode: {}",
        yaml_block_literal(&authorizer_source(config, header), 8)
    ));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{validate, CorsConfig};

    fn render_json(json: &str) -> String {
        render(&crate::targets::valid_from_json(json))
    }

    #[test]
    fn rest_several_origins_routes_the_preflight_to_the_function() {
        let config = validate(
            &CorsConfig::from_json(
                r#"{"apiType": "rest", "allowOrigins": ["https://a.example.com", "https://b.example.com"],
                    "allowMethods": ["GET"], "authorizerHeader": "X-Token", "apiKeyRequired": true}"#,
            )
            .unwrap(),
        )
        .unwrap()
        .config;
        let text = render(&config);
        assert!(text.starts_with(
            "AWSTemplateFormatVersion: \"2010-09-09\"\nTransform: AWS::Serverless-2016-10-31\n\
             Description: \"REST API with CORS: one Python function on /items\"\n\nResources:\n  CorsApi:\n"
        ));
        assert!(!text.contains("Cors:\n"));
        assert!(text.contains(
            "      Auth:
        DefaultAuthorizer: TokenAuthorizer
        Authorizers:
          TokenAuthorizer:
            FunctionArn: !GetAtt AuthorizerFunction.Arn
            Identity:
              Header: X-Token
        ApiKeyRequired: true
        UsagePlan:
          CreateUsagePlan: PER_API
"
        ));
        assert!(text.contains(
            "        ItemsOptions:
          Type: Api
          Properties:
            RestApiId: !Ref CorsApi
            Path: /items
            Method: OPTIONS
            Auth:
              Authorizer: NONE
              ApiKeyRequired: false
"
        ));
        assert!(text.contains("Access-Control-Allow-Origin: method.request.header.origin\n"));
        let code = yaml_block_literal(&lambda_python::handler_source(&config), 8);
        assert!(text.contains(&format!("      InlineCode: {code}")));
        assert!(text.ends_with("    Value: !Ref CorsApiApiKey\n"));
    }

    #[test]
    fn http_template_events_and_authorizer() {
        let text = render_json(
            r#"{"apiType": "http", "allowOrigins": ["https://app.example.com"], "allowMethods": ["*"],
                "authorizerHeader": "Authorization", "payloadFormatVersion": "1.0"}"#,
        );
        assert!(text.contains(
            "        ItemsAny:
          Type: HttpApi
          Properties:
            ApiId: !Ref CorsApi
            Path: /items
            Method: ANY
            PayloadFormatVersion: \"1.0\"
        # The preflight skips the authorizer: the ANY route would otherwise send OPTIONS to it.
        ItemsOptions:
          Type: HttpApi
          Properties:
            ApiId: !Ref CorsApi
            Path: /items
            Method: OPTIONS
            PayloadFormatVersion: \"1.0\"
            Auth:
              Authorizer: NONE
"
        ));
        assert!(text.contains("            EnableFunctionDefaultPermissions: true\n"));
        assert!(text.contains(
            "    return {\"isAuthorized\": headers.get(\"authorization\") == \"allow\"}\n"
        ));
        assert!(!text.contains("GatewayResponses"));
        assert!(text.ends_with(
            "Outputs:
  ItemsUrl:
    Description: The /items route (check it with the curl target)
    Value: !Sub \"https://${CorsApi}.execute-api.${AWS::Region}.${AWS::URLSuffix}/prod/items\"
"
        ));
    }
}
