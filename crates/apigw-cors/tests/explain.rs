//! `explain` on console messages as Chrome, Firefox and Safari print them (formats: reference
//! `other-tools-cors.md` §6.3–§6.5, Firefox's `security.properties`, WebKit's sources), pasted
//! the way people paste them: with console prefixes, curly quotes, wrapped lines, Chrome's
//! `net::ERR_FAILED` line, Safari's three lines, several messages at once.

use apigw_cors::{explain, Browser, Cause, Check, DeployTool, Exchange, Finding, EXAMPLE_API_URL};
use proptest::prelude::*;

const ORIGIN: &str = "https://app.example.com";

fn one(pasted: &str) -> Finding {
    let explanation = explain(pasted, DeployTool::Sam);
    assert_eq!(explanation.findings.len(), 1, "{pasted}\n{explanation:#?}");
    explanation.findings.into_iter().next().unwrap()
}

/// The parts of a finding a test states exactly: browser, check, exchange, URL, origin, value,
/// status.
type Summary<'a> = (
    Browser,
    Check,
    Exchange,
    Option<&'a str>,
    Option<&'a str>,
    Option<&'a str>,
    Option<u16>,
);

/// A Firefox reason as printed, and the check, exchange, value and status read from it.
type FirefoxCase = (
    &'static str,
    Check,
    Exchange,
    Option<&'static str>,
    Option<u16>,
);

/// A Safari reason as printed, and the check, exchange, origin, value and status read from it.
type SafariCase = (
    &'static str,
    Check,
    Exchange,
    Option<&'static str>,
    Option<&'static str>,
    Option<u16>,
);

fn summary(f: &Finding) -> Summary<'_> {
    (
        f.browser,
        f.check,
        f.exchange,
        f.url.as_deref(),
        f.origin.as_deref(),
        f.value.as_deref(),
        f.status,
    )
}

#[test]
fn chrome_preflight_403_pasted_with_console_prefixes_and_curly_quotes() {
    let pasted = format!(
        "index.html:1 Access to fetch at \u{2018}{EXAMPLE_API_URL}\u{2019} from origin \u{2018}{ORIGIN}\u{2019} has been blocked by CORS policy: Response to preflight request doesn\u{2019}t pass access control check: No \u{2018}Access-Control-Allow-Origin\u{2019} header is present on the requested resource.\r\nindex.html:12  POST {EXAMPLE_API_URL} net::ERR_FAILED 403 (Forbidden)\n"
    );
    let f = one(&pasted);
    assert_eq!(
        summary(&f),
        (
            Browser::Chrome,
            Check::NoAllowOrigin,
            Exchange::Preflight,
            Some(EXAMPLE_API_URL),
            Some(ORIGIN),
            None,
            Some(403)
        )
    );
    assert_eq!(
        f.causes,
        [
            Cause::AuthorizerOnPreflight,
            Cause::ApiKeyOnPreflight,
            Cause::NoPreflightRoute
        ]
    );
    assert_eq!(f.exchange.failing_step(), Some("preflight-check"));
}

#[test]
fn chrome_message_wrapped_over_lines_is_one_message() {
    let pasted = format!(
        "Access to fetch at '{EXAMPLE_API_URL}' from origin '{ORIGIN}' has been\n    blocked by CORS policy: Method PATCH is not allowed by\n    Access-Control-Allow-Methods in preflight response."
    );
    let f = one(&pasted);
    assert_eq!(
        summary(&f),
        (
            Browser::Chrome,
            Check::MethodNotAllowed,
            Exchange::Preflight,
            Some(EXAMPLE_API_URL),
            Some(ORIGIN),
            Some("PATCH"),
            None
        )
    );
    assert_eq!(f.causes, [Cause::MethodNotAllowed, Cause::StaleDeployment]);
}

#[test]
fn chrome_redirect_on_an_xhr_preflight() {
    let f = one("Access to XMLHttpRequest at 'https://api.example.com/prod/items' (redirected from 'https://api.example.com/prod/items/') from origin 'http://localhost:3000' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: Redirect is not allowed for a preflight request.");
    assert_eq!(
        summary(&f),
        (
            Browser::Chrome,
            Check::Redirect,
            Exchange::Preflight,
            Some("https://api.example.com/prod/items"),
            Some("http://localhost:3000"),
            None,
            None
        )
    );
    assert_eq!(
        f.redirected_from.as_deref(),
        Some("https://api.example.com/prod/items/")
    );
    assert_eq!(f.causes, [Cause::PreflightRedirect]);
}

