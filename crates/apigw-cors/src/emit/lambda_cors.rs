//! The CORS headers a REST API's Lambda function returns, computed once for the Node and Python
//! handlers, the sample proxy response and the curl checks, so they cannot disagree.
//!
//! Rules (reference §2.6, §4.3): one origin per `Access-Control-Allow-Origin`, echoed only when
//! allowed, `Vary: Origin` whenever the value is not `*`; credentials and exposed headers go with
//! every answer to an allowed origin; a preflight from an allowed origin also gets the methods,
//! headers and max-age. A disallowed origin gets no CORS header, only `Vary: Origin` (the answer
//! depends on the origin), and is still served: the browser, not the function, blocks the page.
//!
//! [`handler_answer`] is the handlers' whole answer (status, headers, body); the emitters write
//! code that returns exactly it, and the simulator reports it for the requests the function
//! answers, so the two cannot drift apart (`tests/handlers.rs` runs both and compares).

use crate::example::example_route;
use crate::model::{AllowedOrigins, PayloadFormat, ValidCorsConfig};

/// A response header: name and value.
pub(crate) type Header = (&'static str, String);

pub(crate) const ALLOW_ORIGIN: &str = "Access-Control-Allow-Origin";
pub(crate) const ALLOW_CREDENTIALS: &str = "Access-Control-Allow-Credentials";
pub(crate) const EXPOSE_HEADERS: &str = "Access-Control-Expose-Headers";
pub(crate) const ALLOW_METHODS: &str = "Access-Control-Allow-Methods";
pub(crate) const ALLOW_HEADERS: &str = "Access-Control-Allow-Headers";
pub(crate) const MAX_AGE: &str = "Access-Control-Max-Age";
pub(crate) const VARY: &str = "Vary";

/// The method the handlers take for a preflight: they cannot tell a preflight from an actual
/// OPTIONS request, so they answer every OPTIONS request as one.
pub(crate) const PREFLIGHT_METHOD: &str = "OPTIONS";
/// The status of the handlers' answer to a preflight (which has an empty body).
pub(crate) const PREFLIGHT_STATUS: u16 = 204;
/// The status of the handlers' answer to any other request.
pub(crate) const ITEMS_STATUS: u16 = 200;
/// The body of the handlers' answer to any other request, exactly as they return it.
pub(crate) const ITEMS_BODY: &str = r#"{"items":[]}"#;

/// The example route every output uses.
pub(crate) use crate::example::EXAMPLE_ROUTE as ROUTE;
/// How a handler's language writes a constant that holds a set or a map of strings, so both
/// handlers lay their constants out by the same code.
pub(crate) struct ConstantSyntax {
    /// Writes a string literal.
    pub string: fn(&str) -> String,
    /// Before the name: `const ` in JavaScript.
    pub declare: &'static str,
    /// Opens and closes a set literal after ` = `.
    pub set: (&'static str, &'static str),
    /// Ends a statement: `;` in JavaScript.
    pub end: &'static str,
    /// One level of indentation.
    pub indent: &'static str,
}

impl ConstantSyntax {
    /// `NAME = <set>`, on one line for one item, else one item per line.
    pub(crate) fn set(&self, name: &str, items: &[String]) -> String {
        let (open, close) = self.set;
        let head = format!("{}{name} = {open}", self.declare);
        match items {
            [one] => format!("{head}{}{close}{}\n", (self.string)(one), self.end),
            many => self.lines(head, many.iter().map(|item| (self.string)(item)), close),
        }
    }

    /// `NAME = {'Header': 'value', …}`, one entry per line.
    pub(crate) fn map(&self, name: &str, headers: &[Header]) -> String {
        let entries = headers
            .iter()
            .map(|(header, value)| format!("{}: {}", (self.string)(header), (self.string)(value)));
        self.lines(format!("{}{name} = {{", self.declare), entries, "}")
    }

    fn lines(&self, head: String, entries: impl Iterator<Item = String>, close: &str) -> String {
        let mut out = head;
        out.push('\n');
        for entry in entries {
            out.push_str(self.indent);
            out.push_str(&entry);
            out.push_str(",\n");
        }
        out.push_str(close);
        out.push_str(self.end);
        out.push('\n');
        out
    }
}

/// The media type of [`ITEMS_BODY`].
pub(crate) const JSON_MEDIA_TYPE: &str = "application/json";
/// The header that carries [`JSON_MEDIA_TYPE`], first in the answer to a non-preflight request.
pub(crate) const CONTENT_TYPE: &str = "Content-Type";

/// The REST handlers' opening comment, one line per entry (reference §2.6, §8 rule 3).
pub(crate) const REST_INTRO: [&str; 5] = [
    concat!(
        "GET ",
        example_route!(),
        " behind an API Gateway REST API (Lambda proxy integration). API Gateway passes"
    ),
    "this response through unchanged, so the function returns the CORS headers itself. It also",
    "answers the preflights that reach it: those of an OPTIONS method that points here, or of an",
    "ANY method on a resource without an OPTIONS method (API Gateway's own OPTIONS mock, when",
    "there is one, answers them instead).",
];

/// The HTTP handlers' comment on their OPTIONS branch (reference §1.3, §1.4).
pub(crate) const HTTP_PREFLIGHT_NOTE: [&str; 4] = [
    "A preflight reaches the function only through a route that matches OPTIONS and points",
    "here: an OPTIONS route, an ANY route or the $default route (with none of them, API",
    "Gateway answers it itself). API Gateway adds the CORS headers to this answer, and an",
    "authorizer on the route runs first (a preflight carries no token, so it fails).",
];

/// The HTTP handlers' opening comment for `payload_format`, as `marker` comment lines.
pub(crate) fn http_intro(marker: &str, payload_format: PayloadFormat) -> String {
    let first = format!(
        "GET {ROUTE} behind an API Gateway HTTP API (payload format {}). The API's CORS",
        payload_format.as_str()
    );
    comment_lines(
        "",
        marker,
        &[
            &first,
            "configuration makes API Gateway answer preflights and add the CORS headers; it ignores CORS",
            "headers returned by the function, so this handler returns none.",
        ],
    )
}

/// `lines` as comment lines, each behind `indent` and `marker` (`//`, `#`).
pub(crate) fn comment_lines(indent: &str, marker: &str, lines: &[&str]) -> String {
    lines
        .iter()
        .map(|line| format!("{indent}{marker} {line}\n"))
        .collect()
}

/// What a generated REST handler returns for one request: the proxy response's status code,
/// headers (in the order the handlers add them) and body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct HandlerAnswer {
    /// [`PREFLIGHT_STATUS`] or [`ITEMS_STATUS`].
    pub status: u16,
    /// Every header, CORS or not.
    pub headers: Vec<Header>,
    /// Empty for a preflight, else [`ITEMS_BODY`].
    pub body: &'static str,
}

