//! The configuration's fields, named once: the file's keys, the places findings point at, the
//! page's form controls and the importer's settings all use [`Field`].

use serde::Serialize;
use std::fmt;

/// Defines [`Field`] with its configuration keys, in one table.
macro_rules! fields {
    ($($variant:ident = $key:literal,)*) => {
        /// A field of the configuration file.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Field {
            $(
                #[doc = concat!("`", $key, "`")]
                $variant,
            )*
        }

        impl Field {
            /// Every field, in the file's order.
            pub const ALL: &'static [Field] = &[$(Field::$variant),*];

            /// The key in the configuration file (camelCase), for example `allowOrigins`.
            pub fn key(self) -> &'static str {
                match self {
                    $(Field::$variant => $key,)*
                }
            }
        }
    };
}

fields! {
    ApiType = "apiType",
    AllowOrigins = "allowOrigins",
    AllowMethods = "allowMethods",
    AllowHeaders = "allowHeaders",
    ExposeHeaders = "exposeHeaders",
    MaxAge = "maxAge",
    AllowCredentials = "allowCredentials",
    AuthorizerHeader = "authorizerHeader",
    ApiKeyRequired = "apiKeyRequired",
    PayloadFormatVersion = "payloadFormatVersion",
}

impl Field {
    /// One entry of a list field: `allowOrigins[1]`.
    pub fn at(self, index: usize) -> Place {
        Place::Entry(self, index)
    }
}

impl fmt::Display for Field {
    /// The key, padded as `{:<17}` asks.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.key())
    }
}

impl Serialize for Field {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.key())
    }
}

/// What a finding is about: the configuration as a whole, a field, one entry of a list field,
/// or (for the template importer) a path in the template. Written as `allowOrigins[1]`,
/// `maxAge`, `Resources.Api.Properties.Cors`, or nothing for the whole configuration.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum Place {
    /// The configuration as a whole.
    #[default]
    Whole,
    /// A field.
    Field(Field),
    /// One entry of a list field, by index.
    Entry(Field, usize),
    /// A path in an imported template.
    Template(String),
}

impl Place {
    /// The configuration field this place is in (for an entry, its list).
    pub fn field(&self) -> Option<Field> {
        match self {
            Place::Field(field) | Place::Entry(field, _) => Some(*field),
            Place::Whole | Place::Template(_) => None,
        }
    }

    /// Whether the finding is about the whole configuration.
    pub fn is_whole(&self) -> bool {
        *self == Place::Whole
    }
}

impl From<Field> for Place {
    fn from(field: Field) -> Place {
        Place::Field(field)
    }
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Place::Whole => Ok(()),
            Place::Field(field) => f.write_str(field.key()),
            Place::Entry(field, index) => write!(f, "{}[{index}]", field.key()),
            Place::Template(path) => f.write_str(path),
        }
    }
}

impl Serialize for Place {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// Findings are often looked up by place (`d.field == "allowOrigins[1]"`), in tests and views.
impl PartialEq<&str> for Place {
    fn eq(&self, written: &&str) -> bool {
        match self {
            Place::Whole => written.is_empty(),
            Place::Field(field) => field.key() == *written,
            Place::Entry(field, index) => written
                .strip_prefix(field.key())
                .and_then(|rest| rest.strip_prefix('['))
                .and_then(|rest| rest.strip_suffix(']'))
                .is_some_and(|digits| {
                    !digits.starts_with('0') || digits == "0"
                } && digits.parse() == Ok(*index)),
            Place::Template(path) => path == written,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_are_written_as_field_paths() {
        assert_eq!(Place::Whole.to_string(), "");
        assert_eq!(Place::from(Field::MaxAge).to_string(), "maxAge");
        assert_eq!(Field::AllowOrigins.at(1).to_string(), "allowOrigins[1]");
        assert_eq!(
            Place::Template("Resources.Api".into()).to_string(),
            "Resources.Api"
        );
        assert_eq!(
            serde_json::to_string(&Field::ExposeHeaders.at(0)).unwrap(),
            "\"exposeHeaders[0]\""
        );
        assert_eq!(Field::AllowHeaders.at(2).field(), Some(Field::AllowHeaders));
        assert_eq!(Place::Template("x".into()).field(), None);
        assert!(Field::AllowOrigins.at(10) == "allowOrigins[10]");
        assert!(Field::AllowOrigins.at(1) != "allowOrigins[01]");
        assert!(Field::AllowOrigins.at(1) != "allowOrigins");
        assert!(Place::Whole == "");
    }

    #[test]
    fn keys_are_the_configuration_file_keys() {
        let json = serde_json::to_value(crate::CorsConfig {
            max_age: Some(1),
            authorizer_header: Some("X".into()),
            api_key_required: true,
            payload_format_version: Some("2.0".into()),
            ..crate::CorsConfig::default()
        })
        .unwrap();
        let keys: Vec<&str> = json
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        let mut expected: Vec<&str> = Field::ALL.iter().map(|f| f.key()).collect();
        expected.sort_unstable();
        let mut keys = keys;
        keys.sort_unstable();
        assert_eq!(keys, expected);
    }
}
