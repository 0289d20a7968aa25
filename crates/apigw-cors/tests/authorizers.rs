//! The token authorizers embedded in the generated apps, run for real: the Node.js one of
//! `cdk-stack` under `node`, the Python one of `sam-template` under `python3`. Each gets a
//! TOKEN event for one method and must return a policy for the whole stage.

mod common;

use apigw_cors::{render, CorsConfig, Target, ValidCorsConfig};
use common::{case_dir, valid};
use serde_json::{json, Value};
use std::path::Path;
use std::process::Command;

const METHOD_ARN: &str = "arn:aws:execute-api:us-east-1:123456789012:abc123/prod/GET/items";
const STAGE_RESOURCE: &str = "arn:aws:execute-api:us-east-1:123456789012:abc123/prod/*/*";

fn rest_with_authorizer() -> ValidCorsConfig {
    valid(
        &CorsConfig::from_json(
            r#"{"apiType": "rest", "allowOrigins": ["https://app.example.com", "http://localhost:3000"],
                "allowMethods": ["GET", "POST"], "authorizerHeader": "Authorization"}"#,
        )
        .unwrap(),
    )
}

/// Two TOKEN events for the same method: the placeholder's one accepted token, then another.
fn token_events() -> Value {
    json!([
        { "type": "TOKEN", "authorizationToken": "allow", "methodArn": METHOD_ARN },
        { "type": "TOKEN", "authorizationToken": "Bearer something", "methodArn": METHOD_ARN }
    ])
}

/// The answers the authorizers must give to [`token_events`]: the stage allowed for the
/// placeholder token, denied for any other.
fn stage_policies() -> Value {
    json!([stage_policy("Allow"), stage_policy("Deny")])
}

fn stage_policy(effect: &str) -> Value {
    json!({
        "principalId": "user",
        "policyDocument": {
            "Version": "2012-10-17",
            "Statement": [{
                "Action": "execute-api:Invoke",
                "Effect": effect,
                "Resource": STAGE_RESOURCE
            }]
        }
    })
}

fn resource(answer: &Value) -> &str {
    answer[0]["policyDocument"]["Statement"][0]["Resource"]
        .as_str()
        .unwrap()
}

/// Runs `program script` in `dir` and parses what it prints as JSON.
fn run_json(program: &str, script: &Path, dir: &Path) -> Value {
    let output = Command::new(program)
        .arg(script)
        .current_dir(dir)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {program} (is it installed?): {e}"));
    assert!(
        output.status.success(),
        "{program} {} failed: {}",
        script.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

/// The `authorizerHandlerSource` template literal of the CDK app, backticks included: Node
/// evaluates it, so its escapes mean what they mean in the deployed app.
fn cdk_authorizer_literal(app: &str) -> &str {
    let start = app
        .find("const authorizerHandlerSource = `")
        .expect("an authorizer in the CDK app")
        + "const authorizerHandlerSource = ".len();
    let end = start + app[start..].find("\n`;\n").unwrap() + 2;
    &app[start..end]
}

#[test]
fn the_cdk_stack_authorizer_allows_the_whole_stage() {
    let app = render(Target::CdkStack, &rest_with_authorizer());
    let dir = case_dir("authorizer-cdk");
    let driver = format!(
        "const fs = require('fs');\n\
         const path = require('path');\n\
         const source = {};\n\
         const file = path.join(__dirname, 'authorizer.cjs');\n\
         fs.writeFileSync(file, source);\n\
         const {{ handler }} = require(file);\n\
         Promise.all({}.map((event) => handler(event)))\n\
         \x20 .then((answers) => process.stdout.write(JSON.stringify(answers)));\n",
        cdk_authorizer_literal(&app),
        token_events()
    );
    let script = dir.join("driver.cjs");
    std::fs::write(&script, driver).unwrap();
    let answer = run_json("node", &script, &dir);
    assert_eq!(resource(&answer), STAGE_RESOURCE);
    assert_eq!(answer, stage_policies());
}

/// The Python source of the SAM template's `AuthorizerFunction`.
fn sam_authorizer_source(template: &str) -> String {
    let root: serde_yaml::Value = serde_yaml::from_str(template).unwrap();
    root["Resources"]["AuthorizerFunction"]["Properties"]["InlineCode"]
        .as_str()
        .expect("an authorizer in the SAM template")
        .to_owned()
}

#[test]
fn the_sam_template_authorizer_allows_the_whole_stage() {
    let template = render(Target::SamTemplate, &rest_with_authorizer());
    let dir = case_dir("authorizer-sam");
    std::fs::write(dir.join("authorizer.py"), sam_authorizer_source(&template)).unwrap();
    let driver = format!(
        "import json\n\
         import sys\n\
         sys.path.insert(0, {dir:?})\n\
         import authorizer\n\
         print(json.dumps([authorizer.handler(e, None) for e in json.loads({events:?})]))\n",
        dir = dir.display().to_string(),
        events = token_events().to_string()
    );
    let script = dir.join("driver.py");
    std::fs::write(&script, driver).unwrap();
    let answer = run_json("python3", &script, &dir);
    assert_eq!(resource(&answer), STAGE_RESOURCE);
    assert_eq!(answer, stage_policies());
}
