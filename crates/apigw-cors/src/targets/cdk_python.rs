//! Target `cdk-python`: the complete CDK app of `cdk-stack`, in Python (`app.py`, aws-cdk-lib
//! v2 for Python): the same constructs with the same ids and props, the same inline function
//! code and the same comments, from `emit/cdk_app.rs`; only the syntax differs. `python3
//! app.py` (or `cdk synth` with `"app": "python3 app.py"`) synthesizes it.

use super::lambda_node::handler_source;
use crate::emit::cdk_app::{
    app_intro, authorizer_source, http_authorizer_routes_note, http_identity_source,
    max_age_response_parameter, parts, payload_format_member, MaxAgeOverride, Part, API_KEY_ID,
    API_KEY_NOTE, AUTHORIZER_FUNCTION_ID, AUTHORIZER_ID, FUNCTION_HANDLER, FUNCTION_RUNTIME,
    GATEWAY_RESPONSES, GATEWAY_RESPONSES_NOTE, HTTP_HANDLER_NOTE, HTTP_INTEGRATION_ID,
    HTTP_ONLY_OPTIONS_NOTE, HTTP_ROUTES_NOTE, HTTP_STAGE_ID, ITEMS_FUNCTION_ID,
    MAX_AGE_ZERO_OVERRIDES, MAX_AGE_ZERO_OVERRIDE_NOTE, OUTPUT_ID, PREFLIGHT_HTTP_METHOD,
    REST_HANDLER_NOTE, REST_ONLY_OPTIONS_NOTE, REST_PREFLIGHT_NOTE, STACK_ID, USAGE_PLAN_ID,
};
use crate::emit::cdk_py::{
    constant_name, cors_arguments, list_argument, snake_case, wrapped_comment, Imports, APIGATEWAY,
    APIGATEWAYV2, APIGATEWAYV2_AUTHORIZERS, APIGATEWAYV2_INTEGRATIONS, LAMBDA,
};
use crate::emit::facts::TESTED_AWS_CDK_LIB_PYTHON;
use crate::emit::gateway_policy::{
    gateway_response_headers, gateway_response_tradeoff, GatewayHeaderValue, REQUEST_ORIGIN,
};
use crate::escape::{python_block_string, python_static_value, python_string};
use crate::example::{EXAMPLE_API_ID, EXAMPLE_RESOURCE, EXAMPLE_ROUTE, EXAMPLE_STAGE};
use crate::model::{ApiType, Method, ValidCorsConfig};

/// Renders this target.
pub(crate) fn render(config: &ValidCorsConfig) -> String {
    let mut imports = Imports::default();
    imports.core("App");
    imports.core("CfnOutput");
    imports.core("Stack");
    imports.module(LAMBDA);

    let body: String = parts(config)
        .iter()
        .map(|p| part(p, config, &mut imports))
        .collect();

    let mut out = wrapped_comment(
        0,
        &app_intro(
            "Python",
            &format!(">={TESTED_AWS_CDK_LIB_PYTHON},<3"),
            &format!("synthesized with {TESTED_AWS_CDK_LIB_PYTHON}"),
        ),
    );
    out.push_str(&imports.render());
    out.push('\n');
    out.push_str(&handler_constants(config));
    out.push_str(&format!(
        "\n\nclass {STACK_ID}(Stack):
    def __init__(self, scope: Construct, construct_id: str, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)

"
    ));
    out.push_str(&body);
    out.push_str(&format!(
        "\n\napp = App()\n{STACK_ID}(app, {})\napp.synth()\n",
        python_string(STACK_ID)
    ));
    out
}

/// The inline function sources as module constants, before the stack class.
fn handler_constants(config: &ValidCorsConfig) -> String {
    let note = match config.api_type {
        ApiType::Rest => REST_HANDLER_NOTE,
        ApiType::Http => HTTP_HANDLER_NOTE,
    };
    let mut out = wrapped_comment(0, note);
    out.push_str(&format!(
        "ITEMS_HANDLER_SOURCE = {}\n",
        python_block_string(&handler_source(config))
    ));
    if let Some(source) = authorizer_source(config) {
        out.push_str(&format!(
            "\nAUTHORIZER_HANDLER_SOURCE = {}\n",
            python_block_string(&source)
        ));
    }
    out
}

