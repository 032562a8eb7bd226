//! The scenario catalogue: believable virtual payment cards, one per situation a shop meets
//! (healthy Visa/Mastercard/UnionPay cards on T=0 and T=1, and one card per finding). The same
//! catalogue serves the GUI's training mode, `emv-doctor simulate` and the tests.
//!
//! Every card carries a cardholder name (`5F20`), track 2 equivalent data (`57`) and issuer
//! discretionary data (`9F1F`), so the privacy tests have something to leak if the probe did.
//! The data are test values (Visa's public test PAN 4761739001010119 and Luhn-valid
//! look-alikes), never real cards.

use super::CardModel;
use super::emv_card::{AppProfile, CardProfile, CommandLog, Directory, EmvCard, RecordAnswer};
use super::encode::{bcd, cat, cn, h, tlv};
use crate::card::transport::Protocol;
use crate::emv::tlv;
use crate::i18n::Text;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// One scenario of the catalogue.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ScenarioInfo {
    /// Which virtual card.
    pub scenario: Scenario,
    /// What the card is, in both languages.
    pub title: Text,
    /// The finding codes a probe of this card reaches (sorted).
    pub expect: &'static [&'static str],
}

impl ScenarioInfo {
    /// The name used on the command line (`emv-doctor simulate visa-t0`).
    pub fn name(&self) -> &'static str {
        self.scenario.as_str()
    }
}

/// Declares [`Scenario`] and the catalogue from one list: variant, command-line name, title in
/// both languages, the findings a probe reaches.
macro_rules! catalogue {
    ($($variant:ident = $name:literal, $en:literal, $zh:literal, [$($code:literal),*];)*) => {
        /// A virtual card of the catalogue. Its name (serde, [`Scenario::as_str`], [`FromStr`])
        /// is the one used on the command line, e.g. `visa-t0`.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(into = "&'static str", try_from = "String")]
        pub enum Scenario {
            $(
                #[doc = $en]
                $variant,
            )*
        }

        impl Scenario {
            /// The command-line name, e.g. `visa-t0`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Scenario::$variant => $name,)*
                }
            }
        }

        const CATALOGUE: &[ScenarioInfo] = &[$(
            ScenarioInfo {
                scenario: Scenario::$variant,
                title: Text::new($en, $zh),
                expect: &[$($code),*],
            },
        )*];
    };
}

catalogue! {
    VisaT0 = "visa-t0",
        "Visa credit card, T=0, healthy",
        "Visa 信用卡，T=0，正常",
        ["card.chip_required", "card.ok"];
    VisaT1 = "visa-t1",
        "Visa credit card, T=1, healthy",
        "Visa 信用卡，T=1，正常",
        ["card.chip_required", "card.ok"];
    MastercardT0 = "mastercard-t0",
        "Mastercard credit card, T=0, healthy",
        "万事达信用卡，T=0，正常",
        ["card.chip_required", "card.ok"];
    MastercardT1 = "mastercard-t1",
        "Mastercard debit card, T=1, healthy",
        "万事达借记卡，T=1，正常",
        ["card.chip_required", "card.ok"];
    UnionpayPse = "unionpay-pse",
        "UnionPay debit card (PBOC), directory by PSE only",
        "银联借记卡（PBOC），仅支持 PSE 目录",
        ["card.chip_required", "card.ok"];
    PpseOnly = "ppse-only",
        "Mastercard with only a contactless directory (PPSE), no PSE",
        "只有非接触目录（PPSE）、没有 PSE 的万事达卡",
        ["card.chip_required", "card.ok"];
    NoDirectory = "no-directory",
        "Visa card with no directory: found by trying the known applications",
        "没有目录的 Visa 卡：逐个尝试已知应用才能找到",
        ["card.chip_required", "card.ok"];
    DualApp = "dual-app",
        "Dual-application card: UnionPay credit and Visa credit",
        "双应用卡：银联贷记与 Visa 信用",
        ["card.chip_required", "card.ok"];
    Expired = "expired",
        "Visa card past its expiry date",
        "已过有效期的 Visa 卡",
        ["app.expired", "card.chip_required"];
    NotYetEffective = "not-yet-effective",
        "Visa card not valid yet",
        "尚未生效的 Visa 卡",
        ["app.not_yet_effective", "card.chip_required"];
    AppBlocked = "app-blocked",
        "Mastercard whose application the bank blocked (6283)",
        "应用被发卡行锁定的万事达卡（6283）",
        ["app.blocked"];
    CardBlocked = "card-blocked",
        "Card blocked by the bank (6A81)",
        "被发卡行锁定的卡片（6A81）",
        ["card.blocked"];
    PinExhausted = "pin-exhausted",
        "UnionPay card with no PIN tries left",
        "密码已锁定的银联卡",
        ["card.chip_required", "pin.tries_exhausted"];
    PinLow = "pin-low",
        "Visa card with one PIN try left",
        "仅剩一次密码机会的 Visa 卡",
        ["card.chip_required", "card.ok", "pin.tries_low"];
    GpoRefused = "gpo-refused",
        "Visa card that refuses to start a transaction (6985)",
        "拒绝开始交易的 Visa 卡（6985）",
        ["gpo.refused"];
    NotPayment = "not-payment",
        "Chip card without a payment application",
        "没有支付应用的芯片卡",
        ["card.not_payment"];
    WrongLe = "wrong-le",
        "Mastercard, T=1, insists on exact lengths (6CXX)",
        "坚持精确长度的万事达卡，T=1(6CXX)",
        ["card.chip_required", "card.ok"];
    MalformedRecord = "malformed-record",
        "Visa card with a damaged record",
        "记录数据损坏的 Visa 卡",
        ["card.chip_required", "card.data_malformed"];
    RemovedMidway = "removed-midway",
        "Visa card pulled out during the test",
        "检测中被拔出的 Visa 卡",
        ["card.removed"];
    Mute = "mute",
        "Card that gives no answer to reset",
        "无复位应答的卡片",
        ["card.mute"];
    UsageRestricted = "usage-restricted",
        "Visa card issued abroad, valid for domestic use only",
        "境外发行、仅限境内使用的 Visa 卡",
        ["app.usage_restricted", "card.chip_required", "card.ok"];
    OfflineLimit = "offline-limit",
        "Visa card that used up its offline transactions",
        "脱机交易次数已用尽的 Visa 卡",
        ["app.offline_limit_reached", "card.chip_required", "card.ok"];
    UnionpayLog = "unionpay-log",
        "UnionPay debit card with purchases in its transaction log",
        "卡内交易日志里有消费记录的银联借记卡",
        ["card.chip_required", "card.ok"];
    ChipFault = "chip-fault",
        "Mastercard with a failing chip memory (6581)",
        "芯片存储故障的万事达卡（6581）",
        ["card.chip_required", "card.hardware"];
    UnionpayEcLoad = "unionpay-ec-load",
        "UnionPay debit card with electronic-cash loads（圈存）in its load log",
        "圈存日志里有电子现金圈存记录的银联借记卡",
        ["card.chip_required", "card.ok"];
}

