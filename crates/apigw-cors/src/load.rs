//! Reading a configuration from JSON or YAML, and splitting pasted lists.

use crate::error::ConfigError;
use crate::model::CorsConfig;

impl CorsConfig {
    /// Reads a JSON configuration. Unknown keys are an error that names the key.
    pub fn from_json(text: &str) -> Result<CorsConfig, ConfigError> {
        serde_json::from_str(text).map_err(|e| ConfigError::Parse {
            format: "JSON",
            message: e.to_string(),
        })
    }

    /// Reads a YAML configuration. Unknown keys are an error that names the key.
    #[cfg(feature = "yaml")]
    pub fn from_yaml(text: &str) -> Result<CorsConfig, ConfigError> {
        serde_yaml::from_str(text).map_err(|e| ConfigError::Parse {
            format: "YAML",
            message: e.to_string(),
        })
    }

    /// The configuration as pretty JSON, in the file format.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a configuration always serializes")
    }
}

/// Splits a pasted list (one entry per line, or separated by commas) into trimmed entries,
/// skipping blank ones.
///
/// ```
/// assert_eq!(
///     apigw_cors::split_list("https://a.com, https://b.com\n\n http://localhost:3000 "),
///     ["https://a.com", "https://b.com", "http://localhost:3000"]
/// );
/// ```
pub fn split_list(text: &str) -> Vec<String> {
    text.split(['\n', ','])
        .map(str::trim)
        .filter(|entry| !entry.is_empty())
        .map(str::to_owned)
        .collect()
}
