//! The session report: what travels from the counter to the support desk.
//!
//! - [`model`]: the [`Report`] (pure serde data; every change takes the time from the caller).
//! - [`walk`]: a guide walk with the guide's text, so the report reads without the guide.
//! - [`network`]: network and clock checks, stamped with their time.
//! - [`training`]: practice records kept out of a customer's report (pure).
//! - [`verdict`]: what is wrong, what to do next, who to call (pure).
//! - [`privacy`]: the one gate every export and saved file passes through (pure).
//! - [`export`]: HTML, Markdown and JSON (pure `&Report -> String` functions).
//! - [`migrate`]: older native-file layouts (pure).
//! - [`store`]: the native `*.emvdoc.ron` file and autosave — the only part that touches the disk.
//!
//! ```
//! use emv_doctor::i18n::Lang;
//! use emv_doctor::report::{Report, export::{self, ExportOptions, Format}, store};
//! let now = chrono::DateTime::parse_from_rfc3339("2025-03-01T09:00:00+08:00").unwrap();
//! let mut report = Report::new(now, Lang::En);
//! report.add_note(now, "Card 4111 1111 1111 1111 declined with EMV error");
//! let text = store::encode(&report).unwrap();
//! assert!(text.contains("411111******1111") && !text.contains("4111 1111 1111 1111"));
//! let html = export::export(&report, Format::Html, &ExportOptions::for_report(&report)).unwrap();
//! assert!(html.starts_with("<!DOCTYPE html>"));
//! ```

pub mod export;
pub mod migrate;
pub mod model;
pub mod network;
pub mod picture;
pub mod privacy;
pub mod store;
pub mod summary;
pub mod training;
pub mod verdict;
pub mod walk;

pub use model::{
    Computer, FORMAT_VERSION, MAX_NOTE_BYTES, Note, NoteTooLong, Report, ShopDetails, Summary,
    check_note,
};
pub use walk::GuideWalk;
