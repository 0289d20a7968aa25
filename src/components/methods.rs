//! Allowed methods: one box per method, plus "all" (`*`).

use super::{
    checkbox::Checkbox, field_messages::FieldMessages, info::Info, live_limit_note::LiveLimitNote,
};
use crate::edit::{all_methods, method_listed, set_all_methods, set_method};
use crate::facts::Topic;
use apigw_cors::{ApiType, CorsConfig, Diagnostic, Field, Method};
use leptos::prelude::*;

/// The method checkboxes.
#[component]
pub fn MethodsField(
    config: RwSignal<CorsConfig>,
    findings: Memo<Vec<Diagnostic>>,
    api_type: Memo<ApiType>,
) -> impl IntoView {
    // Which boxes are ticked, so that a keystroke elsewhere runs one memo instead of a box each.
    let ticked = Memo::new(move |_| config.with(|c| Method::ALL.map(|m| method_listed(c, m))));
    let all = Memo::new(move |_| config.with(all_methods));
    let boxes = Method::ALL
        .into_iter()
        .enumerate()
        .map(|(i, method)| {
            view! {
                <Checkbox
                    id=format!("method-{}", method.as_str())
                    checked=move || ticked.with(|t| t[i])
                    on_toggle=move |on| config.update(|c| set_method(c, method, on))
                >
                    {method.as_str()}
                </Checkbox>
            }
        })
        .collect_view();
    view! {
        <fieldset class="field">
            <legend>"Allowed methods"</legend>
            <Info id="methods" topic=Topic::Methods api_type />
            <div class="choices wrap">
                {boxes}
                <Checkbox
                    id="method-all"
                    checked=move || all.get()
                    on_toggle=move |on| config.update(|c| set_all_methods(c, on))
                >
                    "All (*)"
                </Checkbox>
            </div>
            <FieldMessages id="methods-messages" field=Field::AllowMethods findings />
            <LiveLimitNote id="methods-limit" field=Field::AllowMethods />
        </fieldset>
    }
}
