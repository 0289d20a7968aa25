//! A small syntax highlighter for the output panels: YAML, TypeScript, JavaScript, Python, JSON,
//! shell and HCL, written to HTML whose text content is exactly the input text.
//!
//! Each line becomes `<span class="ln">…</span>` followed by its line feed; lines that carry CORS
//! settings get the extra class `cors`. Tokens are `<span class="t-…">` with the kinds in
//! [`Kind`]. The lexer works line by line and never fails: anything it does not recognise is plain
//! text.

use apigw_cors::{html_text, CorsLines, Syntax};

/// How the highlighter reads each language: comments, quotes, keywords.
trait Rules {
    fn line_comment(self) -> Option<&'static str>;
    fn quotes(self) -> &'static [u8];
    fn keywords(self) -> &'static [&'static str];
}

impl Rules for Syntax {
    fn line_comment(self) -> Option<&'static str> {
        match self {
            Syntax::Yaml | Syntax::Python | Syntax::Shell | Syntax::Hcl => Some("#"),
            Syntax::TypeScript | Syntax::JavaScript => Some("//"),
            Syntax::Json => None,
        }
    }

    fn quotes(self) -> &'static [u8] {
        match self {
            Syntax::TypeScript | Syntax::JavaScript => b"'\"`",
            Syntax::Json | Syntax::Hcl => b"\"",
            Syntax::Yaml | Syntax::Python | Syntax::Shell => b"'\"",
        }
    }

    fn keywords(self) -> &'static [&'static str] {
        match self {
            Syntax::Yaml | Syntax::Json => &["true", "false", "null"],
            Syntax::TypeScript | Syntax::JavaScript => &[
                "async",
                "await",
                "class",
                "const",
                "else",
                "export",
                "exports",
                "extends",
                "false",
                "for",
                "from",
                "function",
                "if",
                "import",
                "let",
                "new",
                "null",
                "of",
                "return",
                "this",
                "true",
                "typeof",
                "undefined",
                "var",
            ],
            Syntax::Python => &[
                "and", "def", "elif", "else", "False", "for", "from", "if", "import", "in", "is",
                "None", "not", "or", "return", "True",
            ],
            Syntax::Shell => &["curl", "echo", "set", "then", "fi", "if", "exit"],
            Syntax::Hcl => &[
                "data",
                "false",
                "locals",
                "null",
                "output",
                "provider",
                "resource",
                "terraform",
                "true",
                "variable",
            ],
        }
    }
}

/// What a highlighted token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A comment.
    Comment,
    /// A string literal.
    Str,
    /// A keyword or literal such as `true`.
    Keyword,
    /// A number.
    Number,
    /// A mapping key (YAML, JSON) or a command-line option (shell).
    Key,
}

impl Kind {
    fn class(self) -> &'static str {
        match self {
            Kind::Comment => "t-c",
            Kind::Str => "t-s",
            Kind::Keyword => "t-k",
            Kind::Number => "t-n",
            Kind::Key => "t-p",
        }
    }
}

/// Highlights `text` as `lang` and returns HTML whose text content equals `text`.
pub fn to_html(text: &str, lang: Syntax, marks: &CorsLines) -> String {
    let mut html = String::with_capacity(text.len() * 2);
    for line in text.split_inclusive('\n') {
        line_to_html(&mut html, line, lang, marks);
    }
    html
}

/// Appends one line of [`to_html`]'s output: the line's span, then its line feed if it has one.
/// Lines are highlighted independently, so a line's HTML depends only on its own text.
pub fn line_to_html(html: &mut String, line: &str, lang: Syntax, marks: &CorsLines) {
    let (content, newline) = match line.strip_suffix('\n') {
        Some(content) => (content, "\n"),
        None => (line, ""),
    };
    html.push_str("<span class=\"");
    html.push_str(line_class(content, marks));
    html.push_str("\">");
    for (kind, text) in pieces(content, lang) {
        match kind {
            Some(kind) => {
                html.push_str("<span class=\"");
                html.push_str(kind.class());
                html.push_str("\">");
                html.push_str(&html_text(text));
                html.push_str("</span>");
            }
            None => html.push_str(&html_text(text)),
        }
    }
    html.push_str("</span>");
    html.push_str(newline);
}

