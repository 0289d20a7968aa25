//! Component tests in a real browser (headless Chromium through wasm-bindgen-test-runner): one
//! component mounted on its own with its signals, driven by DOM events, checked to the exact
//! value. The full-page flows are the Playwright suite's (e2e/).
//!
//! Run: `cargo test -p apigw-cors-web --target wasm32-unknown-unknown --test components`.
#![cfg(target_arch = "wasm32")]

use apigw_cors::{
    check, render, ApiType, AuthorizerPlacement, CorsConfig, CorsLines, CredentialsMode,
    DeployTool, Report, Syntax, Target, Tool,
};
use apigw_cors_web::{
    api_type_of, findings_of, patch_code, to_html, Diagnostics, OriginsField, Outputs, SimInput,
};
use leptos::mount::mount_to;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, HtmlElement, HtmlTextAreaElement};

wasm_bindgen_test_configure!(run_in_browser);

// --- helpers -------------------------------------------------------------------------------

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// A fresh element in the body to mount into; removed again by [`Mounted`]'s drop.
fn container() -> HtmlElement {
    let div: HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&div).unwrap();
    div
}

/// A mounted view: unmounts it and removes its container when the test ends, so ids never
/// repeat across tests.
struct Mounted {
    root: HtmlElement,
    _handle: Box<dyn std::any::Any>,
}

impl Drop for Mounted {
    fn drop(&mut self) {
        self.root.remove();
    }
}

fn mount<N: IntoView + 'static>(view: impl FnOnce() -> N + 'static) -> Mounted {
    let root = container();
    let handle = mount_to(root.clone(), view);
    Mounted {
        root,
        _handle: Box::new(handle),
    }
}

impl Mounted {
    fn find(&self, selector: &str) -> Element {
        self.root
            .query_selector(selector)
            .unwrap()
            .unwrap_or_else(|| panic!("no element matches {selector}"))
    }

    fn find_all(&self, selector: &str) -> Vec<Element> {
        let list = self.root.query_selector_all(selector).unwrap();
        (0..list.length())
            .map(|i| list.item(i).unwrap().unchecked_into())
            .collect()
    }

    fn text(&self, selector: &str) -> String {
        self.find(selector).text_content().unwrap_or_default()
    }
}

/// Lets the reactive system run: effects are scheduled as tasks, so wait one macrotask (every
/// microtask queued before it has run by then).
async fn settle() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// Types `text` into a text area the way a paste does: sets the value, then fires `input`.
fn type_into(area: &Element, text: &str) {
    let area: &HtmlTextAreaElement = area.unchecked_ref();
    area.set_value(text);
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let event = web_sys::Event::new_with_event_init_dict("input", &init).unwrap();
    area.dispatch_event(&event).unwrap();
}

fn click(element: &Element) {
    element.unchecked_ref::<HtmlElement>().click();
}

fn config_from(json: &str) -> CorsConfig {
    CorsConfig::from_json(json).unwrap()
}

/// The configuration signal and the report memo, as the app makes them.
fn state(config: CorsConfig) -> (RwSignal<CorsConfig>, Memo<Report>) {
    let config = RwSignal::new(config);
    let report = Memo::new(move |_| config.with(check));
    (config, report)
}

/// Each list item's class and text.
fn items(mounted: &Mounted, selector: &str) -> Vec<(String, String)> {
    mounted
        .find_all(selector)
        .into_iter()
        .map(|li| (li.class_name(), li.text_content().unwrap_or_default()))
        .collect()
}

