//! Allowed origins: a pasted list, each origin checked as it is typed.

use super::{
    field_messages::FieldMessages, info::Info, list_field::ListField,
    live_limit_note::LiveLimitNote,
};
use crate::facts::Topic;
use apigw_cors::{ApiType, CorsConfig, Diagnostic, Field, Report, ValidCorsConfig};
use leptos::prelude::*;

/// The origins text area, its per-origin messages and the list as it will be used.
#[component]
pub fn OriginsField(
    config: RwSignal<CorsConfig>,
    report: Memo<Report>,
    findings: Memo<Vec<Diagnostic>>,
    api_type: Memo<ApiType>,
) -> impl IntoView {
    let origins = Memo::new(move |_| config.with(|c| c.allow_origins.clone()));
    let used = Memo::new(move |_| report.with(|r| r.config.as_ref().map(used_origins)));
    view! {
        <div class="field">
            <label for="origins">"Allowed origins"</label>
            <Info id="origins" topic=Topic::Origins api_type />
            <p class="hint" id="origins-hint">
                "One per line or comma-separated, e.g. https://app.example.com"
            </p>
            <ListField
                id="origins"
                value=origins
                on_change=move |list| config.update(|c| c.allow_origins = list)
                separator="\n"
                placeholder="https://app.example.com"
                describedby="origins-hint origins-messages origins-limit"
                rows=3
            />
            <FieldMessages id="origins-messages" field=Field::AllowOrigins findings />
            <LiveLimitNote id="origins-limit" field=Field::AllowOrigins />
            <p class="used" data-testid="origins-used" hidden=move || used.with(Option::is_none)>
                "Used: " <code>{move || used.get().unwrap_or_default()}</code>
            </p>
        </div>
    }
}

/// The "Used:" line's text: the origins as they will be used.
pub fn used_origins(valid: &ValidCorsConfig) -> String {
    valid.origins.values().join(", ")
}
