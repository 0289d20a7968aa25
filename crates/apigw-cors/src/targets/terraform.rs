//! Target `terraform`: one `main.tf` for Terraform's AWS provider that deploys the same API as
//! `cloudformation` (the same function code, authorizer, API key, gateway responses and
//! several-origins policy), written as the provider's resources:
//!
//! - HTTP API: `aws_apigatewayv2_api` with `cors_configuration`, one Lambda integration, a route
//!   per method, an auto-deploying stage;
//! - REST API: the `/items` resource, a proxy method per method, the OPTIONS method (a MOCK with
//!   its method response and integration response, or for several origins the function), the
//!   DEFAULT_4XX/5XX gateway responses, and a deployment whose `triggers` hash every resource it
//!   snapshots, so that a changed CORS configuration reaches the stage;
//! - the functions (zipped from inline code by the `archive` provider), their roles and invoke
//!   permissions, the authorizer and the API key when configured; variables for the names the
//!   user owns. The region and account are the provider's: nothing here names one.

use super::lambda_python;
use crate::emit::example_functions::{
    authorizer_source, AUTHORIZER_FUNCTION_ID, AUTHORIZER_ID, HANDLER, RUNTIME,
};
use crate::emit::facts::{
    options_method_comments, API_KEY_ID_DESCRIPTION, API_KEY_NEEDS_USAGE_PLAN,
    AUTHORIZER_PERMISSION_WHY, AUTO_DEPLOY_WHY, FUNCTION_PERMISSION_WHY, GATEWAY_RESPONSES_WHY,
    HTTP_API_ADDS_CORS_HEADERS, ITEMS_URL_DESCRIPTION, OPTIONS_ROUTE_SKIPS_AUTHORIZER,
    PREFLIGHT_WITHOUT_AUTHORIZER_OR_KEY,
};
use crate::emit::gateway_policy::{
    gateway_response_headers, gateway_response_tradeoff, GatewayHeaderValue,
    GATEWAY_RESPONSE_TYPES, REQUEST_ORIGIN,
};
use crate::emit::hcl::{list, snake_name, HclWriter};
use crate::emit::mock_preflight::{
    mock_preflight_headers, MOCK_REQUEST_TEMPLATE, MOCK_RESPONSE_BODY, MOCK_STATUS,
};
use crate::emit::sam_yaml::{event_id, event_methods, needs_options_event, FUNCTION_ID};
use crate::escape::{hcl_heredoc, hcl_static_value, hcl_string};
use crate::example::{
    EXAMPLE_API_ID as API_ID, EXAMPLE_RESOURCE, EXAMPLE_ROUTE as ROUTE, EXAMPLE_STAGE as STAGE,
};
use crate::model::{ApiType, ValidCorsConfig};

/// The AWS provider versions the output is written for: every resource type and argument it uses
/// is in the schemas of both majors (checked by `conformance/terraform`).
const AWS_PROVIDER_VERSIONS: &str = ">= 5.0, < 7.0";
/// The archive provider versions (`archive_file` with `source_content`).
const ARCHIVE_PROVIDER_VERSIONS: &str = ">= 2.0, < 3.0";
/// The default of `var.api_name` (the name the CloudFormation target's deploy command gives the stack).
const DEFAULT_API_NAME: &str = "cors-api";
/// The heredoc delimiter around the functions' Python code.
const CODE_DELIMITER: &str = "PYTHON";
/// The name of the partition data source (`data.aws_partition.current`).
const PARTITION: &str = "data.aws_partition.current.partition";