/// The generated REST handlers' answer (`lambda-node`, `lambda-python`) to a `method` request
/// from `origin` (`None`: no Origin header). An OPTIONS request is answered as a preflight.
pub(crate) fn handler_answer(
    config: &ValidCorsConfig,
    method: &str,
    origin: Option<&str>,
) -> HandlerAnswer {
    HandlerCors::new(config).answer(method, origin)
}

/// The CORS part of a REST API handler, derived from the configuration.
pub(crate) struct HandlerCors<'a> {
    /// The allowed origins; `*` answers every request with `*`.
    pub origins: &'a AllowedOrigins,
    /// Sent together with `Access-Control-Allow-Origin` on every answer to an allowed origin.
    pub allowed_origin_headers: Vec<Header>,
    /// Added to the answer to a preflight from an allowed origin.
    pub preflight_headers: Vec<Header>,
}

impl<'a> HandlerCors<'a> {
    pub(crate) fn new(config: &'a ValidCorsConfig) -> Self {
        let mut allowed_origin_headers = Vec::new();
        if config.allow_credentials {
            allowed_origin_headers.push((ALLOW_CREDENTIALS, "true".to_owned()));
        }
        if !config.expose_headers.is_empty() {
            allowed_origin_headers.push((EXPOSE_HEADERS, config.expose_headers.join(",")));
        }
        let mut preflight_headers = vec![(ALLOW_METHODS, config.methods.names().join(","))];
        if !config.allow_headers.is_empty() {
            preflight_headers.push((ALLOW_HEADERS, config.allow_headers.join(",")));
        }
        if let Some(max_age) = config.max_age {
            preflight_headers.push((MAX_AGE, max_age.to_string()));
        }
        HandlerCors {
            origins: &config.origins,
            allowed_origin_headers,
            preflight_headers,
        }
    }

