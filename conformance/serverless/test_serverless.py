"""Serverless Framework conformance: the `serverless` target packaged by the real framework.

`cargo test -p apigw-cors --test target_serverless` writes, for every conformance case,
`target/conformance/serverless/<case>/` with `serverless.yml`, the handler files it names
(`index.py`, `authorizer.py`) and `expected.json`; `cargo test -p apigw-cors --test
target_cloudformation` writes the same cases' `cloudformation` template.

For each case this file runs `osls package` (osls 4.3.1, the open-source Serverless Framework, from
`conformance/serverless/node_modules`) with dummy credentials and without network: in a network
namespace of its own (`unshare -n`, no interface at all, not even loopback) when the machine
allows it. Then, on the CloudFormation template the framework writes
(`.serverless/cloudformation-template-update-stack.json`):

- cfn-lint reports nothing but W3005 on the DependsOn the framework itself writes;
- the CORS values are exactly the configured ones (the expectations are the SAM suite's,
  `conformance/sam/test_sam.py`) and equal the `cloudformation` case's: the HTTP API's
  `CorsConfiguration`, the OPTIONS method (the framework's own MOCK from `cors`, whose
  differences are asserted exactly below; the MOCK written out for `maxAge: 0`; the function for
  several origins), the gateway responses, every method's authorization, the authorizer;
- the framework's deployment waits for the gateway responses and the OPTIONS method;
- the package holds exactly the handlers, and they are the `cloudformation` case's code.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
import zipfile
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache
from pathlib import Path

import pytest

os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")

from cfnlint.api import ManualArgs, lint  # noqa: E402
from samtranslator.yaml_helper import yaml_parse  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
# The SAM suite holds the expectations derived from expected.json, the CloudFormation suite the
# readers of its templates: one home for each.
sys.path.insert(0, str(ROOT / "conformance" / "sam"))
sys.path.insert(0, str(ROOT / "conformance" / "cloudformation"))
from test_cloudformation import (  # noqa: E402
    our_gateway_responses as cfn_gateway_responses,
    our_http_cors as cfn_http_cors,
    our_preflight as cfn_preflight,
    rest_methods as cfn_rest_methods,
)
from test_sam import (  # noqa: E402
    PREFIX,
    expected_gateway_response,
    expected_http_cors,
    expected_rest_preflight,
    static,
)

CASES_DIR = ROOT / "target" / "conformance" / "serverless"
CFN_DIR = ROOT / "target" / "conformance" / "cloudformation"
CASES = sorted(p.name for p in CASES_DIR.iterdir()) if CASES_DIR.is_dir() else []
OSLS = Path(__file__).resolve().parent / "node_modules" / ".bin" / "osls"
TEMPLATE = Path(".serverless") / "cloudformation-template-update-stack.json"

# The framework's logical IDs.
REST_API = "ApiGatewayRestApi"
HTTP_API = "HttpApi"
FUNCTION = "ItemsLambdaFunction"
AUTHORIZER_FUNCTION = "AuthorizerLambdaFunction"
REST_AUTHORIZER = "AuthorizerApiGatewayAuthorizer"
HTTP_AUTHORIZER = "HttpApiAuthorizerTokenAuthorizer"
OPTIONS = "ApiGatewayMethodItemsOptions"
# What the framework's MOCK (from an event's `cors`) writes instead of ours
# (osls lib/plugins/aws/package/compile/events/api-gateway/lib/cors.js).
FRAMEWORK_REQUEST_TEMPLATE = "{statusCode:200}"
FRAMEWORK_RESPONSE_BODY = ""
FRAMEWORK_ANY = "DELETE,GET,HEAD,PATCH,POST,PUT"


# ---------------------------------------------------------------- packaging


@lru_cache(maxsize=None)
def offline_prefix() -> tuple[str, ...]:
    """`unshare -n` when this machine lets us make a network namespace (root, or user
    namespaces), else nothing: osls is then run with dummy credentials only."""
    unshare = shutil.which("unshare")
    if unshare and subprocess.run([unshare, "-n", "true"], capture_output=True).returncode == 0:
        return (unshare, "-n")
    return ()


def package(case: str) -> dict:
    directory = CASES_DIR / case
    shutil.rmtree(directory / ".serverless", ignore_errors=True)
    env = {
        "PATH": os.environ["PATH"],
        "HOME": os.environ.get("HOME", "/tmp"),
        "AWS_ACCESS_KEY_ID": "x",
        "AWS_SECRET_ACCESS_KEY": "x",
        "CI": "1",
    }
    started = time.monotonic()
    run = subprocess.run(
        [*offline_prefix(), str(OSLS), "package"],
        cwd=directory,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    return {
        "returncode": run.returncode,
        "output": run.stdout + run.stderr,
        "seconds": time.monotonic() - started,
    }


@pytest.fixture(scope="session")
def packaged() -> dict:
    """Every case packaged once, several at a time (each `osls package` is one Node process of
    about 1.5 s on an idle core)."""
    assert OSLS.exists(), f"run npm ci in {OSLS.parents[2]} (scripts/install.sh test)"
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
        results = dict(zip(CASES, pool.map(package, CASES)))
    total = time.monotonic() - started
    offline = "unshare -n" if offline_prefix() else "dummy credentials only (no unshare)"
    print(f"\nosls package: {len(CASES)} cases in {total:.1f} s ({offline})")
    return results


def template_of(case: str, packaged: dict) -> dict:
    result = packaged[case]
    assert result["returncode"] == 0, result["output"]
    return cfn_of(case)


@lru_cache(maxsize=None)
def cfn_of(case: str) -> dict:
    return json.loads((CASES_DIR / case / TEMPLATE).read_text())


@lru_cache(maxsize=None)
def load_case(case: str):
    directory = CASES_DIR / case
    expected = json.loads((directory / "expected.json").read_text())
    service = yaml_parse((directory / "serverless.yml").read_text())
    return expected, service


@lru_cache(maxsize=None)
def cloudformation(case: str) -> dict:
    """The `cloudformation` target for the same configuration."""
    return yaml_parse((CFN_DIR / case / "cloudformation.yaml").read_text())


def resources_of_type(cfn: dict, kind: str) -> dict:
    return {k: r for k, r in cfn["Resources"].items() if r["Type"] == kind}


def is_rest(expected: dict) -> bool:
    return expected["apiType"] == "rest"


def several_rest_origins(expected: dict) -> bool:
    return is_rest(expected) and len(expected["allowOrigins"]) > 1


def own_mock(expected: dict) -> bool:
    """REST, one origin or `*`, `maxAge: 0`: the OPTIONS MOCK is written out in the file."""
    return is_rest(expected) and not several_rest_origins(expected) and expected["maxAge"] == 0


def test_cases_were_written():
    # Fails instead of passing vacuously when the Rust side has not run.
    assert len(CASES) >= 30, f"run cargo test -p apigw-cors --test target_serverless first ({CASES_DIR})"
    kinds = {load_case(c)[0]["apiType"] for c in CASES}
    assert kinds == {"rest", "http"}
    missing = [c for c in CASES if not (CFN_DIR / c / "cloudformation.yaml").is_file()]
    assert missing == [], "run cargo test -p apigw-cors --test target_cloudformation first"
    shapes = {(is_rest(e), several_rest_origins(e), own_mock(e)) for e, _ in map(load_case, CASES)}
    assert shapes == {(False, False, False), (True, False, False), (True, True, False), (True, False, True)}


@pytest.mark.parametrize("case", CASES)
def test_osls_packages_the_service_offline(case, packaged):
    result = packaged[case]
    assert result["returncode"] == 0, result["output"]
    assert "Service packaged" in result["output"]
    assert (CASES_DIR / case / TEMPLATE).is_file()


# ---------------------------------------------------------------- cfn-lint


def our_waited_for(service: dict) -> set[str]:
    """The resources the file's extension makes the deployment wait for."""
    extensions = service.get("resources", {}).get("extensions", {})
    return {dep for extension in extensions.values() for dep in extension.get("DependsOn", [])}


