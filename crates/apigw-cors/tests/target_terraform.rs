//! The `terraform` target: writes every conformance case's `main.tf` to
//! `target/conformance/terraform/<case>/`, and every REST case once per CORS change to
//! `target/conformance/terraform-triggers/<case>/<change>/`, for
//! `conformance/terraform/test_terraform.py` (HCL parsers, the AWS provider's schema, references,
//! the same CORS as the `cloudformation` case, the deployment trigger); and, for arbitrary valid
//! configurations, reads the CORS values back out of the HCL and compares them exactly.

mod common;

use apigw_cors::{render, validate, ApiType, CorsConfig, Target, ValidCorsConfig};
use common::expected::{expected_gateway_parameters, expected_mock_parameters};
use common::strategies::valid_config_with_settings;
use common::{case_dir, conformance_cases, cors_changes, valid, write_case};
use proptest::prelude::*;

#[test]
fn writes_every_conformance_case_as_a_terraform_configuration() {
    let dir = case_dir("terraform");
    let mut cases = conformance_cases();
    assert!(cases.len() >= 30, "only {} cases", cases.len());
    let extra = common::preflight_meets_any_cases();
    cases.extend(extra.into_iter().map(|(name, c)| (name.to_owned(), c)));
    for (name, config) in &cases {
        let config = valid(config);
        let text = render(Target::Terraform, &config);
        assert!(
            text.contains("terraform {\n  required_providers {\n"),
            "{name}"
        );
        write_case(&dir, name, &config, Target::Terraform.file_name(), &text);
    }
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), cases.len());
}

/// A file-system name for a change (`add an origin` → `add-an-origin`).
fn slug(name: &str) -> String {
    name.replace(' ', "-")
}

/// For the trigger check: each REST case as is (`base`), written differently but the same CORS
/// configuration (`same`), and once per CORS change.
#[test]
fn writes_every_rest_case_once_per_cors_change() {
    let dir = case_dir("terraform-triggers");
    let mut written = 0;
    for (name, config) in conformance_cases() {
        if config.api_type != ApiType::Rest {
            continue;
        }
        let case = dir.join(&name);
        let mut write = |variant: &str, config: &CorsConfig| {
            let config = valid(config);
            let text = render(Target::Terraform, &config);
            write_case(
                &case,
                variant,
                &config,
                Target::Terraform.file_name(),
                &text,
            );
            written += 1;
        };
        write("base", &config);
        // Upper-case host, a default port, a repeated header: the same configuration.
        let mut same = config.clone();
        same.allow_headers
            .extend(same.allow_headers.first().cloned());
        if let Some(origin) = same
            .allow_origins
            .iter_mut()
            .find(|o| o.starts_with("https://"))
        {
            *origin = format!(
                "{}:443",
                origin.to_uppercase().replacen("HTTPS", "https", 1)
            );
        }
        write("same", &same);
        for (change_name, change) in cors_changes() {
            let mut changed = config.clone();
            if change(&mut changed) {
                write(&slug(change_name), &changed);
            }
        }
    }
    assert!(written > 150, "only {written} variants");
}

// ------------------------------------------------------------------ a small reader for our HCL

/// The lines of the top-level block whose header is `head` (`resource "aws_x" "name"`),
/// between its `{` and its `}`.
fn block<'a>(text: &'a str, head: &str) -> Option<Vec<&'a str>> {
    let open = format!("{head} {{");
    let mut lines = text.lines().skip_while(|line| *line != open);
    lines.next()?;
    Some(lines.take_while(|line| *line != "}").collect())
}

/// The lines of the nested block `name { … }` at two spaces.
fn nested<'a>(lines: &[&'a str], name: &str) -> Option<Vec<&'a str>> {
    let open = format!("  {name} {{");
    let start = lines.iter().position(|line| *line == open)?;
    Some(
        lines[start + 1..]
            .iter()
            .take_while(|line| **line != "  }")
            .copied()
            .collect(),
    )
}

/// The value of the one-line argument `name` in `lines` (at any indentation).
fn argument<'a>(lines: &[&'a str], name: &str) -> Option<&'a str> {
    lines.iter().find_map(|line| {
        let (key, value) = line.split_once(" = ")?;
        (key.trim() == name).then_some(value)
    })
}

