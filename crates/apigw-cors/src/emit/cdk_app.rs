//! The complete CDK app that `cdk-stack` (TypeScript) and `cdk-python` (Python) write,
//! described once: the construct ids, what the configuration decides (the routes, the
//! authorizer, the API key, the max-age override), the CORS props as language-neutral
//! properties, the authorizers' inline code and every comment's wording. The two targets only
//! spell it in their language, so both apps synthesize to the same template
//! (`conformance/cdk-python` compares them).

use super::cdk_ts::wrapped_comment as js_comment;
use super::facts::{
    AUTHORIZER_POLICY_SUFFIX, AUTHORIZER_POLICY_WHY, PLACEHOLDER_AUTHORIZER_NOTE, PLACEHOLDER_TOKEN,
};
use super::lambda_cors::MAX_AGE;
use crate::escape::ts_string;
use crate::example::example_route;
use crate::model::{
    AllowedMethods, AllowedOrigins, ApiType, Method, PayloadFormat, ValidCorsConfig,
};

/// The stack's class name and construct id.
pub(crate) const STACK_ID: &str = "CorsApiStack";
/// The construct id of the function behind the route.
pub(crate) const ITEMS_FUNCTION_ID: &str = "ItemsFunction";
/// The construct id of the placeholder authorizer's function.
pub(crate) const AUTHORIZER_FUNCTION_ID: &str = "AuthorizerFunction";
/// The construct id of the authorizer.
pub(crate) const AUTHORIZER_ID: &str = "TokenAuthorizer";
/// The construct ids of the REST API's usage plan and API key.
pub(crate) const USAGE_PLAN_ID: &str = "UsagePlan";
/// See [`USAGE_PLAN_ID`].
pub(crate) const API_KEY_ID: &str = "ApiKey";
/// The construct id of the HTTP API's stage.
pub(crate) const HTTP_STAGE_ID: &str = "ProdStage";
/// The construct id of the HTTP API's Lambda integration.
pub(crate) const HTTP_INTEGRATION_ID: &str = "ItemsIntegration";
/// The construct id of the output that prints the route's URL.
pub(crate) const OUTPUT_ID: &str = "ItemsUrl";
/// The functions' handler (`index.js`, export `handler`).
pub(crate) const FUNCTION_HANDLER: &str = "index.handler";
/// The functions' runtime, a member of `Runtime` in both languages.
pub(crate) const FUNCTION_RUNTIME: &str = "NODEJS_24_X";
/// The REST gateway responses: construct id and `ResponseType` member (as TypeScript spells it).
pub(crate) const GATEWAY_RESPONSES: [(&str, &str); 2] =
    [("Default4xx", "DEFAULT_4XX"), ("Default5xx", "DEFAULT_5XX")];
/// The HTTP method of the preflight methods CDK adds.
pub(crate) const PREFLIGHT_HTTP_METHOD: &str = "OPTIONS";

/// The overrides that give every REST OPTIONS method `Access-Control-Max-Age: '0'`: the
/// property path before the response parameter, and the value (`None`: `true`, the method
/// response declares the header; `Some`: the static value the integration response maps).
pub(crate) const MAX_AGE_ZERO_OVERRIDES: [(&str, Option<&str>); 2] = [
    ("MethodResponses.0.ResponseParameters.", None),
    (
        "Integration.IntegrationResponses.0.ResponseParameters.",
        Some("0"),
    ),
];

/// The response parameter of [`MAX_AGE_ZERO_OVERRIDES`], with its dots escaped because CDK's
/// override paths split on unescaped dots.
pub(crate) fn max_age_response_parameter() -> String {
    format!("method\\.response\\.header\\.{MAX_AGE}")
}

// ---- wording --------------------------------------------------------------------------------

