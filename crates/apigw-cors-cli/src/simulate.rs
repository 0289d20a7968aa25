//! `apigw-cors simulate`: what API Gateway answers a browser's request and whether the browser
//! lets the page read the response.

use crate::fetch_args::FetchArgs;
use crate::out::{out, outln};
use crate::{Format, EXIT_USAGE};
use apigw_cors::{
    default_page_origin, simulate, ApiType, AuthorizerPlacement, BrowserRequest, Deployment, Tool,
    ValidCorsConfig, EXAMPLE_API_URL,
};
use clap::{Args, ValueEnum};
use std::process::ExitCode;

/// How CORS was set up on the API (`--tool`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ToolArg {
    /// This tool's generated SAM template (the default).
    Generated,
    /// AWS SAM `Cors`/`CorsConfiguration` written by hand, SAM defaults kept.
    Sam,
    /// AWS CDK `defaultCorsPreflightOptions` / `corsPreflight`.
    Cdk,
    /// The API Gateway console's "Enable CORS".
    Console,
    /// No CORS set up (REST: no OPTIONS method; HTTP: no CORS configuration).
    None,
}

impl From<ToolArg> for Tool {
    fn from(tool: ToolArg) -> Tool {
        match tool {
            ToolArg::Generated => Tool::Generated,
            ToolArg::Sam => Tool::Sam,
            ToolArg::Cdk => Tool::Cdk,
            ToolArg::Console => Tool::Console,
            ToolArg::None => Tool::None,
        }
    }
}

/// Where the authorizer sits (`--authorizer`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AuthorizerArg {
    /// No authorizer.
    None,
    /// On the API's methods or routes.
    Route,
    /// On an HTTP API `$default` route or an `ANY` route/method (it also catches OPTIONS).
    DefaultRoute,
}

impl From<AuthorizerArg> for AuthorizerPlacement {
    fn from(placement: AuthorizerArg) -> AuthorizerPlacement {
        match placement {
            AuthorizerArg::None => AuthorizerPlacement::None,
            AuthorizerArg::Route => AuthorizerPlacement::Route,
            AuthorizerArg::DefaultRoute => AuthorizerPlacement::DefaultRoute,
        }
    }
}

/// Arguments of `apigw-cors simulate CONFIG` (the lead's `main.rs` takes CONFIG).
#[derive(Clone, Args)]
pub struct SimulateArgs {
    /// The page's origin, e.g. https://app.example.com (default: the first allowed origin).
    #[arg(long, value_name = "ORIGIN")]
    pub origin: Option<String>,
    /// The request's method, headers and credentials mode.
    #[command(flatten)]
    pub fetch: FetchArgs,
    /// The API URL.
    #[arg(long, value_name = "URL", default_value = EXAMPLE_API_URL)]
    pub url: String,
    /// How CORS was set up on the API.
    #[arg(long, value_enum, default_value_t = ToolArg::Generated)]
    pub tool: ToolArg,
    /// Where an authorizer sits (default: on the routes when the configuration names an
    /// authorizerHeader, else none).
    #[arg(long, value_enum)]
    pub authorizer: Option<AuthorizerArg>,
    /// REST: the methods require an API key (default: the configuration's apiKeyRequired).
    #[arg(long)]
    pub api_key: bool,
    /// REST: DEFAULT_4XX/5XX gateway responses carry CORS headers.
    #[arg(long)]
    pub gateway_responses: bool,
    /// text: both exchanges as HTTP transcripts, then the verdict and the steps;
    /// json: {preflight, actual, allowed, reason, inferred, steps, failing_step, fix,
    /// chrome_message, readable_headers, cache, warnings}.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

/// Builds the request and deployment from the arguments.
pub fn request_and_deployment(
    config: &ValidCorsConfig,
    args: &SimulateArgs,
) -> (BrowserRequest, Deployment) {
    let origin = args
        .origin
        .clone()
        .unwrap_or_else(|| default_page_origin(config));
    let request = args.fetch.request(&origin, &args.url);
    let mut deployment = Deployment::for_config(config);
    deployment.tool = args.tool.into();
    if let Some(authorizer) = args.authorizer {
        deployment.authorizer = authorizer.into();
    }
    deployment.api_key_required |= args.api_key;
    deployment.gateway_responses = args.gateway_responses;
    (request, deployment)
}

/// The REST-only options given for an HTTP API: they would be silently ignored.
fn options_that_do_not_apply(config: &ValidCorsConfig, args: &SimulateArgs) -> Vec<&'static str> {
    let mut options = Vec::new();
    if config.api_type == ApiType::Http {
        if args.api_key {
            options.push("--api-key");
        }
        if args.gateway_responses {
            options.push("--gateway-responses");
        }
    }
    options
}

