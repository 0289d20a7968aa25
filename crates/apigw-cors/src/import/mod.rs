//! Reading the CORS settings out of an existing AWS SAM or CloudFormation template.
//!
//! [`import_template`] finds every API in the template and, for each, rebuilds the
//! [`CorsConfig`] it deploys, says where each setting came from, and reports the mistakes it can
//! see in the template itself (each a [`Diagnostic`] whose `field` is the path in the template).
//! Running [`crate::check`] on the rebuilt configuration adds the usual diagnostics.
//!
//! Values known only at deploy time (`!Ref`, `!Sub`, `!If`, …) are reported and left out,
//! never guessed.

mod cfn;
mod http;
mod rest;
mod sam;
mod tree;

use crate::diagnostic::{Diagnostic, Severity};
use crate::field::{Field, Place};
use crate::model::{ApiType, CorsConfig};
use crate::rule::Rule;
use serde::Serialize;
use tree::Node;

/// Everything found in a template.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Import {
    /// Every API found, in template order (SAM's implicit APIs first).
    pub apis: Vec<FoundApi>,
}

/// One API in the template and its CORS settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FoundApi {
    /// The logical id: the resource's name, or `ServerlessRestApi` / `ServerlessHttpApi` for the
    /// API SAM creates from function events.
    pub logical_id: String,
    /// The resource type, for example `AWS::Serverless::Api`.
    pub resource_type: &'static str,
    /// Whether SAM creates this API implicitly (from `Api`/`HttpApi` events and Globals).
    pub implicit: bool,
    /// Where the API is declared in the template, for example `Resources.MyApi`.
    pub path: String,
    /// REST or HTTP.
    pub api_type: ApiType,
    /// The configuration the template deploys, ready for the form or for [`crate::check`].
    pub config: CorsConfig,
    /// Where each value of `config` came from.
    pub settings: Vec<FoundSetting>,
    /// The mistakes and unknowns found in the template, in template order.
    pub findings: Vec<Diagnostic>,
    /// The fields whose value, or part of it, is computed when the stack deploys (`!Sub`,
    /// `!If`, `!Ref`, …): `config` holds only the part written in the template.
    pub unknown: Vec<Field>,
    /// Whether the template configures CORS for this API at all.
    #[serde(skip)]
    cors_seen: bool,
}

/// One setting that was read: which configuration field, from where, as written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FoundSetting {
    /// The configuration field it fills.
    pub field: Field,
    /// The path in the template, for example `Globals.Api.Cors.AllowOrigin`.
    pub path: String,
    /// The value as written in the template (a string in double quotes, so `"600"` and `600`
    /// differ).
    pub value: String,
}

impl FoundApi {
    /// Whether a finding is an error.
    pub fn has_errors(&self) -> bool {
        self.findings.iter().any(Diagnostic::is_error)
    }

    fn new(logical_id: &str, resource_type: &'static str, path: &str, api_type: ApiType) -> Self {
        FoundApi {
            logical_id: logical_id.to_owned(),
            resource_type,
            implicit: false,
            path: path.to_owned(),
            api_type,
            config: CorsConfig {
                api_type,
                allow_origins: Vec::new(),
                allow_methods: Vec::new(),
                allow_headers: Vec::new(),
                expose_headers: Vec::new(),
                max_age: None,
                allow_credentials: false,
                authorizer_header: None,
                api_key_required: false,
                payload_format_version: None,
            },
            settings: Vec::new(),
            findings: Vec::new(),
            unknown: Vec::new(),
            cors_seen: false,
        }
    }

    fn setting(&mut self, field: Field, node: &Node) {
        self.settings.push(FoundSetting {
            field,
            path: node.path.clone(),
            value: node.shown(),
        });
    }

    fn finding(
        &mut self,
        code: Rule,
        severity: Severity,
        node: &Node,
        message: impl Into<String>,
        fix: impl Into<String>,
    ) {
        let value = node.text();
        self.findings.push(Diagnostic::new(
            code,
            severity,
            Place::Template(node.path.clone()),
            Some(&value),
            message,
            fix,
        ));
    }