/// The app's first comment: `language`, the aws-cdk-lib `requirement` and what the project's
/// conformance tests did with which version (`checked`).
pub(crate) fn app_intro(language: &str, requirement: &str, checked: &str) -> String {
    format!(
        "An AWS CDK app ({language}). Written for aws-cdk-lib {requirement} ({checked}) and \
         constructs 10."
    )
}

/// Above the items function's code on a REST API.
pub(crate) const REST_HANDLER_NOTE: &str = concat!(
    "The function behind ",
    example_route!(),
    ". A Lambda proxy integration on a REST API adds no CORS headers to actual responses, so \
     the function returns them itself."
);
/// Above the items function's code on an HTTP API.
pub(crate) const HTTP_HANDLER_NOTE: &str = concat!(
    "The function behind ",
    example_route!(),
    ". The HTTP API adds the CORS headers to its responses."
);
/// Above the REST API's CORS options.
pub(crate) const REST_PREFLIGHT_NOTE: &str =
    "CDK adds an OPTIONS method that answers the preflight to every resource, always without \
     authorizer or API key: a browser's preflight carries neither.";
/// Above the REST resource when only OPTIONS was chosen.
pub(crate) const REST_ONLY_OPTIONS_NOTE: &str = concat!(
    "Only OPTIONS was chosen, so ",
    example_route!(),
    " has just its preflight method."
);
/// Above the usage plan.
pub(crate) const API_KEY_NOTE: &str =
    "Callers send the key in the X-Api-Key header; the preflight never needs it.";
/// Above the max-age overrides.
pub(crate) const MAX_AGE_ZERO_OVERRIDE_NOTE: &str =
    "maxAge 0 means: browsers must not cache the preflight. CDK leaves Max-Age out when it is 0 \
     (browsers would cache for 5 seconds), so each OPTIONS method gets it here.";
/// Above the gateway responses.
pub(crate) const GATEWAY_RESPONSES_NOTE: &str =
    "API Gateway's own errors (authorizer denials, throttling, integration failures) do not pass \
     through the function; without CORS headers the browser hides them.";
/// Where the HTTP routes would be when only OPTIONS was chosen.
pub(crate) const HTTP_ONLY_OPTIONS_NOTE: &str = concat!(
    "Only OPTIONS was chosen: API Gateway answers the preflight, so ",
    example_route!(),
    " needs no route."
);
/// Above the HTTP routes without an authorizer.
pub(crate) const HTTP_ROUTES_NOTE: &str =
    "Explicit methods, no OPTIONS route: API Gateway answers the preflight itself.";

/// Above the HTTP routes with an authorizer; `cors_preflight` is the property as the language
/// spells it.
pub(crate) fn http_authorizer_routes_note(cors_preflight: &str) -> String {
    format!(
        concat!(
            "The authorizer guards the ",
            example_route!(),
            " routes only. There is no OPTIONS route and no ANY or $default route that would \
             catch OPTIONS: API Gateway answers the preflight from {}, and a preflight never \
             carries the token, so an authorizer on it would always fail."
        ),
        cors_preflight
    )
}

/// Above a REST origin list of several origins.
const SEVERAL_ORIGINS_NOTE: &str =
    "Access-Control-Allow-Origin holds one origin: CDK answers with the first one and a mapping \
     template echoes the others (with Vary: Origin).";
/// Above an empty REST header list.
const EMPTY_HEADERS_NOTE: &str =
    "Empty on purpose: without it CDK would allow its six default headers.";

/// Where the `'0'` max-age override of a REST API is written, for the note above `maxAge: 0`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum MaxAgeOverride {
    /// The props alone (target `cdk`): the complete app does it.
    InTheCompleteApp,
    /// A complete app: further down in the same file.
    Below,
}