/// The class of a line's span (without its line feed): `ln`, and `cors` when it carries CORS.
pub fn line_class(content: &str, marks: &CorsLines) -> &'static str {
    if marks.carries_cors(content) {
        "ln cors"
    } else {
        "ln"
    }
}

/// A line (without its line feed) as [`line_to_html`] writes it, one entry per child node of
/// the line's span: a token (`Some` kind: a span holding its text) or the plain text between
/// tokens (`None`: a text node; never empty, so no two are adjacent).
pub fn pieces(content: &str, lang: Syntax) -> Vec<(Option<Kind>, &str)> {
    let mut pieces = Vec::new();
    let mut end = 0;
    for (start, stop, kind) in tokens(content, lang) {
        if start > end {
            pieces.push((None, &content[end..start]));
        }
        pieces.push((Some(kind), &content[start..stop]));
        end = stop;
    }
    if end < content.len() {
        pieces.push((None, &content[end..]));
    }
    pieces
}

/// The smallest change, in whole lines, that turns one highlighted text into another: what a
/// keystroke needs re-highlighted and re-parsed instead of the whole panel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LineEdit {
    /// Both texts have the same lines but for these (by index); each is replaced on its own.
    Replace(Vec<usize>),
    /// Old lines `start..old_end` become new lines `start..new_end`; the rest is unchanged.
    Splice {
        /// The first line that differs.
        start: usize,
        /// The end of the old lines that go.
        old_end: usize,
        /// The end of the new lines that come.
        new_end: usize,
    },
}

/// How `old` becomes `new`, both split with `split_inclusive('\n')`.
pub fn line_edit(old: &[&str], new: &[&str]) -> LineEdit {
    // Only the last line can lack its line feed; when that changes, the line feed's own node
    // comes or goes too, which a per-line replacement does not do.
    let same_ending =
        old.last().map(|l| l.ends_with('\n')) == new.last().map(|l| l.ends_with('\n'));
    if old.len() == new.len() && same_ending {
        return LineEdit::Replace((0..old.len()).filter(|&i| old[i] != new[i]).collect());
    }
    let start = old.iter().zip(new).take_while(|(a, b)| a == b).count();
    let room = old.len().min(new.len()) - start;
    let kept_at_end = old
        .iter()
        .rev()
        .zip(new.iter().rev())
        .take(room)
        .take_while(|(a, b)| a == b)
        .count();
    LineEdit::Splice {
        start,
        old_end: old.len() - kept_at_end,
        new_end: new.len() - kept_at_end,
    }
}

/// The highlighted tokens of one line as byte ranges, in order and not overlapping.
pub fn tokens(line: &str, lang: Syntax) -> Vec<(usize, usize, Kind)> {
    let bytes = line.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    if lang == Syntax::Yaml {
        if let Some(end) = yaml_key_end(line) {
            let start = line.len() - line.trim_start_matches([' ', '-']).len();
            if start < end {
                found.push((start, end, Kind::Key));
                i = end;
            }
        }
    }
    while i < bytes.len() {
        let rest = &line[i..];
        let at_word_start = i == 0 || !is_word_byte(bytes[i - 1]);
        if let Some(marker) = lang.line_comment() {
            let comment_may_start = marker != "#" || i == 0 || bytes[i - 1].is_ascii_whitespace();
            if rest.starts_with(marker) && comment_may_start {
                found.push((i, line.len(), Kind::Comment));
                break;
            }
        }
        let b = bytes[i];
        if lang.quotes().contains(&b) {
            let end = string_end(bytes, i, lang);
            let is_json_key = lang == Syntax::Json && line[end..].trim_start().starts_with(':');
            found.push((i, end, if is_json_key { Kind::Key } else { Kind::Str }));
            i = end;
            continue;
        }
        // A number, but not the port or path part of a URL (`localhost:3000`).
        let in_url = i > 0 && matches!(bytes[i - 1], b':' | b'/' | b'.' | b'-');
        if at_word_start && !in_url && b.is_ascii_digit() {
            let end = i + rest
                .bytes()
                .take_while(|c| is_word_byte(*c) || *c == b'.')
                .count();
            found.push((i, end, Kind::Number));
            i = end;
            continue;
        }
        if at_word_start && lang == Syntax::Shell && b == b'-' && (i == 0 || bytes[i - 1] == b' ') {
            let end = i + rest
                .bytes()
                .take_while(|c| *c == b'-' || c.is_ascii_alphanumeric())
                .count();
            found.push((i, end, Kind::Key));
            i = end;
            continue;
        }
        if at_word_start && is_word_byte(b) {
            let len = rest.bytes().take_while(|c| is_word_byte(*c)).count();
            if lang.keywords().contains(&&rest[..len]) {
                found.push((i, i + len, Kind::Keyword));
            }
            i += len;
            continue;
        }
        // Step over one whole character (the text may hold any Unicode).
        i += rest.chars().next().map_or(1, char::len_utf8);
    }
    found
}

