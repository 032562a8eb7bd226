//! The semantic rules a guide must follow, checked on the parsed model. Each problem names the
//! document path it is about (`nodes[3].answers[1].to`); [`super::load`] turns paths into
//! `line:column`.
//!
//! Linear in the size of the guide: ids go through one index map, reachability is one forward
//! and one reverse breadth-first search, the safety rules are one search each, and route
//! lengths come from [`super::stats::routes`].

use super::checks;
use super::load::{ErrorKind, SafetyRule};
use super::model::{CAUSES, Guide, GuideText, Node, Tag};
use super::stats::{self, MAX_ROUTE_STEPS};
use crate::i18n::Lang;
use std::collections::{BTreeSet, HashMap, VecDeque};

/// One problem, at a document path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// Where: e.g. `nodes[2].branches[0].when[1]`.
    pub path: String,
    /// For a problem inside a string: how many characters into the string.
    pub offset: Option<usize>,
    /// Another place the problem is about (the first node of a duplicate id).
    pub related: Option<String>,
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

/// Whether `c` is a Chinese character or a full-width / CJK punctuation mark.
pub fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3000}'..='\u{303f}'
        | '\u{3400}'..='\u{4dbf}'
        | '\u{4e00}'..='\u{9fff}'
        | '\u{f900}'..='\u{faff}'
        | '\u{ff01}'..='\u{ff60}')
}

fn is_ideograph(c: char) -> bool {
    is_cjk(c) && !matches!(c, '\u{3000}'..='\u{303f}' | '\u{ff01}'..='\u{ff60}')
}

/// ASCII punctuation that must be full-width next to Chinese characters.
const HALF_WIDTH: &[char] = &[',', ':', ';', '?', '!', '(', ')', '.'];

/// The first ASCII punctuation mark in Chinese text that stands next to a Chinese character:
/// its character offset and the mark.
pub fn ascii_punctuation(s: &str) -> Option<(usize, char)> {
    let chars: Vec<char> = s.chars().collect();
    chars.iter().enumerate().find_map(|(i, &c)| {
        let next_to_cjk = (i > 0 && is_cjk(chars[i - 1]))
            || chars
                .get(i + 1)
                .is_some_and(|&n| is_cjk(n) && n != '\u{3000}');
        (HALF_WIDTH.contains(&c) && next_to_cjk).then_some((i, c))
    })
}

/// The first Chinese character in English text that is not a gloss: Chinese words in English
/// text go in parentheses after their English meaning, as in `Sign in（签到）`.
pub fn unglossed(s: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut glossed = false;
    let mut last_visible: Option<char> = None;
    for (i, c) in s.chars().enumerate() {
        match c {
            '(' | '（' => {
                if depth == 0 {
                    glossed = last_visible.is_some_and(|p| !is_cjk(p) && p != '(');
                }
                depth += 1;
            }
            ')' | '）' => depth = depth.saturating_sub(1),
            c if is_ideograph(c) && (depth == 0 || !glossed) => return Some(i),
            _ => {}
        }
        if !c.is_whitespace() {
            last_visible = Some(c);
        }
    }
    None
}

/// Words a hand-over message or an outcome must not start with: the walk already shows them
/// as the label ("Tell them: …", "Outcome: …").
const LABEL_WORDS: &[&str] = &[
    "tell ",
    "tell:",
    "outcome",
    "solved",
    "告诉",
    "告知",
    "请告诉",
    "结论",
    "已解决",
];

/// Signs of a command, a file path or an error code: what a shop owner cannot act on, kept for
/// the technical details (`tech`).
const COMMAND_SIGNS: &[&str] = &[
    "sudo ",
    "systemctl",
    "journalctl",
    "apt install",
    "dnf install",
    "lsusb",
    "gpgconf",
    "udevadm",
    "pcsc_scan",
    "services.msc",
    "/etc/",
    "~/",
    " --",
    "SCARD_",
    "LIBUSB_",
];

/// The first sign of a command, path or error code in `s`.
pub fn command_sign(s: &str) -> Option<&'static str> {
    COMMAND_SIGNS.iter().copied().find(|w| s.contains(w))
}

struct Out(Vec<Problem>);

impl Out {
    fn push(&mut self, path: impl Into<String>, kind: ErrorKind) {
        self.0.push(Problem {
            path: path.into(),
            offset: None,
            related: None,
            kind,
        });
    }

    fn at(&mut self, path: String, offset: usize, kind: ErrorKind) {
        self.0.push(Problem {
            path,
            offset: Some(offset),
            related: None,
            kind,
        });
    }

