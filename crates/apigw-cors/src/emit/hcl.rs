//! HCL (Terraform) written line by line in `terraform fmt`'s layout: two spaces a level, the `=`
//! of consecutive one-line arguments aligned, as are the keys of a map. Values are expressions
//! the caller has already escaped (`escape::hcl_string` and friends) or references it builds.

use super::comment::wrapped;

/// Where comments are wrapped (indentation included).
const COMMENT_WIDTH: usize = 100;

/// Builds HCL with explicit indentation. One-line arguments are held back until something else
/// is written, so that a run of them can be aligned on `=` as `terraform fmt` aligns them.
#[derive(Default)]
pub(crate) struct HclWriter {
    out: String,
    /// One-line arguments not yet written: (indent, name, value).
    run: Vec<(usize, String, String)>,
}

impl HclWriter {
    /// `name = value` at `indent`, aligned with the one-line arguments next to it.
    pub(crate) fn attr(
        &mut self,
        indent: usize,
        name: impl Into<String>,
        value: impl Into<String>,
    ) {
        if self.run.last().is_some_and(|(last, _, _)| *last != indent) {
            self.flush();
        }
        self.run.push((indent, name.into(), value.into()));
    }

    /// `name = value` where `value` spans several lines (a heredoc, a function call over a
    /// list): written on its own, after a blank line unless it opens its block.
    pub(crate) fn multi_line_attr(&mut self, indent: usize, name: &str, value: &str) {
        self.separate();
        self.line(indent, format!("{name} = {value}"));
    }

    /// `name = { key = value, … }` as a map over several lines, keys aligned (each key and value
    /// is an expression); after a blank line unless it opens its block.
    pub(crate) fn map(&mut self, indent: usize, name: &str, entries: &[(String, String)]) {
        self.separate();
        self.line(indent, format!("{name} = {{"));
        for (key, value) in entries {
            self.attr(indent + 2, key.as_str(), value.as_str());
        }
        self.line(indent, "}");
    }

    /// `head {` at `indent` (`resource "aws_x" "name"`, `lifecycle`), after a blank line unless
    /// it opens its block.
    pub(crate) fn open(&mut self, indent: usize, head: &str) {
        self.separate();
        self.line(indent, format!("{head} {{"));
    }

    /// The `}` that closes a block at `indent`.
    pub(crate) fn close(&mut self, indent: usize) {
        self.line(indent, "}");
    }

    /// One line of text at `indent`.
    pub(crate) fn line(&mut self, indent: usize, text: impl AsRef<str>) {
        self.flush();
        self.out.extend(std::iter::repeat_n(' ', indent));
        self.out.push_str(text.as_ref());
        self.out.push('\n');
    }

    /// An empty line.
    pub(crate) fn blank(&mut self) {
        self.flush();
        self.out.push('\n');
    }

    /// `text` as `#` comment lines, wrapped at word boundaries.
    pub(crate) fn comment(&mut self, indent: usize, text: &str) {
        self.flush();
        self.out
            .push_str(&wrapped("#", indent, COMMENT_WIDTH, text));
    }

    /// The HCL written so far.
    pub(crate) fn finish(mut self) -> String {
        self.flush();
        self.out
    }

    /// A blank line before a multi-line argument or a nested block, unless it comes first in
    /// its block or after a comment (which belongs to it).
    fn separate(&mut self) {
        self.flush();
        if self.out.is_empty() || self.out.ends_with("\n\n") {
            return;
        }
        let last_line = self.out.trim_end_matches('\n').rsplit('\n').next();
        let opens_or_follows_comment = last_line
            .map(str::trim_start)
            .is_some_and(|line| line.ends_with('{') || line.starts_with('#'));
        if !opens_or_follows_comment {
            self.out.push('\n');
        }
    }

    /// Writes the held-back one-line arguments with their `=` aligned.
    fn flush(&mut self) {
        let width = self
            .run
            .iter()
            .map(|(_, name, _)| name.chars().count())
            .max()
            .unwrap_or(0);
        for (indent, name, value) in std::mem::take(&mut self.run) {
            let pad = width - name.chars().count();
            self.out.extend(std::iter::repeat_n(' ', indent));
            self.out.push_str(&name);
            self.out.extend(std::iter::repeat_n(' ', pad));
            self.out.push_str(" = ");
            self.out.push_str(&value);
            self.out.push('\n');
        }
    }
}

/// A logical ID (`CorsApi`, `ItemsGet`) as a Terraform name (`cors_api`, `items_get`), so the
/// Terraform names follow the ids the other complete templates use.
pub(crate) fn snake_name(id: &str) -> String {
    let mut name = String::with_capacity(id.len() + 4);
    for (index, c) in id.chars().enumerate() {
        if c.is_ascii_uppercase() && index > 0 {
            name.push('_');
        }
        name.push(c.to_ascii_lowercase());
    }
    name
}

/// `[a, b]`: a one-line list of expressions.
pub(crate) fn list(items: &[String]) -> String {
    format!("[{}]", items.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aligns_runs_of_one_line_arguments_like_terraform_fmt() {
        let mut w = HclWriter::default();
        w.open(0, r#"resource "aws_x" "y""#);
        w.attr(2, "rest_api_id", "aws_a.b.id");
        w.attr(2, "status_code", r#""200""#);
        w.attr(2, "type", r#""MOCK""#);
        w.map(
            2,
            "response_parameters",
            &[
                (r#""a.long.key""#.into(), "true".into()),
                (r#""k""#.into(), "false".into()),
            ],
        );
        w.open(2, "lifecycle");
        w.attr(4, "create_before_destroy", "true");
        w.close(2);
        w.close(0);
        w.comment(0, "A note.");
        w.open(0, r#"output "url""#);
        w.attr(2, "value", "x");
        w.close(0);
        assert_eq!(
            w.finish(),
            r#"resource "aws_x" "y" {
  rest_api_id = aws_a.b.id
  status_code = "200"
  type        = "MOCK"

  response_parameters = {
    "a.long.key" = true
    "k"          = false
  }

  lifecycle {
    create_before_destroy = true
  }
}
# A note.
output "url" {
  value = x
}
"#
        );
    }

    #[test]
    fn snake_names() {
        assert_eq!(snake_name("CorsApi"), "cors_api");
        assert_eq!(snake_name("ItemsGet"), "items_get");
        assert_eq!(snake_name("TokenAuthorizer"), "token_authorizer");
        assert_eq!(snake_name("items"), "items");
    }
}
