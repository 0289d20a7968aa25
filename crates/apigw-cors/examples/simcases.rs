//! Writes seeded (configuration, deployment, request) cases with the simulator's predictions, for
//! the differential test against real Chromium (`node simtest/run.mjs target/simcases.json`).
//!
//! Usage: `cargo run -p apigw-cors --example simcases -- [--seed N] [--count N]
//! [--page-port P] [--api-port P] [--out PATH]`

use apigw_cors::{
    simulate, validate, ApiType, AuthorizerPlacement, BrowserRequest, CorsConfig, CredentialsMode,
    Deployment, Tool,
};
use serde_json::json;

/// SplitMix64: a tiny, seedable, dependency-free generator.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
    fn subset<T: Clone>(&mut self, items: &[T], percent: u64) -> Vec<T> {
        items
            .iter()
            .filter(|_| self.chance(percent))
            .cloned()
            .collect()
    }
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

fn gen_config(rng: &mut Rng, page: &str, other_local: &str) -> CorsConfig {
    let api_type = if rng.chance(50) {
        ApiType::Http
    } else {
        ApiType::Rest
    };
    let mut pool = vec![
        page.to_owned(),
        other_local.to_owned(),
        "https://app.example.com".to_owned(),
        "http://localhost:3000".to_owned(),
    ];
    if api_type == ApiType::Http {
        pool.push("http://*".into());
        pool.push("https://*".into());
    }
    let allow_origins = if rng.chance(15) {
        vec!["*".to_owned()]
    } else {
        let mut chosen: Vec<String> = Vec::new();
        for _ in 0..rng.below(3) {
            let o = rng.pick(&pool[1..]).clone();
            if !chosen.contains(&o) {
                chosen.push(o);
            }
        }
        // The page origin first, later or nowhere, so first-origin rules are exercised.
        if chosen.is_empty() || rng.chance(65) {
            let at = rng.below(chosen.len() + 1);
            chosen.insert(at, page.to_owned());
        }
        chosen
    };
    let allow_methods = if rng.chance(15) {
        strings(&["*"])
    } else {
        let mut m = rng.subset(
            &strings(&["GET", "PUT", "POST", "DELETE", "PATCH", "HEAD", "OPTIONS"]),
            40,
        );
        if m.is_empty() {
            m.push("GET".into());
        }
        m
    };
    let allow_headers = if rng.chance(15) {
        strings(&["*"])
    } else {
        rng.subset(
            &strings(&[
                "Content-Type",
                "Authorization",
                "X-Api-Key",
                "X-Custom",
                "X-Amz-Date",
            ]),
            40,
        )
    };
    let expose_headers = match rng.below(4) {
        0 => strings(&["X-Request-Id"]),
        1 => strings(&["*"]),
        _ => vec![],
    };
    let max_age = *rng.pick(&[None, Some(0), Some(600), Some(10_000)]);
    let allow_credentials = allow_origins != ["*"] && rng.chance(35);
    let authorizer_header = rng.chance(15).then(|| "Authorization".to_owned());
    let api_key_required = api_type == ApiType::Rest && rng.chance(10);
    CorsConfig {
        api_type,
        allow_origins,
        allow_methods,
        allow_headers,
        expose_headers,
        max_age,
        allow_credentials,
        authorizer_header,
        api_key_required,
        payload_format_version: None,
    }
}

fn gen_deployment(rng: &mut Rng, config: &CorsConfig) -> Deployment {
    let tool = *rng.pick(&Tool::ALL);
    let authorizer = match (config.authorizer_header.is_some(), rng.below(3)) {
        (false, _) => AuthorizerPlacement::None,
        (true, 0) => AuthorizerPlacement::DefaultRoute,
        (true, _) => AuthorizerPlacement::Route,
    };
    Deployment {
        tool,
        authorizer,
        api_key_required: config.api_key_required,
        gateway_responses: config.api_type == ApiType::Rest && rng.chance(40),
    }
}