/// Renders this target.
pub(super) fn render(config: &ValidCorsConfig) -> String {
    let mut w = HclWriter::default();
    w.comment(
        0,
        "Deploy: terraform init && terraform apply. The region and credentials are the AWS \
         provider's own settings (AWS_REGION and AWS_PROFILE, or a provider \"aws\" block you add): \
         nothing here names an account or a region.",
    );
    write_settings(&mut w);
    write_variables(&mut w);
    w.blank();
    w.line(0, "data \"aws_partition\" \"current\" {}");
    match config.api_type {
        ApiType::Rest => write_rest_api(&mut w, config),
        ApiType::Http => write_http_api(&mut w, config),
    }
    let items = Function {
        id: FUNCTION_ID,
        name: "var.function_name".to_owned(),
        code: lambda_python::handler_source(config),
    };
    write_function(&mut w, &items);
    write_permission(
        &mut w,
        config,
        FUNCTION_ID,
        &format!("/*/*{ROUTE}"),
        FUNCTION_PERMISSION_WHY,
    );
    if let Some(header) = &config.authorizer_header {
        let authorizer = Function {
            id: AUTHORIZER_FUNCTION_ID,
            name: hcl_interpolated("${var.api_name}-authorizer"),
            code: authorizer_source(config, header),
        };
        write_function(&mut w, &authorizer);
        let authorizer_id = format!("{}.id", authorizer_ref(config));
        write_permission(
            &mut w,
            config,
            AUTHORIZER_FUNCTION_ID,
            &format!("/authorizers/${{{authorizer_id}}}"),
            AUTHORIZER_PERMISSION_WHY,
        );
    }
    write_outputs(&mut w, config);
    w.finish()
}

/// A string template the generator writes itself (its `${…}` are interpolations on purpose; no
/// configured value goes through here).
fn hcl_interpolated(template: &str) -> String {
    format!("\"{template}\"")
}

// ------------------------------------------------------------------------------- settings

fn write_settings(w: &mut HclWriter) {
    w.open(0, "terraform");
    w.open(2, "required_providers");
    w.comment(
        4,
        "Every resource and argument below is in the schemas of the provider's versions 5 and 6. A \
         new major version removes arguments (6.0 removed the deployment's stage_name), hence the \
         upper bound.",
    );
    w.map(4, "aws", &provider("hashicorp/aws", AWS_PROVIDER_VERSIONS));
    w.comment(4, "archive_file zips the functions' code written below.");
    w.map(
        4,
        "archive",
        &provider("hashicorp/archive", ARCHIVE_PROVIDER_VERSIONS),
    );
    w.close(2);
    w.close(0);
}

fn provider(source: &str, version: &str) -> [(String, String); 2] {
    [
        ("source".into(), hcl_string(source)),
        ("version".into(), hcl_string(version)),
    ]
}

fn write_variables(w: &mut HclWriter) {
    let variables = [
        (
            "api_name",
            "The API's name in API Gateway (also the prefix of the other names).",
            DEFAULT_API_NAME.to_owned(),
        ),
        (
            "function_name",
            "The name of the Lambda function that serves the API.",
            format!("{DEFAULT_API_NAME}-{EXAMPLE_RESOURCE}"),
        ),
    ];
    for (name, description, default) in variables {
        w.blank();
        w.open(0, &format!("variable \"{name}\""));
        w.attr(2, "description", hcl_string(description));
        w.attr(2, "type", "string");
        w.attr(2, "default", hcl_string(&default));
        w.close(0);
    }
}

// ------------------------------------------------------------------------------- names

/// `type.name` of the API (`aws_api_gateway_rest_api.cors_api`).
fn api_ref(config: &ValidCorsConfig) -> String {
    let kind = match config.api_type {
        ApiType::Rest => "aws_api_gateway_rest_api",
        ApiType::Http => "aws_apigatewayv2_api",
    };
    format!("{kind}.{}", snake_name(API_ID))
}

/// `type.name` of the authorizer.
fn authorizer_ref(config: &ValidCorsConfig) -> String {
    let kind = match config.api_type {
        ApiType::Rest => "aws_api_gateway_authorizer",
        ApiType::Http => "aws_apigatewayv2_authorizer",
    };
    format!("{kind}.{}", snake_name(AUTHORIZER_ID))
}

/// `type.name` of the stage (named after the API: there is one).
fn stage_ref(config: &ValidCorsConfig) -> String {
    let kind = match config.api_type {
        ApiType::Rest => "aws_api_gateway_stage",
        ApiType::Http => "aws_apigatewayv2_stage",
    };
    format!("{kind}.{}", snake_name(API_ID))
}

/// `aws_lambda_function.items_function`.
fn function_ref(id: &str) -> String {
    format!("aws_lambda_function.{}", snake_name(id))
}

