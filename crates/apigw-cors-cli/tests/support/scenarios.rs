//! Scripted API Gateway behaviours, each answered at `/s/<id>/items`, and the requests a page
//! makes to them. For every (scenario, request) the cause the probe must name is written out
//! by hand below (`None`: the browser allows it); whether the browser allows it is Chromium's
//! to say in the differential (`probe-diff/`), and these tests hold the probe to both.

#![allow(dead_code)]

use super::stub::{Reply, Seen};

/// A request a page makes: `fetch(url, {method, headers, credentials})`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageRequest {
    pub id: &'static str,
    pub method: &'static str,
    pub headers: &'static [(&'static str, &'static str)],
    pub credentials: bool,
}

/// The requests every scenario is called with, in the order of [`Scenario::expect`].
pub const REQUESTS: [PageRequest; 6] = [
    PageRequest {
        id: "get",
        method: "GET",
        headers: &[],
        credentials: false,
    },
    PageRequest {
        id: "post-json",
        method: "POST",
        headers: &[("Content-Type", "application/json")],
        credentials: false,
    },
    PageRequest {
        id: "put-auth",
        method: "PUT",
        headers: &[("Authorization", "Bearer allow")],
        credentials: false,
    },
    PageRequest {
        id: "get-credentials",
        method: "GET",
        headers: &[],
        credentials: true,
    },
    PageRequest {
        id: "delete-key-credentials",
        method: "DELETE",
        headers: &[("X-Api-Key", "k123")],
        credentials: true,
    },
    PageRequest {
        id: "patch-lower-case",
        method: "patch",
        headers: &[],
        credentials: false,
    },
];

