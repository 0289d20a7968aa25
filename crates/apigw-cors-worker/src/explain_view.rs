//! What the page's "Explain an error" box shows for an [`Explanation`], as one HTML string:
//! each finding with its facts and the causes that fit, each cause with its fix in the chosen
//! tool and a "Go to …" button; or, for a text that is not a CORS message, what was read of
//! it. Rendering it here keeps the console-message reader out of the page's own wasm.
//!
//! A button names its form field by its configuration key in [`FIELD_ATTRIBUTE`]; the page
//! moves focus to that field's control when it is clicked (the form's control ids are the
//! page's).
//! Every text goes through [`html_text`], every attribute value through [`html_attribute`].

use apigw_cors::{
    html_attribute, html_text, Cause, DeployTool, Explanation, Finding, FIELD_ATTRIBUTE,
};
use std::fmt::Write;

/// The whole result region for `explanation`.
pub fn explanation_html(explanation: &Explanation) -> String {
    let mut html = String::with_capacity(2048);
    if !explanation.recognised() {
        let _ = write!(
            html,
            r#"<p class="not-recognised">{}</p><p class="read">{}</p>"#,
            html_text(Explanation::NOT_RECOGNISED),
            html_text(&explanation.read_summary())
        );
        return html;
    }
    for finding in &explanation.findings {
        finding_html(&mut html, explanation, finding);
    }
    html
}

fn finding_html(html: &mut String, explanation: &Explanation, finding: &Finding) {
    let _ = write!(
        html,
        r#"<article class="finding" data-testid="explain-finding"><p class="headline">{}</p><dl>"#,
        html_text(&finding.headline())
    );
    for (label, value) in finding.facts() {
        let _ = write!(
            html,
            "<dt>{}</dt><dd>{}</dd>",
            html_text(label),
            html_text(&value)
        );
    }
    let _ = write!(
        html,
        r#"</dl><p class="causes-heading">{}</p><ol class="causes">"#,
        html_text(&explanation.causes_heading(finding))
    );
    for cause in &finding.causes {
        cause_html(html, *cause, explanation.tool);
    }
    html.push_str("</ol></article>");
}

fn cause_html(html: &mut String, cause: Cause, tool: DeployTool) {
    let _ = write!(
        html,
        r#"<li data-cause="{}"><strong class="title">{}</strong><p class="why">{}</p><p class="fix">Fix: {}</p>"#,
        html_attribute(cause.id()),
        html_text(cause.title()),
        html_text(cause.in_api_gateway()),
        html_text(&cause.fix(tool))
    );
    if let Some(field) = cause.field() {
        let _ = write!(
            html,
            r#"<button type="button" class="goto" data-testid="explain-field" {FIELD_ATTRIBUTE}="{}">Go to {}</button>"#,
            html_attribute(field.key()),
            html_text(field.key())
        );
    }
    html.push_str("</li>");
}

#[cfg(test)]
mod tests {
    use super::*;
    use apigw_cors::explain;

    const API: &str = "https://abc123.execute-api.us-east-1.amazonaws.com/prod/items";

    fn chrome_header_message() -> String {
        format!("Access to fetch at '{API}' from origin 'https://app.example.com' has been blocked by CORS policy: Request header field x-api-key is not allowed by Access-Control-Allow-Headers in preflight response.")
    }

