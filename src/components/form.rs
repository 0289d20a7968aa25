//! The form: every input of the configuration, in the order of the file format.

use super::{
    api_type::ApiTypeField, credentials::CredentialsField, headers::HeadersField,
    max_age::MaxAgeField, methods::MethodsField, origins::OriginsField,
    rest_http_options::RestHttpOptions,
};
use apigw_cors::{ApiType, CorsConfig, Report};
use leptos::prelude::*;

/// The inputs, left of the outputs (above them on narrow screens). `api_type` is the
/// configuration's, read by the fields that depend on it.
#[component]
pub fn ConfigForm(
    config: RwSignal<CorsConfig>,
    report: Memo<Report>,
    api_type: Memo<ApiType>,
) -> impl IntoView {
    view! {
        <form class="config" aria-labelledby="config-title" on:submit=|ev| ev.prevent_default()>
            <h2 id="config-title">"Configuration"</h2>
            <ApiTypeField config api_type />
            <OriginsField config report api_type />
            <MethodsField config report api_type />
            <HeadersField config report api_type />
            <MaxAgeField config report api_type />
            <CredentialsField config report api_type />
            <RestHttpOptions config report api_type />
        </form>
    }
}
