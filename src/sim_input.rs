//! What the "Test a request" panel holds: the request as typed and the deployment facts, each
//! following the configuration's default until the user sets it. Pure and tested natively.

use apigw_cors::{
    default_page_origin, AuthorizerPlacement, BrowserRequest, CredentialsMode, Deployment, Tool,
    ValidCorsConfig,
};

/// The panel's inputs; `None` means "the configuration's default".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SimInput {
    /// The page origin as typed; `None` follows the first allowed origin.
    pub origin: Option<String>,
    /// The method as typed (case kept).
    pub method: String,
    /// `Name: value` lines.
    pub headers: String,
    /// The `credentials` option of `fetch()`.
    pub credentials: CredentialsMode,
    /// How CORS was set up; `None` follows [`Deployment::for_config`].
    pub tool: Option<Tool>,
    /// Where the authorizer sits; `None` follows [`Deployment::for_config`].
    pub authorizer: Option<AuthorizerPlacement>,
    /// REST: the API key; `None` follows the configuration's `apiKeyRequired`.
    pub api_key: Option<bool>,
    /// REST: GatewayResponses with CORS headers.
    pub gateway_responses: bool,
}

impl Default for SimInput {
    fn default() -> Self {
        SimInput {
            origin: None,
            method: "GET".into(),
            headers: String::new(),
            credentials: CredentialsMode::default(),
            tool: None,
            authorizer: None,
            api_key: None,
            gateway_responses: false,
        }
    }
}

impl SimInput {
    /// Every field set from an example request (the "Show in simulator" links).
    pub fn from_example((request, deployment): (BrowserRequest, Deployment)) -> SimInput {
        SimInput {
            origin: Some(request.page_origin),
            method: request.method,
            headers: request
                .headers
                .iter()
                .map(|(name, value)| format!("{name}: {value}"))
                .collect::<Vec<_>>()
                .join("\n"),
            credentials: request.credentials,
            tool: Some(deployment.tool),
            authorizer: Some(deployment.authorizer),
            api_key: Some(deployment.api_key_required),
            gateway_responses: deployment.gateway_responses,
        }
    }

    /// The origin the field shows: as typed, else the configuration's default.
    pub fn origin_or_default(&self, config: &ValidCorsConfig) -> String {
        self.origin
            .clone()
            .unwrap_or_else(|| default_page_origin(config))
    }

    /// The deployment: the facts set by the user over the configuration's defaults.
    pub fn deployment(&self, config: &ValidCorsConfig) -> Deployment {
        let defaults = Deployment::for_config(config);
        Deployment {
            tool: self.tool.unwrap_or(defaults.tool),
            authorizer: self.authorizer.unwrap_or(defaults.authorizer),
            api_key_required: self.api_key.unwrap_or(defaults.api_key_required),
            gateway_responses: self.gateway_responses,
        }
    }

    /// The request and deployment to simulate for `config`.
    pub fn resolve(&self, config: &ValidCorsConfig) -> (BrowserRequest, Deployment) {
        let mut request = BrowserRequest::new(&self.origin_or_default(config), &self.method);
        request.headers = BrowserRequest::parse_header_lines(&self.headers);
        request.credentials = self.credentials;
        (request, self.deployment(config))
    }
}

/// The credentials modes, in the order the picker lists them.
pub const CREDENTIALS_MODES: [CredentialsMode; 3] = [
    CredentialsMode::Omit,
    CredentialsMode::SameOrigin,
    CredentialsMode::Include,
];

/// The credentials mode named `value` (`omit`, `same-origin`, `include`).
pub fn credentials_named(value: &str) -> CredentialsMode {
    CREDENTIALS_MODES
        .into_iter()
        .find(|m| m.as_str() == value)
        .unwrap_or_default()
}

/// The tool named `value` (`generated`, `sam`, …), else the generated template.
pub fn tool_named(value: &str) -> Tool {
    Tool::ALL
        .into_iter()
        .find(|t| t.as_str() == value)
        .unwrap_or(Tool::Generated)
}

/// The authorizer placements with their option values, in the order the picker lists them.
pub const AUTHORIZER_PLACEMENTS: [(AuthorizerPlacement, &str); 3] = [
    (AuthorizerPlacement::None, "none"),
    (AuthorizerPlacement::Route, "route"),
    (AuthorizerPlacement::DefaultRoute, "default-route"),
];