/// `resource "kind" "name"`.
fn resource_head(kind: &str, name: &str) -> String {
    format!("resource \"{kind}\" \"{name}\"")
}

// ------------------------------------------------------------------------------- REST API

/// The `/items` resource's reference.
fn rest_resource_ref() -> String {
    format!("aws_api_gateway_resource.{EXAMPLE_RESOURCE}")
}

/// The Terraform name of the method `method` on `/items` and of its integration (`items_get`).
fn method_name(method: &str) -> String {
    snake_name(&event_id(method))
}

fn write_rest_api(w: &mut HclWriter, config: &ValidCorsConfig) {
    let api = api_ref(config);
    let api_id = format!("{api}.id");
    w.blank();
    w.open(
        0,
        &resource_head("aws_api_gateway_rest_api", &snake_name(API_ID)),
    );
    w.attr(2, "name", "var.api_name");
    w.close(0);
    w.blank();
    w.open(
        0,
        &resource_head("aws_api_gateway_resource", EXAMPLE_RESOURCE),
    );
    w.attr(2, "rest_api_id", &api_id);
    w.attr(2, "parent_id", format!("{api}.root_resource_id"));
    w.attr(2, "path_part", hcl_string(EXAMPLE_RESOURCE));
    w.close(0);

    // What the deployment snapshots, in the order written: its trigger hashes all of them.
    let mut snapshot = vec![rest_resource_ref()];
    for method in event_methods(config) {
        write_proxy_method(w, config, method);
        let name = method_name(method);
        snapshot.push(format!("aws_api_gateway_method.{name}"));
        snapshot.push(format!("aws_api_gateway_integration.{name}"));
    }
    snapshot.extend(write_options_method(w, config));
    snapshot.extend(write_gateway_responses(w, config));
    if let Some(header) = &config.authorizer_header {
        w.blank();
        w.open(
            0,
            &resource_head("aws_api_gateway_authorizer", &snake_name(AUTHORIZER_ID)),
        );
        w.attr(2, "name", hcl_string(AUTHORIZER_ID));
        w.attr(2, "rest_api_id", &api_id);
        w.attr(2, "type", hcl_string("TOKEN"));
        w.attr(
            2,
            "identity_source",
            hcl_string(&format!("method.request.header.{header}")),
        );
        w.attr(
            2,
            "authorizer_uri",
            format!("{}.invoke_arn", function_ref(AUTHORIZER_FUNCTION_ID)),
        );
        w.close(0);
        snapshot.push(authorizer_ref(config));
    }
    write_deployment(w, config, &snapshot);
    w.blank();
    w.open(
        0,
        &resource_head("aws_api_gateway_stage", &snake_name(API_ID)),
    );
    w.attr(2, "rest_api_id", &api_id);
    w.attr(2, "stage_name", hcl_string(STAGE));
    w.attr(
        2,
        "deployment_id",
        format!("aws_api_gateway_deployment.{}.id", snake_name(API_ID)),
    );
    w.close(0);
    if config.api_key_required {
        write_api_key(w, config);
    }
}

/// The first lines of a method's or integration's block: the API, the resource, the method.
fn write_method_target(w: &mut HclWriter, config: &ValidCorsConfig, http_method: &str) {
    w.attr(2, "rest_api_id", format!("{}.id", api_ref(config)));
    w.attr(2, "resource_id", format!("{}.id", rest_resource_ref()));
    w.attr(2, "http_method", http_method);
}

/// A method's `aws_api_gateway_method` block head and target lines.
fn open_method(w: &mut HclWriter, config: &ValidCorsConfig, method: &str) {
    w.blank();
    w.open(
        0,
        &resource_head("aws_api_gateway_method", &method_name(method)),
    );
    write_method_target(w, config, &hcl_string(method));
}

/// The integration of `method` (its block head and target lines), reading the method's
/// `http_method` so that Terraform makes the method first.
fn open_integration(w: &mut HclWriter, config: &ValidCorsConfig, kind: &str, method: &str) {
    let name = method_name(method);
    w.blank();
    w.open(0, &resource_head(kind, &name));
    write_method_target(
        w,
        config,
        &format!("aws_api_gateway_method.{name}.http_method"),
    );
}

