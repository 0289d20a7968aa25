//! Target `cdk-stack`: a complete aws-cdk-lib v2 app entry file (`app.ts`) with a
//! Lambda-backed `/items` route and the CORS settings; it compiles under `tsc --strict` and
//! `cdk synth` runs it as is. What the app builds is described in `emit/cdk_app.rs`, which
//! `cdk-python` writes too.

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
use crate::emit::cdk_ts::{
    array_property, cors_properties, wrapped_comment, Imports, APIGATEWAY, APIGATEWAYV2,
    APIGATEWAYV2_AUTHORIZERS, APIGATEWAYV2_INTEGRATIONS, CONSTRUCTS, CORE, LAMBDA,
};
use crate::emit::facts::TESTED_AWS_CDK_LIB;
use crate::emit::gateway_policy::{
    gateway_response_headers, gateway_response_tradeoff, GatewayHeaderValue, REQUEST_ORIGIN,
};
use crate::escape::{ts_static_value, ts_string, ts_template_literal};
use crate::example::{EXAMPLE_API_ID, EXAMPLE_RESOURCE, EXAMPLE_ROUTE, EXAMPLE_STAGE};
use crate::model::{ApiType, Method, ValidCorsConfig};

/// Renders this target.
pub(crate) fn render(config: &ValidCorsConfig) -> String {
    let mut imports = Imports::default();
    imports.value(CORE, "App");
    imports.value(CORE, "CfnOutput");
    imports.value(CORE, "Stack");
    imports.type_only(CORE, "StackProps");
    imports.namespace(LAMBDA, "lambda");
    imports.value(CONSTRUCTS, "Construct");

    let body: String = parts(config)
        .iter()
        .map(|p| part(p, config, &mut imports))
        .collect();

    let mut out = wrapped_comment(
        0,
        &app_intro(
            "TypeScript",
            &format!("^{TESTED_AWS_CDK_LIB}"),
            &format!("compiled and synthesized with {TESTED_AWS_CDK_LIB}"),
        ),
    );
    out.push_str(&imports.render());
    out.push('\n');
    out.push_str(&handler_constants(config));
    out.push_str(&format!(
        "export class {STACK_ID} extends Stack {{
  constructor(scope: Construct, id: string, props?: StackProps) {{
    super(scope, id, props);

"
    ));
    out.push_str(&body);
    out.push_str(&format!(
        "  }}
}}

const app = new App();
new {STACK_ID}(app, {});
",
        ts_string(STACK_ID)
    ));
    out
}

/// The inline function sources as template literals, before the stack class.
fn handler_constants(config: &ValidCorsConfig) -> String {
    let note = match config.api_type {
        ApiType::Rest => REST_HANDLER_NOTE,
        ApiType::Http => HTTP_HANDLER_NOTE,
    };
    let mut out = wrapped_comment(0, note);
    out.push_str(&format!(
        "const itemsHandlerSource = {};\n\n",
        ts_template_literal(&handler_source(config))
    ));
    if let Some(source) = authorizer_source(config) {
        out.push_str(&format!(
            "const authorizerHandlerSource = {};\n\n",
            ts_template_literal(&source)
        ));
    }
    out
}

/// `const <variable> = new lambda.Function(...)` with inline Node.js code.
fn function(variable: &str, id: &str, source: &str) -> String {
    format!(
        "    const {variable} = new lambda.Function(this, {}, {{
      runtime: lambda.Runtime.{FUNCTION_RUNTIME},
      handler: {},
      code: lambda.Code.fromInline({source}),
    }});

",
        ts_string(id),
        ts_string(FUNCTION_HANDLER)
    )
}

