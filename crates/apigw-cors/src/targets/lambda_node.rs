//! Target `lambda-node`: not written yet.

use crate::model::ValidCorsConfig;

/// Renders this target.
pub(crate) fn render(_config: &ValidCorsConfig) -> String {
    String::new()
}
