//! Target `aws-cli`: a bash script of AWS CLI commands that applies the configuration to an
//! existing API, named by variables the user sets.
//!
//! - HTTP API: `apigatewayv2 update-api --cors-configuration`, then a deployment when the stage
//!   does not deploy by itself.
//! - REST API: on one resource, the OPTIONS method without authorization or API key; for one
//!   origin or `*` a MOCK integration that answers the preflight (the values SAM's `Cors`
//!   writes, `emit/mock_preflight.rs`), for several origins the function (the policy of
//!   `sam-template`); then DEFAULT_4XX and DEFAULT_5XX (`emit/gateway_policy.rs`) and the
//!   deployment that makes it all live.
//!
//! Every configured value reaches a command as JSON written by serde_json inside one shell word
//! written by `escape::shell_word`, so the shell never expands it. Re-running the script ends
//! in the same state; the comments say which steps still add something on every run.

use crate::emit::comment;
use crate::emit::facts::HTTP_API_ADDS_CORS_HEADERS;
use crate::emit::gateway_policy::{
    gateway_response_headers, gateway_response_tradeoff, GatewayHeaderValue, REQUEST_ORIGIN,
};
use crate::emit::mock_preflight::{
    mock_preflight_headers, MOCK_REQUEST_TEMPLATE, MOCK_RESPONSE_BODY, MOCK_STATUS,
};
use crate::escape::{api_gateway_static_value, shell_word};
use crate::example::{EXAMPLE_ROUTE, EXAMPLE_STAGE};
use crate::model::{ApiType, ValidCorsConfig};
use serde::ser::{Serialize, SerializeMap, Serializer};

/// The `step` function: every command is announced, so the output reads as a log.
const STEP_FUNCTION: &str = r#"# step TEXT: says what the next command does.
step() {
  printf '==> %s\n' "$1"
}
"#;

/// The `unless_missing` function, for the deletes that make a rerun start afresh.
const UNLESS_MISSING_FUNCTION: &str = r#"# unless_missing EXCEPTION COMMAND...: runs COMMAND, a delete. An EXCEPTION error says there
# was nothing to delete, which is fine; any other failure stops the script.
unless_missing() {
  local exception=$1 output
  shift
  if output=$("$@" 2>&1); then
    return 0
  fi
  if [[ $output == *"($exception)"* ]]; then
    return 0
  fi
  printf '%s\n' "$output" >&2
  return 1
}
"#;

/// The prefix of a header in a method response's (and an integration response's) parameters.
const METHOD_RESPONSE_HEADER: &str = "method.response.header.";

/// The prefix of a header in a gateway response's parameters.
const GATEWAY_RESPONSE_HEADER: &str = "gatewayresponse.header.";

/// The description every deployment the script makes carries, to find it in the history.
const DEPLOYMENT_DESCRIPTION: &str = "CORS configuration applied by apply-cors.sh";

/// Renders this target.
pub(super) fn render(config: &ValidCorsConfig) -> String {
    let mut w = Script::default();
    w.line(0, "#!/usr/bin/env bash");
    match config.api_type {
        ApiType::Http => write_http(&mut w, config),
        ApiType::Rest => write_rest(&mut w, config),
    }
    w.out
}

/// Where comments are wrapped (indentation included), as in the YAML targets.
const COMMENT_WIDTH: usize = 100;

/// The script, written line by line with explicit indentation (2 spaces a level).
#[derive(Default)]
struct Script {
    out: String,
}

impl Script {
    /// One line `text` indented by `indent` spaces.
    fn line(&mut self, indent: usize, text: impl AsRef<str>) {
        self.out.extend(std::iter::repeat_n(' ', indent));
        self.out.push_str(text.as_ref());
        self.out.push('\n');
    }

    /// An empty line.
    fn blank(&mut self) {
        self.out.push('\n');
    }

    /// `text` as `#` comment lines, wrapped at word boundaries.
    fn comment(&mut self, indent: usize, text: &str) {
        self.out
            .push_str(&comment::wrapped("#", indent, COMMENT_WIDTH, text));
    }

    /// Raw text, written as is (it ends with a newline).
    fn raw(&mut self, text: &str) {
        self.out.push_str(text);
    }
}

/// The opening lines after the usage: region and credentials, `set -euo pipefail`.
fn write_prelude(w: &mut Script) {
    w.comment(
        0,
        "The region, profile and credentials are the AWS CLI's own settings (AWS_REGION, \
         AWS_PROFILE, ~/.aws/config).",
    );
    w.line(0, "set -euo pipefail");
    w.blank();
}

