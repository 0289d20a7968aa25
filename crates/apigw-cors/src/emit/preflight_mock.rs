//! What a REST API's OPTIONS method with a MOCK integration answers to a preflight: the status,
//! the request template that selects it and the CORS headers, the same values the SAM transform
//! writes for the `Cors` of `sam-template` (reference `sam-cdk-tool-behaviour.md` §4), so the
//! targets that write the method themselves (`aws-cli`) cannot drift from it.
//!
//! A MOCK answers every preflight with fixed values, so it exists only for one origin or `*`;
//! with several origins the function answers the preflight instead
//! ([`super::sam_yaml::function_answers_preflight`]).

use super::lambda_cors::{ALLOW_CREDENTIALS, ALLOW_HEADERS, ALLOW_METHODS, ALLOW_ORIGIN, MAX_AGE};
use crate::model::ValidCorsConfig;

/// The status of the mock's answer (SAM's; CDK uses 204, both are ok statuses).
pub(crate) const MOCK_STATUS: &str = "200";

/// The mock's request template for `application/json`: it picks [`MOCK_STATUS`].
pub(crate) const MOCK_REQUEST_TEMPLATE: &str = "{\"statusCode\": 200}";

/// The prefix of a header in a method response's (and an integration response's) parameters.
pub(crate) const METHOD_RESPONSE_HEADER: &str = "method.response.header.";

/// The prefix of a header in a gateway response's parameters.
pub(crate) const GATEWAY_RESPONSE_HEADER: &str = "gatewayresponse.header.";

/// The CORS headers of the mock's answer, in order, as plain values (the caller writes them in
/// API Gateway's single quotes); `None` when several origins are allowed (no fixed answer).
/// Like SAM: the origin and the methods always, the headers and the max-age when configured,
/// the credentials only when allowed. No expose headers: they matter on the actual response,
/// which the function writes.
pub(crate) fn mock_preflight_headers(
    config: &ValidCorsConfig,
) -> Option<Vec<(&'static str, String)>> {
    let origin = config.fixed_origin()?;
    let mut headers = vec![
        (ALLOW_ORIGIN, origin.to_owned()),
        (ALLOW_METHODS, config.methods.names().join(",")),
    ];
    if !config.allow_headers.is_empty() {
        headers.push((ALLOW_HEADERS, config.allow_headers.join(",")));
    }
    if let Some(max_age) = config.max_age {
        headers.push((MAX_AGE, max_age.to_string()));
    }
    if config.allow_credentials {
        headers.push((ALLOW_CREDENTIALS, "true".to_owned()));
    }
    Some(headers)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::targets::valid_from_json as valid;

    fn owned(headers: &[(&'static str, &str)]) -> Vec<(&'static str, String)> {
        headers.iter().map(|(n, v)| (*n, v.to_string())).collect()
    }

    #[test]
    fn the_mock_answers_like_sams_cors() {
        let full = valid(
            r#"{"apiType": "rest", "allowOrigins": ["https://a.example"], "allowMethods": ["GET", "PUT"],
                "allowHeaders": ["Content-Type", "X-Id"], "exposeHeaders": ["ETag"], "maxAge": 0,
                "allowCredentials": true}"#,
        );
        assert_eq!(
            mock_preflight_headers(&full),
            Some(owned(&[
                (ALLOW_ORIGIN, "https://a.example"),
                (ALLOW_METHODS, "GET,PUT"),
                (ALLOW_HEADERS, "Content-Type,X-Id"),
                (MAX_AGE, "0"),
                (ALLOW_CREDENTIALS, "true"),
            ]))
        );
        let any = valid(r#"{"apiType": "rest", "allowOrigins": ["*"], "allowMethods": ["*"]}"#);
        assert_eq!(
            mock_preflight_headers(&any),
            Some(owned(&[(ALLOW_ORIGIN, "*"), (ALLOW_METHODS, "*")]))
        );
        let several = valid(
            r#"{"apiType": "rest", "allowOrigins": ["https://a.example", "https://b.example"], "allowMethods": ["GET"]}"#,
        );
        assert_eq!(mock_preflight_headers(&several), None);
    }
}
