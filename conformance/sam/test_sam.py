"""SAM conformance: the generated templates through the real AWS tools.

`cargo test -p apigw-cors --test conformance_sam` writes, for every conformance case,
`target/conformance/sam/<case>/` with `template.yaml` (target sam-template), the snippets
(sam-globals.yaml, sam-resource.yaml, gateway-responses.yaml) and `expected.json` (the normalized
configuration). For each case this file runs aws-sam-translator's transform in-process, cfn-lint
on the template and on the CloudFormation it becomes, and asserts that the CloudFormation
carries exactly the configured values. It also runs the Python handler embedded in the template.

`target/conformance/sam-rejected/<case>/config.json` holds values our validation rejects; the
last test proves that a naive SAM translation of each (what a tool without validation writes)
passes aws-sam-translator and cfn-lint, so their acceptance alone proves nothing.
"""

from __future__ import annotations

import copy
import json
import os
from functools import lru_cache
from pathlib import Path

import pytest

os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")

from cfnlint.api import ManualArgs, lint  # noqa: E402
from samtranslator.translator.transform import transform  # noqa: E402
from samtranslator.yaml_helper import yaml_parse  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
CASES_DIR = ROOT / "target" / "conformance" / "sam"
REJECTED_DIR = ROOT / "target" / "conformance" / "sam-rejected"
CASES = sorted(p.name for p in CASES_DIR.iterdir()) if CASES_DIR.is_dir() else []
REJECTED = sorted(p.name for p in REJECTED_DIR.iterdir()) if REJECTED_DIR.is_dir() else []

PREFIX = "method.response.header."
GATEWAY_PREFIX = "gatewayresponse.header."
LAMBDA_URI = (
    "arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/"
    "${ItemsFunction.Arn}/invocations"
)
DISALLOWED_ORIGIN = "https://evil.example.net"


class NoManagedPolicies:
    """samtranslator asks for AWS managed policy ARNs; none are used here."""

    def load(self):
        return {}


def sam_transform(template: dict) -> dict:
    """The SAM transform of a copy of `template` (the transform changes what it is given)."""
    return transform(copy.deepcopy(template), {}, NoManagedPolicies())


# W3005 (a DependsOn already implied by a Ref) is about the DependsOn samtranslator itself writes
# for API keys and usage plans; it is ignored on transformed output only.
SAM_OUTPUT_IGNORED = {"W3005"}


def lint_findings(text: str, ignored: frozenset | set = frozenset()) -> list[str]:
    matches = lint(text, config=ManualArgs(regions=["us-east-1"]))
    return [
        f"{m.rule.id} {m.message} ({'/'.join(map(str, m.path))})"
        for m in matches
        if m.rule.id not in ignored
    ]


# ---------------------------------------------------------------- case loading


@lru_cache(maxsize=None)
def load_case(case: str):
    directory = CASES_DIR / case
    expected = json.loads((directory / "expected.json").read_text())
    text = (directory / "template.yaml").read_text()
    return expected, text


@lru_cache(maxsize=None)
def transformed(case: str) -> dict:
    _, text = load_case(case)
    return sam_transform(yaml_parse(text))


def snippet(case: str, name: str):
    return yaml_parse((CASES_DIR / case / name).read_text())


def echoes(expected: dict) -> bool:
    """REST with several origins: the function answers the preflight (no SAM Cors)."""
    return expected["apiType"] == "rest" and len(expected["allowOrigins"]) > 1


def path_methods(expected: dict) -> list[str]:
    """The OpenAPI operations the /items route must have for the allowed methods."""
    if expected["allowMethods"] == ["*"]:
        return ["x-amazon-apigateway-any-method"]
    methods = [m.lower() for m in expected["allowMethods"] if m != "OPTIONS"]
    return methods or ["get"]


def static(value: str) -> str:
    return f"'{value}'"


def test_cases_were_written():
    # Fails instead of passing vacuously when the Rust side has not run.
    assert len(CASES) >= 30, f"run cargo test -p apigw-cors --test conformance_sam first ({CASES_DIR})"
    assert len(REJECTED) == 17


# ---------------------------------------------------------------- the tools accept it


