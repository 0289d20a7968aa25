//! How much the page works on as the user types. Checking and generating are linear in the
//! configuration, but ten highlighted panels of a 20,000-origin list still took seconds a
//! keystroke; past these bounds the page keeps the text as typed and says so at the field,
//! instead of freezing. The command line takes any size.
//!
//! The size bound is the link's: a configuration the page works on always fits a link and the
//! browser's storage ([`fits_share_limit`]), so everything it checks is also kept.

use apigw_cors::{check, encoded_len, CorsConfig, Field, Report, MAX_ENCODED_LEN};
use leptos::prelude::*;

/// The most entries of one list (origins, methods, request or exposed headers) the page checks
/// and generates as the user types. Measured with `e2e/bench-large.mjs` (keydown to the next
/// frame, release build, headless Chromium on two shared cores): 100 origins 45 ms, 250 and 500
/// origins 80 ms (slowest 140 ms), 1,000 origins 240 ms; real configurations list a few.
pub const MAX_LIVE_ENTRIES: usize = 500;

/// The file "Download configuration" writes, named in the messages.
pub const CONFIG_FILE_NAME: &str = "cors-config.json";

/// What puts a configuration beyond the page's bounds, and where.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Excess {
    /// A list has more than [`MAX_LIVE_ENTRIES`] entries.
    Entries {
        /// The list.
        field: Field,
        /// How many entries it has.
        count: usize,
    },
    /// The configuration is longer than a link can be; `field` holds the most text.
    Size {
        /// The field with the most text, where the message is shown.
        field: Field,
        /// The configuration's length as a link, in bytes.
        link_len: usize,
    },
}

impl Excess {
    /// The field the message is shown beside.
    pub fn field(self) -> Field {
        match self {
            Excess::Entries { field, .. } | Excess::Size { field, .. } => field,
        }
    }

    /// One sentence for beside the field: how much there is and the bound.
    pub fn message(self) -> String {
        match self {
            Excess::Entries { field, count } => format!(
                "{} {}: more than the {} per list this page checks as you type.",
                grouped(count),
                entry_noun(field),
                grouped(MAX_LIVE_ENTRIES),
            ),
            Excess::Size { link_len, .. } => format!(
                "This configuration is {} KB as a link: more than the {} KB this page checks and saves as you type.",
                grouped(link_len.div_ceil(1024)),
                MAX_ENCODED_LEN / 1024,
            ),
        }
    }
}

/// Where the configuration is beyond the page's bounds; empty when the page works on it. One
/// pass over the text, without encoding it.
pub fn excess(config: &CorsConfig) -> Vec<Excess> {
    let lists = [
        (Field::AllowOrigins, &config.allow_origins),
        (Field::AllowMethods, &config.allow_methods),
        (Field::AllowHeaders, &config.allow_headers),
        (Field::ExposeHeaders, &config.expose_headers),
    ];
    let mut found: Vec<Excess> = lists
        .iter()
        .filter(|(_, list)| list.len() > MAX_LIVE_ENTRIES)
        .map(|&(field, list)| Excess::Entries {
            field,
            count: list.len(),
        })
        .collect();
    let link_len = encoded_len(config);
    if link_len > MAX_ENCODED_LEN {
        found.push(Excess::Size {
            field: longest_field(config),
            link_len,
        });
    }
    found
}

/// What follows the messages: nothing is lost (said as it is: kept in the link and the
/// browser, or only in the form), and where to take the configuration.
pub fn what_to_do(excess: &[Excess]) -> String {
    let kept = match excess.iter().any(|e| matches!(e, Excess::Size { .. })) {
        true => "the text stays in the form, but neither the link nor this browser keeps it",
        false => "the link and this browser keep it",
    };
    format!(
        "Nothing is lost: {kept}. Download the configuration ({CONFIG_FILE_NAME}) and run `apigw-cors generate {CONFIG_FILE_NAME}`: the command line takes any size."
    )
}

/// What the outputs, the checks and the simulator show instead of their content: "Not
/// {undone} as you type", why, and what to do.
pub fn summary(excess: &[Excess], undone: &str) -> String {
    let reasons: Vec<String> = excess
        .iter()
        .map(|e| format!("{}: {}", e.field(), e.message()))
        .collect();
    format!(
        "Not {undone} as you type:\n{}\n{}",
        reasons.join("\n"),
        what_to_do(excess)
    )
}