    /// The handler's whole answer to a `method` request from `origin`; see [`handler_answer`].
    pub(crate) fn answer(&self, method: &str, origin: Option<&str>) -> HandlerAnswer {
        if method == PREFLIGHT_METHOD {
            return HandlerAnswer {
                status: PREFLIGHT_STATUS,
                headers: self.response_headers(origin, true),
                body: "",
            };
        }
        let mut headers = vec![(CONTENT_TYPE, JSON_MEDIA_TYPE.to_owned())];
        headers.extend(self.response_headers(origin, false));
        HandlerAnswer {
            status: ITEMS_STATUS,
            headers,
            body: ITEMS_BODY,
        }
    }

    /// The CORS headers the handler returns for a request from `origin` (`None`: no Origin
    /// header), in the order the generated handlers add them.
    pub(crate) fn response_headers(&self, origin: Option<&str>, preflight: bool) -> Vec<Header> {
        let allow_origin = match (self.origins, origin) {
            (AllowedOrigins::Any, _) => "*",
            (AllowedOrigins::List(list), Some(origin)) if list.iter().any(|o| o == origin) => {
                origin
            }
            (AllowedOrigins::List(_), _) => return vec![(VARY, "Origin".to_owned())],
        };
        let mut headers = vec![(ALLOW_ORIGIN, allow_origin.to_owned())];
        headers.extend(self.allowed_origin_headers.iter().cloned());
        if !self.origins.is_any() {
            headers.push((VARY, "Origin".to_owned()));
        }
        if preflight {
            headers.extend(self.preflight_headers.iter().cloned());
        }
        headers
    }
}

/// The origin the examples send: the first allowed origin; for `*` and `https://*`
/// `https://example.com`, for `http://*` `http://localhost:3000`.
pub(crate) fn sample_origin(config: &ValidCorsConfig) -> &str {
    origin_to_send(config.origins.values()[0])
}

/// The origin a request sends to test the configured origin `allowed`: `allowed` itself, or for
/// `*` and `https://*` `https://example.com`, for `http://*` `http://localhost:3000`.
pub(crate) fn origin_to_send(allowed: &str) -> &str {
    match allowed {
        "*" | "https://*" => "https://example.com",
        "http://*" => "http://localhost:3000",
        origin => origin,
    }
}

