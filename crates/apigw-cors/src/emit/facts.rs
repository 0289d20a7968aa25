//! Facts and wording that several targets state, each written once here.

use crate::model::ValidCorsConfig;

/// What an HTTP API does with its CORS configuration, for a comment next to it. API Gateway
/// adds the headers to the integration's responses; whether its own errors (an authorizer's
/// 401 or 403, throttling) get them is not documented, so nothing is promised about those.
pub(crate) const HTTP_API_ADDS_CORS_HEADERS: &str =
    "API Gateway answers the preflight and adds these headers to the responses of the integration \
     (the function), ignoring CORS headers the function returns. Its own errors, such as an \
     authorizer's 401 or 403, are not documented to carry them.";

/// The resource a REST token authorizer's policy covers, relative to the stage ARN
/// (`arn:aws:execute-api:region:account:api-id/stage`): every method on every path. API Gateway
/// caches the policy per token (5 minutes by default), so a policy for one method ARN would
/// deny the next method or path called with the same token.
pub(crate) const AUTHORIZER_POLICY_SUFFIX: &str = "/*/*";

/// Why the authorizer's policy covers the whole stage, for a comment in its code.
pub(crate) const AUTHORIZER_POLICY_WHY: &str =
    "The policy covers every method and path of the stage: API Gateway caches it per token, \
     and a policy for this method alone would deny the next one.";

/// The one token the generated placeholder authorizers accept, in every target.
pub(crate) const PLACEHOLDER_TOKEN: &str = "allow";

/// The warning above every generated placeholder authorizer.
pub(crate) const PLACEHOLDER_AUTHORIZER_NOTE: &str =
    "EXAMPLE ONLY: this authorizer accepts the token \"allow\" and nothing else. Replace the \
     check with real validation (for example a JWT signature check) before you deploy.";

/// Why the example function answers the preflight (REST with several origins: a MOCK sends
/// one fixed origin), for a comment next to the OPTIONS event or operation that points to it.
pub(crate) const FUNCTION_ANSWERS_PREFLIGHT: &str =
    "The preflight goes to the function, which echoes the request's Origin when it is allowed.";

/// Why an HTTP API with an authorizer and an `ANY` route gets an OPTIONS route to the function
/// without the authorizer, for a comment next to it.
pub(crate) const OPTIONS_ROUTE_SKIPS_AUTHORIZER: &str =
    "The preflight skips the authorizer: the ANY route would otherwise send OPTIONS to it.";

/// Why a REST API's OPTIONS method has neither the authorizer nor the API key, for a comment on
/// it in the complete templates that write the method themselves.
pub(crate) const PREFLIGHT_WITHOUT_AUTHORIZER_OR_KEY: &str =
    "No authorizer and no API key on OPTIONS, whatever the other methods use: a browser sends \
     neither a token nor a key with a preflight, so either would answer it 401 or 403.";

/// What a REST API's MOCK OPTIONS method does, for a comment next to it.
pub(crate) const MOCK_PREFLIGHT_WHY: &str =
    "The preflight: API Gateway answers OPTIONS itself with a MOCK integration (the function \
     is not called) and the CORS headers below. It answers the preflight only: the function \
     adds Access-Control-Allow-Origin to every response it returns.";

/// Why the MOCK preflight has no Access-Control-Expose-Headers (`expose` is the configured list,
/// comma-joined).
pub(crate) fn no_expose_headers_on_preflight(expose: &str) -> String {
    format!(
        "No Access-Control-Expose-Headers here: it matters on the actual responses, and \
         the function sends it there ({expose})."
    )
}

/// Why a REST API with several origins sends the preflight to the function, for a comment next
/// to its OPTIONS method.
pub(crate) fn mock_cannot_name_origins(origins: &[&str]) -> String {
    format!(
        "{FUNCTION_ANSWERS_PREFLIGHT} A MOCK answers with one fixed Access-Control-Allow-Origin, which \
         cannot name {} origins ({}); a comma-joined list is not a valid value.",
        origins.len(),
        origins.join(", ")
    )
}

