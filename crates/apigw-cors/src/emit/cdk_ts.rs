//! TypeScript shared by the `cdk` and `cdk-stack` targets: import lists, array literals, and
//! the CORS options object of each API type (aws-cdk-lib v2).

use crate::escape::ts_string;
use crate::model::{AllowedMethods, AllowedOrigins, ApiType, Method, ValidCorsConfig};

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
    let width = LINE_WIDTH.saturating_sub(indent + 3).max(40);
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    for word in text.split_whitespace() {
        if !current.is_empty() && current.len() + 1 + word.len() > width {
            lines.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(word);
    }
    if !current.is_empty() {
        lines.push(current);
    }
    let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
    comment(indent, &lines)
}

/// What `maxAge: 0` means in every target: do not cache the preflight. CDK's REST
/// `CorsOptions` writes Access-Control-Max-Age only when it is positive, so the value is kept
/// in the props and the OPTIONS methods get `'0'` through an override (`cdk-stack`).
pub(crate) const REST_MAX_AGE_ZERO_NOTE: &str =
    "0: browsers must not cache the preflight. CDK writes Access-Control-Max-Age only when it is \
     positive (without it browsers cache for 5 seconds), so Max-Age '0' is also set on the OPTIONS \
     methods with an override (the complete app, cdk-stack, does it).";

/// Comment lines at `indent` spaces.
fn comment(indent: usize, lines: &[&str]) -> String {
    let pad = " ".repeat(indent);
    lines
        .iter()
        .map(|line| format!("{pad}// {line}\n"))
        .collect()
}

/// The properties of a REST API's `CorsOptions` (aws-cdk-lib/aws-apigateway), one per line at
/// `indent` spaces, without the braces. `Cors` and `Duration` are added to `imports` as used.
pub(crate) fn rest_cors_properties(
    config: &ValidCorsConfig,
    indent: usize,
    imports: &mut Imports,
) -> String {
    let pad = " ".repeat(indent);
    let mut out = String::new();
    match &config.origins {
        AllowedOrigins::Any => {
            imports.value(APIGATEWAY, "Cors");
            out.push_str(&format!("{pad}allowOrigins: Cors.ALL_ORIGINS,\n"));
        }
        AllowedOrigins::List(list) => {
            if list.len() > 1 {
                out.push_str(&comment(
                    indent,
                    &[
                        "Access-Control-Allow-Origin holds one origin: CDK answers with the first",
                        "one and a mapping template echoes the others (with Vary: Origin).",
                    ],
                ));
            }
            out.push_str(&array_property(indent, "allowOrigins", &string_items(list)));
        }
    }
    match &config.methods {
        AllowedMethods::Any => {
            imports.value(APIGATEWAY, "Cors");
            out.push_str(&format!("{pad}allowMethods: Cors.ALL_METHODS,\n"));
        }
        AllowedMethods::List(list) => {
            let names: Vec<String> = list.iter().map(|m| ts_string(m.as_str())).collect();
            out.push_str(&array_property(indent, "allowMethods", &names));
        }
    }
    if config.allow_headers.is_empty() {
        out.push_str(&comment(
            indent,
            &["Empty on purpose: without it CDK would allow its six default headers."],
        ));
    }
    out.push_str(&array_property(
        indent,
        "allowHeaders",
        &string_items(&config.allow_headers),
    ));
    out.push_str(&shared_tail(
        config,
        indent,
        imports,
        Some(REST_MAX_AGE_ZERO_NOTE),
    ));
    out
}

/// The properties of an HTTP API's `CorsPreflightOptions` (aws-cdk-lib/aws-apigatewayv2), one
/// per line at `indent` spaces, without the braces. `CorsHttpMethod` and `Duration` are added
/// to `imports` as used.
pub(crate) fn http_cors_properties(
    config: &ValidCorsConfig,
    indent: usize,
    imports: &mut Imports,
) -> String {
    let mut out = String::new();
    let origins: Vec<String> = config.origins.values().into_iter().map(ts_string).collect();
    out.push_str(&array_property(indent, "allowOrigins", &origins));
    imports.value(APIGATEWAYV2, "CorsHttpMethod");
    let methods: Vec<String> = match &config.methods {
        AllowedMethods::Any => vec!["CorsHttpMethod.ANY".to_owned()],
        AllowedMethods::List(list) => list
            .iter()
            .map(|m| format!("CorsHttpMethod.{}", m.as_str()))
            .collect(),
    };
    out.push_str(&array_property(indent, "allowMethods", &methods));
    if !config.allow_headers.is_empty() {
        out.push_str(&array_property(
            indent,
            "allowHeaders",
            &string_items(&config.allow_headers),
        ));
    }
    out.push_str(&shared_tail(config, indent, imports, None));
    out
}

/// The properties both APIs' CORS options end with: `exposeHeaders`, `maxAge` (with
/// `max_age_zero_note` above a 0) and `allowCredentials`.
fn shared_tail(
    config: &ValidCorsConfig,
    indent: usize,
    imports: &mut Imports,
    max_age_zero_note: Option<&str>,
) -> String {
    let pad = " ".repeat(indent);
    let mut out = String::new();
    if !config.expose_headers.is_empty() {
        out.push_str(&array_property(
            indent,
            "exposeHeaders",
            &string_items(&config.expose_headers),
        ));
    }
    if let Some(seconds) = config.max_age {
        if let (0, Some(note)) = (seconds, max_age_zero_note) {
            out.push_str(&wrapped_comment(indent, note));
        }
        imports.value(CORE, "Duration");
        out.push_str(&format!("{pad}maxAge: Duration.seconds({seconds}),\n"));
    }
    out.push_str(&format!(
        "{pad}allowCredentials: {},\n",
        config.allow_credentials
    ));
    out
}

/// The CORS properties for the config's API type.
pub(crate) fn cors_properties(
    config: &ValidCorsConfig,
    indent: usize,
    imports: &mut Imports,
) -> String {
    match config.api_type {
        ApiType::Rest => rest_cors_properties(config, indent, imports),
        ApiType::Http => http_cors_properties(config, indent, imports),
    }
}

/// The methods the `/items` route serves, in the configured order, without OPTIONS: the
/// preflight is answered by the CORS settings (REST: CDK's mock OPTIONS method; HTTP: API
/// Gateway itself). `*` becomes every other method, so no ANY route can catch a preflight.
pub(crate) fn route_methods(config: &ValidCorsConfig) -> Vec<Method> {
    let methods: Vec<Method> = match &config.methods {
        AllowedMethods::Any => Method::ALL.to_vec(),
        AllowedMethods::List(list) => list.clone(),
    };
    methods
        .into_iter()
        .filter(|&m| m != Method::Options)
        .collect()
}
