//! "Explain an error": a browser's CORS console message, pasted, explained as it is typed: the
//! check that failed and where, the causes that fit with the fix in the chosen tool, and a
//! button that moves focus to the form field concerned. The library reads the text; the page
//! sends nothing anywhere.

use crate::browser::focus;
use crate::edit::control_id;
use apigw_cors::{explain, Cause, DeployTool, Explanation, Finding, Place};
use leptos::prelude::*;

/// The pasted message's text area and its explanation.
#[component]
pub fn ExplainError(tool: Signal<DeployTool>) -> impl IntoView {
    let text = RwSignal::new(String::new());
    let explanation = Memo::new(move |_| {
        let tool = tool.get();
        text.with(|t| (!t.trim().is_empty()).then(|| explain(t, tool)))
    });
    view! {
        <section class="explain panel" aria-labelledby="explain-title">
            <h2 id="explain-title">"Explain an error"</h2>
            <label for="explain-input">
                "Paste what the browser's console printed (Chrome, Firefox or Safari)"
            </label>
            <textarea
                id="explain-input"
                data-testid="explain-input"
                rows="4"
                spellcheck="false"
                autocomplete="off"
                prop:value=move || text.get()
                on:input=move |ev| text.set(event_target_value(&ev))
            ></textarea>
            <div class="explain-result" data-testid="explain-result" aria-live="polite">
                {move || explanation.get().map(result_view)}
            </div>
        </section>
    }
}

fn result_view(explanation: Explanation) -> AnyView {
    if !explanation.recognised() {
        return view! {
            <p class="not-recognised">{Explanation::NOT_RECOGNISED}</p>
            <p class="read">{explanation.read_summary()}</p>
        }
        .into_any();
    }
    explanation
        .findings
        .iter()
        .map(|finding| finding_view(&explanation, finding))
        .collect_view()
        .into_any()
}

fn finding_view(explanation: &Explanation, finding: &Finding) -> impl IntoView {
    let tool = explanation.tool;
    let facts = finding
        .facts()
        .into_iter()
        .map(|(label, value)| view! { <dt>{label}</dt><dd>{value}</dd> })
        .collect_view();
    let causes = finding
        .causes
        .iter()
        .map(|cause| cause_view(*cause, tool))
        .collect_view();
    view! {
        <article class="finding" data-testid="explain-finding">
            <p class="headline">{finding.headline()}</p>
            <dl>{facts}</dl>
            <p class="causes-heading">{explanation.causes_heading(finding)}</p>
            <ol class="causes">{causes}</ol>
        </article>
    }
}

fn cause_view(cause: Cause, tool: DeployTool) -> impl IntoView {
    let field = cause.field().map(|field| {
        let target = control_id(&Place::from(field));
        view! {
            <button
                type="button"
                class="goto"
                data-testid="explain-field"
                on:click=move |_| focus(target)
            >
                {format!("Go to {}", field.key())}
            </button>
        }
    });
    view! {
        <li data-cause=cause.id()>
            <strong class="title">{cause.title()}</strong>
            <p class="why">{cause.in_api_gateway()}</p>
            <p class="fix">"Fix: " {cause.fix(tool)}</p>
            {field}
        </li>
    }
}
