//! Target `serverless`: not written yet (the variant is named so that the page's tool list and the
//! CLI know it).

use crate::model::ValidCorsConfig;

pub(super) fn render(_config: &ValidCorsConfig) -> String {
    "# serverless: not written yet\n".to_owned()
}
