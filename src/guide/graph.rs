//! The whole tree of a guide as data for review and support desks (`emv-doctor guide graph`):
//! JSON in the shape the command line promises, and Graphviz DOT.

use super::model::{Guide, Node};
use crate::i18n::Lang;
use serde_json::{Value, json};
use std::fmt::Write;

/// `{"id","title":{"en","zh-CN"},"start","nodes":[{"id","kind","text","check","covers","next":[{"label","when","to"}]}]}`,
/// nodes in file order.
pub fn to_json(guide: &Guide) -> Value {
    let nodes: Vec<Value> = guide
        .nodes
        .iter()
        .map(|n| {
            let (check, covers) = match n {
                Node::Check(c) => (Value::String(c.check.clone()), Vec::new()),
                Node::Outcome(o) => (Value::Null, o.covers.clone()),
                Node::Question(_) | Node::Step(_) => (Value::Null, Vec::new()),
            };
            let next: Vec<Value> = n
                .edges()
                .iter()
                .map(|e| {
                    json!({
                        "label": e.label.to_bitext(),
                        "when": e.when,
                        "to": e.to,
                    })
                })
                .collect();
            json!({
                "id": n.id(),
                "kind": n.kind().as_str(),
                "text": n.text().to_bitext(),
                "check": check,
                "covers": covers,
                "next": next,
            })
        })
        .collect();
    json!({
        "id": guide.id,
        "title": guide.title.to_bitext(),
        "start": guide.start,
        "nodes": nodes,
    })
}

/// The guide as a Graphviz digraph, text in `lang`: questions as boxes, checks as diamonds,
/// steps as rounded boxes, outcomes as double octagons.
pub fn to_dot(guide: &Guide, lang: Lang) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "digraph {} {{", quote(&guide.id));
    let _ = writeln!(out, "  label={};", quote(guide.title.get(lang)));
    let _ = writeln!(out, "  node [fontname=\"Noto Sans CJK SC,sans-serif\"];");
    for n in &guide.nodes {
        let shape = match n {
            Node::Question(_) => "shape=box",
            Node::Check(_) => "shape=diamond",
            Node::Step(_) => "shape=box, style=rounded",
            Node::Outcome(_) => "shape=doubleoctagon",
        };
        let mut label = n.text().get(lang).to_owned();
        if let Node::Check(c) = n {
            label = format!("[{}] {label}", c.check);
        }
        if let Node::Outcome(o) = n {
            label = format!("{label}\n({})", o.covers.join(", "));
        }
        let start = if n.id() == guide.start {
            ", penwidth=2"
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "  {} [{shape}{start}, label={}];",
            quote(n.id()),
            quote(&label)
        );
    }
    for n in &guide.nodes {
        for e in n.edges() {
            let mut label = e.label.get(lang).to_owned();
            if let Some(w) = e.when {
                label = format!("{label}\n[{}]", w.join(", "));
            }
            let _ = writeln!(
                out,
                "  {} -> {} [label={}];",
                quote(n.id()),
                quote(e.to),
                quote(&label)
            );
        }
    }
    out.push_str("}\n");
    out
}

fn quote(s: &str) -> String {
    let mut q = String::with_capacity(s.len() + 2);
    q.push('"');
    for c in s.chars() {
        match c {
            '"' => q.push_str("\\\""),
            '\\' => q.push_str("\\\\"),
            '\n' => q.push_str("\\n"),
            c => q.push(c),
        }
    }
    q.push('"');
    q
}
