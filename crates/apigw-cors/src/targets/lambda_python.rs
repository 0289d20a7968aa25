//! Target `lambda-python`: a Python Lambda handler (standard library only) for `GET /items`,
//! the same logic as `lambda-node`.

use crate::emit::lambda_cors::{
    comment_lines, http_intro, ConstantSyntax, HandlerCors, CONTENT_TYPE, HTTP_PREFLIGHT_NOTE,
    ITEMS_BODY, ITEMS_STATUS, JSON_MEDIA_TYPE, PREFLIGHT_METHOD, PREFLIGHT_STATUS, REST_INTRO,
};
use crate::escape::python_string;
use crate::model::{AllowedOrigins, ApiType, PayloadFormat, ValidCorsConfig};
use std::fmt::Write;

/// Renders this target: the handler with a line saying how to deploy it.
pub(crate) fn render(config: &ValidCorsConfig) -> String {
    format!(
        "# index.py for the python3.13 runtime, handler index.handler.\n{}",
        handler_source(config)
    )
}

/// The handler module (`index.py`, handler `index.handler`), also embedded inline in the
/// complete SAM template.
pub(crate) fn handler_source(config: &ValidCorsConfig) -> String {
    match config.api_type {
        ApiType::Rest => rest_handler(config),
        ApiType::Http => http_handler(config.payload_format),
    }
}

fn rest_handler(config: &ValidCorsConfig) -> String {
    let cors = HandlerCors::new(config);
    let mut out = comment_lines("", "#", &REST_INTRO);
    out.push('\n');
    if let AllowedOrigins::List(origins) = cors.origins {
        out.push_str(&SYNTAX.set("ALLOWED_ORIGINS", origins));
    }
    let has_origin_headers = !cors.allowed_origin_headers.is_empty();
    if has_origin_headers {
        out.push_str("\n# Sent with Access-Control-Allow-Origin to an allowed origin.\n");
        out.push_str(&SYNTAX.map("ALLOWED_ORIGIN_HEADERS", &cors.allowed_origin_headers));
    }
    out.push_str("\n# Added to the answer to a preflight from an allowed origin.\n");
    out.push_str(&SYNTAX.map("PREFLIGHT_HEADERS", &cors.preflight_headers));
    out.push_str("\n\n");
    let unpack_origin_headers = if has_origin_headers {
        "        **ALLOWED_ORIGIN_HEADERS,\n"
    } else {
        ""
    };
    let origin_argument = if cors.origins.is_any() {
        out.push_str(
            "def cors_headers(preflight):\n    \
               # Every origin may read the responses (allowOrigins is *): the answer is always *, so\n    \
               # no Vary: Origin is needed.\n    \
               headers = {\n        \"Access-Control-Allow-Origin\": \"*\",\n",
        );
        out.push_str(unpack_origin_headers);
        out.push_str("    }\n");
        ""
    } else {
        out.push_str(
            "def request_origin(headers):\n    \
               # REST APIs keep the client's header-name casing, so Origin is looked up case-insensitively.\n    \
               for name, value in (headers or {}).items():\n        \
                 if name.lower() == \"origin\":\n            \
                   return value\n    \
               return None\n\
             \n\
             \n\
             def cors_headers(origin, preflight):\n    \
               # One origin per response, echoed only when allowed; Vary: Origin keeps caches from\n    \
               # serving one origin's answer to another.\n    \
               if origin not in ALLOWED_ORIGINS:\n        \
                 return {\"Vary\": \"Origin\"}\n    \
               headers = {\n        \"Access-Control-Allow-Origin\": origin,\n",
        );
        out.push_str(unpack_origin_headers);
        out.push_str("        \"Vary\": \"Origin\",\n    }\n");
        "request_origin(event.get(\"headers\")), "
    };
    out.push_str(
        "    if preflight:\n        headers.update(PREFLIGHT_HEADERS)\n    return headers\n\n\n",
    );
    let _ = write!(
        out,
        "def handler(event, context):\n    \
           preflight = event.get(\"httpMethod\") == {method}\n    \
           cors = cors_headers({origin_argument}preflight)\n    \
           if preflight:\n        \
             return {{\"statusCode\": {PREFLIGHT_STATUS}, \"headers\": cors, \"body\": \"\"}}\n    \
           return {{\n        \
             \"statusCode\": {ITEMS_STATUS},\n        \
             \"headers\": {{{content_type}: {media_type}, **cors}},\n        \
             # A proxy response's body must be a string: anything else makes API Gateway answer 502.\n        \
             \"body\": {body},\n    \
           }}\n",
        method = python_string(PREFLIGHT_METHOD),
        content_type = python_string(CONTENT_TYPE),
        media_type = python_string(JSON_MEDIA_TYPE),
        body = python_string(ITEMS_BODY),
    );
    out
}

