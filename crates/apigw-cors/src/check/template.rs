//! Findings about an API read from a template.

use super::{check, Report};
use crate::diagnostic::{in_severity_order, Diagnostic, Severity};
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

/// The checks that mistake a value computed at deploy time for a missing one: the list or
/// setting looks empty only because its computed part could not be read.
const ABSENCE_RULES: [Rule; 3] = [Rule::OriginsEmpty, Rule::MethodsEmpty, Rule::MaxAgeMissing];

impl FoundApi {
    /// The diagnostics for the configuration the template deploys ([`crate::check`] on
    /// `config`), knowing which fields are computed at deploy time (`unknown`): the values the
    /// template writes are checked, a field is never called empty or missing because its
    /// computed part could not be read, and each such field gets a note saying so.
    pub fn check(&self) -> Report {
        let mut report = check(&self.config);
        report.diagnostics.retain(|diagnostic| {
            let unknown = diagnostic
                .field
                .field()
                .is_some_and(|field| self.unknown.contains(&field));
            !(unknown && ABSENCE_RULES.contains(&diagnostic.code))
        });
        for field in &self.unknown {
            report.diagnostics.push(Diagnostic::new(
                Rule::UnresolvedValue,
                Severity::Note,
                Place::Field(*field),
                None,
                "part or all of it is computed when the stack deploys, so only what the template writes was checked; whether the deployed value is right is known only after deploying",
                "once deployed, run the curl target (check-cors.sh) against the API",
            ));
        }
        report.diagnostics = in_severity_order(report.diagnostics);
        report
    }
}
