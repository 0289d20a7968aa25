//! `apigw-cors check --template FILE [--api LOGICAL_ID]`: the CORS settings of an existing SAM
//! or CloudFormation template, where they are, what is wrong in the template, and the usual
//! diagnostics for the configuration it deploys.

use crate::{Format, EXIT_INVALID, EXIT_USAGE};
use apigw_cors::{import_template, FoundApi, Severity};
use std::io::Read;
use std::process::ExitCode;

/// Runs the check on one API of the template. Several APIs and no `--api`: lists them on
/// stderr and exits with 2.
pub fn run(path: &str, api: Option<&str>, format: Format) -> Result<ExitCode, ExitCode> {
    let text = read(path)?;
    let import = import_template(&text).map_err(|e| {
        eprintln!("error: {path}: {e}");
        ExitCode::from(EXIT_INVALID)
    })?;
    let found = import.select(api).map_err(|e| {
        eprintln!("error: {path}: {e}");
        for api in &import.apis {
            eprintln!(
                "  {}  ({}, {}) at {}",
                api.logical_id,
                api.resource_type,
                api.api_type.display_name(),
                api.path
            );
        }
        eprintln!(
            "choose one with --api LOGICAL_ID, for example --api {}",
            import.apis[0].logical_id
        );
        ExitCode::from(EXIT_USAGE)
    })?;
    let report = found.check();
    let failed = found.has_errors() || report.has_errors();
    match format {
        Format::Json => {
            let document = serde_json::json!({
                "valid": !failed,
                "apis": import.ids(),
                "api": {
                    "logicalId": found.logical_id,
                    "resourceType": found.resource_type,
                    "implicit": found.implicit,
                    "path": found.path,
                    "apiType": found.api_type,
                },
                "config": found.config,
                "settings": found.settings,
                "findings": found.findings,
                "unknown": found.unknown,
                "diagnostics": report.diagnostics,
            });
            println!("{document}");
        }
        Format::Text => print_text(found, &report.diagnostics),
    }
    Ok(if failed {
        ExitCode::from(EXIT_INVALID)
    } else {
        ExitCode::SUCCESS
    })
}

fn print_text(found: &FoundApi, diagnostics: &[apigw_cors::Diagnostic]) {
    let implicit = if found.implicit {
        ", created by SAM"
    } else {
        ""
    };
    println!(
        "{} ({}, {}{implicit}) at {}",
        found.logical_id,
        found.resource_type,
        found.api_type.display_name(),
        found.path
    );
    for setting in &found.settings {
        println!(
            "  {:<17} {} = {}",
            setting.field, setting.path, setting.value
        );
    }
    println!();
    println!("In the template:");
    for finding in &found.findings {
        println!("{finding}");
    }
    if found.findings.is_empty() {
        println!("nothing to report");
    }
    println!();
    println!("In the configuration it deploys:");
    for diagnostic in diagnostics {
        println!("{diagnostic}");
    }
    let all = found.findings.iter().chain(diagnostics);
    let (mut errors, mut warnings, mut notes) = (0, 0, 0);
    for finding in all {
        match finding.severity {
            Severity::Error => errors += 1,
            Severity::Warning => warnings += 1,
            Severity::Note => notes += 1,
        }
    }
    println!("{errors} error(s), {warnings} warning(s), {notes} note(s)");
}

fn read(path: &str) -> Result<String, ExitCode> {
    let mut text = String::new();
    let result = if path == "-" {
        std::io::stdin().read_to_string(&mut text).map(|_| ())
    } else {
        std::fs::read_to_string(path).map(|read| text = read)
    };
    result.map_err(|e| {
        eprintln!("error: cannot read {path}: {e}");
        ExitCode::from(EXIT_USAGE)
    })?;
    Ok(text)
}
