//! The preflight answer of a REST API's MOCK OPTIONS method, for one origin or `*`: API Gateway
//! answers the preflight itself, without calling the function, with the headers SAM's `Cors`
//! makes (reference §2.2): Allow-Origin and Allow-Methods always, Allow-Headers when headers are
//! allowed, Max-Age when set (0 included), Allow-Credentials only when true. No Expose-Headers:
//! it means nothing on a preflight; the function sends it on the actual responses.
//!
//! Several origins cannot be answered by a mock (one fixed Access-Control-Allow-Origin value):
//! then the OPTIONS method goes to the function, as in `sam-template`.

use super::lambda_cors::{
    Header, ALLOW_CREDENTIALS, ALLOW_HEADERS, ALLOW_METHODS, ALLOW_ORIGIN, MAX_AGE,
};
use crate::model::ValidCorsConfig;

/// The status of the mock's answer (SAM's; any 2xx passes a browser's preflight check).
pub(crate) const MOCK_STATUS: &str = "200";
/// The mock integration's request template: it picks the integration response's status.
pub(crate) const MOCK_REQUEST_TEMPLATE: &str = "{\"statusCode\": 200}";
/// The body of the mock's answer (SAM's: an empty JSON object).
pub(crate) const MOCK_RESPONSE_BODY: &str = "{}";

/// The headers of the mock's answer, with their values as the browser receives them (each
/// target writes them in API Gateway's single quotes); `None` when several origins are allowed,
/// which no fixed value can express.
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
    fn the_headers_sam_cors_makes() {
        let config = valid(
            r#"{"apiType": "rest", "allowOrigins": ["https://a.example"], "allowMethods": ["GET", "PUT"],
                "allowHeaders": ["X-A", "X-B"], "exposeHeaders": ["X-Id"], "maxAge": 0, "allowCredentials": true}"#,
        );
        assert_eq!(
            mock_preflight_headers(&config).unwrap(),
            [
                (ALLOW_ORIGIN, "https://a.example".to_owned()),
                (ALLOW_METHODS, "GET,PUT".to_owned()),
                (ALLOW_HEADERS, "X-A,X-B".to_owned()),
                (MAX_AGE, "0".to_owned()),
                (ALLOW_CREDENTIALS, "true".to_owned()),
            ]
        );
        let bare = valid(r#"{"apiType": "rest", "allowOrigins": ["*"], "allowMethods": ["*"]}"#);
        assert_eq!(
            mock_preflight_headers(&bare).unwrap(),
            [
                (ALLOW_ORIGIN, "*".to_owned()),
                (ALLOW_METHODS, "*".to_owned())
            ]
        );
        let several = valid(
            r#"{"apiType": "rest", "allowOrigins": ["https://a.example", "https://b.example"], "allowMethods": ["GET"]}"#,
        );
        assert_eq!(mock_preflight_headers(&several), None);
    }
}
