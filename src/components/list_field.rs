//! A text area that edits a list: one entry per line or comma-separated.

use apigw_cors::split_list;
use leptos::prelude::*;

/// The text area for a list in the configuration. What the user types is kept as typed; the
/// text is rewritten only when the list changes from elsewhere (a toggle, Reset).
#[component]
pub fn ListField(
    id: &'static str,
    #[prop(into)] value: Signal<Vec<String>>,
    on_change: impl Fn(Vec<String>) + 'static,
    separator: &'static str,
    placeholder: &'static str,
    describedby: &'static str,
    #[prop(default = 2)] rows: u32,
) -> impl IntoView {
    let area = NodeRef::<leptos::html::Textarea>::new();
    // Outside world only: the DOM text follows the configuration when they disagree.
    Effect::new(move |_| {
        let list = value.get();
        if let Some(area) = area.get() {
            if split_list(&area.value()) != list {
                area.set_value(&list.join(separator));
            }
        }
    });
    // The text the prerendered HTML carries; the effect keeps it in step after that.
    let initially = value.with_untracked(|list| list.join(separator));
    view! {
        <textarea
            id=id
            data-testid=id
            node_ref=area
            rows=rows
            placeholder=placeholder
            aria-describedby=describedby
            spellcheck="false"
            autocomplete="off"
            autocapitalize="off"
            on:input:target=move |ev| on_change(split_list(&ev.target().value()))
        >
            {initially}
        </textarea>
    }
}
