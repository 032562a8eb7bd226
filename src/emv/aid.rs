//! Registered application identifiers (AID = 5-byte RID + PIX, ISO/IEC 7816-5; EMV 4.4 Book 1
//! §12.2): which payment scheme and product an AID belongs to, and the list of AIDs the probe
//! tries with the list-of-AIDs selection method (EMV 4.4 Book 1 §12.3.3).
//!
//! Facts come from `REFERENCE.md` §3 (cross-checked against the proxmark3 AID list and
//! scheme documentation). Scheme names are brands and are not translated; product names are.
//! Pure data and lookups; no I/O.

use crate::i18n::{Lang, Text};
use std::fmt::Write as _;

/// One registered AID.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RegisteredAid {
    /// The AID bytes.
    pub aid: &'static [u8],
    /// Payment scheme (brand name).
    pub scheme: &'static str,
    /// Product, when the AID names one.
    pub product: Option<Text>,
}

/// What an AID is, as far as known.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AidInfo {
    /// Payment scheme (brand name), or the owner of the RID.
    pub scheme: &'static str,
    /// Product, when a registered AID matched.
    pub product: Option<Text>,
    /// Only the RID (first 5 bytes) was recognised; the PIX is not in the list.
    pub rid_only: bool,
}

const fn r(aid: &'static [u8], scheme: &'static str, product: Option<Text>) -> RegisteredAid {
    RegisteredAid {
        aid,
        scheme,
        product,
    }
}

const fn p(en: &'static str, zh: &'static str) -> Option<Text> {
    Some(Text::new(en, zh))
}

