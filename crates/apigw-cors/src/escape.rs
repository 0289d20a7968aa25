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
    json_string(value)
}

/// A JSON string literal. Writing a string cannot fail; `unreachable!` rather than `expect`
/// keeps serde_json's error messages and their formatting out of the wasm.
fn json_string(value: &str) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| unreachable!("a string always serializes"))
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
/// turns into something other than the same string: they start with a letter (so no number,
/// timestamp, `.inf`, `<<` or `~` form applies), hold only letters, digits and `-_./:`, and are
/// not one of the words the `bool` and `null` tags resolve.
fn yaml_plain_is_safe(value: &str) -> bool {
    let Some(first) = value.chars().next() else {
        return false;
    };
    first.is_ascii_alphabetic()
        && value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./:".contains(c))
        && !value.contains(": ")
        && !value.ends_with(':')
        && !resolves_to_bool_or_null(value)
}

/// Whether YAML reads this plain scalar as a boolean or null. YAML 1.1's `bool` tag (what
/// PyYAML, SAM and CloudFormation read) takes `y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|
/// false|False|FALSE|on|On|ON|off|Off|OFF`, and `null` takes `~|null|Null|NULL`; YAML 1.2's
/// core schema takes a subset. Each word counts in exactly three spellings: lower case,
/// capitalized and upper case (`yES` stays a string).
fn resolves_to_bool_or_null(value: &str) -> bool {
    const WORDS: [&str; 8] = ["y", "n", "yes", "no", "true", "false", "on", "off"];
    let spelled_as = |word: &str| {
        let mut capitalized = word[..1].to_ascii_uppercase();
        capitalized.push_str(&word[1..]);
        value == word || value == capitalized || value == word.to_ascii_uppercase()
    };
    WORDS.iter().any(|word| spelled_as(word)) || spelled_as("null")
}

