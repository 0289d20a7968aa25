//! What the page's "Test a request" panel shows for a [`Simulation`], as one HTML string: the
//! verdict, both exchanges as transcripts and the steps. Rendering it here keeps the simulator
//! and the markup code out of the page's own wasm. Every text goes through [`html_text`];
//! attribute values are only the fixed strings written here.

use apigw_cors::{html_text, Simulation};
use std::fmt::Write;

/// What "inferred" means, shown whenever a step is marked so.
const INFERRED: &str = "Inferred: a step marked \"inferred\" rests on API Gateway behaviour AWS does not document; the simulator follows what has been observed.";

/// Said when `fetch()` throws before building a request.
const NOTHING_SENT: &str = "Nothing is sent: fetch() throws first.";

/// The whole results area for `sim`.
pub fn results_html(sim: &Simulation) -> String {
    let mut html = String::with_capacity(4096);
    verdict(&mut html, sim);
    let (sent, text) = preflight_text(sim);
    exchange(&mut html, "Preflight", "sim-preflight", sent, &text);
    let text = sim
        .actual_transcript()
        .unwrap_or_else(|| NOTHING_SENT.to_owned());
    exchange(&mut html, "Request", "sim-actual", sim.actual.sent, &text);
    steps(&mut html, sim);
    html
}

/// One sentence for the screen-reader status: the verdict and why.
pub fn verdict_sentence(sim: &Simulation) -> String {
    let verdict = if sim.allowed { "Allowed" } else { "Blocked" };
    format!("{verdict}: {}", reason_sentence(&sim.reason))
}

/// The reason without its leading `allowed: `/`blocked: `, which the badge already says.
fn reason_sentence(reason: &str) -> String {
    let rest = reason.split_once(": ").map_or(reason, |(_, rest)| rest);
    capitalized(rest)
}

/// The text with its first letter upper-cased (ASCII only: the simulator's sentences start with
/// ASCII letters, and `char::to_uppercase` would pull Unicode tables into the wasm).
fn capitalized(text: &str) -> String {
    let mut text = text.to_owned();
    if let Some(first) = text.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    text
}