/// One part of the stack's constructor, with the imports it needs.
fn part(part: &Part, config: &ValidCorsConfig, imports: &mut Imports) -> String {
    match part {
        Part::ItemsFunction => function("itemsFunction", ITEMS_FUNCTION_ID, "itemsHandlerSource"),
        Part::TokenAuthorizer { header } => {
            imports.value(APIGATEWAY, "TokenAuthorizer");
            imports.value(APIGATEWAY, "IdentitySource");
            let mut out = function(
                "authorizerFunction",
                AUTHORIZER_FUNCTION_ID,
                "authorizerHandlerSource",
            );
            out.push_str(&format!(
                "    const authorizer = new TokenAuthorizer(this, {}, {{
      handler: authorizerFunction,
      identitySource: IdentitySource.header({}),
    }});

",
                ts_string(AUTHORIZER_ID),
                ts_string(header)
            ));
            out
        }
        Part::HttpLambdaAuthorizer { header } => {
            imports.value(APIGATEWAYV2_AUTHORIZERS, "HttpLambdaAuthorizer");
            imports.value(APIGATEWAYV2_AUTHORIZERS, "HttpLambdaResponseType");
            let mut out = function(
                "authorizerFunction",
                AUTHORIZER_FUNCTION_ID,
                "authorizerHandlerSource",
            );
            out.push_str(&format!(
                "    const authorizer = new HttpLambdaAuthorizer({}, authorizerFunction, {{
      identitySource: [{}],
      responseTypes: [HttpLambdaResponseType.SIMPLE],
    }});

",
                ts_string(AUTHORIZER_ID),
                ts_string(&http_identity_source(header))
            ));
            out
        }
        Part::RestApi {
            authorizer,
            api_key,
        } => rest_api(config, *authorizer, *api_key, imports),
        Part::RestResource { methods } => rest_resource(methods, imports),
        Part::UsagePlan => {
            let mut out = wrapped_comment(4, API_KEY_NOTE);
            out.push_str(&format!(
                "    const usagePlan = api.addUsagePlan({}, {{
      apiStages: [{{ api, stage: api.deploymentStage }}],
    }});
    usagePlan.addApiKey(api.addApiKey({}));

",
                ts_string(USAGE_PLAN_ID),
                ts_string(API_KEY_ID)
            ));
            out
        }
        Part::MaxAgeZeroOverride => max_age_zero_override(imports),
        Part::GatewayResponses => gateway_responses(config, imports),
        Part::RestOutput => format!(
            "    new CfnOutput(this, {}, {{ value: api.urlForPath({}) }});\n",
            ts_string(OUTPUT_ID),
            ts_string(EXAMPLE_ROUTE)
        ),
        Part::HttpApi => http_api(config, imports),
        Part::HttpRoutes {
            methods,
            authorizer,
        } => http_routes(config, methods, *authorizer, imports),
        Part::HttpOutput => format!(
            "    new CfnOutput(this, {}, {{ value: `${{api.apiEndpoint}}/{EXAMPLE_STAGE}{EXAMPLE_ROUTE}` }});\n",
            ts_string(OUTPUT_ID)
        ),
    }
}

fn rest_api(
    config: &ValidCorsConfig,
    authorizer: bool,
    api_key: bool,
    imports: &mut Imports,
) -> String {
    imports.value(APIGATEWAY, "RestApi");
    let mut out = format!(
        "    const api = new RestApi(this, {}, {{
      deployOptions: {{ stageName: {} }},
",
        ts_string(EXAMPLE_API_ID),
        ts_string(EXAMPLE_STAGE)
    );
    out.push_str(&wrapped_comment(6, REST_PREFLIGHT_NOTE));
    out.push_str("      defaultCorsPreflightOptions: {\n");
    out.push_str(&cors_properties(config, 8, MaxAgeOverride::Below, imports));
    out.push_str("      },\n");
    let mut method_options = Vec::new();
    if authorizer {
        method_options.push("authorizer");
    }
    if api_key {
        method_options.push("apiKeyRequired: true");
    }
    if !method_options.is_empty() {
        out.push_str(&format!(
            "      defaultMethodOptions: {{ {} }},\n",
            method_options.join(", ")
        ));
    }
    out.push_str("    });\n\n");
    out
}

fn rest_resource(methods: &[Method], imports: &mut Imports) -> String {
    if methods.is_empty() {
        let mut out = wrapped_comment(4, REST_ONLY_OPTIONS_NOTE);
        out.push_str(&format!(
            "    api.root.addResource({});\n\n",
            ts_string(EXAMPLE_RESOURCE)
        ));
        return out;
    }
    imports.value(APIGATEWAY, "LambdaIntegration");
    let mut out = format!(
        "    const items = api.root.addResource({});\n",
        ts_string(EXAMPLE_RESOURCE)
    );
    out.push_str("    const itemsIntegration = new LambdaIntegration(itemsFunction);\n");
    for method in methods {
        out.push_str(&format!(
            "    items.addMethod({}, itemsIntegration);\n",
            ts_string(method.as_str())
        ));
    }
    out.push('\n');
    out
}

