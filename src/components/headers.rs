//! Allowed request headers (toggles for the common ones plus a free list) and exposed response
//! headers.

use super::{
    checkbox::Checkbox, field_messages::FieldMessages, info::Info, list_field::ListField,
    live_limit_note::LiveLimitNote,
};
use crate::edit::{header_listed, set_header, COMMON_HEADERS};
use crate::facts::Topic;
use apigw_cors::{ApiType, CorsConfig, Diagnostic, Field};
use leptos::prelude::*;

/// The two header lists.
#[component]
pub fn HeadersField(
    config: RwSignal<CorsConfig>,
    findings: Memo<Vec<Diagnostic>>,
    api_type: Memo<ApiType>,
) -> impl IntoView {
    let allow = Memo::new(move |_| config.with(|c| c.allow_headers.clone()));
    let expose = Memo::new(move |_| config.with(|c| c.expose_headers.clone()));
    let toggles = COMMON_HEADERS
        .into_iter()
        .map(|name| {
            view! {
                <Checkbox
                    id=format!("header-{name}")
                    checked=move || allow.with(|list| header_listed(list, name))
                    on_toggle=move |on| config.update(|c| set_header(&mut c.allow_headers, name, on))
                >
                    {name}
                </Checkbox>
            }
        })
        .collect_view();
    view! {
        <fieldset class="field">
            <legend>"Allowed request headers"</legend>
            <Info id="headers" topic=Topic::Headers api_type />
            <div class="choices wrap">{toggles}</div>
            <label for="headers" class="sub">"All allowed headers (comma-separated)"</label>
            <ListField
                id="headers"
                value=allow
                on_change=move |list| config.update(|c| c.allow_headers = list)
                separator=", "
                placeholder="Content-Type, X-Custom-Header"
                describedby="headers-messages headers-limit"
            />
            <FieldMessages id="headers-messages" field=Field::AllowHeaders findings />
            <LiveLimitNote id="headers-limit" field=Field::AllowHeaders />
        </fieldset>
        <div class="field">
            <label for="expose-headers">"Exposed response headers"</label>
            <Info id="expose-headers" topic=Topic::ExposeHeaders api_type />
            <ListField
                id="expose-headers"
                value=expose
                on_change=move |list| config.update(|c| c.expose_headers = list)
                separator=", "
                placeholder="X-Request-Id"
                describedby="expose-headers-messages expose-headers-limit"
            />
            <FieldMessages id="expose-headers-messages" field=Field::ExposeHeaders findings />
            <LiveLimitNote id="expose-headers-limit" field=Field::ExposeHeaders />
        </div>
    }
}