fn write_http(w: &mut Script, config: &ValidCorsConfig) {
    w.comment(
        0,
        "Sets the CORS configuration of an existing HTTP API, then deploys the stage if it does \
         not deploy changes automatically.",
    );
    w.line(
        0,
        "# Usage: API_ID=<HTTP API id> [STAGE_NAME=<stage>] bash apply-cors.sh",
    );
    write_prelude(w);
    w.line(
        0,
        "API_ID=\"${API_ID:?set API_ID to the id of the HTTP API (aws apigatewayv2 get-apis)}\"",
    );
    w.comment(
        0,
        "The stage the configuration must reach: $default unless you say otherwise.",
    );
    w.line(0, "STAGE_NAME=\"${STAGE_NAME:-\\$default}\"");
    w.blank();
    w.raw(STEP_FUNCTION);
    w.blank();
    w.comment(0, HTTP_API_ADDS_CORS_HEADERS);
    w.comment(
        0,
        "update-api replaces the API's CORS configuration with this one: every list is sent, \
         empty when nothing is configured, so nothing of an earlier configuration stays. Running \
         the script again sets the same values. To remove CORS from the API: aws apigatewayv2 \
         delete-cors-configuration --api-id \"$API_ID\".",
    );
    if config.max_age.is_none() {
        w.comment(
            0,
            "No MaxAge is configured, and there is no value that unsets one: if the API has a \
             MaxAge from before, it may stay; run delete-cors-configuration first to drop it.",
        );
    }
    if config.authorizer_header.is_some() {
        w.comment(
            0,
            "With an authorizer: routes for single methods are fine, API Gateway answers the \
             preflight. A $default or ANY route sends OPTIONS to the authorizer, which fails (a \
             preflight carries no token): add an OPTIONS route without authorization next to it, \
             for example aws apigatewayv2 create-route --api-id \"$API_ID\" --route-key \
             'OPTIONS /{proxy+}' --target integrations/<integration id>.",
        );
    }
    w.line(
        0,
        format!(
            "CORS_CONFIGURATION={}",
            shell_word(&pretty_json(&HttpCors::new(config)))
        ),
    );
    w.blank();
    w.line(
        0,
        "step \"Setting the CORS configuration of HTTP API $API_ID\"",
    );
    w.line(
        0,
        "aws apigatewayv2 update-api --api-id \"$API_ID\" --cors-configuration \"$CORS_CONFIGURATION\" >/dev/null",
    );
    w.blank();
    w.comment(
        0,
        "A stage serves its last deployment. A stage with automatic deployment (the $default stage \
         the console creates has it) deploys the change by itself; any other stage needs a \
         deployment, which adds one to the stage's history on every run.",
    );
    w.line(
        0,
        "step \"Checking whether stage $STAGE_NAME deploys changes automatically\"",
    );
    w.line(
        0,
        "AUTO_DEPLOY=$(aws apigatewayv2 get-stage --api-id \"$API_ID\" --stage-name \"$STAGE_NAME\" --query AutoDeploy --output text)",
    );
    w.line(0, "if [[ $AUTO_DEPLOY == True ]]; then");
    w.line(
        2,
        "step \"Stage $STAGE_NAME deploys automatically: the CORS configuration is live\"",
    );
    w.line(0, "else");
    w.line(2, "step \"Deploying the API to stage $STAGE_NAME\"");
    w.line(
        2,
        format!(
            "DEPLOYMENT_ID=$(aws apigatewayv2 create-deployment --api-id \"$API_ID\" --stage-name \"$STAGE_NAME\" \\\n    --description {} --query DeploymentId --output text)",
            shell_word(DEPLOYMENT_DESCRIPTION)
        ),
    );
    w.line(
        2,
        "step \"Deployment $DEPLOYMENT_ID is live on stage $STAGE_NAME\"",
    );
    w.line(0, "fi");
}

/// The `--cors-configuration` of an HTTP API, in the AWS CLI's spelling (PascalCase keys).
#[derive(serde::Serialize)]
#[serde(rename_all = "PascalCase")]
struct HttpCors<'a> {
    allow_origins: Vec<&'a str>,
    allow_methods: Vec<&'static str>,
    allow_headers: &'a [String],
    expose_headers: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    max_age: Option<u32>,
    allow_credentials: bool,
}

