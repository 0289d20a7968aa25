//! Target `cdk-stack`: a complete aws-cdk-lib v2 app entry file (`app.ts`) with a
//! Lambda-backed `/items` route and the CORS settings; it compiles under `tsc --strict` and
//! `cdk synth` runs it as is.

use super::lambda_node::handler_source;
use crate::emit::cdk_ts::{
    cors_properties, route_methods, wrapped_comment, Imports, APIGATEWAY, APIGATEWAYV2,
    APIGATEWAYV2_AUTHORIZERS, APIGATEWAYV2_INTEGRATIONS, CONSTRUCTS, CORE, LAMBDA,
};
use crate::emit::facts::{
    AUTHORIZER_POLICY_SUFFIX, AUTHORIZER_POLICY_WHY, PLACEHOLDER_AUTHORIZER_NOTE,
    PLACEHOLDER_TOKEN, TESTED_AWS_CDK_LIB,
};
use crate::emit::gateway_policy::{
    gateway_response_headers, gateway_response_tradeoff, GatewayHeaderValue, REQUEST_ORIGIN,
};
use crate::escape::{ts_static_value, ts_string, ts_template_literal};
use crate::example::{
    example_route, EXAMPLE_API_ID, EXAMPLE_RESOURCE, EXAMPLE_ROUTE, EXAMPLE_STAGE,
};
use crate::model::{ApiType, PayloadFormat, ValidCorsConfig};

/// A REST token authorizer's function (TOKEN type: it gets `authorizationToken`), with
/// `{note}`, `{why}`, `{token}` and `{suffix}` to fill in ([`rest_authorizer_source`]).
const REST_AUTHORIZER_TEMPLATE: &str = "\
{note}{why}exports.handler = async (event) => {
  const stageArn = event.methodArn.split('/').slice(0, 2).join('/');
  return {
    principalId: 'user',
    policyDocument: {
      Version: '2012-10-17',
      Statement: [
        {
          Action: 'execute-api:Invoke',
          Effect: event.authorizationToken === {token} ? 'Allow' : 'Deny',
          Resource: stageArn + '{suffix}',
        },
      ],
    },
  };
};
";

/// The REST token authorizer's source: its policy covers the whole stage.
fn rest_authorizer_source() -> String {
    REST_AUTHORIZER_TEMPLATE
        .replace("{note}", &wrapped_comment(0, PLACEHOLDER_AUTHORIZER_NOTE))
        .replace("{why}", &wrapped_comment(0, AUTHORIZER_POLICY_WHY))
        .replace("{token}", &ts_string(PLACEHOLDER_TOKEN))
        .replace("{suffix}", AUTHORIZER_POLICY_SUFFIX)
}

/// An HTTP API Lambda authorizer's function (simple responses), with `{note}` and `{token}` to
/// fill in ([`http_authorizer_source`]).
const HTTP_AUTHORIZER_TEMPLATE: &str = "\
{note}exports.handler = async (event) => ({
  isAuthorized: (event.identitySource || [])[0] === {token},
});
";

/// The HTTP API authorizer's source.
fn http_authorizer_source() -> String {
    HTTP_AUTHORIZER_TEMPLATE
        .replace("{note}", &wrapped_comment(0, PLACEHOLDER_AUTHORIZER_NOTE))
        .replace("{token}", &ts_string(PLACEHOLDER_TOKEN))
}

/// The header the token authorizer reads, when the app has one. An authorizer needs a route to
/// guard: with only OPTIONS chosen there is none (and CDK refuses an unattached authorizer).
fn authorizer_header(config: &ValidCorsConfig) -> Option<&str> {
    config
        .authorizer_header
        .as_deref()
        .filter(|_| !route_methods(config).is_empty())
}

