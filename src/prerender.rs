//! The page as rendered for the default configuration, written into the built `index.html` at
//! build time (src/bin/prerender.rs, run by Trunk's post_build hook), so that the first paint
//! needs only the HTML and its inline CSS. The wasm then builds the page itself and puts it in
//! place of this copy in one task ([`take_over`]): no frame shows neither, and the page carries
//! no hydration code (a hydrating build measured 47 KB more gzip for the same first paint and
//! time to interactive, see docs/ARCHITECTURE.md).

#[cfg(feature = "ssr")]
use crate::persist::STORAGE_KEY;

/// The class of the element that holds the prerendered page (`display: contents` in
/// style/main.css, so it lays out exactly as the page the wasm mounts into `<body>`).
pub const PRERENDERED_CLASS: &str = "prerendered";

/// The attribute of `<html>` set while a link's or the stored configuration is on its way (see
/// [`head_script`]): style/main.css then hides the prerendered checks and outputs, which
/// are the defaults', and says the configuration is loading.
pub const RESTORING_ATTRIBUTE: &str = "data-restoring";

/// The attribute of `<html>` set when the page's wasm cannot start (no WebAssembly, or its
/// module failed to load or run before the page was ready; see [`head_script`]): the
/// prerendered copy then stays and says so ([`NO_WASM_NOTICE`]).
pub const NO_WASM_ATTRIBUTE: &str = "data-no-wasm";

/// The attribute of `<html>` that holds the id of a tool tab clicked in the prerendered copy
/// before the page was ready (see [`head_script`]): the copy shows that tab chosen and its
/// outputs loading (style/main.css), and [`take_over`] chooses it on the live page.
pub const EARLY_TAB_ATTRIBUTE: &str = "data-early-tab";

/// The attribute of `<html>` that lists the copy's other buttons clicked before the page was
/// ready (see [`head_script`]), one line per click in order: the button's place among the
/// copy's buttons with the same [`button_key`], a space, and that key; and a line
/// [`EDITED_LINE`] where the copy's form was edited after a click. [`take_over`] clicks their
/// live twins.
pub const EARLY_CLICKS_ATTRIBUTE: &str = "data-early-clicks";

/// The line of [`EARLY_CLICKS_ATTRIBUTE`] that says the form was edited after the clicks
/// above it (no click's line is one word).
const EDITED_LINE: &str = "edit";

/// What names a button in both the copy and the live page, which render the same buttons for
/// the default configuration: the first of these attributes it has (the checks' "Go to" buttons
/// have only their label), with its place among the buttons of the same name.
const BUTTON_KEYS: [&str; 3] = ["data-testid", "id", "aria-label"];

/// What the prerendered copy says when the page's wasm cannot start: it is a picture of the
/// default configuration, not a form that answers.
pub const NO_WASM_NOTICE: &str = "Editing needs WebAssembly, which did not start in this browser: the outputs below are for the default configuration, and a link's or a saved configuration cannot be shown. The apigw-cors command gives the same output for yours.";

