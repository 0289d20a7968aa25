"""OpenAPI conformance: the generated definitions through the real tools.

`cargo test -p apigw-cors --test target_openapi` writes, for every conformance case,
`target/conformance/openapi/<case>/` with `openapi.yaml` (target openapi), `sam-template.yaml`
(target sam-template, for the same configuration) and `expected.json` (the normalized
configuration). For each case this file checks that:

- the definition, read with PyYAML (YAML 1.1, as SAM and CloudFormation read it), is valid
  OpenAPI 3.0 for openapi-spec-validator, with its placeholders as written;
- API Gateway's extensions have the keys and value types AWS documents, and carry exactly the
  configured values;
- used the way its header comment says (the `!Sub` uri it gives, as the `DefinitionBody` of an
  `AWS::Serverless::Api` / `HttpApi` with no `Cors` property), it goes through the SAM transform
  (aws-sam-translator, in-process), the result passes cfn-lint, and the API carries the same CORS
  values as the transform of `sam-template` for the same configuration;
- the import commands it gives pass the real AWS CLI (run against a local recorder).
"""

from __future__ import annotations

import copy
import http.server
import json
import os
import re
import shlex
import subprocess
import sys
import threading
from functools import lru_cache
from pathlib import Path

import pytest
import yaml

os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")

from openapi_spec_validator import OpenAPIV30SpecValidator, validate  # noqa: E402
from samtranslator.yaml_helper import yaml_parse  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
# The SAM suite's transform and lint helpers: one home for how the tools are run.
sys.path.insert(0, str(ROOT / "conformance" / "sam"))
from test_sam import (  # noqa: E402
    GATEWAY_PREFIX,
    PREFIX,
    SAM_OUTPUT_IGNORED,
    expected_gateway_response,
    expected_rest_preflight,
    lint_findings,
    sam_transform,
    static,
)

CASES_DIR = ROOT / "target" / "conformance" / "openapi"
CASES = sorted(p.name for p in CASES_DIR.iterdir()) if CASES_DIR.is_dir() else []

# The placeholders the definition carries (crates/apigw-cors/src/targets/openapi.rs).
FUNCTION_URI = (
    "arn:aws:apigateway:REGION:lambda:path/2015-03-31/functions/"
    "arn:aws:lambda:REGION:ACCOUNT_ID:function:FUNCTION_NAME/invocations"
)
AUTHORIZER_URI = (
    "arn:aws:apigateway:REGION:lambda:path/2015-03-31/functions/"
    "arn:aws:lambda:REGION:ACCOUNT_ID:function:AUTHORIZER_FUNCTION_NAME/invocations"
)
# The Lambda URI syntax AWS documents for `uri` and `authorizerUri`:
# https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-integration.html
# https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-authorizer.html
LAMBDA_URI_SYNTAX = re.compile(
    r"^arn:aws:apigateway:[^:]+:lambda:path/2015-03-31/functions/arn:aws:lambda:[^:]+:[^:]+:function:[^/]+/invocations$"
)
ANY = "x-amazon-apigateway-any-method"
SAM = "AWS::Serverless-2016-10-31"


# ---------------------------------------------------------------- case loading


@lru_cache(maxsize=None)
def load_case(case: str):
    directory = CASES_DIR / case
    expected = json.loads((directory / "expected.json").read_text())
    text = (directory / "openapi.yaml").read_text()
    return expected, text


def definition(case: str) -> dict:
    """The definition as SAM, CloudFormation and the AWS CLI read YAML (1.1)."""
    return yaml.safe_load(load_case(case)[1])


def operations(document: dict) -> dict:
    return document["paths"]["/items"]


def proxy_operations(expected: dict) -> list[str]:
    """The operations the function answers for the allowed methods."""
    if expected["allowMethods"] == ["*"]:
        return [ANY]
    methods = [m.lower() for m in expected["allowMethods"] if m != "OPTIONS"]
    return methods or ["get"]


def several_rest_origins(expected: dict) -> bool:
    return expected["apiType"] == "rest" and len(expected["allowOrigins"]) > 1


def has_options(expected: dict) -> bool:
    """REST always; HTTP when an authorizer sits on the ANY route (the preflight must skip it)."""
    return expected["apiType"] == "rest" or (
        expected["authorizerHeader"] is not None and expected["allowMethods"] == ["*"]
    )


