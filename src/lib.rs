//! EMV Doctor: a troubleshooting assistant for point-of-sale terminals that show "EMV error".
//!
//! The library holds every capability; the `emv-doctor` binary (command line and GUI) is a thin
//! front end over it.
//!
//! - [`emv`]: pure decoding of EMV and ISO 7816 data (TLV, ATR, status words, bit fields, AIDs, PAN).
//! - [`card`]: everything that talks to a card: PC/SC and simulated transports, the read-only probe,
//!   findings, virtual cards.
//! - [`guide`]: decision-tree guides and the pure session state machine that walks them.
//! - [`net`]: network and clock checks a field technician would run.
//! - [`monitor`]: transaction exports: where payment failures come from (pure analysis).
//! - [`report`]: the session report: model, native file, autosave, exports.
//! - `ui`: the eframe/egui desktop app (cargo feature `gui`, on by default).
//! - [`checks`]: runs a guide's automated checks (the window hands them to its workers).
//! - [`paths`]: the folders EMV Doctor keeps its files in.
//! - [`system`]: which system this computer runs (for advice that fits it).
//! - [`view`]: results as people read them, one view each for the CLI, the exports and the window.
//! - [`i18n`] and [`finding`]: bilingual text and the findings shared by all checks.

pub mod card;
pub mod checks;
pub mod emv;
pub mod finding;
pub mod guide;
pub mod i18n;
pub mod localtime;
pub mod monitor;
pub mod net;
pub mod paths;
pub mod report;
pub mod system;
#[cfg(feature = "gui")]
pub mod ui;
pub mod view;

/// The application's version, from `Cargo.toml`.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
