//! `apigw-cors probe URL`: sends what a browser would send to a deployed API, decides with the
//! library's browser rules (the simulator's code, fed real answers) and names the API Gateway
//! cause with its fix. The only command that uses the network.

mod http;

use crate::fetch_args::FetchArgs;
use crate::out::{out, outln};
use crate::{input, Format, EXIT_INVALID, EXIT_USAGE};
use apigw_cors::{
    compare, observations, run_browser, Cause, Comparison, DeployTool, LiveRun, Observation,
};
use clap::Args;
use serde_json::{json, Value};
use std::process::ExitCode;
use std::time::Duration;

/// Exit status: the network failed (DNS, connect, TLS, timeout); never a CORS verdict.
pub const EXIT_NETWORK: u8 = 3;
/// The longest `--timeout` accepted, in seconds.
const MAX_TIMEOUT_SECONDS: f64 = 600.0;

/// Arguments of `apigw-cors probe`.
#[derive(Clone, Args)]
pub struct ProbeArgs {
    /// The API URL, e.g. https://abc123.execute-api.us-east-1.amazonaws.com/prod/items
    pub url: String,
    /// The origin of the page that calls the API, e.g. https://app.example.com
    #[arg(long, value_name = "ORIGIN")]
    pub origin: String,
    /// The request's method, headers and credentials mode.
    #[command(flatten)]
    pub fetch: FetchArgs,
    /// A configuration file (.json, .yaml, .yml, or - for stdin) to compare the live answers
    /// with; every difference is listed and makes the exit status 1.
    #[arg(long, value_name = "CONFIG")]
    pub config: Option<String>,
    /// The tool you deploy with, for the fix: sam, cdk, cdk-python, cloudformation, openapi,
    /// terraform, serverless, aws-cli.
    #[arg(long, value_name = "TOOL", default_value = "sam")]
    pub tool: DeployTool,
    /// Also trust the certificates in this PEM file (a test server's self-signed one).
    #[arg(long, value_name = "PEM")]
    pub cacert: Option<String>,
    /// Seconds the whole probe may take (every request and redirect); connecting takes at
    /// most the smaller of this and 10.
    #[arg(long, value_name = "SECONDS", default_value_t = 20.0)]
    pub timeout: f64,
    /// text: each exchange, the verdict, the steps, the causes with their fix;
    /// json: the simulator's JSON plus "exchanges", "causes" (and "differences",
    /// "not_compared" with --config).
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

fn usage(message: String) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::from(EXIT_USAGE)
}

/// Checks `--timeout`: a positive number of seconds up to ten minutes.
fn timeout_of(seconds: f64) -> Result<Duration, String> {
    if seconds.is_finite() && seconds > 0.0 && seconds <= MAX_TIMEOUT_SECONDS {
        Ok(Duration::from_secs_f64(seconds))
    } else {
        Err(format!(
            "--timeout {seconds}: the probe's time limit is a number of seconds above 0 and at most {MAX_TIMEOUT_SECONDS}; for example --timeout 10"
        ))
    }
}

/// Runs the probe: 0 when the browser would allow the request (and the configuration, when
/// given, matches), 1 when it is blocked or differs, 2 usage, 3 network failure.
pub fn run(args: &ProbeArgs) -> ExitCode {
    let request = args.fetch.request(&args.origin, &args.url);
    if let Some(reason) = request.invalid_input() {
        return usage(reason);
    }
    let timeout = match timeout_of(args.timeout) {
        Ok(timeout) => timeout,
        Err(message) => return usage(message),
    };
    let config = match &args.config {
        Some(path) => match input::read_valid_config(path) {
            Ok(config) => Some(config),
            Err(code) => return code,
        },
        None => None,
    };
    let cacert = match &args.cacert {
        Some(path) => match std::fs::read(path) {
            Ok(pem) => Some(pem),
            Err(error) => return usage(format!("--cacert {path}: cannot read it: {error}")),
        },
        None => None,
    };
    let client = match http::Client::new(timeout, cacert.as_deref()) {
        Ok(client) => client,
        Err(reason) => {
            let path = args.cacert.as_deref().unwrap_or_default();
            return usage(format!(
                "--cacert {path}: {reason}; give a PEM certificate file"
            ));
        }
    };
    let mut run = match run_browser(&request, |sent| client.send(sent)) {
        Ok(run) => run,
        Err(error) => return network_failure(&error, args.format),
    };
    let findings = observations(&run);
    let comparison = config.as_ref().map(|config| compare(&run, config));
    // The fix in the user's tool for what blocked the request (the library leaves it to us).
    if let Some(blocking) = findings.iter().find(|f| f.blocks()) {
        run.simulation.fix = Some(blocking.cause().fix(args.tool));
    }
    let report = Report {
        run: &run,
        findings: &findings,
        comparison: comparison.as_ref(),
        tool: args.tool,
    };
    match args.format {
        Format::Text => out!("{}", report.text()),
        Format::Json => match serde_json::to_string_pretty(&report.json()) {
            Ok(json) => outln!("{json}"),
            Err(error) => {
                eprintln!("error: {error}");
                return ExitCode::FAILURE;
            }
        },
    }
    let differs = comparison.is_some_and(|c| !c.differences.is_empty());
    if run.simulation.allowed && !differs {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_INVALID)
    }
}

