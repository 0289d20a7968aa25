//! Where the configuration (with the tool the user deploys with) lives outside the page: the URL fragment (so a link reproduces it
//! and it never reaches a server), the browser's localStorage (so a reload keeps it) and a file
//! the user downloads (the command line's format).
//!
//! On load the fragment wins over the stored value. A stored value that cannot be read gives
//! the defaults and a notice. A link that cannot be read gives the defaults too, but never
//! costs the stored configuration: the page offers it ([`LinkOffer`]) and keeps no edit until
//! the user chooses. The stored value is removed when the configuration is the default one,
//! so Reset clears it. Nothing is written that the page would refuse to read back
//! ([`fits_share_limit`]): a configuration too large for that is kept in the page only, and
//! the page says so ([`Unsaved`]).

use apigw_cors::{
    decode_fragment_with_tool, decode_stored_with_tool, encode_fragment_with_tool,
    encode_stored_with_tool, fits_share_limit, CorsConfig, DeployTool, MAX_ENCODED_LEN,
};
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
    /// The tool whose outputs are shown first.
    pub tool: DeployTool,
    /// One sentence for a notice when a link or the stored value could not be read.
    pub notice: Option<String>,
    /// The stored value could not be read and should be removed.
    pub drop_stored: bool,
    /// The link could not be read and this configuration (and tool) is stored: the page
    /// offers it.
    pub saved: Option<(CorsConfig, DeployTool)>,
}

/// Chooses the starting configuration from the URL fragment (with or without its `#`) and the
/// stored value: a non-empty fragment wins; a stored value is used when there is none.
pub fn restore(fragment: &str, stored: Option<&str>) -> Restored {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    let shown = |(config, tool)| Restored {
        config,
        tool,
        notice: None,
        drop_stored: false,
        saved: None,
    };
    let unreadable = |error: apigw_cors::ShareError| Restored {
        config: CorsConfig::default(),
        tool: DeployTool::default(),
        notice: Some(error.to_string()),
        drop_stored: false,
        saved: None,
    };
    if !fragment.is_empty() {
        return match decode_fragment_with_tool(fragment) {
            Ok(found) => shown(found),
            Err(error) => Restored {
                saved: stored.and_then(|value| decode_stored_with_tool(value).ok()),
                ..unreadable(error)
            },
        };
    }
    match stored.map(decode_stored_with_tool) {
        None => shown((CorsConfig::default(), DeployTool::default())),
        Some(Ok(found)) => shown(found),
        Some(Err(error)) => Restored {
            drop_stored: true,
            ..unreadable(error)
        },
    }
}

/// Why the configuration on the page is not kept in the link and the browser.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unsaved {
    /// Longer than a link or a stored value the page reads back.
    TooLarge,
    /// The browser refused to store it (storage full or blocked).
    Refused,
}

impl Unsaved {
    /// One sentence for the notice.
    pub fn message(self) -> String {
        match self {
            Unsaved::TooLarge => format!(
                "Not saved: this configuration is larger than the {} KB a link or this browser's storage holds for this page. It stays here until you close the page (a reload shows the last saved one); Download configuration keeps it in a file.",
                MAX_ENCODED_LEN / 1024
            ),
            Unsaved::Refused => "Not saved in this browser: it refused to store the configuration (its storage is full or blocked). The link in the address bar still holds it, and Download configuration keeps it in a file.".to_owned(),
        }
    }
}

/// The value to keep for `config` and `tool`: `Ok(None)` (remove it) for the default
/// configuration with the default tool; `Err` when it is too large to read back.
pub fn stored_value(config: &CorsConfig, tool: DeployTool) -> Result<Option<String>, Unsaved> {
    if !fits_share_limit(config) {
        return Err(Unsaved::TooLarge);
    }
    let default = *config == CorsConfig::default() && tool == DeployTool::default();
    Ok((!default).then(|| encode_stored_with_tool(config, tool)))
}

/// The fragment for `config` and `tool` (without `#`); `None` when it is too large to read
/// back. (The tool adds at most a few characters after the record the limit counts.)
pub fn fragment(config: &CorsConfig, tool: DeployTool) -> Option<String> {
    fits_share_limit(config).then(|| encode_fragment_with_tool(config, tool))
}

/// The shareable address: `href` without its fragment, then `#` and the encoded configuration
/// and tool; `None` when the configuration is too large for a link.
pub fn link(href: &str, config: &CorsConfig, tool: DeployTool) -> Option<String> {
    let base = href.split('#').next().unwrap_or(href);
    Some(format!("{base}#{}", fragment(config, tool)?))
}

