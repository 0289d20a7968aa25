//! The OpenAPI definition target (being written).

use crate::model::ValidCorsConfig;

pub(super) fn render(_config: &ValidCorsConfig) -> String {
    String::from("# not written yet\n")
}
