//! The corpus test: every Chromium console message is recognised by `explain` and attributed to
//! the exchange of the failing step the verdict names (`Exchange::steps` holds it).
//!
//! With `PROBE_CORPUS=PATH` (a step of `scripts/test.sh`, after the probe's Chromium
//! differential) the corpus is what Chromium printed, `[{"case", "message", "failingStep"}]` as
//! the probe captured it; the test fails when the variable is set and the file is missing or
//! empty. Without it, the corpus is the simulator's own: every failing case of a fixed grid of
//! configurations, deployments and requests, each `chrome_message` as Chrome prints it, written
//! to `target/explain/simulated-chrome-messages.json` in the same shape and read back.

mod common;

use apigw_cors::{
    explain, simulate, validate, ApiType, AuthorizerPlacement, Browser, BrowserRequest, Cause,
    CorsConfig, CredentialsMode, DeployTool, Deployment, Exchange, Simulation, Tool,
    ValidCorsConfig, EXAMPLE_API_URL,
};
use common::strings;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// One captured message.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Entry {
    case: String,
    message: String,
    #[serde(rename = "failingStep")]
    failing_step: String,
}

/// What is wrong with `entry`'s explanation, if anything.
fn check_entry(entry: &Entry) -> Option<String> {
    let explanation = explain(&entry.message, DeployTool::Sam);
    let [finding] = explanation.findings.as_slice() else {
        return Some(format!(
            "{}: {} messages read in {:?}",
            entry.case,
            explanation.findings.len(),
            entry.message
        ));
    };
    let problem = if finding.browser != Browser::Chrome {
        Some(format!("read as {:?}", finding.browser))
    } else if finding.exchange == Exchange::PreflightOrActual {
        Some("Chrome's message names its exchange, but none was read".to_owned())
    } else if !finding
        .exchange
        .steps()
        .contains(&entry.failing_step.as_str())
    {
        Some(format!(
            "attributed to {:?} ({:?}), not to {}",
            finding.exchange,
            finding.exchange.steps(),
            entry.failing_step
        ))
    } else if finding.causes.is_empty() {
        Some("no cause".to_owned())
    } else if entry.message.starts_with("Access to ")
        && (finding.url.is_none() || finding.origin.is_none())
    {
        Some("the URL or the origin was not read".to_owned())
    } else {
        None
    };
    problem.map(|p| format!("{}: {p}: {}", entry.case, entry.message))
}

fn check_corpus(path: &Path) -> usize {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("the corpus {} cannot be read: {e}", path.display()));
    let entries: Vec<Entry> = serde_json::from_str(&text).unwrap_or_else(|e| {
        panic!(
            "the corpus {} is not [{{case, message, failingStep}}]: {e}",
            path.display()
        )
    });
    assert!(
        !entries.is_empty(),
        "the corpus {} is empty",
        path.display()
    );
    let failures: Vec<String> = entries.iter().filter_map(check_entry).collect();
    assert!(
        failures.is_empty(),
        "{} of {} messages not recognised as expected:\n{}",
        failures.len(),
        entries.len(),
        failures.join("\n")
    );
    entries.len()
}

#[test]
fn every_chromium_message_is_recognised_with_its_failing_step() {
    match std::env::var_os("PROBE_CORPUS") {
        Some(path) => {
            let count = check_corpus(Path::new(&path));
            eprintln!("probe corpus: {count} Chromium messages recognised");
        }
        None => {
            let (entries, _) = simulated_corpus();
            let path = corpus_path();
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, serde_json::to_string_pretty(entries).unwrap()).unwrap();
            let count = check_corpus(&path);
            eprintln!("simulated corpus: {count} Chrome messages recognised");
        }
    }
}

fn corpus_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../target/explain/simulated-chrome-messages.json")
}

const PAGE: &str = "https://app.example.com";

