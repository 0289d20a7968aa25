//! The preflight simulator: for a configuration and a request a page makes, the exchanges with
//! API Gateway and whether the browser lets the page read the response, step by step.
//!
//! Rules and sources: reference `api-gateway-cors.md` §1–§5 and §8. [`simulate`] is pure and
//! cheap (no I/O, a few small allocations), so a view can call it on every keystroke.
//!
//! ```
//! use apigw_cors::{simulate, validate, BrowserRequest, CorsConfig, Deployment};
//!
//! let config = validate(&CorsConfig::default()).unwrap().config;
//! let request = BrowserRequest::new("https://app.example.com", "PUT");
//! let result = simulate(&config, &request, &Deployment::for_config(&config));
//! assert!(!result.allowed);
//! assert_eq!(result.failing_step.as_deref(), Some("preflight-response"));
//! ```

mod browser;
pub(crate) mod chrome;
mod examples;
mod gateway;
mod live;
mod modelled;
mod request;
mod transcript;
mod verdict;

pub(crate) use browser::Failure;
pub use browser::{PreflightCache, DEFAULT_PREFLIGHT_CACHE};
pub use examples::example_request_for;
pub use live::{run_browser, LiveRun, RecordedExchange};

use crate::example::EXAMPLE_API_URL;
use crate::model::ValidCorsConfig;
use serde::{Deserialize, Serialize};

/// The `credentials` option of `fetch()`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CredentialsMode {
    /// `omit`: never send cookies.
    Omit,
    /// `same-origin` (the default): cookies only to the page's own origin.
    #[default]
    SameOrigin,
    /// `include`: cookies everywhere; the stricter CORS rules apply.
    Include,
}

impl CredentialsMode {
    /// `omit`, `same-origin` or `include`.
    pub fn as_str(self) -> &'static str {
        match self {
            CredentialsMode::Omit => "omit",
            CredentialsMode::SameOrigin => "same-origin",
            CredentialsMode::Include => "include",
        }
    }
}

/// A request as the page's script asks for it: `fetch(url, {method, headers, credentials})`
/// from a page at `page_origin`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BrowserRequest {
    /// The API URL (its origin decides same-origin vs cross-origin).
    pub url: String,
    /// The page's origin, for example `https://app.example.com`.
    pub page_origin: String,
    /// The method as written in the script (case matters: `patch` stays lower-case).
    pub method: String,
    /// Headers as written in the script, in order.
    pub headers: Vec<(String, String)>,
    /// The credentials mode.
    pub credentials: CredentialsMode,
}

impl BrowserRequest {
    /// A request from `page_origin` to [`EXAMPLE_API_URL`] without headers or credentials.
    pub fn new(page_origin: &str, method: &str) -> BrowserRequest {
        BrowserRequest {
            url: EXAMPLE_API_URL.into(),
            page_origin: page_origin.into(),
            method: method.into(),
            headers: Vec::new(),
            credentials: CredentialsMode::SameOrigin,
        }
    }

