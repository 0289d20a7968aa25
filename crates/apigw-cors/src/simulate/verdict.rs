//! The browser's procedure (reference §8): builds what a page's `fetch()` sends, asks an
//! [`Answerer`] for each response, decides step by step as Chromium does, and writes the
//! verdict: the first failing step, what Chrome prints for it and the fix.
//!
//! The simulator answers from its model of API Gateway (`modelled.rs`); the probe answers from
//! the network (`live.rs`). Both go through [`run_with`], so one set of rules decides for both.

use super::browser::{self, Failure};
use super::gateway::Cause;
use super::request::{self, RequestError};
use super::{ActualExchange, BrowserRequest, CredentialsMode, HttpRequest, PreflightExchange};
use super::{HttpResponse, Simulation, Step};

/// Which of the browser's two requests is being answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Leg {
    /// The OPTIONS preflight.
    Preflight,
    /// The request the page asked for (also a same-origin request).
    Actual,
}

/// A request the browser sends, with what an answerer needs to know about it.
pub(crate) struct Sent<'a> {
    pub leg: Leg,
    /// The request as sent on the wire.
    pub request: &'a HttpRequest,
    /// The origin the request carries; `None` for a same-origin request.
    pub origin: Option<&'a str>,
    /// The actual request's method (for a preflight: the one it asks about).
    pub method: &'a str,
    /// The actual request's CORS-unsafe header names, lower-cased and sorted.
    pub unsafe_names: &'a [String],
    /// The headers the page set, after `fetch()`'s normalization.
    pub headers: &'a [(String, String)],
}

/// An answer, with why it looks the way it does.
pub(crate) struct Reply {
    pub response: HttpResponse,
    /// The step's detail: what the server did.
    pub detail: String,
    /// The answer rests on behaviour AWS does not document.
    pub inferred: bool,
    /// The modelled reason API Gateway's answer lacks what the browser needs.
    pub cause: Option<Cause>,
    /// The API's answer itself is the problem (a gateway error, an authorizer, a setup that
    /// leaves something out): when the browser then refuses it, the response step fails
    /// rather than only the browser's check.
    pub at_fault: bool,
}

