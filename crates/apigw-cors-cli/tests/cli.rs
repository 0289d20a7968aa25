//! Black-box tests of the `apigw-cors` binary: arguments, exit codes, stdout and stderr.

use apigw_cors::{render, validate, ApiType, CorsConfig, Target};
use std::io::Write;
use std::process::{Command, Output, Stdio};

const VALID_YAML: &str = "\
apiType: http
allowOrigins:
  - https://app.example.com
  - HTTP://LOCALHOST:3000
allowMethods: [GET, POST]
allowHeaders: [Content-Type, Authorization]
exposeHeaders: [X-Request-Id]
maxAge: 600
allowCredentials: false
";

fn apigw_cors(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_apigw-cors"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    input.write_all(stdin.unwrap_or("").as_bytes()).unwrap();
    drop(input);
    child.wait_with_output().unwrap()
}

fn file(name: &str, text: &str) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    (dir, path.to_str().unwrap().to_owned())
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

fn expected(target: Target) -> String {
    let config = CorsConfig::from_yaml(VALID_YAML).unwrap();
    render(target, &validate(&config).unwrap().config)
}

#[test]
fn generate_one_target_prints_exactly_the_library_text() {
    let (_dir, path) = file("cors.yaml", VALID_YAML);
    for target in Target::ALL {
        let output = apigw_cors(&["generate", &path, "--target", target.name()], None);
        assert_eq!(output.status.code(), Some(0), "{target}");
        assert_eq!(stdout(&output), expected(target), "{target}");
    }
}

#[test]
fn generate_notes_normalizations_on_stderr() {
    let (_dir, path) = file("cors.yaml", VALID_YAML);
    let output = apigw_cors(&["generate", &path, "--target", "sam-globals"], None);
    assert_eq!(
        stderr(&output).lines().next().unwrap(),
        "note: allowOrigins[1] \"HTTP://LOCALHOST:3000\": browsers send this origin as http://localhost:3000 \
         (lower-case scheme and host, no default port, IPv6 in its short form), and the comparison is exact, so it is used in that form [origin-normalized]"
    );
}

#[test]
fn generate_json_maps_each_target_to_its_text() {
    let (_dir, path) = file("cors.yaml", VALID_YAML);
    let output = apigw_cors(
        &[
            "generate", &path, "--target", "cdk", "-t", "curl", "--format", "json",
        ],
        None,
    );
    assert_eq!(output.status.code(), Some(0));
    let object: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(object.len(), 2);
    assert_eq!(object["cdk"], expected(Target::Cdk));
    assert_eq!(object["curl"], expected(Target::Curl));
}

#[test]
fn generate_without_target_prints_every_target_for_the_api_type() {
    let (_dir, path) = file("cors.yaml", VALID_YAML);
    let output = apigw_cors(&["generate", &path, "--format", "json"], None);
    let object: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(&stdout(&output)).unwrap();
    let mut names: Vec<&str> = object.keys().map(String::as_str).collect();
    names.sort();
    let mut http_targets: Vec<&str> = Target::ALL
        .iter()
        .filter(|t| **t != Target::GatewayResponses)
        .map(|t| t.name())
        .collect();
    http_targets.sort();
    assert_eq!(names, http_targets);

    let text = stdout(&apigw_cors(&["generate", &path], None));
    let headings: Vec<&str> = text.lines().filter(|l| l.starts_with("==> ")).collect();
    let expected: Vec<String> = Target::for_api_type(ApiType::Http)
        .map(|t| format!("==> {} <==", t.name()))
        .collect();
    assert_eq!(headings, expected);
    assert_eq!(headings[0], "==> sam-globals <==");
}

#[test]
fn json_and_stdin_configurations_are_read() {
    let json = CorsConfig::from_yaml(VALID_YAML).unwrap().to_json();
    let (_dir, path) = file("cors.json", &json);
    let from_file = apigw_cors(&["generate", &path, "-t", "sam-globals"], None);
    let from_stdin_json = apigw_cors(&["generate", "-", "-t", "sam-globals"], Some(&json));
    let from_stdin_yaml = apigw_cors(&["generate", "-", "-t", "sam-globals"], Some(VALID_YAML));
    for output in [&from_file, &from_stdin_json, &from_stdin_yaml] {
        assert_eq!(output.status.code(), Some(0), "{}", stderr(output));
        assert_eq!(stdout(output), expected(Target::SamGlobals));
    }
}

