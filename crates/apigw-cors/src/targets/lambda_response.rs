//! Target `lambda-response`: the proxy response the generated handlers return for `GET /items`,
//! as one JSON document.
//!
//! REST with one origin or `*`: the response to a request from that origin (from
//! `https://example.com` for `*`), with the CORS headers the function must return itself. REST
//! with several origins: the response depends on the request's origin, so the document says so
//! in its own fields (JSON has no comments): a `comment`, one response per allowed origin under
//! `responseByRequestOrigin`, and `responseToAnyOtherOrigin`. HTTP: API Gateway adds the CORS
//! headers and ignores the function's, so the response has none, and no sample origin is needed
//! (which is why origin patterns, HTTP-only, never reach this code). The statusCode/headers/body
//! shape is the same in payload formats 1.0 and 2.0. Every response is
//! [`handler_answer`]'s, the handlers' own.

use crate::emit::lambda_cors::{
    handler_answer, sample_origin, HandlerAnswer, Header, CONTENT_TYPE, ITEMS_BODY, ITEMS_STATUS,
    JSON_MEDIA_TYPE,
};
use crate::example::example_route;
use crate::model::{ApiType, ValidCorsConfig};
use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

/// The method of the request the document answers.
const METHOD: &str = "GET";

/// What the document says about a response that echoes the request's origin.
const ECHO_COMMENT: &str = concat!(
    "GET ",
    example_route!(),
    ": the function echoes the request's Origin in Access-Control-Allow-Origin when \
     allowOrigins lists it, so each allowed origin gets its own response; any other origin (or \
     none) gets no Access-Control-Allow-Origin, only Vary: Origin."
);

/// Renders this target: pretty JSON ending with one newline.
pub(crate) fn render(config: &ValidCorsConfig) -> String {
    // `unreachable!` rather than `expect`: no serde_json error formatting in the wasm.
    let mut out = if config.api_type == ApiType::Rest && config.echoes_origin() {
        serde_json::to_string_pretty(&ByRequestOrigin::new(config))
    } else {
        serde_json::to_string_pretty(&single_response(config))
    }
    .unwrap_or_else(|_| unreachable!("a response always serializes"));
    out.push('\n');
    out
}

/// The one response: the REST handler's answer to the sample origin, or the HTTP handler's.
fn single_response(config: &ValidCorsConfig) -> ProxyResponse {
    match config.api_type {
        ApiType::Rest => handler_answer(config, METHOD, Some(sample_origin(config))).into(),
        ApiType::Http => ProxyResponse {
            status_code: ITEMS_STATUS,
            headers: OrderedHeaders(vec![(CONTENT_TYPE, JSON_MEDIA_TYPE.to_owned())]),
            body: ITEMS_BODY,
        },
    }
}

/// REST with several origins: the response for each request origin.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ByRequestOrigin<'a> {
    comment: &'static str,
    response_by_request_origin: OrderedMap<'a, ProxyResponse>,
    response_to_any_other_origin: ProxyResponse,
}

impl<'a> ByRequestOrigin<'a> {
    fn new(config: &'a ValidCorsConfig) -> Self {
        let by_origin = config
            .origins
            .values()
            .into_iter()
            .map(|origin| (origin, handler_answer(config, METHOD, Some(origin)).into()))
            .collect();
        ByRequestOrigin {
            comment: ECHO_COMMENT,
            response_by_request_origin: OrderedMap(by_origin),
            response_to_any_other_origin: handler_answer(config, METHOD, None).into(),
        }
    }
}

/// A Lambda proxy response: statusCode an integer, body a string (anything else is a 502).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ProxyResponse {
    status_code: u16,
    headers: OrderedHeaders,
    body: &'static str,
}

impl From<HandlerAnswer> for ProxyResponse {
    fn from(answer: HandlerAnswer) -> Self {
        ProxyResponse {
            status_code: answer.status,
            headers: OrderedHeaders(answer.headers),
            body: answer.body,
        }
    }
}

/// Headers serialized as a JSON object in the order the handlers add them.
struct OrderedHeaders(Vec<Header>);

impl Serialize for OrderedHeaders {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serialize_entries(serializer, &self.0)
    }
}

/// A JSON object keyed by origin, in the configuration's order.
struct OrderedMap<'a, T>(Vec<(&'a str, T)>);

impl<T: Serialize> Serialize for OrderedMap<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serialize_entries(serializer, &self.0)
    }
}

/// `entries` as a JSON object, in order.
fn serialize_entries<S: Serializer, K: Serialize, V: Serialize>(
    serializer: S,
    entries: &[(K, V)],
) -> Result<S::Ok, S::Error> {
    let mut map = serializer.serialize_map(Some(entries.len()))?;
    for (key, value) in entries {
        map.serialize_entry(key, value)?;
    }
    map.end()
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
  "comment": "GET /items: the function echoes the request's Origin in Access-Control-Allow-Origin when allowOrigins lists it, so each allowed origin gets its own response; any other origin (or none) gets no Access-Control-Allow-Origin, only Vary: Origin.",
  "responseByRequestOrigin": {
    "https://app.example.com": {
      "statusCode": 200,
      "headers": {
        "Content-Type": "application/json",
        "Access-Control-Allow-Origin": "https://app.example.com",
        "Access-Control-Allow-Credentials": "true",
        "Access-Control-Expose-Headers": "X-Request-Id,ETag",
        "Vary": "Origin"
      },
      "body": "{\"items\":[]}"
    },
    "http://localhost:3000": {
      "statusCode": 200,
      "headers": {
        "Content-Type": "application/json",
        "Access-Control-Allow-Origin": "http://localhost:3000",
        "Access-Control-Allow-Credentials": "true",
        "Access-Control-Expose-Headers": "X-Request-Id,ETag",
        "Vary": "Origin"
      },
      "body": "{\"items\":[]}"
    }
  },
  "responseToAnyOtherOrigin": {
    "statusCode": 200,
    "headers": {
      "Content-Type": "application/json",
      "Vary": "Origin"
    },
    "body": "{\"items\":[]}"
  }
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
