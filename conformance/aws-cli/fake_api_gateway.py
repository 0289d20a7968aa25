"""A local stand-in for the API Gateway (REST and HTTP) and Lambda endpoints that the generated
aws-cli scripts call. It listens on 127.0.0.1 only, records every request (method, path,
parsed JSON body) and answers the way the real services do: the same paths, status codes, JSON
bodies and error types (`x-amzn-ErrorType`), with state, so a second run of a script meets the
resources the first one made (an existing OPTIONS method makes `put-method` fail with
ConflictException, a missing one makes `delete-method` fail with NotFoundException).

The operations, paths and status codes follow botocore's service models for `apigateway`
(2015-07-09), `apigatewayv2` (2018-11-29) and `lambda` (2015-03-31), which the AWS CLI uses to
build the requests.
"""

from __future__ import annotations

import json
import re
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import unquote, urlsplit

REST_API_ID = "a1b2c3d4e5"
HTTP_API_ID = "h1t2t3p4a5"
# The resources of the REST API: path -> id.
RESOURCES = {"/": "rootid0001", "/items": "items00001", "/items/{proxy+}": "proxy00001"}
# The stages of the HTTP API and whether each deploys by itself.
HTTP_STAGES = {"$default": True, "prod": False}


@dataclass
class Recorded:
    method: str
    path: str
    body: dict | None


@dataclass
class State:
    """What the fake services hold; compared between a first run and a rerun."""

    methods: dict = field(default_factory=dict)  # (resource id, http method) -> method
    gateway_responses: dict = field(default_factory=dict)
    deployments: list = field(default_factory=list)
    http_cors: dict | None = None
    http_deployments: list = field(default_factory=list)
    policies: dict = field(default_factory=dict)  # (function, statement id) -> body

    def lasting(self) -> dict:
        """Everything but the deployments, which every run adds."""
        return {
            "methods": json.loads(json.dumps({f"{k[0]} {k[1]}": v for k, v in self.methods.items()})),
            "gateway_responses": self.gateway_responses,
            "http_cors": self.http_cors,
            "policies": {f"{k[0]} {k[1]}": v for k, v in self.policies.items()},
        }


class ApiError(Exception):
    def __init__(self, status: int, error_type: str, message: str):
        super().__init__(message)
        self.status, self.error_type, self.message = status, error_type, message


def not_found(message: str) -> ApiError:
    return ApiError(404, "NotFoundException", message)