fn network_failure(error: &http::NetError, format: Format) -> ExitCode {
    let message = format!("network failure while {error}; no CORS verdict (nothing was decided)");
    eprintln!("error: {message}");
    if format == Format::Json {
        let doc = json!({ "network_error": { "during": error.during, "cause": error.cause } });
        outln!("{doc}");
    }
    ExitCode::from(EXIT_NETWORK)
}

/// What the probe prints.
struct Report<'a> {
    run: &'a LiveRun,
    findings: &'a [Observation],
    comparison: Option<&'a Comparison>,
    tool: DeployTool,
}

impl Report<'_> {
    fn text(&self) -> String {
        let mut out = String::new();
        let mut requests = 0;
        for exchange in &self.run.exchanges {
            let title = match exchange.kind {
                "preflight" => "# Preflight".to_owned(),
                _ => {
                    requests += 1;
                    if requests == 1 {
                        "# Request".to_owned()
                    } else {
                        format!("# Request (redirect {})", requests - 1)
                    }
                }
            };
            out.push_str(&format!("{title}\n{}\n", exchange.transcript()));
        }
        out.push_str(&self.run.simulation.verdict_transcript());
        if !self.findings.is_empty() {
            out.push_str("\nCauses:\n");
            for finding in self.findings {
                out.push_str(&self.cause_text(finding.cause(), &finding.evidence()));
            }
        }
        if let Some(comparison) = self.comparison {
            if comparison.differences.is_empty() {
                out.push_str("\nConfiguration: the live answers match it\n");
            } else {
                out.push_str("\nConfiguration differences:\n");
                for difference in &comparison.differences {
                    out.push_str(&format!("  {}\n", difference.describe()));
                }
                let seen = format!(
                    "{} difference(s) from the configuration",
                    comparison.differences.len()
                );
                out.push_str(&self.cause_text(Cause::StaleDeployment, &seen));
            }
            for (field, why) in &comparison.not_compared {
                out.push_str(&format!("  not compared: {}: {why}\n", field.key()));
            }
        }
        out
    }

    /// A cause as text: its id and title, what was seen, the fix in the chosen tool and the
    /// configuration field concerned.
    fn cause_text(&self, cause: Cause, seen: &str) -> String {
        let mut text = format!(
            "  [{}] {}\n    seen: {seen}\n    fix ({}): {}\n",
            cause.id(),
            cause.title(),
            self.tool.id(),
            cause.fix(self.tool)
        );
        if let Some(field) = cause.field() {
            text.push_str(&format!("    field: {}\n", field.key()));
        }
        text
    }

    fn cause_json(&self, cause: Cause, observation: Option<&Observation>, seen: String) -> Value {
        json!({
            "id": cause.id(),
            "title": cause.title(),
            "observation": observation.map(|f| serde_json::to_value(f).unwrap_or(Value::Null)),
            "evidence": seen,
            "blocks": observation.is_none_or(Observation::blocks),
            "inApiGateway": cause.in_api_gateway(),
            "tool": self.tool.id(),
            "fix": cause.fix(self.tool),
            "field": cause.field().map(|f| f.key()),
        })
    }

    fn json(&self) -> Value {
        let mut doc = serde_json::to_value(&self.run.simulation).unwrap_or(Value::Null);
        if let Value::Object(map) = &mut doc {
            map.insert(
                "exchanges".into(),
                serde_json::to_value(&self.run.exchanges).unwrap_or(Value::Null),
            );
            let mut causes: Vec<Value> = self
                .findings
                .iter()
                .map(|f| self.cause_json(f.cause(), Some(f), f.evidence()))
                .collect();
            if let Some(c) = self.comparison.filter(|c| !c.differences.is_empty()) {
                let seen = format!(
                    "{} difference(s) from the configuration",
                    c.differences.len()
                );
                causes.push(self.cause_json(Cause::StaleDeployment, None, seen));
            }
            map.insert("causes".into(), Value::Array(causes));
            if let Some(comparison) = self.comparison {
                map.insert(
                    "differences".into(),
                    serde_json::to_value(&comparison.differences).unwrap_or(Value::Null),
                );
                let not_compared = comparison
                    .not_compared
                    .iter()
                    .map(|(field, why)| json!({ "field": field.key(), "why": why }))
                    .collect();
                map.insert("not_compared".into(), Value::Array(not_compared));
            }
        }
        doc
    }
}