    #[test]
    fn a_chrome_message_shows_its_finding_facts_causes_and_field_button() {
        let explanation = explain(&chrome_header_message(), DeployTool::Sam);
        assert_eq!(
            explanation_html(&explanation),
            format!(
                concat!(
                    r#"<article class="finding" data-testid="explain-finding">"#,
                    r#"<p class="headline">Chrome: the preflight (OPTIONS) failed: a request header is not allowed by the preflight's Access-Control-Allow-Headers.</p>"#,
                    r#"<dl><dt>URL</dt><dd>{api}</dd><dt>Page origin</dt><dd>https://app.example.com</dd><dt>Named</dt><dd>x-api-key</dd><dt>Failing step</dt><dd>preflight-check</dd></dl>"#,
                    r#"<p class="causes-heading">Causes that fit, most likely first (fixes for AWS SAM)</p><ol class="causes">"#,
                    r#"<li data-cause="header-not-allowed"><strong class="title">{t0}</strong><p class="why">{w0}</p><p class="fix">Fix: Add the header to Cors.AllowHeaders (AWS::Serverless::Api) or CorsConfiguration.AllowHeaders (AWS::Serverless::HttpApi).</p>"#,
                    r#"<button type="button" class="goto" data-testid="explain-field" data-field="allowHeaders">Go to allowHeaders</button></li>"#,
                    r#"<li data-cause="stale-deployment"><strong class="title">{t1}</strong><p class="why">{w1}</p><p class="fix">Fix: {f1}</p>{b1}</li>"#,
                    "</ol></article>"
                ),
                api = API,
                t0 = html_text(Cause::HeaderNotAllowed.title()),
                w0 = html_text(Cause::HeaderNotAllowed.in_api_gateway()),
                t1 = html_text(Cause::StaleDeployment.title()),
                w1 = html_text(Cause::StaleDeployment.in_api_gateway()),
                f1 = html_text(&Cause::StaleDeployment.fix(DeployTool::Sam)),
                b1 = match Cause::StaleDeployment.field() {
                    Some(field) => format!(
                        r#"<button type="button" class="goto" data-testid="explain-field" data-field="{0}">Go to {0}</button>"#,
                        field.key()
                    ),
                    None => String::new(),
                },
            )
        );
    }

    #[test]
    fn the_fixes_follow_the_tool() {
        let sam = explanation_html(&explain(&chrome_header_message(), DeployTool::Sam));
        let cdk = explanation_html(&explain(&chrome_header_message(), DeployTool::Cdk));
        assert!(cdk.contains(&html_text(&Cause::HeaderNotAllowed.fix(DeployTool::Cdk))));
        assert_ne!(
            Cause::HeaderNotAllowed.fix(DeployTool::Cdk),
            Cause::HeaderNotAllowed.fix(DeployTool::Sam)
        );
        assert!(!sam.contains(&html_text(&Cause::HeaderNotAllowed.fix(DeployTool::Cdk))));
    }

    #[test]
    fn unknown_text_says_what_was_read() {
        let text = "GET https://api.example.com/items 500 <b>(Internal Server Error)</b>";
        let explanation = explain(text, DeployTool::Sam);
        assert!(!explanation.recognised());
        let html = explanation_html(&explanation);
        assert_eq!(
            html,
            format!(
                r#"<p class="not-recognised">{}</p><p class="read">{}</p>"#,
                Explanation::NOT_RECOGNISED,
                html_text(&explanation.read_summary())
            )
        );
        assert_eq!(
            html,
            concat!(
                r#"<p class="not-recognised">Not recognised: no CORS message of Chrome, Firefox or Safari was found.</p>"#,
                r#"<p class="read">Read: 68 characters on 1 line; URL: https://api.example.com/items.
Paste the whole line that Chrome, Firefox or Safari printed in the console (it starts with "Access to fetch at", "Cross-Origin Request Blocked", or Safari's reason line).
</p>"#
            )
        );
    }

    #[test]
    fn a_url_with_markup_in_a_recognised_message_is_escaped() {
        let message = "Access to fetch at 'https://a.example.com/x?<img>&y' from origin 'https://app.example.com' has been blocked by CORS policy: Request header field x-api-key is not allowed by Access-Control-Allow-Headers in preflight response.";
        let html = explanation_html(&explain(message, DeployTool::Sam));
        assert!(html.contains(r#"data-testid="explain-finding""#), "{html}");
        assert!(!html.contains("<img>"), "{html}");
    }
}
