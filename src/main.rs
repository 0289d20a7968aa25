//! The CORS configurator page: mounts the app.

mod app;
mod browser;
mod components;
mod edit;
mod facts;
mod highlight;
mod persist;
mod sim_input;
mod worker;

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
