use super::*;
use crate::model::{ApiType, CorsConfig};
use crate::tool::DeployTool;
use crate::{render, validate, Field};

#[test]
fn ids_are_unique_and_read_back() {
    for cause in Cause::ALL {
        assert_eq!(cause.id().parse::<Cause>(), Ok(*cause));
        assert_eq!(
            serde_json::to_string(cause).unwrap(),
            format!("\"{}\"", cause.id())
        );
    }
    assert_eq!(
        "no-such".parse::<Cause>().unwrap_err().to_string(),
        "unknown cause \"no-such\""
    );
    assert_eq!(Cause::ALL.len(), 22);
}

#[test]
fn every_cause_has_a_title_an_explanation_and_a_fix_in_every_tool() {
    for cause in Cause::ALL {
        assert!(!cause.title().ends_with('.'), "{cause}");
        assert!(cause.in_api_gateway().ends_with('.'), "{cause}");
        for tool in DeployTool::ALL {
            let fix = cause.fix(tool);
            assert!(
                fix.ends_with('.') && !fix.ends_with(".."),
                "{cause} {tool}: {fix}"
            );
            assert!(fix.starts_with(char::is_uppercase), "{cause} {tool}: {fix}");
        }
    }
}

#[test]
fn fields_point_at_the_form_control_concerned() {
    assert_eq!(
        Cause::AuthorizerOnPreflight.field(),
        Some(Field::AuthorizerHeader)
    );
    assert_eq!(
        Cause::ApiKeyOnPreflight.field(),
        Some(Field::ApiKeyRequired)
    );
    assert_eq!(Cause::OriginNotAllowed.field(), Some(Field::AllowOrigins));
    assert_eq!(Cause::MethodNotAllowed.field(), Some(Field::AllowMethods));
    assert_eq!(Cause::HeaderNotAllowed.field(), Some(Field::AllowHeaders));
    assert_eq!(
        Cause::CredentialsNotAllowed.field(),
        Some(Field::AllowCredentials)
    );
    assert_eq!(Cause::MaxAgeAboveBrowserCap.field(), Some(Field::MaxAge));
    assert_eq!(Cause::NoPreflightRoute.field(), None);
    assert_eq!(Cause::NetworkFailure.field(), None);
}

#[test]
fn fix_sentences_in_full() {
    assert_eq!(
        Cause::AuthorizerOnPreflight.fix(DeployTool::Sam),
        "Keep the authorizer off OPTIONS: set Auth.AddDefaultAuthorizerToCorsPreflight: false on the AWS::Serverless::Api; on an AWS::Serverless::HttpApi whose authorizer sits on $default or an ANY route, add an OPTIONS /{proxy+} route with Auth.Authorizer: NONE."
    );
    assert_eq!(
        Cause::ApiKeyOnPreflight.fix(DeployTool::Terraform),
        "Keep the API key off OPTIONS: set api_key_required = false on the OPTIONS aws_api_gateway_method."
    );
    assert_eq!(
        Cause::MaxAgeAboveBrowserCap.fix(DeployTool::Cdk),
        "Set defaultCorsPreflightOptions.maxAge (RestApi) or corsPreflight.maxAge (HttpApi), a Duration to at most 7200 seconds (Chromium's limit; Firefox keeps at most 86400)."
    );
    assert_eq!(
        Cause::MethodNotUpperCase.fix(DeployTool::OpenApi),
        Cause::MethodNotUpperCase.fix(DeployTool::AwsCli),
    );
}

/// The configuration the cross-check renders: an authorizer and an API key, so that every
/// setting a fix names is in the output.
fn full_config(api_type: ApiType) -> crate::ValidCorsConfig {
    let config = CorsConfig {
        api_type,
        allow_origins: vec!["https://app.example.com".into()],
        allow_methods: vec!["GET".into(), "PUT".into()],
        allow_headers: vec!["Content-Type".into(), "Authorization".into()],
        max_age: Some(600),
        authorizer_header: Some("Authorization".into()),
        api_key_required: api_type == ApiType::Rest,
        ..CorsConfig::default()
    };
    validate(&config).unwrap().config
}