/// The AIDs the probe selects with the list-of-AIDs method, in that order. SELECT allows
/// partial matching, so longer variants of these (see [`VARIANTS`]) are found by SELECT NEXT.
pub const REGISTERED: &[RegisteredAid] = &[
    r(
        &[0xA0, 0x00, 0x00, 0x00, 0x03, 0x10, 0x10],
        "Visa",
        p("Credit/Debit", "信用卡/借记卡"),
    ),
    r(
        &[0xA0, 0x00, 0x00, 0x00, 0x03, 0x20, 0x10],
        "Visa",
        p("Electron", "Electron 借记卡"),
    ),
    r(
        &[0xA0, 0x00, 0x00, 0x00, 0x03, 0x20, 0x20],
        "Visa",
        p("V PAY", "V PAY 借记卡"),
    ),
    r(
        &[0xA0, 0x00, 0x00, 0x00, 0x03, 0x30, 0x10],
        "Visa",
        p("Interlink", "Interlink 借记"),
    ),
    r(
        &[0xA0, 0x00, 0x00, 0x00, 0x03, 0x80, 0x10],
        "Visa",
        p("Plus (ATM)", "Plus（ATM）"),
    ),
    r(
        &[0xA0, 0x00, 0x00, 0x00, 0x98, 0x08, 0x40],
        "Visa",
        p("US Common Debit", "美国通用借记"),
    ),
    r(
        &[0xA0, 0x00, 0x00, 0x00, 0x04, 0x10, 0x10],
        "Mastercard",
        p("Credit/Debit", "信用卡/借记卡"),
    ),
    r(
        &[0xA0, 0x00, 0x00, 0x00, 0x04, 0x30, 0x60],
        "Mastercard",
        p("Maestro", "Maestro 借记卡"),
    ),
    r(
        &[0xA0, 0x00, 0x00, 0x00, 0x04, 0x60, 0x00],
        "Mastercard",
        p("Cirrus (ATM only)", "Cirrus（仅限 ATM）"),
    ),
    r(
        &[0xA0, 0x00, 0x00, 0x00, 0x04, 0x22, 0x03],
        "Mastercard",
        p("US Maestro Common Debit", "美国 Maestro 通用借记"),
    ),
    r(
        &[0xA0, 0x00, 0x00, 0x00, 0x05, 0x00, 0x01],
        "Maestro UK",
        p(
            "UK Domestic Maestro (ex-Switch)",
            "英国国内 Maestro（原 Switch）",
        ),
    ),
    r(
        &[0xA0, 0x00, 0x00, 0x00, 0x05, 0x00, 0x02],
        "Maestro UK",
        p("Solo", "Solo"),
    ),
    r(
        &[0xA0, 0x00, 0x00, 0x03, 0x33, 0x01, 0x01, 0x01],
        "UnionPay",
        p("Debit", "借记卡"),
    ),
    r(
        &[0xA0, 0x00, 0x00, 0x03, 0x33, 0x01, 0x01, 0x02],
        "UnionPay",
        p("Credit", "贷记卡"),
    ),
    r(
        &[0xA0, 0x00, 0x00, 0x03, 0x33, 0x01, 0x01, 0x03],
        "UnionPay",
        p("Quasi-credit", "准贷记卡"),
    ),
    r(
        &[0xA0, 0x00, 0x00, 0x03, 0x33, 0x01, 0x01, 0x06],
        "UnionPay",
        p("Electronic Cash", "电子现金"),
    ),
    r(
        &[0xA0, 0x00, 0x00, 0x03, 0x33, 0x01, 0x01, 0x08],
        "UnionPay",
        p("US Common Debit", "美国通用借记"),
    ),
    r(
        &[0xA0, 0x00, 0x00, 0x00, 0x25, 0x01],
        "American Express",
        p("AEIPS", "AEIPS"),
    ),
    r(
        &[0xA0, 0x00, 0x00, 0x00, 0x65, 0x10, 0x10],
        "JCB",
        p("J Smart", "J Smart"),
    ),
    r(
        &[0xA0, 0x00, 0x00, 0x01, 0x52, 0x30, 0x10],
        "Discover/Diners Club/Pulse",
        p("D-PAS", "D-PAS"),
    ),
    r(
        &[0xA0, 0x00, 0x00, 0x01, 0x52, 0x40, 0x10],
        "Discover",
        p("US Common Debit", "美国通用借记"),
    ),
    r(
        &[0xA0, 0x00, 0x00, 0x03, 0x24, 0x10, 0x10],
        "Discover",
        p("ZIP (legacy contactless)", "ZIP（旧式非接）"),
    ),
    r(
        &[0xA0, 0x00, 0x00, 0x02, 0x77, 0x10, 0x10],
        "Interac",
        p("Debit", "借记卡"),
    ),
    r(&[0xA0, 0x00, 0x00, 0x05, 0x24, 0x10, 0x10], "RuPay", None),
    r(
        &[0xA0, 0x00, 0x00, 0x06, 0x58, 0x10, 0x10],
        "Mir",
        p("Credit", "信用卡"),
    ),
    r(
        &[0xA0, 0x00, 0x00, 0x06, 0x58, 0x10, 0x11],
        "Mir",
        p("Credit", "信用卡"),
    ),
    r(
        &[0xA0, 0x00, 0x00, 0x06, 0x58, 0x20, 0x10],
        "Mir",
        p("Debit", "借记卡"),
    ),
    r(
        &[0xA0, 0x00, 0x00, 0x03, 0x84, 0x10],
        "eftpos",
        p("Savings", "储蓄账户"),
    ),
    r(
        &[0xA0, 0x00, 0x00, 0x03, 0x84, 0x20],
        "eftpos",
        p("Cheque", "支票账户"),
    ),
    r(
        &[0xA0, 0x00, 0x00, 0x03, 0x59, 0x10, 0x10, 0x02, 0x80, 0x01],
        "girocard",
        p("EAPS", "EAPS"),
    ),
    r(
        &[0xD2, 0x76, 0x00, 0x00, 0x25, 0x45, 0x50, 0x01, 0x00],
        "girocard",
        p("ZKA (legacy)", "ZKA（旧版）"),
    ),
    r(
        &[0xD2, 0x76, 0x00, 0x00, 0x25, 0x47, 0x41, 0x01, 0x00],
        "girocard",
        p("ATM", "ATM"),
    ),
    r(
        &[0xA0, 0x00, 0x00, 0x00, 0x42, 0x10, 0x10],
        "Cartes Bancaires",
        p("CB", "CB"),
    ),
    r(
        &[0xA0, 0x00, 0x00, 0x01, 0x41, 0x00, 0x01],
        "PagoBANCOMAT",
        None,
    ),
    r(
        &[0xA0, 0x00, 0x00, 0x03, 0x59, 0x10, 0x10, 0x03, 0x80],
        "PagoBANCOMAT",
        p("EAPS", "EAPS"),
    ),
    r(&[0xA0, 0x00, 0x00, 0x01, 0x21, 0x10, 0x10], "Dankort", None),
    r(
        &[0xD5, 0x78, 0x00, 0x00, 0x02, 0x10, 0x10],
        "BankAxept",
        None,
    ),
    r(
        &[0xA0, 0x00, 0x00, 0x02, 0x28, 0x10, 0x10],
        "SPAN",
        p("M/Chip-based", "基于 M/Chip"),
    ),
    r(
        &[0xA0, 0x00, 0x00, 0x02, 0x28, 0x20, 0x10],
        "SPAN",
        p("VIS-based", "基于 VIS"),
    ),
    r(
        &[0xA0, 0x00, 0x00, 0x06, 0x72, 0x30, 0x10],
        "TROY",
        p("Credit", "信用卡"),
    ),
    r(
        &[0xA0, 0x00, 0x00, 0x06, 0x72, 0x30, 0x20],
        "TROY",
        p("Debit", "借记卡"),
    ),
    r(&[0xA0, 0x00, 0x00, 0x03, 0x71, 0x00, 0x01], "Verve", None),
    r(
        &[0xA0, 0x00, 0x00, 0x06, 0x20, 0x06, 0x20],
        "Debit Network Alliance",
        p("US Debit", "美国借记"),
    ),
];

