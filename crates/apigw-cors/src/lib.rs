//! Generates and checks CORS configuration for Amazon API Gateway.
//!
//! One configuration ([`CorsConfig`]) is validated once ([`validate`]) into a
//! [`ValidCorsConfig`], from which every [`Target`] renders infallibly: AWS SAM snippets and a
//! complete template, AWS CDK TypeScript, Lambda proxy responses and handlers, gateway
//! responses and curl checks. [`check`] adds the diagnostics that explain common CORS mistakes.
//!
//! ```
//! use apigw_cors::{check, render, ApiType, CorsConfig, Target};
//!
//! let config = CorsConfig::from_json(r#"{
//!     "apiType": "http",
//!     "allowOrigins": ["https://app.example.com"],
//!     "allowMethods": ["GET", "POST"],
//!     "allowHeaders": ["Content-Type"],
//!     "maxAge": 600
//! }"#).unwrap();
//! let report = check(&config);
//! let valid = report.config.expect("the configuration is valid");
//! let globals = render(Target::SamGlobals, &valid);
//! assert!(globals.contains("CorsConfiguration:"));
//! assert!(globals.contains("- https://app.example.com"));
//! ```
#![warn(missing_docs)]

mod check;
mod diagnose;
mod diagnostic;
mod emit;
mod error;
mod escape;
mod example;
mod field;
mod headers;
#[cfg(feature = "yaml")]
mod import;
mod load;
mod model;
mod nesting;
mod observe;
mod origin;
mod rule;
mod share;
mod simulate;
mod targets;
mod tool;
mod worker_message;

pub use check::{
    check, validate, Invalid, Report, Validated, CHROMIUM_MAX_AGE_CAP, FIREFOX_MAX_AGE_CAP,
    HTTP_API_MAX_AGE_LIMIT,
};
pub use diagnose::{
    explain, Browser, Cause, Check, Exchange, Explanation, Finding, Read, UnknownCause,
};
pub use diagnostic::{Diagnostic, Severity};
pub use emit::CorsLines;
pub use error::ConfigError;
pub use escape::{
    hcl_heredoc, hcl_string, html_attribute, html_text, python_block_string, python_string,
    shell_word, ts_string, yaml_quoted, yaml_scalar,
};
pub use example::{
    EXAMPLE_API_ID, EXAMPLE_API_URL, EXAMPLE_RESOURCE, EXAMPLE_ROUTE, EXAMPLE_STAGE,
    EXAMPLE_STAGE_URL,
};
pub use field::{Field, Place};
pub use headers::{is_forbidden_request_header, is_safelisted_response_header};
#[cfg(feature = "yaml")]
pub use import::{import_template, FoundApi, FoundSetting, Import, ImportError, SelectError};
pub use load::split_list;
pub use model::{
    is_origin_pattern, AllowedMethods, AllowedOrigins, ApiType, CorsConfig, Method, PayloadFormat,
    ValidCorsConfig,
};
pub use nesting::{TooDeep, MAX_NESTING};
pub use observe::{
    compare, describe, from_gateway, observations, through_gateway, Comparison, Difference,
    Observation, ERROR_TYPE_HEADER, EXTENDED_REQUEST_ID_HEADER, FORBIDDEN_ERROR,
    HTTP_API_REQUEST_ID_HEADER, MISSING_TOKEN_ERROR, REQUEST_ID_HEADER,
};
pub use rule::Rule;
pub use share::{
    decode_fragment, decode_fragment_with_tool, decode_stored, decode_stored_with_tool,
    encode_fragment, encode_fragment_with_tool, encode_stored, encode_stored_with_tool,
    encoded_len, fits_share_limit, ShareError, ShareSource, MAX_ENCODED_LEN,
};
pub use simulate::{
    default_page_origin, example_request_for, run_browser, simulate, ActualExchange,
    AuthorizerPlacement, BrowserRequest, CredentialsMode, Deployment, HttpRequest, HttpResponse,
    LiveRun, PreflightCache, PreflightExchange, RecordedExchange, Simulation, Step, Tool,
    DEFAULT_PREFLIGHT_CACHE,
};
pub use targets::{render, Syntax, Target, UnknownTarget};
pub use tool::{DeployTool, UnknownTool, SHARED_TARGETS};
pub use worker_message::{
    ImportAnswer, ImportedApi, JsonFields, SimulationAnswer, UnreadableSimulation, WorkerAnswer,
    WorkerRequest, FIELD_ATTRIBUTE, WORKER_PROTOCOL,
};