/// What `maxAge: 0` means in every target: do not cache the preflight. CDK's REST
/// `CorsOptions` writes Access-Control-Max-Age only when it is positive, so the value is kept
/// in the props and the OPTIONS methods get `'0'` through an override.
fn rest_max_age_zero_note(place: MaxAgeOverride) -> String {
    let place = match place {
        MaxAgeOverride::InTheCompleteApp => "the complete app, cdk-stack, does it",
        MaxAgeOverride::Below => "below",
    };
    format!(
        "0: browsers must not cache the preflight. CDK writes Access-Control-Max-Age only when it \
         is positive (without it browsers cache for 5 seconds), so Max-Age '0' is also set on the \
         OPTIONS methods with an override ({place})."
    )
}

// ---- the CORS props -------------------------------------------------------------------------

/// The aws-cdk-lib modules a CORS property's value comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Module {
    /// `aws-apigateway` (REST APIs).
    ApiGateway,
    /// `aws-apigatewayv2` (HTTP APIs).
    ApiGatewayV2,
}

/// The value of one CORS property.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum CorsValue {
    /// A list of string literals.
    Strings(Vec<String>),
    /// A list of members of a class or enum: `[CorsHttpMethod.GET]`.
    Members(Module, &'static str, Vec<&'static str>),
    /// One member of a class: `Cors.ALL_ORIGINS`.
    Member(Module, &'static str, &'static str),
    /// `Duration.seconds(n)`.
    Seconds(u32),
    /// A boolean literal.
    Bool(bool),
}

/// One property of `CorsOptions` (REST) or `CorsPreflightOptions` (HTTP), with the comment
/// above it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CorsProperty {
    /// Comment text (unwrapped) above the property.
    pub(crate) note: Option<String>,
    /// The property's name as TypeScript spells it (`allowOrigins`).
    pub(crate) key: &'static str,
    /// Its value.
    pub(crate) value: CorsValue,
}

fn property(key: &'static str, value: CorsValue) -> CorsProperty {
    CorsProperty {
        note: None,
        key,
        value,
    }
}

fn noted(note: String, key: &'static str, value: CorsValue) -> CorsProperty {
    CorsProperty {
        note: Some(note),
        key,
        value,
    }
}

/// The CORS props for the config's API type, in the order both languages write them.
pub(crate) fn cors_properties(
    config: &ValidCorsConfig,
    max_age_override: MaxAgeOverride,
) -> Vec<CorsProperty> {
    match config.api_type {
        ApiType::Rest => rest_cors_properties(config, max_age_override),
        ApiType::Http => http_cors_properties(config),
    }
}

fn rest_cors_properties(
    config: &ValidCorsConfig,
    max_age_override: MaxAgeOverride,
) -> Vec<CorsProperty> {
    let mut props = Vec::new();
    props.push(match &config.origins {
        AllowedOrigins::Any => property(
            "allowOrigins",
            CorsValue::Member(Module::ApiGateway, "Cors", "ALL_ORIGINS"),
        ),
        AllowedOrigins::List(list) if list.len() > 1 => noted(
            SEVERAL_ORIGINS_NOTE.to_owned(),
            "allowOrigins",
            CorsValue::Strings(list.clone()),
        ),
        AllowedOrigins::List(list) => property("allowOrigins", CorsValue::Strings(list.clone())),
    });
    props.push(match &config.methods {
        AllowedMethods::Any => property(
            "allowMethods",
            CorsValue::Member(Module::ApiGateway, "Cors", "ALL_METHODS"),
        ),
        AllowedMethods::List(list) => property(
            "allowMethods",
            CorsValue::Strings(list.iter().map(|m| m.as_str().to_owned()).collect()),
        ),
    });
    let headers = CorsValue::Strings(config.allow_headers.clone());
    props.push(if config.allow_headers.is_empty() {
        noted(EMPTY_HEADERS_NOTE.to_owned(), "allowHeaders", headers)
    } else {
        property("allowHeaders", headers)
    });
    props.extend(shared_tail(
        config,
        Some(rest_max_age_zero_note(max_age_override)),
    ));
    props
}