#[test]
fn chrome_duplicate_allow_origin_with_the_hint_chrome_appends() {
    let f = one(&format!("Access to fetch at '{EXAMPLE_API_URL}' from origin '{ORIGIN}' has been blocked by CORS policy: The 'Access-Control-Allow-Origin' header contains multiple values '{ORIGIN}, {ORIGIN}', but only one is allowed. Have the server send the header with a valid value, or, if an opaque response serves your needs, set the request's mode to 'no-cors' to fetch the resource with CORS disabled."));
    assert_eq!(
        summary(&f),
        (
            Browser::Chrome,
            Check::MultipleAllowOrigin,
            Exchange::Actual,
            Some(EXAMPLE_API_URL),
            Some(ORIGIN),
            Some("https://app.example.com, https://app.example.com"),
            None
        )
    );
    assert_eq!(
        f.causes,
        [Cause::DuplicateAllowOrigin, Cause::OriginListInOneHeader]
    );
    assert_eq!(f.exchange.failing_step(), Some("cors-check"));
}

#[test]
fn chrome_type_error_is_the_request_step() {
    let f = one("Uncaught (in promise) TypeError: Failed to execute 'fetch' on 'Window': 'TRACE' HTTP method is unsupported.\n    at main.js:3:1");
    assert_eq!(
        summary(&f),
        (
            Browser::Chrome,
            Check::RequestRefused,
            Exchange::Request,
            None,
            None,
            Some("TRACE"),
            None
        )
    );
    assert_eq!(f.causes, [Cause::InvalidRequest]);
    assert_eq!(f.exchange.failing_step(), Some("request"));
}

/// Every reason in Firefox's `security.properties` (the current strings), as Firefox prints
/// it with curly quotes, read back exactly.
#[test]
fn every_firefox_reason() {
    let url = EXAMPLE_API_URL;
    let cases: &[FirefoxCase] = &[
        ("CORS disabled).", Check::CorsDisabled, Exchange::Request, None, None),
        ("CORS request did not succeed). Status code: (null).", Check::NoResponse, Exchange::NoResponse, None, None),
        ("CORS header \u{2018}Origin\u{2019} cannot be added).", Check::OriginNotAdded, Exchange::Request, None, None),
        ("CORS request external redirect not allowed).", Check::Redirect, Exchange::PreflightOrActual, None, None),
        ("CORS request not http).", Check::NotHttp, Exchange::Request, None, None),
        ("CORS header \u{2018}Access-Control-Allow-Origin\u{2019} missing). Status code: 403.", Check::NoAllowOrigin, Exchange::PreflightOrActual, None, Some(403)),
        ("Multiple CORS header \u{2018}Access-Control-Allow-Origin\u{2019} not allowed).", Check::MultipleAllowOrigin, Exchange::PreflightOrActual, None, None),
        ("CORS header \u{2018}Access-Control-Allow-Origin\u{2019} does not match \u{2018}https://other.example.com\u{2019}).", Check::OriginMismatch, Exchange::PreflightOrActual, Some("https://other.example.com"), None),
        ("Did not find method in CORS header \u{2018}Access-Control-Allow-Methods\u{2019}).", Check::MethodNotAllowed, Exchange::Preflight, None, None),
        ("expected \u{2018}true\u{2019} in CORS header \u{2018}Access-Control-Allow-Credentials\u{2019}).", Check::CredentialsNotTrue, Exchange::PreflightOrActual, None, None),
        ("CORS preflight response did not succeed). Status code: 401.", Check::PreflightNotOk, Exchange::Preflight, None, Some(401)),
        ("invalid token \u{2018}GET;POST\u{2019} in CORS header \u{2018}Access-Control-Allow-Methods\u{2019}).", Check::AllowListUnparsable, Exchange::Preflight, Some("GET;POST"), None),
        ("invalid token \u{2018}x y\u{2019} in CORS header \u{2018}Access-Control-Allow-Headers\u{2019}).", Check::AllowListUnparsable, Exchange::Preflight, Some("x y"), None),
        ("header \u{2018}x-api-key\u{2019} is not allowed according to header \u{2018}Access-Control-Allow-Headers\u{2019} from CORS preflight response).", Check::HeaderNotAllowed, Exchange::Preflight, Some("x-api-key"), None),
        // MDN's older wordings.
        ("CORS preflight channel did not succeed).", Check::PreflightNotOk, Exchange::Preflight, None, None),
        ("missing token \u{2018}authorization\u{2019} in CORS header \u{2018}Access-Control-Allow-Headers\u{2019} from CORS preflight channel).", Check::HeaderNotAllowed, Exchange::Preflight, Some("authorization"), None),
    ];
    for (reason, check, exchange, value, status) in cases {
        let pasted = format!("Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at {url}. (Reason: {reason}");
        let f = one(&pasted);
        assert_eq!(
            summary(&f),
            (
                Browser::Firefox,
                *check,
                *exchange,
                Some(url),
                None,
                *value,
                *status
            ),
            "{pasted}"
        );
        assert!(!f.causes.is_empty());
    }
    // The credentials message quotes the URL.
    let f = one(&format!("Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at \u{2018}{url}\u{2019}. (Reason: Credential is not supported if the CORS header \u{2018}Access-Control-Allow-Origin\u{2019} is \u{2018}*\u{2019})."));
    assert_eq!(
        summary(&f),
        (
            Browser::Firefox,
            Check::WildcardWithCredentials,
            Exchange::PreflightOrActual,
            Some(url),
            None,
            None,
            None
        )
    );
    assert_eq!(f.causes, [Cause::WildcardWithCredentials]);
}

