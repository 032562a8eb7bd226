//! The semantic rules a guide must follow, checked on the parsed model. Each problem names the
//! document path it is about (`nodes[3].answers[1].to`); [`super::load`] turns paths into
//! `line:column`.

use super::checks;
use super::load::ErrorKind;
use super::model::{CAUSES, Guide, GuideText, Node};
use crate::i18n::Lang;
use std::collections::{BTreeMap, BTreeSet, VecDeque};

/// One problem, at a document path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// Where: e.g. `nodes[2].branches[0].when[1]`.
    pub path: String,
    /// What.
    pub kind: ErrorKind,
}

/// Whether `id` is a well-formed guide or node id.
pub fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "-_.".contains(c))
}

struct Out(Vec<Problem>);

impl Out {
    fn push(&mut self, path: impl Into<String>, kind: ErrorKind) {
        self.0.push(Problem {
            path: path.into(),
            kind,
        });
    }

    fn text(&mut self, path: &str, t: &GuideText) {
        for (lang, s, field) in [(Lang::En, &t.en, "en"), (Lang::ZhCn, &t.zh, "zh")] {
            if s.trim().is_empty() {
                self.push(
                    format!("{path}.{field}"),
                    ErrorKind::MissingTranslation(lang),
                );
            }
        }
    }
}

/// Every problem in `guide`, in no particular order; empty when the guide is valid.
pub fn validate(guide: &Guide) -> Vec<Problem> {
    let mut out = Out(Vec::new());
    if !valid_id(&guide.id) {
        out.push("id", ErrorKind::BadId(guide.id.clone()));
    }
    out.text("title", &guide.title);
    if let Some(s) = &guide.summary {
        out.text("summary", s);
    }
    if guide.nodes.is_empty() {
        out.push("nodes", ErrorKind::NoNodes);
        return out.0;
    }

    let ids: BTreeSet<&str> = guide.nodes.iter().map(|n| n.id()).collect();
    let mut seen = BTreeSet::new();
    for (i, node) in guide.nodes.iter().enumerate() {
        let path = format!("nodes[{i}].id");
        if !valid_id(node.id()) {
            out.push(&path, ErrorKind::BadId(node.id().to_owned()));
        }
        if !seen.insert(node.id()) {
            out.push(&path, ErrorKind::DuplicateId(node.id().to_owned()));
        }
        check_node(&mut out, i, node, &ids);
    }
    if !ids.contains(guide.start.as_str()) {
        out.push("start", ErrorKind::UnknownNode(guide.start.clone()));
    } else {
        reachability(&mut out, guide);
    }
    out.0
}

fn check_node(out: &mut Out, i: usize, node: &Node, ids: &BTreeSet<&str>) {
    let base = format!("nodes[{i}]");
    out.text(&format!("{base}.text"), node.text());
    if let Some(h) = node.help() {
        out.text(&format!("{base}.help"), h);
    }
    let (list, label_field) = match node {
        Node::Question(_) => ("answers", "label"),
        Node::Check(_) => ("branches", "label"),
        Node::Step(_) | Node::Outcome(_) => ("", ""),
    };
    let edges = node.edges();
    if !list.is_empty() && edges.is_empty() {
        out.push(
            format!("{base}.{list}"),
            ErrorKind::NoAnswers(node.id().to_owned()),
        );
    }
    let mut seen_en = BTreeSet::new();
    let mut seen_zh = BTreeSet::new();
    for (j, edge) in edges.iter().enumerate() {
        let to_path = match node {
            Node::Step(_) if j == 0 => format!("{base}.helped"),
            Node::Step(_) => format!("{base}.not_helped"),
            _ => format!("{base}.{list}[{j}].to"),
        };
        if !ids.contains(edge.to) {
            out.push(to_path, ErrorKind::UnknownNode(edge.to.to_owned()));
        }
        if let super::model::EdgeLabel::Text(t) = edge.label {
            let label_path = format!("{base}.{list}[{j}].{label_field}");
            out.text(&label_path, t);
            let en = t.en.trim().to_lowercase();
            let zh = t.zh.trim().to_owned();
            if !en.is_empty() && !seen_en.insert(en) {
                out.push(
                    format!("{label_path}.en"),
                    ErrorKind::DuplicateLabel(t.en.clone()),
                );
            } else if !zh.is_empty() && !seen_zh.insert(zh) {
                out.push(
                    format!("{label_path}.zh"),
                    ErrorKind::DuplicateLabel(t.zh.clone()),
                );
            }
        }
    }
    match node {
        Node::Check(c) => check_check(out, &base, c),
        Node::Outcome(o) => {
            if o.covers.is_empty() {
                out.push(format!("{base}.covers"), ErrorKind::NoCovers(o.id.clone()));
            }
            for (k, cause) in o.covers.iter().enumerate() {
                if !CAUSES.contains(&cause.as_str()) {
                    out.push(
                        format!("{base}.covers[{k}]"),
                        ErrorKind::UnknownCause(cause.clone()),
                    );
                }
            }
            if let Some(h) = &o.hand_over {
                out.text(&format!("{base}.hand_over.tell"), &h.tell);
            }
        }
        Node::Question(_) | Node::Step(_) => {}
    }
}

