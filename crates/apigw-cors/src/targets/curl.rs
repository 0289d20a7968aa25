//! Target `curl`: a POSIX shell script that checks the deployed API's CORS answers: a preflight,
//! the actual request from an allowed origin, and (when some origin is not allowed) a request
//! from an origin that must not be echoed. Comments say which headers to expect.
//!
//! The test origin is the first allowed origin; for `*` and `https://*` it is
//! `https://example.com`, for `http://*` `http://localhost:3000`.

use super::lambda_cors::{
    disallowed_origin, sample_origin, HandlerCors, Header, ALLOW_CREDENTIALS, ALLOW_HEADERS,
    ALLOW_METHODS, ALLOW_ORIGIN, EXPOSE_HEADERS, MAX_AGE, ROUTE,
};
use crate::escape::shell_word;
use crate::headers::sorted_unique;
use crate::model::{AllowedMethods, ApiType, Method, ValidCorsConfig};
use std::fmt::Write;

/// Renders this target.
pub(crate) fn render(config: &ValidCorsConfig) -> String {
    let origin = sample_origin(config);
    let api = config.api_type.display_name();
    let mut out = format!(
        "#!/bin/sh\n\
         # Checks the CORS answers of the deployed {api} for GET {ROUTE}.\n\
         # Usage: API_URL=https://abc123.execute-api.us-east-1.amazonaws.com/prod sh check-cors.sh\n\
         set -eu\n\
         \n\
         API_URL=\"${{API_URL:?set API_URL to your stage URL}}\"\n\
         \n"
    );

    let method = preflight_method(&config.methods);
    let _ = writeln!(
        out,
        "echo {}",
        shell_word(&format!("== 1. Preflight for {method} from {origin}"))
    );
    let status = match config.api_type {
        ApiType::Rest => "200 (SAM's mock integration) or 204 (a CDK mock or the Lambda handler)",
        ApiType::Http => "204",
    };
    expect_headers(&mut out, status, &preflight_headers(config, origin));
    let _ = write!(
        out,
        "curl -si -X OPTIONS \"$API_URL{ROUTE}\" \\\n  -H {} \\\n  -H {}",
        shell_word(&format!("Origin: {origin}")),
        shell_word(&format!("Access-Control-Request-Method: {method}")),
    );
    if let Some(names) = request_header_names(&config.allow_headers) {
        let _ = write!(
            out,
            " \\\n  -H {}",
            shell_word(&format!("Access-Control-Request-Headers: {names}"))
        );
    }
    out.push_str("\n\necho\n");

    let _ = writeln!(
        out,
        "echo {}",
        shell_word(&format!("== 2. GET from {origin}"))
    );
    expect_headers(&mut out, "200", &actual_headers(config, origin));
    if let Some(header) = &config.authorizer_header {
        let _ = writeln!(
            out,
            "# The token authorizer reads {header}: without a valid token expect 401 instead;\n\
             # add -H {} to reach the function.",
            shell_word(&format!("{header}: <token>"))
        );
    }
    if config.api_key_required {
        out.push_str(
            "# The methods require an API key: without one expect 403 instead;\n\
             # add -H 'x-api-key: <key>' to reach the function.\n",
        );
    }
    let _ = writeln!(
        out,
        "curl -si \"$API_URL{ROUTE}\" -H {}",
        shell_word(&format!("Origin: {origin}"))
    );

    if let Some(other) = disallowed_origin(config) {
        out.push_str("\necho\n");
        let _ = writeln!(
            out,
            "echo {}",
            shell_word(&format!(
                "== 3. GET from {other}, an origin that is not allowed"
            ))
        );
        out.push_str(
            "# Expect no Access-Control-Allow-Origin header: the browser would block the response.\n",
        );
        let _ = writeln!(
            out,
            "curl -si \"$API_URL{ROUTE}\" -H {}",
            shell_word(&format!("Origin: {other}"))
        );
    }
    out
}

