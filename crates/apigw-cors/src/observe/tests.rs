//! The findings and the comparison on scripted answers: `run_browser` fed by a closure, as the
//! probe feeds it from the network.

use super::*;
use crate::simulate::{run_browser, BrowserRequest, CredentialsMode, HttpRequest};
use crate::{validate, CorsConfig};
use std::convert::Infallible;

const PAGE: &str = "https://app.example.com";
const URL: &str = "https://abc123.execute-api.us-east-1.amazonaws.com/prod/items";

fn response(status: u16, headers: &[(&str, &str)]) -> HttpResponse {
    HttpResponse {
        status,
        headers: headers
            .iter()
            .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
            .collect(),
        body: None,
    }
}

/// Runs `request` with the preflight answered by `preflight` and the rest by `actual`.
fn run(request: &BrowserRequest, preflight: HttpResponse, actual: HttpResponse) -> LiveRun {
    let answer = |sent: &HttpRequest| -> Result<HttpResponse, Infallible> {
        Ok(if sent.method == "OPTIONS" {
            preflight.clone()
        } else {
            actual.clone()
        })
    };
    match run_browser(request, answer) {
        Ok(run) => run,
        Err(never) => match never {},
    }
}

fn put() -> BrowserRequest {
    let mut request = BrowserRequest::new(PAGE, "PUT");
    request.url = URL.into();
    request
}

fn get() -> BrowserRequest {
    let mut request = BrowserRequest::new(PAGE, "GET");
    request.url = URL.into();
    request
}

fn ok_preflight() -> HttpResponse {
    response(
        200,
        &[
            ("Access-Control-Allow-Origin", PAGE),
            ("Access-Control-Allow-Methods", "GET,PUT"),
            ("Access-Control-Allow-Headers", "Content-Type"),
        ],
    )
}

fn ok_actual() -> HttpResponse {
    response(
        200,
        &[
            ("Access-Control-Allow-Origin", PAGE),
            (REQUEST_ID_HEADER, "id"),
        ],
    )
}

fn gateway(status: u16, error_type: &str) -> HttpResponse {
    response(
        status,
        &[
            ("Content-Type", "application/json"),
            (ERROR_TYPE_HEADER, error_type),
            (REQUEST_ID_HEADER, "id"),
        ],
    )
}

#[test]
fn preflight_errors_tell_api_gateway_from_the_function() {
    let cases = [
        (
            gateway(401, "UnauthorizedException"),
            "preflight-refused",
            Cause::AuthorizerOnPreflight,
        ),
        (
            gateway(403, "AccessDeniedException"),
            "preflight-refused",
            Cause::AuthorizerOnPreflight,
        ),
        (
            gateway(403, FORBIDDEN_ERROR),
            "preflight-refused",
            Cause::ApiKeyOnPreflight,
        ),
        (
            gateway(403, MISSING_TOKEN_ERROR),
            "preflight-no-route",
            Cause::NoPreflightRoute,
        ),
        (
            response(404, &[(HTTP_API_REQUEST_ID_HEADER, "id")]),
            "preflight-no-route",
            Cause::NoPreflightRoute,
        ),
        // No x-amzn-ErrorType: the function answered OPTIONS itself.
        (
            response(401, &[(REQUEST_ID_HEADER, "id")]),
            "preflight-refused",
            Cause::PreflightNotOk,
        ),
        (
            response(500, &[(REQUEST_ID_HEADER, "id")]),
            "error-without-cors",
            Cause::PreflightNotOk,
        ),
        (
            gateway(500, "InternalServerErrorException"),
            "error-without-cors",
            Cause::GatewayErrorWithoutCors,
        ),
    ];
    for (preflight, id, cause) in cases {
        let status = preflight.status;
        let live = run(&put(), preflight, ok_actual());
        let found = observations(&live);
        assert_eq!(found.len(), 1, "{status}: {found:?}");
        assert_eq!((found[0].id(), found[0].cause()), (id, cause), "{status}");
        assert!(!live.simulation.allowed);
        assert_eq!(live.exchanges.len(), 1, "the request is never sent");
        // API Gateway's own error fails the response step, as the simulator's gateway causes do.
        let gateway_error = status >= 400
            && live.exchanges[0]
                .response
                .headers
                .iter()
                .any(|(n, _)| n == ERROR_TYPE_HEADER);
        let want = if gateway_error {
            "preflight-response"
        } else {
            "preflight-check"
        };
        assert_eq!(
            live.simulation.failing_step.as_deref(),
            Some(want),
            "{status}"
        );
    }
}

