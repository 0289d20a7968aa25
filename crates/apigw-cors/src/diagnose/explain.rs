//! `explain`: a pasted browser console message → which check failed, on which exchange, the
//! API Gateway causes that fit and their fixes in the user's tool.

use super::candidates::candidates;
use super::cause::Cause;
use super::finding::Finding;
use super::read::{self, text};
use crate::tool::DeployTool;
use serde::Serialize;
use std::fmt::Write as _;

/// What `explain` made of a pasted text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explanation {
    /// The tool the fixes are written for.
    pub tool: DeployTool,
    /// Every recognised message, in the order of the text.
    pub findings: Vec<Finding>,
    /// What was read besides: the URLs and statuses in the text, and messages whose reason is
    /// not known. When nothing is recognised, this is what the answer says was read.
    pub read: Read,
}

/// What was read in the text, for an honest "not recognised".
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Read {
    /// Characters in the text.
    pub characters: usize,
    /// Lines in the text.
    pub lines: usize,
    /// The http(s) URLs in the text.
    pub urls: Vec<String>,
    /// Status codes given as "Status code: N" or by Chrome's `net::ERR_FAILED` line.
    pub statuses: Vec<u16>,
    /// Messages that look like a browser's, with a reason that is not known.
    pub notes: Vec<String>,
}

/// Explains every CORS console message of Chrome, Firefox or Safari in `pasted`, with the
/// fixes for `tool`. Never panics; text it does not recognise is reported in
/// [`Explanation::read`].
///
/// ```
/// use apigw_cors::{explain, Cause, DeployTool};
///
/// let pasted = "Access to fetch at 'https://abc123.execute-api.us-east-1.amazonaws.com/prod/items' \
///     from origin 'https://app.example.com' has been blocked by CORS policy: Response to preflight \
///     request doesn't pass access control check: It does not have HTTP ok status.\n\
///     POST https://abc123.execute-api.us-east-1.amazonaws.com/prod/items net::ERR_FAILED 401 (Unauthorized)";
/// let explanation = explain(pasted, DeployTool::Sam);
/// let finding = &explanation.findings[0];
/// assert_eq!(finding.exchange.failing_step(), Some("preflight-check"));
/// assert_eq!(finding.status, Some(401));
/// assert_eq!(finding.causes, [Cause::AuthorizerOnPreflight]);
/// ```
pub fn explain(pasted: &str, tool: DeployTool) -> Explanation {
    let normalized = text::normalize(pasted);
    let found = read::read(&normalized);
    let findings = found
        .pieces
        .into_iter()
        .map(|piece| Finding {
            causes: candidates(
                piece.check,
                piece.exchange,
                piece.status,
                piece.value.as_deref(),
                piece.origin.as_deref(),
            ),
            message: normalized[piece.start..piece.end].trim().to_owned(),
            browser: piece.browser,
            check: piece.check,
            exchange: piece.exchange,
            url: piece.url,
            origin: piece.origin,
            redirected_from: piece.redirected_from,
            value: piece.value,
            status: piece.status,
        })
        .collect();
    let mut statuses: Vec<u16> = Vec::new();
    for marker in [text::STATUS_CODE, "net::ERR_FAILED "] {
        for at in text::find_all(&normalized, marker) {
            if let Some(status) = text::status_at(&normalized[at + marker.len()..]) {
                if !statuses.contains(&status) {
                    statuses.push(status);
                }
            }
        }
    }
    let mut urls = text::urls(&normalized);
    urls.dedup();
    let mut notes = found.notes;
    if found.more_notes > 0 {
        notes.push(format!("{} more messages like these", found.more_notes));
    }
    Explanation {
        tool,
        findings,
        read: Read {
            characters: pasted.chars().count(),
            lines: pasted.lines().count(),
            urls,
            statuses,
            notes,
        },
    }
}

impl Explanation {
    /// Whether at least one message was recognised.
    pub fn recognised(&self) -> bool {
        !self.findings.is_empty()
    }

