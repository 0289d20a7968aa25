//! The request a page makes: its origin, the method, headers and credentials mode of `fetch()`.

use crate::sim_input::{credentials_named, SimInput, CREDENTIALS_MODES};
use apigw_cors::Report;
use leptos::prelude::*;

/// Methods offered by the method field's list; it takes any text (`patch` is sent as is).
const METHODS: [&str; 8] = [
    "GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "patch",
];

/// Origin, method, headers and credentials of the request.
#[component]
pub fn SimRequestFields(input: RwSignal<SimInput>, report: Memo<Report>) -> impl IntoView {
    let origin = move || {
        input.with(|i| match &i.origin {
            Some(origin) => origin.clone(),
            None => report.with(|r| {
                r.config
                    .as_ref()
                    .map(|c| i.origin_or_default(c))
                    .unwrap_or_default()
            }),
        })
    };
    let methods = METHODS
        .map(|m| view! { <option value=m></option> })
        .collect_view();
    let modes = CREDENTIALS_MODES
        .map(|m| view! { <option value=m.as_str()>{m.as_str()}</option> })
        .collect_view();
    view! {
        <div class="field">
            <label for="sim-origin">"Page origin"</label>
            <p class="hint" id="sim-origin-hint">
                "Where the calling page is served from; the first allowed origin until you change it."
            </p>
            <input
                type="text"
                id="sim-origin"
                data-testid="sim-origin"
                spellcheck="false"
                autocomplete="off"
                autocapitalize="off"
                aria-describedby="sim-origin-hint"
                prop:value=origin
                on:input:target=move |ev| {
                    let origin = ev.target().value();
                    input.update(|i| i.origin = Some(origin));
                }
            />
        </div>
        <div class="field">
            <label for="sim-method">"Method"</label>
            <p class="hint" id="sim-method-hint">
                "As written in fetch(); any text. Only DELETE, GET, HEAD, OPTIONS, POST and PUT are upper-cased, so patch stays patch."
            </p>
            <input
                type="text"
                id="sim-method"
                data-testid="sim-method"
                list="sim-methods"
                spellcheck="false"
                autocomplete="off"
                autocapitalize="off"
                aria-describedby="sim-method-hint"
                prop:value=move || input.with(|i| i.method.clone())
                on:input:target=move |ev| {
                    let method = ev.target().value();
                    input.update(|i| i.method = method);
                }
            />
            <datalist id="sim-methods">{methods}</datalist>
        </div>
        <div class="field">
            <label for="sim-headers">"Request headers"</label>
            <p class="hint" id="sim-headers-hint">"One Name: value per line, e.g. Content-Type: application/json"</p>
            <textarea
                id="sim-headers"
                data-testid="sim-headers"
                rows="3"
                spellcheck="false"
                autocomplete="off"
                autocapitalize="off"
                placeholder="Authorization: Bearer token"
                aria-describedby="sim-headers-hint"
                prop:value=move || input.with(|i| i.headers.clone())
                on:input:target=move |ev| {
                    let headers = ev.target().value();
                    input.update(|i| i.headers = headers);
                }
            ></textarea>
        </div>
        <div class="field">
            <label for="sim-credentials">"Credentials (fetch option)"</label>
            <select
                id="sim-credentials"
                data-testid="sim-credentials"
                prop:value=move || input.with(|i| i.credentials.as_str())
                on:change:target=move |ev| {
                    let mode = credentials_named(&ev.target().value());
                    input.update(|i| i.credentials = mode);
                }
            >
                {modes}
            </select>
        </div>
    }
}
