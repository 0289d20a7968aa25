//! The page's web worker, with its own wasm module (crates/apigw-cors-worker): the template
//! importer and the request simulator. It starts the first time the import panel or the "Test a
//! request" panel needs it, so neither the YAML parser nor the simulator is part of the page's
//! own download, and both panels share the one instance ([`SharedWorker`]). This module starts
//! it, posts requests and reads its JSON answers with the browser's parser.

use apigw_cors::{JsonFields, WorkerAnswer, WorkerRequest, WORKER_PROTOCOL};
use leptos::prelude::{LocalStorage, StoredValue, UpdateValue, WithValue};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The worker's script (crates/apigw-cors-worker/cors-worker.js, copied by Trunk): it
/// imports the wasm-bindgen glue and instantiates the wasm next to it.
const WORKER_URL: &str = "./cors-worker.js";

/// Reads one message of the worker with the browser's JSON parser (the format is
/// [`WorkerAnswer`]'s); a worker that speaks another version is an error.
pub fn read_answer(message: &str) -> Result<WorkerAnswer, String> {
    let unreadable = || "the worker sent an answer this page cannot read".to_owned();
    let value = js_sys::JSON::parse(message).map_err(|_| unreadable())?;
    match WorkerAnswer::read(&Parsed(value)) {
        Some(WorkerAnswer::Ready { protocol }) if protocol != WORKER_PROTOCOL => Err(
            "the worker is from another version of this page; reload the page to update it"
                .to_owned(),
        ),
        Some(answer) => Ok(answer),
        None => Err(unreadable()),
    }
}

/// A value of `JSON.parse`, read through [`JsonFields`].
struct Parsed(JsValue);

impl Parsed {
    fn get(&self, key: &str) -> JsValue {
        js_sys::Reflect::get(&self.0, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
    }
}

impl JsonFields for Parsed {
    fn text(&self, key: &str) -> Option<String> {
        self.get(key).as_string()
    }

    fn flag(&self, key: &str) -> Option<bool> {
        self.get(key).as_bool()
    }

    fn number(&self, key: &str) -> Option<u32> {
        self.get(key).as_f64().map(|n| n as u32)
    }

    fn list(&self, key: &str) -> Option<Vec<Parsed>> {
        let list: js_sys::Array = self.get(key).dyn_into().ok()?;
        Some(list.iter().map(Parsed).collect())
    }
}

/// Receives every answer of the worker (not `Ready`) and its failures.
type Listener = Rc<dyn Fn(Result<WorkerAnswer, String>)>;

/// The page's one worker, shared by the panels that use it (a copyable handle). It starts with
/// the first request and starts again at the next request after it failed. Request numbers are
/// unique on the page: each panel keeps the number of its latest request and ignores answers to
/// any other.
#[derive(Clone, Copy)]
pub struct SharedWorker(StoredValue<Hub, LocalStorage>);

#[derive(Default)]
struct Hub {
    worker: Option<PageWorker>,
    /// Set by a failure; the worker is replaced at the next request, not in the failing
    /// worker's own handler (that would drop the handler while it runs).
    failed: Rc<Cell<bool>>,
    listeners: Rc<RefCell<Vec<Listener>>>,
    last_id: u32,
}

impl SharedWorker {
    /// A handle to a worker not started yet.
    pub fn new() -> Self {
        SharedWorker(StoredValue::new_local(Hub::default()))
    }

    /// Calls `on_answer` with every answer and failure from now on.
    pub fn listen(&self, on_answer: impl Fn(Result<WorkerAnswer, String>) + 'static) {
        self.0
            .try_with_value(|hub| hub.listeners.borrow_mut().push(Rc::new(on_answer)));
    }

    /// A number for a new request, unique on the page.
    pub fn next_id(&self) -> u32 {
        self.0
            .try_update_value(|hub| {
                hub.last_id += 1;
                hub.last_id
            })
            .unwrap_or_default()
    }

    /// Starts the worker unless it runs; `Err` when the browser refuses.
    pub fn start(&self) -> Result<(), String> {
        self.0
            .try_update_value(|hub| {
                if hub.worker.is_none() || hub.failed.get() {
                    hub.failed.set(false);
                    hub.worker = None;
                    hub.worker = Some(PageWorker::start(hub.dispatcher())?);
                }
                Ok(())
            })
            .unwrap_or(Ok(()))
    }

