//! Black-box tests of `apigw-cors check --template`.

use std::process::{Command, Output};

fn templates() -> String {
    format!(
        "{}/../apigw-cors/tests/templates",
        env!("CARGO_MANIFEST_DIR")
    )
}

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_apigw-cors"))
        .args(args)
        .output()
        .unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

fn path(name: &str) -> String {
    format!("{}/{name}", templates())
}

#[test]
fn a_correct_template_passes_and_shows_where_each_setting_is() {
    let output = run(&["check", "--template", &path("http-01-globals.yaml")]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = stdout(&output);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "ServerlessHttpApi (AWS::Serverless::HttpApi, HTTP API, created by SAM) at Globals.HttpApi"
    );
    assert_eq!(
        lines[1],
        "  allowOrigins      Globals.HttpApi.CorsConfiguration.AllowOrigins = [\"https://a.com\", \"https://b.com\", \"http://localhost:3000\"]"
    );
    assert!(text.contains("In the template:\nnothing to report\n"));
    assert!(text.contains("\nIn the configuration it deploys:\n"));
    assert!(lines.last().unwrap().starts_with("0 error(s), "), "{text}");
}

#[test]
fn template_errors_fail_the_check_with_their_path() {
    let output = run(&["check", "--template", &path("rest-07-comma-joined.yaml")]);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    assert!(
        text.contains("error: Globals.Api.Cors.AllowOrigin \"'https://a.com,https://b.com'\": Access-Control-Allow-Origin holds exactly one origin"),
        "{text}"
    );
}

