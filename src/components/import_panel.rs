//! Import: paste or drop an existing SAM or CloudFormation template, see every API in it with
//! its CORS settings, where they are and what is wrong, and load one into the form.
//!
//! The template is read by the page's worker, which also renders the APIs, settings and
//! findings as HTML; this component holds the inputs, the choice and the load button. Close
//! cancels a template still being read (the worker is replaced). View code
//! is most of the page's wasm, so the static part is plain markup ([`FORM`]) and its controls
//! are handled by delegation on the panel (`data-action`).

use crate::browser::focus;
use crate::worker::SharedWorker;
use apigw_cors::{
    decode_fragment, CorsConfig, ImportedApi, WorkerAnswer, WorkerRequest, MAX_ENCODED_LEN,
};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The panel's static markup: title, hint, the drop zone with the text area, the read button
/// and the file input.
const FORM: &str = r#"<div class="import-head"><h2 id="import-title">Import a SAM or CloudFormation template</h2><button type="button" data-action="close" data-testid="import-close">Close</button></div><p class="hint" id="template-hint">Paste the template (YAML or JSON) or drop its file here. It is read in this page; nothing is uploaded.</p><div class="dropzone"><label for="template-text">Template</label><textarea id="template-text" data-testid="template-text" rows="8" aria-describedby="template-hint" spellcheck="false" autocomplete="off" autocapitalize="off" placeholder="Resources:&#10;  MyApi:&#10;    Type: AWS::Serverless::Api&#10;    Properties:&#10;      Cors: …"></textarea><div class="import-actions"><button type="button" class="primary" data-action="read" data-testid="import-read">Find CORS settings</button><label class="file-button">Choose a file…<input type="file" data-action="file" data-testid="template-file" accept=".yaml,.yml,.json,.template,.txt,application/json,application/yaml,text/yaml,text/plain"></label></div></div>"#;