/// The bound for the configuration on the page, for every view that reads it. The page
/// provides it as context ([`LiveLimit::provide`]); a component mounted without it (the
/// component tests) works on any configuration.
#[derive(Debug, Clone, Copy)]
pub struct LiveLimit(Memo<Vec<Excess>>);

impl LiveLimit {
    /// Follows `config` and provides the bound to the views below.
    pub fn provide(config: RwSignal<CorsConfig>) -> LiveLimit {
        let limit = LiveLimit(Memo::new(move |_| config.with(excess)));
        provide_context(limit);
        limit
    }

    /// The bound provided by the page, if any.
    pub fn from_context() -> Option<LiveLimit> {
        use_context()
    }

    /// Whether the page works on the configuration (tracked).
    pub fn within(self) -> bool {
        self.0.with(Vec::is_empty)
    }

    /// What the outputs, checks and simulator show instead, when beyond the bound: "Not
    /// {undone} as you type…" (tracked).
    pub fn summary(self, undone: &str) -> Option<String> {
        self.0
            .with(|found| (!found.is_empty()).then(|| summary(found, undone)))
    }

    /// The messages beside `field`, when the bound is exceeded there (tracked).
    pub fn note(self, field: Field) -> Option<String> {
        self.0.with(|found| {
            let here: Vec<String> = found
                .iter()
                .filter(|e| e.field() == field)
                .map(|e| e.message())
                .collect();
            (!here.is_empty()).then(|| format!("{} {}", here.join(" "), what_to_do(found)))
        })
    }
}

/// The report every view reads: `config` checked, or, beyond `limit`, nothing (the views say
/// why instead). Without a limit (the keystroke benchmark's stand-in) any configuration is
/// checked.
pub fn report_of(config: RwSignal<CorsConfig>, limit: Option<LiveLimit>) -> Memo<Report> {
    Memo::new(move |_| {
        if limit.is_none_or(LiveLimit::within) {
            config.with(check)
        } else {
            Report {
                config: None,
                diagnostics: Vec::new(),
            }
        }
    })
}

/// The text field holding the most bytes (origins when none does).
fn longest_field(config: &CorsConfig) -> Field {
    let list_len = |list: &[String]| list.iter().map(String::len).sum::<usize>();
    let fields = [
        (Field::AllowOrigins, list_len(&config.allow_origins)),
        (Field::AllowMethods, list_len(&config.allow_methods)),
        (Field::AllowHeaders, list_len(&config.allow_headers)),
        (Field::ExposeHeaders, list_len(&config.expose_headers)),
        (
            Field::AuthorizerHeader,
            config.authorizer_header.as_ref().map_or(0, String::len),
        ),
        (
            Field::PayloadFormatVersion,
            config
                .payload_format_version
                .as_ref()
                .map_or(0, String::len),
        ),
    ];
    let mut longest = fields[0];
    for candidate in fields {
        if candidate.1 > longest.1 {
            longest = candidate;
        }
    }
    longest.0
}

fn entry_noun(field: Field) -> &'static str {
    match field {
        Field::AllowOrigins => "origins",
        Field::AllowMethods => "methods",
        Field::AllowHeaders => "request headers",
        Field::ExposeHeaders => "exposed headers",
        _ => "entries",
    }
}

