//! `apigw-cors explain`: what a browser's CORS console message means for an API Gateway API,
//! and the fix in the user's tool.

use crate::out::out;
use crate::{Format, EXIT_USAGE};
use apigw_cors::{explain, DeployTool};
use std::io::{IsTerminal, Read};
use std::process::ExitCode;

/// Exit status: the text holds no message this tool recognises.
const EXIT_NOT_RECOGNISED: u8 = 1;

#[derive(clap::Args)]
pub struct ExplainArgs {
    /// The console message as Chrome, Firefox or Safari printed it (several words are joined
    /// with spaces), or - to read it from standard input. Without it, standard input is read
    /// when it is not a terminal.
    #[arg(value_name = "MESSAGE")]
    message: Vec<String>,
    /// The tool whose settings the fixes name: sam, cdk, cdk-python, cloudformation, openapi,
    /// terraform, serverless or aws-cli.
    #[arg(long, value_name = "TOOL", default_value = "sam", value_parser = parse_tool)]
    tool: DeployTool,
    /// text: each message read, the failing step and the causes that fit with their fixes;
    /// json: {"recognised", "tool", "findings": [{browser, check, exchange, failingStep,
    /// steps, url, origin, value, status, causes: [{id, title, inApiGateway, fix, field}]}],
    /// "read"}.
    #[arg(long, value_enum, default_value_t)]
    format: Format,
}

fn parse_tool(id: &str) -> Result<DeployTool, String> {
    id.parse::<DeployTool>().map_err(|e| e.to_string())
}

pub fn run(args: &ExplainArgs) -> Result<ExitCode, ExitCode> {
    let text = message(&args.message).map_err(|reason| {
        eprintln!("error: {reason}");
        ExitCode::from(EXIT_USAGE)
    })?;
    let explanation = explain(&text, args.tool);
    match args.format {
        Format::Text => out!("{}", explanation.text()),
        Format::Json => out!("{}\n", explanation.json()),
    }
    if explanation.recognised() {
        Ok(ExitCode::SUCCESS)
    } else {
        Err(ExitCode::from(EXIT_NOT_RECOGNISED))
    }
}

/// The message: the words given, or standard input for `-` or no words when it is not a
/// terminal.
fn message(words: &[String]) -> Result<String, String> {
    let from_stdin = match words {
        [] => {
            if std::io::stdin().is_terminal() {
                return Err("give the console message as an argument (in quotes), or - to read it from standard input".to_owned());
            }
            true
        }
        [dash] if dash == "-" => true,
        _ => false,
    };
    if !from_stdin {
        return Ok(words.join(" "));
    }
    let mut bytes = Vec::new();
    std::io::stdin()
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read standard input: {e}"))?;
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "standard input: a console message is UTF-8 text; byte {} is not (save the console's text as UTF-8)",
            e.utf8_error().valid_up_to()
        )
    })
}