/// The option value of a placement.
pub fn authorizer_value(placement: AuthorizerPlacement) -> &'static str {
    AUTHORIZER_PLACEMENTS
        .into_iter()
        .find(|(p, _)| *p == placement)
        .map_or("none", |(_, value)| value)
}

/// The placement whose option value is `value`.
pub fn authorizer_named(value: &str) -> AuthorizerPlacement {
    AUTHORIZER_PLACEMENTS
        .into_iter()
        .find(|(_, v)| *v == value)
        .map_or(AuthorizerPlacement::None, |(p, _)| p)
}

#[cfg(test)]
mod tests {
    use super::*;
    use apigw_cors::{check, CorsConfig};

    fn valid(json: &str) -> ValidCorsConfig {
        check(&CorsConfig::from_json(json).unwrap()).config.unwrap()
    }

    #[test]
    fn defaults_follow_the_configuration() {
        let input = SimInput::default();
        let c = valid(
            r#"{"apiType":"rest","allowOrigins":["https://a.example.com","https://b.example.com"],"allowMethods":["GET"],"authorizerHeader":"Authorization","apiKeyRequired":true}"#,
        );
        let (request, deployment) = input.resolve(&c);
        assert_eq!(request, BrowserRequest::new("https://a.example.com", "GET"));
        assert_eq!(deployment, Deployment::for_config(&c));
        assert_eq!(deployment.authorizer, AuthorizerPlacement::Route);
        assert!(deployment.api_key_required);

        let c = valid(
            r#"{"apiType":"http","allowOrigins":["https://b.example.com"],"allowMethods":["GET"]}"#,
        );
        let (request, deployment) = input.resolve(&c);
        assert_eq!(request.page_origin, "https://b.example.com");
        assert_eq!(deployment.authorizer, AuthorizerPlacement::None);
        assert!(!deployment.api_key_required);
    }

    #[test]
    fn what_the_user_set_wins() {
        let c = valid(
            r#"{"apiType":"rest","allowOrigins":["https://a.example.com"],"allowMethods":["GET"],"apiKeyRequired":true}"#,
        );
        let input = SimInput {
            origin: Some("http://localhost:3000".into()),
            method: "patch".into(),
            headers: "Content-Type: application/json\n\nX-Trace:  1 ".into(),
            credentials: CredentialsMode::Include,
            tool: Some(Tool::Cdk),
            authorizer: Some(AuthorizerPlacement::DefaultRoute),
            api_key: Some(false),
            gateway_responses: true,
        };
        let (request, deployment) = input.resolve(&c);
        assert_eq!(
            request,
            BrowserRequest::new("http://localhost:3000", "patch")
                .header("Content-Type", "application/json")
                .header("X-Trace", "1")
                .credentials(CredentialsMode::Include)
        );
        assert_eq!(
            deployment,
            Deployment {
                tool: Tool::Cdk,
                authorizer: AuthorizerPlacement::DefaultRoute,
                api_key_required: false,
                gateway_responses: true,
            }
        );
    }

    #[test]
    fn an_example_fills_every_field_and_resolves_to_itself() {
        let c = valid(
            r#"{"apiType":"http","allowOrigins":["https://a.example.com"],"allowMethods":["GET"]}"#,
        );
        let request = BrowserRequest::new("https://x.example", "PUT")
            .header("Authorization", "Bearer t")
            .header("X-A", "1")
            .credentials(CredentialsMode::Omit);
        let deployment = Deployment {
            tool: Tool::Sam,
            authorizer: AuthorizerPlacement::Route,
            api_key_required: true,
            gateway_responses: false,
        };
        let input = SimInput::from_example((request.clone(), deployment));
        assert_eq!(input.headers, "Authorization: Bearer t\nX-A: 1");
        assert_eq!(input.origin.as_deref(), Some("https://x.example"));
        assert_eq!(input.resolve(&c), (request, deployment));
    }

    #[test]
    fn option_values_round_trip() {
        for mode in CREDENTIALS_MODES {
            assert_eq!(credentials_named(mode.as_str()), mode);
        }
        assert_eq!(credentials_named("bogus"), CredentialsMode::SameOrigin);
        for tool in Tool::ALL {
            assert_eq!(tool_named(tool.as_str()), tool);
        }
        assert_eq!(tool_named(""), Tool::Generated);
        for (placement, value) in AUTHORIZER_PLACEMENTS {
            assert_eq!(authorizer_named(authorizer_value(placement)), placement);
            assert_eq!(authorizer_value(placement), value);
        }
        assert_eq!(authorizer_named("x"), AuthorizerPlacement::None);
    }
}
