//! Whether credentialed requests (cookies, HTTP authentication) are allowed.

use super::{checkbox::Checkbox, field_messages::FieldMessages, info::Info};
use crate::facts::Topic;
use apigw_cors::{ApiType, CorsConfig, Diagnostic, Field};
use leptos::prelude::*;

/// The credentials checkbox.
#[component]
pub fn CredentialsField(
    config: RwSignal<CorsConfig>,
    findings: Memo<Vec<Diagnostic>>,
    api_type: Memo<ApiType>,
) -> impl IntoView {
    view! {
        <div class="field">
            <Checkbox
                id="credentials"
                describedby="credentials-messages"
                checked=move || config.with(|c| c.allow_credentials)
                on_toggle=move |on| config.update(|c| c.allow_credentials = on)
            >
                "Allow credentials (cookies, HTTP authentication)"
            </Checkbox>
            <Info id="credentials" topic=Topic::Credentials api_type />
            <FieldMessages id="credentials-messages" field=Field::AllowCredentials findings />
        </div>
    }
}
