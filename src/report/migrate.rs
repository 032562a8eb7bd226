//! Older native-file layouts and their migration to the current [`Report`]. Pure, no I/O.
//!
//! Format history:
//! - **1**: a single `notes: String`, no `updated` time.
//! - **2**: `notes` is a list of timestamped [`Note`]s; `updated` records the last change;
//!   guide walks and network/clock checks are kept (`guide_walks`, `net_checks`).
//! - **3**: analysed transaction exports are kept (`monitoring`). A version-2 file reads as
//!   version 3 with none; a build that knows only version 2 refuses a version-3 file with a
//!   plain message instead of dropping what it cannot read.
//! - **4** (current): practice probes and walks carry a `training` mark. In older files a
//!   probe of a virtual card (reader `sim:NAME`) is marked on open.

use super::model::{Computer, FORMAT_VERSION, Note, Report, ShopDetails, Summary};
use crate::i18n::Lang;
use chrono::{DateTime, FixedOffset};
use serde::Deserialize;

/// Just enough of any version's layout to read its `format_version` first.
#[derive(Deserialize)]
pub(crate) struct VersionOnly {
    pub(crate) format_version: u32,
}

/// The version-1 layout, read only to migrate it.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ReportV1 {
    format_version: u32,
    app_version: String,
    lang: Lang,
    created: DateTime<FixedOffset>,
    computer: Computer,
    shop: ShopDetails,
    notes: String,
    summary: Option<Summary>,
}

impl ReportV1 {
    /// The report in the current layout: the single note becomes one note stamped with the
    /// creation time, and `updated` starts equal to `created`.
    pub(crate) fn migrate(self) -> Report {
        debug_assert_eq!(self.format_version, 1);
        let notes = if self.notes.trim().is_empty() {
            Vec::new()
        } else {
            vec![Note {
                at: self.created,
                text: self.notes,
            }]
        };
        Report {
            format_version: FORMAT_VERSION,
            app_version: self.app_version,
            lang: self.lang,
            created: self.created,
            updated: self.created,
            computer: self.computer,
            shop: self.shop,
            card_probes: Vec::new(),
            guide_walks: Vec::new(),
            net_checks: Vec::new(),
            monitoring: Vec::new(),
            notes,
            summary: self.summary,
        }
    }
}