#[test]
fn an_invalid_configuration_exits_1_naming_field_and_value() {
    let (_dir, path) = file(
        "bad.yaml",
        "apiType: rest\nallowOrigins: [https://a.com, 'https://app.example.com/', https://*]\nallowMethods: [GET]\n",
    );
    let output = apigw_cors(&["generate", &path], None);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(stdout(&output), "");
    let messages = stderr(&output);
    let errors: Vec<&str> = messages
        .lines()
        .filter(|l| l.starts_with("error:"))
        .collect();
    assert_eq!(errors.len(), 2);
    assert!(errors[0].starts_with(
        "error: allowOrigins[1] \"https://app.example.com/\": an origin has no path or trailing slash"
    ));
    assert!(errors[1]
        .starts_with("error: allowOrigins[2] \"https://*\": REST APIs send one fixed origin"));
}

#[test]
fn an_unreadable_or_unknown_key_file_is_reported() {
    let (_dir, path) = file(
        "cors.yaml",
        "apiType: http\nallowOrigins: [https://a.com]\nallowOrigin: x\n",
    );
    let output = apigw_cors(&["check", &path], None);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).starts_with("error: YAML configuration: unknown field `allowOrigin`"));

    let missing = apigw_cors(&["check", "/nonexistent/cors.yaml"], None);
    assert_eq!(missing.status.code(), Some(2));
    assert!(stderr(&missing).starts_with("error: cannot read /nonexistent/cors.yaml"));

    let (_dir2, txt) = file("cors.txt", VALID_YAML);
    let wrong_extension = apigw_cors(&["check", &txt], None);
    assert_eq!(wrong_extension.status.code(), Some(2));
}

#[test]
fn usage_errors_exit_2() {
    let (_dir, path) = file("cors.yaml", VALID_YAML);
    for args in [
        vec!["generate", path.as_str(), "--target", "pulumi"],
        vec!["generate"],
        vec!["check", path.as_str(), "--format", "xml"],
        vec!["deploy"],
    ] {
        let output = apigw_cors(&args, None);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
    }
    let unknown_target = apigw_cors(&["generate", &path, "--target", "pulumi"], None);
    assert!(stderr(&unknown_target).contains("unknown target \"pulumi\""));
}

#[test]
fn check_text_lists_findings_and_a_summary() {
    let (_dir, path) = file(
        "cors.yaml",
        "apiType: rest\nallowOrigins: ['*']\nallowMethods: [GET, POST]\n",
    );
    let output = apigw_cors(&["check", &path], None);
    assert_eq!(output.status.code(), Some(0));
    let text = stdout(&output);
    assert!(text.starts_with("warning: allowOrigins \"*\": * lets every website read"));
    assert_eq!(
        text.lines().last().unwrap(),
        "0 error(s), 2 warning(s), 3 note(s)"
    );
}

#[test]
fn check_json_is_machine_readable_and_exits_1_on_errors() {
    let (_dir, path) = file(
        "cors.json",
        r#"{"apiType":"http","allowOrigins":["*"],"allowMethods":["GET"],"allowCredentials":true}"#,
    );
    let output = apigw_cors(&["check", &path, "--format", "json"], None);
    assert_eq!(output.status.code(), Some(1));
    let document: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(document["valid"], false);
    assert_eq!(
        document["diagnostics"][0]["code"],
        "credentials-wildcard-origin"
    );
    assert_eq!(document["diagnostics"][0]["severity"], "error");
    assert_eq!(document["diagnostics"][0]["field"], "allowCredentials");
    assert_eq!(document["diagnostics"][0]["value"], "true");
}

