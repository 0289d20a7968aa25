//! Python for the `cdk-python` target (aws-cdk-lib v2 for Python): imports, list arguments,
//! comments, names as the Python bindings spell them, and the CORS options of each API type,
//! written from the language-neutral properties of `cdk_app`.

use super::cdk_app::{self, CorsValue, MaxAgeOverride, Module};
use super::comment;
use crate::escape::python_string;
use crate::model::ValidCorsConfig;

/// Lines are kept within this width where a list can be broken (PEP 8's limit).
pub(crate) const LINE_WIDTH: usize = 79;

/// `aws_cdk.aws_apigateway`, imported as `apigateway`.
pub(crate) const APIGATEWAY: (&str, &str) = ("aws_apigateway", "apigateway");
/// `aws_cdk.aws_apigatewayv2`, imported as `apigwv2`.
pub(crate) const APIGATEWAYV2: (&str, &str) = ("aws_apigatewayv2", "apigwv2");
/// `aws_cdk.aws_apigatewayv2_authorizers`, imported as `authorizers`.
pub(crate) const APIGATEWAYV2_AUTHORIZERS: (&str, &str) =
    ("aws_apigatewayv2_authorizers", "authorizers");
/// `aws_cdk.aws_apigatewayv2_integrations`, imported as `integrations`.
pub(crate) const APIGATEWAYV2_INTEGRATIONS: (&str, &str) =
    ("aws_apigatewayv2_integrations", "integrations");
/// `aws_cdk.aws_lambda`, imported as `lambda_` (`lambda` is a keyword).
pub(crate) const LAMBDA: (&str, &str) = ("aws_lambda", "lambda_");

/// The `import` statements of a file, collected while its body is written: names from
/// `aws_cdk` itself, aws-cdk-lib submodules under an alias, and `Construct`.
///
/// Sorted vectors filled by insertion, like the TypeScript imports (wasm size).
#[derive(Default)]
pub(crate) struct Imports {
    /// Names imported from `aws_cdk`, sorted.
    core: Vec<&'static str>,
    /// (submodule, alias), sorted by submodule.
    modules: Vec<(&'static str, &'static str)>,
}

impl Imports {
    /// Imports a class from `aws_cdk` itself (`App`, `Duration`, …).
    pub(crate) fn core(&mut self, name: &'static str) {
        if let Err(at) = self.core.binary_search(&name) {
            self.core.insert(at, name);
        }
    }

    /// Imports an aws-cdk-lib submodule under its alias and returns the alias.
    pub(crate) fn module(&mut self, (module, alias): (&'static str, &'static str)) -> &'static str {
        if let Err(at) = self.modules.binary_search(&(module, alias)) {
            self.modules.insert(at, (module, alias));
        }
        alias
    }

    /// The statements, each ending with a newline, in isort's order: `aws_cdk`, then
    /// `constructs`.
    pub(crate) fn render(&self) -> String {
        let mut out = String::new();
        if !self.core.is_empty() {
            out.push_str(&format!("from aws_cdk import {}\n", self.core.join(", ")));
        }
        for (module, alias) in &self.modules {
            out.push_str(&format!("from aws_cdk import {module} as {alias}\n"));
        }
        out.push_str("from constructs import Construct\n");
        out
    }
}

/// `text` as `#` comment lines at `indent` spaces, wrapped within [`LINE_WIDTH`].
pub(crate) fn wrapped_comment(indent: usize, text: &str) -> String {
    comment::wrapped("#", indent, LINE_WIDTH, text)
}

/// A camelCase property name as the Python bindings spell it: `allowOrigins` → `allow_origins`.
pub(crate) fn snake_case(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 4);
    for c in name.chars() {
        if c.is_ascii_uppercase() {
            out.push('_');
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// A constant's name as the Python bindings spell it: jsii puts an underscore between a digit
/// and a following letter (`DEFAULT_4XX` → `DEFAULT_4_XX`; `VERSION_1_0` stays).
pub(crate) fn constant_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 2);
    let mut previous = '_';
    for c in name.chars() {
        if previous.is_ascii_digit() && c.is_ascii_alphabetic() {
            out.push('_');
        }
        out.push(c);
        previous = c;
    }
    out
}

/// `key=[a, b],` at `indent` spaces, on one line when it fits, else one item per line with a
/// trailing comma (Black's layout). Each item is already a Python expression.
pub(crate) fn list_argument(indent: usize, key: &str, items: &[String]) -> String {
    let pad = " ".repeat(indent);
    let one_line = format!("{pad}{key}=[{}],\n", items.join(", "));
    if one_line.len() <= LINE_WIDTH + 1 {
        return one_line;
    }
    let mut out = format!("{pad}{key}=[\n");
    for item in items {
        out.push_str(&format!("{pad}    {item},\n"));
    }
    out.push_str(&format!("{pad}],\n"));
    out
}