def test_cases_were_written():
    # Fails instead of passing vacuously when the Rust side has not run.
    assert len(CASES) >= 30, f"run cargo test -p apigw-cors --test target_openapi first ({CASES_DIR})"
    kinds = {load_case(c)[0]["apiType"] for c in CASES}
    assert kinds == {"rest", "http"}


# ---------------------------------------------------------------- OpenAPI 3.0


@pytest.mark.parametrize("case", CASES)
def test_valid_openapi_3_0(case):
    document = definition(case)
    assert document["openapi"] == "3.0.1"
    validate(document, cls=OpenAPIV30SpecValidator)


@pytest.mark.parametrize("case", CASES)
def test_placeholders_as_written(case):
    expected, _ = load_case(case)
    document = definition(case)
    for key, operation in operations(document).items():
        integration = operation["x-amazon-apigateway-integration"]
        if integration["type"] == "aws_proxy":
            assert integration["uri"] == FUNCTION_URI, key
    if expected["authorizerHeader"] is not None:
        authorizer = document["components"]["securitySchemes"]["TokenAuthorizer"]
        assert authorizer["x-amazon-apigateway-authorizer"]["authorizerUri"] == AUTHORIZER_URI


# ---------------------------------------------------------------- documented shapes


def is_string_list(value) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def is_string_map(value) -> bool:
    return isinstance(value, dict) and all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    )


# https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-cors-configuration.html
# (HTTP APIs only): allowOrigins, allowCredentials, exposeHeaders, maxAge, allowMethods,
# allowHeaders; arrays of strings, a Boolean and an integer.
CORS_KEYS = {
    "allowOrigins": is_string_list,
    "allowMethods": is_string_list,
    "allowHeaders": is_string_list,
    "exposeHeaders": is_string_list,
    "maxAge": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "allowCredentials": lambda v: isinstance(v, bool),
}

# https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-integration.html
INTEGRATION_TYPES = {"aws", "aws_proxy", "http", "http_proxy", "mock"}
PASSTHROUGH = {"when_no_match", "when_no_templates", "never"}
INTEGRATION_KEYS = {
    "type": lambda v: v in INTEGRATION_TYPES,
    "httpMethod": lambda v: isinstance(v, str),
    "uri": lambda v: isinstance(v, str) and bool(LAMBDA_URI_SYNTAX.match(v)),
    "requestTemplates": is_string_map,
    "passthroughBehavior": lambda v: v in PASSTHROUGH,
    "responses": lambda v: isinstance(v, dict),
    "payloadFormatVersion": lambda v: v in {"1.0", "2.0"},
}
# https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-integration-response.html:
# statusCode (string), responseParameters (string to string; keys method.response.header.*).
INTEGRATION_RESPONSE_KEYS = {
    "statusCode": lambda v: isinstance(v, str),
    "responseParameters": is_string_map,
}

# https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-gateway-responses.html
# and ...-gateway-responses.gatewayResponse.html: a map from a response type to
# {statusCode (string), responseParameters (string to string), responseTemplates}.
GATEWAY_RESPONSE_TYPES = {
    "DEFAULT_4XX", "DEFAULT_5XX", "ACCESS_DENIED", "API_CONFIGURATION_ERROR", "AUTHORIZER_FAILURE",
    "AUTHORIZER_CONFIGURATION_ERROR", "BAD_REQUEST_PARAMETERS", "BAD_REQUEST_BODY", "EXPIRED_TOKEN",
    "INTEGRATION_FAILURE", "INTEGRATION_TIMEOUT", "INVALID_API_KEY", "INVALID_SIGNATURE",
    "MISSING_AUTHENTICATION_TOKEN", "QUOTA_EXCEEDED", "REQUEST_TOO_LARGE", "RESOURCE_NOT_FOUND",
    "THROTTLED", "UNAUTHORIZED", "UNSUPPORTED_MEDIA_TYPE", "WAF_FILTERED",
}
GATEWAY_RESPONSE_KEYS = {
    "statusCode": lambda v: isinstance(v, str),
    "responseParameters": is_string_map,
    "responseTemplates": is_string_map,
}

# https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-authorizer.html
AUTHORIZER_KEYS = {
    "type": lambda v: v in {"token", "request"},
    "authorizerUri": lambda v: isinstance(v, str) and bool(LAMBDA_URI_SYNTAX.match(v)),
    "identitySource": lambda v: isinstance(v, str),  # "a comma-separated list" (a string)
    "authorizerPayloadFormatVersion": lambda v: v in {"1.0", "2.0"},
    "enableSimpleResponses": lambda v: isinstance(v, bool),
}


