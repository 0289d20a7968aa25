//! The library's one error type: a configuration file that cannot be read.

use std::fmt;

/// Why a configuration file could not be read: bad JSON or YAML, a missing or unknown key, a
/// wrong type or an unknown value. (A configuration that was read but cannot work is reported
/// by [`crate::validate`] as diagnostics instead.)
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct ConfigError {
    /// `JSON` or `YAML`.
    pub format: &'static str,
    /// The path of the field the parser stopped at, for example `maxAge` or `allowOrigins[1]`;
    /// `None` when the problem is the document as a whole (a missing key, a syntax error).
    pub field: Option<String>,
    /// The parser's message, with the position.
    pub message: String,
}

impl fmt::Display for ConfigError {
    /// `YAML configuration: apiType: unknown variant `soap`, expected `rest` or `http` at line 1 column 10`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} configuration: ", self.format)?;
        if let Some(field) = &self.field {
            write!(f, "{field}: ")?;
        }
        f.write_str(&self.message)
    }
}