/// The Lambda proxy integration of `method` to the items function.
fn write_proxy_integration(w: &mut HclWriter, config: &ValidCorsConfig, method: &str) {
    open_integration(w, config, "aws_api_gateway_integration", method);
    w.attr(2, "type", hcl_string("AWS_PROXY"));
    w.attr(2, "integration_http_method", hcl_string("POST"));
    w.attr(
        2,
        "uri",
        format!("{}.invoke_arn", function_ref(FUNCTION_ID)),
    );
    w.close(0);
}

/// One of the methods the function serves, with the authorizer and the API key when configured.
fn write_proxy_method(w: &mut HclWriter, config: &ValidCorsConfig, method: &str) {
    open_method(w, config, method);
    if config.authorizer_header.is_some() {
        w.attr(2, "authorization", hcl_string("CUSTOM"));
        w.attr(2, "authorizer_id", format!("{}.id", authorizer_ref(config)));
    } else {
        w.attr(2, "authorization", hcl_string("NONE"));
    }
    w.attr(2, "api_key_required", config.api_key_required.to_string());
    w.close(0);
    write_proxy_integration(w, config, method);
}

/// The OPTIONS method that answers the preflight: a MOCK with the CORS headers (method,
/// integration, method response, integration response), or with several origins the function.
/// Returns the references of what it wrote, for the deployment's trigger.
fn write_options_method(w: &mut HclWriter, config: &ValidCorsConfig) -> Vec<String> {
    let mock = mock_preflight_headers(config);
    w.blank();
    for comment in options_method_comments(config, mock.is_some()) {
        w.comment(0, &comment);
    }
    let name = method_name("OPTIONS");
    w.open(0, &resource_head("aws_api_gateway_method", &name));
    write_method_target(w, config, &hcl_string("OPTIONS"));
    w.comment(2, PREFLIGHT_WITHOUT_AUTHORIZER_OR_KEY);
    w.attr(2, "authorization", hcl_string("NONE"));
    w.attr(2, "api_key_required", "false");
    w.close(0);
    let method = format!("aws_api_gateway_method.{name}");
    let integration = format!("aws_api_gateway_integration.{name}");
    let Some(headers) = mock else {
        write_proxy_integration(w, config, "OPTIONS");
        return vec![method, integration];
    };
    open_integration(w, config, "aws_api_gateway_integration", "OPTIONS");
    w.attr(2, "type", hcl_string("MOCK"));
    w.map(
        2,
        "request_templates",
        &[(
            hcl_string("application/json"),
            hcl_string(MOCK_REQUEST_TEMPLATE),
        )],
    );
    w.close(0);

    let parameter = |header: &str| hcl_string(&format!("method.response.header.{header}"));
    open_integration(w, config, "aws_api_gateway_method_response", "OPTIONS");
    w.attr(2, "status_code", hcl_string(MOCK_STATUS));
    w.comment(
        2,
        "Every header the integration response sets is declared here (false: declared, not \
         required of the integration).",
    );
    let declared: Vec<(String, String)> = headers
        .iter()
        .map(|(header, _)| (parameter(header), "false".to_owned()))
        .collect();
    w.map(2, "response_parameters", &declared);
    w.close(0);

    let method_response = format!("aws_api_gateway_method_response.{name}");
    open_integration(w, config, "aws_api_gateway_integration_response", "OPTIONS");
    w.attr(2, "status_code", format!("{method_response}.status_code"));
    let values: Vec<(String, String)> = headers
        .iter()
        .map(|(header, value)| (parameter(header), hcl_static_value(value)))
        .collect();
    w.map(2, "response_parameters", &values);
    w.map(
        2,
        "response_templates",
        &[(
            hcl_string("application/json"),
            hcl_string(MOCK_RESPONSE_BODY),
        )],
    );
    w.blank();
    w.comment(
        2,
        "After the integration: an integration response made before it fails (NotFoundException: \
         No integration defined for method).",
    );
    w.attr(2, "depends_on", list(std::slice::from_ref(&integration)));
    w.close(0);
    vec![
        method,
        integration,
        method_response,
        format!("aws_api_gateway_integration_response.{name}"),
    ]
}