/// The end of a YAML mapping key at the start of the line (`  Key:` or `- Key:`), if any.
fn yaml_key_end(line: &str) -> Option<usize> {
    let start = line.len() - line.trim_start_matches([' ', '-']).len();
    let rest = &line[start..];
    if rest.starts_with(['#', '\'', '"', '!', '&', '*']) {
        return None;
    }
    let colon = rest.find(':')?;
    let after = &rest[colon + 1..];
    let key = &rest[..colon];
    let plain_key = !key.is_empty() && !key.contains([' ', '\'', '"', '#']);
    (plain_key && (after.is_empty() || after.starts_with(' '))).then_some(start + colon)
}

/// The byte after the string literal that starts at `start` (or the end of the line).
fn string_end(bytes: &[u8], start: usize, lang: Syntax) -> usize {
    let quote = bytes[start];
    // Shell and YAML single quotes have no escapes; YAML doubles a quote inside.
    let backslash_escapes = !(quote == b'\'' && matches!(lang, Syntax::Shell | Syntax::Yaml));
    let mut i = start + 1;
    while i < bytes.len() {
        if bytes[i] == b'\\' && backslash_escapes {
            i += 2;
            continue;
        }
        if bytes[i] == quote {
            if lang == Syntax::Yaml && quote == b'\'' && bytes.get(i + 1) == Some(&b'\'') {
                i += 2;
                continue;
            }
            return i + 1;
        }
        i += 1;
    }
    bytes.len()
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'$'
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Removes the tags and decodes the three entities: what the browser's textContent gives.
    fn text_of(html: &str) -> String {
        let mut text = String::new();
        let mut in_tag = false;
        for c in html.chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                _ if !in_tag => text.push(c),
                _ => {}
            }
        }
        text.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&")
    }

    fn kinds(line: &str, lang: Syntax) -> Vec<(&str, Kind)> {
        tokens(line, lang)
            .into_iter()
            .map(|(start, end, kind)| (&line[start..end], kind))
            .collect()
    }

    #[test]
    fn text_content_is_the_input() {
        let text = "a: '<b> & c'\n\n  - \"é\\\"\" # x\nlast";
        for lang in [
            Syntax::Yaml,
            Syntax::TypeScript,
            Syntax::JavaScript,
            Syntax::Python,
            Syntax::Json,
            Syntax::Shell,
        ] {
            assert_eq!(text_of(&to_html(text, lang, &no_marks())), text, "{lang:?}");
        }
    }

    /// The marks for a configuration without origins to find (the CORS words still count).
    fn no_marks() -> CorsLines {
        CorsLines::default()
    }

    #[test]
    fn marks_cors_lines() {
        let html = to_html(
            "    Cors:\n      AllowOrigin: \"'https://a.com'\"\nOther: 1\n",
            Syntax::Yaml,
            &no_marks(),
        );
        assert_eq!(
            html,
            "<span class=\"ln cors\">    <span class=\"t-p\">Cors</span>:</span>\n\
             <span class=\"ln cors\">      <span class=\"t-p\">AllowOrigin</span>: <span class=\"t-s\">\"'https://a.com'\"</span></span>\n\
             <span class=\"ln\"><span class=\"t-p\">Other</span>: <span class=\"t-n\">1</span></span>\n"
        );
    }

    #[test]
    fn yaml_tokens() {
        assert_eq!(
            kinds("  - https://a.com # prod", Syntax::Yaml),
            [("# prod", Kind::Comment)]
        );
        assert_eq!(
            kinds("      AllowCredentials: true", Syntax::Yaml),
            [("AllowCredentials", Kind::Key), ("true", Kind::Keyword)]
        );
        assert_eq!(
            kinds("  MaxAge: \"'600'\"", Syntax::Yaml),
            [("MaxAge", Kind::Key), ("\"'600'\"", Kind::Str)]
        );
        assert_eq!(kinds("  - 'it''s'", Syntax::Yaml), [("'it''s'", Kind::Str)]);
        assert_eq!(kinds("  - http://localhost:3000", Syntax::Yaml), []);
        assert_eq!(
            kinds("  - Key: x", Syntax::Yaml),
            [("Key", Kind::Key)],
            "a key inside a sequence item"
        );
    }

    #[test]
    fn typescript_and_javascript_tokens() {
        assert_eq!(
            kinds(
                "const api = new HttpApi(this, 'Api'); // x",
                Syntax::TypeScript
            ),
            [
                ("const", Kind::Keyword),
                ("new", Kind::Keyword),
                ("this", Kind::Keyword),
                ("'Api'", Kind::Str),
                ("// x", Kind::Comment),
            ]
        );
        assert_eq!(
            kinds("maxAge: Duration.seconds(600),", Syntax::TypeScript),
            [("600", Kind::Number)]
        );
        assert_eq!(
            kinds("  body: `a ${b}`,", Syntax::JavaScript),
            [("`a ${b}`", Kind::Str)]
        );
        assert_eq!(
            kinds("x = 'a\\'b' + c", Syntax::JavaScript),
            [("'a\\'b'", Kind::Str)]
        );
    }

    #[test]
    fn python_json_and_shell_tokens() {
        assert_eq!(
            kinds("def handler(event, context):  # entry", Syntax::Python),
            [("def", Kind::Keyword), ("# entry", Kind::Comment)]
        );
        assert_eq!(
            kinds("  \"statusCode\": 200,", Syntax::Json),
            [("\"statusCode\"", Kind::Key), ("200", Kind::Number)]
        );
        assert_eq!(
            kinds(
                "curl -i -X OPTIONS 'https://x' -H \"Origin: a\"",
                Syntax::Shell
            ),
            [
                ("curl", Kind::Keyword),
                ("-i", Kind::Key),
                ("-X", Kind::Key),
                ("'https://x'", Kind::Str),
                ("-H", Kind::Key),
                ("\"Origin: a\"", Kind::Str),
            ]
        );
        assert_eq!(
            kinds("echo it's#not a comment", Syntax::Shell),
            [("echo", Kind::Keyword), ("'s#not a comment", Kind::Str)]
        );
    }

    fn lines(text: &str) -> Vec<&str> {
        text.split_inclusive('\n').collect()
    }

    #[test]
    fn line_edits() {
        let old = lines("a\nb\nc\n");
        assert_eq!(line_edit(&old, &old), LineEdit::Replace(vec![]));
        assert_eq!(
            line_edit(&old, &lines("a\nB\nC\n")),
            LineEdit::Replace(vec![1, 2])
        );
        assert_eq!(
            line_edit(&old, &lines("a\nb\nx\nc\n")),
            LineEdit::Splice {
                start: 2,
                old_end: 2,
                new_end: 3
            },
            "an inserted line"
        );
        assert_eq!(
            line_edit(&old, &lines("c\n")),
            LineEdit::Splice {
                start: 0,
                old_end: 2,
                new_end: 0
            },
            "removed lines"
        );
        assert_eq!(
            line_edit(&lines("a\na\n"), &lines("a\na\na\n")),
            LineEdit::Splice {
                start: 2,
                old_end: 2,
                new_end: 3
            },
            "prefix and suffix never overlap"
        );
        assert_eq!(
            line_edit(&lines("a\nb"), &lines("a\nb\n")),
            LineEdit::Splice {
                start: 1,
                old_end: 2,
                new_end: 2
            },
            "the last line gains its line feed"
        );
        assert_eq!(
            line_edit(&[], &lines("a\n")),
            LineEdit::Splice {
                start: 0,
                old_end: 0,
                new_end: 1
            }
        );
    }

    #[test]
    fn lines_concatenate_to_the_whole() {
        let text = "  Cors:\n    AllowOrigin: 'x'\nlast";
        let mut html = String::new();
        for line in lines(text) {
            line_to_html(&mut html, line, Syntax::Yaml, &no_marks());
        }
        assert_eq!(html, to_html(text, Syntax::Yaml, &no_marks()));
    }
}