/// Renders this target.
pub(crate) fn render(config: &ValidCorsConfig) -> String {
    let mut imports = Imports::default();
    imports.value(CORE, "App");
    imports.value(CORE, "CfnOutput");
    imports.value(CORE, "Stack");
    imports.type_only(CORE, "StackProps");
    imports.namespace(LAMBDA, "lambda");
    imports.value(CONSTRUCTS, "Construct");

    let body = match config.api_type {
        ApiType::Rest => rest_body(config, &mut imports),
        ApiType::Http => http_body(config, &mut imports),
    };

    let mut out = format!(
        "// An AWS CDK app (TypeScript). Written for aws-cdk-lib ^{TESTED_AWS_CDK_LIB} (compiled and\n\
         // synthesized with {TESTED_AWS_CDK_LIB}) and constructs 10.\n"
    );
    out.push_str(&imports.render());
    out.push('\n');
    out.push_str(&handler_constants(config));
    out.push_str(
        "export class CorsApiStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

",
    );
    out.push_str(&function(
        "itemsFunction",
        "ItemsFunction",
        "itemsHandlerSource",
    ));
    out.push_str(&body);
    out.push_str(
        "  }
}

const app = new App();
new CorsApiStack(app, 'CorsApiStack');
",
    );
    out
}

/// The inline function sources as template literals, before the stack class.
fn handler_constants(config: &ValidCorsConfig) -> String {
    let mut out = String::new();
    match config.api_type {
        ApiType::Rest => out.push_str(concat!(
            "// The function behind ",
            example_route!(),
            ". A Lambda proxy integration on a REST API adds no CORS
// headers to actual responses, so the function returns them itself.
"
        )),
        ApiType::Http => out.push_str(concat!(
            "// The function behind ",
            example_route!(),
            ". The HTTP API adds the CORS headers to its responses.
"
        )),
    }
    out.push_str(&format!(
        "const itemsHandlerSource = {};\n\n",
        ts_template_literal(&handler_source(config))
    ));
    if authorizer_header(config).is_some() {
        let source = match config.api_type {
            ApiType::Rest => rest_authorizer_source(),
            ApiType::Http => http_authorizer_source(),
        };
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
      runtime: lambda.Runtime.NODEJS_24_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline({source}),
    }});

",
        ts_string(id)
    )
}