fn check_check(out: &mut Out, base: &str, c: &super::model::Check) {
    let Some(def) = checks::by_id(&c.check) else {
        out.push(
            format!("{base}.check"),
            ErrorKind::UnknownCheck(c.check.clone()),
        );
        return;
    };
    for (name, value) in &c.params {
        let path = format!("{base}.params.{name}");
        match def.param(name) {
            None => out.push(
                path,
                ErrorKind::UnknownParam {
                    check: c.check.clone(),
                    param: name.clone(),
                },
            ),
            Some(p) if !(p.valid)(value) => out.push(
                path,
                ErrorKind::BadParam {
                    check: c.check.clone(),
                    param: name.clone(),
                    value: value.clone(),
                },
            ),
            Some(_) => {}
        }
    }
    let mut has_unavailable = false;
    for (j, b) in c.branches.iter().enumerate() {
        if b.when.is_empty() {
            out.push(format!("{base}.branches[{j}].when"), ErrorKind::EmptyWhen);
        }
        for (k, code) in b.when.iter().enumerate() {
            has_unavailable |= code == checks::UNAVAILABLE.code;
            if !def.has_result(code) {
                out.push(
                    format!("{base}.branches[{j}].when[{k}]"),
                    ErrorKind::UnknownResult {
                        check: c.check.clone(),
                        code: code.clone(),
                    },
                );
            }
        }
    }
    if !has_unavailable {
        out.push(
            format!("{base}.check"),
            ErrorKind::NoUnavailableBranch(c.id.clone()),
        );
    }
}

/// Unreachable nodes and nodes from which no outcome can be reached.
fn reachability(out: &mut Out, guide: &Guide) {
    let mut first: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, n) in guide.nodes.iter().enumerate() {
        first.entry(n.id()).or_insert(i);
    }
    let nodes = &guide.nodes;
    let successors = |i: usize| -> Vec<usize> {
        nodes[i]
            .edges()
            .iter()
            .filter_map(|e| first.get(e.to).copied())
            .collect()
    };

    let mut reached = vec![false; nodes.len()];
    let mut queue = VecDeque::from([first[guide.start.as_str()]]);
    while let Some(i) = queue.pop_front() {
        if !std::mem::replace(&mut reached[i], true) {
            queue.extend(successors(i));
        }
    }

    let mut ends = vec![false; nodes.len()];
    for (i, n) in nodes.iter().enumerate() {
        ends[i] = matches!(n, Node::Outcome(_));
    }
    let mut changed = true;
    while changed {
        changed = false;
        for i in 0..nodes.len() {
            if !ends[i] && successors(i).iter().any(|&s| ends[s]) {
                ends[i] = true;
                changed = true;
            }
        }
    }

    for (i, n) in nodes.iter().enumerate() {
        if first[n.id()] != i {
            continue;
        }
        let path = format!("nodes[{i}].id");
        if !reached[i] {
            out.push(&path, ErrorKind::Unreachable(n.id().to_owned()));
        }
        if !ends[i] {
            out.push(&path, ErrorKind::NoWayToOutcome(n.id().to_owned()));
        }
    }
}
