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

/// Whether `value` may be written as a plain YAML scalar: it must be plain-scalar syntax that
/// reads back verbatim in block and flow context, and neither a YAML 1.1 reader (PyYAML, SAM,
/// CloudFormation) nor a YAML 1.2 reader (serde_yaml) may resolve it to another type. The
/// syntax part is kept conservative (a letter or digit first, then letters, digits and `-_./:`,
/// no trailing `:`); the type part is decided by [`yaml11_resolves_to_non_string`] and
/// [`yaml12_resolves_to_non_string`], which follow the two specifications' implicit tags.
fn yaml_plain_is_safe(value: &str) -> bool {
    let Some(first) = value.chars().next() else {
        return false;
    };
    first.is_ascii_alphanumeric()
        && value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./:".contains(c))
        && !value.ends_with(':')
        && !yaml11_resolves_to_non_string(value)
        && !yaml12_resolves_to_non_string(value)
}

/// Whether a YAML 1.1 reader resolves the plain scalar to something other than a string: the
/// `bool`, `null`, `int`, `float`, `timestamp`, `merge`, `value` and `yaml` tags of the YAML 1.1
/// type repository (yaml.org/type), as PyYAML's resolver implements them, with the `y`/`n`
/// spellings of `bool` that the specification lists and PyYAML leaves out.
fn yaml11_resolves_to_non_string(value: &str) -> bool {
    const BOOL_WORDS: [&str; 8] = ["y", "n", "yes", "no", "true", "false", "on", "off"];
    BOOL_WORDS
        .iter()
        .any(|word| in_three_spellings(value, word))
        || is_yaml_null(value)
        || matches!(value, "<<" | "=" | "!" | "&" | "*")
        || yaml11_int(value.as_bytes())
        || yaml11_float(value)
        || yaml11_timestamp(value.as_bytes())
}

/// Whether a YAML 1.2 reader resolves the plain scalar to something other than a string: the
/// core schema's `null`, `bool`, `int` and `float`, and serde_yaml's wider number forms (`0b`,
/// a leading `+`, and every finite decimal Rust's float parser takes, such as `1.` or `1e5`).
fn yaml12_resolves_to_non_string(value: &str) -> bool {
    let bytes = value.as_bytes();
    let unsigned = bytes.strip_prefix(b"+").or(bytes.strip_prefix(b"-"));
    let radix_int = |prefix: &[u8], digit: fn(&u8) -> bool| {
        let digits = unsigned.unwrap_or(bytes).strip_prefix(prefix);
        digits.is_some_and(|d| !d.is_empty() && d.iter().all(digit))
    };
    ["true", "false"]
        .iter()
        .any(|word| in_three_spellings(value, word))
        || is_yaml_null(value)
        || (!bytes.is_empty() && unsigned.unwrap_or(bytes).iter().all(u8::is_ascii_digit))
        || radix_int(b"0x", u8::is_ascii_hexdigit)
        || radix_int(b"0o", |b| (b'0'..=b'7').contains(b))
        || radix_int(b"0b", |b| matches!(b, b'0' | b'1'))
        || decimal_float(unsigned.unwrap_or(bytes))
        || special_float(value)
}

/// `word` (lower-case letters) in YAML's three spellings: lower case, capitalized and upper case
/// (`yES` is none). Without allocating: the emitters ask this of every value they write.
fn in_three_spellings(value: &str, word: &str) -> bool {
    let bytes = value.as_bytes();
    value.eq_ignore_ascii_case(word)
        && (bytes[1..].iter().all(|b| !b.is_ascii_uppercase())
            || bytes.iter().all(|b| !b.is_ascii_lowercase()))
}

/// The `null` tag in both versions (`~` and the empty scalar included).
fn is_yaml_null(value: &str) -> bool {
    matches!(value, "" | "~") || in_three_spellings(value, "null")
}

/// `.inf`, `-.inf`, `+.inf` and `.nan`, in their three spellings (both versions).
fn special_float(value: &str) -> bool {
    let unsigned = value
        .strip_prefix(['+', '-'])
        .unwrap_or(value)
        .strip_prefix('.');
    let inf = unsigned.is_some_and(|word| in_three_spellings(word, "inf"));
    let nan = matches!(value, ".nan" | ".NaN" | ".NAN");
    inf || nan
}

/// The length of the run of bytes at the start of `bytes` that satisfy `accept`.
fn run_length(bytes: &[u8], accept: impl Fn(u8) -> bool) -> usize {
    bytes.iter().take_while(|b| accept(**b)).count()
}

