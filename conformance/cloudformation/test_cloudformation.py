"""CloudFormation conformance: the `cloudformation` target through the real AWS tools.

`cargo test -p apigw-cors --test target_cloudformation` writes, for every conformance case,
`target/conformance/cloudformation/<case>/` with `cloudformation.yaml` and `expected.json` (the
normalized configuration); `cargo test -p apigw-cors --test conformance_sam` writes the same
cases' `sam-template` to `target/conformance/sam/<case>/template.yaml`.

For each case this file runs cfn-lint on the template, asserts that its CORS values are exactly
the configured ones (the expectations are the SAM suite's, `conformance/sam/test_sam.py`), and
that they equal what aws-sam-translator makes of the same case's SAM template: the OPTIONS
method's integration and method responses, the gateway responses, the HTTP API's CORS
configuration, the authorization of every method, the authorizer, the API key, the stage and
the functions' code. So the two targets cannot drift apart.
"""

from __future__ import annotations

import json
import os
import re
import sys
from functools import lru_cache
from pathlib import Path

import pytest

os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")

from cfnlint.api import ManualArgs, lint  # noqa: E402
from samtranslator.translator.transform import transform  # noqa: E402
from samtranslator.yaml_helper import yaml_parse  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
# The SAM suite holds the expectations derived from expected.json: one home for them.
sys.path.insert(0, str(ROOT / "conformance" / "sam"))
from test_sam import (  # noqa: E402
    expected_gateway_response,
    expected_http_cors,
    expected_rest_preflight,
)

CASES_DIR = ROOT / "target" / "conformance" / "cloudformation"
SAM_DIR = ROOT / "target" / "conformance" / "sam"
CASES = sorted(p.name for p in CASES_DIR.iterdir()) if CASES_DIR.is_dir() else []

API = "CorsApi"
FUNCTION = "ItemsFunction"
AUTHORIZER = "TokenAuthorizer"
AUTHORIZER_FUNCTION = "AuthorizerFunction"
METHOD_PREFIX = "method.response.header."
DEPLOYMENT_ID = re.compile(r"^CorsApiDeployment[0-9a-f]{10}$")


class NoManagedPolicies:
    """samtranslator asks for AWS managed policy ARNs; none are used here."""

    def load(self):
        return {}


def lint_findings(text: str) -> list[str]:
    matches = lint(text, config=ManualArgs(regions=["us-east-1"]))
    return [f"{m.rule.id} {m.message} ({'/'.join(map(str, m.path))})" for m in matches]


# ---------------------------------------------------------------- case loading


@lru_cache(maxsize=None)
def load_case(case: str):
    directory = CASES_DIR / case
    expected = json.loads((directory / "expected.json").read_text())
    text = (directory / "cloudformation.yaml").read_text()
    return expected, text


@lru_cache(maxsize=None)
def template(case: str) -> dict:
    """The parsed template (cached: the tests only read it)."""
    return yaml_parse(load_case(case)[1])


@lru_cache(maxsize=None)
def sam_text(case: str) -> str:
    """The case's sam-template: the SAM suite's, or for the few shapes only this suite has
    (`extra-…`), the copy written next to the CloudFormation template."""
    own = CASES_DIR / case / "template.yaml"
    return (own if own.is_file() else SAM_DIR / case / "template.yaml").read_text()


@lru_cache(maxsize=None)
def sam_transformed(case: str) -> dict:
    """What aws-sam-translator makes of the case's sam-template (cached: the tests only read it)."""
    return transform(yaml_parse(sam_text(case)), {}, NoManagedPolicies())


def resources_of_type(cfn: dict, kind: str) -> dict:
    return {k: r for k, r in cfn["Resources"].items() if r["Type"] == kind}


def is_rest(expected: dict) -> bool:
    return expected["apiType"] == "rest"


def several_rest_origins(expected: dict) -> bool:
    """REST with several origins: the function answers the preflight (no MOCK)."""
    return is_rest(expected) and len(expected["allowOrigins"]) > 1


