//! One finding about a configuration: an error that blocks output, a warning, or a note.

use crate::field::Place;
use crate::rule::Rule;
use serde::Serialize;
use std::fmt;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The configuration cannot work; nothing is generated until it is fixed.
    Error,
    /// It works, but probably not as intended, or it is unsafe.
    Warning,
    /// Something worth knowing: a value was normalized, or a fact about API Gateway applies.
    Note,
}

impl Severity {
    /// `error`, `warning` or `note`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        }
    }
}

/// `diagnostics` with errors first, then warnings, then notes, each kind in the order found.
/// The same as a stable sort by severity, without a sort routine's code in the wasm.
pub(crate) fn in_severity_order(diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let (mut errors, mut warnings, mut notes) = (Vec::new(), Vec::new(), Vec::new());
    for diagnostic in diagnostics {
        match diagnostic.severity {
            Severity::Error => errors.push(diagnostic),
            Severity::Warning => warnings.push(diagnostic),
            Severity::Note => notes.push(diagnostic),
        }
    }
    errors.append(&mut warnings);
    errors.append(&mut notes);
    errors
}

/// A finding, with a stable code, the field it is about, the reason and the fix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Stable identifier, for example `origin-trailing-slash`.
    pub code: Rule,
    /// Error, warning or note.
    pub severity: Severity,
    /// What the finding is about, written as a field path such as `allowOrigins[1]`; nothing
    /// when it is about the configuration as a whole; a template path for the importer's findings.
    pub field: Place,
    /// The value as written, when the finding is about one value.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// One sentence: what is wrong or worth knowing, and why.
    pub message: String,
    /// What to do about it.
    pub fix: String,
}

impl Diagnostic {
    pub(crate) fn new(
        code: Rule,
        severity: Severity,
        field: impl Into<Place>,
        value: Option<&str>,
        message: impl Into<String>,
        fix: impl Into<String>,
    ) -> Self {
        Diagnostic {
            code,
            severity,
            field: field.into(),
            value: value.map(str::to_owned),
            message: message.into(),
            fix: fix.into(),
        }
    }

    /// Whether this finding blocks output.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    /// `error: allowOrigins[1] "https://a.com/": an origin has no path or trailing slash (fix: …)`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: ", self.severity.as_str())?;
        match (self.field.is_whole(), &self.value) {
            (true, None) => {}
            (true, Some(value)) => write!(f, "{value:?}: ")?,
            (false, None) => write!(f, "{}: ", self.field)?,
            (false, Some(value)) => write!(f, "{} {value:?}: ", self.field)?,
        }
        write!(f, "{} [{}]", self.message, self.code)?;
        if !self.fix.is_empty() {
            write!(f, "\n  fix: {}", self.fix)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(code: Rule, severity: Severity) -> Diagnostic {
        Diagnostic {
            code,
            severity,
            field: Place::Whole,
            value: None,
            message: String::new(),
            fix: String::new(),
        }
    }

    #[test]
    fn display_names_the_field_then_the_value() {
        let mut d = finding(Rule::RestSeveralOrigins, Severity::Note);
        d.message = "one origin per value".into();
        assert_eq!(
            d.to_string(),
            "note: one origin per value [rest-several-origins]"
        );
        d.field = crate::Field::AllowOrigins.into();
        assert_eq!(
            d.to_string(),
            "note: allowOrigins: one origin per value [rest-several-origins]"
        );
        d.field = crate::Field::AllowOrigins.at(1);
        d.value = Some("https://a.com/".into());
        d.fix = "write https://a.com".into();
        assert_eq!(
            d.to_string(),
            "note: allowOrigins[1] \"https://a.com/\": one origin per value [rest-several-origins]\n  fix: write https://a.com"
        );
    }

    #[test]
    fn severity_order_is_stable() {
        let found = vec![
            finding(Rule::OriginNormalized, Severity::Note),
            finding(Rule::WildcardOrigin, Severity::Warning),
            finding(Rule::OriginPath, Severity::Error),
            finding(Rule::MethodNormalized, Severity::Note),
            finding(Rule::OriginsEmpty, Severity::Error),
        ];
        let codes: Vec<_> = in_severity_order(found).iter().map(|d| d.code).collect();
        assert_eq!(
            codes,
            [
                Rule::OriginPath,
                Rule::OriginsEmpty,
                Rule::WildcardOrigin,
                Rule::OriginNormalized,
                Rule::MethodNormalized
            ]
        );
    }
}
