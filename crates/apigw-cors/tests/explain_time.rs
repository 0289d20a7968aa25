//! `explain` takes time linear in the pasted text, whatever its shape. Alone in its test
//! binary: timings taken while other tests run in parallel threads are too noisy to compare.

use apigw_cors::{explain, DeployTool, EXAMPLE_API_URL};

const ORIGIN: &str = "https://app.example.com";

/// The fastest of three runs of `explain` on `text`.
fn fastest(text: &str) -> std::time::Duration {
    (0..3)
        .map(|_| {
            let start = std::time::Instant::now();
            let explanation = explain(text, DeployTool::Sam);
            std::hint::black_box(explanation.findings.len());
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}

/// Pastes of every hostile shape (a marker repeated with nothing that completes it, or
/// complete messages by the thousand) take time linear in their length: eight times the text
/// takes less than 24 times as long (quadratic work would take 64; the margin absorbs the
/// noise of a machine shared with other builds).
#[test]
fn time_grows_linearly_with_every_hostile_shape() {
    let message = format!("Access to fetch at '{EXAMPLE_API_URL}' from origin '{ORIGIN}' has been blocked by CORS policy: Method PUT is not allowed by Access-Control-Allow-Methods in preflight response.\nPUT {EXAMPLE_API_URL} net::ERR_FAILED 403\n");
    let shapes: [(&str, String); 9] = [
        ("blocked", " has been blocked by CORS policy: ".into()),
        ("access to", "Access to fetch at '".into()),
        ("firefox", "Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at ".into()),
        ("safari origin", "Origin ".into()),
        ("safari wrapper", "Fetch API cannot load https://a.example/x due to access control checks. ".into()),
        ("status lines", " net::ERR_FAILED 403".into()),
        ("urls", "https://".into()),
        ("type errors", "TypeError: Failed to execute 'fetch' on 'Window': ".into()),
        ("messages", message),
    ];
    for (name, unit) in shapes {
        let n = 40_000 / unit.len().min(200) + 1;
        let small = unit.repeat(n);
        let large = unit.repeat(8 * n);
        let (t_small, t_large) = (fastest(&small), fastest(&large));
        let floor = std::time::Duration::from_millis(2);
        let ratio = t_large.as_secs_f64() / t_small.max(floor).as_secs_f64();
        eprintln!(
            "{name}: {} bytes {t_small:?} -> {} bytes {t_large:?}",
            small.len(),
            large.len()
        );
        assert!(
            ratio < 24.0,
            "{name}: x{ratio:.1} ({t_small:?} -> {t_large:?})"
        );
    }
}
