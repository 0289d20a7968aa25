//! The CORS configurator page: mounts the app.

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(apigw_cors_web::App);
}