fn rest_body(config: &ValidCorsConfig, imports: &mut Imports) -> String {
    imports.value(APIGATEWAY, "RestApi");
    let mut out = String::new();
    if let Some(header) = authorizer_header(config) {
        imports.value(APIGATEWAY, "TokenAuthorizer");
        imports.value(APIGATEWAY, "IdentitySource");
        out.push_str(&function(
            "authorizerFunction",
            "AuthorizerFunction",
            "authorizerHandlerSource",
        ));
        out.push_str(&format!(
            "    const authorizer = new TokenAuthorizer(this, 'TokenAuthorizer', {{
      handler: authorizerFunction,
      identitySource: IdentitySource.header({}),
    }});

",
            ts_string(header)
        ));
    }
    out.push_str(&format!(
        "    const api = new RestApi(this, {}, {{
      deployOptions: {{ stageName: {} }},
      // CDK adds an OPTIONS method that answers the preflight to every resource, always
      // without authorizer or API key: a browser's preflight carries neither.
      defaultCorsPreflightOptions: {{
",
        ts_string(EXAMPLE_API_ID),
        ts_string(EXAMPLE_STAGE)
    ));
    out.push_str(&cors_properties(config, 8, imports));
    out.push_str("      },\n");
    let mut method_options = Vec::new();
    if authorizer_header(config).is_some() {
        method_options.push("authorizer");
    }
    if config.api_key_required {
        method_options.push("apiKeyRequired: true");
    }
    if !method_options.is_empty() {
        out.push_str(&format!(
            "      defaultMethodOptions: {{ {} }},\n",
            method_options.join(", ")
        ));
    }
    out.push_str("    });\n\n");

    let methods = route_methods(config);
    if methods.is_empty() {
        out.push_str(&format!(
            "    // Only OPTIONS was chosen, so {EXAMPLE_ROUTE} has just its preflight method.\n    api.root.addResource({});\n\n",
            ts_string(EXAMPLE_RESOURCE)
        ));
    } else {
        imports.value(APIGATEWAY, "LambdaIntegration");
        out.push_str(&format!(
            "    const items = api.root.addResource({});\n",
            ts_string(EXAMPLE_RESOURCE)
        ));
        out.push_str("    const itemsIntegration = new LambdaIntegration(itemsFunction);\n");
        for method in methods {
            out.push_str(&format!(
                "    items.addMethod({}, itemsIntegration);\n",
                ts_string(method.as_str())
            ));
        }
        out.push('\n');
    }

    if config.api_key_required {
        out.push_str(
            "    // Callers send the key in the X-Api-Key header; the preflight never needs it.
    const usagePlan = api.addUsagePlan('UsagePlan', {
      apiStages: [{ api, stage: api.deploymentStage }],
    });
    usagePlan.addApiKey(api.addApiKey('ApiKey'));

",
        );
    }

    out.push_str(&max_age_zero_override(config, imports));
    out.push_str(&gateway_responses(config, imports));
    out.push_str(&format!(
        "    new CfnOutput(this, 'ItemsUrl', {{ value: api.urlForPath({}) }});\n",
        ts_string(EXAMPLE_ROUTE)
    ));
    out
}

/// `maxAge: 0` means "do not cache the preflight", but CDK's REST CORS writes
/// Access-Control-Max-Age only when it is positive: set `'0'` on every OPTIONS method.
fn max_age_zero_override(config: &ValidCorsConfig, imports: &mut Imports) -> String {
    if config.max_age != Some(0) {
        return String::new();
    }
    imports.type_only(APIGATEWAY, "CfnMethod");
    let header = "method\\\\.response\\\\.header\\\\.Access-Control-Max-Age";
    format!(
        "    // maxAge 0 means: browsers must not cache the preflight. CDK leaves Max-Age out when
    // it is 0 (browsers would cache for 5 seconds), so each OPTIONS method gets it here.
    for (const preflight of api.methods.filter((m) => m.httpMethod === 'OPTIONS')) {{
      const method = preflight.node.defaultChild as CfnMethod;
      method.addPropertyOverride('MethodResponses.0.ResponseParameters.{header}', true);
      method.addPropertyOverride(
        'Integration.IntegrationResponses.0.ResponseParameters.{header}',
        \"'0'\",
      );
    }}

"
    )
}

/// DEFAULT_4XX and DEFAULT_5XX with the CORS headers, so a browser shows API Gateway's own
/// errors instead of a CORS error.
fn gateway_responses(config: &ValidCorsConfig, imports: &mut Imports) -> String {
    imports.value(APIGATEWAY, "ResponseType");
    let mut out = String::from(
        "    // API Gateway's own errors (authorizer denials, throttling, integration failures)
    // do not pass through the function; without CORS headers the browser hides them.
",
    );
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
    for (id, kind) in [("Default4xx", "DEFAULT_4XX"), ("Default5xx", "DEFAULT_5XX")] {
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

fn http_body(config: &ValidCorsConfig, imports: &mut Imports) -> String {
    imports.value(APIGATEWAYV2, "HttpApi");
    let mut out = String::new();
    if let Some(header) = authorizer_header(config) {
        imports.value(APIGATEWAYV2_AUTHORIZERS, "HttpLambdaAuthorizer");
        imports.value(APIGATEWAYV2_AUTHORIZERS, "HttpLambdaResponseType");
        out.push_str(&function(
            "authorizerFunction",
            "AuthorizerFunction",
            "authorizerHandlerSource",
        ));
        out.push_str(&format!(
            "    const authorizer = new HttpLambdaAuthorizer('TokenAuthorizer', authorizerFunction, {{
      identitySource: [{}],
      responseTypes: [HttpLambdaResponseType.SIMPLE],
    }});

",
            ts_string(&format!("$request.header.{header}"))
        ));
    }
    out.push_str(&format!(
        "    const api = new HttpApi(this, {}, {{
      createDefaultStage: false,
      corsPreflight: {{
",
        ts_string(EXAMPLE_API_ID)
    ));
    out.push_str(&cors_properties(config, 8, imports));
    out.push_str(&format!(
        "      }},
    }});
    api.addStage('ProdStage', {{ stageName: {}, autoDeploy: true }});

",
        ts_string(EXAMPLE_STAGE)
    ));

    let methods = route_methods(config);
    if methods.is_empty() {
        out.push_str(concat!(
            "    // Only OPTIONS was chosen: API Gateway answers the preflight, so ",
            example_route!(),
            " needs no route.\n\n"
        ));
    } else {
        imports.value(APIGATEWAYV2, "HttpMethod");
        imports.value(APIGATEWAYV2, "PayloadFormatVersion");
        imports.value(APIGATEWAYV2_INTEGRATIONS, "HttpLambdaIntegration");
        let version = match config.payload_format {
            PayloadFormat::V1 => "VERSION_1_0",
            PayloadFormat::V2 => "VERSION_2_0",
        };
        let methods: Vec<String> = methods
            .iter()
            .map(|m| format!("HttpMethod.{}", m.as_str()))
            .collect();
        if authorizer_header(config).is_some() {
            out.push_str(concat!(
                "    // The authorizer guards the ",
                example_route!(),
                " routes only. There is no OPTIONS route and no
    // ANY or $default route that would catch OPTIONS: API Gateway answers the preflight
    // from corsPreflight, and a preflight never carries the token, so an authorizer on it
    // would always fail.
"
            ));
        } else {
            out.push_str(
                "    // Explicit methods, no OPTIONS route: API Gateway answers the preflight itself.\n",
            );
        }
        out.push_str(&format!(
            "    api.addRoutes({{\n      path: {},\n",
            ts_string(EXAMPLE_ROUTE)
        ));
        out.push_str(&crate::emit::cdk_ts::array_property(6, "methods", &methods));
        out.push_str(&format!(
            "      integration: new HttpLambdaIntegration('ItemsIntegration', itemsFunction, {{
        payloadFormatVersion: PayloadFormatVersion.{version},
      }}),
