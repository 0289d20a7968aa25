//! `apigw-cors probe` against a scripted API Gateway stand-in on loopback (`support/stub.rs`):
//! every scenario × request of `support/scenarios.rs` with its verdict and cause, then the
//! network's edges (TLS with a certificate made here, a slow answer, a refused connection,
//! redirects), the output formats and `--config`.

mod support;

use serde_json::Value;
use std::process::{Command, Output};
use std::sync::Arc;
use std::time::{Duration, Instant};
use support::scenarios::{allowed, reply, REQUESTS, SCENARIOS};
use support::stub::{self_signed_tls, Reply, Stub};

const ORIGIN: &str = "http://127.0.0.1:4173";

fn probe(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_apigw-cors"))
        .arg("probe")
        .args(args)
        .output()
        .expect("run apigw-cors")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn json(output: &Output) -> Value {
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!("not JSON ({e}): {}", stdout(output));
    })
}

fn scenario_stub() -> Stub {
    Stub::start(Arc::new(reply), None)
}

fn script(f: impl Fn(&support::stub::Seen) -> Reply + Send + Sync + 'static) -> Stub {
    Stub::start(Arc::new(f), None)
}

/// The arguments for one of the scenario requests.
fn request_args(url: &str, index: usize) -> Vec<String> {
    let request = REQUESTS[index];
    let mut args = vec![
        url.to_owned(),
        "--origin".into(),
        ORIGIN.into(),
        "--method".into(),
        request.method.into(),
        "--format".into(),
        "json".into(),
    ];
    for (name, value) in request.headers {
        args.push("--header".into());
        args.push(format!("{name}: {value}"));
    }
    if request.credentials {
        args.push("--credentials".into());
    }
    args
}

#[test]
fn every_scenario_and_request_gets_its_verdict_and_cause() {
    let stub = scenario_stub();
    let mut checked = 0;
    for scenario in SCENARIOS {
        let url = format!("http://127.0.0.1:{}/s/{}/items", stub.port, scenario.id);
        for (index, want) in scenario.expect.iter().enumerate() {
            let args = request_args(&url, index);
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let output = probe(&args);
            let doc = json(&output);
            let case = format!("{}/{}", scenario.id, REQUESTS[index].id);
            let first_cause = doc["causes"][0]["id"].as_str().map(str::to_owned);
            assert_eq!(first_cause.as_deref(), *want, "{case}: {doc:#}");
            assert_eq!(doc["allowed"], allowed(*want), "{case}: {doc:#}");
            let code = if allowed(*want) { 0 } else { 1 };
            assert_eq!(output.status.code(), Some(code), "{case}");
            if !allowed(*want) {
                let message = doc["chrome_message"].as_str().unwrap_or_default();
                assert!(
                    message.contains("has been blocked by CORS policy"),
                    "{case}: {message}"
                );
                assert!(doc["fix"].as_str().is_some_and(|f| !f.is_empty()), "{case}");
            }
            checked += 1;
        }
    }
    assert_eq!(checked, SCENARIOS.len() * REQUESTS.len());
    assert!(checked >= 100, "{checked} cases");
}

