//! The page's few contacts with the browser outside the DOM tree Leptos manages: the
//! clipboard, file downloads and moving focus.

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
