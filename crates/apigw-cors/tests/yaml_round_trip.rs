//! Every scalar a YAML target writes is read back as the same value by a YAML 1.1 reader
//! (PyYAML, what SAM and CloudFormation use) and a YAML 1.2 reader (serde_yaml): arbitrary valid
//! header tokens and origins, many of them YAML look-alikes (`ON`, `1_000`, `0x1F`, `1e3`,
//! `2001-12-14`, `~`, …), in every target whose `Target::syntax()` is YAML.
//!
//! One Python process reads every generated document (PyYAML from the project's `.venv`, or
//! `/tmp/vt`, or the `python3` on PATH when it has PyYAML; `APIGW_CORS_PYTHON` overrides). Both
//! readings are compared leaf by leaf, with each leaf's type; a list item or a mapping key that
//! is not a string, or a non-string value under a key that holds user values, fails the test.

use apigw_cors::{render, validate, ApiType, CorsConfig, Syntax, Target, ValidCorsConfig};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::TestRunner;
use serde_json::{json, Value as Json};
use serde_yaml::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// How many configurations the test generates (each rendered in every YAML target).
const CASES: usize = 200;

/// Header tokens that YAML readers are known to resolve to other types when written plain.
const LOOK_ALIKES: &[&str] = &[
    "ON",
    "Off",
    "on",
    "y",
    "N",
    "Yes",
    "NO",
    "True",
    "FALSE",
    "NULL",
    "Null",
    "null",
    "~",
    "1_000",
    "0x1F",
    "0o17",
    "0b101",
    "017",
    "08",
    "1e3",
    "1E3",
    "1.",
    "1.5",
    "+1",
    "-1",
    ".5",
    ".inf",
    "-.Inf",
    ".NaN",
    "2001-12-14",
    "1e",
    "3d-Secure",
    "X-ON",
    "!",
    "&",
    "*x",
    "x#y",
    "'quoted'",
    "|",
    "`a`",
    "%x",
    "-",
    "--",
    "-x",
    "0",
    "1",
];

fn header_token() -> impl Strategy<Value = String> {
    prop_oneof![
        2 => proptest::sample::select(LOOK_ALIKES).prop_map(str::to_owned),
        3 => "[A-Za-z0-9!#$%&'*+.^_`|~-]{1,12}",
        1 => "[0-9][0-9_.eE+-]{0,8}",
    ]
}

fn origin() -> impl Strategy<Value = String> {
    let host = prop_oneof![
        "[a-z0-9]([a-z0-9-]{0,8}[a-z0-9])?(\\.[a-z0-9]{1,6}){0,2}\\.(com|on|no|null|true|1e3)",
        Just("127.0.0.1".to_owned()),
        Just("[::1]".to_owned()),
        Just("[2001:db8::1]".to_owned()),
    ];
    (
        prop_oneof![Just("https"), Just("http")],
        host,
        proptest::option::of(1u16..65535),
    )
        .prop_map(|(scheme, host, port)| match port {
            Some(port) => format!("{scheme}://{host}:{port}"),
            None => format!("{scheme}://{host}"),
        })
}

/// Configurations built from arbitrary tokens and origins; those that do not validate are
/// skipped by the caller.
fn config() -> impl Strategy<Value = CorsConfig> {
    (
        prop_oneof![Just(ApiType::Rest), Just(ApiType::Http)],
        proptest::collection::vec(origin(), 1..4),
        proptest::collection::vec(header_token(), 0..5),
        proptest::collection::vec(header_token(), 0..4),
        proptest::option::of(header_token()),
        proptest::option::of(0i64..=7200),
        any::<bool>(),
    )
        .prop_map(
            |(api_type, origins, allow, expose, authorizer, max_age, credentials)| CorsConfig {
                api_type,
                allow_origins: origins,
                allow_methods: vec!["GET".into(), "PUT".into()],
                allow_headers: allow,
                expose_headers: expose,
                max_age,
                allow_credentials: credentials,
                authorizer_header: authorizer,
                api_key_required: false,
                payload_format_version: None,
            },
        )
}

/// The YAML targets, decided by the one home of that fact.
fn yaml_targets() -> Vec<Target> {
    Target::ALL
        .into_iter()
        .filter(|t| t.syntax() == Syntax::Yaml)
        .collect()
}

