//! Where the configuration lives outside the page: the URL fragment (so a link reproduces it
//! and it never reaches a server) and the browser's localStorage (so a reload keeps it).
//!
//! On load the fragment wins over the stored value; anything that cannot be read gives the
//! defaults and a notice. The stored value is removed when the configuration is the default one,
//! so Reset clears it.

use apigw_cors::{decode_fragment, decode_stored, encode_fragment, encode_stored, CorsConfig};
use leptos::prelude::*;
use std::time::Duration;

/// How long after an edit the address bar and the stored value are written (the edits in between
/// are written together). At most one history update per interval: Chromium ignores history
/// updates beyond 200 in 10 seconds (with a console warning), which fast typing or pasting
/// could reach. By then the panels' frame has been drawn.
const WRITE_DELAY_MS: u64 = 100;

/// The localStorage key of the last configuration.
pub const STORAGE_KEY: &str = "apigw-cors:config";

/// The configuration the page starts with, and why it is not the expected one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Restored {
    /// What the form shows first.
    pub config: CorsConfig,
    /// One sentence for a notice when a link or the stored value could not be read.
    pub notice: Option<String>,
    /// The stored value could not be read and should be removed.
    pub drop_stored: bool,
}

/// Chooses the starting configuration from the URL fragment (with or without its `#`) and the
/// stored value: a non-empty fragment wins; a stored value is used when there is none.
pub fn restore(fragment: &str, stored: Option<&str>) -> Restored {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    let from = |result: Result<CorsConfig, apigw_cors::ShareError>, drop_stored| match result {
        Ok(config) => Restored {
            config,
            notice: None,
            drop_stored: false,
        },
        Err(error) => Restored {
            config: CorsConfig::default(),
            notice: Some(error.to_string()),
            drop_stored,
        },
    };
    match stored {
        _ if !fragment.is_empty() => from(decode_fragment(fragment), false),
        Some(value) => from(decode_stored(value), true),
        None => from(Ok(CorsConfig::default()), false),
    }
}

/// The value to keep for `config`: `None` (remove it) for the default configuration.
pub fn stored_value(config: &CorsConfig) -> Option<String> {
    (*config != CorsConfig::default()).then(|| encode_stored(config))
}

/// The shareable address: `href` without its fragment, then `#` and the encoded configuration.
pub fn link(href: &str, config: &CorsConfig) -> String {
    let base = href.split('#').next().unwrap_or(href);
    format!("{base}#{}", encode_fragment(config))
}

/// Reads the browser's fragment and stored value; removes a stored value that cannot be read.
pub fn restore_from_browser() -> Restored {
    let fragment = web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default();
    let storage = local_storage();
    let stored = storage
        .as_ref()
        .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten());
    let restored = restore(&fragment, stored.as_deref());
    if restored.drop_stored {
        if let Some(storage) = &storage {
            let _ = storage.remove_item(STORAGE_KEY);
        }
    }
    restored
}

/// Keeps `config` in localStorage (or removes it when it is the default). Storage may be
/// unavailable (private windows, blocked cookies): then nothing is kept.
pub fn keep(config: &CorsConfig) {
    let Some(storage) = local_storage() else {
        return;
    };
    let _ = match stored_value(config) {
        Some(value) => storage.set_item(STORAGE_KEY, &value),
        None => storage.remove_item(STORAGE_KEY),
    };
}

/// Shows `config` in the address bar without adding a history entry.
pub fn show_in_address_bar(config: &CorsConfig) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let fragment = format!("#{}", encode_fragment(config));
    if window.location().hash().ok().as_deref() == Some(fragment.as_str()) {
        return;
    }
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&fragment));
    }
}

/// The page's current address with `config` as its fragment.
pub fn current_link(config: &CorsConfig) -> Option<String> {
    let href = web_sys::window()?.location().href().ok()?;
    Some(link(&href, config))
}

/// The fragment of the current address, when it is not the one `config` would have: the user
/// edited the address bar or followed another link to this page.
pub fn foreign_fragment(config: &CorsConfig) -> Option<String> {
    let hash = web_sys::window()?.location().hash().ok()?;
    let fragment = hash.strip_prefix('#').unwrap_or(&hash);
    (!fragment.is_empty() && fragment != encode_fragment(config)).then(|| fragment.to_owned())
}