/// Digits or underscores, YAML 1.1's digit groups.
fn digit_or_underscore(b: u8) -> bool {
    b.is_ascii_digit() || b == b'_'
}

/// `bytes` without an optional leading `+` or `-`.
fn without_sign(bytes: &[u8]) -> &[u8] {
    bytes
        .strip_prefix(b"+")
        .or(bytes.strip_prefix(b"-"))
        .unwrap_or(bytes)
}

/// YAML 1.1 `int`: `0b[01_]+`, `0[0-7_]+`, `0`, `[1-9][0-9_]*`, `0x[0-9a-fA-F_]+`, and the
/// sexagesimal `[1-9][0-9_]*(:[0-5]?[0-9])+`, each with an optional sign.
fn yaml11_int(bytes: &[u8]) -> bool {
    let body = without_sign(bytes);
    let all_nonempty =
        |rest: &[u8], accept: fn(u8) -> bool| !rest.is_empty() && rest.iter().all(|b| accept(*b));
    if let Some(rest) = body.strip_prefix(b"0b") {
        return all_nonempty(rest, |b| matches!(b, b'0' | b'1' | b'_'));
    }
    if let Some(rest) = body.strip_prefix(b"0x") {
        return all_nonempty(rest, |b| b.is_ascii_hexdigit() || b == b'_');
    }
    if let Some(rest) = body.strip_prefix(b"0") {
        return rest.iter().all(|b| matches!(b, b'0'..=b'7' | b'_'));
    }
    let head = run_length(body, digit_or_underscore);
    head > 0 && body[0] != b'_' && sexagesimal_tail(&body[head..], false)
}

/// After the first digit group: nothing, or (`:` and a base-60 digit `[0-5]?[0-9]`) repeated.
/// With `fraction`, the groups must be followed by `.` and `[0-9_]*` (a sexagesimal float).
fn sexagesimal_tail(mut rest: &[u8], fraction: bool) -> bool {
    while let Some(group) = rest.strip_prefix(b":") {
        let len = run_length(group, |b| b.is_ascii_digit());
        let valid = match group.get(..len) {
            Some([_]) => true,
            Some([tens, _]) => *tens <= b'5',
            _ => false,
        };
        if !valid {
            return false;
        }
        rest = &group[len..];
    }
    match rest.strip_prefix(b".") {
        Some(tail) if fraction => tail.iter().all(|b| digit_or_underscore(*b)),
        _ => !fraction && rest.is_empty(),
    }
}

/// YAML 1.1 `float` as PyYAML resolves it: `[0-9][0-9_]*\.[0-9_]*([eE][-+][0-9]+)?`,
/// `\.[0-9][0-9_]*([eE][-+][0-9]+)?`, the sexagesimal `[0-9][0-9_]*(:[0-5]?[0-9])+\.[0-9_]*`,
/// and `.inf`/`.nan`; the specification's `[0-9.][0-9_.]*` form is a superset checked too.
fn yaml11_float(value: &str) -> bool {
    let body = without_sign(value.as_bytes());
    if special_float(value) {
        return true;
    }
    // The specification: `[-+]?([0-9][0-9_]*)?\.[0-9.]*([eE][-+][0-9]+)?`.
    let mantissa = run_length(body, |b| digit_or_underscore(b) || b == b'.');
    let mantissa_ok = mantissa > 0
        && body[0] != b'_'
        && body[..mantissa].contains(&b'.')
        && body[..mantissa].iter().any(u8::is_ascii_digit);
    if mantissa_ok && exponent_or_end(&body[mantissa..], true) {
        return true;
    }
    let head = run_length(body, digit_or_underscore);
    head > 0
        && body[0] != b'_'
        && body.get(head) == Some(&b':')
        && sexagesimal_tail(&body[head..], true)
}

/// Nothing, or an exponent `[eE]` + sign + digits (the sign required when `sign_required`).
fn exponent_or_end(rest: &[u8], sign_required: bool) -> bool {
    let Some(exponent) = rest.strip_prefix(b"e").or(rest.strip_prefix(b"E")) else {
        return rest.is_empty();
    };
    let signed = exponent.strip_prefix(b"+").or(exponent.strip_prefix(b"-"));
    if sign_required && signed.is_none() {
        return false;
    }
    let digits = signed.unwrap_or(exponent);
    !digits.is_empty() && digits.iter().all(u8::is_ascii_digit)
}