#[test]
fn actual_responses_without_cors_name_who_answered() {
    let cases = [
        (
            gateway(429, "TooManyRequestsException"),
            Cause::GatewayErrorWithoutCors,
            "actual-response",
        ),
        (
            response(502, &[(REQUEST_ID_HEADER, "id")]),
            Cause::FunctionWithoutCors,
            "cors-check",
        ),
        (
            response(200, &[(REQUEST_ID_HEADER, "id")]),
            Cause::FunctionWithoutCors,
            "cors-check",
        ),
        (
            response(200, &[(HTTP_API_REQUEST_ID_HEADER, "id")]),
            Cause::OriginNotAllowed,
            "cors-check",
        ),
    ];
    for (actual, cause, step) in cases {
        let status = actual.status;
        let live = run(&get(), ok_preflight(), actual);
        let found = observations(&live);
        assert_eq!(
            found.iter().map(Observation::cause).collect::<Vec<_>>(),
            [cause],
            "{status}"
        );
        assert_eq!(
            live.simulation.failing_step.as_deref(),
            Some(step),
            "{status}"
        );
    }
}

#[test]
fn allow_origin_values_show_duplicates_lists_wildcards_and_fixed_origins() {
    let with = |values: &[&str]| {
        let mut r = response(200, &[]);
        for v in values {
            r.headers
                .push(("Access-Control-Allow-Origin".into(), (*v).into()));
        }
        r
    };
    let credentialed = get().credentials(CredentialsMode::Include);
    let cases = [
        (
            get(),
            with(&[PAGE, PAGE]),
            Observation::SeveralAllowOrigins {
                values: vec![PAGE.into(), PAGE.into()],
            },
            Cause::DuplicateAllowOrigin,
        ),
        (
            get(),
            with(&["https://a.example.com,https://app.example.com"]),
            Observation::SeveralAllowOrigins {
                values: vec!["https://a.example.com,https://app.example.com".into()],
            },
            Cause::OriginListInOneHeader,
        ),
        (
            credentialed.clone(),
            with(&["*"]),
            Observation::WildcardWithCredentials,
            Cause::WildcardWithCredentials,
        ),
        (
            get(),
            with(&["https://first.example.com"]),
            Observation::OriginNotEchoed {
                value: "https://first.example.com".into(),
                expected: PAGE.into(),
            },
            Cause::SingleStaticOrigin,
        ),
        (
            credentialed,
            with(&[PAGE]),
            Observation::CredentialsNotAllowed {
                value: String::new(),
            },
            Cause::CredentialsNotAllowed,
        ),
    ];
    for (request, actual, finding, cause) in cases {
        let live = run(&request, ok_preflight(), actual);
        assert_eq!(observations(&live), std::slice::from_ref(&finding));
        assert_eq!(finding.cause(), cause);
        assert!(finding.blocks());
    }
}

#[test]
fn methods_headers_and_lists_the_preflight_refuses() {
    let mut patch = put();
    patch.method = "patch".into();
    let mut delete = put();
    delete.method = "DELETE".into();
    let json = put()
        .header("Content-Type", "application/json")
        .header("X-Trace", "1");
    let mut unparsable = ok_preflight();
    unparsable.headers[1].1 = "GET; PUT".into();
    let cases = [
        (
            patch,
            ok_preflight(),
            Observation::MethodNotAllowed {
                method: "patch".into(),
            },
            Cause::MethodNotUpperCase,
        ),
        (
            delete,
            ok_preflight(),
            Observation::MethodNotAllowed {
                method: "DELETE".into(),
            },
            Cause::MethodNotAllowed,
        ),
        (
            json,
            ok_preflight(),
            Observation::HeaderNotAllowed {
                header: "x-trace".into(),
            },
            Cause::HeaderNotAllowed,
        ),
        (
            put(),
            unparsable,
            Observation::UnparsableList {
                header: "Access-Control-Allow-Methods".into(),
            },
            Cause::InvalidAllowList,
        ),
    ];
    for (request, preflight, finding, cause) in cases {
        let live = run(&request, preflight, ok_actual());
        assert_eq!(
            observations(&live),
            std::slice::from_ref(&finding),
            "{}",
            request.method
        );
        assert_eq!(finding.cause(), cause);
        assert_eq!(
            live.simulation.failing_step.as_deref(),
            Some("preflight-check")
        );
    }
}

#[test]
fn redirects_of_the_preflight_and_of_the_request() {
    let redirect = response(
        307,
        &[
            ("Location", "/prod/items/"),
            ("Access-Control-Allow-Origin", PAGE),
        ],
    );
    let live = run(&put(), redirect.clone(), ok_actual());
    assert_eq!(
        observations(&live),
        [Observation::PreflightRedirect {
            location: "/prod/items/".into()
        }]
    );
    assert_eq!(
        live.simulation.chrome_message.as_deref(),
        Some(format!("Access to fetch at '{URL}' from origin '{PAGE}' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: Redirect is not allowed for a preflight request.").as_str())
    );

    // The request follows a redirect that passes the CORS check, to the resolved URL.
    let mut sent = Vec::new();
    let live = match run_browser(
        &get(),
        |request: &HttpRequest| -> Result<HttpResponse, Infallible> {
            sent.push(request.url.clone());
            Ok(if request.url == URL {
                redirect.clone()
            } else {
                ok_actual()
            })
        },
    ) {
        Ok(run) => run,
        Err(never) => match never {},
    };
    assert!(live.simulation.allowed);
    assert_eq!(sent, [URL.to_owned(), format!("{URL}/")]);

    // Without CORS headers on the redirect, it is refused where it stands.
    let bare = response(302, &[("Location", "https://other.example.com/x")]);
    let live = run(&get(), ok_preflight(), bare);
    assert_eq!(
        observations(&live),
        [Observation::RedirectRefused {
            status: 302,
            location: "https://other.example.com/x".into()
        }]
    );
    assert_eq!(observations(&live)[0].cause(), Cause::PreflightRedirect);
}

