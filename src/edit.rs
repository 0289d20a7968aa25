//! The edits the form makes to the configuration: small, pure, and tested natively.
//!
//! They only move values around; whether the result is valid is the library's business.

use apigw_cors::{ApiType, CorsConfig, Field, Method, Place};

/// The request headers offered as toggles, in the order they are listed.
pub const COMMON_HEADERS: [&str; 5] = [
    "Content-Type",
    "Authorization",
    "X-Api-Key",
    "X-Amz-Date",
    "X-Amz-Security-Token",
];

/// Switches the API type and drops the options the other type does not have (the API key is
/// REST-only, the payload format HTTP-only), so a switch never leaves a hidden error behind.
pub fn set_api_type(config: &mut CorsConfig, api_type: ApiType) {
    config.api_type = api_type;
    match api_type {
        ApiType::Http => config.api_key_required = false,
        ApiType::Rest => config.payload_format_version = None,
    }
}

/// Whether `allowMethods` is `*`.
pub fn all_methods(config: &CorsConfig) -> bool {
    config.allow_methods.iter().any(|m| m == "*")
}

/// Whether the method's box is ticked (`*` ticks every box).
pub fn method_listed(config: &CorsConfig, method: Method) -> bool {
    all_methods(config) || config.allow_methods.iter().any(|m| m == method.as_str())
}

/// Ticks or clears one method; the list keeps the page's fixed order.
pub fn set_method(config: &mut CorsConfig, method: Method, on: bool) {
    config.allow_methods = Method::ALL
        .into_iter()
        .filter(|&m| {
            if m == method {
                on
            } else {
                method_listed(config, m)
            }
        })
        .map(|m| m.as_str().to_owned())
        .collect();
}

/// Ticks "all" (`*`) or, when cleared, lists every method explicitly so nothing is lost.
pub fn set_all_methods(config: &mut CorsConfig, on: bool) {
    config.allow_methods = if on {
        vec!["*".to_owned()]
    } else {
        Method::ALL.iter().map(|m| m.as_str().to_owned()).collect()
    };
}

/// Whether `list` names the header (header names are case-insensitive).
pub fn header_listed(list: &[String], name: &str) -> bool {
    list.iter().any(|h| h.eq_ignore_ascii_case(name))
}

/// Adds the header at the end, or removes every spelling of it.
pub fn set_header(list: &mut Vec<String>, name: &str, on: bool) {
    if on {
        if !header_listed(list, name) {
            list.push(name.to_owned());
        }
    } else {
        list.retain(|h| !h.eq_ignore_ascii_case(name));
    }
}

/// Reads the max-age field: empty is "not set"; anything but a whole number is `Err`.
pub fn parse_max_age(text: &str) -> Result<Option<i64>, ()> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    text.parse().map(Some).map_err(|_| ())
}

/// Reads an optional text field: blank is "not set".
pub fn optional_text(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

/// The id of the form control a diagnostic is about, so activating the diagnostic can move
/// focus there; the origins field for findings about the configuration as a whole.
pub fn control_id(place: &Place) -> &'static str {
    match place.field() {
        Some(Field::ApiType) => "api-type-http",
        Some(Field::AllowOrigins) | None => "origins",
        Some(Field::AllowMethods) => "method-GET",
        Some(Field::AllowHeaders) => "headers",
        Some(Field::ExposeHeaders) => "expose-headers",
        Some(Field::MaxAge) => "max-age",
        Some(Field::AllowCredentials) => "credentials",
        Some(Field::AuthorizerHeader) => "authorizer-header",
        Some(Field::ApiKeyRequired) => "api-key",
        Some(Field::PayloadFormatVersion) => "payload-format",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn switching_api_type_drops_options_of_the_other_type() {
        let mut config = CorsConfig::default();
        set_api_type(&mut config, ApiType::Rest);
        config.api_key_required = true;
        set_api_type(&mut config, ApiType::Http);
        assert!(!config.api_key_required);
        config.payload_format_version = Some("1.0".into());
        set_api_type(&mut config, ApiType::Rest);
        assert_eq!(config.payload_format_version, None);
        assert_eq!(config.api_type, ApiType::Rest);
    }

    #[test]
    fn methods_keep_the_page_order() {
        let mut config = CorsConfig::default();
        assert_eq!(config.allow_methods, ["GET", "POST"]);
        set_method(&mut config, Method::Delete, true);
        set_method(&mut config, Method::Put, true);
        assert_eq!(config.allow_methods, ["GET", "PUT", "POST", "DELETE"]);
        set_method(&mut config, Method::Get, false);
        assert_eq!(config.allow_methods, ["PUT", "POST", "DELETE"]);
        set_all_methods(&mut config, true);
        assert_eq!(config.allow_methods, ["*"]);
        assert!(method_listed(&config, Method::Head));
        set_method(&mut config, Method::Head, false);
        assert_eq!(
            config.allow_methods,
            ["GET", "PUT", "POST", "DELETE", "PATCH", "OPTIONS"]
        );
        set_all_methods(&mut config, false);
        assert_eq!(config.allow_methods.len(), 7);
    }

    #[test]
    fn header_toggles_are_case_insensitive() {
        let mut list = strings(&["content-type", "X-Custom"]);
        assert!(header_listed(&list, "Content-Type"));
        set_header(&mut list, "Content-Type", true);
        assert_eq!(list, ["content-type", "X-Custom"]);
        set_header(&mut list, "X-Api-Key", true);
        assert_eq!(list, ["content-type", "X-Custom", "X-Api-Key"]);
        set_header(&mut list, "CONTENT-TYPE", false);
        assert_eq!(list, ["X-Custom", "X-Api-Key"]);
    }

    #[test]
    fn field_parsing() {
        assert_eq!(parse_max_age(""), Ok(None));
        assert_eq!(parse_max_age(" 600 "), Ok(Some(600)));
        assert_eq!(parse_max_age("-1"), Ok(Some(-1)));
        assert_eq!(parse_max_age("1e3"), Err(()));
        assert_eq!(optional_text("  "), None);
        assert_eq!(
            optional_text(" Authorization "),
            Some("Authorization".into())
        );
    }

    #[test]
    fn diagnostics_point_at_their_control() {
        assert_eq!(control_id(&Field::AllowOrigins.at(2)), "origins");
        assert_eq!(control_id(&Field::AllowOrigins.into()), "origins");
        assert_eq!(control_id(&Place::Whole), "origins");
        assert_eq!(control_id(&Field::AllowHeaders.at(0)), "headers");
        assert_eq!(control_id(&Field::MaxAge.into()), "max-age");
        assert_eq!(
            control_id(&Field::PayloadFormatVersion.into()),
            "payload-format"
        );
        assert_eq!(control_id(&Field::AllowMethods.at(1)), "method-GET");
    }
}
