//! Target `lambda-python`: not written yet.

use crate::model::ValidCorsConfig;

/// Renders this target.
pub(crate) fn render(config: &ValidCorsConfig) -> String {
    handler_source(config)
}

/// The handler module (`index.py`, handler `index.handler`), also embedded inline in the
/// complete SAM template.
pub(crate) fn handler_source(_config: &ValidCorsConfig) -> String {
    "def handler(event, context):\n    return {\"statusCode\": 200, \"body\": \"ok\"}\n".to_owned()
}