/// The panel. The page's worker starts the first time it opens.
#[component]
pub fn ImportPanel(
    config: RwSignal<CorsConfig>,
    open: RwSignal<bool>,
    worker: SharedWorker,
) -> impl IntoView {
    let reading = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let choices = RwSignal::new(String::new());
    let apis = RwSignal::new(Vec::<ImportedApi>::new());
    let chosen = RwSignal::new(0usize);
    let loaded = RwSignal::new(None::<String>);
    let dragging = RwSignal::new(false);
    // True from the first time the panel opens.
    let built =
        Memo::new(move |built: Option<&bool>| built.copied().unwrap_or(false) || open.get());
    // 0 when no answer is awaited (request numbers start at 1).
    let latest = StoredValue::new(0u32);
    let cancelled = RwSignal::new(false);

    let fail = move |message: &str| {
        reading.set(false);
        apis.set(Vec::new());
        error.set(Some(capitalized(message)));
    };
    worker.listen(move |answer| match answer {
        Ok(WorkerAnswer::Import { id, found }) if id == latest.get_value() => {
            reading.set(false);
            error.set(None);
            chosen.set(0);
            choices.set(found.choices);
            apis.set(found.apis);
        }
        Ok(WorkerAnswer::Error { id, message }) if id == latest.get_value() => fail(&message),
        Ok(_) => {}
        // Only while a template is being read: a failure while the simulator alone uses the
        // worker is the simulator's to report.
        Err(message) if reading.get_untracked() => fail(&message),
        Err(_) => {}
    });
    // Outside world only: load the importer when the panel first opens, while the user finds
    // the file. A failure is reported when a template is read.
    Effect::new(move |_| {
        if open.get() {
            let _ = worker.start();
        }
    });

    // Stops reading: no answer is awaited any more, and a worker busy with the template is
    // replaced (the simulator's request goes to the new one).
    let cancel = move || {
        if reading.get_untracked() {
            latest.set_value(0);
            reading.set(false);
            cancelled.set(true);
            if let Err(message) = worker.cancel_import() {
                fail(&message);
            }
        }
    };
    let read = move |template: String| {
        loaded.set(None);
        // A template still being read is replaced, not queued behind.
        cancel();
        cancelled.set(false);
        if template.trim().is_empty() {
            fail("paste a template or drop its file first.");
            return;
        }
        let id = worker.next_id();
        latest.set_value(id);
        reading.set(true);
        if let Err(message) = worker.post(&WorkerRequest::Import { id, template }) {
            fail(&message);
        }
    };
    let show_and_read = move |text: String| {
        if let Some(area) = template_area() {
            area.set_value(&text);
        }
        read(text);
    };
    let read_file = move |file: web_sys::File| {
        spawn_local(async move {
            match JsFuture::from(file.text())
                .await
                .ok()
                .and_then(|t| t.as_string())
            {
                Some(text) => show_and_read(text),
                None => fail(&format!("{} could not be read.", file.name())),
            }
        });
    };
    let on_drop = move |ev: web_sys::DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        let Some(data) = ev.data_transfer() else {
            return;
        };
        if let Some(file) = data.files().and_then(|files| files.get(0)) {
            read_file(file);
        } else if let Ok(text) = data.get_data("text/plain") {
            show_and_read(text);
        }
    };
    let current = move || apis.with(|apis| apis.get(chosen.get()).or(apis.first()).cloned());
    let load = move || {
        let Some(api) = current() else {
            return;
        };
        // The form takes what a link can hold (see `live_limit`).
        if api.config.len() > MAX_ENCODED_LEN {
            fail(&format!(
                "{id}'s configuration is {} KB as a link, more than the {} KB this page works on; run `apigw-cors check --template FILE --api {id}` on the command line, which takes any size.",
                api.config.len().div_ceil(1024),
                MAX_ENCODED_LEN / 1024,
                id = api.logical_id,
            ));
            return;
        }
        match decode_fragment(&api.config) {
            Ok(imported) => {
                loaded.set(Some(format!(
                    "Loaded {} into the form; the checks and outputs below are for it.",
                    api.logical_id
                )));
                config.set(imported);
            }
            Err(e) => fail(&e.to_string()),
        }
    };

    // The static controls and the worker's radio buttons.
    let on_click = move |ev: web_sys::MouseEvent| match action(&ev).as_deref() {
        Some("close") => {
            cancel();
            open.set(false);
            // The panel hides with the focused button: give focus back to its toggle.
            focus("import-toggle");
        }
        Some("read") => read(template_area().map(|a| a.value()).unwrap_or_default()),
        Some("load") => load(),
        _ => {}
    };
    let on_change = move |ev: web_sys::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        if action(&ev).as_deref() == Some("file") {
            if let Some(file) = input.files().and_then(|files| files.get(0)) {
                read_file(file);
            }
            // Choosing the same file again reads it again.
            input.set_value("");
        } else if input.name() == "import-api" {
            if let Ok(index) = input.value().parse() {
                chosen.set(index);
            }
        }
    };

    view! {
        <section
            id="import-panel"
            class="import"
            class:dragging=move || dragging.get()
            aria-labelledby="import-title"
            data-testid="import-panel"
            hidden=move || !open.get()
            on:click=on_click
            on:change=on_change
            on:dragover=move |ev: web_sys::DragEvent| {
                ev.prevent_default();
                dragging.set(true);
            }
            on:dragleave=move |_| dragging.set(false)
            on:drop=on_drop
        >
            // Built the first time the panel opens (not with the page), then kept while it is
            // closed so a pasted template is still there when it opens again.
            <Show when=move || built.get()>
                <div inner_html=FORM></div>
                <p class="import-status" role="status" data-testid="import-status">
                    {move || {
                        if reading.get() {
                            "Reading the template… (Close cancels it.)"
                        } else if cancelled.get() {
                            "Cancelled: the template was not read."
                        } else {
                            ""
                        }
                    }}
                </p>
                <p
                    class="import-error error"
                    role="alert"
                    data-testid="import-error"
                    hidden=move || error.with(Option::is_none)
                >
                    {move || error.get()}
                </p>
                <div
                    class="import-result"
                    data-testid="import-result"
                    hidden=move || apis.with(Vec::is_empty) || error.with(Option::is_some)
                >
                    <div inner_html=move || choices.get()></div>
                    <div class="import-detail" inner_html=move || current().map(|a| a.html)></div>
                    <div class="import-actions">
                        <button type="button" class="primary" data-action="load" data-testid="import-load">
                            {move || current().map(|a| format!("Load {} into the form", a.logical_id))}
                        </button>
                        <span class="hint">
                            "Replaces the configuration below; the usual checks apply."
                        </span>
                    </div>
                    <p class="import-loaded" role="status" data-testid="import-loaded">
                        {move || loaded.get()}
                    </p>
                </div>
            </Show>
        </section>
    }
}

/// The `data-action` of the control an event came from.
fn action(ev: &web_sys::Event) -> Option<String> {
    let target: web_sys::Element = ev.target()?.dyn_into().ok()?;
    target
        .closest("[data-action]")
        .ok()??
        .get_attribute("data-action")
}

/// The template text area (static markup, so looked up by id).
fn template_area() -> Option<web_sys::HtmlTextAreaElement> {
    document()
        .get_element_by_id("template-text")?
        .dyn_into()
        .ok()
}

/// The library's messages start in lower case (they follow `error:` on the command line).
/// ASCII only: `char::to_uppercase` would link Unicode's case tables.
fn capitalized(message: &str) -> String {
    let mut text = message.to_owned();
    if let Some(first) = text.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    text
}