/// Longer AIDs seen on cards that a registered AID already selects by partial matching; used
/// only to name them.
pub const VARIANTS: &[RegisteredAid] = &[
    r(
        &[0xA0, 0x00, 0x00, 0x00, 0x03, 0x10, 0x10, 0x01],
        "Visa",
        p("Credit", "信用卡"),
    ),
    r(
        &[0xA0, 0x00, 0x00, 0x00, 0x03, 0x10, 0x10, 0x02],
        "Visa",
        p("Debit", "借记卡"),
    ),
    r(
        &[0xA0, 0x00, 0x00, 0x00, 0x25, 0x01, 0x04, 0x02],
        "American Express",
        p("AEIPS", "AEIPS"),
    ),
    r(
        &[0xA0, 0x00, 0x00, 0x00, 0x25, 0x01, 0x07, 0x01],
        "American Express",
        p("ExpressPay", "ExpressPay 非接"),
    ),
    r(
        &[0xA0, 0x00, 0x00, 0x00, 0x25, 0x01, 0x08, 0x01],
        "American Express",
        p("AEIPS", "AEIPS"),
    ),
];

/// Owners of registered application provider identifiers (RIDs).
pub const RIDS: &[([u8; 5], &str)] = &[
    ([0xA0, 0x00, 0x00, 0x00, 0x03], "Visa"),
    ([0xA0, 0x00, 0x00, 0x00, 0x04], "Mastercard"),
    ([0xA0, 0x00, 0x00, 0x00, 0x05], "Maestro UK"),
    ([0xA0, 0x00, 0x00, 0x00, 0x25], "American Express"),
    ([0xA0, 0x00, 0x00, 0x00, 0x42], "Cartes Bancaires"),
    ([0xA0, 0x00, 0x00, 0x00, 0x65], "JCB"),
    ([0xA0, 0x00, 0x00, 0x00, 0x98], "Visa"),
    ([0xA0, 0x00, 0x00, 0x01, 0x21], "Dankort"),
    ([0xA0, 0x00, 0x00, 0x01, 0x41], "PagoBANCOMAT"),
    ([0xA0, 0x00, 0x00, 0x01, 0x52], "Discover/Diners Club/Pulse"),
    ([0xA0, 0x00, 0x00, 0x02, 0x28], "SPAN"),
    ([0xA0, 0x00, 0x00, 0x02, 0x77], "Interac"),
    ([0xA0, 0x00, 0x00, 0x03, 0x24], "Discover"),
    ([0xA0, 0x00, 0x00, 0x03, 0x33], "UnionPay"),
    (
        [0xA0, 0x00, 0x00, 0x03, 0x59],
        "EAPS (girocard, PagoBANCOMAT)",
    ),
    ([0xA0, 0x00, 0x00, 0x03, 0x71], "Verve"),
    ([0xA0, 0x00, 0x00, 0x03, 0x84], "eftpos"),
    ([0xA0, 0x00, 0x00, 0x05, 0x24], "RuPay"),
    ([0xA0, 0x00, 0x00, 0x06, 0x20], "Debit Network Alliance"),
    ([0xA0, 0x00, 0x00, 0x06, 0x58], "Mir"),
    ([0xA0, 0x00, 0x00, 0x06, 0x72], "TROY"),
    (
        [0xD2, 0x76, 0x00, 0x00, 0x25],
        "girocard (Deutsche Kreditwirtschaft)",
    ),
    ([0xD5, 0x78, 0x00, 0x00, 0x02], "BankAxept"),
];