/// A scenario name that is not in the catalogue.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown scenario {name:?}; choose one of: {}", names())]
pub struct UnknownScenario {
    /// The name given.
    pub name: String,
}

/// Every scenario name, comma-separated, in menu order.
fn names() -> String {
    CATALOGUE
        .iter()
        .map(ScenarioInfo::name)
        .collect::<Vec<_>>()
        .join(", ")
}

impl FromStr for Scenario {
    type Err = UnknownScenario;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        CATALOGUE
            .iter()
            .map(|i| i.scenario)
            .find(|sc| sc.as_str() == s)
            .ok_or_else(|| UnknownScenario { name: s.to_owned() })
    }
}

impl TryFrom<String> for Scenario {
    type Error = UnknownScenario;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

impl From<Scenario> for &'static str {
    fn from(s: Scenario) -> Self {
        s.as_str()
    }
}

impl fmt::Display for Scenario {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Every scenario, in menu order.
pub fn catalogue() -> &'static [ScenarioInfo] {
    CATALOGUE
}

/// The healthy Visa card on T=1: the first card of training mode.
impl Default for Scenario {
    fn default() -> Self {
        Scenario::VisaT1
    }
}

impl Scenario {
    /// Its catalogue entry (title, expected findings).
    pub fn info(self) -> &'static ScenarioInfo {
        // The macro lists the variants and the catalogue in the same order.
        &CATALOGUE[self as usize]
    }
}

/// A fresh virtual card for `scenario`.
pub fn build(scenario: Scenario) -> Box<dyn CardModel> {
    build_recording(scenario).0
}

/// A fresh virtual card for `scenario`, with the log of every command it receives.
pub fn build_recording(scenario: Scenario) -> (Box<dyn CardModel>, CommandLog) {
    let (card, log) = EmvCard::new(profile(scenario));
    (Box::new(card), log)
}

