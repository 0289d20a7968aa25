//! The library's one error type.

use crate::diagnostic::Diagnostic;

/// Why a configuration could not be read or used.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The text is not a configuration: bad JSON or YAML, a missing or unknown key, a wrong type.
    #[error("{format} configuration: {message}")]
    Parse {
        /// `JSON` or `YAML`.
        format: &'static str,
        /// The parser's message, which names the key and the position.
        message: String,
    },
    /// The configuration was read but has errors; every error is listed (with any notes found
    /// along the way).
    #[error("the configuration has {} error(s)", .diagnostics.iter().filter(|d| d.is_error()).count())]
    Invalid {
        /// Errors first, then notes.
        diagnostics: Vec<Diagnostic>,
    },
}
