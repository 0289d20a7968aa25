//! Table tests for the preflight simulator. Each test cites the rule it checks: a section of
//! `shared/reference/api-gateway-cors.md` (§) and, where it applies, the Fetch standard.

use apigw_cors::{
    simulate, validate, AuthorizerPlacement, BrowserRequest, CorsConfig, CredentialsMode,
    Deployment, Simulation, Tool, ValidCorsConfig,
};

const PAGE: &str = "https://app.example.com";

fn config(json: &str) -> ValidCorsConfig {
    validate(&CorsConfig::from_json(json).expect("parses"))
        .expect("valid")
        .config
}

/// The base configuration with the keys in `extra` (`,"key":value...`) replacing its own.
fn with(base: &str, extra: &str) -> ValidCorsConfig {
    let mut object: serde_json::Value = serde_json::from_str(base).expect("base is JSON");
    let extra: serde_json::Value =
        serde_json::from_str(&format!("{{{}}}", extra.trim_start_matches(',')))
            .expect("extra is JSON");
    for (key, value) in extra.as_object().expect("an object") {
        object[key] = value.clone();
    }
    config(&object.to_string())
}

fn http(extra: &str) -> ValidCorsConfig {
    with(
        r#"{"apiType":"http","allowOrigins":["https://app.example.com","http://localhost:3000"],"allowMethods":["GET","PUT"],"allowHeaders":["Content-Type","X-Custom"]}"#,
        extra,
    )
}

fn rest(origins: &str, extra: &str) -> ValidCorsConfig {
    with(
        &format!(
            r#"{{"apiType":"rest","allowOrigins":[{origins}],"allowMethods":["GET","PUT"],"allowHeaders":["Content-Type","X-Custom"]}}"#
        ),
        extra,
    )
}

fn deployment(tool: Tool) -> Deployment {
    Deployment {
        tool,
        authorizer: AuthorizerPlacement::None,
        api_key_required: false,
        gateway_responses: false,
    }
}

