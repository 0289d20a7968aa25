//! What the emitters share, kept apart from the targets themselves (`crate::targets`): the
//! writers of each output language (`sam_yaml`, `cdk_ts`, `cdk_py`, `hcl`, and `comment` for wrapped
//! comments in any of them), the complete CDK app described once for both of its languages
//! (`cdk_app`), the facts and wording several targets state (`facts`), the one source of the
//! handlers' answers (`lambda_cors`) and of the gateway responses' headers (`gateway_policy`),
//! the MOCK preflight's answer (`mock_preflight`), the example functions (`example_functions`),
//! stable hashes for logical ids (`stable_hash`), and which lines carry CORS (`cors_lines`).

pub(crate) mod cdk_app;
pub(crate) mod cdk_py;
pub(crate) mod cdk_ts;
pub(crate) mod comment;
pub(crate) mod cors_lines;
pub(crate) mod example_functions;
pub(crate) mod facts;
pub(crate) mod gateway_policy;
pub(crate) mod hcl;
pub(crate) mod lambda_cors;
pub(crate) mod mock_preflight;
pub(crate) mod sam_yaml;
pub(crate) mod stable_hash;

pub use cors_lines::CorsLines;