#[test]
fn the_text_shows_each_exchange_the_verdict_and_the_fix_in_the_chosen_tool() {
    let stub = scenario_stub();
    let url = format!("http://127.0.0.1:{}/s/authorizer-401/items", stub.port);
    let output = probe(&[
        &url,
        "--origin",
        ORIGIN,
        "--method",
        "PUT",
        "--header",
        "Authorization: Bearer allow",
        "--tool",
        "cdk",
    ]);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    let expected_start = format!(
        "# Preflight\n\
         > OPTIONS /s/authorizer-401/items HTTP/1.1\n\
         > Host: 127.0.0.1:{}\n\
         > Origin: {ORIGIN}\n\
         > Accept: */*\n\
         > Access-Control-Request-Method: PUT\n\
         > Access-Control-Request-Headers: authorization\n\
         \n\
         < HTTP/1.1 401 Unauthorized\n\
         < Content-Type: application/json\n\
         < x-amzn-RequestId: 8f6e0c2a-1b3d-4e5f-9a7b-0c1d2e3f4a5b\n\
         < x-amzn-ErrorType: UnauthorizedException\n\
         < x-amz-apigw-id: Rk3x9HwFoAMFQ2w=\n\
         < Content-Length: 26\n\
         < Connection: close\n\
         <\n\
         < {{\"message\":\"Unauthorized\"}}\n\
         \n\
         Verdict: BLOCKED: the preflight got 401 (API Gateway's own error, x-amzn-ErrorType: UnauthorizedException), without Access-Control-Allow-Origin\n\
         Chrome: Access to fetch at '{url}' from origin '{ORIGIN}' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n",
        stub.port
    );
    assert!(text.starts_with(&expected_start), "{text}");
    assert!(
        text.contains("  [FAIL] preflight-response (§8.3)"),
        "{text}"
    );
    assert!(text.contains(
        "\nCauses:\n  [authorizer-on-preflight] An authorizer runs on the preflight\n    seen: API Gateway answered the preflight 401 (x-amzn-ErrorType: UnauthorizedException)"
    ), "{text}");
    let cdk_fix = apigw_cors::Cause::AuthorizerOnPreflight.fix(apigw_cors::DeployTool::Cdk);
    assert!(
        text.contains(&format!(
            "    fix (cdk): {cdk_fix}\n    field: authorizerHeader\n"
        )),
        "{text}"
    );
    assert!(text.contains(&format!("Fix: {cdk_fix}\n")), "{text}");
    // The request itself was never sent: the preflight failed.
    assert_eq!(stub.requests().len(), 1);
}

#[test]
fn requests_go_out_exactly_as_the_browser_sends_them() {
    let stub = scenario_stub();
    let url = format!("http://127.0.0.1:{}/s/mock-ok/items?x=1", stub.port);
    let output = probe(&[&url, "--origin", ORIGIN, "--method", "patch"]);
    assert_eq!(output.status.code(), Some(1), "{}", stdout(&output));
    let seen = stub.requests();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].method, "OPTIONS");
    assert_eq!(seen[0].target, "/s/mock-ok/items?x=1");
    let names: Vec<(&str, &str)> = seen[0]
        .headers
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect();
    assert_eq!(
        names,
        [
            ("Host", format!("127.0.0.1:{}", stub.port).as_str()),
            ("Origin", ORIGIN),
            ("Accept", "*/*"),
            ("Access-Control-Request-Method", "patch"),
            (
                "User-Agent",
                concat!("apigw-cors/", env!("CARGO_PKG_VERSION"), " (probe)")
            ),
            ("Connection", "close"),
        ]
    );
    // The preflight allows PATCH, so the lower-case method is what the browser refuses.
    let doc_output = probe(&[
        &url, "--origin", ORIGIN, "--method", "PATCH", "--format", "json",
    ]);
    let doc = json(&doc_output);
    assert_eq!(doc["allowed"], true);
    let methods: Vec<String> = stub.requests().into_iter().map(|s| s.method).collect();
    assert_eq!(methods, ["OPTIONS", "OPTIONS", "PATCH"]);
}

#[test]
fn json_has_the_simulators_shape_plus_the_raw_exchanges_and_the_causes() {
    let stub = scenario_stub();
    let url = format!(
        "http://127.0.0.1:{}/s/duplicate-allow-origin/items",
        stub.port
    );
    let output = probe(&[
        &url,
        "--origin",
        ORIGIN,
        "--format",
        "json",
        "--tool",
        "terraform",
    ]);
    assert_eq!(output.status.code(), Some(1));
    let doc = json(&output);
    for key in [
        "preflight",
        "actual",
        "allowed",
        "reason",
        "inferred",
        "steps",
        "failing_step",
        "chrome_message",
        "fix",
    ] {
        assert!(doc.get(key).is_some(), "{key} missing: {doc:#}");
    }
    assert_eq!(doc["preflight"], Value::Null);
    assert_eq!(doc["failing_step"], "cors-check");
    assert_eq!(
        doc["chrome_message"],
        format!("Access to fetch at '{url}' from origin '{ORIGIN}' has been blocked by CORS policy: The 'Access-Control-Allow-Origin' header contains multiple values '{ORIGIN}, {ORIGIN}', but only one is allowed. Have the server send the header with a valid value.")
    );
    let exchanges = doc["exchanges"].as_array().expect("exchanges");
    assert_eq!(exchanges.len(), 1);
    assert_eq!(exchanges[0]["kind"], "actual");
    let allow_origin: Vec<&Value> = exchanges[0]["response"]["headers"]
        .as_array()
        .expect("headers")
        .iter()
        .filter(|h| h[0] == "Access-Control-Allow-Origin")
        .map(|h| &h[1])
        .collect();
    assert_eq!(allow_origin, [ORIGIN, ORIGIN]);
    let cause = &doc["causes"][0];
    assert_eq!(cause["id"], "duplicate-allow-origin");
    assert_eq!(cause["observation"]["id"], "several-allow-origins");
    assert_eq!(
        cause["observation"]["values"],
        serde_json::json!([ORIGIN, ORIGIN])
    );
    assert_eq!(cause["tool"], "terraform");
    assert_eq!(
        cause["fix"],
        apigw_cors::Cause::DuplicateAllowOrigin.fix(apigw_cors::DeployTool::Terraform)
    );
    assert_eq!(doc["fix"], cause["fix"]);
}

