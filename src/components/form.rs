//! The form: every input of the configuration, in the order of the file format.

use super::{
    api_type::ApiTypeField, credentials::CredentialsField, headers::HeadersField,
    max_age::MaxAgeField, methods::MethodsField, origins::OriginsField,
    rest_http_options::RestHttpOptions,
};
use apigw_cors::{ApiType, CorsConfig, Diagnostic, Report};
use leptos::prelude::*;

/// The inputs, left of the outputs (above them on narrow screens). `findings` (the report's) and
/// `api_type` (the configuration's) are for the fields that depend on them alone.
#[component]
pub fn ConfigForm(
    config: RwSignal<CorsConfig>,
    report: Memo<Report>,
    findings: Memo<Vec<Diagnostic>>,
    api_type: Memo<ApiType>,
) -> impl IntoView {
    view! {
        <form class="config" aria-labelledby="config-title" on:submit=|ev| ev.prevent_default()>
            <h2 id="config-title">"Configuration"</h2>
            <ApiTypeField config api_type />
            <OriginsField config report findings api_type />
            <MethodsField config findings api_type />
            <HeadersField config findings api_type />
            <MaxAgeField config findings api_type />
            <CredentialsField config findings api_type />
            <RestHttpOptions config findings api_type />
        </form>
    }
}