@pytest.mark.parametrize("case", CASES)
def test_cfn_lint_on_template_and_transform(case):
    _, text = load_case(case)
    assert lint_findings(text) == []
    assert lint_findings(json.dumps(transformed(case)), SAM_OUTPUT_IGNORED) == []


@pytest.mark.parametrize("case", CASES)
def test_routes_reach_the_function(case):
    expected, _ = load_case(case)
    api = transformed(case)["Resources"]["CorsApi"]
    body = api["Properties"]["Body"]
    operations = body["paths"]["/items"]
    for method in path_methods(expected):
        integration = operations[method]["x-amazon-apigateway-integration"]
        if expected["apiType"] == "rest":
            assert api["Type"] == "AWS::ApiGateway::RestApi"
            assert integration["type"] == "aws_proxy"
            assert integration["uri"] == {"Fn::Sub": LAMBDA_URI}
        else:
            assert api["Type"] == "AWS::ApiGatewayV2::Api"
            assert integration["payloadFormatVersion"] == expected["payloadFormatVersion"]
    outputs = transformed(case)["Outputs"]
    assert outputs["ItemsUrl"]["Value"] == {
        "Fn::Sub": "https://${CorsApi}.execute-api.${AWS::Region}.${AWS::URLSuffix}/prod/items"
    }


# ---------------------------------------------------------------- exact CORS values


def expected_rest_preflight(expected: dict) -> dict:
    params = {
        PREFIX + "Access-Control-Allow-Origin": static(expected["allowOrigins"][0]),
        PREFIX + "Access-Control-Allow-Methods": static(",".join(expected["allowMethods"])),
    }
    if expected["allowHeaders"]:
        params[PREFIX + "Access-Control-Allow-Headers"] = static(",".join(expected["allowHeaders"]))
    if expected["maxAge"] is not None:
        params[PREFIX + "Access-Control-Max-Age"] = static(str(expected["maxAge"]))
    if expected["allowCredentials"]:
        params[PREFIX + "Access-Control-Allow-Credentials"] = "'true'"
    return params


def expected_http_cors(expected: dict) -> dict:
    cors = {
        "allowOrigins": expected["allowOrigins"],
        "allowMethods": expected["allowMethods"],
    }
    if expected["allowCredentials"]:
        # SAM writes allowCredentials only when true (false is API Gateway's default).
        cors["allowCredentials"] = True
    if expected["allowHeaders"]:
        cors["allowHeaders"] = expected["allowHeaders"]
    if expected["exposeHeaders"]:
        cors["exposeHeaders"] = expected["exposeHeaders"]
    if expected["maxAge"] is not None:
        cors["maxAge"] = expected["maxAge"]
    return cors


def all_strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            if key != "ZipFile":  # the handler's code lists the origins on purpose
                yield key
                yield from all_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from all_strings(item)


def assert_cors(expected: dict, cfn: dict, api_id: str):
    """The API `api_id` in `cfn` carries exactly the configured CORS values."""
    body = cfn["Resources"][api_id]["Properties"]["Body"]
    operations = body["paths"]["/items"]
    if expected["apiType"] == "http":
        assert body["x-amazon-apigateway-cors"] == expected_http_cors(expected)
        return
    options = operations["options"]
    integration = options["x-amazon-apigateway-integration"]
    if echoes(expected):
        assert integration["type"] == "aws_proxy"
        assert integration["uri"] == {"Fn::Sub": LAMBDA_URI}
        origins = expected["allowOrigins"]
        for text in all_strings(cfn):
            assert sum(origin in text for origin in origins) <= 1, f"several origins in {text!r}"
            assert "mock" != text
    else:
        assert integration["type"] == "mock"
        params = integration["responses"]["default"]["responseParameters"]
        assert params == expected_rest_preflight(expected)
        # SAM declares each header on the method response too.
        headers = options["responses"]["200"]["headers"]
        assert sorted(PREFIX + h for h in headers) == sorted(params)


@pytest.mark.parametrize("case", CASES)
def test_cors_values_are_exact(case):
    expected, _ = load_case(case)
    assert_cors(expected, transformed(case), "CorsApi")