fn http_cors_properties(config: &ValidCorsConfig) -> Vec<CorsProperty> {
    let origins = config.origins.values().into_iter().map(str::to_owned);
    let methods = match &config.methods {
        AllowedMethods::Any => vec!["ANY"],
        AllowedMethods::List(list) => list.iter().map(|m| m.as_str()).collect(),
    };
    let mut props = vec![
        property("allowOrigins", CorsValue::Strings(origins.collect())),
        property(
            "allowMethods",
            CorsValue::Members(Module::ApiGatewayV2, "CorsHttpMethod", methods),
        ),
    ];
    if !config.allow_headers.is_empty() {
        props.push(property(
            "allowHeaders",
            CorsValue::Strings(config.allow_headers.clone()),
        ));
    }
    props.extend(shared_tail(config, None));
    props
}

/// The properties both APIs' CORS options end with: `exposeHeaders`, `maxAge` (with
/// `max_age_zero_note` above a 0) and `allowCredentials`.
fn shared_tail(config: &ValidCorsConfig, max_age_zero_note: Option<String>) -> Vec<CorsProperty> {
    let mut props = Vec::new();
    if !config.expose_headers.is_empty() {
        props.push(property(
            "exposeHeaders",
            CorsValue::Strings(config.expose_headers.clone()),
        ));
    }
    if let Some(seconds) = config.max_age {
        let value = CorsValue::Seconds(seconds);
        props.push(match (seconds, max_age_zero_note) {
            (0, Some(note)) => noted(note, "maxAge", value),
            _ => property("maxAge", value),
        });
    }
    props.push(property(
        "allowCredentials",
        CorsValue::Bool(config.allow_credentials),
    ));
    props
}

// ---- what the configuration decides ---------------------------------------------------------

/// The methods the `/items` route serves, in the configured order, without OPTIONS: the
/// preflight is answered by the CORS settings (REST: CDK's mock OPTIONS method; HTTP: API
/// Gateway itself). `*` becomes every other method, so no ANY route can catch a preflight.
pub(crate) fn route_methods(config: &ValidCorsConfig) -> Vec<Method> {
    let methods: Vec<Method> = match &config.methods {
        AllowedMethods::Any => Method::ALL.to_vec(),
        AllowedMethods::List(list) => list.clone(),
    };
    methods
        .into_iter()
        .filter(|&m| m != Method::Options)
        .collect()
}

/// The header the token authorizer reads, when the app has one. An authorizer needs a route to
/// guard: with only OPTIONS chosen there is none (and CDK refuses an unattached authorizer).
pub(crate) fn authorizer_header(config: &ValidCorsConfig) -> Option<&str> {
    config
        .authorizer_header
        .as_deref()
        .filter(|_| !route_methods(config).is_empty())
}

/// Whether the REST OPTIONS methods get the `'0'` max-age overrides.
pub(crate) fn overrides_max_age_zero(config: &ValidCorsConfig) -> bool {
    config.api_type == ApiType::Rest && config.max_age == Some(0)
}

// ---- the stack's parts, in order ------------------------------------------------------------

