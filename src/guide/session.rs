//! The session: one walk through a guide, as a pure state machine.
//!
//! It records the full history (every node visited, the answer chosen, when, and any check
//! result), the user's notes, and supports back (undo) and restart. It does no I/O and reads no
//! clock: the caller passes the time in, runs checks elsewhere (`crate::checks::run_check`) and
//! hands their [`CheckResult`] back. It serialises with serde (RON, JSON) so reports and autosave
//! store it and resume it exactly.

use super::checks::{CATCH_ALL, CheckResult, UNAVAILABLE};
use super::model::{Edge, Guide, Node, Outcome};
use crate::i18n::BiText;
use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

/// A walk through one guide.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Session {
    /// The guide's id.
    pub guide: String,
    /// The guide's version when the walk started.
    pub guide_version: u32,
    /// When the walk started (or was last restarted).
    pub started: DateTime<FixedOffset>,
    /// The nodes visited, in order; the last one is the current node. Never empty.
    pub steps: Vec<Visit>,
    /// The user's notes, in the order written; kept through back and restart.
    #[serde(default)]
    pub notes: Vec<Note>,
}

/// One node visited.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Visit {
    /// The node's id.
    pub node: String,
    /// When the walk reached it.
    pub entered: DateTime<FixedOffset>,
    /// The check result, for a check node whose check ran (or could not).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub check: Option<CheckResult>,
    /// The way out taken; `None` for the current node.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub choice: Option<Choice>,
}

/// The way out of a node that was taken.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Choice {
    /// Index into the node's ways out ([`Node::edges`]).
    pub index: usize,
    /// Its label, as shown.
    pub label: BiText,
    /// The node it led to.
    pub to: String,
    /// Who chose: the user, or a check result.
    pub by: ChosenBy,
    /// When.
    pub at: DateTime<FixedOffset>,
}

/// Who took a way out of a node.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ChosenBy {
    /// The user picked the answer.
    User,
    /// A check result picked the branch.
    Check,
}

/// A note the user wrote during the walk.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Note {
    /// The node shown when it was written.
    pub node: String,
    /// When.
    pub at: DateTime<FixedOffset>,
    /// The note.
    pub text: String,
}

/// Why a session operation was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SessionError {
    /// The session belongs to another guide or another version of it.
    #[error(
        "this session is for guide {expected:?} version {expected_version}, not {found:?} version {found_version}"
    )]
    WrongGuide {
        /// The session's guide.
        expected: String,
        /// The session's guide version.
        expected_version: u32,
        /// The guide given.
        found: String,
        /// Its version.
        found_version: u32,
    },
    /// The session names a node the guide does not have.
    #[error("the guide has no node {0:?}")]
    UnknownNode(String),
    /// A saved session's history does not follow the guide's edges.
    #[error("the saved history does not follow the guide at node {0:?}")]
    BrokenHistory(String),
    /// The walk is at an outcome.
    #[error("the walk has ended")]
    Finished,
    /// No such answer at this node.
    #[error("no answer {index} here (there are {count})")]
    NoSuchAnswer {
        /// The index asked for.
        index: usize,
        /// How many ways out the node has.
        count: usize,
    },
    /// A check result arrived at a node that is not a check node.
    #[error("node {0:?} is not a check node")]
    NotACheck(String),
    /// A result of one check arrived at a node that runs another.
    #[error("node runs check {expected:?}, the result is of {found:?}")]
    WrongCheck {
        /// The node's check.
        expected: String,
        /// The result's check.
        found: String,
    },
    /// No branch of the check node takes this result (only in guides that were not validated).
    #[error("no branch of node {0:?} takes this result")]
    NoBranch(String),
}

impl Session {
    /// A new walk at the guide's start.
    pub fn start(guide: &Guide, now: DateTime<FixedOffset>) -> Session {
        Session {
            guide: guide.id.clone(),
            guide_version: guide.version,
            started: now,
            steps: vec![Visit {
                node: guide.start.clone(),
                entered: now,
                check: None,
                choice: None,
            }],
            notes: Vec::new(),
        }
    }

    /// Checks that a stored session fits `guide` (same id and version, every node exists, every
    /// choice leads to the next step), so it can be resumed exactly.
    pub fn check_resume(&self, guide: &Guide) -> Result<(), SessionError> {
        if self.guide != guide.id || self.guide_version != guide.version {
            return Err(SessionError::WrongGuide {
                expected: self.guide.clone(),
                expected_version: self.guide_version,
                found: guide.id.clone(),
                found_version: guide.version,
            });
        }
        if self.steps.first().map(|v| v.node.as_str()) != Some(guide.start.as_str()) {
            return Err(SessionError::BrokenHistory(guide.start.clone()));
        }
        for (i, visit) in self.steps.iter().enumerate() {
            let node = guide
                .node(&visit.node)
                .ok_or_else(|| SessionError::UnknownNode(visit.node.clone()))?;
            let next = self.steps.get(i + 1).map(|v| v.node.as_str());
            let fits = match (&visit.choice, next) {
                (Some(c), Some(n)) => {
                    c.to == n && node.edges().get(c.index).is_some_and(|e| e.to == n)
                }
                (None, None) => true,
                _ => false,
            };
            if !fits {
                return Err(SessionError::BrokenHistory(visit.node.clone()));
            }
        }
        Ok(())
    }

    /// The current node's id.
    pub fn current(&self) -> &str {
        self.steps.last().map_or("", |v| v.node.as_str())
    }

