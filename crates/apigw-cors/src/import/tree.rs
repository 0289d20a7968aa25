//! Walking a parsed template: values with their path, intrinsic functions, and SAM's Globals
//! merge.

use serde_yaml::Value;

/// A value in the template and where it is, for example
/// `Resources.MyApi.Properties.Cors.AllowOrigin`.
#[derive(Debug, Clone)]
pub(crate) struct Node<'a> {
    pub value: &'a Value,
    pub path: String,
}

impl<'a> Node<'a> {
    pub fn new(value: &'a Value, path: impl Into<String>) -> Node<'a> {
        Node {
            value,
            path: path.into(),
        }
    }

    /// The entry `key` of a mapping (never of an intrinsic function).
    pub fn get(&self, key: &str) -> Option<Node<'a>> {
        if self.is_intrinsic() {
            return None;
        }
        let value = self.value.as_mapping()?.get(key)?;
        Some(Node::new(value, child_path(&self.path, key)))
    }

    /// The entries of a mapping, in template order (keys that are not strings are skipped).
    pub fn entries(&self) -> Vec<(&'a str, Node<'a>)> {
        let Some(mapping) = self.value.as_mapping().filter(|_| !self.is_intrinsic()) else {
            return Vec::new();
        };
        mapping
            .iter()
            .filter_map(|(key, value)| {
                let key = key.as_str()?;
                Some((key, Node::new(value, child_path(&self.path, key))))
            })
            .collect()
    }

    /// The items of a sequence.
    pub fn items(&self) -> Vec<Node<'a>> {
        let Some(sequence) = self.value.as_sequence() else {
            return Vec::new();
        };
        sequence
            .iter()
            .enumerate()
            .map(|(index, value)| Node::new(value, format!("{}[{index}]", self.path)))
            .collect()
    }

    /// The value as written, short enough for a message (strings in quotes, so `"600"` and
    /// `600` differ).
    pub fn shown(&self) -> String {
        render(self.value, 80)
    }

    /// Like [`Node::shown`], but a string as its bare text (a diagnostic quotes it itself).
    pub fn text(&self) -> String {
        match self.value {
            Value::String(text) => text.clone(),
            _ => self.shown(),
        }
    }

    /// Whether this is an intrinsic function (`!Ref X`, `{"Fn::Sub": …}`): its value is known
    /// only at deploy time.
    pub fn is_intrinsic(&self) -> bool {
        is_intrinsic(self.value)
    }

    /// The logical id this value refers to: `X`, `!Ref X` or `{"Ref": "X"}`.
    pub fn reference(&self) -> Option<&'a str> {
        match self.value {
            Value::String(id) => Some(id),
            Value::Tagged(tagged) if tagged.tag == "Ref" => tagged.value.as_str(),
            Value::Mapping(mapping) if mapping.len() == 1 => mapping.get("Ref")?.as_str(),
            _ => None,
        }
    }
}

/// `parent.key`, or `parent["key"]` when the key has characters that would make it ambiguous.
fn child_path(parent: &str, key: &str) -> String {
    let plain = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == ':');
    match (parent.is_empty(), plain) {
        (true, true) => key.to_owned(),
        (false, true) => format!("{parent}.{key}"),
        (_, false) => format!("{parent}[{key:?}]"),
    }
}

pub(crate) fn is_intrinsic(value: &Value) -> bool {
    match value {
        Value::Tagged(_) => true,
        Value::Mapping(mapping) if mapping.len() == 1 => mapping
            .keys()
            .next()
            .and_then(Value::as_str)
            .is_some_and(|key| key == "Ref" || key == "Condition" || key.starts_with("Fn::")),
        _ => false,
    }
}

/// A compact one-line rendering: `!Sub "'${Origin}'"`, `[GET, POST]`, `{Ref: X}`.
pub(crate) fn render(value: &Value, limit: usize) -> String {
    let mut out = String::new();
    render_into(value, &mut out);
    if out.chars().count() > limit {
        let cut: String = out.chars().take(limit.saturating_sub(1)).collect();
        return format!("{cut}…");
    }
    out
}

fn render_into(value: &Value, out: &mut String) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(&n.to_string()),
        Value::String(s) => out.push_str(&format!("{s:?}")),
        Value::Sequence(items) => {
            out.push('[');
            for (index, item) in items.iter().enumerate() {
                if index > 0 {
                    out.push_str(", ");
                }
                render_into(item, out);
            }
            out.push(']');
        }
        Value::Mapping(mapping) => {
            out.push('{');
            for (index, (key, item)) in mapping.iter().enumerate() {
                if index > 0 {
                    out.push_str(", ");
                }
                match key.as_str() {
                    Some(key) => out.push_str(key),
                    None => render_into(key, out),
                }
                out.push_str(": ");
                render_into(item, out);
            }
            out.push('}');
        }
        Value::Tagged(tagged) => {
            out.push_str(&tagged.tag.to_string());
            out.push(' ');
            render_into(&tagged.value, out);
        }
    }
}

/// One SAM property seen through its layers: the resource's value first, then Globals'.
///
/// SAM merges Globals into a resource this way: mappings merge key by key, lists concatenate
/// (Globals' items first), and for anything else the resource's value wins.
#[derive(Debug, Clone)]
pub(crate) struct Layered<'a> {
    layers: Vec<Node<'a>>,
}

impl<'a> Layered<'a> {
    /// `layers`: the resource's node (if any) first, then the Globals node (if any).
    pub fn new(layers: impl IntoIterator<Item = Option<Node<'a>>>) -> Option<Layered<'a>> {
        let layers: Vec<Node<'a>> = layers.into_iter().flatten().collect();
        let first = layers.first()?;
        let merges =
            (first.value.is_mapping() || first.value.is_sequence()) && !first.is_intrinsic();
        if !merges {
            // Scalars and intrinsic functions: the first one wins.
            return Some(Layered {
                layers: vec![first.clone()],
            });
        }
        let kind = std::mem::discriminant(first.value);
        let layers = layers
            .into_iter()
            .filter(|node| std::mem::discriminant(node.value) == kind && !node.is_intrinsic())
            .collect();
        Some(Layered { layers })
    }

    /// The value that wins (the resource's, or Globals' when the resource has none).
    pub fn node(&self) -> &Node<'a> {
        &self.layers[0]
    }

    pub fn get(&self, key: &str) -> Option<Layered<'a>> {
        if self.node().is_intrinsic() {
            return None;
        }
        Layered::new(self.layers.iter().map(|layer| layer.get(key)))
    }

    /// The keys of the merged mapping, the resource's first.
    pub fn keys(&self) -> Vec<&'a str> {
        let mut keys: Vec<&'a str> = Vec::new();
        if self.node().is_intrinsic() {
            return keys;
        }
        for layer in &self.layers {
            for (key, _) in layer.entries() {
                if !keys.contains(&key) {
                    keys.push(key);
                }
            }
        }
        keys
    }

    /// The merged list: Globals' items, then the resource's.
    pub fn items(&self) -> Vec<Node<'a>> {
        self.layers
            .iter()
            .rev()
            .flat_map(|layer| layer.items())
            .collect()
    }
}
