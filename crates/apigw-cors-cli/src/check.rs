//! `apigw-cors check`: the diagnostics for a configuration.

use crate::input::load_config;
use crate::out::outln;
use crate::{Format, EXIT_INVALID, EXIT_USAGE};
use apigw_cors::{check, Severity};
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct CheckArgs {
    /// Configuration file (.json, .yaml or .yml), or - for standard input.
    #[arg(required_unless_present = "template", conflicts_with = "template")]
    config: Option<String>,
    /// Check an existing SAM or CloudFormation template (YAML or JSON, or - for standard
    /// input) instead: where its CORS settings are, its mistakes, and the diagnostics for the
    /// configuration it deploys.
    #[arg(long, value_name = "FILE")]
    template: Option<String>,
    /// With --template: the logical id of the API to check, when the template has several.
    #[arg(long, value_name = "LOGICAL_ID", requires = "template")]
    api: Option<String>,
    /// text: one diagnostic per paragraph and a summary line;
    /// json: {"valid": bool, "diagnostics": [{code, severity, field, value, message, fix}]},
    /// with "error": {message, field} when the file cannot be read (see the README for
    /// --template's shape).
    #[arg(long, value_enum, default_value_t)]
    format: Format,
}

/// What `check --format json` prints when there is nothing to check: the usual shape, not
/// valid, no diagnostics, and the error.
pub fn unreadable_json(error: serde_json::Value) -> serde_json::Value {
    serde_json::json!({"valid": false, "diagnostics": [], "error": error})
}

pub fn run(args: &CheckArgs) -> Result<ExitCode, ExitCode> {
    if let Some(template) = &args.template {
        return crate::template::run(template, args.api.as_deref(), args.format);
    }
    // clap's `requires` does not hold here (the configuration is positional), so say it.
    if args.api.is_some() {
        eprintln!("error: --api picks an API in a template: it applies with --template only");
        return Err(ExitCode::from(EXIT_USAGE));
    }
    let config = match load_config(args.config.as_deref().unwrap_or("-")) {
        Ok(config) => config,
        Err(error) => {
            if args.format == Format::Json {
                outln!("{}", unreadable_json(error.to_json()));
            }
            return Err(error.report());
        }
    };
    let report = check(&config);
    match args.format {
        Format::Json => {
            let document = serde_json::json!({
                "valid": !report.has_errors(),
                "diagnostics": report.diagnostics,
            });
            outln!("{document}");
        }
        Format::Text => {
            for diagnostic in &report.diagnostics {
                outln!("{diagnostic}");
            }
            let count = |severity| {
                report
                    .diagnostics
                    .iter()
                    .filter(|d| d.severity == severity)
                    .count()
            };
            outln!(
                "{} error(s), {} warning(s), {} note(s)",
                count(Severity::Error),
                count(Severity::Warning),
                count(Severity::Note)
            );
        }
    }
    Ok(if report.has_errors() {
        ExitCode::from(EXIT_INVALID)
    } else {
        ExitCode::SUCCESS
    })
}