#[test]
fn firefox_missing_allow_origin_in_full() {
    let pasted = format!("Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at {EXAMPLE_API_URL}. (Reason: CORS header \u{2018}Access-Control-Allow-Origin\u{2019} missing). Status code: 403.");
    let explanation = explain(&pasted, DeployTool::Terraform);
    assert_eq!(
        explanation.findings[0].causes,
        [
            Cause::AuthorizerOnPreflight,
            Cause::GatewayErrorWithoutCors,
            Cause::ApiKeyOnPreflight,
            Cause::FunctionWithoutCors,
            Cause::NoPreflightRoute
        ]
    );
    let text = explanation.text();
    let mut expected = format!(
        "Firefox: the preflight or the actual response failed (the message does not say which): the response has no Access-Control-Allow-Origin header.\n   URL: {EXAMPLE_API_URL}\n   Status: 403\n   Failing step: one of preflight-response, preflight-check, actual-response, cors-check\n   Causes that fit, most likely first (fixes for Terraform):\n"
    );
    for cause in &explanation.findings[0].causes {
        expected.push_str(&format!(
            "   - {} [{}]\n     Why: {}\n     Fix: {}\n",
            cause.title(),
            cause.id(),
            cause.in_api_gateway(),
            cause.fix(DeployTool::Terraform)
        ));
        if let Some(field) = cause.field() {
            expected.push_str(&format!("     Field: {}\n", field.key()));
        }
    }
    assert_eq!(text, expected);
    assert!(text.contains("Fix: Keep the authorizer off OPTIONS: set authorization = \"NONE\" on the OPTIONS aws_api_gateway_method;"));
}

#[test]
fn safari_three_lines_are_one_message() {
    let pasted = format!(
        "[Error] Preflight response is not successful. Status code: 401\n[Error] Fetch API cannot load {EXAMPLE_API_URL} due to access control checks.\n[Error] Failed to load resource: Preflight response is not successful. Status code: 401 (items, line 0)"
    );
    let f = one(&pasted);
    assert_eq!(
        summary(&f),
        (
            Browser::Safari,
            Check::PreflightNotOk,
            Exchange::Preflight,
            Some(EXAMPLE_API_URL),
            None,
            None,
            Some(401)
        )
    );
    assert_eq!(f.causes, [Cause::AuthorizerOnPreflight]);
}