/// Each name a fix sentence gives for a tool is written by this project's own output for that
/// tool, so the sentence and the output cannot name the setting differently.
#[test]
fn the_names_in_the_fixes_are_the_names_our_outputs_write() {
    use Cause::*;
    let rest = ApiType::Rest;
    let http = ApiType::Http;
    let table: &[(DeployTool, Cause, ApiType, &str)] = &[
        (
            DeployTool::Sam,
            AuthorizerOnPreflight,
            rest,
            "AddDefaultAuthorizerToCorsPreflight: false",
        ),
        (
            DeployTool::Sam,
            ApiKeyOnPreflight,
            rest,
            "AddApiKeyRequiredToCorsPreflight: false",
        ),
        (
            DeployTool::Sam,
            GatewayErrorWithoutCors,
            rest,
            "GatewayResponses",
        ),
        (
            DeployTool::Sam,
            GatewayErrorWithoutCors,
            rest,
            "DEFAULT_5XX",
        ),
        (DeployTool::Sam, OriginNotAllowed, rest, "AllowOrigin"),
        (DeployTool::Sam, OriginNotAllowed, http, "CorsConfiguration"),
        (DeployTool::Sam, OriginNotAllowed, http, "AllowOrigins"),
        (DeployTool::Sam, HeaderNotAllowed, rest, "AllowHeaders"),
        (DeployTool::Sam, MaxAgeAboveBrowserCap, rest, "MaxAge"),
        (
            DeployTool::Cdk,
            OriginNotAllowed,
            rest,
            "defaultCorsPreflightOptions",
        ),
        (DeployTool::Cdk, OriginNotAllowed, rest, "allowOrigins"),
        (DeployTool::Cdk, OriginNotAllowed, http, "corsPreflight"),
        (DeployTool::Cdk, MethodNotAllowed, http, "CorsHttpMethod"),
        (
            DeployTool::Cdk,
            GatewayErrorWithoutCors,
            rest,
            "addGatewayResponse",
        ),
        (
            DeployTool::Cdk,
            GatewayErrorWithoutCors,
            rest,
            "ResponseType.DEFAULT_4XX",
        ),
        (
            DeployTool::Cdk,
            AuthorizerOnPreflight,
            rest,
            "defaultMethodOptions",
        ),
        (
            DeployTool::CdkPython,
            OriginNotAllowed,
            rest,
            "default_cors_preflight_options=apigateway.CorsOptions(",
        ),
        (
            DeployTool::CdkPython,
            OriginNotAllowed,
            http,
            "cors_preflight=apigwv2.CorsPreflightOptions(",
        ),
        (
            DeployTool::CdkPython,
            OriginNotAllowed,
            rest,
            "allow_origins",
        ),
        (
            DeployTool::CdkPython,
            GatewayErrorWithoutCors,
            rest,
            "add_gateway_response",
        ),
        (
            DeployTool::CdkPython,
            GatewayErrorWithoutCors,
            rest,
            "type=apigateway.ResponseType.DEFAULT_4_XX",
        ),
        (
            DeployTool::CdkPython,
            AuthorizerOnPreflight,
            rest,
            "default_method_options",
        ),
        (
            DeployTool::CloudFormation,
            AuthorizerOnPreflight,
            rest,
            "AuthorizationType: NONE",
        ),
        (
            DeployTool::CloudFormation,
            ApiKeyOnPreflight,
            rest,
            "ApiKeyRequired: false",
        ),
        (
            DeployTool::CloudFormation,
            GatewayErrorWithoutCors,
            rest,
            "AWS::ApiGateway::GatewayResponse",
        ),
        (
            DeployTool::CloudFormation,
            GatewayErrorWithoutCors,
            rest,
            "gatewayresponse.header.Access-Control-Allow-Origin",
        ),
        (
            DeployTool::CloudFormation,
            OriginNotAllowed,
            rest,
            "method.response.header.Access-Control-Allow-Origin",
        ),
        (
            DeployTool::CloudFormation,
            OriginNotAllowed,
            rest,
            "IntegrationResponses",
        ),
        (
            DeployTool::CloudFormation,
            OriginNotAllowed,
            http,
            "AWS::ApiGatewayV2::Api",
        ),
        (
            DeployTool::CloudFormation,
            StaleDeployment,
            rest,
            "AWS::ApiGateway::Deployment",
        ),
        (
            DeployTool::OpenApi,
            GatewayErrorWithoutCors,
            rest,
            "x-amazon-apigateway-gateway-responses",
        ),
        (
            DeployTool::OpenApi,
            OriginNotAllowed,
            rest,
            "responseParameters",
        ),
        (
            DeployTool::OpenApi,
            OriginNotAllowed,
            rest,
            "method.response.header.Access-Control-Allow-Origin",
        ),
        (
            DeployTool::OpenApi,
            OriginNotAllowed,
            http,
            "x-amazon-apigateway-cors",
        ),
        (
            DeployTool::OpenApi,
            AuthorizerOnPreflight,
            rest,
            "security:",
        ),
        (DeployTool::OpenApi, ApiKeyOnPreflight, rest, "api_key"),
        (
            DeployTool::AwsCli,
            GatewayErrorWithoutCors,
            rest,
            "put-gateway-response",
        ),
        (
            DeployTool::AwsCli,
            StaleDeployment,
            rest,
            "aws apigateway create-deployment",
        ),
        (
            DeployTool::AwsCli,
            OriginNotAllowed,
            rest,
            "put-integration-response",
        ),
        (
            DeployTool::AwsCli,
            NoPreflightRoute,
            rest,
            "--authorization-type NONE",
        ),
        (
            DeployTool::AwsCli,
            OriginNotAllowed,
            http,
            "aws apigatewayv2 update-api",
        ),
        (
            DeployTool::AwsCli,
            OriginNotAllowed,
            http,
            "--cors-configuration",
        ),
        (
            DeployTool::Terraform,
            OriginNotAllowed,
            http,
            "cors_configuration",
        ),
        (
            DeployTool::Terraform,
            OriginNotAllowed,
            http,
            "allow_origins",
        ),
        (
            DeployTool::Terraform,
            OriginNotAllowed,
            rest,
            "aws_api_gateway_integration_response",
        ),
        (
            DeployTool::Terraform,
            OriginNotAllowed,
            rest,
            "method.response.header.Access-Control-Allow-Origin",
        ),
        (
            DeployTool::Terraform,
            AuthorizerOnPreflight,
            rest,
            "authorization",
        ),
        (
            DeployTool::Terraform,
            ApiKeyOnPreflight,
            rest,
            "api_key_required = false",
        ),
        (
            DeployTool::Terraform,
            GatewayErrorWithoutCors,
            rest,
            "aws_api_gateway_gateway_response",
        ),
        (
            DeployTool::Terraform,
            GatewayErrorWithoutCors,
            rest,
            "gatewayresponse.header.Access-Control-Allow-Origin",
        ),
        (
            DeployTool::Terraform,
            StaleDeployment,
            rest,
            "create_before_destroy = true",
        ),
        (
            DeployTool::Serverless,
            OriginNotAllowed,
            http,
            "allowedOrigins",
        ),
        (
            DeployTool::Serverless,
            GatewayErrorWithoutCors,
            rest,
            "AWS::ApiGateway::GatewayResponse",
        ),
        (
            DeployTool::Serverless,
            GatewayErrorWithoutCors,
            rest,
            "ApiGatewayRestApi",
        ),
        (
            DeployTool::Serverless,
            ApiKeyOnPreflight,
            rest,
            "private: true",
        ),
    ];
    let mut failures = Vec::new();
    for (tool, cause, api_type, name) in table {
        let fix = cause.fix(*tool);
        if !fix.contains(name) {
            failures.push(format!(
                "{cause} {tool}: the fix does not name {name}: {fix}"
            ));
        }
        let config = full_config(*api_type);
        let output: String = tool
            .own_targets()
            .iter()
            .map(|target| render(*target, &config))
            .collect();
        if !output.contains(name) {
            failures.push(format!(
                "{tool} {api_type:?}: the output does not write {name}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
