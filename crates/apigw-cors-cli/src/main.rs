//! `apigw-cors`: CORS configuration for Amazon API Gateway from the terminal.

mod check;
mod explain;
mod fetch_args;
mod generate;
mod input;
mod out;
mod probe;
mod simulate;
mod template;

use clap::{Parser, Subcommand, ValueEnum};
use std::process::ExitCode;

/// Exit status: the configuration is invalid (or `check` found errors).
const EXIT_INVALID: u8 = 1;
/// Exit status: the command line or the input file could not be used.
const EXIT_USAGE: u8 = 2;

#[derive(Parser)]
#[command(
    name = "apigw-cors",
    version,
    about = "Generate and check CORS configuration for Amazon API Gateway (SAM, CDK, Lambda)",
    after_help = "\
Examples:
  apigw-cors generate cors.yaml --target sam-globals
  apigw-cors generate cors.json --target cdk --target lambda-node --format json
  cat cors.yaml | apigw-cors check -
  apigw-cors check cors.yaml --format json

Exit status: 0 success, 1 the configuration is invalid (or check found errors, or probe found
the request blocked), 2 usage error, 3 probe: the network failed."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Print the configuration for one or more targets.
    #[command(after_help = generate::after_help())]
    Generate(generate::GenerateArgs),
    /// Print the diagnostics: errors, warnings and notes, each with its fix.
    #[command(after_help = "\
Exits with 1 when there is an error, so it can gate CI.

Examples:
  apigw-cors check cors.yaml
  apigw-cors check cors.json --format json
  apigw-cors check --template template.yaml --api MyApi

With --template, several APIs in the template and no --api: the APIs are listed and the exit
status is 2.")]
    Check(check::CheckArgs),
    /// Predict API Gateway's answers to a browser request and whether the browser allows it.
    Simulate {
        /// Configuration file (.json, .yaml or .yml), or - for standard input.
        config: String,
        #[command(flatten)]
        args: simulate::SimulateArgs,
    },
    /// Call a deployed API as a browser would and say whether the browser allows it, why,
    /// and the API Gateway cause with its fix.
    #[command(after_help = "\
Sends the preflight when the request needs one, then the request, following redirects as a
browser does for CORS requests; decides with the same rules as simulate and names the cause
(an authorizer or API key on OPTIONS, no OPTIONS method, API Gateway errors without CORS
headers, two Access-Control-Allow-Origin values, ...).

Examples:
  apigw-cors probe https://abc123.execute-api.us-east-1.amazonaws.com/prod/items \\
      --origin https://app.example.com --method PUT --header 'Content-Type: application/json'
  apigw-cors probe URL --origin https://app.example.com --config cors.yaml --format json

Exit status: 0 the browser allows the request (and the configuration matches), 1 blocked (or a
difference from --config), 2 usage error, 3 the network failed (no verdict).")]
    Probe(probe::ProbeArgs),
    /// Explain a browser's CORS console message: the check that failed, what in API Gateway
    /// causes it, and the fix in your tool.
    #[command(after_help = "\
Reads what Chrome, Firefox or Safari printed in the console (pasted as is: several messages,
console prefixes and wrapped lines are fine) and names the failing step, the causes that fit
(most likely first) and each fix in the tool given by --tool.

Examples:
  apigw-cors explain \"Access to fetch at 'https://abc123.execute-api.us-east-1.amazonaws.com/prod/items' from origin 'https://app.example.com' has been blocked by CORS policy: ...\"
  pbpaste | apigw-cors explain --tool terraform
  apigw-cors explain - --format json < console.txt

Exit status: 0 a message was recognised, 1 none was, 2 usage error.")]
    Explain(explain::ExplainArgs),
}

/// Output format shared by every command.
#[derive(Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
enum Format {
    /// Readable text.
    #[default]
    Text,
    /// One JSON document on stdout.
    Json,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match &cli.command {
        Command::Generate(args) => generate::run(args),
        Command::Check(args) => check::run(args),
        Command::Explain(args) => explain::run(args),
        Command::Simulate { config, args } => {
            input::read_valid_config(config).map(|valid| simulate::run(&valid, args))
        }
        Command::Probe(args) => Ok(probe::run(args)),
    };
    result.unwrap_or_else(|code| code)
}
