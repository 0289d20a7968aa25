//! Reading a configuration from JSON or YAML, and splitting pasted lists.

use crate::error::ConfigError;
use crate::model::CorsConfig;
use crate::nesting::check_nesting;

impl CorsConfig {
    /// Reads a JSON configuration. Unknown keys are an error that names the key; a wrong type or
    /// value names the field's path.
    pub fn from_json(text: &str) -> Result<CorsConfig, ConfigError> {
        let text = without_bom(text);
        shallow_enough("JSON", text)?;
        let mut deserializer = serde_json::Deserializer::from_str(text);
        let config = read("JSON", &mut deserializer)?;
        deserializer.end().map_err(|e| ConfigError {
            format: "JSON",
            field: None,
            message: e.to_string(),
        })?;
        Ok(config)
    }

    /// Reads a YAML configuration. Unknown keys are an error that names the key; a wrong type or
    /// value names the field's path.
    #[cfg(feature = "yaml")]
    pub fn from_yaml(text: &str) -> Result<CorsConfig, ConfigError> {
        let text = without_bom(text);
        shallow_enough("YAML", text)?;
        read("YAML", serde_yaml::Deserializer::from_str(text))
    }

    /// The configuration as pretty JSON, in the file format.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a configuration always serializes")
    }
}

/// The text without a leading byte order mark, which editors on Windows often write and which
/// is not part of the document.
fn without_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// Refuses a document nested deeper than [`crate::MAX_NESTING`] before the parser spends time on it.
fn shallow_enough(format: &'static str, text: &str) -> Result<(), ConfigError> {
    check_nesting(text).map_err(|too_deep| ConfigError {
        format,
        field: None,
        message: format!("{too_deep} (a configuration needs 2)"),
    })
}

/// Deserializes a configuration, keeping the path of the field where the parser stopped.
fn read<'de, D>(format: &'static str, deserializer: D) -> Result<CorsConfig, ConfigError>
where
    D: serde::Deserializer<'de>,
    D::Error: std::fmt::Display,
{
    serde_path_to_error::deserialize(deserializer).map_err(|error| {
        // The path is "." when the parser stopped at the top level (a missing key, bad syntax).
        let path = error.path().to_string();
        let message = error.into_inner().to_string();
        // serde_yaml already starts its message with the path; keep it once.
        let message = match message.strip_prefix(&format!("{path}: ")) {
            Some(rest) => rest.to_owned(),
            None => message,
        };
        // An unknown key's path ends in the key itself, which the message already names.
        let path = match path.rsplit_once('.') {
            _ if !message.starts_with("unknown field") => path,
            Some((parent, _)) => parent.to_owned(),
            None => ".".to_owned(),
        };
        ConfigError {
            format,
            field: (path != ".").then_some(path),
            message,
        }
    })
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

#[cfg(test)]
mod tests {
    use super::*;

    fn json_error(text: &str) -> String {
        CorsConfig::from_json(text).unwrap_err().to_string()
    }

    #[test]
    fn json_type_errors_name_the_field() {
        let base = r#""apiType":"http","allowOrigins":["https://a.com"]"#;
        assert_eq!(
            json_error(&format!(r#"{{{base},"maxAge":"600"}}"#)),
            "JSON configuration: maxAge: invalid type: string \"600\", expected i64 at line 1 column 65"
        );
        assert_eq!(
            json_error(r#"{"apiType":"soap","allowOrigins":["https://a.com"]}"#),
            "JSON configuration: apiType: unknown variant `soap`, expected `rest` or `http` at line 1 column 17"
        );
        assert_eq!(
            json_error(r#"{"apiType":1,"allowOrigins":["https://a.com"]}"#),
            "JSON configuration: apiType: expected value at line 1 column 12"
        );
        assert_eq!(
            json_error(r#"{"apiType":"http","allowOrigins":["https://a.com",7]}"#),
            "JSON configuration: allowOrigins[1]: invalid type: integer `7`, expected a string at line 1 column 51"
        );
    }

    #[test]
    fn document_errors_have_no_field() {
        let error = CorsConfig::from_json(r#"{"allowOrigins":["https://a.com"]}"#).unwrap_err();
        assert_eq!(error.field, None);
        assert!(
            error.message.starts_with("missing field `apiType`"),
            "{error}"
        );
        let trailing = CorsConfig::from_json(r#"{"apiType":"http","allowOrigins":["*"]} x"#);
        assert_eq!(
            trailing.unwrap_err().to_string(),
            "JSON configuration: trailing characters at line 1 column 41"
        );
    }

    #[test]
    fn a_leading_byte_order_mark_is_not_part_of_the_document() {
        let json = "\u{feff}{\"apiType\":\"http\",\"allowOrigins\":[\"https://a.com\"]}";
        assert_eq!(
            CorsConfig::from_json(json).unwrap().allow_origins,
            ["https://a.com"]
        );
        #[cfg(feature = "yaml")]
        assert_eq!(
            CorsConfig::from_yaml("\u{feff}apiType: rest\nallowOrigins: [https://a.com]\n")
                .unwrap()
                .api_type,
            crate::ApiType::Rest
        );
    }

    #[test]
    fn deep_nesting_is_refused_before_parsing() {
        let deep = |n: usize| format!("{}\"x\"{}", "[".repeat(n), "]".repeat(n));
        let json = format!(r#"{{"apiType":"http","allowOrigins":{}}}"#, deep(100_000));
        assert_eq!(
            CorsConfig::from_json(&json).unwrap_err().to_string(),
            "JSON configuration: nesting deeper than 64 levels of [ ] or { } at line 1 column 97; \
             it was refused before parsing (a configuration needs 2)"
        );
        #[cfg(feature = "yaml")]
        assert_eq!(
            CorsConfig::from_yaml(&format!("apiType: http\nallowOrigins: {}\n", deep(40_000)))
                .unwrap_err()
                .to_string(),
            "YAML configuration: nesting deeper than 64 levels of [ ] or { } at line 2 column 79; \
             it was refused before parsing (a configuration needs 2)"
        );
    }

    #[cfg(feature = "yaml")]
    #[test]
    fn yaml_type_errors_name_the_field() {
        let error = |text: &str| CorsConfig::from_yaml(text).unwrap_err().to_string();
        assert_eq!(
            error("apiType: soap\nallowOrigins: [https://a.com]\n"),
            "YAML configuration: apiType: unknown variant `soap`, expected `rest` or `http` at line 1 column 10"
        );
        assert_eq!(
            error("apiType: http\nallowOrigins: [https://a.com]\nmaxAge: ten\n"),
            "YAML configuration: maxAge: invalid type: string \"ten\", expected i64 at line 3 column 9"
        );
        assert_eq!(
            error("apiType: http\nallowOrigins: [https://a.com]\nallowCredentials: [yes]\n"),
            "YAML configuration: allowCredentials: invalid type: sequence, expected a boolean at line 3 column 19"
        );
    }
}
