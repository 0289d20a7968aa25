//! For a diagnostic that predicts what a browser will do, a request that shows it: the page's
//! "Show in simulator" links. Each example changes as little as possible from the defaults
//! (the first allowed origin, an allowed method, [`Deployment::for_config`]) so the one thing
//! the diagnostic is about is what the simulation shows.

use super::{default_page_origin, AuthorizerPlacement, BrowserRequest, CredentialsMode};
use super::{Deployment, Tool};
use crate::diagnostic::Diagnostic;
use crate::field::Field;
use crate::model::{AllowedMethods, ApiType, Method, ValidCorsConfig};
use crate::rule::Rule;

/// An origin no configuration lists on purpose: a site that is not yours.
const OTHER_SITE: &str = "attacker.example";
/// The token value example requests send (any value gets past the browser).
const EXAMPLE_TOKEN: &str = "Bearer example-token";
/// The API key value example requests send.
const EXAMPLE_API_KEY: &str = "example-key";

/// A request and deployment that show what `diagnostic` predicts for `config`, or `None` when
/// the diagnostic is not about what a browser does (or no request can show it here).
///
/// ```
/// use apigw_cors::{check, example_request_for, simulate, CorsConfig};
///
/// let mut config = CorsConfig::default();
/// config.allow_headers = vec!["Authorization".into()];
/// let report = check(&config);
/// let valid = report.config.as_ref().unwrap();
/// let diagnostic = report
///     .diagnostics
///     .iter()
///     .find(|d| d.code == "content-type-not-allowed")
///     .unwrap();
/// let (request, deployment) = example_request_for(diagnostic, valid).unwrap();
/// assert_eq!(request.method, "POST");
/// assert_eq!(request.headers, [("Content-Type".to_owned(), "application/json".to_owned())]);
/// assert!(!simulate(valid, &request, &deployment).allowed);
/// ```
pub fn example_request_for(
    diagnostic: &Diagnostic,
    config: &ValidCorsConfig,
) -> Option<(BrowserRequest, Deployment)> {
    let simple = || BrowserRequest::new(&default_page_origin(config), &method(config, READS));
    let deployment = Deployment::for_config(config);
    let example = match diagnostic.code {
        Rule::WildcardOrigin => (
            BrowserRequest {
                page_origin: format!("https://{OTHER_SITE}"),
                ..simple()
            },
            deployment,
        ),
        Rule::CredentialsOriginPattern => {
            let pattern = diagnostic.value.as_deref()?;
            let request = BrowserRequest {
                page_origin: pattern.replacen('*', OTHER_SITE, 1),
                ..simple()
            };
            (request.credentials(CredentialsMode::Include), deployment)
        }
        Rule::WildcardHeaderAuthorization => {
            (simple().header("Authorization", EXAMPLE_TOKEN), deployment)
        }
        Rule::WildcardLiteralWithCredentials => {
            let request = match diagnostic.field.field() {
                Some(Field::AllowMethods) => {
                    BrowserRequest::new(&default_page_origin(config), "PUT")
                }
                Some(Field::AllowHeaders) => simple().header("X-Example", "1"),
                _ => simple(),
            };
            (request.credentials(CredentialsMode::Include), deployment)
        }
        Rule::AuthorizerOnPreflight => {
            let header = config.authorizer_header.as_deref()?;
            let deployment = match config.api_type {
                // SAM's default also puts the authorizer on the OPTIONS methods.
                ApiType::Rest => Deployment {
                    tool: Tool::Sam,
                    authorizer: AuthorizerPlacement::Route,
                    ..deployment
                },
                ApiType::Http => Deployment {
                    authorizer: AuthorizerPlacement::DefaultRoute,
                    ..deployment
                },
            };
            (simple().header(header, EXAMPLE_TOKEN), deployment)
        }
        Rule::AuthorizerHeaderNotAllowed => {
            let header = config.authorizer_header.as_deref()?;
            (simple().header(header, EXAMPLE_TOKEN), deployment)
        }
        Rule::ApiKeyOnPreflight => {
            // SAM's default also requires the key on the OPTIONS methods.
            let deployment = Deployment {
                tool: Tool::Sam,
                authorizer: AuthorizerPlacement::None,
                api_key_required: true,
                ..deployment
            };
            (simple().header("X-Api-Key", EXAMPLE_API_KEY), deployment)
        }
        Rule::ApiKeyHeaderNotAllowed => (simple().header("X-Api-Key", EXAMPLE_API_KEY), deployment),
        Rule::ContentTypeNotAllowed => {
            let request =
                BrowserRequest::new(&default_page_origin(config), &method(config, WRITES))
                    .header("Content-Type", "application/json");
            (request, deployment)
        }
        Rule::RestGatewayResponses => {
            // A request without the token or key: API Gateway's own 401/403 has no CORS headers.
            if config.authorizer_header.is_none() && !config.api_key_required {
                return None;
            }
            (simple(), deployment)
        }
        Rule::RestGatewayResponsesOrigins => {
            // A request without the token or key meets the generated gateway responses: with
            // credentials a page on the second origin gets a CORS error, without them any site
            // reads the error.
            if config.authorizer_header.is_none() && !config.api_key_required {
                return None;
            }
            let page_origin = if config.allow_credentials {
                config.origins.values().get(1)?.to_string()
            } else {
                format!("https://{OTHER_SITE}")
            };
            let request = BrowserRequest {
                page_origin,
                ..simple()
            };
            let deployment = Deployment {
                gateway_responses: true,
                ..deployment
            };
            (request, deployment)
        }
        Rule::RestSeveralOrigins => {
            // SAM's Cors answers every preflight with the first origin only.
            let second = config.origins.values().get(1)?.to_string();
            let request = BrowserRequest {
                page_origin: second,
                ..preflighted(config)?
            };
            let deployment = Deployment {
                tool: Tool::Sam,
                authorizer: AuthorizerPlacement::None,
                api_key_required: false,
                gateway_responses: false,
            };
            (request, deployment)
        }
        Rule::MaxAgeMissing | Rule::MaxAgeAboveChromiumCap | Rule::MaxAgeAboveFirefoxCap => {
            (preflighted(config)?, deployment)
        }
        _ => return None,
    };
    Some(example)
}

