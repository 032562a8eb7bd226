//! Figures about a guide for reviewers (`emv-doctor guide check`): node counts, route lengths,
//! the causes covered.
//!
//! Everything here is linear in the size of the guide (index maps, one iterative depth-first
//! search), so a huge user guide cannot stall `guide check` or `guide list`.

use super::model::{Guide, NodeKind};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Routes longer than this many steps are reported (a warning in `guide check`).
pub const LONG_ROUTE_STEPS: usize = 10;
/// No route of a troubleshooting guide may take more steps than this.
pub const MAX_ROUTE_STEPS: usize = 12;

/// Lengths are counted exactly up to this many steps; longer ones share the last bucket.
const BUCKETS: usize = MAX_ROUTE_STEPS + 2;

/// Figures about one guide.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stats {
    /// All nodes.
    pub nodes: usize,
    /// Nodes of each kind.
    pub by_kind: BTreeMap<NodeKind, usize>,
    /// The most nodes a walk can visit from the start to an outcome (start and outcome
    /// included), following no edge back into the route.
    pub deepest_path: usize,
    /// Routes from the start to an outcome, and their lengths.
    pub routes: Routes,
    /// Every cause some outcome covers, sorted.
    pub causes: Vec<String>,
}

/// The routes from the start to an outcome. A step is one answer (or check result, or "did it
/// help?"); edges back into a route are left out, so every route visits a node once.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Routes {
    /// How many routes there are (saturating).
    pub total: u64,
    /// The steps of the longest route.
    pub longest: usize,
    /// Routes of more than [`LONG_ROUTE_STEPS`] steps.
    pub over_long: u64,
    /// Routes of more than [`MAX_ROUTE_STEPS`] steps.
    pub over_max: u64,
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
    let routes = routes(guide);
    Stats {
        nodes: guide.nodes.len(),
        by_kind,
        deepest_path: if routes.total > 0 {
            routes.longest + 1
        } else {
            0
        },
        routes,
        causes: causes.into_iter().map(str::to_owned).collect(),
    }
}

/// The node graph by index: each node's successors (first node of each id), in edge order.
pub(crate) fn successors(guide: &Guide) -> Vec<Vec<usize>> {
    let index = index(guide);
    guide
        .nodes
        .iter()
        .map(|n| {
            n.edges()
                .iter()
                .filter_map(|e| index.get(e.to).copied())
                .collect()
        })
        .collect()
}

/// The index of the first node with each id.
pub(crate) fn index(guide: &Guide) -> HashMap<&str, usize> {
    let mut index = HashMap::with_capacity(guide.nodes.len());
    for (i, n) in guide.nodes.iter().enumerate() {
        index.entry(n.id()).or_insert(i);
    }
    index
}

/// Route figures: one iterative depth-first search from the start drops the edges back into
/// the current route and yields the nodes in post-order, so each node's route-length histogram
/// is built from its successors' in one pass.
pub fn routes(guide: &Guide) -> Routes {
    let succ = successors(guide);
    let Some(&start) = index(guide).get(guide.start.as_str()) else {
        return Routes::default();
    };
    let n = guide.nodes.len();
    // 0 = unseen, 1 = on the route being explored, 2 = done.
    let mut state = vec![0u8; n];
    let mut hist: Vec<Option<[u64; BUCKETS]>> = vec![None; n];
    let mut longest: Vec<usize> = vec![0; n];
    let mut stack: Vec<(usize, usize)> = vec![(start, 0)];
    state[start] = 1;
    while let Some(&mut (v, ref mut next)) = stack.last_mut() {
        if let Some(&w) = succ[v].get(*next) {
            *next += 1;
            if state[w] == 0 {
                state[w] = 1;
                stack.push((w, 0));
            }
            continue;
        }
        stack.pop();
        state[v] = 2;
        if guide.nodes[v].kind() == NodeKind::Outcome {
            let mut h = [0u64; BUCKETS];
            h[0] = 1;
            hist[v] = Some(h);
            continue;
        }
        let mut h = [0u64; BUCKETS];
        let mut any = false;
        let mut best = 0;
        for &w in &succ[v] {
            // A successor still on the route (state 1) is an edge back: left out.
            let (2, Some(hw)) = (state[w], &hist[w]) else {
                continue;
            };
            any = true;
            best = best.max(longest[w] + 1);
            for (len, count) in hw.iter().enumerate() {
                let to = (len + 1).min(BUCKETS - 1);
                h[to] = h[to].saturating_add(*count);
            }
        }
        if any {
            hist[v] = Some(h);
            longest[v] = best;
        }
    }
    let Some(h) = hist[start] else {
        return Routes::default();
    };
    let sum = |from: usize| {
        h[from.min(BUCKETS - 1)..]
            .iter()
            .fold(0u64, |a, b| a.saturating_add(*b))
    };
    Routes {
        total: sum(0),
        longest: longest[start],
        over_long: sum(LONG_ROUTE_STEPS + 1),
        over_max: sum(MAX_ROUTE_STEPS + 1),
    }
}