/// One part of the stack's constructor. Both apps write exactly [`parts`], in that order, each
/// in its language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Part<'a> {
    /// The function behind the route ([`ITEMS_FUNCTION_ID`]).
    ItemsFunction,
    /// The placeholder authorizer's function and a REST TOKEN authorizer reading `header`.
    TokenAuthorizer { header: &'a str },
    /// The placeholder authorizer's function and an HTTP API Lambda authorizer (simple
    /// responses) reading `header`.
    HttpLambdaAuthorizer { header: &'a str },
    /// The REST API: its stage, its CORS options ([`REST_PREFLIGHT_NOTE`]) and, when either is
    /// set, its default method options (the authorizer, the API key).
    RestApi { authorizer: bool, api_key: bool },
    /// The `/items` resource and its methods, all with the one Lambda integration; without
    /// methods, the resource alone ([`REST_ONLY_OPTIONS_NOTE`]).
    RestResource { methods: Vec<Method> },
    /// The usage plan on the API's stage and its API key ([`API_KEY_NOTE`]).
    UsagePlan,
    /// The `'0'` max-age overrides on every OPTIONS method ([`MAX_AGE_ZERO_OVERRIDES`]).
    MaxAgeZeroOverride,
    /// [`GATEWAY_RESPONSES`] with the headers of `emit/gateway_policy.rs`.
    GatewayResponses,
    /// The output with the REST route's URL.
    RestOutput,
    /// The HTTP API with its CORS options, without a default stage, and its stage.
    HttpApi,
    /// The `/items` routes with the Lambda integration (and the authorizer); without methods,
    /// no route ([`HTTP_ONLY_OPTIONS_NOTE`]).
    HttpRoutes {
        methods: Vec<Method>,
        authorizer: bool,
    },
    /// The output with the HTTP route's URL.
    HttpOutput,
}

/// What the stack's constructor builds for `config`, in order.
pub(crate) fn parts(config: &ValidCorsConfig) -> Vec<Part<'_>> {
    let authorizer = authorizer_header(config);
    let methods = route_methods(config);
    let mut parts = vec![Part::ItemsFunction];
    match config.api_type {
        ApiType::Rest => {
            if let Some(header) = authorizer {
                parts.push(Part::TokenAuthorizer { header });
            }
            parts.push(Part::RestApi {
                authorizer: authorizer.is_some(),
                api_key: config.api_key_required,
            });
            parts.push(Part::RestResource { methods });
            if config.api_key_required {
                parts.push(Part::UsagePlan);
            }
            if overrides_max_age_zero(config) {
                parts.push(Part::MaxAgeZeroOverride);
            }
            parts.push(Part::GatewayResponses);
            parts.push(Part::RestOutput);
        }
        ApiType::Http => {
            if let Some(header) = authorizer {
                parts.push(Part::HttpLambdaAuthorizer { header });
            }
            parts.push(Part::HttpApi);
            parts.push(Part::HttpRoutes {
                methods,
                authorizer: authorizer.is_some(),
            });
            parts.push(Part::HttpOutput);
        }
    }
    parts
}

// ---- the authorizers' code (Node.js, the same in both apps) ----------------------------------

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
pub(crate) fn rest_authorizer_source() -> String {
    REST_AUTHORIZER_TEMPLATE
        .replace("{note}", &js_comment(0, PLACEHOLDER_AUTHORIZER_NOTE))
        .replace("{why}", &js_comment(0, AUTHORIZER_POLICY_WHY))
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
pub(crate) fn http_authorizer_source() -> String {
    HTTP_AUTHORIZER_TEMPLATE
        .replace("{note}", &js_comment(0, PLACEHOLDER_AUTHORIZER_NOTE))
        .replace("{token}", &ts_string(PLACEHOLDER_TOKEN))
}

/// The authorizer function's code for the config's API type, when the app has an authorizer.
pub(crate) fn authorizer_source(config: &ValidCorsConfig) -> Option<String> {
    authorizer_header(config)?;
    Some(match config.api_type {
        ApiType::Rest => rest_authorizer_source(),
        ApiType::Http => http_authorizer_source(),
    })
}

/// The `PayloadFormatVersion` member for a payload format.
pub(crate) fn payload_format_member(format: PayloadFormat) -> &'static str {
    match format {
        PayloadFormat::V1 => "VERSION_1_0",
        PayloadFormat::V2 => "VERSION_2_0",
    }
}

