//! The configuration as the user writes it, and the validated form every emitter reads.

use crate::field::Field;
use serde::{Deserialize, Serialize};

/// Which kind of API Gateway API the settings are for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ApiType {
    /// REST API (API Gateway v1, `AWS::Serverless::Api`, CDK `RestApi`).
    Rest,
    /// HTTP API (API Gateway v2, `AWS::Serverless::HttpApi`, CDK `HttpApi`).
    Http,
}

impl ApiType {
    /// The name used in the configuration file: `rest` or `http`.
    pub fn as_str(self) -> &'static str {
        match self {
            ApiType::Rest => "rest",
            ApiType::Http => "http",
        }
    }

    /// The name AWS uses in its documentation.
    pub fn display_name(self) -> &'static str {
        match self {
            ApiType::Rest => "REST API",
            ApiType::Http => "HTTP API",
        }
    }
}

/// The configuration file (JSON or YAML, camelCase keys), exactly as written.
///
/// Nothing here is checked yet: [`crate::validate`] turns it into a [`ValidCorsConfig`] or
/// explains every problem at once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CorsConfig {
    /// `rest` or `http`.
    pub api_type: ApiType,
    /// Origins allowed to read responses: `*`, or `scheme://host[:port]` values.
    pub allow_origins: Vec<String>,
    /// Methods allowed by the preflight: GET PUT POST DELETE PATCH HEAD OPTIONS, or `*`.
    #[serde(default)]
    pub allow_methods: Vec<String>,
    /// Request headers the page may send.
    #[serde(default)]
    pub allow_headers: Vec<String>,
    /// Response headers the page may read beyond the safelisted ones.
    #[serde(default)]
    pub expose_headers: Vec<String>,
    /// How long a browser may cache the preflight answer, in seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_age: Option<i64>,
    /// Whether cookies and HTTP authentication may be sent (`credentials: 'include'`).
    #[serde(default)]
    pub allow_credentials: bool,
    /// The request header a token authorizer reads (for example `Authorization`); set it when the
    /// API has an authorizer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authorizer_header: Option<String>,
    /// REST only: the methods require an API key (`X-Api-Key`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub api_key_required: bool,
    /// HTTP only: the Lambda payload format version, `"2.0"` (default) or `"1.0"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payload_format_version: Option<String>,
}

impl CorsConfig {
    /// The list a list field holds (origins, methods, headers, expose headers); `None` for
    /// the other fields.
    pub fn list_mut(&mut self, field: Field) -> Option<&mut Vec<String>> {
        match field {
            Field::AllowOrigins => Some(&mut self.allow_origins),
            Field::AllowMethods => Some(&mut self.allow_methods),
            Field::AllowHeaders => Some(&mut self.allow_headers),
            Field::ExposeHeaders => Some(&mut self.expose_headers),
            _ => None,
        }
    }
}

impl Default for CorsConfig {
    /// The page's starting point: an HTTP API called from one production origin and a local
    /// development server.
    fn default() -> Self {
        CorsConfig {
            api_type: ApiType::Http,
            allow_origins: vec![
                "https://app.example.com".into(),
                "http://localhost:3000".into(),
            ],
            allow_methods: vec!["GET".into(), "POST".into()],
            allow_headers: vec!["Content-Type".into(), "Authorization".into()],
            expose_headers: vec![],
            max_age: Some(600),
            allow_credentials: false,
            authorizer_header: None,
            api_key_required: false,
            payload_format_version: None,
        }
    }
}

/// Which origins may read responses, after validation and normalization.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AllowedOrigins {
    /// `*`: every origin (never with credentials).
    Any,
    /// One or more origins, each an exact serialized origin (`https://app.example.com`) or, on
    /// HTTP APIs only, one of the patterns `https://*` and `http://*`. Never empty, no duplicates.
    List(Vec<String>),
}

impl AllowedOrigins {
    /// The values as they appear in configuration: `["*"]` for [`AllowedOrigins::Any`].
    pub fn values(&self) -> Vec<&str> {
        match self {
            AllowedOrigins::Any => vec!["*"],
            AllowedOrigins::List(list) => list.iter().map(String::as_str).collect(),
        }
    }

    /// Whether this is `*`.
    pub fn is_any(&self) -> bool {
        matches!(self, AllowedOrigins::Any)
    }

    /// The number of entries (1 for `*`).
    pub fn len(&self) -> usize {
        match self {
            AllowedOrigins::Any => 1,
            AllowedOrigins::List(list) => list.len(),
        }
    }

    /// Always false: validation guarantees at least one entry.
    pub fn is_empty(&self) -> bool {
        false
    }

    /// Whether a list holds an `http://*` or `https://*` pattern.
    pub fn has_pattern(&self) -> bool {
        self.values().iter().any(|origin| is_origin_pattern(origin))
    }