/// The Terraform name of a gateway response (`default_4xx`).
fn gateway_response_name(response_type: &str) -> String {
    response_type.to_ascii_lowercase()
}

/// DEFAULT_4XX and DEFAULT_5XX with the headers of the shared policy (`gateway_policy`).
/// Returns their references, for the deployment's trigger.
fn write_gateway_responses(w: &mut HclWriter, config: &ValidCorsConfig) -> Vec<String> {
    w.blank();
    w.comment(0, GATEWAY_RESPONSES_WHY);
    if let Some(tradeoff) = gateway_response_tradeoff(config) {
        w.comment(0, &tradeoff);
    }
    let headers: Vec<(String, String)> = gateway_response_headers(config)
        .into_iter()
        .map(|(name, value)| {
            let value = match value {
                GatewayHeaderValue::Static(text) => hcl_static_value(&text),
                GatewayHeaderValue::RequestOrigin => hcl_string(REQUEST_ORIGIN),
            };
            (hcl_string(&format!("gatewayresponse.header.{name}")), value)
        })
        .collect();
    let mut written = Vec::new();
    for (index, response_type) in GATEWAY_RESPONSE_TYPES.into_iter().enumerate() {
        if index > 0 {
            w.blank();
        }
        let name = gateway_response_name(response_type);
        w.open(0, &resource_head("aws_api_gateway_gateway_response", &name));
        w.attr(2, "rest_api_id", format!("{}.id", api_ref(config)));
        w.attr(2, "response_type", hcl_string(response_type));
        w.map(2, "response_parameters", &headers);
        w.close(0);
        written.push(format!("aws_api_gateway_gateway_response.{name}"));
    }
    written
}

/// The deployment, replaced whenever anything it snapshots changes.
fn write_deployment(w: &mut HclWriter, config: &ValidCorsConfig, snapshot: &[String]) {
    w.blank();
    w.comment(
        0,
        "The stage serves a snapshot of the API: the deployment it points to. Terraform makes a \
         deployment again only when the deployment's own arguments change, so a changed OPTIONS \
         method or gateway response would not reach the stage (it would keep answering with the \
         old CORS headers). The trigger below is a hash of every resource the snapshot holds, \
         whole (not their ids: a gateway response changed in place keeps its id), so any change \
         to them, CORS values included, replaces the deployment; it is hashed here rather than \
         written as a fixed value so that it stays right when you edit the resources. Add the \
         methods and responses you add to the list. create_before_destroy makes the new \
         deployment before the old one goes (a deployment a stage points to cannot be deleted).",
    );
    if config.echoes_origin() {
        w.comment(
            0,
            "With several origins the function's code holds the preflight's CORS values: a new \
             version of it needs no new deployment (the integrations call its latest code).",
        );
    }
    w.open(
        0,
        &resource_head("aws_api_gateway_deployment", &snake_name(API_ID)),
    );
    w.attr(2, "rest_api_id", format!("{}.id", api_ref(config)));
    w.blank();
    w.line(2, "triggers = {");
    w.line(4, "redeployment = sha1(jsonencode([");
    for reference in snapshot {
        w.line(6, format!("{reference},"));
    }
    w.line(4, "]))");
    w.line(2, "}");
    w.open(2, "lifecycle");
    w.attr(4, "create_before_destroy", "true");
    w.close(2);
    w.close(0);
}

