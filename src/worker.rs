//! The page's web worker, with its own wasm module (crates/apigw-cors-worker): the template
//! importer and the request simulator. It starts the first time the import panel or the "Test a
//! request" panel needs it, so neither the YAML parser nor the simulator is part of the page's
//! own download, and both panels share the one instance ([`SharedWorker`]). This module starts
//! it, posts requests and reads its JSON answers with the browser's parser.

use leptos::prelude::{LocalStorage, StoredValue, UpdateValue, WithValue};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The worker's script (crates/apigw-cors-worker/cors-worker.js, copied by Trunk): it
/// imports the wasm-bindgen glue and instantiates the wasm next to it.
const WORKER_URL: &str = "./cors-worker.js";

/// The worker's message version this page speaks.
const PROTOCOL: u32 = 2;

/// One message from the worker (the protocol is described in the worker crate).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// The worker takes templates now.
    Ready,
    /// What the template holds.
    Import {
        /// The request it answers.
        id: u32,
        /// Every API found.
        found: Found,
    },
    /// What the simulator says.
    Simulation {
        /// The request it answers.
        id: u32,
        /// The verdict and the results.
        result: SimResult,
    },
    /// The template could not be read, or the simulation request was not understood.
    Error {
        /// The request it answers.
        id: u32,
        /// Why, one sentence.
        message: String,
    },
}

/// A simulation, rendered by the worker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SimResult {
    /// Whether the page can read the response.
    pub allowed: bool,
    /// Whether the browser sends a preflight.
    pub preflight_sent: bool,
    /// The step the verdict names, when blocked.
    pub failing_step: Option<String>,
    /// The verdict and why, one sentence (for the screen-reader status).
    pub status: String,
    /// The verdict, both exchanges and the steps, as HTML.
    pub html: String,
}

/// Every API found in a template, rendered by the worker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// The line naming the API, or the radio buttons (value = index) to choose one.
    pub choices: String,
    /// In template order.
    pub apis: Vec<FoundApi>,
}

/// One API found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundApi {
    /// The logical id.
    pub logical_id: String,
    /// Its configuration, encoded as in a link (`apigw_cors::decode_fragment` reads it).
    pub config: String,
    /// Its settings with their template paths, and the findings, as HTML.
    pub html: String,
}

/// Reads one message of the worker with the browser's JSON parser.
pub fn read_answer(message: &str) -> Result<Answer, String> {
    let unreadable = || "the worker sent an answer this page cannot read".to_owned();
    let value = js_sys::JSON::parse(message).map_err(|_| unreadable())?;
    let id = || number(&value, "id").ok_or_else(unreadable);
    match text(&value, "kind").as_deref() {
        Some("ready") if number(&value, "protocol") == Some(PROTOCOL) => Ok(Answer::Ready),
        Some("ready") => Err(
            "the worker is from another version of this page; reload the page to update it"
                .to_owned(),
        ),
        Some("error") => Ok(Answer::Error {
            id: id()?,
            message: text(&value, "message").ok_or_else(unreadable)?,
        }),
        Some("import") => {
            let apis: js_sys::Array = get(&value, "apis").dyn_into().map_err(|_| unreadable())?;
            let apis = apis
                .iter()
                .map(|api| {
                    Some(FoundApi {
                        logical_id: text(&api, "logicalId")?,
                        config: text(&api, "config")?,
                        html: text(&api, "html")?,
                    })
                })
                .collect::<Option<Vec<_>>>()
                .ok_or_else(unreadable)?;
            Ok(Answer::Import {
                id: id()?,
                found: Found {
                    choices: text(&value, "choices").ok_or_else(unreadable)?,
                    apis,
                },
            })
        }
        Some("simulation") => Ok(Answer::Simulation {
            id: id()?,
            result: SimResult {
                allowed: flag(&value, "allowed").ok_or_else(unreadable)?,
                preflight_sent: flag(&value, "preflightSent").ok_or_else(unreadable)?,
                failing_step: text(&value, "failingStep"),
                status: text(&value, "status").ok_or_else(unreadable)?,
                html: text(&value, "html").ok_or_else(unreadable)?,
            },
        }),
        _ => Err(unreadable()),
    }
}