def invoked_function(uri) -> str:
    """The logical ID of the function an integration URI (`Fn::Sub` or `Fn::GetAtt`) invokes."""
    text = json.dumps(uri)
    names = set(re.findall(r"\$\{(\w+)\.Arn\}", text))
    names |= {v[0] for v in _getatts(uri)}
    (name,) = names
    return name


def _getatts(value):
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "Fn::GetAtt" and item[1] == "Arn":
                yield item
            else:
                yield from _getatts(item)
    elif isinstance(value, list):
        for item in value:
            yield from _getatts(item)


def test_cases_were_written():
    # Fails instead of passing vacuously when the Rust side has not run.
    assert len(CASES) >= 30, f"run cargo test -p apigw-cors --test target_cloudformation first ({CASES_DIR})"
    sam_cases = sorted(p.name for p in SAM_DIR.iterdir()) if SAM_DIR.is_dir() else []
    extra = [c for c in CASES if c.startswith("extra-")]
    assert len(extra) == 3
    assert sam_cases == [c for c in CASES if c not in extra], "run cargo test -p apigw-cors --test conformance_sam first"
    kinds = {load_case(c)[0]["apiType"] for c in CASES}
    assert kinds == {"rest", "http"}


# ---------------------------------------------------------------- cfn-lint


@pytest.mark.parametrize("case", CASES)
def test_cfn_lint_reports_nothing(case):
    _, text = load_case(case)
    assert "Transform" not in yaml_parse(text)
    assert lint_findings(text) == []


# ---------------------------------------------------------------- normalized CORS, ours and SAM's


def rest_methods(cfn: dict) -> dict:
    """Our REST methods on /items by lower-case HTTP method."""
    methods = resources_of_type(cfn, "AWS::ApiGateway::Method")
    by_method = {}
    for method in methods.values():
        properties = method["Properties"]
        assert properties["ResourceId"] == {"Ref": "ItemsResource"}
        by_method[properties["HttpMethod"].lower()] = properties
    return by_method


def our_preflight(cfn: dict) -> dict:
    """The OPTIONS method of our REST template, normalized."""
    options = rest_methods(cfn)["options"]
    integration = options["Integration"]
    result = {"auth": (options["AuthorizationType"], options.get("AuthorizerId"), options["ApiKeyRequired"])}
    if integration["Type"] == "AWS_PROXY":
        result["proxy"] = invoked_function(integration["Uri"])
        return result
    assert integration["Type"] == "MOCK"
    (response,) = integration["IntegrationResponses"]
    (method_response,) = options["MethodResponses"]
    assert "SelectionPattern" not in response  # the default response
    result["status"] = response["StatusCode"]
    result["parameters"] = response["ResponseParameters"]
    result["method_status"] = method_response["StatusCode"]
    result["method_headers"] = sorted(method_response["ResponseParameters"])
    assert set(method_response["ResponseParameters"].values()) == {False}
    return result


def sam_preflight(sam: dict) -> dict:
    """The OPTIONS operation SAM writes into the REST API's body, normalized like ours."""
    options = sam["Resources"][API]["Properties"]["Body"]["paths"]["/items"]["options"]
    integration = options["x-amazon-apigateway-integration"]
    # SAM writes no security on OPTIONS: no authorizer, no API key.
    assert options.get("security", []) == []
    result = {"auth": ("NONE", None, False)}
    if integration["type"] == "aws_proxy":
        result["proxy"] = invoked_function(integration["uri"])
        return result
    assert integration["type"] == "mock"
    response = integration["responses"]["default"]
    result["status"] = response["statusCode"]
    result["parameters"] = response["responseParameters"]
    ((status, declared),) = options["responses"].items()
    result["method_status"] = status
    result["method_headers"] = sorted(METHOD_PREFIX + h for h in declared["headers"])
    return result