/// The identity source of an HTTP API's Lambda authorizer that reads `header`.
pub(crate) fn http_identity_source(header: &str) -> String {
    format!("$request.header.{header}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::targets::valid_from_json as valid;

    #[test]
    fn rest_props_carry_notes_where_cdk_would_surprise() {
        let config = valid(
            r#"{"apiType": "rest", "allowOrigins": ["https://a.example", "https://b.example"],
                "allowMethods": ["*"], "maxAge": 0}"#,
        );
        let props = cors_properties(&config, MaxAgeOverride::Below);
        let keys: Vec<&str> = props.iter().map(|p| p.key).collect();
        assert_eq!(
            keys,
            [
                "allowOrigins",
                "allowMethods",
                "allowHeaders",
                "maxAge",
                "allowCredentials"
            ]
        );
        assert_eq!(props[0].note.as_deref(), Some(SEVERAL_ORIGINS_NOTE));
        assert_eq!(
            props[1].value,
            CorsValue::Member(Module::ApiGateway, "Cors", "ALL_METHODS")
        );
        assert_eq!(props[2].note.as_deref(), Some(EMPTY_HEADERS_NOTE));
        assert!(props[3]
            .note
            .as_deref()
            .unwrap()
            .ends_with("with an override (below)."));
        assert_eq!(props[3].value, CorsValue::Seconds(0));
        assert_eq!(props[4].value, CorsValue::Bool(false));
    }

    #[test]
    fn http_props_leave_out_what_is_not_configured() {
        let config = valid(
            r#"{"apiType": "http", "allowOrigins": ["https://*"], "allowMethods": ["GET", "OPTIONS"], "maxAge": 0}"#,
        );
        assert_eq!(
            cors_properties(&config, MaxAgeOverride::Below),
            [
                property("allowOrigins", CorsValue::Strings(vec!["https://*".into()])),
                property(
                    "allowMethods",
                    CorsValue::Members(
                        Module::ApiGatewayV2,
                        "CorsHttpMethod",
                        vec!["GET", "OPTIONS"]
                    )
                ),
                property("maxAge", CorsValue::Seconds(0)),
                property("allowCredentials", CorsValue::Bool(false)),
            ]
        );
        assert!(!overrides_max_age_zero(&config));
    }

    #[test]
    fn the_parts_of_each_api() {
        let rest = valid(
            r#"{"apiType": "rest", "allowOrigins": ["*"], "allowMethods": ["GET", "OPTIONS"],
                "authorizerHeader": "X-Token", "apiKeyRequired": true, "maxAge": 0}"#,
        );
        assert_eq!(
            parts(&rest),
            [
                Part::ItemsFunction,
                Part::TokenAuthorizer { header: "X-Token" },
                Part::RestApi {
                    authorizer: true,
                    api_key: true
                },
                Part::RestResource {
                    methods: vec![Method::Get]
                },
                Part::UsagePlan,
                Part::MaxAgeZeroOverride,
                Part::GatewayResponses,
                Part::RestOutput,
            ]
        );
        let http = valid(
            r#"{"apiType": "http", "allowOrigins": ["*"], "allowMethods": ["OPTIONS"],
                "authorizerHeader": "X-Token", "maxAge": 0}"#,
        );
        assert_eq!(
            parts(&http),
            [
                Part::ItemsFunction,
                Part::HttpApi,
                Part::HttpRoutes {
                    methods: vec![],
                    authorizer: false
                },
                Part::HttpOutput,
            ]
        );
    }

    #[test]
    fn an_authorizer_needs_a_route() {
        let options_only = valid(
            r#"{"apiType": "rest", "allowOrigins": ["*"], "allowMethods": ["OPTIONS"],
                "authorizerHeader": "Authorization"}"#,
        );
        assert_eq!(authorizer_header(&options_only), None);
        assert_eq!(authorizer_source(&options_only), None);
        let any = valid(
            r#"{"apiType": "http", "allowOrigins": ["*"], "allowMethods": ["*"],
                "authorizerHeader": "Authorization"}"#,
        );
        assert_eq!(authorizer_header(&any), Some("Authorization"));
        assert_eq!(route_methods(&any).len(), 6);
        assert_eq!(
            http_identity_source("Authorization"),
            "$request.header.Authorization"
        );
    }
}