    /// A finding about the API as a whole (no value).
    pub(crate) fn finding_at(
        &mut self,
        code: Rule,
        severity: Severity,
        path: &str,
        message: impl Into<String>,
        fix: impl Into<String>,
    ) {
        self.findings.push(Diagnostic::new(
            code,
            severity,
            Place::Template(path.to_owned()),
            None,
            message,
            fix,
        ));
    }

    /// A value known only at deploy time: reported, never guessed.
    fn unresolved(&mut self, what: &str, node: &Node) {
        self.finding(
            Rule::UnresolvedValue,
            Severity::Warning,
            node,
            format!("{what} is computed when the stack deploys ({}), so it cannot be read here and was left out", node.shown()),
            format!("enter the value it resolves to in {what}'s place"),
        );
    }

    /// A value of `fields` known only at deploy time: reported, and remembered so that the
    /// check of the configuration does not mistake the missing part for an empty one.
    fn unresolved_field(&mut self, fields: &[Field], what: &str, node: &Node) {
        for field in fields {
            if !self.unknown.contains(field) {
                self.unknown.push(*field);
            }
        }
        self.unresolved(what, node);
    }

    pub(crate) fn has_cors(&self) -> bool {
        self.cors_seen
    }
}

/// The fields a whole `Cors` or `CorsConfiguration` setting fills.
const CORS_FIELDS: [Field; 6] = [
    Field::AllowOrigins,
    Field::AllowMethods,
    Field::AllowHeaders,
    Field::ExposeHeaders,
    Field::MaxAge,
    Field::AllowCredentials,
];

/// Why a template could not be read at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    /// Neither YAML nor JSON.
    #[error("the template is not valid YAML or JSON: {message}")]
    Parse {
        /// The parser's message, with the line and column.
        message: String,
    },
    /// Nested deeper than [`crate::MAX_NESTING`]: refused before parsing.
    #[error("the template is not read: {0}")]
    TooDeep(crate::TooDeep),
    /// Parsed, but not a template (for example a list or a single value).
    #[error("this is not a SAM or CloudFormation template: expected a mapping with Resources (or Globals) at the top")]
    NotATemplate,
    /// A template without any API Gateway API or CORS setting.
    #[error("no API Gateway API or CORS setting was found in the template")]
    NoApi,
}

/// Why [`Import::select`] could not pick one API.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SelectError {
    /// Several APIs and none named.
    #[error("the template has {} APIs ({}); choose one", .ids.len(), .ids.join(", "))]
    Ambiguous {
        /// The logical ids, in template order.
        ids: Vec<String>,
    },
    /// The named API is not in the template.
    #[error("the template has no API {wanted:?}; it has {}", .ids.join(", "))]
    NotFound {
        /// The logical id asked for.
        wanted: String,
        /// The logical ids there are.
        ids: Vec<String>,
    },
}

impl Import {
    /// The logical ids of the APIs found, in template order.
    pub fn ids(&self) -> Vec<String> {
        self.apis.iter().map(|api| api.logical_id.clone()).collect()
    }

    /// The API with this logical id, or the only API when `logical_id` is `None`.
    pub fn select(&self, logical_id: Option<&str>) -> Result<&FoundApi, SelectError> {
        match logical_id {
            Some(wanted) => self
                .apis
                .iter()
                .find(|api| api.logical_id == wanted)
                .ok_or_else(|| SelectError::NotFound {
                    wanted: wanted.to_owned(),
                    ids: self.ids(),
                }),
            None => match self.apis.as_slice() {
                [only] => Ok(only),
                _ => Err(SelectError::Ambiguous { ids: self.ids() }),
            },
        }
    }
}