def our_gateway_responses(cfn: dict) -> dict:
    responses = {}
    for response in resources_of_type(cfn, "AWS::ApiGateway::GatewayResponse").values():
        properties = response["Properties"]
        assert properties["RestApiId"] == {"Ref": API}
        responses[properties["ResponseType"]] = {
            "status": properties.get("StatusCode"),
            "parameters": properties["ResponseParameters"],
            "templates": properties.get("ResponseTemplates", {}),
        }
    return responses


def sam_gateway_responses(sam: dict) -> dict:
    body = sam["Resources"][API]["Properties"]["Body"]
    return {
        kind: {
            "status": response.get("statusCode"),
            "parameters": response["responseParameters"],
            "templates": response.get("responseTemplates", {}),
        }
        for kind, response in body.get("x-amazon-apigateway-gateway-responses", {}).items()
    }


def our_http_cors(cfn: dict) -> dict:
    """Our CorsConfiguration with SAM's key spelling; AllowCredentials false is the default,
    which SAM leaves out."""
    cors = cfn["Resources"][API]["Properties"]["CorsConfiguration"]
    normalized = {key[0].lower() + key[1:]: value for key, value in cors.items()}
    if normalized.get("allowCredentials") is False:
        del normalized["allowCredentials"]
    return normalized


def sam_operations(sam: dict, rest: bool) -> dict:
    """SAM's operations on /items by method, with the names of their security; on REST without
    OPTIONS (compared apart: `sam_preflight`)."""
    operations = sam["Resources"][API]["Properties"]["Body"]["paths"]["/items"]
    result = {}
    for method, operation in operations.items():
        if rest and method == "options":
            continue
        name = "any" if method == "x-amazon-apigateway-any-method" else method
        integration = operation["x-amazon-apigateway-integration"]
        assert integration["type"] == "aws_proxy"
        names = {n for requirement in operation.get("security", []) for n in requirement}
        result[name] = {
            "function": invoked_function(integration["uri"]),
            "authorizer": AUTHORIZER in names,
            "api_key": "api_key" in names,
            "payload": integration.get("payloadFormatVersion"),
        }
    return result


def our_operations(cfn: dict, expected: dict) -> dict:
    result = {}
    if is_rest(expected):
        for method, properties in rest_methods(cfn).items():
            if method == "options":
                continue
            integration = properties["Integration"]
            assert integration["Type"] == "AWS_PROXY"
            assert integration["IntegrationHttpMethod"] == "POST"
            custom = properties["AuthorizationType"] == "CUSTOM"
            assert custom == ("AuthorizerId" in properties)
            result[method] = {
                "function": invoked_function(integration["Uri"]),
                "authorizer": custom and properties["AuthorizerId"] == {"Ref": AUTHORIZER},
                "api_key": properties["ApiKeyRequired"],
                "payload": None,
            }
        return result
    integrations = resources_of_type(cfn, "AWS::ApiGatewayV2::Integration")
    for route in resources_of_type(cfn, "AWS::ApiGatewayV2::Route").values():
        properties = route["Properties"]
        method, path = properties["RouteKey"].split(" ")
        assert path == "/items"
        (target,) = re.findall(r"^integrations/\$\{(\w+)\}$", properties["Target"]["Fn::Sub"])
        integration = integrations[target]["Properties"]
        assert integration["IntegrationType"] == "AWS_PROXY"
        custom = properties["AuthorizationType"] == "CUSTOM"
        assert custom == ("AuthorizerId" in properties)
        result[method.lower()] = {
            "function": invoked_function(integration["IntegrationUri"]),
            "authorizer": custom and properties["AuthorizerId"] == {"Ref": AUTHORIZER},
            "api_key": False,
            "payload": integration["PayloadFormatVersion"],
        }
    return result


# ---------------------------------------------------------------- exact CORS values