#[test]
fn every_safari_reason() {
    let cases: &[SafariCase] = &[
        ("Preflight response is not successful. Status code: 403", Check::PreflightNotOk, Exchange::Preflight, None, None, Some(403)),
        ("Origin https://app.example.com is not allowed by Access-Control-Allow-Origin. Status code: 200", Check::OriginNotAllowed, Exchange::PreflightOrActual, Some(ORIGIN), None, Some(200)),
        ("Cannot use wildcard in Access-Control-Allow-Origin when credentials flag is true.", Check::WildcardWithCredentials, Exchange::PreflightOrActual, None, None, None),
        ("Access-Control-Allow-Origin cannot contain more than one origin.", Check::MultipleAllowOrigin, Exchange::PreflightOrActual, None, None, None),
        ("Credentials flag is true, but Access-Control-Allow-Credentials is not \"true\".", Check::CredentialsNotTrue, Exchange::PreflightOrActual, None, None, None),
        ("Method PUT is not allowed by Access-Control-Allow-Methods.", Check::MethodNotAllowed, Exchange::Preflight, None, Some("PUT"), None),
        ("Request header field Content-Type is not allowed by Access-Control-Allow-Headers.", Check::HeaderNotAllowed, Exchange::Preflight, None, Some("Content-Type"), None),
        ("Header Access-Control-Allow-Headers has an invalid value: x;y", Check::AllowListUnparsable, Exchange::Preflight, None, Some("x;y"), None),
    ];
    for (reason, check, exchange, origin, value, status) in cases {
        let pasted = format!("[Error] {reason}\n[Error] XMLHttpRequest cannot load {EXAMPLE_API_URL} due to access control checks.\n[Error] Failed to load resource: {reason}");
        let f = one(&pasted);
        assert_eq!(
            summary(&f),
            (
                Browser::Safari,
                *check,
                *exchange,
                Some(EXAMPLE_API_URL),
                *origin,
                *value,
                *status
            ),
            "{pasted}"
        );
    }
    let f = one("Origin http://localhost:3000 is not allowed by Access-Control-Allow-Origin. Status code: 200");
    assert_eq!(
        f.causes,
        [
            Cause::OriginNotAllowed,
            Cause::FunctionWithoutCors,
            Cause::StaleDeployment,
            Cause::SingleStaticOrigin
        ]
    );
}

#[test]
fn several_messages_are_each_explained_in_order() {
    let pasted = format!(
        "12:00:01.123 Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at {EXAMPLE_API_URL}. (Reason: header \u{2018}authorization\u{2019} is not allowed according to header \u{2018}Access-Control-Allow-Headers\u{2019} from CORS preflight response).\n12:00:02.456 Access to fetch at '{EXAMPLE_API_URL}' from origin '{ORIGIN}' has been blocked by CORS policy: Method patch is not allowed by Access-Control-Allow-Methods in preflight response.\n[Error] Method DELETE is not allowed by Access-Control-Allow-Methods.\n[Error] Fetch API cannot load https://other.example.com/x due to access control checks."
    );
    let explanation = explain(&pasted, DeployTool::Cdk);
    let got: Vec<_> = explanation.findings.iter().map(summary).collect();
    assert_eq!(
        got,
        [
            (
                Browser::Firefox,
                Check::HeaderNotAllowed,
                Exchange::Preflight,
                Some(EXAMPLE_API_URL),
                None,
                Some("authorization"),
                None
            ),
            (
                Browser::Chrome,
                Check::MethodNotAllowed,
                Exchange::Preflight,
                Some(EXAMPLE_API_URL),
                Some(ORIGIN),
                Some("patch"),
                None
            ),
            (
                Browser::Safari,
                Check::MethodNotAllowed,
                Exchange::Preflight,
                Some("https://other.example.com/x"),
                None,
                Some("DELETE"),
                None
            ),
        ]
    );
    assert_eq!(
        explanation.findings[1].causes,
        [Cause::MethodNotUpperCase, Cause::MethodNotAllowed]
    );
    assert!(explanation.text().starts_with("1. Firefox: the preflight (OPTIONS) failed: a request header is not allowed by the preflight's Access-Control-Allow-Headers.\n"));
}

#[test]
fn unknown_text_says_what_was_read() {
    let pasted = "Uncaught TypeError: Cannot read properties of undefined (reading 'map')\n    at https://app.example.com/main.js:1:200";
    let explanation = explain(pasted, DeployTool::Sam);
    assert!(!explanation.recognised());
    assert_eq!(
        explanation.text(),
        "Not recognised: no CORS message of Chrome, Firefox or Safari was found.\nRead: 116 characters on 2 lines; URL: https://app.example.com/main.js:1:200.\nPaste the whole line that Chrome, Firefox or Safari printed in the console (it starts with \"Access to fetch at\", \"Cross-Origin Request Blocked\", or Safari's reason line).\n"
    );
    let explanation = explain("", DeployTool::Sam);
    assert_eq!(
        explanation.read_summary(),
        "Read: 0 characters on 0 lines; no URL.\nPaste the whole line that Chrome, Firefox or Safari printed in the console (it starts with \"Access to fetch at\", \"Cross-Origin Request Blocked\", or Safari's reason line).\n"
    );
}

