//! "Explain an error": a browser's CORS console message, pasted, explained as it is typed: the
//! check that failed and where, the causes that fit with the fix in the chosen tool, and a
//! button that moves focus to the form field concerned. The page's worker (see `worker`) reads
//! the text and renders the explanation, so the message reader is not part of the page's own
//! download; the worker starts when the box is first focused or typed in. The page sends
//! nothing anywhere.

use crate::browser::focus;
use crate::edit::control_id;
use crate::worker::SharedWorker;
use apigw_cors::{DeployTool, Field, Place, WorkerAnswer, WorkerRequest, FIELD_ATTRIBUTE};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The pasted message's text area and its explanation.
#[component]
pub fn ExplainError(tool: Signal<DeployTool>, worker: SharedWorker) -> impl IntoView {
    let text = RwSignal::new(String::new());
    // The worker's HTML for the latest text answered, and why there is none.
    let result = RwSignal::new(String::new());
    let failure = RwSignal::new(None::<String>);
    let latest = StoredValue::new(0u32);
    // The latest text is not answered yet; answers to earlier ones are dropped.
    let reading = RwSignal::new(false);

    worker.listen(move |answer| match answer {
        Ok(WorkerAnswer::Explanation { id, html }) if id == latest.get_value() => {
            reading.set(false);
            failure.set(None);
            result.set(html);
        }
        Ok(WorkerAnswer::Error { id, message }) if id == latest.get_value() => {
            reading.set(false);
            result.set(String::new());
            failure.set(Some(message));
        }
        Ok(_) => {}
        // The next text starts the worker again.
        Err(message) if reading.get_untracked() => {
            reading.set(false);
            result.set(String::new());
            failure.set(Some(message));
        }
        Err(_) => {}
    });

    // Outside world only: every text and tool goes to the worker (started the first time);
    // the worker has one at a time and the latest waits (see `worker_queue`).
    Effect::new(move |_| {
        let tool = tool.get();
        let id = worker.next_id();
        latest.set_value(id);
        let request =
            text.with(|t| (!t.trim().is_empty()).then(|| WorkerRequest::explain(id, tool, t)));
        let Some(request) = request else {
            // Cleared: nothing to explain, and an answer still on its way is dropped.
            reading.set(false);
            failure.set(None);
            result.set(String::new());
            return;
        };
        reading.set(true);
        if let Err(message) = worker.post(&request) {
            reading.set(false);
            failure.set(Some(message));
        }
    });

    view! {
        <section class="explain panel" aria-labelledby="explain-title">
            <h2 id="explain-title">"Explain an error"</h2>
            <label for="explain-input">
                "Paste what the browser's console printed (Chrome, Firefox or Safari)"
            </label>
            <textarea
                id="explain-input"
                data-testid="explain-input"
                rows="4"
                spellcheck="false"
                autocomplete="off"
                prop:value=move || text.get()
                // Loading the reader as soon as the box is entered, not at the first keystroke.
                on:focus=move |_| {
                    let _ = worker.start();
                }
                on:input=move |ev| text.set(event_target_value(&ev))
            ></textarea>
            <p class="explain-status" data-testid="explain-status" hidden=move || !reading.get()>
                "Reading…"
            </p>
            <p class="explain-error error" role="alert" data-testid="explain-error" hidden=move || failure.with(Option::is_none)>
                {move || failure.get().unwrap_or_default()}
            </p>
            <div
                class="explain-result"
                data-testid="explain-result"
                aria-live="polite"
                aria-busy=move || reading.get().to_string()
                on:click=move |ev| {
                    if let Some(field) = clicked_field(&ev) {
                        focus(control_id(&Place::from(field)));
                    }
                }
                inner_html=move || result.get()
            ></div>
        </section>
    }
}

/// The form field named by the "Go to …" button an event came from.
fn clicked_field(ev: &web_sys::MouseEvent) -> Option<Field> {
    let target: web_sys::Element = ev.target()?.dyn_into().ok()?;
    let key = target
        .closest(&format!("[{FIELD_ATTRIBUTE}]"))
        .ok()??
        .get_attribute(FIELD_ATTRIBUTE)?;
    Field::ALL.iter().copied().find(|field| field.key() == key)
}
