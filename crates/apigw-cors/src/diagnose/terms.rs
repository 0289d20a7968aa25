//! Where each CORS setting lives in each deploy tool, by its real name there: the one table the
//! fix sentences of every [`Cause`](super::Cause) are written from. REST and HTTP APIs name
//! most settings differently, so each entry names both.
//!
//! Names checked against the reference (`api-gateway-cors.md` §2–§3, `other-tools-cors.md`
//! §1–§5) and this project's own outputs for each tool.

use crate::tool::DeployTool;

/// The names one tool gives to the places a CORS fix touches.
pub(super) struct Terms {
    /// Where the allowed origins are set.
    pub origins: &'static str,
    /// Where the allowed methods are set.
    pub methods: &'static str,
    /// Where the allowed request headers are set.
    pub headers: &'static str,
    /// Where credentials are allowed.
    pub credentials: &'static str,
    /// Where the preflight's cache time is set.
    pub max_age: &'static str,
    /// How the preflight is kept away from an authorizer.
    pub preflight_without_authorizer: &'static str,
    /// How the preflight is kept free of the API key.
    pub preflight_without_api_key: &'static str,
    /// How a preflight answer is added where there is none.
    pub add_preflight: &'static str,
    /// How API Gateway's own 4xx/5xx errors get CORS headers.
    pub gateway_responses: &'static str,
    /// How a changed REST API reaches its stage.
    pub redeploy: &'static str,
}

/// The terms of `tool`.
pub(super) fn terms(tool: DeployTool) -> &'static Terms {
    match tool {
        DeployTool::Sam => &SAM,
        DeployTool::Cdk => &CDK,
        DeployTool::CdkPython => &CDK_PYTHON,
        DeployTool::CloudFormation => &CLOUDFORMATION,
        DeployTool::OpenApi => &OPENAPI,
        DeployTool::Terraform => &TERRAFORM,
        DeployTool::Serverless => &SERVERLESS,
        DeployTool::AwsCli => &AWS_CLI,
    }
}

const SAM: Terms = Terms {
    origins: "Cors.AllowOrigin on the AWS::Serverless::Api (one origin in inner single quotes, \"'https://app.example.com'\") or CorsConfiguration.AllowOrigins on the AWS::Serverless::HttpApi",
    methods: "Cors.AllowMethods (AWS::Serverless::Api) or CorsConfiguration.AllowMethods (AWS::Serverless::HttpApi)",
    headers: "Cors.AllowHeaders (AWS::Serverless::Api) or CorsConfiguration.AllowHeaders (AWS::Serverless::HttpApi)",
    credentials: "Cors.AllowCredentials: true (AWS::Serverless::Api) or CorsConfiguration.AllowCredentials: true (AWS::Serverless::HttpApi)",
    max_age: "Cors.MaxAge (AWS::Serverless::Api) or CorsConfiguration.MaxAge (AWS::Serverless::HttpApi)",
    preflight_without_authorizer: "set Auth.AddDefaultAuthorizerToCorsPreflight: false on the AWS::Serverless::Api; on an AWS::Serverless::HttpApi whose authorizer sits on $default or an ANY route, add an OPTIONS /{proxy+} route with Auth.Authorizer: NONE",
    preflight_without_api_key: "set Auth.AddApiKeyRequiredToCorsPreflight: false on the AWS::Serverless::Api",
    add_preflight: "set Cors on the AWS::Serverless::Api (SAM then adds an OPTIONS mock to every path of the definition) or CorsConfiguration on the AWS::Serverless::HttpApi",
    gateway_responses: "add GatewayResponses DEFAULT_4XX and DEFAULT_5XX with ResponseParameters.Headers Access-Control-Allow-Origin to the AWS::Serverless::Api",
    redeploy: "run sam deploy again (a changed definition gets a new AWS::ApiGateway::Deployment)",
};

