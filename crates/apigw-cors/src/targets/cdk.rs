//! Target `cdk`: the CORS props of an aws-cdk-lib v2 `RestApi` (`defaultCorsPreflightOptions`)
//! or `HttpApi` (`corsPreflight`) in TypeScript, ready to paste.

use crate::emit::cdk_app::MaxAgeOverride;
use crate::emit::cdk_ts::{cors_properties, wrapped_comment, Imports, APIGATEWAY, APIGATEWAYV2};
use crate::emit::facts::HTTP_API_ADDS_CORS_HEADERS;
use crate::example::EXAMPLE_API_ID;
use crate::model::{ApiType, ValidCorsConfig};

/// Renders this target.
pub(crate) fn render(config: &ValidCorsConfig) -> String {
    let mut imports = Imports::default();
    let properties = cors_properties(config, 2, MaxAgeOverride::InTheCompleteApp, &mut imports);
    let (declaration, usage) = match config.api_type {
        ApiType::Rest => {
            imports.type_only(APIGATEWAY, "CorsOptions");
            (
                "const corsOptions: CorsOptions = {",
                format!(
                    "Use it as `new RestApi(this, '{EXAMPLE_API_ID}', {{ defaultCorsPreflightOptions: \
                     corsOptions }})` or `resource.addCorsPreflight(corsOptions)`. It only answers the \
                     preflight: the Lambda function must return Access-Control-Allow-Origin itself."
                ),
            )
        }
        ApiType::Http => {
            imports.type_only(APIGATEWAYV2, "CorsPreflightOptions");
            (
                "const corsPreflight: CorsPreflightOptions = {",
                format!(
                    "Use it as `new HttpApi(this, '{EXAMPLE_API_ID}', {{ corsPreflight }})`. \
                     {HTTP_API_ADDS_CORS_HEADERS}"
                ),
            )
        }
    };
    let mut out = imports.render();
    out.push('\n');
    out.push_str(&wrapped_comment(0, &usage));
    out.push_str(declaration);
    out.push('\n');
    out.push_str(&properties);
    out.push_str("};\n");
    out
}

#[cfg(test)]
mod tests {
    use super::render;
    use crate::ApiType;

    use crate::targets::valid_from_json as valid;

    #[test]
    fn rest_two_origins_with_credentials() {
        let config = valid(
            r#"{"apiType": "rest", "allowOrigins": ["https://app.example.com", "http://localhost:3000"],
                "allowMethods": ["GET", "POST"], "allowHeaders": ["Content-Type", "Authorization"],
                "exposeHeaders": ["X-Request-Id"], "maxAge": 600, "allowCredentials": true}"#,
        );
        assert_eq!(
            render(&config),
            "import { Duration } from 'aws-cdk-lib';
import { type CorsOptions } from 'aws-cdk-lib/aws-apigateway';

// Use it as `new RestApi(this, 'CorsApi', { defaultCorsPreflightOptions:
// corsOptions })` or `resource.addCorsPreflight(corsOptions)`. It only answers
// the preflight: the Lambda function must return Access-Control-Allow-Origin
// itself.
const corsOptions: CorsOptions = {
  // Access-Control-Allow-Origin holds one origin: CDK answers with the first
  // one and a mapping template echoes the others (with Vary: Origin).
  allowOrigins: ['https://app.example.com', 'http://localhost:3000'],
  allowMethods: ['GET', 'POST'],
  allowHeaders: ['Content-Type', 'Authorization'],
  exposeHeaders: ['X-Request-Id'],
  maxAge: Duration.seconds(600),
  allowCredentials: true,
};
"
        );
    }

    #[test]
    fn rest_wildcards_no_headers_max_age_zero() {
        let config = valid(
            r#"{"apiType": "rest", "allowOrigins": ["*"], "allowMethods": ["*"], "maxAge": 0}"#,
        );
        assert_eq!(
            render(&config),
            "import { Duration } from 'aws-cdk-lib';
import { Cors, type CorsOptions } from 'aws-cdk-lib/aws-apigateway';

// Use it as `new RestApi(this, 'CorsApi', { defaultCorsPreflightOptions:
// corsOptions })` or `resource.addCorsPreflight(corsOptions)`. It only answers
// the preflight: the Lambda function must return Access-Control-Allow-Origin
// itself.
const corsOptions: CorsOptions = {
  allowOrigins: Cors.ALL_ORIGINS,
  allowMethods: Cors.ALL_METHODS,
  // Empty on purpose: without it CDK would allow its six default headers.
  allowHeaders: [],
  // 0: browsers must not cache the preflight. CDK writes Access-Control-Max-Age
  // only when it is positive (without it browsers cache for 5 seconds), so
  // Max-Age '0' is also set on the OPTIONS methods with an override (the
  // complete app, cdk-stack, does it).
  maxAge: Duration.seconds(0),
  allowCredentials: false,
};
"
        );
    }

    #[test]
    fn http_any_method_and_long_origin_list() {
        let config = valid(
            r#"{"apiType": "http", "allowOrigins": ["https://one.example.com", "https://two.example.com",
                "https://three.example.com", "http://localhost:3000"], "allowMethods": ["*"],
                "allowHeaders": ["Content-Type"], "maxAge": 0}"#,
        );
        assert_eq!(config.api_type, ApiType::Http);
        assert_eq!(
            render(&config),
            "import { Duration } from 'aws-cdk-lib';
import {
  CorsHttpMethod,
  type CorsPreflightOptions,
} from 'aws-cdk-lib/aws-apigatewayv2';

// Use it as `new HttpApi(this, 'CorsApi', { corsPreflight })`. API Gateway
// answers the preflight and adds these headers to the responses of the
// integration (the function), ignoring CORS headers the function returns. Its
// own errors, such as an authorizer's 401 or 403, are not documented to carry
// them.
const corsPreflight: CorsPreflightOptions = {
  allowOrigins: [
    'https://one.example.com',
    'https://two.example.com',
    'https://three.example.com',
    'http://localhost:3000',
  ],
  allowMethods: [CorsHttpMethod.ANY],
  allowHeaders: ['Content-Type'],
  maxAge: Duration.seconds(0),
  allowCredentials: false,
};
"
        );
    }

    #[test]
    fn http_methods_expose_and_pattern() {
        let config = valid(
            r#"{"apiType": "http", "allowOrigins": ["https://*"], "allowMethods": ["GET", "DELETE"],
                "exposeHeaders": ["ETag"]}"#,
        );
        assert_eq!(
            render(&config),
            "import {
  CorsHttpMethod,
  type CorsPreflightOptions,
} from 'aws-cdk-lib/aws-apigatewayv2';

// Use it as `new HttpApi(this, 'CorsApi', { corsPreflight })`. API Gateway
// answers the preflight and adds these headers to the responses of the
// integration (the function), ignoring CORS headers the function returns. Its
// own errors, such as an authorizer's 401 or 403, are not documented to carry
// them.
const corsPreflight: CorsPreflightOptions = {
  allowOrigins: ['https://*'],
  allowMethods: [CorsHttpMethod.GET, CorsHttpMethod.DELETE],
  exposeHeaders: ['ETag'],
  allowCredentials: false,
};
"
        );
    }
}