/// `maxAge: 0` means "do not cache the preflight", but CDK's REST CORS writes
/// Access-Control-Max-Age only when it is positive: set `'0'` on every OPTIONS method.
fn max_age_zero_override(imports: &mut Imports) -> String {
    imports.type_only(APIGATEWAY, "CfnMethod");
    let mut out = wrapped_comment(4, MAX_AGE_ZERO_OVERRIDE_NOTE);
    out.push_str(&format!(
        "    for (const preflight of api.methods.filter((m) => m.httpMethod === {})) {{
      const method = preflight.node.defaultChild as CfnMethod;
",
        ts_string(PREFLIGHT_HTTP_METHOD)
    ));
    let parameter = max_age_response_parameter();
    for (path, value) in MAX_AGE_ZERO_OVERRIDES {
        let path = ts_string(&format!("{path}{parameter}"));
        let value = value.map_or_else(|| "true".to_owned(), ts_static_value);
        // Too long for one line with any value (Prettier's layout).
        out.push_str(&format!(
            "      method.addPropertyOverride(\n        {path},\n        {value},\n      );\n"
        ));
    }
    out.push_str("    }\n\n");
    out
}

/// DEFAULT_4XX and DEFAULT_5XX with the CORS headers, so a browser shows API Gateway's own
/// errors instead of a CORS error.
fn gateway_responses(config: &ValidCorsConfig, imports: &mut Imports) -> String {
    imports.value(APIGATEWAY, "ResponseType");
    let mut out = wrapped_comment(4, GATEWAY_RESPONSES_NOTE);
    if let Some(tradeoff) = gateway_response_tradeoff(config) {
        out.push_str(&wrapped_comment(4, &tradeoff));
    }
    out.push_str("    const corsErrorHeaders = {\n");
    for (name, value) in gateway_response_headers(config) {
        let value = match value {
            GatewayHeaderValue::Static(text) => ts_static_value(&text),
            GatewayHeaderValue::RequestOrigin => ts_string(REQUEST_ORIGIN),
        };
        out.push_str(&format!("      {}: {value},\n", ts_string(name)));
    }
    out.push_str("    };\n");
    for (id, kind) in GATEWAY_RESPONSES {
        out.push_str(&format!(
            "    api.addGatewayResponse({}, {{
      type: ResponseType.{kind},
      responseHeaders: corsErrorHeaders,
    }});
",
            ts_string(id)
        ));
    }
    out.push('\n');
    out
}

fn http_api(config: &ValidCorsConfig, imports: &mut Imports) -> String {
    imports.value(APIGATEWAYV2, "HttpApi");
    let mut out = format!(
        "    const api = new HttpApi(this, {}, {{
      createDefaultStage: false,
      corsPreflight: {{
",
        ts_string(EXAMPLE_API_ID)
    );
    out.push_str(&cors_properties(config, 8, MaxAgeOverride::Below, imports));
    out.push_str(&format!(
        "      }},
    }});
    api.addStage({}, {{ stageName: {}, autoDeploy: true }});

",
        ts_string(HTTP_STAGE_ID),
        ts_string(EXAMPLE_STAGE)
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
        let mut out = wrapped_comment(4, HTTP_ONLY_OPTIONS_NOTE);
        out.push('\n');
        return out;
    }
    imports.value(APIGATEWAYV2, "HttpMethod");
    imports.value(APIGATEWAYV2, "PayloadFormatVersion");
    imports.value(APIGATEWAYV2_INTEGRATIONS, "HttpLambdaIntegration");
    let methods: Vec<String> = methods
        .iter()
        .map(|m| format!("HttpMethod.{}", m.as_str()))
        .collect();
    let mut out = if authorizer {
        wrapped_comment(4, &http_authorizer_routes_note("corsPreflight"))
    } else {
        wrapped_comment(4, HTTP_ROUTES_NOTE)
    };
    out.push_str(&format!(
        "    api.addRoutes({{\n      path: {},\n",
        ts_string(EXAMPLE_ROUTE)
    ));
    out.push_str(&array_property(6, "methods", &methods));
    out.push_str(&format!(
        "      integration: new HttpLambdaIntegration({}, itemsFunction, {{
        payloadFormatVersion: PayloadFormatVersion.{},
      }}),
