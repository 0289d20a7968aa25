//! The page's web worker, with its own wasm module (crates/apigw-cors-worker): the template
//! importer, the request simulator and the reader of pasted console messages. It starts the
//! first time the import panel, the "Test a request" panel or the "Explain an error" box needs
//! it, so neither the YAML parser, the simulator nor the message reader is part of the page's
//! own download, and the panels share the one instance ([`SharedWorker`]). This module starts
//! it, posts requests and reads its JSON answers with the browser's parser.

use crate::worker_queue::RequestQueue;
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

/// The requests of the page, across the workers that answer them.
type Queue = Rc<RefCell<RequestQueue<js_sys::Array>>>;

/// The page's one worker, shared by the panels that use it (a copyable handle). It starts with
/// the first request and starts again at the next request after it failed, or at once when a
/// request it was answering is cancelled ([`SharedWorker::cancel`]). Request numbers are
/// unique on the page: each panel keeps the number of its latest request and ignores answers to
/// any other. The worker has at most one request of each kind at a time ([`RequestQueue`]).
#[derive(Clone, Copy)]
pub struct SharedWorker(StoredValue<Hub, LocalStorage>);

#[derive(Default)]
struct Hub {
    worker: Option<PageWorker>,
    /// Set by a failure; the worker is replaced at the next request, not in the failing
    /// worker's own handler (that would drop the handler while it runs).
    failed: Rc<Cell<bool>>,
    listeners: Rc<RefCell<Vec<Listener>>>,
    queue: Queue,
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
                    hub.worker = Some(PageWorker::start(hub.queue.clone(), hub.dispatcher())?);
                }
                Ok(())
            })
            .unwrap_or(Ok(()))
    }

    /// Posts `request`, starting the worker if needed; the answer carries the request's number.
    /// It waits while the worker has a request of its kind (and replaces a waiting one).
    pub fn post(&self, request: &WorkerRequest) -> Result<(), String> {
        self.start()?;
        let message = js_sys::Array::of2(
            &JsValue::from_str(request.kind()),
            &JsValue::from(request.id()),
        );
        for field in request.fields() {
            message.push(&JsValue::from_str(field));
        }
        self.0.try_with_value(|hub| {
            let now = hub
                .queue
                .borrow_mut()
                .post(request.kind(), request.id(), message);
            if let (Some(message), Some(worker)) = (now, &hub.worker) {
                worker.post(&message);
            }
        });
        Ok(())
    }

    /// Drops the template imports, so none of them is answered (see [`SharedWorker::cancel`]).
    pub fn cancel_import(&self) -> Result<(), String> {
        let import = WorkerRequest::Import {
            id: 0,
            template: String::new(),
        };
        self.cancel(import.kind())
    }

    /// Drops the requests of `kind` (a [`WorkerRequest::kind`]), so none of them is answered.
    /// When the worker is already at one, it is stopped and a new one started; the other
    /// panels' requests it had are sent to the new one.
    fn cancel(&self, kind: &str) -> Result<(), String> {
        let restart = self
            .0
            .try_update_value(|hub| {
                let mut queue = hub.queue.borrow_mut();
                let stop = queue.cancel(kind) && hub.worker.is_some();
                if stop {
                    // Dropping the worker terminates it.
                    hub.worker = None;
                    queue.restart();
                }
                stop && queue.has_waiting()
            })
            .unwrap_or(false);
        if restart {
            self.start()?;
        }
        Ok(())
    }
}

impl Default for SharedWorker {
    fn default() -> Self {
        Self::new()
    }
}

impl Hub {
    /// Hands each answer to every listener; a failure also drops the requests and marks the
    /// worker for replacing.
    fn dispatcher(&self) -> impl Fn(Result<WorkerAnswer, String>) + 'static {
        let (failed, listeners, queue) = (
            self.failed.clone(),
            self.listeners.clone(),
            self.queue.clone(),
        );
        move |answer: Result<WorkerAnswer, String>| {
            if answer.is_err() {
                failed.set(true);
                queue.borrow_mut().fail();
            }
            // A copy of the list: a listener may register another one.
            let listeners = listeners.borrow().clone();
            for listener in listeners {
                listener(answer.clone());
            }
        }
    }
}

/// A running worker; the queue says what to post to it and when.
struct PageWorker {
    worker: web_sys::Worker,
    _on_message: Closure<dyn Fn(web_sys::MessageEvent)>,
    _on_error: Closure<dyn Fn(web_sys::Event)>,
}

impl PageWorker {
    /// Starts the worker; `on_answer` receives its answers (not `Ready`) and its failures.
    fn start(
        queue: Queue,
        on_answer: impl Fn(Result<WorkerAnswer, String>) + 'static,
    ) -> Result<Self, String> {
        let worker = web_sys::Worker::new(WORKER_URL)
            .map_err(|_| "the worker could not be started".to_owned())?;
        let on_answer = Rc::new(on_answer);

        let (to_worker, answer) = (worker.clone(), on_answer.clone());
        let on_message =
            Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
                let text = event.data().as_string().unwrap_or_default();
                let answer_to = |id| queue.borrow_mut().answered(id);
                let (next, answer_now) = match read_answer(&text) {
                    Ok(WorkerAnswer::Ready { .. }) => (queue.borrow_mut().ready(), None),
                    Ok(answer) => (
                        answer_id(&answer).map(answer_to).unwrap_or_default(),
                        Some(Ok(answer)),
                    ),
                    Err(message) => (Vec::new(), Some(Err(message))),
                };
                for message in next {
                    let _ = to_worker.post_message(&message);
                }
                if let Some(result) = answer_now {
                    answer(result);
                }
            });
        // An exception in the worker arrives as an ErrorEvent; a script that cannot be loaded
        // as a plain Event.
        let on_error = Closure::<dyn Fn(web_sys::Event)>::new(move |event: web_sys::Event| {
            event.prevent_default();
            on_answer(Err(match event.dyn_ref::<web_sys::ErrorEvent>() {
                Some(error) => format!("the worker stopped ({})", error.message()),
                None => "the worker that reads templates, simulates requests and explains errors could not be loaded; the next request tries again".to_owned(),
            }));
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        Ok(PageWorker {
            worker,
            _on_message: on_message,
            _on_error: on_error,
        })
    }

    /// Posts `[kind, id, fields…]` (the queue has said it may go now).
    fn post(&self, message: &js_sys::Array) {
        let _ = self.worker.post_message(message);
    }
}

/// The number of the request an answer answers (`Ready` answers none).
fn answer_id(answer: &WorkerAnswer) -> Option<u32> {
    match answer {
        WorkerAnswer::Ready { .. } => None,
        WorkerAnswer::Import { id, .. }
        | WorkerAnswer::Simulation { id, .. }
        | WorkerAnswer::Explanation { id, .. }
        | WorkerAnswer::Error { id, .. } => Some(*id),
    }
}

impl Drop for PageWorker {
    fn drop(&mut self) {
        self.worker.terminate();
    }
}