/// The configuration as a file for the command line (`apigw-cors generate FILE`).
pub fn config_file(config: &CorsConfig) -> String {
    let mut text = config.to_json();
    text.push('\n');
    text
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

/// Keeps `config` and `tool` in localStorage (or removes them when they are the defaults).
/// Storage may be unavailable (private windows, blocked cookies): then nothing is kept.
fn keep(config: &CorsConfig, tool: DeployTool) -> Result<(), Unsaved> {
    let value = stored_value(config, tool)?;
    let Some(storage) = local_storage() else {
        return Ok(());
    };
    match value {
        Some(value) => storage.set_item(STORAGE_KEY, &value),
        None => storage.remove_item(STORAGE_KEY),
    }
    .map_err(|_| Unsaved::Refused)
}

/// Shows `config` in the address bar without adding a history entry; `false` when it is too
/// large for a link, and then the address holds no configuration (rather than an older one).
pub fn show_in_address_bar(config: &CorsConfig, tool: DeployTool) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let shown = fragment(config, tool);
    let hash = shown.as_ref().map(|f| format!("#{f}")).unwrap_or_default();
    if window.location().hash().ok().as_deref() != Some(hash.as_str()) {
        let url = match &shown {
            Some(_) => hash,
            // Without a fragment: the address, less its `#…`.
            None => {
                let href = window.location().href().unwrap_or_default();
                href.split('#').next().unwrap_or_default().to_owned()
            }
        };
        if let Ok(history) = window.history() {
            let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
        }
    }
    shown.is_some()
}

/// The page's current address with `config` and `tool` as its fragment; `None` when it is too
/// large.
pub fn current_link(config: &CorsConfig, tool: DeployTool) -> Option<String> {
    let href = web_sys::window()?.location().href().ok()?;
    link(&href, config, tool)
}

/// The fragment of the current address, when it is not the one `config` and `tool` would
/// have: the user edited the address bar or followed another link to this page.
pub fn foreign_fragment(config: &CorsConfig, tool: DeployTool) -> Option<String> {
    let hash = web_sys::window()?.location().hash().ok()?;
    let found = hash.strip_prefix('#').unwrap_or(&hash);
    (!found.is_empty() && fragment(config, tool).as_deref() != Some(found))
        .then(|| found.to_owned())
}

/// A link that could not be read while a configuration is stored: the notice offers the stored
/// one, and until the user chooses, edits are shown but not stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkOffer {
    /// Why the link could not be read.
    pub message: String,
    /// The stored configuration.
    pub saved: CorsConfig,
    /// The stored tool.
    pub saved_tool: DeployTool,
}

/// What the page says about keeping the configuration: [`mirror`] writes these, the notices
/// read them.
#[derive(Debug, Clone, Copy)]
pub struct Saving {
    /// Why the configuration shown is not kept, when it is not.
    pub unsaved: RwSignal<Option<Unsaved>>,
    /// A link that could not be read and the stored configuration, until the user chooses.
    pub offer: RwSignal<Option<LinkOffer>>,
}

impl Saving {
    /// The starting state after `restored`; its notice, when not part of an offer, goes to
    /// the returned list.
    pub fn start(restored: &Restored) -> (Saving, Vec<String>) {
        let (offer, notices) = split_notice(restored);
        let saving = Saving {
            unsaved: RwSignal::new(None),
            offer: RwSignal::new(offer),
        };
        (saving, notices)
    }
}

/// An unreadable link with a stored configuration becomes an offer; any other notice is plain.
fn split_notice(restored: &Restored) -> (Option<LinkOffer>, Vec<String>) {
    match (&restored.notice, &restored.saved) {
        (Some(message), Some((saved, saved_tool))) => (
            Some(LinkOffer {
                message: message.clone(),
                saved: saved.clone(),
                saved_tool: *saved_tool,
            }),
            Vec::new(),
        ),
        (notice, _) => (None, notice.iter().cloned().collect()),
    }
}

