//! The example's Lambda functions as the complete templates embed them inline (`sam-template`
//! as `InlineCode`, `cloudformation` as `Code.ZipFile`), so the two describe the same
//! deployment: the runtime and handler, and the placeholder token authorizer (its logical ids
//! and its Python code). The items function's code is the `lambda-python` target's handler.

use super::facts::{
    AUTHORIZER_POLICY_SUFFIX, AUTHORIZER_POLICY_WHY, PLACEHOLDER_AUTHORIZER_NOTE, PLACEHOLDER_TOKEN,
};
use super::sam_yaml::YamlWriter;
use crate::escape::python_string;
use crate::model::{ApiType, ValidCorsConfig};

/// The Lambda runtime of every embedded function.
pub(crate) const RUNTIME: &str = "python3.13";
/// The handler of every embedded function (inline code is written to `index.py`).
pub(crate) const HANDLER: &str = "index.handler";
/// Logical ID of the token authorizer.
pub(crate) const AUTHORIZER_ID: &str = "TokenAuthorizer";
/// Logical ID of the authorizer's function.
pub(crate) const AUTHORIZER_FUNCTION_ID: &str = "AuthorizerFunction";

/// The placeholder authorizer's Python code for the API type; `header` is the header it reads.
pub(crate) fn authorizer_source(config: &ValidCorsConfig, header: &str) -> String {
    match config.api_type {
        ApiType::Rest => REST_AUTHORIZER
            .replace("{note}", &python_comment(PLACEHOLDER_AUTHORIZER_NOTE))
            .replace("{why}", &python_comment(AUTHORIZER_POLICY_WHY))
            .replace("{token}", &python_string(PLACEHOLDER_TOKEN))
            .replace("{suffix}", AUTHORIZER_POLICY_SUFFIX),
        ApiType::Http => HTTP_AUTHORIZER
            .replace("{note}", &python_comment(PLACEHOLDER_AUTHORIZER_NOTE))
            .replace("{header}", &python_string(&header.to_ascii_lowercase()))
            .replace("{token}", &python_string(PLACEHOLDER_TOKEN)),
    }
}

/// `text` as wrapped `#` comment lines (Python and YAML share the syntax).
fn python_comment(text: &str) -> String {
    let mut w = YamlWriter::default();
    w.comment(0, text);
    w.finish()
}

/// A REST TOKEN authorizer: an IAM policy for the whole stage, so that a cached answer also
/// covers the other methods and paths.
const REST_AUTHORIZER: &str = r#"{note}{why}def handler(event, context):
    allowed = event.get("authorizationToken") == {token}
    stage_arn = "/".join(event["methodArn"].split("/")[:2])
    return {
        "principalId": "user",
        "policyDocument": {
            "Version": "2012-10-17",
            "Statement": [{
                "Action": "execute-api:Invoke",
                "Effect": "Allow" if allowed else "Deny",
                "Resource": stage_arn + "{suffix}",
            }],
        },
    }
"#;

/// An HTTP API Lambda authorizer with simple responses (payload format 2.0).
const HTTP_AUTHORIZER: &str = r#"{note}def handler(event, context):
    headers = event.get("headers") or {}
    return {"isAuthorized": headers.get({header}) == {token}}
"#;