const CDK: Terms = Terms {
    origins: "defaultCorsPreflightOptions.allowOrigins on the RestApi or corsPreflight.allowOrigins on the HttpApi",
    methods: "defaultCorsPreflightOptions.allowMethods (RestApi) or corsPreflight.allowMethods (HttpApi, CorsHttpMethod values)",
    headers: "defaultCorsPreflightOptions.allowHeaders (RestApi) or corsPreflight.allowHeaders (HttpApi)",
    credentials: "defaultCorsPreflightOptions.allowCredentials: true (RestApi) or corsPreflight.allowCredentials: true (HttpApi)",
    max_age: "defaultCorsPreflightOptions.maxAge (RestApi) or corsPreflight.maxAge (HttpApi), a Duration",
    preflight_without_authorizer: "use defaultCorsPreflightOptions (its OPTIONS methods never take an authorizer) instead of an OPTIONS or ANY method that inherits defaultMethodOptions.authorizer; on an HttpApi whose authorizer sits on $default or an ANY route, add an OPTIONS /{proxy+} route with HttpNoneAuthorizer",
    preflight_without_api_key: "use defaultCorsPreflightOptions (its OPTIONS methods set apiKeyRequired: false) instead of an OPTIONS or ANY method that inherits defaultMethodOptions.apiKeyRequired",
    add_preflight: "set defaultCorsPreflightOptions on the RestApi (or resource.addCorsPreflight) or corsPreflight on the HttpApi",
    gateway_responses: "call api.addGatewayResponse with ResponseType.DEFAULT_4XX and ResponseType.DEFAULT_5XX and responseHeaders Access-Control-Allow-Origin",
    redeploy: "run cdk deploy again (a RestApi with deploy: true gets a new deployment when its methods change)",
};

const CDK_PYTHON: Terms = Terms {
    origins: "allow_origins in default_cors_preflight_options=apigateway.CorsOptions(...) on the RestApi or in cors_preflight=apigwv2.CorsPreflightOptions(...) on the HttpApi",
    methods: "allow_methods in apigateway.CorsOptions (RestApi) or apigwv2.CorsPreflightOptions (HttpApi, CorsHttpMethod values)",
    headers: "allow_headers in apigateway.CorsOptions (RestApi) or apigwv2.CorsPreflightOptions (HttpApi)",
    credentials: "allow_credentials=True in apigateway.CorsOptions (RestApi) or apigwv2.CorsPreflightOptions (HttpApi)",
    max_age: "max_age=Duration.seconds(...) in apigateway.CorsOptions (RestApi) or apigwv2.CorsPreflightOptions (HttpApi)",
    preflight_without_authorizer: "use default_cors_preflight_options (its OPTIONS methods never take an authorizer) instead of an OPTIONS or ANY method that inherits default_method_options authorizer; on an HttpApi whose authorizer sits on $default or an ANY route, add an OPTIONS /{proxy+} route with HttpNoneAuthorizer()",
    preflight_without_api_key: "use default_cors_preflight_options (its OPTIONS methods set api_key_required=False) instead of an OPTIONS or ANY method that inherits default_method_options api_key_required",
    add_preflight: "set default_cors_preflight_options on the RestApi (or resource.add_cors_preflight) or cors_preflight on the HttpApi",
    gateway_responses: "call api.add_gateway_response with type=apigateway.ResponseType.DEFAULT_4_XX and DEFAULT_5_XX and response_headers Access-Control-Allow-Origin",
    redeploy: "run cdk deploy again (a RestApi with deploy=True gets a new deployment when its methods change)",
};

const CLOUDFORMATION: Terms = Terms {
    origins: "the OPTIONS AWS::ApiGateway::Method's Integration.IntegrationResponses ResponseParameters method.response.header.Access-Control-Allow-Origin (REST) or CorsConfiguration.AllowOrigins on the AWS::ApiGatewayV2::Api",
    methods: "method.response.header.Access-Control-Allow-Methods in the OPTIONS method's IntegrationResponses (REST) or CorsConfiguration.AllowMethods (AWS::ApiGatewayV2::Api)",
    headers: "method.response.header.Access-Control-Allow-Headers in the OPTIONS method's IntegrationResponses (REST) or CorsConfiguration.AllowHeaders (AWS::ApiGatewayV2::Api)",
    credentials: "method.response.header.Access-Control-Allow-Credentials \"'true'\" in the OPTIONS method's IntegrationResponses (REST) or CorsConfiguration.AllowCredentials: true (AWS::ApiGatewayV2::Api)",
    max_age: "method.response.header.Access-Control-Max-Age in the OPTIONS method's IntegrationResponses (REST) or CorsConfiguration.MaxAge (AWS::ApiGatewayV2::Api)",
    preflight_without_authorizer: "set AuthorizationType: NONE on the OPTIONS AWS::ApiGateway::Method; on an HTTP API whose authorizer sits on $default or an ANY route, add an AWS::ApiGatewayV2::Route OPTIONS /{proxy+} with AuthorizationType: NONE",
    preflight_without_api_key: "set ApiKeyRequired: false on the OPTIONS AWS::ApiGateway::Method",
    add_preflight: "add an OPTIONS AWS::ApiGateway::Method with a MOCK Integration and the Access-Control-Allow-* ResponseParameters to the resource, or CorsConfiguration on the AWS::ApiGatewayV2::Api",
    gateway_responses: "add AWS::ApiGateway::GatewayResponse resources for DEFAULT_4XX and DEFAULT_5XX with ResponseParameters gatewayresponse.header.Access-Control-Allow-Origin",
    redeploy: "give the AWS::ApiGateway::Deployment a new logical id so the stage points at a new deployment (a deployment is a snapshot)",
};