/// The API key, a usage plan for the stage, and the key in the plan.
fn write_api_key(w: &mut HclWriter, config: &ValidCorsConfig) {
    let name = snake_name(API_ID);
    w.blank();
    w.comment(0, API_KEY_NEEDS_USAGE_PLAN);
    w.open(0, &resource_head("aws_api_gateway_api_key", &name));
    w.attr(2, "name", hcl_interpolated("${var.api_name}-key"));
    w.attr(2, "enabled", "true");
    w.close(0);
    w.blank();
    w.open(0, &resource_head("aws_api_gateway_usage_plan", &name));
    w.attr(2, "name", hcl_interpolated("${var.api_name}-usage-plan"));
    w.open(2, "api_stages");
    w.attr(4, "api_id", format!("{}.id", api_ref(config)));
    w.attr(4, "stage", format!("{}.stage_name", stage_ref(config)));
    w.close(2);
    w.close(0);
    w.blank();
    w.open(0, &resource_head("aws_api_gateway_usage_plan_key", &name));
    w.attr(2, "key_id", format!("aws_api_gateway_api_key.{name}.id"));
    w.attr(2, "key_type", hcl_string("API_KEY"));
    w.attr(
        2,
        "usage_plan_id",
        format!("aws_api_gateway_usage_plan.{name}.id"),
    );
    w.close(0);
}

// ------------------------------------------------------------------------------- HTTP API

/// `["a", "b"]`: a list of HCL strings.
fn string_list(values: &[impl AsRef<str>]) -> String {
    let items: Vec<String> = values.iter().map(|v| hcl_string(v.as_ref())).collect();
    list(&items)
}

/// The HTTP API's Lambda integration's reference.
fn http_integration_ref() -> String {
    format!("aws_apigatewayv2_integration.{EXAMPLE_RESOURCE}")
}

fn write_http_api(w: &mut HclWriter, config: &ValidCorsConfig) {
    let api_id = format!("{}.id", api_ref(config));
    w.blank();
    w.open(
        0,
        &resource_head("aws_apigatewayv2_api", &snake_name(API_ID)),
    );
    w.attr(2, "name", "var.api_name");
    w.attr(2, "protocol_type", hcl_string("HTTP"));
    w.blank();
    w.comment(2, HTTP_API_ADDS_CORS_HEADERS);
    w.open(2, "cors_configuration");
    w.attr(4, "allow_origins", string_list(&config.origins.values()));
    w.attr(4, "allow_methods", string_list(&config.methods.names()));
    if !config.allow_headers.is_empty() {
        w.attr(4, "allow_headers", string_list(&config.allow_headers));
    }
    if !config.expose_headers.is_empty() {
        w.attr(4, "expose_headers", string_list(&config.expose_headers));
    }
    if let Some(max_age) = config.max_age {
        w.attr(4, "max_age", max_age.to_string());
    }
    w.attr(4, "allow_credentials", config.allow_credentials.to_string());
    w.close(2);
    w.close(0);

    w.blank();
    w.open(
        0,
        &resource_head("aws_apigatewayv2_integration", EXAMPLE_RESOURCE),
    );
    w.attr(2, "api_id", &api_id);
    w.attr(2, "integration_type", hcl_string("AWS_PROXY"));
    w.attr(
        2,
        "integration_uri",
        format!("{}.arn", function_ref(FUNCTION_ID)),
    );
    w.attr(
        2,
        "payload_format_version",
        hcl_string(config.payload_format.as_str()),
    );
    w.close(0);
    for method in event_methods(config) {
        w.blank();
        write_route(w, config, method);
    }
    if needs_options_event(config) {
        w.blank();
        w.comment(0, OPTIONS_ROUTE_SKIPS_AUTHORIZER);
        write_route(w, config, "OPTIONS");
    }
    if let Some(header) = &config.authorizer_header {
        w.blank();
        w.open(
            0,
            &resource_head("aws_apigatewayv2_authorizer", &snake_name(AUTHORIZER_ID)),
        );
        w.attr(2, "name", hcl_string(AUTHORIZER_ID));
        w.attr(2, "api_id", &api_id);
        w.attr(2, "authorizer_type", hcl_string("REQUEST"));
        w.attr(
            2,
            "authorizer_uri",
            format!("{}.invoke_arn", function_ref(AUTHORIZER_FUNCTION_ID)),
        );
        w.attr(2, "authorizer_payload_format_version", hcl_string("2.0"));
        w.attr(2, "enable_simple_responses", "true");
        w.attr(
            2,
            "identity_sources",
            list(&[hcl_string(&format!("$request.header.{header}"))]),
        );
        w.close(0);
    }
    w.blank();
    w.comment(0, AUTO_DEPLOY_WHY);
    w.open(
        0,
        &resource_head("aws_apigatewayv2_stage", &snake_name(API_ID)),
    );
    w.attr(2, "api_id", &api_id);
    w.attr(2, "name", hcl_string(STAGE));
    w.attr(2, "auto_deploy", "true");
    w.close(0);
}

