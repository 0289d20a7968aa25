//! Says when the configuration on the page is not kept in the link or the browser (too large,
//! or the browser refused), and offers it as a file.

use crate::browser::download;
use crate::live_limit::CONFIG_FILE_NAME;
use crate::persist::{config_file, Unsaved};
use apigw_cors::CorsConfig;
use leptos::prelude::*;

/// A polite live region, empty while the configuration is kept.
#[component]
pub fn UnsavedNotice(
    config: RwSignal<CorsConfig>,
    unsaved: RwSignal<Option<Unsaved>>,
) -> impl IntoView {
    let save = move |_| {
        let _ = config.with_untracked(|c| download(CONFIG_FILE_NAME, &config_file(c)));
    };
    view! {
        <div class="save-status" role="status">
            {move || {
                unsaved
                    .get()
                    .map(|reason| {
                        view! {
                            <div class="notice" data-testid="unsaved">
                                <p>{reason.message()}</p>
                                <button type="button" data-testid="unsaved-download" on:click=save>
                                    "Download configuration"
                                </button>
                            </div>
                        }
                    })
            }}
        </div>
    }
}
