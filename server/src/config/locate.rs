//! Finds where a value stands in the file: a path such as `catalogue.plans[2].prices.EUR` is
//! walked through the parsed document (`toml_edit` keeps every span) to a line and column.

use std::ops::Range;

use toml_edit::{ImDocument, Item, Value};

/// One step of a path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    /// A key of a table.
    Key(String),
    /// An element of an array.
    Index(usize),
}

/// A place in the file, as a person reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Path(pub Vec<Segment>);

impl Path {
    /// The root.
    pub fn root() -> Self {
        Self(Vec::new())
    }

    /// This path and then `key`.
    pub fn key(&self, key: &str) -> Self {
        let mut p = self.clone();
        p.0.push(Segment::Key(key.to_owned()));
        p
    }

    /// This path and then element `i`.
    pub fn index(&self, i: usize) -> Self {
        let mut p = self.clone();
        p.0.push(Segment::Index(i));
        p
    }

    /// A JSON pointer of the contract (`/appearance/primary`, `/allowed_origins/0`) below this path.
    pub fn pointer(&self, pointer: &str) -> Self {
        let mut p = self.clone();
        for part in pointer.split('/').filter(|s| !s.is_empty()) {
            p.0.push(match part.parse::<usize>() {
                Ok(i) => Segment::Index(i),
                Err(_) => Segment::Key(part.replace("~1", "/").replace("~0", "~")),
            });
        }
        p
    }
}

fn bare(key: &str) -> bool {
    !key.is_empty() && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

impl std::fmt::Display for Path {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (n, s) in self.0.iter().enumerate() {
            match s {
                Segment::Key(k) if bare(k) => write!(f, "{}{k}", if n == 0 { "" } else { "." })?,
                Segment::Key(k) => write!(f, "{}{k:?}", if n == 0 { "" } else { "." })?,
                Segment::Index(i) => write!(f, "[{i}]")?,
            }
        }
        Ok(())
    }
}

enum Node<'a> {
    Item(&'a Item),
    Value(&'a Value),
    Table(&'a toml_edit::Table),
}

fn step<'a>(node: &Node<'a>, segment: &Segment) -> Option<(Node<'a>, Option<Range<usize>>)> {
    match (node, segment) {
        (Node::Table(t), Segment::Key(k)) => t.get_key_value(k).map(|(key, item)| (Node::Item(item), key.span())),
        (Node::Item(item), Segment::Key(k)) => {
            let (key, item) = item.as_table_like()?.get_key_value(k)?;
            Some((Node::Item(item), key.span()))
        }
        (Node::Value(Value::InlineTable(t)), Segment::Key(k)) => {
            let (key, item) = t.get_key_value(k)?;
            Some((Node::Item(item), key.span()))
        }
        (Node::Item(Item::ArrayOfTables(a)), Segment::Index(i)) => a.get(*i).map(|t| (Node::Table(t), t.span())),
        (Node::Item(Item::Value(Value::Array(a))) | Node::Value(Value::Array(a)), Segment::Index(i)) => {
            a.get(*i).map(|v| (Node::Value(v), v.span()))
        }
        _ => None,
    }
}

/// The byte range of the deepest part of `path` that the document has (the whole path when the
/// value is there; its table when a key is missing).
pub fn span(doc: &ImDocument<String>, path: &Path) -> Option<Range<usize>> {
    let mut node = Node::Table(doc.as_table());
    let mut found = None;
    for segment in &path.0 {
        match step(&node, segment) {
            Some((next, span)) => {
                if span.is_some() {
                    found = span;
                }
                node = next;
            }
            None => break,
        }
    }
    found
}

/// 1-based line and column of byte `offset` in `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_keys_in_tables_arrays_and_inline_tables() {
        let text = "[catalogue]\nshared_domains = [\"a.example\", \"b\"]\n\n[[catalogue.plans]]\nid = \"s\"\n\n[[catalogue.plans]]\nid = \"m\"\nprices = { EUR = { monthly = 1, yearly = 0 } }\n".to_owned();
        let doc = ImDocument::parse(text.clone()).unwrap();
        let at = |p: &Path| span(&doc, p).map(|s| line_col(&text, s.start));
        let plans = Path::root().key("catalogue").key("plans");
        assert_eq!(at(&plans.index(1).key("prices").key("EUR").key("yearly")), Some((9, 33)));
        assert_eq!(at(&Path::root().key("catalogue").key("shared_domains").index(1)), Some((2, 32)));
        assert_eq!(at(&plans.index(1).key("missing")), Some((7, 1)), "a missing key points at its table");
        assert_eq!(plans.index(1).key("prices").key("EUR").to_string(), "catalogue.plans[1].prices.EUR");
        assert_eq!(Path::root().key("p").pointer("/appearance/primary").to_string(), "p.appearance.primary");
    }
}
