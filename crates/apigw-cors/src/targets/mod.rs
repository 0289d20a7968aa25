//! The output targets: one module per target, each with `fn render(&ValidCorsConfig) -> String`.

use crate::model::{ApiType, ValidCorsConfig};
use std::fmt;
use std::str::FromStr;

mod aws_cli;
mod cdk;
mod cdk_python;
mod cdk_stack;
mod cloudformation;
mod curl;
mod gateway_responses;
mod lambda_node;
mod lambda_python;
mod lambda_response;
mod openapi;
mod sam_globals;
mod sam_resource;
mod sam_template;
mod serverless;
mod terraform;

/// Something the generator can write for a configuration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Target {
    /// AWS SAM `Globals` section (`Api.Cors` or `HttpApi.CorsConfiguration`).
    SamGlobals,
    /// AWS SAM API resource (`AWS::Serverless::Api` or `AWS::Serverless::HttpApi`).
    SamResource,
    /// A complete AWS SAM template with a Lambda-backed API, deployable as is.
    SamTemplate,
    /// AWS CDK TypeScript: the construct props.
    Cdk,
    /// A complete AWS CDK app entry file in TypeScript.
    CdkStack,
    /// The complete CDK app of `CdkStack`, in Python.
    CdkPython,
    /// A complete CloudFormation template without the SAM transform.
    CloudFormation,
    /// An OpenAPI 3.0 definition (YAML) with the API Gateway extensions.
    OpenApi,
    /// A bash script of AWS CLI commands that applies the configuration to an existing API.
    AwsCli,
    /// HCL for Terraform's AWS provider: the API, its CORS and what REST needs.
    Terraform,
    /// `serverless.yml` for the Serverless Framework.
    Serverless,
    /// The Lambda proxy response the function returns (JSON).
    LambdaResponse,
    /// A Node.js Lambda handler.
    LambdaNode,
    /// A Python Lambda handler.
    LambdaPython,
    /// SAM `GatewayResponses` so API Gateway's own errors carry CORS headers (REST).
    GatewayResponses,
    /// curl commands that check the deployed API.
    Curl,
}

/// The language a target is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Syntax {
    /// YAML (SAM, CloudFormation, OpenAPI), read by YAML 1.1 and 1.2 parsers alike.
    Yaml,
    /// TypeScript (CDK).
    TypeScript,
    /// JavaScript (the Node.js handler).
    JavaScript,
    /// Python (the Python handler, the CDK app in Python).
    Python,
    /// JSON (the Lambda proxy response).
    Json,
    /// POSIX shell and bash (curl checks, the AWS CLI script).
    Shell,
    /// HashiCorp Configuration Language (Terraform).
    Hcl,
}

impl Target {
    /// Every target, in the order the page and the CLI show them.
    pub const ALL: [Target; 16] = [
        Target::SamGlobals,
        Target::SamResource,
        Target::SamTemplate,
        Target::Cdk,
        Target::CdkStack,
        Target::CdkPython,
        Target::CloudFormation,
        Target::OpenApi,
        Target::AwsCli,
        Target::Terraform,
        Target::Serverless,
        Target::LambdaResponse,
        Target::LambdaNode,
        Target::LambdaPython,
        Target::GatewayResponses,
        Target::Curl,
    ];