    /// Posts `request`, starting the worker if needed; the answer carries the request's number.
    pub fn post(&self, request: &WorkerRequest) -> Result<(), String> {
        self.start()?;
        self.0.try_with_value(|hub| {
            if let Some(worker) = &hub.worker {
                worker.post(request);
            }
        });
        Ok(())
    }
}

impl Default for SharedWorker {
    fn default() -> Self {
        Self::new()
    }
}

impl Hub {
    /// Hands each answer to every listener; a failure also marks the worker for replacing.
    fn dispatcher(&self) -> impl Fn(Result<WorkerAnswer, String>) + 'static {
        let (failed, listeners) = (self.failed.clone(), self.listeners.clone());
        move |answer: Result<WorkerAnswer, String>| {
            if answer.is_err() {
                failed.set(true);
            }
            // A copy of the list: a listener may register another one.
            let listeners = listeners.borrow().clone();
            for listener in listeners {
                listener(answer.clone());
            }
        }
    }
}

/// A running worker. Requests posted before it is ready wait (the latest one of each kind).
struct PageWorker {
    worker: web_sys::Worker,
    shared: Rc<RefCell<Shared>>,
    _on_message: Closure<dyn Fn(web_sys::MessageEvent)>,
    _on_error: Closure<dyn Fn(web_sys::Event)>,
}

#[derive(Default)]
struct Shared {
    ready: bool,
    /// Requests posted before the worker was ready, with their kind: one per kind.
    waiting: Vec<(&'static str, js_sys::Array)>,
}

impl PageWorker {
    /// Starts the worker; `on_answer` receives its answers (not `Ready`) and its failures.
    fn start(on_answer: impl Fn(Result<WorkerAnswer, String>) + 'static) -> Result<Self, String> {
        let worker = web_sys::Worker::new(WORKER_URL)
            .map_err(|_| "the worker could not be started".to_owned())?;
        let shared = Rc::new(RefCell::new(Shared::default()));
        let on_answer = Rc::new(on_answer);

        let (from_worker, to_worker, answer) = (shared.clone(), worker.clone(), on_answer.clone());
        let on_message =
            Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
                let text = event.data().as_string().unwrap_or_default();
                match read_answer(&text) {
                    Ok(WorkerAnswer::Ready { .. }) => {
                        let waiting = {
                            let mut shared = from_worker.borrow_mut();
                            shared.ready = true;
                            std::mem::take(&mut shared.waiting)
                        };
                        for (_, message) in waiting {
                            let _ = to_worker.post_message(&message);
                        }
                    }
                    other => answer(other),
                }
            });
        // An exception in the worker arrives as an ErrorEvent; a script that cannot be loaded
        // as a plain Event.
        let on_error = Closure::<dyn Fn(web_sys::Event)>::new(move |event: web_sys::Event| {
            event.prevent_default();
            on_answer(Err(match event.dyn_ref::<web_sys::ErrorEvent>() {
                Some(error) => format!("the worker stopped ({})", error.message()),
                None => "the worker that reads templates and simulates requests could not be loaded; the next request tries again".to_owned(),
            }));
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        Ok(PageWorker {
            worker,
            shared,
            _on_message: on_message,
            _on_error: on_error,
        })
    }

    /// Posts `[kind, id, fields…]` now, or when the worker is ready (replacing a request of the
    /// same kind that is still waiting).
    fn post(&self, request: &WorkerRequest) {
        let kind = request.kind();
        let message = js_sys::Array::of2(&JsValue::from_str(kind), &JsValue::from(request.id()));
        for field in request.fields() {
            message.push(&JsValue::from_str(field));
        }
        let mut shared = self.shared.borrow_mut();
        if shared.ready {
            let _ = self.worker.post_message(&message);
        } else {
            shared.waiting.retain(|(waiting, _)| *waiting != kind);
            shared.waiting.push((kind, message));
        }
    }
}

impl Drop for PageWorker {
    fn drop(&mut self) {
        self.worker.terminate();
    }
}
