//! Refusing deeply nested input before it reaches the YAML parser.
//!
//! libyaml (serde_yaml's scanner) does work proportional to the flow nesting depth for every
//! token, so `[[[[…]]]]` 40,000 levels deep took 18 s and 100,000 levels two minutes before any
//! depth limit applied. [`check_nesting`] finds the flow depth in one linear pass and refuses
//! more than [`MAX_NESTING`] levels at once. It follows libyaml's scanner in what it skips
//! (quoted scalars, comments, block scalars, plain scalars and their continuation lines), so a
//! bracket inside text is not counted and a bracket that opens a collection is; JSON is YAML's
//! flow syntax and is checked the same way. Block nesting (`- - - x`, indentation) costs
//! libyaml linear time and is limited by the parsers themselves.

use std::fmt;

/// The deepest nesting of `[…]`/`{…}` collections accepted in a configuration or a template.
/// A configuration needs 2 levels; the deepest template in the test corpus (`cdk synth` output
/// among them) needs 9 even if written all in JSON.
pub const MAX_NESTING: usize = 64;

/// Input nested deeper than [`MAX_NESTING`], with the place where the limit was crossed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooDeep {
    /// 1-based line of the bracket that went one level too deep.
    pub line: usize,
    /// 1-based column (in characters) of that bracket.
    pub column: usize,
}

impl fmt::Display for TooDeep {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "nesting deeper than {MAX_NESTING} levels of [ ] or {{ }} at line {} column {}; \
             it was refused before parsing",
            self.line, self.column
        )
    }
}

/// Checks that `text` nests `[`/`{` collections at most [`MAX_NESTING`] deep. Linear in the
/// length of `text`; never panics.
pub(crate) fn check_nesting(text: &str) -> Result<(), TooDeep> {
    Scanner::new(text).run()
}

struct Scanner<'a> {
    bytes: &'a [u8],
    at: usize,
    line: usize,
    column: usize,
    /// Open flow collections.
    depth: usize,
    /// libyaml's block indentation stack (columns of the open block collections).
    indents: Vec<usize>,
    /// Column where a possible mapping key started on this line, in block context.
    key_column: Option<usize>,
    /// Whether the next token may start a key (line start, after `-`, `?`, `:`).
    key_allowed: bool,
}

/// The length of the line break at `at` (`\n`, `\r\n`, `\r`, NEL, LS, PS), or 0.
fn break_len_at(bytes: &[u8], at: usize) -> usize {
    match bytes.get(at..).unwrap_or_default() {
        [b'\r', b'\n', ..] => 2,
        [b'\n' | b'\r', ..] => 1,
        [0xC2, 0x85, ..] => 2,
        [0xE2, 0x80, 0xA8 | 0xA9, ..] => 3,
        _ => 0,
    }
}

impl<'a> Scanner<'a> {
    fn new(text: &'a str) -> Self {
        Scanner {
            bytes: text.as_bytes(),
            at: 0,
            line: 1,
            column: 0,
            depth: 0,
            indents: Vec::new(),
            key_column: None,
            key_allowed: true,
        }
    }

    fn peek(&self, offset: usize) -> Option<u8> {
        self.bytes.get(self.at + offset).copied()
    }

    /// The length of the line break at the cursor (`\n`, `\r\n`, `\r`, NEL, LS, PS), or 0.
    fn break_len(&self) -> usize {
        break_len_at(self.bytes, self.at)
    }

    /// Whether the character `offset` bytes ahead is a blank, a line break or the end.
    fn blank_or_end_at(&self, offset: usize) -> bool {
        matches!(self.peek(offset), None | Some(b' ' | b'\t'))
            || break_len_at(self.bytes, self.at + offset) > 0
    }

    /// Moves past one character (a whole line break counts as one).
    fn advance(&mut self) {
        let line_break = self.break_len();
        if line_break > 0 {
            self.at += line_break;
            self.line += 1;
            self.column = 0;
            self.key_column = None;
            if self.depth == 0 {
                self.key_allowed = true;
            }
            return;
        }
        self.at += 1;
        // Continuation bytes of a UTF-8 character do not start a column.
        while self.peek(0).is_some_and(|b| b & 0xC0 == 0x80) {
            self.at += 1;
        }
        self.column += 1;
    }

    fn at_end(&self) -> bool {
        self.at >= self.bytes.len()
    }

    /// libyaml's current block indentation (`-1` at the top).
    fn indent(&self) -> isize {
        self.indents.last().map_or(-1, |&column| column as isize)
    }

    fn roll_indent(&mut self, column: usize) {
        if self.depth == 0 && self.indent() < column as isize {
            self.indents.push(column);
        }
    }