def expected_gateway_response(expected: dict) -> dict:
    origins = expected["allowOrigins"]
    echoed = len(origins) > 1 and not expected["allowCredentials"]
    params = {
        GATEWAY_PREFIX + "Access-Control-Allow-Origin": (
            "method.request.header.origin" if echoed else static(origins[0])
        )
    }
    if expected["allowCredentials"]:
        params[GATEWAY_PREFIX + "Access-Control-Allow-Credentials"] = "'true'"
    if expected["exposeHeaders"]:
        params[GATEWAY_PREFIX + "Access-Control-Expose-Headers"] = static(
            ",".join(expected["exposeHeaders"])
        )
    if echoed:
        params[GATEWAY_PREFIX + "Vary"] = "'Origin'"
    return params


@pytest.mark.parametrize("case", CASES)
def test_gateway_responses(case):
    expected, _ = load_case(case)
    body = transformed(case)["Resources"]["CorsApi"]["Properties"]["Body"]
    if expected["apiType"] == "http":
        assert "x-amazon-apigateway-gateway-responses" not in body
        assert snippet(case, "gateway-responses.yaml") is None  # a comment only
        return
    responses = body["x-amazon-apigateway-gateway-responses"]
    params = expected_gateway_response(expected)
    assert responses == {
        "DEFAULT_4XX": {"responseParameters": params, "responseTemplates": {}},
        "DEFAULT_5XX": {"responseParameters": params, "responseTemplates": {}},
    }
    # The gateway-responses target is the same block.
    block = snippet(case, "gateway-responses.yaml")["GatewayResponses"]
    assert block == yaml_parse(load_case(case)[1])["Resources"]["CorsApi"]["Properties"]["GatewayResponses"]


# ---------------------------------------------------------------- authorizer and API key


def security_names(operation: dict) -> set[str]:
    return {name for requirement in operation.get("security", []) for name in requirement}


def assert_preflight_unauthenticated(expected: dict, cfn: dict, api_id: str):
    body = cfn["Resources"][api_id]["Properties"]["Body"]
    operations = body["paths"]["/items"]
    wanted = set()
    if expected["authorizerHeader"]:
        wanted.add("TokenAuthorizer")
    if expected["apiKeyRequired"]:
        wanted.add("api_key")
    for method in path_methods(expected):
        assert security_names(operations[method]) == wanted, method
    if "options" in operations:
        assert security_names(operations["options"]) == set()
    return body


@pytest.mark.parametrize("case", CASES)
def test_authorizer_and_api_key_not_on_preflight(case):
    expected, _ = load_case(case)
    cfn = transformed(case)
    body = assert_preflight_unauthenticated(expected, cfn, "CorsApi")
    header = expected["authorizerHeader"]
    resources = cfn["Resources"]
    if header is None:
        assert "AuthorizerFunction" not in resources
        return
    if expected["apiType"] == "rest":
        # OpenApiVersion 3.0.1: SAM writes OpenAPI 3, so the authorizer is a security scheme.
        definition = body["components"]["securitySchemes"]["TokenAuthorizer"]
        assert definition["name"] == header
        assert definition["x-amazon-apigateway-authorizer"]["type"] == "token"
    else:
        definition = body["components"]["securitySchemes"]["TokenAuthorizer"]
        assert definition["x-amazon-apigateway-authorizer"]["identitySource"] == [f"$request.header.{header}"]
        if expected["allowMethods"] == ["*"]:
            assert "options" in body["paths"]["/items"]
    permissions = [
        r for r in resources.values()
        if r["Type"] == "AWS::Lambda::Permission"
        and r["Properties"]["FunctionName"] == {"Fn::GetAtt": ["AuthorizerFunction", "Arn"]}
    ]
    assert len(permissions) == 1


@pytest.mark.parametrize("case", [c for c in CASES if c.startswith("rest-")])
def test_api_key_usage_plan(case):
    expected, _ = load_case(case)
    resources = transformed(case)["Resources"]
    types = {r["Type"] for r in resources.values()}
    plan = {"AWS::ApiGateway::ApiKey", "AWS::ApiGateway::UsagePlan", "AWS::ApiGateway::UsagePlanKey"}
    if expected["apiKeyRequired"]:
        assert plan <= types
        assert resources["CorsApiApiKey"]["Type"] == "AWS::ApiGateway::ApiKey"
    else:
        assert not plan & types


