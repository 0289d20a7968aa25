//! TypeScript shared by the `cdk` and `cdk-stack` targets: import lists, array literals,
//! comments, and the CORS options object of each API type (aws-cdk-lib v2), written from the
//! language-neutral properties of `cdk_app`.

use super::cdk_app::{self, CorsValue, MaxAgeOverride, Module};
use super::comment;
use crate::escape::ts_string;
use crate::model::ValidCorsConfig;

/// Lines are kept within this width where a list can be broken (Prettier's default).
const LINE_WIDTH: usize = 80;

pub(crate) const CORE: &str = "aws-cdk-lib";
pub(crate) const APIGATEWAY: &str = "aws-cdk-lib/aws-apigateway";
pub(crate) const APIGATEWAYV2: &str = "aws-cdk-lib/aws-apigatewayv2";
pub(crate) const APIGATEWAYV2_AUTHORIZERS: &str = "aws-cdk-lib/aws-apigatewayv2-authorizers";
pub(crate) const APIGATEWAYV2_INTEGRATIONS: &str = "aws-cdk-lib/aws-apigatewayv2-integrations";
pub(crate) const LAMBDA: &str = "aws-cdk-lib/aws-lambda";
pub(crate) const CONSTRUCTS: &str = "constructs";

/// The `import` statements of a file, collected while its body is written.
///
/// Sorted vectors filled by insertion rather than B-tree maps and sets: a file has a dozen
/// imports, and the B-tree code would cost wasm size.
#[derive(Default)]
pub(crate) struct Imports {
    /// (module, name, type-only), sorted, without repeats. Modules sort alphabetically, which
    /// puts `aws-cdk-lib` first.
    named: Vec<(&'static str, &'static str, bool)>,
    /// (module, namespace alias) for `import * as lambda from ...`, sorted by module.
    namespaces: Vec<(&'static str, &'static str)>,
}

impl Imports {
    /// Imports a value (a class, enum or constant).
    pub(crate) fn value(&mut self, module: &'static str, name: &'static str) {
        self.add_named(module, name, false);
    }

    /// Imports an interface, with `type` so the file also compiles under `verbatimModuleSyntax`.
    pub(crate) fn type_only(&mut self, module: &'static str, name: &'static str) {
        self.add_named(module, name, true);
    }

    fn add_named(&mut self, module: &'static str, name: &'static str, type_only: bool) {
        let entry = (module, name, type_only);
        if let Err(at) = self.named.binary_search(&entry) {
            self.named.insert(at, entry);
        }
    }

    /// Imports a whole module under an alias (a later alias for the same module replaces it).
    pub(crate) fn namespace(&mut self, module: &'static str, alias: &'static str) {
        match self.namespaces.binary_search_by_key(&module, |&(m, _)| m) {
            Ok(at) => self.namespaces[at].1 = alias,
            Err(at) => self.namespaces.insert(at, (module, alias)),
        }
    }

    /// One statement per module, in module order, each ending with a newline.
    pub(crate) fn render(&self) -> String {
        let mut modules: Vec<&str> = Vec::new();
        let all_modules = self.named.iter().map(|&(m, _, _)| m);
        for module in all_modules.chain(self.namespaces.iter().map(|&(m, _)| m)) {
            if let Err(at) = modules.binary_search(&module) {
                modules.insert(at, module);
            }
        }
        let mut out = String::new();
        for module in modules {
            let from = ts_string(module);
            if let Some(&(_, alias)) = self.namespaces.iter().find(|&&(m, _)| m == module) {
                out.push_str(&format!("import * as {alias} from {from};\n"));
            }
            let names: Vec<String> = self
                .named
                .iter()
                .filter(|&&(m, _, _)| m == module)
                .map(|&(_, name, type_only)| {
                    if type_only {
                        format!("type {name}")
                    } else {
                        name.to_owned()
                    }
                })
                .collect();
            if names.is_empty() {
                continue;
            }
            let one_line = format!("import {{ {} }} from {from};", names.join(", "));
            // Like Prettier, a single name stays on one line whatever its length.
            if one_line.len() <= LINE_WIDTH || names.len() == 1 {
                out.push_str(&one_line);
                out.push('\n');
            } else {
                out.push_str("import {\n");
                for name in names {
                    out.push_str(&format!("  {name},\n"));
                }
                out.push_str(&format!("}} from {from};\n"));
            }
        }
        out
    }
}

/// `key: [a, b],` at `indent` spaces, on one line when it fits, else one item per line.
/// Each item is already a TypeScript expression.
pub(crate) fn array_property(indent: usize, key: &str, items: &[String]) -> String {
    let pad = " ".repeat(indent);
    let one_line = format!("{pad}{key}: [{}],\n", items.join(", "));
    if one_line.len() <= LINE_WIDTH + 1 {
        return one_line;
    }
    let mut out = format!("{pad}{key}: [\n");
    for item in items {
        out.push_str(&format!("{pad}  {item},\n"));
    }
    out.push_str(&format!("{pad}],\n"));
    out
}

fn string_items(values: &[String]) -> Vec<String> {
    values.iter().map(|v| ts_string(v)).collect()
}

/// `text` as `//` comment lines at `indent` spaces, wrapped at word boundaries within
/// [`LINE_WIDTH`].
pub(crate) fn wrapped_comment(indent: usize, text: &str) -> String {
    comment::wrapped("//", indent, LINE_WIDTH, text)
}

/// The module a CORS value's class is imported from.
fn module_path(module: Module) -> &'static str {
    match module {
        Module::ApiGateway => APIGATEWAY,
        Module::ApiGatewayV2 => APIGATEWAYV2,
    }
}

/// A CORS value as TypeScript: the items of a list, or one expression.
enum Written {
    List(Vec<String>),
    Scalar(String),
}

/// Writes a CORS value; the classes it uses are added to `imports`.
fn cors_value(value: &CorsValue, imports: &mut Imports) -> Written {
    match value {
        CorsValue::Strings(items) => Written::List(string_items(items)),
        CorsValue::Members(module, class, members) => {
            imports.value(module_path(*module), class);
            Written::List(members.iter().map(|m| format!("{class}.{m}")).collect())
        }
        CorsValue::Member(module, class, member) => {
            imports.value(module_path(*module), class);
            Written::Scalar(format!("{class}.{member}"))
        }
        CorsValue::Seconds(seconds) => {
            imports.value(CORE, "Duration");
            Written::Scalar(format!("Duration.seconds({seconds})"))
        }
        CorsValue::Bool(value) => Written::Scalar(value.to_string()),
    }
}

/// The CORS properties for the config's API type (`CorsOptions` of aws-cdk-lib/aws-apigateway
/// or `CorsPreflightOptions` of aws-cdk-lib/aws-apigatewayv2), one per line at `indent` spaces,
/// without the braces; the classes they use are added to `imports`.
pub(crate) fn cors_properties(
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
        match cors_value(&property.value, imports) {
            Written::List(items) => out.push_str(&array_property(indent, property.key, &items)),
            Written::Scalar(value) => out.push_str(&format!("{pad}{}: {value},\n", property.key)),
        }
    }
    out
}
