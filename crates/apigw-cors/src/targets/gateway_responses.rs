//! Target `gateway-responses` (REST): SAM `GatewayResponses` that put the CORS headers on API
//! Gateway's own 4xx and 5xx errors.

use super::sam_yaml::{self, YamlWriter};
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
    use crate::{validate, CorsConfig};

    fn render_json(json: &str) -> String {
        render(
            &validate(&CorsConfig::from_json(json).unwrap())
                .unwrap()
                .config,
        )
    }

    #[test]
    fn rest_one_origin() {
        let text = render_json(
            r#"{"apiType": "rest", "allowOrigins": ["https://app.example.com"],
                "allowMethods": ["GET", "POST"]}"#,
        );
        assert_eq!(text, "");
    }
}
