//! The CORS configurator page as a library: the binary (src/main.rs) mounts [`App`], and the
//! browser component tests (tests/components.rs) mount single components. The modules stay
//! private; only what those two use is exported.

mod app;
mod browser;
mod components;
mod edit;
mod facts;
mod highlight;
mod live_limit;
mod persist;
pub mod prerender;
mod sim_input;
mod worker;
mod worker_queue;

pub use app::App;

// For the component tests and the keystroke benchmark's stand-ins (src/bin/keystroke_*.rs).
pub use browser::{mark_ready, patch_code};
pub use components::{api_type_of, findings_of, used_origins, Diagnostics, OriginsField, Outputs};
pub use highlight::to_html;
pub use live_limit::report_of;
pub use sim_input::SimInput;