/// A finite decimal as Rust's float parser (serde_yaml's) and YAML 1.2's core schema take it:
/// `[0-9]+(\.[0-9]*)?` or `\.[0-9]+`, then an optional exponent.
fn decimal_float(body: &[u8]) -> bool {
    let integer = run_length(body, |b| b.is_ascii_digit());
    let mut rest = &body[integer..];
    let mut fraction = 0;
    if let Some(after_point) = rest.strip_prefix(b".") {
        fraction = run_length(after_point, |b| b.is_ascii_digit());
        rest = &after_point[fraction..];
    }
    integer + fraction > 0 && exponent_or_end(rest, false)
}

/// YAML 1.1 `timestamp`: `YYYY-MM-DD`, or `YYYY-M-D` then `T`, `t` or blanks, `H:MM:SS`, an
/// optional fraction and an optional zone (`Z`, `+H`, `-HH:MM`).
fn yaml11_timestamp(bytes: &[u8]) -> bool {
    let digits = |rest: &[u8], min: usize, max: usize| -> Option<usize> {
        let len = run_length(rest, |b| b.is_ascii_digit());
        (min..=max).contains(&len).then_some(len)
    };
    let field = |rest: &mut &[u8], min, max, then: Option<u8>| -> bool {
        let Some(len) = digits(rest, min, max) else {
            return false;
        };
        *rest = &rest[len..];
        match then {
            Some(separator) if rest.first() == Some(&separator) => {
                *rest = &rest[1..];
                true
            }
            Some(_) => false,
            None => true,
        }
    };
    let mut rest = bytes;
    if !field(&mut rest, 4, 4, Some(b'-')) {
        return false;
    }
    let date_only = rest.len() == 5
        && rest[2] == b'-'
        && [0, 1, 3, 4].iter().all(|&i| rest[i].is_ascii_digit());
    if date_only {
        return true;
    }
    if !(field(&mut rest, 1, 2, Some(b'-')) && field(&mut rest, 1, 2, None)) {
        return false;
    }
    let separator = run_length(rest, |b| matches!(b, b'T' | b't' | b' ' | b'\t'));
    if separator == 0
        || (separator > 1 && !rest[..separator].iter().all(|b| matches!(b, b' ' | b'\t')))
    {
        return false;
    }
    rest = &rest[separator..];
    if !(field(&mut rest, 1, 2, Some(b':'))
        && field(&mut rest, 2, 2, Some(b':'))
        && field(&mut rest, 2, 2, None))
    {
        return false;
    }
    if let Some(fraction) = rest.strip_prefix(b".") {
        rest = &fraction[run_length(fraction, |b| b.is_ascii_digit())..];
    }
    rest = &rest[run_length(rest, |b| matches!(b, b' ' | b'\t'))..];
    match rest {
        [] | [b'Z'] => true,
        [b'+' | b'-', zone @ ..] => {
            let mut zone = zone;
            let hours = digits(zone, 1, 2);
            let Some(hours) = hours else { return false };
            zone = &zone[hours..];
            match zone.strip_prefix(b":") {
                None => zone.is_empty(),
                Some(minutes) => minutes.len() == 2 && minutes.iter().all(u8::is_ascii_digit),
            }
        }
        _ => false,
    }
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

/// An HCL (Terraform) quoted string literal. HCL strings are templates, so besides `"`, `\\` and
/// control characters the template sequences `${` and `%{` are escaped (as `$${` and `%%{`):
/// no value can become an interpolation or a directive.
pub fn hcl_string(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '$' | '%' if chars.peek() == Some(&'{') => {
                out.push(c);
                out.push(c);
            }
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// An API Gateway static value (`'value'`) as an HCL string literal: `"'https://a.com'"`.
pub fn hcl_static_value(value: &str) -> String {
    hcl_string(&api_gateway_static_value(value))
}

/// An HCL heredoc (`<<DELIMITER`) whose value is exactly `text`, kept on its original lines so
/// embedded source code stays readable; the result follows `name = ` directly and ends with the
/// closing delimiter. A heredoc has no backslash escapes, only `$${` and `%%{`, so text it cannot
/// hold exactly (no final line break, a carriage return or another control character but tab, a
/// line that reads as the delimiter) is written as a quoted string ([`hcl_string`]) instead.
pub fn hcl_heredoc(text: &str, delimiter: &str) -> String {
    let fits = text.ends_with('\n')
        && !text
            .chars()
            .any(|c| c.is_control() && c != '\n' && c != '\t')
        && !text.lines().any(|line| line.trim() == delimiter);
    if !fits {
        return hcl_string(text);
    }
    let mut out = format!("<<{delimiter}\n");
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        out.push(c);
        if matches!(c, '$' | '%') && chars.peek() == Some(&'{') {
            out.push(c);
        }
    }
    out.push_str(delimiter);
    out
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
    fn three_spellings_and_no_others() {
        let table = [
            ("null", "null", true),
            ("Null", "null", true),
            ("NULL", "null", true),
            ("nULL", "null", false),
            ("NuLL", "null", false),
            ("nulL", "null", false),
            ("nul", "null", false),
            ("nulls", "null", false),
            ("", "null", false),
            ("y", "y", true),
            ("Y", "y", true),
            ("yes", "y", false),
            ("INF", "inf", true),
            ("Inf", "inf", true),
            ("iNf", "inf", false),
            ("ﬁnf", "inf", false),
        ];
        for (value, word, expected) in table {
            assert_eq!(
                in_three_spellings(value, word),
                expected,
                "{value:?} as {word:?}"
            );
        }
    }

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
            ("1_000", "\"1_000\""),
            ("0x1F", "\"0x1F\""),
            ("0o17", "\"0o17\""),
            ("0b101", "\"0b101\""),
            ("017", "\"017\""),
            ("1e5", "\"1e5\""),
            ("1.", "\"1.\""),
            ("1.5e-3", "\"1.5e-3\""),
            ("1:20", "\"1:20\""),
            ("190:20:30.15", "\"190:20:30.15\""),
            ("2001-12-14", "\"2001-12-14\""),
            (
                "2001-12-14t21:59:43.10-05:00",
                "\"2001-12-14t21:59:43.10-05:00\"",
            ),
            ("2001-1-1", "2001-1-1"),
            (".inf", "\".inf\""),
            ("-.Inf", "\"-.Inf\""),
            (".NaN", "\".NaN\""),
            ("~", "\"~\""),
            ("<<", "\"<<\""),
            ("=", "\"=\""),
            ("1x", "1x"),
            ("3d-Secure", "3d-Secure"),
            ("1:60", "1:60"),
            ("x1_000", "x1_000"),
            ("http://[::1]:3000", "\"http://[::1]:3000\""),
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
    fn hcl_string_table() {
        let table = [
            ("https://a.com", r#""https://a.com""#),
            ("say \"hi\"", r#""say \"hi\"""#),
            ("a\\b", r#""a\\b""#),
            ("${var.x}", r#""$${var.x}""#),
            ("%{ if true }", r#""%%{ if true }""#),
            ("$${", r#""$$${""#),
            ("$x %y {z} $ %", r#""$x %y {z} $ %""#),
            ("a\nb\r\tc", r#""a\nb\r\tc""#),
            ("\u{1}\u{7f}", r#""\u0001\u007f""#),
            ("'quoted'", r#""'quoted'""#),
            ("plain ü", r#""plain ü""#),
            ("", r#""""#),
        ];
        for (input, expected) in table {
            assert_eq!(hcl_string(input), expected, "input {input:?}");
        }
    }

    #[test]
    fn hcl_static_value_wraps_in_single_quotes() {
        assert_eq!(hcl_static_value("https://a.com"), r#""'https://a.com'""#);
        assert_eq!(hcl_static_value("600"), r#""'600'""#);
        assert_eq!(hcl_static_value("${x}"), r#""'$${x}'""#);
    }

    #[test]
    fn hcl_heredoc_table() {
        let table = [
            ("a\n  b\n", "<<PY\na\n  b\nPY"),
            ("f\"{x}\" \\n\n", "<<PY\nf\"{x}\" \\n\nPY"),
            ("${x} %{y} $ {z}\n", "<<PY\n$${x} %%{y} $ {z}\nPY"),
            ("tab\there\n\n", "<<PY\ntab\there\n\nPY"),
            ("no newline", r#""no newline""#),
            ("cr\r\n", r#""cr\r\n""#),
            ("x\n  PY\n", r#""x\n  PY\n""#),
            ("PYTHON\n", "<<PY\nPYTHON\nPY"),
            ("", r#""""#),
        ];
        for (input, expected) in table {
            assert_eq!(hcl_heredoc(input, "PY"), expected, "input {input:?}");
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
