"""Reads generated cdk-python apps the way Python does and reports what they configure.

Input (stdin): a JSON list of app sources. Output (stdout): a JSON list with, per app, either
{"error": "..."} (it does not compile) or the values found with Python's own parser:
{"cors": {keyword: value}, "constants": {NAME: str}, "error_headers": {name: value},
 "add_method": [method], "routes": {keyword: value}, "authorizer": {...},
 "method_options": {keyword: value}}.
Attribute chains read as dotted names ("apigwv2.CorsHttpMethod.GET"), calls as
{"call": dotted name, "args": [...]}, everything else through ast.literal_eval.
"""

import ast
import json
import sys


def dotted(node):
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{dotted(node.value)}.{node.attr}"
    raise ValueError(f"not a name: {ast.dump(node)}")


def value(node):
    if isinstance(node, (ast.Name, ast.Attribute)) and not (
        isinstance(node, ast.Name) and node.id in ("True", "False", "None")
    ):
        return dotted(node)
    if isinstance(node, ast.List):
        return [value(item) for item in node.elts]
    if isinstance(node, ast.Call):
        return {"call": dotted(node.func), "args": [value(a) for a in node.args]}
    return ast.literal_eval(node)


def keywords(call):
    return {k.arg: value(k.value) for k in call.keywords}


def callee(call):
    """The called function's own name: `add_method` in `items.add_method(...)`."""
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    return getattr(call.func, "id", None)


def calls_named(tree, name):
    return [
        node for node in ast.walk(tree) if isinstance(node, ast.Call) and callee(node) == name
    ]


def one(found, what):
    if len(found) != 1:
        raise ValueError(f"{len(found)} {what} calls")
    return found[0]


def read(source):
    compile(source, "app.py", "exec")
    tree = ast.parse(source)
    report = {"constants": {}, "add_method": [], "error_headers": None}
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant):
            report["constants"][node.targets[0].id] = node.value.value
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Assign)
            and isinstance(node.targets[0], ast.Name)
            and node.targets[0].id == "cors_error_headers"
        ):
            report["error_headers"] = ast.literal_eval(node.value)
    cors = calls_named(tree, "CorsOptions") + calls_named(tree, "CorsPreflightOptions")
    report["cors"] = keywords(one(cors, "CORS options"))
    report["add_method"] = [value(c.args[0]) for c in calls_named(tree, "add_method")]
    routes = calls_named(tree, "add_routes")
    report["routes"] = keywords(one(routes, "add_routes")) if routes else None
    integration = calls_named(tree, "HttpLambdaIntegration")
    report["integration"] = (
        keywords(one(integration, "HttpLambdaIntegration")) if integration else None
    )
    options = calls_named(tree, "MethodOptions")
    report["method_options"] = keywords(one(options, "MethodOptions")) if options else None
    authorizer = calls_named(tree, "TokenAuthorizer") + calls_named(tree, "HttpLambdaAuthorizer")
    report["authorizer"] = (
        keywords(one(authorizer, "authorizer")) if authorizer else None
    )
    report["usage_plans"] = len(calls_named(tree, "add_usage_plan"))
    report["property_overrides"] = [
        [value(a) for a in c.args] for c in calls_named(tree, "add_property_override")
    ]
    return report


def main():
    reports = []
    for source in json.load(sys.stdin):
        try:
            reports.append(read(source))
        except Exception as error:  # reported, with its kind, for the Rust side to show
            reports.append({"error": f"{type(error).__name__}: {error}"})
    json.dump(reports, sys.stdout)


main()