const OPENAPI: Terms = Terms {
    origins: "method.response.header.Access-Control-Allow-Origin in the options operation's x-amazon-apigateway-integration responses.default.responseParameters (REST) or x-amazon-apigateway-cors.allowOrigins (HTTP API)",
    methods: "method.response.header.Access-Control-Allow-Methods in the options operation's responseParameters (REST) or x-amazon-apigateway-cors.allowMethods (HTTP API)",
    headers: "method.response.header.Access-Control-Allow-Headers in the options operation's responseParameters (REST) or x-amazon-apigateway-cors.allowHeaders (HTTP API)",
    credentials: "method.response.header.Access-Control-Allow-Credentials \"'true'\" in the options operation's responseParameters (REST) or x-amazon-apigateway-cors.allowCredentials: true (HTTP API)",
    max_age: "method.response.header.Access-Control-Max-Age in the options operation's responseParameters (REST) or x-amazon-apigateway-cors.maxAge (HTTP API)",
    preflight_without_authorizer: "give the options operation no security: requirement (write security: [] when the definition sets one at the root), so the authorizer does not apply to it; on an HTTP API whose authorizer sits on x-amazon-apigateway-any-method or $default, add an options operation on /{proxy+} without one",
    preflight_without_api_key: "give the options operation no security: requirement (write security: [] when the definition sets one at the root), so the api_key scheme does not apply to it",
    add_preflight: "add an options operation with a mock x-amazon-apigateway-integration and the Access-Control-Allow-* responseParameters to the path (REST), or x-amazon-apigateway-cors (HTTP API)",
    gateway_responses: "add x-amazon-apigateway-gateway-responses DEFAULT_4XX and DEFAULT_5XX with responseParameters gatewayresponse.header.Access-Control-Allow-Origin",
    redeploy: "import the definition again (aws apigateway put-rest-api) and create a deployment for the stage",
};

const TERRAFORM: Terms = Terms {
    origins: "response_parameters \"method.response.header.Access-Control-Allow-Origin\" of the OPTIONS aws_api_gateway_integration_response (REST) or cors_configuration { allow_origins } on the aws_apigatewayv2_api",
    methods: "\"method.response.header.Access-Control-Allow-Methods\" in the OPTIONS aws_api_gateway_integration_response (REST) or cors_configuration { allow_methods } (aws_apigatewayv2_api)",
    headers: "\"method.response.header.Access-Control-Allow-Headers\" in the OPTIONS aws_api_gateway_integration_response (REST) or cors_configuration { allow_headers } (aws_apigatewayv2_api)",
    credentials: "\"method.response.header.Access-Control-Allow-Credentials\" = \"'true'\" in the OPTIONS aws_api_gateway_integration_response (REST) or cors_configuration { allow_credentials = true } (aws_apigatewayv2_api)",
    max_age: "\"method.response.header.Access-Control-Max-Age\" in the OPTIONS aws_api_gateway_integration_response (REST) or cors_configuration { max_age } (aws_apigatewayv2_api)",
    preflight_without_authorizer: "set authorization = \"NONE\" on the OPTIONS aws_api_gateway_method; on an HTTP API whose authorizer sits on $default or an ANY route, add an aws_apigatewayv2_route \"OPTIONS /{proxy+}\" with authorization_type = \"NONE\"",
    preflight_without_api_key: "set api_key_required = false on the OPTIONS aws_api_gateway_method",
    add_preflight: "add an OPTIONS aws_api_gateway_method with a MOCK aws_api_gateway_integration, its aws_api_gateway_method_response and aws_api_gateway_integration_response (REST), or cors_configuration on the aws_apigatewayv2_api",
    gateway_responses: "add aws_api_gateway_gateway_response resources for DEFAULT_4XX and DEFAULT_5XX with response_parameters \"gatewayresponse.header.Access-Control-Allow-Origin\"",
    redeploy: "hash every CORS resource in the aws_api_gateway_deployment's triggers, with lifecycle { create_before_destroy = true }, so a change creates a new deployment",
};

