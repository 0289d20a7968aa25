//! Target `lambda-node`: a Node.js Lambda handler (CommonJS, no dependencies) for `GET /items`.
//!
//! REST: the function returns the CORS headers itself (a proxy integration passes its response
//! through) and answers the OPTIONS preflight, echoing an allowed origin. HTTP: API Gateway adds
//! the CORS headers and ignores the function's, so the handler returns none.

use crate::emit::lambda_cors::{
    comment_lines, http_intro, ConstantSyntax, HandlerCors, CONTENT_TYPE, HTTP_PREFLIGHT_NOTE,
    ITEMS_BODY, ITEMS_STATUS, JSON_MEDIA_TYPE, PREFLIGHT_METHOD, PREFLIGHT_STATUS, REST_INTRO,
};
use crate::escape::ts_string;
use crate::model::{AllowedOrigins, ApiType, PayloadFormat, ValidCorsConfig};
use std::fmt::Write;

/// Renders this target: the handler with a line saying how to deploy it.
pub(crate) fn render(config: &ValidCorsConfig) -> String {
    format!(
        "// index.js for the nodejs24.x runtime, handler index.handler.\n{}",
        handler_source(config)
    )
}

/// The handler as a CommonJS module (`index.js`, handler `index.handler`), also embedded
/// inline in the complete CDK app.
pub(crate) fn handler_source(config: &ValidCorsConfig) -> String {
    match config.api_type {
        ApiType::Rest => rest_handler(config),
        ApiType::Http => http_handler(config.payload_format),
    }
}

fn rest_handler(config: &ValidCorsConfig) -> String {
    let cors = HandlerCors::new(config);
    let mut out = comment_lines("", "//", &REST_INTRO);
    if let AllowedOrigins::List(origins) = cors.origins {
        out.push_str(&SYNTAX.set("ALLOWED_ORIGINS", origins));
    }
    let has_origin_headers = !cors.allowed_origin_headers.is_empty();
    if has_origin_headers {
        out.push_str("\n// Sent with Access-Control-Allow-Origin to an allowed origin.\n");
        out.push_str(&SYNTAX.map("ALLOWED_ORIGIN_HEADERS", &cors.allowed_origin_headers));
    }
    out.push_str("\n// Added to the answer to a preflight from an allowed origin.\n");
    out.push_str(&SYNTAX.map("PREFLIGHT_HEADERS", &cors.preflight_headers));
    out.push('\n');
    let spread_origin_headers = if has_origin_headers {
        "    ...ALLOWED_ORIGIN_HEADERS,\n"
    } else {
        ""
    };
    let origin_argument = if cors.origins.is_any() {
        out.push_str(
            "// Every origin may read the responses (allowOrigins is *): the answer is always *, so\n\
             // no Vary: Origin is needed.\n\
             function corsHeaders(preflight) {\n  const headers = {\n    'Access-Control-Allow-Origin': '*',\n",
        );
        out.push_str(spread_origin_headers);
        out.push_str("  };\n");
        ""
    } else {
        out.push_str(
            "// REST APIs keep the client's header-name casing, so Origin is looked up case-insensitively.\n\
             function requestOrigin(headers) {\n  \
               const name = Object.keys(headers || {}).find((key) => key.toLowerCase() === 'origin');\n  \
               return name === undefined ? undefined : headers[name];\n\
             }\n\
             \n\
             // One origin per response, echoed only when allowed; Vary: Origin keeps caches from\n\
             // serving one origin's answer to another.\n\
             function corsHeaders(origin, preflight) {\n  \
               if (!ALLOWED_ORIGINS.has(origin)) {\n    \
                 return { Vary: 'Origin' };\n  \
               }\n  \
               const headers = {\n    'Access-Control-Allow-Origin': origin,\n",
        );
        out.push_str(spread_origin_headers);
        out.push_str("    Vary: 'Origin',\n  };\n");
        "requestOrigin(event.headers), "
    };
    out.push_str("  return preflight ? { ...headers, ...PREFLIGHT_HEADERS } : headers;\n}\n\n");
    let _ = write!(
        out,
        "exports.handler = async (event) => {{\n  \
           const preflight = event.httpMethod === {method};\n  \
           const cors = corsHeaders({origin_argument}preflight);\n  \
           if (preflight) {{\n    \
             return {{ statusCode: {PREFLIGHT_STATUS}, headers: cors, body: '' }};\n  \
           }}\n  \
           return {{\n    \
             statusCode: {ITEMS_STATUS},\n    \
             headers: {{ {content_type}: {media_type}, ...cors }},\n    \
             // A proxy response's body must be a string: anything else makes API Gateway answer 502.\n    \
             body: {body},\n  \
           }};\n\
         }};\n",
        method = ts_string(PREFLIGHT_METHOD),
        content_type = ts_string(CONTENT_TYPE),
        media_type = ts_string(JSON_MEDIA_TYPE),
        body = ts_string(ITEMS_BODY),
    );
    out
}