/// Keeps the address bar and the stored value in step with `config` and `tool`, and follows a link to
/// this page opened in the same tab (a new fragment: its configuration, or the defaults and a
/// notice). Only edits are kept in storage: a configuration that came from a link is shown (and
/// in the address bar) but does not replace the kept one until it is edited, and while a link
/// that could not be read offers the stored one ([`Saving::offer`]), not even then.
///
/// Writes wait for a timer, the first one (the starting configuration) too:
/// `history.replaceState` lays the page out again when it runs right after the page changed
/// (several milliseconds per keystroke in Chromium), so it never runs in the task of an edit or
/// of the first render. Leaving the page writes a pending edit at once.
pub fn mirror(
    config: RwSignal<CorsConfig>,
    tool: RwSignal<DeployTool>,
    notices: RwSignal<Vec<String>>,
    saving: Saving,
) {
    let pending = StoredValue::new(Pending::default());
    // Set when a link opened in this tab replaced the configuration.
    let from_link = StoredValue::new(false);
    let flush = move || {
        let Pending { keep: edited, .. } = pending.get_value();
        pending.set_value(Pending::default());
        let held = saving.offer.with_untracked(Option::is_some);
        let tool = tool.get_untracked();
        let outcome = config.with_untracked(|config| {
            if !show_in_address_bar(config, tool) {
                Some(Err(Unsaved::TooLarge))
            } else if edited && !held {
                Some(keep(config, tool))
            } else {
                None
            }
        });
        let unsaved = match outcome {
            Some(Err(reason)) => Some(reason),
            Some(Ok(())) => None,
            // Nothing written: a refusal stands until a write succeeds.
            None => saving
                .unsaved
                .get_untracked()
                .filter(|&u| u == Unsaved::Refused),
        };
        if saving.unsaved.get_untracked() != unsaved {
            saving.unsaved.set(unsaved);
        }
    };
    Effect::new(move |started: Option<()>| {
        config.track();
        tool.track();
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
        let shown_tool = tool.get_untracked();
        let Some(found) = config.with_untracked(|c| foreign_fragment(c, shown_tool)) else {
            return;
        };
        // An edit not kept yet is kept now, before the link replaces it (the address bar
        // already shows the link).
        // Not while an offer holds them: then the stored configuration stays.
        if pending.get_value().keep {
            if saving.offer.with_untracked(Option::is_none) {
                let _ = config.with_untracked(|c| keep(c, shown_tool));
            }
            pending.update_value(|p| p.keep = false);
        }
        let stored = local_storage().and_then(|s| s.get_item(STORAGE_KEY).ok().flatten());
        let restored = restore(&found, stored.as_deref());
        let (offer, notice) = split_notice(&restored);
        notices.update(|list| list.extend(notice));
        saving.offer.set(offer);
        from_link.set_value(true);
        tool.set(restored.tool);
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
    use apigw_cors::{encode_fragment, encode_stored, encoded_len, ApiType};

    fn custom() -> CorsConfig {
        CorsConfig {
            api_type: ApiType::Rest,
            allow_origins: vec!["https://shop.example.com".into()],
            allow_credentials: true,
            ..CorsConfig::default()
        }
    }

    /// `custom()` with origins added until it is just too large for a link.
    fn too_large() -> CorsConfig {
        let mut config = custom();
        while fits_share_limit(&config) {
            let i = config.allow_origins.len();
            config
                .allow_origins
                .push(format!("https://customer-{i:05}.example.com"));
        }
        config
    }

    fn damaged_fragment() -> String {
        let mut fragment = encode_fragment(&custom());
        fragment.pop();
        fragment.push(if fragment.ends_with('A') { 'B' } else { 'A' });
        fragment
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
                tool: DeployTool::Sam,
                notice: None,
                drop_stored: false,
                saved: None,
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
    fn a_damaged_link_gives_the_defaults_a_notice_and_offers_the_stored_value() {
        let restored = restore(&damaged_fragment(), Some(&encode_stored(&custom())));
        assert_eq!(restored.config, CorsConfig::default());
        assert!(!restored.drop_stored);
        assert_eq!(restored.saved, Some((custom(), DeployTool::Sam)));
        let notice = restored.notice.clone().unwrap();
        assert_eq!(
            notice,
            "The configuration in this link is damaged or incomplete (its checksum does not match); the defaults are shown instead."
        );
        // The notice becomes the offer's message, not a plain notice.
        assert_eq!(
            split_notice(&restored),
            (
                Some(LinkOffer {
                    message: notice,
                    saved: custom(),
                    saved_tool: DeployTool::Sam,
                }),
                vec![]
            )
        );
    }

    #[test]
    fn a_damaged_link_without_a_readable_stored_value_is_a_plain_notice() {
        for stored in [None, Some("s1.AAAA")] {
            let restored = restore(&damaged_fragment(), stored);
            assert_eq!(restored.saved, None);
            assert!(
                !restored.drop_stored,
                "the link's damage never drops storage"
            );
            let (offer, notices) = split_notice(&restored);
            assert_eq!(offer, None);
            assert_eq!(notices.len(), 1);
        }
    }

    #[test]
    fn an_unsupported_stored_value_is_dropped_with_a_notice() {
        let restored = restore("", Some("s0.AAAA"));
        assert_eq!(restored.config, CorsConfig::default());
        assert!(restored.drop_stored);
        assert_eq!(restored.saved, None);
        assert_eq!(
            restored.notice.as_deref(),
            Some("The saved configuration was made by a version of this tool that this one cannot read (format \"s0\"), so it was dropped; the defaults are shown instead.")
        );
    }

    #[test]
    fn the_default_configuration_is_not_stored() {
        assert_eq!(
            stored_value(&CorsConfig::default(), DeployTool::Sam),
            Ok(None)
        );
        assert_eq!(
            stored_value(&custom(), DeployTool::Sam),
            Ok(Some(encode_stored(&custom())))
        );
        // The default configuration with another tool is kept: the tool is a choice too.
        assert_eq!(
            stored_value(&CorsConfig::default(), DeployTool::Cdk),
            Ok(Some(format!(
                "{}.cdk",
                encode_stored(&CorsConfig::default())
            )))
        );
    }

    /// The page never writes what it would refuse to read: a stored value or a link is written
    /// only when it reads back, so no stored value is ever dropped as too long.
    #[test]
    fn nothing_too_large_to_read_back_is_written() {
        let large = too_large();
        assert_eq!(encoded_len(&large), encode_stored(&large).len());
        assert!(encoded_len(&large) > MAX_ENCODED_LEN);
        assert_eq!(
            stored_value(&large, DeployTool::CloudFormation),
            Err(Unsaved::TooLarge)
        );
        assert_eq!(fragment(&large, DeployTool::Sam), None);
        assert_eq!(
            link("http://127.0.0.1:8080/", &large, DeployTool::Sam),
            None
        );

        // One origin fewer fits, and what is written reads back as the same configuration.
        let mut fits = large;
        fits.allow_origins.pop();
        // The longest tool id: the limit counts the record, and the tool is read after it.
        let tool = DeployTool::CloudFormation;
        let value = stored_value(&fits, tool).unwrap().unwrap();
        assert_eq!(restore("", Some(&value)).config, fits);
        assert_eq!(restore("", Some(&value)).tool, tool);
        assert!(!restore("", Some(&value)).drop_stored);
        let fragment = fragment(&fits, tool).unwrap();
        assert_eq!(restore(&fragment, None).config, fits);
        assert_eq!(restore(&fragment, None).tool, tool);
    }

    #[test]
    fn a_link_replaces_any_fragment() {
        let fragment = encode_fragment(&custom());
        assert_eq!(
            link(
                "https://example.com/cors/?x=1#v1.old",
                &custom(),
                DeployTool::Sam
            ),
            Some(format!("https://example.com/cors/?x=1#{fragment}"))
        );
        assert_eq!(
            link("http://127.0.0.1:8080/", &custom(), DeployTool::OpenApi),
            Some(format!("http://127.0.0.1:8080/#{fragment}.openapi"))
        );
    }

    #[test]
    fn the_tool_comes_back_from_the_link_and_from_storage_and_old_values_mean_sam() {
        let stored = stored_value(&custom(), DeployTool::Terraform)
            .unwrap()
            .unwrap();
        let linked = fragment(&custom(), DeployTool::AwsCli).unwrap();
        // The link wins, tool included.
        let restored = restore(&linked, Some(&stored));
        assert_eq!(
            (restored.config, restored.tool),
            (custom(), DeployTool::AwsCli)
        );
        let restored = restore("", Some(&stored));
        assert_eq!(
            (restored.config, restored.tool),
            (custom(), DeployTool::Terraform)
        );
        // Links and stored values written before tools were kept open exactly as before, with SAM.
        let old_link = restore(&encode_fragment(&custom()), None);
        assert_eq!(
            (old_link.config, old_link.tool),
            (custom(), DeployTool::Sam)
        );
        let old_stored = restore("", Some(&encode_stored(&custom())));
        assert_eq!(
            (old_stored.config, old_stored.tool),
            (custom(), DeployTool::Sam)
        );
        // A damaged link offers the stored configuration with its tool.
        let restored = restore(&damaged_fragment(), Some(&stored));
        assert_eq!(restored.saved, Some((custom(), DeployTool::Terraform)));
    }

    #[test]
    fn the_downloaded_file_is_the_command_lines_format() {
        let file = config_file(&custom());
        assert!(file.ends_with("}\n"));
        assert_eq!(CorsConfig::from_json(&file), Ok(custom()));
        assert_eq!(
            Unsaved::TooLarge.message(),
            "Not saved: this configuration is larger than the 64 KB a link or this browser's storage holds for this page. It stays here until you close the page (a reload shows the last saved one); Download configuration keeps it in a file."
        );
    }
}
