//! The page's components, one per file.

mod api_type;
mod checkbox;
mod credentials;
mod diagnostics;
mod field_messages;
mod form;
mod headers;
mod import_panel;
mod info;
mod keep_showing;
mod link_offer;
mod list_field;
mod live_limit_note;
mod max_age;
mod methods;
mod notice;
mod origins;
mod output_panel;
mod outputs;
mod rest_http_options;
mod share_bar;
mod sim_deployment;
mod sim_request;
mod simulator;
mod tool_tabs;
mod unsaved_notice;

pub use diagnostics::Diagnostics;
pub use form::ConfigForm;
pub use import_panel::ImportPanel;
pub use link_offer::LinkOfferNotice;
pub use notice::Notices;
pub use origins::OriginsField;
pub use outputs::Outputs;
pub use share_bar::ShareBar;
pub use simulator::Simulator;
pub use unsaved_notice::UnsavedNotice;
