//! The messages between the page and its web worker (the template importer, the request
//! simulator and the reader of pasted console messages): their kinds, field names and request numbers, defined once for both sides.
//!
//! They live in this library rather than in a crate of their own because both sides already
//! depend on it (the page without the `yaml` feature, the worker with it) and nothing here needs
//! that feature or anything beyond `serde_json`, which the page links anyway to write the
//! simulator's request. A separate crate would be one more manifest to keep in step for a few
//! plain types. Nothing here parses JSON text: the page reads answers with the browser's
//! `JSON.parse` through [`JsonFields`], so its wasm gains no JSON reader, and the linker drops
//! what only the worker calls ([`WorkerAnswer::to_json`], [`WorkerRequest::read_simulation`]).
//!
//! The page posts an array `[kind, id, fields…]` of strings and one number ([`WorkerRequest`]):
//!
//! - `["import", id, template text]`;
//! - `["simulate", id, config, request, deployment]`: the configuration as a link fragment
//!   ([`encode_fragment`]), the [`BrowserRequest`] and the [`Deployment`] as JSON;
//! - `["explain", id, tool, pasted text]`: a browser's console message to explain, with the
//!   fixes for the tool ([`DeployTool::id`]).
//!
//! Every answer is one JSON text ([`WorkerAnswer`]):
//!
//! - `{"kind":"ready","protocol":3}` once, when the worker can take requests (messages posted
//!   before it would be lost while the wasm loads, so the page waits for it);
//! - `{"kind":"import","id":N,"choices":HTML,"apis":[{"logicalId","config","html"}]}`: every API
//!   found, with its configuration as a link fragment and, in HTML ready to show, the choice
//!   between the APIs and each API's settings, template paths and findings;
//! - `{"kind":"simulation","id":N,"allowed":bool,"preflightSent":bool,"failingStep":"…"|null,
//!   "status":"…","html":"…"}`: the verdict, a sentence for the screen-reader status and the
//!   results as HTML ready to show;
//! - `{"kind":"explanation","id":N,"html":"…"}`: the explanation of a pasted message (or what
//!   was read of a text that is not one), as HTML ready to show;
//! - `{"kind":"error","id":N,"message":"…"}`: the template could not be read, or the request
//!   to simulate or explain was not understood.
//!
//! `id` is the page's request number, so it can ignore an answer it no longer waits for.

use crate::{
    decode_fragment, encode_fragment, BrowserRequest, CorsConfig, DeployTool, Deployment,
    UnknownTool,
};
use serde_json::{Map, Value};

/// The version of the messages above; the page refuses a worker that speaks another one (a
/// stale cached copy). 3 added `explain`.
pub const WORKER_PROTOCOL: u32 = 3;

/// The attribute of a "Go to …" button in an explanation's HTML that names the form field by
/// its configuration key ([`crate::Field::key`]); the page moves focus to that field's control
/// when the button is clicked (the controls' ids are the page's).
pub const FIELD_ATTRIBUTE: &str = "data-field";

/// Request kinds (the first element of a posted array).
const IMPORT: &str = "import";
const SIMULATE: &str = "simulate";
const EXPLAIN: &str = "explain";

/// Answer kinds (the `kind` field).
const READY: &str = "ready";
const IMPORTED: &str = "import";
const SIMULATION: &str = "simulation";
const EXPLANATION: &str = "explanation";
const ERROR: &str = "error";

/// Answer fields.
const KIND: &str = "kind";
const PROTOCOL: &str = "protocol";
const ID: &str = "id";
const CHOICES: &str = "choices";
const APIS: &str = "apis";
const LOGICAL_ID: &str = "logicalId";
const CONFIG: &str = "config";
const HTML: &str = "html";
const ALLOWED: &str = "allowed";
const PREFLIGHT_SENT: &str = "preflightSent";
const FAILING_STEP: &str = "failingStep";
const STATUS: &str = "status";
const MESSAGE: &str = "message";

/// A request of the page to the worker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WorkerRequest {
    /// Find every API in a template.
    Import {
        /// The page's request number.
        id: u32,
        /// The template text (YAML or JSON).
        template: String,
    },
    /// Simulate a request ([`WorkerRequest::simulate`] writes the fields,
    /// [`WorkerRequest::read_simulation`] reads them back).
    Simulate {
        /// The page's request number.
        id: u32,
        /// The configuration as a link fragment.
        config: String,
        /// The [`BrowserRequest`] as JSON.
        request: String,
        /// The [`Deployment`] as JSON.
        deployment: String,
    },
    /// Explain a browser's console message ([`WorkerRequest::explain`] writes the fields,
    /// [`WorkerRequest::read_tool`] reads the tool back).
    Explain {
        /// The page's request number.
        id: u32,
        /// The tool whose fixes to give, as [`DeployTool::id`].
        tool: String,
        /// The text pasted, as typed.
        text: String,
    },
}

