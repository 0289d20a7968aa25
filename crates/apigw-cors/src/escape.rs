//! Escaping for every output language, one helper each. Emitters never quote by hand.
//!
//! Validation already rejects quotes, backslashes and control characters in origins and header
//! names; these helpers still escape everything, so no value can break an output.

/// A YAML scalar: plain when that reads back as the same string, double-quoted otherwise.
pub fn yaml_scalar(value: &str) -> String {
    if yaml_plain_is_safe(value) {
        value.to_owned()
    } else {
        yaml_quoted(value)
    }
}

/// A double-quoted YAML scalar. JSON string syntax is valid YAML double-quoted syntax.
pub fn yaml_quoted(value: &str) -> String {
    serde_json::to_string(value).expect("a string always serializes")
}

/// An API Gateway static value (`'value'`) as a YAML scalar: `"'https://a.com'"`.
pub fn yaml_static_value(value: &str) -> String {
    yaml_quoted(&api_gateway_static_value(value))
}

/// API Gateway's static-value syntax for header mappings: the value in single quotes.
/// Validated values never contain a single quote.
pub fn api_gateway_static_value(value: &str) -> String {
    format!("'{value}'")
}

/// Plain YAML scalars are limited to a conservative set that no YAML 1.1 or 1.2 reader
/// turns into something other than the same string.
fn yaml_plain_is_safe(value: &str) -> bool {
    const RESERVED: [&str; 22] = [
        "true", "false", "yes", "no", "on", "off", "null", "y", "n", "~", "True", "False", "Yes",
        "No", "On", "Off", "Null", "NULL", "TRUE", "FALSE", "YES", "NO",
    ];
    let Some(first) = value.chars().next() else {
        return false;
    };
    first.is_ascii_alphabetic()
        && value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./:".contains(c))
        && !value.contains(": ")
        && !value.ends_with(':')
        && !RESERVED.contains(&value)
}

/// A TypeScript / JavaScript string literal in single quotes.
pub fn ts_string(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('\'');
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\'' => out.push_str("\\'"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

/// A Python string literal. JSON string syntax is a valid Python string literal.
pub fn python_string(value: &str) -> String {
    serde_json::to_string(value).expect("a string always serializes")
}

/// A POSIX shell word in single quotes.
pub fn shell_word(value: &str) -> String {
    if !value.is_empty()
        && value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./:=@,+".contains(c))
    {
        return value.to_owned();
    }
    format!("'{}'", value.replace('\'', "'\\''"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_scalar_table() {
        let table = [
            ("https://app.example.com", "https://app.example.com"),
            ("http://localhost:3000", "http://localhost:3000"),
            ("Content-Type", "Content-Type"),
            ("*", "\"*\""),
            ("GET", "GET"),
            ("yes", "\"yes\""),
            ("No", "\"No\""),
            ("null", "\"null\""),
            ("600", "\"600\""),
            ("", "\"\""),
            ("a: b", "\"a: b\""),
            ("x-#tag", "\"x-#tag\""),
            ("'quoted'", "\"'quoted'\""),
            ("line\nbreak", "\"line\\nbreak\""),
            ("back\\slash", "\"back\\\\slash\""),
        ];
        for (input, expected) in table {
            assert_eq!(yaml_scalar(input), expected, "input {input:?}");
            let parsed: String = serde_yaml::from_str(&yaml_scalar(input)).unwrap();
            assert_eq!(parsed, input);
        }
    }

    #[test]
    fn yaml_static_value_wraps_in_single_quotes() {
        assert_eq!(yaml_static_value("https://a.com"), "\"'https://a.com'\"");
        assert_eq!(yaml_static_value("600"), "\"'600'\"");
    }

    #[test]
    fn ts_string_table() {
        let table = [
            ("https://a.com", "'https://a.com'"),
            ("it's", "'it\\'s'"),
            ("a\\b", "'a\\\\b'"),
            ("a\nb", "'a\\nb'"),
            ("tab\there", "'tab\\there'"),
            ("\u{1}", "'\\u{1}'"),
            ("\u{2028}", "'\\u2028'"),
            ("", "''"),
        ];
        for (input, expected) in table {
            assert_eq!(ts_string(input), expected, "input {input:?}");
        }
    }

    #[test]
    fn python_string_table() {
        assert_eq!(python_string("https://a.com"), "\"https://a.com\"");
        assert_eq!(python_string("a\"b"), "\"a\\\"b\"");
        assert_eq!(python_string("a\nb"), "\"a\\nb\"");
    }

    #[test]
    fn shell_word_table() {
        let table = [
            ("https://a.com", "https://a.com"),
            ("Origin: https://a.com", "'Origin: https://a.com'"),
            ("it's", "'it'\\''s'"),
            ("", "''"),
            ("$HOME", "'$HOME'"),
        ];
        for (input, expected) in table {
            assert_eq!(shell_word(input), expected, "input {input:?}");
        }
    }
}