fn http_handler(payload_format: PayloadFormat) -> String {
    let method = match payload_format {
        PayloadFormat::V2 => "event.requestContext.http.method",
        PayloadFormat::V1 => "event.httpMethod",
    };
    format!(
        "{intro}\
         exports.handler = async (event) => {{\n\
         {note}  \
           if ({method} === {options}) {{\n    \
             return {{ statusCode: {PREFLIGHT_STATUS}, body: '' }};\n  \
           }}\n  \
           return {{\n    \
             statusCode: {ITEMS_STATUS},\n    \
             headers: {{ {content_type}: {media_type} }},\n    \
             body: {body},\n  \
           }};\n\
         }};\n",
        intro = http_intro("//", payload_format),
        note = comment_lines("  ", "//", &HTTP_PREFLIGHT_NOTE),
        options = ts_string(PREFLIGHT_METHOD),
        content_type = ts_string(CONTENT_TYPE),
        media_type = ts_string(JSON_MEDIA_TYPE),
        body = ts_string(ITEMS_BODY),
    )
}

/// How JavaScript writes the handler's constants.
const SYNTAX: ConstantSyntax = ConstantSyntax {
    string: ts_string,
    declare: "const ",
    set: ("new Set([", "])"),
    end: ";",
    indent: "  ",
};

#[cfg(test)]
mod tests {
    use super::*;

    use crate::targets::valid_from_json as valid;

