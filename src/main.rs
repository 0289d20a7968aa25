//! The CORS configurator page: mounts the app in place of the prerendered copy of the page.

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(apigw_cors_web::App);
    apigw_cors_web::prerender::take_over();
}
