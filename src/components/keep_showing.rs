//! The text fields that edit one value: the field follows the configuration without rewriting
//! what the user is typing.

use leptos::html::Input;
use leptos::prelude::*;

/// Outside world only: `input` shows `value` (written out by `show`) unless its text already
/// `reads_as` that value, so an edit from elsewhere (Reset, a link, an import) shows while the
/// user's own typing is kept as typed.
pub fn keep_showing<T: Clone + Send + Sync + 'static>(
    input: NodeRef<Input>,
    value: Memo<T>,
    reads_as: impl Fn(&str, &T) -> bool + 'static,
    show: impl Fn(&T) -> String + 'static,
) {
    Effect::new(move |_| {
        let value = value.get();
        if let Some(input) = input.get() {
            if !reads_as(&input.value(), &value) {
                input.set_value(&show(&value));
            }
        }
    });
}
