//! The differential's API server (`probe-diff/run.mjs`): plays every scripted API Gateway
//! behaviour of `tests/support/scenarios.rs` on 127.0.0.1, writes the cases (scenario ×
//! request, with the cause the probe must name) as JSON, prints `ready PORT` and serves until
//! its standard input closes.
//!
//! Usage: `cargo run -p apigw-cors-cli --example probe_stub -- --cases PATH [--port P]`

#[path = "../tests/support/scenarios.rs"]
mod scenarios;
#[path = "../tests/support/stub.rs"]
mod stub;

use scenarios::{allowed, reply, REQUESTS, SCENARIOS};
use serde_json::json;
use std::io::Read;
use std::sync::Arc;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let value = |flag: &str| {
        args.iter()
            .position(|a| a == flag)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let Some(cases_path) = value("--cases") else {
        eprintln!("usage: probe_stub --cases PATH [--port P]");
        std::process::exit(2);
    };
    let port: u16 = value("--port").and_then(|p| p.parse().ok()).unwrap_or(0);
    let stub = stub::Stub::start_on(port, Arc::new(reply), None);
    let mut cases = Vec::new();
    for scenario in SCENARIOS {
        for (index, request) in REQUESTS.iter().enumerate() {
            let cause = scenario.expect[index];
            cases.push(json!({
                "id": format!("{}/{}", scenario.id, request.id),
                "scenario": scenario.id,
                "plays": scenario.plays,
                "path": format!("/s/{}/items", scenario.id),
                "method": request.method,
                "headers": request.headers.iter().map(|(n, v)| [n, v]).collect::<Vec<_>>(),
                "credentials": request.credentials,
                "cause": cause,
                "allowed": allowed(cause),
            }));
        }
    }
    let doc = json!({ "port": stub.port, "cases": cases });
    if let Err(error) = std::fs::write(&cases_path, doc.to_string()) {
        eprintln!("error: cannot write {cases_path}: {error}");
        std::process::exit(1);
    }
    println!("ready {}", stub.port);
    // Serve until the driver closes our standard input.
    let _ = std::io::stdin().read_to_end(&mut Vec::new());
}