/// Which field of a simulation request could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnreadableSimulation {
    /// The configuration's link fragment.
    Config,
    /// The request or the deployment.
    Request,
}

impl WorkerRequest {
    /// The request to simulate `request` against `deployment` with `config`.
    pub fn simulate(
        id: u32,
        config: &CorsConfig,
        request: &BrowserRequest,
        deployment: &Deployment,
    ) -> WorkerRequest {
        WorkerRequest::Simulate {
            id,
            config: encode_fragment(config),
            request: serde_json::to_string(request).unwrap_or_default(),
            deployment: serde_json::to_string(deployment).unwrap_or_default(),
        }
    }

    /// The request to explain `text`, a browser's console message, with the fixes for `tool`.
    pub fn explain(id: u32, tool: DeployTool, text: &str) -> WorkerRequest {
        WorkerRequest::Explain {
            id,
            tool: tool.id().to_owned(),
            text: text.to_owned(),
        }
    }

    /// The tool of an `Explain` request's `tool` field.
    pub fn read_tool(tool: &str) -> Result<DeployTool, UnknownTool> {
        tool.parse()
    }

    /// The kind, the first element of the posted array.
    pub fn kind(&self) -> &'static str {
        match self {
            WorkerRequest::Import { .. } => IMPORT,
            WorkerRequest::Simulate { .. } => SIMULATE,
            WorkerRequest::Explain { .. } => EXPLAIN,
        }
    }

    /// The page's request number, the second element.
    pub fn id(&self) -> u32 {
        match self {
            WorkerRequest::Import { id, .. }
            | WorkerRequest::Simulate { id, .. }
            | WorkerRequest::Explain { id, .. } => *id,
        }
    }

    /// The strings after the number.
    pub fn fields(&self) -> Vec<&str> {
        match self {
            WorkerRequest::Import { template, .. } => vec![template.as_str()],
            WorkerRequest::Simulate {
                config,
                request,
                deployment,
                ..
            } => vec![config.as_str(), request.as_str(), deployment.as_str()],
            WorkerRequest::Explain { tool, text, .. } => vec![tool.as_str(), text.as_str()],
        }
    }

    /// The request posted as `[kind, id, fields…]`; `None` for a kind this version does not know
    /// or the wrong number of fields.
    pub fn from_parts(kind: &str, id: u32, fields: Vec<String>) -> Option<WorkerRequest> {
        let mut fields = fields.into_iter();
        let request = match kind {
            IMPORT => WorkerRequest::Import {
                id,
                template: fields.next()?,
            },
            SIMULATE => WorkerRequest::Simulate {
                id,
                config: fields.next()?,
                request: fields.next()?,
                deployment: fields.next()?,
            },
            EXPLAIN => WorkerRequest::Explain {
                id,
                tool: fields.next()?,
                text: fields.next()?,
            },
            _ => return None,
        };
        fields.next().is_none().then_some(request)
    }

    /// The configuration, request and deployment of a `Simulate` request's fields.
    pub fn read_simulation(
        config: &str,
        request: &str,
        deployment: &str,
    ) -> Result<(CorsConfig, BrowserRequest, Deployment), UnreadableSimulation> {
        let config = decode_fragment(config).map_err(|_| UnreadableSimulation::Config)?;
        match (
            serde_json::from_str::<BrowserRequest>(request),
            serde_json::from_str::<Deployment>(deployment),
        ) {
            (Ok(request), Ok(deployment)) => Ok((config, request, deployment)),
            _ => Err(UnreadableSimulation::Request),
        }
    }
}

/// An answer of the worker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WorkerAnswer {
    /// The worker takes requests now.
    Ready {
        /// The version of the messages it speaks ([`WORKER_PROTOCOL`]); 0 for a worker from
        /// before there were versions.
        protocol: u32,
    },
    /// What the template holds.
    Import {
        /// The request it answers.
        id: u32,
        /// Every API found.
        found: ImportAnswer,
    },
    /// What the simulator says.
    Simulation {
        /// The request it answers.
        id: u32,
        /// The verdict and the results.
        result: SimulationAnswer,
    },
    /// The explanation of a pasted console message.
    Explanation {
        /// The request it answers.
        id: u32,
        /// The findings with their causes and fixes, or what was read of a text that is not a
        /// CORS message, as HTML.
        html: String,
    },
    /// The template could not be read, or the simulation or explain request was not
    /// understood.
    Error {
        /// The request it answers.
        id: u32,
        /// Why, one sentence.
        message: String,
    },
}