/// Answers the browser's requests: a model of API Gateway, or the network.
pub(crate) trait Answerer {
    /// Why no answer came (never for the model; a network failure for the probe).
    type Error;
    /// The response to one request.
    fn answer(&mut self, sent: &Sent<'_>) -> Result<Reply, Self::Error>;
    /// How to fix a failure, when the answerer knows.
    fn fix(
        &self,
        failure: &Failure,
        cause: Option<&Cause>,
        origin: &str,
        include: bool,
    ) -> Option<String>;
}

/// Redirects followed for one request before the browser gives up (Fetch §HTTP-redirect fetch).
pub(crate) const MAX_REDIRECTS: usize = 20;

fn h(name: &str, value: impl Into<String>) -> (String, String) {
    (name.to_owned(), value.into())
}

fn step(name: &'static str, ok: bool, detail: String, rule: &'static str) -> Step {
    Step {
        name,
        ok,
        detail,
        rule,
        inferred: false,
    }
}

fn reply_step(name: &'static str, reply: &Reply, browser_ok: bool, rule: &'static str) -> Step {
    Step {
        name,
        ok: browser_ok || !reply.at_fault,
        detail: reply.detail.clone(),
        rule,
        inferred: reply.inferred,
    }
}

/// Runs the browser's procedure for `input`, asking `answerer` for every response.
pub(crate) fn run_with<A: Answerer>(
    input: &BrowserRequest,
    answerer: &mut A,
) -> Result<Simulation, A::Error> {
    let page_origin = request::origin_of(&input.page_origin);
    let include = input.credentials == CredentialsMode::Include;
    let mut sim = Simulation {
        page_origin: page_origin.clone(),
        url: input.url.clone(),
        same_origin: false,
        preflight: None,
        actual: ActualExchange {
            sent: false,
            request: None,
            response: None,
        },
        allowed: false,
        reason: String::new(),
        inferred: false,
        steps: Vec::new(),
        failing_step: None,
        chrome_message: None,
        fix: None,
        readable_headers: Vec::new(),
        cache: None,
        warnings: Vec::new(),
    };

    let built = request::check_page_origin(&input.page_origin)
        .and_then(|()| request::check_url(&input.url))
        .and_then(|()| request::normalize_method(&input.method))
        .and_then(|method| request::header_list(&input.headers).map(|h| (method, h)));
    let (method, (headers, dropped)) = match built {
        Ok(built) => built,
        Err(error) => return Ok(request_failed(sim, &error)),
    };
    sim.steps.push(step(
        "request",
        true,
        request_detail(&input.method, &method, &dropped),
        "§5.1",
    ));

    let api_origin = request::origin_of(&input.url);
    if page_origin == api_origin {
        return same_origin(sim, answerer, &method, headers);
    }
    sim.steps.push(step(
        "same-origin",
        true,
        format!(
            "cross-origin: the page is {page_origin}, the API is {api_origin}, so CORS applies"
        ),
        "§8.1",
    ));

    let mut hop = Hop {
        url: input.url.clone(),
        origin: page_origin.clone(),
        method,
        headers,
    };
    for redirects in 0.. {
        match cross_origin_hop(sim, answerer, &hop, include, redirects == 0)? {
            HopEnd::Done(done) => return Ok(done),
            HopEnd::Redirect(followed, location) => {
                sim = followed;
                if redirects == MAX_REDIRECTS {
                    return Ok(network_error(
                        sim,
                        format!("more than {MAX_REDIRECTS} redirects: the browser gives up"),
                    ));
                }
                match hop.follow(&location) {
                    Ok(next) => hop = next,
                    Err(detail) => return Ok(network_error(sim, detail)),
                }
            }
        }
    }
    unreachable!("the loop returns")
}

/// One request of a redirect chain: where it goes and what it carries.
struct Hop {
    url: String,
    /// The origin the request carries: the page's, or `null` once a redirect has tainted it.
    origin: String,
    method: String,
    headers: Vec<(String, String)>,
}

impl Hop {
    /// The next request after a redirect to `location` (Fetch §HTTP-redirect fetch): the
    /// method becomes GET for 303, and for 301/302 after POST (the body's headers go with the
    /// body); the origin becomes `null` when the redirect leaves an origin other than the
    /// page's.
    fn follow(&self, location: &Location) -> Result<Hop, String> {
        let url = request::resolve(&self.url, &location.target)
            .ok_or_else(|| {
            format!(
                "the redirect's Location '{}' is not an http(s) URL without credentials, so the browser does not follow it",
                location.target.escape_debug()
            )
        })?;
        let to_get = (location.status == 303 && self.method != "GET" && self.method != "HEAD")
            || (matches!(location.status, 301 | 302) && self.method == "POST");
        let (method, headers) = if to_get {
            let headers = self
                .headers
                .iter()
                .filter(|(name, _)| !request::is_request_body_header(name))
                .cloned()
                .collect();
            ("GET".to_owned(), headers)
        } else {
            (self.method.clone(), self.headers.clone())
        };
        let from = request::origin_of(&self.url);
        let tainted = request::origin_of(&url) != from && self.origin != from;
        Ok(Hop {
            origin: if tainted {
                "null".into()
            } else {
                self.origin.clone()
            },
            url,
            method,
            headers,
        })
    }
}

/// A redirect the browser is asked to follow.
struct Location {
    status: u16,
    target: String,
}

/// How one request of a chain ended.
enum HopEnd {
    /// The verdict is in.
    Done(Simulation),
    /// The response passed the CORS check and redirects.
    Redirect(Simulation, Location),
}

/// A redirect response: 301, 302, 303, 307 or 308 with a Location header.
fn redirect_of(response: &HttpResponse) -> Option<Location> {
    if !matches!(response.status, 301 | 302 | 303 | 307 | 308) {
        return None;
    }
    browser::header_value(&response.headers, "Location").map(|target| Location {
        status: response.status,
        target,
    })
}

/// One cross-origin request (after a redirect, to the new URL): the preflight when needed,
/// then the request and the CORS check.
fn cross_origin_hop<A: Answerer>(
    mut sim: Simulation,
    answerer: &mut A,
    hop: &Hop,
    include: bool,
    first: bool,
) -> Result<HopEnd, A::Error> {
    let unsafe_names = request::unsafe_header_names(&hop.headers);
    let needs_preflight = !request::is_safelisted_method(&hop.method) || !unsafe_names.is_empty();
    if first {
        sim.steps.push(step(
            "preflight-needed",
            true,
            preflight_reason(&hop.method, &unsafe_names),
            "§5.1",
        ));
    }

    let mut actual_headers = vec![h("Origin", hop.origin.clone())];
    if !hop
        .headers
        .iter()
        .any(|(n, _)| n.eq_ignore_ascii_case("accept"))
    {
        actual_headers.push(h("Accept", "*/*"));
    }
    actual_headers.extend(hop.headers.iter().cloned());
    let actual_request = HttpRequest {
        method: hop.method.clone(),
        url: hop.url.clone(),
        headers: actual_headers,
    };
    sim.actual = ActualExchange {
        sent: false,
        request: Some(actual_request.clone()),
        response: None,
    };

    if needs_preflight {
        let mut preflight_headers = vec![
            h("Origin", hop.origin.clone()),
            h("Accept", "*/*"),
            h("Access-Control-Request-Method", hop.method.clone()),
        ];
        if !unsafe_names.is_empty() {
            preflight_headers.push(h("Access-Control-Request-Headers", unsafe_names.join(",")));
        }
        let preflight_request = HttpRequest {
            method: "OPTIONS".into(),
            url: hop.url.clone(),
            headers: preflight_headers,
        };
        let reply = answerer.answer(&Sent {
            leg: Leg::Preflight,
            request: &preflight_request,
            origin: Some(&hop.origin),
            method: &hop.method,
            unsafe_names: &unsafe_names,
            headers: &hop.headers,
        })?;
        let check = if redirect_of(&reply.response).is_some() {
            // Chromium refuses a redirected preflight before looking at its headers.
            Err(Failure::PreflightRedirect)
        } else {
            browser::preflight_check(
                reply.response.status,
                &reply.response.headers,
                &hop.origin,
                include,
                &hop.method,
                &unsafe_names,
            )
        };
        sim.steps.push(reply_step(
            "preflight-response",
            &reply,
            check.is_ok(),
            "§8.3",
        ));
        sim.preflight = Some(PreflightExchange {
            sent: true,
            request: preflight_request,
            response: reply.response.clone(),
        });
        match check {
            Err(failure) => {
                let blocked = blocked(
                    sim,
                    answerer,
                    Blocked {
                        name: "preflight-check",
                        rule: "§5.2",
                        failure: &failure,
                        cause: reply.cause.as_ref(),
                        preflight: true,
                        url: &hop.url,
                        origin: &hop.origin,
                        include,
                    },
                );
                return Ok(HopEnd::Done(blocked));
            }
            Ok((cache, warnings)) => {
                sim.warnings.extend(warnings);
                sim.steps.push(step(
                    "preflight-check",
                    true,
                    format!(
                        "the preflight passes; cached for {} s in Chromium, {} s in Firefox",
                        cache.chromium, cache.firefox
                    ),
                    "§5.2",
                ));
                sim.cache = Some(cache);
            }
        }
    }

    let reply = answerer.answer(&Sent {
        leg: Leg::Actual,
        request: &actual_request,
        origin: Some(&hop.origin),
        method: &hop.method,
        unsafe_names: &unsafe_names,
        headers: &hop.headers,
    })?;
    let check = browser::cors_check(&reply.response.headers, &hop.origin, include);
    sim.steps
        .push(reply_step("actual-response", &reply, check.is_ok(), "§8.4"));
    sim.actual.sent = true;
    sim.actual.response = Some(reply.response.clone());
    if let Err(failure) = check {
        let blocked = blocked(
            sim,
            answerer,
            Blocked {
                name: "cors-check",
                rule: "§5.3",
                failure: &failure,
                cause: reply.cause.as_ref(),
                preflight: false,
                url: &hop.url,
                origin: &hop.origin,
                include,
            },
        );
        return Ok(HopEnd::Done(blocked));
    }
    if let Some(location) = redirect_of(&reply.response) {
        sim.steps.push(step(
            "cors-check",
            true,
            format!(
                "the {} redirect carries a matching Access-Control-Allow-Origin, so the browser follows it to {}",
                location.status, location.target
            ),
            "§5.3",
        ));
        return Ok(HopEnd::Redirect(sim, location));
    }
    sim.steps.push(step(
        "cors-check",
        true,
        "Access-Control-Allow-Origin matches the page's origin".into(),
        "§5.3",
    ));
    sim.readable_headers = browser::readable_headers(&reply.response.headers, include);
    sim.steps.push(step(
        "readable-headers",
        true,
        format!("the page can read: {}", sim.readable_headers.join(", ")),
        "§5.4",
    ));
    sim.allowed = true;
    sim.reason = if reply.response.status >= 400 {
        format!(
            "allowed: the page can read API Gateway's {} response ({})",
            reply.response.status, reply.detail
        )
    } else if sim.preflight.is_some() {
        "allowed: the preflight passes and the response carries a matching Access-Control-Allow-Origin".into()
    } else {
        "allowed: no preflight is needed and the response carries a matching Access-Control-Allow-Origin".into()
    };
    Ok(HopEnd::Done(finish(sim)))
}

fn finish(mut sim: Simulation) -> Simulation {
    sim.inferred = sim.steps.iter().any(|s| s.inferred);
    sim.failing_step = sim.steps.iter().find(|s| !s.ok).map(|s| s.name.to_owned());
    sim
}

/// The browser stops the request with a network error that is not a CORS check (too many
/// redirects, a Location it cannot follow): the request step that led there fails.
fn network_error(mut sim: Simulation, detail: String) -> Simulation {
    sim.steps
        .push(step("actual-response", false, detail.clone(), "§5.3"));
    sim.reason = format!("blocked: {detail}");
    finish(sim)
}

fn request_failed(mut sim: Simulation, error: &RequestError) -> Simulation {
    sim.steps
        .push(step("request", false, error.detail(), "§5.1"));
    sim.reason = format!("blocked: {}", error.detail());
    sim.chrome_message = error.chrome();
    sim.fix = Some(match error {
        RequestError::InvalidMethod(_) | RequestError::UnsupportedMethod(_) => {
            "Use one of GET, HEAD, POST, PUT, DELETE, PATCH or OPTIONS.".into()
        }
        RequestError::InvalidHeaderName(_) => {
            "Header names are tokens: letters, digits and ! # $ % & ' * + - . ^ _ ` | ~.".into()
        }
        RequestError::InvalidHeaderValue(_) => {
            "Remove line breaks and NUL from header values, and write them in Latin-1 (encode other text, for example as percent-encoded UTF-8).".into()
        }
        RequestError::InvalidPageOrigin(..) => {
            "Give the page's origin as the browser sends it in the Origin header, for example https://app.example.com.".into()
        }
        RequestError::InvalidUrl(..) => {
            "Give the API's absolute URL, for example the stage URL with the route.".into()
        }
    });
    finish(sim)
}

fn request_detail(written: &str, method: &str, dropped: &[String]) -> String {
    let mut detail = if written == method {
        format!("fetch() sends {method}")
    } else {
        format!("fetch() normalizes {written} to {method}")
    };
    let upper = method.to_ascii_uppercase();
    if method != upper && crate::model::Method::from_name(&upper).is_some() {
        detail.push_str(&format!(
            "; only DELETE, GET, HEAD, OPTIONS, POST and PUT are upper-cased, so it stays '{method}', not {upper}"
        ));
    }
    if !dropped.is_empty() {
        detail.push_str(&format!(
            "; forbidden headers are silently dropped: {}",
            dropped.join(", ")
        ));
    }
    detail
}

fn preflight_reason(method: &str, unsafe_names: &[String]) -> String {
    let method_unsafe = !request::is_safelisted_method(method);
    match (method_unsafe, unsafe_names.is_empty()) {
        (false, true) => format!("no preflight: {method} with only CORS-safelisted headers"),
        (true, true) => format!("preflight needed: {method} is not GET, HEAD or POST"),
        (false, false) => format!(
            "preflight needed: not CORS-safelisted: {}",
            unsafe_names.join(", ")
        ),
        (true, false) => format!(
            "preflight needed: {method} is not GET, HEAD or POST, and not CORS-safelisted: {}",
            unsafe_names.join(", ")
        ),
    }
}

fn same_origin<A: Answerer>(
    mut sim: Simulation,
    answerer: &mut A,
    method: &str,
    headers: Vec<(String, String)>,
) -> Result<Simulation, A::Error> {
    sim.same_origin = true;
    sim.steps.push(step(
        "same-origin",
        true,
        "same origin: CORS does not apply".into(),
        "§8.1",
    ));
    let request = HttpRequest {
        method: method.to_owned(),
        url: sim.url.clone(),
        headers,
    };
    let reply = answerer.answer(&Sent {
        leg: Leg::Actual,
        request: &request,
        origin: None,
        method,
        unsafe_names: &[],
        headers: &request.headers,
    })?;
    sim.steps
        .push(step("actual-response", true, reply.detail.clone(), "§8.4"));
    sim.readable_headers = reply
        .response
        .headers
        .iter()
        .filter(|(n, _)| !n.eq_ignore_ascii_case("set-cookie"))
        .map(|(n, _)| n.clone())
        .collect();
    sim.actual = ActualExchange {
        sent: true,
        request: Some(request),
        response: Some(reply.response),
    };
    sim.allowed = true;
    sim.reason = "allowed: same origin, CORS does not apply".into();
    Ok(finish(sim))
}

/// A failed check and what the verdict needs to say about it.
struct Blocked<'a> {
    name: &'static str,
    rule: &'static str,
    failure: &'a Failure,
    cause: Option<&'a Cause>,
    preflight: bool,
    /// The URL of the request that failed (after redirects, not the first one).
    url: &'a str,
    /// The origin that request carried (`null` once a redirect has tainted it).
    origin: &'a str,
    include: bool,
}

fn blocked<A: Answerer>(mut sim: Simulation, answerer: &A, b: Blocked<'_>) -> Simulation {
    let explanation = b.failure.explain(b.origin);
    sim.steps
        .push(step(b.name, false, explanation.clone(), b.rule));
    let detail = b.failure.chrome_detail(b.preflight);
    sim.chrome_message = Some(if b.url == sim.url {
        super::chrome::blocked_message(&sim.url, &sim.page_origin, &detail)
    } else {
        super::chrome::blocked_after_redirect(b.url, &sim.url, &sim.page_origin, &detail)
    });
    sim.fix = answerer.fix(b.failure, b.cause, b.origin, b.include);
    let sim = finish(sim);
    let first = sim
        .steps
        .iter()
        .find(|s| !s.ok)
        .map(|s| s.detail.clone())
        .unwrap_or(explanation);
    Simulation {
        reason: format!("blocked: {first}"),
        ..sim
    }
}
