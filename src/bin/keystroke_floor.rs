//! A stand-in page for the keystroke benchmark's floor (scripts/bench-keystroke-floor.sh), not
//! shipped: the least work a page can do per keystroke with this generator. The origins text
//! area's `input` listener checks the configuration, renders the default tool's outputs and
//! rewrites their changed lines with the page's own `patch_code`: no framework, no form, no
//! checks shown. The page it runs in (written by e2e/keystroke-floor.mjs) holds the text area,
//! the origins-used line and the panels' container, with the page's own CSS.

use apigw_cors::{check, render, split_list, CorsConfig, CorsLines, DeployTool, Target};
use apigw_cors_web::{mark_ready, patch_code, to_html, used_origins};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// One output panel: its target, its code element and the text it shows.
struct Panel {
    target: Target,
    code: web_sys::Element,
    text: String,
}

fn main() -> Result<(), JsValue> {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let by_id = |id: &str| document.get_element_by_id(id).ok_or(format!("no #{id}"));
    let area: web_sys::HtmlTextAreaElement = by_id("origins")?.dyn_into()?;
    let used = by_id("origins-used")?;
    let host = by_id("panels")?;
    let config = CorsConfig {
        allow_origins: split_list(&area.value()),
        ..CorsConfig::default()
    };
    let valid = check(&config)
        .config
        .ok_or("the starting origins are not valid")?;
    let marks = CorsLines::new(&valid);
    let mut panels = Vec::new();
    for target in DeployTool::default().targets(config.api_type) {
        let text = render(target, &valid);
        let pre = document.create_element("pre")?;
        pre.set_class_name("code");
        let code = document.create_element("code")?;
        code.set_attribute("data-testid", target.name())?;
        code.set_attribute("data-state", "ok")?;
        code.set_inner_html(&to_html(&text, target.syntax(), &marks));
        pre.append_child(&code)?;
        host.append_child(&pre)?;
        panels.push(Panel { target, code, text });
    }
    used.set_text_content(Some(&used_origins(&valid)));
    let state = RefCell::new((config, panels));
    let area_for_input = area.clone();
    let on_input = Closure::<dyn Fn()>::new(move || {
        let (config, panels) = &mut *state.borrow_mut();
        config.allow_origins = split_list(&area_for_input.value());
        let Some(valid) = check(config).config else {
            return;
        };
        let marks = CorsLines::new(&valid);
        for panel in panels.iter_mut() {
            let text = render(panel.target, &valid);
            patch_code(
                &panel.code,
                &panel.text,
                &text,
                panel.target.syntax(),
                &marks,
            );
            panel.text = text;
        }
        used.set_text_content(Some(&used_origins(&valid)));
    });
    area.add_event_listener_with_callback("input", on_input.as_ref().unchecked_ref())?;
    on_input.forget();
    mark_ready();
    Ok(())
}