    /// Both languages present, full-width punctuation in Chinese, glossed Chinese in English.
    fn text(&mut self, path: &str, t: &GuideText) {
        for (lang, s, field) in [(Lang::En, &t.en, "en"), (Lang::ZhCn, &t.zh, "zh")] {
            if s.trim().is_empty() {
                self.push(
                    format!("{path}.{field}"),
                    ErrorKind::MissingTranslation(lang),
                );
            }
        }
        if let Some((i, c)) = ascii_punctuation(&t.zh) {
            self.at(format!("{path}.zh"), i, ErrorKind::HalfWidthPunctuation(c));
        }
        if let Some(i) = unglossed(&t.en) {
            self.at(format!("{path}.en"), i, ErrorKind::Unglossed);
        }
    }

    /// [`Out::text`], for text people read: no command, path or error code in it.
    fn plain_text(&mut self, path: &str, t: &GuideText) {
        self.text(path, t);
        for (s, field) in [(&t.en, "en"), (&t.zh, "zh")] {
            if let Some(w) = command_sign(s) {
                self.push(
                    format!("{path}.{field}"),
                    ErrorKind::CommandInText(w.trim().to_owned()),
                );
            }
        }
    }

    /// [`Out::plain_text`], and the text must not start with the label it is shown under.
    fn labelled_text(&mut self, path: &str, t: &GuideText) {
        self.plain_text(path, t);
        for (s, field) in [(&t.en, "en"), (&t.zh, "zh")] {
            let start = s.trim_start().to_lowercase();
            if let Some(w) = LABEL_WORDS.iter().find(|w| start.starts_with(*w)) {
                self.push(
                    format!("{path}.{field}"),
                    ErrorKind::RepeatsLabel((*w).to_owned()),
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
    out.plain_text("title", &guide.title);
    if let Some(s) = &guide.summary {
        out.plain_text("summary", s);
    }
    if guide.nodes.is_empty() {
        out.push("nodes", ErrorKind::NoNodes);
        return out.0;
    }

    let index = stats::index(guide);
    for (i, node) in guide.nodes.iter().enumerate() {
        let path = format!("nodes[{i}].id");
        if !valid_id(node.id()) {
            out.push(&path, ErrorKind::BadId(node.id().to_owned()));
        }
        if let Some(&first) = index.get(node.id())
            && first != i
        {
            out.0.push(Problem {
                path,
                offset: None,
                related: Some(format!("nodes[{first}].id")),
                kind: ErrorKind::DuplicateId {
                    id: node.id().to_owned(),
                    first_line: 0,
                    first_column: 0,
                },
            });
        }
        check_node(&mut out, i, node, &index);
    }
    let Some(&start) = index.get(guide.start.as_str()) else {
        out.push("start", ErrorKind::UnknownNode(guide.start.clone()));
        return out.0;
    };
    let succ = stats::successors(guide);
    reachability(&mut out, guide, &succ, start);
    safety(&mut out, guide, &succ, start);
    if guide.kind.is_troubleshooting() {
        let r = stats::routes(guide);
        if r.over_max > 0 {
            out.push(
                "start",
                ErrorKind::RouteTooLong {
                    longest: r.longest,
                    over: r.over_max,
                    limit: MAX_ROUTE_STEPS,
                },
            );
        }
    }
    out.0
}

fn check_node(out: &mut Out, i: usize, node: &Node, ids: &HashMap<&str, usize>) {
    let base = format!("nodes[{i}]");
    if let Node::Outcome(_) = node {
        out.labelled_text(&format!("{base}.text"), node.text());
    } else {
        out.plain_text(&format!("{base}.text"), node.text());
    }
    if let Some(h) = node.help() {
        out.plain_text(&format!("{base}.help"), h);
    }
    if let Some(t) = node.tech() {
        out.text(&format!("{base}.tech"), t);
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
        if !ids.contains_key(edge.to) {
            out.push(to_path, ErrorKind::UnknownNode(edge.to.to_owned()));
        }
        if let super::model::EdgeLabel::Text(t) = edge.label {
            let label_path = format!("{base}.{list}[{j}].{label_field}");
            out.plain_text(&label_path, t);
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
                out.labelled_text(&format!("{base}.hand_over.tell"), &h.tell);
                if let Some(a) = &h.attach {
                    out.plain_text(&format!("{base}.hand_over.attach"), a);
                }
            }
            if let Some(c) = &o.confirm {
                out.plain_text(&format!("{base}.confirm"), c);
            }
            if o.hand_over.is_none() && o.confirm.is_none() {
                out.push(format!("{base}.id"), ErrorKind::NoHandOver(o.id.clone()));
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
    let mut catch_all = false;
    let mut routed = BTreeSet::new();
    for (j, b) in c.branches.iter().enumerate() {
        if b.when.is_empty() {
            out.push(format!("{base}.branches[{j}].when"), ErrorKind::EmptyWhen);
        }
        for (k, code) in b.when.iter().enumerate() {
            has_unavailable |= code == checks::UNAVAILABLE.code;
            catch_all |= code == checks::CATCH_ALL;
            routed.insert(code.as_str());
            if code != checks::CATCH_ALL && !def.has_result(code) {
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
    let missing: Vec<String> = def
        .codes_to_route()
        .into_iter()
        .filter(|code| !routed.contains(code))
        .map(str::to_owned)
        .collect();
    if !catch_all && !missing.is_empty() {
        out.push(
            format!("{base}.check"),
            ErrorKind::Unrouted {
                node: c.id.clone(),
                codes: missing,
            },
        );
    }
}

/// Unreachable nodes (forward search from the start) and nodes from which no outcome can be
/// reached (reverse search from every outcome).
fn reachability(out: &mut Out, guide: &Guide, succ: &[Vec<usize>], start: usize) {
    let nodes = &guide.nodes;
    let reached = search(succ, [start], |_| true);
    let mut pred: Vec<Vec<usize>> = vec![Vec::new(); nodes.len()];
    for (v, ws) in succ.iter().enumerate() {
        for &w in ws {
            pred[w].push(v);
        }
    }
    let outcomes = (0..nodes.len()).filter(|&i| matches!(nodes[i], Node::Outcome(_)));
    let ends = search(&pred, outcomes, |_| true);
    let index = stats::index(guide);
    for (i, n) in nodes.iter().enumerate() {
        if index.get(n.id()) != Some(&i) {
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

/// Breadth-first search over `succ` from `from`; nodes for which `enter` is false are reached
/// but not left.
fn search(
    succ: &[Vec<usize>],
    from: impl IntoIterator<Item = usize>,
    enter: impl Fn(usize) -> bool,
) -> Vec<bool> {
    let mut seen = vec![false; succ.len()];
    let mut queue: VecDeque<usize> = from.into_iter().collect();
    for &v in &queue {
        seen[v] = true;
    }
    while let Some(v) = queue.pop_front() {
        if !enter(v) {
            continue;
        }
        for &w in &succ[v] {
            if !std::mem::replace(&mut seen[w], true) {
                queue.push_back(w);
            }
        }
    }
    seen
}

/// The safety rules, on the graph by tags.
fn safety(out: &mut Out, guide: &Guide, succ: &[Vec<usize>], start: usize) {
    let nodes = &guide.nodes;
    let has = |i: usize, t: Tag| nodes[i].has(t);
    let mut flag = |reached: &[bool], tag: Tag, rule: SafetyRule| {
        for (i, r) in reached.iter().enumerate() {
            if *r && has(i, tag) {
                out.push(
                    format!("nodes[{i}].id"),
                    ErrorKind::Unsafe {
                        rule,
                        node: nodes[i].id().to_owned(),
                    },
                );
            }
        }
    };
    let index = stats::index(guide);
    // Restart only behind the pending-transactions question.
    let before_gate = search(succ, [start], |v| !has(v, Tag::PendingGate));
    flag(
        &before_gate,
        Tag::RestartsTerminal,
        SafetyRule::RestartBeforeUpload,
    );
    // The clock before "expired".
    let before_clock = search(succ, [start], |v| !has(v, Tag::ChecksClock));
    flag(
        &before_clock,
        Tag::ConcludesExpired,
        SafetyRule::ExpiredBeforeClock,
    );
    // After an unclear result, query the last transaction before any retry.
    let unclear_answers = nodes.iter().flat_map(|n| {
        n.edges()
            .into_iter()
            .filter(|e| e.tags.contains(&Tag::UnclearResult))
            .filter_map(|e| index.get(e.to).copied())
            .collect::<Vec<_>>()
    });
    let unclear: Vec<usize> = (0..nodes.len())
        .filter(|&i| has(i, Tag::UnclearResult))
        .chain(unclear_answers)
        .collect();
    let mut before_query = search(succ, unclear, |v| !has(v, Tag::QueriesLast));
    // A node that queries the last transaction itself may then retry.
    for (i, r) in before_query.iter_mut().enumerate() {
        *r &= !has(i, Tag::QueriesLast);
    }
    flag(
        &before_query,
        Tag::RetriesPayment,
        SafetyRule::RetryBeforeQuery,
    );
    // No stripe reading of chip cards unless the terminal is outside mainland China.
    let not_abroad: Vec<Vec<usize>> = nodes
        .iter()
        .map(|n| {
            n.edges()
                .iter()
                .filter(|e| !e.tags.contains(&Tag::Abroad))
                .filter_map(|e| index.get(e.to).copied())
                .collect()
        })
        .collect();
    let in_china = search(&not_abroad, [start], |_| true);
    flag(&in_china, Tag::Magstripe, SafetyRule::MagstripeInChina);
    // Never get round risk control.
    let everywhere = vec![true; nodes.len()];
    flag(
        &everywhere,
        Tag::EvadesRiskControl,
        SafetyRule::EvadesRiskControl,
    );
}