/// A document as a tree of typed leaves: `{"t": type, "v": text}`, `{"seq": […]}`,
/// `{"map": [[key, value], …]}`, `{"tag": "!Ref", "value": …}`. The Python side writes the same.
fn canonical(value: &Value) -> Json {
    let leaf = |t: &str, v: String| json!({"t": t, "v": v});
    match value {
        Value::Null => leaf("null", String::new()),
        Value::Bool(b) => leaf("bool", b.to_string()),
        Value::Number(n) if n.is_f64() => leaf("float", n.to_string()),
        Value::Number(n) => leaf("int", n.to_string()),
        Value::String(s) => leaf("str", s.clone()),
        Value::Sequence(items) => json!({"seq": items.iter().map(canonical).collect::<Vec<_>>()}),
        Value::Mapping(mapping) => json!({"map": mapping
            .iter()
            .map(|(k, v)| json!([canonical(k), canonical(v)]))
            .collect::<Vec<_>>()}),
        Value::Tagged(tagged) => {
            json!({"tag": tagged.tag.to_string(), "value": canonical(&tagged.value)})
        }
    }
}

const PYTHON_READER: &str = r#"
import json, sys, yaml

class Loader(yaml.SafeLoader):
    pass

def tagged(loader, suffix, node):
    if isinstance(node, yaml.ScalarNode):
        value = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)
    return Tagged("!" + suffix, value)

class Tagged:
    def __init__(self, tag, value):
        self.tag, self.value = tag, value

Loader.add_multi_constructor("!", tagged)

def pairs(loader, node):
    return Pairs(loader.construct_pairs(node, deep=True))

class Pairs(list):
    pass

Loader.add_constructor("tag:yaml.org,2002:map", pairs)

def canonical(v):
    if isinstance(v, Tagged):
        return {"tag": v.tag, "value": canonical(v.value)}
    if isinstance(v, Pairs):
        return {"map": [[canonical(k), canonical(x)] for k, x in v]}
    if isinstance(v, list):
        return {"seq": [canonical(x) for x in v]}
    if v is None:
        return {"t": "null", "v": ""}
    if isinstance(v, bool):
        return {"t": "bool", "v": str(v).lower()}
    if isinstance(v, int):
        return {"t": "int", "v": str(v)}
    if isinstance(v, float):
        return {"t": "float", "v": repr(v)}
    if isinstance(v, str):
        return {"t": "str", "v": v}
    return {"t": type(v).__name__, "v": str(v)}

out = []
for document in json.load(sys.stdin):
    try:
        out.append(canonical(yaml.load(document, Loader=Loader)))
    except Exception as error:
        out.append({"error": str(error)})
json.dump(out, sys.stdout)
"#;

/// The Python interpreter with PyYAML: `APIGW_CORS_PYTHON`, the project's `.venv`, the
/// machine's shared virtualenv, or `python3` on PATH, whichever first can `import yaml`.
fn python_with_pyyaml() -> Option<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let candidates = [
        std::env::var_os("APIGW_CORS_PYTHON").map(PathBuf::from),
        Some(root.join(".venv/bin/python")),
        Some(PathBuf::from("/tmp/vt/bin/python")),
        Some(PathBuf::from("python3")),
    ];
    candidates.into_iter().flatten().find(|python| {
        Command::new(python)
            .args(["-c", "import yaml"])
            .output()
            .is_ok_and(|out| out.status.success())
    })
}

/// Reads every document with PyYAML in one process.
fn read_with_pyyaml(python: &Path, documents: &[String]) -> Vec<Json> {
    let mut child = Command::new(python)
        .args(["-c", PYTHON_READER])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("python starts");
    let input = serde_json::to_vec(documents).unwrap();
    child.stdin.take().unwrap().write_all(&input).unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "the PyYAML reader failed");
    serde_json::from_slice(&output.stdout).unwrap()
}

/// Mapping keys whose value the outputs mean to be a number or a boolean (fixed settings, never
/// a user's header or origin).
const TYPED_KEYS: &[&str] = &[
    "MaxAge",
    "AllowCredentials",
    "Timeout",
    "MemorySize",
    "ApiKeyRequired",
    "AddApiKeyRequiredToCorsPreflight",
    "AddDefaultAuthorizerToCorsPreflight",
    "EnableSimpleResponses",
    "EnableFunctionDefaultPermissions",
    "statusCode",
    "AutoDeploy",
    "maxAge",
    "allowCredentials",
    "enableSimpleResponses",
    "authorizerResultTtlInSeconds",
    "required",
];