/// One behaviour of a deployed API.
pub struct Scenario {
    pub id: &'static str,
    /// What it plays, in API Gateway's terms.
    pub plays: &'static str,
    /// The reply to each request (the path tells `/items` from a redirect's `/final`).
    pub reply: fn(&Seen) -> Reply,
    /// The cause the probe must name for each of [`REQUESTS`]; `None` when the browser allows
    /// the request and nothing is worth saying.
    pub expect: [Option<&'static str>; 6],
}

/// Causes that do not block the request.
pub const NON_BLOCKING: [&str; 1] = ["max-age-above-browser-cap"];

/// Whether `cause` (expected for a case) means the browser allows the request.
pub fn allowed(cause: Option<&str>) -> bool {
    cause.is_none_or(|c| NON_BLOCKING.contains(&c))
}

const ALL_METHODS: &str = "GET,POST,PUT,DELETE,PATCH,OPTIONS";
const HEADERS: &str = "Content-Type,Authorization,X-Api-Key";
const REQUEST_ID: (&str, &str) = ("x-amzn-RequestId", "8f6e0c2a-1b3d-4e5f-9a7b-0c1d2e3f4a5b");
const EXTENDED_ID: (&str, &str) = ("x-amz-apigw-id", "Rk3x9HwFoAMFQ2w=");
const HTTP_API_ID: (&str, &str) = ("apigw-requestid", "Rk3x9jWDoAMEbXw=");
/// The fixed origin a REST MOCK answers when several were configured (the first one).
pub const FIRST_ORIGIN: &str = "https://first.example.com";

fn origin(seen: &Seen) -> String {
    seen.header("Origin").unwrap_or_default().to_owned()
}

/// A REST MOCK preflight that allows everything the requests need, echoing the origin.
fn mock_preflight(seen: &Seen) -> Reply {
    Reply::new(200)
        .header(REQUEST_ID.0, REQUEST_ID.1)
        .header("Access-Control-Allow-Origin", &origin(seen))
        .header("Access-Control-Allow-Methods", ALL_METHODS)
        .header("Access-Control-Allow-Headers", HEADERS)
        .header("Access-Control-Allow-Credentials", "true")
        .header("Vary", "Origin")
        .header("Content-Type", "application/json")
        .body("{}")
}

/// The function's answer with the origin echoed.
fn function_ok(seen: &Seen) -> Reply {
    Reply::new(200)
        .header(REQUEST_ID.0, REQUEST_ID.1)
        .header(EXTENDED_ID.0, EXTENDED_ID.1)
        .header("Content-Type", "application/json")
        .header("Access-Control-Allow-Origin", &origin(seen))
        .header("Access-Control-Allow-Credentials", "true")
        .header("Vary", "Origin")
        .body(r#"{"items":[]}"#)
}

/// An error API Gateway generates itself (a gateway response), without CORS headers.
fn gateway_error(status: u16, error_type: &str, message: &str) -> Reply {
    Reply::new(status)
        .header("Content-Type", "application/json")
        .header(REQUEST_ID.0, REQUEST_ID.1)
        .header("x-amzn-ErrorType", error_type)
        .header(EXTENDED_ID.0, EXTENDED_ID.1)
        .body(&format!(r#"{{"message":"{message}"}}"#))
}

/// Preflights get `preflight`, everything else `actual`.
fn split(seen: &Seen, preflight: fn(&Seen) -> Reply, actual: fn(&Seen) -> Reply) -> Reply {
    if seen.is_preflight() {
        preflight(seen)
    } else {
        actual(seen)
    }
}

/// The scenarios, each answered at `/s/<id>/items`.
pub const SCENARIOS: &[Scenario] = &[
    Scenario {
        id: "mock-ok",
        plays: "REST: an OPTIONS MOCK echoing the origin, the function echoing it too",
        reply: |s| split(s, mock_preflight, function_ok),
        expect: [None, None, None, None, None, Some("method-not-upper-case")],
    },
    Scenario {
        id: "http-api-ok",
        plays: "HTTP API: its own CORS answer (204) and the origin added to the response",
        reply: |s| {
            let mut reply = split(s, mock_preflight, function_ok);
            if s.is_preflight() {
                reply.status = 204;
                reply.body.clear();
            }
            reply.header(HTTP_API_ID.0, HTTP_API_ID.1)
        },
        expect: [None, None, None, None, None, Some("method-not-upper-case")],
    },
    Scenario {
        id: "authorizer-401",
        plays: "REST: the authorizer on OPTIONS answers 401 UnauthorizedException",
        reply: |s| {
            split(
                s,
                |_| gateway_error(401, "UnauthorizedException", "Unauthorized"),
                function_ok,
            )
        },
        expect: [
            None,
            Some("authorizer-on-preflight"),
            Some("authorizer-on-preflight"),
            None,
            Some("authorizer-on-preflight"),
            Some("authorizer-on-preflight"),
        ],
    },
    Scenario {
        id: "authorizer-403-deny",
        plays: "REST: an authorizer or IAM on OPTIONS answers 403 AccessDeniedException",
        reply: |s| {
            split(
                s,
                |_| {
                    gateway_error(
                        403,
                        "AccessDeniedException",
                        "User is not authorized to access this resource",
                    )
                },
                function_ok,
            )
        },
        expect: [
            None,
            Some("authorizer-on-preflight"),
            Some("authorizer-on-preflight"),
            None,
            Some("authorizer-on-preflight"),
            Some("authorizer-on-preflight"),
        ],
    },
    Scenario {
        id: "api-key-on-options",
        plays: "REST: OPTIONS requires the API key, 403 ForbiddenException",
        reply: |s| {
            split(
                s,
                |_| gateway_error(403, "ForbiddenException", "Forbidden"),
                function_ok,
            )
        },
        expect: [
            None,
            Some("api-key-on-preflight"),
            Some("api-key-on-preflight"),
            None,
            Some("api-key-on-preflight"),
            Some("api-key-on-preflight"),
        ],
    },
    Scenario {
        id: "no-options-method",
        plays: "REST: the resource has no OPTIONS method, 403 MissingAuthenticationTokenException",
        reply: |s| {
            split(
                s,
                |_| {
                    gateway_error(
                        403,
                        "MissingAuthenticationTokenException",
                        "Missing Authentication Token",
                    )
                },
                function_ok,
            )
        },
        expect: [
            None,
            Some("no-preflight-route"),
            Some("no-preflight-route"),
            None,
            Some("no-preflight-route"),
            Some("no-preflight-route"),
        ],
    },
    Scenario {
        id: "wrong-stage",
        plays: "REST: a stage or path that does not exist, 403 MissingAuthenticationTokenException for everything",
        reply: |_| {
            gateway_error(
                403,
                "MissingAuthenticationTokenException",
                "Missing Authentication Token",
            )
        },
        expect: [
            Some("gateway-error-without-cors"),
            Some("no-preflight-route"),
            Some("no-preflight-route"),
            Some("gateway-error-without-cors"),
            Some("no-preflight-route"),
            Some("no-preflight-route"),
        ],
    },
    Scenario {
        id: "http-api-no-cors",
        plays: "HTTP API without a CORS configuration or OPTIONS route: 404 to the preflight",
        reply: |s| {
            if s.is_preflight() {
                Reply::new(404)
                    .header("Content-Type", "application/json")
                    .header(HTTP_API_ID.0, HTTP_API_ID.1)
                    .body(r#"{"message":"Not Found"}"#)
            } else {
                Reply::new(200)
                    .header("Content-Type", "application/json")
                    .header(HTTP_API_ID.0, HTTP_API_ID.1)
                    .body(r#"{"items":[]}"#)
            }
        },
        expect: [
            Some("origin-not-allowed"),
            Some("no-preflight-route"),
            Some("no-preflight-route"),
            Some("origin-not-allowed"),
            Some("no-preflight-route"),
            Some("no-preflight-route"),
        ],
    },
    Scenario {
        id: "gateway-401-without-cors",
        plays: "REST: the authorizer refuses the request with 401 and no gateway responses",
        reply: |s| {
            split(s, mock_preflight, |_| {
                gateway_error(401, "UnauthorizedException", "Unauthorized")
            })
        },
        expect: [
            Some("gateway-error-without-cors"),
            Some("gateway-error-without-cors"),
            Some("gateway-error-without-cors"),
            Some("gateway-error-without-cors"),
            Some("gateway-error-without-cors"),
            Some("method-not-upper-case"),
        ],
    },
    Scenario {
        id: "gateway-403-with-cors",
        plays: "REST: a 403 gateway response that carries CORS headers (DEFAULT_4XX set)",
        reply: |s| {
            split(s, mock_preflight, |s| {
                gateway_error(403, "ForbiddenException", "Forbidden")
                    .header("Access-Control-Allow-Origin", &origin(s))
                    .header("Access-Control-Allow-Credentials", "true")
            })
        },
        expect: [None, None, None, None, None, Some("method-not-upper-case")],
    },
    Scenario {
        id: "throttled-429",
        plays: "API Gateway throttles the request: 429 TooManyRequestsException without CORS",
        reply: |s| {
            split(s, mock_preflight, |_| {
                gateway_error(429, "TooManyRequestsException", "Too Many Requests")
            })
        },
        expect: [
            Some("gateway-error-without-cors"),
            Some("gateway-error-without-cors"),
            Some("gateway-error-without-cors"),
            Some("gateway-error-without-cors"),
            Some("gateway-error-without-cors"),
            Some("method-not-upper-case"),
        ],
    },
    Scenario {
        id: "integration-timeout-504",
        plays: "The integration timed out: 504 from API Gateway without CORS",
        reply: |s| {
            split(s, mock_preflight, |_| {
                gateway_error(504, "InternalServerErrorException", "Endpoint request timed out")
            })
        },
        expect: [
            Some("gateway-error-without-cors"),
            Some("gateway-error-without-cors"),
            Some("gateway-error-without-cors"),
            Some("gateway-error-without-cors"),
            Some("gateway-error-without-cors"),
            Some("method-not-upper-case"),
        ],
    },
    Scenario {
        id: "function-500-without-cors",
        plays: "REST proxy: the function fails with 500 and returns no CORS headers",
        reply: |s| {
            split(s, mock_preflight, |_| {
                Reply::new(500)
                    .header(REQUEST_ID.0, REQUEST_ID.1)
                    .header("Content-Type", "application/json")
                    .body(r#"{"error":"boom"}"#)
            })
        },
        expect: [
            Some("function-without-cors"),
            Some("function-without-cors"),
            Some("function-without-cors"),
            Some("function-without-cors"),
            Some("function-without-cors"),
            Some("method-not-upper-case"),
        ],
    },
    Scenario {
        id: "function-200-without-cors",
        plays: "REST proxy: the function answers 200 without Access-Control-Allow-Origin",
        reply: |s| {
            split(s, mock_preflight, |_| {
                Reply::new(200)
                    .header(REQUEST_ID.0, REQUEST_ID.1)
                    .header("Content-Type", "application/json")
                    .body(r#"{"items":[]}"#)
            })
        },
        expect: [
            Some("function-without-cors"),
            Some("function-without-cors"),
            Some("function-without-cors"),
            Some("function-without-cors"),
            Some("function-without-cors"),
            Some("method-not-upper-case"),
        ],
    },
    Scenario {
        id: "duplicate-allow-origin",
        plays: "API Gateway and the function both add Access-Control-Allow-Origin",
        reply: |s| {
            split(s, mock_preflight, |s| {
                function_ok(s).header("Access-Control-Allow-Origin", &origin(s))
            })
        },
        expect: [
            Some("duplicate-allow-origin"),
            Some("duplicate-allow-origin"),
            Some("duplicate-allow-origin"),
            Some("duplicate-allow-origin"),
            Some("duplicate-allow-origin"),
            Some("method-not-upper-case"),
        ],
    },
    Scenario {
        id: "origin-list-in-one-header",
        plays: "SAM AllowOrigin written as a comma-separated list: one header, two origins",
        reply: |s| {
            let list = format!("{FIRST_ORIGIN},{}", origin(s));
            let mut reply = split(s, mock_preflight, function_ok);
            for (name, value) in &mut reply.headers {
                if name == "Access-Control-Allow-Origin" {
                    value.clone_from(&list);
                }
            }
            reply
        },
        expect: [
            Some("origin-list-in-one-header"),
            Some("origin-list-in-one-header"),
            Some("origin-list-in-one-header"),
            Some("origin-list-in-one-header"),
            Some("origin-list-in-one-header"),
            Some("origin-list-in-one-header"),
        ],
    },
    Scenario {
        id: "wildcard-with-credentials",
        plays: "Access-Control-Allow-Origin '*' with Allow-Credentials true",
        reply: |s| {
            let mut reply = split(s, mock_preflight, function_ok);
            for (name, value) in &mut reply.headers {
                if name == "Access-Control-Allow-Origin" {
                    *value = "*".into();
                }
            }
            reply
        },
        expect: [
            None,
            None,
            None,
            Some("wildcard-with-credentials"),
            Some("wildcard-with-credentials"),
            Some("method-not-upper-case"),
        ],
    },
    Scenario {
        id: "echo-any-origin",
        plays: "Every origin echoed (a function that copies Origin without checking it)",
        reply: |s| split(s, mock_preflight, function_ok),
        expect: [None, None, None, None, None, Some("method-not-upper-case")],
    },
    Scenario {
        id: "first-origin-only",
        plays: "REST MOCK with several origins configured: the first one, static",
        reply: |s| {
            let mut reply = split(s, mock_preflight, function_ok);
            for (name, value) in &mut reply.headers {
                if name == "Access-Control-Allow-Origin" {
                    *value = FIRST_ORIGIN.into();
                }
            }
            reply
        },
        expect: [
            Some("single-static-origin"),
            Some("single-static-origin"),
            Some("single-static-origin"),
            Some("single-static-origin"),
            Some("single-static-origin"),
            Some("single-static-origin"),
        ],
    },
    Scenario {
        id: "no-allow-credentials",
        plays: "The origin echoed, Access-Control-Allow-Credentials missing",
        reply: |s| {
            let mut reply = split(s, mock_preflight, function_ok);
            reply
                .headers
                .retain(|(n, _)| n != "Access-Control-Allow-Credentials");
            reply
        },
        expect: [
            None,
            None,
            None,
            Some("credentials-not-allowed"),
            Some("credentials-not-allowed"),
            Some("method-not-upper-case"),
        ],
    },
    Scenario {
        id: "methods-missing",
        plays: "The preflight allows GET and POST only",
        reply: |s| {
            let mut reply = split(s, mock_preflight, function_ok);
            for (name, value) in &mut reply.headers {
                if name == "Access-Control-Allow-Methods" {
                    *value = "GET,POST".into();
                }
            }
            reply
        },
        expect: [
            None,
            None,
            Some("method-not-allowed"),
            None,
            Some("method-not-allowed"),
            Some("method-not-upper-case"),
        ],
    },
    Scenario {
        id: "headers-missing",
        plays: "The preflight allows the header X-Other only",
        reply: |s| {
            let mut reply = split(s, mock_preflight, function_ok);
            for (name, value) in &mut reply.headers {
                if name == "Access-Control-Allow-Headers" {
                    *value = "X-Other".into();
                }
            }
            reply
        },
        expect: [
            None,
            Some("header-not-allowed"),
            Some("header-not-allowed"),
            None,
            Some("header-not-allowed"),
            Some("method-not-upper-case"),
        ],
    },
    Scenario {
        id: "unparsable-methods",
        plays: "A hand-written mapping sends Access-Control-Allow-Methods separated by semicolons",
        reply: |s| {
            let mut reply = split(s, mock_preflight, function_ok);
            for (name, value) in &mut reply.headers {
                if name == "Access-Control-Allow-Methods" {
                    *value = "GET; PUT; DELETE; PATCH".into();
                }
            }
            reply
        },
        expect: [
            None,
            Some("invalid-allow-list"),
            Some("invalid-allow-list"),
            None,
            Some("invalid-allow-list"),
            Some("invalid-allow-list"),
        ],
    },
    Scenario {
        id: "max-age-above-cap",
        plays: "Access-Control-Max-Age 86400: Chromium keeps 7200",
        reply: |s| split(s, |s| mock_preflight(s).header("Access-Control-Max-Age", "86400"), function_ok),
        expect: [
            None,
            Some("max-age-above-browser-cap"),
            Some("max-age-above-browser-cap"),
            None,
            Some("max-age-above-browser-cap"),
            Some("method-not-upper-case"),
        ],
    },
    Scenario {
        id: "preflight-function-500",
        plays: "OPTIONS reaches the function (ANY method), which fails with 500",
        reply: |s| {
            split(
                s,
                |_| {
                    Reply::new(500)
                        .header(REQUEST_ID.0, REQUEST_ID.1)
                        .header("Content-Type", "application/json")
                        .body(r#"{"message":"Internal server error"}"#)
                },
                function_ok,
            )
        },
        expect: [
            None,
            Some("preflight-not-ok"),
            Some("preflight-not-ok"),
            None,
            Some("preflight-not-ok"),
            Some("preflight-not-ok"),
        ],
    },
    Scenario {
        id: "preflight-500-with-cors",
        plays: "OPTIONS answered 500 with CORS headers (the function adds them to its error)",
        reply: |s| {
            split(
                s,
                |s| {
                    let mut reply = mock_preflight(s);
                    reply.status = 500;
                    reply
                },
                function_ok,
            )
        },
        expect: [
            None,
            Some("preflight-not-ok"),
            Some("preflight-not-ok"),
            None,
            Some("preflight-not-ok"),
            Some("preflight-not-ok"),
        ],
    },
    Scenario {
        id: "http-api-origin-not-allowed",
        plays: "HTTP API whose CORS configuration does not list the origin: no CORS headers",
        reply: |s| {
            if s.is_preflight() {
                Reply::new(204).header(HTTP_API_ID.0, HTTP_API_ID.1)
            } else {
                Reply::new(200)
                    .header("Content-Type", "application/json")
                    .header(HTTP_API_ID.0, HTTP_API_ID.1)
                    .body(r#"{"items":[]}"#)
            }
        },
        expect: [
            Some("origin-not-allowed"),
            Some("origin-not-allowed"),
            Some("origin-not-allowed"),
            Some("origin-not-allowed"),
            Some("origin-not-allowed"),
            Some("origin-not-allowed"),
        ],
    },
    Scenario {
        id: "preflight-redirect",
        plays: "OPTIONS answered 301 (a custom domain or a trailing slash redirect)",
        reply: |s| {
            split(
                s,
                |s| {
                    Reply::new(301)
                        .header("Location", &format!("{}/", s.target.split('?').next().unwrap_or_default()))
                        .header("Access-Control-Allow-Origin", &origin(s))
                },
                function_ok,
            )
        },
        expect: [
            None,
            Some("preflight-redirect"),
            Some("preflight-redirect"),
            None,
            Some("preflight-redirect"),
            Some("preflight-redirect"),
        ],
    },
    Scenario {
        id: "redirect-followed",
        plays: "The request is redirected (302 with CORS headers) to /final, which answers",
        reply: |s| {
            if s.is_preflight() {
                return mock_preflight(s);
            }
            if s.target.contains("/final") {
                return function_ok(s);
            }
            let final_url = s.target.replace("/items", "/final");
            function_ok(s).header("Location", &final_url).with_status(302)
        },
        expect: [None, None, None, None, None, Some("method-not-upper-case")],
    },
    Scenario {
        id: "redirect-without-cors",
        plays: "The request is redirected by a 302 that carries no CORS headers",
        reply: |s| {
            if s.is_preflight() {
                return mock_preflight(s);
            }
            if s.target.contains("/final") {
                return function_ok(s);
            }
            let final_url = s.target.replace("/items", "/final");
            Reply::new(302).header("Location", &final_url)
        },
        expect: [
            Some("preflight-redirect"),
            Some("preflight-redirect"),
            Some("preflight-redirect"),
            Some("preflight-redirect"),
            Some("preflight-redirect"),
            Some("method-not-upper-case"),
        ],
    },
];

impl Reply {
    fn with_status(mut self, status: u16) -> Reply {
        self.status = status;
        self
    }
}

/// The scenario a request path names (`/s/<id>/...`).
pub fn scenario_for(target: &str) -> Option<&'static Scenario> {
    let id = target.strip_prefix("/s/")?.split('/').next()?;
    SCENARIOS.iter().find(|s| s.id == id)
}

/// The stub's reply to any request: the named scenario's, or 404.
pub fn reply(seen: &Seen) -> Reply {
    match scenario_for(&seen.target) {
        Some(scenario) => (scenario.reply)(seen),
        None => Reply::new(404).body("no such scenario"),
    }
}