/// The owner of the RID (first 5 bytes) of `aid`.
pub fn rid_name(aid: &[u8]) -> Option<&'static str> {
    let rid = aid.get(..5)?;
    RIDS.iter()
        .find(|(r, _)| r.as_slice() == rid)
        .map(|(_, name)| *name)
}

/// The registered AID that is the longest prefix of `aid`.
fn longest_registered(aid: &[u8]) -> Option<&'static RegisteredAid> {
    REGISTERED
        .iter()
        .chain(VARIANTS)
        .filter(|reg| aid.starts_with(reg.aid))
        .max_by_key(|reg| reg.aid.len())
}

/// What `aid` is: the longest registered prefix, else the RID's owner (`rid_only`), else
/// `None`.
pub fn lookup(aid: &[u8]) -> Option<AidInfo> {
    if let Some(reg) = longest_registered(aid) {
        return Some(AidInfo {
            scheme: reg.scheme,
            product: reg.product,
            rid_only: false,
        });
    }
    rid_name(aid).map(|scheme| AidInfo {
        scheme,
        product: None,
        rid_only: true,
    })
}

const UNKNOWN_SCHEME: Text = Text::new("Unknown scheme", "未知卡组织");

/// The JSON of `emv-doctor decode aid`: `{"aid":H,"scheme":T,"product":T|null}`.
pub fn aid_json(aid: &[u8], lang: Lang) -> serde_json::Value {
    let info = lookup(aid);
    serde_json::json!({
        "aid": hex::encode_upper(aid),
        "scheme": info.map_or(UNKNOWN_SCHEME.get(lang), |i| i.scheme),
        "product": info.and_then(|i| i.product).map(|t| t.get(lang)),
    })
}