/// The grid's configurations: both API types, the page's origin alone, after another, `*`
/// or missing; headers and methods from none to `*`; with and without credentials, an
/// authorizer and (REST) an API key.
fn configs() -> Vec<ValidCorsConfig> {
    let other = "https://other.example.com";
    let [page, localhost, port] = PAGES;
    let origin_lists: [&[&str]; 5] = [
        &[page],
        &[other, page],
        &["*"],
        &[other],
        &[localhost, port, page],
    ];
    let header_lists: [&[&str]; 4] = [
        &[],
        &["Content-Type"],
        &["Content-Type", "Authorization"],
        &["*"],
    ];
    let method_lists: [&[&str]; 3] = [&["GET"], &["GET", "PUT"], &["*"]];
    let mut configs = Vec::new();
    for api_type in [ApiType::Rest, ApiType::Http] {
        for origins in origin_lists {
            for headers in header_lists {
                for methods in method_lists {
                    for (credentials, authorizer) in
                        [(false, false), (true, false), (false, true), (true, true)]
                    {
                        let config = CorsConfig {
                            api_type,
                            allow_origins: strings(origins),
                            allow_methods: strings(methods),
                            allow_headers: strings(headers),
                            allow_credentials: credentials,
                            authorizer_header: authorizer.then(|| "Authorization".to_owned()),
                            api_key_required: api_type == ApiType::Rest
                                && credentials
                                && !authorizer,
                            ..CorsConfig::default()
                        };
                        if let Ok(valid) = validate(&config) {
                            configs.push(valid.config);
                        }
                    }
                }
            }
        }
    }
    configs
}

/// Every way the grid deploys `config`: each way CORS was set up, the authorizer where it can
/// sit, with and without (REST) CORS headers on gateway responses.
fn deployments(config: &ValidCorsConfig) -> Vec<Deployment> {
    let placements: &[AuthorizerPlacement] = if config.authorizer_header.is_some() {
        &[
            AuthorizerPlacement::Route,
            AuthorizerPlacement::DefaultRoute,
        ]
    } else {
        &[AuthorizerPlacement::None]
    };
    let mut deployments = Vec::new();
    for tool in Tool::ALL {
        for &authorizer in placements {
            for gateway_responses in [false, true] {
                if gateway_responses && config.api_type == ApiType::Http {
                    continue;
                }
                deployments.push(Deployment {
                    tool,
                    authorizer,
                    api_key_required: config.api_key_required,
                    gateway_responses,
                });
            }
        }
    }
    deployments
}

/// Where the grid's pages are.
const PAGES: [&str; 3] = [
    PAGE,
    "http://localhost:3000",
    "https://app.example.com:8443",
];

/// The grid's requests: from three pages to three URLs, methods fetch() sends as is,
/// normalizes, keeps lower-case or refuses; no header, a JSON body, a token, an invalid
/// header name; with and without credentials.
fn requests() -> Vec<BrowserRequest> {
    let urls = [
        EXAMPLE_API_URL,
        "https://abc123.execute-api.us-east-1.amazonaws.com/prod/items/42?expand=owner&page=2",
        "https://api.example.com/v1/orders",
    ];
    let mut requests = Vec::new();
    for (index, method) in ["GET", "PUT", "patch", "DELETE", "GE T", "TRACE"]
        .into_iter()
        .enumerate()
    {
        let headers = [
            None,
            Some(("Content-Type", "application/json")),
            Some(("Authorization", "Bearer t")),
            Some(("X Bad", "1")),
        ];
        for header in headers {
            for credentials in [CredentialsMode::SameOrigin, CredentialsMode::Include] {
                let page = PAGES[index % PAGES.len()];
                let mut request = BrowserRequest::new(page, method).credentials(credentials);
                request.url = urls[(index + requests.len()) % urls.len()].to_owned();
                if let Some((name, value)) = header {
                    request = request.header(name, value);
                }
                requests.push(request);
            }
        }
    }
    requests
}

/// Every failing simulation of the grid (one in ten, by a fixed stride that keeps its variety
/// at a tenth of its cost), and as corpus entries those whose Chrome message and failing step
/// are new.
fn simulated_corpus() -> &'static (Vec<Entry>, Vec<Simulation>) {
    static CORPUS: OnceLock<(Vec<Entry>, Vec<Simulation>)> = OnceLock::new();
    CORPUS.get_or_init(grid_corpus)
}

fn grid_corpus() -> (Vec<Entry>, Vec<Simulation>) {
    let requests = requests();
    let mut seen = HashSet::new();
    let mut entries = Vec::new();
    let mut simulations = Vec::new();
    let mut case = 0usize;
    for config in configs() {
        for deployment in deployments(&config) {
            for request in &requests {
                case += 1;
                if case % 10 != 0 {
                    continue;
                }
                let sim = simulate(&config, request, &deployment);
                let (Some(message), Some(step)) = (&sim.chrome_message, &sim.failing_step) else {
                    continue;
                };
                if seen.insert((message.clone(), step.clone())) {
                    entries.push(Entry {
                        case: format!("sim-{case}"),
                        message: message.clone(),
                        failing_step: step.clone(),
                    });
                }
                simulations.push(sim);
            }
        }
    }
    (entries, simulations)
}

