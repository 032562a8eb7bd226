//! The report model: plain serde data, no I/O.
//!
//! A [`Report`] is what travels from the counter to the support desk: when and where it was
//! made, the shop and terminal details the user typed, free notes, and a summary (outcome and
//! next step) in both languages. Times carry their UTC offset so support in another time zone
//! reads them right. Guide walks are kept with the guide's text ([`GuideWalk`]). Every mutation takes the current time from the caller, so the model stays
//! pure and testable; the store writes it to disk.

use super::network::{NetCheck, NetResult};
use super::walk::GuideWalk;
use crate::card::probe::CardReport;
use crate::finding::Finding;
use crate::guide::{Guide, Session};
use crate::i18n::{BiText, Lang};
use crate::monitor::MonitorReport;
use crate::net::clock::ClockReport;
use crate::net::host::HostReport;
use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

/// The native file format version this build writes. Older versions are migrated on open
/// (see [`super::migrate`]); newer ones are refused with a plain message.
pub const FORMAT_VERSION: u32 = 4;

/// Most bytes in one note (a report note or a note on a guide step): ample for what a person
/// types, small enough that a report stays far below the file size limit.
pub const MAX_NOTE_BYTES: usize = 16 * 1024;

/// A note longer than [`MAX_NOTE_BYTES`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("a note may hold at most {MAX_NOTE_BYTES} bytes; this one has {0}")]
pub struct NoteTooLong(pub usize);

impl NoteTooLong {
    /// What is wrong, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match lang {
            Lang::En => format!(
                "This note is too long ({} bytes; at most {MAX_NOTE_BYTES}). Shorten it and try again.",
                self.0
            ),
            Lang::ZhCn => format!(
                "备注太长（{} 字节，最多 {MAX_NOTE_BYTES} 字节），请缩短后再试。",
                self.0
            ),
        }
    }
}

/// Checks a note where it is entered (the window, `guide walk`) and where a report is read.
pub fn check_note(text: &str) -> Result<(), NoteTooLong> {
    if text.len() > MAX_NOTE_BYTES {
        Err(NoteTooLong(text.len()))
    } else {
        Ok(())
    }
}

/// One card probe in a report, stamped with the time it was recorded.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CardProbe {
    /// When it was recorded.
    pub at: DateTime<FixedOffset>,
    /// What the probe read and concluded.
    pub report: Box<CardReport>,
    /// A practice probe of a virtual card (training mode), not a customer's card: left out of
    /// exports unless the user includes practice records.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub training: bool,
}

/// One analysed transaction export in a report, stamped with the time it was added.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MonitorRecord {
    /// When it was added.
    pub at: DateTime<FixedOffset>,
    /// The source file, the figures and the findings (card numbers only as BIN ranges and
    /// masked numbers are never kept).
    pub report: Box<MonitorReport>,
}

/// One troubleshooting session: everything support needs to not ask "what did you already try?".
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Report {
    /// Layout version of the native file; [`FORMAT_VERSION`] for reports this build writes.
    pub format_version: u32,
    /// Version of EMV Doctor that last wrote the report.
    pub app_version: String,
    /// The language the report is written and exported in.
    pub lang: Lang,
    /// When the session started, with the local UTC offset.
    pub created: DateTime<FixedOffset>,
    /// When the report last changed, with the local UTC offset.
    pub updated: DateTime<FixedOffset>,
    /// The computer EMV Doctor ran on.
    pub computer: Computer,
    /// Shop and terminal details the user typed.
    pub shop: ShopDetails,
    /// Card probes, in the order they ran (masked data only: see [`CardReport`]).
    #[serde(default)]
    pub card_probes: Vec<CardProbe>,
    /// Guide walks, in the order they were started.
    pub guide_walks: Vec<GuideWalk>,
    /// Network and clock checks, in the order they ran.
    pub net_checks: Vec<NetCheck>,
    /// Analysed transaction exports, in the order they were added.
    #[serde(default)]
    pub monitoring: Vec<MonitorRecord>,
    /// Free notes, oldest first.
    pub notes: Vec<Note>,
    /// The outcome and the next step, once someone has written them.
    pub summary: Option<Summary>,
}