/// Every place where a leaf is not a string and the output does not mean it to be one.
fn unexpected_non_strings(tree: &Json, key: Option<&str>, path: &str, found: &mut Vec<String>) {
    if let Some(t) = tree.get("t").and_then(Json::as_str) {
        // A method response declares each header with a boolean: whether it is required.
        let typed = key
            .is_some_and(|k| TYPED_KEYS.contains(&k) || k.starts_with("method.response.header."));
        if t != "str" && !typed {
            found.push(format!("{path}: {tree}"));
        }
    } else if let Some(items) = tree.get("seq").and_then(Json::as_array) {
        for (index, item) in items.iter().enumerate() {
            unexpected_non_strings(item, None, &format!("{path}[{index}]"), found);
        }
    } else if let Some(entries) = tree.get("map").and_then(Json::as_array) {
        for entry in entries {
            let (k, v) = (&entry[0], &entry[1]);
            if k["t"] != "str" {
                found.push(format!("{path}: key {k}"));
            }
            let name = k["v"].as_str().unwrap_or_default();
            unexpected_non_strings(v, Some(name), &format!("{path}.{name}"), found);
        }
    } else if let Some(value) = tree.get("value") {
        unexpected_non_strings(value, key, path, found);
    }
}

/// The string items of the list under `key` in a canonical tree, wherever it is.
fn list_under(tree: &Json, key: &str) -> Option<Vec<String>> {
    if let Some(entries) = tree.get("map").and_then(Json::as_array) {
        for entry in entries {
            if entry[0]["v"] == key {
                if let Some(items) = entry[1].get("seq").and_then(Json::as_array) {
                    return Some(
                        items
                            .iter()
                            .map(|item| item["v"].as_str().unwrap_or("<not a string>").into())
                            .collect(),
                    );
                }
            }
            if let Some(found) = list_under(&entry[1], key) {
                return Some(found);
            }
        }
    }
    None
}

struct Case {
    config: ValidCorsConfig,
    target: Target,
    text: String,
}

fn cases() -> Vec<Case> {
    let mut runner = TestRunner::deterministic();
    let strategy = config();
    let mut cases = Vec::new();
    let mut configs = 0;
    while configs < CASES {
        let config = strategy.new_tree(&mut runner).unwrap().current();
        let Ok(validated) = validate(&config) else {
            continue;
        };
        configs += 1;
        for target in yaml_targets() {
            if target.applies_to(validated.config.api_type) {
                let text = render(target, &validated.config);
                cases.push(Case {
                    config: validated.config.clone(),
                    target,
                    text,
                });
            }
        }
    }
    cases
}

#[test]
fn every_yaml_target_reads_back_the_same_in_yaml_1_1_and_1_2() {
    assert!(
        yaml_targets().contains(&Target::SamGlobals),
        "Target::syntax() lists the SAM targets as YAML"
    );
    let cases = cases();
    let Some(python) = python_with_pyyaml() else {
        panic!(
            "no Python with PyYAML found (tried APIGW_CORS_PYTHON, .venv, /tmp/vt, python3): \
             run scripts/install.sh, which creates .venv, or set APIGW_CORS_PYTHON"
        );
    };
    let documents: Vec<String> = cases.iter().map(|case| case.text.clone()).collect();
    let pyyaml = read_with_pyyaml(&python, &documents);
    assert_eq!(pyyaml.len(), cases.len());
    let mut look_alikes_seen = 0;
    for (case, yaml_1_1) in cases.iter().zip(&pyyaml) {
        let context = format!("{} for {:?}:\n{}", case.target, case.config, case.text);
        let parsed: Value = serde_yaml::from_str(&case.text)
            .unwrap_or_else(|e| panic!("serde_yaml cannot read {context}: {e}"));
        let yaml_1_2 = canonical(&parsed);
        assert_eq!(yaml_1_1, &yaml_1_2, "YAML 1.1 and 1.2 read {context}");
        let mut found = Vec::new();
        // A target whose emitter is not written yet prints only a comment: no document.
        if parsed != Value::Null {
            unexpected_non_strings(&yaml_1_2, None, "", &mut found);
        }
        assert!(found.is_empty(), "not strings: {found:?} in {context}");
        if case.config.api_type == ApiType::Http && case.target == Target::SamGlobals {
            let expect = |key: &str, values: Vec<String>| {
                let written = list_under(&yaml_1_2, key).unwrap_or_default();
                assert_eq!(written, values, "{key} in {context}");
            };
            expect(
                "AllowOrigins",
                case.config
                    .origins
                    .values()
                    .iter()
                    .map(|o| o.to_string())
                    .collect(),
            );
            expect("AllowHeaders", case.config.allow_headers.clone());
            expect("ExposeHeaders", case.config.expose_headers.clone());
            look_alikes_seen += case
                .config
                .allow_headers
                .iter()
                .filter(|h| LOOK_ALIKES.contains(&h.as_str()))
                .count();
        }
    }
    assert!(
        look_alikes_seen > 20,
        "the generator must exercise look-alikes (saw {look_alikes_seen})"
    );
}
