//! Everything said about a configuration: validation (errors and the notes of what was
//! normalized), then the advice that teaches the common CORS mistakes on API Gateway. The
//! findings of the template importer use the same [`Diagnostic`] and rule codes; those about an
//! imported API as a whole are made here too (`template`).

mod advice;
#[cfg(feature = "yaml")]
pub(crate) mod template;
mod validate;

pub use advice::{CHROMIUM_MAX_AGE_CAP, FIREFOX_MAX_AGE_CAP};
pub use validate::{validate, Invalid, Validated, HTTP_API_MAX_AGE_LIMIT};

use crate::diagnostic::{in_severity_order, Diagnostic};
use crate::model::{CorsConfig, ValidCorsConfig};

/// Everything `check` found: the validated configuration (when there are no errors) and every
/// diagnostic, errors first, then warnings, then notes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// The configuration the emitters take; `None` when there are errors.
    pub config: Option<ValidCorsConfig>,
    /// Errors, warnings and notes.
    pub diagnostics: Vec<Diagnostic>,
}

impl Report {
    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// Each error on one line, naming its field and value: `allowOrigins[0] "https://a.com/":
    /// an origin has no path…`; what a view shows instead of output it cannot produce.
    pub fn error_lines(&self) -> Vec<String> {
        self.diagnostics
            .iter()
            .filter(|d| d.is_error())
            .map(|d| match &d.value {
                Some(value) => format!("{} {value:?}: {}", d.field, d.message),
                None => format!("{}: {}", d.field, d.message),
            })
            .collect()
    }
}

/// Validates `config` and adds the advice for the valid configuration.
pub fn check(config: &CorsConfig) -> Report {
    match validate(config) {
        Err(Invalid { diagnostics }) => Report {
            config: None,
            diagnostics,
        },
        Ok(validated) => {
            let mut diagnostics = validated.notes;
            diagnostics.extend(advice::advise(&validated.config));
            Report {
                config: Some(validated.config),
                diagnostics: in_severity_order(diagnostics),
            }
        }
    }
}
