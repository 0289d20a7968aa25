//! The example API that every output, the simulator and the page describe: one Lambda function
//! behind one route of one stage. Each fact is written here once; emitters interpolate these
//! constants, and constant texts that name them are built with the macros below.

/// The example API's region, as a literal (for `concat!`).
macro_rules! example_region {
    () => {
        "us-east-1"
    };
}
/// The example API's host, as a literal (for `concat!`).
macro_rules! example_host {
    () => {
        concat!(
            "abc123.execute-api.",
            $crate::example::example_region!(),
            ".amazonaws.com"
        )
    };
}
/// The example stage, as a literal (for `concat!`).
macro_rules! example_stage {
    () => {
        "prod"
    };
}
/// The example resource's path part, as a literal (for `concat!`): `"items"`.
macro_rules! example_resource {
    () => {
        "items"
    };
}
/// The example route, as a literal (for `concat!`): `"/items"`.
macro_rules! example_route {
    () => {
        concat!("/", $crate::example::example_resource!())
    };
}
/// The invoke URL of the example stage, as a literal (for `concat!`).
macro_rules! example_stage_url {
    () => {
        concat!(
            "https://",
            $crate::example::example_host!(),
            "/",
            $crate::example::example_stage!()
        )
    };
}
pub(crate) use {example_host, example_region, example_resource, example_route, example_stage};

/// The logical id (CloudFormation, SAM) and construct id (CDK) of the example API.
pub const EXAMPLE_API_ID: &str = "CorsApi";
/// The region the example API is deployed in (the complete templates that name a region).
pub const EXAMPLE_REGION: &str = example_region!();
/// The stage the example API is deployed to.
pub const EXAMPLE_STAGE: &str = example_stage!();
/// The example route's path (`/items`).
pub const EXAMPLE_ROUTE: &str = example_route!();
/// The path part of the example resource, without the slash (`items`).
pub const EXAMPLE_RESOURCE: &str = example_resource!();
/// The invoke URL of the example stage, without a trailing slash.
pub const EXAMPLE_STAGE_URL: &str = example_stage_url!();
/// The API URL requests go to when the user does not give one: the example route on the stage.
pub const EXAMPLE_API_URL: &str = concat!(example_stage_url!(), example_route!());

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_urls_are_built_from_the_pieces() {
        assert_eq!(
            EXAMPLE_API_URL,
            "https://abc123.execute-api.us-east-1.amazonaws.com/prod/items"
        );
        assert_eq!(
            format!("{EXAMPLE_STAGE_URL}{EXAMPLE_ROUTE}"),
            EXAMPLE_API_URL
        );
        assert_eq!(EXAMPLE_RESOURCE, "items");
        assert_eq!(EXAMPLE_REGION, "us-east-1");
    }
}