/// Puts the page just mounted in place of the prerendered copy: removes the copy and the
/// loading mark. Called in the task that mounted the page, before anything is painted. What the
/// user typed or ticked in the copy's form before then is carried over ([`early_edits`]), the
/// tool tab clicked ([`EARLY_TAB_ATTRIBUTE`]), the focus with its caret, and the other buttons
/// clicked ([`EARLY_CLICKS_ATTRIBUTE`]), in the order they were clicked: those clicked before
/// the form's last edit go before the edits, the rest after the focus. (The edits are the form's
/// state at the end, so "Reset" and then typing keeps the typing, typing and then "Reset"
/// resets it, and a click between two edits goes before both.)
#[cfg(not(feature = "ssr"))]
pub fn take_over() {
    use wasm_bindgen::JsCast;
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let root = document.document_element();
    let early_tab = root
        .as_ref()
        .and_then(|r| r.get_attribute(EARLY_TAB_ATTRIBUTE));
    let early_clicks = root
        .as_ref()
        .and_then(|r| r.get_attribute(EARLY_CLICKS_ATTRIBUTE));
    if let Ok(Some(copy)) = document.query_selector(&format!(".{PRERENDERED_CLASS}")) {
        // While a link's or the stored configuration loads, the copy's form is hidden (it
        // holds the defaults, not what the page now shows): nothing in it is the user's.
        let restoring = root
            .as_ref()
            .is_some_and(|r| r.has_attribute(RESTORING_ATTRIBUTE));
        let edits = if restoring {
            Vec::new()
        } else {
            early_edits::read(&copy)
        };
        let focus = early_edits::focus_in(&document, &copy);
        copy.remove();
        let (clicks_before_edits, clicks_after) = split_at_last_edit(early_clicks.as_deref());
        click_again(&document, &clicks_before_edits);
        early_edits::replay(&document, &edits);
        if let Some(tab) = early_tab.and_then(|id| document.get_element_by_id(&id)) {
            if let Some(tab) = tab.dyn_ref::<web_sys::HtmlElement>() {
                tab.click();
            }
        }
        if let Some(focus) = focus {
            focus.restore(&document);
        }
        click_again(&document, &clicks_after);
    }
    if let Some(root) = root {
        let _ = root.remove_attribute(RESTORING_ATTRIBUTE);
        let _ = root.remove_attribute(EARLY_TAB_ATTRIBUTE);
        let _ = root.remove_attribute(EARLY_CLICKS_ATTRIBUTE);
    }
}

/// The name a button goes by in [`EARLY_CLICKS_ATTRIBUTE`] (the head script's `key`).
#[cfg(not(feature = "ssr"))]
fn button_key(button: &web_sys::Element) -> Option<String> {
    BUTTON_KEYS
        .iter()
        .find_map(|name| button.get_attribute(name).filter(|key| !key.is_empty()))
}

/// The clicks of [`EARLY_CLICKS_ATTRIBUTE`] before its last [`EDITED_LINE`], and those after it
/// (all of them when the form was not edited after a click).
#[cfg(any(test, not(feature = "ssr")))]
fn split_at_last_edit(clicks: Option<&str>) -> (Vec<&str>, Vec<&str>) {
    let lines: Vec<&str> = clicks.map(|c| c.lines().collect()).unwrap_or_default();
    let Some(last) = lines.iter().rposition(|line| *line == EDITED_LINE) else {
        return (Vec::new(), lines);
    };
    let before = lines[..last]
        .iter()
        .copied()
        .filter(|line| *line != EDITED_LINE)
        .collect();
    (before, lines[last + 1..].to_vec())
}

/// Clicks the live twin of each button in `clicks` (lines of [`EARLY_CLICKS_ATTRIBUTE`]), in
/// order.
#[cfg(not(feature = "ssr"))]
fn click_again(document: &web_sys::Document, clicks: &[&str]) {
    use wasm_bindgen::JsCast;
    if clicks.is_empty() {
        return;
    }
    let Ok(buttons) = document.query_selector_all("button") else {
        return;
    };
    for click in clicks {
        let Some((place, key)) = click.split_once(' ') else {
            continue;
        };
        let Ok(place) = place.parse::<usize>() else {
            continue;
        };
        let twin = (0..buttons.length())
            .filter_map(|i| buttons.item(i)?.dyn_into::<web_sys::HtmlElement>().ok())
            .filter(|button| button_key(button).as_deref() == Some(key))
            .nth(place);
        if let Some(twin) = twin {
            twin.click();
        }
    }
}

/// Edits made in the prerendered copy's form in the moment before the page was ready. The
/// live page starts from the same (default) configuration, so a control whose state differs
/// from its live twin (same id) was changed by the user; the live control is set to it and
/// receives the event the user's edit fired, so the page takes it as typed.
#[cfg(not(feature = "ssr"))]
mod early_edits {
    use wasm_bindgen::JsCast;
    use web_sys::{Document, Element, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};

    /// What one control of the copy holds.
    pub(super) enum State {
        /// A check box or radio button: whether it is ticked.
        Checked(bool),
        /// A text field, text area or select: its value.
        Value(String),
    }