/// Reads a SAM or CloudFormation template (YAML with short-form tags such as `!Ref`, or JSON)
/// and finds every API and its CORS settings. Never panics.
///
/// ```
/// use apigw_cors::{import_template, ApiType};
/// let template = r#"
/// Globals:
///   Api:
///     Cors:
///       AllowOrigin: "'https://app.example.com'"
///       AllowMethods: "'GET,POST'"
/// Resources:
///   ItemsFunction:
///     Type: AWS::Serverless::Function
///     Properties:
///       Events:
///         List: {Type: Api, Properties: {Path: /items, Method: get}}
/// "#;
/// let import = import_template(template).unwrap();
/// let api = import.select(None).unwrap();
/// assert_eq!(api.logical_id, "ServerlessRestApi");
/// assert_eq!(api.config.api_type, ApiType::Rest);
/// assert_eq!(api.config.allow_origins, ["https://app.example.com"]);
/// assert_eq!(api.config.allow_methods, ["GET", "POST"]);
/// assert_eq!(api.settings[0].path, "Globals.Api.Cors.AllowOrigin");
/// ```
pub fn import_template(text: &str) -> Result<Import, ImportError> {
    let root = parse(text)?;
    let template = Template::read(&root)?;
    let mut apis = sam::apis(&template);
    apis.extend(cfn::apis(&template));
    if apis.is_empty() {
        return Err(ImportError::NoApi);
    }
    Ok(Import { apis })
}

fn parse(text: &str) -> Result<serde_yaml::Value, ImportError> {
    crate::nesting::check_nesting(text).map_err(ImportError::TooDeep)?;
    let parse_error = |message: String| ImportError::Parse { message };
    if text.trim_start().starts_with('{') {
        // JSON may be indented with tabs, which YAML does not allow.
        serde_json::from_str(text).map_err(|e| parse_error(e.to_string()))
    } else {
        serde_yaml::from_str(text).map_err(|e| parse_error(e.to_string()))
    }
}

/// The parts of a template the importers read.
pub(crate) struct Template<'a> {
    /// `(logical id, resource type, the resource node)` in template order.
    resources: Vec<(&'a str, &'a str, Node<'a>)>,
    globals: Option<Node<'a>>,
}

impl<'a> Template<'a> {
    fn read(root: &'a serde_yaml::Value) -> Result<Template<'a>, ImportError> {
        if !root.is_mapping() {
            return Err(ImportError::NotATemplate);
        }
        let root = Node::new(root, "");
        let globals = root.get("Globals");
        // A pasted fragment without `Resources:` still works when its entries have a Type.
        let resources_node = root.get("Resources").unwrap_or(root);
        let resources = resources_node
            .entries()
            .into_iter()
            .filter_map(|(id, node)| {
                let kind = node.get("Type")?.value.as_str()?;
                Some((id, kind, node))
            })
            .collect::<Vec<_>>();
        if resources.is_empty() && globals.is_none() {
            return Err(ImportError::NotATemplate);
        }
        Ok(Template { resources, globals })
    }

    fn of_type(&self, kind: &str) -> impl Iterator<Item = &(&'a str, &'a str, Node<'a>)> + '_ {
        let kind = kind.to_owned();
        self.resources.iter().filter(move |(_, k, _)| *k == kind)
    }

    fn global(&self, section: &str) -> Option<Node<'a>> {
        self.globals.as_ref()?.get(section)
    }
}

/// Splits a comma-separated header value into trimmed, non-empty entries.
fn split_commas(text: &str) -> Vec<String> {
    text.split(',')
        .map(str::trim)
        .filter(|entry| !entry.is_empty())
        .map(str::to_owned)
        .collect()
}

/// A scalar's text (numbers and booleans as written), or `None` for lists, maps and intrinsics.
fn scalar_text(node: &Node) -> Option<String> {
    match node.value {
        serde_yaml::Value::String(s) => Some(s.clone()),
        serde_yaml::Value::Number(n) => Some(n.to_string()),
        serde_yaml::Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}