impl<'a> HttpCors<'a> {
    fn new(config: &'a ValidCorsConfig) -> Self {
        HttpCors {
            allow_origins: config.origins.values(),
            allow_methods: config.methods.names(),
            allow_headers: &config.allow_headers,
            expose_headers: &config.expose_headers,
            max_age: config.max_age,
            allow_credentials: config.allow_credentials,
        }
    }
}

fn write_rest(w: &mut Script, config: &ValidCorsConfig) {
    let mock = mock_preflight_headers(config);
    let answered_by = if mock.is_some() {
        "a MOCK integration that answers the preflight"
    } else {
        "sent to the function, which answers the preflight"
    };
    w.comment(
        0,
        &format!(
            "Applies the CORS configuration to one resource of an existing REST API: its OPTIONS \
             method ({answered_by}), the CORS headers on API Gateway's own errors (DEFAULT_4XX, \
             DEFAULT_5XX), and the deployment that makes them live."
        ),
    );
    let function = if mock.is_none() {
        " FUNCTION_ARN=<function ARN>"
    } else {
        ""
    };
    w.line(
        0,
        format!(
            "# Usage: API_ID=<REST API id> RESOURCE_PATH={EXAMPLE_ROUTE} STAGE_NAME={EXAMPLE_STAGE}{function} bash apply-cors.sh"
        ),
    );
    write_prelude(w);
    w.line(
        0,
        "API_ID=\"${API_ID:?set API_ID to the id of the REST API (aws apigateway get-rest-apis)}\"",
    );
    w.comment(
        0,
        "The resource is named by its path, as in the console and in templates; its id is looked \
         up below (ids differ between APIs and change when a resource is created again).",
    );
    w.line(
        0,
        format!(
            "RESOURCE_PATH=\"${{RESOURCE_PATH:?set RESOURCE_PATH to the path of the resource, for example {EXAMPLE_ROUTE}}}\""
        ),
    );
    w.line(
        0,
        format!(
            "STAGE_NAME=\"${{STAGE_NAME:?set STAGE_NAME to the stage to deploy, for example {EXAMPLE_STAGE}}}\""
        ),
    );
    if mock.is_none() {
        w.line(
            0,
            "FUNCTION_ARN=\"${FUNCTION_ARN:?set FUNCTION_ARN to the ARN of the function behind the resource}\"",
        );
    }
    w.blank();
    w.raw(STEP_FUNCTION);
    w.blank();
    w.raw(UNLESS_MISSING_FUNCTION);
    w.blank();
    write_resource_lookup(w);
    w.blank();
    write_options_method(w, config);
    w.blank();
    match &mock {
        Some(headers) => write_mock_integration(w, config, headers),
        None => write_function_integration(w, config),
    }
    w.blank();
    write_gateway_responses(w, config);
    w.blank();
    write_rest_deployment(w);
}

/// `RESOURCE_ID` from `RESOURCE_PATH`, exactly (get-resources reads every page).
fn write_resource_lookup(w: &mut Script) {
    w.line(0, "step \"Looking up the id of resource $RESOURCE_PATH\"");
    w.line(
        0,
        "RESOURCES=$(aws apigateway get-resources --rest-api-id \"$API_ID\" --query 'items[].[path,id]' --output text)",
    );
    w.line(0, "RESOURCE_ID=''");
    w.line(0, "while IFS=$'\\t' read -r path id; do");
    w.line(2, "if [[ $path == \"$RESOURCE_PATH\" ]]; then");
    w.line(4, "RESOURCE_ID=$id");
    w.line(2, "fi");
    w.line(0, "done <<< \"$RESOURCES\"");
    w.line(0, "if [[ -z $RESOURCE_ID ]]; then");
    w.line(
        2,
        "printf 'REST API %s has no resource %s\\n' \"$API_ID\" \"$RESOURCE_PATH\" >&2",
    );
    w.line(2, "exit 1");
    w.line(0, "fi");
    w.line(
        0,
        "OPTIONS_METHOD=(--rest-api-id \"$API_ID\" --resource-id \"$RESOURCE_ID\" --http-method OPTIONS)",
    );
}

