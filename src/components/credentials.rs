//! Whether credentialed requests (cookies, HTTP authentication) are allowed.

use super::{field_messages::FieldMessages, info::Info};
use crate::facts::Topic;
use apigw_cors::{CorsConfig, Field, Report};
use leptos::prelude::*;

/// The credentials checkbox.
#[component]
pub fn CredentialsField(config: RwSignal<CorsConfig>, report: Memo<Report>) -> impl IntoView {
    view! {
        <div class="field">
            <label class="choice">
                <input
                    type="checkbox"
                    id="credentials"
                    data-testid="credentials"
                    aria-describedby="credentials-messages"
                    prop:checked=move || config.with(|c| c.allow_credentials)
                    on:change:target=move |ev| {
                        let on = ev.target().checked();
                        config.update(|c| c.allow_credentials = on);
                    }
                />
                "Allow credentials (cookies, HTTP authentication)"
            </label>
            <Info id="credentials" topic=Topic::Credentials config />
            <FieldMessages id="credentials-messages" field=Field::AllowCredentials report />
        </div>
    }
}
