//! One target's output: highlighted text, a copy button with feedback and a download button.

use crate::browser::{copy_text, download, patch_code};
use crate::highlight::to_html;
use apigw_cors::{html_text, render, CorsLines, Report, Target};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::time::Duration;

/// A panel whose code element (`data-testid` = the target's name) holds exactly the target's
/// text, or the reason it is blocked. `generated`: whether the report has a configuration to
/// render (the buttons and the state follow it, not every keystroke's text).
#[component]
pub fn OutputPanel(
    target: Target,
    report: Memo<Report>,
    generated: Memo<bool>,
    blocked: Memo<Option<String>>,
    marks: Memo<CorsLines>,
) -> impl IntoView {
    let text =
        Memo::new(move |_| report.with(|r| r.config.as_ref().map(|valid| render(target, valid))));
    let lang = target.syntax();
    let code = NodeRef::<leptos::html::Code>::new();
    // The view writes the first content (so the panel is full when the page mounts); after
    // that the effect rewrites only the lines that change. The effect's value is the text the
    // element shows (None: the blocked reason).
    let mut first = Some(text.get_untracked());
    let first_html = match &first {
        Some(Some(text)) => marks.with_untracked(|marks| to_html(text, lang, marks)),
        _ => html_text(&blocked.get_untracked().unwrap_or_default()),
    };
    Effect::new(move |shown: Option<Option<String>>| {
        let text = text.get();
        let shown = match shown {
            Some(shown) => shown,
            None => first.take().flatten(),
        };
        let Some(code) = code.get() else {
            return shown;
        };
        match (&text, shown) {
            (Some(new), Some(old)) => {
                marks.with_untracked(|marks| patch_code(&code, &old, new, lang, marks))
            }
            (Some(new), None) => {
                code.set_inner_html(&marks.with_untracked(|marks| to_html(new, lang, marks)))
            }
            (None, _) => code.set_inner_html(&html_text(&blocked.get().unwrap_or_default())),
        }
        text
    });
    let copy_label = RwSignal::new("Copy");
    let copy = move |_| {
        let Some(text) = text.get_untracked() else {
            return;
        };
        spawn_local(async move {
            let label = match copy_text(&text).await {
                Ok(()) => "Copied",
                Err(()) => "Copy failed",
            };
            copy_label.set(label);
            set_timeout(move || copy_label.set("Copy"), Duration::from_secs(2));
        });
    };
    let save = move |_| {
        if let Some(text) = text.get_untracked() {
            let _ = download(target.file_name(), &text);
        }
    };
    let name = target.name();
    let title_id = format!("panel-{name}");
    let labelled_by = title_id.clone();
    view! {
        <section class="panel" aria-labelledby=labelled_by>
            <div class="panel-head">
                <div class="panel-title">
                    <h3 id=title_id>{target.title()}</h3>
                    <span class="file">{target.file_name()}</span>
                </div>
                <div class="panel-actions">
                <button
                    type="button"
                    data-testid=format!("copy-{name}")
                    aria-label=format!("Copy {}", target.title())
                    disabled=move || !generated.get()
                    on:click=copy
                >
                    {move || copy_label.get()}
                </button>
                <button
                    type="button"
                    data-testid=format!("download-{name}")
                    aria-label=format!("Download {}", target.file_name())
                    disabled=move || !generated.get()
                    on:click=save
                >
                    "Download"
                </button>
                </div>
                <span class="sr-only" role="status">
                    {move || if copy_label.get() == "Copy" { "" } else { copy_label.get() }}
                </span>
            </div>
            <pre class="code" tabindex="0" aria-label=format!("{} output", target.title())>
                <code
                    data-testid=name
                    data-state=move || if generated.get() { "ok" } else { "blocked" }
                    node_ref=code
                    inner_html=first_html
                ></code>
            </pre>
        </section>
    }
}