# ---------------------------------------------------------------- the embedded handlers


def inline_code(case: str, function: str) -> str:
    template = yaml_parse(load_case(case)[1])
    return template["Resources"][function]["Properties"]["InlineCode"]


def load_handler(case: str, function: str = "ItemsFunction"):
    namespace: dict = {"__name__": "index"}
    exec(compile(inline_code(case, function), f"{case}/{function}", "exec"), namespace)
    return namespace["handler"]


def allowed_origin(expected: dict) -> str:
    origin = expected["allowOrigins"][-1]
    return {"*": "https://anywhere.example", "https://*": "https://app.example.com",
            "http://*": "http://localhost:8000"}.get(origin, origin)


def event(expected: dict, method: str, headers: dict) -> dict:
    if expected["apiType"] == "http" and expected["payloadFormatVersion"] == "2.0":
        return {
            "version": "2.0",
            "routeKey": f"{method} /items",
            "rawPath": "/items",
            "rawQueryString": "",
            "headers": {k.lower(): v for k, v in headers.items()},
            "requestContext": {"http": {"method": method, "path": "/items"}, "stage": "prod"},
            "isBase64Encoded": False,
        }
    result = {
        "resource": "/items",
        "path": "/items",
        "httpMethod": method,
        "headers": headers,
        "multiValueHeaders": {k: [v] for k, v in headers.items()},
        "queryStringParameters": None,
        "requestContext": {"httpMethod": method, "path": "/prod/items", "stage": "prod"},
        "body": None,
        "isBase64Encoded": False,
    }
    if expected["apiType"] == "http":
        result["version"] = "1.0"
    return result


def header_map(response: dict) -> dict:
    assert isinstance(response["statusCode"], int)
    assert isinstance(response.get("body", ""), str)
    return {k.lower(): v for k, v in (response.get("headers") or {}).items()}