    #[test]
    fn rest_with_several_origins_credentials_expose_and_max_age() {
        let config = valid(
            r#"{"apiType": "rest", "allowOrigins": ["https://app.example.com", "http://localhost:3000"],
                "allowMethods": ["GET", "POST"], "allowHeaders": ["Content-Type", "Authorization"],
                "exposeHeaders": ["X-Request-Id"], "maxAge": 600, "allowCredentials": true}"#,
        );
        assert_eq!(
            handler_source(&config),
            r#"// GET /items behind an API Gateway REST API (Lambda proxy integration). API Gateway passes
// this response through unchanged, so the function returns the CORS headers itself. It also
// answers the preflights that reach it: those of an OPTIONS method that points here, or of an
// ANY method on a resource without an OPTIONS method (API Gateway's own OPTIONS mock, when
// there is one, answers them instead).
const ALLOWED_ORIGINS = new Set([
  'https://app.example.com',
  'http://localhost:3000',
]);

// Sent with Access-Control-Allow-Origin to an allowed origin.
const ALLOWED_ORIGIN_HEADERS = {
  'Access-Control-Allow-Credentials': 'true',
  'Access-Control-Expose-Headers': 'X-Request-Id',
};

// Added to the answer to a preflight from an allowed origin.
const PREFLIGHT_HEADERS = {
  'Access-Control-Allow-Methods': 'GET,POST',
  'Access-Control-Allow-Headers': 'Content-Type,Authorization',
  'Access-Control-Max-Age': '600',
};

// REST APIs keep the client's header-name casing, so Origin is looked up case-insensitively.
function requestOrigin(headers) {
  const name = Object.keys(headers || {}).find((key) => key.toLowerCase() === 'origin');
  return name === undefined ? undefined : headers[name];
}

// One origin per response, echoed only when allowed; Vary: Origin keeps caches from
// serving one origin's answer to another.
function corsHeaders(origin, preflight) {
  if (!ALLOWED_ORIGINS.has(origin)) {
    return { Vary: 'Origin' };
  }
  const headers = {
    'Access-Control-Allow-Origin': origin,
    ...ALLOWED_ORIGIN_HEADERS,
    Vary: 'Origin',
  };
  return preflight ? { ...headers, ...PREFLIGHT_HEADERS } : headers;
}

exports.handler = async (event) => {
  const preflight = event.httpMethod === 'OPTIONS';
  const cors = corsHeaders(requestOrigin(event.headers), preflight);
  if (preflight) {
    return { statusCode: 204, headers: cors, body: '' };
  }
  return {
    statusCode: 200,
    headers: { 'Content-Type': 'application/json', ...cors },
    // A proxy response's body must be a string: anything else makes API Gateway answer 502.
    body: '{"items":[]}',
  };
};
"#
        );
    }

    #[test]
    fn rest_with_any_origin_answers_star() {
        let config = valid(r#"{"apiType": "rest", "allowOrigins": ["*"], "allowMethods": ["*"]}"#);
        assert_eq!(
            handler_source(&config),
            r#"// GET /items behind an API Gateway REST API (Lambda proxy integration). API Gateway passes
// this response through unchanged, so the function returns the CORS headers itself. It also
// answers the preflights that reach it: those of an OPTIONS method that points here, or of an
// ANY method on a resource without an OPTIONS method (API Gateway's own OPTIONS mock, when
// there is one, answers them instead).

// Added to the answer to a preflight from an allowed origin.
const PREFLIGHT_HEADERS = {
  'Access-Control-Allow-Methods': '*',
};

// Every origin may read the responses (allowOrigins is *): the answer is always *, so
// no Vary: Origin is needed.
function corsHeaders(preflight) {
  const headers = {
    'Access-Control-Allow-Origin': '*',
  };
  return preflight ? { ...headers, ...PREFLIGHT_HEADERS } : headers;
}

exports.handler = async (event) => {
  const preflight = event.httpMethod === 'OPTIONS';
  const cors = corsHeaders(preflight);
  if (preflight) {
    return { statusCode: 204, headers: cors, body: '' };
  }
  return {
    statusCode: 200,
    headers: { 'Content-Type': 'application/json', ...cors },
    // A proxy response's body must be a string: anything else makes API Gateway answer 502.
    body: '{"items":[]}',
  };
};
"#
        );
    }

    #[test]
    fn rest_with_one_origin_keeps_the_set_on_one_line() {
        let config = valid(
            r#"{"apiType": "rest", "allowOrigins": ["https://app.example.com"], "allowMethods": ["GET"]}"#,
        );
        let source = handler_source(&config);
        assert!(
            source.contains("\nconst ALLOWED_ORIGINS = new Set(['https://app.example.com']);\n")
        );
        assert!(!source.contains("ALLOWED_ORIGIN_HEADERS"));
        assert!(source.contains(
            "  const headers = {\n    'Access-Control-Allow-Origin': origin,\n    Vary: 'Origin',\n  };\n"
        ));
    }

    #[test]
    fn http_handlers_return_no_cors_headers() {
        let v2 = valid(
            r#"{"apiType": "http", "allowOrigins": ["https://*"], "allowMethods": ["GET"], "allowCredentials": true}"#,
        );
        assert_eq!(
            handler_source(&v2),
            r#"// GET /items behind an API Gateway HTTP API (payload format 2.0). The API's CORS
// configuration makes API Gateway answer preflights and add the CORS headers; it ignores CORS
// headers returned by the function, so this handler returns none.
exports.handler = async (event) => {
  // A preflight reaches the function only through a route that matches OPTIONS and points
  // here: an OPTIONS route, an ANY route or the $default route (with none of them, API
  // Gateway answers it itself). API Gateway adds the CORS headers to this answer, and an
  // authorizer on the route runs first (a preflight carries no token, so it fails).
  if (event.requestContext.http.method === 'OPTIONS') {
    return { statusCode: 204, body: '' };
  }
  return {
    statusCode: 200,
    headers: { 'Content-Type': 'application/json' },
    body: '{"items":[]}',
  };
};
"#
        );
        let v1 = valid(
            r#"{"apiType": "http", "allowOrigins": ["https://app.example.com"], "allowMethods": ["GET"],
                "payloadFormatVersion": "1.0"}"#,
        );
        let source = handler_source(&v1);
        assert!(source
            .starts_with("// GET /items behind an API Gateway HTTP API (payload format 1.0)."));
        assert!(source.contains("  if (event.httpMethod === 'OPTIONS') {\n"));
    }

    #[test]
    fn render_adds_the_deployment_line() {
        let config =
            valid(r#"{"apiType": "http", "allowOrigins": ["*"], "allowMethods": ["GET"]}"#);
        assert_eq!(
            render(&config),
            format!(
                "// index.js for the nodejs24.x runtime, handler index.handler.\n{}",
                handler_source(&config)
            )
        );
    }
}
