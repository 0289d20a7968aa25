//! The simulation as readable text: both exchanges as HTTP transcripts, then the verdict.

use super::request::{host_of, path_of};
use super::{HttpRequest, HttpResponse, Simulation};
use std::fmt::Write;

fn reason_phrase(status: u16) -> &'static str {
    match status {
        200 => "OK",
        204 => "No Content",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        _ => "",
    }
}

fn write_request(out: &mut String, request: &HttpRequest) {
    let _ = writeln!(
        out,
        "> {} {} HTTP/1.1",
        request.method,
        path_of(&request.url)
    );
    let _ = writeln!(out, "> Host: {}", host_of(&request.url));
    for (name, value) in &request.headers {
        let _ = writeln!(out, "> {name}: {value}");
    }
}

fn write_response(out: &mut String, response: &HttpResponse) {
    let _ = writeln!(
        out,
        "< HTTP/1.1 {} {}",
        response.status,
        reason_phrase(response.status)
    );
    for (name, value) in &response.headers {
        let _ = writeln!(out, "< {name}: {value}");
    }
    if let Some(body) = &response.body {
        let _ = writeln!(out, "<");
        let _ = writeln!(out, "< {body}");
    }
}

/// One exchange: the request lines (`> `), a blank line and the response lines (`< `), or only
/// the request when no response came back.
pub(crate) fn exchange(request: &HttpRequest, response: Option<&HttpResponse>) -> String {
    let mut out = String::new();
    write_request(&mut out, request);
    if let Some(response) = response {
        out.push('\n');
        write_response(&mut out, response);
    }
    out
}

pub(crate) fn render(sim: &Simulation) -> String {
    let mut out = String::new();
    if let Some(preflight) = &sim.preflight {
        out.push_str("# Preflight\n");
        out.push_str(&exchange(&preflight.request, Some(&preflight.response)));
        out.push('\n');
    }
    if let Some(request) = &sim.actual.request {
        let response = sim.actual.response.as_ref();
        out.push_str(match response {
            Some(_) => "# Request\n",
            None => "# Request (not sent)\n",
        });
        out.push_str(&exchange(request, response));
        out.push('\n');
    }
    out.push_str(&verdict(sim));
    out
}

/// The verdict, the Chrome message, the fix and the other notes, then the steps.
pub(crate) fn verdict(sim: &Simulation) -> String {
    let mut out = String::new();
    let verdict = if sim.allowed { "ALLOWED" } else { "BLOCKED" };
    let reason = sim
        .reason
        .split_once(": ")
        .map_or(sim.reason.as_str(), |(_, rest)| rest);
    let _ = writeln!(out, "Verdict: {verdict}: {reason}");
    if sim.inferred {
        out.push_str(
            "Note: inferred: a step rests on API Gateway behaviour AWS does not document.\n",
        );
    }
    if let Some(message) = &sim.chrome_message {
        let _ = writeln!(out, "Chrome: {message}");
    }
    if let Some(fix) = &sim.fix {
        let _ = writeln!(out, "Fix: {fix}");
    }
    if sim.allowed {
        let _ = writeln!(out, "Readable headers: {}", sim.readable_headers.join(", "));
    }
    for warning in &sim.warnings {
        let _ = writeln!(out, "Warning: {warning}");
    }
    if let Some(cache) = &sim.cache {
        let _ = writeln!(
            out,
            "Preflight cache: {} s in Chromium, {} s in Firefox",
            cache.chromium, cache.firefox
        );
    }
    out.push_str("\nSteps:\n");
    for step in &sim.steps {
        let mark = if step.ok { "ok  " } else { "FAIL" };
        let inferred = if step.inferred { " (inferred)" } else { "" };
        let _ = writeln!(
            out,
            "  [{mark}] {} ({}){inferred}: {}",
            step.name, step.rule, step.detail
        );
    }
    out
}
