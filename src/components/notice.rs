//! Notices about the page itself, such as a link or a saved configuration that could not be
//! read; each can be dismissed.

use leptos::prelude::*;

/// The list of notices, above the form.
#[component]
pub fn Notices(notices: RwSignal<Vec<String>>) -> impl IntoView {
    let dismiss = move |index: usize| {
        notices.update(|list| {
            if index < list.len() {
                list.remove(index);
            }
        })
    };
    view! {
        <div class="notices" aria-live="polite" hidden=move || notices.with(Vec::is_empty)>
            {move || {
                notices
                    .get()
                    .into_iter()
                    .enumerate()
                    .map(|(index, text)| {
                        view! {
                            <div class="notice" data-testid="notice">
                                <p>{text}</p>
                                <button
                                    type="button"
                                    data-testid="dismiss-notice"
                                    aria-label="Dismiss this notice"
                                    on:click=move |_| dismiss(index)
                                >
                                    "Dismiss"
                                </button>
                            </div>
                        }
                    })
                    .collect_view()
            }}
        </div>
    }
}
