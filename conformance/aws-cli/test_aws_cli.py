"""aws-cli conformance: the generated scripts through shellcheck and the real AWS CLI.

`cargo test -p apigw-cors --test target_aws_cli` writes, for every conformance case,
`target/conformance/aws-cli/<case>/` with `apply-cors.sh` (target aws-cli) and `expected.json`
(the normalized configuration). For each case this file

- runs shellcheck on the script;
- runs the script with the real AWS CLI (awscli from PyPI, the `aws` beside this Python) against
  `fake_api_gateway.FakeAws` on 127.0.0.1, reached through `AWS_ENDPOINT_URL` (the script names
  no endpoint), with dummy credentials and no configuration files. Every command must pass the
  CLI's own parameter validation, and the requests the server records must carry exactly the
  configured values, in the right order (the OPTIONS method before its integration before its
  responses, the deployment last);
- runs it a second time against the same server, which now holds what the first run made, and
  checks what the script's comments promise: the same requests succeed, the state is the same,
  and only a deployment is added;
- compares the values with what the SAM transform makes of the same case's `sam-template`
  (`target/conformance/sam/<case>/template.yaml`), so the two targets cannot drift.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fake_api_gateway import HTTP_API_ID, RESOURCES, REST_API_ID, FakeAws, Recorded  # noqa: E402

os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")

from samtranslator.translator.transform import transform  # noqa: E402
from samtranslator.yaml_helper import yaml_parse  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
CASES_DIR = ROOT / "target" / "conformance" / "aws-cli"
SAM_CASES_DIR = ROOT / "target" / "conformance" / "sam"
CASES = sorted(p.name for p in CASES_DIR.iterdir()) if CASES_DIR.is_dir() else []
AWS = Path(sys.executable).parent / "aws"
SHELLCHECK = shutil.which("shellcheck")

RESOURCE_PATH = "/items"
RESOURCE_ID = RESOURCES[RESOURCE_PATH]
STAGE = "prod"
FUNCTION_ARN = "arn:aws:lambda:us-east-1:123456789012:function:items-function"
METHOD_PATH = f"/restapis/{REST_API_ID}/resources/{RESOURCE_ID}/methods/OPTIONS"
STATEMENT_ID = f"apigw-cors-options-{REST_API_ID}-{RESOURCE_ID}"
DEPLOYMENT_DESCRIPTION = "CORS configuration applied by apply-cors.sh"


def test_cases_and_tools_are_there():
    # Fails instead of passing vacuously when the Rust side has not run or a tool is missing.
    assert len(CASES) >= 30, f"run cargo test -p apigw-cors --test target_aws_cli first ({CASES_DIR})"
    assert AWS.is_file(), f"no aws beside {sys.executable} (install awscli in this virtualenv)"
    assert SHELLCHECK, "shellcheck is not installed (apt-get install shellcheck)"
    version = subprocess.run([str(AWS), "--version"], capture_output=True, text=True, check=True)
    assert version.stdout.startswith("aws-cli/1.46.3 "), version.stdout


def load_expected(case: str) -> dict:
    return json.loads((CASES_DIR / case / "expected.json").read_text())


def script_path(case: str) -> Path:
    return CASES_DIR / case / "apply-cors.sh"


# ---------------------------------------------------------------- shellcheck


@pytest.mark.parametrize("case", CASES)
def test_the_script_names_no_endpoint_and_no_region(case):
    """The CLI's own settings decide where the commands go (AWS_ENDPOINT_URL here)."""
    text = script_path(case).read_text()
    for word in ("--endpoint-url", "--region", "--profile", "127.0.0.1", "amazonaws.com/"):
        assert word not in text