/// The computer the session ran on. The hostname is left out unless the user turns it on,
/// because it can identify a person or a shop.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Computer {
    /// Operating system family, e.g. `linux`, `windows`, `macos`.
    pub os: String,
    /// Processor architecture, e.g. `x86_64`, `aarch64`.
    pub arch: String,
    /// The host name, only when the user chose to include it.
    pub hostname: Option<String>,
}

impl Computer {
    /// The OS and architecture this build runs on, without a hostname. Compile-time facts, no I/O.
    pub fn this_build() -> Self {
        Computer {
            os: std::env::consts::OS.to_owned(),
            arch: std::env::consts::ARCH.to_owned(),
            hostname: None,
        }
    }
}

/// Shop and terminal details as the user typed them; every field is optional.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShopDetails {
    /// Name of the shop or merchant.
    pub shop_name: Option<String>,
    /// Terminal manufacturer, e.g. "PAX", "Ingenico", "Verifone".
    pub terminal_make: Option<String>,
    /// Terminal model, e.g. "A920".
    pub terminal_model: Option<String>,
    /// Terminal serial number (S/N on the label).
    pub terminal_serial: Option<String>,
    /// Payment application (software) version shown by the terminal.
    pub software_version: Option<String>,
    /// Firmware / OS version shown by the terminal.
    pub firmware_version: Option<String>,
    /// The acquirer or payment service provider（收单机构）.
    pub acquirer: Option<String>,
    /// Region, city or branch.
    pub region: Option<String>,
    /// Who to call: the acquirer's or vendor's help desk, as typed (a phone number, a name).
    pub support_contact: Option<String>,
}

impl ShopDetails {
    /// Whether the user typed nothing at all.
    pub fn is_empty(&self) -> bool {
        self.fields().iter().all(|(_, v)| v.is_none())
    }

    /// Each field with its stable key, in display order.
    pub fn fields(&self) -> [(ShopField, Option<&str>); 9] {
        [
            (ShopField::ShopName, self.shop_name.as_deref()),
            (ShopField::TerminalMake, self.terminal_make.as_deref()),
            (ShopField::TerminalModel, self.terminal_model.as_deref()),
            (ShopField::TerminalSerial, self.terminal_serial.as_deref()),
            (ShopField::SoftwareVersion, self.software_version.as_deref()),
            (ShopField::FirmwareVersion, self.firmware_version.as_deref()),
            (ShopField::Acquirer, self.acquirer.as_deref()),
            (ShopField::Region, self.region.as_deref()),
            (ShopField::SupportContact, self.support_contact.as_deref()),
        ]
    }
}

/// The name of one [`ShopDetails`] field, for labels and JSON keys.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ShopField {
    /// [`ShopDetails::shop_name`].
    ShopName,
    /// [`ShopDetails::terminal_make`].
    TerminalMake,
    /// [`ShopDetails::terminal_model`].
    TerminalModel,
    /// [`ShopDetails::terminal_serial`].
    TerminalSerial,
    /// [`ShopDetails::software_version`].
    SoftwareVersion,
    /// [`ShopDetails::firmware_version`].
    FirmwareVersion,
    /// [`ShopDetails::acquirer`].
    Acquirer,
    /// [`ShopDetails::region`].
    Region,
    /// [`ShopDetails::support_contact`].
    SupportContact,
}