#[test]
fn several_apis_without_api_list_them_and_exit_2() {
    let output = run(&["check", "--template", &path("several-apis.yaml")]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(stdout(&output), "");
    let err = stderr(&output);
    let lines: Vec<&str> = err.lines().collect();
    assert!(
        lines[0].ends_with(
            "the template has 3 APIs (ServerlessRestApi, AdminApi, PublicHttpApi); choose one"
        ),
        "{err}"
    );
    assert_eq!(
        lines[1],
        "  ServerlessRestApi  (AWS::Serverless::Api, REST API) at Globals.Api"
    );
    assert_eq!(
        lines[2],
        "  AdminApi  (AWS::Serverless::Api, REST API) at Resources.AdminApi"
    );
    assert_eq!(
        lines[3],
        "  PublicHttpApi  (AWS::Serverless::HttpApi, HTTP API) at Resources.PublicHttpApi"
    );
    assert_eq!(
        lines[4],
        "choose one with --api LOGICAL_ID, for example --api ServerlessRestApi"
    );
}

#[test]
fn api_picks_one_and_json_has_the_import_and_the_diagnostics() {
    let output = run(&[
        "check",
        "--template",
        &path("several-apis.yaml"),
        "--api",
        "PublicHttpApi",
        "--format",
        "json",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(json["valid"], true);
    assert_eq!(
        json["apis"],
        serde_json::json!(["ServerlessRestApi", "AdminApi", "PublicHttpApi"])
    );
    assert_eq!(json["api"]["logicalId"], "PublicHttpApi");
    assert_eq!(json["api"]["apiType"], "http");
    assert_eq!(
        json["config"]["allowOrigins"],
        serde_json::json!(["https://www.example.com"])
    );
    assert_eq!(
        json["settings"][0]["path"],
        "Resources.PublicHttpApi.Properties.CorsConfiguration.AllowOrigins"
    );
    assert_eq!(json["findings"], serde_json::json!([]));
    assert!(json["diagnostics"].is_array());
}

#[test]
fn json_findings_name_code_severity_and_path() {
    let output = run(&[
        "check",
        "--template",
        &path("http-06b-max-age-too-large.yaml"),
        "--format",
        "json",
    ]);
    assert_eq!(output.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(json["valid"], false);
    assert_eq!(json["findings"][0]["code"], "max-age-out-of-range");
    assert_eq!(json["findings"][0]["severity"], "error");
    assert_eq!(
        json["findings"][0]["field"],
        "Globals.HttpApi.CorsConfiguration.MaxAge"
    );
    assert_eq!(json["findings"][0]["value"], "86401");
}

#[test]
fn an_unknown_api_is_a_usage_error() {
    let output = run(&[
        "check",
        "--template",
        &path("several-apis.yaml"),
        "--api",
        "Nope",
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains(
        "the template has no API \"Nope\"; it has ServerlessRestApi, AdminApi, PublicHttpApi"
    ));
}

#[test]
fn config_and_template_are_mutually_exclusive_and_api_needs_template() {
    let output = run(&[
        "check",
        "cors.yaml",
        "--template",
        &path("http-01-globals.yaml"),
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("cannot be used with"),
        "{}",
        stderr(&output)
    );
    // With a configuration that exists and is valid, --api still does not apply.
    let config = std::env::temp_dir().join(format!("apigw-cors-api-{}.yaml", std::process::id()));
    std::fs::write(
        &config,
        "apiType: http\nallowOrigins: [https://app.example.com]\nallowMethods: [GET]\n",
    )
    .unwrap();
    let output = run(&["check", config.to_str().unwrap(), "--api", "X"]);
    std::fs::remove_file(&config).unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output),
        "error: --api picks an API in a template: it applies with --template only\n"
    );
    let output = run(&["check"]);
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn unreadable_and_unparsable_templates_say_why() {
    let output = run(&["check", "--template", "/nonexistent/template.yaml"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).starts_with("error: cannot read /nonexistent/template.yaml: "));
    let dir = std::env::temp_dir().join(format!("apigw-cors-template-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("bucket.yaml");
    std::fs::write(&file, "Resources:\n  B:\n    Type: AWS::S3::Bucket\n").unwrap();
    let output = run(&["check", "--template", file.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).ends_with("no API Gateway API or CORS setting was found in the template\n")
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_deploy_time_origin_is_unknown_not_missing() {
    let output = run(&["check", "--template", &path("rest-14-sub.yaml")]);
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(0), "{text}");
    assert!(!text.contains("at least one origin is needed"), "{text}");
    assert!(text.contains(
        "warning: Globals.Api.Cors.AllowOrigin \"!Sub \\\"'${AllowedOrigin}'\\\"\": AllowOrigin is \
         computed when the stack deploys"
    ));
    assert!(text.contains(
        "\nIn the configuration it deploys:\nnote: allowOrigins: part or all of it is not written \
         in the template (computed when the stack deploys, or answered by an integration's code), \
         so only what the template writes was checked"
    ));
    assert!(
        text.ends_with("0 error(s), 1 warning(s), 1 note(s)\n"),
        "{text}"
    );
    let output = run(&[
        "check",
        "--template",
        &path("rest-14-sub.yaml"),
        "--format",
        "json",
    ]);
    assert_eq!(output.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(json["valid"], true);
    assert_eq!(json["unknown"], serde_json::json!(["allowOrigins"]));
    // What is written is still checked: the trailing slash after the computed origins.
    let output = run(&[
        "check",
        "--template",
        &path("http-15-deploy-time-values.yaml"),
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout(&output).contains(
        "error: allowOrigins[0] \"https://app.example.com/\": an origin has no path or trailing slash"
    ));
}

#[test]
fn json_is_printed_for_unreadable_templates_and_for_several_apis() {
    let json_of = |output: &Output| -> serde_json::Value {
        serde_json::from_str(&stdout(output)).unwrap_or_else(|e| panic!("{e}: {}", stdout(output)))
    };
    let output = run(&[
        "check",
        "--template",
        "/nonexistent/t.yaml",
        "--format",
        "json",
    ]);
    assert_eq!(output.status.code(), Some(2));
    let json = json_of(&output);
    assert_eq!(json["valid"], false);
    assert_eq!(json["diagnostics"], serde_json::json!([]));
    assert!(json["error"]["message"]
        .as_str()
        .unwrap()
        .starts_with("cannot read /nonexistent/t.yaml: "));

    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.yaml");
    std::fs::write(&bad, "a: [b").unwrap();
    let output = run(&[
        "check",
        "--template",
        bad.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        json_of(&output),
        serde_json::json!({
            "valid": false,
            "diagnostics": [],
            "error": {
                "field": null,
                "message": format!("{}: the template is not valid YAML or JSON: did not find expected ',' or ']' at line 2 column 1, while parsing a flow sequence at line 1 column 4", bad.display()),
            },
        })
    );

    // Several APIs and no --api: every API's document, and the error that one must be chosen.
    let output = run(&[
        "check",
        "--template",
        &path("several-apis.yaml"),
        "--format",
        "json",
    ]);
    assert_eq!(output.status.code(), Some(2));
    let json = json_of(&output);
    let ids = ["ServerlessRestApi", "AdminApi", "PublicHttpApi"];
    assert_eq!(json["apis"], serde_json::json!(ids));
    assert_eq!(
        json["error"]["message"],
        "the template has 3 APIs (ServerlessRestApi, AdminApi, PublicHttpApi); choose one with --api LOGICAL_ID"
    );
    let results = json["results"].as_array().unwrap();
    let result_ids: Vec<&str> = results
        .iter()
        .map(|r| r["api"]["logicalId"].as_str().unwrap())
        .collect();
    assert_eq!(result_ids, ids);
    // Each result is what --api ID prints for that API (less the list of ids).
    for (id, result) in ids.iter().zip(results) {
        let one = run(&[
            "check",
            "--template",
            &path("several-apis.yaml"),
            "--api",
            id,
            "--format",
            "json",
        ]);
        let mut one = json_of(&one);
        one.as_object_mut().unwrap().remove("apis");
        assert_eq!(&one, result, "{id}");
    }
    let all_valid = results.iter().all(|r| r["valid"] == true);
    assert_eq!(json["valid"], all_valid);
}