fn run(config: &ValidCorsConfig, request: &BrowserRequest, tool: Tool) -> Simulation {
    simulate(config, request, &deployment(tool))
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

fn preflight_header(sim: &Simulation, name: &str) -> Option<String> {
    let preflight = sim.preflight.as_ref().expect("a preflight");
    header(&preflight.response.headers, name).map(str::to_owned)
}

fn chrome_detail(sim: &Simulation) -> &str {
    let message = sim.chrome_message.as_deref().expect("a Chrome message");
    message
        .split_once("has been blocked by CORS policy: ")
        .map_or(message, |(_, detail)| detail)
}

// ---------------------------------------------------------------------------------------------
// §5.1 / §8 rule 2: when a preflight is needed.

#[test]
fn safelisted_methods_need_no_preflight_others_do() {
    // §5.1: CORS-safelisted methods are GET, HEAD, POST.
    let c = http(r#","allowMethods":["*"]"#);
    for (method, preflight) in [
        ("GET", false),
        ("HEAD", false),
        ("POST", false),
        ("PUT", true),
        ("DELETE", true),
        ("PATCH", true),
        ("OPTIONS", true),
    ] {
        let sim = run(&c, &BrowserRequest::new(PAGE, method), Tool::Generated);
        assert_eq!(sim.preflight.is_some(), preflight, "{method}");
        assert!(sim.allowed, "{method}");
    }
}

#[test]
fn fetch_upper_cases_six_methods_but_not_patch() {
    // §5.1 "Method normalization": only DELETE GET HEAD OPTIONS POST PUT are upper-cased.
    let c = http(r#","allowMethods":["GET","PUT","PATCH"]"#);
    let sim = run(&c, &BrowserRequest::new(PAGE, "get"), Tool::Generated);
    assert_eq!(sim.preflight, None);
    assert_eq!(sim.actual.request.as_ref().unwrap().method, "GET");
    let sim = run(&c, &BrowserRequest::new(PAGE, "put"), Tool::Generated);
    assert!(sim.allowed);
    assert_eq!(sim.actual.request.as_ref().unwrap().method, "PUT");

    let c = rest(
        r#""https://app.example.com""#,
        r#","allowMethods":["GET","PUT","PATCH"]"#,
    );
    let sim = run(&c, &BrowserRequest::new(PAGE, "patch"), Tool::Cdk);
    let preflight = sim.preflight.as_ref().unwrap();
    assert_eq!(
        header(&preflight.request.headers, "Access-Control-Request-Method"),
        Some("patch")
    );
    assert!(!sim.allowed);
    assert_eq!(
        chrome_detail(&sim),
        "Method patch is not allowed by Access-Control-Allow-Methods in preflight response."
    );
    assert_eq!(
        sim.fix.as_deref(),
        Some("Write the method in upper case in fetch(): method: 'PATCH' (fetch() does not upper-case 'patch', and methods compare case-sensitively).")
    );
}

#[test]
fn forbidden_and_invalid_methods_make_fetch_throw() {
    // §5.1 / Fetch: CONNECT, TRACE, TRACK are forbidden methods; a method must be a token.
    let c = http("");
    for (method, chrome) in [
        ("TRACE", "'TRACE' HTTP method is unsupported."),
        ("connect", "'connect' HTTP method is unsupported."),
        ("TRACK", "'TRACK' HTTP method is unsupported."),
        ("GE T", "'GE T' is not a valid HTTP method."),
    ] {
        let sim = run(&c, &BrowserRequest::new(PAGE, method), Tool::Generated);
        assert!(!sim.allowed);
        assert_eq!(sim.preflight, None);
        assert!(!sim.actual.sent);
        assert_eq!(sim.failing_step.as_deref(), Some("request"));
        assert_eq!(
            sim.chrome_message.as_deref(),
            Some(format!("Uncaught (in promise) TypeError: Failed to execute 'fetch' on 'Window': {chrome}").as_str())
        );
    }
}

#[test]
fn safelisted_request_headers_table() {
    // §5.1 CORS-safelisted request-header: names, value grammar, Content-Type essence, 128 bytes.
    let c = http(r#","allowMethods":["*"],"allowHeaders":["*"]"#);
    let long = "a".repeat(129);
    let max = "a".repeat(128);
    let table: &[(&str, &str, bool)] = &[
        ("Content-Type", "text/plain", true),
        ("Content-Type", "text/plain;charset=UTF-8", true),
        ("Content-Type", "TEXT/Plain; charset=utf-8", true),
        ("Content-Type", "multipart/form-data; boundary=x", true),
        ("Content-Type", "application/x-www-form-urlencoded", true),
        ("Content-Type", "application/json", false),
        ("Content-Type", "text/plain; a={b}", false),
        ("Content-Type", "text", false),
        ("Accept", "application/json", true),
        ("Accept", &max, true),
        ("Accept", &long, false),
        ("Accept", "application/{json}", false),
        ("Accept-Language", "en-US,en;q=0.9", true),
        ("Accept-Language", "en(US)", false),
        ("Content-Language", "de", true),
        ("Content-Language", "de/at", false),
        ("Range", "bytes=0-10", true),
        ("Range", "bytes=5-", true),
        ("Range", "bytes=-5", false),
        ("Range", "bytes=10-5", false),
        ("X-Custom", "1", false),
        ("Authorization", "Bearer t", false),
        ("X-Api-Key", "k", false),
        ("X-Requested-With", "XMLHttpRequest", false),
    ];
    for (name, value, safelisted) in table {
        let request = BrowserRequest::new(PAGE, "GET").header(name, value);
        let sim = run(&c, &request, Tool::Generated);
        assert_eq!(sim.preflight.is_none(), *safelisted, "{name}: {value}");
    }
}

#[test]
fn forbidden_request_headers_are_dropped_silently() {
    // §5.1 forbidden request headers: the page cannot set them, they never reach ACRH.
    let c = http("");
    for (name, value) in [
        ("Cookie", "a=b"),
        ("Sec-Custom", "1"),
        ("Proxy-Authorization", "x"),
        ("Origin", "https://evil.example"),
        ("Content-Length", "3"),
        ("X-HTTP-Method-Override", "TRACE"),
    ] {
        let sim = run(
            &c,
            &BrowserRequest::new(PAGE, "GET").header(name, value),
            Tool::Generated,
        );
        assert_eq!(sim.preflight, None, "{name}");
        assert!(sim.allowed, "{name}");
        let sent = &sim.actual.request.as_ref().unwrap().headers;
        assert_eq!(header(sent, "Origin"), Some(PAGE), "{name}");
        assert!(sim.steps[0].detail.contains("silently dropped"), "{name}");
    }
    // A method override to an allowed method is an ordinary (unsafe) header.
    let sim = run(
        &c,
        &BrowserRequest::new(PAGE, "GET").header("X-HTTP-Method-Override", "PUT"),
        Tool::Generated,
    );
    assert!(sim.preflight.is_some());
}

#[test]
fn invalid_header_values_make_fetch_throw() {
    // Fetch "Headers/append": a value with CR, LF or NUL is a TypeError.
    let c = http("");
    let sim = run(
        &c,
        &BrowserRequest::new(PAGE, "GET").header("X-Custom", "a\nb"),
        Tool::Generated,
    );
    assert_eq!(sim.failing_step.as_deref(), Some("request"));
    assert!(sim.chrome_message.unwrap().ends_with("Invalid value"));
}

#[test]
fn preflight_request_lists_sorted_lower_case_headers_and_no_credentials() {
    // §5.1: ACRH is sorted, lower-cased, comma-separated; the preflight never has credentials.
    let c = http(r#","allowHeaders":["*"]"#);
    let request = BrowserRequest::new(PAGE, "PUT")
        .header("X-B", "1")
        .header("Content-Type", "application/json")
        .header("x-a", "2")
        .header("Authorization", "Bearer t")
        .credentials(CredentialsMode::Include);
    let sim = run(&c, &request, Tool::Generated);
    let preflight = sim.preflight.as_ref().unwrap();
    assert_eq!(preflight.request.method, "OPTIONS");
    assert_eq!(
        preflight.request.headers,
        [
            ("Origin".to_owned(), PAGE.to_owned()),
            ("Accept".to_owned(), "*/*".to_owned()),
            ("Access-Control-Request-Method".to_owned(), "PUT".to_owned()),
            (
                "Access-Control-Request-Headers".to_owned(),
                "authorization,content-type,x-a,x-b".to_owned()
            ),
        ]
    );
}

#[test]
fn same_origin_requests_skip_cors() {
    // §8 rule 1: same scheme, host and port ⇒ no CORS at all.
    let c = http("");
    let mut request = BrowserRequest::new(
        "https://abc123.execute-api.us-east-1.amazonaws.com",
        "DELETE",
    )
    .header("X-Anything", "1");
    let sim = run(&c, &request, Tool::None);
    assert!(sim.same_origin && sim.allowed);
    assert_eq!(sim.preflight, None);
    request.page_origin = "https://abc123.execute-api.us-east-1.amazonaws.com:443".into();
    assert!(run(&c, &request, Tool::None).same_origin);
    // An origin has no path: no browser sends this one.
    request.page_origin = "https://abc123.execute-api.us-east-1.amazonaws.com:443/".into();
    let sim = run(&c, &request, Tool::None);
    assert_eq!(sim.failing_step.as_deref(), Some("request"));
    assert!(!sim.same_origin && !sim.allowed);
    request.page_origin = "http://abc123.execute-api.us-east-1.amazonaws.com".into();
    assert!(!run(&c, &request, Tool::None).same_origin);
}

// ---------------------------------------------------------------------------------------------
// §1.3, §1.4: HTTP API.

#[test]
fn http_api_answers_the_preflight_itself() {
    // §1.3: automatic preflight, 204, configured headers; a list echoes the origin (UNCONFIRMED).
    let c = http(r#","maxAge":600,"allowCredentials":true"#);
    let request = BrowserRequest::new("http://localhost:3000", "PUT").header("X-Custom", "1");
    let sim = run(&c, &request, Tool::Sam);
    let preflight = sim.preflight.as_ref().unwrap();
    assert_eq!(preflight.response.status, 204);
    assert_eq!(
        preflight.response.headers,
        [
            (
                "Access-Control-Allow-Origin".to_owned(),
                "http://localhost:3000".to_owned()
            ),
            (
                "Access-Control-Allow-Methods".to_owned(),
                "GET,PUT".to_owned()
            ),
            (
                "Access-Control-Allow-Headers".to_owned(),
                "Content-Type,X-Custom".to_owned()
            ),
            ("Access-Control-Max-Age".to_owned(), "600".to_owned()),
            (
                "Access-Control-Allow-Credentials".to_owned(),
                "true".to_owned()
            ),
        ]
    );
    assert!(sim.allowed);
    assert!(
        sim.inferred,
        "echoing one origin of a list is not documented"
    );

    let any = config(r#"{"apiType":"http","allowOrigins":["*"],"allowMethods":["PUT"]}"#);
    let sim = run(&any, &BrowserRequest::new(PAGE, "PUT"), Tool::Cdk);
    assert_eq!(
        preflight_header(&sim, "Access-Control-Allow-Origin").as_deref(),
        Some("*")
    );
    assert!(sim.allowed && !sim.inferred);
}

#[test]
fn http_api_pattern_origins_match_by_scheme() {
    // §1.1: `https://*` matches any origin that begins with https://.
    let c = config(r#"{"apiType":"http","allowOrigins":["https://*"],"allowMethods":["PUT"]}"#);
    assert!(
        run(
            &c,
            &BrowserRequest::new("https://x.example.org", "PUT"),
            Tool::Generated
        )
        .allowed
    );
    let sim = run(
        &c,
        &BrowserRequest::new("http://x.example.org", "PUT"),
        Tool::Generated,
    );
    assert!(!sim.allowed);
    assert_eq!(sim.failing_step.as_deref(), Some("preflight-response"));
}

#[test]
fn http_api_mismatch_answers_without_cors_headers() {
    // §1.3 / §8 rule 3: origin/method/header not configured ⇒ no CORS headers (UNCONFIRMED).
    let c = http("");
    for (request, fix) in [
        (
            BrowserRequest::new("https://other.example.com", "PUT"),
            "Add https://other.example.com to allowOrigins",
        ),
        (
            BrowserRequest::new(PAGE, "DELETE"),
            "Add DELETE to allowMethods.",
        ),
        (
            BrowserRequest::new(PAGE, "PUT").header("X-Other", "1"),
            "Add x-other to allowHeaders.",
        ),
    ] {
        let sim = run(&c, &request, Tool::Generated);
        assert!(!sim.allowed);
        assert!(sim.inferred);
        assert_eq!(sim.failing_step.as_deref(), Some("preflight-response"));
        assert_eq!(sim.preflight.as_ref().unwrap().response.headers, []);
        assert_eq!(
            chrome_detail(&sim),
            "Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource."
        );
        assert!(
            sim.fix.as_deref().unwrap().starts_with(fix),
            "{:?}",
            sim.fix
        );
    }
}

#[test]
fn http_api_default_route_authorizer_fails_the_preflight() {
    // §1.4: `$default`/ANY with an authorizer catches OPTIONS ⇒ 401 without CORS headers.
    let c = http(r#","authorizerHeader":"Authorization""#);
    let mut d = deployment(Tool::Generated);
    d.authorizer = AuthorizerPlacement::DefaultRoute;
    let request = BrowserRequest::new(PAGE, "PUT").header("Authorization", "Bearer t");
    let sim = simulate(&c, &request, &d);
    assert_eq!(sim.preflight.as_ref().unwrap().response.status, 401);
    assert!(!sim.allowed && !sim.actual.sent);
    assert_eq!(sim.failing_step.as_deref(), Some("preflight-response"));
    assert!(sim
        .fix
        .unwrap()
        .starts_with("Add an OPTIONS /{proxy+} route without an authorizer"));
    // On a specific route the automatic preflight is unaffected.
    d.authorizer = AuthorizerPlacement::Route;
    let c = http(r#","authorizerHeader":"Authorization","allowHeaders":["Authorization"]"#);
    assert!(simulate(&c, &request, &d).allowed);
}

#[test]
fn http_api_authorizer_error_on_the_actual_request_hides_the_status() {
    // §1.3: CORS headers on gateway errors of HTTP APIs are UNCONFIRMED; no GatewayResponses.
    let c = http(r#","authorizerHeader":"Authorization""#);
    let d = Deployment::for_config(&c);
    let sim = simulate(&c, &BrowserRequest::new(PAGE, "GET"), &d);
    assert_eq!(sim.actual.response.as_ref().unwrap().status, 401);
    assert!(!sim.allowed && sim.inferred);
    assert_eq!(sim.failing_step.as_deref(), Some("actual-response"));
}

#[test]
fn http_api_without_cors_configuration() {
    // §8 rule 3: no CORS configured and no route ⇒ 404 (UNCONFIRMED); the function adds none.
    let c = http("");
    let sim = run(&c, &BrowserRequest::new(PAGE, "PUT"), Tool::None);
    assert_eq!(sim.preflight.as_ref().unwrap().response.status, 404);
    assert!(!sim.allowed && sim.inferred);
    let sim = run(&c, &BrowserRequest::new(PAGE, "GET"), Tool::None);
    assert_eq!(
        header(
            &sim.actual.response.unwrap().headers,
            "Access-Control-Allow-Origin"
        ),
        None
    );
    assert!(!sim.allowed);
}

#[test]
fn http_api_adds_cors_headers_to_the_actual_response() {
    // §1.3: the gateway adds the configured CORS headers and ignores the backend's.
    let c = http(r#","exposeHeaders":["X-Request-Id"]"#);
    let sim = run(&c, &BrowserRequest::new(PAGE, "GET"), Tool::Generated);
    let response = sim.actual.response.unwrap();
    assert_eq!(
        header(&response.headers, "Access-Control-Allow-Origin"),
        Some(PAGE)
    );
    assert_eq!(
        header(&response.headers, "Access-Control-Expose-Headers"),
        Some("X-Request-Id")
    );
}

// ---------------------------------------------------------------------------------------------
// §2.2, §2.3: REST API from SAM.

#[test]
fn sam_mock_answers_200_with_static_headers() {
    // §2.2: mock integration, status 200, ACAO static; ACAH only when AllowHeaders is given.
    let c = rest(r#""https://app.example.com""#, r#","maxAge":300"#);
    let sim = run(
        &c,
        &BrowserRequest::new("http://localhost:3000", "PUT"),
        Tool::Sam,
    );
    let preflight = sim.preflight.as_ref().unwrap();
    assert_eq!(preflight.response.status, 200);
    assert_eq!(
        header(&preflight.response.headers, "Access-Control-Allow-Origin"),
        Some(PAGE)
    );
    assert_eq!(
        header(&preflight.response.headers, "Access-Control-Max-Age"),
        Some("300")
    );
    assert_eq!(
        chrome_detail(&sim),
        "Response to preflight request doesn't pass access control check: The 'Access-Control-Allow-Origin' header has a value 'https://app.example.com' that is not equal to the supplied origin. Have the server send the header with a valid value."
    );
    assert_eq!(sim.failing_step.as_deref(), Some("preflight-check"));

    let no_headers = config(
        r#"{"apiType":"rest","allowOrigins":["https://app.example.com"],"allowMethods":["POST"]}"#,
    );
    let request = BrowserRequest::new(PAGE, "POST").header("Content-Type", "application/json");
    let sim = run(&no_headers, &request, Tool::Sam);
    assert_eq!(preflight_header(&sim, "Access-Control-Allow-Headers"), None);
    assert_eq!(
        chrome_detail(&sim),
        "Request header field content-type is not allowed by Access-Control-Allow-Headers in preflight response."
    );
}

#[test]
fn sam_several_origins_become_one_invalid_value() {
    // §2.1 / §2.4 / §5.3: ACAO holds exactly one origin; a comma list never matches.
    let c = rest(r#""https://app.example.com","http://localhost:3000""#, "");
    let sim = run(&c, &BrowserRequest::new(PAGE, "PUT"), Tool::Sam);
    assert_eq!(
        preflight_header(&sim, "Access-Control-Allow-Origin").as_deref(),
        Some("https://app.example.com,http://localhost:3000")
    );
    assert!(chrome_detail(&sim).contains("contains multiple values 'https://app.example.com,http://localhost:3000', but only one is allowed."));
    assert!(sim.fix.unwrap().contains("deploy the generated template"));
}

#[test]
fn sam_puts_the_authorizer_and_api_key_on_options() {
    // §2.3: AddDefaultAuthorizerToCorsPreflight / AddApiKeyRequiredToCorsPreflight default true.
    let c = rest(
        r#""https://app.example.com""#,
        r#","authorizerHeader":"Authorization""#,
    );
    let request = BrowserRequest::new(PAGE, "PUT");
    let mut d = Deployment::for_config(&c);
    d.tool = Tool::Sam;
    let sim = simulate(&c, &request, &d);
    assert_eq!(sim.preflight.as_ref().unwrap().response.status, 401);
    assert_eq!(
        sim.fix.as_deref(),
        Some("Add AddDefaultAuthorizerToCorsPreflight: false under the API's Auth (the generated sam-template does).")
    );
    // The generated template keeps the authorizer off OPTIONS.
    d.tool = Tool::Generated;
    assert_eq!(
        simulate(&c, &request, &d)
            .preflight
            .unwrap()
            .response
            .status,
        200
    );

    let c = rest(r#""https://app.example.com""#, r#","apiKeyRequired":true"#);
    let mut d = Deployment::for_config(&c);
    d.tool = Tool::Sam;
    let sim = simulate(&c, &request, &d);
    assert_eq!(sim.preflight.as_ref().unwrap().response.status, 403);
    assert!(sim
        .fix
        .unwrap()
        .starts_with("Add AddApiKeyRequiredToCorsPreflight: false"));
}

#[test]
fn gateway_responses_do_not_rescue_a_failed_preflight() {
    // §8 rule 3: CORS headers on a 401/403 preflight still fail ("not ok status", §5.2 step 1).
    let c = rest(
        r#""https://app.example.com""#,
        r#","authorizerHeader":"Authorization""#,
    );
    let mut d = Deployment::for_config(&c);
    d.tool = Tool::Sam;
    d.gateway_responses = true;
    let sim = simulate(&c, &BrowserRequest::new(PAGE, "PUT"), &d);
    assert_eq!(
        chrome_detail(&sim),
        "Response to preflight request doesn't pass access control check: It does not have HTTP ok status."
    );
}

#[test]
fn rest_without_options_method_answers_missing_authentication_token() {
    // §8 rule 3 / §6 item 9: no OPTIONS ⇒ 403 Missing Authentication Token.
    let c = rest(r#""https://app.example.com""#, "");
    let sim = run(&c, &BrowserRequest::new(PAGE, "PUT"), Tool::None);
    let response = &sim.preflight.as_ref().unwrap().response;
    assert_eq!(response.status, 403);
    assert_eq!(
        response.body.as_deref(),
        Some(r#"{"message":"Missing Authentication Token"}"#)
    );
    assert!(!sim.allowed && !sim.inferred);
    assert!(sim
        .fix
        .unwrap()
        .starts_with("Add an OPTIONS method to this resource"));
}

// ---------------------------------------------------------------------------------------------
// §3.1: REST API from CDK.

#[test]
fn cdk_mock_answers_204_with_first_origin_and_vary() {
    // §3.1: 204, ACAO = first origin, Vary: Origin, default headers, VTL echo of the others.
    let c = config(
        r#"{"apiType":"rest","allowOrigins":["https://app.example.com","http://localhost:3000"],"allowMethods":["*"]}"#,
    );
    let sim = run(&c, &BrowserRequest::new(PAGE, "DELETE"), Tool::Cdk);
    let response = &sim.preflight.as_ref().unwrap().response;
    assert_eq!(response.status, 204);
    assert_eq!(header(&response.headers, "Vary"), Some("Origin"));
    assert_eq!(
        header(&response.headers, "Access-Control-Allow-Methods"),
        Some("OPTIONS,GET,PUT,POST,DELETE,PATCH,HEAD")
    );
    assert_eq!(
        header(&response.headers, "Access-Control-Allow-Headers"),
        Some(
            "Content-Type,X-Amz-Date,Authorization,X-Api-Key,X-Amz-Security-Token,X-Amz-User-Agent"
        )
    );
    assert!(sim.allowed && !sim.inferred);

    let sim = run(
        &c,
        &BrowserRequest::new("http://localhost:3000", "DELETE"),
        Tool::Cdk,
    );
    assert_eq!(
        preflight_header(&sim, "Access-Control-Allow-Origin").as_deref(),
        Some("http://localhost:3000")
    );
    assert!(
        sim.allowed && sim.inferred,
        "aws-cdk#30453: the override is unconfirmed"
    );

    let sim = run(
        &c,
        &BrowserRequest::new("https://evil.example", "DELETE"),
        Tool::Cdk,
    );
    assert_eq!(
        preflight_header(&sim, "Access-Control-Allow-Origin").as_deref(),
        Some(PAGE)
    );
    assert!(!sim.allowed);
}

#[test]
fn cdk_never_authorizes_options() {
    // §2.3 / §3.1: CDK forces AuthorizationType NONE and no API key on OPTIONS.
    let c = rest(
        r#""https://app.example.com""#,
        r#","authorizerHeader":"Authorization","apiKeyRequired":true"#,
    );
    let mut d = Deployment::for_config(&c);
    d.tool = Tool::Cdk;
    let request = BrowserRequest::new(PAGE, "PUT").header("X-Custom", "1");
    let sim = simulate(&c, &request, &d);
    assert_eq!(sim.preflight.as_ref().unwrap().response.status, 204);
    assert_eq!(sim.actual.response.as_ref().unwrap().status, 401);
}

#[test]
fn console_answers_are_inferred() {
    // §2.6 / §8 rule 3: the console's Enable CORS mock; its exact status is not in the reference.
    let c = rest(r#""https://app.example.com""#, "");
    let sim = run(&c, &BrowserRequest::new(PAGE, "PUT"), Tool::Console);
    assert!(sim.allowed && sim.inferred);
}

// ---------------------------------------------------------------------------------------------
// Shared output decisions: this tool's generated template and Lambda handler (REST).

#[test]
fn generated_function_answers_options_for_several_rest_origins() {
    // Handler behaviour (common brief) + §2.4 option (b): route OPTIONS to a function that echoes.
    let c = rest(
        r#""https://app.example.com","http://localhost:3000""#,
        r#","allowCredentials":true"#,
    );
    let request = BrowserRequest::new("http://localhost:3000", "PUT")
        .header("X-Custom", "1")
        .credentials(CredentialsMode::Include);
    let sim = run(&c, &request, Tool::Generated);
    let response = &sim.preflight.as_ref().unwrap().response;
    assert_eq!(response.status, 204);
    assert_eq!(
        header(&response.headers, "Access-Control-Allow-Origin"),
        Some("http://localhost:3000")
    );
    assert_eq!(header(&response.headers, "Vary"), Some("Origin"));
    assert_eq!(
        header(&response.headers, "Access-Control-Allow-Credentials"),
        Some("true")
    );
    assert!(sim.allowed && !sim.inferred);

    let sim = run(
        &c,
        &BrowserRequest::new("https://evil.example", "PUT"),
        Tool::Generated,
    );
    assert_eq!(preflight_header(&sim, "Access-Control-Allow-Origin"), None);
    assert_eq!(sim.failing_step.as_deref(), Some("preflight-check"));
    assert_eq!(sim.fix.as_deref(), Some("Add https://evil.example to allowOrigins, written exactly as the browser sends it (scheme://host[:port], no trailing slash)."));
}

#[test]
fn generated_rest_handler_answers_the_actual_request() {
    // §2.6: the Lambda proxy response must carry ACAO (+ Vary, ACAC, ACEH).
    let c = rest(
        r#""https://app.example.com""#,
        r#","allowCredentials":true,"exposeHeaders":["X-Request-Id"]"#,
    );
    let request = BrowserRequest::new(PAGE, "GET").credentials(CredentialsMode::Include);
    let sim = run(&c, &request, Tool::Generated);
    let response = sim.actual.response.as_ref().unwrap();
    assert_eq!(
        response.headers,
        [
            ("Content-Type".to_owned(), "application/json".to_owned()),
            ("Access-Control-Allow-Origin".to_owned(), PAGE.to_owned()),
            (
                "Access-Control-Allow-Credentials".to_owned(),
                "true".to_owned()
            ),
            (
                "Access-Control-Expose-Headers".to_owned(),
                "X-Request-Id".to_owned()
            ),
            ("Vary".to_owned(), "Origin".to_owned()),
        ]
    );
    assert_eq!(response.body.as_deref(), Some(r#"{"items":[]}"#));
    // X-Request-Id is exposed, but this response does not carry it.
    assert_eq!(sim.readable_headers, ["Content-Type"]);
}

#[test]
fn rest_gateway_errors_carry_the_generated_policy_headers() {
    // The generated DEFAULT_4XX: several origins with credentials pin the first origin, so the
    // second origin sees a CORS error; without credentials the request's Origin is echoed.
    let error_headers = |credentials: bool, page: &str| {
        let c = rest(
            r#""https://app.example.com","http://localhost:3000""#,
            &format!(r#","apiKeyRequired":true,"allowCredentials":{credentials}"#),
        );
        let mut d = Deployment::for_config(&c);
        d.gateway_responses = true;
        let sim = simulate(&c, &BrowserRequest::new(page, "GET"), &d);
        let response = sim.actual.response.unwrap();
        assert_eq!(response.status, 403);
        (response.headers, sim.allowed)
    };
    let owned = |headers: &[(&str, &str)]| -> Vec<(String, String)> {
        headers
            .iter()
            .map(|(n, v)| (n.to_string(), v.to_string()))
            .collect()
    };
    let base = [
        ("Content-Type", "application/json"),
        ("x-amzn-ErrorType", "ForbiddenException"),
    ];
    let pinned = owned(
        &[
            &base[..],
            &[
                ("Access-Control-Allow-Origin", "https://app.example.com"),
                ("Access-Control-Allow-Credentials", "true"),
            ],
        ]
        .concat(),
    );
    assert_eq!(
        error_headers(true, "http://localhost:3000"),
        (pinned.clone(), false)
    );
    assert_eq!(
        error_headers(true, "https://app.example.com"),
        (pinned, true)
    );
    let echoed = owned(
        &[
            &base[..],
            &[
                ("Access-Control-Allow-Origin", "http://localhost:3000"),
                ("Vary", "Origin"),
            ],
        ]
        .concat(),
    );
    assert_eq!(
        error_headers(false, "http://localhost:3000"),
        (echoed, true)
    );
}

#[test]
fn rest_gateway_errors_are_readable_only_with_gateway_responses() {
    // §2.5: API Gateway's own 401/403 carry CORS headers only through GatewayResponses.
    let c = rest(r#""https://app.example.com""#, r#","apiKeyRequired":true"#);
    let mut d = Deployment::for_config(&c);
    let sim = simulate(&c, &BrowserRequest::new(PAGE, "GET"), &d);
    assert_eq!(sim.actual.response.as_ref().unwrap().status, 403);
    assert!(!sim.allowed);
    assert!(sim.fix.unwrap().contains("GatewayResponses"));
    d.gateway_responses = true;
    let sim = simulate(&c, &BrowserRequest::new(PAGE, "GET"), &d);
    assert_eq!(sim.actual.response.as_ref().unwrap().status, 403);
    assert!(sim.allowed);
    assert!(sim.reason.contains("403"));
}

// ---------------------------------------------------------------------------------------------
// §5.2–§5.6: the browser's checks.

#[test]
fn cors_check_table() {
    // §5.3: ACAO present; `*` only without credentials; byte-exact origin; ACAC exactly `true`.
    let exact = rest(r#""https://app.example.com""#, "");
    let any = rest(r#""*""#, "");
    let creds = rest(
        r#""https://app.example.com""#,
        r#","allowCredentials":true"#,
    );
    let get = |mode| BrowserRequest::new(PAGE, "GET").credentials(mode);
    let table: [(&ValidCorsConfig, CredentialsMode, Option<&str>); 6] = [
        (&exact, CredentialsMode::SameOrigin, None),
        (&any, CredentialsMode::Omit, None),
        (&any, CredentialsMode::Include, Some("The value of the 'Access-Control-Allow-Origin' header in the response must not be the wildcard '*' when the request's credentials mode is 'include'.")),
        (&exact, CredentialsMode::Include, Some("The value of the 'Access-Control-Allow-Credentials' header in the response is '' which must be 'true' when the request's credentials mode is 'include'.")),
        (&creds, CredentialsMode::Include, None),
        (&creds, CredentialsMode::Omit, None),
    ];
    for (config, mode, message) in table {
        let sim = run(config, &get(mode), Tool::Generated);
        assert_eq!(sim.allowed, message.is_none(), "{mode:?}");
        if let Some(message) = message {
            assert_eq!(chrome_detail(&sim), message);
            assert_eq!(sim.failing_step.as_deref(), Some("cors-check"));
        }
    }
    let sim = run(
        &exact,
        &BrowserRequest::new("https://app.example.com:8443", "GET"),
        Tool::Generated,
    );
    assert_eq!(
        chrome_detail(&sim),
        "No 'Access-Control-Allow-Origin' header is present on the requested resource."
    );
}

#[test]
fn method_check_table() {
    // §5.2 step 4: listed (case-sensitive), safelisted, or `*` without credentials.
    let star = rest(
        r#""https://app.example.com""#,
        r#","allowMethods":["*"],"allowCredentials":true"#,
    );
    let listed = rest(r#""https://app.example.com""#, r#","allowMethods":["GET"]"#);
    let table: [(&ValidCorsConfig, &str, CredentialsMode, bool); 5] = [
        (&star, "DELETE", CredentialsMode::SameOrigin, true),
        (&star, "DELETE", CredentialsMode::Include, false),
        (&listed, "DELETE", CredentialsMode::SameOrigin, false),
        // POST is safelisted: it passes although only GET is listed.
        (&listed, "POST", CredentialsMode::SameOrigin, true),
        (&listed, "GET", CredentialsMode::SameOrigin, true),
    ];
    for (config, method, mode, allowed) in table {
        let request = BrowserRequest::new(PAGE, method)
            .header("X-Custom", "1")
            .credentials(mode);
        let sim = run(config, &request, Tool::Sam);
        assert_eq!(sim.allowed, allowed, "{method} {mode:?}");
    }
    let request = BrowserRequest::new(PAGE, "DELETE").credentials(CredentialsMode::Include);
    let sim = run(&star, &request, Tool::Sam);
    assert_eq!(sim.fix.as_deref(), Some("With credentials: 'include', '*' in Access-Control-Allow-Methods is a literal name: list DELETE in allowMethods."));
}

#[test]
fn header_check_table() {
    // §5.2 steps 5–6: names case-insensitive; `*` without credentials; Authorization and `*`.
    let star = rest(
        r#""https://app.example.com""#,
        r#","allowHeaders":["*"],"allowCredentials":true"#,
    );
    let listed = rest(
        r#""https://app.example.com""#,
        r#","allowHeaders":["x-custom"]"#,
    );
    let table: [(&ValidCorsConfig, &str, CredentialsMode, bool); 5] = [
        (&listed, "X-CUSTOM", CredentialsMode::SameOrigin, true),
        (&listed, "X-Other", CredentialsMode::SameOrigin, false),
        (&star, "X-Other", CredentialsMode::SameOrigin, true),
        (&star, "X-Other", CredentialsMode::Include, false),
        (&star, "Authorization", CredentialsMode::SameOrigin, true),
    ];
    for (config, name, mode, allowed) in table {
        let request = BrowserRequest::new(PAGE, "PUT")
            .header(name, "1")
            .credentials(mode);
        let sim = run(config, &request, Tool::Sam);
        assert_eq!(sim.allowed, allowed, "{name} {mode:?}");
    }
    // Chromium lets `*` cover Authorization (checked against Chromium 156); the standard and
    // Firefox do not, so the simulation warns.
    let request = BrowserRequest::new(PAGE, "PUT").header("Authorization", "Bearer t");
    let sim = run(&star, &request, Tool::Sam);
    assert_eq!(sim.warnings.len(), 1);
    assert!(sim.warnings[0].starts_with("Authorization is covered only by '*'"));
}

#[test]
fn preflight_cache_per_browser() {
    // §5.6: default 5 s; Chromium caps at 7200, Firefox at 86400.
    for (max_age, chromium, firefox) in [
        (None, 5, 5),
        (Some(0), 0, 0),
        (Some(600), 600, 600),
        (Some(10_000), 7200, 10_000),
        (Some(100_000), 7200, 86_400),
    ] {
        let extra = max_age.map_or(String::new(), |m: u32| format!(r#","maxAge":{m}"#));
        let c = rest(r#""https://app.example.com""#, &extra);
        let sim = run(&c, &BrowserRequest::new(PAGE, "PUT"), Tool::Sam);
        let cache = sim.cache.expect("a passed preflight");
        assert_eq!(
            (cache.chromium, cache.firefox),
            (chromium, firefox),
            "{max_age:?}"
        );
    }
}

#[test]
fn readable_headers_follow_expose_headers() {
    // §5.4: safelisted response headers, plus ACEH; `*` means all only without credentials.
    let star = http(r#","exposeHeaders":["*"],"allowCredentials":true"#);
    let sim = run(&star, &BrowserRequest::new(PAGE, "GET"), Tool::Generated);
    assert_eq!(
        sim.readable_headers,
        [
            "Content-Type",
            "Access-Control-Allow-Origin",
            "Access-Control-Allow-Credentials",
            "Access-Control-Expose-Headers"
        ]
    );
    let request = BrowserRequest::new(PAGE, "GET").credentials(CredentialsMode::Include);
    assert_eq!(
        run(&star, &request, Tool::Generated).readable_headers,
        ["Content-Type"]
    );
}

// ---------------------------------------------------------------------------------------------
// Output contracts (DESIGN.md `simulate --format json`) and the transcript.

#[test]
fn json_has_the_documented_fields() {
    let c = http("");
    let sim = run(&c, &BrowserRequest::new(PAGE, "PUT"), Tool::Generated);
    let json = serde_json::to_value(&sim).unwrap();
    for key in [
        "preflight",
        "actual",
        "allowed",
        "reason",
        "inferred",
        "steps",
        "failing_step",
        "fix",
        "chrome_message",
        "readable_headers",
        "cache",
        "warnings",
    ] {
        assert!(json.get(key).is_some(), "{key}");
    }
    assert_eq!(json["preflight"]["sent"], true);
    assert_eq!(json["preflight"]["request"]["method"], "OPTIONS");
    assert_eq!(json["preflight"]["response"]["status"], 204);
    assert_eq!(
        json["preflight"]["response"]["headers"][0],
        serde_json::json!(["Access-Control-Allow-Origin", PAGE])
    );
    assert_eq!(json["actual"]["response"]["status"], 200);
    assert_eq!(json["steps"][0]["name"], "request");
    let no_preflight = run(&c, &BrowserRequest::new(PAGE, "GET"), Tool::Generated);
    assert_eq!(
        serde_json::to_value(&no_preflight).unwrap()["preflight"],
        serde_json::Value::Null
    );
}

#[test]
fn transcript_shows_both_exchanges_then_the_verdict() {
    let c = rest(r#""https://app.example.com""#, "");
    let sim = run(
        &c,
        &BrowserRequest::new(PAGE, "PUT").header("X-Other", "1"),
        Tool::Sam,
    );
    let text = sim.transcript();
    let expected_start = "# Preflight\n> OPTIONS /prod/items HTTP/1.1\n> Host: abc123.execute-api.us-east-1.amazonaws.com\n> Origin: https://app.example.com\n> Accept: */*\n> Access-Control-Request-Method: PUT\n> Access-Control-Request-Headers: x-other\n\n< HTTP/1.1 200 OK\n";
    assert!(text.starts_with(expected_start), "{text}");
    assert!(text.contains("# Request (not sent)\n> PUT /prod/items HTTP/1.1\n"));
    assert!(text
        .contains("\nVerdict: BLOCKED: x-other is not allowed by Access-Control-Allow-Headers\n"));
    assert!(text.contains("\nFix: Add x-other to allowHeaders.\n"));
    assert!(text.contains("  [FAIL] preflight-check (§5.2): x-other is not allowed"));
}

#[test]
fn each_exchange_has_its_own_transcript() {
    let c = rest(r#""https://app.example.com""#, "");
    let blocked = run(
        &c,
        &BrowserRequest::new(PAGE, "PUT").header("X-Other", "1"),
        Tool::Sam,
    );
    let preflight = blocked.preflight_transcript().unwrap();
    assert!(preflight.starts_with(
        "> OPTIONS /prod/items HTTP/1.1\n> Host: abc123.execute-api.us-east-1.amazonaws.com\n"
    ));
    assert!(preflight.contains("> Access-Control-Request-Headers: x-other\n\n< HTTP/1.1 200 OK\n"));
    let actual = blocked.actual_transcript().unwrap();
    assert!(actual.starts_with("> PUT /prod/items HTTP/1.1\n"));
    assert!(
        !actual.contains("\n<"),
        "not sent, so no response: {actual}"
    );
    assert!(blocked.transcript().starts_with(&format!(
        "# Preflight\n{preflight}\n# Request (not sent)\n{actual}\n"
    )));

    let simple = run(&c, &BrowserRequest::new(PAGE, "GET"), Tool::Sam);
    assert_eq!(simple.preflight_transcript(), None);
    let actual = simple.actual_transcript().unwrap();
    assert!(actual.contains("\n\n< HTTP/1.1 200 OK\n"), "{actual}");
    assert!(simple
        .transcript()
        .starts_with(&format!("# Request\n{actual}\n")));

    let thrown = run(&c, &BrowserRequest::new(PAGE, "TRACE"), Tool::Sam);
    assert_eq!(thrown.actual_transcript(), None);
}

#[test]
fn header_lines_parse_like_a_text_area() {
    assert_eq!(
        BrowserRequest::parse_header_lines("Content-Type: application/json\n\n  X-A:1:2 \nX-Empty"),
        [
            ("Content-Type".to_owned(), "application/json".to_owned()),
            ("X-A".to_owned(), "1:2".to_owned()),
            ("X-Empty".to_owned(), String::new()),
        ]
    );
}

// ---------------------------------------------------------------------------------------------
// Requests no browser can make (issue: CR/LF printed into the transcript, `--url 'not a url'`).

#[test]
fn requests_no_browser_can_make_are_refused_with_the_reason_and_never_printed_raw() {
    let c = http("");
    let cases: &[(BrowserRequest, &str)] = &[
        (
            BrowserRequest::new("https://app.example.com\r\nx: y", "GET"),
            "no browser page has the origin 'https://app.example.com\\r\\nx: y': an origin cannot contain control characters such as a newline or a tab; API Gateway would copy them into the response header",
        ),
        (
            BrowserRequest::new("https://app.example.com/", "GET"),
            "no browser page has the origin 'https://app.example.com/': an origin has no path or trailing slash; the browser sends it without one, and the comparison is exact",
        ),
        (
            BrowserRequest::new("*", "GET"),
            "no browser page has the origin '*': a page has one exact origin, never a wildcard",
        ),
        (
            BrowserRequest::new("https://app.example.com", "PUT").header("X-A", "1\r\nX-Evil: y"),
            "fetch() throws a TypeError: the value of X-A contains a NUL, CR or LF, or a character beyond U+00FF",
        ),
        (
            BrowserRequest::new("https://app.example.com", "PUT").header("X-A", "a\0b"),
            "fetch() throws a TypeError: the value of X-A contains a NUL, CR or LF, or a character beyond U+00FF",
        ),
        (
            BrowserRequest::new("https://app.example.com", "PUT").header("X-A", "ünï €"),
            "fetch() throws a TypeError: the value of X-A contains a NUL, CR or LF, or a character beyond U+00FF",
        ),
        (
            BrowserRequest::new("https://app.example.com", "PUT").header("X-A\nB", "1"),
            "fetch() throws a TypeError: 'X-A\\nB' is not a valid header name",
        ),
    ];
    for (request, reason) in cases {
        assert_eq!(request.invalid_input().as_deref(), Some(*reason));
        let sim = run(&c, request, Tool::Generated);
        assert!(!sim.allowed);
        assert_eq!(sim.failing_step.as_deref(), Some("request"));
        assert_eq!(sim.reason, format!("blocked: {reason}"));
        assert_eq!((&sim.preflight, &sim.actual.request), (&None, &None));
        let transcript = sim.transcript();
        assert!(
            !transcript.contains('\r') && !transcript.contains("\nx: y"),
            "{transcript}"
        );
        assert!(
            !transcript.contains("X-Evil") && !transcript.contains('\0'),
            "{transcript}"
        );
    }
    // A value's leading and trailing whitespace is trimmed by fetch(), not refused.
    let trimmed = BrowserRequest::new("https://app.example.com", "PUT").header("X-A", " 1\r\n");
    assert_eq!(trimmed.invalid_input(), None);
}

#[test]
fn the_url_must_be_an_absolute_http_url() {
    let c = http("");
    let url = |url: &str| {
        let mut request = BrowserRequest::new("https://app.example.com", "GET");
        request.url = url.to_owned();
        request
    };
    let cases = [
        ("not a url", "fetch() cannot send to 'not a url': a URL holds no spaces, line breaks or other control characters"),
        ("/prod/items", "fetch() cannot send to '/prod/items': it is not an absolute URL; write the API's full address, such as https://abc123.execute-api.us-east-1.amazonaws.com/prod/items"),
        ("ftp://example.com/x", "fetch() cannot send to 'ftp://example.com/x': API Gateway answers http and https URLs only"),
        ("https://user:pw@example.com/x", "fetch() cannot send to 'https://user:pw@example.com/x': fetch() refuses a URL that includes credentials (user:password@)"),
        ("https://exa mple.com", "fetch() cannot send to 'https://exa mple.com': a URL holds no spaces, line breaks or other control characters"),
        ("https://example.com:99999/x", "fetch() cannot send to 'https://example.com:99999/x': its host or port is not valid"),
        ("https:///x", "fetch() cannot send to 'https:///x': its host or port is not valid"),
    ];
    for (written, reason) in cases {
        let request = url(written);
        assert_eq!(
            request.invalid_input().as_deref(),
            Some(reason),
            "{written}"
        );
        let sim = run(&c, &request, Tool::Generated);
        assert_eq!(sim.failing_step.as_deref(), Some("request"), "{written}");
        let chrome = written.contains('@').then(|| format!("Uncaught (in promise) TypeError: Failed to execute 'fetch' on 'Window': Request cannot be constructed from a URL that includes credentials: {written}"));
        assert_eq!(sim.chrome_message, chrome, "{written}");
    }
    for fine in [
        "https://abc123.execute-api.us-east-1.amazonaws.com/prod/items?x=1",
        "http://127.0.0.1:3000",
        "HTTPS://Example.com",
    ] {
        assert_eq!(url(fine).invalid_input(), None, "{fine}");
    }
}