def listed(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


@pytest.mark.parametrize("case", CASES)
def test_handler_from_allowed_and_disallowed_origin(case):
    expected, _ = load_case(case)
    handler = load_handler(case)
    method = "GET" if expected["allowMethods"] == ["*"] else path_methods(expected)[0].upper()
    origin = allowed_origin(expected)
    headers = header_map(handler(event(expected, method, {"Origin": origin}), None))
    disallowed = header_map(handler(event(expected, method, {"Origin": DISALLOWED_ORIGIN}), None))
    if expected["apiType"] == "http":
        # The gateway adds the CORS headers and ignores the function's.
        assert not [h for h in headers if h.startswith("access-control-")]
        assert not [h for h in disallowed if h.startswith("access-control-")]
        return
    if expected["allowOrigins"] == ["*"]:
        assert headers["access-control-allow-origin"] == "*"
    else:
        assert headers["access-control-allow-origin"] == origin
        assert "Origin" in listed(headers["vary"])
        assert "access-control-allow-origin" not in disallowed
    if expected["allowCredentials"]:
        assert headers["access-control-allow-credentials"] == "true"
    else:
        assert "access-control-allow-credentials" not in headers
    if expected["exposeHeaders"]:
        assert listed(headers["access-control-expose-headers"]) == expected["exposeHeaders"]
    else:
        assert "access-control-expose-headers" not in headers


@pytest.mark.parametrize("case", [c for c in CASES if echoes(load_case(c)[0])])
def test_handler_answers_the_preflight(case):
    expected, _ = load_case(case)
    handler = load_handler(case)
    origin = allowed_origin(expected)
    request = {"Origin": origin, "Access-Control-Request-Method": expected["allowMethods"][0]}
    response = handler(event(expected, "OPTIONS", request), None)
    headers = header_map(response)
    assert response["statusCode"] == 204
    assert headers["access-control-allow-origin"] == origin
    assert listed(headers["access-control-allow-methods"]) == expected["allowMethods"]
    if expected["allowHeaders"]:
        assert listed(headers["access-control-allow-headers"]) == expected["allowHeaders"]
    if expected["maxAge"] is not None:
        assert headers["access-control-max-age"] == str(expected["maxAge"])
    refused = header_map(handler(event(expected, "OPTIONS", {**request, "Origin": DISALLOWED_ORIGIN}), None))
    assert "access-control-allow-origin" not in refused


@pytest.mark.parametrize("case", [c for c in CASES if load_case(c)[0]["authorizerHeader"]])
def test_authorizer_function(case):
    expected, _ = load_case(case)
    handler = load_handler(case, "AuthorizerFunction")
    if expected["apiType"] == "rest":
        arn = "arn:aws:execute-api:us-east-1:123456789012:abc123/prod/GET/items"
        allow = handler({"type": "TOKEN", "authorizationToken": "allow", "methodArn": arn}, None)
        deny = handler({"type": "TOKEN", "authorizationToken": "other", "methodArn": arn}, None)
        for answer, effect in [(allow, "Allow"), (deny, "Deny")]:
            (statement,) = answer["policyDocument"]["Statement"]
            assert statement["Effect"] == effect
            # The whole stage: API Gateway caches the policy per token for other methods and paths.
            assert statement["Resource"] == "arn:aws:execute-api:us-east-1:123456789012:abc123/prod/*/*"
    else:
        name = expected["authorizerHeader"].lower()
        assert handler({"headers": {name: "allow"}}, None) == {"isAuthorized": True}
        assert handler({"headers": {name: "other"}}, None) == {"isAuthorized": False}
        assert handler({"headers": {}}, None) == {"isAuthorized": False}


# ---------------------------------------------------------------- the snippets


def function_with_events(expected: dict, api_ref: bool, extra_events: dict | None = None) -> dict:
    events = {}
    for method in path_methods(expected):
        name = "ANY" if method.startswith("x-") else method.upper()
        properties = {"Path": "/items", "Method": name}
        if api_ref:
            properties["RestApiId" if expected["apiType"] == "rest" else "ApiId"] = {"Ref": "CorsApi"}
        events[f"Items{name}"] = {
            "Type": "Api" if expected["apiType"] == "rest" else "HttpApi",
            "Properties": properties,
        }
    events.update(extra_events or {})
    return {
        "Type": "AWS::Serverless::Function",
        "Properties": {
            "Runtime": "python3.13",
            "Handler": "index.handler",
            "InlineCode": "def handler(event, context):\n    return {}\n",
            "Events": events,
        },
    }


USER_AUTH = {
    "rest": {
        "DefaultAuthorizer": "TokenAuthorizer",
        "Authorizers": {"TokenAuthorizer": {
            "FunctionArn": "arn:aws:lambda:us-east-1:123456789012:function:auth",
            "Identity": {"Header": "X"},
        }},
    },
}


def with_user_auth(expected: dict, properties: dict):
    """The snippet's preflight flags merged with the user's own authorizer / API key."""
    if expected["apiType"] != "rest":
        return
    auth = properties.setdefault("Auth", {})
    if expected["authorizerHeader"]:
        auth.update(USER_AUTH["rest"])
        auth["Authorizers"]["TokenAuthorizer"]["Identity"]["Header"] = expected["authorizerHeader"]
    if expected["apiKeyRequired"]:
        auth["ApiKeyRequired"] = True
    if not auth:
        del properties["Auth"]


@pytest.mark.parametrize("case", CASES)
def test_sam_globals_snippet(case):
    expected, _ = load_case(case)
    text = snippet(case, "sam-globals.yaml")
    template = {"Transform": "AWS::Serverless-2016-10-31"}
    assert "Globals" in text
    template["Globals"] = text["Globals"]
    if echoes(expected):
        # Several origins on REST: no Cors, the OPTIONS event of the function that answers it.
        assert set(text) == {"Globals", "Resources"}
        assert set(text["Globals"]["Api"]) == {"OpenApiVersion"}
        events = text["Resources"]["ItemsFunction"]["Properties"]["Events"]
        assert set(events) == {"ItemsOptions"}
        function = function_with_events(expected, False, events)
        template["Resources"] = {"ItemsFunction": function}
        if expected["authorizerHeader"] or expected["apiKeyRequired"]:
            properties = {"StageName": "prod"}
            with_user_auth(expected, properties)
            template["Resources"]["CorsApi"] = {"Type": "AWS::Serverless::Api", "Properties": properties}
            for e in function["Properties"]["Events"].values():
                e["Properties"]["RestApiId"] = {"Ref": "CorsApi"}
            api_id = "CorsApi"
        else:
            api_id = "ServerlessRestApi"
    else:
        assert set(text) == {"Globals"}
        if "Api" in text["Globals"]:
            with_user_auth(expected, text["Globals"]["Api"])
        template["Resources"] = {"ItemsFunction": function_with_events(expected, False)}
        api_id = "ServerlessRestApi" if expected["apiType"] == "rest" else "ServerlessHttpApi"
    cfn = sam_transform(template)
    assert_cors(expected, cfn, api_id)
    if expected["apiType"] == "rest":
        assert_preflight_unauthenticated(expected, cfn, api_id)
    assert lint_findings(json.dumps(cfn), SAM_OUTPUT_IGNORED) == []


@pytest.mark.parametrize("case", CASES)
def test_sam_resource_snippet(case):
    expected, _ = load_case(case)
    resources = snippet(case, "sam-resource.yaml")["Resources"]
    with_user_auth(expected, resources["CorsApi"]["Properties"])
    extra = None
    if echoes(expected):
        # The OPTIONS event of the function that answers the preflight, merged into it.
        assert set(resources) == {"CorsApi", "ItemsFunction"}
        extra = resources["ItemsFunction"]["Properties"]["Events"]
        assert set(extra) == {"ItemsOptions"}
    else:
        assert set(resources) == {"CorsApi"}
    resources["ItemsFunction"] = function_with_events(expected, True, extra)
    cfn = sam_transform({"Transform": "AWS::Serverless-2016-10-31", "Resources": resources})
    assert_cors(expected, cfn, "CorsApi")
    if expected["apiType"] == "rest":
        assert_preflight_unauthenticated(expected, cfn, "CorsApi")
    assert lint_findings(json.dumps(cfn), SAM_OUTPUT_IGNORED) == []


def assert_no_stage_named_stage(cfn: dict):
    """OpenApiVersion keeps SAM from creating the extra stage `Stage` of a REST API."""
    for resource in cfn["Resources"].values():
        if resource["Type"] == "AWS::ApiGateway::Deployment":
            assert "StageName" not in resource["Properties"], resource
        if resource["Type"] == "AWS::ApiGateway::Stage":
            assert resource["Properties"]["StageName"] != "Stage", resource


@pytest.mark.parametrize("case", [c for c in CASES if load_case(c)[0]["apiType"] == "rest"])
def test_rest_templates_have_no_stage_named_stage(case):
    template = yaml_parse((CASES_DIR / case / "template.yaml").read_text())
    assert_no_stage_named_stage(sam_transform(template))
    resources = snippet(case, "sam-resource.yaml")["Resources"]
    expected, _ = load_case(case)
    with_user_auth(expected, resources["CorsApi"]["Properties"])
    extra = resources["ItemsFunction"]["Properties"]["Events"] if echoes(expected) else None
    resources["ItemsFunction"] = function_with_events(expected, True, extra)
    assert_no_stage_named_stage(sam_transform({"Transform": "AWS::Serverless-2016-10-31", "Resources": resources}))


@pytest.mark.parametrize("case", [c for c in CASES if echoes(load_case(c)[0])])
def test_preflight_event_on_one_of_two_functions_on_a_path(case):
    """Two functions on /items: the snippet's OPTIONS event merged into the first transforms and
    lints; the same event on both functions is what the snippet warns against (the transform fails)."""
    expected, _ = load_case(case)
    fragment = snippet(case, "sam-globals.yaml")
    events = fragment["Resources"]["ItemsFunction"]["Properties"]["Events"]
    first = function_with_events(expected, False, events)
    second = function_with_events(expected, False)
    # A method the first function does not take (SAM rejects a method defined twice on a path);
    # when it takes them all, it hands its last one over.
    taken = path_methods(expected)
    free = [m for m in ("patch", "put", "delete", "post") if m not in taken]
    other = free[0] if free else taken[-1]
    if not free:
        del first["Properties"]["Events"][f"Items{other.upper()}"]
    second["Properties"]["Events"] = {"Other": {"Type": "Api", "Properties": {"Path": "/items", "Method": other.upper()}}}
    # The user's own authorizer / API key, which the event's Auth settings presuppose.
    with_user_auth(expected, fragment["Globals"]["Api"])
    template = {"Transform": "AWS::Serverless-2016-10-31", "Globals": fragment["Globals"],
                "Resources": {"ItemsFunction": first, "OtherFunction": second}}
    cfn = sam_transform(template)
    body = cfn["Resources"]["ServerlessRestApi"]["Properties"]["Body"]
    options = body["paths"]["/items"]["options"]["x-amazon-apigateway-integration"]
    assert "ItemsFunction.Arn" in json.dumps(options["uri"])
    assert other in body["paths"]["/items"]
    assert_no_stage_named_stage(cfn)
    assert lint_findings(json.dumps(cfn), SAM_OUTPUT_IGNORED) == []
    second["Properties"]["Events"].update(json.loads(json.dumps(events)))
    with pytest.raises(Exception):
        sam_transform(template)


# ---------------------------------------------------------------- AWS accepts what we reject


def naive_template(config: dict) -> tuple[dict, object]:
    """What a tool without validation writes for `config`, and the origin value it carries."""
    origins = config["allowOrigins"]
    function = {
        "Type": "AWS::Serverless::Function",
        "Properties": {"Runtime": "python3.13", "Handler": "index.handler",
                       "InlineCode": "def handler(e, c):\n    return {}\n",
                       "Events": {"Get": {"Type": "Api" if config["apiType"] == "rest" else "HttpApi",
                                          "Properties": {"Path": "/items", "Method": "GET"}}}},
    }
    template = {"Transform": "AWS::Serverless-2016-10-31", "Resources": {"ItemsFunction": function}}
    if config["apiType"] == "rest":
        joined = ",".join(origins)
        # SAM rejects credentials with "'*'" (an exact-match test) but takes "*" unquoted.
        origin = joined if config["allowCredentials"] and joined == "*" else static(joined)
        cors = {"AllowOrigin": origin, "AllowMethods": "'GET'"}
        if config["allowCredentials"]:
            cors["AllowCredentials"] = True
        template["Globals"] = {"Api": {"Cors": cors}}
        return template, origin
    cors = {"AllowOrigins": origins, "AllowMethods": ["GET"]}
    if config.get("maxAge") is not None:
        cors["MaxAge"] = config["maxAge"]
    if config["allowCredentials"]:
        cors["AllowCredentials"] = True
    template["Globals"] = {"HttpApi": {"CorsConfiguration": cors}}
    return template, origins


@pytest.mark.parametrize("case", REJECTED)
def test_aws_tools_accept_what_we_reject(case):
    config = json.loads((REJECTED_DIR / case / "config.json").read_text())
    assert (REJECTED_DIR / case / "rejected-code.txt").read_text()  # our validation's code
    template, origin = naive_template(config)
    assert lint_findings(json.dumps(template)) == []
    cfn = sam_transform(template)
    assert lint_findings(json.dumps(cfn), SAM_OUTPUT_IGNORED) == []
    if config["apiType"] == "rest":
        body = cfn["Resources"]["ServerlessRestApi"]["Properties"]["Body"]
        integration = body["paths"]["/items"]["options"]["x-amazon-apigateway-integration"]
        params = integration["responses"]["default"]["responseParameters"]
        assert params[PREFIX + "Access-Control-Allow-Origin"] == origin  # verbatim
    else:
        body = cfn["Resources"]["ServerlessHttpApi"]["Properties"]["Body"]
        cors = body["x-amazon-apigateway-cors"]
        assert cors["allowOrigins"] == origin  # verbatim
        if config.get("maxAge") is not None:
            assert cors["maxAge"] == config["maxAge"]
