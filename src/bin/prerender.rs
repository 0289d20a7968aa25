//! Writes the page as rendered for the default configuration into the built `index.html`
//! (see `apigw_cors_web::prerender`). Trunk's post_build hook runs it (Trunk.toml) with the
//! staged page in `$TRUNK_STAGING_DIR`; a path argument names another `index.html`.

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let path = match std::env::args_os().nth(1) {
        Some(path) => PathBuf::from(path),
        None => match std::env::var_os("TRUNK_STAGING_DIR") {
            Some(dir) => PathBuf::from(dir).join("index.html"),
            None => {
                eprintln!("prerender: give the index.html to write (or run it from Trunk's post_build hook, which sets TRUNK_STAGING_DIR)");
                return ExitCode::FAILURE;
            }
        },
    };
    let page = match std::fs::read_to_string(&path) {
        Ok(page) => page,
        Err(error) => {
            eprintln!("prerender: cannot read {}: {error}", path.display());
            return ExitCode::FAILURE;
        }
    };
    let app = apigw_cors_web::prerender::render_app();
    let written = apigw_cors_web::prerender::into_page(&page, &app)
        .map_err(|reason| format!("{}: {reason}", path.display()))
        .and_then(|out| {
            std::fs::write(&path, out)
                .map_err(|error| format!("cannot write {}: {error}", path.display()))
        });
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(reason) => {
            eprintln!("prerender: {reason}");
            ExitCode::FAILURE
        }
    }
}