class FakeAws:
    """The server and its state; use as a context manager."""

    def __init__(self):
        self.state = State()
        self.requests: list[Recorded] = []
        # (verb, path, status, error type): the next matching request fails with that error.
        self.fail_next: tuple[str, str, int, str] | None = None
        self.lock = threading.Lock()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def handle_any(self):
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                body = json.loads(raw) if raw else None
                path = urlsplit(self.path).path
                with fake.lock:
                    fake.requests.append(Recorded(self.command, path, body))
                    try:
                        status, answer = fake.route(self.command, path, body)
                        headers = {}
                    except ApiError as error:
                        status, answer = error.status, {"message": error.message}
                        headers = {"x-amzn-ErrorType": error.error_type}
                data = b"" if answer is None else json.dumps(answer).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                for name, value in headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_PUT = do_POST = do_PATCH = do_DELETE = handle_any

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> "FakeAws":
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    def take_requests(self) -> list[Recorded]:
        with self.lock:
            taken, self.requests = self.requests, []
        return taken

    # ------------------------------------------------------------------ routing

    def route(self, verb: str, path: str, body: dict | None):
        if self.fail_next and self.fail_next[:2] == (verb, unquote(path)):
            _, _, status, error_type = self.fail_next
            self.fail_next = None
            raise ApiError(status, error_type, "refused by the test")
        for pattern, handler in self.ROUTES:
            match = re.fullmatch(pattern[1], path)
            if match and pattern[0] == verb:
                return handler(self, body or {}, *map(unquote, match.groups()))
        raise ApiError(400, "UnknownOperationException", f"no operation {verb} {path}")

    def rest_api(self, api_id: str):
        if api_id != REST_API_ID:
            raise not_found("Invalid API identifier specified")

    def method(self, api_id: str, resource_id: str, http_method: str) -> dict:
        self.rest_api(api_id)
        key = (resource_id, http_method)
        if key not in self.state.methods:
            raise not_found("Invalid Method identifier specified")
        return self.state.methods[key]

    def get_resources(self, body, api_id):
        self.rest_api(api_id)
        items = [{"id": rid, "path": path} for path, rid in RESOURCES.items()]
        # The wire name of the list is "item" (botocore's locationName), not "items".
        return 200, {"item": items}

    def delete_method(self, body, api_id, resource_id, http_method):
        self.method(api_id, resource_id, http_method)
        del self.state.methods[(resource_id, http_method)]
        return 204, None

    def put_method(self, body, api_id, resource_id, http_method):
        self.rest_api(api_id)
        if resource_id not in RESOURCES.values():
            raise not_found("Invalid Resource identifier specified")
        if (resource_id, http_method) in self.state.methods:
            raise ApiError(409, "ConflictException", "Method already exists for this resource")
        method = {"httpMethod": http_method, **body, "methodResponses": {}}
        self.state.methods[(resource_id, http_method)] = method
        return 201, method

    def put_integration(self, body, api_id, resource_id, http_method):
        method = self.method(api_id, resource_id, http_method)
        integration = {**body, "integrationResponses": {}}
        method["methodIntegration"] = integration
        return 201, integration

    def put_method_response(self, body, api_id, resource_id, http_method, status):
        method = self.method(api_id, resource_id, http_method)
        if status in method["methodResponses"]:
            raise ApiError(409, "ConflictException", "Response already exists for this resource")
        method["methodResponses"][status] = {"statusCode": status, **body}
        return 201, method["methodResponses"][status]

    def put_integration_response(self, body, api_id, resource_id, http_method, status):
        method = self.method(api_id, resource_id, http_method)
        if "methodIntegration" not in method:
            raise not_found("Invalid Integration identifier specified")
        declared = method["methodResponses"].get(status, {}).get("responseParameters", {})
        for name in body.get("responseParameters", {}):
            # API Gateway's own check: an integration response may only set declared headers.
            if name not in declared:
                raise ApiError(
                    400,
                    "BadRequestException",
                    f"Invalid mapping expression specified: Validation Result: warnings : [], "
                    f"errors : [No method response exists for method. {name}]",
                )
        response = {"statusCode": status, **body}
        method["methodIntegration"]["integrationResponses"][status] = response
        return 201, response

    def put_gateway_response(self, body, api_id, response_type):
        self.rest_api(api_id)
        response = {"responseType": response_type, "defaultResponse": False, **body}
        self.state.gateway_responses[response_type] = response
        return 201, response

    def create_rest_deployment(self, body, api_id):
        self.rest_api(api_id)
        deployment = {"id": f"dep{len(self.state.deployments) + 1:07d}", "description": body.get("description")}
        self.state.deployments.append({**deployment, "stageName": body.get("stageName")})
        return 201, deployment

    def http_api(self, api_id: str):
        if api_id != HTTP_API_ID:
            raise not_found("Invalid API identifier specified")

    def update_api(self, body, api_id):
        self.http_api(api_id)
        if "corsConfiguration" in body:
            self.state.http_cors = body["corsConfiguration"]
        answer = {"apiId": api_id, "name": "items-api", "protocolType": "HTTP"}
        if self.state.http_cors is not None:
            answer["corsConfiguration"] = self.state.http_cors
        return 200, answer

    def get_stage(self, body, api_id, stage):
        self.http_api(api_id)
        if stage not in HTTP_STAGES:
            raise not_found("Invalid stage identifier specified")
        return 200, {"stageName": stage, "autoDeploy": HTTP_STAGES[stage]}

    def create_http_deployment(self, body, api_id):
        self.http_api(api_id)
        if HTTP_STAGES.get(body.get("stageName")):
            # The real service refuses deployments to a stage with automatic deployment.
            raise ApiError(400, "BadRequestException", "Stage has autoDeploy enabled")
        deployment_id = f"hdep{len(self.state.http_deployments) + 1:05d}"
        self.state.http_deployments.append({"deploymentId": deployment_id, **body})
        return 201, {"deploymentId": deployment_id, "deploymentStatus": "DEPLOYED"}

    def remove_permission(self, body, function, statement_id):
        if (function, statement_id) not in self.state.policies:
            raise ApiError(404, "ResourceNotFoundException", "The resource you requested does not exist.")
        del self.state.policies[(function, statement_id)]
        return 204, None

    def add_permission(self, body, function):
        key = (function, body.get("StatementId"))
        if key in self.state.policies:
            raise ApiError(409, "ResourceConflictException", "The statement id provided already exists.")
        self.state.policies[key] = body
        return 201, {"Statement": json.dumps({"Sid": key[1]})}

    METHOD = r"/restapis/([^/]+)/resources/([^/]+)/methods/([^/]+)"
    ROUTES = [
        (("GET", r"/restapis/([^/]+)/resources"), get_resources),
        (("DELETE", METHOD), delete_method),
        (("PUT", METHOD), put_method),
        (("PUT", METHOD + "/integration"), put_integration),
        (("PUT", METHOD + r"/responses/([^/]+)"), put_method_response),
        (("PUT", METHOD + r"/integration/responses/([^/]+)"), put_integration_response),
        (("PUT", r"/restapis/([^/]+)/gatewayresponses/([^/]+)"), put_gateway_response),
        (("POST", r"/restapis/([^/]+)/deployments"), create_rest_deployment),
        (("PATCH", r"/v2/apis/([^/]+)"), update_api),
        (("GET", r"/v2/apis/([^/]+)/stages/([^/]+)"), get_stage),
        (("POST", r"/v2/apis/([^/]+)/deployments"), create_http_deployment),
        (("DELETE", r"/2015-03-31/functions/([^/]+)/policy/([^/]+)"), remove_permission),
        (("POST", r"/2015-03-31/functions/([^/]+)/policy"), add_permission),
    ]
