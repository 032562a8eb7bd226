//! Figures about a guide for reviewers (`emv-doctor guide check`): node counts, the deepest
//! path, the causes covered.

use super::model::{Guide, NodeKind};
use std::collections::{BTreeMap, BTreeSet};

/// Figures about one guide.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stats {
    /// All nodes.
    pub nodes: usize,
    /// Nodes of each kind.
    pub by_kind: BTreeMap<NodeKind, usize>,
    /// The most nodes a walk can visit from the start to an outcome without going back to a node
    /// it has already seen (start and outcome included).
    pub deepest_path: usize,
    /// Every cause some outcome covers, sorted.
    pub causes: Vec<String>,
}

impl Stats {
    /// How many nodes of `kind`.
    pub fn count(&self, kind: NodeKind) -> usize {
        self.by_kind.get(&kind).copied().unwrap_or(0)
    }
}

/// The figures of `guide` (best meaningful on a validated guide).
pub fn stats(guide: &Guide) -> Stats {
    let mut by_kind = BTreeMap::new();
    for n in &guide.nodes {
        *by_kind.entry(n.kind()).or_insert(0) += 1;
    }
    let causes: BTreeSet<&str> = guide
        .outcomes()
        .flat_map(|o| o.covers.iter().map(String::as_str))
        .collect();
    let mut memo = BTreeMap::new();
    let mut on_path = BTreeSet::new();
    Stats {
        nodes: guide.nodes.len(),
        by_kind,
        deepest_path: deepest(guide, &guide.start, &mut on_path, &mut memo).unwrap_or(0),
        causes: causes.into_iter().map(str::to_owned).collect(),
    }
}

/// Longest path (in nodes) from `id` to an outcome, ignoring edges back into the current path.
/// Memoised per node, so loops make it a lower bound rather than an exact longest simple path.
fn deepest<'g>(
    guide: &'g Guide,
    id: &'g str,
    on_path: &mut BTreeSet<&'g str>,
    memo: &mut BTreeMap<&'g str, Option<usize>>,
) -> Option<usize> {
    if let Some(d) = memo.get(id) {
        return *d;
    }
    let node = guide.node(id)?;
    if node.kind() == NodeKind::Outcome {
        return Some(1);
    }
    on_path.insert(id);
    let mut best = None;
    for e in node.edges() {
        if !on_path.contains(e.to)
            && let Some(d) = deepest(guide, e.to, on_path, memo)
        {
            best = best.max(Some(d + 1));
        }
    }
    on_path.remove(id);
    memo.insert(id, best);
    best
}