/// A readable, aligned description of `aid` (the text output of `emv-doctor decode aid`).
pub fn explain_aid(aid: &[u8], lang: Lang) -> String {
    let label = |en, zh| Text::new(en, zh).get(lang);
    let info = lookup(aid);
    let (rid, pix) = aid.split_at(aid.len().min(5));
    let matched = match (longest_registered(aid), info) {
        (Some(reg), _) => format!(
            "{} {}",
            label("registered AID", "已登记 AID"),
            hex::encode_upper(reg.aid)
        ),
        (None, Some(_)) => {
            label("RID only (PIX not registered)", "仅识别 RID（PIX 未登记）").to_owned()
        }
        (None, None) => label("not registered", "未登记").to_owned(),
    };
    let rows = [
        (label("AID", "AID"), hex::encode_upper(aid)),
        (label("RID", "RID"), hex::encode_upper(rid)),
        (label("PIX", "PIX"), hex::encode_upper(pix)),
        (
            label("Scheme", "卡组织"),
            info.map_or(UNKNOWN_SCHEME.get(lang), |i| i.scheme)
                .to_owned(),
        ),
        (
            label("Product", "产品"),
            info.and_then(|i| i.product)
                .map_or("-", |t| t.get(lang))
                .to_owned(),
        ),
        (label("Match", "匹配"), matched),
    ];
    let width = rows
        .iter()
        .map(|(l, _)| crate::emv::tags::display_width(l))
        .max()
        .unwrap_or(0);
    let mut out = String::new();
    for (l, v) in rows {
        let pad = " ".repeat(width - crate::emv::tags::display_width(l));
        let _ = writeln!(out, "{l}{pad}  {v}");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(s: &str) -> Vec<u8> {
        hex::decode(s).unwrap()
    }

    #[test]
    fn exact_registered_aids() {
        let cases = [
            ("A0000000031010", "Visa", Some("Credit/Debit")),
            ("A0000000032010", "Visa", Some("Electron")),
            ("A0000000032020", "Visa", Some("V PAY")),
            ("A0000000038010", "Visa", Some("Plus (ATM)")),
            ("A0000000041010", "Mastercard", Some("Credit/Debit")),
            ("A0000000043060", "Mastercard", Some("Maestro")),
            ("A0000000046000", "Mastercard", Some("Cirrus (ATM only)")),
            ("A000000333010101", "UnionPay", Some("Debit")),
            ("A000000333010102", "UnionPay", Some("Credit")),
            ("A000000333010103", "UnionPay", Some("Quasi-credit")),
            ("A000000333010106", "UnionPay", Some("Electronic Cash")),
            ("A00000002501", "American Express", Some("AEIPS")),
            ("A0000000651010", "JCB", Some("J Smart")),
            (
                "A0000001523010",
                "Discover/Diners Club/Pulse",
                Some("D-PAS"),
            ),
            ("A0000002771010", "Interac", Some("Debit")),
            ("A0000005241010", "RuPay", None),
            ("A0000006582010", "Mir", Some("Debit")),
            ("A00000038410", "eftpos", Some("Savings")),
            ("A0000003591010028001", "girocard", Some("EAPS")),
        ];
        for (aid, scheme, product) in cases {
            let info = lookup(&h(aid)).unwrap();
            assert_eq!(info.scheme, scheme, "{aid}");
            assert_eq!(info.product.map(|t| t.en), product, "{aid}");
            assert!(!info.rid_only, "{aid}");
        }
    }

    #[test]
    fn longest_prefix_wins() {
        // A longer card AID under a registered one.
        let visa_debit = lookup(&h("A000000003101002")).unwrap();
        assert_eq!(visa_debit.product.unwrap().en, "Debit");
        let visa_other = lookup(&h("A00000000310109999")).unwrap();
        assert_eq!(visa_other.product.unwrap().en, "Credit/Debit");
        let expresspay = lookup(&h("A000000025010701")).unwrap();
        assert_eq!(expresspay.product.unwrap().en, "ExpressPay");
        let amex_other = lookup(&h("A0000000250109")).unwrap();
        assert_eq!(amex_other.product.unwrap().en, "AEIPS");
        // UnionPay electronic cash, not plain debit, although both share A0000003330101.
        assert_eq!(
            lookup(&h("A00000033301010601"))
                .unwrap()
                .product
                .unwrap()
                .zh,
            "电子现金"
        );
    }

    #[test]
    fn unknown_pix_is_named_by_rid() {
        let info = lookup(&h("A0000000049999")).unwrap();
        assert_eq!(
            (info.scheme, info.product, info.rid_only),
            ("Mastercard", None, true)
        );
        let partial_jcb = lookup(&h("A00000006510")).unwrap();
        assert_eq!((partial_jcb.scheme, partial_jcb.rid_only), ("JCB", true));
        assert_eq!(lookup(&h("A0000009991010")), None);
        assert_eq!(lookup(&h("A000")), None);
        assert_eq!(lookup(&[]), None);
    }

    #[test]
    fn registered_list_is_well_formed() {
        let mut all: Vec<&[u8]> = REGISTERED.iter().chain(VARIANTS).map(|r| r.aid).collect();
        for aid in &all {
            assert!((5..=16).contains(&aid.len()), "{}", hex::encode_upper(aid));
            assert!(
                rid_name(aid).is_some(),
                "RID of {} unnamed",
                hex::encode_upper(aid)
            );
        }
        all.sort();
        let n = all.len();
        all.dedup();
        assert_eq!(all.len(), n, "duplicate AID");
        // Every variant is reached by partial selection of a registered AID.
        for v in VARIANTS {
            assert!(
                REGISTERED.iter().any(|r| v.aid.starts_with(r.aid)),
                "{}",
                hex::encode_upper(v.aid)
            );
        }
    }

    #[test]
    fn json_and_text() {
        assert_eq!(
            aid_json(&h("A000000333010102"), Lang::ZhCn),
            serde_json::json!({"aid":"A000000333010102","scheme":"UnionPay","product":"贷记卡"})
        );
        assert_eq!(
            aid_json(&h("A0000000049999"), Lang::En),
            serde_json::json!({"aid":"A0000000049999","scheme":"Mastercard","product":null})
        );
        assert_eq!(
            aid_json(&h("A0000009991010"), Lang::En)["scheme"],
            "Unknown scheme"
        );
        let text = explain_aid(&h("A0000000031010"), Lang::En);
        assert!(text.contains("RID      A000000003"), "{text}");
        assert!(text.contains("PIX      1010"), "{text}");
        assert!(explain_aid(&h("A0000000049999"), Lang::ZhCn).contains("仅识别 RID"));
    }
}