/// An origin the configuration does not allow, for a negative check; `None` when every origin
/// is allowed.
pub(crate) fn disallowed_origin(config: &ValidCorsConfig) -> Option<&'static str> {
    ["https://not-allowed.example", "http://not-allowed.example"]
        .into_iter()
        .find(|origin| !config.origins.allows(origin))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ApiType, CorsConfig};
    use crate::validate;

    fn valid(origins: &[&str], credentials: bool) -> ValidCorsConfig {
        let config = CorsConfig {
            api_type: if origins.iter().any(|o| o.ends_with("//*")) {
                ApiType::Http
            } else {
                ApiType::Rest
            },
            allow_origins: origins.iter().map(|s| s.to_string()).collect(),
            allow_methods: vec!["GET".into(), "PUT".into()],
            allow_headers: vec!["Content-Type".into(), "X-Api-Key".into()],
            expose_headers: vec!["ETag".into(), "X-Request-Id".into()],
            max_age: Some(300),
            allow_credentials: credentials,
            ..CorsConfig::default()
        };
        validate(&config).unwrap().config
    }

    fn owned(headers: &[(&'static str, &str)]) -> Vec<Header> {
        headers.iter().map(|(n, v)| (*n, v.to_string())).collect()
    }

    #[test]
    fn an_allowed_origin_is_echoed_with_vary_and_credentials() {
        let config = valid(&["https://a.example", "https://b.example"], true);
        let cors = HandlerCors::new(&config);
        assert_eq!(
            cors.response_headers(Some("https://b.example"), false),
            owned(&[
                (ALLOW_ORIGIN, "https://b.example"),
                (ALLOW_CREDENTIALS, "true"),
                (EXPOSE_HEADERS, "ETag,X-Request-Id"),
                (VARY, "Origin"),
            ])
        );
        assert_eq!(
            cors.response_headers(Some("https://a.example"), true),
            owned(&[
                (ALLOW_ORIGIN, "https://a.example"),
                (ALLOW_CREDENTIALS, "true"),
                (EXPOSE_HEADERS, "ETag,X-Request-Id"),
                (VARY, "Origin"),
                (ALLOW_METHODS, "GET,PUT"),
                (ALLOW_HEADERS, "Content-Type,X-Api-Key"),
                (MAX_AGE, "300"),
            ])
        );
    }

    #[test]
    fn a_disallowed_or_missing_origin_gets_vary_only() {
        let config = valid(&["https://a.example"], false);
        let cors = HandlerCors::new(&config);
        let vary_only = owned(&[(VARY, "Origin")]);
        assert_eq!(
            cors.response_headers(Some("https://c.example"), true),
            vary_only
        );
        assert_eq!(
            cors.response_headers(Some("https://A.example"), false),
            vary_only
        );
        assert_eq!(cors.response_headers(None, false), vary_only);
    }

    #[test]
    fn the_answer_to_a_preflight_and_to_a_get() {
        let config = valid(&["https://a.example", "https://b.example"], false);
        assert_eq!(
            handler_answer(&config, "OPTIONS", Some("https://c.example")),
            HandlerAnswer {
                status: 204,
                headers: owned(&[(VARY, "Origin")]),
                body: "",
            }
        );
        assert_eq!(
            handler_answer(&config, "OPTIONS", Some("https://b.example")),
            HandlerAnswer {
                status: 204,
                headers: owned(&[
                    (ALLOW_ORIGIN, "https://b.example"),
                    (EXPOSE_HEADERS, "ETag,X-Request-Id"),
                    (VARY, "Origin"),
                    (ALLOW_METHODS, "GET,PUT"),
                    (ALLOW_HEADERS, "Content-Type,X-Api-Key"),
                    (MAX_AGE, "300"),
                ]),
                body: "",
            }
        );
        assert_eq!(
            handler_answer(&config, "PUT", Some("https://c.example")),
            HandlerAnswer {
                status: 200,
                headers: owned(&[("Content-Type", "application/json"), (VARY, "Origin")]),
                body: "{\"items\":[]}",
            }
        );
    }

    #[test]
    fn any_origin_answers_star_without_vary() {
        let config = valid(&["*"], false);
        let cors = HandlerCors::new(&config);
        let expected = owned(&[(ALLOW_ORIGIN, "*"), (EXPOSE_HEADERS, "ETag,X-Request-Id")]);
        assert_eq!(cors.response_headers(None, false), expected);
        assert_eq!(
            cors.response_headers(Some("https://x.example"), false),
            expected
        );
    }

    #[test]
    fn sample_and_disallowed_origins() {
        let table: [(&[&str], &str, Option<&str>); 5] = [
            (
                &["https://a.example", "http://b.example"],
                "https://a.example",
                Some("https://not-allowed.example"),
            ),
            (&["*"], "https://example.com", None),
            (
                &["https://*"],
                "https://example.com",
                Some("http://not-allowed.example"),
            ),
            (
                &["http://*"],
                "http://localhost:3000",
                Some("https://not-allowed.example"),
            ),
            (&["https://*", "http://*"], "https://example.com", None),
        ];
        for (origins, sample, disallowed) in table {
            let config = valid(origins, false);
            assert_eq!(sample_origin(&config), sample, "{origins:?}");
            assert_eq!(disallowed_origin(&config), disallowed, "{origins:?}");
        }
    }
}