#[test]
fn help_shows_examples() {
    let output = apigw_cors(&["--help"], None);
    assert_eq!(output.status.code(), Some(0));
    let text = stdout(&output);
    assert!(text.contains("apigw-cors generate cors.yaml --target sam-globals"));
    assert!(text.contains("Exit status: 0 success, 1 the configuration is invalid"));
}

#[test]
fn a_configuration_file_with_a_wrong_type_names_the_field() {
    let (_dir, path) = file(
        "cors.yaml",
        "apiType: http\nallowOrigins: [https://a.com]\nmaxAge: \"600\"\n",
    );
    let output = apigw_cors(&["check", &path], None);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stderr(&output),
        "error: YAML configuration: maxAge: invalid type: string \"600\", expected i64 at line 3 column 9\n"
    );
    let (_dir, path) = file(
        "cors.json",
        r#"{"apiType": "soap", "allowOrigins": ["https://a.com"]}"#,
    );
    let output = apigw_cors(&["generate", &path], None);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stderr(&output),
        "error: JSON configuration: apiType: unknown variant `soap`, expected `rest` or `http` at line 1 column 18\n"
    );
}

#[test]
fn a_configuration_that_is_not_utf8_is_invalid_not_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cors.yaml");
    std::fs::write(&path, b"apiType: http\nallowOrigins: [https://a.com\xff]\n").unwrap();
    let output = apigw_cors(&["check", path.to_str().unwrap()], None);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stderr(&output),
        format!(
            "error: {}: a configuration is UTF-8 text; byte 42 is not\n",
            path.display()
        )
    );
}

#[test]
fn a_byte_order_mark_before_the_configuration_is_accepted() {
    let (_dir, path) = file("cors.yaml", &format!("\u{feff}{VALID_YAML}"));
    let output = apigw_cors(&["generate", &path, "--target", "cdk"], None);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(stdout(&output), expected(Target::Cdk));
}

#[test]
fn deep_nesting_is_refused_at_once_with_the_limit() {
    let started = std::time::Instant::now();
    for levels in [40_000, 100_000] {
        let deep = format!("{}{}", "[".repeat(levels), "]".repeat(levels));
        let (_dir, path) = file(
            "deep.yaml",
            &format!("apiType: http\nallowOrigins: {deep}\n"),
        );
        let output = apigw_cors(&["check", &path], None);
        assert_eq!(output.status.code(), Some(1));
        assert_eq!(
            stderr(&output),
            "error: YAML configuration: nesting deeper than 64 levels of [ ] or { } at line 2 \
             column 79; it was refused before parsing (a configuration needs 2)\n"
        );
        let (_dir, template) = file(
            "template.yaml",
            &format!(
                "Resources:\n  Api:\n    Type: AWS::Serverless::HttpApi\n    Properties: {deep}\n"
            ),
        );
        let output = apigw_cors(&["check", "--template", &template], None);
        assert_eq!(output.status.code(), Some(1));
        assert_eq!(
            stderr(&output),
            format!(
                "error: {template}: the template is not read: nesting deeper than 64 levels of \
                 [ ] or {{ }} at line 4 column 81; it was refused before parsing\n"
            )
        );
    }
    // Before the check, 40,000 levels alone took 18 s.
    let elapsed = started.elapsed();
    assert!(
        elapsed < std::time::Duration::from_secs(5),
        "took {elapsed:?}"
    );
}

/// A configuration that validates without notes, so stderr holds only the command's error.
const SIMULATED_YAML: &str =
    "apiType: http\nallowOrigins: [https://app.example.com]\nallowMethods: [GET, PUT]\nallowHeaders: [X-Request-Id]\n";

