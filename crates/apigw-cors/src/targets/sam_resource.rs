//! Target `sam-resource`: the CORS settings on an `AWS::Serverless::Api` (REST) or
//! `AWS::Serverless::HttpApi` (HTTP) resource named `CorsApi`.

use crate::emit::sam_yaml::{self, YamlWriter};
use crate::example::{EXAMPLE_API_ID, EXAMPLE_STAGE};
use crate::model::{ApiType, ValidCorsConfig};

/// Renders this target.
pub(crate) fn render(config: &ValidCorsConfig) -> String {
    let mut w = YamlWriter::default();
    w.line(0, "Resources:");
    w.line(2, format!("{EXAMPLE_API_ID}:"));
    match config.api_type {
        ApiType::Rest => w.line(4, "Type: AWS::Serverless::Api"),
        ApiType::Http => w.line(4, "Type: AWS::Serverless::HttpApi"),
    }
    w.line(4, "Properties:");
    w.line(6, format!("StageName: {EXAMPLE_STAGE}"));
    sam_yaml::write_openapi_version(&mut w, 6, config);
    sam_yaml::write_cors(&mut w, 6, config);
    sam_yaml::write_preflight_auth(&mut w, 6, config);
    sam_yaml::write_http_authorizer_note(&mut w, 6, config);
    let reference = match config.api_type {
        ApiType::Rest => "RestApiId",
        ApiType::Http => "ApiId",
    };
    w.comment(
        6,
        &format!("Each function event names this API: {reference}: !Ref {EXAMPLE_API_ID}"),
    );
    if sam_yaml::function_answers_preflight(config) {
        sam_yaml::write_preflight_function(&mut w, 2, config, true);
    }
    w.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render_json(json: &str) -> String {
        render(&crate::targets::valid_from_json(json))
    }

    #[test]
    fn rest_one_origin_with_credentials() {
        let text = render_json(
            r#"{"apiType": "rest", "allowOrigins": ["https://app.example.com"],
                "allowMethods": ["GET", "POST"], "allowHeaders": ["Content-Type", "Authorization"],
                "maxAge": 600, "allowCredentials": true}"#,
        );
        assert_eq!(
            text,
            r#"Resources:
  CorsApi:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      OpenApiVersion: '3.0.1'
      # SAM's Cors answers the preflight (OPTIONS) only: the function must add
      # Access-Control-Allow-Origin to every response it returns (lambda-python and lambda-node do).
      Cors:
        AllowOrigin: "'https://app.example.com'"
        AllowMethods: "'GET,POST'"
        AllowHeaders: "'Content-Type,Authorization'"
        MaxAge: "'600'"
        AllowCredentials: true
      # Each function event names this API: RestApiId: !Ref CorsApi
"#
        );
    }

    #[test]
    fn rest_several_origins_shows_the_options_event() {
        let text = render_json(
            r#"{"apiType": "rest", "allowOrigins": ["https://a.example.com", "https://b.example.com"],
                "allowMethods": ["GET"], "apiKeyRequired": true}"#,
        );
        assert_eq!(
            text,
            r#"Resources:
  CorsApi:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      OpenApiVersion: '3.0.1'
      # No Cors: SAM's Cors sends one fixed Access-Control-Allow-Origin value, and this API allows 2
      # origins (https://a.example.com, https://b.example.com). A comma-joined list is not a valid
      # value: browsers reject it. The function answers the preflight instead (an OPTIONS event) and
      # adds the CORS headers to every response it returns (lambda-python, lambda-node).
      # Each function event names this API: RestApiId: !Ref CorsApi
  # One OPTIONS event per path, on the one function that answers the preflight (ItemsFunction stands
  # for it; merge this into its Events). An OPTIONS event for the same path on a second function
  # makes the SAM transform fail; the other functions keep their own methods only.
  ItemsFunction:
    Properties:
      Events:
        ItemsOptions:
          Type: Api
          Properties:
            RestApiId: !Ref CorsApi
            Path: /items
            Method: OPTIONS
            Auth:
              ApiKeyRequired: false
"#
        );
    }

    #[test]
    fn http_resource() {
        let text =
            render_json(r#"{"apiType": "http", "allowOrigins": ["*"], "allowMethods": ["*"]}"#);
        assert_eq!(
            text,
            r#"Resources:
  CorsApi:
    Type: AWS::Serverless::HttpApi
    Properties:
      StageName: prod
      # API Gateway answers the preflight and adds these headers to the responses of the integration
      # (the function), ignoring CORS headers the function returns. Its own errors, such as an
      # authorizer's 401 or 403, are not documented to carry them.
      CorsConfiguration:
        AllowOrigins:
          - "*"
        AllowMethods:
          - "*"
        AllowCredentials: false
      # Each function event names this API: ApiId: !Ref CorsApi
"#
        );
    }
}