def assert_shape(value: dict, allowed: dict, where: str):
    assert isinstance(value, dict), where
    for key, item in value.items():
        assert key in allowed, f"{where}: undocumented key {key!r}"
        assert allowed[key](item), f"{where}.{key}: {item!r}"


@pytest.mark.parametrize("case", CASES)
def test_extensions_have_the_documented_shapes(case):
    expected, _ = load_case(case)
    document = definition(case)
    if expected["apiType"] == "http":
        assert_shape(document["x-amazon-apigateway-cors"], CORS_KEYS, "x-amazon-apigateway-cors")
    for key, operation in operations(document).items():
        integration = operation["x-amazon-apigateway-integration"]
        assert_shape(integration, INTEGRATION_KEYS, key)
        if integration["type"] == "aws_proxy":
            # Lambda proxy: always POST to Lambda; payloadFormatVersion on HTTP APIs only.
            assert integration["httpMethod"] == "POST"
            assert ("payloadFormatVersion" in integration) == (expected["apiType"] == "http")
        else:
            assert integration["type"] == "mock"
            assert set(integration["responses"]) == {"default"}
            response = integration["responses"]["default"]
            assert_shape(response, INTEGRATION_RESPONSE_KEYS, f"{key}.responses.default")
            declared = operation["responses"][response["statusCode"]]["headers"]
            # Every mapped header is declared on the method response (an undeclared one is an error
            # at import) and every value is a static value in single quotes.
            assert sorted(PREFIX + h for h in declared) == sorted(response["responseParameters"])
            for value in response["responseParameters"].values():
                assert value.startswith("'") and value.endswith("'")
    if expected["apiType"] == "rest":
        responses = document["x-amazon-apigateway-gateway-responses"]
        assert set(responses) <= GATEWAY_RESPONSE_TYPES
        for name, response in responses.items():
            assert_shape(response, GATEWAY_RESPONSE_KEYS, name)
            for header in response["responseParameters"]:
                assert header.startswith(GATEWAY_PREFIX)
    # https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-api-key-source.html
    if "x-amazon-apigateway-api-key-source" in document:
        assert document["x-amazon-apigateway-api-key-source"] in {"HEADER", "AUTHORIZER"}
    for name, scheme in document.get("components", {}).get("securitySchemes", {}).items():
        assert scheme["type"] == "apiKey" and scheme["in"] == "header", name
        if "x-amazon-apigateway-authorizer" in scheme:
            assert_shape(scheme["x-amazon-apigateway-authorizer"], AUTHORIZER_KEYS, name)
        if expected["apiType"] == "rest" and "x-amazon-apigateway-authorizer" in scheme:
            # https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-authtype.html
            assert scheme["x-amazon-apigateway-authtype"] == "custom"


# ---------------------------------------------------------------- exact values


def expected_http_cors(expected: dict) -> dict:
    cors = {
        "allowOrigins": expected["allowOrigins"],
        "allowMethods": expected["allowMethods"],
        "allowCredentials": expected["allowCredentials"],
    }
    if expected["allowHeaders"]:
        cors["allowHeaders"] = expected["allowHeaders"]
    if expected["exposeHeaders"]:
        cors["exposeHeaders"] = expected["exposeHeaders"]
    if expected["maxAge"] is not None:
        cors["maxAge"] = expected["maxAge"]
    return cors


def security_names(operation: dict) -> set[str]:
    # SAM marks an operation without authorizer as {NONE: []}: no scheme.
    return {name for requirement in operation.get("security", []) for name in requirement} - {"NONE"}


def wanted_security(expected: dict) -> set[str]:
    wanted = set()
    if expected["authorizerHeader"] is not None:
        wanted.add("TokenAuthorizer")
    if expected["apiKeyRequired"]:
        wanted.add("api_key")
    return wanted