#[test]
fn simulate_refuses_requests_no_browser_can_make_with_exit_2() {
    let (_dir, path) = file("cors.yaml", SIMULATED_YAML);
    let cases: &[(&[&str], &str)] = &[
        (
            &["--origin", "https://app.example.com\r\nx: y"],
            "error: no browser page has the origin 'https://app.example.com\\r\\nx: y': an origin cannot contain control characters such as a newline or a tab; API Gateway would copy them into the response header\n",
        ),
        (
            &["--method", "PUT", "--header", "X-A: 1\r\nX-Evil: y"],
            "error: fetch() throws a TypeError: the value of X-A contains a NUL, CR or LF, or a character beyond U+00FF\n",
        ),
        (
            &["--url", "not a url"],
            "error: fetch() cannot send to 'not a url': a URL holds no spaces, line breaks or other control characters\n",
        ),
        (
            &["--origin", "https://app.example.com/"],
            "error: no browser page has the origin 'https://app.example.com/': an origin has no path or trailing slash; the browser sends it without one, and the comparison is exact\n",
        ),
    ];
    for (args, message) in cases {
        for format in ["text", "json"] {
            let mut argv = vec!["simulate", &path, "--format", format];
            argv.extend_from_slice(args);
            let output = apigw_cors(&argv, None);
            assert_eq!(output.status.code(), Some(2), "{args:?}");
            assert_eq!(stderr(&output), *message, "{args:?}");
            assert_eq!(stdout(&output), "", "{args:?}");
        }
    }
    // Each --header is one header: its trailing line break is trimmed, as fetch() does.
    let output = apigw_cors(
        &[
            "simulate",
            &path,
            "--method",
            "PUT",
            "--header",
            "X-Request-Id: 7\r\n",
        ],
        None,
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stdout(&output).contains("\n> X-Request-Id: 7\n"));
}

#[test]
fn simulate_options_for_rest_apis_are_errors_on_an_http_api() {
    let (_dir, path) = file("cors.yaml", SIMULATED_YAML);
    for option in ["--api-key", "--gateway-responses"] {
        let output = apigw_cors(&["simulate", &path, option], None);
        assert_eq!(output.status.code(), Some(2), "{option}");
        assert_eq!(
            stderr(&output),
            format!("error: {option} applies to REST APIs only, and the configuration is for an HTTP API\n")
        );
    }
    let rest = SIMULATED_YAML.replace("apiType: http", "apiType: rest");
    let (_dir, path) = file("rest.yaml", &rest);
    let output = apigw_cors(
        &["simulate", &path, "--api-key", "--gateway-responses"],
        None,
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
}

#[test]
fn check_json_reports_a_configuration_that_cannot_be_read() {
    let (_dir, path) = file(
        "cors.yaml",
        "apiType: http\nallowOrigins: [https://a.com]\nmaxAge: \"600\"\n",
    );
    let output = apigw_cors(&["check", &path, "--format", "json"], None);
    assert_eq!(output.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(
        json,
        serde_json::json!({
            "valid": false,
            "diagnostics": [],
            "error": {
                "field": "maxAge",
                "message": "YAML configuration: maxAge: invalid type: string \"600\", expected i64 at line 3 column 9",
            },
        })
    );
    let output = apigw_cors(&["check", "/nonexistent.json", "--format", "json"], None);
    assert_eq!(output.status.code(), Some(2));
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(json["valid"], false);
    assert!(json["error"]["message"]
        .as_str()
        .unwrap()
        .starts_with("cannot read /nonexistent.json: "));
}

/// A reader that goes away (`apigw-cors generate … | head -c 10`) ends the command quietly with
/// the status of a command killed by SIGPIPE, never a panic.
#[test]
fn a_closed_output_pipe_ends_the_command_quietly() {
    for args in [
        vec!["generate", "-"],
        vec!["generate", "-", "--format", "json"],
        vec!["check", "-"],
    ] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_apigw-cors"))
            .args(&args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Close the read end, then give the configuration: the command cannot write before
        // it has read its input, so every write meets a closed pipe (however the two
        // processes are scheduled).
        drop(child.stdout.take());
        let mut input = child.stdin.take().unwrap();
        input.write_all(VALID_YAML.as_bytes()).unwrap();
        drop(input);
        let output = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            !stderr.contains("panicked") && !stderr.contains("error"),
            "{args:?}: {stderr}"
        );
        assert_eq!(output.status.code(), Some(141), "{args:?}");
    }
}