/// `<variable> = lambda_.Function(...)` with inline Node.js code.
fn function(variable: &str, id: &str, source: &str) -> String {
    format!(
        "        {variable} = lambda_.Function(
            self,
            {},
            runtime=lambda_.Runtime.{FUNCTION_RUNTIME},
            handler={},
            code=lambda_.Code.from_inline({source}),
        )

",
        python_string(id),
        python_string(FUNCTION_HANDLER)
    )
}

/// One part of the stack's constructor, with the imports it needs.
fn part(part: &Part, config: &ValidCorsConfig, imports: &mut Imports) -> String {
    match part {
        Part::ItemsFunction => {
            function("items_function", ITEMS_FUNCTION_ID, "ITEMS_HANDLER_SOURCE")
        }
        Part::TokenAuthorizer { header } => {
            let apigateway = imports.module(APIGATEWAY);
            let mut out = function(
                "authorizer_function",
                AUTHORIZER_FUNCTION_ID,
                "AUTHORIZER_HANDLER_SOURCE",
            );
            out.push_str(&format!(
                "        authorizer = {apigateway}.TokenAuthorizer(
            self,
            {},
            handler=authorizer_function,
            identity_source={apigateway}.IdentitySource.header({}),
        )

",
                python_string(AUTHORIZER_ID),
                python_string(header)
            ));
            out
        }
        Part::HttpLambdaAuthorizer { header } => {
            let authorizers = imports.module(APIGATEWAYV2_AUTHORIZERS);
            let mut out = function(
                "authorizer_function",
                AUTHORIZER_FUNCTION_ID,
                "AUTHORIZER_HANDLER_SOURCE",
            );
            out.push_str(&format!(
                "        authorizer = {authorizers}.HttpLambdaAuthorizer(
            {},
            authorizer_function,
            identity_source=[{}],
            response_types=[{authorizers}.HttpLambdaResponseType.SIMPLE],
        )

",
                python_string(AUTHORIZER_ID),
                python_string(&http_identity_source(header))
            ));
            out
        }
        Part::RestApi {
            authorizer,
            api_key,
        } => rest_api(config, *authorizer, *api_key, imports),
        Part::RestResource { methods } => rest_resource(methods, imports),
        Part::UsagePlan => {
            let apigateway = imports.module(APIGATEWAY);
            let mut out = wrapped_comment(8, API_KEY_NOTE);
            out.push_str(&format!(
                "        usage_plan = api.add_usage_plan(
            {},
            api_stages=[
                {apigateway}.UsagePlanPerApiStage(
                    api=api, stage=api.deployment_stage
                )
            ],
        )
        usage_plan.add_api_key(api.add_api_key({}))

",
                python_string(USAGE_PLAN_ID),
                python_string(API_KEY_ID)
            ));
            out
        }
        Part::MaxAgeZeroOverride => max_age_zero_override(),
        Part::GatewayResponses => gateway_responses(config, imports),
        Part::RestOutput => format!(
            "        CfnOutput(self, {}, value=api.url_for_path({}))\n",
            python_string(OUTPUT_ID),
            python_string(EXAMPLE_ROUTE)
        ),
        Part::HttpApi => http_api(config, imports),
        Part::HttpRoutes {
            methods,
            authorizer,
        } => http_routes(config, methods, *authorizer, imports),
        Part::HttpOutput => format!(
            "        CfnOutput(self, {}, value=api.api_endpoint + {})\n",
            python_string(OUTPUT_ID),
            python_string(&format!("/{EXAMPLE_STAGE}{EXAMPLE_ROUTE}"))
        ),
    }
}

