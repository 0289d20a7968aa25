//! What pasting does to a console message, undone: curly quotes, non-breaking spaces, line
//! breaks where the text was wrapped, and the small scanners the readers share.

/// The pasted text with curly quotes made straight, every run of white space (line breaks
/// included, so wrapped lines join) made one space, and the ends trimmed.
pub(crate) fn normalize(pasted: &str) -> String {
    let mut out = String::with_capacity(pasted.len());
    let mut space = false;
    for c in pasted.chars() {
        let c = match c {
            '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' => '\'',
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{2033}' => '"',
            c if c.is_whitespace() || c.is_control() => ' ',
            c => c,
        };
        if c == ' ' {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.push(c);
    }
    out
}

/// How far a reader looks for the end of one message's part (a URL, a value, a closing
/// phrase): far beyond any real message, and what keeps reading linear in the text's length.
pub(crate) const WINDOW: usize = 4096;

/// The start of `text`, at most [`WINDOW`] bytes (cut at a character boundary).
pub(crate) fn window(text: &str) -> &str {
    if text.len() <= WINDOW {
        return text;
    }
    let mut end = WINDOW;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// The end of `text[..at]`, at most [`WINDOW`] bytes (cut at a character boundary).
pub(crate) fn window_before(text: &str, at: usize) -> &str {
    let mut from = at.saturating_sub(WINDOW);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    &text[from..at]
}

/// Byte offsets of every occurrence of `needle` in `text`.
pub(crate) fn find_all(text: &str, needle: &str) -> Vec<usize> {
    text.match_indices(needle).map(|(at, _)| at).collect()
}

/// A three-digit HTTP status at the start of `text` (followed by the end or a non-digit).
pub(crate) fn status_at(text: &str) -> Option<u16> {
    let digits: String = text.chars().take_while(char::is_ascii_digit).collect();
    if digits.len() != 3 {
        return None;
    }
    digits
        .parse()
        .ok()
        .filter(|status| (100..=599).contains(status))
}

/// The status after the first `Status code: ` in `text`, when it is a number.
pub(crate) fn status_code(text: &str) -> Option<u16> {
    let at = text.find(STATUS_CODE)?;
    status_at(&text[at + STATUS_CODE.len()..])
}

/// How Firefox and Safari introduce a status.
pub(crate) const STATUS_CODE: &str = "Status code: ";

/// Every http(s) URL in `text`, in order, without the punctuation that closes a sentence.
pub(crate) fn urls(text: &str) -> Vec<String> {
    let mut starts: Vec<usize> = find_all(text, "http://");
    starts.extend(find_all(text, "https://"));
    starts.sort_unstable();
    let mut found = Vec::new();
    // A URL's end is past every scheme inside it ("https://https://…"), which are skipped:
    // each byte is scanned once.
    let mut covered = 0;
    for at in starts {
        if at < covered {
            continue;
        }
        let url = url_at(&text[at..]);
        covered = at + url.len().max(1);
        if url.len() > "https://".len() || (url.starts_with("http://") && url.len() > 7) {
            found.push(url.to_owned());
        }
    }
    found
}

/// The URL that starts `text`: up to white space or a quote, without a closing `.`, `,`, `)`.
pub(crate) fn url_at(text: &str) -> &str {
    let text = window(text);
    let end = text
        .find(|c: char| c.is_whitespace() || c == '\'' || c == '"' || c == '<' || c == '>')
        .unwrap_or(text.len());
    text[..end].trim_end_matches(['.', ',', ')', ';', ':'])
}

/// `text` without one pair of surrounding single quotes.
pub(crate) fn unquote(text: &str) -> &str {
    text.strip_prefix('\'')
        .and_then(|rest| rest.strip_suffix('\''))
        .unwrap_or(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pasting_is_undone() {
        assert_eq!(
            normalize("  (Reason: CORS header \u{2018}Origin\u{2019}\r\n cannot\u{a0}be added).\n"),
            "(Reason: CORS header 'Origin' cannot be added)."
        );
        assert_eq!(normalize("\u{201C}a\u{201D}\t\tb"), "\"a\" b");
        assert_eq!(normalize(""), "");
    }

    #[test]
    fn scanners() {
        assert_eq!(
            urls("GET https://a.example/x net::ERR_FAILED and 'http://b.example/y'."),
            ["https://a.example/x", "http://b.example/y"]
        );
        assert_eq!(status_code("Status code: 403."), Some(403));
        assert_eq!(status_code("Status code: (null)."), None);
        assert_eq!(status_at("4031"), None);
        assert_eq!(status_at("200 (OK)"), Some(200));
        assert_eq!(unquote("'x'"), "x");
        assert_eq!(unquote("'"), "'");
    }
}