#[test]
fn a_known_wrapper_with_an_unknown_reason_is_named() {
    let pasted = format!("Access to fetch at '{EXAMPLE_API_URL}' from origin '{ORIGIN}' has been blocked by CORS policy: Permission was denied for this request to access the `unknown` address space.");
    let explanation = explain(&pasted, DeployTool::Sam);
    assert!(!explanation.recognised());
    assert_eq!(
        explanation.read.notes,
        [format!("Chrome's \"blocked by CORS policy\" message for {EXAMPLE_API_URL} with a reason this tool does not know: \"Permission was denied for this request to access the `unknown` address space.\"")]
    );
    let safari = explain(
        &format!("[Error] Fetch API cannot load {EXAMPLE_API_URL} due to access control checks."),
        DeployTool::Sam,
    );
    assert!(!safari.recognised());
    assert_eq!(
        safari.read.notes,
        [format!("Safari's \"cannot load {EXAMPLE_API_URL} due to access control checks\" line, without the line that gives the reason (Safari prints it just before: paste it too)")]
    );
}

#[test]
fn json_carries_the_fix_for_the_chosen_tool() {
    let pasted = format!("Access to fetch at '{EXAMPLE_API_URL}' from origin '{ORIGIN}' has been blocked by CORS policy: Request header field x-api-key is not allowed by Access-Control-Allow-Headers in preflight response.");
    let json: serde_json::Value =
        serde_json::from_str(&explain(&pasted, DeployTool::CdkPython).json()).unwrap();
    assert_eq!(json["recognised"], true);
    assert_eq!(json["tool"], "cdk-python");
    let finding = &json["findings"][0];
    assert_eq!(finding["browser"], "chrome");
    assert_eq!(finding["check"], "header-not-allowed");
    assert_eq!(finding["exchange"], "preflight");
    assert_eq!(finding["failingStep"], "preflight-check");
    assert_eq!(
        finding["steps"],
        serde_json::json!(["preflight-response", "preflight-check"])
    );
    assert_eq!(finding["value"], "x-api-key");
    assert_eq!(finding["origin"], ORIGIN);
    assert_eq!(finding["causes"][0]["id"], "header-not-allowed");
    assert_eq!(finding["causes"][0]["field"], "allowHeaders");
    assert_eq!(
        finding["causes"][0]["fix"],
        "Add the header to allow_headers in apigateway.CorsOptions (RestApi) or apigwv2.CorsPreflightOptions (HttpApi)."
    );
    assert_eq!(finding["causes"].as_array().unwrap().len(), 2);
}

/// A real message with noise around it.
fn noisy_message() -> impl Strategy<Value = (String, String)> {
    let message = format!("Access to fetch at '{EXAMPLE_API_URL}' from origin '{ORIGIN}' has been blocked by CORS policy: The 'Access-Control-Allow-Origin' header has a value 'https://b.example' that is not equal to the supplied origin.");
    (".{0,200}", ".{0,200}")
        .prop_map(move |(before, after)| (format!("{before}\n{message}\n"), after))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn any_text_is_answered_without_panic(text in ".{0,400}") {
        let explanation = explain(&text, DeployTool::Sam);
        let _ = explanation.text();
        let _ = explanation.json();
    }

    #[test]
    fn fragments_of_messages_never_panic(
        pieces in proptest::collection::vec(proptest::sample::select(vec![
            "Access to ", "fetch at '", "https://a.example/x", "' from origin '", "'", " has been blocked by CORS policy: ",
            "Response to preflight request doesn't pass access control check: ", "Method ", " is not allowed by Access-Control-Allow-Methods",
            " in preflight response.", "Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at ",
            ". (Reason: ", ").", " Status code: ", "403", "(null)", "Origin ", " is not allowed by Access-Control-Allow-Origin.",
            " cannot load ", " due to access control checks.", " net::ERR_FAILED ", "TypeError: Failed to execute 'fetch' on 'Window': ",
            "\u{2018}", "\u{00e9}", "\n", " ", "Failed to load resource: ", "Preflight response is not successful.",
        ]), 0..40)
    ) {
        let text: String = pieces.concat();
        let explanation = explain(&text, DeployTool::Cdk);
        let _ = explanation.text();
        let _ = explanation.json();
    }

    #[test]
    fn noise_around_a_message_does_not_hide_it((before, after) in noisy_message()) {
        let explanation = explain(&format!("{before}{after}"), DeployTool::Sam);
        let found = explanation.findings.iter().find(|f| f.check == Check::OriginMismatch);
        prop_assert!(found.is_some(), "{:?}", explanation.findings);
        let found = found.unwrap();
        prop_assert_eq!(found.value.as_deref(), Some("https://b.example"));
        prop_assert_eq!(found.exchange, Exchange::Actual);
    }
}