impl ShopField {
    /// The JSON key (same as the field name in the native file).
    pub fn key(self) -> &'static str {
        match self {
            ShopField::ShopName => "shop_name",
            ShopField::TerminalMake => "terminal_make",
            ShopField::TerminalModel => "terminal_model",
            ShopField::TerminalSerial => "terminal_serial",
            ShopField::SoftwareVersion => "software_version",
            ShopField::FirmwareVersion => "firmware_version",
            ShopField::Acquirer => "acquirer",
            ShopField::Region => "region",
            ShopField::SupportContact => "support_contact",
        }
    }

    /// The label shown to people, in both languages.
    pub fn label(self) -> crate::i18n::Text {
        use crate::i18n::Text;
        match self {
            ShopField::ShopName => Text::new("Shop", "商户名称"),
            ShopField::TerminalMake => Text::new("Terminal make", "终端厂商"),
            ShopField::TerminalModel => Text::new("Terminal model", "终端型号"),
            ShopField::TerminalSerial => Text::new("Serial number", "终端序列号"),
            ShopField::SoftwareVersion => Text::new("Software version", "应用软件版本"),
            ShopField::FirmwareVersion => Text::new("Firmware version", "固件版本"),
            ShopField::Acquirer => Text::new("Acquirer", "收单机构"),
            ShopField::Region => Text::new("Region", "地区"),
            ShopField::SupportContact => Text::new("Support contact", "服务热线"),
        }
    }

    /// Whether the field identifies the shop (removed by "redact shop details"). Terminal
    /// make, model and versions stay: support needs them and they name no one.
    pub fn identifies_shop(self) -> bool {
        matches!(
            self,
            ShopField::ShopName | ShopField::TerminalSerial | ShopField::Region
        )
    }
}

/// One free note, with the time it was written.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Note {
    /// When the note was written.
    pub at: DateTime<FixedOffset>,
    /// The note as typed.
    pub text: String,
}

/// The outcome of the session and the one next step, in both languages.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Summary {
    /// What is wrong (or that nothing is).
    pub outcome: BiText,
    /// What to do next.
    pub next_step: BiText,
}

impl Report {
    /// An empty report for a session starting at `now`, written in `lang`.
    pub fn new(now: DateTime<FixedOffset>, lang: Lang) -> Self {
        Report {
            format_version: FORMAT_VERSION,
            app_version: crate::VERSION.to_owned(),
            lang,
            created: now,
            updated: now,
            computer: Computer::this_build(),
            shop: ShopDetails::default(),
            guide_walks: Vec::new(),
            net_checks: Vec::new(),
            card_probes: Vec::new(),
            monitoring: Vec::new(),
            notes: Vec::new(),
            summary: None,
        }
    }

    /// Marks the report as changed at `now` (by this build of the app).
    pub fn touch(&mut self, now: DateTime<FixedOffset>) {
        self.updated = now;
        self.app_version = crate::VERSION.to_owned();
    }

    /// Adds a free note written at `now`. Empty notes are ignored.
    pub fn add_note(&mut self, now: DateTime<FixedOffset>, text: impl Into<String>) {
        let text = text.into();
        if text.trim().is_empty() {
            return;
        }
        self.notes.push(Note { at: now, text });
        self.touch(now);
    }

    /// Replaces the shop and terminal details.
    pub fn set_shop(&mut self, now: DateTime<FixedOffset>, shop: ShopDetails) {
        self.shop = shop;
        self.touch(now);
    }

    /// Every finding recorded in the report, in report order (the card probes, the check
    /// results of the guide walks, the network and clock checks, then the analysed exports).
    pub fn findings(&self) -> Vec<&Finding> {
        self.card_probes
            .iter()
            .flat_map(|p| p.report.findings.iter())
            .chain(
                self.guide_walks
                    .iter()
                    .flat_map(|w| w.session.check_results())
                    .flat_map(|c| c.findings.iter()),
            )
            .chain(self.net_checks.iter().flat_map(|c| c.result.findings()))
            .chain(
                self.monitoring
                    .iter()
                    .flat_map(|m| m.report.analysis.findings.iter().map(|f| &f.finding)),
            )
            .collect()
    }

    /// Records an analysed transaction export (`monitor::analyze_file`).
    pub fn add_monitoring(&mut self, now: DateTime<FixedOffset>, report: MonitorReport) {
        self.monitoring.push(MonitorRecord {
            at: now,
            report: Box::new(report),
        });
        self.touch(now);
    }

    /// Records a card probe (`card::probe::run`); returns its index in `card_probes`.
    pub fn add_probe(&mut self, now: DateTime<FixedOffset>, report: CardReport) -> usize {
        self.push_probe(now, report, false)
    }