/// Every API found in a template, rendered by the worker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportAnswer {
    /// The line naming the API, or the radio buttons (value = index) to choose one.
    pub choices: String,
    /// In template order.
    pub apis: Vec<ImportedApi>,
}

/// One API found in a template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedApi {
    /// The logical id.
    pub logical_id: String,
    /// Its configuration as a link fragment ([`decode_fragment`] reads it).
    pub config: String,
    /// Its settings with their template paths, and the findings, as HTML.
    pub html: String,
}

/// A simulation, rendered by the worker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SimulationAnswer {
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

/// A parsed JSON object as [`WorkerAnswer::read`] sees it: the page implements it over the
/// value of the browser's `JSON.parse`, so it links no JSON reader; `serde_json::Value`
/// implements it for tests and native callers. Each method is `None` when the key is missing or
/// holds another type.
pub trait JsonFields: Sized {
    /// A string.
    fn text(&self, key: &str) -> Option<String>;
    /// A boolean.
    fn flag(&self, key: &str) -> Option<bool>;
    /// A number that fits in a `u32`.
    fn number(&self, key: &str) -> Option<u32>;
    /// An array of objects.
    fn list(&self, key: &str) -> Option<Vec<Self>>;
}

impl JsonFields for Value {
    fn text(&self, key: &str) -> Option<String> {
        self.get(key)?.as_str().map(str::to_owned)
    }

    fn flag(&self, key: &str) -> Option<bool> {
        self.get(key)?.as_bool()
    }

    fn number(&self, key: &str) -> Option<u32> {
        u32::try_from(self.get(key)?.as_u64()?).ok()
    }

    fn list(&self, key: &str) -> Option<Vec<Value>> {
        self.get(key)?.as_array().cloned()
    }
}

impl WorkerAnswer {
    /// The answer as the JSON text the worker posts.
    pub fn to_json(&self) -> String {
        let mut object = Map::new();
        let mut put = |key: &str, value: Value| {
            object.insert(key.to_owned(), value);
        };
        match self {
            WorkerAnswer::Ready { protocol } => {
                put(KIND, READY.into());
                put(PROTOCOL, (*protocol).into());
            }
            WorkerAnswer::Import { id, found } => {
                put(KIND, IMPORTED.into());
                put(ID, (*id).into());
                put(CHOICES, found.choices.as_str().into());
                let apis = found.apis.iter().map(|api| {
                    let mut object = Map::new();
                    object.insert(LOGICAL_ID.to_owned(), api.logical_id.as_str().into());
                    object.insert(CONFIG.to_owned(), api.config.as_str().into());
                    object.insert(HTML.to_owned(), api.html.as_str().into());
                    Value::Object(object)
                });
                put(APIS, apis.collect());
            }
            WorkerAnswer::Simulation { id, result } => {
                put(KIND, SIMULATION.into());
                put(ID, (*id).into());
                put(ALLOWED, result.allowed.into());
                put(PREFLIGHT_SENT, result.preflight_sent.into());
                put(FAILING_STEP, result.failing_step.as_deref().into());
                put(STATUS, result.status.as_str().into());
                put(HTML, result.html.as_str().into());
            }
            WorkerAnswer::Explanation { id, html } => {
                put(KIND, EXPLANATION.into());
                put(ID, (*id).into());
                put(HTML, html.as_str().into());
            }
            WorkerAnswer::Error { id, message } => {
                put(KIND, ERROR.into());
                put(ID, (*id).into());
                put(MESSAGE, message.as_str().into());
            }
        }
        Value::Object(object).to_string()
    }