"
        ));
        if authorizer_header(config).is_some() {
            out.push_str("      authorizer,\n");
        }
        out.push_str("    });\n\n");
    }
    out.push_str(&format!(
        "    new CfnOutput(this, 'ItemsUrl', {{ value: `${{api.apiEndpoint}}/{EXAMPLE_STAGE}{EXAMPLE_ROUTE}` }});\n"
    ));
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

// The function behind /items. The HTTP API adds the CORS headers to its responses.
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

    // Explicit methods, no OPTIONS route: API Gateway answers the preflight itself.
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
        let authorizer = ts_template_literal(&super::rest_authorizer_source());
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

// The function behind /items. A Lambda proxy integration on a REST API adds no CORS
// headers to actual responses, so the function returns them itself.
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
      // CDK adds an OPTIONS method that answers the preflight to every resource, always
      // without authorizer or API key: a browser's preflight carries neither.
      defaultCorsPreflightOptions: {{
        // Access-Control-Allow-Origin holds one origin: CDK answers with the first
        // one and a mapping template echoes the others (with Vary: Origin).
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

    // Callers send the key in the X-Api-Key header; the preflight never needs it.
    const usagePlan = api.addUsagePlan('UsagePlan', {{
      apiStages: [{{ api, stage: api.deploymentStage }}],
    }});
    usagePlan.addApiKey(api.addApiKey('ApiKey'));

    // API Gateway's own errors (authorizer denials, throttling, integration failures)
    // do not pass through the function; without CORS headers the browser hides them.
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
