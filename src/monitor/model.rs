//! One imported transaction and how it ended. Card numbers exist here only masked.

use crate::emv::pan::MaskedPan;
use crate::i18n::Text;
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

/// How the card was read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntryMode {
    /// Inserted: the chip was read.
    Chip,
    /// Tapped（闪付、QuickPass、NFC）.
    Contactless,
    /// Swiped: the magnetic stripe.
    Swipe,
    /// The chip failed and the terminal fell back to the stripe（降级）.
    Fallback,
    /// Card number keyed in.
    Manual,
    /// Anything else the export names.
    Other,
}

impl EntryMode {
    /// The stable name used in JSON.
    pub fn key(self) -> &'static str {
        match self {
            EntryMode::Chip => "chip",
            EntryMode::Contactless => "contactless",
            EntryMode::Swipe => "swipe",
            EntryMode::Fallback => "fallback",
            EntryMode::Manual => "manual",
            EntryMode::Other => "other",
        }
    }

    /// The name people read.
    pub fn label(self) -> Text {
        match self {
            EntryMode::Chip => Text::new("Chip (inserted)", "插卡（芯片）"),
            EntryMode::Contactless => Text::new("Contactless tap（闪付）", "挥卡（闪付）"),
            EntryMode::Swipe => Text::new("Swipe (stripe)", "刷卡（磁条）"),
            EntryMode::Fallback => Text::new("Fallback to stripe（降级）", "降级刷卡"),
            EntryMode::Manual => Text::new("Keyed in", "手工输入"),
            EntryMode::Other => Text::new("Other", "其他"),
        }
    }

    /// The entry mode a cell names: words in either language or the ISO 8583 field 22 code.
    pub fn parse(cell: &str) -> Option<EntryMode> {
        let c = cell.trim().to_lowercase();
        if c.is_empty() {
            return None;
        }
        let has = |words: &[&str]| words.iter().any(|w| c.contains(w));
        Some(if has(&["fallback", "降级"]) || c.starts_with("80") {
            EntryMode::Fallback
        } else if has(&[
            "contactless",
            "tap",
            "nfc",
            "闪付",
            "非接",
            "挥卡",
            "quickpass",
            "wave",
        ]) || c.starts_with("07")
        {
            EntryMode::Contactless
        } else if has(&["chip", "insert", "芯片", "插卡", "icc", "ic卡", "contact"])
            || c == "ic"
            || c.starts_with("05")
        {
            EntryMode::Chip
        } else if has(&["swipe", "stripe", "mag", "刷卡", "磁条"])
            || c.starts_with("90")
            || c.starts_with("02")
        {
            EntryMode::Swipe
        } else if has(&["manual", "key", "手工", "手输", "手动"]) || c.starts_with("01") {
            EntryMode::Manual
        } else {
            EntryMode::Other
        })
    }
}

/// What kind of failure a transaction was (or that it was approved).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Approved.
    Approved,
    /// Declined by the host with a response code that is none of the kinds below.
    Declined,
    /// No answer in time, or a network code (`68`, `96`, `98`).
    Network,
    /// The terminal must sign in again (`A0`, `77`, `Z3`).
    SignIn,
    /// The terminal could not read the chip (no host answer; the result says so).
    ChipRead,
    /// Failed at the terminal for another reason.
    Failed,
}

impl Outcome {
    /// Whether the payment failed.
    pub fn is_error(self) -> bool {
        self != Outcome::Approved
    }
}

/// One imported transaction. The card number is masked (first 6 / last 4) before it is stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Transaction {
    /// Local time as the export gives it.
    pub at: NaiveDateTime,
    /// Amount in hundredths of the currency unit, when the export has it.
    pub amount_minor: Option<i64>,
    /// The response code, two characters upper case.
    pub response: Option<String>,
    /// How it ended.
    pub outcome: Outcome,
    /// Card scheme, normalised (`UnionPay`, `Visa` …).
    pub scheme: Option<String>,
    /// The masked card number.
    pub card: Option<MaskedPan>,
    /// The first 6 digits of the card number (BIN / IIN range).
    pub bin: Option<String>,
    /// How the card was read.
    pub entry: Option<EntryMode>,
    /// Terminal id.
    pub terminal: Option<String>,
    /// Issuing bank.
    pub issuer: Option<String>,
    /// Cashier.
    pub operator: Option<String>,
}
