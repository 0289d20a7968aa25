"""Terraform conformance: the `terraform` target's main.tf, proven as far as it can be here.

No Terraform binary can be installed on these machines, so nothing is planned or applied. What is
proven, for every conformance case that `cargo test -p apigw-cors --test target_terraform` writes
to `target/conformance/terraform/<case>/` (`main.tf`, `expected.json`):

- it parses with HashiCorp's own HCL library (pygohcl, which wraps it) and with python-hcl2, and
  both read the same blocks and arguments;
- every resource and data source type exists in the provider's schema, every argument and nested
  block set exists on it, and every required one is present, in the AWS provider's schemas of
  versions 5.31.0 and 6.25.0 and the archive provider's of 2.7.1 (`provider_schema.py`);
- every reference (`aws_x.name.attr`, `data.x.y.attr`, `var.x`, `local.x`) names a block declared
  in the file and an attribute that type has;
- values no configuration holds but the escaping must survive (`${`, `%{`, quotes, control
  characters) read back exactly (`target/conformance/terraform-escaping/`);
- the CORS values are exactly the configured ones (the SAM suite's expectations);
- they equal the `cloudformation` case's (`target/conformance/cloudformation/<case>/`): the REST
  OPTIONS method, its responses and the gateway responses, the HTTP CorsConfiguration, every
  method's authorization, the stage and the function code;
- the REST deployment hashes every resource it snapshots, and for every CORS change of every
  REST case (`target/conformance/terraform-triggers/`) the hashed resources change exactly when
  the CORS values the API itself holds change.
"""

from __future__ import annotations

import json
import re
import sys
from functools import lru_cache
from pathlib import Path

import hcl2
import pygohcl
import pytest
from hcl2 import SerializationOptions

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))
# The CloudFormation suite normalizes its template's CORS values (and through it the SAM suite
# holds the expectations derived from expected.json): one home for both.
sys.path.insert(0, str(ROOT / "conformance" / "cloudformation"))
sys.path.insert(0, str(ROOT / "conformance" / "sam"))
import provider_schema  # noqa: E402
from test_cloudformation import (  # noqa: E402
    our_gateway_responses,
    our_http_cors,
    our_operations,
    our_preflight,
)
from test_cloudformation import template as cloudformation_template  # noqa: E402
from test_sam import expected_gateway_response, expected_http_cors, expected_rest_preflight  # noqa: E402

CASES_DIR = ROOT / "target" / "conformance" / "terraform"
CFN_DIR = ROOT / "target" / "conformance" / "cloudformation"
TRIGGERS_DIR = ROOT / "target" / "conformance" / "terraform-triggers"
CASES = sorted(p.name for p in CASES_DIR.iterdir()) if CASES_DIR.is_dir() else []
REST_CASES = [c for c in CASES if json.loads((CASES_DIR / c / "expected.json").read_text())["apiType"] == "rest"]
TRIGGER_CASES = sorted(p.name for p in TRIGGERS_DIR.iterdir()) if TRIGGERS_DIR.is_dir() else []

API = "cors_api"
STAGE = "prod"
SNAPSHOT_TYPES = {
    "aws_api_gateway_resource",
    "aws_api_gateway_method",
    "aws_api_gateway_integration",
    "aws_api_gateway_method_response",
    "aws_api_gateway_integration_response",
    "aws_api_gateway_gateway_response",
    "aws_api_gateway_authorizer",
}
BUILT_IN_REFERENCES = {"path.module", "path.root", "path.cwd"}


def snake(logical_id: str) -> str:
    """A CloudFormation logical ID as the Terraform name the target gives it."""
    return re.sub(r"(?<!^)([A-Z])", r"_\1", logical_id).lower()


# ---------------------------------------------------------------- reading a case


@lru_cache(maxsize=None)
def load_case(directory: Path) -> tuple[dict, str]:
    return json.loads((directory / "expected.json").read_text()), (directory / "main.tf").read_text()


