//! Preflight cache time, with the browsers' caps as a hint.

use super::{field_messages::FieldMessages, info::Info, keep_showing::keep_showing};
use crate::edit::parse_max_age;
use crate::facts::Topic;
use apigw_cors::{ApiType, CorsConfig, Diagnostic, Field};
use leptos::prelude::*;

/// The max-age number field.
#[component]
pub fn MaxAgeField(
    config: RwSignal<CorsConfig>,
    findings: Memo<Vec<Diagnostic>>,
    api_type: Memo<ApiType>,
) -> impl IntoView {
    let max_age = Memo::new(move |_| config.with(|c| c.max_age));
    let not_a_number = RwSignal::new(false);
    let input = NodeRef::<leptos::html::Input>::new();
    let text_of = |seconds: &Option<i64>| seconds.map(|s| s.to_string()).unwrap_or_default();
    // The prerendered HTML's value; keep_showing writes the field after that.
    let initially = max_age.with_untracked(text_of);
    keep_showing(
        input,
        max_age,
        |text, seconds| parse_max_age(text) == Ok(*seconds),
        text_of,
    );
    view! {
        <div class="field">
            <label for="max-age">"Max age (seconds)"</label>
            <Info id="max-age" topic=Topic::MaxAge api_type />
            <input
                type="number"
                id="max-age"
                data-testid="max-age"
                node_ref=input
                value=initially
                min="0"
                step="1"
                inputmode="numeric"
                placeholder="not set"
                aria-describedby="max-age-hint max-age-messages"
                on:input:target=move |ev| match parse_max_age(&ev.target().value()) {
                    Ok(seconds) => {
                        not_a_number.set(false);
                        config.update(|c| c.max_age = seconds);
                    }
                    Err(()) => not_a_number.set(true),
                }
            />
            <p class="hint" id="max-age-hint">
                "Browsers cap it: Chromium at 7200 (2 h), Firefox at 86400 (24 h). Empty: not sent."
            </p>
            <p class="field-error" hidden=move || !not_a_number.get()>
                "Enter a whole number of seconds; until then the previous value is used."
            </p>
            <FieldMessages id="max-age-messages" field=Field::MaxAge findings />
        </div>
    }
}
