//! The page's few contacts with the browser outside the DOM tree Leptos manages: the
//! clipboard, file downloads, moving focus, and patching the highlighted code it does not manage.

use crate::highlight::{line_class, line_edit, line_to_html, pieces, to_html, LineEdit};
use apigw_cors::{CorsLines, Syntax};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Writes `text` to the clipboard; `Err` when the browser refuses (no permission, no focus).
pub async fn copy_text(text: &str) -> Result<(), ()> {
    let window = web_sys::window().ok_or(())?;
    let promise = window.navigator().clipboard().write_text(text);
    JsFuture::from(promise).await.map(|_| ()).map_err(|_| ())
}

/// Offers `text` as a download called `file_name`.
pub fn download(file_name: &str, text: &str) -> Result<(), ()> {
    let document = web_sys::window().and_then(|w| w.document()).ok_or(())?;
    let parts = js_sys::Array::of1(&text.into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("text/plain;charset=utf-8");
    let blob =
        web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(|_| ())?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| ())?;
    let link: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(|_| ())?
        .unchecked_into();
    link.set_href(&url);
    link.set_download(file_name);
    link.click();
    // The download reads the URL after this task; release it a little later.
    leptos::prelude::set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(10),
    );
    Ok(())
}

/// The attribute of `<html>` that says whether the page answers input (`"false"` in the
/// shipped HTML, see [`mark_ready`]).
pub const READY_ATTRIBUTE: &str = "data-ready";

/// Sets `<html data-ready="true">`: the page's form answers input from now on (the contract
/// tests and the benchmark wait for; the shipped HTML says `"false"`).
pub fn mark_ready() {
    let root = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element());
    if let Some(root) = root {
        let _ = root.set_attribute(READY_ATTRIBUTE, "true");
    }
}

/// Moves keyboard focus to the element with `id`, if it exists.
pub fn focus(id: &str) {
    let element = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(element) = element {
        let _ = element.focus();
    }
}

/// Turns the highlighted `old` text in `code` into `new`, rewriting only the lines that differ
/// (see [`line_edit`]): a keystroke changes a line or two, and re-parsing a whole panel's HTML
/// was most of a keystroke's cost. `code` must hold exactly `to_html(old, lang)`.
pub fn patch_code(code: &web_sys::Element, old: &str, new: &str, lang: Syntax, marks: &CorsLines) {
    let old: Vec<&str> = old.split_inclusive('\n').collect();
    let new: Vec<&str> = new.split_inclusive('\n').collect();
    let patched = match line_edit(&old, &new) {
        LineEdit::Replace(changed) => {
            replace_lines(code, &old, &new, &changed, lang, marks).is_ok()
        }
        LineEdit::Splice {
            start,
            old_end,
            new_end,
        } => splice_lines(code, &new[start..new_end], start, old_end, lang, marks).is_ok(),
    };
    if !patched {
        // Someone else changed the element: start again from the whole text.
        code.set_inner_html(&to_html(&new.concat(), lang, marks));
    }
}

/// Turns the spans of lines `changed` from `old`'s lines into `new`'s; the line feeds after them
/// stay (`line_edit` keeps the endings). A line whose highlighting keeps its shape (a keystroke
/// inside a string) only has its text rewritten ([`retext_line`]); the others are parsed again,
/// all in one parse: the HTML parser's start-up was most of the cost of a line parsed on its own.
fn replace_lines(
    code: &web_sys::Element,
    old: &[&str],
    new: &[&str],
    changed: &[usize],
    lang: Syntax,
    marks: &CorsLines,
) -> Result<(), wasm_bindgen::JsValue> {
    let lines = code.children();
    // The lines whose shape changed, with their spans.
    let mut reparsed = Vec::new();
    for &i in changed {
        let span = lines.item(i as u32).ok_or(wasm_bindgen::JsValue::NULL)?;
        if !retext_line(&span, old[i], new[i], lang, marks)? {
            reparsed.push((i, span));
        }
    }
    if reparsed.is_empty() {
        return Ok(());
    }
    let mut html = String::new();
    for &(i, _) in &reparsed {
        line_to_html(
            &mut html,
            new[i].strip_suffix('\n').unwrap_or(new[i]),
            lang,
            marks,
        );
    }
    let document = code.owner_document().ok_or(wasm_bindgen::JsValue::NULL)?;
    let range = document.create_range()?;
    range.select_node_contents(code)?;
    let fragment = range.create_contextual_fragment(&html)?;
    for (_, line) in reparsed {
        let span = fragment
            .first_element_child()
            .ok_or(wasm_bindgen::JsValue::NULL)?;
        line.replace_with_with_node_1(&span)?;
    }
    Ok(())
}

/// Rewrites line `span` from `old` to `new` in place when both have the same pieces of the
/// same kinds ([`pieces`]): only the text nodes that differ change, and the class when the
/// CORS mark does. `false` (nothing changed) when the shape differs or the span does not hold
/// `old`'s pieces.
fn retext_line<'a>(
    span: &web_sys::Element,
    old: &'a str,
    new: &'a str,
    lang: Syntax,
    marks: &CorsLines,
) -> Result<bool, wasm_bindgen::JsValue> {
    let content = |line: &'a str| line.strip_suffix('\n').unwrap_or(line);
    let (old, new) = (content(old), content(new));
    let (old_pieces, new_pieces) = (pieces(old, lang), pieces(new, lang));
    let same_shape = old_pieces.len() == new_pieces.len()
        && old_pieces.iter().zip(&new_pieces).all(|(o, n)| o.0 == n.0);
    let nodes = span.child_nodes();
    if !same_shape || nodes.length() as usize != new_pieces.len() {
        return Ok(false);
    }
    for (at, (old, (kind, text))) in old_pieces.iter().zip(&new_pieces).enumerate() {
        if old.1 == *text {
            continue;
        }
        let node = nodes.item(at as u32).ok_or(wasm_bindgen::JsValue::NULL)?;
        let text_node = match kind {
            Some(_) => node.first_child().ok_or(wasm_bindgen::JsValue::NULL)?,
            None => node,
        };
        text_node.set_node_value(Some(text));
    }
    let class = line_class(new, marks);
    if span.class_name() != class {
        span.set_class_name(class);
    }
    Ok(true)
}

/// Replaces old lines `start..old_end` with `lines`. Each line is its span plus, but for a
/// last line without one, a line-feed text node: line `i` starts at child node `2 * i`.
fn splice_lines(
    code: &web_sys::Element,
    lines: &[&str],
    start: usize,
    old_end: usize,
    lang: Syntax,
    marks: &CorsLines,
) -> Result<(), wasm_bindgen::JsValue> {
    let nodes = code.child_nodes().length();
    let offset = |line: usize| (2 * line as u32).min(nodes);
    let document = code.owner_document().ok_or(wasm_bindgen::JsValue::NULL)?;
    let range = document.create_range()?;
    range.set_start(code, offset(start))?;
    range.set_end(code, offset(old_end))?;
    range.delete_contents()?;
    let mut html = String::new();
    for line in lines {
        line_to_html(&mut html, line, lang, marks);
    }
    let fragment = range.create_contextual_fragment(&html)?;
    range.insert_node(&fragment)?;
    Ok(())
}