def case(name: str) -> tuple[dict, str]:
    return load_case(CASES_DIR / name)


@lru_cache(maxsize=None)
def go_tree(text: str) -> dict:
    """main.tf as HashiCorp's HCL library reads it: literal values evaluated (strings unescaped,
    heredocs included), other expressions as their source text."""
    return pygohcl.loads(text)


@lru_cache(maxsize=None)
def hcl2_tree(text: str) -> dict:
    """main.tf as python-hcl2 reads it: string literals keep their quotes, expressions are
    written `${...}`, nested blocks are lists marked `__is_block__`."""
    return hcl2.loads(text, serialization_options=SerializationOptions(with_comments=False))


def unquote(label: str) -> str:
    assert label.startswith('"') and label.endswith('"'), label
    return label[1:-1]


def is_block(value) -> bool:
    return isinstance(value, list) and value and all(isinstance(v, dict) and v.get("__is_block__") for v in value)


def top_blocks(text: str) -> list[tuple[str, tuple[str, ...], dict]]:
    """Every top-level block as (kind, labels, python-hcl2 body)."""
    blocks = []
    for kind, entries in hcl2_tree(text).items():
        for entry in entries:
            if kind in ("resource", "data"):
                ((type_label, named),) = entry.items()
                ((name_label, body),) = named.items()
                blocks.append((kind, (unquote(type_label), unquote(name_label)), body))
            elif kind in ("variable", "output"):
                ((name_label, body),) = entry.items()
                blocks.append((kind, (unquote(name_label),), body))
            else:
                blocks.append((kind, (), entry))
    return blocks


def shape(body: dict) -> dict:
    """A python-hcl2 body's argument and nested block names, recursively."""
    result = {}
    for key, value in body.items():
        if key == "__is_block__":
            continue
        result[key] = [shape(b) for b in value] if is_block(value) else None
    return result


def go_shape(value) -> dict | None:
    if not isinstance(value, dict):
        return None
    return {key: go_shape(item) for key, item in value.items()}


def resources(text: str, kind: str = "resource") -> dict[tuple[str, str], dict]:
    """The bodies HashiCorp's library reads, by (type, name)."""
    return {(t, n): body for t, named in go_tree(text).get(kind, {}).items() for n, body in named.items()}


def resource(text: str, type_name: str, name: str) -> dict:
    return go_tree(text)["resource"][type_name][name]


def test_cases_were_written():
    # Fails instead of passing vacuously when the Rust side has not run.
    assert len(CASES) >= 30, f"run cargo test -p apigw-cors --test target_terraform first ({CASES_DIR})"
    cloudformation = sorted(p.name for p in CFN_DIR.iterdir())
    assert CASES == cloudformation, "run cargo test -p apigw-cors --test target_cloudformation first"
    assert len([c for c in CASES if c.startswith("extra-")]) == 3
    assert {case(c)[0]["apiType"] for c in CASES} == {"rest", "http"}
    assert TRIGGER_CASES == [c for c in REST_CASES if not c.startswith("extra-")]


# ---------------------------------------------------------------- parsing


@pytest.mark.parametrize("name", CASES)
def test_both_hcl_parsers_read_the_same_blocks_and_arguments(name):
    _, text = case(name)
    go = go_tree(text)
    for kind, labels, body in top_blocks(text):
        if kind in ("resource", "data"):
            go_body = go[kind][labels[0]][labels[1]]
        elif kind in ("variable", "output"):
            go_body = go[kind][labels[0]]
        else:
            go_body = go[kind]
        ours = shape(body)
        theirs = go_shape(go_body)
        # python-hcl2 lists nested blocks, HashiCorp's library maps them; compare the names.
        assert set(ours) == set(theirs), (kind, labels)
    assert set(go) == {"terraform", "variable", "data", "resource", "output"}