def assert_cors(expected: dict, body: dict):
    """An OpenAPI body (ours, or the one SAM deploys) carries exactly the configured CORS."""
    ops = operations(body)
    wanted_ops = set(proxy_operations(expected)) | ({"options"} if has_options(expected) else set())
    assert set(ops) == wanted_ops
    for key in proxy_operations(expected):
        assert ops[key]["x-amazon-apigateway-integration"]["type"] == "aws_proxy"
        assert security_names(ops[key]) == wanted_security(expected), key
    if has_options(expected):
        options = ops["options"]
        assert security_names(options) == set()
        integration = options["x-amazon-apigateway-integration"]
        if expected["apiType"] == "http" or several_rest_origins(expected):
            assert integration["type"] == "aws_proxy"
        else:
            assert integration["type"] == "mock"
            params = integration["responses"]["default"]["responseParameters"]
            assert params == expected_rest_preflight(expected)
    if expected["apiType"] == "http":
        cors = dict(body["x-amazon-apigateway-cors"])
        # SAM writes allowCredentials only when true; false is API Gateway's default.
        cors.setdefault("allowCredentials", False)
        assert cors == expected_http_cors(expected)
        assert "x-amazon-apigateway-gateway-responses" not in body
    else:
        assert "x-amazon-apigateway-cors" not in body
        responses = body["x-amazon-apigateway-gateway-responses"]
        assert set(responses) == {"DEFAULT_4XX", "DEFAULT_5XX"}
        for response in responses.values():
            assert response["responseParameters"] == expected_gateway_response(expected)
    schemes = body.get("components", {}).get("securitySchemes", {})
    assert set(schemes) == wanted_security(expected)
    header = expected["authorizerHeader"]
    if header is not None:
        authorizer = schemes["TokenAuthorizer"]["x-amazon-apigateway-authorizer"]
        if expected["apiType"] == "rest":
            assert authorizer["type"] == "token"
            assert schemes["TokenAuthorizer"]["name"] == header
        else:
            assert authorizer["type"] == "request"
            source = authorizer["identitySource"]
            # Ours is the documented comma-separated string; SAM writes a list.
            assert (source if isinstance(source, list) else [source]) == [f"$request.header.{header}"]
            assert authorizer["authorizerPayloadFormatVersion"] == "2.0"
            assert authorizer["enableSimpleResponses"] is True
    if expected["apiKeyRequired"]:
        # HEADER is API Gateway's default source; SAM leaves it out, this definition states it.
        assert body.get("x-amazon-apigateway-api-key-source", "HEADER") == "HEADER"
        assert schemes["api_key"] == {"type": "apiKey", "name": "x-api-key", "in": "header"}


@pytest.mark.parametrize("case", CASES)
def test_cors_values_are_exact(case):
    expected, _ = load_case(case)
    document = definition(case)
    assert_cors(expected, document)
    key_source = document.get("x-amazon-apigateway-api-key-source")
    assert key_source == ("HEADER" if expected["apiKeyRequired"] else None)
    for key, operation in operations(document).items():
        integration = operation["x-amazon-apigateway-integration"]
        if integration["type"] == "aws_proxy" and expected["apiType"] == "http":
            assert integration["payloadFormatVersion"] == expected["payloadFormatVersion"], key


# ---------------------------------------------------------------- SAM DefinitionBody


def uri_sub_from_comment(text: str) -> str:
    """The `!Sub` uri the header comment gives for an inline DefinitionBody."""
    (line,) = [line for line in text.splitlines() if line.startswith("#   uri: !Sub ")]
    return json.loads(line.removeprefix("#   uri: !Sub "))


def openapi_version_from_comment(text: str) -> str:
    """The OpenApiVersion the header comment tells SAM users of a REST API to set."""
    (line,) = [line for line in text.splitlines() if line.startswith("#   OpenApiVersion: ")]
    return re.match(r"#   OpenApiVersion: '([^']+)' \(without it SAM adds a second stage, named Stage\)$", line)[1]


def substituted(case: str) -> dict:
    """The definition with its placeholders replaced as the header comment says."""
    _, text = load_case(case)
    function_uri = uri_sub_from_comment(text)
    authorizer_uri = function_uri.replace("${ItemsFunction.Arn}", "${AuthorizerFunction.Arn}")
    document = definition(case)
    for operation in operations(document).values():
        integration = operation["x-amazon-apigateway-integration"]
        if integration.get("uri") == FUNCTION_URI:
            integration["uri"] = {"Fn::Sub": function_uri}
    for scheme in document.get("components", {}).get("securitySchemes", {}).values():
        authorizer = scheme.get("x-amazon-apigateway-authorizer")
        if authorizer and authorizer["authorizerUri"] == AUTHORIZER_URI:
            authorizer["authorizerUri"] = {"Fn::Sub": authorizer_uri}
    return document


