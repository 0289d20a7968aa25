//! The form: every input of the configuration, in the order of the file format.

use super::{
    api_type::ApiTypeField, credentials::CredentialsField, headers::HeadersField,
    max_age::MaxAgeField, methods::MethodsField, origins::OriginsField,
    rest_http_options::RestHttpOptions,
};
use apigw_cors::{CorsConfig, Report};
use leptos::prelude::*;

/// The inputs, left of the outputs (above them on narrow screens).
#[component]
pub fn ConfigForm(config: RwSignal<CorsConfig>, report: Memo<Report>) -> impl IntoView {
    view! {
        <form class="config" aria-labelledby="config-title" on:submit=|ev| ev.prevent_default()>
            <h2 id="config-title">"Configuration"</h2>
            <ApiTypeField config />
            <OriginsField config report />
            <MethodsField config report />
            <HeadersField config report />
            <MaxAgeField config report />
            <CredentialsField config report />
            <RestHttpOptions config report />
        </form>
    }
}