def literal(value):
    """A python-hcl2 value as the literal it is (strings without their quotes, maps and lists of
    literals), or None when it holds an expression, a heredoc or an escape (which python-hcl2
    leaves as written)."""
    if isinstance(value, bool) or isinstance(value, (int, float)):
        return value
    if isinstance(value, str):
        plain = value.startswith('"') and value.endswith('"') and len(value) >= 2
        if plain and "\\" not in value and "${" not in value and "%{" not in value and not value.startswith('"<<'):
            return value[1:-1]
        return None
    if isinstance(value, dict) and not value.get("__is_block__"):
        items = {literal(k) if k.startswith('"') else k: literal(v) for k, v in value.items()}
        return None if None in items or None in items.values() else items
    return None


def same_literals(body: dict, go_body: dict, where: str) -> list[str]:
    """The names of the literal arguments both parsers read alike (recursing into nested blocks);
    fails on the first one they read differently."""
    compared = []
    for key, value in body.items():
        if key == "__is_block__":
            continue
        if is_block(value):
            (item,) = value
            compared += same_literals(item, go_body[key], f"{where}.{key}")
            continue
        if isinstance(value, list):
            items = [literal(v) for v in value]
            value_read = None if None in items else items
        else:
            value_read = literal(value)
        if value_read is not None:
            assert go_body[key] == value_read, f"{where}.{key}"
            compared.append(f"{where}.{key}")
    return compared


@pytest.mark.parametrize("name", CASES)
def test_both_hcl_parsers_read_the_same_literal_values(name):
    expected, text = case(name)
    go = go_tree(text)
    compared = []
    for kind, labels, body in top_blocks(text):
        if kind in ("resource", "data"):
            compared += same_literals(body, go[kind][labels[0]][labels[1]], ".".join(labels))
    # The CORS values are among them.
    if expected["apiType"] == "http":
        wanted = {"aws_apigatewayv2_api.cors_api.cors_configuration.allow_origins"}
    else:
        wanted = {f"aws_api_gateway_gateway_response.{n}.response_parameters" for n in ("default_4xx", "default_5xx")}
        if len(expected["allowOrigins"]) == 1:
            wanted.add("aws_api_gateway_integration_response.items_options.response_parameters")
    assert wanted <= set(compared)


def test_hostile_values_survive_the_escaping():
    """Values no valid configuration holds (`${`, `%{`, quotes, backslashes, control characters,
    the heredoc's delimiter), escaped as quoted strings and as heredocs, read back exactly by
    HashiCorp's HCL library."""
    directory = ROOT / "target" / "conformance" / "terraform-escaping"
    values = json.loads((directory / "expected.json").read_text())
    read = go_tree((directory / "values.tf").read_text())
    assert len(values) >= 15
    for index, value in enumerate(values):
        assert read[f"string_{index}"] == value, index
        assert read[f"heredoc_{index}"] == value, index


# ---------------------------------------------------------------- the providers' schemas


@lru_cache(maxsize=None)
def all_types() -> frozenset[tuple[str, str]]:
    return frozenset((kind, labels[0]) for c in CASES for kind, labels, _ in top_blocks(case(c)[1]) if kind in ("resource", "data"))


def package_schemas(kind: str, type_name: str) -> list[tuple[str, provider_schema.Schema | None]]:
    """The type's schema in every provider version the output claims to work with."""
    if type_name.startswith("archive_"):
        packages = [provider_schema.ARCHIVE]
    else:
        packages = [provider_schema.AWS_V5, provider_schema.AWS_V6]
    result = []
    for package in packages:
        types = {t for t in all_types() if t[1].startswith("archive_") == (package == provider_schema.ARCHIVE)}
        result.append((f"{package[1]} {package[2]}", provider_schema.schemas(package, types)[(kind, type_name)]))
    return result


