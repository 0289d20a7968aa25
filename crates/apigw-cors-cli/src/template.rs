//! `apigw-cors check --template FILE [--api LOGICAL_ID]`: the CORS settings of an existing SAM
//! or CloudFormation template, where they are, what is wrong in the template, and the usual
//! diagnostics for the configuration it deploys.

use crate::out::outln;
use crate::{Format, EXIT_INVALID, EXIT_USAGE};
use apigw_cors::{import_template, Diagnostic, FoundApi, SelectError, Severity};
use std::io::Read;
use std::process::ExitCode;

/// Runs the check on one API of the template. Several APIs and no `--api`: lists them on
/// stderr and exits with 2 (with `--format json`, every API's document under `results`).
pub fn run(path: &str, api: Option<&str>, format: Format) -> Result<ExitCode, ExitCode> {
    let json = format == Format::Json;
    // With --format json every failure still prints one JSON document on stdout.
    let fail = |message: String, exit: u8| {
        if json {
            let error = serde_json::json!({"message": message, "field": null});
            outln!("{}", crate::check::unreadable_json(error));
        }
        eprintln!("error: {message}");
        ExitCode::from(exit)
    };
    let text = read(path).map_err(|message| fail(message, EXIT_USAGE))?;
    let import = import_template(&text).map_err(|e| fail(format!("{path}: {e}"), EXIT_INVALID))?;
    let found = match import.select(api) {
        Ok(found) => found,
        Err(e) => {
            if json && matches!(e, SelectError::Ambiguous { .. }) {
                let results: Vec<_> = import.apis.iter().map(|api| document(api).0).collect();
                let valid = results.iter().all(|result| result["valid"] == true);
                let document = serde_json::json!({
                    "valid": valid,
                    "apis": import.ids(),
                    "error": {"message": format!("{e} with --api LOGICAL_ID"), "field": null},
                    "results": results,
                });
                outln!("{document}");
            } else if json {
                let error = serde_json::json!({"message": format!("{path}: {e}"), "field": null});
                outln!("{}", crate::check::unreadable_json(error));
            }
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
            return Err(ExitCode::from(EXIT_USAGE));
        }
    };
    let (mut document, failed, diagnostics) = document(found);
    match format {
        Format::Json => {
            document["apis"] = serde_json::json!(import.ids());
            outln!("{document}");
        }
        Format::Text => print_text(found, &diagnostics),
    }
    Ok(if failed {
        ExitCode::from(EXIT_INVALID)
    } else {
        ExitCode::SUCCESS
    })
}

/// One API's JSON document, whether a finding or a diagnostic is an error, and the diagnostics.
fn document(found: &FoundApi) -> (serde_json::Value, bool, Vec<Diagnostic>) {
    let report = found.check();
    let failed = found.has_errors() || report.has_errors();
    let document = serde_json::json!({
        "valid": !failed,
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
    (document, failed, report.diagnostics)
}

fn print_text(found: &FoundApi, diagnostics: &[Diagnostic]) {
    let implicit = if found.implicit {
        ", created by SAM"
    } else {
        ""
    };
    outln!(
        "{} ({}, {}{implicit}) at {}",
        found.logical_id,
        found.resource_type,
        found.api_type.display_name(),
        found.path
    );
    for setting in &found.settings {
        outln!(
            "  {:<17} {} = {}",
            setting.field,
            setting.path,
            setting.value
        );
    }
    outln!();
    outln!("In the template:");
    for finding in &found.findings {
        outln!("{finding}");
    }
    if found.findings.is_empty() {
        outln!("nothing to report");
    }
    outln!();
    outln!("In the configuration it deploys:");
    for diagnostic in diagnostics {
        outln!("{diagnostic}");
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
    outln!("{errors} error(s), {warnings} warning(s), {notes} note(s)");
}

fn read(path: &str) -> Result<String, String> {
    let mut text = String::new();
    let result = if path == "-" {
        std::io::stdin().read_to_string(&mut text).map(|_| ())
    } else {
        std::fs::read_to_string(path).map(|read| text = read)
    };
    result.map_err(|e| format!("cannot read {path}: {e}"))?;
    Ok(text)
}
