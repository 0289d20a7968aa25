//! What the import panel shows for an [`Import`], as HTML the page inserts as is: rendering it
//! here keeps the markup code (and a JSON reader for the findings) out of the page's own wasm.
//! Every text from the template goes through [`html_text`], or [`html_attribute`] in an
//! attribute value.

use apigw_cors::{html_attribute, html_text, Diagnostic, FoundApi, FoundSetting, Import, Rule};
use std::fmt::Write;

/// The list of APIs to choose from: radio buttons (`value` = the API's index) when there are
/// several, one line when there is one.
pub fn choices(import: &Import) -> String {
    let mut html = String::new();
    if let [only] = import.apis.as_slice() {
        html.push_str(r#"<p class="import-apis" data-testid="import-apis">"#);
        summary(&mut html, only);
        html.push_str("</p>");
        return html;
    }
    let _ = write!(
        html,
        r#"<fieldset class="import-apis" data-testid="import-apis"><legend>{} APIs in this template: choose the one to load</legend>"#,
        import.apis.len()
    );
    for (index, api) in import.apis.iter().enumerate() {
        let _ = write!(
            html,
            r#"<label class="choice api-choice"><input type="radio" name="import-api" value="{index}" data-testid="import-api-{}"{}>"#,
            html_attribute(&api.logical_id),
            if index == 0 { " checked" } else { "" }
        );
        summary(&mut html, api);
        html.push_str("</label>");
    }
    html.push_str("</fieldset>");
    html
}

/// One API's settings (with their template paths), its findings, and a count of the values
/// that could not be resolved.
pub fn detail(api: &FoundApi) -> String {
    let mut html = String::from("<h3>Settings found</h3>");
    list(
        &mut html,
        &api.settings,
        "import-settings",
        r#"<p class="muted">No CORS setting was found for this API.</p>"#,
        setting,
    );
    html.push_str("<h3>In the template</h3>");
    list(
        &mut html,
        &api.findings,
        "import-findings",
        r#"<p class="ok">Nothing to report.</p>"#,
        finding,
    );
    let unresolved = api.findings.iter().filter(|f| is_unresolved(f)).count();
    if unresolved > 0 {
        let _ = write!(
            html,
            r#"<p class="hint" data-testid="import-unresolved">{unresolved} {} computed when the stack deploys and left out; enter {} in the form yourself.</p>"#,
            if unresolved == 1 {
                "value is"
            } else {
                "values are"
            },
            if unresolved == 1 { "it" } else { "them" },
        );
    }
    html
}

/// `<ul class="{name}" data-testid="{name}">` with one item per entry, or `empty` when there is
/// none.
fn list<T>(html: &mut String, items: &[T], name: &str, empty: &str, item: fn(&mut String, &T)) {
    if items.is_empty() {
        html.push_str(empty);
        return;
    }
    let _ = write!(html, r#"<ul class="{name}" data-testid="{name}">"#);
    for entry in items {
        item(html, entry);
    }
    html.push_str("</ul>");
}

/// `<strong>MyApi</strong> (AWS::Serverless::Api, REST API) at <code>Resources.MyApi</code>`
fn summary(html: &mut String, api: &FoundApi) {
    let _ = write!(
        html,
        r#"<span class="api-summary"><strong>{}</strong> ({}, {}{}) at <code class="path">{}</code></span>"#,
        html_text(&api.logical_id),
        html_text(api.resource_type),
        api.api_type.display_name(),
        if api.implicit { ", created by SAM" } else { "" },
        html_text(&api.path)
    );
}

fn setting(html: &mut String, setting: &FoundSetting) {
    let _ = write!(
        html,
        r#"<li><code class="field-name">{}</code> from <code class="path">{}</code> = <code class="value">{}</code></li>"#,
        html_text(setting.field.key()),
        html_text(&setting.path),
        html_text(&setting.value)
    );
}

fn finding(html: &mut String, finding: &Diagnostic) {
    let severity = finding.severity.as_str();
    let unresolved = is_unresolved(finding);
    let _ = write!(
        html,
        r#"<li class="{severity}{}" data-code="{}"><span class="sev">{severity}</span>{}<code class="path">{}</code>"#,
        if unresolved { " unresolved" } else { "" },
        html_attribute(finding.code.code()),
        if unresolved {
            r#"<span class="tag">not resolved</span>"#
        } else {
            ""
        },
        html_text(&finding.field.to_string())
    );
    if let Some(value) = &finding.value {
        let _ = write!(html, r#" <code class="value">{}</code>"#, html_text(value));
    }
    let _ = write!(
        html,
        r#"<span class="msg">{}</span><span class="fix">Fix: {}</span></li>"#,
        html_text(&finding.message),
        html_text(&finding.fix)
    );
}

/// A value known only at deploy time, which the import leaves out.
fn is_unresolved(finding: &Diagnostic) -> bool {
    finding.code == Rule::UnresolvedValue
}

#[cfg(test)]
mod tests {
    use super::*;
    use apigw_cors::import_template;

    #[test]
    fn one_api_is_a_line_and_its_detail_lists_settings_and_findings() {
        let import = import_template(
            "\
Globals:
  Api:
    Cors:
      AllowOrigin: \"'https://a.com,https://b.com'\"
      MaxAge: !Ref Age
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Events:
        Get: {Type: Api, Properties: {Path: /items, Method: get}}
",
        )
        .unwrap();
        assert_eq!(
            choices(&import),
            r#"<p class="import-apis" data-testid="import-apis"><span class="api-summary"><strong>ServerlessRestApi</strong> (AWS::Serverless::Api, REST API, created by SAM) at <code class="path">Globals.Api</code></span></p>"#
        );
        let api = &import.apis[0];
        let html = detail(api);
        assert!(html.starts_with(concat!(
            r#"<h3>Settings found</h3><ul class="import-settings" data-testid="import-settings">"#,
            r#"<li><code class="field-name">allowOrigins</code> from <code class="path">Globals.Api.Cors.AllowOrigin</code> = <code class="value">"'https://a.com,https://b.com'"</code></li>"#,
        )), "{html}");
        assert!(html.contains(concat!(
            r#"<li class="warning unresolved" data-code="unresolved-value"><span class="sev">warning</span><span class="tag">not resolved</span><code class="path">Globals.Api.Cors.MaxAge</code> <code class="value">!Ref "Age"</code>"#,
            r#"<span class="msg">MaxAge is computed when the stack deploys (!Ref "Age"), so it cannot be read here and was left out</span>"#,
            r#"<span class="fix">Fix: enter the value it resolves to in MaxAge's place</span></li>"#,
        )), "{html}");
        assert!(html.ends_with(r#"<p class="hint" data-testid="import-unresolved">1 value is computed when the stack deploys and left out; enter it in the form yourself.</p>"#), "{html}");
        // Every finding is listed, in the library's order.
        let listed = html.matches("<li class=").count();
        assert_eq!(listed, api.findings.len());
    }

    #[test]
    fn several_apis_are_radio_buttons_with_the_first_chosen() {
        let import = import_template(
            "\
Resources:
  One:
    Type: AWS::Serverless::HttpApi
    Properties:
      CorsConfiguration:
        AllowOrigins: [https://a.com]
  Two:
    Type: AWS::ApiGatewayV2::Api
    Properties:
      ProtocolType: HTTP
",
        )
        .unwrap();
        assert_eq!(
            choices(&import),
            concat!(
                r#"<fieldset class="import-apis" data-testid="import-apis"><legend>2 APIs in this template: choose the one to load</legend>"#,
                r#"<label class="choice api-choice"><input type="radio" name="import-api" value="0" data-testid="import-api-One" checked><span class="api-summary"><strong>One</strong> (AWS::Serverless::HttpApi, HTTP API) at <code class="path">Resources.One</code></span></label>"#,
                r#"<label class="choice api-choice"><input type="radio" name="import-api" value="1" data-testid="import-api-Two"><span class="api-summary"><strong>Two</strong> (AWS::ApiGatewayV2::Api, HTTP API) at <code class="path">Resources.Two</code></span></label>"#,
                "</fieldset>"
            )
        );
        let two = detail(&import.apis[1]);
        assert!(
            two.starts_with(r#"<h3>Settings found</h3><p class="muted">No CORS setting was found for this API.</p><h3>In the template</h3>"#),
            "{two}"
        );
    }
}
