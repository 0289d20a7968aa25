//! Black-box tests of `apigw-cors explain`: the message as arguments, on standard input with
//! `-` and without it, the tool's fixes, JSON, and the exit status (0 recognised, 1 not, 2
//! usage).

use apigw_cors::{explain, DeployTool, EXAMPLE_API_URL};
use std::io::Write;
use std::process::{Command, Output, Stdio};

fn apigw_cors(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_apigw-cors"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    input.write_all(stdin).unwrap();
    drop(input);
    child.wait_with_output().unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

fn chrome_message() -> String {
    format!("Access to fetch at '{EXAMPLE_API_URL}' from origin 'https://app.example.com' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: It does not have HTTP ok status.")
}

#[test]
fn a_message_as_argument_prints_the_library_explanation() {
    let message = chrome_message();
    let output = apigw_cors(&["explain", &message], b"");
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(stdout(&output), explain(&message, DeployTool::Sam).text());
    assert!(stdout(&output).starts_with(&format!(
        "Chrome: the preflight (OPTIONS) failed: the preflight's status is not 200-299.\n   URL: {EXAMPLE_API_URL}\n   Page origin: https://app.example.com\n   Failing step: preflight-check\n   Causes that fit, most likely first (fixes for AWS SAM):\n   - An authorizer runs on the preflight [authorizer-on-preflight]\n"
    )));
    assert_eq!(stderr(&output), "");
}

#[test]
fn unquoted_words_are_joined_into_one_message() {
    let message = chrome_message();
    let words: Vec<&str> = message.split(' ').collect();
    let mut args = vec!["explain", "--tool", "cdk"];
    args.extend(&words);
    let output = apigw_cors(&args, b"");
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(stdout(&output), explain(&message, DeployTool::Cdk).text());
}

#[test]
fn standard_input_with_dash_and_without_an_argument() {
    let pasted = format!(
        "[Error] Preflight response is not successful. Status code: 403\n[Error] Fetch API cannot load {EXAMPLE_API_URL} due to access control checks.\n"
    );
    let expected = explain(&pasted, DeployTool::Terraform).text();
    for args in [
        &["explain", "-", "--tool", "terraform"][..],
        &["explain", "--tool", "terraform"][..],
    ] {
        let output = apigw_cors(args, pasted.as_bytes());
        assert_eq!(output.status.code(), Some(0), "{args:?}");
        assert_eq!(stdout(&output), expected, "{args:?}");
    }
    assert!(expected.contains("Fix: Keep the authorizer off OPTIONS: set authorization = \"NONE\" on the OPTIONS aws_api_gateway_method;"));
}

#[test]
fn json_names_the_step_and_the_tools_fix() {
    let output = apigw_cors(
        &[
            "explain",
            &chrome_message(),
            "--tool",
            "aws-cli",
            "--format",
            "json",
        ],
        b"",
    );
    assert_eq!(output.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(json["recognised"], true);
    assert_eq!(json["tool"], "aws-cli");
    let finding = &json["findings"][0];
    assert_eq!(finding["failingStep"], "preflight-check");
    assert_eq!(finding["check"], "preflight-not-ok");
    assert_eq!(finding["url"], EXAMPLE_API_URL);
    let ids: Vec<&str> = finding["causes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "authorizer-on-preflight",
            "api-key-on-preflight",
            "no-preflight-route",
            "preflight-not-ok"
        ]
    );
    assert_eq!(
        finding["causes"][1]["fix"],
        "Keep the API key off OPTIONS: run aws apigateway update-method --http-method OPTIONS --patch-operations op=replace,path=/apiKeyRequired,value=false."
    );
}

#[test]
fn unrecognised_text_exits_1_and_says_what_was_read() {
    let output = apigw_cors(
        &[
            "explain",
            "GET https://api.example.com/items 500 (Internal Server Error)",
        ],
        b"",
    );
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stdout(&output),
        "Not recognised: no CORS message of Chrome, Firefox or Safari was found.\nRead: 61 characters on 1 line; URL: https://api.example.com/items.\nPaste the whole line that Chrome, Firefox or Safari printed in the console (it starts with \"Access to fetch at\", \"Cross-Origin Request Blocked\", or Safari's reason line).\n"
    );
    let empty = apigw_cors(&["explain", "-", "--format", "json"], b"");
    assert_eq!(empty.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_str(&stdout(&empty)).unwrap();
    assert_eq!(json["recognised"], false);
    assert_eq!(json["findings"], serde_json::json!([]));
    assert_eq!(json["read"]["characters"], 0);
}

#[test]
fn usage_errors_exit_2_and_name_the_value() {
    let output = apigw_cors(&["explain", "x", "--tool", "pulumi"], b"");
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("invalid value 'pulumi' for '--tool <TOOL>': unknown tool \"pulumi\"; the tools are: sam, cdk, cdk-python, cloudformation, openapi, terraform, serverless, aws-cli"),
        "{}",
        stderr(&output)
    );
    let output = apigw_cors(&["explain", "-"], b"Access to fetch \xff\xfe");
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output),
        "error: standard input: a console message is UTF-8 text; byte 16 is not (save the console's text as UTF-8)\n"
    );
    assert_eq!(stdout(&output), "");
}