    /// The answer in a parsed JSON object; `None` when it is not one this version knows.
    pub fn read(object: &impl JsonFields) -> Option<WorkerAnswer> {
        let id = || object.number(ID);
        Some(match object.text(KIND)?.as_str() {
            READY => WorkerAnswer::Ready {
                protocol: object.number(PROTOCOL).unwrap_or(0),
            },
            ERROR => WorkerAnswer::Error {
                id: id()?,
                message: object.text(MESSAGE)?,
            },
            IMPORTED => WorkerAnswer::Import {
                id: id()?,
                found: ImportAnswer {
                    choices: object.text(CHOICES)?,
                    apis: object
                        .list(APIS)?
                        .iter()
                        .map(|api| {
                            Some(ImportedApi {
                                logical_id: api.text(LOGICAL_ID)?,
                                config: api.text(CONFIG)?,
                                html: api.text(HTML)?,
                            })
                        })
                        .collect::<Option<_>>()?,
                },
            },
            SIMULATION => WorkerAnswer::Simulation {
                id: id()?,
                result: SimulationAnswer {
                    allowed: object.flag(ALLOWED)?,
                    preflight_sent: object.flag(PREFLIGHT_SENT)?,
                    failing_step: object.text(FAILING_STEP),
                    status: object.text(STATUS)?,
                    html: object.text(HTML)?,
                },
            },
            EXPLANATION => WorkerAnswer::Explanation {
                id: id()?,
                html: object.text(HTML)?,
            },
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ApiType, AuthorizerPlacement, CredentialsMode, Tool};
    use serde_json::json;

    fn answers() -> Vec<WorkerAnswer> {
        vec![
            WorkerAnswer::Ready {
                protocol: WORKER_PROTOCOL,
            },
            WorkerAnswer::Import {
                id: 7,
                found: ImportAnswer {
                    choices: "<fieldset>…</fieldset>".into(),
                    apis: vec![
                        ImportedApi {
                            logical_id: "One".into(),
                            config: "AQID".into(),
                            html: "<h3>Settings found</h3>".into(),
                        },
                        ImportedApi {
                            logical_id: "Two \"quoted\"".into(),
                            config: String::new(),
                            html: "line\nbreak".into(),
                        },
                    ],
                },
            },
            WorkerAnswer::Import {
                id: 8,
                found: ImportAnswer {
                    choices: String::new(),
                    apis: vec![],
                },
            },
            WorkerAnswer::Simulation {
                id: u32::MAX,
                result: SimulationAnswer {
                    allowed: false,
                    preflight_sent: true,
                    failing_step: Some("preflight-response".into()),
                    status: "Blocked: …".into(),
                    html: "<p>…</p>".into(),
                },
            },
            WorkerAnswer::Simulation {
                id: 0,
                result: SimulationAnswer {
                    allowed: true,
                    preflight_sent: false,
                    failing_step: None,
                    status: "Allowed".into(),
                    html: String::new(),
                },
            },
            WorkerAnswer::Error {
                id: 3,
                message: "the template is not valid YAML or JSON: …".into(),
            },
            WorkerAnswer::Explanation {
                id: 12,
                html: "<article class=\"finding\">…</article>\n".into(),
            },
            WorkerAnswer::Explanation {
                id: 13,
                html: String::new(),
            },
        ]
    }

    #[test]
    fn every_answer_reads_back_as_itself() {
        for answer in answers() {
            let parsed: Value = serde_json::from_str(&answer.to_json()).unwrap();
            assert_eq!(WorkerAnswer::read(&parsed), Some(answer));
        }
    }

    #[test]
    fn answers_keep_their_wire_format() {
        let [ready, import, _, blocked, allowed, error, explanation, _] =
            answers().try_into().unwrap();
        assert_eq!(ready.to_json(), r#"{"kind":"ready","protocol":3}"#);
        let parse = |answer: &WorkerAnswer| serde_json::from_str::<Value>(&answer.to_json());
        assert_eq!(
            parse(&import).unwrap(),
            json!({"kind": "import", "id": 7, "choices": "<fieldset>…</fieldset>", "apis": [
                {"logicalId": "One", "config": "AQID", "html": "<h3>Settings found</h3>"},
                {"logicalId": "Two \"quoted\"", "config": "", "html": "line\nbreak"},
            ]})
        );
        assert_eq!(
            parse(&blocked).unwrap(),
            json!({"kind": "simulation", "id": u32::MAX, "allowed": false, "preflightSent": true,
                "failingStep": "preflight-response", "status": "Blocked: …", "html": "<p>…</p>"})
        );
        assert_eq!(parse(&allowed).unwrap()["failingStep"], Value::Null);
        assert_eq!(
            parse(&error).unwrap(),
            json!({"kind": "error", "id": 3, "message": "the template is not valid YAML or JSON: …"})
        );
        assert_eq!(
            parse(&explanation).unwrap(),
            json!({"kind": "explanation", "id": 12, "html": "<article class=\"finding\">…</article>\n"})
        );
    }

    #[test]
    fn unknown_or_incomplete_answers_are_not_read() {
        for text in [
            r#"{"kind":"export","id":1}"#,
            r#"{"id":1,"message":"no kind"}"#,
            r#"{"kind":"error","message":"no id"}"#,
            r#"{"kind":"error","id":-1,"message":"negative id"}"#,
            r#"{"kind":"import","id":1,"choices":"","apis":[{"logicalId":"A"}]}"#,
            r#"{"kind":"simulation","id":1,"allowed":"yes","preflightSent":true,"status":"","html":""}"#,
            r#"{"kind":"explanation","id":1}"#,
            r#"{"kind":"explanation","html":"<p>no id</p>"}"#,
            r#"{"kind":"explanation","id":1,"html":["not text"]}"#,
            r#"[]"#,
        ] {
            let parsed: Value = serde_json::from_str(text).unwrap();
            assert_eq!(WorkerAnswer::read(&parsed), None, "{text}");
        }
        let unversioned: Value = serde_json::from_str(r#"{"kind":"ready"}"#).unwrap();
        assert_eq!(
            WorkerAnswer::read(&unversioned),
            Some(WorkerAnswer::Ready { protocol: 0 })
        );
    }

    #[test]
    fn every_request_reads_back_as_itself() {
        let config = CorsConfig {
            api_type: ApiType::Rest,
            allow_origins: vec!["https://app.example.com".into()],
            allow_methods: vec!["GET".into(), "PUT".into()],
            allow_headers: vec!["Authorization".into()],
            max_age: Some(600),
            allow_credentials: true,
            ..CorsConfig::default()
        };
        let request = BrowserRequest::new("https://app.example.com", "PUT")
            .header("Authorization", "Bearer t")
            .credentials(CredentialsMode::Include);
        let deployment = Deployment {
            tool: Tool::Sam,
            authorizer: AuthorizerPlacement::Route,
            api_key_required: true,
            gateway_responses: true,
        };
        let requests = [
            WorkerRequest::Import {
                id: 4,
                template: "Resources: {}\n".into(),
            },
            WorkerRequest::simulate(5, &config, &request, &deployment),
            WorkerRequest::explain(
                6,
                DeployTool::CdkPython,
                "Access to fetch at 'x'\n\"quoted\"",
            ),
        ];
        assert_eq!(
            requests.each_ref().map(WorkerRequest::kind),
            ["import", "simulate", "explain"]
        );
        assert_eq!(
            requests[2].fields(),
            ["cdk-python", "Access to fetch at 'x'\n\"quoted\""]
        );
        for posted in requests {
            let fields = posted.fields().into_iter().map(str::to_owned).collect();
            let read = WorkerRequest::from_parts(posted.kind(), posted.id(), fields);
            assert_eq!(read.as_ref(), Some(&posted));
            if let Some(WorkerRequest::Simulate {
                config: c,
                request: r,
                deployment: d,
                ..
            }) = &read
            {
                assert_eq!(
                    WorkerRequest::read_simulation(c, r, d),
                    Ok((config.clone(), request.clone(), deployment))
                );
            }
            if let Some(WorkerRequest::Explain { tool, .. }) = &read {
                assert_eq!(WorkerRequest::read_tool(tool), Ok(DeployTool::CdkPython));
            }
        }
    }

    #[test]
    fn requests_of_unknown_kinds_or_shapes_are_not_read() {
        let strings = |n: usize| vec![String::new(); n];
        assert_eq!(WorkerRequest::from_parts("export", 1, strings(1)), None);
        assert_eq!(WorkerRequest::from_parts("import", 1, strings(0)), None);
        assert_eq!(WorkerRequest::from_parts("import", 1, strings(2)), None);
        assert_eq!(WorkerRequest::from_parts("simulate", 1, strings(2)), None);
        assert!(WorkerRequest::from_parts("simulate", 1, strings(3)).is_some());
        assert_eq!(WorkerRequest::from_parts("explain", 1, strings(1)), None);
        assert_eq!(WorkerRequest::from_parts("explain", 1, strings(3)), None);
        assert!(WorkerRequest::from_parts("explain", 1, strings(2)).is_some());
        assert_eq!(
            WorkerRequest::read_tool("pulumi"),
            Err(UnknownTool("pulumi".into()))
        );
        assert_eq!(
            WorkerRequest::read_simulation("%%%", "{}", "{}"),
            Err(UnreadableSimulation::Config)
        );
        let config = encode_fragment(&CorsConfig::default());
        assert_eq!(
            WorkerRequest::read_simulation(&config, "{}", "{}"),
            Err(UnreadableSimulation::Request)
        );
    }
}
