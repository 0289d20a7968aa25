//! The answer of a REST API's MOCK OPTIONS method (one origin or `*`): the headers SAM's `Cors`
//! property puts on the OPTIONS method it generates, so that every target that writes the MOCK
//! itself (an OpenAPI definition, a CloudFormation template) answers the preflight exactly as
//! `sam-template` does. Several origins have no MOCK: the function answers the preflight
//! (`sam_yaml::function_answers_preflight`).

use super::lambda_cors::{
    Header, ALLOW_CREDENTIALS, ALLOW_HEADERS, ALLOW_METHODS, ALLOW_ORIGIN, MAX_AGE,
};
use crate::model::ValidCorsConfig;

/// The status code of the MOCK's answer (SAM's and AWS's documented examples use 200).
pub(crate) const MOCK_PREFLIGHT_STATUS: &str = "200";

/// The request template that makes a MOCK integration answer with [`MOCK_PREFLIGHT_STATUS`].
pub(crate) const MOCK_REQUEST_TEMPLATE: &str = r#"{"statusCode": 200}"#;

/// The headers of the MOCK's answer, in order, with their values unquoted (the caller writes
/// them in API Gateway's static-value quotes); `None` when the configuration has no fixed
/// origin (several origins or a pattern), which a MOCK cannot answer.
///
/// Origin, methods, headers when any, max-age when set, credentials when allowed: the same set
/// and values aws-sam-translator 1.115.0 writes for `Cors` (`conformance/sam` checks it there).
pub(crate) fn mock_preflight_headers(config: &ValidCorsConfig) -> Option<Vec<Header>> {
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

    #[test]
    fn the_headers_of_each_shape() {
        let full = valid(
            r#"{"apiType": "rest", "allowOrigins": ["https://a.example"], "allowMethods": ["GET", "PUT"],
                "allowHeaders": ["X-A", "X-B"], "maxAge": 0, "allowCredentials": true,
                "exposeHeaders": ["X-Id"]}"#,
        );
        let owned = |pairs: &[(&'static str, &str)]| -> Vec<Header> {
            pairs.iter().map(|(n, v)| (*n, v.to_string())).collect()
        };
        assert_eq!(
            mock_preflight_headers(&full),
            Some(owned(&[
                ("Access-Control-Allow-Origin", "https://a.example"),
                ("Access-Control-Allow-Methods", "GET,PUT"),
                ("Access-Control-Allow-Headers", "X-A,X-B"),
                ("Access-Control-Max-Age", "0"),
                ("Access-Control-Allow-Credentials", "true"),
            ]))
        );
        let any = valid(r#"{"apiType": "rest", "allowOrigins": ["*"], "allowMethods": ["*"]}"#);
        assert_eq!(
            mock_preflight_headers(&any),
            Some(owned(&[
                ("Access-Control-Allow-Origin", "*"),
                ("Access-Control-Allow-Methods", "*"),
            ]))
        );
        let several = valid(
            r#"{"apiType": "rest", "allowOrigins": ["https://a.example", "https://b.example"], "allowMethods": ["GET"]}"#,
        );
        assert_eq!(mock_preflight_headers(&several), None);
    }
}