@pytest.mark.parametrize("case", CASES)
def test_cors_values_are_exact(case):
    expected, _ = load_case(case)
    cfn = template(case)
    if not is_rest(expected):
        assert our_http_cors(cfn) == expected_http_cors(expected)
        assert not resources_of_type(cfn, "AWS::ApiGateway::GatewayResponse")
        return
    preflight = our_preflight(cfn)
    # OPTIONS never carries the authorizer or the API key, whatever the other methods use.
    assert preflight["auth"] == ("NONE", None, False)
    if several_rest_origins(expected):
        assert preflight["proxy"] == FUNCTION
        assert all(m["Integration"]["Type"] == "AWS_PROXY" for m in rest_methods(cfn).values())
    else:
        assert preflight["status"] == "200"
        assert preflight["parameters"] == expected_rest_preflight(expected)
        assert preflight["method_headers"] == sorted(preflight["parameters"])
    params = expected_gateway_response(expected)
    assert our_gateway_responses(cfn) == {
        kind: {"status": None, "parameters": params, "templates": {}} for kind in ("DEFAULT_4XX", "DEFAULT_5XX")
    }


@pytest.mark.parametrize("case", CASES)
def test_same_cors_as_the_sam_transform_of_sam_template(case):
    expected, _ = load_case(case)
    cfn = template(case)
    sam = sam_transformed(case)
    if is_rest(expected):
        assert our_preflight(cfn) == sam_preflight(sam)
        assert our_gateway_responses(cfn) == sam_gateway_responses(sam)
    else:
        sam_cors = sam["Resources"][API]["Properties"]["Body"]["x-amazon-apigateway-cors"]
        assert our_http_cors(cfn) == sam_cors
    assert our_operations(cfn, expected) == sam_operations(sam, is_rest(expected))


# ---------------------------------------------------------------- the rest of the deployment


def authorizer_shape(cfn_or_sam: dict, ours: bool, rest: bool):
    if ours:
        resources = cfn_or_sam["Resources"]
        if AUTHORIZER not in resources:
            return None
        properties = resources[AUTHORIZER]["Properties"]
        if rest:
            return {
                "type": properties["Type"].lower(),
                "identity": properties["IdentitySource"],
                "function": invoked_function(properties["AuthorizerUri"]),
            }
        return {
            "type": properties["AuthorizerType"].lower(),
            "identity": properties["IdentitySource"],
            "function": invoked_function(properties["AuthorizerUri"]),
            "payload": properties["AuthorizerPayloadFormatVersion"],
            "simple": properties["EnableSimpleResponses"],
        }
    body = cfn_or_sam["Resources"][API]["Properties"]["Body"]
    scheme = body.get("components", {}).get("securitySchemes", {}).get(AUTHORIZER)
    if scheme is None:
        return None
    authorizer = scheme["x-amazon-apigateway-authorizer"]
    if rest:
        return {
            "type": authorizer["type"],
            "identity": f"method.request.header.{scheme['name']}",
            "function": invoked_function(authorizer["authorizerUri"]),
        }
    return {
        "type": authorizer["type"],
        "identity": authorizer["identitySource"],
        "function": invoked_function(authorizer["authorizerUri"]),
        "payload": authorizer["authorizerPayloadFormatVersion"],
        "simple": authorizer["enableSimpleResponses"],
    }


@pytest.mark.parametrize("case", CASES)
def test_same_authorizer_api_key_stage_and_outputs_as_sam(case):
    expected, _ = load_case(case)
    cfn = template(case)
    sam = sam_transformed(case)
    rest = is_rest(expected)
    ours = authorizer_shape(cfn, True, rest)
    assert ours == authorizer_shape(sam, False, rest)
    assert (ours is not None) == (expected["authorizerHeader"] is not None)
    key_types = {"AWS::ApiGateway::ApiKey", "AWS::ApiGateway::UsagePlan", "AWS::ApiGateway::UsagePlanKey"}
    for kind in key_types:
        assert set(resources_of_type(cfn, kind)) == set(resources_of_type(sam, kind)), kind
    assert bool(resources_of_type(cfn, "AWS::ApiGateway::ApiKey")) == expected["apiKeyRequired"]
    stage_type = "AWS::ApiGateway::Stage" if rest else "AWS::ApiGatewayV2::Stage"
    ((_, ours_stage),) = resources_of_type(cfn, stage_type).items()
    ((_, sam_stage),) = resources_of_type(sam, stage_type).items()
    assert ours_stage["Properties"]["StageName"] == sam_stage["Properties"]["StageName"] == "prod"
    if not rest:
        assert ours_stage["Properties"]["AutoDeploy"] is sam_stage["Properties"]["AutoDeploy"] is True
    assert cfn["Outputs"] == sam["Outputs"]