",
        ts_string(HTTP_INTEGRATION_ID),
        payload_format_member(config.payload_format)
    ));
    if authorizer {
        out.push_str("      authorizer,\n");
    }
    out.push_str("    });\n\n");
    out
}

#[cfg(test)]
mod tests {
    use super::render;
    use crate::escape::ts_template_literal;
    use crate::targets::lambda_node::handler_source;

    use crate::targets::valid_from_json as valid;

    #[test]
    fn http_api_with_payload_1() {
        let config = valid(
            r#"{"apiType": "http", "allowOrigins": ["https://app.example.com"],
                "allowMethods": ["GET", "OPTIONS"], "maxAge": 600, "payloadFormatVersion": "1.0"}"#,
        );
        let handler = ts_template_literal(&handler_source(&config));
        assert_eq!(
            render(&config),
            format!(
                "// An AWS CDK app (TypeScript). Written for aws-cdk-lib ^2.276.0 (compiled and
// synthesized with 2.276.0) and constructs 10.
import {{ App, CfnOutput, Duration, Stack, type StackProps }} from 'aws-cdk-lib';
import {{
  CorsHttpMethod,
  HttpApi,
  HttpMethod,
  PayloadFormatVersion,
}} from 'aws-cdk-lib/aws-apigatewayv2';
import {{ HttpLambdaIntegration }} from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import {{ Construct }} from 'constructs';

// The function behind /items. The HTTP API adds the CORS headers to its
// responses.
const itemsHandlerSource = {handler};

export class CorsApiStack extends Stack {{
  constructor(scope: Construct, id: string, props?: StackProps) {{
    super(scope, id, props);

    const itemsFunction = new lambda.Function(this, 'ItemsFunction', {{
      runtime: lambda.Runtime.NODEJS_24_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline(itemsHandlerSource),
    }});

    const api = new HttpApi(this, 'CorsApi', {{
      createDefaultStage: false,
      corsPreflight: {{
        allowOrigins: ['https://app.example.com'],
        allowMethods: [CorsHttpMethod.GET, CorsHttpMethod.OPTIONS],
        maxAge: Duration.seconds(600),
        allowCredentials: false,
      }},
    }});
    api.addStage('ProdStage', {{ stageName: 'prod', autoDeploy: true }});

    // Explicit methods, no OPTIONS route: API Gateway answers the preflight
    // itself.
    api.addRoutes({{
      path: '/items',
      methods: [HttpMethod.GET],
      integration: new HttpLambdaIntegration('ItemsIntegration', itemsFunction, {{
        payloadFormatVersion: PayloadFormatVersion.VERSION_1_0,
      }}),
    }});

    new CfnOutput(this, 'ItemsUrl', {{ value: `${{api.apiEndpoint}}/prod/items` }});
  }}
}}

const app = new App();
new CorsApiStack(app, 'CorsApiStack');
"
            )
        );
    }

    #[test]
    fn rest_api_with_authorizer_api_key_and_two_origins() {
        let config = valid(
            r#"{"apiType": "rest", "allowOrigins": ["https://app.example.com", "https://admin.example.com"],
                "allowMethods": ["GET", "POST"], "allowHeaders": ["Content-Type", "Authorization", "X-Api-Key"],
                "exposeHeaders": ["X-Request-Id"], "allowCredentials": true,
                "authorizerHeader": "Authorization", "apiKeyRequired": true}"#,
        );
        let handler = ts_template_literal(&handler_source(&config));
        let authorizer = ts_template_literal(&crate::emit::cdk_app::rest_authorizer_source());
        assert_eq!(
            render(&config),
            format!(
                "// An AWS CDK app (TypeScript). Written for aws-cdk-lib ^2.276.0 (compiled and
// synthesized with 2.276.0) and constructs 10.
import {{ App, CfnOutput, Stack, type StackProps }} from 'aws-cdk-lib';
import {{
  IdentitySource,
  LambdaIntegration,
  ResponseType,
  RestApi,
  TokenAuthorizer,
}} from 'aws-cdk-lib/aws-apigateway';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import {{ Construct }} from 'constructs';

// The function behind /items. A Lambda proxy integration on a REST API adds no
// CORS headers to actual responses, so the function returns them itself.
const itemsHandlerSource = {handler};

const authorizerHandlerSource = {authorizer};

export class CorsApiStack extends Stack {{
  constructor(scope: Construct, id: string, props?: StackProps) {{
    super(scope, id, props);

    const itemsFunction = new lambda.Function(this, 'ItemsFunction', {{
      runtime: lambda.Runtime.NODEJS_24_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline(itemsHandlerSource),
    }});

    const authorizerFunction = new lambda.Function(this, 'AuthorizerFunction', {{
      runtime: lambda.Runtime.NODEJS_24_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline(authorizerHandlerSource),
    }});

    const authorizer = new TokenAuthorizer(this, 'TokenAuthorizer', {{
      handler: authorizerFunction,
      identitySource: IdentitySource.header('Authorization'),
    }});

    const api = new RestApi(this, 'CorsApi', {{
      deployOptions: {{ stageName: 'prod' }},
      // CDK adds an OPTIONS method that answers the preflight to every
      // resource, always without authorizer or API key: a browser's preflight
      // carries neither.
      defaultCorsPreflightOptions: {{
        // Access-Control-Allow-Origin holds one origin: CDK answers with the
        // first one and a mapping template echoes the others (with Vary:
        // Origin).
        allowOrigins: ['https://app.example.com', 'https://admin.example.com'],
        allowMethods: ['GET', 'POST'],
        allowHeaders: ['Content-Type', 'Authorization', 'X-Api-Key'],
        exposeHeaders: ['X-Request-Id'],
        allowCredentials: true,
      }},
      defaultMethodOptions: {{ authorizer, apiKeyRequired: true }},
    }});

    const items = api.root.addResource('items');
    const itemsIntegration = new LambdaIntegration(itemsFunction);
    items.addMethod('GET', itemsIntegration);
    items.addMethod('POST', itemsIntegration);

    // Callers send the key in the X-Api-Key header; the preflight never needs
    // it.
    const usagePlan = api.addUsagePlan('UsagePlan', {{
      apiStages: [{{ api, stage: api.deploymentStage }}],
    }});
    usagePlan.addApiKey(api.addApiKey('ApiKey'));

    // API Gateway's own errors (authorizer denials, throttling, integration
    // failures) do not pass through the function; without CORS headers the
    // browser hides them.
    // Several origins with credentials: API Gateway's own errors name the first
    // origin only (https://app.example.com), because echoing the request's
    // Origin would let any site read them with the user's cookies. In exchange,
    // pages on the other origins see these errors as CORS errors without their
    // status; the function's own responses echo every allowed origin.
    const corsErrorHeaders = {{
      'Access-Control-Allow-Origin': \"'https://app.example.com'\",
      'Access-Control-Allow-Credentials': \"'true'\",
      'Access-Control-Expose-Headers': \"'X-Request-Id'\",
    }};
    api.addGatewayResponse('Default4xx', {{
      type: ResponseType.DEFAULT_4XX,
      responseHeaders: corsErrorHeaders,
    }});
    api.addGatewayResponse('Default5xx', {{
      type: ResponseType.DEFAULT_5XX,
      responseHeaders: corsErrorHeaders,
    }});

    new CfnOutput(this, 'ItemsUrl', {{ value: api.urlForPath('/items') }});
  }}
}}

const app = new App();
new CorsApiStack(app, 'CorsApiStack');
"
            )
        );
    }

    #[test]
    fn only_options_leaves_items_without_routes() {
        let rest =
            valid(r#"{"apiType": "rest", "allowOrigins": ["*"], "allowMethods": ["OPTIONS"]}"#);
        let text = render(&rest);
        assert!(text.contains(
            "    // Only OPTIONS was chosen, so /items has just its preflight method.\n    api.root.addResource('items');\n"
        ));
        assert!(!text.contains("addMethod("));
        assert!(!text.contains("LambdaIntegration"));
        let http =
            valid(r#"{"apiType": "http", "allowOrigins": ["*"], "allowMethods": ["OPTIONS"]}"#);
        let text = render(&http);
        assert!(!text.contains("addRoutes"));
        assert!(!text.contains("HttpLambdaIntegration"));
    }
}