/// A YAML literal block scalar (`|`) for multi-line text such as inline code, whose lines are
/// indented by `indent` spaces; the result follows `key: ` directly. Text that a literal block
/// cannot hold exactly (a leading space, a carriage return or another control character, a
/// Unicode line separator) is written double-quoted instead. Either way it ends with a newline.
pub fn yaml_block_literal(text: &str, indent: usize) -> String {
    let body = text.trim_end_matches('\n');
    let trailing_newlines = text.len() - body.len();
    let representable = !body.is_empty()
        && !body.starts_with([' ', '\n'])
        && !text.chars().any(|c| {
            (c.is_control() && c != '\n' && c != '\t')
                || "\u{2028}\u{2029}\u{85}\u{feff}".contains(c)
        });
    if !representable {
        return yaml_quoted(text) + "\n";
    }
    let chomping = match trailing_newlines {
        0 => "-",
        1 => "",
        _ => "+",
    };
    let mut out = format!("|{chomping}\n");
    let pad = " ".repeat(indent);
    for line in text.split_inclusive('\n') {
        if line != "\n" {
            out.push_str(&pad);
        }
        out.push_str(line);
    }
    if trailing_newlines == 0 {
        out.push('\n');
    }
    out
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

/// An API Gateway static value (`'value'`) as a TypeScript string literal in double quotes,
/// the way AWS's CDK examples write it: `"'https://a.com'"`. JSON string syntax is a valid
/// TypeScript double-quoted literal.
pub fn ts_static_value(value: &str) -> String {
    json_string(&api_gateway_static_value(value))
}

/// A TypeScript / JavaScript template literal (backticks) whose value is exactly `value`, kept
/// on its original lines so embedded source code stays readable. Escapes `\`, `` ` ``, `${`,
/// carriage returns and other control characters except newline and tab.
pub fn ts_template_literal(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('`');
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            '`' => out.push_str("\\`"),
            '$' if chars.peek() == Some(&'{') => out.push_str("\\$"),
            '\r' => out.push_str("\\r"),
            '\n' | '\t' => out.push(c),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('`');
    out
}

/// A Python string literal. JSON string syntax is a valid Python string literal.
pub fn python_string(value: &str) -> String {
    json_string(value)
}

/// An API Gateway static value (`'value'`) as a Python string literal: `"'https://a.com'"`.
pub fn python_static_value(value: &str) -> String {
    python_string(&api_gateway_static_value(value))
}

/// A Python triple-quoted string whose value is exactly `value`, kept on its original lines so
/// embedded source code stays readable: `"""\`, a line break (escaped, so not part of the
/// value), the text, `"""`. Escapes `\`, a `"` that another `"` or the closing quotes follow,
/// carriage returns and other control characters except newline and tab.
pub fn python_block_string(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 8);
    out.push_str("\"\"\"\\\n");
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' if matches!(chars.peek(), None | Some('"')) => out.push_str("\\\""),
            '\r' => out.push_str("\\r"),
            '\n' | '\t' => out.push(c),
            c if c.is_control() => out.push_str(&format!("\\x{:02x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push_str("\"\"\"");
    out
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

/// HTML text content: `&`, `<` and `>` escaped, so the text shows as is between tags. Not for
/// attribute values (see [`html_attribute`]).
pub fn html_text(text: &str) -> String {
    html_escaped(text, false)
}

/// An HTML attribute value in double or single quotes: [`html_text`] with both quotes escaped
/// as well.
pub fn html_attribute(value: &str) -> String {
    html_escaped(value, true)
}

fn html_escaped(text: &str, quotes: bool) -> String {
    let mut html = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => html.push_str("&amp;"),
            '<' => html.push_str("&lt;"),
            '>' => html.push_str("&gt;"),
            '"' if quotes => html.push_str("&quot;"),
            '\'' if quotes => html.push_str("&#39;"),
            c => html.push(c),
        }
    }
    html
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
            ("ON", "\"ON\""),
            ("OFF", "\"OFF\""),
            ("Y", "\"Y\""),
            ("n", "\"n\""),
            ("NULL", "\"NULL\""),
            ("yES", "yES"),
            ("Online", "Online"),
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
    fn yaml_block_literal_table() {
        let table = [
            ("a\nb\n", 2, "|\n  a\n  b\n"),
            ("a\n\n    b\n", 4, "|\n    a\n\n        b\n"),
            ("no newline", 2, "|-\n  no newline\n"),
            ("two\n\n", 2, "|+\n  two\n\n"),
            ("tab\there\n", 2, "|\n  tab\there\n"),
            (
                "# comment: 'q' \"d\" \\ {x}\n",
                2,
                "|\n  # comment: 'q' \"d\" \\ {x}\n",
            ),
            (" leading space\n", 2, "\" leading space\\n\"\n"),
            ("cr\r\n", 2, "\"cr\\r\\n\"\n"),
            ("", 2, "\"\"\n"),
            ("\n", 2, "\"\\n\"\n"),
            ("sep\u{2028}x\n", 2, "\"sep\u{2028}x\\n\"\n"),
        ];
        for (input, indent, expected) in table {
            let written = yaml_block_literal(input, indent);
            assert_eq!(written, expected, "input {input:?}");
            let document = format!("key: {written}next: 1\n");
            let parsed: std::collections::BTreeMap<String, serde_yaml::Value> =
                serde_yaml::from_str(&document).unwrap();
            assert_eq!(parsed["key"].as_str(), Some(input), "input {input:?}");
        }
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
    fn ts_static_value_table() {
        let table = [
            ("https://a.com", "\"'https://a.com'\""),
            ("Origin", "\"'Origin'\""),
            ("true", "\"'true'\""),
            ("a\"b", "\"'a\\\"b'\""),
            ("a\\b", "\"'a\\\\b'\""),
            ("a\nb", "\"'a\\nb'\""),
            ("", "\"''\""),
        ];
        for (input, expected) in table {
            assert_eq!(ts_static_value(input), expected, "input {input:?}");
        }
    }

    #[test]
    fn ts_template_literal_table() {
        let table = [
            ("exports.handler = 1;\n", "`exports.handler = 1;\n`"),
            ("a\tb", "`a\tb`"),
            ("`x`", "`\\`x\\``"),
            ("${a}", "`\\${a}`"),
            ("$a {b} $", "`$a {b} $`"),
            ("'\"", "`'\"`"),
            ("a\\nb", "`a\\\\nb`"),
            ("a\r\nb", "`a\\r\nb`"),
            ("\u{1}", "`\\u{1}`"),
            ("", "``"),
        ];
        for (input, expected) in table {
            assert_eq!(ts_template_literal(input), expected, "input {input:?}");
        }
    }

    #[test]
    fn python_string_table() {
        assert_eq!(python_string("https://a.com"), "\"https://a.com\"");
        assert_eq!(python_string("a\"b"), "\"a\\\"b\"");
        assert_eq!(python_string("a\nb"), "\"a\\nb\"");
    }

    #[test]
    fn python_static_value_table() {
        let table = [
            ("https://a.com", r#""'https://a.com'""#),
            ("true", r#""'true'""#),
            ("a\"b", r#""'a\"b'""#),
            ("", r#""''""#),
        ];
        for (input, expected) in table {
            assert_eq!(python_static_value(input), expected, "input {input:?}");
        }
    }

    #[test]
    fn python_block_string_table() {
        // (value, what stands between the opening `"""\` + line break and the closing `"""`)
        let table = [
            ("exports.handler = 1;\n", "exports.handler = 1;\n"),
            ("a\tb", "a\tb"),
            (r#"say "hi" ok"#, r#"say "hi" ok"#),
            (r#"ends ""#, r#"ends \""#),
            (r#"""""#, r#"\"\"\""#),
            ("''' ${x} `", "''' ${x} `"),
            (r"a\nb", r"a\\nb"),
            ("a\r\nb", "a\\r\nb"),
            ("\u{0}\u{1b}", r"\x00\x1b"),
            ("", ""),
        ];
        for (input, body) in table {
            let expected = format!("\"\"\"\\\n{body}\"\"\"");
            assert_eq!(python_block_string(input), expected, "input {input:?}");
        }
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

    #[test]
    fn html_text_table() {
        let table = [
            ("https://a.com", "https://a.com"),
            ("<script>", "&lt;script&gt;"),
            ("a & b", "a &amp; b"),
            ("&amp;", "&amp;amp;"),
            (r#"say "hi" it's"#, r#"say "hi" it's"#),
            ("plain ü\n", "plain ü\n"),
            ("", ""),
        ];
        for (input, expected) in table {
            assert_eq!(html_text(input), expected, "input {input:?}");
        }
    }

    #[test]
    fn html_attribute_table() {
        let table = [
            ("MyApi", "MyApi"),
            (
                r#"<a href="x" title='y'>&</a>"#,
                "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;",
            ),
            ("plain ü", "plain ü"),
            ("", ""),
        ];
        for (input, expected) in table {
            assert_eq!(html_attribute(input), expected, "input {input:?}");
        }
    }
}