#[test]
fn https_with_a_certificate_given_to_the_probe() {
    let (tls, pem) = self_signed_tls();
    let stub = Stub::start(Arc::new(reply), Some(tls));
    let dir = tempfile::tempdir().expect("temp dir");
    let cacert = dir.path().join("stub.pem");
    std::fs::write(&cacert, &pem).expect("write PEM");
    let url = format!("https://127.0.0.1:{}/s/mock-ok/items", stub.port);
    let cacert = cacert.to_str().expect("path");
    let output = probe(&[
        &url, "--origin", ORIGIN, "--method", "PUT", "--cacert", cacert,
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert!(stdout(&output).contains("Verdict: ALLOWED"));
    assert_eq!(stub.requests().len(), 2);

    // Without it, the self-signed certificate is refused: a network failure, no verdict.
    let output = probe(&[&url, "--origin", ORIGIN]);
    assert_eq!(output.status.code(), Some(3));
    assert_eq!(stdout(&output), "");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.starts_with(&format!(
            "error: network failure while talking HTTPS to 127.0.0.1:{}: ",
            stub.port
        )),
        "{stderr}"
    );
    assert!(stderr.contains("UnknownIssuer"), "{stderr}");

    // A file that holds no certificate is a usage error naming it.
    let bad = dir.path().join("empty.pem");
    std::fs::write(&bad, "not a certificate").expect("write");
    let output = probe(&[
        &url,
        "--origin",
        ORIGIN,
        "--cacert",
        bad.to_str().expect("path"),
    ]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("empty.pem: no PEM certificate"), "{stderr}");
}

#[test]
fn a_slow_answer_is_a_network_failure_within_the_timeout() {
    let stub = script(|_| Reply::new(200).delay(Duration::from_secs(5)));
    let url = format!("http://127.0.0.1:{}/slow", stub.port);
    let started = Instant::now();
    let output = probe(&[
        &url,
        "--origin",
        ORIGIN,
        "--timeout",
        "0.5",
        "--format",
        "json",
    ]);
    let took = started.elapsed();
    assert_eq!(output.status.code(), Some(3));
    assert!(took >= Duration::from_millis(500), "{took:?}");
    // Well before the answer's 5 s (a loaded machine may take a second or two to start the
    // process): the timeout ended it, not the answer.
    assert!(took < Duration::from_millis(4500), "{took:?}");
    let doc = json(&output);
    assert_eq!(doc["network_error"]["cause"], "timed out (--timeout)");
    assert_eq!(
        doc["network_error"]["during"],
        format!("talking HTTP to 127.0.0.1:{}", stub.port)
    );
    // One attempt only: nothing retried.
    assert_eq!(stub.requests().len(), 1);
}

#[test]
fn a_refused_connection_is_exit_3_and_never_a_verdict() {
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        listener.local_addr().expect("address").port()
    };
    let url = format!("http://127.0.0.1:{port}/prod/items");
    let output = probe(&[&url, "--origin", ORIGIN]);
    assert_eq!(output.status.code(), Some(3));
    assert_eq!(stdout(&output), "");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.starts_with(&format!(
            "error: network failure while connecting to 127.0.0.1:{port}: "
        )),
        "{stderr}"
    );
    assert!(
        stderr.ends_with("; no CORS verdict (nothing was decided)\n"),
        "{stderr}"
    );
}