fn string_items(values: &[String]) -> Vec<String> {
    values.iter().map(|v| python_string(v)).collect()
}

/// `alias.Class.MEMBER` through the module's alias, which is added to `imports`.
fn member(module: Module, class: &str, name: &str, imports: &mut Imports) -> String {
    let alias = match module {
        Module::ApiGateway => imports.module(APIGATEWAY),
        Module::ApiGatewayV2 => imports.module(APIGATEWAYV2),
    };
    format!("{alias}.{class}.{}", constant_name(name))
}

/// A CORS value as Python: the items of a list, or one expression.
enum Written {
    List(Vec<String>),
    Scalar(String),
}

/// Writes a CORS value; the modules and classes it uses are added to `imports`.
fn cors_value(value: &CorsValue, imports: &mut Imports) -> Written {
    match value {
        CorsValue::Strings(items) => Written::List(string_items(items)),
        CorsValue::Members(module, class, members) => Written::List(
            members
                .iter()
                .map(|m| member(*module, class, m, imports))
                .collect(),
        ),
        CorsValue::Member(module, class, name) => {
            Written::Scalar(member(*module, class, name, imports))
        }
        CorsValue::Seconds(seconds) => {
            imports.core("Duration");
            Written::Scalar(format!("Duration.seconds({seconds})"))
        }
        CorsValue::Bool(true) => Written::Scalar("True".to_owned()),
        CorsValue::Bool(false) => Written::Scalar("False".to_owned()),
    }
}

/// The keyword arguments of `CorsOptions` (REST) or `CorsPreflightOptions` (HTTP) for the
/// config's API type, one per line at `indent` spaces, without the call around them; the
/// modules and classes they use are added to `imports`.
pub(crate) fn cors_arguments(
    config: &ValidCorsConfig,
    indent: usize,
    max_age_override: MaxAgeOverride,
    imports: &mut Imports,
) -> String {
    let pad = " ".repeat(indent);
    let mut out = String::new();
    for property in cdk_app::cors_properties(config, max_age_override) {
        if let Some(note) = &property.note {
            out.push_str(&wrapped_comment(indent, note));
        }
        let key = snake_case(property.key);
        match cors_value(&property.value, imports) {
            Written::List(items) => out.push_str(&list_argument(indent, &key, &items)),
            Written::Scalar(value) => out.push_str(&format!("{pad}{key}={value},\n")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_as_the_python_bindings_spell_them() {
        assert_eq!(snake_case("allowOrigins"), "allow_origins");
        assert_eq!(snake_case("maxAge"), "max_age");
        assert_eq!(snake_case("corsPreflight"), "cors_preflight");
        assert_eq!(constant_name("DEFAULT_4XX"), "DEFAULT_4_XX");
        assert_eq!(constant_name("VERSION_1_0"), "VERSION_1_0");
        assert_eq!(constant_name("NODEJS_24_X"), "NODEJS_24_X");
        assert_eq!(constant_name("ALL_ORIGINS"), "ALL_ORIGINS");
    }

    #[test]
    fn lists_break_past_the_line_width() {
        let short = vec!["\"GET\"".to_owned()];
        assert_eq!(
            list_argument(12, "allow_methods", &short),
            "            allow_methods=[\"GET\"],\n"
        );
        let long: Vec<String> = (0..4)
            .map(|n| format!("\"https://origin-{n}.example.com\""))
            .collect();
        assert_eq!(
            list_argument(4, "allow_origins", &long),
            "    allow_origins=[\n        \"https://origin-0.example.com\",\n        \
             \"https://origin-1.example.com\",\n        \"https://origin-2.example.com\",\n        \
             \"https://origin-3.example.com\",\n    ],\n"
        );
    }

    #[test]
    fn imports_in_order() {
        let mut imports = Imports::default();
        imports.core("Stack");
        imports.core("App");
        assert_eq!(imports.module(LAMBDA), "lambda_");
        imports.module(APIGATEWAY);
        imports.module(LAMBDA);
        assert_eq!(
            imports.render(),
            "from aws_cdk import App, Stack\n\
             from aws_cdk import aws_apigateway as apigateway\n\
             from aws_cdk import aws_lambda as lambda_\n\
             from constructs import Construct\n"
        );
    }
}