fn http_handler(payload_format: PayloadFormat) -> String {
    let method = match payload_format {
        PayloadFormat::V2 => "event[\"requestContext\"][\"http\"][\"method\"]",
        PayloadFormat::V1 => "event[\"httpMethod\"]",
    };
    format!(
        "{intro}\
         \n\
         \n\
         def handler(event, context):\n\
         {note}    \
           if {method} == {options}:\n        \
             return {{\"statusCode\": {PREFLIGHT_STATUS}, \"body\": \"\"}}\n    \
           return {{\n        \
             \"statusCode\": {ITEMS_STATUS},\n        \
             \"headers\": {{{content_type}: {media_type}}},\n        \
             \"body\": {body},\n    \
           }}\n",
        intro = http_intro("#", payload_format),
        note = comment_lines("    ", "#", &HTTP_PREFLIGHT_NOTE),
        options = python_string(PREFLIGHT_METHOD),
        content_type = python_string(CONTENT_TYPE),
        media_type = python_string(JSON_MEDIA_TYPE),
        body = python_string(ITEMS_BODY),
    )
}

/// How Python writes the handler's constants.
const SYNTAX: ConstantSyntax = ConstantSyntax {
    string: python_string,
    declare: "",
    set: ("{", "}"),
    end: "",
    indent: "    ",
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
            r#"# GET /items behind an API Gateway REST API (Lambda proxy integration). API Gateway passes
# this response through unchanged, so the function returns the CORS headers itself. It also
# answers the preflights that reach it: those of an OPTIONS method that points here, or of an
# ANY method on a resource without an OPTIONS method (API Gateway's own OPTIONS mock, when
# there is one, answers them instead).

ALLOWED_ORIGINS = {
    "https://app.example.com",
    "http://localhost:3000",
}

# Sent with Access-Control-Allow-Origin to an allowed origin.
ALLOWED_ORIGIN_HEADERS = {
    "Access-Control-Allow-Credentials": "true",
    "Access-Control-Expose-Headers": "X-Request-Id",
}

# Added to the answer to a preflight from an allowed origin.
PREFLIGHT_HEADERS = {
    "Access-Control-Allow-Methods": "GET,POST",
    "Access-Control-Allow-Headers": "Content-Type,Authorization",
    "Access-Control-Max-Age": "600",
}


def request_origin(headers):
    # REST APIs keep the client's header-name casing, so Origin is looked up case-insensitively.
    for name, value in (headers or {}).items():
        if name.lower() == "origin":
            return value
    return None


def cors_headers(origin, preflight):
    # One origin per response, echoed only when allowed; Vary: Origin keeps caches from
    # serving one origin's answer to another.
    if origin not in ALLOWED_ORIGINS:
        return {"Vary": "Origin"}
    headers = {
        "Access-Control-Allow-Origin": origin,
        **ALLOWED_ORIGIN_HEADERS,
        "Vary": "Origin",
    }
    if preflight:
        headers.update(PREFLIGHT_HEADERS)
    return headers


def handler(event, context):
    preflight = event.get("httpMethod") == "OPTIONS"
    cors = cors_headers(request_origin(event.get("headers")), preflight)
    if preflight:
        return {"statusCode": 204, "headers": cors, "body": ""}
    return {
        "statusCode": 200,
        "headers": {"Content-Type": "application/json", **cors},
        # A proxy response's body must be a string: anything else makes API Gateway answer 502.
        "body": "{\"items\":[]}",
    }
"#
        );
    }

    #[test]
    fn rest_with_any_origin_answers_star() {
        let config = valid(
            r#"{"apiType": "rest", "allowOrigins": ["*"], "allowMethods": ["GET"],
                "exposeHeaders": ["ETag"], "maxAge": 0}"#,
        );
        assert_eq!(
            handler_source(&config),
            r#"# GET /items behind an API Gateway REST API (Lambda proxy integration). API Gateway passes
# this response through unchanged, so the function returns the CORS headers itself. It also
# answers the preflights that reach it: those of an OPTIONS method that points here, or of an
# ANY method on a resource without an OPTIONS method (API Gateway's own OPTIONS mock, when
# there is one, answers them instead).


# Sent with Access-Control-Allow-Origin to an allowed origin.
ALLOWED_ORIGIN_HEADERS = {
    "Access-Control-Expose-Headers": "ETag",
}

# Added to the answer to a preflight from an allowed origin.
PREFLIGHT_HEADERS = {
    "Access-Control-Allow-Methods": "GET",
    "Access-Control-Max-Age": "0",
}


def cors_headers(preflight):
    # Every origin may read the responses (allowOrigins is *): the answer is always *, so
    # no Vary: Origin is needed.
    headers = {
        "Access-Control-Allow-Origin": "*",
        **ALLOWED_ORIGIN_HEADERS,
    }
    if preflight:
        headers.update(PREFLIGHT_HEADERS)
    return headers


def handler(event, context):
    preflight = event.get("httpMethod") == "OPTIONS"
    cors = cors_headers(preflight)
    if preflight:
        return {"statusCode": 204, "headers": cors, "body": ""}
    return {
        "statusCode": 200,
        "headers": {"Content-Type": "application/json", **cors},
        # A proxy response's body must be a string: anything else makes API Gateway answer 502.
        "body": "{\"items\":[]}",
    }
"#
        );
    }

    #[test]
    fn http_handlers_return_no_cors_headers() {
        let v2 = valid(
            r#"{"apiType": "http", "allowOrigins": ["https://app.example.com"], "allowMethods": ["GET"],
                "allowCredentials": true, "exposeHeaders": ["ETag"]}"#,
        );
        assert_eq!(
            handler_source(&v2),
            r#"# GET /items behind an API Gateway HTTP API (payload format 2.0). The API's CORS
# configuration makes API Gateway answer preflights and add the CORS headers; it ignores CORS
# headers returned by the function, so this handler returns none.


def handler(event, context):
    # A preflight reaches the function only through a route that matches OPTIONS and points
    # here: an OPTIONS route, an ANY route or the $default route (with none of them, API
    # Gateway answers it itself). API Gateway adds the CORS headers to this answer, and an
    # authorizer on the route runs first (a preflight carries no token, so it fails).
    if event["requestContext"]["http"]["method"] == "OPTIONS":
        return {"statusCode": 204, "body": ""}
    return {
        "statusCode": 200,
        "headers": {"Content-Type": "application/json"},
        "body": "{\"items\":[]}",
    }
"#
        );
        let v1 = valid(
            r#"{"apiType": "http", "allowOrigins": ["https://app.example.com"], "allowMethods": ["GET"],
                "payloadFormatVersion": "1.0"}"#,
        );
        let source = handler_source(&v1);
        assert!(
            source.starts_with("# GET /items behind an API Gateway HTTP API (payload format 1.0).")
        );
        assert!(source.contains("    if event[\"httpMethod\"] == \"OPTIONS\":\n"));
    }

    #[test]
    fn render_adds_the_deployment_line() {
        let config =
            valid(r#"{"apiType": "rest", "allowOrigins": ["*"], "allowMethods": ["GET"]}"#);
        assert_eq!(
            render(&config),
            format!(
                "# index.py for the python3.13 runtime, handler index.handler.\n{}",
                handler_source(&config)
            )
        );
    }
}