/// Deletes the OPTIONS method (if any) and creates it again, open to every preflight.
fn write_options_method(w: &mut Script, config: &ValidCorsConfig) {
    w.comment(
        0,
        "put-method fails (ConflictException) when the method exists, so the OPTIONS method is \
         deleted first, with its integration and responses: a rerun builds it afresh and ends in \
         the same state. An OPTIONS method you made on this resource yourself is replaced. The \
         stage keeps serving its last deployment until the deployment at the end.",
    );
    w.line(
        0,
        "step \"Deleting the OPTIONS method of $RESOURCE_PATH, if there is one\"",
    );
    w.line(
        0,
        "unless_missing NotFoundException aws apigateway delete-method \"${OPTIONS_METHOD[@]}\"",
    );
    w.blank();
    let mut why = String::from(
        "A browser sends no token and no API key with a preflight, so the OPTIONS method asks for \
         neither.",
    );
    if config.authorizer_header.is_some() || config.api_key_required {
        why.push_str(
            " The other methods keep their authorizer and API key: this script does not change them.",
        );
    }
    w.comment(0, &why);
    w.line(
        0,
        "step \"Creating the OPTIONS method (no authorization, no API key)\"",
    );
    w.line(
        0,
        "aws apigateway put-method \"${OPTIONS_METHOD[@]}\" --authorization-type NONE --no-api-key-required >/dev/null",
    );
}

