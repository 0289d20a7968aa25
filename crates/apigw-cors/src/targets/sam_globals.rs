//! Target `sam-globals`: the CORS settings in a SAM template's `Globals` section
//! (`Api: Cors:` for REST, `HttpApi: CorsConfiguration:` for HTTP).

use crate::emit::sam_yaml::{self, YamlWriter};
use crate::model::{ApiType, ValidCorsConfig};

/// Renders this target.
pub(crate) fn render(config: &ValidCorsConfig) -> String {
    let mut w = YamlWriter::default();
    if sam_yaml::function_answers_preflight(config) {
        write_function_preflight(&mut w, config);
        return w.finish();
    }
    w.line(0, "Globals:");
    match config.api_type {
        ApiType::Rest => w.line(2, "Api:"),
        ApiType::Http => w.line(2, "HttpApi:"),
    }
    sam_yaml::write_openapi_version(&mut w, 4, config);
    sam_yaml::write_cors(&mut w, 4, config);
    sam_yaml::write_preflight_auth(&mut w, 4, config);
    sam_yaml::write_http_authorizer_note(&mut w, 4, config);
    w.finish()
}

/// REST with several origins: no Cors in `Globals`; the OPTIONS event of the function that
/// answers the preflight instead.
fn write_function_preflight(w: &mut YamlWriter, config: &ValidCorsConfig) {
    w.comment(0, &sam_yaml::no_cors_reason(config));
    w.line(0, "Globals:");
    w.line(2, "Api:");
    sam_yaml::write_openapi_version(w, 4, config);
    w.line(0, "Resources:");
    sam_yaml::write_preflight_function(w, 2, config, false);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render_json(json: &str) -> String {
        render(&crate::targets::valid_from_json(json))
    }

    #[test]
    fn rest_one_origin_quotes_static_values() {
        let text = render_json(
            r#"{"apiType": "rest", "allowOrigins": ["https://app.example.com"],
                "allowMethods": ["GET", "POST"], "allowHeaders": ["Content-Type", "Authorization"],
                "maxAge": 600}"#,
        );
        assert_eq!(
            text,
            r#"Globals:
  Api:
    OpenApiVersion: '3.0.1'
    # SAM's Cors answers the preflight (OPTIONS) only: the function must add
    # Access-Control-Allow-Origin to every response it returns (lambda-python and lambda-node do).
    Cors:
      AllowOrigin: "'https://app.example.com'"
      AllowMethods: "'GET,POST'"
      AllowHeaders: "'Content-Type,Authorization'"
      MaxAge: "'600'"
      AllowCredentials: false
"#
        );
    }

    #[test]
    fn rest_any_origin_with_authorizer_and_api_key_keeps_them_off_the_preflight() {
        let text = render_json(
            r#"{"apiType": "rest", "allowOrigins": ["*"], "allowMethods": ["*"],
                "exposeHeaders": ["X-Request-Id"], "authorizerHeader": "Authorization",
                "apiKeyRequired": true}"#,
        );
        assert_eq!(
            text,
            r#"Globals:
  Api:
    OpenApiVersion: '3.0.1'
    # SAM's Cors answers the preflight (OPTIONS) only: the function must add
    # Access-Control-Allow-Origin to every response it returns (lambda-python and lambda-node do).
    # REST Cors has no ExposeHeaders: the function sends Access-Control-Expose-Headers:
    # X-Request-Id.
    Cors:
      AllowOrigin: "'*'"
      AllowMethods: "'*'"
      AllowCredentials: false
    Auth:
      # Keep these next to your DefaultAuthorizer and ApiKeyRequired: a browser's preflight carries
      # no token and no API key.
      AddDefaultAuthorizerToCorsPreflight: false
      AddApiKeyRequiredToCorsPreflight: false
"#
        );
    }

    #[test]
    fn rest_several_origins_has_no_cors_but_an_options_event() {
        let text = render_json(
            r#"{"apiType": "rest", "allowOrigins": ["https://a.example.com", "http://localhost:3000"],
                "allowMethods": ["GET"], "authorizerHeader": "Authorization"}"#,
        );
        assert_eq!(
            text,
            r#"# No Cors: SAM's Cors sends one fixed Access-Control-Allow-Origin value, and this API allows 2
# origins (https://a.example.com, http://localhost:3000). A comma-joined list is not a valid value:
# browsers reject it. The function answers the preflight instead (an OPTIONS event) and adds the
# CORS headers to every response it returns (lambda-python, lambda-node).
Globals:
  Api:
    OpenApiVersion: '3.0.1'
Resources:
  # One OPTIONS event per path, on the one function that answers the preflight (ItemsFunction stands
  # for it; merge this into its Events). An OPTIONS event for the same path on a second function
  # makes the SAM transform fail; the other functions keep their own methods only.
  ItemsFunction:
    Properties:
      Events:
        ItemsOptions:
          Type: Api
          Properties:
            Path: /items
            Method: OPTIONS
            Auth:
              Authorizer: NONE
"#
        );
        assert!(!text.contains("https://a.example.com,http"));
    }

    #[test]
    fn http_lists_and_integers() {
        let text = render_json(
            r#"{"apiType": "http", "allowOrigins": ["https://app.example.com", "https://*"],
                "allowMethods": ["GET", "POST"], "allowHeaders": ["*"], "exposeHeaders": ["ETag"],
                "maxAge": 300, "allowCredentials": true}"#,
        );
        assert_eq!(
            text,
            r#"Globals:
  HttpApi:
    # API Gateway answers the preflight and adds these headers to the responses of the integration
    # (the function), ignoring CORS headers the function returns. Its own errors, such as an
    # authorizer's 401 or 403, are not documented to carry them.
    CorsConfiguration:
      AllowOrigins:
        - https://app.example.com
        - "https://*"
      AllowMethods:
        - GET
        - POST
      AllowHeaders:
        - "*"
      ExposeHeaders:
        - ETag
      MaxAge: 300
      AllowCredentials: true
"#
        );
    }
}