fn get(object: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(object, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn text(object: &JsValue, key: &str) -> Option<String> {
    get(object, key).as_string()
}

fn flag(object: &JsValue, key: &str) -> Option<bool> {
    get(object, key).as_bool()
}

fn number(object: &JsValue, key: &str) -> Option<u32> {
    get(object, key).as_f64().map(|n| n as u32)
}

/// Receives every answer of the worker (not `Ready`) and its failures.
type Listener = Rc<dyn Fn(Result<Answer, String>)>;

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
    pub fn listen(&self, on_answer: impl Fn(Result<Answer, String>) + 'static) {
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

    /// Asks for the APIs in `template`; the answer carries `id`.
    pub fn read(&self, id: u32, template: &str) -> Result<(), String> {
        self.post(|worker| worker.read(id, template))
    }

    /// Asks for a simulation: `config` as a link fragment, `request` and `deployment` as JSON;
    /// the answer carries `id`.
    pub fn simulate(
        &self,
        id: u32,
        config: &str,
        request: &str,
        deployment: &str,
    ) -> Result<(), String> {
        self.post(|worker| worker.simulate(id, config, request, deployment))
    }

    fn post(&self, send: impl FnOnce(&PageWorker)) -> Result<(), String> {
        self.start()?;
        self.0.try_with_value(|hub| {
            if let Some(worker) = &hub.worker {
                send(worker);
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
    fn dispatcher(&self) -> impl Fn(Result<Answer, String>) + 'static {
        let (failed, listeners) = (self.failed.clone(), self.listeners.clone());
        move |answer: Result<Answer, String>| {
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
    waiting: Vec<(String, js_sys::Array)>,
}

impl PageWorker {
    /// Starts the worker; `on_answer` receives its answers (not `Ready`) and its failures.
    fn start(on_answer: impl Fn(Result<Answer, String>) + 'static) -> Result<Self, String> {
        let worker = web_sys::Worker::new(WORKER_URL)
            .map_err(|_| "the worker could not be started".to_owned())?;
        let shared = Rc::new(RefCell::new(Shared::default()));
        let on_answer = Rc::new(on_answer);

        let (from_worker, to_worker, answer) = (shared.clone(), worker.clone(), on_answer.clone());
        let on_message =
            Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
                let text = event.data().as_string().unwrap_or_default();
                match read_answer(&text) {
                    Ok(Answer::Ready) => {
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

    /// Asks for the APIs in `template`; the answer carries `id`.
    fn read(&self, id: u32, template: &str) {
        self.post("import", id, &[template]);
    }

    /// Asks for a simulation: `config` as a link fragment, `request` and `deployment` as JSON;
    /// the answer carries `id`.
    fn simulate(&self, id: u32, config: &str, request: &str, deployment: &str) {
        self.post("simulate", id, &[config, request, deployment]);
    }

    /// Posts `[kind, id, fields…]` now, or when the worker is ready (replacing a request of the
    /// same kind that is still waiting).
    fn post(&self, kind: &str, id: u32, fields: &[&str]) {
        let message = js_sys::Array::of2(&JsValue::from_str(kind), &JsValue::from(id));
        for field in fields {
            message.push(&JsValue::from_str(field));
        }
        let mut shared = self.shared.borrow_mut();
        if shared.ready {
            let _ = self.worker.post_message(&message);
        } else {
            shared.waiting.retain(|(waiting, _)| waiting != kind);
            shared.waiting.push((kind.to_owned(), message));
        }
    }
}

impl Drop for PageWorker {
    fn drop(&mut self) {
        self.worker.terminate();
    }
}