@pytest.mark.parametrize("case", CASES)
def test_cfn_lint_reports_nothing_but_the_frameworks_own_depends_on(case, packaged):
    cfn = template_of(case, packaged)
    _, service = load_case(case)
    ours = our_waited_for(service)
    findings = []
    for match in lint(json.dumps(cfn), config=ManualArgs(regions=["us-east-1"])):
        text = f"{match.rule.id} {match.message} ({'/'.join(map(str, match.path))})"
        # W3005 (a DependsOn already implied by a Ref): the framework writes DependsOn on its
        # authorizer and integration next to the Ref; ours must never be redundant.
        named = re.match(r"'(\w+)' dependency already enforced", match.message)
        if match.rule.id == "W3005" and named and named.group(1) not in ours:
            continue
        findings.append(text)
    assert findings == []


# ---------------------------------------------------------------- HTTP API


def normalized_http_cors(cfn: dict, expected: dict) -> dict:
    """The framework's CorsConfiguration with SAM's key spelling, its one difference removed:
    it writes `AllowHeaders: []` when no header is allowed (an omitted `allowedHeaders` would
    have allowed its seven defaults); [] and no list allow the same, nothing."""
    cors = dict(cfn["Resources"][HTTP_API]["Properties"]["CorsConfiguration"])
    if not expected["allowHeaders"]:
        assert cors.pop("AllowHeaders") == []
    return {key[0].lower() + key[1:]: value for key, value in cors.items()}