@lru_cache(maxsize=None)
def sam_template_resources(case: str) -> dict:
    return yaml_parse((CASES_DIR / case / "sam-template.yaml").read_text())["Resources"]


def template_with_definition_body(case: str) -> dict:
    """A SAM template whose API is the definition (no Cors property), the function behind it
    with an event per operation that reaches it (for its permission), and the authorizer."""
    expected, _ = load_case(case)
    document = substituted(case)
    rest = expected["apiType"] == "rest"
    api = {
        "Type": "AWS::Serverless::Api" if rest else "AWS::Serverless::HttpApi",
        "Properties": {"StageName": "prod", "DefinitionBody": document},
    }
    if rest:
        api["Properties"]["OpenApiVersion"] = openapi_version_from_comment(load_case(case)[1])
    function = copy.deepcopy(sam_template_resources(case)["ItemsFunction"])
    events = {}
    for key, operation in operations(document).items():
        if operation["x-amazon-apigateway-integration"]["type"] != "aws_proxy":
            continue
        method = "ANY" if key == ANY else key.upper()
        events[f"Items{method.capitalize()}"] = {
            "Type": "Api" if rest else "HttpApi",
            "Properties": {"RestApiId" if rest else "ApiId": {"Ref": "CorsApi"}, "Path": "/items", "Method": method},
        }
    function["Properties"]["Events"] = events
    resources = {"CorsApi": api, "ItemsFunction": function}
    if expected["authorizerHeader"] is not None:
        resources["AuthorizerFunction"] = copy.deepcopy(sam_template_resources(case)["AuthorizerFunction"])
        resources["AuthorizerPermission"] = {
            "Type": "AWS::Lambda::Permission",
            "Properties": {
                "Action": "lambda:InvokeFunction",
                "FunctionName": {"Fn::GetAtt": ["AuthorizerFunction", "Arn"]},
                "Principal": "apigateway.amazonaws.com",
                "SourceArn": {"Fn::Sub": "arn:aws:execute-api:${AWS::Region}:${AWS::AccountId}:${CorsApi}/authorizers/*"},
            },
        }
    return {"AWSTemplateFormatVersion": "2010-09-09", "Transform": SAM, "Resources": resources}


@lru_cache(maxsize=None)
def transformed_definition_body(case: str) -> dict:
    return sam_transform(template_with_definition_body(case))


@lru_cache(maxsize=None)
def transformed_sam_template(case: str) -> dict:
    return sam_transform(yaml_parse((CASES_DIR / case / "sam-template.yaml").read_text()))


@pytest.mark.parametrize("case", CASES)
def test_definition_body_through_sam_and_cfn_lint(case):
    expected, _ = load_case(case)
    template = template_with_definition_body(case)
    assert "Cors" not in template["Resources"]["CorsApi"]["Properties"]
    assert "CorsConfiguration" not in template["Resources"]["CorsApi"]["Properties"]
    assert lint_findings(json.dumps(template)) == []
    cfn = transformed_definition_body(case)
    assert lint_findings(json.dumps(cfn), SAM_OUTPUT_IGNORED) == []
    api = cfn["Resources"]["CorsApi"]
    assert api["Type"] == ("AWS::ApiGateway::RestApi" if expected["apiType"] == "rest" else "AWS::ApiGatewayV2::Api")
    assert_cors(expected, api["Properties"]["Body"])
    # The function may be invoked for every operation that reaches it.
    permissions = [
        r for r in cfn["Resources"].values()
        if r["Type"] == "AWS::Lambda::Permission" and r["Properties"]["FunctionName"] == {"Ref": "ItemsFunction"}
    ]
    reaching = [k for k, o in operations(api["Properties"]["Body"]).items()
                if o["x-amazon-apigateway-integration"]["type"] == "aws_proxy"]
    assert len(permissions) == len(reaching)


def stage_names(cfn: dict) -> list[str]:
    names = []
    for resource in cfn["Resources"].values():
        if resource["Type"] == "AWS::ApiGateway::Deployment" and "StageName" in resource["Properties"]:
            names.append(resource["Properties"]["StageName"])
        if resource["Type"] == "AWS::ApiGateway::Stage":
            names.append(resource["Properties"]["StageName"])
    return names