    /// Records a practice probe of a virtual card (training mode, `probe --sim`); returns its
    /// index in `card_probes`.
    pub fn add_training_probe(&mut self, now: DateTime<FixedOffset>, report: CardReport) -> usize {
        self.push_probe(now, report, true)
    }

    fn push_probe(
        &mut self,
        now: DateTime<FixedOffset>,
        report: CardReport,
        training: bool,
    ) -> usize {
        self.card_probes.push(CardProbe {
            at: now,
            report: Box::new(report),
            training,
        });
        self.touch(now);
        self.card_probes.len() - 1
    }

    /// Records a payment-host check (`net::host::check_host`); returns its index in `net_checks`.
    pub fn add_host_check(&mut self, now: DateTime<FixedOffset>, report: HostReport) -> usize {
        self.add_net_check(now, NetResult::Host(Box::new(report)))
    }

    /// Records a clock check (`net::clock::check_clock`); returns its index in `net_checks`.
    pub fn add_clock_check(&mut self, now: DateTime<FixedOffset>, report: ClockReport) -> usize {
        self.add_net_check(now, NetResult::Clock(Box::new(report)))
    }

    fn add_net_check(&mut self, now: DateTime<FixedOffset>, result: NetResult) -> usize {
        self.net_checks.push(NetCheck { at: now, result });
        self.touch(now);
        self.net_checks.len() - 1
    }

    /// Records a guide walk (with the guide's text, see [`GuideWalk::new`]); returns its index
    /// for [`Report::update_session`].
    pub fn add_session(
        &mut self,
        now: DateTime<FixedOffset>,
        guide: &Guide,
        session: Session,
    ) -> usize {
        self.guide_walks.push(GuideWalk::new(guide, session));
        self.touch(now);
        self.guide_walks.len() - 1
    }

    /// Records a practice walk (made while training mode is on); returns its index for
    /// [`Report::update_session`], which keeps the mark.
    pub fn add_training_session(
        &mut self,
        now: DateTime<FixedOffset>,
        guide: &Guide,
        session: Session,
    ) -> usize {
        let index = self.add_session(now, guide, session);
        if let Some(w) = self.guide_walks.get_mut(index) {
            w.training = true;
        }
        index
    }

    /// Replaces walk `index` after the session moved on; `false` when there is no such walk.
    pub fn update_session(
        &mut self,
        now: DateTime<FixedOffset>,
        index: usize,
        guide: &Guide,
        session: Session,
    ) -> bool {
        let Some(slot) = self.guide_walks.get_mut(index) else {
            return false;
        };
        let training = slot.training;
        *slot = GuideWalk::new(guide, session);
        slot.training = training;
        self.touch(now);
        true
    }

    /// Sets the outcome and next step.
    pub fn set_summary(&mut self, now: DateTime<FixedOffset>, summary: Summary) {
        self.summary = Some(summary);
        self.touch(now);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(s).unwrap()
    }

    #[test]
    fn new_report_has_no_hostname_and_current_version() {
        let r = Report::new(t("2025-03-01T09:00:00+08:00"), Lang::ZhCn);
        assert_eq!(r.format_version, FORMAT_VERSION);
        assert_eq!(r.computer.hostname, None);
        assert_eq!(r.created, r.updated);
        assert!(r.shop.is_empty());
    }

    #[test]
    fn notes_update_the_time_and_skip_blank_text() {
        let mut r = Report::new(t("2025-03-01T09:00:00+08:00"), Lang::En);
        r.add_note(t("2025-03-01T09:05:00+08:00"), "  ");
        assert!(r.notes.is_empty());
        assert_eq!(r.updated, r.created);
        r.add_note(t("2025-03-01T09:06:00+08:00"), "reseated the card");
        assert_eq!(r.notes.len(), 1);
        assert_eq!(r.updated, t("2025-03-01T09:06:00+08:00"));
    }

    #[test]
    fn only_identifying_shop_fields_are_redactable() {
        assert!(ShopField::ShopName.identifies_shop());
        assert!(!ShopField::TerminalModel.identifies_shop());
        assert!(!ShopField::Acquirer.identifies_shop());
    }
}