fn rest_api(
    config: &ValidCorsConfig,
    authorizer: bool,
    api_key: bool,
    imports: &mut Imports,
) -> String {
    let apigateway = imports.module(APIGATEWAY);
    let mut out = format!(
        "        api = {apigateway}.RestApi(
            self,
            {},
            deploy_options={apigateway}.StageOptions(stage_name={}),
",
        python_string(EXAMPLE_API_ID),
        python_string(EXAMPLE_STAGE)
    );
    out.push_str(&wrapped_comment(12, REST_PREFLIGHT_NOTE));
    out.push_str(&format!(
        "            default_cors_preflight_options={apigateway}.CorsOptions(\n"
    ));
    out.push_str(&cors_arguments(config, 16, MaxAgeOverride::Below, imports));
    out.push_str("            ),\n");
    let mut method_options = Vec::new();
    if authorizer {
        method_options.push("authorizer=authorizer");
    }
    if api_key {
        method_options.push("api_key_required=True");
    }
    if !method_options.is_empty() {
        out.push_str(&format!(
            "            default_method_options={apigateway}.MethodOptions(\n"
        ));
        for option in method_options {
            out.push_str(&format!("                {option},\n"));
        }
        out.push_str("            ),\n");
    }
    out.push_str("        )\n\n");
    out
}

fn rest_resource(methods: &[Method], imports: &mut Imports) -> String {
    if methods.is_empty() {
        let mut out = wrapped_comment(8, REST_ONLY_OPTIONS_NOTE);
        out.push_str(&format!(
            "        api.root.add_resource({})\n\n",
            python_string(EXAMPLE_RESOURCE)
        ));
        return out;
    }
    let apigateway = imports.module(APIGATEWAY);
    let mut out = format!(
        "        items = api.root.add_resource({})\n",
        python_string(EXAMPLE_RESOURCE)
    );
    out.push_str(&format!(
        "        items_integration = {apigateway}.LambdaIntegration(items_function)\n"
    ));
    for method in methods {
        out.push_str(&format!(
            "        items.add_method({}, items_integration)\n",
            python_string(method.as_str())
        ));
    }
    out.push('\n');
    out
}

/// `maxAge: 0` means "do not cache the preflight", but CDK's REST CORS writes
/// Access-Control-Max-Age only when it is positive: set `'0'` on every OPTIONS method.
fn max_age_zero_override() -> String {
    let mut out = wrapped_comment(8, MAX_AGE_ZERO_OVERRIDE_NOTE);
    out.push_str(&format!(
        "        for preflight in api.methods:
            if preflight.http_method != {}:
                continue
            method = preflight.node.default_child
",
        python_string(PREFLIGHT_HTTP_METHOD)
    ));
    let parameter = python_string(&max_age_response_parameter());
    for (path, value) in MAX_AGE_ZERO_OVERRIDES {
        let value = value.map_or_else(|| "True".to_owned(), python_static_value);
        // The path is written as two adjacent literals, which Python joins, to keep the
        // lines short.
        out.push_str(&format!(
            "            method.add_property_override(
                {}
                {parameter},
                {value},
            )
",
            python_string(path)
        ));
    }
    out.push('\n');
    out
}

/// DEFAULT_4XX and DEFAULT_5XX with the CORS headers, so a browser shows API Gateway's own
/// errors instead of a CORS error.
fn gateway_responses(config: &ValidCorsConfig, imports: &mut Imports) -> String {
    let apigateway = imports.module(APIGATEWAY);
    let mut out = wrapped_comment(8, GATEWAY_RESPONSES_NOTE);
    if let Some(tradeoff) = gateway_response_tradeoff(config) {
        out.push_str(&wrapped_comment(8, &tradeoff));
    }
    out.push_str("        cors_error_headers = {\n");
    for (name, value) in gateway_response_headers(config) {
        let value = match value {
            GatewayHeaderValue::Static(text) => python_static_value(&text),
            GatewayHeaderValue::RequestOrigin => python_string(REQUEST_ORIGIN),
        };
        out.push_str(&format!("            {}: {value},\n", python_string(name)));
    }
    out.push_str("        }\n");
    for (id, kind) in GATEWAY_RESPONSES {
        out.push_str(&format!(
            "        api.add_gateway_response(
            {},
            type={apigateway}.ResponseType.{},
            response_headers=cors_error_headers,
        )
",
            python_string(id),
            constant_name(kind)
        ));
    }
    out.push('\n');
    out
}