def http_routes(cfn: dict) -> dict:
    routes = {}
    integrations = resources_of_type(cfn, "AWS::ApiGatewayV2::Integration")
    for route in resources_of_type(cfn, "AWS::ApiGatewayV2::Route").values():
        properties = route["Properties"]
        method, path = properties["RouteKey"].split(" ")
        assert path == "/items"
        (target,) = [part["Ref"] for part in properties["Target"]["Fn::Join"][1] if isinstance(part, dict)]
        integration = integrations[target]["Properties"]
        assert integration["IntegrationUri"] == {"Fn::GetAtt": [FUNCTION, "Arn"]}
        custom = properties.get("AuthorizationType") == "CUSTOM"
        assert custom == ("AuthorizerId" in properties)
        routes[method.lower()] = {
            "authorizer": custom and properties["AuthorizerId"] == {"Ref": HTTP_AUTHORIZER},
            "payload": integration["PayloadFormatVersion"],
        }
    return routes


def cfn_http_routes(cfn: dict) -> dict:
    integrations = resources_of_type(cfn, "AWS::ApiGatewayV2::Integration")
    routes = {}
    for route in resources_of_type(cfn, "AWS::ApiGatewayV2::Route").values():
        properties = route["Properties"]
        method = properties["RouteKey"].split(" ")[0]
        ((integration,),) = [integrations.values()]
        routes[method.lower()] = {
            "authorizer": properties["AuthorizationType"] == "CUSTOM",
            "payload": integration["Properties"]["PayloadFormatVersion"],
        }
    return routes


def assert_http(case: str, cfn: dict, expected: dict):
    ours = normalized_http_cors(cfn, expected)
    assert ours == expected_http_cors(expected)
    assert ours == cfn_http_cors(cloudformation(case))
    assert not resources_of_type(cfn, "AWS::ApiGateway::GatewayResponse")
    assert http_routes(cfn) == cfn_http_routes(cloudformation(case))
    # The framework deploys HTTP APIs to $default (auto-deploy); cloudformation names the stage prod.
    ((_, stage),) = resources_of_type(cfn, "AWS::ApiGatewayV2::Stage").items()
    assert stage["Properties"]["StageName"] == "$default"
    assert stage["Properties"]["AutoDeploy"] is True
    authorizers = resources_of_type(cfn, "AWS::ApiGatewayV2::Authorizer")
    if expected["authorizerHeader"] is None:
        assert authorizers == {}
        return
    properties = authorizers[HTTP_AUTHORIZER]["Properties"]
    theirs = cloudformation(case)["Resources"]["TokenAuthorizer"]["Properties"]
    for key in ("AuthorizerType", "IdentitySource", "AuthorizerPayloadFormatVersion", "EnableSimpleResponses"):
        assert properties[key] == theirs[key], key
    assert AUTHORIZER_FUNCTION in json.dumps(properties["AuthorizerUri"])


# ---------------------------------------------------------------- REST API


def rest_methods(cfn: dict) -> dict:
    methods = {}
    for method in resources_of_type(cfn, "AWS::ApiGateway::Method").values():
        properties = method["Properties"]
        assert properties["ResourceId"] == {"Ref": "ApiGatewayResourceItems"}
        assert properties["RestApiId"] == {"Ref": REST_API}
        methods[properties["HttpMethod"].lower()] = properties
    return methods


def framework_allow_methods(expected: dict) -> str:
    """Access-Control-Allow-Methods as the framework's MOCK writes it: the `methods` of `cors`
    with OPTIONS added when missing, ANY (our `*`) spelled out."""
    methods = expected["allowMethods"]
    if methods == ["*"]:
        return f"{FRAMEWORK_ANY},OPTIONS"
    return ",".join(methods if "OPTIONS" in methods else [*methods, "OPTIONS"])