#[test]
fn redirects_are_followed_with_a_cors_check_at_each_and_never_for_a_preflight() {
    let stub = scenario_stub();
    let base = format!("http://127.0.0.1:{}", stub.port);
    // A simple GET follows a 302 that carries CORS headers.
    let output = probe(&[
        &format!("{base}/s/redirect-followed/items"),
        "--origin",
        ORIGIN,
        "--format",
        "json",
    ]);
    let doc = json(&output);
    assert_eq!(output.status.code(), Some(0), "{doc:#}");
    let urls: Vec<&str> = doc["exchanges"]
        .as_array()
        .expect("exchanges")
        .iter()
        .map(|e| e["request"]["url"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(
        urls,
        [
            format!("{base}/s/redirect-followed/items"),
            format!("{base}/s/redirect-followed/final")
        ]
    );
    // A POST with JSON is preflighted, then the 302 turns it into a GET without Content-Type:
    // no second preflight.
    let output = probe(&[
        &format!("{base}/s/redirect-followed/items"),
        "--origin",
        ORIGIN,
        "--method",
        "POST",
        "--header",
        "Content-Type: application/json",
        "--format",
        "json",
    ]);
    let doc = json(&output);
    let sent: Vec<String> = doc["exchanges"]
        .as_array()
        .expect("exchanges")
        .iter()
        .map(|e| {
            format!(
                "{} {}",
                e["request"]["method"].as_str().unwrap_or_default(),
                e["request"]["url"].as_str().unwrap_or_default()
            )
        })
        .collect();
    assert_eq!(
        sent,
        [
            format!("OPTIONS {base}/s/redirect-followed/items"),
            format!("POST {base}/s/redirect-followed/items"),
            format!("GET {base}/s/redirect-followed/final")
        ]
    );
    assert_eq!(doc["allowed"], true);

    // A redirect without CORS headers is refused, and Chrome names the final URL.
    let output = probe(&[
        &format!("{base}/s/redirect-without-cors/items"),
        "--origin",
        ORIGIN,
        "--format",
        "json",
    ]);
    let doc = json(&output);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(doc["causes"][0]["observation"]["id"], "redirect-refused");
    assert_eq!(doc["exchanges"].as_array().map(Vec::len), Some(1));

    // A redirected preflight stops everything.
    let output = probe(&[
        &format!("{base}/s/preflight-redirect/items"),
        "--origin",
        ORIGIN,
        "--method",
        "PUT",
        "--format",
        "json",
    ]);
    let doc = json(&output);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(doc["failing_step"], "preflight-check");
    assert!(doc["chrome_message"].as_str().unwrap_or_default().ends_with("Response to preflight request doesn't pass access control check: Redirect is not allowed for a preflight request."));
    assert_eq!(doc["exchanges"].as_array().map(Vec::len), Some(1));
}

#[test]
fn a_redirect_to_another_origin_sends_origin_null_and_more_than_20_redirects_stop() {
    let stub = script(|seen| {
        let hop: usize = seen.target.trim_start_matches("/hop/").parse().unwrap_or(0);
        let port = seen
            .header("Host")
            .and_then(|h| h.rsplit(':').next())
            .unwrap_or("0")
            .to_owned();
        let allow = seen.header("Origin").unwrap_or_default().to_owned();
        if seen.target == "/cross" {
            // To localhost: another origin than 127.0.0.1, so the request's origin is tainted.
            return Reply::new(307)
                .header("Access-Control-Allow-Origin", &allow)
                .header("Location", &format!("http://localhost:{port}/landing"));
        }
        if seen.target == "/landing" {
            return Reply::new(200).header("Access-Control-Allow-Origin", &allow);
        }
        Reply::new(302)
            .header("Access-Control-Allow-Origin", &allow)
            .header("Location", &format!("/hop/{}", hop + 1))
    });
    let output = probe(&[
        &format!("http://127.0.0.1:{}/cross", stub.port),
        "--origin",
        ORIGIN,
        "--format",
        "json",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    let origins: Vec<String> = stub
        .requests()
        .iter()
        .map(|s| s.header("Origin").unwrap_or_default().to_owned())
        .collect();
    assert_eq!(origins, [ORIGIN, "null"]);

    let output = probe(&[
        &format!("http://127.0.0.1:{}/hop/0", stub.port),
        "--origin",
        ORIGIN,
        "--format",
        "json",
    ]);
    let doc = json(&output);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(doc["exchanges"].as_array().map(Vec::len), Some(21));
    assert_eq!(
        doc["causes"][0]["observation"]["id"],
        "redirect-not-followed"
    );
    assert_eq!(doc["chrome_message"], Value::Null);
}

#[test]
fn config_differences_are_listed_and_fail_the_probe() {
    let stub = scenario_stub();
    let dir = tempfile::tempdir().expect("temp dir");
    let config = dir.path().join("cors.yaml");
    std::fs::write(
        &config,
        format!("apiType: rest\nallowOrigins: ['{ORIGIN}']\nallowMethods: [GET, POST, PUT, DELETE, PATCH]\nallowHeaders: [Content-Type, Authorization, X-Api-Key]\nallowCredentials: true\n"),
    )
    .expect("write config");
    let config = config.to_str().expect("path");
    let url = format!("http://127.0.0.1:{}/s/mock-ok/items", stub.port);
    let output = probe(&[
        &url, "--origin", ORIGIN, "--method", "PUT", "--config", config,
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert!(
        stdout(&output).ends_with("\nConfiguration: the live answers match it\n"),
        "{}",
        stdout(&output)
    );

    // The same configuration against a stage that allows fewer methods and headers.
    let url = format!("http://127.0.0.1:{}/s/max-age-above-cap/items", stub.port);
    let output = probe(&[
        &url, "--origin", ORIGIN, "--method", "PUT", "--config", config, "--format", "json",
    ]);
    assert_eq!(output.status.code(), Some(1));
    let doc = json(&output);
    assert_eq!(doc["allowed"], true);
    assert_eq!(
        doc["differences"],
        serde_json::json!([{"field": "maxAge", "configured": "no Access-Control-Max-Age", "live": "Access-Control-Max-Age: 86400"}])
    );
    let ids: Vec<&str> = doc["causes"]
        .as_array()
        .expect("causes")
        .iter()
        .map(|c| c["id"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(ids, ["max-age-above-browser-cap", "stale-deployment"]);

    // The browser allows this POST (POST needs no listing), yet the stage differs.
    let url = format!("http://127.0.0.1:{}/s/methods-missing/items", stub.port);
    let output = probe(&[
        &url,
        "--origin",
        ORIGIN,
        "--method",
        "POST",
        "--header",
        "Content-Type: application/json",
        "--config",
        config,
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout(&output).contains("Verdict: ALLOWED"));
    let text = stdout(&output);
    assert!(text.contains("\nConfiguration differences:\n  allowMethods: the configuration says PUT is allowed; the API answers Access-Control-Allow-Methods without PUT\n  allowMethods: the configuration says DELETE is allowed; the API answers Access-Control-Allow-Methods without DELETE\n  allowMethods: the configuration says PATCH is allowed; the API answers Access-Control-Allow-Methods without PATCH\n  [stale-deployment] The stage serves an old deployment\n"), "{text}");
}

#[test]
fn usage_errors_name_the_option_and_the_value() {
    for (args, message) in [
        (vec!["http://127.0.0.1:9/x", "--origin", ORIGIN, "--timeout", "0"], "error: --timeout 0: the probe's time limit is a number of seconds above 0 and at most 600; for example --timeout 10\n"),
        (vec!["http://127.0.0.1:9/x", "--origin", "https://app.example.com/"], "error: no browser page has the origin 'https://app.example.com/'"),
        (vec!["ftp://127.0.0.1:9/x", "--origin", ORIGIN], "error: fetch() cannot send to 'ftp://127.0.0.1:9/x'"),
    ] {
        let output = probe(&args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.starts_with(message), "{stderr}");
    }
    let output = probe(&[
        "http://127.0.0.1:9/x",
        "--origin",
        ORIGIN,
        "--tool",
        "pulumi",
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr)
        .contains("unknown tool \"pulumi\"; the tools are: sam, cdk"));
}