@pytest.mark.parametrize("case", CASES)
def test_embedded_code_is_sam_templates(case):
    """The functions run the same code as sam-template's (whose handlers the SAM suite runs)."""
    cfn = template(case)
    sam_source = yaml_parse(sam_text(case))["Resources"]
    sam = sam_transformed(case)["Resources"]
    functions = resources_of_type(template(case), "AWS::Lambda::Function")
    assert set(functions) == set(resources_of_type({"Resources": sam}, "AWS::Lambda::Function"))
    for name, function in functions.items():
        properties = function["Properties"]
        assert properties["Code"]["ZipFile"] == sam_source[name]["Properties"]["InlineCode"]
        assert properties["Code"]["ZipFile"] == sam[name]["Properties"]["Code"]["ZipFile"]
        assert properties["Runtime"] == sam[name]["Properties"]["Runtime"]
        assert properties["Handler"] == sam[name]["Properties"]["Handler"]
        role = cfn["Resources"][properties["Role"]["Fn::GetAtt"][0]]
        assert role["Type"] == "AWS::IAM::Role"


@pytest.mark.parametrize("case", CASES)
def test_api_gateway_may_invoke_the_functions(case):
    expected, _ = load_case(case)
    cfn = template(case)
    permissions = {
        r["Properties"]["FunctionName"]["Ref"]: r["Properties"]
        for r in resources_of_type(cfn, "AWS::Lambda::Permission").values()
    }
    wanted = {FUNCTION} | ({AUTHORIZER_FUNCTION} if expected["authorizerHeader"] else set())
    assert set(permissions) == wanted
    for permission in permissions.values():
        assert permission["Principal"] == "apigateway.amazonaws.com"
        assert permission["Action"] == "lambda:InvokeFunction"
    prefix = "arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${CorsApi}/"
    assert permissions[FUNCTION]["SourceArn"] == {"Fn::Sub": prefix + "*/*/items"}


# ---------------------------------------------------------------- the deployment (REST)


@pytest.mark.parametrize("case", CASES)
def test_the_stage_serves_a_deployment_made_after_every_method(case):
    expected, _ = load_case(case)
    cfn = template(case)
    deployments = resources_of_type(cfn, "AWS::ApiGateway::Deployment")
    if not is_rest(expected):
        assert deployments == {}
        return
    ((deployment_id, deployment),) = deployments.items()
    assert DEPLOYMENT_ID.match(deployment_id), deployment_id
    ((_, stage),) = resources_of_type(cfn, "AWS::ApiGateway::Stage").items()
    assert stage["Properties"]["DeploymentId"] == {"Ref": deployment_id}
    # Without DependsOn the deployment could be made before its methods (and fail) or before
    # the gateway responses (and miss them).
    snapshot = set(resources_of_type(cfn, "AWS::ApiGateway::Method")) | set(
        resources_of_type(cfn, "AWS::ApiGateway::GatewayResponse")
    )
    assert set(deployment["DependsOn"]) == snapshot


def test_every_rest_case_has_its_own_deployment_id():
    """Each REST case has a different CORS configuration, so each names its deployment differently
    (`tests/target_cloudformation.rs` proves it field by field, and that equal configurations keep
    the ID)."""
    ids = {}
    for case in CASES:
        expected, _ = load_case(case)
        if is_rest(expected):
            (deployment_id,) = resources_of_type(template(case), "AWS::ApiGateway::Deployment")
            ids.setdefault(deployment_id, []).append(case)
    assert len(ids) >= 15
    assert all(len(cases) == 1 for cases in ids.values()), ids
