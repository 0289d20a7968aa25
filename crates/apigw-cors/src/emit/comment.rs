//! Comments wrapped at word boundaries, for every language the targets write.

/// `text` as comment lines behind `marker` (`//`, `#`) at `indent` spaces, wrapped at word
/// boundaries so that lines stay within `width` columns (a single long word may pass it; the
/// text never gets narrower than 40 columns).
pub(crate) fn wrapped(marker: &str, indent: usize, width: usize, text: &str) -> String {
    let text_width = width.saturating_sub(indent + marker.len() + 1).max(40);
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    for word in text.split_whitespace() {
        if !current.is_empty() && current.len() + 1 + word.len() > text_width {
            lines.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(word);
    }
    if !current.is_empty() {
        lines.push(current);
    }
    let pad = " ".repeat(indent);
    lines
        .iter()
        .map(|line| format!("{pad}{marker} {line}\n"))
        .collect()
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
