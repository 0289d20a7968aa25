//! `apigw-cors generate`: the text of one or more targets.

use crate::input::read_valid_config;
use crate::out::{out, outln};
use crate::Format;
use apigw_cors::{render, ApiType, Target};
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct GenerateArgs {
    /// Configuration file (.json, .yaml or .yml), or - for standard input.
    config: String,
    /// Target to print; repeat for several. Default: every target for the API type.
    #[arg(long = "target", short = 't', value_name = "T")]
    targets: Vec<Target>,
    /// text: the target's text (several targets each after a `==> name <==` line);
    /// json: an object mapping each target name to its text.
    #[arg(long, value_enum, default_value_t)]
    format: Format,
}

pub fn run(args: &GenerateArgs) -> Result<ExitCode, ExitCode> {
    let config = read_valid_config(&args.config)?;
    let targets: Vec<Target> = if args.targets.is_empty() {
        Target::for_api_type(config.api_type).collect()
    } else {
        let mut unique = Vec::new();
        for target in &args.targets {
            if !unique.contains(target) {
                unique.push(*target);
            }
        }
        unique
    };
    match args.format {
        Format::Json => {
            let object: serde_json::Map<String, serde_json::Value> = targets
                .iter()
                .map(|t| (t.name().to_owned(), render(*t, &config).into()))
                .collect();
            outln!("{}", serde_json::Value::Object(object));
        }
        Format::Text if targets.len() == 1 => out!("{}", render(targets[0], &config)),
        Format::Text => {
            let sections: Vec<String> = targets
                .iter()
                .map(|t| format!("==> {} <==\n{}", t.name(), render(*t, &config)))
                .collect();
            out!("{}", sections.join("\n"));
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `generate --help`'s closing text; the target list comes from `Target::ALL`.
pub fn after_help() -> String {
    let names: Vec<String> = Target::ALL
        .into_iter()
        .map(|target| {
            if target.applies_to(ApiType::Http) {
                target.name().to_owned()
            } else {
                format!("{} (REST)", target.name())
            }
        })
        .collect();
    format!(
        "Targets: {}.\nWithout --target every target for the API type is printed, each after a \
         `==> name <==` line.\n\nExamples:\n  apigw-cors generate cors.yaml --target sam-template > \
         template.yaml\n  apigw-cors generate cors.yaml --format json | jq -r '.cdk'",
        names.join(", ")
    )
}