    /// The stable name used by the CLI and the page (`sam-globals`, …).
    pub fn name(self) -> &'static str {
        match self {
            Target::SamGlobals => "sam-globals",
            Target::SamResource => "sam-resource",
            Target::SamTemplate => "sam-template",
            Target::Cdk => "cdk",
            Target::CdkStack => "cdk-stack",
            Target::CdkPython => "cdk-python",
            Target::CloudFormation => "cloudformation",
            Target::OpenApi => "openapi",
            Target::AwsCli => "aws-cli",
            Target::Terraform => "terraform",
            Target::Serverless => "serverless",
            Target::LambdaResponse => "lambda-response",
            Target::LambdaNode => "lambda-node",
            Target::LambdaPython => "lambda-python",
            Target::GatewayResponses => "gateway-responses",
            Target::Curl => "curl",
        }
    }

    /// A short human title for the page.
    pub fn title(self) -> &'static str {
        match self {
            Target::SamGlobals => "SAM Globals",
            Target::SamResource => "SAM API resource",
            Target::SamTemplate => "Complete SAM template",
            Target::Cdk => "CDK props",
            Target::CdkStack => "Complete CDK app",
            Target::CdkPython => "Complete CDK app (Python)",
            Target::CloudFormation => "CloudFormation template",
            Target::OpenApi => "OpenAPI definition",
            Target::AwsCli => "AWS CLI script",
            Target::Terraform => "Terraform configuration",
            Target::Serverless => "Serverless Framework service",
            Target::LambdaResponse => "Lambda proxy response",
            Target::LambdaNode => "Lambda handler (Node.js)",
            Target::LambdaPython => "Lambda handler (Python)",
            Target::GatewayResponses => "Gateway responses",
            Target::Curl => "curl checks",
        }
    }

    /// The language the target is written in: decides how values are escaped in it, how the
    /// page highlights it, and which targets the YAML round-trip test covers.
    pub fn syntax(self) -> Syntax {
        match self {
            Target::SamGlobals
            | Target::SamResource
            | Target::SamTemplate
            | Target::CloudFormation
            | Target::OpenApi
            | Target::Serverless
            | Target::GatewayResponses => Syntax::Yaml,
            Target::Cdk | Target::CdkStack => Syntax::TypeScript,
            Target::LambdaNode => Syntax::JavaScript,
            Target::LambdaPython | Target::CdkPython => Syntax::Python,
            Target::LambdaResponse => Syntax::Json,
            Target::Curl | Target::AwsCli => Syntax::Shell,
            Target::Terraform => Syntax::Hcl,
        }
    }

    /// The file name a download of this target gets.
    pub fn file_name(self) -> &'static str {
        match self {
            Target::SamGlobals => "sam-globals.yaml",
            Target::SamResource => "sam-resource.yaml",
            Target::SamTemplate => "template.yaml",
            Target::Cdk => "cors-props.ts",
            Target::CdkStack => "app.ts",
            Target::CdkPython => "app.py",
            Target::CloudFormation => "cloudformation.yaml",
            Target::OpenApi => "openapi.yaml",
            Target::AwsCli => "apply-cors.sh",
            Target::Terraform => "main.tf",
            Target::Serverless => "serverless.yml",
            Target::LambdaResponse => "response.json",
            Target::LambdaNode => "index.js",
            Target::LambdaPython => "index.py",
            Target::GatewayResponses => "gateway-responses.yaml",
            Target::Curl => "check-cors.sh",
        }
    }

    /// Whether the target exists for this API type (gateway responses are REST-only).
    pub fn applies_to(self, api_type: ApiType) -> bool {
        !(self == Target::GatewayResponses && api_type == ApiType::Http)
    }

    /// The targets that exist for `api_type`, in display order.
    pub fn for_api_type(api_type: ApiType) -> impl Iterator<Item = Target> {
        Target::ALL
            .into_iter()
            .filter(move |t| t.applies_to(api_type))
    }
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// An unknown target name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownTarget(pub String);

impl fmt::Display for UnknownTarget {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown target {:?}; the targets are: ", self.0)?;
        for (index, target) in Target::ALL.into_iter().enumerate() {
            let separator = if index == 0 { "" } else { ", " };
            write!(f, "{separator}{target}")?;
        }
        Ok(())
    }
}

impl std::error::Error for UnknownTarget {}

impl FromStr for Target {
    type Err = UnknownTarget;

    fn from_str(name: &str) -> Result<Self, Self::Err> {
        Target::ALL
            .into_iter()
            .find(|t| t.name() == name)
            .ok_or_else(|| UnknownTarget(name.to_owned()))
    }
}

/// Writes `target` for a validated configuration. Deterministic and infallible.
pub fn render(target: Target, config: &ValidCorsConfig) -> String {
    match target {
        Target::SamGlobals => sam_globals::render(config),
        Target::SamResource => sam_resource::render(config),
        Target::SamTemplate => sam_template::render(config),
        Target::Cdk => cdk::render(config),
        Target::CdkStack => cdk_stack::render(config),
        Target::CdkPython => cdk_python::render(config),
        Target::CloudFormation => cloudformation::render(config),
        Target::OpenApi => openapi::render(config),
        Target::AwsCli => aws_cli::render(config),
        Target::Terraform => terraform::render(config),
        Target::Serverless => serverless::render(config),
        Target::LambdaResponse => lambda_response::render(config),
        Target::LambdaNode => lambda_node::render(config),
        Target::LambdaPython => lambda_python::render(config),
        Target::GatewayResponses => gateway_responses::render(config),
        Target::Curl => curl::render(config),
    }
}

/// The validated form of a JSON configuration, for the emitters' unit tests.
#[cfg(test)]
pub(crate) fn valid_from_json(json: &str) -> ValidCorsConfig {
    crate::validate(&crate::CorsConfig::from_json(json).unwrap())
        .unwrap()
        .config
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_target_has_its_language() {
        let syntaxes: Vec<(&str, Syntax)> = Target::ALL
            .into_iter()
            .map(|target| (target.name(), target.syntax()))
            .collect();
        assert_eq!(
            syntaxes,
            [
                ("sam-globals", Syntax::Yaml),
                ("sam-resource", Syntax::Yaml),
                ("sam-template", Syntax::Yaml),
                ("cdk", Syntax::TypeScript),
                ("cdk-stack", Syntax::TypeScript),
                ("cdk-python", Syntax::Python),
                ("cloudformation", Syntax::Yaml),
                ("openapi", Syntax::Yaml),
                ("aws-cli", Syntax::Shell),
                ("terraform", Syntax::Hcl),
                ("serverless", Syntax::Yaml),
                ("lambda-response", Syntax::Json),
                ("lambda-node", Syntax::JavaScript),
                ("lambda-python", Syntax::Python),
                ("gateway-responses", Syntax::Yaml),
                ("curl", Syntax::Shell),
            ]
        );
    }
}