fn http_api(config: &ValidCorsConfig, imports: &mut Imports) -> String {
    let apigwv2 = imports.module(APIGATEWAYV2);
    let mut out = format!(
        "        api = {apigwv2}.HttpApi(
            self,
            {},
            create_default_stage=False,
            cors_preflight={apigwv2}.CorsPreflightOptions(
",
        python_string(EXAMPLE_API_ID)
    );
    out.push_str(&cors_arguments(config, 16, MaxAgeOverride::Below, imports));
    out.push_str(&format!(
        "            ),
        )
        api.add_stage({}, stage_name={}, auto_deploy=True)

",
        python_string(HTTP_STAGE_ID),
        python_string(EXAMPLE_STAGE)
    ));
    out
}

fn http_routes(
    config: &ValidCorsConfig,
    methods: &[Method],
    authorizer: bool,
    imports: &mut Imports,
) -> String {
    if methods.is_empty() {
        let mut out = wrapped_comment(8, HTTP_ONLY_OPTIONS_NOTE);
        out.push('\n');
        return out;
    }
    let apigwv2 = imports.module(APIGATEWAYV2);
    let integrations = imports.module(APIGATEWAYV2_INTEGRATIONS);
    let methods: Vec<String> = methods
        .iter()
        .map(|m| format!("{apigwv2}.HttpMethod.{}", m.as_str()))
        .collect();
    // The integration gets its own variable (TypeScript writes it inline): inline, its
    // payload format would not fit in a line.
    let mut out = format!(
        "        items_integration = {integrations}.HttpLambdaIntegration(
            {},
            items_function,
            payload_format_version={apigwv2}.PayloadFormatVersion.{},
        )
",
        python_string(HTTP_INTEGRATION_ID),
        payload_format_member(config.payload_format)
    );
    if authorizer {
        out.push_str(&wrapped_comment(
            8,
            &http_authorizer_routes_note(&snake_case("corsPreflight")),
        ));
    } else {
        out.push_str(&wrapped_comment(8, HTTP_ROUTES_NOTE));
    }
    out.push_str(&format!(
        "        api.add_routes(\n            path={},\n",
        python_string(EXAMPLE_ROUTE)
    ));
    out.push_str(&list_argument(12, "methods", &methods));
    out.push_str("            integration=items_integration,\n");
    if authorizer {
        out.push_str("            authorizer=authorizer,\n");
    }
    out.push_str("        )\n\n");
    out
}

#[cfg(test)]
mod tests {
    use super::render;
    use crate::emit::cdk_app::{http_authorizer_source, rest_authorizer_source};
    use crate::escape::python_block_string;
    use crate::targets::lambda_node::handler_source;
    use crate::targets::valid_from_json as valid;