@pytest.mark.parametrize("case", [c for c in CASES if c.startswith("rest-")])
def test_definition_body_creates_only_the_named_stage(case):
    """What the header comment says: with OpenApiVersion SAM creates the stage `prod` only;
    without it, also a stage named `Stage`."""
    assert stage_names(transformed_definition_body(case)) == ["prod"]
    template = template_with_definition_body(case)
    del template["Resources"]["CorsApi"]["Properties"]["OpenApiVersion"]
    assert sorted(stage_names(sam_transform(template))) == ["Stage", "prod"]


def integration_essentials(integration: dict) -> dict:
    """What an integration does, without how its function ARN is spelled."""
    kept = {k: v for k, v in integration.items() if k in {"type", "httpMethod", "payloadFormatVersion"}}
    if integration["type"] == "mock":
        kept["responseParameters"] = integration["responses"]["default"]["responseParameters"]
        kept["statusCode"] = integration["responses"]["default"]["statusCode"]
    else:
        uri = json.dumps(integration["uri"])
        kept["function"] = "ItemsFunction" if "${ItemsFunction.Arn}" in uri else uri
    return kept


@pytest.mark.parametrize("case", CASES)
def test_same_cors_as_sam_template(case):
    """The API deployed from this definition and the one deployed from sam-template agree: the
    same operations, integrations, security, gateway responses and x-amazon-apigateway-cors."""
    expected, _ = load_case(case)
    ours = transformed_definition_body(case)["Resources"]["CorsApi"]["Properties"]["Body"]
    sams = transformed_sam_template(case)["Resources"]["CorsApi"]["Properties"]["Body"]
    assert_cors(expected, sams)
    assert set(operations(ours)) == set(operations(sams))
    for key in operations(ours):
        mine, theirs = operations(ours)[key], operations(sams)[key]
        assert security_names(mine) == security_names(theirs), key
        assert integration_essentials(mine["x-amazon-apigateway-integration"]) == integration_essentials(
            theirs["x-amazon-apigateway-integration"]
        ), key
    if expected["apiType"] == "http":
        ours_cors = {**ours["x-amazon-apigateway-cors"]}
        if ours_cors["allowCredentials"] is False:
            del ours_cors["allowCredentials"]  # SAM leaves the default out
        assert ours_cors == sams["x-amazon-apigateway-cors"]
    else:
        for name, response in sams["x-amazon-apigateway-gateway-responses"].items():
            ours_response = ours["x-amazon-apigateway-gateway-responses"][name]
            assert ours_response["responseParameters"] == response["responseParameters"], name
    for name, scheme in sams.get("components", {}).get("securitySchemes", {}).items():
        mine = ours["components"]["securitySchemes"][name]
        if "x-amazon-apigateway-authorizer" in scheme:
            a, b = mine["x-amazon-apigateway-authorizer"], scheme["x-amazon-apigateway-authorizer"]
            assert a["type"] == b["type"]
            assert json.dumps(a["authorizerUri"]).count("AuthorizerFunction") == 1
            assert json.dumps(b["authorizerUri"]).count("AuthorizerFunction") == 1
        else:
            assert mine == scheme, name


@pytest.mark.parametrize("case", ["rest-one-origin", "http-one-origin"])
def test_sam_cors_property_is_refused_with_definition_uri(case):
    """What the header comment says: SAM applies its Cors property only to an inline
    DefinitionBody and rejects it with DefinitionUri."""
    expected, text = load_case(case)
    prop = "Cors" if expected["apiType"] == "rest" else "CorsConfiguration"
    assert f"Do not set SAM's {prop} property as well" in " ".join(
        line.removeprefix("# ") for line in text.splitlines() if line.startswith("#")
    )
    template = template_with_definition_body(case)
    properties = template["Resources"]["CorsApi"]["Properties"]
    del properties["DefinitionBody"]
    properties["DefinitionUri"] = "s3://bucket/openapi.yaml"
    properties[prop] = {"AllowOrigin": "'*'"} if expected["apiType"] == "rest" else {"AllowOrigins": ["*"]}
    with pytest.raises(Exception, match="Cors works only with inline"):
        sam_transform(template)
    # Nor through an AWS::Include (aws-sam-translator cannot read the included definition).
    del properties["DefinitionUri"]
    include = {"Name": "AWS::Include", "Parameters": {"Location": "s3://bucket/openapi.yaml"}}
    properties["DefinitionBody"] = {"Fn::Transform": include}
    with pytest.raises(Exception, match="Unable to add Cors configuration because 'DefinitionBody' does not contain"):
        sam_transform(template)


