//! Decision-tree guides and the session that walks them.
//!
//! - [`model`]: the serde types of a guide file (`guides/*.ron`, format in `docs/guide-format.md`).
//! - [`load`]: parse + validate, every problem at once with `file:line:column`.
//! - [`validate`]: the semantic rules; [`locate`]: positions of paths in the source text.
//! - [`checks`]: the registry of automated checks a node may run, and their results as data.
//! - [`stats`] and [`graph`]: figures (route lengths) and the whole tree (JSON, DOT) for reviewers;
//!   [`synthetic`]: guides of any size for benchmarks.
//! - [`session`]: the pure state machine that walks a guide (history, back, notes, resume).
//! - [`builtin`]: the guides compiled into the binary.
//! - [`library`]: the one part that does I/O: built-in guides plus the user's guide folder.
//!
//! Everything but [`library`] is pure: no I/O, no clock, no UI.

pub mod builtin;
pub mod checks;
pub mod graph;
pub mod library;
pub mod load;
pub mod locate;
pub mod model;
pub mod session;
mod session_message;
pub mod stats;
pub mod synthetic;
pub mod validate;

pub use load::{ErrorKind, GuideError, GuideErrors, load};
pub use model::{Guide, Node};
pub use session::Session;