/// The entries of the map argument `name = { … }` at two spaces: (key read as a string, value).
fn map_argument(lines: &[&str], name: &str) -> Option<Vec<(String, String)>> {
    let open = format!("  {name} = {{");
    let start = lines.iter().position(|line| *line == open)?;
    Some(
        lines[start + 1..]
            .iter()
            .take_while(|line| **line != "  }")
            .map(|line| {
                let (key, value) = line.split_once(" = ").expect("key = value");
                (string_literal(key.trim()), value.to_owned())
            })
            .collect(),
    )
}

/// An HCL quoted string read back: `\"`, `\\`, `\n`, `\r`, `\t`, `\uXXXX`, and the template
/// escapes `$${` and `%%{`. Panics on anything else, so a malformed literal fails the test.
fn string_literal(literal: &str) -> String {
    let inner = literal
        .strip_prefix('"')
        .and_then(|s| s.strip_suffix('"'))
        .unwrap_or_else(|| panic!("not a quoted string: {literal}"));
    let mut out = String::new();
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('"') => out.push('"'),
                Some('\\') => out.push('\\'),
                Some('n') => out.push('\n'),
                Some('r') => out.push('\r'),
                Some('t') => out.push('\t'),
                Some('u') => {
                    let hex: String = chars.by_ref().take(4).collect();
                    let code = u32::from_str_radix(&hex, 16).unwrap();
                    out.push(char::from_u32(code).unwrap());
                }
                other => panic!("bad escape {other:?} in {literal}"),
            },
            '"' => panic!("unescaped quote in {literal}"),
            '$' | '%' => {
                let mut ahead = chars.clone();
                if ahead.next() == Some(c) && ahead.next() == Some('{') {
                    // `$${` and `%%{` are a literal `${` and `%{`.
                    chars.next();
                } else {
                    assert_ne!(chars.peek(), Some(&'{'), "a template sequence in {literal}");
                }
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// `["a", "b"]` read back (values hold no `", "`; a value with a comma would fail the split's
/// round trip below).
fn string_list(value: &str) -> Vec<String> {
    let inner = value
        .strip_prefix('[')
        .and_then(|s| s.strip_suffix(']'))
        .unwrap_or_else(|| panic!("not a list: {value}"));
    if inner.is_empty() {
        return vec![];
    }
    inner.split(", ").map(string_literal).collect()
}

/// The heredoc (or quoted string) value of `source_content` in `data "archive_file" "name"`.
fn function_code(text: &str, name: &str) -> String {
    let head = format!("data \"archive_file\" \"{name}\" {{\n");
    let body = &text[text.find(&head).expect("the archive") + head.len()..];
    let value = &body[body.find("  source_content = ").unwrap() + "  source_content = ".len()..];
    match value.strip_prefix("<<PYTHON\n") {
        Some(heredoc) => {
            let end = heredoc.find("\nPYTHON\n").expect("the heredoc's end");
            heredoc[..=end].replace("$${", "${").replace("%%{", "%{")
        }
        None => string_literal(value.lines().next().unwrap()),
    }
}

fn resource(kind: &str, name: &str) -> String {
    format!("resource \"{kind}\" \"{name}\"")
}

// ------------------------------------------------------------------ expectations

/// A map's values read as strings.
fn read_values(entries: Vec<(String, String)>) -> Vec<(String, String)> {
    entries
        .into_iter()
        .map(|(key, value)| (key, string_literal(&value)))
        .collect()
}

fn assert_http_cors(text: &str, config: &ValidCorsConfig) {
    let api = block(text, &resource("aws_apigatewayv2_api", "cors_api")).expect("the API");
    let cors = nested(&api, "cors_configuration").expect("cors_configuration");
    let list = |name: &str| argument(&cors, name).map(string_list).unwrap_or_default();
    let origins: Vec<String> = config
        .origins
        .values()
        .iter()
        .map(|o| o.to_string())
        .collect();
    assert_eq!(list("allow_origins"), origins);
    let methods: Vec<String> = config
        .methods
        .names()
        .iter()
        .map(|m| m.to_string())
        .collect();
    assert_eq!(list("allow_methods"), methods);
    assert_eq!(list("allow_headers"), config.allow_headers);
    assert_eq!(list("expose_headers"), config.expose_headers);
    assert_eq!(
        argument(&cors, "max_age").map(|v| v.parse::<u32>().unwrap()),
        config.max_age
    );
    assert_eq!(
        argument(&cors, "allow_credentials"),
        Some(if config.allow_credentials {
            "true"
        } else {
            "false"
        })
    );
    assert!(!text.contains("aws_api_gateway_"));
}

fn assert_rest_cors(text: &str, config: &ValidCorsConfig) {
    let options = block(text, &resource("aws_api_gateway_method", "items_options")).unwrap();
    assert_eq!(argument(&options, "authorization"), Some("\"NONE\""));
    assert_eq!(argument(&options, "api_key_required"), Some("false"));
    assert_eq!(argument(&options, "authorizer_id"), None);
    let integration = block(
        text,
        &resource("aws_api_gateway_integration", "items_options"),
    )
    .unwrap();
    let integration_response = block(
        text,
        &resource("aws_api_gateway_integration_response", "items_options"),
    );
    let method_response = block(
        text,
        &resource("aws_api_gateway_method_response", "items_options"),
    );
    match config.fixed_origin() {
        Some(origin) => {
            assert_eq!(argument(&integration, "type"), Some("\"MOCK\""));
            let expected = expected_mock_parameters(config, origin);
            let response = integration_response.expect("the integration response");
            let parameters = map_argument(&response, "response_parameters").unwrap();
            assert_eq!(read_values(parameters), expected);
            let declared = map_argument(&method_response.unwrap(), "response_parameters").unwrap();
            let wanted: Vec<(String, String)> = expected
                .into_iter()
                .map(|(key, _)| (key, "false".to_owned()))
                .collect();
            assert_eq!(declared, wanted);
        }
        None => {
            assert_eq!(argument(&integration, "type"), Some("\"AWS_PROXY\""));
            assert!(integration_response.is_none() && method_response.is_none());
        }
    }
    let custom = config.authorizer_header.is_some();
    let methods = text
        .lines()
        .filter(|line| line.starts_with("resource \"aws_api_gateway_method\" "));
    for head in methods {
        let method = block(text, head.trim_end_matches(" {")).unwrap();
        if argument(&method, "http_method") == Some("\"OPTIONS\"") {
            continue;
        }
        let wanted = if custom { "\"CUSTOM\"" } else { "\"NONE\"" };
        assert_eq!(argument(&method, "authorization"), Some(wanted), "{head}");
        let key = config.api_key_required.to_string();
        assert_eq!(argument(&method, "api_key_required"), Some(key.as_str()));
    }
    for name in ["default_4xx", "default_5xx"] {
        let response = block(text, &resource("aws_api_gateway_gateway_response", name)).unwrap();
        let kind = format!("\"{}\"", name.to_uppercase());
        assert_eq!(argument(&response, "response_type"), Some(kind.as_str()));
        let parameters = map_argument(&response, "response_parameters").unwrap();
        assert_eq!(read_values(parameters), expected_gateway_parameters(config));
    }
    assert_trigger_covers_the_snapshot(text);
}

/// The deployment's trigger lists exactly the resources a deployment snapshots.
fn assert_trigger_covers_the_snapshot(text: &str) {
    let snapshot_kinds = [
        "aws_api_gateway_resource",
        "aws_api_gateway_method",
        "aws_api_gateway_integration",
        "aws_api_gateway_method_response",
        "aws_api_gateway_integration_response",
        "aws_api_gateway_gateway_response",
        "aws_api_gateway_authorizer",
    ];
    let mut declared: Vec<String> = text
        .lines()
        .filter_map(|line| {
            let rest = line.strip_prefix("resource \"")?;
            let (kind, rest) = rest.split_once("\" \"")?;
            let name = rest.strip_suffix("\" {")?;
            snapshot_kinds
                .contains(&kind)
                .then(|| format!("{kind}.{name}"))
        })
        .collect();
    let deployment = block(text, &resource("aws_api_gateway_deployment", "cors_api")).unwrap();
    let mut hashed: Vec<String> = deployment
        .iter()
        .skip_while(|line| line.trim() != "redeployment = sha1(jsonencode([")
        .skip(1)
        .take_while(|line| line.trim() != "]))")
        .map(|line| line.trim().trim_end_matches(',').to_owned())
        .collect();
    declared.sort();
    hashed.sort();
    assert_eq!(hashed, declared);
    let lifecycle = nested(&deployment, "lifecycle").unwrap();
    assert_eq!(argument(&lifecycle, "create_before_destroy"), Some("true"));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn the_configuration_carries_exactly_the_configured_values(config in valid_config_with_settings()) {
        let Ok(checked) = validate(&config) else {
            // Only an authorizer header validation refuses (a forbidden name, for example).
            prop_assume!(false);
            unreachable!();
        };
        let config = checked.config;
        let text = render(Target::Terraform, &config);
        match config.api_type {
            ApiType::Http => assert_http_cors(&text, &config),
            ApiType::Rest => assert_rest_cors(&text, &config),
        }
        // The function's code is the lambda-python target's handler, unchanged.
        let python = render(Target::LambdaPython, &config);
        let handler = python.split_once('\n').unwrap().1;
        prop_assert_eq!(function_code(&text, "items_function"), handler);
        // The authorizer reads exactly the configured header.
        match (&config.authorizer_header, config.api_type) {
            (None, _) => prop_assert!(!text.contains("token_authorizer"), "an authorizer without a header"),
            (Some(header), ApiType::Rest) => {
                let authorizer = block(&text, &resource("aws_api_gateway_authorizer", "token_authorizer")).unwrap();
                let source = argument(&authorizer, "identity_source").map(string_literal);
                prop_assert_eq!(source, Some(format!("method.request.header.{header}")));
            }
            (Some(header), ApiType::Http) => {
                let authorizer = block(&text, &resource("aws_apigatewayv2_authorizer", "token_authorizer")).unwrap();
                let sources = argument(&authorizer, "identity_sources").map(string_list);
                prop_assert_eq!(sources, Some(vec![format!("$request.header.{header}")]));
            }
        }
        // No account and no region is written: they come from the provider's settings.
        prop_assert!(!text.contains("us-east-1") && !text.contains("123456789012"));
    }
}

#[test]
fn the_string_reader_reads_what_the_escaping_writes() {
    for value in [
        "${x}",
        "%{ if }",
        "a\"b\\c",
        "line\nbreak",
        "$$%%",
        "\u{1}",
        "plain",
    ] {
        assert_eq!(string_literal(&apigw_cors::hcl_string(value)), value);
    }
}

/// Values no valid configuration holds but the escaping must survive: HCL's template sequences,
/// quotes, backslashes, control characters, the heredoc's delimiter.
const HOSTILE: [&str; 18] = [
    "${var.x}",
    "%{ if true }x%{ endif }",
    "$${",
    "%%{",
    "$",
    "%",
    "a$",
    "{}",
    "say \"hi\"",
    "back\\slash \\n \\u0041",
    "line\nbreak\r\n",
    "\t\u{1}\u{7f}\u{1b}",
    "ü 日本 🎉",
    "'single'",
    "PYTHON",
    "x\nPYTHON\n",
    "def f():\n    return f\"${x} %{y}\"\n",
    "",
];

/// For `test_terraform.py`: every hostile value as a quoted string and as a heredoc, which
/// HashiCorp's HCL library must read back exactly.
#[test]
fn writes_hostile_values_for_the_hcl_library_to_read_back() {
    let dir = case_dir("terraform-escaping");
    let mut hcl = String::new();
    for (index, value) in HOSTILE.iter().enumerate() {
        hcl.push_str(&format!(
            "string_{index} = {}\n",
            apigw_cors::hcl_string(value)
        ));
        hcl.push_str(&format!(
            "heredoc_{index} = {}\n",
            apigw_cors::hcl_heredoc(value, "PYTHON")
        ));
        assert_eq!(string_literal(&apigw_cors::hcl_string(value)), *value);
    }
    std::fs::write(dir.join("values.tf"), hcl).unwrap();
    std::fs::write(
        dir.join("expected.json"),
        serde_json::to_string_pretty(&HOSTILE).unwrap(),
    )
    .unwrap();
}
