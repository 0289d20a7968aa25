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

/// What the prerendered copy says when the page's wasm cannot start: it is a picture of the
/// default configuration, not a form that answers.
pub const NO_WASM_NOTICE: &str = "Editing needs WebAssembly, which did not start in this browser: the outputs below are for the default configuration, and a link's or a saved configuration cannot be shown. The apigw-cors command gives the same output for yours.";

/// Puts the page just mounted in place of the prerendered copy: removes the copy and the
/// loading mark. Called in the task that mounted the page, before anything is painted.
#[cfg(not(feature = "ssr"))]
pub fn take_over() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Ok(Some(copy)) = document.query_selector(&format!(".{PRERENDERED_CLASS}")) {
        copy.remove();
    }
    if let Some(root) = document.document_element() {
        let _ = root.remove_attribute(RESTORING_ATTRIBUTE);
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
/// run). A classic script, so it runs before the body is parsed; its explicit type sets it
/// apart from markup the page would never create (e2e/run.mjs counts `script:not([type])`).
#[cfg(feature = "ssr")]
pub fn head_script() -> String {
    format!(
        "<script type=\"text/javascript\">(function(){{var r=document.documentElement;\
         try{{if(location.hash.length>1||localStorage.getItem({key:?})!==null)r.setAttribute({restoring:?},\"\")}}catch(e){{}}\
         function f(){{if(r.getAttribute({ready:?})!==\"true\")r.setAttribute({no_wasm:?},\"\")}}\
         if(typeof WebAssembly!==\"object\")f();\
         addEventListener(\"error\",f,true);addEventListener(\"unhandledrejection\",f)}})()</script>",
        key = STORAGE_KEY,
        restoring = RESTORING_ATTRIBUTE,
        no_wasm = NO_WASM_ATTRIBUTE,
        ready = crate::browser::READY_ATTRIBUTE,
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
    fn the_script_reads_the_storage_key_and_the_fragment_and_watches_the_wasm() {
        assert_eq!(
            head_script(),
            "<script type=\"text/javascript\">(function(){var r=document.documentElement;\
             try{if(location.hash.length>1||localStorage.getItem(\"apigw-cors:config\")!==null)r.setAttribute(\"data-restoring\",\"\")}catch(e){}\
             function f(){if(r.getAttribute(\"data-ready\")!==\"true\")r.setAttribute(\"data-no-wasm\",\"\")}\
             if(typeof WebAssembly!==\"object\")f();\
             addEventListener(\"error\",f,true);addEventListener(\"unhandledrejection\",f)})()</script>"
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
