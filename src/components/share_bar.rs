//! The header's sharing controls: copy a link that reproduces the configuration, download it as
//! a file for the command line, and open the template import panel.

use crate::browser::{copy_text, download};
use crate::live_limit::CONFIG_FILE_NAME;
use crate::persist::{config_file, current_link, show_in_address_bar};
use apigw_cors::{CorsConfig, DeployTool};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::time::Duration;

const COPY_LABEL: &str = "Copy link";

/// "Copy link" (with feedback; the link carries the chosen tool too) and the import panel's toggle.
#[component]
pub fn ShareBar(
    config: RwSignal<CorsConfig>,
    tool: RwSignal<DeployTool>,
    import_open: RwSignal<bool>,
) -> impl IntoView {
    let label = RwSignal::new(COPY_LABEL);
    let copy = move |_| {
        let current = config.get_untracked();
        let tool = tool.get_untracked();
        // The address bar may lag behind the last keystroke; bring it up to date too.
        show_in_address_bar(&current, tool);
        let link = current_link(&current, tool);
        spawn_local(async move {
            label.set(match link {
                None => "Too large for a link: download it",
                Some(link) => match copy_text(&link).await {
                    Ok(()) => "Link copied",
                    Err(()) => "Copy failed: use the address bar",
                },
            });
            set_timeout(move || label.set(COPY_LABEL), Duration::from_secs(2));
        });
    };
    let save = move |_| {
        let _ = config.with_untracked(|c| download(CONFIG_FILE_NAME, &config_file(c)));
    };
    view! {
        <button
            type="button"
            class="copy-link"
            data-testid="copy-link"
            title="Copy a link that opens this page with this configuration"
            on:click=copy
        >
            {move || label.get()}
        </button>
        <span class="sr-only" role="status">
            {move || if label.get() == COPY_LABEL { "" } else { label.get() }}
        </span>
        <button
            type="button"
            data-testid="download-config"
            title="Download the configuration as a file for the command line (apigw-cors generate FILE)"
            on:click=save
        >
            "Download configuration"
        </button>
        <button
            type="button"
            id="import-toggle"
            data-testid="import-toggle"
            aria-controls="import-panel"
            aria-expanded=move || import_open.get().to_string()
            on:click=move |_| import_open.update(|open| *open = !*open)
        >
            "Import template"
        </button>
    }
}
