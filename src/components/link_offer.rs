//! A link that could not be read while a configuration is saved in this browser: the notice
//! says so and lets the user choose between the saved configuration and what is shown (the
//! defaults, or what they typed since). Until they choose, nothing they change is saved, so the
//! saved configuration cannot be lost to a bad link.

use crate::browser::focus;
use crate::persist::LinkOffer;
use apigw_cors::{CorsConfig, DeployTool};
use leptos::prelude::*;

/// The offer, inside the notices' live region; gone once the user chooses.
#[component]
pub fn LinkOfferNotice(
    config: RwSignal<CorsConfig>,
    tool: RwSignal<DeployTool>,
    offer: RwSignal<Option<LinkOffer>>,
) -> impl IntoView {
    let load_saved = move |_| {
        if let Some(LinkOffer {
            saved, saved_tool, ..
        }) = offer.get_untracked()
        {
            offer.set(None);
            tool.set(saved_tool);
            config.set(saved);
        }
        // The notice and its buttons are gone: focus goes to the first field.
        focus("origins");
    };
    let keep_shown = move |_| {
        offer.set(None);
        focus("origins");
    };
    let notice = move || {
        offer.with(|offer| offer.as_ref().map(|offer| offer.message.clone())).map(|message| {
            // Only while the offer stands: no keystroke runs it otherwise.
            let edited = Memo::new(move |_| config.with(|c| *c != CorsConfig::default()));
            view! {
                <div class="notice offer" data-testid="link-offer" role="group" aria-labelledby="link-offer-text">
                    <p id="link-offer-text">
                        {message}
                        " Your saved configuration is unchanged, and nothing you change here is saved until you choose."
                    </p>
                    <div class="notice-actions">
                        <button type="button" class="primary" data-testid="load-saved" on:click=load_saved>
                            "Load the saved configuration"
                        </button>
                        <button type="button" data-testid="keep-shown" on:click=keep_shown>
                            {move || if edited.get() { "Keep what is shown" } else { "Keep the defaults" }}
                        </button>
                    </div>
                </div>
            }
        })
    };
    // Always in the page, so that an offer appearing later (a link opened in this tab) is
    // announced.
    view! { <div class="save-status" aria-live="polite">{notice}</div> }
}