/// The route `METHOD /items` to the function; OPTIONS never goes through the authorizer.
fn write_route(w: &mut HclWriter, config: &ValidCorsConfig, method: &str) {
    w.open(
        0,
        &resource_head("aws_apigatewayv2_route", &method_name(method)),
    );
    w.attr(2, "api_id", format!("{}.id", api_ref(config)));
    w.attr(2, "route_key", hcl_string(&format!("{method} {ROUTE}")));
    w.attr(
        2,
        "target",
        hcl_interpolated(&format!("integrations/${{{}.id}}", http_integration_ref())),
    );
    match &config.authorizer_header {
        Some(_) if method != "OPTIONS" => {
            w.attr(2, "authorization_type", hcl_string("CUSTOM"));
            w.attr(2, "authorizer_id", format!("{}.id", authorizer_ref(config)));
        }
        _ => w.attr(2, "authorization_type", hcl_string("NONE")),
    }
    w.close(0);
}

// ------------------------------------------------------------------------------- functions

/// A function of the example: its logical ID, its name (an HCL expression) and its Python code.
struct Function {
    id: &'static str,
    name: String,
    code: String,
}

/// The function's code zipped by `archive_file`, its execution role (CloudWatch Logs only) and
/// the function.
fn write_function(w: &mut HclWriter, function: &Function) {
    let name = snake_name(function.id);
    let archive = format!("data.archive_file.{name}");
    let role = format!("aws_iam_role.{name}");
    let module = HANDLER.split('.').next().unwrap_or(HANDLER);
    w.blank();
    w.open(0, &format!("data \"archive_file\" \"{name}\""));
    w.attr(2, "type", hcl_string("zip"));
    w.attr(
        2,
        "output_path",
        hcl_interpolated(&format!("${{path.module}}/build/{name}.zip")),
    );
    w.attr(
        2,
        "source_content_filename",
        hcl_string(&format!("{module}.py")),
    );
    w.multi_line_attr(
        2,
        "source_content",
        &hcl_heredoc(&function.code, CODE_DELIMITER),
    );
    w.close(0);

    w.blank();
    w.open(0, &resource_head("aws_iam_role", &name));
    w.line(2, "assume_role_policy = jsonencode({");
    w.attr(4, "Version", hcl_string("2012-10-17"));
    w.line(4, "Statement = [{");
    w.attr(6, "Effect", hcl_string("Allow"));
    w.attr(6, "Principal", "{ Service = \"lambda.amazonaws.com\" }");
    w.attr(6, "Action", hcl_string("sts:AssumeRole"));
    w.line(4, "}]");
    w.line(2, "})");
    w.close(0);

    w.blank();
    w.open(0, &resource_head("aws_iam_role_policy_attachment", &name));
    w.attr(2, "role", format!("{role}.name"));
    w.attr(
        2,
        "policy_arn",
        hcl_interpolated(&format!(
            "arn:${{{PARTITION}}}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
        )),
    );
    w.close(0);

    w.blank();
    w.open(0, &resource_head("aws_lambda_function", &name));
    w.attr(2, "function_name", &function.name);
    w.attr(2, "role", format!("{role}.arn"));
    w.attr(2, "runtime", hcl_string(RUNTIME));
    w.attr(2, "handler", hcl_string(HANDLER));
    w.attr(2, "filename", format!("{archive}.output_path"));
    w.attr(
        2,
        "source_code_hash",
        format!("{archive}.output_base64sha256"),
    );
    w.close(0);
}