def expected_framework_preflight(expected: dict) -> dict:
    """Our preflight headers with the framework's necessary differences: Allow-Methods as above
    (OPTIONS is never a method a browser asks for; ANY's list is every method a REST API has),
    and Allow-Headers always sent, empty when no header is allowed (the same as none)."""
    params = expected_rest_preflight(expected)
    params[PREFIX + "Access-Control-Allow-Methods"] = static(framework_allow_methods(expected))
    params.setdefault(PREFIX + "Access-Control-Allow-Headers", static(""))
    return params


def normalized_preflight(options: dict) -> dict:
    """The OPTIONS method normalized like `test_cloudformation.our_preflight`."""
    integration = options["Integration"]
    result = {"auth": (options["AuthorizationType"], options.get("AuthorizerId"), options.get("ApiKeyRequired", False))}
    if integration["Type"] == "AWS_PROXY":
        result["proxy"] = re.findall(r"\b(\w+LambdaFunction)\b", json.dumps(integration["Uri"]))
        return result
    assert integration["Type"] == "MOCK"
    (response,) = integration["IntegrationResponses"]
    (method_response,) = options["MethodResponses"]
    result["status"] = response["StatusCode"]
    result["parameters"] = response["ResponseParameters"]
    result["method_status"] = method_response["StatusCode"]
    result["method_headers"] = sorted(method_response["ResponseParameters"])
    result["templates"] = (integration["RequestTemplates"], response["ResponseTemplates"])
    result["declared"] = set(method_response["ResponseParameters"].values())
    return result


def deployment_waits_for(cfn: dict) -> set[str]:
    """Everything the REST deployment waits for, through DependsOn and Ref, transitively."""
    ((_, deployment),) = resources_of_type(cfn, "AWS::ApiGateway::Deployment").items()
    seen, todo = set(), list(deployment["DependsOn"])
    while todo:
        name = todo.pop()
        if name in seen or name not in cfn["Resources"]:
            continue
        seen.add(name)
        resource = cfn["Resources"][name]
        depends = resource.get("DependsOn", [])
        todo.extend([depends] if isinstance(depends, str) else depends)
        todo.extend(re.findall(r'"Ref": "(\w+)"', json.dumps(resource.get("Properties", {}))))
    return seen


def assert_rest(case: str, cfn: dict, expected: dict):
    theirs = cloudformation(case)
    methods = rest_methods(cfn)
    preflight = normalized_preflight(methods["options"])
    # OPTIONS never carries the authorizer or the API key, whatever the other methods use.
    assert preflight["auth"] == ("NONE", None, False)
    their_preflight = cfn_preflight(theirs)
    if several_rest_origins(expected):
        assert preflight["proxy"] == [FUNCTION]
        assert their_preflight["proxy"] == "ItemsFunction"
    elif own_mock(expected):
        # The MOCK written out in serverless.yml is the cloudformation target's, header by header.
        assert preflight["parameters"] == expected_rest_preflight(expected)
        assert preflight["templates"] == ({"application/json": '{"statusCode": 200}'}, {"application/json": "{}"})
        assert preflight["declared"] == {False}
        for key in ("auth", "status", "parameters", "method_status", "method_headers"):
            assert preflight[key] == their_preflight[key], key
    else:
        # The framework's MOCK: the configured values, with its differences exactly.
        assert preflight["parameters"] == expected_framework_preflight(expected)
        ours_as_framework = dict(their_preflight["parameters"])
        ours_as_framework[PREFIX + "Access-Control-Allow-Methods"] = static(framework_allow_methods(expected))
        ours_as_framework.setdefault(PREFIX + "Access-Control-Allow-Headers", static(""))
        assert preflight["parameters"] == ours_as_framework
        assert preflight["status"] == preflight["method_status"] == their_preflight["status"] == "200"
        assert preflight["method_headers"] == sorted(preflight["parameters"])
        # Its request template picks status 200 like ours; its body is empty instead of {}.
        assert preflight["templates"] == (
            {"application/json": FRAMEWORK_REQUEST_TEMPLATE},
            {"application/json": FRAMEWORK_RESPONSE_BODY},
        )
        # It declares the headers required (true); ours declares them (false). Either way the
        # integration response sets them.
        assert preflight["declared"] == {True}
    # The other methods: the function, the authorizer and the API key as in cloudformation.
    their_methods = cfn_rest_methods(theirs)
    assert set(methods) == set(their_methods)
    for name, properties in methods.items():
        if name == "options":
            continue
        integration = properties["Integration"]
        assert integration["Type"] == "AWS_PROXY"
        assert FUNCTION in json.dumps(integration["Uri"])
        authorizer = expected["authorizerHeader"] is not None
        assert properties["AuthorizationType"] == ("CUSTOM" if authorizer else "NONE")
        assert properties["AuthorizationType"] == their_methods[name]["AuthorizationType"]
        assert properties.get("AuthorizerId") == ({"Ref": REST_AUTHORIZER} if authorizer else None)
        assert properties.get("ApiKeyRequired", False) == expected["apiKeyRequired"]
        assert properties.get("ApiKeyRequired", False) == their_methods[name]["ApiKeyRequired"]
    # The gateway responses: the configured values, the same as cloudformation's.
    responses = {}
    for response in resources_of_type(cfn, "AWS::ApiGateway::GatewayResponse").values():
        properties = response["Properties"]
        assert properties["RestApiId"] == {"Ref": REST_API}
        responses[properties["ResponseType"]] = {
            "status": properties.get("StatusCode"),
            "parameters": properties["ResponseParameters"],
            "templates": properties.get("ResponseTemplates", {}),
        }
    params = expected_gateway_response(expected)
    assert responses == {
        kind: {"status": None, "parameters": params, "templates": {}} for kind in ("DEFAULT_4XX", "DEFAULT_5XX")
    }
    assert responses == cfn_gateway_responses(theirs)
    # The deployment is made after the gateway responses and every method (the framework's
    # DependsOn names only its own methods; the file's extension adds the rest).
    wanted = set(resources_of_type(cfn, "AWS::ApiGateway::GatewayResponse")) | set(
        resources_of_type(cfn, "AWS::ApiGateway::Method")
    )
    assert wanted <= deployment_waits_for(cfn)
    ((_, deployment),) = resources_of_type(cfn, "AWS::ApiGateway::Deployment").items()
    assert deployment["Properties"]["StageName"] == "prod"
    # The authorizer reads the same header as cloudformation's.
    authorizers = resources_of_type(cfn, "AWS::ApiGateway::Authorizer")
    if expected["authorizerHeader"] is None:
        assert authorizers == {}
    else:
        properties = authorizers[REST_AUTHORIZER]["Properties"]
        their = theirs["Resources"]["TokenAuthorizer"]["Properties"]
        assert (properties["Type"], properties["IdentitySource"]) == (their["Type"], their["IdentitySource"])
        assert AUTHORIZER_FUNCTION in json.dumps(properties["AuthorizerUri"])
    keys = resources_of_type(cfn, "AWS::ApiGateway::ApiKey")
    assert bool(keys) == expected["apiKeyRequired"]
    assert bool(resources_of_type(cfn, "AWS::ApiGateway::UsagePlanKey")) == expected["apiKeyRequired"]