    /// The explanation as text, for the terminal.
    pub fn text(&self) -> String {
        let mut out = String::new();
        if !self.recognised() {
            out.push_str(
                "Not recognised: no CORS message of Chrome, Firefox or Safari was found.\n",
            );
            out.push_str(&self.read_summary());
            return out;
        }
        let several = self.findings.len() > 1;
        for (index, finding) in self.findings.iter().enumerate() {
            if index > 0 {
                out.push('\n');
            }
            let number = if several {
                format!("{}. ", index + 1)
            } else {
                String::new()
            };
            let _ = writeln!(out, "{number}{}", finding.headline());
            for (label, value) in finding.facts() {
                let _ = writeln!(out, "   {label}: {value}");
            }
            let _ = writeln!(out, "   {}:", self.causes_heading(finding));
            for cause in &finding.causes {
                write_cause(&mut out, *cause, self.tool);
            }
        }
        if !self.read.notes.is_empty() {
            out.push('\n');
            for note in &self.read.notes {
                let _ = writeln!(out, "Also read: {note}.");
            }
        }
        out
    }

    /// "Causes that fit, most likely first (fixes for AWS SAM)", or "Cause (…)" for one.
    pub fn causes_heading(&self, finding: &Finding) -> String {
        let causes = if finding.causes.len() > 1 {
            "Causes that fit, most likely first"
        } else {
            "Cause"
        };
        format!("{causes} (fixes for {})", self.tool.label())
    }

    /// The first line of an unrecognised text's answer.
    pub const NOT_RECOGNISED: &'static str =
        "Not recognised: no CORS message of Chrome, Firefox or Safari was found.";

    /// One paragraph on what was read, for an unrecognised text.
    pub fn read_summary(&self) -> String {
        let read = &self.read;
        let mut out = format!(
            "Read: {} characters on {} line{}",
            read.characters,
            read.lines,
            if read.lines == 1 { "" } else { "s" }
        );
        if read.urls.is_empty() {
            out.push_str("; no URL");
        } else {
            let _ = write!(
                out,
                "; URL{}: {}",
                plural(read.urls.len()),
                read.urls.join(", ")
            );
        }
        if !read.statuses.is_empty() {
            let statuses: Vec<String> = read.statuses.iter().map(u16::to_string).collect();
            let _ = write!(
                out,
                "; status{}: {}",
                if statuses.len() == 1 { "" } else { "es" },
                statuses.join(", ")
            );
        }
        out.push_str(".\n");
        for note in &read.notes {
            let _ = writeln!(out, "Found {note}.");
        }
        if read.notes.is_empty() {
            out.push_str("Paste the whole line that Chrome, Firefox or Safari printed in the console (it starts with \"Access to fetch at\", \"Cross-Origin Request Blocked\", or Safari's reason line).\n");
        }
        out
    }

    /// The explanation as pretty JSON: `{"recognised", "tool", "findings": [{…, "failingStep",
    /// "steps", "causes": [{"id", "title", "inApiGateway", "fix", "field"}]}], "read"}`.
    pub fn json(&self) -> String {
        let findings: Vec<JsonFinding> = self
            .findings
            .iter()
            .map(|finding| JsonFinding {
                failing_step: finding.exchange.failing_step(),
                steps: finding.exchange.steps(),
                check_text: finding.check.text(),
                finding,
                causes: finding
                    .causes
                    .iter()
                    .map(|cause| JsonCause {
                        id: cause.id(),
                        title: cause.title(),
                        in_api_gateway: cause.in_api_gateway(),
                        fix: cause.fix(self.tool),
                        field: cause.field().map(|field| field.key()),
                    })
                    .collect(),
            })
            .collect();
        let json = JsonExplanation {
            recognised: self.recognised(),
            tool: self.tool.id(),
            findings,
            read: &self.read,
        };
        serde_json::to_string_pretty(&json).unwrap_or_default()
    }
}

fn plural(count: usize) -> &'static str {
    if count == 1 {
        ""
    } else {
        "s"
    }
}

fn write_cause(out: &mut String, cause: Cause, tool: DeployTool) {
    let _ = writeln!(out, "   - {} [{}]", cause.title(), cause.id());
    let _ = writeln!(out, "     Why: {}", cause.in_api_gateway());
    let _ = writeln!(out, "     Fix: {}", cause.fix(tool));
    if let Some(field) = cause.field() {
        let _ = writeln!(out, "     Field: {}", field.key());
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct JsonExplanation<'a> {
    recognised: bool,
    tool: &'static str,
    findings: Vec<JsonFinding<'a>>,
    read: &'a Read,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct JsonFinding<'a> {
    #[serde(flatten)]
    finding: &'a Finding,
    check_text: &'static str,
    failing_step: Option<&'static str>,
    steps: &'static [&'static str],
    causes: Vec<JsonCause>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct JsonCause {
    id: &'static str,
    title: &'static str,
    in_api_gateway: &'static str,
    fix: String,
    field: Option<&'static str>,
}