    fn run(mut self) -> Result<(), TooDeep> {
        loop {
            self.skip_to_token();
            if self.at_end() {
                return Ok(());
            }
            if self.depth == 0 {
                while self.indent() > self.column as isize {
                    self.indents.pop();
                }
            }
            let column = self.column;
            let byte = self.bytes[self.at];
            let starts_key = self.key_allowed;
            self.key_allowed = false;
            match byte {
                b'-' | b'.' if column == 0 && self.document_marker() => {
                    self.indents.clear();
                    for _ in 0..3 {
                        self.advance();
                    }
                    self.key_allowed = true;
                }
                b'%' if column == 0 && self.depth == 0 => self.skip_line(),
                b'[' | b'{' => {
                    self.note_key_start(starts_key, column);
                    self.depth += 1;
                    if self.depth > MAX_NESTING {
                        return Err(TooDeep {
                            line: self.line,
                            column: column + 1,
                        });
                    }
                    self.advance();
                    self.key_allowed = true;
                }
                b']' | b'}' => {
                    self.depth = self.depth.saturating_sub(1);
                    self.advance();
                }
                b',' => {
                    self.advance();
                    self.key_allowed = true;
                }
                b'-' if self.blank_or_end_at(1) => {
                    self.roll_indent(column);
                    self.advance();
                    self.key_allowed = true;
                }
                b'?' | b':' if self.depth > 0 || self.blank_or_end_at(1) => {
                    if byte == b':' {
                        let key = self.key_column.take().unwrap_or(column);
                        self.roll_indent(key);
                    } else {
                        self.roll_indent(column);
                    }
                    self.advance();
                    self.key_allowed = true;
                }
                b'*' | b'&' => {
                    self.note_key_start(starts_key, column);
                    self.advance();
                    self.skip_while(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
                    self.key_allowed = byte == b'&';
                }
                b'!' => {
                    self.note_key_start(starts_key, column);
                    self.advance();
                    self.skip_while(|b| {
                        b.is_ascii_alphanumeric() || b"-_;/?:@&=+$,.!~*'()[]%".contains(&b)
                    });
                    self.key_allowed = true;
                }
                b'|' | b'>' if self.depth == 0 => self.block_scalar(),
                b'\'' | b'"' => {
                    self.note_key_start(starts_key, column);
                    self.quoted(byte);
                }
                _ => {
                    self.note_key_start(starts_key, column);
                    self.plain();
                }
            }
        }
    }

    fn note_key_start(&mut self, allowed: bool, column: usize) {
        if allowed && self.depth == 0 && self.key_column.is_none() {
            self.key_column = Some(column);
        }
    }

    /// `---` or `...` followed by a blank or the end, at the start of a line.
    fn document_marker(&self) -> bool {
        let rest = &self.bytes[self.at..];
        (rest.starts_with(b"---") || rest.starts_with(b"...")) && self.blank_or_end_at(3)
    }

    fn skip_while(&mut self, accept: impl Fn(u8) -> bool) {
        while self.peek(0).is_some_and(&accept) && self.break_len() == 0 {
            self.advance();
        }
    }

    fn skip_line(&mut self) {
        while !self.at_end() && self.break_len() == 0 {
            self.advance();
        }
    }

    /// Skips blanks, line breaks and comments up to the next token.
    fn skip_to_token(&mut self) {
        loop {
            match self.peek(0) {
                Some(b' ' | b'\t') => self.advance(),
                Some(b'#') => self.skip_line(),
                Some(_) if self.break_len() > 0 => self.advance(),
                _ => return,
            }
        }
    }

    /// A single- or double-quoted scalar, over as many lines as it takes.
    fn quoted(&mut self, quote: u8) {
        self.advance();
        while let Some(byte) = self.peek(0) {
            match byte {
                b'\\' if quote == b'"' => {
                    self.advance();
                    if !self.at_end() {
                        self.advance();
                    }
                }
                b'\'' if quote == b'\'' && self.peek(1) == Some(b'\'') => {
                    self.advance();
                    self.advance();
                }
                _ if byte == quote => {
                    self.advance();
                    return;
                }
                _ => self.advance(),
            }
        }
    }

    /// A plain scalar, with its continuation lines (in block context, those indented deeper
    /// than the current block collection).
    fn plain(&mut self) {
        let min_indent = self.indent() + 1;
        loop {
            // One run of non-blank characters.
            while let Some(byte) = self.peek(0) {
                if self.blank_or_end_at(0) {
                    break;
                }
                let ends_flow = self.depth > 0 && b",[]{}".contains(&byte);
                let value_indicator = byte == b':'
                    && (self.blank_or_end_at(1)
                        || (self.depth > 0
                            && self.peek(1).is_some_and(|b| b",?[]{}".contains(&b))));
                if ends_flow || value_indicator {
                    return;
                }
                self.advance();
            }
            // Blanks and line breaks: the scalar goes on if a word follows where libyaml takes it.
            let saved = (
                self.at,
                self.line,
                self.column,
                self.key_column,
                self.key_allowed,
            );
            let mut crossed_line = false;
            loop {
                match self.peek(0) {
                    Some(b' ' | b'\t') => self.advance(),
                    Some(_) if self.break_len() > 0 => {
                        crossed_line = true;
                        self.advance();
                    }
                    _ => break,
                }
            }
            let stop = self.at_end()
                || self.peek(0) == Some(b'#')
                || (self.column == 0 && self.document_marker())
                || (crossed_line && self.depth == 0 && (self.column as isize) < min_indent);
            if stop {
                (
                    self.at,
                    self.line,
                    self.column,
                    self.key_column,
                    self.key_allowed,
                ) = saved;
                return;
            }
            if crossed_line {
                self.key_allowed = false;
            }
        }
    }

    /// A literal (`|`) or folded (`>`) block scalar: its header, then every line indented at
    /// least as deep as its content, as libyaml decides that depth.
    fn block_scalar(&mut self) {
        self.advance();
        let mut explicit = 0;
        while let Some(byte) = self.peek(0) {
            match byte {
                b'1'..=b'9' if explicit == 0 => explicit = (byte - b'0') as isize,
                b'+' | b'-' => {}
                _ => break,
            }
            self.advance();
        }
        // The rest of the header line (blanks and a comment) belongs to the header.
        self.skip_line();
        let parent = self.indent();
        let mut indent = if explicit > 0 {
            parent.max(0) + explicit
        } else {
            0
        };
        let mut widest_blank = 0;
        loop {
            if self.at_end() {
                return;
            }
            // At a line break: move to the next line.
            if self.break_len() > 0 {
                self.advance();
            }
            let line_start = (self.at, self.line, self.column);
            let spaces = self.count_spaces();
            let blank_line = self.at_end() || self.break_len() > 0;
            if blank_line {
                widest_blank = widest_blank.max(spaces);
                continue;
            }
            if indent == 0 {
                indent = (widest_blank.max(spaces) as isize).max(parent + 1).max(1);
            }
            if (spaces as isize) < indent {
                (self.at, self.line, self.column) = line_start;
                self.key_column = None;
                self.key_allowed = true;
                return;
            }
            self.skip_line();
        }
    }

    fn count_spaces(&mut self) -> usize {
        let mut spaces = 0;
        while self.peek(0) == Some(b' ') {
            self.advance();
            spaces += 1;
        }
        spaces
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn depth_error(text: &str) -> Option<(usize, usize)> {
        check_nesting(text).err().map(|e| (e.line, e.column))
    }

    #[test]
    fn counts_flow_collections_in_yaml_and_json() {
        let deep = |n: usize| format!("a: {}{}\n", "[".repeat(n), "]".repeat(n));
        assert_eq!(depth_error(&deep(MAX_NESTING)), None);
        assert_eq!(depth_error(&deep(MAX_NESTING + 1)), Some((1, 68)));
        let json = format!("{{\"a\": {}1{}}}", "[".repeat(70), "]".repeat(70));
        assert_eq!(depth_error(&json), Some((1, 70)));
        let siblings = "a: [".to_owned() + &"[1], ".repeat(10_000) + "]\n";
        assert_eq!(depth_error(&siblings), None);
    }

    #[test]
    fn brackets_in_text_are_not_counted() {
        let many = "[".repeat(200);
        let texts = [
            format!("a: '{many}'\nb: \"{many}\"\n"),
            format!("a: x{many}\n# {many}\nb: 1 # {many}\n"),
            format!("a: |\n  {many}\n   {many}\n\n  x\nb: >-\n    {many}\n"),
            format!("- key: |\n    {many}\n- plain\n  {many}\n"),
            format!("a: [\"{many}\", '{many}', x]\n"),
            format!("a: !tag x\n  {many}\n"),
        ];
        for text in texts {
            assert_eq!(depth_error(&text), None, "{text}");
        }
    }

    #[test]
    fn brackets_after_text_ends_are_counted() {
        let open = "[".repeat(MAX_NESTING + 1);
        let texts = [
            // The block scalar ends at a line indented less than its content.
            format!("- key: |\n    text\n  x: {open}\n"),
            format!("key: |\n  text\n{open}\n"),
            // A plain scalar does not continue on a line at its collection's indentation.
            format!("a: it's\nb: {open}\n"),
            // In flow context a plain scalar ends at a bracket.
            format!("a: [x{open}\n"),
            // A quote inside a plain scalar opens nothing.
            format!("a: don't\nb: {open}\n"),
            format!("- a'b\n- {open}\n"),
            // A comment starts only at a token.
            format!("a: x#y\nb: {open}\n"),
        ];
        for text in texts {
            assert!(depth_error(&text).is_some(), "{text}");
        }
    }

    #[test]
    fn the_error_names_the_limit_and_the_place() {
        let text = format!("a:\n  b: {}\n", "{".repeat(100));
        let error = check_nesting(&text).unwrap_err();
        assert_eq!(
            error.to_string(),
            "nesting deeper than 64 levels of [ ] or { } at line 2 column 70; it was refused before parsing"
        );
    }
}
