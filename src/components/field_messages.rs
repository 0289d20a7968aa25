//! The diagnostics about one field, shown right beside it.

use apigw_cors::{Diagnostic, Field, Report};
use leptos::prelude::*;

/// The report's findings as a memo of their own: a keystroke that changes the configuration
/// but no finding (most of them) runs none of the fields' message lists.
pub fn findings_of(report: Memo<Report>) -> Memo<Vec<Diagnostic>> {
    Memo::new(move |_| report.with(|r| r.diagnostics.clone()))
}

/// Lists the errors, warnings and notes whose field is `field` or one of its entries
/// (`field[i]`), with the value they are about.
#[component]
pub fn FieldMessages(
    id: &'static str,
    field: Field,
    findings: Memo<Vec<Diagnostic>>,
) -> impl IntoView {
    let messages = Memo::new(move |_| {
        findings.with(|findings| {
            findings
                .iter()
                .filter(|d| d.field.field() == Some(field))
                .map(|d| {
                    // Show the value unless the message already names it.
                    let value = d.value.clone().filter(|v| !d.message.contains(v.as_str()));
                    (d.severity, value, d.message.clone())
                })
                .collect::<Vec<_>>()
        })
    });
    view! {
        <ul id=id class="field-messages" data-testid=id aria-live="polite">
            {move || {
                messages
                    .get()
                    .into_iter()
                    .map(|(severity, value, message)| {
                        view! {
                            <li class=severity.as_str()>
                                <span class="sev">{severity.as_str()}</span>
                                {value.map(|v| view! { <code>{v}</code> ": " })}
                                {message}
                            </li>
                        }
                    })
                    .collect_view()
            }}
        </ul>
    }
}