fn verdict(html: &mut String, sim: &Simulation) {
    let (allowed, badge) = if sim.allowed {
        ("true", "allowed")
    } else {
        ("false", "blocked")
    };
    let _ = write!(
        html,
        r#"<div class="sim-verdict" data-testid="sim-verdict" data-allowed="{allowed}"><span class="badge">{badge}</span> <span class="reason">{}</span></div>"#,
        html_text(&reason_sentence(&sim.reason))
    );
    let mut facts = String::new();
    for warning in &sim.warnings {
        let _ = write!(facts, r#"<li class="warning">{}</li>"#, html_text(warning));
    }
    if sim.allowed {
        let names = if sim.readable_headers.is_empty() {
            "none".to_owned()
        } else {
            sim.readable_headers.join(", ")
        };
        let _ = write!(
            facts,
            "<li>The page can read: <code>{}</code></li>",
            html_text(&names)
        );
    }
    if let Some(cache) = &sim.cache {
        let _ = write!(
            facts,
            "<li>Preflight cached for {} s in Chromium, {} s in Firefox.</li>",
            cache.chromium, cache.firefox
        );
    }
    if sim.inferred {
        let _ = write!(facts, r#"<li class="note">{}</li>"#, html_text(INFERRED));
    }
    if !facts.is_empty() {
        let _ = write!(html, r#"<ul class="sim-facts">{facts}</ul>"#);
    }
}

/// Whether the preflight is sent, and its transcript or why there is none.
fn preflight_text(sim: &Simulation) -> (bool, String) {
    if let Some(text) = sim.preflight_transcript() {
        return (true, text);
    }
    let why = if sim.same_origin {
        "No preflight: same origin, CORS does not apply.".to_owned()
    } else {
        match sim.steps.iter().find(|s| s.name == "preflight-needed") {
            Some(step) => capitalized(&step.detail) + ".",
            None => NOTHING_SENT.to_owned(),
        }
    };
    (false, why)
}

fn exchange(html: &mut String, title: &str, testid: &str, sent: bool, text: &str) {
    let not_sent = if sent {
        ""
    } else {
        r#" <span class="not-sent">not sent</span>"#
    };
    let _ = write!(
        html,
        r#"<section class="sim-exchange" aria-labelledby="{testid}-title"><h3 id="{testid}-title">{title}{not_sent}</h3><pre class="sim-transcript" tabindex="0" aria-label="{title} transcript" data-testid="{testid}" data-sent="{sent}">{}</pre></section>"#,
        html_text(text)
    );
}

fn steps(html: &mut String, sim: &Simulation) {
    html.push_str(r#"<section class="sim-steps-box" aria-labelledby="sim-steps-title"><h3 id="sim-steps-title">Steps</h3><ol class="sim-steps" data-testid="sim-steps">"#);
    for step in &sim.steps {
        // Several steps can fail (API Gateway's answer, then the browser's check); the first is
        // the verdict's, with Chrome's message and the fix.
        let first = sim.failing_step.as_deref() == Some(step.name);
        let (class, current, mark, status) = match (first, step.ok) {
            (true, _) => ("step fail first", r#" aria-current="step""#, "✗", "failed"),
            (false, false) => ("step fail", "", "✗", "failed"),
            (false, true) => ("step ok", "", "✓", "passed"),
        };
        let _ = write!(
            html,
            r#"<li class="{class}" data-step="{name}"{current}><span class="mark" aria-hidden="true">{mark}</span><span class="sr-only">{status}: </span><code class="name">{name}</code><span class="rule">{rule}</span>"#,
            name = step.name,
            rule = step.rule,
        );
        if step.inferred {
            html.push_str(r#"<span class="inferred" title="Rests on API Gateway behaviour AWS does not document">inferred</span>"#);
        }
        let _ = write!(
            html,
            r#"<span class="detail">{}</span>"#,
            html_text(&step.detail)
        );
        if first {
            if let Some(message) = &sim.chrome_message {
                let _ = write!(
                    html,
                    r#"<p class="chrome"><span class="label">Chrome console: </span><code>{}</code></p>"#,
                    html_text(message)
                );
            }
            if let Some(fix) = &sim.fix {
                let _ = write!(
                    html,
                    r#"<p class="fix"><span class="label">Fix: </span>{}</p>"#,
                    html_text(fix)
                );
            }
        }
        html.push_str("</li>");
    }
    html.push_str("</ol></section>");
}

#[cfg(test)]
mod tests {
    use super::*;
    use apigw_cors::{check, simulate, BrowserRequest, CorsConfig, Deployment};

    fn run(json: &str, request: BrowserRequest) -> Simulation {
        let config = check(&CorsConfig::from_json(json).unwrap()).config.unwrap();
        simulate(&config, &request, &Deployment::for_config(&config))
    }

    const HTTP: &str =
        r#"{"apiType":"http","allowOrigins":["https://app.example.com"],"allowMethods":["GET"]}"#;

    #[test]
    fn a_simple_request_shows_no_preflight_and_what_the_page_reads() {
        let sim = run(HTTP, BrowserRequest::new("https://app.example.com", "GET"));
        let html = results_html(&sim);
        assert!(html.starts_with(r#"<div class="sim-verdict" data-testid="sim-verdict" data-allowed="true"><span class="badge">allowed</span> <span class="reason">No preflight is needed and the response carries a matching Access-Control-Allow-Origin</span></div>"#), "{html}");
        assert!(html.contains(
            r#"<h3 id="sim-preflight-title">Preflight <span class="not-sent">not sent</span></h3>"#
        ));
        assert!(html.contains(r#"data-testid="sim-preflight" data-sent="false">No preflight: GET with only CORS-safelisted headers.</pre>"#));
        assert!(html.contains(
            r#"data-testid="sim-actual" data-sent="true">&gt; GET /prod/items HTTP/1.1"#
        ));
        assert!(html.contains("<li>The page can read: <code>Content-Type</code></li>"));
        assert!(!html.contains("aria-current"));
        assert_eq!(
            html.matches(r#"<li class="step ok""#).count(),
            sim.steps.len()
        );
        assert_eq!(
            verdict_sentence(&sim),
            "Allowed: No preflight is needed and the response carries a matching Access-Control-Allow-Origin"
        );
    }

    #[test]
    fn a_blocked_request_marks_the_first_failure_with_chrome_and_the_fix() {
        let sim = run(
            HTTP,
            BrowserRequest::new("https://app.example.com", "PUT").header("X-A", "<b>"),
        );
        let html = results_html(&sim);
        assert!(html.contains(r#"data-allowed="false"><span class="badge">blocked</span>"#));
        let first = sim.failing_step.clone().unwrap();
        assert!(html.contains(&format!(
            r#"<li class="step fail first" data-step="{first}" aria-current="step">"#
        )));
        assert_eq!(html.matches("aria-current").count(), 1);
        assert_eq!(html.matches(r#"<p class="fix">"#).count(), 1);
        let chrome = html_text(sim.chrome_message.as_deref().unwrap());
        assert!(html.contains(&format!("<code>{chrome}</code>")));
        assert!(
            html.contains("&gt; X-A: &lt;b&gt;"),
            "typed text is escaped"
        );
        assert!(!html.contains("<b>"));
        assert!(html.contains(
            r#"<h3 id="sim-actual-title">Request <span class="not-sent">not sent</span></h3>"#
        ));
    }

    #[test]
    fn a_thrown_fetch_sends_nothing() {
        let sim = run(
            HTTP,
            BrowserRequest::new("https://app.example.com", "TRACE"),
        );
        let html = results_html(&sim);
        assert!(html.contains(&format!(r#"data-sent="false">{NOTHING_SENT}</pre>"#)));
        assert_eq!(html.matches(NOTHING_SENT).count(), 2);
    }
}
