//! The page's components, one per file.

mod api_type;
mod credentials;
mod diagnostics;
mod field_messages;
mod form;
mod headers;
mod info;
mod list_field;
mod max_age;
mod methods;
mod origins;
mod output_panel;
mod outputs;
mod rest_http_options;
mod sim_deployment;
mod sim_request;
mod simulator;

pub use diagnostics::Diagnostics;
pub use form::ConfigForm;
pub use outputs::Outputs;
pub use simulator::Simulator;
