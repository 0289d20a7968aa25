"""Synthesizes every generated cdk-python app with aws-cdk-lib for Python and asserts that the
template is identical to the one the TypeScript app (cdk-stack) of the same case synthesized
to.

Cases come from `cargo test -p apigw-cors --test target_cdk_python`, which writes
target/conformance/cdk-python/<case>/{app.py, expected.json}; the TypeScript templates from
the CDK conformance suite (conformance/cdk, `npm test`), which writes
target/conformance/cdk/<case>/template.json. The TypeScript suite checks its templates value by
value against the configuration, so equal templates carry exactly the configured values too.

All apps run in this one Python process: aws-cdk-lib's jsii runtime (a Node.js process) starts
once, which takes most of the time; each app then takes about a second.
"""

import json
import os
import pathlib
import runpy
import tempfile

import pytest

# Set before aws_cdk starts its Node.js process, which reads it: CDK's built-in CloudFormation
# validation only adds time (the TypeScript suite turns it off too).
os.environ.setdefault("CDK_VALIDATION", "false")

import aws_cdk  # noqa: E402 (after the environment above)

ROOT = pathlib.Path(__file__).resolve().parents[2]
CASES = ROOT / "target" / "conformance" / "cdk-python"
TS_CASES = ROOT / "target" / "conformance" / "cdk"
STACK = "CorsApiStack"

# The generated app ends with `app = App(); CorsApiStack(app, ...); app.synth()`. To read the
# result in this process, `aws_cdk.App` is replaced by a subclass that records each instance
# and writes into a temporary directory; the app's `from aws_cdk import App` runs after the
# replacement, so it gets the subclass.
RealApp = aws_cdk.App
created = []
OUT = tempfile.TemporaryDirectory(prefix="apigw-cors-cdk-python-")


class RecordingApp(RealApp):
    def __init__(self, **kwargs):
        kwargs["outdir"] = tempfile.mkdtemp(dir=OUT.name)
        super().__init__(**kwargs)
        created.append(self)


aws_cdk.App = RecordingApp


def synthesize(case):
    """The CorsApiStack template of the case's app.py, synthesized in this process."""
    created.clear()
    runpy.run_path(str(CASES / case / "app.py"), run_name="__main__")
    assert len(created) == 1, "the app file creates one App"
    stack = created[0].synth().get_stack_by_name(STACK)
    problems = [f"{m.level} {m.entry.data}" for m in stack.messages if m.level != "info"]
    assert problems == [], "no CDK warnings or errors"
    return stack.template


def differences(python, typescript, path="$"):
    """Where two JSON values differ, as readable lines (for the failure message)."""
    if isinstance(python, dict) and isinstance(typescript, dict):
        lines = []
        for key in sorted(set(python) | set(typescript)):
            if key not in python:
                lines.append(f"{path}.{key}: only in TypeScript")
            elif key not in typescript:
                lines.append(f"{path}.{key}: only in Python")
            else:
                lines += differences(python[key], typescript[key], f"{path}.{key}")
        return lines
    if python != typescript:
        return [f"{path}: Python {json.dumps(python)} != TypeScript {json.dumps(typescript)}"]
    return []


CASE_NAMES = (
    sorted(p.parent.name for p in CASES.glob("*/expected.json")) if CASES.exists() else []
)


def test_the_rust_test_wrote_at_least_30_cases():
    assert len(CASE_NAMES) >= 30, f"found {len(CASE_NAMES)} cases in {CASES}"


@pytest.mark.parametrize("case", CASE_NAMES)
def test_python_app_synthesizes_to_the_typescript_template(case):
    typescript_file = TS_CASES / case / "template.json"
    assert typescript_file.exists(), (
        f"{typescript_file} is missing: run the CDK conformance suite first "
        "(cargo test -p apigw-cors --test conformance_cdk; cd conformance/cdk && npm test)"
    )
    # The same configuration, and a TypeScript template synthesized from the current app.ts.
    assert (CASES / case / "expected.json").read_text() == (
        TS_CASES / case / "expected.json"
    ).read_text()
    assert typescript_file.stat().st_mtime >= (TS_CASES / case / "app.ts").stat().st_mtime, (
        f"{typescript_file} is older than app.ts: run the CDK conformance suite again"
    )
    typescript = json.loads(typescript_file.read_text())
    python = synthesize(case)

    # The parts the issue names first, each compared on its own for a clear failure.
    def of_type(template, *types):
        return {
            logical_id: resource
            for logical_id, resource in template["Resources"].items()
            if resource["Type"] in types
        }

    for part in [
        ("AWS::ApiGateway::RestApi", "AWS::ApiGatewayV2::Api"),
        ("AWS::ApiGateway::Method",),
        ("AWS::ApiGateway::GatewayResponse",),
        ("AWS::ApiGatewayV2::Route", "AWS::ApiGatewayV2::Integration"),
        ("AWS::Lambda::Function",),
    ]:
        assert differences(of_type(python, *part), of_type(typescript, *part)) == [], part

    # Then everything: logical ids (their hashes come from the construct paths and, for the
    # REST deployment, from the API's content), construct paths, outputs, parameters, rules.
    # Synthesized in process (not by the cdk command), neither template has CDK's analytics
    # resource, so nothing needs normalizing.
    assert differences(python, typescript) == []
    assert python == typescript