@pytest.mark.parametrize("case", CASES)
def test_cors_values_are_exact_and_the_cloudformation_targets(case, packaged):
    expected, _ = load_case(case)
    cfn = template_of(case, packaged)
    if is_rest(expected):
        assert_rest(case, cfn, expected)
    else:
        assert_http(case, cfn, expected)


# ---------------------------------------------------------------- the functions


@pytest.mark.parametrize("case", CASES)
def test_the_package_holds_the_cloudformation_targets_code(case, packaged):
    expected, _ = load_case(case)
    cfn = template_of(case, packaged)
    theirs = resources_of_type(cloudformation(case), "AWS::Lambda::Function")
    with zipfile.ZipFile(CASES_DIR / case / ".serverless" / "cors-api.zip") as package_zip:
        files = {name: package_zip.read(name).decode() for name in package_zip.namelist()}
    wanted = {"index.py"} | ({"authorizer.py"} if expected["authorizerHeader"] else set())
    assert set(files) == wanted
    # index.py is the lambda-python output: its first line says how to deploy it, the rest is
    # the code cloudformation embeds.
    first, code = files["index.py"].split("\n", 1)
    assert first == "# index.py for the python3.13 runtime, handler index.handler."
    assert code == theirs["ItemsFunction"]["Properties"]["Code"]["ZipFile"]
    if expected["authorizerHeader"]:
        assert files["authorizer.py"] == theirs["AuthorizerFunction"]["Properties"]["Code"]["ZipFile"]
    functions = resources_of_type(cfn, "AWS::Lambda::Function")
    handlers = {name: (f["Properties"]["Runtime"], f["Properties"]["Handler"]) for name, f in functions.items()}
    runtime = theirs["ItemsFunction"]["Properties"]["Runtime"]
    wanted_handlers = {FUNCTION: (runtime, "index.handler")}
    if expected["authorizerHeader"]:
        wanted_handlers[AUTHORIZER_FUNCTION] = (runtime, "authorizer.handler")
    assert handlers == wanted_handlers
