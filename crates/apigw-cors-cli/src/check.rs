//! `apigw-cors check`: the diagnostics for a configuration.

use crate::input::read_config;
use crate::{Format, EXIT_INVALID};
use apigw_cors::{check, Severity};
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct CheckArgs {
    /// Configuration file (.json, .yaml or .yml), or - for standard input.
    config: String,
    /// text: one diagnostic per paragraph and a summary line;
    /// json: {"valid": bool, "diagnostics": [{code, severity, field, value, message, fix}]}.
    #[arg(long, value_enum, default_value_t)]
    format: Format,
}

pub fn run(args: &CheckArgs) -> Result<ExitCode, ExitCode> {
    let config = read_config(&args.config)?;
    let report = check(&config);
    match args.format {
        Format::Json => {
            let document = serde_json::json!({
                "valid": !report.has_errors(),
                "diagnostics": report.diagnostics,
            });
            println!("{document}");
        }
        Format::Text => {
            for diagnostic in &report.diagnostics {
                println!("{diagnostic}");
            }
            let count = |severity| {
                report
                    .diagnostics
                    .iter()
                    .filter(|d| d.severity == severity)
                    .count()
            };
            println!(
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
