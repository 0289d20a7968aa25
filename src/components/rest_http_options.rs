//! The options that depend on the API: a token authorizer's header (both types), an API key
//! (REST only) and the Lambda payload format (HTTP only).

use super::{
    checkbox::Checkbox, field_messages::FieldMessages, info::Info, keep_showing::keep_showing,
    live_limit_note::LiveLimitNote,
};
use crate::edit::optional_text;
use crate::facts::Topic;
use apigw_cors::{ApiType, CorsConfig, Diagnostic, Field, PayloadFormat};
use leptos::prelude::*;

/// Authorizer header, API key and payload format.
#[component]
pub fn RestHttpOptions(
    config: RwSignal<CorsConfig>,
    findings: Memo<Vec<Diagnostic>>,
    api_type: Memo<ApiType>,
) -> impl IntoView {
    let header = Memo::new(move |_| config.with(|c| c.authorizer_header.clone()));
    let payload_format = Memo::new(move |_| {
        config.with(|c| {
            c.payload_format_version
                .clone()
                .unwrap_or_else(|| PayloadFormat::V2.as_str().into())
        })
    });
    let input = NodeRef::<leptos::html::Input>::new();
    keep_showing(
        input,
        header,
        |text, name| optional_text(text) == *name,
        |name| name.clone().unwrap_or_default(),
    );
    view! {
        <div class="field">
            <label for="authorizer-header">"Authorizer token header (optional)"</label>
            <Info id="authorizer-header" topic=Topic::Authorizer api_type />
            <input
                type="text"
                id="authorizer-header"
                data-testid="authorizer-header"
                node_ref=input
                placeholder="Authorization"
                spellcheck="false"
                autocomplete="off"
                aria-describedby="authorizer-header-messages authorizer-header-limit"
                on:input:target=move |ev| {
                    let name = optional_text(&ev.target().value());
                    config.update(|c| c.authorizer_header = name);
                }
            />
            <FieldMessages id="authorizer-header-messages" field=Field::AuthorizerHeader findings />
            <LiveLimitNote id="authorizer-header-limit" field=Field::AuthorizerHeader />
        </div>
        <Show when=move || api_type.get() == ApiType::Rest>
            <div class="field">
                <Checkbox
                    id="api-key"
                    checked=move || config.with(|c| c.api_key_required)
                    on_toggle=move |on| config.update(|c| c.api_key_required = on)
                >
                    "Methods require an API key (X-Api-Key)"
                </Checkbox>
                <Info id="api-key" topic=Topic::ApiKey api_type />
                <FieldMessages id="api-key-messages" field=Field::ApiKeyRequired findings />
            </div>
        </Show>
        <Show when=move || api_type.get() == ApiType::Http>
            <div class="field">
                <label for="payload-format">"Lambda payload format"</label>
                <Info id="payload-format" topic=Topic::PayloadFormat api_type />
                <select
                    id="payload-format"
                    data-testid="payload-format"
                    prop:value=move || payload_format.get()
                    on:change:target=move |ev| {
                        let version = ev.target().value();
                        config.update(|c| {
                            c.payload_format_version =
                                (version != PayloadFormat::V2.as_str()).then_some(version)
                        });
                    }
                >
                    <option value=PayloadFormat::V2.as_str()>{format!("{} (default)", PayloadFormat::V2.as_str())}</option>
                    <option value=PayloadFormat::V1.as_str()>{PayloadFormat::V1.as_str()}</option>
                </select>
                <FieldMessages id="payload-format-messages" field=Field::PayloadFormatVersion findings />
            </div>
        </Show>
    }
}