    /// Adds a header.
    pub fn header(mut self, name: &str, value: &str) -> BrowserRequest {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// Sets the credentials mode.
    pub fn credentials(mut self, mode: CredentialsMode) -> BrowserRequest {
        self.credentials = mode;
        self
    }

    /// Why no page can make this request as given, or `None` when it can be simulated: a page
    /// origin that is not an origin browsers serialize (`null` or `scheme://host[:port]`), a
    /// URL that is not an absolute http(s) URL, or a header name or value `fetch()` refuses
    /// (not a token; NUL, CR or LF; beyond U+00FF). Values in the reason are escaped. A method
    /// `fetch()` refuses is not in this list: [`simulate`] explains it as a step.
    pub fn invalid_input(&self) -> Option<String> {
        request::check_page_origin(&self.page_origin)
            .and_then(|()| request::check_url(&self.url))
            .and_then(|()| request::header_list(&self.headers).map(|_| ()))
            .err()
            .map(|error| error.detail())
    }

    /// Parses `Name: value` lines (as typed in a text area or given to `--header`); a line
    /// without a colon is a header with an empty value; blank lines are skipped.
    pub fn parse_header_lines(text: &str) -> Vec<(String, String)> {
        text.lines()
            .map(str::trim)
            .filter(|line| !line.is_empty())
            .map(|line| match line.split_once(':') {
                Some((name, value)) => (name.trim().to_owned(), value.trim().to_owned()),
                None => (line.to_owned(), String::new()),
            })
            .collect()
    }
}

/// How CORS was set up on the API.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Tool {
    /// AWS SAM's `Cors` / `CorsConfiguration` property written by hand, SAM defaults kept
    /// (REST: an OPTIONS mock, 200, static headers; authorizer and API key also on OPTIONS).
    Sam,
    /// AWS CDK `defaultCorsPreflightOptions` / `corsPreflight` (REST: 204 mock, first origin,
    /// `Vary: Origin`, a response template echoing the other origins; OPTIONS never authorized).
    Cdk,
    /// The console's "Enable CORS" (REST: a 200 mock with static headers, no authorizer).
    Console,
    /// This tool's generated SAM template: REST with several origins answers OPTIONS from the
    /// function; otherwise SAM `Cors` with the authorizer and API key kept off OPTIONS.
    Generated,
    /// No CORS set up: REST without an OPTIONS method, HTTP API without a CORS configuration.
    None,
}

impl Tool {
    /// Every tool, in the order a picker lists them.
    pub const ALL: [Tool; 5] = [
        Tool::Generated,
        Tool::Sam,
        Tool::Cdk,
        Tool::Console,
        Tool::None,
    ];

    /// `sam`, `cdk`, `console`, `generated` or `none`.
    pub fn as_str(self) -> &'static str {
        match self {
            Tool::Sam => "sam",
            Tool::Cdk => "cdk",
            Tool::Console => "console",
            Tool::Generated => "generated",
            Tool::None => "none",
        }
    }
}

/// Where an authorizer is attached.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AuthorizerPlacement {
    /// No authorizer.
    #[default]
    None,
    /// On the API's methods/routes (REST: SAM `DefaultAuthorizer`; HTTP: `GET /items` etc.).
    Route,
    /// On an HTTP API `$default` route or an `ANY` method/route, which also catches OPTIONS.
    DefaultRoute,
}

/// Facts about the deployed API that change API Gateway's answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Deployment {
    /// How CORS was set up.
    pub tool: Tool,
    /// Where an authorizer is attached (its token header is the config's `authorizerHeader`,
    /// `Authorization` when unset).
    pub authorizer: AuthorizerPlacement,
    /// REST: the methods require an API key.
    pub api_key_required: bool,
    /// REST: DEFAULT_4XX/DEFAULT_5XX gateway responses carry CORS headers.
    pub gateway_responses: bool,
}

impl Deployment {
    /// The deployment of this tool's generated template for `config`: an authorizer on the
    /// routes when `authorizerHeader` is set, the API key when `apiKeyRequired`, no
    /// GatewayResponses.
    pub fn for_config(config: &ValidCorsConfig) -> Deployment {
        Deployment {
            tool: Tool::Generated,
            authorizer: if config.authorizer_header.is_some() {
                AuthorizerPlacement::Route
            } else {
                AuthorizerPlacement::None
            },
            api_key_required: config.api_key_required,
            gateway_responses: false,
        }
    }
}

/// An HTTP request as sent on the wire.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HttpRequest {
    /// The method.
    pub method: String,
    /// The full URL.
    pub url: String,
    /// Headers in order, as `[name, value]`.
    pub headers: Vec<(String, String)>,
}

/// An HTTP response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HttpResponse {
    /// The status code.
    pub status: u16,
    /// Headers in order, as `[name, value]`.
    pub headers: Vec<(String, String)>,
    /// The body, when API Gateway generates one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
}

/// The preflight exchange.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PreflightExchange {
    /// Always true: a preflight that is not needed is `None` in [`Simulation::preflight`].
    pub sent: bool,
    /// The OPTIONS request the browser sends.
    pub request: HttpRequest,
    /// API Gateway's answer.
    pub response: HttpResponse,
}

