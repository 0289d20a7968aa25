//! A labelled checkbox: the shape of every on/off choice on the page.

use leptos::prelude::*;

/// `<label class="choice"><input type="checkbox" id=… data-testid=…>…</label>`: checked while
/// `checked` says so; `on_toggle` gets the new state when the user changes it.
#[component]
pub fn Checkbox(
    /// The input's `id`, also its `data-testid`.
    #[prop(into)]
    id: String,
    checked: impl Fn() -> bool + Send + Sync + 'static,
    on_toggle: impl Fn(bool) + 'static,
    /// The input's `aria-describedby`, when it has one.
    #[prop(optional)]
    describedby: Option<&'static str>,
    children: Children,
) -> impl IntoView {
    // The property is written when the state changes, not on every edit of the configuration.
    let checked = Memo::new(move |_| checked());
    // The attribute gives the prerendered HTML its state (a property is not HTML); the
    // property follows the configuration after that.
    let initially = checked.get_untracked();
    view! {
        <label class="choice">
            <input
                type="checkbox"
                id=id.clone()
                data-testid=id
                aria-describedby=describedby
                checked=initially
                prop:checked=move || checked.get()
                on:change:target=move |ev| on_toggle(ev.target().checked())
            />
            {children()}
        </label>
    }
}
