//! Target `lambda-response`: the proxy response the generated handlers return for `GET /items`,
//! as one JSON document.
//!
//! REST: the response to a request from the first allowed origin (from `https://example.com`
//! when every origin is allowed), with the CORS headers the function must return itself. HTTP:
//! API Gateway adds the CORS headers and ignores the function's, so the response has none, and
//! no sample origin is needed (which is why origin patterns, HTTP-only, never reach this code).
//! The statusCode/headers/body shape is the same in payload formats 1.0 and 2.0.

use super::lambda_cors::{sample_origin, HandlerCors, Header, JSON_MEDIA_TYPE};
use crate::model::{ApiType, ValidCorsConfig};
use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

/// Renders this target: pretty JSON ending with one newline.
pub(crate) fn render(config: &ValidCorsConfig) -> String {
    let mut headers = vec![("Content-Type", JSON_MEDIA_TYPE.to_owned())];
    if config.api_type == ApiType::Rest {
        let origin = sample_origin(config);
        headers.extend(HandlerCors::new(config).response_headers(Some(origin), false));
    }
    let response = ProxyResponse {
        status_code: 200,
        headers: OrderedHeaders(headers),
        body: serde_json::to_string(&ItemsBody { items: [] })
            .unwrap_or_else(|_| unreachable!("a body always serializes")),
    };
    // `unreachable!` rather than `expect`: no serde_json error formatting in the wasm.
    let mut out = serde_json::to_string_pretty(&response)
        .unwrap_or_else(|_| unreachable!("a response always serializes"));
    out.push('\n');
    out
}

/// A Lambda proxy response: statusCode an integer, body a string (anything else is a 502).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ProxyResponse {
    status_code: u16,
    headers: OrderedHeaders,
    body: String,
}

/// The sample body, `{"items":[]}` (a struct rather than `json!`: no `serde_json::Value` code
/// in the wasm).
#[derive(Serialize)]
struct ItemsBody {
    items: [String; 0],
}

/// Headers serialized as a JSON object in the order the handlers add them.
struct OrderedHeaders(Vec<Header>);

impl Serialize for OrderedHeaders {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (name, value) in &self.0 {
            map.serialize_entry(name, value)?;
        }
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::targets::valid_from_json as valid;

    #[test]
    fn rest_echoes_the_first_origin_with_credentials_expose_and_vary() {
        let config = valid(
            r#"{"apiType": "rest", "allowOrigins": ["https://app.example.com", "http://localhost:3000"],
                "allowMethods": ["GET"], "exposeHeaders": ["X-Request-Id", "ETag"], "maxAge": 600,
                "allowCredentials": true}"#,
        );
        assert_eq!(
            render(&config),
            r#"{
  "statusCode": 200,
  "headers": {
    "Content-Type": "application/json",
    "Access-Control-Allow-Origin": "https://app.example.com",
    "Access-Control-Allow-Credentials": "true",
    "Access-Control-Expose-Headers": "X-Request-Id,ETag",
    "Vary": "Origin"
  },
  "body": "{\"items\":[]}"
}
"#
        );
    }

    #[test]
    fn rest_with_any_origin_answers_star() {
        let config =
            valid(r#"{"apiType": "rest", "allowOrigins": ["*"], "allowMethods": ["GET"]}"#);
        assert_eq!(
            render(&config),
            r#"{
  "statusCode": 200,
  "headers": {
    "Content-Type": "application/json",
    "Access-Control-Allow-Origin": "*"
  },
  "body": "{\"items\":[]}"
}
"#
        );
    }

    #[test]
    fn http_has_no_cors_headers_in_either_payload_format() {
        let expected = r#"{
  "statusCode": 200,
  "headers": {
    "Content-Type": "application/json"
  },
  "body": "{\"items\":[]}"
}
"#;
        for json in [
            r#"{"apiType": "http", "allowOrigins": ["https://*"], "allowMethods": ["GET"], "allowCredentials": true}"#,
            r#"{"apiType": "http", "allowOrigins": ["*"], "allowMethods": ["GET"], "payloadFormatVersion": "1.0"}"#,
        ] {
            assert_eq!(render(&valid(json)), expected, "{json}");
        }
    }
}
