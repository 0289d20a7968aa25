//! What the REST targets that write API Gateway's parameters themselves (`cloudformation`,
//! `terraform`, `serverless`) must carry, written out here independently of the library.

use apigw_cors::ValidCorsConfig;

/// A static value in an API Gateway response parameter: the value in single quotes.
pub fn quoted(value: &str) -> String {
    format!("'{value}'")
}

/// The OPTIONS mock's response parameters as SAM's `Cors` makes them (reference §2.2).
pub fn expected_mock_parameters(config: &ValidCorsConfig, origin: &str) -> Vec<(String, String)> {
    let header = |name: &str| format!("method.response.header.Access-Control-{name}");
    let mut expected = vec![
        (header("Allow-Origin"), quoted(origin)),
        (
            header("Allow-Methods"),
            quoted(&config.methods.names().join(",")),
        ),
    ];
    if !config.allow_headers.is_empty() {
        expected.push((
            header("Allow-Headers"),
            quoted(&config.allow_headers.join(",")),
        ));
    }
    if let Some(age) = config.max_age {
        expected.push((header("Max-Age"), quoted(&age.to_string())));
    }
    if config.allow_credentials {
        expected.push((header("Allow-Credentials"), quoted("true")));
    }
    expected
}

/// The gateway responses' parameters under the README's policy: one origin or `*` as is;
/// several origins echoed without credentials, the first one only with credentials.
pub fn expected_gateway_parameters(config: &ValidCorsConfig) -> Vec<(String, String)> {
    let header = |name: &str| format!("gatewayresponse.header.{name}");
    let echoed = config.echoes_origin() && !config.allow_credentials;
    let origin = if echoed {
        "method.request.header.origin".to_owned()
    } else {
        quoted(config.origins.values()[0])
    };
    let mut expected = vec![(header("Access-Control-Allow-Origin"), origin)];
    if config.allow_credentials {
        expected.push((header("Access-Control-Allow-Credentials"), quoted("true")));
    }
    if !config.expose_headers.is_empty() {
        expected.push((
            header("Access-Control-Expose-Headers"),
            quoted(&config.expose_headers.join(",")),
        ));
    }
    if echoed {
        expected.push((header("Vary"), quoted("Origin")));
    }
    expected
}
