//! The stable codes of every finding: validation errors and notes, advice, and the template
//! importer's findings. One enum, so a code is spelled once and a `match` over rules is checked
//! by the compiler; the code strings are what the CLI prints and `--format json` carries.

use serde::Serialize;
use std::fmt;

/// Defines [`Rule`] with its code strings, in one table.
macro_rules! rules {
    ($($variant:ident = $code:literal,)*) => {
        /// The rule a finding comes from, named by its stable code.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Rule {
            $(
                #[doc = concat!("`", $code, "`")]
                $variant,
            )*
        }

        impl Rule {
            /// Every rule, in code order.
            pub const ALL: &'static [Rule] = &[$(Rule::$variant),*];

            /// The stable code, for example `origin-trailing-slash`.
            pub fn code(self) -> &'static str {
                match self {
                    $(Rule::$variant => $code,)*
                }
            }
        }
    };
}

rules! {
    ApiKeyHeaderNotAllowed = "api-key-header-not-allowed",
    ApiKeyHttp = "api-key-http",
    ApiKeyOnPreflight = "api-key-on-preflight",
    AuthorizerHeaderNotAllowed = "authorizer-header-not-allowed",
    AuthorizerOnPreflight = "authorizer-on-preflight",
    CommaJoinedOrigins = "comma-joined-origins",
    ContentTypeNotAllowed = "content-type-not-allowed",
    CorsUnderHttpapi = "cors-under-httpapi",
    CredentialsNotBoolean = "credentials-not-boolean",
    CredentialsOriginPattern = "credentials-origin-pattern",
    CredentialsWildcardOrigin = "credentials-wildcard-origin",
    CredentialsWithWildcard = "credentials-with-wildcard",
    DefaultOrigin = "default-origin",
    DevelopmentOrigin = "development-origin",
    GatewayResponseWithoutCors = "gateway-response-without-cors",
    HeaderComma = "header-comma",
    HeaderDuplicate = "header-duplicate",
    HeaderEmpty = "header-empty",
    HeaderInvalid = "header-invalid",
    HeaderQuote = "header-quote",
    HeaderValueGiven = "header-value-given",
    HeaderWhitespace = "header-whitespace",
    HttpLambdaHeadersIgnored = "http-lambda-headers-ignored",
    MaxAgeAboveChromiumCap = "max-age-above-chromium-cap",
    MaxAgeAboveFirefoxCap = "max-age-above-firefox-cap",
    MaxAgeHttpLimit = "max-age-http-limit",
    MaxAgeMissing = "max-age-missing",
    MaxAgeNegative = "max-age-negative",
    MaxAgeNotInteger = "max-age-not-integer",
    MaxAgeOutOfRange = "max-age-out-of-range",
    MaxAgeString = "max-age-string",
    MaxAgeTooLarge = "max-age-too-large",
    MethodDuplicate = "method-duplicate",
    MethodNormalized = "method-normalized",
    MethodUnknown = "method-unknown",
    MethodWildcardMixed = "method-wildcard-mixed",
    MethodsComputed = "methods-computed",
    MethodsEmpty = "methods-empty",
    NoCors = "no-cors",
    NoGatewayResponses = "no-gateway-responses",
    NotAList = "not-a-list",
    OptionsIntegration = "options-integration",
    OptionsMethodsDiffer = "options-methods-differ",
    OriginBackslash = "origin-backslash",
    OriginCommaList = "origin-comma-list",
    OriginControlCharacter = "origin-control-character",
    OriginDuplicate = "origin-duplicate",
    OriginEmpty = "origin-empty",
    OriginFragment = "origin-fragment",
    OriginHost = "origin-host",
    OriginHostUnicode = "origin-host-unicode",
    OriginMissingScheme = "origin-missing-scheme",
    OriginNormalized = "origin-normalized",
    OriginNull = "origin-null",
    OriginPath = "origin-path",
    OriginPatternRest = "origin-pattern-rest",
    OriginPort = "origin-port",
    OriginQuery = "origin-query",
    OriginQuote = "origin-quote",
    OriginScheme = "origin-scheme",
    OriginSubdomainWildcard = "origin-subdomain-wildcard",
    OriginTrailingSlash = "origin-trailing-slash",
    OriginUserinfo = "origin-userinfo",
    OriginWhitespace = "origin-whitespace",
    OriginWildcardMixed = "origin-wildcard-mixed",
    OriginsEmpty = "origins-empty",
    PayloadFormatRest = "payload-format-rest",
    PayloadFormatUnknown = "payload-format-unknown",
    PreflightApiKey = "preflight-api-key",
    PreflightAuthorizer = "preflight-authorizer",
    QuotedValueInHttp = "quoted-value-in-http",
    RestGatewayResponses = "rest-gateway-responses",
    RestGatewayResponsesOrigins = "rest-gateway-responses-origins",
    RestLambdaHeaders = "rest-lambda-headers",
    RestSeveralOrigins = "rest-several-origins",
    RestValueNotString = "rest-value-not-string",
    StaticValueUnquoted = "static-value-unquoted",
    UnknownCorsKey = "unknown-cors-key",
    UnresolvedValue = "unresolved-value",
    VtlOrigins = "vtl-origins",
    WildcardHeaderAuthorization = "wildcard-header-authorization",
    WildcardLiteralWithCredentials = "wildcard-literal-with-credentials",
    WildcardOrigin = "wildcard-origin",
    WrongApiTypeKey = "wrong-api-type-key",
    WrongType = "wrong-type",
}

impl Rule {
    /// The rule with this code, if there is one.
    pub fn from_code(code: &str) -> Option<Rule> {
        Rule::ALL.iter().copied().find(|rule| rule.code() == code)
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl Serialize for Rule {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code())
    }
}

/// Findings are often looked up by code (`d.code == "origin-path"`), in tests and views.
impl PartialEq<&str> for Rule {
    fn eq(&self, code: &&str) -> bool {
        self.code() == *code
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_kebab_case_and_read_back() {
        let mut seen = std::collections::HashSet::new();
        for &rule in Rule::ALL {
            let code = rule.code();
            assert!(seen.insert(code), "{code} twice");
            assert!(
                code.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                "{code}"
            );
            assert_eq!(Rule::from_code(code), Some(rule));
        }
        assert_eq!(Rule::from_code("no-such-rule"), None);
        assert_eq!(
            serde_json::to_string(&Rule::OriginPath).unwrap(),
            "\"origin-path\""
        );
    }
}
