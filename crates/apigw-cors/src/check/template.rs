//! Findings about an API read from a template.

use crate::diagnostic::{Diagnostic, Severity};
use crate::field::{Field, Place};
use crate::import::FoundApi;
use crate::model::ApiType;
use crate::rule::Rule;

/// The findings about an imported API as a whole, once its configuration is rebuilt from the
/// template (both API types): no CORS at all, or credentials with the origin `*`. Findings about
/// how one value is written (quoting, types, computed values) come from the reader that sees
/// the template's syntax, in `crate::import`.
pub(crate) fn check_found_api(api: &mut FoundApi) {
    if !api.has_cors() {
        let path = api.path.clone();
        api.finding_at(
            Rule::NoCors,
            Severity::Warning,
            &path,
            format!(
                "{} has no CORS settings, so browsers on other origins cannot call it",
                api.logical_id
            ),
            match api.api_type {
                ApiType::Rest => {
                    "add Cors (and GatewayResponses) to the API; the generator writes both"
                }
                ApiType::Http => "add CorsConfiguration to the API; the generator writes it",
            },
        );
        return;
    }
    let wildcard = api.config.allow_origins.iter().any(|origin| origin == "*");
    if api.config.allow_credentials && wildcard {
        let credentials = api
            .settings
            .iter()
            .rev()
            .find(|setting| setting.field == Field::AllowCredentials)
            .map(|setting| (setting.path.clone(), setting.value.clone()))
            .unwrap_or_default();
        api.findings.push(Diagnostic::new(
            Rule::CredentialsWithWildcard,
            Severity::Error,
            Place::Template(credentials.0),
            Some(&credentials.1),
            "credentials are allowed together with the origin *, which browsers never accept (and SAM and API Gateway reject)",
            "list the exact origins of your front ends instead of *",
        ));
    }
}
