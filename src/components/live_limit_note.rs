//! Beside a field: how much it holds and the page's bound, when the page does not work on the
//! configuration as the user types (see `live_limit`).

use crate::live_limit::LiveLimit;
use apigw_cors::Field;
use leptos::prelude::*;

/// A polite live region, empty while the field is within the bound (it stays in the page so
/// that screen readers announce the message when it appears).
#[component]
pub fn LiveLimitNote(id: &'static str, field: Field) -> impl IntoView {
    let limit = LiveLimit::from_context();
    let note = Memo::new(move |_| limit.and_then(|l| l.note(field)));
    view! {
        <p id=id class="live-limit" data-testid=id role="status">
            {move || note.get()}
        </p>
    }
}