@pytest.mark.parametrize("case", CASES)
def test_shellcheck(case):
    result = subprocess.run(
        [SHELLCHECK, "--shell=bash", "--severity=style", "--external-sources", str(script_path(case))],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


# ---------------------------------------------------------------- running the real CLI


@dataclass
class Run:
    requests: list[Recorded]
    stdout: str
    state: dict
    deployments: int


@dataclass
class Runs:
    first: Run
    second: Run


def script_env(fake: FakeAws, home: str, **variables: str) -> dict:
    """The real CLI, reaching the fake through AWS_ENDPOINT_URL, with dummy credentials and no
    configuration files; the virtualenv's aws first on PATH."""
    return {
        "PATH": f"{AWS.parent}:/usr/local/bin:/usr/bin:/bin",
        "HOME": home,
        "AWS_ENDPOINT_URL": fake.url,
        "AWS_ACCESS_KEY_ID": "test",
        "AWS_SECRET_ACCESS_KEY": "test",
        "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_CONFIG_FILE": "/dev/null",
        "AWS_SHARED_CREDENTIALS_FILE": "/dev/null",
        "AWS_MAX_ATTEMPTS": "1",
        **variables,
    }


REST_VARIABLES = dict(API_ID=REST_API_ID, RESOURCE_PATH=RESOURCE_PATH, STAGE_NAME=STAGE, FUNCTION_ARN=FUNCTION_ARN)


def run_script(case: str, fake: FakeAws, **variables: str) -> Run:
    with tempfile.TemporaryDirectory() as home:
        env = script_env(fake, home, **variables)
        result = subprocess.run(
            ["bash", str(script_path(case))], env=env, capture_output=True, text=True, timeout=300
        )
    assert result.returncode == 0, f"{case} failed:\n{result.stdout}\n{result.stderr}"
    assert result.stderr == "", result.stderr
    state = fake.state
    return Run(
        requests=fake.take_requests(),
        stdout=result.stdout,
        state=json.loads(json.dumps(state.lasting())),
        deployments=len(state.deployments) + len(state.http_deployments),
    )


@lru_cache(maxsize=None)
def runs(case: str) -> Runs:
    """Two runs of the case's script against one server: the second meets the first's work."""
    with FakeAws() as fake:
        if load_expected(case)["apiType"] == "http":
            # First the $default stage (automatic deployment), then a stage without it.
            first = run_script(case, fake, API_ID=HTTP_API_ID)
            second = run_script(case, fake, API_ID=HTTP_API_ID, STAGE_NAME=STAGE)
        else:
            first = run_script(case, fake, **REST_VARIABLES)
            second = run_script(case, fake, **REST_VARIABLES)
    return Runs(first, second)


# The tests that read `runs(case)`: the fixture below runs their cases ahead of them.
TESTS_THAT_RUN_THE_CLI = {
    "test_requests_carry_exactly_the_configured_values",
    "test_a_rerun_ends_in_the_same_state_with_one_more_deployment",
    "test_the_same_values_as_the_sam_transform_of_sam_template",
}


@pytest.fixture(scope="session", autouse=True)
def run_every_case_in_parallel(request):
    """Each AWS CLI call costs about half a second of CPU, so the cases run on every core at
    once, each against its own server. A case that fails here fails again, alone and with its
    message, in the test that asks for it."""

    def attempt(case: str):
        try:
            runs(case)
        except Exception:  # noqa: BLE001 - reported by the test that asks for the case
            pass

    wanted = sorted(
        {
            item.callspec.params["case"]
            for item in request.session.items
            if getattr(item, "originalname", None) in TESTS_THAT_RUN_THE_CLI
        }
    )
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        list(pool.map(attempt, wanted))


def calls(run: Run) -> list[tuple[str, str]]:
    return [(r.method, unquote(r.path)) for r in run.requests]


def body(run: Run, method: str, path: str) -> dict:
    bodies = [r.body for r in run.requests if r.method == method and unquote(r.path) == path]
    assert len(bodies) == 1, f"{method} {path}: {len(bodies)} requests"
    return bodies[0]


# ---------------------------------------------------------------- what the values must be


def static(value: str) -> str:
    return f"'{value}'"


def echoes(expected: dict) -> bool:
    """REST with several origins: the function answers the preflight."""
    return expected["apiType"] == "rest" and len(expected["allowOrigins"]) > 1


def preflight_headers(expected: dict) -> dict:
    """The OPTIONS mock's CORS headers (SAM's Cors values), by header name."""
    headers = {
        "Access-Control-Allow-Origin": static(expected["allowOrigins"][0]),
        "Access-Control-Allow-Methods": static(",".join(expected["allowMethods"])),
    }
    if expected["allowHeaders"]:
        headers["Access-Control-Allow-Headers"] = static(",".join(expected["allowHeaders"]))
    if expected["maxAge"] is not None:
        headers["Access-Control-Max-Age"] = static(str(expected["maxAge"]))
    if expected["allowCredentials"]:
        headers["Access-Control-Allow-Credentials"] = static("true")
    return headers


def gateway_headers(expected: dict) -> dict:
    """The gateway responses' CORS headers: one origin or `*` as is; several origins echo the
    request's Origin without credentials, and name the first origin with them."""
    origins = expected["allowOrigins"]
    echo = len(origins) > 1 and not expected["allowCredentials"]
    headers = {"Access-Control-Allow-Origin": "method.request.header.origin" if echo else static(origins[0])}
    if expected["allowCredentials"]:
        headers["Access-Control-Allow-Credentials"] = static("true")
    if expected["exposeHeaders"]:
        headers["Access-Control-Expose-Headers"] = static(",".join(expected["exposeHeaders"]))
    if echo:
        headers["Vary"] = static("Origin")
    return headers


def prefixed(prefix: str, headers: dict) -> dict:
    return {prefix + name: value for name, value in headers.items()}


def http_cors(expected: dict) -> dict:
    cors = {
        "allowOrigins": expected["allowOrigins"],
        "allowMethods": expected["allowMethods"],
        "allowHeaders": expected["allowHeaders"],
        "exposeHeaders": expected["exposeHeaders"],
        "allowCredentials": expected["allowCredentials"],
    }
    if expected["maxAge"] is not None:
        cors["maxAge"] = expected["maxAge"]
    return cors


def rest_calls(expected: dict) -> list[tuple[str, str]]:
    sequence = [
        ("GET", f"/restapis/{REST_API_ID}/resources"),
        ("DELETE", METHOD_PATH),
        ("PUT", METHOD_PATH),
        ("PUT", METHOD_PATH + "/integration"),
    ]
    if echoes(expected):
        policy = f"/2015-03-31/functions/{FUNCTION_ARN}/policy"
        sequence += [("DELETE", f"{policy}/{STATEMENT_ID}"), ("POST", policy)]
    else:
        sequence += [("PUT", METHOD_PATH + "/responses/200"), ("PUT", METHOD_PATH + "/integration/responses/200")]
    sequence += [
        ("PUT", f"/restapis/{REST_API_ID}/gatewayresponses/DEFAULT_4XX"),
        ("PUT", f"/restapis/{REST_API_ID}/gatewayresponses/DEFAULT_5XX"),
        ("POST", f"/restapis/{REST_API_ID}/deployments"),
    ]
    return sequence


# ---------------------------------------------------------------- the requests


@pytest.mark.parametrize("case", CASES)
def test_requests_carry_exactly_the_configured_values(case):
    expected = load_expected(case)
    run = runs(case).first
    if expected["apiType"] == "http":
        api = f"/v2/apis/{HTTP_API_ID}"
        assert calls(run) == [("PATCH", api), ("GET", f"{api}/stages/$default")]
        assert body(run, "PATCH", api) == {"corsConfiguration": http_cors(expected)}
        assert "Stage $default deploys automatically" in run.stdout
        return
    assert calls(run) == rest_calls(expected)
    assert body(run, "PUT", METHOD_PATH) == {"authorizationType": "NONE", "apiKeyRequired": False}
    integration = body(run, "PUT", METHOD_PATH + "/integration")
    if echoes(expected):
        assert integration == {
            "type": "AWS_PROXY",
            "httpMethod": "POST",
            "uri": f"arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/{FUNCTION_ARN}/invocations",
        }
        permission = body(run, "POST", f"/2015-03-31/functions/{FUNCTION_ARN}/policy")
        assert permission == {
            "StatementId": STATEMENT_ID,
            "Action": "lambda:InvokeFunction",
            "Principal": "apigateway.amazonaws.com",
            "SourceArn": f"arn:aws:execute-api:us-east-1:123456789012:{REST_API_ID}/*/OPTIONS/items",
        }
    else:
        assert integration == {"type": "MOCK", "requestTemplates": {"application/json": '{"statusCode": 200}'}}
        headers = preflight_headers(expected)
        declared = body(run, "PUT", METHOD_PATH + "/responses/200")
        assert declared == {"responseParameters": prefixed("method.response.header.", {h: False for h in headers})}
        values = body(run, "PUT", METHOD_PATH + "/integration/responses/200")
        assert values == {
            "responseParameters": prefixed("method.response.header.", headers),
            "responseTemplates": {"application/json": "{}"},
        }
    for response_type in ("DEFAULT_4XX", "DEFAULT_5XX"):
        gateway = body(run, "PUT", f"/restapis/{REST_API_ID}/gatewayresponses/{response_type}")
        assert gateway == {"responseParameters": prefixed("gatewayresponse.header.", gateway_headers(expected))}
    deployment = body(run, "POST", f"/restapis/{REST_API_ID}/deployments")
    assert deployment == {"stageName": STAGE, "description": DEPLOYMENT_DESCRIPTION}
    assert run.stdout.rstrip().endswith(f"==> Deployment dep0000001 is live on stage {STAGE}")


@pytest.mark.parametrize("case", CASES)
def test_a_rerun_ends_in_the_same_state_with_one_more_deployment(case):
    expected = load_expected(case)
    both = runs(case)
    first, second = both.first, both.second
    assert second.state == first.state
    if expected["apiType"] == "http":
        # update-api sets the same configuration; a stage without automatic deployment is deployed.
        api = f"/v2/apis/{HTTP_API_ID}"
        assert calls(second) == [("PATCH", api), ("GET", f"{api}/stages/{STAGE}"), ("POST", f"{api}/deployments")]
        assert body(second, "PATCH", api) == body(first, "PATCH", api)
        assert body(second, "POST", f"{api}/deployments") == {
            "stageName": STAGE,
            "description": DEPLOYMENT_DESCRIPTION,
        }
        assert (first.deployments, second.deployments) == (0, 1)
        return
    # The same requests: this time the deletes find what the first run made and remove it.
    assert calls(second) == calls(first)
    assert [r.body for r in second.requests] == [r.body for r in first.requests]
    assert (first.deployments, second.deployments) == (1, 2)
    assert second.stdout.rstrip().endswith(f"==> Deployment dep0000002 is live on stage {STAGE}")
    method = second.state["methods"][f"{RESOURCE_ID} OPTIONS"]
    assert method["authorizationType"] == "NONE" and method["apiKeyRequired"] is False


def test_the_deletes_tolerate_only_a_missing_resource():
    """A failure other than NotFoundException stops the script before anything is changed."""
    case = next(c for c in CASES if c.startswith("rest-"))
    with FakeAws() as fake, tempfile.TemporaryDirectory() as home:
        env = script_env(fake, home, **REST_VARIABLES)
        fake.fail_next = ("DELETE", METHOD_PATH, 403, "AccessDeniedException")
        result = subprocess.run(["bash", str(script_path(case))], env=env, capture_output=True, text=True)
        assert result.returncode == 1
        assert "(AccessDeniedException)" in result.stderr
        assert [(r.method, unquote(r.path)) for r in fake.take_requests()] == [
            ("GET", f"/restapis/{REST_API_ID}/resources"),
            ("DELETE", METHOD_PATH),
        ]
        result = subprocess.run(
            ["bash", str(script_path(case))], env={**env, "RESOURCE_PATH": "/nowhere"}, capture_output=True, text=True
        )
        assert result.returncode == 1
        assert result.stderr == f"REST API {REST_API_ID} has no resource /nowhere\n"


# ---------------------------------------------------------------- the same values as SAM


class NoManagedPolicies:
    def load(self):
        return {}


@lru_cache(maxsize=None)
def sam_body(case: str) -> dict:
    template = yaml_parse((SAM_CASES_DIR / case / "template.yaml").read_text())
    resources = transform(template, {}, NoManagedPolicies())["Resources"]
    return resources["CorsApi"]["Properties"]["Body"]


def without_defaults(values: dict) -> dict:
    """Without the empty lists and the false allowCredentials, which mean the same as no value:
    SAM leaves them out, update-api sends them so that no earlier value stays."""
    return {key: value for key, value in values.items() if value != [] and value is not False}


@pytest.mark.parametrize("case", CASES)
def test_the_same_values_as_the_sam_transform_of_sam_template(case):
    assert (SAM_CASES_DIR / case).is_dir(), "run cargo test -p apigw-cors --test conformance_sam first"
    expected = load_expected(case)
    run = runs(case).first
    sam = sam_body(case)
    if expected["apiType"] == "http":
        ours = body(run, "PATCH", f"/v2/apis/{HTTP_API_ID}")["corsConfiguration"]
        assert without_defaults(ours) == sam["x-amazon-apigateway-cors"]
        return
    gateway = body(run, "PUT", f"/restapis/{REST_API_ID}/gatewayresponses/DEFAULT_4XX")
    sam_gateway = sam["x-amazon-apigateway-gateway-responses"]
    for response_type in ("DEFAULT_4XX", "DEFAULT_5XX"):
        assert sam_gateway[response_type]["responseParameters"] == gateway["responseParameters"]
    if echoes(expected):
        # Both send the preflight to the function.
        sam_options = sam["paths"]["/items"]["options"]["x-amazon-apigateway-integration"]
        assert sam_options["type"] == "aws_proxy"
        assert body(run, "PUT", METHOD_PATH + "/integration")["type"] == "AWS_PROXY"
        return
    sam_mock = sam["paths"]["/items"]["options"]["x-amazon-apigateway-integration"]
    assert sam_mock["type"] == "mock"
    ours = body(run, "PUT", METHOD_PATH + "/integration/responses/200")["responseParameters"]
    assert ours == sam_mock["responses"]["default"]["responseParameters"]
    assert sam_mock["responses"]["default"]["statusCode"] == "200"