    /// Whether a browser page at `origin` (a serialized origin) is allowed by this setting,
    /// the way API Gateway matches it.
    pub fn allows(&self, origin: &str) -> bool {
        match self {
            AllowedOrigins::Any => true,
            AllowedOrigins::List(list) => list.iter().any(|allowed| match allowed.as_str() {
                "https://*" => origin.starts_with("https://"),
                "http://*" => origin.starts_with("http://"),
                exact => exact == origin,
            }),
        }
    }
}

/// Whether `origin` is one of the two origin patterns HTTP APIs accept.
pub fn is_origin_pattern(origin: &str) -> bool {
    origin == "https://*" || origin == "http://*"
}

/// An HTTP method API Gateway's CORS settings can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Method {
    /// GET
    Get,
    /// PUT
    Put,
    /// POST
    Post,
    /// DELETE
    Delete,
    /// PATCH
    Patch,
    /// HEAD
    Head,
    /// OPTIONS
    Options,
}

impl Method {
    /// Every method, in the order the page and the emitters list them.
    pub const ALL: [Method; 7] = [
        Method::Get,
        Method::Put,
        Method::Post,
        Method::Delete,
        Method::Patch,
        Method::Head,
        Method::Options,
    ];

    /// The upper-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Put => "PUT",
            Method::Post => "POST",
            Method::Delete => "DELETE",
            Method::Patch => "PATCH",
            Method::Head => "HEAD",
            Method::Options => "OPTIONS",
        }
    }

    /// Parses an upper-case method name.
    pub fn from_name(name: &str) -> Option<Method> {
        Method::ALL.into_iter().find(|m| m.as_str() == name)
    }

    /// GET, HEAD and POST never need to be listed for a browser (CORS-safelisted methods).
    pub fn is_cors_safelisted(self) -> bool {
        matches!(self, Method::Get | Method::Head | Method::Post)
    }
}

/// Which methods the preflight allows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AllowedMethods {
    /// `*`: every method (literal `*` for credentialed requests, see the diagnostics).
    Any,
    /// A non-empty list without duplicates, in the order written.
    List(Vec<Method>),
}

impl AllowedMethods {
    /// The names as they appear in configuration: `["*"]` for [`AllowedMethods::Any`].
    pub fn names(&self) -> Vec<&'static str> {
        match self {
            AllowedMethods::Any => vec!["*"],
            AllowedMethods::List(list) => list.iter().map(|m| m.as_str()).collect(),
        }
    }

    /// Whether the setting names `method` (or is `*`).
    pub fn includes(&self, method: Method) -> bool {
        match self {
            AllowedMethods::Any => true,
            AllowedMethods::List(list) => list.contains(&method),
        }
    }
}

/// The Lambda payload format of an HTTP API integration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PayloadFormat {
    /// Version 1.0: the REST-style event and response.
    V1,
    /// Version 2.0 (the default for new HTTP API integrations).
    V2,
}

impl PayloadFormat {
    /// `"1.0"` or `"2.0"`.
    pub fn as_str(self) -> &'static str {
        match self {
            PayloadFormat::V1 => "1.0",
            PayloadFormat::V2 => "2.0",
        }
    }
}

/// A configuration that passed [`crate::validate`]: normalized, deduplicated and safe to emit.
///
/// It can only be made by validation, so every emitter can render it without failing.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ValidCorsConfig {
    /// REST or HTTP.
    pub api_type: ApiType,
    /// Allowed origins, normalized to what browsers send.
    pub origins: AllowedOrigins,
    /// Allowed methods.
    pub methods: AllowedMethods,
    /// Allowed request headers (HTTP tokens or `*`), case kept, duplicates merged.
    pub allow_headers: Vec<String>,
    /// Exposed response headers (HTTP tokens or `*`), case kept, duplicates merged.
    pub expose_headers: Vec<String>,
    /// Preflight cache time in seconds.
    pub max_age: Option<u32>,
    /// Whether credentialed requests are allowed.
    pub allow_credentials: bool,
    /// The header a token authorizer reads, when the API has an authorizer.
    pub authorizer_header: Option<String>,
    /// REST only: methods require an API key.
    pub api_key_required: bool,
    /// HTTP only: the Lambda payload format (REST APIs always use the 1.0-style proxy format).
    pub payload_format: PayloadFormat,
}

impl ValidCorsConfig {
    /// Whether the response origin must be chosen per request: several origins or a pattern,
    /// which a fixed `Access-Control-Allow-Origin` value cannot express.
    pub fn echoes_origin(&self) -> bool {
        match &self.origins {
            AllowedOrigins::Any => false,
            AllowedOrigins::List(list) => list.len() > 1 || self.origins.has_pattern(),
        }
    }

    /// The single `Access-Control-Allow-Origin` value when it is fixed (`*` or one origin).
    pub fn fixed_origin(&self) -> Option<&str> {
        if self.echoes_origin() {
            return None;
        }
        self.origins.values().first().copied()
    }
}