/// `20000` as `20,000`.
fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use apigw_cors::{decode_stored, encode_stored, fits_share_limit};

    fn origins(count: usize, len: usize) -> Vec<String> {
        (0..count)
            .map(|i| format!("https://{i:0>width$}.com", width = len - 12))
            .collect()
    }

    #[test]
    fn numbers_are_grouped_by_thousands() {
        for (n, text) in [
            (0, "0"),
            (999, "999"),
            (1000, "1,000"),
            (20000, "20,000"),
            (1234567, "1,234,567"),
        ] {
            assert_eq!(grouped(n), text);
        }
    }

    #[test]
    fn the_default_and_a_list_at_the_bound_are_worked_on() {
        assert_eq!(excess(&CorsConfig::default()), []);
        let config = CorsConfig {
            allow_origins: origins(MAX_LIVE_ENTRIES, 30),
            ..CorsConfig::default()
        };
        assert_eq!(excess(&config), []);
    }

    #[test]
    fn too_many_entries_are_named_at_their_list_and_kept_when_they_fit_a_link() {
        let config = CorsConfig {
            expose_headers: vec!["X-A".into(); MAX_LIVE_ENTRIES + 1],
            ..CorsConfig::default()
        };
        assert!(fits_share_limit(&config));
        let found = excess(&config);
        assert_eq!(
            found,
            [Excess::Entries {
                field: Field::ExposeHeaders,
                count: 501
            }]
        );
        assert_eq!(
            summary(&found, "generated"),
            "Not generated as you type:\n\
             exposeHeaders: 501 exposed headers: more than the 500 per list this page checks as you type.\n\
             Nothing is lost: the link and this browser keep it. \
             Download the configuration (cors-config.json) and run `apigw-cors generate cors-config.json`: \
             the command line takes any size."
        );
    }

    #[test]
    fn a_pasted_list_beyond_both_bounds_is_named_twice_at_its_field() {
        let config = CorsConfig {
            allow_origins: origins(20_000, 27),
            ..CorsConfig::default()
        };
        let link_len = encoded_len(&config);
        let found = excess(&config);
        assert_eq!(
            found,
            [
                Excess::Entries {
                    field: Field::AllowOrigins,
                    count: 20_000
                },
                Excess::Size {
                    field: Field::AllowOrigins,
                    link_len
                },
            ]
        );
        assert_eq!(link_len.div_ceil(1024), 730);
        assert_eq!(
            found[0].message(),
            "20,000 origins: more than the 500 per list this page checks as you type."
        );
        assert_eq!(
            summary(&found, "checked"),
            "Not checked as you type:\n\
             allowOrigins: 20,000 origins: more than the 500 per list this page checks as you type.\n\
             allowOrigins: This configuration is 730 KB as a link: more than the 64 KB this page checks and saves as you type.\n\
             Nothing is lost: the text stays in the form, but neither the link nor this browser keeps it. \
             Download the configuration (cors-config.json) and run `apigw-cors generate cors-config.json`: \
             the command line takes any size."
        );
    }

    #[test]
    fn a_configuration_longer_than_a_link_is_named_at_its_longest_field() {
        // 450 origins of 160 bytes: within the count, beyond the link.
        let config = CorsConfig {
            allow_origins: origins(450, 160),
            allow_headers: vec!["X-Custom".into()],
            ..CorsConfig::default()
        };
        let link_len = encoded_len(&config);
        assert_eq!(
            excess(&config),
            [Excess::Size {
                field: Field::AllowOrigins,
                link_len
            }]
        );
        assert_eq!(
            Excess::Size {
                field: Field::AllowOrigins,
                link_len: 97 * 1024 + 1
            }
            .message(),
            "This configuration is 98 KB as a link: more than the 64 KB this page checks and saves as you type."
        );
        // A 5 MB authorizer header is named there.
        let pasted = CorsConfig {
            authorizer_header: Some("X".repeat(5 << 20)),
            ..CorsConfig::default()
        };
        assert_eq!(excess(&pasted)[0].field(), Field::AuthorizerHeader);
    }

    /// Whatever the page works on, it can keep: the stored value reads back as the same
    /// configuration, for every size up to the bound and just past it.
    #[test]
    fn everything_worked_on_is_kept_and_reads_back() {
        let mut outcomes = Vec::new();
        for count in [1, 10, 100, 300, 400, MAX_LIVE_ENTRIES] {
            for len in [20, 60, 120, 200] {
                let config = CorsConfig {
                    allow_origins: origins(count, len),
                    ..CorsConfig::default()
                };
                let worked_on = excess(&config).is_empty();
                assert_eq!(worked_on, fits_share_limit(&config), "{count} × {len}");
                if worked_on {
                    assert_eq!(decode_stored(&encode_stored(&config)), Ok(config));
                }
                outcomes.push(worked_on);
            }
        }
        assert!(outcomes.contains(&true) && outcomes.contains(&false));
    }
}