fn strings(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

const HTTP_ONE_ORIGIN: &str = r#"{"apiType":"http","allowOrigins":["https://app.example.com"],"allowMethods":["GET","POST"],"allowHeaders":["Content-Type"],"maxAge":600}"#;

// --- the origins field ---------------------------------------------------------------------

#[wasm_bindgen_test]
async fn pasted_origins_become_the_list_with_a_message_for_each_problem() {
    let (config, report) = state(config_from(HTTP_ONE_ORIGIN));
    let field = mount(move || {
        let (api_type, findings) = (api_type_of(config), findings_of(report));
        view! { <OriginsField config report findings api_type /> }
    });
    settle().await;
    let area = field.find("textarea#origins");
    assert_eq!(
        area.unchecked_ref::<HtmlTextAreaElement>().value(),
        "https://app.example.com",
        "the text area starts with the configuration's list"
    );

    let pasted = "https://app.example.com, HTTPS://Admin.Example.com:443\n\n  https://app.example.com\nhttps://bad.example.com/,";
    type_into(&area, pasted);
    settle().await;

    assert_eq!(
        config.with_untracked(|c| c.allow_origins.clone()),
        strings(&[
            "https://app.example.com",
            "HTTPS://Admin.Example.com:443",
            "https://app.example.com",
            "https://bad.example.com/",
        ]),
        "entries are split on commas and line feeds, trimmed, blanks dropped, kept as written"
    );
    assert_eq!(
        area.unchecked_ref::<HtmlTextAreaElement>().value(),
        pasted,
        "what was typed stays as typed"
    );
    assert_eq!(
        items(&field, "#origins-messages li"),
        [
            (
                "error".to_owned(),
                "errorhttps://bad.example.com/: an origin has no path or trailing slash; the \
                 browser sends it without one, and the comparison is exact"
                    .to_owned()
            ),
            (
                "note".to_owned(),
                "noteHTTPS://Admin.Example.com:443: browsers send this origin as \
                 https://admin.example.com (lower-case scheme and host, no default port, IPv6 in \
                 its short form), and the comparison is exact, so it is used in that form"
                    .to_owned()
            ),
            (
                "note".to_owned(),
                "notehttps://app.example.com is listed more than once; it is used once".to_owned()
            ),
        ],
        "the value is shown unless the message names it"
    );
    let used = field.find("[data-testid=origins-used]");
    assert!(
        used.has_attribute("hidden"),
        "no list is used while one is invalid"
    );

    // Fixing the invalid entry: the error goes, the used list is the normalized one.
    type_into(
        &area,
        "https://app.example.com\nHTTPS://Admin.Example.com:443\nhttps://app.example.com",
    );
    settle().await;
    assert_eq!(
        items(&field, "#origins-messages li")
            .into_iter()
            .map(|(class, _)| class)
            .collect::<Vec<_>>(),
        ["note", "note"]
    );
    assert!(!used.has_attribute("hidden"));
    assert_eq!(
        used.text_content().unwrap(),
        "Used: https://app.example.com, https://admin.example.com"
    );
}

#[wasm_bindgen_test]
async fn a_list_changed_elsewhere_rewrites_the_text_one_per_line() {
    let (config, report) = state(config_from(HTTP_ONE_ORIGIN));
    let field = mount(move || {
        let (api_type, findings) = (api_type_of(config), findings_of(report));
        view! { <OriginsField config report findings api_type /> }
    });
    let area = field.find("textarea#origins");
    type_into(&area, "https://a.example.com,https://b.example.com");
    settle().await;
    assert_eq!(
        area.unchecked_ref::<HtmlTextAreaElement>().value(),
        "https://a.example.com,https://b.example.com"
    );

    // Reset, an import or a link sets the list: the text follows it, one entry per line.
    config.set(CorsConfig::default());
    settle().await;
    assert_eq!(
        area.unchecked_ref::<HtmlTextAreaElement>().value(),
        "https://app.example.com\nhttp://localhost:3000"
    );
    assert_eq!(
        items(&field, "#origins-messages li"),
        [(
            "warning".to_owned(),
            "warninghttp://localhost:3000 is a development or unencrypted origin next to \
             production ones; anyone who can serve a page there can call your production API"
                .to_owned()
        )]
    );
    assert_eq!(
        field.text("[data-testid=origins-used]"),
        "Used: https://app.example.com, http://localhost:3000"
    );
}

// --- the output panels ---------------------------------------------------------------------

/// The code element of `target`'s panel.
fn code_of(mounted: &Mounted, target: Target) -> Element {
    mounted.find(&format!("code[data-testid={}]", target.name()))
}

fn rendered(config: &CorsConfig, target: Target) -> String {
    render(target, &check(config).config.unwrap())
}

/// A fresh highlighting of `config`'s text for `target`, with the generator's CORS marks.
fn fresh_html(config: &CorsConfig, target: Target) -> String {
    let valid = check(config).config.unwrap();
    to_html(
        &render(target, &valid),
        target.syntax(),
        &CorsLines::new(&valid),
    )
}

/// The highlighted lines in a code element: its HTML without the empty comment Leptos leaves
/// after the `inner_html` it writes (code text never holds one: `<` is escaped).
fn highlighted(code: &Element) -> String {
    code.inner_html().replace("<!---->", "")
}

/// The panel shows exactly the library's text, highlighted exactly as a fresh render would be,
/// one `span.ln` per line.
fn assert_panel_shows(mounted: &Mounted, config: &CorsConfig, target: Target) {
    let code = code_of(mounted, target);
    let expected = rendered(config, target);
    assert_eq!(code.get_attribute("data-state").as_deref(), Some("ok"));
    assert_eq!(code.text_content().unwrap(), expected, "{target:?}");
    assert_eq!(highlighted(&code), fresh_html(config, target), "{target:?}");
    assert_eq!(
        code.query_selector_all(":scope > span.ln")
            .unwrap()
            .length() as usize,
        expected.lines().count(),
        "{target:?}"
    );
}

/// The targets whose panels are in the page, in the page's order.
fn shown_targets(mounted: &Mounted) -> Vec<String> {
    mounted
        .find_all("code[data-testid]")
        .iter()
        .map(|code| code.get_attribute("data-testid").unwrap())
        .collect()
}

#[wasm_bindgen_test]
async fn each_tool_shows_exactly_its_panels_with_the_render_of_each_target() {
    let start = config_from(HTTP_ONE_ORIGIN);
    let (config, report) = state(start.clone());
    let tool = RwSignal::new(DeployTool::Sam);
    let outputs = mount(move || {
        let api_type = api_type_of(config);
        view! { <Outputs report api_type tool /> }
    });

    for api_type in [ApiType::Http, ApiType::Rest] {
        config.update(|c| c.api_type = api_type);
        for chosen in DeployTool::ALL {
            tool.set(chosen);
            settle().await;
            let now = config.get_untracked();
            let expected: Vec<&str> = chosen.targets(api_type).map(Target::name).collect();
            assert_eq!(
                shown_targets(&outputs),
                expected,
                "{chosen} on {api_type:?}"
            );
            for target in chosen.targets(api_type) {
                assert_panel_shows(&outputs, &now, target);
            }
            let tab = outputs.find(&format!("[data-testid=tool-{}]", chosen.id()));
            assert_eq!(tab.get_attribute("aria-selected").as_deref(), Some("true"));
            assert_eq!(tab.get_attribute("tabindex").as_deref(), Some("0"));
            let panel = outputs.find("[role=tabpanel]");
            assert_eq!(
                panel.get_attribute("aria-labelledby"),
                tab.get_attribute("id")
            );
        }
    }
    // Exactly one tab is selected and in the tab order.
    assert_eq!(outputs.find_all("[role=tab][aria-selected=true]").len(), 1);
    assert_eq!(outputs.find_all("[role=tab][tabindex='0']").len(), 1);
    assert_eq!(outputs.find_all("[role=tab]").len(), DeployTool::ALL.len());
}

#[wasm_bindgen_test]
async fn edited_configurations_patch_the_panels_to_the_new_render() {
    let start = config_from(HTTP_ONE_ORIGIN);
    let (config, report) = state(start);
    let tool = RwSignal::new(DeployTool::Sam);
    let outputs = mount(move || {
        let api_type = api_type_of(config);
        view! { <Outputs report api_type tool /> }
    });
    let edits: [fn(&mut CorsConfig); 4] = [
        // One origin → several: lines change and the handler code grows.
        |c| c.allow_origins.push("http://localhost:3000".into()),
        // A value inside one line.
        |c| c.max_age = Some(7200),
        // Lines added in the middle.
        |c| c.expose_headers = vec!["X-Request-Id".into(), "ETag".into()],
        // Lines removed.
        |c| {
            c.allow_origins.truncate(1);
            c.expose_headers.clear();
            c.max_age = None;
        },
    ];
    for (step, edit) in edits.into_iter().enumerate() {
        // "Globals:" never changes: a patch keeps its element, a full rewrite would not.
        let first_line = code_of(&outputs, Target::SamGlobals)
            .first_element_child()
            .unwrap();
        config.update(edit);
        settle().await;
        let first_line_now = code_of(&outputs, Target::SamGlobals)
            .first_element_child()
            .unwrap();
        assert!(
            first_line.is_same_node(Some(&first_line_now)),
            "edit {step}: only the changed lines are rewritten"
        );
        let now = config.get_untracked();
        for target in DeployTool::Sam.targets(ApiType::Http) {
            let code = code_of(&outputs, target);
            assert_eq!(
                code.text_content().unwrap(),
                rendered(&now, target),
                "edit {step}, {target:?}"
            );
            assert_eq!(
                highlighted(&code),
                fresh_html(&now, target),
                "edit {step}, {target:?}: the patched lines equal a fresh render"
            );
        }
    }
}

#[wasm_bindgen_test]
async fn an_invalid_configuration_blocks_every_panel_with_the_reason() {
    let start = config_from(HTTP_ONE_ORIGIN);
    let (config, report) = state(start.clone());
    let tool = RwSignal::new(DeployTool::Cdk);
    let outputs = mount(move || {
        let api_type = api_type_of(config);
        view! { <Outputs report api_type tool /> }
    });

    config.update(|c| {
        c.allow_origins = strings(&["https://bad.example.com/"]);
        c.max_age = Some(90000);
    });
    settle().await;
    let reason = "Not generated until the configuration is fixed:\n\
        allowOrigins[0] \"https://bad.example.com/\": an origin has no path or trailing slash; \
        the browser sends it without one, and the comparison is exact\n\
        maxAge \"90000\": HTTP APIs accept a MaxAge of at most 86400 seconds (24 hours)";
    for target in DeployTool::Cdk.targets(ApiType::Http) {
        let code = code_of(&outputs, target);
        assert_eq!(code.get_attribute("data-state").as_deref(), Some("blocked"));
        assert_eq!(code.text_content().unwrap(), reason, "{target:?}");
    }
    let copy = outputs.find("[data-testid=copy-cdk]");
    assert!(copy.has_attribute("disabled"), "nothing to copy");

    // Fixed again: the whole text comes back.
    config.set(start.clone());
    settle().await;
    for target in DeployTool::Cdk.targets(ApiType::Http) {
        assert_panel_shows(&outputs, &start, target);
    }
    assert!(!copy.has_attribute("disabled"));
}

// --- patching highlighted code -------------------------------------------------------------

#[wasm_bindgen_test]
fn patch_code_leaves_exactly_the_new_highlighting() {
    let cases = [
        ("same lines", "a: 1\nb: 2\n", "a: 1\nb: 2\n"),
        (
            "one line changed",
            "a: 1\nb: 2\nc: 3\n",
            "a: 1\nb: 20\nc: 3\n",
        ),
        (
            "lines inserted",
            "a: 1\nc: 3\n",
            "a: 1\nb: 2\nAllowOrigins: x\nc: 3\n",
        ),
        ("lines removed", "a: 1\nb: 2\nc: 3\nd: 4\n", "a: 1\nd: 4\n"),
        (
            "the last line gains its line feed",
            "a: 1\nb: 2",
            "a: 1\nb: 2\n",
        ),
        (
            "the last line loses its line feed",
            "a: 1\nb: 2\n",
            "a: 1\nb: 2",
        ),
        ("from nothing", "", "a: 1\n"),
        ("to nothing", "a: 1\nb: 2\n", ""),
        ("escaped text", "a: '<x>'\n", "a: '<x> & <y>'\n"),
        ("a string's text", "a: 'x'\nb: 2\n", "a: 'xy'\nb: 2\n"),
        ("plain text", "a: x\n", "a: x, y\n"),
        ("a token comes", "a: x\n", "a: 'x'\n"),
        ("a token goes", "a: 'x' # c\n", "a: 'x'\n"),
        ("the CORS mark comes", "x: 1\n", "AllowOrigins: 1\n"),
        ("the CORS mark goes", "AllowOrigins: 1\n", "x: 1\n"),
        ("a line emptied", "a: 1\nb: 2\n", "a: 1\n\n"),
        ("the last line without a line feed", "a: 'x'", "a: 'xy'"),
    ];
    let code = document().create_element("code").unwrap();
    let marks = CorsLines::default();
    for (name, old, new) in cases {
        code.set_inner_html(&to_html(old, Syntax::Yaml, &marks));
        patch_code(&code, old, new, Syntax::Yaml, &marks);
        assert_eq!(
            code.inner_html(),
            to_html(new, Syntax::Yaml, &marks),
            "{name}"
        );
        assert_eq!(code.text_content().unwrap(), new, "{name}");
    }

    // A line whose highlighting keeps its shape keeps its nodes (only their text changes);
    // one whose shape changes is a new span.
    code.set_inner_html(&to_html("a: 'x'\nb: 2\n", Syntax::Yaml, &marks));
    let line = code.first_element_child().unwrap();
    let string = line.last_child().unwrap().first_child().unwrap();
    patch_code(
        &code,
        "a: 'x'\nb: 2\n",
        "a: 'x&y'\nb: 2\n",
        Syntax::Yaml,
        &marks,
    );
    assert!(line.is_same_node(code.first_child().as_ref()));
    assert!(string.is_same_node(line.last_child().unwrap().first_child().as_ref()));
    assert_eq!(string.node_value().as_deref(), Some("'x&y'"));
    patch_code(
        &code,
        "a: 'x&y'\nb: 2\n",
        "a: x\nb: 2\n",
        Syntax::Yaml,
        &marks,
    );
    assert!(!line.is_same_node(code.first_child().as_ref()));
    assert_eq!(
        code.inner_html(),
        to_html("a: x\nb: 2\n", Syntax::Yaml, &marks)
    );

    // An element that no longer holds the old lines is written again from the new text.
    code.set_inner_html("");
    patch_code(&code, "a: 1\nb: 2\n", "a: 1\nb: 3\n", Syntax::Yaml, &marks);
    assert_eq!(
        code.inner_html(),
        to_html("a: 1\nb: 3\n", Syntax::Yaml, &marks)
    );
}

// --- diagnostics ---------------------------------------------------------------------------

#[wasm_bindgen_test]
async fn activating_a_diagnostic_moves_focus_to_its_field() {
    let mut start = config_from(HTTP_ONE_ORIGIN);
    start.allow_origins.push("https://bad.example.com/".into());
    start.max_age = Some(90000);
    let (config, report) = state(start);
    let sim_input = RwSignal::new(SimInput::default());
    let sim_open = RwSignal::new(false);
    let page = mount(move || {
        let (api_type, findings) = (api_type_of(config), findings_of(report));
        view! {
            <OriginsField config report findings api_type />
            <input id="max-age" />
            <Diagnostics report sim_input sim_open />
        }
    });

    let goto = page.find_all("[data-testid=diagnostics] li button.goto");
    let labels: Vec<String> = goto
        .iter()
        .map(|b| b.get_attribute("aria-label").unwrap())
        .collect();
    let codes: Vec<String> = page
        .find_all("[data-testid=diagnostics] li")
        .iter()
        .map(|li| li.get_attribute("data-code").unwrap())
        .collect();
    assert_eq!(codes, ["origin-trailing-slash", "max-age-http-limit"]);
    assert_eq!(labels, ["Go to origins", "Go to max-age"]);

    click(&goto[1]);
    assert_eq!(
        document()
            .active_element()
            .and_then(|e| e.get_attribute("id")),
        Some("max-age".to_owned())
    );
    click(&goto[0]);
    assert_eq!(
        document()
            .active_element()
            .and_then(|e| e.get_attribute("id")),
        Some("origins".to_owned())
    );

    // Fixing both leaves the note every HTTP API gets.
    config.update(|c| {
        c.allow_origins.truncate(1);
        c.max_age = Some(600);
    });
    settle().await;
    let codes: Vec<String> = page
        .find_all("[data-testid=diagnostics] li")
        .iter()
        .map(|li| li.get_attribute("data-code").unwrap())
        .collect();
    assert_eq!(codes, ["http-lambda-headers-ignored"]);
}

#[wasm_bindgen_test]
async fn show_in_simulator_fills_the_request_opens_the_panel_and_focuses_it() {
    let mut start = config_from(HTTP_ONE_ORIGIN);
    start.allow_origins = strings(&["*"]);
    let (_config, report) = state(start);
    let sim_input = RwSignal::new(SimInput::default());
    let sim_open = RwSignal::new(false);
    let page = mount(move || {
        view! {
            <Diagnostics report sim_input sim_open />
            <section id="simulator" tabindex="-1"></section>
        }
    });

    let links = page.find_all("[data-testid=show-in-simulator]");
    assert_eq!(
        links
            .iter()
            .map(|b| b.get_attribute("aria-label").unwrap())
            .collect::<Vec<_>>(),
        ["Show in simulator: wildcard-origin"],
        "only the finding a request can show has a link"
    );
    click(&links[0]);
    assert_eq!(
        sim_input.get_untracked(),
        SimInput {
            origin: Some("https://attacker.example".into()),
            method: "GET".into(),
            headers: String::new(),
            credentials: CredentialsMode::SameOrigin,
            tool: Some(Tool::Generated),
            authorizer: Some(AuthorizerPlacement::None),
            api_key: Some(false),
            gateway_responses: false,
        },
        "a page on another site asks, and may read the answer"
    );
    assert!(sim_open.get_untracked());
    assert_eq!(
        document()
            .active_element()
            .and_then(|e| e.get_attribute("id")),
        Some("simulator".to_owned())
    );
}