/// The method the preflight asks for: the first configured method a browser preflights (not
/// GET, HEAD or POST), else the first configured method other than OPTIONS, else GET.
fn preflight_method(methods: &AllowedMethods) -> &'static str {
    let AllowedMethods::List(list) = methods else {
        return "GET";
    };
    list.iter()
        .find(|m| !m.is_cors_safelisted() && **m != Method::Options)
        .or_else(|| list.iter().find(|m| **m != Method::Options))
        .map_or("GET", |m| m.as_str())
}

/// The configured request headers the way a browser lists them in
/// Access-Control-Request-Headers: lower case, sorted, comma-separated; `*` is not a name.
fn request_header_names(allow_headers: &[String]) -> Option<String> {
    let names = sorted_unique(
        allow_headers
            .iter()
            .filter(|h| *h != "*")
            .map(|h| h.to_ascii_lowercase())
            .collect(),
    );
    (!names.is_empty()).then(|| names.join(","))
}

/// The CORS headers an allowed preflight answer carries.
fn preflight_headers(config: &ValidCorsConfig, origin: &str) -> Vec<Header> {
    let mut headers = vec![(ALLOW_ORIGIN, allow_origin_value(config, origin))];
    if config.allow_credentials {
        headers.push((ALLOW_CREDENTIALS, "true".to_owned()));
    }
    headers.extend(
        HandlerCors::new(config)
            .preflight_headers
            .into_iter()
            .filter(|(name, _)| [ALLOW_METHODS, ALLOW_HEADERS, MAX_AGE].contains(name)),
    );
    headers
}

/// The CORS headers on the actual response: from the Lambda function on REST APIs, from API
/// Gateway on HTTP APIs (whether HTTP APIs add `Vary` is not documented, so it is not promised).
fn actual_headers(config: &ValidCorsConfig, origin: &str) -> Vec<Header> {
    match config.api_type {
        ApiType::Rest => HandlerCors::new(config).response_headers(Some(origin), false),
        ApiType::Http => {
            let mut headers = vec![(ALLOW_ORIGIN, allow_origin_value(config, origin))];
            if config.allow_credentials {
                headers.push((ALLOW_CREDENTIALS, "true".to_owned()));
            }
            if !config.expose_headers.is_empty() {
                headers.push((EXPOSE_HEADERS, config.expose_headers.join(",")));
            }
            headers
        }
    }
}

fn allow_origin_value(config: &ValidCorsConfig, origin: &str) -> String {
    if config.origins.is_any() {
        "*".to_owned()
    } else {
        origin.to_owned()
    }
}