    /// A form control by its element type: web-sys gives the three no shared interface, so
    /// this is the one place that tells them apart.
    enum Control<'a> {
        Input(&'a HtmlInputElement),
        Area(&'a HtmlTextAreaElement),
        Select(&'a HtmlSelectElement),
    }

    impl<'a> Control<'a> {
        fn of(element: &'a Element) -> Option<Self> {
            if let Some(input) = element.dyn_ref() {
                Some(Self::Input(input))
            } else if let Some(area) = element.dyn_ref() {
                Some(Self::Area(area))
            } else {
                element.dyn_ref().map(Self::Select)
            }
        }

        fn is_box(input: &HtmlInputElement) -> bool {
            matches!(input.type_().as_str(), "checkbox" | "radio")
        }

        fn state(&self) -> State {
            match self {
                Self::Input(input) if Self::is_box(input) => State::Checked(input.checked()),
                Self::Input(input) => State::Value(input.value()),
                Self::Area(area) => State::Value(area.value()),
                Self::Select(select) => State::Value(select.value()),
            }
        }

        /// Sets what the copy held and names the event the user's edit fired (`input` for
        /// text, `change` for the rest); `None` when there is nothing to set. A radio button
        /// is set only when the copy's was ticked: ticking it unticks the others.
        fn take(&self, held: &State) -> Option<&'static str> {
            match (self, held) {
                (Self::Input(input), State::Checked(on)) if Self::is_box(input) => {
                    let unticked_radio = input.type_() == "radio" && !on;
                    if input.checked() == *on || unticked_radio {
                        return None;
                    }
                    input.set_checked(*on);
                    Some("change")
                }
                (_, State::Value(value)) => {
                    match self {
                        Self::Input(input) if input.value() != *value => input.set_value(value),
                        Self::Area(area) if area.value() != *value => area.set_value(value),
                        Self::Select(select) if select.value() != *value => select.set_value(value),
                        _ => return None,
                    }
                    Some(match self {
                        Self::Select(_) => "change",
                        _ => "input",
                    })
                }
                _ => None,
            }
        }

        /// The caret or selection of a text control; `None` for the rest (a number field has
        /// none: reading it throws).
        fn selection(&self) -> Option<(u32, u32)> {
            let (start, end) = match self {
                Self::Input(input) => (input.selection_start(), input.selection_end()),
                Self::Area(area) => (area.selection_start(), area.selection_end()),
                Self::Select(_) => return None,
            };
            start.ok().flatten().zip(end.ok().flatten())
        }

        fn select(&self, (start, end): (u32, u32)) {
            let _ = match self {
                Self::Input(input) => input.set_selection_range(start, end),
                Self::Area(area) => area.set_selection_range(start, end),
                Self::Select(_) => Ok(()),
            };
        }
    }

    /// Every identified control of `copy` with what it holds.
    pub(super) fn read(copy: &Element) -> Vec<(String, State)> {
        let Ok(controls) = copy.query_selector_all("input[id], textarea[id], select[id]") else {
            return Vec::new();
        };
        (0..controls.length())
            .filter_map(|i| controls.item(i)?.dyn_into::<Element>().ok())
            .filter_map(|element| Some((element.id(), Control::of(&element)?.state())))
            .collect()
    }

    /// Sets each live control that differs from what the copy held, and fires the event its
    /// edit fired, so the page takes it as typed.
    pub(super) fn replay(document: &Document, edits: &[(String, State)]) {
        for (id, held) in edits {
            let Some(live) = document.get_element_by_id(id) else {
                continue;
            };
            let Some(event) = Control::of(&live).and_then(|control| control.take(held)) else {
                continue;
            };
            let init = web_sys::EventInit::new();
            init.set_bubbles(true);
            if let Ok(event) = web_sys::Event::new_with_event_init_dict(event, &init) {
                let _ = live.dispatch_event(&event);
            }
        }
    }

    /// The copy's focused control (by id) and its caret, if the focus is in the copy.
    pub(super) struct Focus {
        id: String,
        selection: Option<(u32, u32)>,
    }

    pub(super) fn focus_in(document: &Document, copy: &Element) -> Option<Focus> {
        let focused = document.active_element()?;
        if !copy.contains(Some(&focused)) || focused.id().is_empty() {
            return None;
        }
        Some(Focus {
            id: focused.id(),
            selection: Control::of(&focused).and_then(|control| control.selection()),
        })
    }

    impl Focus {
        /// Focuses the live element with the same id, with the same caret.
        pub(super) fn restore(&self, document: &Document) {
            let Some(live) = document.get_element_by_id(&self.id) else {
                return;
            };
            if let Some(element) = live.dyn_ref::<web_sys::HtmlElement>() {
                let _ = element.focus();
            }
            if let (Some(selection), Some(control)) = (self.selection, Control::of(&live)) {
                control.select(selection);
            }
        }
    }
}

/// [`crate::App`]'s HTML for the default configuration and SAM, inside the element
/// [`take_over`] removes.
#[cfg(feature = "ssr")]
pub fn render_app() -> String {
    use leptos::prelude::*;
    let owner = Owner::new();
    let app = owner.with(|| view! { <crate::App /> }.to_html());
    format!(
        "<div class=\"{PRERENDERED_CLASS}\"><p class=\"no-wasm\" role=\"alert\">{notice}</p>{app}</div>",
        notice = apigw_cors::html_text(NO_WASM_NOTICE)
    )
}

/// The inline script of the prerendered page's `<head>`. Before anything is painted it marks
/// `<html>` [`RESTORING_ATTRIBUTE`] when the address has a fragment or a configuration is
/// stored, so the page's CSS shows "Loading your configuration…" instead of the prerendered
/// outputs; it marks [`NO_WASM_ATTRIBUTE`] when the browser has no WebAssembly, and later when
/// a resource fails to load or a promise is rejected unhandled before the page says it is
/// ready (the loader's `await init(…)` rejects when the wasm cannot be fetched, compiled or
/// run), and then puts back the copy's tool tabs as they were. Until the page is ready it
/// notes a click on one of the copy's other tool tabs in [`EARLY_TAB_ATTRIBUTE`] and shows that
/// tab chosen; a click on the tab the copy shows (its only one in the tab order) takes that
/// back. A click on any other of the copy's buttons is noted in [`EARLY_CLICKS_ATTRIBUTE`]
/// (by its `key`, [`BUTTON_KEYS`]), and so is an edit of the copy's form after a click
/// ([`EDITED_LINE`], once until the next click). A classic script, so it runs before the body
/// is parsed; its explicit type sets it apart from markup the page would never create
/// (e2e/run.mjs counts `script:not([type])`).
#[cfg(feature = "ssr")]
pub fn head_script() -> String {
    format!(
        "<script type=\"text/javascript\">(function(){{var r=document.documentElement;\
         try{{if(location.hash.length>1||localStorage.getItem({key:?})!==null)r.setAttribute({restoring:?},\"\")}}catch(e){{}}\
         function ready(){{return r.getAttribute({ready:?})===\"true\"}}\
         function choose(t){{document.querySelectorAll({tabs:?}).forEach(function(b){{b.setAttribute(\"aria-selected\",t?b===t:b.tabIndex===0)}})}}\
         function back(){{r.removeAttribute({early:?});choose()}}\
         function f(){{if(!ready()){{r.setAttribute({no_wasm:?},\"\");r.removeAttribute({clicks:?});back()}}}}\
         if(typeof WebAssembly!==\"object\")f();\
         addEventListener(\"error\",f,true);addEventListener(\"unhandledrejection\",f);\
         function key(b){{var k=null;{keys:?}.some(function(a){{return k=b.getAttribute(a)}});return k}}var c=[];\
         function early(e){{return!ready()&&!r.hasAttribute({no_wasm:?})&&!!e.target.closest}}\
         function note(l){{c.push(l);r.setAttribute({clicks:?},c.join(\"\\n\"))}}\
         addEventListener(\"click\",function(e){{if(!early(e))return;\
         var t=e.target.closest({tabs:?});if(t){{if(t.tabIndex===0)back();else{{r.setAttribute({early:?},t.id);choose(t)}}return}}\
         var b=e.target.closest({buttons:?}),k=b&&key(b);if(!k)return;\
         for(var n=0,a=document.querySelectorAll({buttons:?}),i=0;a[i]!==b;i++)if(key(a[i])===k)n++;\
         note(n+\" \"+k)}},true);\
         addEventListener(\"input\",function(e){{if(early(e)&&c.length&&c[c.length-1]!=={edited:?}&&e.target.closest({copy:?}))note({edited:?})}},true)}})()</script>",
        key = STORAGE_KEY,
        restoring = RESTORING_ATTRIBUTE,
        no_wasm = NO_WASM_ATTRIBUTE,
        ready = crate::browser::READY_ATTRIBUTE,
        early = EARLY_TAB_ATTRIBUTE,
        tabs = format!(".{PRERENDERED_CLASS} [role=tab]"),
        buttons = format!(".{PRERENDERED_CLASS} button"),
        clicks = EARLY_CLICKS_ATTRIBUTE,
        keys = BUTTON_KEYS,
        edited = EDITED_LINE,
        copy = format!(".{PRERENDERED_CLASS}"),
    )
}

/// `page` (the `index.html` Trunk built) with [`head_script`] at the end of the head
/// (before anything is painted) and `app` as the first thing inside `<body>`. Whatever the
/// body held stays after it (the `<noscript>` text).
#[cfg(feature = "ssr")]
pub fn into_page(page: &str, app: &str) -> Result<String, String> {
    let open = page
        .find("<body")
        .ok_or("index.html has no <body> tag: the prerendered page has nowhere to go")?;
    let inside = page[open..]
        .find('>')
        .map(|end| open + end + 1)
        .ok_or("index.html's <body> tag is not closed")?;
    if page[inside..].contains(&format!("class=\"{PRERENDERED_CLASS}\"")) {
        return Err("index.html's body already holds a rendered page: prerender runs once, on the page Trunk staged".into());
    }
    // In the head: before `</head>` when the page has one (release builds' minifier may drop it).
    let script_at = page[..open].find("</head>").unwrap_or(open);
    let mut out = String::with_capacity(page.len() + app.len() + 256);
    out.push_str(&page[..script_at]);
    out.push_str(&head_script());
    out.push_str(&page[script_at..inside]);
    out.push_str(app);
    out.push_str(&page[inside..]);
    Ok(out)
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;
    use apigw_cors::{CorsConfig, DeployTool};

    #[test]
    fn the_app_goes_first_in_the_body_and_the_script_at_the_end_of_the_head() {
        let page = "<!doctype html><html><head><title>t</title></head>\n  <body>\n    <noscript>n</noscript>\n  </body></html>";
        let out = into_page(page, "<header>app</header>").unwrap();
        assert_eq!(
            out,
            format!(
                "<!doctype html><html><head><title>t</title>{}</head>\n  <body><header>app</header>\n    <noscript>n</noscript>\n  </body></html>",
                head_script()
            )
        );
    }

    #[test]
    fn without_a_closing_head_tag_the_script_goes_before_the_body() {
        let out = into_page(
            "<html><title>t</title><body></body>",
            "<header>app</header>",
        )
        .unwrap();
        assert_eq!(
            out,
            format!(
                "<html><title>t</title>{}<body><header>app</header></body>",
                head_script()
            )
        );
    }

    #[test]
    fn a_page_without_a_body_or_already_rendered_is_refused() {
        assert_eq!(
            into_page("<html><head></head></html>", "<header>app</header>"),
            Err("index.html has no <body> tag: the prerendered page has nowhere to go".into())
        );
        let once = into_page("<body></body>", &render_app()).unwrap();
        assert_eq!(
            into_page(&once, &render_app()),
            Err("index.html's body already holds a rendered page: prerender runs once, on the page Trunk staged".into())
        );
    }

    #[test]
    fn the_script_reads_the_storage_key_and_the_fragment_watches_the_wasm_and_notes_clicks() {
        assert_eq!(
            head_script(),
            "<script type=\"text/javascript\">(function(){var r=document.documentElement;\
             try{if(location.hash.length>1||localStorage.getItem(\"apigw-cors:config\")!==null)r.setAttribute(\"data-restoring\",\"\")}catch(e){}\
             function ready(){return r.getAttribute(\"data-ready\")===\"true\"}\
             function choose(t){document.querySelectorAll(\".prerendered [role=tab]\").forEach(function(b){b.setAttribute(\"aria-selected\",t?b===t:b.tabIndex===0)})}\
             function back(){r.removeAttribute(\"data-early-tab\");choose()}\
             function f(){if(!ready()){r.setAttribute(\"data-no-wasm\",\"\");r.removeAttribute(\"data-early-clicks\");back()}}\
             if(typeof WebAssembly!==\"object\")f();\
             addEventListener(\"error\",f,true);addEventListener(\"unhandledrejection\",f);\
             function key(b){var k=null;[\"data-testid\", \"id\", \"aria-label\"].some(function(a){return k=b.getAttribute(a)});return k}var c=[];\
             function early(e){return!ready()&&!r.hasAttribute(\"data-no-wasm\")&&!!e.target.closest}\
             function note(l){c.push(l);r.setAttribute(\"data-early-clicks\",c.join(\"\\n\"))}\
             addEventListener(\"click\",function(e){if(!early(e))return;\
             var t=e.target.closest(\".prerendered [role=tab]\");if(t){if(t.tabIndex===0)back();else{r.setAttribute(\"data-early-tab\",t.id);choose(t)}return}\
             var b=e.target.closest(\".prerendered button\"),k=b&&key(b);if(!k)return;\
             for(var n=0,a=document.querySelectorAll(\".prerendered button\"),i=0;a[i]!==b;i++)if(key(a[i])===k)n++;\
             note(n+\" \"+k)},true);\
             addEventListener(\"input\",function(e){if(early(e)&&c.length&&c[c.length-1]!==\"edit\"&&e.target.closest(\".prerendered\"))note(\"edit\")},true)})()</script>"
        );
    }

    #[test]
    fn clicks_before_the_forms_last_edit_go_before_the_edits() {
        assert_eq!(split_at_last_edit(None), (vec![], vec![]));
        assert_eq!(
            split_at_last_edit(Some("0 reset\n0 sim-toggle")),
            (vec![], vec!["0 reset", "0 sim-toggle"])
        );
        assert_eq!(
            split_at_last_edit(Some("0 reset\nedit")),
            (vec!["0 reset"], vec![])
        );
        assert_eq!(
            split_at_last_edit(Some("0 info-origins\nedit\n0 reset\nedit\n1 Go to origins")),
            (vec!["0 info-origins", "0 reset"], vec!["1 Go to origins"])
        );
    }

    #[test]
    fn the_rendered_app_is_wrapped_and_holds_a_panel_per_sam_output() {
        let html = render_app();
        assert!(
            html.starts_with(&format!(
                "<div class=\"prerendered\"><p class=\"no-wasm\" role=\"alert\">{}</p><header class=\"top\">",
                apigw_cors::html_text(NO_WASM_NOTICE)
            )),
            "{}",
            &html[..80.min(html.len())]
        );
        assert!(
            html.ends_with("</main></div>"),
            "{}",
            &html[html.len().saturating_sub(80)..]
        );
        // The text of each panel is compared with the CLI's in e2e/prerender.mjs; here: one
        // code element per output SAM shows for the default (HTTP) API, and no other.
        let shown: Vec<&str> = html
            .split("<code data-testid=\"")
            .skip(1)
            .filter_map(|rest| rest.split('"').next())
            .collect();
        let expected: Vec<&str> = DeployTool::default()
            .targets(CorsConfig::default().api_type)
            .map(|t| t.name())
            .collect();
        assert_eq!(shown, expected);
    }
}