/// The cardholder data personalised on `scenario` (PAN digits as ASCII, cardholder name,
/// track 2 equivalent data, issuer discretionary data), so privacy tests can prove none of it
/// leaves the probe unmasked.
pub fn sensitive_values(scenario: Scenario) -> Vec<Vec<u8>> {
    let profile = profile(scenario);
    let mut out = Vec::new();
    for app in &profile.apps {
        for (_, record) in &app.records {
            let Ok(objs) = record.as_deref().map_or(Ok(Vec::new()), tlv::parse) else {
                continue;
            };
            for tag in [0x57, 0x5F20, 0x9F1F, 0x5A] {
                if let Some(o) = tlv::find(&objs, tlv::Tag(tag)) {
                    out.push(o.value.clone());
                }
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

// ---------------------------------------------------------------------------------------------
// Card data

/// The cardholder and account data of one application (all test values).
#[derive(Clone, Debug)]
struct Account {
    pan: &'static str,
    name: &'static str,
    /// YYMMDD.
    expiry: &'static str,
    /// YYMMDD.
    effective: &'static str,
    service_code: &'static str,
    discretionary: &'static str,
    /// ISO 3166 numeric.
    country: &'static str,
    /// ISO 4217 numeric.
    currency: &'static str,
}

/// How a GPO response is formatted (EMV Book 3 §6.5.8.4).
#[derive(Clone, Copy, Debug)]
enum GpoFormat {
    /// `80`: AIP ‖ AFL.
    One,
    /// `77`: `82` AIP, `94` AFL.
    Two,
}

/// One application as personalised.
#[derive(Clone, Debug)]
struct AppSpec {
    aid: &'static str,
    label: &'static str,
    preferred_name: Option<&'static str>,
    priority: u8,
    pdol: &'static str,
    select_sw: u16,
    aip: &'static str,
    gpo: Result<GpoFormat, u16>,
    account: Account,
    auc: &'static str,
    cvm_list: &'static str,
    iac: [&'static str; 3],
    atc: u16,
    last_online_atc: u16,
    pin_tries: Option<u8>,
    /// Lower and upper consecutive offline limits (`9F14`, `9F23`).
    offline_limits: (u8, u8),
    /// Log entry `9F4D` (SFI, records) and the log format `9F4F` answered by GET DATA.
    log: Option<([u8; 2], &'static str)>,
    /// The records of that log, each already in the log format (not TLV).
    log_records: Vec<Vec<u8>>,
    /// PBOC load log entry `DF4D` (SFI, records) and the load log format `DF4F`.
    load_log: Option<([u8; 2], &'static str)>,
    /// The records of that load log, each already in its layout (not TLV).
    load_log_records: Vec<Vec<u8>>,
    /// PBOC electronic cash balance (`9F79`, n12, in fen).
    ec_balance: Option<&'static str>,
    /// Records replaced by damaged bytes or a status word: (SFI, record) → answer.
    damage: Vec<((u8, u8), RecordAnswer)>,
}

const VISA_CARD: Account = Account {
    pan: "4761739001010119",
    name: "LIANG/XIAOMEI",
    expiry: "291231",
    effective: "210101",
    service_code: "201",
    discretionary: "4E4F5453484152454431",
    country: "0840",
    currency: "0840",
};

fn visa() -> AppSpec {
    AppSpec {
        aid: "A0000000031010",
        label: "VISA CREDIT",
        preferred_name: Some("VISA CREDITO"),
        priority: 1,
        // qVSDC-style PDOL: TTQ, amounts, country, TVR, currency, date, type, UN.
        pdol: "9F6604 9F0206 9F0306 9F1A02 9505 5F2A02 9A03 9C01 9F3704",
        select_sw: 0x9000,
        aip: "7C00",
        gpo: Ok(GpoFormat::One),
        account: VISA_CARD,
        auc: "FF00",
        // Amount X 0, Y 0; online PIN else next, signature else next, no CVM.
        cvm_list: "00000000 00000000 4203 5E03 1F03",
        iac: ["F040008800", "0010000000", "F040049800"],
        atc: 0x002A,
        last_online_atc: 0x0028,
        pin_tries: Some(3),
        offline_limits: (0x05, 0x0A),
        log: None,
        log_records: Vec::new(),
        load_log: None,
        load_log_records: Vec::new(),
        ec_balance: None,
        damage: Vec::new(),
    }
}

fn mastercard() -> AppSpec {
    AppSpec {
        aid: "A0000000041010",
        label: "MASTERCARD",
        preferred_name: None,
        priority: 1,
        pdol: "",
        aip: "3900",
        gpo: Ok(GpoFormat::Two),
        account: Account {
            pan: "5413330089600010",
            name: "WANG/JIANGUO",
            expiry: "281130",
            effective: "230601",
            service_code: "201",
            discretionary: "0000373830303030",
            country: "0826",
            currency: "0826",
        },
        auc: "FF00",
        cvm_list: "00000000 00000000 4103 4203 1E03 1F03",
        iac: ["B450840000", "0000000000", "B470848000"],
        atc: 0x0113,
        last_online_atc: 0x0110,
        pin_tries: Some(3),
        offline_limits: (0x00, 0x00),
        log: Some((
            [0x0B, 0x0A],
            "9F2701 9F0206 5F2A02 9A03 9F3602 9F5206 DF3E01 9F2103 9F7C14",
        )),
        ..visa()
    }
}

fn unionpay() -> AppSpec {
    AppSpec {
        aid: "A000000333010101",
        label: "UnionPay Debit",
        preferred_name: Some("PBOC DEBIT"),
        priority: 1,
        // PBOC 3.0: EC support indicator, amount, currency, SM algorithm support.
        pdol: "9F7A01 9F0206 5F2A02 DF6901",
        aip: "7C00",
        gpo: Ok(GpoFormat::One),
        account: Account {
            pan: "6228480000123456782",
            name: "ZHAO/LIQIN",
            expiry: "300531",
            effective: "200601",
            service_code: "620",
            discretionary: "9900000000000088",
            country: "0156",
            currency: "0156",
        },
        auc: "FF00",
        cvm_list: "00000000 00000000 4203 0203 1F00",
        iac: ["D84000A800", "0010000000", "D84004F800"],
        atc: 0x0057,
        last_online_atc: 0x0057,
        pin_tries: Some(3),
        offline_limits: (0x00, 0x00),
        log: Some((
            [0x0B, 0x0A],
            "9A03 9F2103 9F0206 9F0306 9F1A02 5F2A02 9F4E14 9C01 9F3602",
        )),
        ec_balance: Some("000000010000"),
        ..visa()
    }
}

/// One record of the UnionPay log format above (`9A 9F21 9F02 9F03 9F1A 5F2A 9F4E 9C 9F36`):
/// a purchase or load in China, in yuan.
fn pboc_log_record(
    date: &str,
    time: &str,
    fen: u64,
    kind: &str,
    merchant: &str,
    atc: u16,
) -> Vec<u8> {
    cat(&[
        h(date),
        h(time),
        h(&format!("{fen:012}")),
        h("000000000000"),
        h("0156"),
        h("0156"),
        merchant_name(merchant),
        h(kind),
        atc.to_be_bytes().to_vec(),
    ])
}

/// One record of the load log format of `unionpay-ec-load` (`9A 9F21 9F1A 9F4E 9F36`) after
/// the PBOC header: the tag PUT DATA changed, its value before and after (n12, fen).
fn pboc_load_record(
    changed: &str,
    (before, after): (u64, u64),
    (date, time): (&str, &str),
    merchant: &str,
    atc: u16,
) -> Vec<u8> {
    cat(&[
        h(changed),
        h(&format!("{before:012}")),
        h(&format!("{after:012}")),
        h(date),
        h(time),
        h("0156"),
        merchant_name(merchant),
        atc.to_be_bytes().to_vec(),
    ])
}

/// A merchant name `9F4E` as the logs keep it: 20 bytes, padded with spaces.
fn merchant_name(name: &str) -> Vec<u8> {
    let mut bytes = name.as_bytes().to_vec();
    bytes.resize(20, b' ');
    bytes
}

/// Appends TCK (ISO 7816-3 §8.2.5: XOR of T0 … last historical byte) to an ATR.
fn with_tck(mut atr: Vec<u8>) -> Vec<u8> {
    let tck = atr.iter().skip(1).fold(0, |x, b| x ^ b);
    atr.push(tck);
    atr
}

/// A T=0-only ATR: `3B 6X 00 00` (TB1, TC1 = 0), then the historical bytes; no TCK.
fn atr_t0(historical: &str) -> Vec<u8> {
    let hist = h(historical);
    let mut atr = vec![0x3B, 0x60 | hist.len() as u8, 0x00, 0x00];
    atr.extend(hist);
    atr
}

/// A T=1 ATR: TB1, TC1 = 0, TD1 = T=1, TA3 IFSC 254, TB3 BWI 4/CWI 5, historical bytes, TCK.
fn atr_t1(historical: &str) -> Vec<u8> {
    let hist = h(historical);
    let mut atr = vec![
        0x3B,
        0xE0 | hist.len() as u8,
        0x00,
        0x00,
        0x81,
        0x31,
        0xFE,
        0x45,
    ];
    atr.extend(hist);
    with_tck(atr)
}

const HIST_VISA: &str = "80 31 80 66 B0 84 12 01 6E 01 83 00 90 00";
const HIST_MC: &str = "80 31 80 65 B0 83 11 17 83 83 00 90 00";
const HIST_UP: &str = "80 31 80 65 B0 85 03 00 EF 12 0F FF 82 90 00";

fn afl() -> Vec<u8> {
    // SFI 1 record 1; SFI 2 records 1–2 (record 1 signed); SFI 3 record 1.
    h("08010100 10010201 18010100")
}

fn records(spec: &AppSpec) -> Vec<((u8, u8), RecordAnswer)> {
    let a = &spec.account;
    let track2 = cn(&format!(
        "{}D{}{}{}",
        a.pan,
        &a.expiry[..4],
        a.service_code,
        "10000000000"
    ));
    let sfi1 = tlv(
        &[0x70],
        &cat(&[
            tlv(&[0x57], &track2),
            tlv(&[0x5F, 0x20], a.name.as_bytes()),
            tlv(&[0x9F, 0x1F], &h(a.discretionary)),
        ]),
    );
    let sfi2_1 = tlv(
        &[0x70],
        &cat(&[
            tlv(&[0x5A], &cn(a.pan)),
            tlv(&[0x5F, 0x34], &[0x01]),
            tlv(&[0x5F, 0x24], &h(a.expiry)),
            tlv(&[0x5F, 0x25], &h(a.effective)),
            tlv(&[0x5F, 0x28], &h(a.country)),
            tlv(&[0x9F, 0x07], &h(spec.auc)),
            tlv(&[0x8E], &h(spec.cvm_list)),
            tlv(&[0x9F, 0x0D], &h(spec.iac[0])),
            tlv(&[0x9F, 0x0E], &h(spec.iac[1])),
            tlv(&[0x9F, 0x0F], &h(spec.iac[2])),
            tlv(&[0x5F, 0x30], &bcd(a.service_code, 2)),
            tlv(&[0x9F, 0x42], &h(a.currency)),
            tlv(&[0x9F, 0x08], &[0x00, 0x96]),
            tlv(&[0x9F, 0x14], &[spec.offline_limits.0]),
            tlv(&[0x9F, 0x23], &[spec.offline_limits.1]),
        ]),
    );
    let sfi2_2 = tlv(
        &[0x70],
        &cat(&[
            tlv(
                &[0x8C],
                &h("9F0206 9F0306 9F1A02 9505 5F2A02 9A03 9C01 9F3704 9F3501 9F3403"),
            ),
            tlv(
                &[0x8D],
                &h("8A02 9F0206 9F0306 9F1A02 9505 5F2A02 9A03 9C01 9F3704"),
            ),
            tlv(&[0x8F], &[0x09]),
            tlv(&[0x9F, 0x32], &[0x03]),
            tlv(&[0x92], &[0x5A; 36]),
        ]),
    );
    // The issuer public key certificate: long enough to need the two-byte length form.
    let sfi3 = tlv(&[0x70], &tlv(&[0x90], &[0xA7; 176]));
    let mut out = vec![
        ((1, 1), Ok(sfi1)),
        ((2, 1), Ok(sfi2_1)),
        ((2, 2), Ok(sfi2_2)),
        ((3, 1), Ok(sfi3)),
    ];
    if let Some(([sfi, _], _)) = spec.log {
        for (i, record) in spec.log_records.iter().enumerate() {
            out.push(((sfi, i as u8 + 1), Ok(record.clone())));
        }
    }
    if let Some(([sfi, _], _)) = spec.load_log {
        for (i, record) in spec.load_log_records.iter().enumerate() {
            out.push(((sfi, i as u8 + 1), Ok(record.clone())));
        }
    }
    for (key, answer) in &spec.damage {
        if let Some(slot) = out.iter_mut().find(|(k, _)| k == key) {
            slot.1 = answer.clone();
        }
    }
    out
}

fn app_profile(spec: &AppSpec) -> AppProfile {
    let aid = h(spec.aid);
    let pdol = h(spec.pdol);
    let mut proprietary = vec![
        tlv(&[0x50], spec.label.as_bytes()),
        tlv(&[0x87], &[spec.priority]),
    ];
    if !pdol.is_empty() {
        proprietary.push(tlv(&[0x9F, 0x38], &pdol));
    }
    proprietary.push(tlv(&[0x5F, 0x2D], b"zhen"));
    if let Some(name) = spec.preferred_name {
        proprietary.push(tlv(&[0x9F, 0x11], &[0x01]));
        proprietary.push(tlv(&[0x9F, 0x12], name.as_bytes()));
    }
    let mut discretionary = Vec::new();
    if let Some((entry, _)) = spec.log {
        discretionary.push(tlv(&[0x9F, 0x4D], &entry));
    }
    if let Some((entry, _)) = spec.load_log {
        discretionary.push(tlv(&[0xDF, 0x4D], &entry));
    }
    if !discretionary.is_empty() {
        proprietary.push(tlv(&[0xBF, 0x0C], &cat(&discretionary)));
    }
    let fci = tlv(
        &[0x6F],
        &cat(&[tlv(&[0x84], &aid), tlv(&[0xA5], &cat(&proprietary))]),
    );
    let aip = h(spec.aip);
    let gpo = spec.gpo.map(|format| match format {
        GpoFormat::One => tlv(&[0x80], &cat(&[aip.clone(), afl()])),
        GpoFormat::Two => tlv(&[0x77], &cat(&[tlv(&[0x82], &aip), tlv(&[0x94], &afl())])),
    });
    let mut get_data = vec![
        (0x9F36, spec.atc.to_be_bytes().to_vec()),
        (0x9F13, spec.last_online_atc.to_be_bytes().to_vec()),
    ];
    if let Some(tries) = spec.pin_tries {
        get_data.push((0x9F17, vec![tries]));
    }
    if let Some((_, format)) = spec.log {
        get_data.push((0x9F4F, h(format)));
    }
    if let Some((_, format)) = spec.load_log {
        get_data.push((0xDF4F, h(format)));
    }
    if let Some(balance) = spec.ec_balance {
        get_data.push((0x9F79, h(balance)));
        get_data.push((0x9F77, h("000000100000")));
        get_data.push((0x9F78, h("000000100000")));
        get_data.push((0x9F6D, h("000000050000")));
    }
    AppProfile {
        aid,
        select_sw: spec.select_sw,
        fci,
        pdol_len: dol_len(&pdol),
        gpo,
        records: records(spec),
        get_data,
    }
}

/// Total data length a DOL asks for (tags of 1–2 bytes here, one length byte each).
fn dol_len(dol: &[u8]) -> usize {
    let mut i = 0;
    let mut total = 0;
    while i < dol.len() {
        i += if dol[i] & 0x1F == 0x1F { 2 } else { 1 };
        total += usize::from(dol.get(i).copied().unwrap_or(0));
        i += 1;
    }
    total
}

/// A directory entry (`61` template) for an application.
fn entry(spec: &AppSpec) -> Vec<u8> {
    let mut parts = vec![
        tlv(&[0x4F], &h(spec.aid)),
        tlv(&[0x50], spec.label.as_bytes()),
    ];
    if let Some(name) = spec.preferred_name {
        parts.push(tlv(&[0x9F, 0x12], name.as_bytes()));
    }
    parts.push(tlv(&[0x87], &[spec.priority]));
    tlv(&[0x61], &cat(&parts))
}

/// A contact card whose PSE lists `apps`, one directory record per application.
fn pse_card(atr: Vec<u8>, protocol: Protocol, apps: Vec<AppSpec>) -> CardProfile {
    CardProfile {
        atr: Some(atr),
        protocol,
        pse: Directory::Pse {
            sfi: 1,
            records: apps.iter().map(|a| tlv(&[0x70], &entry(a))).collect(),
        },
        ppse: Directory::Ppse {
            entries: apps.iter().map(entry).collect(),
        },
        apps: apps.iter().map(app_profile).collect(),
        exact_le: false,
        remove_after: None,
    }
}

fn visa_t0(app: AppSpec) -> CardProfile {
    pse_card(atr_t0(HIST_VISA), Protocol::T0, vec![app])
}

fn visa_t1(app: AppSpec) -> CardProfile {
    pse_card(atr_t1(HIST_VISA), Protocol::T1, vec![app])
}

fn account(base: &AppSpec, pan: &'static str, name: &'static str) -> Account {
    Account {
        pan,
        name,
        ..base.account.clone()
    }
}

// One arm per virtual card: a catalogue, not logic.
#[allow(clippy::too_many_lines)]
fn profile(scenario: Scenario) -> CardProfile {
    let v = visa();
    let mc = mastercard();
    let up = unionpay();
    match scenario {
        Scenario::VisaT0 => visa_t0(v),
        Scenario::VisaT1 => visa_t1(AppSpec {
            account: account(&v, "4761739001010135", "CHEN/YUTING"),
            ..v
        }),
        Scenario::MastercardT0 => pse_card(atr_t0(HIST_MC), Protocol::T0, vec![mc]),
        Scenario::MastercardT1 => pse_card(
            atr_t1(HIST_MC),
            Protocol::T1,
            vec![AppSpec {
                label: "DEBIT MASTERCARD",
                account: account(&mc, "5222000000000019", "HUANG/MEILING"),
                ..mc
            }],
        ),
        Scenario::UnionpayPse => CardProfile {
            // Only the PSE answers; the contactless directory is absent.
            ppse: Directory::Refused(0x6A82),
            ..pse_card(atr_t0(HIST_UP), Protocol::T0, vec![up])
        },
        Scenario::PpseOnly => CardProfile {
            // No contact directory: the probe must find the application through PPSE.
            pse: Directory::Refused(0x6A82),
            ..pse_card(
                atr_t1(HIST_MC),
                Protocol::T1,
                vec![AppSpec {
                    account: account(&mc, "5222000000000027", "WU/QIANG"),
                    ..mc
                }],
            )
        },
        Scenario::NoDirectory => CardProfile {
            // Neither directory: only selecting the registered AIDs one by one finds it.
            pse: Directory::Refused(0x6A82),
            ppse: Directory::Refused(0x6A82),
            ..visa_t1(AppSpec {
                account: account(&v, "4761739001010192", "HE/JING"),
                ..v
            })
        },
        Scenario::DualApp => {
            // The record order puts Visa first; the priorities put UnionPay first.
            let visa_app = AppSpec {
                priority: 2,
                account: account(&v, "4761739001010143", "LIU/FANG"),
                ..v
            };
            let up_app = AppSpec {
                aid: "A000000333010102",
                label: "UnionPay Credit",
                preferred_name: Some("PBOC CREDIT"),
                priority: 1,
                account: Account {
                    pan: "6250940000000126",
                    name: "LIU/FANG",
                    service_code: "220",
                    ..up.account.clone()
                },
                ..up
            };
            pse_card(atr_t1(HIST_UP), Protocol::T1, vec![visa_app, up_app])
        }
        Scenario::Expired => visa_t1(AppSpec {
            account: Account {
                expiry: "231231",
                effective: "190101",
                ..account(&v, "4761739001010150", "SUN/HAO")
            },
            ..v
        }),
        Scenario::NotYetEffective => visa_t1(AppSpec {
            account: Account {
                expiry: "491231",
                effective: "481201",
                ..account(&v, "4761739001010168", "ZHOU/JIE")
            },
            ..v
        }),
        Scenario::AppBlocked => pse_card(
            atr_t1(HIST_MC),
            Protocol::T1,
            vec![AppSpec {
                select_sw: 0x6283,
                account: account(&mc, "5413330089600028", "XU/LEI"),
                ..mc
            }],
        ),
        Scenario::CardBlocked => CardProfile {
            pse: Directory::Refused(0x6A81),
            ppse: Directory::Refused(0x6A81),
            ..pse_card(atr_t0(HIST_UP), Protocol::T0, vec![up])
        },
        Scenario::PinExhausted => pse_card(
            atr_t0(HIST_UP),
            Protocol::T0,
            vec![AppSpec {
                pin_tries: Some(0),
                account: Account {
                    pan: "6228480000123456782",
                    name: "MA/XIAOLONG",
                    ..up.account.clone()
                },
                ..up
            }],
        ),
        Scenario::PinLow => visa_t1(AppSpec {
            pin_tries: Some(1),
            account: account(&v, "4761739001010176", "GAO/YAN"),
            ..v
        }),
        Scenario::GpoRefused => visa_t1(AppSpec {
            gpo: Err(0x6985),
            account: account(&v, "4761739001010184", "LIN/TAO"),
            ..v
        }),
        Scenario::NotPayment => CardProfile {
            pse: Directory::Refused(0x6A82),
            ppse: Directory::Refused(0x6A82),
            apps: Vec::new(),
            ..visa_t1(v)
        },
        Scenario::WrongLe => CardProfile {
            exact_le: true,
            ..pse_card(
                atr_t1(HIST_MC),
                Protocol::T1,
                vec![AppSpec {
                    account: account(&mc, "5413330089600036", "HE/MING"),
                    ..mc
                }],
            )
        },
        Scenario::MalformedRecord => visa_t1(AppSpec {
            // Track 2 record cut short: the `57` length promises more bytes than follow.
            damage: vec![(
                (1, 1),
                Ok(h("70 1A 57 13 47 61 73 90 01 01 02 00 D2 91 22")),
            )],
            account: account(&v, "4761739001010200", "GUO/QIANG"),
            ..v
        }),
        Scenario::RemovedMidway => CardProfile {
            // SELECT PSE, READ RECORD ×2, SELECT, GPO answered; the card goes on the next command.
            remove_after: Some(5),
            ..visa_t1(AppSpec {
                account: account(&v, "4761739001010218", "TANG/WEI"),
                ..v
            })
        },
        Scenario::Mute => CardProfile {
            atr: None,
            ..visa_t0(v)
        },
        Scenario::UsageRestricted => visa_t1(AppSpec {
            // Issued in the US, valid for domestic goods, services and cash only.
            auc: "AB00",
            account: account(&v, "4761739001010226", "DENG/LI"),
            ..v
        }),
        Scenario::OfflineLimit => visa_t1(AppSpec {
            atc: 0x0130,
            last_online_atc: 0x0120,
            account: account(&v, "4761739001010234", "FENG/XUE"),
            ..v
        }),
        Scenario::UnionpayLog => CardProfile {
            ppse: Directory::Refused(0x6A82),
            ..pse_card(
                atr_t0(HIST_UP),
                Protocol::T0,
                vec![AppSpec {
                    account: account(&up, "6228480000123456790", "QIAN/LEI"),
                    log_records: vec![
                        pboc_log_record("250306", "183012", 12_800, "00", "FRESH MART", 0x0056),
                        pboc_log_record("250305", "120544", 4_550, "00", "FRESH MART", 0x0055),
                        pboc_log_record(
                            "250301",
                            "091502",
                            50_000,
                            "60",
                            "BANK SELF SERVICE",
                            0x0054,
                        ),
                    ],
                    ..up
                }],
            )
        },
        Scenario::UnionpayEcLoad => pse_card(
            atr_t1(HIST_UP),
            Protocol::T1,
            vec![AppSpec {
                account: account(&up, "6228480000123456808", "SHEN/YUE"),
                ec_balance: Some("000000032000"),
                load_log: Some(([0x0C, 0x0A], "9A03 9F2103 9F1A02 9F4E14 9F3602")),
                load_log_records: vec![
                    pboc_load_record(
                        "9F79",
                        (2_000, 32_000),
                        ("250308", "100211"),
                        "BANK SELF SERVICE",
                        0x0031,
                    ),
                    pboc_load_record(
                        "9F79",
                        (5_550, 25_550),
                        ("250214", "184005"),
                        "ATM 0231",
                        0x0025,
                    ),
                    pboc_load_record(
                        "9F77",
                        (50_000, 100_000),
                        ("250120", "091245"),
                        "BANK BRANCH",
                        0x001A,
                    ),
                ],
                ..up
            }],
        ),
        Scenario::ChipFault => pse_card(
            atr_t0(HIST_MC),
            Protocol::T0,
            vec![AppSpec {
                damage: vec![((2, 2), Err(0x6581))],
                account: account(&mc, "5413330089600044", "YE/QING"),
                ..mc
            }],
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::card::sim::SimReply;

    fn send(card: &mut Box<dyn CardModel>, cmd: &str) -> Vec<u8> {
        match card.respond(&h(cmd)) {
            SimReply::Bytes(b) => b,
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn every_scenario_builds_and_expectations_are_sorted() {
        for (i, s) in catalogue().iter().enumerate() {
            assert!(build(s.scenario).atr().is_some() || s.scenario == Scenario::Mute);
            assert_eq!(s.scenario.info(), s, "{}", s.name());
            assert_eq!(s.scenario as usize, i);
            let mut sorted = s.expect.to_vec();
            sorted.sort_unstable();
            assert_eq!(sorted, s.expect, "{}", s.name());
        }
    }

    #[test]
    fn names_parse_print_and_serialise_alike() {
        for s in catalogue() {
            let name = s.name();
            assert_eq!(name.parse::<Scenario>(), Ok(s.scenario));
            assert_eq!(s.scenario.to_string(), name);
            let json = serde_json::to_string(&s.scenario).unwrap();
            assert_eq!(json, format!("\"{name}\""));
            assert_eq!(serde_json::from_str::<Scenario>(&json).unwrap(), s.scenario);
            assert_eq!(
                ron::from_str::<Scenario>(&ron::to_string(&s.scenario).unwrap()).unwrap(),
                s.scenario
            );
        }
        assert_eq!("visa-t0".parse(), Ok(Scenario::VisaT0));
        let e = "no-such-card".parse::<Scenario>().unwrap_err();
        assert_eq!(e.name, "no-such-card");
        let text = e.to_string();
        assert!(
            text.starts_with("unknown scenario \"no-such-card\"; choose one of: visa-t0, visa-t1,"),
            "{text}"
        );
        assert!(
            text.ends_with("chip-fault") || text.contains("chip-fault,"),
            "{text}"
        );
        assert!(serde_json::from_str::<Scenario>("\"Visa-T0\"").is_err());
    }

    #[test]
    fn t0_card_answers_61xx_and_serves_get_response() {
        let mut card = build(Scenario::VisaT0);
        let r = send(&mut card, "00A404000E315041592E5359532E4444463031");
        assert_eq!(r[0], 0x61);
        let fci = send(&mut card, &format!("00C00000{:02X}", r[1]));
        assert_eq!(fci[0], 0x6F);
        assert_eq!(&fci[fci.len() - 2..], &[0x90, 0x00]);
        // Case 2 with Le 00 on T=0: the card gives the exact length to use.
        let r = send(&mut card, "00B2010C00");
        assert_eq!(r[0], 0x6C);
        let rec = send(&mut card, &format!("00B2010C{:02X}", r[1]));
        assert_eq!(rec[0], 0x70);
    }

    #[test]
    fn gpo_checks_pdol_length() {
        let mut card = build(Scenario::VisaT1);
        send(&mut card, "00A4040007A000000003101000");
        assert_eq!(
            send(&mut card, "80A80000028300 00".replace(' ', "").as_str()),
            h("6700")
        );
    }

    #[test]
    fn removed_card_stops_answering() {
        let (mut card, log) = build_recording(Scenario::RemovedMidway);
        for _ in 0..5 {
            assert!(matches!(card.respond(&h("00B2010C00")), SimReply::Bytes(_)));
        }
        assert_eq!(card.respond(&h("00B2010C00")), SimReply::Removed);
        assert_eq!(log.lock().unwrap().len(), 5);
    }

    #[test]
    fn dol_lengths_add_up() {
        assert_eq!(dol_len(&h(visa().pdol)), 4 + 6 + 6 + 2 + 5 + 2 + 3 + 1 + 4);
        assert_eq!(dol_len(&h(unionpay().pdol)), 1 + 6 + 2 + 1);
    }
}