def check_block(body: dict, schema: provider_schema.Block, where: str, top: bool) -> list[str]:
    problems = []
    for key, value in body.items():
        if key == "__is_block__" or (top and key in provider_schema.META_ARGUMENTS):
            continue
        if key in schema.blocks:
            if not is_block(value):
                problems.append(f"{where}: {key} is a block, written as an argument")
                continue
            for item in value:
                problems += check_block(item, schema.blocks[key][1], f"{where}.{key}", False)
        elif key in schema.arguments:
            if is_block(value):
                problems.append(f"{where}: {key} is an argument, written as a block")
        else:
            problems.append(f"{where}: no argument or block {key}")
    for key, required in schema.arguments.items():
        if required and key not in body:
            problems.append(f"{where}: the required argument {key} is missing")
    for key, (required, _) in schema.blocks.items():
        if required and key not in body:
            problems.append(f"{where}: the required block {key} is missing")
    return problems


@pytest.mark.parametrize("name", CASES)
def test_every_type_argument_and_block_is_in_the_provider_schemas(name):
    _, text = case(name)
    problems = []
    for kind, labels, body in top_blocks(text):
        if kind not in ("resource", "data"):
            continue
        for version, schema in package_schemas(kind, labels[0]):
            where = f"{version}: {kind} {labels[0]}.{labels[1]}"
            if schema is None:
                problems.append(f"{where}: no such type")
                continue
            problems += check_block(body, schema.body, where, True)
    assert problems == []


def test_the_provider_versions_checked_are_the_ones_required():
    """The required_providers constraints admit exactly the majors whose schemas are checked."""
    _, text = case(CASES[0])
    providers = go_tree(text)["terraform"]["required_providers"]
    assert providers["aws"] == {"source": "hashicorp/aws", "version": ">= 5.0, < 7.0"}
    assert providers["archive"] == {"source": "hashicorp/archive", "version": ">= 2.0, < 3.0"}
    for package in (provider_schema.AWS_V5, provider_schema.AWS_V6, provider_schema.ARCHIVE):
        major = int(package[2].split(".")[0])
        constraint = providers[package[1].split("/")[1]]["version"]
        low, high = re.fullmatch(r">= (\d+)\.0, < (\d+)\.0", constraint).groups()
        assert int(low) <= major < int(high)
    assert {5, 6} == {int(p[2].split(".")[0]) for p in (provider_schema.AWS_V5, provider_schema.AWS_V6)}


def test_the_schema_reader_finds_what_it_must():
    """The schema reader is not vacuous: known required arguments, blocks and computed
    attributes are found, and a difference between the majors shows."""
    v5 = provider_schema.schemas(provider_schema.AWS_V5, set(t for t in all_types() if not t[1].startswith("archive_")))
    v6 = provider_schema.schemas(provider_schema.AWS_V6, set(t for t in all_types() if not t[1].startswith("archive_")))
    method = v6[("resource", "aws_api_gateway_method")]
    assert {k for k, r in method.body.arguments.items() if r} == {"rest_api_id", "resource_id", "http_method", "authorization"}
    cors = v6[("resource", "aws_apigatewayv2_api")].body.blocks["cors_configuration"][1]
    assert set(cors.arguments) == {"allow_credentials", "allow_headers", "allow_methods", "allow_origins", "expose_headers", "max_age"}
    assert "execution_arn" in v6[("resource", "aws_apigatewayv2_api")].attributes
    # Version 6 removed the deployment's stage_name (reference §1.2).
    assert "stage_name" in v5[("resource", "aws_api_gateway_deployment")].body.arguments
    assert "stage_name" not in v6[("resource", "aws_api_gateway_deployment")].body.arguments


# ---------------------------------------------------------------- references


QUOTED = re.compile(r'"(?:[^"\\]|\\.)*"')
TRAVERSAL = re.compile(r"(?<![\w.$])([A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)+)(?!\s*\()")
INTERPOLATION = re.compile(r"(?<!\$)\$\{([^}]*)\}")