fn expect_headers(out: &mut String, status: &str, headers: &[Header]) {
    let _ = writeln!(out, "# Expect status {status} and these headers:");
    for (name, value) in headers {
        let _ = writeln!(out, "#   {name}: {value}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::targets::valid_from_json as valid;

    #[test]
    fn rest_with_several_origins_and_credentials() {
        let config = valid(
            r#"{"apiType": "rest", "allowOrigins": ["https://app.example.com", "http://localhost:3000"],
                "allowMethods": ["GET", "POST", "DELETE"], "allowHeaders": ["Content-Type", "Authorization"],
                "exposeHeaders": ["X-Request-Id"], "maxAge": 600, "allowCredentials": true,
                "authorizerHeader": "Authorization"}"#,
        );
        assert_eq!(
            render(&config),
            r#"#!/bin/sh
# Checks the CORS answers of the deployed REST API for GET /items.
# Usage: API_URL=https://abc123.execute-api.us-east-1.amazonaws.com/prod sh check-cors.sh
set -eu

API_URL="${API_URL:?set API_URL to your stage URL}"

echo '== 1. Preflight for DELETE from https://app.example.com'
# Expect status 200 (SAM's mock integration) or 204 (a CDK mock or the Lambda handler) and these headers:
#   Access-Control-Allow-Origin: https://app.example.com
#   Access-Control-Allow-Credentials: true
#   Access-Control-Allow-Methods: GET,POST,DELETE
#   Access-Control-Allow-Headers: Content-Type,Authorization
#   Access-Control-Max-Age: 600
curl -si -X OPTIONS "$API_URL/items" \
  -H 'Origin: https://app.example.com' \
  -H 'Access-Control-Request-Method: DELETE' \
  -H 'Access-Control-Request-Headers: authorization,content-type'

echo
echo '== 2. GET from https://app.example.com'
# Expect status 200 and these headers:
#   Access-Control-Allow-Origin: https://app.example.com
#   Access-Control-Allow-Credentials: true
#   Access-Control-Expose-Headers: X-Request-Id
#   Vary: Origin
# The token authorizer reads Authorization: without a valid token expect 401 instead;
# add -H 'Authorization: <token>' to reach the function.
curl -si "$API_URL/items" -H 'Origin: https://app.example.com'

echo
echo '== 3. GET from https://not-allowed.example, an origin that is not allowed'
# Expect no Access-Control-Allow-Origin header: the browser would block the response.
curl -si "$API_URL/items" -H 'Origin: https://not-allowed.example'
"#
        );
    }

    #[test]
    fn http_with_any_origin_has_no_negative_check() {
        let config = valid(
            r#"{"apiType": "http", "allowOrigins": ["*"], "allowMethods": ["*"], "allowHeaders": ["*"]}"#,
        );
        assert_eq!(
            render(&config),
            r#"#!/bin/sh
# Checks the CORS answers of the deployed HTTP API for GET /items.
# Usage: API_URL=https://abc123.execute-api.us-east-1.amazonaws.com/prod sh check-cors.sh
set -eu

API_URL="${API_URL:?set API_URL to your stage URL}"

echo '== 1. Preflight for GET from https://example.com'
# Expect status 204 and these headers:
#   Access-Control-Allow-Origin: *
#   Access-Control-Allow-Methods: *
#   Access-Control-Allow-Headers: *
curl -si -X OPTIONS "$API_URL/items" \
  -H 'Origin: https://example.com' \
  -H 'Access-Control-Request-Method: GET'

echo
echo '== 2. GET from https://example.com'
# Expect status 200 and these headers:
#   Access-Control-Allow-Origin: *
curl -si "$API_URL/items" -H 'Origin: https://example.com'
"#
        );
    }

    #[test]
    fn http_pattern_uses_a_representative_origin_and_echoes_it() {
        let config = valid(
            r#"{"apiType": "http", "allowOrigins": ["https://*"], "allowMethods": ["GET", "OPTIONS"],
                "exposeHeaders": ["ETag"], "apiKeyRequired": false}"#,
        );
        let script = render(&config);
        assert!(script.contains(
            "  -H 'Origin: https://example.com' \\\n  -H 'Access-Control-Request-Method: GET'\n"
        ));
        assert!(script.contains(
            "# Expect status 200 and these headers:\n#   Access-Control-Allow-Origin: https://example.com\n#   Access-Control-Expose-Headers: ETag\ncurl"
        ));
        assert!(script.contains(
            "echo '== 3. GET from http://not-allowed.example, an origin that is not allowed'\n"
        ));
    }

    #[test]
    fn preflight_method_prefers_a_method_browsers_preflight() {
        let table: [(&[Method], &str); 4] = [
            (&[Method::Get, Method::Patch], "PATCH"),
            (&[Method::Options, Method::Post], "POST"),
            (&[Method::Options], "GET"),
            (&[Method::Head, Method::Get], "HEAD"),
        ];
        for (methods, expected) in table {
            assert_eq!(
                preflight_method(&AllowedMethods::List(methods.to_vec())),
                expected
            );
        }
        assert_eq!(preflight_method(&AllowedMethods::Any), "GET");
    }

    #[test]
    fn request_header_names_are_listed_like_a_browser_does() {
        let names =
            |h: &[&str]| request_header_names(&h.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        assert_eq!(
            names(&["X-B", "Content-Type", "*"]),
            Some("content-type,x-b".to_owned())
        );
        assert_eq!(names(&["*"]), None);
        assert_eq!(names(&[]), None);
    }
}
