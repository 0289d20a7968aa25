//! Comments wrapped at word boundaries, for every language the targets write.

/// `text` as comment lines behind `marker` (`//`, `#`) at `indent` spaces, wrapped at word
/// boundaries so that lines stay within `width` columns (a single long word may pass it; the
/// text never gets narrower than 40 columns).
pub(crate) fn wrapped(marker: &str, indent: usize, width: usize, text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2 * (indent + marker.len() + 2));
    write_wrapped(&mut out, marker, indent, width, text);
    out
}

/// [`wrapped`], appended to `out` (the emitters call it on every keystroke of the page, so it
/// writes in place).
pub(crate) fn write_wrapped(
    out: &mut String,
    marker: &str,
    indent: usize,
    width: usize,
    text: &str,
) {
    let text_width = width.saturating_sub(indent + marker.len() + 1).max(40);
    // The length of the current line's text; `None` before the first word.
    let mut line_len: Option<usize> = None;
    for word in text.split_whitespace() {
        match line_len {
            Some(len) if len + 1 + word.len() <= text_width => {
                out.push(' ');
                out.push_str(word);
                line_len = Some(len + 1 + word.len());
            }
            _ => {
                if line_len.is_some() {
                    out.push('\n');
                }
                out.extend(std::iter::repeat_n(' ', indent));
                out.push_str(marker);
                out.push(' ');
                out.push_str(word);
                line_len = Some(word.len());
            }
        }
    }
    if line_len.is_some() {
        out.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::wrapped;

    #[test]
    fn wraps_within_the_width() {
        let text = "one two three four five six seven eight nine ten eleven";
        // 50 columns: "    # " leaves 44 for the text, exactly up to "nine".
        assert_eq!(
            wrapped("#", 4, 50, text),
            "    # one two three four five six seven eight nine\n    # ten eleven\n"
        );
        // Deeply indented, the text still gets 40 columns.
        let pad = " ".repeat(60);
        assert_eq!(
            wrapped("//", 60, 80, text),
            format!("{pad}// one two three four five six seven eight\n{pad}// nine ten eleven\n")
        );
        assert_eq!(wrapped("//", 0, 80, "a  b\nc"), "// a b c\n");
        assert_eq!(wrapped("#", 0, 80, ""), "");
    }
}