def expressions(value):
    """The expressions in a python-hcl2 value: `${expr}` itself, the interpolations inside a
    quoted template; heredocs hold the functions' code (no interpolation in it: `$${` escapes)."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key != "__is_block__":
                yield from expressions(key)
                yield from expressions(item)
    elif isinstance(value, list):
        for item in value:
            yield from expressions(item)
    elif isinstance(value, str):
        if value.startswith("${") and value.endswith("}"):
            inner = value[2:-1]
            yield QUOTED.sub('""', inner)
            for literal in QUOTED.findall(inner):
                yield from (m for m in INTERPOLATION.findall(literal))
        elif value.startswith('"<<'):
            assert not INTERPOLATION.search(value), value[:200]
        else:
            yield from INTERPOLATION.findall(value)


def references(text: str) -> list[str]:
    found = []
    for _, _, body in top_blocks(text):
        for expression in expressions(body):
            found += TRAVERSAL.findall(expression)
    return found


@pytest.mark.parametrize("name", CASES)
def test_every_reference_resolves_to_a_declared_block_and_attribute(name):
    _, text = case(name)
    declared = {(kind, labels) for kind, labels, _ in top_blocks(text)}
    found = references(text)
    # Not vacuous: the reader finds the variables, the data sources and the functions' ARNs.
    for wanted in ("var.api_name", "var.function_name", "data.aws_partition.current.partition"):
        assert wanted in found
    assert "aws_lambda_function.items_function.invoke_arn" in found or "aws_lambda_function.items_function.arn" in found
    problems = []
    for reference in found:
        parts = reference.split(".")
        if reference in BUILT_IN_REFERENCES:
            continue
        if parts[0] == "var":
            target = ("variable", (parts[1],))
            attribute = None
        elif parts[0] == "local":
            target, attribute = ("locals", ()), None
        elif parts[0] == "data":
            target = ("data", (parts[1], parts[2]))
            attribute = parts[3] if len(parts) > 3 else None
        else:
            target = ("resource", (parts[0], parts[1]))
            attribute = parts[2] if len(parts) > 2 else None
        if target not in declared:
            problems.append(f"{reference}: nothing declares {target}")
            continue
        if attribute is not None:
            for version, schema in package_schemas(target[0], target[1][0]):
                if attribute not in schema.attributes:
                    problems.append(f"{reference}: {version} has no attribute {attribute}")
    assert problems == []


@pytest.mark.parametrize("name", CASES)
def test_no_account_or_region_is_written(name):
    _, text = case(name)
    assert not re.search(r"\b\d{12}\b", text)
    assert not re.search(r"\b(us|eu|ap|sa|ca|me|af|il|mx)-[a-z]+-\d\b", text)
    variables = go_tree(text)["variable"]
    assert set(variables) == {"api_name", "function_name"}


# ---------------------------------------------------------------- exact CORS values


def tf_http_cors(text: str) -> dict:
    """Our cors_configuration with the CloudFormation suite's key spelling (allowCredentials
    false left out, as there)."""
    cors = resource(text, "aws_apigatewayv2_api", API)["cors_configuration"]
    normalized = {re.sub(r"_(\w)", lambda m: m.group(1).upper(), key): value for key, value in cors.items()}
    if normalized.get("allowCredentials") is False:
        del normalized["allowCredentials"]
    return normalized


def tf_rest_methods(text: str) -> dict:
    by_method = {}
    for (type_name, name), body in resources(text).items():
        if type_name == "aws_api_gateway_method":
            assert body["resource_id"] == "aws_api_gateway_resource.items.id"
            by_method[body["http_method"].lower()] = (name, body)
    return by_method


def invoked_function(expression: str) -> str:
    (name,) = re.findall(r"^aws_lambda_function\.(\w+)\.(?:invoke_arn|arn)$", expression)
    return name


def tf_preflight(text: str) -> dict:
    """The OPTIONS method, normalized like the CloudFormation suite's `our_preflight` (function
    names as Terraform names)."""
    name, options = tf_rest_methods(text)["options"]
    integration = resource(text, "aws_api_gateway_integration", name)
    assert integration["http_method"] == f"aws_api_gateway_method.{name}.http_method"
    result = {"auth": (options["authorization"], options.get("authorizer_id"), options["api_key_required"])}
    if integration["type"] == "AWS_PROXY":
        result["proxy"] = invoked_function(integration["uri"])
        return result
    assert integration["type"] == "MOCK"
    assert integration["request_templates"] == {"application/json": '{"statusCode": 200}'}
    method_response = resource(text, "aws_api_gateway_method_response", name)
    response = resource(text, "aws_api_gateway_integration_response", name)
    assert response["status_code"] == f"aws_api_gateway_method_response.{name}.status_code"
    assert "selection_pattern" not in response
    assert response["depends_on"] == [f"aws_api_gateway_integration.{name}"]
    assert response["response_templates"] == {"application/json": "{}"}
    result["status"] = method_response["status_code"]
    result["parameters"] = response["response_parameters"]
    result["method_status"] = method_response["status_code"]
    result["method_headers"] = sorted(method_response["response_parameters"])
    assert set(method_response["response_parameters"].values()) == {False}
    return result


def cfn_preflight(name: str) -> dict:
    result = our_preflight(cloudformation_template(name))
    if "proxy" in result:
        result["proxy"] = snake(result["proxy"])
    return result


def tf_gateway_responses(text: str) -> dict:
    responses = {}
    for (type_name, name), body in resources(text).items():
        if type_name == "aws_api_gateway_gateway_response":
            assert body["rest_api_id"] == f"aws_api_gateway_rest_api.{API}.id"
            assert name == body["response_type"].lower()
            responses[body["response_type"]] = {
                "status": body.get("status_code"),
                "parameters": body["response_parameters"],
                "templates": body.get("response_templates", {}),
            }
    return responses


@pytest.mark.parametrize("name", CASES)
def test_cors_values_are_exact(name):
    expected, text = case(name)
    if expected["apiType"] == "http":
        assert tf_http_cors(text) == expected_http_cors(expected)
        assert not [k for k in resources(text) if k[0].startswith("aws_api_gateway_")]
        return
    preflight = tf_preflight(text)
    # OPTIONS never carries the authorizer or the API key, whatever the other methods use.
    assert preflight["auth"] == ("NONE", None, False)
    if len(expected["allowOrigins"]) > 1:
        assert preflight["proxy"] == "items_function"
    else:
        assert preflight["status"] == "200"
        assert preflight["parameters"] == expected_rest_preflight(expected)
        assert preflight["method_headers"] == sorted(preflight["parameters"])
    params = expected_gateway_response(expected)
    assert tf_gateway_responses(text) == {
        kind: {"status": None, "parameters": params, "templates": {}} for kind in ("DEFAULT_4XX", "DEFAULT_5XX")
    }


# ---------------------------------------------------------------- the same API as cloudformation


def tf_operations(text: str, expected: dict) -> dict:
    """Every method but the REST preflight, normalized like the CloudFormation suite's
    `our_operations`."""
    result = {}
    if expected["apiType"] == "rest":
        for method, (name, body) in tf_rest_methods(text).items():
            if method == "options":
                continue
            integration = resource(text, "aws_api_gateway_integration", name)
            assert integration["type"] == "AWS_PROXY"
            assert integration["integration_http_method"] == "POST"
            custom = body["authorization"] == "CUSTOM"
            assert custom == ("authorizer_id" in body)
            result[method] = {
                "function": invoked_function(integration["uri"]),
                "authorizer": custom and body["authorizer_id"] == "aws_api_gateway_authorizer.token_authorizer.id",
                "api_key": body["api_key_required"],
                "payload": None,
            }
        return result
    for (type_name, _), route in resources(text).items():
        if type_name != "aws_apigatewayv2_route":
            continue
        method, path = route["route_key"].split(" ")
        assert path == "/items"
        (target,) = re.findall(r"^integrations/aws_apigatewayv2_integration\.(\w+)\.id$", route["target"])
        integration = resource(text, "aws_apigatewayv2_integration", target)
        assert integration["integration_type"] == "AWS_PROXY"
        custom = route["authorization_type"] == "CUSTOM"
        assert custom == ("authorizer_id" in route)
        result[method.lower()] = {
            "function": invoked_function(integration["integration_uri"]),
            "authorizer": custom and route["authorizer_id"] == "aws_apigatewayv2_authorizer.token_authorizer.id",
            "api_key": False,
            "payload": integration["payload_format_version"],
        }
    return result


@pytest.mark.parametrize("name", CASES)
def test_same_cors_and_methods_as_the_cloudformation_case(name):
    expected, text = case(name)
    cfn = cloudformation_template(name)
    if expected["apiType"] == "rest":
        assert tf_preflight(text) == cfn_preflight(name)
        assert tf_gateway_responses(text) == our_gateway_responses(cfn)
    else:
        assert tf_http_cors(text) == our_http_cors(cfn)
    theirs = {method: {**op, "function": snake(op["function"])} for method, op in our_operations(cfn, expected).items()}
    assert tf_operations(text, expected) == theirs


@pytest.mark.parametrize("name", CASES)
def test_same_functions_authorizer_api_key_and_stage_as_the_cloudformation_case(name):
    expected, text = case(name)
    cfn = cloudformation_template(name)["Resources"]
    archives = go_tree(text)["data"]["archive_file"]
    functions = {n: body for (t, n), body in resources(text).items() if t == "aws_lambda_function"}
    cfn_functions = {snake(k): v["Properties"] for k, v in cfn.items() if v["Type"] == "AWS::Lambda::Function"}
    assert set(functions) == set(cfn_functions)
    for function_name, body in functions.items():
        archive = archives[function_name]
        assert body["filename"] == f"data.archive_file.{function_name}.output_path"
        assert body["source_code_hash"] == f"data.archive_file.{function_name}.output_base64sha256"
        assert archive["type"] == "zip"
        assert archive["source_content"] == cfn_functions[function_name]["Code"]["ZipFile"]
        assert archive["source_content_filename"] == cfn_functions[function_name]["Handler"].split(".")[0] + ".py"
        assert body["runtime"] == cfn_functions[function_name]["Runtime"]
        assert body["handler"] == cfn_functions[function_name]["Handler"]
        assert body["role"] == f"aws_iam_role.{function_name}.arn"
        permission = resource(text, "aws_lambda_permission", function_name)
        assert permission["principal"] == "apigateway.amazonaws.com"
        assert permission["action"] == "lambda:InvokeFunction"
    rest = expected["apiType"] == "rest"
    api_type = "aws_api_gateway_rest_api" if rest else "aws_apigatewayv2_api"
    items_source = resource(text, "aws_lambda_permission", "items_function")["source_arn"]
    # The template's own expression (pygohcl gives a template's parts as text).
    assert items_source == f"{api_type}.{API}.execution_arn/*/*/items"
    authorizer_type = "aws_api_gateway_authorizer" if rest else "aws_apigatewayv2_authorizer"
    authorizers = {n: b for (t, n), b in resources(text).items() if t == authorizer_type}
    cfn_authorizer = cfn.get("TokenAuthorizer", {}).get("Properties")
    assert bool(authorizers) == bool(cfn_authorizer) == (expected["authorizerHeader"] is not None)
    if cfn_authorizer:
        ours = authorizers["token_authorizer"]
        if rest:
            assert (ours["type"], ours["identity_source"]) == (cfn_authorizer["Type"], cfn_authorizer["IdentitySource"])
        else:
            assert ours["authorizer_type"] == cfn_authorizer["AuthorizerType"]
            assert ours["identity_sources"] == cfn_authorizer["IdentitySource"]
            assert ours["authorizer_payload_format_version"] == cfn_authorizer["AuthorizerPayloadFormatVersion"]
            assert ours["enable_simple_responses"] is cfn_authorizer["EnableSimpleResponses"] is True
        assert invoked_function(ours["authorizer_uri"]) == "authorizer_function"
    key_types = {"aws_api_gateway_api_key", "aws_api_gateway_usage_plan", "aws_api_gateway_usage_plan_key"}
    ours_keys = {t for (t, _) in resources(text) if t in key_types}
    cfn_keys = {v["Type"] for v in cfn.values() if v["Type"].startswith("AWS::ApiGateway::") and ("ApiKey" in v["Type"] or "UsagePlan" in v["Type"])}
    assert len(ours_keys) == len(cfn_keys) == (3 if expected["apiKeyRequired"] else 0)
    stage_type = "aws_api_gateway_stage" if rest else "aws_apigatewayv2_stage"
    stage = resource(text, stage_type, API)
    assert stage.get("stage_name", stage.get("name")) == STAGE
    if not rest:
        assert stage["auto_deploy"] is True
        assert not [k for k in resources(text) if "deployment" in k[0]]


# ---------------------------------------------------------------- the REST deployment


def trigger_references(text: str) -> list[str]:
    deployment = resource(text, "aws_api_gateway_deployment", API)
    (trigger,) = deployment["triggers"].values()
    inner = re.fullmatch(r"sha1\(jsonencode\(\[(.*)\]\)\)", trigger.replace("\n", " "), re.S).group(1)
    return [item.strip() for item in inner.split(",") if item.strip()]


@pytest.mark.parametrize("name", REST_CASES)
def test_the_deployment_hashes_every_resource_it_snapshots(name):
    _, text = case(name)
    snapshot = sorted(f"{t}.{n}" for (t, n) in resources(text) if t in SNAPSHOT_TYPES)
    assert sorted(trigger_references(text)) == snapshot
    deployment = resource(text, "aws_api_gateway_deployment", API)
    assert deployment["lifecycle"] == {"create_before_destroy": True}
    assert resource(text, "aws_api_gateway_stage", API)["deployment_id"] == f"aws_api_gateway_deployment.{API}.id"


def hashed(text: str) -> str:
    """What the trigger's hash changes with: the configuration of every resource it names (their
    computed attributes follow from it)."""
    bodies = []
    for reference in trigger_references(text):
        type_name, name = reference.split(".")
        bodies.append(resource(text, type_name, name))
    return json.dumps(bodies, sort_keys=True)


def api_held_cors(expected: dict) -> str:
    """The CORS values a REST API itself holds (so that a deployment must carry them): the MOCK's
    headers (one origin or `*`), the gateway responses' headers, the methods, the authorizer and
    the key. With several origins the function's code holds the rest."""
    methods = [m for m in expected["allowMethods"] if m != "OPTIONS"] or ["GET"]
    held = {
        "mock": expected_rest_preflight(expected) if len(expected["allowOrigins"]) == 1 else None,
        "gateway": expected_gateway_response(expected),
        "methods": ["ANY"] if methods == ["*"] else methods,
        "authorizer": expected["authorizerHeader"],
        "key": expected["apiKeyRequired"],
    }
    return json.dumps(held, sort_keys=True)


@pytest.mark.parametrize("name", TRIGGER_CASES)
def test_the_trigger_changes_exactly_when_the_cors_values_the_api_holds_change(name):
    directory = TRIGGERS_DIR / name
    base_expected, base_text = load_case(directory / "base")
    assert base_text == case(name)[1]
    variants = sorted(p.name for p in directory.iterdir() if p.name != "base")
    assert "same" in variants and len(variants) >= 6
    changed = 0
    for variant in variants:
        expected, text = load_case(directory / variant)
        api_changed = api_held_cors(expected) != api_held_cors(base_expected)
        assert (hashed(text) != hashed(base_text)) == api_changed, variant
        if variant == "same":
            assert expected == base_expected and not api_changed
        changed += api_changed
    if len(base_expected["allowOrigins"]) == 1:
        # One origin or `*`: the API holds every CORS value, so every change redeploys.
        assert changed == len(variants) - 1
