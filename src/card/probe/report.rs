//! The probe's result, [`CardReport`]: plain serde data holding only masked card data (the PAN
//! is a [`MaskedPan`]; track data, cardholder name and discretionary data are never kept), and
//! its JSON and text views in either language.

use crate::card::transport::{ApduLogEntry, Protocol};
use crate::emv::decode::{Kind, decode};
use crate::emv::pan::MaskedPan;
use crate::finding::Finding;
use crate::i18n::{Lang, Text};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

/// How an application was found (EMV 4.3 Book 1 §12.3).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FoundBy {
    /// Listed in the contact directory `1PAY.SYS.DDF01`.
    Pse,
    /// Listed in the contactless directory `2PAY.SYS.DDF01`.
    Ppse,
    /// Found by selecting the registered AIDs one by one.
    AidList,
}

impl FoundBy {
    /// How the application was found, in words.
    pub fn text(self) -> Text {
        match self {
            FoundBy::Pse => Text::new("card's directory (PSE, contact)", "卡片目录（PSE，接触式）"),
            FoundBy::Ppse => Text::new("contactless directory (PPSE)", "非接触目录（PPSE）"),
            FoundBy::AidList => Text::new(
                "trying the known applications one by one",
                "逐个尝试已知应用",
            ),
        }
    }

    /// The JSON name: `pse`, `ppse`, `aid_list`.
    pub fn as_str(self) -> &'static str {
        match self {
            FoundBy::Pse => "pse",
            FoundBy::Ppse => "ppse",
            FoundBy::AidList => "aid_list",
        }
    }
}

/// Data the probe could not read for an application, and why.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unread {
    /// GPO was skipped (`--no-gpo`): no AIP, no AFL, so no records (PAN, dates, service code,
    /// usage control, CVM list, action codes).
    RecordsWithoutGpo,
    /// The card refused GPO, so the AFL and the records are unknown.
    RecordsGpoRefused,
    /// The application could not be selected.
    NotSelected,
    /// A record of the card's transaction log did not fit its log format.
    LogUnreadable,
    /// A record of the electronic-cash load log did not fit its load log format.
    LoadLogUnreadable,
}

impl Unread {
    /// What was not read, in both languages.
    pub fn text(self) -> Text {
        match self {
            Unread::RecordsWithoutGpo => Text::new(
                "GPO skipped: AIP, AFL and the records (PAN, dates, service code, usage control, CVM list, action codes) were not read",
                "已跳过 GPO：未读取 AIP、AFL 及记录（卡号、日期、服务代码、用途控制、CVM 列表、行为代码）",
            ),
            Unread::RecordsGpoRefused => Text::new(
                "The card refused GPO: the records are unknown",
                "卡片拒绝 GPO：无法读取记录",
            ),
            Unread::NotSelected => Text::new(
                "The application could not be selected: nothing was read",
                "无法选择该应用：未读取任何数据",
            ),
            Unread::LogUnreadable => Text::new(
                "The card's transaction log does not match its log format: the rest of it was not read",
                "卡内交易日志与日志格式不符：其余日志没有读取",
            ),
            Unread::LoadLogUnreadable => Text::new(
                "The card's electronic-cash load log does not match its format: the rest of it was not read",
                "卡内圈存日志与日志格式不符：其余记录没有读取",
            ),
        }
    }
}