#[test]
fn a_max_age_above_chromiums_cap_is_a_finding_that_does_not_block() {
    let mut preflight = ok_preflight();
    preflight
        .headers
        .push(("Access-Control-Max-Age".into(), "86400".into()));
    let live = run(&put(), preflight, ok_actual());
    assert!(live.simulation.allowed);
    let found = observations(&live);
    assert_eq!(
        found,
        [Observation::MaxAgeOverCap {
            max_age: 86400,
            cap: 7200
        }]
    );
    assert!(!found[0].blocks());
    assert_eq!(found[0].cause(), Cause::MaxAgeAboveBrowserCap);
    // At the cap, nothing to say.
    let mut preflight = ok_preflight();
    preflight
        .headers
        .push(("Access-Control-Max-Age".into(), "7200".into()));
    assert_eq!(observations(&run(&put(), preflight, ok_actual())), []);
}

#[test]
fn describe_names_who_answered_and_every_allow_origin() {
    assert_eq!(
        describe(&gateway(403, MISSING_TOKEN_ERROR), true),
        "the preflight got 403 (API Gateway's own error, x-amzn-ErrorType: MissingAuthenticationTokenException), without Access-Control-Allow-Origin"
    );
    assert_eq!(
        describe(&response(200, &[(HTTP_API_REQUEST_ID_HEADER, "x"), ("Access-Control-Allow-Origin", "*"), ("access-control-allow-origin", PAGE)]), false),
        "the request got 200 (through API Gateway), with 2 Access-Control-Allow-Origin headers: * | https://app.example.com"
    );
    assert_eq!(
        describe(
            &response(204, &[("Access-Control-Allow-Origin", PAGE)]),
            true
        ),
        "the preflight got 204, with Access-Control-Allow-Origin: https://app.example.com"
    );
}

fn config(json: &str) -> crate::ValidCorsConfig {
    validate(&CorsConfig::from_json(json).expect("JSON"))
        .expect("valid")
        .config
}

#[test]
fn compare_lists_every_value_on_one_side_only() {
    let c = config(
        r#"{"apiType":"rest","allowOrigins":["https://app.example.com"],"allowMethods":["GET","PUT","DELETE"],"allowHeaders":["Content-Type","X-Api-Key"],"exposeHeaders":["X-Request-Id"],"maxAge":600,"allowCredentials":true}"#,
    );
    let mut preflight = ok_preflight();
    preflight
        .headers
        .push(("Access-Control-Max-Age".into(), "300".into()));
    let live = run(&put(), preflight, ok_actual());
    let comparison = compare(&live, &c);
    let lines: Vec<String> = comparison
        .differences
        .iter()
        .map(Difference::describe)
        .collect();
    assert_eq!(
        lines,
        [
            "allowMethods: the configuration says DELETE is allowed; the API answers Access-Control-Allow-Methods without DELETE",
            "allowHeaders: the configuration says X-Api-Key is allowed; the API answers Access-Control-Allow-Headers without X-Api-Key",
            "exposeHeaders: the configuration says X-Request-Id is allowed; the API answers Access-Control-Expose-Headers without X-Request-Id",
            "maxAge: the configuration says Access-Control-Max-Age: 600; the API answers Access-Control-Max-Age: 300",
            "allowCredentials: the configuration says Access-Control-Allow-Credentials: true; the API answers no Access-Control-Allow-Credentials",
        ]
    );
    assert_eq!(comparison.not_compared, []);

    // An origin the API serves but the configuration does not list; header names without case.
    let other = config(
        r#"{"apiType":"http","allowOrigins":["https://other.example.com"],"allowMethods":["GET","PUT"],"allowHeaders":["content-type"]}"#,
    );
    let comparison = compare(&run(&put(), ok_preflight(), ok_actual()), &other);
    let lines: Vec<String> = comparison
        .differences
        .iter()
        .map(Difference::describe)
        .collect();
    assert_eq!(
        lines,
        ["allowOrigins: the configuration says https://app.example.com is not allowed; the API answers Access-Control-Allow-Origin: https://app.example.com"]
    );

    // No preflight: methods, headers and max age cannot be read.
    let comparison = compare(&run(&get(), ok_preflight(), ok_actual()), &other);
    let fields: Vec<&str> = comparison
        .not_compared
        .iter()
        .map(|(f, _)| f.key())
        .collect();
    assert_eq!(fields, ["allowMethods", "allowHeaders", "maxAge"]);
}
