//! The tools a user deploys with, and which outputs each one reads: the page's tool list and
//! the panels it shows come from this table, so a new target appears by adding it here.

use crate::model::ApiType;
use crate::targets::Target;
use std::fmt;
use std::str::FromStr;

/// A tool that deploys API Gateway, as the user picks it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum DeployTool {
    /// AWS SAM.
    #[default]
    Sam,
    /// AWS CDK in TypeScript.
    Cdk,
    /// AWS CDK in Python.
    CdkPython,
    /// AWS CloudFormation without the SAM transform.
    CloudFormation,
    /// An OpenAPI definition imported into API Gateway.
    OpenApi,
    /// Terraform with the AWS provider.
    Terraform,
    /// The Serverless Framework.
    Serverless,
    /// The AWS CLI against an existing API.
    AwsCli,
}

/// The outputs every user needs whatever the tool: the function's answer, API Gateway's own
/// errors (REST only, by [`Target::applies_to`]) and the checks of the deployed API.
pub const SHARED_TARGETS: [Target; 5] = [
    Target::LambdaResponse,
    Target::LambdaNode,
    Target::LambdaPython,
    Target::GatewayResponses,
    Target::Curl,
];

impl DeployTool {
    /// Every tool, in the order the page lists them.
    pub const ALL: [DeployTool; 8] = [
        DeployTool::Sam,
        DeployTool::Cdk,
        DeployTool::CdkPython,
        DeployTool::CloudFormation,
        DeployTool::OpenApi,
        DeployTool::Terraform,
        DeployTool::Serverless,
        DeployTool::AwsCli,
    ];

    /// The stable id used in links, storage and the page's `data-testid` (`tool-<id>`).
    pub fn id(self) -> &'static str {
        match self {
            DeployTool::Sam => "sam",
            DeployTool::Cdk => "cdk",
            DeployTool::CdkPython => "cdk-python",
            DeployTool::CloudFormation => "cloudformation",
            DeployTool::OpenApi => "openapi",
            DeployTool::Terraform => "terraform",
            DeployTool::Serverless => "serverless",
            DeployTool::AwsCli => "aws-cli",
        }
    }

    /// The name the page shows.
    pub fn label(self) -> &'static str {
        match self {
            DeployTool::Sam => "AWS SAM",
            DeployTool::Cdk => "CDK (TypeScript)",
            DeployTool::CdkPython => "CDK (Python)",
            DeployTool::CloudFormation => "CloudFormation",
            DeployTool::OpenApi => "OpenAPI",
            DeployTool::Terraform => "Terraform",
            DeployTool::Serverless => "Serverless Framework",
            DeployTool::AwsCli => "AWS CLI",
        }
    }

    /// The tool's own outputs, in display order.
    pub fn own_targets(self) -> &'static [Target] {
        match self {
            DeployTool::Sam => &[Target::SamGlobals, Target::SamResource, Target::SamTemplate],
            DeployTool::Cdk => &[Target::Cdk, Target::CdkStack],
            DeployTool::CdkPython => &[Target::CdkPython],
            DeployTool::CloudFormation => &[Target::CloudFormation],
            DeployTool::OpenApi => &[Target::OpenApi],
            DeployTool::Terraform => &[Target::Terraform],
            DeployTool::Serverless => &[Target::Serverless],
            DeployTool::AwsCli => &[Target::AwsCli],
        }
    }

    /// Everything the page shows for this tool and API type: the tool's own outputs, then
    /// [`SHARED_TARGETS`], each only where it applies to `api_type`.
    pub fn targets(self, api_type: ApiType) -> impl Iterator<Item = Target> {
        self.own_targets()
            .iter()
            .copied()
            .chain(SHARED_TARGETS)
            .filter(move |target| target.applies_to(api_type))
    }
}

impl fmt::Display for DeployTool {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// An unknown tool id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownTool(pub String);

impl fmt::Display for UnknownTool {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown tool {:?}; the tools are: ", self.0)?;
        for (index, tool) in DeployTool::ALL.into_iter().enumerate() {
            let separator = if index == 0 { "" } else { ", " };
            write!(f, "{separator}{tool}")?;
        }
        Ok(())
    }
}

impl std::error::Error for UnknownTool {}

impl FromStr for DeployTool {
    type Err = UnknownTool;

    fn from_str(id: &str) -> Result<Self, Self::Err> {
        DeployTool::ALL
            .into_iter()
            .find(|tool| tool.id() == id)
            .ok_or_else(|| UnknownTool(id.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_target_belongs_to_exactly_one_tool_or_to_every_tool() {
        for target in Target::ALL {
            let owners = DeployTool::ALL
                .into_iter()
                .filter(|tool| tool.own_targets().contains(&target))
                .count();
            let shared = SHARED_TARGETS.contains(&target);
            assert_eq!(
                (owners, shared),
                if shared { (0, true) } else { (1, false) },
                "{target}"
            );
        }
    }

    #[test]
    fn sam_on_rest_and_http() {
        let names = |api_type| -> Vec<&str> {
            DeployTool::Sam
                .targets(api_type)
                .map(Target::name)
                .collect()
        };
        assert_eq!(
            names(ApiType::Rest),
            [
                "sam-globals",
                "sam-resource",
                "sam-template",
                "lambda-response",
                "lambda-node",
                "lambda-python",
                "gateway-responses",
                "curl"
            ]
        );
        assert_eq!(
            names(ApiType::Http),
            [
                "sam-globals",
                "sam-resource",
                "sam-template",
                "lambda-response",
                "lambda-node",
                "lambda-python",
                "curl"
            ]
        );
    }

    #[test]
    fn ids_read_back_and_unknown_ids_list_the_tools() {
        for tool in DeployTool::ALL {
            assert_eq!(tool.id().parse::<DeployTool>(), Ok(tool));
        }
        assert_eq!(DeployTool::default(), DeployTool::Sam);
        assert_eq!(
            "pulumi".parse::<DeployTool>().unwrap_err().to_string(),
            "unknown tool \"pulumi\"; the tools are: sam, cdk, cdk-python, cloudformation, openapi, terraform, serverless, aws-cli"
        );
    }
}