/// Lets API Gateway invoke the function `id` for requests matching `source` (after the API's
/// execution ARN).
fn write_permission(
    w: &mut HclWriter,
    config: &ValidCorsConfig,
    id: &str,
    source: &str,
    why: &str,
) {
    w.blank();
    w.comment(0, why);
    w.open(0, &resource_head("aws_lambda_permission", &snake_name(id)));
    w.attr(2, "action", hcl_string("lambda:InvokeFunction"));
    w.attr(
        2,
        "function_name",
        format!("{}.function_name", function_ref(id)),
    );
    w.attr(2, "principal", hcl_string("apigateway.amazonaws.com"));
    w.attr(
        2,
        "source_arn",
        hcl_interpolated(&format!("${{{}.execution_arn}}{source}", api_ref(config))),
    );
    w.close(0);
}

/// The example route's URL and, with an API key, the key's ID.
fn write_outputs(w: &mut HclWriter, config: &ValidCorsConfig) {
    w.blank();
    w.open(0, "output \"items_url\"");
    w.attr(2, "description", hcl_string(ITEMS_URL_DESCRIPTION));
    w.attr(
        2,
        "value",
        hcl_interpolated(&format!("${{{}.invoke_url}}{ROUTE}", stage_ref(config))),
    );
    w.close(0);
    if config.api_type == ApiType::Rest && config.api_key_required {
        w.blank();
        w.open(0, "output \"api_key_id\"");
        w.attr(2, "description", hcl_string(API_KEY_ID_DESCRIPTION));
        w.attr(
            2,
            "value",
            format!("aws_api_gateway_api_key.{}.id", snake_name(API_ID)),
        );
        w.close(0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::targets::valid_from_json as valid;

    #[test]
    fn http_any_route_with_an_authorizer_gets_an_options_route_without_it() {
        let text = render(&valid(
            r#"{"apiType": "http", "allowOrigins": ["https://app.example.com"], "allowMethods": ["*"],
                "authorizerHeader": "Authorization", "payloadFormatVersion": "1.0"}"#,
        ));
        assert!(text.contains(
            r#"resource "aws_apigatewayv2_route" "items_any" {
  api_id             = aws_apigatewayv2_api.cors_api.id
  route_key          = "ANY /items"
  target             = "integrations/${aws_apigatewayv2_integration.items.id}"
  authorization_type = "CUSTOM"
  authorizer_id      = aws_apigatewayv2_authorizer.token_authorizer.id
}

# The preflight skips the authorizer: the ANY route would otherwise send OPTIONS to it.
resource "aws_apigatewayv2_route" "items_options" {
  api_id             = aws_apigatewayv2_api.cors_api.id
  route_key          = "OPTIONS /items"
  target             = "integrations/${aws_apigatewayv2_integration.items.id}"
  authorization_type = "NONE"
}
"#
        ));
        assert!(text.contains("  payload_format_version = \"1.0\"\n"));
        assert!(!text.contains("aws_api_gateway_"));
    }

    #[test]
    fn rest_several_origins_send_the_preflight_to_the_function_and_hash_no_mock() {
        let text = render(&valid(
            r#"{"apiType": "rest", "allowOrigins": ["https://a.example.com", "https://b.example.com"],
                "allowMethods": ["GET"], "authorizerHeader": "X-Token", "apiKeyRequired": true}"#,
        ));
        assert!(text.contains(
            r#"resource "aws_api_gateway_integration" "items_options" {
  rest_api_id             = aws_api_gateway_rest_api.cors_api.id
  resource_id             = aws_api_gateway_resource.items.id
  http_method             = aws_api_gateway_method.items_options.http_method
  type                    = "AWS_PROXY"
  integration_http_method = "POST"
  uri                     = aws_lambda_function.items_function.invoke_arn
}
"#
        ));
        assert!(!text.contains("\"MOCK\"") && !text.contains("aws_api_gateway_method_response"));
        assert!(text.contains(
            "      aws_api_gateway_gateway_response.default_5xx,\n      aws_api_gateway_authorizer.token_authorizer,\n    ]))\n"
        ));
        assert!(text.contains(
            "  source_arn    = \"${aws_api_gateway_rest_api.cors_api.execution_arn}/authorizers/${aws_api_gateway_authorizer.token_authorizer.id}\"\n"
        ));
        assert!(text.contains("resource \"aws_api_gateway_usage_plan_key\" \"cors_api\" {\n"));
    }
}
