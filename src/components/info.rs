//! The "?" toggle beside a field that shows the API-type-specific facts about it.

use crate::facts::{about, Topic};
use apigw_cors::ApiType;
use leptos::prelude::*;

/// A disclosure button and the sentence or two it reveals.
#[component]
pub fn Info(id: &'static str, topic: Topic, api_type: Memo<ApiType>) -> impl IntoView {
    let open = RwSignal::new(false);
    let panel_id = format!("{id}-info");
    view! {
        <button
            type="button"
            class="info-btn"
            data-testid=format!("info-{id}")
            aria-label="About this field"
            aria-controls=panel_id.clone()
            aria-expanded=move || open.get().to_string()
            on:click=move |_| open.update(|o| *o = !*o)
        >
            "?"
        </button>
        <p id=panel_id class="info-text" hidden=move || !open.get()>
            {move || about(topic, api_type.get())}
        </p>
    }
}
