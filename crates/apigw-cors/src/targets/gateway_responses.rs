//! Target `gateway-responses` (REST): SAM `GatewayResponses` that put the CORS headers on API
//! Gateway's own 4xx and 5xx errors.

use crate::emit::sam_yaml::{self, YamlWriter};
use crate::model::{ApiType, ValidCorsConfig};

/// Renders this target.
pub(crate) fn render(config: &ValidCorsConfig) -> String {
    let mut w = YamlWriter::default();
    if config.api_type == ApiType::Http {
        w.comment(
            0,
            "HTTP APIs have no gateway responses to customize (a REST API feature), so there is nothing \
             to add: the CorsConfiguration (sam-globals, sam-resource) is the whole CORS setup.",
        );
        return w.finish();
    }
    w.comment(
        0,
        "Errors made by API Gateway itself (authorizer 401/403, missing API key 403, throttling 429, \
         integration failures 5xx) never reach the function. Without CORS headers the browser hides \
         their status behind a CORS error. Put this under the AWS::Serverless::Api Properties (or \
         Globals: Api:).",
    );
    sam_yaml::write_gateway_responses(&mut w, 0, config);
    w.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render_json(json: &str) -> String {
        render(&crate::targets::valid_from_json(json))
    }

    const INTRO: &str = "# Errors made by API Gateway itself (authorizer 401/403, missing API key 403, throttling 429,
# integration failures 5xx) never reach the function. Without CORS headers the browser hides their
# status behind a CORS error. Put this under the AWS::Serverless::Api Properties (or Globals: Api:).
";

    #[test]
    fn rest_one_origin_with_credentials_and_expose_headers() {
        let text = render_json(
            r#"{"apiType": "rest", "allowOrigins": ["https://app.example.com"],
                "allowMethods": ["GET"], "exposeHeaders": ["X-Request-Id", "ETag"],
                "allowCredentials": true}"#,
        );
        let block = r#"GatewayResponses:
  DEFAULT_4XX:
    ResponseParameters:
      Headers:
        Access-Control-Allow-Origin: "'https://app.example.com'"
        Access-Control-Allow-Credentials: "'true'"
        Access-Control-Expose-Headers: "'X-Request-Id,ETag'"
  DEFAULT_5XX:
    ResponseParameters:
      Headers:
        Access-Control-Allow-Origin: "'https://app.example.com'"
        Access-Control-Allow-Credentials: "'true'"
        Access-Control-Expose-Headers: "'X-Request-Id,ETag'"
"#;
        assert_eq!(text, format!("{INTRO}{block}"));
    }

    #[test]
    fn several_origins_without_credentials_echo_the_request_origin() {
        let text = render_json(
            r#"{"apiType": "rest", "allowOrigins": ["https://a.example.com", "https://b.example.com"],
                "allowMethods": ["GET"]}"#,
        );
        let block = r#"# Several origins without credentials: API Gateway's own errors echo the request's Origin, because a
# gateway response cannot check it against the list. Any site can read these errors (API Gateway's
# generic messages, no user data: credentials are off); in exchange every allowed origin sees the
# real status instead of a CORS error.
GatewayResponses:
  DEFAULT_4XX:
    ResponseParameters:
      Headers:
        Access-Control-Allow-Origin: method.request.header.origin
        Vary: "'Origin'"
  DEFAULT_5XX:
    ResponseParameters:
      Headers:
        Access-Control-Allow-Origin: method.request.header.origin
        Vary: "'Origin'"
"#;
        assert_eq!(text, format!("{INTRO}{block}"));
    }

    #[test]
    fn several_origins_with_credentials_use_the_first_origin() {
        let text = render_json(
            r#"{"apiType": "rest", "allowOrigins": ["https://a.example.com", "https://b.example.com"],
                "allowMethods": ["GET"], "allowCredentials": true}"#,
        );
        assert!(text.contains("own errors name the first origin only\n# (https://a.example.com),"));
        assert_eq!(
            text.matches("Access-Control-Allow-Origin: \"'https://a.example.com'\"\n")
                .count(),
            2
        );
        assert!(!text.contains("method.request.header.origin\n"));
        assert!(!text.contains("Vary"));
    }

    #[test]
    fn http_is_a_comment_only() {
        let text =
            render_json(r#"{"apiType": "http", "allowOrigins": ["*"], "allowMethods": ["GET"]}"#);
        assert_eq!(
            text,
            "# HTTP APIs have no gateway responses to customize (a REST API feature), so there is nothing to add:
# the CorsConfiguration (sam-globals, sam-resource) is the whole CORS setup.
"
        );
        assert_eq!(
            serde_yaml::from_str::<serde_yaml::Value>(&text).unwrap(),
            serde_yaml::Value::Null
        );
    }
}