/// Runs the simulation and prints it. Exit status 0 whatever the verdict: the simulation ran;
/// 2 when the request is one no browser can make, or an option does not apply to the API.
pub fn run(config: &ValidCorsConfig, args: &SimulateArgs) -> ExitCode {
    if let Some(option) = options_that_do_not_apply(config, args).first() {
        eprintln!(
            "error: {option} applies to REST APIs only, and the configuration is for an HTTP API"
        );
        return ExitCode::from(EXIT_USAGE);
    }
    let (request, deployment) = request_and_deployment(config, args);
    if let Some(reason) = request.invalid_input() {
        eprintln!("error: {reason}");
        return ExitCode::from(EXIT_USAGE);
    }
    let simulation = simulate(config, &request, &deployment);
    match args.format {
        Format::Text => out!("{}", simulation.transcript()),
        Format::Json => match serde_json::to_string_pretty(&simulation) {
            Ok(json) => outln!("{json}"),
            Err(error) => {
                eprintln!("error: {error}");
                return ExitCode::FAILURE;
            }
        },
    }
    ExitCode::SUCCESS
}

#[cfg(test)]
mod tests {
    use super::*;
    use apigw_cors::CredentialsMode;
    use clap::Parser;

    #[derive(Parser)]
    struct Wrapper {
        #[command(flatten)]
        args: SimulateArgs,
    }

    fn parse(argv: &[&str]) -> SimulateArgs {
        Wrapper::parse_from(std::iter::once("simulate").chain(argv.iter().copied())).args
    }

    fn config(json: &str) -> ValidCorsConfig {
        apigw_cors::validate(&apigw_cors::CorsConfig::from_json(json).unwrap())
            .unwrap()
            .config
    }

    #[test]
    fn arguments_become_the_request_and_the_deployment() {
        let c = config(
            r#"{"apiType":"rest","allowOrigins":["https://a.example.com"],"allowMethods":["GET"],"authorizerHeader":"Authorization","apiKeyRequired":true}"#,
        );
        let args = parse(&[
            "--method",
            "patch",
            "--header",
            "X-A: 1",
            "--header",
            "X-B",
            "--credentials",
            "--tool",
            "cdk",
            "--gateway-responses",
        ]);
        let (request, deployment) = request_and_deployment(&c, &args);
        assert_eq!(request.page_origin, "https://a.example.com");
        assert_eq!(request.method, "patch");
        assert_eq!(
            request.headers,
            [
                ("X-A".to_owned(), "1".to_owned()),
                ("X-B".to_owned(), String::new())
            ]
        );
        assert_eq!(request.credentials, CredentialsMode::Include);
        assert_eq!(
            deployment,
            Deployment {
                tool: Tool::Cdk,
                authorizer: AuthorizerPlacement::Route,
                api_key_required: true,
                gateway_responses: true,
            }
        );
        let args = parse(&["--origin", "http://x.test", "--authorizer", "default-route"]);
        let (request, deployment) = request_and_deployment(&c, &args);
        assert_eq!(request.page_origin, "http://x.test");
        assert_eq!(deployment.authorizer, AuthorizerPlacement::DefaultRoute);
        assert_eq!(deployment.tool, Tool::Generated);
    }
}