/// The simulated corpus covers every failing step and every kind of Chrome message the
/// simulator writes, so the test above cannot pass on a narrow corpus.
#[test]
fn the_simulated_corpus_covers_every_failing_step_and_reason() {
    let (entries, _) = simulated_corpus();
    let mut steps: Vec<&str> = entries.iter().map(|e| e.failing_step.as_str()).collect();
    steps.sort_unstable();
    steps.dedup();
    assert_eq!(
        steps,
        [
            "actual-response",
            "cors-check",
            "preflight-check",
            "preflight-response",
            "request"
        ]
    );
    let mut checks: Vec<String> = entries
        .iter()
        .flat_map(|e| explain(&e.message, DeployTool::Sam).findings)
        .map(|f| format!("{:?}/{:?}", f.exchange, f.check))
        .collect();
    checks.sort_unstable();
    checks.dedup();
    assert_eq!(
        checks,
        [
            "Actual/CredentialsNotTrue",
            "Actual/NoAllowOrigin",
            "Actual/OriginMismatch",
            "Actual/WildcardWithCredentials",
            "Preflight/CredentialsNotTrue",
            "Preflight/HeaderNotAllowed",
            "Preflight/MethodNotAllowed",
            "Preflight/MultipleAllowOrigin",
            "Preflight/NoAllowOrigin",
            "Preflight/OriginMismatch",
            "Preflight/PreflightNotOk",
            "Preflight/WildcardWithCredentials",
            "Request/RequestRefused",
        ]
    );
    eprintln!("simulated corpus: {} failing cases", entries.len());
}

/// With Chrome's `net::ERR_FAILED` line carrying the status API Gateway answered, the cause
/// the simulated API Gateway had is among the candidates (first where the status decides).
#[test]
fn the_status_line_puts_the_simulated_cause_among_the_candidates() {
    let (_, simulations) = simulated_corpus();
    let mut checked = 0;
    for sim in simulations {
        let (response, preflight) = match (&sim.preflight, &sim.actual.response) {
            (Some(p), _)
                if sim
                    .failing_step
                    .as_deref()
                    .is_some_and(|s| s.starts_with("preflight")) =>
            {
                (&p.response, true)
            }
            (_, Some(r))
                if sim
                    .failing_step
                    .as_deref()
                    .is_some_and(|s| s.starts_with("actual") || s == "cors-check") =>
            {
                (r, false)
            }
            _ => continue,
        };
        let error_type = response
            .headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case("x-amzn-ErrorType"))
            .map(|(_, v)| v.as_str());
        let pasted = format!(
            "{}\nPOST {} net::ERR_FAILED {}",
            sim.chrome_message.as_deref().unwrap(),
            sim.url,
            response.status
        );
        let finding = explain(&pasted, DeployTool::Sam).findings.remove(0);
        assert_eq!(finding.status, Some(response.status), "{pasted}");
        let expected: Option<(Cause, bool)> = match (preflight, response.status, error_type) {
            (true, 401, _) => Some((Cause::AuthorizerOnPreflight, true)),
            (true, 403, Some("ForbiddenException")) => Some((Cause::ApiKeyOnPreflight, false)),
            (true, 403, Some("MissingAuthenticationTokenException")) => {
                Some((Cause::NoPreflightRoute, false))
            }
            (true, 404, _) => Some((Cause::NoPreflightRoute, true)),
            (false, 400..=599, _) if finding.check == apigw_cors::Check::NoAllowOrigin => {
                Some((Cause::GatewayErrorWithoutCors, true))
            }
            _ => None,
        };
        if let Some((cause, first)) = expected {
            checked += 1;
            if first {
                assert_eq!(finding.causes.first(), Some(&cause), "{pasted}");
            } else {
                assert!(
                    finding.causes.contains(&cause),
                    "{cause} not in {:?}: {pasted}",
                    finding.causes
                );
            }
        }
    }
    assert!(
        checked >= 50,
        "only {checked} cases had a status that decides"
    );
    eprintln!("status-decided cases: {checked}");
}
