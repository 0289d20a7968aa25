"""Runs generated Python handlers the way Lambda does: `python3 drive.py PLAN.json` where the
plan is [{"module": "/abs/index.py", "events": [...]}, ...]. Prints the responses as JSON:
[[response, ...], ...], one list per module, in order."""
import importlib.util
import json
import sys


def load(path, name):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        plan = json.load(f)
    results = []
    for number, entry in enumerate(plan):
        handler = load(entry["module"], f"index_{number}").handler
        results.append([handler(event, object()) for event in entry["events"]])
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main()