    #[test]
    fn http_api_with_authorizer_and_payload_1() {
        let config = valid(
            r#"{"apiType": "http", "allowOrigins": ["https://app.example.com"],
                "allowMethods": ["GET", "OPTIONS"], "maxAge": 600, "payloadFormatVersion": "1.0",
                "authorizerHeader": "Authorization"}"#,
        );
        let handler = python_block_string(&handler_source(&config));
        let authorizer = python_block_string(&http_authorizer_source());
        assert_eq!(
            render(&config),
            format!(
                r#"# An AWS CDK app (Python). Written for aws-cdk-lib >=2.275.0,<3 (synthesized
# with 2.275.0) and constructs 10.
from aws_cdk import App, CfnOutput, Duration, Stack
from aws_cdk import aws_apigatewayv2 as apigwv2
from aws_cdk import aws_apigatewayv2_authorizers as authorizers
from aws_cdk import aws_apigatewayv2_integrations as integrations
from aws_cdk import aws_lambda as lambda_
from constructs import Construct

# The function behind /items. The HTTP API adds the CORS headers to its
# responses.
ITEMS_HANDLER_SOURCE = {handler}

AUTHORIZER_HANDLER_SOURCE = {authorizer}


class CorsApiStack(Stack):
    def __init__(self, scope: Construct, construct_id: str, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)

        items_function = lambda_.Function(
            self,
            "ItemsFunction",
            runtime=lambda_.Runtime.NODEJS_24_X,
            handler="index.handler",
            code=lambda_.Code.from_inline(ITEMS_HANDLER_SOURCE),
        )

        authorizer_function = lambda_.Function(
            self,
            "AuthorizerFunction",
            runtime=lambda_.Runtime.NODEJS_24_X,
            handler="index.handler",
            code=lambda_.Code.from_inline(AUTHORIZER_HANDLER_SOURCE),
        )

        authorizer = authorizers.HttpLambdaAuthorizer(
            "TokenAuthorizer",
            authorizer_function,
            identity_source=["$request.header.Authorization"],
            response_types=[authorizers.HttpLambdaResponseType.SIMPLE],
        )

        api = apigwv2.HttpApi(
            self,
            "CorsApi",
            create_default_stage=False,
            cors_preflight=apigwv2.CorsPreflightOptions(
                allow_origins=["https://app.example.com"],
                allow_methods=[
                    apigwv2.CorsHttpMethod.GET,
                    apigwv2.CorsHttpMethod.OPTIONS,
                ],
                max_age=Duration.seconds(600),
                allow_credentials=False,
            ),
        )
        api.add_stage("ProdStage", stage_name="prod", auto_deploy=True)

        items_integration = integrations.HttpLambdaIntegration(
            "ItemsIntegration",
            items_function,
            payload_format_version=apigwv2.PayloadFormatVersion.VERSION_1_0,
        )
        # The authorizer guards the /items routes only. There is no OPTIONS
        # route and no ANY or $default route that would catch OPTIONS: API
        # Gateway answers the preflight from cors_preflight, and a preflight
        # never carries the token, so an authorizer on it would always fail.
        api.add_routes(
            path="/items",
            methods=[apigwv2.HttpMethod.GET],
            integration=items_integration,
            authorizer=authorizer,
        )

        CfnOutput(self, "ItemsUrl", value=api.api_endpoint + "/prod/items")


app = App()
CorsApiStack(app, "CorsApiStack")
app.synth()
"#
            )
        );
    }

    #[test]
    fn rest_api_with_authorizer_api_key_max_age_0_and_two_origins() {
        let config = valid(
            r#"{"apiType": "rest", "allowOrigins": ["https://app.example.com", "https://admin.example.com"],
                "allowMethods": ["GET", "POST"], "allowHeaders": ["Content-Type", "Authorization", "X-Api-Key"],
                "exposeHeaders": ["X-Request-Id"], "allowCredentials": true, "maxAge": 0,
                "authorizerHeader": "Authorization", "apiKeyRequired": true}"#,
        );
        let handler = python_block_string(&handler_source(&config));
        let authorizer = python_block_string(&rest_authorizer_source());
        assert_eq!(
            render(&config),
            format!(
                r#"# An AWS CDK app (Python). Written for aws-cdk-lib >=2.275.0,<3 (synthesized
# with 2.275.0) and constructs 10.
from aws_cdk import App, CfnOutput, Duration, Stack
from aws_cdk import aws_apigateway as apigateway
from aws_cdk import aws_lambda as lambda_
from constructs import Construct

# The function behind /items. A Lambda proxy integration on a REST API adds no
# CORS headers to actual responses, so the function returns them itself.
ITEMS_HANDLER_SOURCE = {handler}

AUTHORIZER_HANDLER_SOURCE = {authorizer}


class CorsApiStack(Stack):
    def __init__(self, scope: Construct, construct_id: str, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)

        items_function = lambda_.Function(
            self,
            "ItemsFunction",
            runtime=lambda_.Runtime.NODEJS_24_X,
            handler="index.handler",
            code=lambda_.Code.from_inline(ITEMS_HANDLER_SOURCE),
        )

        authorizer_function = lambda_.Function(
            self,
            "AuthorizerFunction",
            runtime=lambda_.Runtime.NODEJS_24_X,
            handler="index.handler",
            code=lambda_.Code.from_inline(AUTHORIZER_HANDLER_SOURCE),
        )

        authorizer = apigateway.TokenAuthorizer(
            self,
            "TokenAuthorizer",
            handler=authorizer_function,
            identity_source=apigateway.IdentitySource.header("Authorization"),
        )

        api = apigateway.RestApi(
            self,
            "CorsApi",
            deploy_options=apigateway.StageOptions(stage_name="prod"),
            # CDK adds an OPTIONS method that answers the preflight to every
            # resource, always without authorizer or API key: a browser's
            # preflight carries neither.
            default_cors_preflight_options=apigateway.CorsOptions(
                # Access-Control-Allow-Origin holds one origin: CDK answers
                # with the first one and a mapping template echoes the others
                # (with Vary: Origin).
                allow_origins=[
                    "https://app.example.com",
                    "https://admin.example.com",
                ],
                allow_methods=["GET", "POST"],
                allow_headers=["Content-Type", "Authorization", "X-Api-Key"],
                expose_headers=["X-Request-Id"],
                # 0: browsers must not cache the preflight. CDK writes
                # Access-Control-Max-Age only when it is positive (without it
                # browsers cache for 5 seconds), so Max-Age '0' is also set on
                # the OPTIONS methods with an override (below).
                max_age=Duration.seconds(0),
                allow_credentials=True,
            ),
            default_method_options=apigateway.MethodOptions(
                authorizer=authorizer,
                api_key_required=True,
            ),
        )

        items = api.root.add_resource("items")
        items_integration = apigateway.LambdaIntegration(items_function)
        items.add_method("GET", items_integration)
        items.add_method("POST", items_integration)

        # Callers send the key in the X-Api-Key header; the preflight never
        # needs it.
        usage_plan = api.add_usage_plan(
            "UsagePlan",
            api_stages=[
                apigateway.UsagePlanPerApiStage(
                    api=api, stage=api.deployment_stage
                )
            ],
        )
        usage_plan.add_api_key(api.add_api_key("ApiKey"))

        # maxAge 0 means: browsers must not cache the preflight. CDK leaves
        # Max-Age out when it is 0 (browsers would cache for 5 seconds), so
        # each OPTIONS method gets it here.
        for preflight in api.methods:
            if preflight.http_method != "OPTIONS":
                continue
            method = preflight.node.default_child
            method.add_property_override(
                "MethodResponses.0.ResponseParameters."
                "method\\.response\\.header\\.Access-Control-Max-Age",
                True,
            )
            method.add_property_override(
                "Integration.IntegrationResponses.0.ResponseParameters."
                "method\\.response\\.header\\.Access-Control-Max-Age",
                "'0'",
            )

        # API Gateway's own errors (authorizer denials, throttling, integration
        # failures) do not pass through the function; without CORS headers the
        # browser hides them.
        # Several origins with credentials: API Gateway's own errors name the
        # first origin only (https://app.example.com), because echoing the
        # request's Origin would let any site read them with the user's
        # cookies. In exchange, pages on the other origins see these errors as
        # CORS errors without their status; the function's own responses echo
        # every allowed origin.
        cors_error_headers = {{
            "Access-Control-Allow-Origin": "'https://app.example.com'",
            "Access-Control-Allow-Credentials": "'true'",
            "Access-Control-Expose-Headers": "'X-Request-Id'",
        }}
        api.add_gateway_response(
            "Default4xx",
            type=apigateway.ResponseType.DEFAULT_4_XX,
            response_headers=cors_error_headers,
        )
        api.add_gateway_response(
            "Default5xx",
            type=apigateway.ResponseType.DEFAULT_5_XX,
            response_headers=cors_error_headers,
        )

        CfnOutput(self, "ItemsUrl", value=api.url_for_path("/items"))


app = App()
CorsApiStack(app, "CorsApiStack")
app.synth()
"#
            )
        );
    }

    #[test]
    fn only_options_leaves_items_without_routes() {
        let rest =
            valid(r#"{"apiType": "rest", "allowOrigins": ["*"], "allowMethods": ["OPTIONS"]}"#);
        let text = render(&rest);
        assert!(text.contains(
            "        # Only OPTIONS was chosen, so /items has just its preflight method.\n        api.root.add_resource(\"items\")\n"
        ));
        assert!(!text.contains("add_method("));
        assert!(!text.contains("LambdaIntegration"));
        let http =
            valid(r#"{"apiType": "http", "allowOrigins": ["*"], "allowMethods": ["OPTIONS"]}"#);
        let text = render(&http);
        assert!(text.contains(
            "        # Only OPTIONS was chosen: API Gateway answers the preflight, so /items\n        # needs no route.\n"
        ));
        assert!(!text.contains("add_routes("));
        assert!(!text.contains("HttpLambdaIntegration"));
        assert!(!text.contains("integrations"));
    }
}
