//! A guide walk as a report keeps it: the [`Session`] itself (so it can be resumed exactly)
//! plus the guide's text for every node visited and the outcome reached, copied when the walk
//! is recorded, so the report reads without the guide (which may change or be missing on the
//! support desk's machine). Pure, no I/O.

use crate::guide::Guide;
use crate::guide::model::{Contact, Node};
use crate::guide::session::Session;
use crate::i18n::BiText;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One guide walk in a report.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GuideWalk {
    /// The guide's title.
    pub title: BiText,
    /// The question, check or step text of every node visited, by node id.
    pub node_text: BTreeMap<String, BiText>,
    /// The outcome, once the walk reached one.
    pub outcome: Option<WalkOutcome>,
    /// The walk: path, answers, times, check results, notes.
    pub session: Session,
    /// A practice walk (made while training mode was on): left out of exports unless the user
    /// includes practice records.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub training: bool,
}

/// The outcome a walk reached.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WalkOutcome {
    /// The outcome node's id.
    pub node: String,
    /// What was found and what to do now.
    pub text: BiText,
    /// The causes it settles (codes from `guide::model::CAUSES`).
    pub covers: Vec<String>,
    /// Whom to hand the problem to and what to tell them; `None` when solved on the spot.
    pub hand_over: Option<WalkHandOver>,
    /// How to make sure the fix worked, when the guide says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confirm: Option<BiText>,
}

/// Whom to call after a walk, and what to tell them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WalkHandOver {
    /// Who.
    pub to: Contact,
    /// What to tell them.
    pub tell: BiText,
}

impl GuideWalk {
    /// Records `session` of `guide`, copying the text of each node visited. Nodes the guide
    /// does not have (a session of another guide version) keep their id as text.
    pub fn new(guide: &Guide, session: Session) -> Self {
        let node_text = session
            .steps
            .iter()
            .map(|visit| {
                let text = guide.node(&visit.node).map_or_else(
                    || BiText::new(&visit.node, &visit.node),
                    |n| n.text().to_bitext(),
                );
                (visit.node.clone(), text)
            })
            .collect();
        let outcome = session
            .steps
            .last()
            .and_then(|last| match guide.node(&last.node) {
                Some(Node::Outcome(o)) => Some(WalkOutcome {
                    node: o.id.clone(),
                    text: o.text.to_bitext(),
                    covers: o.covers.clone(),
                    hand_over: o.hand_over.as_ref().map(|h| WalkHandOver {
                        to: h.to,
                        tell: h.tell.to_bitext(),
                    }),
                    confirm: o.confirm.as_ref().map(|c| c.to_bitext()),
                }),
                _ => None,
            });
        GuideWalk {
            title: guide.title.to_bitext(),
            node_text,
            outcome,
            session,
            training: false,
        }
    }

    /// Notes written on a step that was later undone with "back": the step is no longer on
    /// the path, but what the user wrote is kept and shown after it.
    pub fn notes_off_path(&self) -> impl Iterator<Item = &crate::guide::session::Note> {
        self.session
            .notes
            .iter()
            .filter(|n| !self.session.steps.iter().any(|v| v.node == n.node))
    }

    /// The text of node `id` as recorded.
    pub fn text_of(&self, id: &str) -> Option<&BiText> {
        self.node_text.get(id)
    }
}