/// Methods that only read, most common first.
const READS: &[Method] = &[Method::Get, Method::Head, Method::Post];
/// Methods that send a body, most common first.
const WRITES: &[Method] = &[Method::Post, Method::Put, Method::Patch];
/// Methods that always need a preflight.
const NON_SIMPLE: &[Method] = &[Method::Put, Method::Delete, Method::Patch];

/// The first of `preferred` the configuration allows, else its first method.
fn method(config: &ValidCorsConfig, preferred: &[Method]) -> String {
    let allowed = preferred.iter().find(|&&m| config.methods.includes(m));
    let first_listed = match &config.methods {
        AllowedMethods::Any => None,
        AllowedMethods::List(list) => list.first(),
    };
    allowed
        .or(first_listed)
        .unwrap_or(&preferred[0])
        .as_str()
        .to_owned()
}

/// A request the configuration lets through that needs a preflight: an allowed method other
/// than GET, HEAD and POST, or an allowed header that is not safelisted.
fn preflighted(config: &ValidCorsConfig) -> Option<BrowserRequest> {
    let origin = default_page_origin(config);
    if let Some(m) = NON_SIMPLE.iter().find(|&&m| config.methods.includes(m)) {
        return Some(BrowserRequest::new(&origin, m.as_str()));
    }
    let request = BrowserRequest::new(&origin, &method(config, READS));
    let named = config.allow_headers.iter().find(|h| *h != "*");
    match named {
        Some(name) if name.eq_ignore_ascii_case("content-type") => {
            Some(request.header(name, "application/json"))
        }
        Some(name) => Some(request.header(name, "example")),
        None if !config.allow_headers.is_empty() && !config.allow_credentials => {
            Some(request.header("X-Example", "1"))
        }
        None => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::check;
    use crate::model::CorsConfig;
    use crate::simulate::simulate;

    fn h(name: &str, value: &str) -> (String, String) {
        (name.to_owned(), value.to_owned())
    }

    /// The valid configuration and the diagnostic `code` that `check` finds for `json`.
    fn finding(json: &str, code: &str) -> (ValidCorsConfig, Diagnostic) {
        let report = check(&CorsConfig::from_json(json).unwrap());
        let diagnostic = report
            .diagnostics
            .iter()
            .find(|d| d.code == code)
            .unwrap_or_else(|| panic!("{code} in {:?}", report.diagnostics))
            .clone();
        (report.config.unwrap(), diagnostic)
    }

    /// The example for `code`, simulated: (request, deployment, allowed, failing step).
    fn shown(json: &str, code: &str) -> (BrowserRequest, Deployment, bool, Option<String>, String) {
        let (config, diagnostic) = finding(json, code);
        let (request, deployment) = example_request_for(&diagnostic, &config).unwrap();
        let sim = simulate(&config, &request, &deployment);
        (
            request,
            deployment,
            sim.allowed,
            sim.failing_step,
            sim.reason,
        )
    }

    const HTTP: &str = r#""apiType":"http","allowOrigins":["https://app.example.com","https://admin.example.com"]"#;
    const REST: &str = r#""apiType":"rest","allowOrigins":["https://app.example.com","https://admin.example.com"]"#;

    #[test]
    fn the_default_origin_skips_wildcards_and_patterns() {
        let valid = |json: &str| check(&CorsConfig::from_json(json).unwrap()).config.unwrap();
        let c = valid(
            r#"{"apiType":"http","allowOrigins":["https://*","http://localhost:3000"],"allowMethods":["GET"]}"#,
        );
        assert_eq!(default_page_origin(&c), "http://localhost:3000");
        let c = valid(r#"{"apiType":"http","allowOrigins":["*"],"allowMethods":["GET"]}"#);
        assert_eq!(default_page_origin(&c), "https://app.example.com");
    }

    #[test]
    fn wildcard_headers_and_authorization() {
        // Reference §5.2: the standard never lets `*` cover Authorization; Chromium still
        // accepts it (the simulation says so in a warning), Firefox blocks it.
        let json = format!(r#"{{{HTTP},"allowMethods":["GET","POST"],"allowHeaders":["*"]}}"#);
        let (config, diagnostic) = finding(&json, "wildcard-header-authorization");
        let (request, deployment) = example_request_for(&diagnostic, &config).unwrap();
        assert_eq!(request.page_origin, "https://app.example.com");
        assert_eq!(request.method, "GET");
        assert_eq!(
            request.headers,
            [h("Authorization", "Bearer example-token")]
        );
        assert_eq!(request.credentials, CredentialsMode::SameOrigin);
        assert_eq!(deployment, Deployment::for_config(&config));
        let sim = simulate(&config, &request, &deployment);
        assert!(sim.preflight.is_some());
        assert_eq!(sim.warnings.len(), 1);
        assert!(
            sim.warnings[0].contains("Firefox blocks it"),
            "{:?}",
            sim.warnings
        );
    }

    #[test]
    fn a_json_body_needs_content_type_listed() {
        // Reference §5.1: application/json is not a safelisted Content-Type.
        let json =
            format!(r#"{{{HTTP},"allowMethods":["GET","PUT"],"allowHeaders":["X-Custom"]}}"#);
        let (request, _, allowed, failing, reason) = shown(&json, "content-type-not-allowed");
        assert_eq!(request.method, "PUT", "POST is not allowed, PUT is");
        assert_eq!(request.headers, [h("Content-Type", "application/json")]);
        assert!(!allowed);
        assert_eq!(failing.as_deref(), Some("preflight-response"));
        assert!(reason.contains("content-type"), "{reason}");
    }

    #[test]
    fn an_authorizer_on_the_preflight_answers_401() {
        // Reference §2.5 (REST, SAM default) and §3.1 (HTTP $default/ANY route).
        let json = format!(
            r#"{{{REST},"allowMethods":["GET"],"allowHeaders":["Authorization"],"authorizerHeader":"Authorization"}}"#
        );
        let (request, deployment, allowed, failing, _) = shown(&json, "authorizer-on-preflight");
        assert_eq!(
            request.headers,
            [h("Authorization", "Bearer example-token")]
        );
        assert_eq!(
            deployment,
            Deployment {
                tool: Tool::Sam,
                authorizer: AuthorizerPlacement::Route,
                api_key_required: false,
                gateway_responses: false,
            }
        );
        assert!(!allowed);
        assert_eq!(failing.as_deref(), Some("preflight-response"));

        let json = format!(
            r#"{{{HTTP},"allowMethods":["GET"],"allowHeaders":["X-Token"],"authorizerHeader":"X-Token"}}"#
        );
        let (request, deployment, allowed, failing, _) = shown(&json, "authorizer-on-preflight");
        assert_eq!(request.headers, [h("X-Token", "Bearer example-token")]);
        assert_eq!(deployment.tool, Tool::Generated);
        assert_eq!(deployment.authorizer, AuthorizerPlacement::DefaultRoute);
        assert!(!allowed);
        assert_eq!(failing.as_deref(), Some("preflight-response"));
    }

    #[test]
    fn an_unlisted_authorizer_header_is_blocked() {
        // Reference §5.2: every non-safelisted request header must be listed.
        let json = format!(
            r#"{{{HTTP},"allowMethods":["GET"],"allowHeaders":["Content-Type"],"authorizerHeader":"X-Token"}}"#
        );
        let (request, deployment, allowed, failing, _) =
            shown(&json, "authorizer-header-not-allowed");
        assert_eq!(request.headers, [h("X-Token", "Bearer example-token")]);
        assert_eq!(deployment.authorizer, AuthorizerPlacement::Route);
        assert!(!allowed);
        assert_eq!(failing.as_deref(), Some("preflight-response"));
    }

    #[test]
    fn api_key_examples() {
        // Reference §2.5: SAM's default puts the key requirement on OPTIONS too (403).
        let json = format!(
            r#"{{{REST},"allowMethods":["GET"],"allowHeaders":["X-Api-Key"],"apiKeyRequired":true}}"#
        );
        let (request, deployment, allowed, failing, _) = shown(&json, "api-key-on-preflight");
        assert_eq!(request.headers, [h("X-Api-Key", "example-key")]);
        assert_eq!(deployment.tool, Tool::Sam);
        assert!(deployment.api_key_required);
        assert!(!allowed);
        assert_eq!(failing.as_deref(), Some("preflight-response"));

        let json = format!(
            r#"{{{REST},"allowMethods":["GET"],"allowHeaders":["Content-Type"],"apiKeyRequired":true}}"#
        );
        let (request, deployment, allowed, failing, _) = shown(&json, "api-key-header-not-allowed");
        assert_eq!(request.headers, [h("X-Api-Key", "example-key")]);
        assert_eq!(deployment.tool, Tool::Generated);
        assert!(!allowed);
        assert_eq!(failing.as_deref(), Some("preflight-check"));
    }

    #[test]
    fn origin_examples_show_another_site_getting_in() {
        // Reference §5.3: `*` and a matched pattern let any site read the response.
        let json = r#"{"apiType":"http","allowOrigins":["*"],"allowMethods":["GET"]}"#;
        let (request, _, allowed, failing, _) = shown(json, "wildcard-origin");
        assert_eq!(request.page_origin, "https://attacker.example");
        assert!(allowed);
        assert_eq!(failing, None);

        let json = r#"{"apiType":"http","allowOrigins":["https://*"],"allowMethods":["GET"],"allowCredentials":true}"#;
        let (request, _, allowed, _, _) = shown(json, "credentials-origin-pattern");
        assert_eq!(request.page_origin, "https://attacker.example");
        assert_eq!(request.credentials, CredentialsMode::Include);
        assert!(allowed);
    }

    #[test]
    fn wildcards_are_literal_with_credentials() {
        // Reference §5.2: with credentials `*` is the literal name "*".
        let json = format!(
            r#"{{{HTTP},"allowMethods":["*"],"allowHeaders":["*"],"allowCredentials":true}}"#
        );
        let (config, _) = finding(&json, "wildcard-literal-with-credentials");
        let by_field = |field: &str| {
            let report = check(&CorsConfig::from_json(&json).unwrap());
            let d = report
                .diagnostics
                .iter()
                .find(|d| d.code == "wildcard-literal-with-credentials" && d.field == field)
                .unwrap()
                .clone();
            example_request_for(&d, &config).unwrap().0
        };
        let methods = by_field("allowMethods");
        assert_eq!(methods.method, "PUT");
        assert_eq!(methods.credentials, CredentialsMode::Include);
        let headers = by_field("allowHeaders");
        assert_eq!(headers.method, "GET");
        assert_eq!(headers.headers, [h("X-Example", "1")]);
        assert_eq!(headers.credentials, CredentialsMode::Include);
    }

    #[test]
    fn sam_answers_a_second_origin_with_the_first() {
        // Reference §2.2: SAM's Cors mock sends one static Access-Control-Allow-Origin.
        let json = format!(r#"{{{REST},"allowMethods":["GET","DELETE"],"allowHeaders":[]}}"#);
        let (request, deployment, allowed, failing, _) = shown(&json, "rest-several-origins");
        assert_eq!(request.page_origin, "https://admin.example.com");
        assert_eq!(request.method, "DELETE");
        assert_eq!(deployment.tool, Tool::Sam);
        assert!(!allowed);
        assert_eq!(failing.as_deref(), Some("preflight-check"));
    }

    #[test]
    fn gateway_errors_without_cors_headers_hide_the_status() {
        // Reference §2.6: API Gateway's own 401/403 carries no CORS headers by default.
        let json = format!(
            r#"{{{REST},"allowMethods":["GET"],"allowHeaders":["Authorization"],"authorizerHeader":"Authorization"}}"#
        );
        let (request, deployment, allowed, failing, _) = shown(&json, "rest-gateway-responses");
        assert_eq!(request.headers, []);
        assert!(!deployment.gateway_responses);
        assert!(!allowed);
        assert_eq!(failing.as_deref(), Some("actual-response"));

        let (config, diagnostic) = finding(
            &format!(r#"{{{REST},"allowMethods":["GET"]}}"#),
            "rest-gateway-responses",
        );
        assert_eq!(example_request_for(&diagnostic, &config), None);
    }

    #[test]
    fn gateway_response_trade_off_examples() {
        let json = format!(
            r#"{{{REST},"allowMethods":["GET"],"apiKeyRequired":true,"allowCredentials":true}}"#
        );
        let (request, deployment, allowed, _, _) = shown(&json, "rest-gateway-responses-origins");
        assert_eq!(request.page_origin, "https://admin.example.com");
        assert!(deployment.gateway_responses);
        assert!(!allowed);

        let json = format!(r#"{{{REST},"allowMethods":["GET"],"apiKeyRequired":true}}"#);
        let (request, _, allowed, _, _) = shown(&json, "rest-gateway-responses-origins");
        assert_eq!(request.page_origin, format!("https://{OTHER_SITE}"));
        assert!(allowed);

        let (config, diagnostic) = finding(
            &format!(r#"{{{REST},"allowMethods":["GET"]}}"#),
            "rest-gateway-responses-origins",
        );
        assert_eq!(example_request_for(&diagnostic, &config), None);
    }

    #[test]
    fn max_age_examples_pass_a_preflight() {
        // Reference §5.5: the cache time is only shown for a preflight that passes.
        let json = format!(r#"{{{HTTP},"allowMethods":["GET"],"allowHeaders":["Content-Type"]}}"#);
        let (config, diagnostic) = finding(&json, "max-age-missing");
        let (request, deployment) = example_request_for(&diagnostic, &config).unwrap();
        assert_eq!(request.headers, [h("Content-Type", "application/json")]);
        let sim = simulate(&config, &request, &deployment);
        assert!(sim.allowed);
        assert!(sim.preflight.is_some());
        assert!(sim.cache.is_some());

        let json = format!(
            r#"{{{HTTP},"allowMethods":["GET","PATCH"],"allowHeaders":["Content-Type"],"maxAge":10000}}"#
        );
        let (_, _, allowed, _, _) = shown(&json, "max-age-above-chromium-cap");
        assert!(allowed);
        let (config, diagnostic) = finding(&json, "max-age-above-chromium-cap");
        assert_eq!(
            example_request_for(&diagnostic, &config).unwrap().0.method,
            "PATCH"
        );

        let (config, diagnostic) = finding(
            &format!(
                r#"{{{HTTP},"allowMethods":["GET"],"allowHeaders":[],"allowCredentials":true}}"#
            ),
            "max-age-missing",
        );
        assert_eq!(example_request_for(&diagnostic, &config), None);
    }

    #[test]
    fn diagnostics_about_code_or_files_have_no_example() {
        let json = format!(
            r#"{{{REST},"allowOrigins":["https://app.example.com","http://localhost:3000"],"allowMethods":["GET"],"maxAge":600}}"#
        );
        let json = json.replacen(
            r#""allowOrigins":["https://app.example.com","https://admin.example.com"],"#,
            "",
            1,
        );
        for code in ["development-origin", "rest-lambda-headers"] {
            let (config, diagnostic) = finding(&json, code);
            assert_eq!(example_request_for(&diagnostic, &config), None, "{code}");
        }
    }
}