/// The actual request and its response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ActualExchange {
    /// Whether the browser sends it (not after a failed preflight or a `fetch()` TypeError).
    pub sent: bool,
    /// The request (`None` when `fetch()` throws before building one).
    pub request: Option<HttpRequest>,
    /// API Gateway's answer, when sent.
    pub response: Option<HttpResponse>,
}

/// One step of the simulation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Step {
    /// Stable id: `request`, `same-origin`, `preflight-needed`, `preflight-response`,
    /// `preflight-check`, `actual-response`, `cors-check`, `readable-headers`.
    pub name: &'static str,
    /// Whether the step went the way the page needs.
    pub ok: bool,
    /// What happened and why.
    pub detail: String,
    /// The rule applied: a section of the reference (for example `§5.2`).
    pub rule: &'static str,
    /// The step rests on behaviour AWS does not document.
    pub inferred: bool,
}

/// Everything the simulator predicts for one request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Simulation {
    /// The page origin as the browser sends it.
    pub page_origin: String,
    /// The request URL.
    pub url: String,
    /// Page and API share an origin: no CORS at all.
    pub same_origin: bool,
    /// The preflight, when one is needed.
    pub preflight: Option<PreflightExchange>,
    /// The actual request.
    pub actual: ActualExchange,
    /// Whether the page can read the response (Chromium's verdict; see `warnings`).
    pub allowed: bool,
    /// One sentence: why allowed or blocked.
    pub reason: String,
    /// Some step rests on behaviour AWS does not document.
    pub inferred: bool,
    /// The steps, in order, up to the first failure.
    pub steps: Vec<Step>,
    /// The name of the first failing step.
    pub failing_step: Option<String>,
    /// What Chrome prints in the console for the failure.
    pub chrome_message: Option<String>,
    /// How to fix the failure.
    pub fix: Option<String>,
    /// Response headers the page can read (empty when blocked).
    pub readable_headers: Vec<String>,
    /// How long browsers cache the successful preflight.
    pub cache: Option<PreflightCache>,
    /// Where other browsers or the standard decide differently from Chromium's verdict.
    pub warnings: Vec<String>,
}

impl Simulation {
    /// Both exchanges as HTTP-like text, then the verdict and the steps.
    pub fn transcript(&self) -> String {
        transcript::render(self)
    }

    /// The verdict and the steps as in [`Simulation::transcript`], without the exchanges.
    pub fn verdict_transcript(&self) -> String {
        transcript::verdict(self)
    }

    /// The preflight alone as HTTP-like text (`> ` request lines, a blank line, `< ` response
    /// lines), as in [`Simulation::transcript`]; `None` when no preflight is sent.
    pub fn preflight_transcript(&self) -> Option<String> {
        self.preflight
            .as_ref()
            .map(|p| transcript::exchange(&p.request, Some(&p.response)))
    }

    /// The actual request, and its response when it is sent, as HTTP-like text; `None` when
    /// `fetch()` throws before building a request.
    pub fn actual_transcript(&self) -> Option<String> {
        self.actual
            .request
            .as_ref()
            .map(|r| transcript::exchange(r, self.actual.response.as_ref()))
    }
}

/// The page origin a simulation uses when none is given: the first exact allowed origin
/// (not `*`, not an `https://*` pattern), else `https://app.example.com`.
pub fn default_page_origin(config: &ValidCorsConfig) -> String {
    config
        .origins
        .values()
        .into_iter()
        .find(|o| *o != "*" && !crate::model::is_origin_pattern(o))
        .unwrap_or(FALLBACK_PAGE_ORIGIN)
        .to_owned()
}

/// The page origin used when the configuration names no exact origin.
const FALLBACK_PAGE_ORIGIN: &str = "https://app.example.com";

/// Simulates `request` against an API configured with `config` and deployed as `deployment`.
pub fn simulate(
    config: &ValidCorsConfig,
    request: &BrowserRequest,
    deployment: &Deployment,
) -> Simulation {
    let mut model = modelled::Modelled { config, deployment };
    match verdict::run_with(request, &mut model) {
        Ok(simulation) => simulation,
        Err(never) => match never {},
    }
}
