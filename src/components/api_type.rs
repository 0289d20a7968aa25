//! REST API or HTTP API, with one line on what differs.

use super::info::Info;
use crate::edit::set_api_type;
use crate::facts::Topic;
use apigw_cors::{ApiType, CorsConfig};
use leptos::prelude::*;

/// The configuration's API type as a memo of its own: what depends on it alone (the field, the
/// "?" texts, which panels apply) reads this, so that an edit elsewhere does not run it.
pub fn api_type_of(config: RwSignal<CorsConfig>) -> Memo<ApiType> {
    Memo::new(move |_| config.with(|c| c.api_type))
}

/// The two API types as radio buttons.
#[component]
pub fn ApiTypeField(config: RwSignal<CorsConfig>, api_type: Memo<ApiType>) -> impl IntoView {
    let choice = move |value: ApiType, id: &'static str| {
        view! {
            <label class="choice">
                <input
                    type="radio"
                    name="api-type"
                    id=id
                    data-testid=id
                    value=value.as_str()
                    // The prerendered HTML's state; the property follows the configuration.
                    checked=api_type.get_untracked() == value
                    prop:checked=move || api_type.get() == value
                    on:change=move |_| config.update(|c| set_api_type(c, value))
                />
                {value.display_name()}
            </label>
        }
    };
    view! {
        <fieldset class="field">
            <legend>"API type"</legend>
            <Info id="api-type" topic=Topic::ApiType api_type />
            <div class="choices">
                {choice(ApiType::Rest, "api-type-rest")} {choice(ApiType::Http, "api-type-http")}
            </div>
            <p class="hint">
                {move || match api_type.get() {
                    ApiType::Rest => "Your Lambda function returns the CORS headers; API Gateway answers only the preflight.",
                    ApiType::Http => "API Gateway adds the CORS headers to every response and ignores your function's.",
                }}
            </p>
        </fieldset>
    }
}