const HEADER_POOL: &[(&str, &str)] = &[
    ("Content-Type", "text/plain"),
    ("Content-Type", "application/json"),
    ("Content-Type", "multipart/form-data; boundary=x"),
    ("Content-Type", "text/plain;charset=UTF-8"),
    ("Content-Type", "application/x-www-form-urlencoded"),
    ("Authorization", "Bearer token"),
    ("X-Api-Key", "key123"),
    ("X-Custom", "1"),
    ("X-Amz-Date", "20260101T000000Z"),
    ("Accept", "application/json"),
    ("Accept", "application/{json}"),
    ("Accept-Language", "en-US,en;q=0.9"),
    ("Accept-Language", "en(US)"),
    ("Content-Language", "de"),
    ("Range", "bytes=0-10"),
    ("Range", "bytes=-5"),
    ("Cookie", "a=b"),
    ("Sec-Custom", "1"),
];

fn gen_request(rng: &mut Rng, page: &str, api_url: &str, page_url: &str) -> BrowserRequest {
    let methods = [
        "GET", "GET", "POST", "POST", "HEAD", "PUT", "DELETE", "PATCH", "patch", "put", "get",
        "OPTIONS", "Delete",
    ];
    let method = if rng.chance(2) {
        "TRACE"
    } else {
        *rng.pick(&methods)
    };
    let mut request = BrowserRequest::new(page, method);
    request.url = if rng.chance(4) {
        page_url.to_owned()
    } else {
        api_url.to_owned()
    };
    for _ in 0..rng.below(4) {
        let (name, value) = *rng.pick(HEADER_POOL);
        if !request
            .headers
            .iter()
            .any(|(n, _)| n.eq_ignore_ascii_case(name))
        {
            request.headers.push((name.into(), value.into()));
        }
    }
    if rng.chance(8) {
        // A safelisted name whose value is over the 128-byte limit.
        request.headers.push(("Accept".into(), "a".repeat(129)));
    }
    request.credentials = *rng.pick(&[
        CredentialsMode::Omit,
        CredentialsMode::SameOrigin,
        CredentialsMode::Include,
    ]);
    request
}

fn arg(args: &[String], name: &str, default: &str) -> String {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .cloned()
        .unwrap_or_else(|| default.to_owned())
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let seed: u64 = arg(&args, "--seed", "20260101")
        .parse()
        .expect("--seed is a number");
    let count: usize = arg(&args, "--count", "240")
        .parse()
        .expect("--count is a number");
    let page_port = arg(&args, "--page-port", "47801");
    let api_port = arg(&args, "--api-port", "47802");
    let out = arg(&args, "--out", "target/simcases.json");

    let page = format!("http://127.0.0.1:{page_port}");
    let api = format!("http://127.0.0.1:{api_port}");
    let other_local = "http://127.0.0.1:47803";
    let mut rng = Rng(seed);
    let mut cases = Vec::new();
    while cases.len() < count {
        let config = gen_config(&mut rng, &page, other_local);
        let Ok(validated) = validate(&config) else {
            continue;
        };
        let deployment = gen_deployment(&mut rng, &config);
        let id = cases.len();
        let request = gen_request(
            &mut rng,
            &page,
            &format!("{api}/items?case={id}"),
            &format!("{page}/items?case={id}"),
        );
        let sim = simulate(&validated.config, &request, &deployment);
        cases.push(json!({
            "id": id,
            "config": config,
            "deployment": deployment,
            "request": request,
            "expect": {
                "preflight_sent": sim.preflight.is_some(),
                "actual_sent": sim.actual.sent,
                "allowed": sim.allowed,
            },
            "simulation": sim,
        }));
    }
    let doc = json!({ "seed": seed, "page_origin": page, "api_origin": api, "cases": cases });
    if let Some(dir) = std::path::Path::new(&out).parent() {
        std::fs::create_dir_all(dir).expect("create the output directory");
    }
    std::fs::write(
        &out,
        serde_json::to_string_pretty(&doc).expect("serializable"),
    )
    .expect("write the cases");
    eprintln!("wrote {count} cases (seed {seed}) to {out}");
}
