//! A deployed API's answers against a configuration: every value the configuration sets that
//! the live answers show differently (a stage still serving an older deployment, a hand-made
//! change, another tool's defaults).

use super::values;
use crate::field::Field;
use crate::model::{AllowedMethods, ValidCorsConfig};
use crate::simulate::{HttpResponse, LiveRun};
use serde::Serialize;

/// One value the configuration and the live API disagree on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Difference {
    /// The configuration field.
    pub field: Field,
    /// What the configuration says, as a browser would see it.
    pub configured: String,
    /// What the API answered.
    pub live: String,
}

impl Difference {
    /// One sentence: the field, both values.
    pub fn describe(&self) -> String {
        format!(
            "{}: the configuration says {}; the API answers {}",
            self.field.key(),
            self.configured,
            self.live
        )
    }
}

/// The result of comparing: the differences, and the fields the answers cannot show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Comparison {
    /// Every difference, in the configuration's field order.
    pub differences: Vec<Difference>,
    /// Fields the answers did not show (no preflight was sent, or only an error came back),
    /// with why.
    pub not_compared: Vec<(Field, &'static str)>,
}

/// Why a field could not be compared.
const NO_PREFLIGHT: &str = "no successful preflight answer to read it from (give a --method or --header that needs a preflight)";
const NO_RESPONSE: &str = "no successful response to the request to read it from";

/// Compares the last preflight answer (200-299) and the last response to the request (below
/// 400, not a redirect) with `config`. Lists are compared as sets, names without case;
/// OPTIONS is left out of the methods (tools add it on their own).
pub fn compare(run: &LiveRun, config: &ValidCorsConfig) -> Comparison {
    let mut differences = Vec::new();
    let mut not_compared = Vec::new();
    let last = |kind: &str| {
        run.exchanges
            .iter()
            .rev()
            .find(|exchange| exchange.kind == kind)
            .map(|exchange| &exchange.response)
    };
    let preflight = last("preflight").filter(|r| (200..=299).contains(&r.status));
    let actual = last("actual").filter(|r| r.status < 300);
    let origin = &run.simulation.page_origin;

    match preflight.or(actual) {
        Some(response) => {
            let configured = config.origins.allows(origin);
            let answered = values(response, "Access-Control-Allow-Origin");
            let live = matches!(answered.as_slice(), [one] if *one == "*" || one == origin);
            if configured != live {
                differences.push(Difference {
                    field: Field::AllowOrigins,
                    configured: if configured {
                        format!("{origin} is allowed")
                    } else {
                        format!("{origin} is not allowed")
                    },
                    live: shown_list("Access-Control-Allow-Origin", &answered),
                });
            }
        }
        None => not_compared.push((Field::AllowOrigins, NO_RESPONSE)),
    }

    match preflight {
        Some(response) => {
            compare_methods(response, config, &mut differences);
            compare_names(
                response,
                "Access-Control-Allow-Headers",
                Field::AllowHeaders,
                &config.allow_headers,
                &mut differences,
            );
            let max_age = values(response, "Access-Control-Max-Age");
            let configured = config.max_age.map(|n| n.to_string());
            let live = max_age.first().map(|v| v.trim().to_owned());
            if configured != live {
                differences.push(Difference {
                    field: Field::MaxAge,
                    configured: configured.map_or("no Access-Control-Max-Age".into(), |v| {
                        format!("Access-Control-Max-Age: {v}")
                    }),
                    live: shown_list("Access-Control-Max-Age", &max_age),
                });
            }
        }
        None => {
            for field in [Field::AllowMethods, Field::AllowHeaders, Field::MaxAge] {
                not_compared.push((field, NO_PREFLIGHT));
            }
        }
    }

    match preflight.or(actual) {
        Some(response) => {
            let answered = values(response, "Access-Control-Allow-Credentials");
            let live = matches!(answered.as_slice(), ["true"]);
            if live != config.allow_credentials {
                differences.push(Difference {
                    field: Field::AllowCredentials,
                    configured: if config.allow_credentials {
                        "Access-Control-Allow-Credentials: true".into()
                    } else {
                        "no Access-Control-Allow-Credentials".into()
                    },
                    live: shown_list("Access-Control-Allow-Credentials", &answered),
                });
            }
        }
        None => not_compared.push((Field::AllowCredentials, NO_RESPONSE)),
    }

    match actual {
        Some(response) => compare_names(
            response,
            "Access-Control-Expose-Headers",
            Field::ExposeHeaders,
            &config.expose_headers,
            &mut differences,
        ),
        None => not_compared.push((Field::ExposeHeaders, NO_RESPONSE)),
    }
    differences.sort_by_key(|d| Field::ALL.iter().position(|f| *f == d.field));
    Comparison {
        differences,
        not_compared,
    }
}

/// `Name: v1 | Name: v2`, or `no Name`.
fn shown_list(name: &str, values: &[&str]) -> String {
    if values.is_empty() {
        return format!("no {name}");
    }
    values
        .iter()
        .map(|v| format!("{name}: {v}"))
        .collect::<Vec<_>>()
        .join(" | ")
}

/// The comma-separated names of every `name` header, trimmed, empty ones skipped.
fn listed(response: &HttpResponse, name: &str) -> Vec<String> {
    values(response, name)
        .iter()
        .flat_map(|v| v.split(','))
        .map(|v| v.trim().to_owned())
        .filter(|v| !v.is_empty())
        .collect()
}

fn compare_methods(
    response: &HttpResponse,
    config: &ValidCorsConfig,
    differences: &mut Vec<Difference>,
) {
    let configured: Vec<String> = match &config.methods {
        AllowedMethods::Any => vec!["*".into()],
        AllowedMethods::List(list) => list.iter().map(|m| m.as_str().to_owned()).collect(),
    };
    let live = listed(response, "Access-Control-Allow-Methods");
    let without_options = |list: &[String]| -> Vec<String> {
        list.iter().filter(|m| *m != "OPTIONS").cloned().collect()
    };
    push_set_differences(
        Field::AllowMethods,
        "Access-Control-Allow-Methods",
        &without_options(&configured),
        &without_options(&live),
        |a, b| a == b,
        differences,
    );
}

fn compare_names(
    response: &HttpResponse,
    header: &str,
    field: Field,
    configured: &[String],
    differences: &mut Vec<Difference>,
) {
    let live = listed(response, header);
    push_set_differences(
        field,
        header,
        configured,
        &live,
        |a, b| a.eq_ignore_ascii_case(b),
        differences,
    );
}

/// One difference per name on only one side.
fn push_set_differences(
    field: Field,
    header: &str,
    configured: &[String],
    live: &[String],
    same: impl Fn(&str, &str) -> bool,
    differences: &mut Vec<Difference>,
) {
    for name in configured {
        if !live.iter().any(|l| same(l, name)) {
            differences.push(Difference {
                field,
                configured: format!("{name} is allowed"),
                live: format!("{header} without {name}"),
            });
        }
    }
    for name in live {
        if !configured.iter().any(|c| same(c, name)) {
            differences.push(Difference {
                field,
                configured: format!("{name} is not listed"),
                live: format!("{header} with {name}"),
            });
        }
    }
}