/// One payment application found on the card.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ApplicationReport {
    /// AID, hex.
    pub aid: String,
    /// Application label `50`.
    pub label: Option<String>,
    /// Application preferred name `9F12` (printable characters only).
    pub preferred_name: Option<String>,
    /// Priority 1 (highest) … 15 from `87` b4–b1; `None` when absent or 0.
    pub priority: Option<u8>,
    /// `87` b8: the cardholder must confirm the selection.
    pub confirmation_required: bool,
    /// How it was found.
    pub found_by: Option<FoundBy>,
    /// Status word of SELECT, hex.
    pub select_sw: Option<String>,
    /// Status word of GPO, hex; `None` when GPO was not sent.
    pub gpo_sw: Option<String>,
    /// The masked PAN (first 6, last 4).
    pub pan: Option<MaskedPan>,
    /// PAN sequence number `5F34`.
    pub pan_sequence: Option<u8>,
    /// Expiry `5F24`, `YYYY-MM`.
    pub expiry: Option<String>,
    /// Effective date `5F25`, `YYYY-MM`.
    pub effective: Option<String>,
    /// Service code, three digits (`5F30`, else track 2).
    pub service_code: Option<String>,
    /// Issuer country `5F28`, ISO 3166 numeric.
    pub country: Option<String>,
    /// Application currency `9F42`, ISO 4217 numeric.
    pub currency: Option<String>,
    /// PIN Try Counter `9F17`.
    pub pin_tries_left: Option<u8>,
    /// ATC `9F36`.
    pub atc: Option<u16>,
    /// Last online ATC register `9F13`.
    pub last_online_atc: Option<u16>,
    /// Lower / upper consecutive offline limits `9F14` / `9F23`.
    pub offline_limits: Option<(u8, u8)>,
    /// AIP `82`, hex.
    pub aip: Option<String>,
    /// AFL `94`, hex.
    pub afl: Option<String>,
    /// Application Usage Control `9F07`, hex.
    pub auc: Option<String>,
    /// CVM list `8E`, hex.
    pub cvm_list: Option<String>,
    /// Issuer Action Codes default / denial / online (`9F0D`, `9F0E`, `9F0F`), hex.
    pub iac_default: Option<String>,
    /// IAC denial `9F0E`.
    pub iac_denial: Option<String>,
    /// IAC online `9F0F`.
    pub iac_online: Option<String>,
    /// Transaction log entry `9F4D` (SFI, records), hex.
    pub log_entry: Option<String>,
    /// Log format `9F4F` (a DOL), hex.
    pub log_format: Option<String>,
    /// PBOC electronic cash balance `9F79`, twelve digits in minor units.
    pub ec_balance: Option<String>,
    /// The card's own transaction log (records of the SFI in `9F4D`, decoded with `9F4F`),
    /// newest first as the card keeps them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub transaction_log: Vec<crate::emv::txlog::LogEntry>,
    /// PBOC load log entry `DF4D` (SFI, records), hex.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub load_log_entry: Option<String>,
    /// PBOC load log format `DF4F` (a DOL), hex.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub load_log_format: Option<String>,
    /// The electronic-cash load log（圈存日志）: records of the SFI in `DF4D`, decoded with
    /// `DF4F`, newest first as the card keeps them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub load_log: Vec<crate::emv::loadlog::LoadEntry>,
    /// What could not be read.
    pub unread: Vec<Unread>,
    /// Every AFL record was read and the mandatory data were present.
    pub read_end_to_end: bool,
}

/// The result of one probe: safe to show, save and send (everything sensitive is masked).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CardReport {
    /// The reader's name (or `sim:SCENARIO`).
    pub reader: String,
    /// The ATR, hex; empty when the card gave none.
    pub atr: String,
    /// The protocol in use.
    pub protocol: Option<Protocol>,
    /// The applications found, in selection order (priority first).
    pub applications: Vec<ApplicationReport>,
    /// What the probe concluded, most severe first.
    pub findings: Vec<Finding>,
    /// Every exchange, responses masked.
    pub apdus: Vec<ApduLogEntry>,
    /// How long the probe took.
    pub duration_ms: f64,
    /// The PC's local date and time when the probe started (dates are judged against it).
    pub local_time: String,
    /// GPO was skipped on request.
    pub gpo_skipped: bool,
}

fn protocol_name(p: Protocol) -> &'static str {
    match p {
        Protocol::T0 => "T=0",
        Protocol::T1 => "T=1",
    }
}

fn decoded(kind: Kind, hex_text: &Option<String>, lang: Lang) -> Value {
    let Some(h) = hex_text else {
        return Value::Null;
    };
    match hex::decode(h).ok().map(|b| decode(kind, &b, lang)) {
        Some(Ok(d)) => d.json,
        _ => json!({ "hex": h }),
    }
}

