//! Reading the configuration file (JSON or YAML, or `-` for standard input).

use crate::{EXIT_INVALID, EXIT_USAGE};
use apigw_cors::{validate, CorsConfig, Diagnostic, Invalid, ValidCorsConfig};
use std::io::Read;
use std::process::ExitCode;

/// Why CONFIG could not be used: the message (without `error: `), the field it names when a
/// value has the wrong type, and the exit status.
pub struct InputError {
    pub message: String,
    pub field: Option<String>,
    pub exit: u8,
}

impl InputError {
    fn usage(message: String) -> InputError {
        InputError {
            message,
            field: None,
            exit: EXIT_USAGE,
        }
    }

    fn invalid(message: String, field: Option<String>) -> InputError {
        InputError {
            message,
            field,
            exit: EXIT_INVALID,
        }
    }

    /// Prints `error: …` on stderr and returns the exit status.
    pub fn report(&self) -> ExitCode {
        eprintln!("error: {}", self.message);
        ExitCode::from(self.exit)
    }

    /// `{"message": …, "field": …}`, for the commands' JSON output.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({"message": self.message, "field": self.field})
    }
}

/// Reads and parses CONFIG; prints the reason and returns the exit code on failure.
pub fn read_config(path: &str) -> Result<CorsConfig, ExitCode> {
    load_config(path).map_err(|error| error.report())
}

/// Reads and parses CONFIG, printing nothing.
pub fn load_config(path: &str) -> Result<CorsConfig, InputError> {
    let bytes = if path == "-" {
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|e| InputError::usage(format!("cannot read standard input: {e}")))?;
        bytes
    } else {
        std::fs::read(path).map_err(|e| InputError::usage(format!("cannot read {path}: {e}")))?
    };
    // A file that can be read but is not UTF-8 text is a bad configuration (exit 1), not a
    // usage error.
    let text = String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        InputError::invalid(
            format!("{path}: a configuration is UTF-8 text; byte {at} is not"),
            None,
        )
    })?;
    let is_json = if path == "-" {
        text.trim_start().starts_with('{')
    } else {
        path.ends_with(".json")
    };
    let parsed = if is_json {
        CorsConfig::from_json(&text)
    } else if path == "-" || path.ends_with(".yaml") || path.ends_with(".yml") {
        CorsConfig::from_yaml(&text)
    } else {
        return Err(InputError::usage(format!(
            "{path}: the configuration file must end in .json, .yaml or .yml (or be - for standard input)"
        )));
    };
    parsed.map_err(|e| InputError::invalid(e.to_string(), e.field.clone()))
}

/// Reads CONFIG and validates it; prints every error (and note) on failure.
pub fn read_valid_config(path: &str) -> Result<ValidCorsConfig, ExitCode> {
    let config = read_config(path)?;
    match validate(&config) {
        Ok(validated) => {
            print_to_stderr(&validated.notes);
            Ok(validated.config)
        }
        Err(Invalid { diagnostics }) => {
            print_to_stderr(&diagnostics);
            Err(ExitCode::from(EXIT_INVALID))
        }
    }
}

fn print_to_stderr(diagnostics: &[Diagnostic]) {
    for diagnostic in diagnostics {
        eprintln!("{diagnostic}");
    }
}