    /// The current node in `guide`.
    pub fn current_node<'g>(&self, guide: &'g Guide) -> Result<&'g Node, SessionError> {
        guide
            .node(self.current())
            .ok_or_else(|| SessionError::UnknownNode(self.current().to_owned()))
    }

    /// The ways out of the current node, numbered from 0 as [`Session::answer`] takes them.
    pub fn options<'g>(&self, guide: &'g Guide) -> Vec<Edge<'g>> {
        guide
            .node(self.current())
            .map(Node::edges)
            .unwrap_or_default()
    }

    /// The user picks way out `index` of the current node (an answer, a step's yes/no, or a
    /// check branch answered by hand).
    pub fn answer(
        &mut self,
        guide: &Guide,
        index: usize,
        now: DateTime<FixedOffset>,
    ) -> Result<(), SessionError> {
        self.take(guide, index, ChosenBy::User, now)
    }

    /// The index of the branch a check result takes at the current node: for the most severe
    /// finding first (then the next…), the first branch in file order whose `when` holds its
    /// code; else a catch-all branch (`"*"`) unless the check could not run; else the
    /// `unavailable` branch.
    pub fn branch_for(&self, guide: &Guide, result: &CheckResult) -> Result<usize, SessionError> {
        let Node::Check(check) = self.current_node(guide)? else {
            return Err(SessionError::NotACheck(self.current().to_owned()));
        };
        if check.check != result.check {
            return Err(SessionError::WrongCheck {
                expected: check.check.clone(),
                found: result.check.clone(),
            });
        }
        let mut findings: Vec<_> = result.findings.iter().collect();
        findings.sort_by_key(|f| std::cmp::Reverse(f.severity));
        let takes = |code: &str| {
            check
                .branches
                .iter()
                .position(|b| b.when.iter().any(|w| w == code))
        };
        findings
            .iter()
            .find_map(|f| takes(&f.code))
            .or_else(|| {
                (!result.is_unavailable())
                    .then(|| takes(CATCH_ALL))
                    .flatten()
            })
            .or_else(|| takes(UNAVAILABLE.code))
            .ok_or_else(|| SessionError::NoBranch(check.id.clone()))
    }

    /// Attaches a check result to the current (check) node and follows the branch it takes.
    pub fn apply_check_result(
        &mut self,
        guide: &Guide,
        result: CheckResult,
        now: DateTime<FixedOffset>,
    ) -> Result<(), SessionError> {
        let index = self.branch_for(guide, &result)?;
        if let Some(last) = self.steps.last_mut() {
            last.check = Some(result);
        }
        self.take(guide, index, ChosenBy::Check, now)
    }

    fn take(
        &mut self,
        guide: &Guide,
        index: usize,
        by: ChosenBy,
        now: DateTime<FixedOffset>,
    ) -> Result<(), SessionError> {
        let node = self.current_node(guide)?;
        let edges = node.edges();
        if edges.is_empty() {
            return Err(SessionError::Finished);
        }
        let edge = edges.get(index).ok_or(SessionError::NoSuchAnswer {
            index,
            count: edges.len(),
        })?;
        if guide.node(edge.to).is_none() {
            return Err(SessionError::UnknownNode(edge.to.to_owned()));
        }
        let choice = Choice {
            index,
            label: edge.label.to_bitext(),
            to: edge.to.to_owned(),
            by,
            at: now,
        };
        let to = edge.to.to_owned();
        if let Some(last) = self.steps.last_mut() {
            last.choice = Some(choice);
        }
        self.steps.push(Visit {
            node: to,
            entered: now,
            check: None,
            choice: None,
        });
        Ok(())
    }

    /// Undo: back to the previous node, forgetting the answer and check result given there.
    /// Returns `false` at the start.
    pub fn back(&mut self) -> bool {
        if self.steps.len() < 2 {
            return false;
        }
        self.steps.pop();
        if let Some(last) = self.steps.last_mut() {
            last.choice = None;
            last.check = None;
        }
        true
    }

    /// Starts the walk over at the guide's start; notes are kept.
    pub fn restart(&mut self, guide: &Guide, now: DateTime<FixedOffset>) {
        let notes = std::mem::take(&mut self.notes);
        *self = Session::start(guide, now);
        self.notes = notes;
    }

    /// Adds a note at the current node (blank notes are ignored).
    pub fn add_note(&mut self, text: &str, now: DateTime<FixedOffset>) {
        let text = text.trim();
        if !text.is_empty() {
            self.notes.push(Note {
                node: self.current().to_owned(),
                at: now,
                text: text.to_owned(),
            });
        }
    }

    /// The outcome reached, once the walk has ended.
    pub fn outcome<'g>(&self, guide: &'g Guide) -> Option<&'g Outcome> {
        match guide.node(self.current()) {
            Some(Node::Outcome(o)) => Some(o),
            _ => None,
        }
    }

    /// Whether the walk is at an outcome.
    pub fn is_finished(&self, guide: &Guide) -> bool {
        self.outcome(guide).is_some()
    }

    /// The ids of the nodes visited, start first.
    pub fn path(&self) -> Vec<&str> {
        self.steps.iter().map(|v| v.node.as_str()).collect()
    }

    /// Every check result attached so far, in walk order.
    pub fn check_results(&self) -> impl Iterator<Item = &CheckResult> {
        self.steps.iter().filter_map(|v| v.check.as_ref())
    }
}