impl ApplicationReport {
    /// The JSON object of `emv-doctor probe --json` for this application.
    pub fn to_json(&self, lang: Lang) -> Value {
        let scheme = hex::decode(&self.aid)
            .ok()
            .and_then(|b| crate::emv::aid::lookup(&b));
        json!({
            "aid": self.aid,
            "scheme": scheme.map(|s| s.scheme),
            "product": scheme.and_then(|s| s.product).map(|p| p.get(lang)),
            "label": self.label,
            "preferred_name": self.preferred_name,
            "priority": self.priority,
            "confirmation_required": self.confirmation_required,
            "found_by": self.found_by.map(FoundBy::as_str),
            "select_sw": self.select_sw,
            "gpo_sw": self.gpo_sw,
            "pan": self.pan.as_ref().map(MaskedPan::as_str),
            "pan_sequence": self.pan_sequence,
            "expiry": self.expiry,
            "effective": self.effective,
            "service_code": self.service_code,
            "service_code_decoded": decoded(Kind::ServiceCode, &self.service_code.as_ref().map(|s| format!("0{s}")), lang),
            "country": self.country,
            "currency": self.currency,
            "pin_tries_left": self.pin_tries_left,
            "atc": self.atc,
            "last_online_atc": self.last_online_atc,
            "lower_offline_limit": self.offline_limits.map(|l| l.0),
            "upper_offline_limit": self.offline_limits.map(|l| l.1),
            "aip": decoded(Kind::Aip, &self.aip, lang),
            "afl": self.afl,
            "auc": decoded(Kind::Auc, &self.auc, lang),
            "cvm_list": decoded(Kind::CvmList, &self.cvm_list, lang),
            "iac_default": decoded(Kind::Iac, &self.iac_default, lang),
            "iac_denial": decoded(Kind::Iac, &self.iac_denial, lang),
            "iac_online": decoded(Kind::Iac, &self.iac_online, lang),
            "log_entry": self.log_entry,
            "log_format": self.log_format,
            "ec_balance": self.ec_balance,
            "transaction_log": self.transaction_log,
            "load_log_entry": self.load_log_entry,
            "load_log_format": self.load_log_format,
            "load_log": self.load_log,
            "not_read": self.unread.iter().map(|u| u.text().get(lang)).collect::<Vec<_>>(),
            "read_end_to_end": self.read_end_to_end,
        })
    }
}

impl CardReport {
    /// The finding to show first: the most severe warning or error; when there is none,
    /// `card.ok` (a healthy card is the news, an info note such as `card.chip_required` is
    /// not); otherwise the first finding.
    pub fn verdict(&self) -> Option<&Finding> {
        let worst = self.findings.first()?;
        if worst.severity >= crate::finding::Severity::Warning {
            return Some(worst);
        }
        self.findings
            .iter()
            .find(|f| f.code == crate::finding::card::CARD_OK.code)
            .or(Some(worst))
    }

    /// The JSON object of `emv-doctor probe --json` (the command-line contract).
    pub fn to_json(&self, lang: Lang) -> Value {
        let atr = match hex::decode(&self.atr) {
            Ok(b) if !b.is_empty() => match decode(Kind::Atr, &b, lang) {
                Ok(d) => d.json,
                Err(e) => json!({ "hex": self.atr, "error": e.to_string() }),
            },
            _ => Value::Null,
        };
        json!({
            "reader": self.reader,
            "atr": atr,
            "atr_hex": self.atr,
            "protocol": self.protocol.map(protocol_name),
            "applications": self.applications.iter().map(|a| a.to_json(lang)).collect::<Vec<_>>(),
            "findings": self.findings.iter().map(|f| f.to_json(lang)).collect::<Vec<_>>(),
            "apdus": self.apdus,
            "duration_ms": self.duration_ms,
            "local_time": self.local_time,
            "gpo_skipped": self.gpo_skipped,
        })
    }
}