/// Keeps the address bar and the stored value in step with `config`, and follows a link to
/// this page opened in the same tab (a new fragment: its configuration, or the defaults and a
/// notice). Only edits are kept in storage: a configuration that came from a link is shown (and
/// in the address bar) but does not replace the kept one until it is edited.
///
/// Writes wait for a timer, the first one (the starting configuration) too:
/// `history.replaceState` lays the page out again when it runs right after the page changed
/// (several milliseconds per keystroke in Chromium), so it never runs in the task of an edit or
/// of the first render. Leaving the page writes a pending edit at once.
pub fn mirror(config: RwSignal<CorsConfig>, notices: RwSignal<Vec<String>>) {
    let pending = StoredValue::new(Pending::default());
    // Set when a link opened in this tab replaced the configuration.
    let from_link = StoredValue::new(false);
    let flush = move || {
        let Pending { keep: edited, .. } = pending.get_value();
        pending.set_value(Pending::default());
        config.with_untracked(|config| {
            if edited {
                keep(config);
            }
            show_in_address_bar(config);
        });
    };
    Effect::new(move |started: Option<()>| {
        config.track();
        // The starting configuration is shown, not edited.
        let edited = started.is_some() && !from_link.get_value();
        from_link.set_value(false);
        let Pending { scheduled, keep } = pending.get_value();
        pending.set_value(Pending {
            scheduled: true,
            keep: keep || edited,
        });
        if !scheduled {
            set_timeout(
                move || {
                    if pending.get_value().scheduled {
                        flush();
                    }
                },
                Duration::from_millis(WRITE_DELAY_MS),
            );
        }
    });
    let _ = window_event_listener(leptos::ev::pagehide, move |_| {
        if pending.get_value().scheduled {
            flush();
        }
    });
    let _ = window_event_listener(leptos::ev::hashchange, move |_| {
        let Some(fragment) = config.with_untracked(foreign_fragment) else {
            return;
        };
        // An edit not kept yet is kept now, before the link replaces it (the address bar
        // already shows the link).
        if pending.get_value().keep {
            config.with_untracked(keep);
            pending.update_value(|p| p.keep = false);
        }
        let restored = restore(&fragment, None);
        if let Some(notice) = restored.notice {
            notices.update(|list| list.push(notice));
        }
        from_link.set_value(true);
        config.set(restored.config);
    });
}

/// Writes waiting for [`mirror`]'s timer.
#[derive(Debug, Clone, Copy, Default)]
struct Pending {
    /// The timer is set: the address bar lags behind the configuration.
    scheduled: bool,
    /// The configuration was edited since it was last kept in storage.
    keep: bool,
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

#[cfg(test)]
mod tests {
    use super::*;
    use apigw_cors::ApiType;

    fn custom() -> CorsConfig {
        CorsConfig {
            api_type: ApiType::Rest,
            allow_origins: vec!["https://shop.example.com".into()],
            allow_credentials: true,
            ..CorsConfig::default()
        }
    }

    #[test]
    fn the_fragment_wins_over_the_stored_value() {
        let other = CorsConfig {
            max_age: Some(5),
            ..CorsConfig::default()
        };
        let restored = restore(
            &format!("#{}", encode_fragment(&custom())),
            Some(&encode_stored(&other)),
        );
        assert_eq!(
            restored,
            Restored {
                config: custom(),
                notice: None,
                drop_stored: false
            }
        );
    }

    #[test]
    fn the_stored_value_is_used_without_a_fragment() {
        for fragment in ["", "#"] {
            let restored = restore(fragment, Some(&encode_stored(&custom())));
            assert_eq!(restored.config, custom());
            assert_eq!(restored.notice, None);
            assert!(!restored.drop_stored);
        }
        assert_eq!(restore("", None).config, CorsConfig::default());
        assert_eq!(restore("", None).notice, None);
    }

    #[test]
    fn a_damaged_link_gives_the_defaults_a_notice_and_keeps_the_stored_value() {
        let mut fragment = encode_fragment(&custom());
        fragment.pop();
        fragment.push(if fragment.ends_with('A') { 'B' } else { 'A' });
        let restored = restore(&fragment, Some(&encode_stored(&custom())));
        assert_eq!(restored.config, CorsConfig::default());
        assert!(!restored.drop_stored);
        let notice = restored.notice.unwrap();
        assert!(
            notice.starts_with("The configuration in this link is damaged or incomplete"),
            "{notice}"
        );
    }

    #[test]
    fn an_unsupported_stored_value_is_dropped_with_a_notice() {
        let restored = restore("", Some("s0.AAAA"));
        assert_eq!(restored.config, CorsConfig::default());
        assert!(restored.drop_stored);
        assert_eq!(
            restored.notice.as_deref(),
            Some("The saved configuration was made by a version of this tool that this one cannot read (format \"s0\"), so it was dropped; the defaults are shown instead.")
        );
    }

    #[test]
    fn the_default_configuration_is_not_stored() {
        assert_eq!(stored_value(&CorsConfig::default()), None);
        assert_eq!(stored_value(&custom()), Some(encode_stored(&custom())));
    }

    #[test]
    fn a_link_replaces_any_fragment() {
        let fragment = encode_fragment(&custom());
        assert_eq!(
            link("https://example.com/cors/?x=1#v1.old", &custom()),
            format!("https://example.com/cors/?x=1#{fragment}")
        );
        assert_eq!(
            link("http://127.0.0.1:8080/", &custom()),
            format!("http://127.0.0.1:8080/#{fragment}")
        );
    }
}
