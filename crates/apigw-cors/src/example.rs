//! The example API that every output, the simulator and the page describe: one Lambda function
//! behind one route of one stage. Each fact is written here once; emitters interpolate these
//! constants instead of repeating the literals.

/// Pieces as literal macros, so the URLs below can be built with `concat!` at compile time.
macro_rules! host {
    () => {
        "abc123.execute-api.us-east-1.amazonaws.com"
    };
}
macro_rules! stage {
    () => {
        "prod"
    };
}
macro_rules! resource {
    () => {
        "items"
    };
}

/// The logical id (CloudFormation, SAM) and construct id (CDK) of the example API.
pub const EXAMPLE_API_ID: &str = "CorsApi";
/// The stage the example API is deployed to.
pub const EXAMPLE_STAGE: &str = stage!();
/// The path part of the example resource, without a slash (`items`).
pub const EXAMPLE_RESOURCE: &str = resource!();
/// The example route's path (`/items`).
pub const EXAMPLE_ROUTE: &str = concat!("/", resource!());
/// The invoke URL of the example stage, without a trailing slash.
pub const EXAMPLE_STAGE_URL: &str = concat!("https://", host!(), "/", stage!());
/// The API URL requests go to when the user does not give one: the example route on the stage.
pub const EXAMPLE_API_URL: &str = concat!("https://", host!(), "/", stage!(), "/", resource!());

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
    }
}