/// One origin or `*`: the MOCK integration and the preflight's CORS headers.
fn write_mock_integration(
    w: &mut Script,
    config: &ValidCorsConfig,
    headers: &[(&'static str, String)],
) {
    let mut note = String::from(
        "The mock answers the preflight only: the function behind the other methods must add \
         Access-Control-Allow-Origin to every response it returns",
    );
    if config.expose_headers.is_empty() {
        note.push_str(" (lambda-python and lambda-node do).");
    } else {
        note.push_str(
            ", and Access-Control-Expose-Headers, which matters on those responses only \
             (lambda-python and lambda-node do).",
        );
    }
    w.comment(0, &note);
    w.line(
        0,
        format!("step \"Answering it with a MOCK integration (status {MOCK_STATUS})\""),
    );
    w.line(
        0,
        format!(
            "aws apigateway put-integration \"${{OPTIONS_METHOD[@]}}\" --type MOCK \\\n  --request-templates {} >/dev/null",
            json_templates(MOCK_REQUEST_TEMPLATE)
        ),
    );
    w.blank();
    w.comment(
        0,
        "The preflight's CORS headers, as SAM's Cors writes them: declared on the method response, \
         given their values on the integration response (static values, in single quotes).",
    );
    let declared: Vec<(String, bool)> = headers
        .iter()
        .map(|(name, _)| (format!("{METHOD_RESPONSE_HEADER}{name}"), false))
        .collect();
    let values: Vec<(String, String)> = headers
        .iter()
        .map(|(name, value)| {
            (
                format!("{METHOD_RESPONSE_HEADER}{name}"),
                api_gateway_static_value(value),
            )
        })
        .collect();
    w.line(
        0,
        format!(
            "PREFLIGHT_HEADERS_DECLARED={}",
            shell_word(&pretty_json(&Ordered(&declared)))
        ),
    );
    w.line(
        0,
        format!(
            "PREFLIGHT_HEADERS={}",
            shell_word(&pretty_json(&Ordered(&values)))
        ),
    );
    w.line(
        0,
        "step \"Declaring the CORS headers on its method response\"",
    );
    w.line(
        0,
        format!(
            "aws apigateway put-method-response \"${{OPTIONS_METHOD[@]}}\" --status-code {MOCK_STATUS} \\\n  --response-parameters \"$PREFLIGHT_HEADERS_DECLARED\" >/dev/null"
        ),
    );
    w.line(
        0,
        "step \"Setting their values on its integration response\"",
    );
    w.line(
        0,
        format!(
            "aws apigateway put-integration-response \"${{OPTIONS_METHOD[@]}}\" --status-code {MOCK_STATUS} \\\n  --response-parameters \"$PREFLIGHT_HEADERS\" --response-templates {} >/dev/null",
            json_templates(MOCK_RESPONSE_BODY)
        ),
    );
}

/// Several origins: the OPTIONS method goes to the function (AWS_PROXY), which may be called.
fn write_function_integration(w: &mut Script, config: &ValidCorsConfig) {
    w.comment(
        0,
        &format!(
            "Several origins ({}): a MOCK integration answers every preflight with one fixed \
             Access-Control-Allow-Origin value, and a comma-joined list is not a valid value \
             (browsers reject it). So the OPTIONS method goes to the function, which echoes the \
             request's Origin when it is allowed, as it does on every response it returns \
             (lambda-python, lambda-node).",
            config.origins.values().join(", ")
        ),
    );
    w.comment(
        0,
        "The function's region, account and partition are read from its ARN; the API is taken to \
         be in the same region and account.",
    );
    w.line(
        0,
        "IFS=: read -r _ PARTITION _ REGION ACCOUNT _ <<< \"$FUNCTION_ARN\"",
    );
    w.line(
        0,
        "if [[ -z ${PARTITION:-} || -z ${REGION:-} || -z ${ACCOUNT:-} ]]; then",
    );
    w.line(
        2,
        "printf 'FUNCTION_ARN %s is not a function ARN (arn:aws:lambda:REGION:ACCOUNT:function:NAME)\\n' \"$FUNCTION_ARN\" >&2",
    );
    w.line(2, "exit 1");
    w.line(0, "fi");
    w.line(
        0,
        "step \"Sending it to the function (AWS_PROXY integration)\"",
    );
    w.line(
        0,
        "aws apigateway put-integration \"${OPTIONS_METHOD[@]}\" --type AWS_PROXY --integration-http-method POST \\\n  --uri \"arn:$PARTITION:apigateway:$REGION:lambda:path/2015-03-31/functions/$FUNCTION_ARN/invocations\" >/dev/null",
    );
    w.blank();
    w.comment(
        0,
        "The permission for API Gateway to call the function for OPTIONS on this resource (path \
         parameters such as {proxy+} become *). add-permission fails when the statement exists, \
         so it is removed first: a rerun ends in the same state.",
    );
    w.line(
        0,
        "STATEMENT_ID=\"apigw-cors-options-$API_ID-$RESOURCE_ID\"",
    );
    w.line(
        0,
        "SOURCE_PATH=$(sed -E 's/[{][^}]*[}]/*/g' <<< \"$RESOURCE_PATH\")",
    );
    w.line(
        0,
        "step \"Allowing API Gateway to invoke the function for OPTIONS $RESOURCE_PATH\"",
    );
    w.line(
        0,
        "unless_missing ResourceNotFoundException aws lambda remove-permission --function-name \"$FUNCTION_ARN\" --statement-id \"$STATEMENT_ID\"",
    );
    w.line(
        0,
        "aws lambda add-permission --function-name \"$FUNCTION_ARN\" --statement-id \"$STATEMENT_ID\" \\\n  --action lambda:InvokeFunction --principal apigateway.amazonaws.com \\\n  --source-arn \"arn:$PARTITION:execute-api:$REGION:$ACCOUNT:$API_ID/*/OPTIONS$SOURCE_PATH\" >/dev/null",
    );
}

/// DEFAULT_4XX and DEFAULT_5XX with the headers of the shared policy.
fn write_gateway_responses(w: &mut Script, config: &ValidCorsConfig) {
    w.comment(
        0,
        "API Gateway's own errors (authorizer 401/403, missing API key 403, throttling 429, \
         integration failures 5xx) never reach the function: without these headers the browser \
         hides their status behind a CORS error. put-gateway-response replaces the whole \
         response, so a rerun sets the same values; a status code or template you set on \
         DEFAULT_4XX or DEFAULT_5XX before is replaced as well.",
    );
    if let Some(tradeoff) = gateway_response_tradeoff(config) {
        w.comment(0, &tradeoff);
    }
    let headers: Vec<(String, String)> = gateway_response_headers(config)
        .into_iter()
        .map(|(name, value)| {
            let value = match value {
                GatewayHeaderValue::Static(text) => api_gateway_static_value(&text),
                GatewayHeaderValue::RequestOrigin => REQUEST_ORIGIN.to_owned(),
            };
            (format!("{GATEWAY_RESPONSE_HEADER}{name}"), value)
        })
        .collect();
    w.line(
        0,
        format!(
            "GATEWAY_RESPONSE_HEADERS={}",
            shell_word(&pretty_json(&Ordered(&headers)))
        ),
    );
    w.line(0, "for response_type in DEFAULT_4XX DEFAULT_5XX; do");
    w.line(
        2,
        "step \"Adding the CORS headers to the $response_type gateway response\"",
    );
    w.line(
        2,
        "aws apigateway put-gateway-response --rest-api-id \"$API_ID\" --response-type \"$response_type\" \\\n    --response-parameters \"$GATEWAY_RESPONSE_HEADERS\" >/dev/null",
    );
    w.line(0, "done");
}

/// The deployment that makes the changes live.
fn write_rest_deployment(w: &mut Script) {
    w.comment(
        0,
        "Nothing above is live until this deployment: the stage keeps serving its last one. Every \
         run adds a deployment to the stage's history (the one step a rerun repeats); a stage that \
         does not exist yet is created.",
    );
    w.line(0, "step \"Deploying the API to stage $STAGE_NAME\"");
    w.line(
        0,
        format!(
            "DEPLOYMENT_ID=$(aws apigateway create-deployment --rest-api-id \"$API_ID\" --stage-name \"$STAGE_NAME\" \\\n  --description {} --query id --output text)",
            shell_word(DEPLOYMENT_DESCRIPTION)
        ),
    );
    w.line(
        0,
        "step \"Deployment $DEPLOYMENT_ID is live on stage $STAGE_NAME\"",
    );
}

/// A JSON object whose keys keep their order (serde_json's own map sorts them).
struct Ordered<'a, V>(&'a [(String, V)]);

impl<V: Serialize> Serialize for Ordered<'_, V> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (key, value) in self.0 {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

/// JSON over several lines (two spaces a level), for the values a reader checks.
fn pretty_json(value: &impl Serialize) -> String {
    serde_json::to_string_pretty(value)
        .unwrap_or_else(|_| unreachable!("strings, numbers and booleans always serialize"))
}

/// `--request-templates` or `--response-templates` for JSON requests: `{"application/json": …}`,
/// as one shell word.
fn json_templates(template: &str) -> String {
    let templates = [("application/json".to_owned(), template)];
    shell_word(&compact_json(&Ordered(&templates)))
}

/// JSON on one line.
fn compact_json(value: &impl Serialize) -> String {
    serde_json::to_string(value)
        .unwrap_or_else(|_| unreachable!("strings, numbers and booleans always serialize"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render_json(json: &str) -> String {
        render(&crate::targets::valid_from_json(json))
    }

    #[test]
    fn http_sends_every_field_as_json_in_one_shell_word() {
        let text = render_json(
            r#"{"apiType": "http", "allowOrigins": ["https://app.example.com", "https://*"],
                "allowMethods": ["GET"], "allowHeaders": ["X-$HOME`id`&x"], "maxAge": 0}"#,
        );
        assert!(text.contains(
            "CORS_CONFIGURATION='{
  \"AllowOrigins\": [
    \"https://app.example.com\",
    \"https://*\"
  ],
  \"AllowMethods\": [
    \"GET\"
  ],
  \"AllowHeaders\": [
    \"X-$HOME`id`&x\"
  ],
  \"ExposeHeaders\": [],
  \"MaxAge\": 0,
  \"AllowCredentials\": false
}'
"
        ));
        assert!(!text.contains("No MaxAge is configured"));
        assert!(!text.contains("put-method"));
    }

    #[test]
    fn rest_static_values_are_single_quoted_inside_json_inside_the_shell() {
        let text = render_json(
            r#"{"apiType": "rest", "allowOrigins": ["https://a.example"], "allowMethods": ["GET"]}"#,
        );
        assert!(text.contains(
            "PREFLIGHT_HEADERS='{
  \"method.response.header.Access-Control-Allow-Origin\": \"'\\''https://a.example'\\''\",
  \"method.response.header.Access-Control-Allow-Methods\": \"'\\''GET'\\''\"
}'
"
        ));
        assert!(text.contains(
            "  --request-templates '{\"application/json\":\"{\\\"statusCode\\\": 200}\"}' >/dev/null\n"
        ));
        assert!(!text.contains("FUNCTION_ARN"));
    }

    #[test]
    fn rest_several_origins_send_the_preflight_to_the_function() {
        let text = render_json(
            r#"{"apiType": "rest", "allowOrigins": ["https://a.example", "https://b.example"],
                "allowMethods": ["GET"], "apiKeyRequired": true}"#,
        );
        assert!(text.contains("--type AWS_PROXY"));
        assert!(text.contains("aws lambda add-permission"));
        assert!(!text.contains("--type MOCK"));
        assert!(text.contains(
            "GATEWAY_RESPONSE_HEADERS='{
  \"gatewayresponse.header.Access-Control-Allow-Origin\": \"method.request.header.origin\",
  \"gatewayresponse.header.Vary\": \"'\\''Origin'\\''\"
}'
"
        ));
        assert!(text.contains("The other methods keep their authorizer and API key"));
    }
}