# ---------------------------------------------------------------- the import commands


class Recorder(http.server.BaseHTTPRequestHandler):
    """A stand-in for API Gateway's endpoint: records each request, answers `{}`."""

    requests: list = []

    def answer(self):
        length = int(self.headers.get("Content-Length") or 0)
        Recorder.requests.append((self.command, self.path, self.rfile.read(length)))
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(b"{}")

    do_GET = do_PUT = do_POST = do_PATCH = answer

    def log_message(self, *args):
        pass


def import_commands(text: str) -> list[list[str]]:
    """The import bullet of the header comment: its two commands, as argument lists."""
    lines = text.splitlines()
    (start,) = [i for i, line in enumerate(lines) if line.startswith("# - import: ")]
    first = lines[start].removeprefix("# - import: ").removesuffix(", then")
    second = lines[start + 1].removeprefix("#   ")
    return [shlex.split(first), shlex.split(second)]


@pytest.mark.parametrize("case", ["rest-authorizer-api-key-long-max-age", "http-authorizer"])
def test_import_commands_pass_the_aws_cli(case):
    """The commands the header comment gives pass the real AWS CLI's parameter validation and
    send the definition byte for byte (run against a local recorder with dummy credentials)."""
    expected, text = load_case(case)
    server = http.server.HTTPServer(("127.0.0.1", 0), Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    Recorder.requests = []
    aws = Path(sys.executable).with_name("aws")
    env = {**os.environ, "AWS_ACCESS_KEY_ID": "test", "AWS_SECRET_ACCESS_KEY": "test",
           "AWS_DEFAULT_REGION": "us-east-1", "AWS_CONFIG_FILE": "/dev/null",
           "AWS_SHARED_CREDENTIALS_FILE": "/dev/null"}
    try:
        for command in import_commands(text):
            assert command[0] == "aws"
            arguments = [a.replace("API_ID", "abc123") for a in command[1:]]
            endpoint = f"http://127.0.0.1:{server.server_address[1]}"
            subprocess.run([str(aws), *arguments, "--endpoint-url", endpoint], cwd=CASES_DIR / case,
                           env=env, check=True, capture_output=True, timeout=60)
    finally:
        server.shutdown()
    (imported, deployed) = Recorder.requests
    if expected["apiType"] == "rest":
        assert imported == ("POST", "/restapis?mode=import", text.encode())
        assert deployed[:2] == ("POST", "/restapis/abc123/deployments")
        assert json.loads(deployed[2]) == {"stageName": "prod"}
    else:
        assert imported[:2] == ("PUT", "/v2/apis")
        assert json.loads(imported[2]) == {"body": text}
        assert deployed[:2] == ("POST", "/v2/apis/abc123/stages")
        assert json.loads(deployed[2]) == {"stageName": "prod", "autoDeploy": True}


# ---------------------------------------------------------------- AWS CDK SpecRestApi

CDK_MODULES = ROOT / "conformance" / "cdk" / "node_modules"


def test_cdk_code_synthesizes_and_redeploys_on_change(tmp_path):
    """The comment's CDK code (REST), run by spec_rest_api.js with the aws-cdk-lib that
    conformance/cdk installs: it synthesizes, and the deployment's logical ID follows the file's
    content (another definition: a new ID; the same definition elsewhere: the same ID), so a
    changed file is deployed instead of the stage keeping the old deployment."""
    assert (CDK_MODULES / "aws-cdk-lib").is_dir(), "npm ci in conformance/cdk first (scripts/install.sh)"
    first, second = "rest-one-origin", "rest-two-origins"
    dirs = []
    for name, case in [("a", first), ("b", second), ("c", first)]:
        directory = tmp_path / name
        directory.mkdir()
        (directory / "openapi.yaml").write_text(load_case(case)[1])
        dirs.append(str(directory))
    result = subprocess.run(
        ["node", str(Path(__file__).with_name("spec_rest_api.js")), str(tmp_path / "out"), *dirs],
        env={**os.environ, "NODE_PATH": str(CDK_MODULES)},
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    (a,), (b,), (c,) = json.loads(result.stdout)
    assert a.startswith("CorsApiDeployment")
    assert a != b
    assert a == c
