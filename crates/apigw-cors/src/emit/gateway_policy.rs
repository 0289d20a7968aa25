//! The CORS headers on a REST API's own error responses (DEFAULT_4XX and DEFAULT_5XX gateway
//! responses): one policy that every target writing them (`sam-template`, `gateway-responses`,
//! `cdk-stack`) renders, with the comment that states its trade-off.
//!
//! One origin or `*`: that value. Several origins without credentials: the request's Origin,
//! echoed (a gateway response cannot compare it with the list). Several origins with
//! credentials: the first origin only (echoing would let any site read the errors with the
//! user's cookies). `Vary: Origin` exactly when the value is echoed.

use crate::model::ValidCorsConfig;

/// The gateway responses every REST target writes with the CORS headers: API Gateway's own
/// 4xx and 5xx errors (authorizer, API key, throttling, a failing integration).
pub(crate) const GATEWAY_RESPONSE_TYPES: [&str; 2] = ["DEFAULT_4XX", "DEFAULT_5XX"];

/// The request's Origin header as a gateway response mapping source (unquoted).
pub(crate) const REQUEST_ORIGIN: &str = "method.request.header.origin";

/// The value of one header on the gateway responses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum GatewayHeaderValue {
    /// A static value (written in API Gateway's single quotes).
    Static(String),
    /// The request's Origin header, mapped from [`REQUEST_ORIGIN`].
    RequestOrigin,
}

/// Whether the gateway responses echo the request's Origin (several origins, no credentials).
pub(crate) fn echoes_request_origin(config: &ValidCorsConfig) -> bool {
    config.fixed_origin().is_none() && !config.allow_credentials
}

/// The origin the gateway responses name when several origins are allowed with credentials.
fn pinned_origin(config: &ValidCorsConfig) -> Option<&str> {
    match config.fixed_origin() {
        None if config.allow_credentials => Some(config.origins.values()[0]),
        _ => None,
    }
}

/// The CORS headers of DEFAULT_4XX and DEFAULT_5XX, in order.
pub(crate) fn gateway_response_headers(
    config: &ValidCorsConfig,
) -> Vec<(&'static str, GatewayHeaderValue)> {
    use GatewayHeaderValue::{RequestOrigin, Static};
    let origin = match (config.fixed_origin(), pinned_origin(config)) {
        (Some(origin), _) | (None, Some(origin)) => Static(origin.to_owned()),
        (None, None) => RequestOrigin,
    };
    let mut headers = vec![("Access-Control-Allow-Origin", origin)];
    if config.allow_credentials {
        headers.push(("Access-Control-Allow-Credentials", Static("true".into())));
    }
    if !config.expose_headers.is_empty() {
        headers.push((
            "Access-Control-Expose-Headers",
            Static(config.expose_headers.join(",")),
        ));
    }
    if echoes_request_origin(config) {
        headers.push(("Vary", Static("Origin".into())));
    }
    headers
}

/// The trade-off of the policy for this configuration, for a comment next to the gateway
/// responses; `None` when one origin or `*` is allowed (nothing is traded).
pub(crate) fn gateway_response_tradeoff(config: &ValidCorsConfig) -> Option<String> {
    if echoes_request_origin(config) {
        return Some(
            "Several origins without credentials: API Gateway's own errors echo the request's Origin, \
             because a gateway response cannot check it against the list. Any site can read these \
             errors (API Gateway's generic messages, no user data: credentials are off); in exchange \
             every allowed origin sees the real status instead of a CORS error."
                .to_owned(),
        );
    }
    pinned_origin(config).map(|origin| {
        format!(
            "Several origins with credentials: API Gateway's own errors name the first origin only \
             ({origin}), because echoing the request's Origin would let any site read them with the \
             user's cookies. In exchange, pages on the other origins see these errors as CORS errors \
             without their status; the function's own responses echo every allowed origin."
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::targets::valid_from_json as valid;
    use GatewayHeaderValue::{RequestOrigin, Static};

    #[test]
    fn one_policy_per_shape() {
        let one = valid(
            r#"{"apiType": "rest", "allowOrigins": ["https://a.example"], "allowMethods": ["GET"]}"#,
        );
        assert_eq!(
            gateway_response_headers(&one),
            [(
                "Access-Control-Allow-Origin",
                Static("https://a.example".into())
            )]
        );
        assert_eq!(gateway_response_tradeoff(&one), None);
        let echo = valid(
            r#"{"apiType": "rest", "allowOrigins": ["https://a.example", "https://b.example"], "allowMethods": ["GET"]}"#,
        );
        assert_eq!(
            gateway_response_headers(&echo),
            [
                ("Access-Control-Allow-Origin", RequestOrigin),
                ("Vary", Static("Origin".into()))
            ]
        );
        let pinned = valid(
            r#"{"apiType": "rest", "allowOrigins": ["https://a.example", "https://b.example"], "allowMethods": ["GET"],
                "allowCredentials": true}"#,
        );
        assert_eq!(
            gateway_response_headers(&pinned),
            [
                (
                    "Access-Control-Allow-Origin",
                    Static("https://a.example".into())
                ),
                ("Access-Control-Allow-Credentials", Static("true".into()))
            ]
        );
        assert!(gateway_response_tradeoff(&pinned)
            .unwrap()
            .contains("name the first origin only (https://a.example)"));
    }
}

#[cfg(test)]
mod agreement;
