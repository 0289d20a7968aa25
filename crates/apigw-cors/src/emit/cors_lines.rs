//! Which lines of the generated text carry CORS: the generator's knowledge of what it writes,
//! so that a view can mark those lines without guessing. A line carries CORS when it sets or
//! computes a CORS header or setting (a tool's CORS property, an `Access-Control-…` header,
//! `Vary`, the request's `Origin`) or lists one of the configured origins.

use super::lambda_cors::VARY;
use crate::example::EXAMPLE_API_ID;
use crate::model::ValidCorsConfig;

/// The words, folded to lower-case letters and digits, that name a CORS setting in every
/// target's language: SAM and CloudFormation (`Cors`, `AllowOrigins`), CDK (`allowOrigins`,
/// `corsPreflight`), Python (`allow_origins`), the Serverless Framework (`allowedHeaders`,
/// `allowedMethods`, `exposedResponseHeaders`), and the headers themselves.
const CORS_WORDS: [&str; 12] = [
    "accesscontrol",
    "cors",
    "alloworigin",
    "allowmethod",
    "allowheader",
    "exposeheader",
    "maxage",
    "allowcredential",
    "origin",
    "allowedheader",
    "allowedmethod",
    "exposedresponseheader",
];

/// Tells which lines of a target's text, for one configuration, carry CORS.
///
/// ```
/// use apigw_cors::{render, validate, CorsConfig, CorsLines, Target};
///
/// let config = validate(&CorsConfig::default()).unwrap().config;
/// let lines = CorsLines::new(&config);
/// let text = render(Target::SamGlobals, &config);
/// assert!(text.lines().any(|line| line.trim() == "- https://app.example.com"));
/// assert!(lines.carries_cors("        - https://app.example.com"));
/// assert!(lines.carries_cors("    CorsConfiguration:"));
/// assert!(!lines.carries_cors("  CorsApi:"));
/// assert!(!lines.carries_cors("      Runtime: python3.13"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CorsLines {
    /// The configured origins (not `*`), as written in the outputs.
    origins: Vec<String>,
}

impl CorsLines {
    /// The marks for the outputs of `config`.
    pub fn new(config: &ValidCorsConfig) -> CorsLines {
        let origins = config.origins.values();
        CorsLines {
            origins: origins
                .into_iter()
                .filter(|origin| *origin != "*")
                .map(str::to_owned)
                .collect(),
        }
    }

    /// Whether `line` (one line of a target's text, without its line feed) carries CORS.
    pub fn carries_cors(&self, line: &str) -> bool {
        let folded = fold(line);
        // The example API's logical id names CORS but sets nothing.
        let folded = folded.replace(&fold(EXAMPLE_API_ID), "");
        CORS_WORDS.iter().any(|word| folded.contains(word))
            || folded.contains(&fold(VARY))
            || self
                .origins
                .iter()
                .any(|origin| line.contains(origin.as_str()))
    }
}

/// The line's ASCII letters and digits, in lower case (`Access-Control-Allow-Origin` →
/// `accesscontrolalloworigin`), so one word matches every language's spelling.
fn fold(text: &str) -> String {
    text.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::targets::{render, valid_from_json, Target};

    #[test]
    fn every_line_naming_a_cors_header_or_an_origin_is_marked_in_every_target() {
        for json in [
            r#"{"apiType":"rest","allowOrigins":["https://a.example","http://localhost:3000"],"allowMethods":["GET","PUT"],"allowHeaders":["X-Token"],"exposeHeaders":["X-Id"],"maxAge":600,"allowCredentials":true}"#,
            r#"{"apiType":"http","allowOrigins":["https://a.example"],"allowMethods":["GET"],"maxAge":0}"#,
        ] {
            let config = valid_from_json(json);
            let marks = CorsLines::new(&config);
            for target in Target::for_api_type(config.api_type) {
                let text = render(target, &config);
                for line in text.lines() {
                    let names_cors = line.contains("Access-Control-")
                        || line.contains("https://a.example")
                        || line.contains("http://localhost:3000");
                    if names_cors {
                        assert!(marks.carries_cors(line), "{target}: {line}");
                    }
                }
                let marked = text.lines().filter(|l| marks.carries_cors(l)).count();
                assert!(marked < text.lines().count(), "{target}: every line marked");
            }
        }
    }

    #[test]
    fn lines_without_cors_are_not_marked() {
        let marks = CorsLines::new(&valid_from_json(
            r#"{"apiType":"http","allowOrigins":["*"],"allowMethods":["GET"]}"#,
        ));
        assert!(!marks.carries_cors("  CorsApi:"));
        assert!(!marks.carries_cors("    Runtime: python3.13"));
        assert!(
            !marks.carries_cors("  - '*'"),
            "* alone is no origin to find"
        );
        assert!(marks.carries_cors("      Vary: Origin"));
        assert!(marks.carries_cors("allow_origins = ['https://a.com']"));
        assert!(marks.carries_cors("'Access-Control-Allow-Origin': origin,"));
        assert!(marks.carries_cors("      allowedHeaders: []"));
        assert!(marks.carries_cors("      allowedMethods:"));
        assert!(marks.carries_cors("      exposedResponseHeaders:"));
    }
}
