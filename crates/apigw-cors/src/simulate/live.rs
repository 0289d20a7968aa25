//! The browser's procedure on real answers: the caller sends each request (the probe, over the
//! network) and the same code as the simulator's decides what the browser does with the
//! answers. Nothing here does I/O.

use super::browser::Failure;
use super::gateway::Cause;
use super::verdict::{self, Answerer, Leg, Reply, Sent};
use super::{BrowserRequest, HttpRequest, HttpResponse, Simulation};
use crate::observe;
use serde::Serialize;
use std::cell::RefCell;

/// One request the browser sent and the answer it got, in the order they happened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RecordedExchange {
    /// `preflight` or `actual`.
    pub kind: &'static str,
    /// The request as sent.
    pub request: HttpRequest,
    /// The response as received, headers in order and repeated ones kept.
    pub response: HttpResponse,
}

impl RecordedExchange {
    /// The request and the response as HTTP-like text, as [`Simulation::transcript`] prints
    /// an exchange.
    pub fn transcript(&self) -> String {
        super::transcript::exchange(&self.request, Some(&self.response))
    }
}

/// The verdict on real answers, with every exchange (redirects included).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LiveRun {
    /// The browser's verdict, step by step, in the simulator's shape.
    pub simulation: Simulation,
    /// Every request sent and its response, in order.
    pub exchanges: Vec<RecordedExchange>,
    /// The browser's failed check, and whether it was the preflight's.
    #[serde(skip)]
    pub(crate) failure: Option<(Failure, bool)>,
}

/// Runs the browser's procedure for `request`, getting each response from `send`: the
/// preflight when one is needed, then the request, then each redirect the browser follows.
/// A response step fails (with the browser's check) when `observe::is_gateway_fault` sees
/// API Gateway's own error in it. An error from `send` stops the run and is returned as is:
/// a network failure is never a CORS verdict.
///
/// ```
/// use apigw_cors::{observations, run_browser, BrowserRequest, HttpResponse};
///
/// let mut request = BrowserRequest::new("https://app.example.com", "PUT");
/// request.url = "https://abc123.execute-api.us-east-1.amazonaws.com/prod/items".into();
/// // API Gateway's answer when the resource has no OPTIONS method.
/// let missing_token = HttpResponse {
///     status: 403,
///     headers: vec![("x-amzn-ErrorType".into(), "MissingAuthenticationTokenException".into())],
///     body: Some(r#"{"message":"Missing Authentication Token"}"#.into()),
/// };
/// let run = run_browser(&request, |_sent| Ok::<_, String>(missing_token.clone())).unwrap();
/// assert!(!run.simulation.allowed);
/// assert_eq!(run.simulation.failing_step.as_deref(), Some("preflight-response"));
/// assert_eq!(run.exchanges.len(), 1); // the PUT itself is never sent
/// assert_eq!(observations(&run)[0].cause().id(), "no-preflight-route");
/// ```
pub fn run_browser<E>(
    request: &BrowserRequest,
    send: impl FnMut(&HttpRequest) -> Result<HttpResponse, E>,
) -> Result<LiveRun, E> {
    let mut live = Live {
        send,
        exchanges: Vec::new(),
        failure: RefCell::new(None),
    };
    let simulation = verdict::run_with(request, &mut live)?;
    Ok(LiveRun {
        simulation,
        exchanges: live.exchanges,
        failure: live.failure.into_inner(),
    })
}

/// Answers from whatever `send` returns, recording each exchange.
struct Live<F> {
    send: F,
    exchanges: Vec<RecordedExchange>,
    /// The failed check, kept for the diagnosis (the procedure hands it to `fix`).
    failure: RefCell<Option<(Failure, bool)>>,
}

impl<F, E> Answerer for Live<F>
where
    F: FnMut(&HttpRequest) -> Result<HttpResponse, E>,
{
    type Error = E;

    fn answer(&mut self, sent: &Sent<'_>) -> Result<Reply, E> {
        let response = (self.send)(sent.request)?;
        let preflight = sent.leg == Leg::Preflight;
        let detail = observe::describe(&response, preflight);
        let at_fault = observe::is_gateway_fault(&response);
        self.exchanges.push(RecordedExchange {
            kind: if preflight { "preflight" } else { "actual" },
            request: sent.request.clone(),
            response: response.clone(),
        });
        Ok(Reply {
            response,
            detail,
            inferred: false,
            cause: None,
            at_fault,
        })
    }

    /// Keeps the failure for [`observe::diagnose`]; the fix depends on the deploy tool, so
    /// the caller takes it from the diagnosis.
    fn fix(&self, failure: &Failure, _: Option<&Cause>, _: &str, _: bool) -> Option<String> {
        let preflight = self.exchanges.last().is_some_and(|e| e.kind == "preflight");
        *self.failure.borrow_mut() = Some((failure.clone(), preflight));
        None
    }
}
