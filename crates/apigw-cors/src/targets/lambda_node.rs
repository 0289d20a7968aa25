//! Target `lambda-node`: not written yet.

use crate::model::ValidCorsConfig;

/// Renders this target.
pub(crate) fn render(config: &ValidCorsConfig) -> String {
    handler_source(config)
}

/// The handler as a CommonJS module (`index.js`, handler `index.handler`), also embedded
/// inline in the complete CDK app.
pub(crate) fn handler_source(_config: &ValidCorsConfig) -> String {
    "exports.handler = async () => ({ statusCode: 200, body: 'ok' });\n".to_owned()
}