const SERVERLESS: Terms = Terms {
    origins: "cors.origin (one origin) or cors.origins (a list) on each http event (REST) or provider.httpApi.cors.allowedOrigins (HTTP API)",
    methods: "cors.methods on each http event (REST) or provider.httpApi.cors.allowedMethods (HTTP API)",
    headers: "cors.headers on each http event (REST) or provider.httpApi.cors.allowedHeaders (HTTP API)",
    credentials: "cors.allowCredentials: true on each http event (REST) or provider.httpApi.cors.allowCredentials: true (HTTP API)",
    max_age: "cors.maxAge on each http event (REST) or provider.httpApi.cors.maxAge (HTTP API)",
    preflight_without_authorizer: "let cors generate the OPTIONS method (it never has an authorizer) instead of an http event with method: options or any and an authorizer; on an HTTP API whose authorizer sits on * or an ANY route, add an httpApi event OPTIONS /{proxy+} without authorizer",
    preflight_without_api_key: "let cors generate the OPTIONS method (it needs no API key) instead of an http event with method: options or any and private: true",
    add_preflight: "set cors: true or a cors object on every http event (REST), or provider.httpApi.cors (HTTP API)",
    gateway_responses: "add AWS::ApiGateway::GatewayResponse resources for DEFAULT_4XX and DEFAULT_5XX (RestApiId: {Ref: ApiGatewayRestApi}, ResponseParameters gatewayresponse.header.Access-Control-Allow-Origin) under resources.Resources",
    redeploy: "run serverless deploy again (each deploy creates a new deployment)",
};

const AWS_CLI: Terms = Terms {
    origins: "aws apigateway put-integration-response on the OPTIONS method with --response-parameters method.response.header.Access-Control-Allow-Origin (REST) or aws apigatewayv2 update-api --cors-configuration AllowOrigins=<origins> (HTTP API)",
    methods: "method.response.header.Access-Control-Allow-Methods in put-integration-response on the OPTIONS method (REST) or update-api --cors-configuration AllowMethods=<methods> (HTTP API)",
    headers: "method.response.header.Access-Control-Allow-Headers in put-integration-response on the OPTIONS method (REST) or update-api --cors-configuration AllowHeaders=<headers> (HTTP API)",
    credentials: "method.response.header.Access-Control-Allow-Credentials \"'true'\" in put-integration-response on the OPTIONS method (REST) or update-api --cors-configuration AllowCredentials=true (HTTP API)",
    max_age: "method.response.header.Access-Control-Max-Age in put-integration-response on the OPTIONS method (REST) or update-api --cors-configuration MaxAge=<seconds> (HTTP API)",
    preflight_without_authorizer: "run aws apigateway update-method --http-method OPTIONS --patch-operations op=replace,path=/authorizationType,value=NONE; on an HTTP API whose authorizer sits on $default or an ANY route, aws apigatewayv2 create-route --route-key 'OPTIONS /{proxy+}' --authorization-type NONE with a --target",
    preflight_without_api_key: "run aws apigateway update-method --http-method OPTIONS --patch-operations op=replace,path=/apiKeyRequired,value=false",
    add_preflight: "run aws apigateway put-method --http-method OPTIONS --authorization-type NONE, put-integration --type MOCK, put-method-response and put-integration-response on the resource (REST), or aws apigatewayv2 update-api --cors-configuration (HTTP API)",
    gateway_responses: "run aws apigateway put-gateway-response --response-type DEFAULT_4XX (and DEFAULT_5XX) with --response-parameters gatewayresponse.header.Access-Control-Allow-Origin",
    redeploy: "run aws apigateway create-deployment --rest-api-id <api-id> --stage-name <stage>",
};