/// The comments above a REST API's OPTIONS method in the complete files that write it themselves
/// (`cloudformation`, `terraform`): why it is a MOCK (and why it has no Expose-Headers), or why
/// several origins send the preflight to the function. `mock` is whether it is a MOCK.
pub(crate) fn options_method_comments(config: &ValidCorsConfig, mock: bool) -> Vec<String> {
    if !mock {
        return vec![mock_cannot_name_origins(&config.origins.values())];
    }
    let mut comments = vec![MOCK_PREFLIGHT_WHY.to_owned()];
    if !config.expose_headers.is_empty() {
        comments.push(no_expose_headers_on_preflight(
            &config.expose_headers.join(","),
        ));
    }
    comments
}

/// Why a REST API has DEFAULT_4XX and DEFAULT_5XX gateway responses, for a comment next to them.
pub(crate) const GATEWAY_RESPONSES_WHY: &str =
    "API Gateway's own errors (authorizer, API key, throttling, a failing integration) never reach \
     the function: these add the CORS headers to them, so the browser shows the real status \
     instead of a CORS error.";

/// Why an HTTP API's stage deploys automatically, for a comment next to the setting.
pub(crate) const AUTO_DEPLOY_WHY: &str =
    "API Gateway deploys every change of the API (its CORS configuration included) to this \
     stage, so no deployment resource is needed.";

/// Why a REST API with `apiKeyRequired` gets a usage plan, for a comment next to the key.
pub(crate) const API_KEY_NEEDS_USAGE_PLAN: &str =
    "The methods require an API key (X-Api-Key); a key works only through a usage plan for the stage.";

/// Why the function's invoke permission covers every method and stage, for a comment next to it.
pub(crate) const FUNCTION_PERMISSION_WHY: &str = concat!(
    "API Gateway may call the function for every method on ",
    crate::example::example_route!(),
    ", on any stage."
);

/// What the authorizer function's invoke permission is for, for a comment next to it.
pub(crate) const AUTHORIZER_PERMISSION_WHY: &str = "API Gateway may call the authorizer.";

/// The description of the complete templates' output that gives the example route's URL.
pub(crate) const ITEMS_URL_DESCRIPTION: &str = concat!(
    "The ",
    crate::example::example_route!(),
    " route (check it with the curl target)"
);

/// The description of the complete templates' output that gives the API key's ID.
pub(crate) const API_KEY_ID_DESCRIPTION: &str =
    "Read the key with aws apigateway get-api-key --include-value --api-key <this id>";

/// The aws-cdk-lib version the generated CDK apps are compiled and synthesized with in this
/// project's conformance tests (`conformance/cdk/package.json`, checked by a test).
pub(crate) const TESTED_AWS_CDK_LIB: &str = "2.276.0";

/// The aws-cdk-lib version for Python that the generated Python CDK apps are synthesized with
/// in this project's conformance tests (`conformance/sam/requirements.txt`, checked by a test).
/// PyPI here has no 2.276.0 yet; 2.275.0 is the nearest.
pub(crate) const TESTED_AWS_CDK_LIB_PYTHON: &str = "2.275.0";

/// The OpenAPI version set on REST SAM APIs: any value stops SAM from also creating a stage
/// named `Stage`; 3.0.1 is the value SAM's documentation uses.
pub(crate) const SAM_OPENAPI_VERSION: &str = "3.0.1";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tested_aws_cdk_lib_is_the_one_the_conformance_installs() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../conformance/cdk/package.json"
        );
        let package: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        assert_eq!(
            package["devDependencies"]["aws-cdk-lib"].as_str(),
            Some(TESTED_AWS_CDK_LIB)
        );
    }

    #[test]
    fn the_tested_python_aws_cdk_lib_is_the_one_the_virtualenv_installs() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../conformance/sam/requirements.txt"
        );
        let requirements = std::fs::read_to_string(path).unwrap();
        let pinned = format!("aws-cdk-lib=={TESTED_AWS_CDK_LIB_PYTHON}");
        assert!(
            requirements.lines().any(|line| line.trim() == pinned),
            "{path} does not pin {pinned}"
        );
    }
}
