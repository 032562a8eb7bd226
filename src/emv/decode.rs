//! The decode dispatcher behind `emv-doctor decode` and the GUI's tools panel: one [`Kind`] per
//! decodable data object, each turned into the JSON contract shape and an aligned, readable
//! explanation in the chosen language.
//!
//! Everything here is pure except [`smartcard_list_names`], which reads pcsc-tools'
//! `smartcard_list.txt` (GPL: read at run time, never copied) to name an ATR; [`decode`] calls it
//! for the `atr` kind, [`decode_with_list`] takes the list text instead.

use crate::emv::arc::ArcError;
use crate::emv::arc::ResponseCode;
use crate::emv::atr::{Atr, AtrError, Historical};
use crate::emv::bits::{self, Layout, LengthError};
use crate::emv::cid::Cid;
use crate::emv::cvm::{self, CvmError, CvmList, CvmResults};
use crate::emv::service_code::{ServiceCode, ServiceCodeError};
use crate::emv::sw::StatusWord;
use crate::emv::tags::UnknownTag;
use crate::emv::tlv::{self, Tag, TlvError};
use crate::i18n::{Lang, Text};
use serde_json::{Value, json};
use std::fmt;
use std::str::FromStr;

/// What kind of data a hex string holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// BER-TLV data objects (EMV Book 3 Annex B).
    Tlv,
    /// Answer To Reset (ISO/IEC 7816-3).
    Atr,
    /// Status word SW1 SW2 (ISO/IEC 7816-4).
    Sw,
    /// Terminal Verification Results `95`.
    Tvr,
    /// Transaction Status Information `9B`.
    Tsi,
    /// Application Interchange Profile `82`.
    Aip,
    /// Application Usage Control `9F07`.
    Auc,
    /// Terminal Capabilities `9F33`.
    TermCaps,
    /// Additional Terminal Capabilities `9F40`.
    AddTermCaps,
    /// Issuer/Terminal Action Code (`9F0D/9F0E/9F0F`, TAC), TVR layout.
    Iac,
    /// Cryptogram Information Data `9F27`.
    Cid,
    /// CVM List `8E`.
    CvmList,
    /// CVM Results `9F34`.
    CvmResults,
    /// Service code `5F30`.
    ServiceCode,
    /// Authorisation Response Code `8A`.
    Arc,
    /// A tag number, looked up in the dictionary.
    Tag,
    /// An application identifier.
    Aid,
}

impl Kind {
    /// Every kind, in the order of the command's help.
    pub const ALL: [Kind; 17] = [
        Kind::Tlv,
        Kind::Atr,
        Kind::Sw,
        Kind::Tvr,
        Kind::Tsi,
        Kind::Aip,
        Kind::Auc,
        Kind::TermCaps,
        Kind::AddTermCaps,
        Kind::Iac,
        Kind::Cid,
        Kind::CvmList,
        Kind::CvmResults,
        Kind::ServiceCode,
        Kind::Arc,
        Kind::Tag,
        Kind::Aid,
    ];

    /// The command-line name, e.g. `term-caps`.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Tlv => "tlv",
            Kind::Atr => "atr",
            Kind::Sw => "sw",
            Kind::Tvr => "tvr",
            Kind::Tsi => "tsi",
            Kind::Aip => "aip",
            Kind::Auc => "auc",
            Kind::TermCaps => "term-caps",
            Kind::AddTermCaps => "add-term-caps",
            Kind::Iac => "iac",
            Kind::Cid => "cid",
            Kind::CvmList => "cvm-list",
            Kind::CvmResults => "cvm-results",
            Kind::ServiceCode => "service-code",
            Kind::Arc => "arc",
            Kind::Tag => "tag",
            Kind::Aid => "aid",
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A kind name that is not one of [`Kind::ALL`].
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown kind {0:?}: use one of tlv atr sw tvr tsi aip auc term-caps add-term-caps iac cid cvm-list cvm-results service-code arc tag aid"
)]
pub struct UnknownKind(pub String);

impl FromStr for Kind {
    type Err = UnknownKind;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Kind::ALL
            .into_iter()
            .find(|k| k.as_str().eq_ignore_ascii_case(s))
            .ok_or_else(|| UnknownKind(s.to_owned()))
    }
}

/// A decoded value: the JSON contract shape and an aligned explanation.
#[derive(Clone, Debug, PartialEq)]
pub struct Decoded {
    /// One JSON object, as `emv-doctor decode --json` prints it.
    pub json: Value,
    /// The readable explanation, lines separated by `\n`.
    pub text: String,
}

/// Why bytes could not be decoded as the requested kind. The message says what and where.
#[derive(Debug, thiserror::Error)]
pub enum DecodeError {
    /// A fixed-size value of the wrong length.
    #[error("{what} must be {expected} byte(s), got {got}")]
    Length {
        /// What was being decoded.
        what: &'static str,
        /// Required length.
        expected: usize,
        /// Length given.
        got: usize,
    },
    /// A bit field of the wrong length.
    #[error(transparent)]
    Bits(#[from] LengthError),
    /// A malformed ATR.
    #[error(transparent)]
    Atr(#[from] AtrError),
    /// A malformed CVM List or CVM Results.
    #[error(transparent)]
    Cvm(#[from] CvmError),
    /// A malformed service code.
    #[error(transparent)]
    ServiceCode(#[from] ServiceCodeError),
    /// A malformed response code.
    #[error(transparent)]
    Arc(#[from] ArcError),
    /// Malformed BER-TLV, or a malformed tag number.
    #[error(transparent)]
    Tlv(#[from] TlvError),
    /// A tag that is neither in the dictionary nor in a proprietary range.
    #[error(transparent)]
    UnknownTag(#[from] UnknownTag),
    /// An AID outside 5–16 bytes (ISO/IEC 7816-4 §12.2.3).
    #[error("AID must be 5 to 16 bytes (RID + PIX), got {0}")]
    AidLength(usize),
}

/// The path of pcsc-tools' ATR list on Debian/Ubuntu.
pub const SMARTCARD_LIST_PATH: &str = "/usr/share/pcsc/smartcard_list.txt";

/// Names for an ATR from pcsc-tools' list, read at run time; empty when the file is absent
/// or unreadable. The list is GPL and is never copied into this program.
pub fn smartcard_list_names(atr: &[u8]) -> Vec<String> {
    std::fs::read_to_string(SMARTCARD_LIST_PATH)
        .map(|text| crate::emv::atr::names_from_list(atr, &text))
        .unwrap_or_default()
}

/// Decodes `bytes` as `kind`; an ATR is named from [`SMARTCARD_LIST_PATH`] when present.
pub fn decode(kind: Kind, bytes: &[u8], lang: Lang) -> Result<Decoded, DecodeError> {
    if kind == Kind::Atr {
        let list = std::fs::read_to_string(SMARTCARD_LIST_PATH).ok();
        return decode_with_list(kind, bytes, lang, list.as_deref());
    }
    decode_with_list(kind, bytes, lang, None)
}

/// Decodes `bytes` as `kind`, naming an ATR from `smartcard_list` (the text of pcsc-tools'
/// `smartcard_list.txt`) when given. Pure.
pub fn decode_with_list(
    kind: Kind,
    bytes: &[u8],
    lang: Lang,
    smartcard_list: Option<&str>,
) -> Result<Decoded, DecodeError> {
    match kind {
        Kind::Tvr => decode_bits(kind, &bits::TVR, bytes, lang),
        Kind::Tsi => decode_bits(kind, &bits::TSI, bytes, lang),
        Kind::Aip => decode_bits(kind, &bits::AIP, bytes, lang),
        Kind::Auc => decode_bits(kind, &bits::AUC, bytes, lang),
        Kind::TermCaps => decode_bits(kind, &bits::TERMINAL_CAPABILITIES, bytes, lang),
        Kind::AddTermCaps => {
            decode_bits(kind, &bits::ADDITIONAL_TERMINAL_CAPABILITIES, bytes, lang)
        }
        Kind::Iac => decode_bits(kind, &bits::IAC, bytes, lang),
        Kind::Atr => decode_atr(bytes, lang, smartcard_list),
        Kind::Sw => decode_sw(bytes, lang),
        Kind::Cid => decode_cid(bytes, lang),
        Kind::CvmList => decode_cvm_list(bytes, lang),
        Kind::CvmResults => decode_cvm_results(bytes, lang),
        Kind::ServiceCode => decode_service_code(bytes, lang),
        Kind::Arc => decode_arc(bytes, lang),
        Kind::Tlv => decode_tlv(bytes, lang),
        Kind::Tag => decode_tag(bytes, lang),
        Kind::Aid => decode_aid(bytes, lang),
    }
}

fn hex_upper(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02X}")).collect()
}

fn hex_spaced(b: &[u8]) -> String {
    b.iter()
        .map(|x| format!("{x:02X}"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Display width: CJK and full-width characters take two columns.
fn width(s: &str) -> usize {
    s.chars()
        .map(|c| if matches!(u32::from(c), 0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6) { 2 } else { 1 })
        .sum()
}

fn pad(s: &str, w: usize) -> String {
    format!("{s}{}", " ".repeat(w.saturating_sub(width(s))))
}

/// A heading line and aligned `label  value` rows.
fn table(heading: String, rows: &[(String, String)]) -> String {
    let w = rows.iter().map(|(k, _)| width(k)).max().unwrap_or(0);
    let mut out = heading;
    for (k, v) in rows {
        out.push_str("\n  ");
        out.push_str(&pad(k, w));
        out.push_str("  ");
        out.push_str(v);
    }
    out
}

fn t(en: &'static str, zh: &'static str, lang: Lang) -> String {
    Text::new(en, zh).get(lang).to_owned()
}

fn decode_bits(
    kind: Kind,
    layout: &Layout,
    bytes: &[u8],
    lang: Lang,
) -> Result<Decoded, DecodeError> {
    let set = layout.decode(bytes)?;
    let json = json!({
        "kind": kind.as_str(),
        "hex": hex_upper(bytes),
        "bits": set.iter().map(|b| json!({
            "byte": b.byte, "bit": b.bit, "code": b.code(), "text": b.text(lang),
        })).collect::<Vec<_>>(),
    });
    let heading = format!("{} ({}) {}", layout.name, layout.tag, hex_spaced(bytes));
    let text = if set.is_empty() {
        format!("{heading}\n  {}", t("no bits set", "没有位被置位", lang))
    } else {
        let code_w = set.iter().map(|b| b.code().len()).max().unwrap_or(0);
        let rows: Vec<(String, String)> = set
            .iter()
            .map(|b| {
                let pos = match lang {
                    Lang::En => format!("byte {} b{}", b.byte, b.bit),
                    Lang::ZhCn => format!("字节 {} b{}", b.byte, b.bit),
                };
                (pos, format!("{}  {}", pad(b.code(), code_w), b.text(lang)))
            })
            .collect();
        table(heading, &rows)
    };
    Ok(Decoded { json, text })
}

fn decode_sw(bytes: &[u8], lang: Lang) -> Result<Decoded, DecodeError> {
    let &[sw1, sw2] = bytes else {
        return Err(DecodeError::Length {
            what: "status word (SW1 SW2)",
            expected: 2,
            got: bytes.len(),
        });
    };
    let sw = StatusWord::new(sw1, sw2);
    let mut json = json!({
        "sw": sw.to_string(),
        "class": sw.class().as_str(),
        "text": sw.text(lang),
        "for_shop": sw.meaning_for_shop(lang),
    });
    if let Some(n) = sw.tries_left() {
        json["tries_left"] = json!(n);
    }
    if let Some(n) = sw.bytes_available() {
        json["bytes_available"] = json!(n);
    }
    if let Some(n) = sw.correct_le() {
        json["correct_le"] = json!(n);
    }
    let rows = [
        (t("class", "类别", lang), sw.class().label(lang).to_owned()),
        (t("meaning", "含义", lang), sw.text(lang)),
        (
            t("for the shop", "对商户意味着", lang),
            sw.meaning_for_shop(lang).to_owned(),
        ),
    ];
    Ok(Decoded {
        json,
        text: table(format!("SW {sw}"), &rows),
    })
}

fn decode_cid(bytes: &[u8], lang: Lang) -> Result<Decoded, DecodeError> {
    let &[b] = bytes else {
        return Err(DecodeError::Length {
            what: "CID (tag 9F27)",
            expected: 1,
            got: bytes.len(),
        });
    };
    let c = Cid::decode(b);
    let json = json!({
        "type": c.cryptogram.as_str(),
        "advice_required": c.advice_required,
        "reason": c.reason.code(),
    });
    let yes_no = |v: bool| {
        if v {
            t("yes", "是", lang)
        } else {
            t("no", "否", lang)
        }
    };
    let rows = [
        (
            t("cryptogram", "密文类型", lang),
            c.cryptogram.text(lang).to_owned(),
        ),
        (
            t("scheme bits b6–b5", "支付系统位 b6–b5", lang),
            format!("{:02b}", c.scheme_bits),
        ),
        (
            t("advice required", "需要通知", lang),
            yes_no(c.advice_required),
        ),
        (t("reason", "原因", lang), c.reason.text(lang).to_owned()),
    ];
    Ok(Decoded {
        json,
        text: table(format!("CID (9F27) {b:02X}"), &rows),
    })
}

fn decode_cvm_list(bytes: &[u8], lang: Lang) -> Result<Decoded, DecodeError> {
    let l = CvmList::decode(bytes)?;
    let json = json!({
        "amount_x": l.amount_x,
        "amount_y": l.amount_y,
        "rules": l.rules.iter().map(|r| json!({
            "method_code": r.method,
            "method": cvm::method_text(r.method).get(lang),
            "apply_next_if_unsuccessful": r.apply_next_if_unsuccessful,
            "condition_code": r.condition,
            "condition": cvm::condition_text(r.condition).get(lang),
        })).collect::<Vec<_>>(),
    });
    let mut rows = vec![
        (t("amount X", "金额 X", lang), l.amount_x.to_string()),
        (t("amount Y", "金额 Y", lang), l.amount_y.to_string()),
    ];
    for (i, r) in l.rules.iter().enumerate() {
        let next = if r.apply_next_if_unsuccessful {
            t(
                "if unsuccessful: apply next rule",
                "失败则：应用下一条规则",
                lang,
            )
        } else {
            t(
                "if unsuccessful: cardholder verification fails",
                "失败则：持卡人验证失败",
                lang,
            )
        };
        let label = match lang {
            Lang::En => format!("rule {}", i + 1),
            Lang::ZhCn => format!("规则 {}", i + 1),
        };
        rows.push((
            label,
            format!(
                "{:02X} {:02X}  {}; {}; {}",
                r.method
                    | if r.apply_next_if_unsuccessful {
                        0x40
                    } else {
                        0
                    },
                r.condition,
                cvm::method_text(r.method).get(lang),
                cvm::condition_text(r.condition).get(lang),
                next
            ),
        ));
    }
    Ok(Decoded {
        json,
        text: table(t("CVM list (8E)", "持卡人验证方法列表（8E）", lang), &rows),
    })
}

fn decode_cvm_results(bytes: &[u8], lang: Lang) -> Result<Decoded, DecodeError> {
    let r = CvmResults::decode(bytes)?;
    let json = json!({
        "method_code": r.rule.method,
        "method": cvm::method_text(r.rule.method).get(lang),
        "condition_code": r.rule.condition,
        "condition": cvm::condition_text(r.rule.condition).get(lang),
        "result": r.outcome.as_str(),
    });
    let rows = [
        (
            t("method", "方法", lang),
            format!(
                "{:02X}  {}",
                r.rule.method,
                cvm::method_text(r.rule.method).get(lang)
            ),
        ),
        (
            t("condition", "条件", lang),
            format!(
                "{:02X}  {}",
                r.rule.condition,
                cvm::condition_text(r.rule.condition).get(lang)
            ),
        ),
        (
            t("result", "结果", lang),
            format!("{:02X}  {}", r.raw_result, r.outcome.text(lang)),
        ),
    ];
    Ok(Decoded {
        json,
        text: table(
            format!(
                "{} {}",
                t("CVM results (9F34)", "持卡人验证结果（9F34）", lang),
                hex_spaced(bytes)
            ),
            &rows,
        ),
    })
}

fn decode_service_code(bytes: &[u8], lang: Lang) -> Result<Decoded, DecodeError> {
    let s = ServiceCode::decode(bytes)?;
    let json = json!({
        "digits": s.digits_str(),
        "interchange": s.interchange(lang),
        "chip": s.chip(),
        "authorization": s.authorization(lang),
        "pin_and_services": s.pin_and_services(lang),
    });
    let chip = if s.chip() {
        t(
            "yes: a chip terminal must ask for the chip",
            "是：芯片终端必须要求插卡",
            lang,
        )
    } else {
        t("no", "否", lang)
    };
    let rows = [
        (
            t("1 interchange", "1 通用范围", lang),
            s.interchange(lang).to_owned(),
        ),
        (t("chip card", "芯片卡", lang), chip),
        (
            t("2 authorisation", "2 授权", lang),
            s.authorization(lang).to_owned(),
        ),
        (
            t("3 services, PIN", "3 服务与 PIN", lang),
            s.pin_and_services(lang).to_owned(),
        ),
    ];
    Ok(Decoded {
        json,
        text: table(
            format!(
                "{} {}",
                t("Service code (5F30)", "服务代码（5F30）", lang),
                s.digits_str()
            ),
            &rows,
        ),
    })
}

fn decode_arc(bytes: &[u8], lang: Lang) -> Result<Decoded, DecodeError> {
    let rc = ResponseCode::decode(bytes)?;
    let meanings = rc.meanings();
    let json = json!({
        "hex": hex_upper(bytes),
        "code": rc.code,
        "approved": rc.approved(),
        "text": rc.text(lang),
        "tables": meanings.iter().map(|m| json!({
            "table": m.table.as_str(),
            "approved": m.def.approved,
            "text": m.def.meaning.get(lang),
            "action": Some(m.def.action.get(lang)).filter(|a| !a.is_empty()),
        })).collect::<Vec<_>>(),
    });
    let mut rows = vec![(
        t("approved", "批准", lang),
        if rc.approved() {
            t("yes", "是", lang)
        } else {
            t("no", "否", lang)
        },
    )];
    if meanings.is_empty() {
        rows.push((t("meaning", "含义", lang), rc.text(lang)));
    }
    for m in &meanings {
        let action = m.def.action.get(lang);
        let line = if action.is_empty() {
            m.def.meaning.get(lang).to_owned()
        } else {
            format!("{}  → {action}", m.def.meaning.get(lang))
        };
        rows.push((m.table.label(lang).to_owned(), line));
    }
    Ok(Decoded {
        json,
        text: table(
            format!(
                "{} {}",
                t("Response code (8A)", "授权响应码（8A）", lang),
                rc.code
            ),
            &rows,
        ),
    })
}

fn decode_atr(bytes: &[u8], lang: Lang, list: Option<&str>) -> Result<Decoded, DecodeError> {
    let a = Atr::parse(bytes)?;
    let names = list
        .map(|l| crate::emv::atr::names_from_list(bytes, l))
        .unwrap_or_default();
    let historical = a.historical_decoded();
    let json = json!({
        "ts": a.convention.as_str(),
        "protocols": a.protocols,
        "fi": a.fi(),
        "di": a.di(),
        "fmax_mhz": a.fmax_mhz(),
        "extra_guard_time": a.extra_guard_time(),
        "ifsc": a.ifsc(),
        "interface_bytes": a.interface.iter().map(|i| json!({
            "name": i.name(), "hex": format!("{:02X}", i.value), "text": a.explain(i, lang),
        })).collect::<Vec<_>>(),
        "historical": hex_upper(&a.historical),
        "historical_objects": historical_json(historical.as_ref(), lang),
        "tck": a.tck.as_str(),
        "tck_required": a.tck_required,
        "names": names,
    });
    let none = || t("RFU", "保留", lang);
    let mut rows = vec![
        (
            "TS".to_owned(),
            match a.convention {
                crate::emv::atr::Convention::Direct => {
                    t("3B direct convention", "3B 正向约定", lang)
                }
                crate::emv::atr::Convention::Inverse => {
                    t("3F inverse convention", "3F 反向约定", lang)
                }
            },
        ),
        (
            "T0".to_owned(),
            format!("{:02X}  K = {}", a.t0, a.historical.len()),
        ),
    ];
    for i in &a.interface {
        rows.push((i.name(), format!("{:02X}  {}", i.value, a.explain(i, lang))));
    }
    let protocols = a
        .protocols
        .iter()
        .map(|p| format!("T={p}"))
        .collect::<Vec<_>>()
        .join(", ");
    rows.push((t("protocols", "协议", lang), protocols));
    rows.push((
        "Fi / Di / fmax".to_owned(),
        format!(
            "{} / {} / {}",
            a.fi().map_or_else(none, |v| v.to_string()),
            a.di().map_or_else(none, |v| v.to_string()),
            a.fmax_mhz().map_or_else(none, |v| format!("{v} MHz")),
        ),
    ));
    rows.push((t("historical", "历史字节", lang), hex_spaced(&a.historical)));
    if let Some(Historical::Compact {
        objects, status, ..
    }) = &historical
    {
        for o in objects {
            rows.push((
                format!("  {:X}", o.tag),
                format!("{}  {}", hex_spaced(&o.value), o.name(lang)),
            ));
        }
        if let Some(s) = status {
            rows.push((t("  status", "  状态", lang), hex_spaced(s)));
        }
    }
    let tck = match a.tck {
        crate::emv::atr::Tck::Ok => t("ok", "正确", lang),
        crate::emv::atr::Tck::Bad { found, expected } => match lang {
            Lang::En => format!("BAD: {found:02X}, expected {expected:02X}"),
            Lang::ZhCn => format!("错误：{found:02X}，应为 {expected:02X}"),
        },
        crate::emv::atr::Tck::Absent if a.tck_required => t(
            "MISSING, though required (a protocol other than T=0 is offered)",
            "缺失，但应存在（提供了 T=0 以外的协议）",
            lang,
        ),
        crate::emv::atr::Tck::Absent => t("absent (only T=0)", "无（仅 T=0）", lang),
    };
    rows.push(("TCK".to_owned(), tck));
    for n in &names {
        rows.push((t("card", "卡片", lang), n.clone()));
    }
    Ok(Decoded {
        json,
        text: table(format!("ATR {}", hex_spaced(bytes)), &rows),
    })
}

fn historical_json(h: Option<&Historical>, lang: Lang) -> Value {
    match h {
        None => Value::Null,
        Some(Historical::DirReference(d)) => {
            json!({"category": "10", "dir_data_reference": hex_upper(d)})
        }
        Some(Historical::Compact {
            category,
            objects,
            status,
            malformed_at,
        }) => json!({
            "category": format!("{category:02X}"),
            "objects": objects.iter().map(|o| json!({
                "tag": format!("{:X}", o.tag), "name": o.name(lang), "hex": hex_upper(&o.value),
            })).collect::<Vec<_>>(),
            "status": status.as_deref().map(hex_upper),
            "malformed_at": malformed_at,
        }),
    }
}

fn decode_tlv(bytes: &[u8], lang: Lang) -> Result<Decoded, DecodeError> {
    let objects = tlv::parse(bytes)?;
    Ok(Decoded {
        json: tlv::to_json(&objects, lang),
        text: tlv::explain(&objects, lang),
    })
}

fn decode_tag(bytes: &[u8], lang: Lang) -> Result<Decoded, DecodeError> {
    let tag = Tag::from_bytes(bytes)?;
    Ok(Decoded {
        json: crate::emv::tags::tag_json(tag, lang)?,
        text: crate::emv::tags::explain_tag(tag, lang),
    })
}

fn decode_aid(bytes: &[u8], lang: Lang) -> Result<Decoded, DecodeError> {
    if !(5..=16).contains(&bytes.len()) {
        return Err(DecodeError::AidLength(bytes.len()));
    }
    Ok(Decoded {
        json: crate::emv::aid::aid_json(bytes, lang),
        text: crate::emv::aid::explain_aid(bytes, lang),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emv::hex::parse_hex;
    use proptest::prelude::*;

    fn run(kind: Kind, hex: &str) -> Decoded {
        decode_with_list(kind, &parse_hex(hex).unwrap(), Lang::En, None).unwrap()
    }

    #[test]
    fn kinds_round_trip() {
        for k in Kind::ALL {
            assert_eq!(k.to_string().parse::<Kind>().unwrap(), k);
        }
        assert_eq!("nope".parse::<Kind>(), Err(UnknownKind("nope".into())));
    }

    #[test]
    fn bits_shape() {
        let d = run(Kind::Tvr, "00 00 00 80 00");
        assert_eq!(
            d.json,
            json!({"kind":"tvr","hex":"0000008000","bits":[{"byte":4,"bit":8,"code":"floor_limit_exceeded","text":"Transaction exceeds floor limit"}]})
        );
        assert!(d.text.contains("byte 4 b8"));
        let d = run(Kind::Tsi, "00 01");
        assert_eq!(d.json["bits"][0]["code"], "rfu");
        assert_eq!(run(Kind::Iac, "80 00 00 00 00").json["kind"], "iac");
    }

    #[test]
    fn sw_shape() {
        let d = run(Kind::Sw, "6A82");
        assert_eq!(d.json["sw"], "6A82");
        assert_eq!(d.json["class"], "checking_error");
        assert_eq!(run(Kind::Sw, "63C2").json["tries_left"], 2);
        assert_eq!(run(Kind::Sw, "6100").json["bytes_available"], 256);
        assert_eq!(run(Kind::Sw, "6C1D").json["correct_le"], 29);
        assert!(run(Kind::Sw, "9000").json.get("tries_left").is_none());
    }

    #[test]
    fn small_kinds_shape() {
        assert_eq!(
            run(Kind::Cid, "80").json,
            json!({"type":"ARQC","advice_required":false,"reason":null})
        );
        assert_eq!(
            run(Kind::Cid, "0A").json["reason"],
            "pin_try_limit_exceeded"
        );
        let l = run(Kind::CvmList, "000000000000000042031E031F000000");
        assert_eq!(l.json["rules"].as_array().unwrap().len(), 3);
        assert_eq!(l.json["rules"][0]["apply_next_if_unsuccessful"], true);
        assert_eq!(l.json["rules"][0]["method_code"], 2);
        assert_eq!(run(Kind::CvmResults, "1F0302").json["result"], "successful");
        let s = run(Kind::ServiceCode, "0201");
        assert_eq!(
            (s.json["digits"].as_str(), s.json["chip"].as_bool()),
            (Some("201"), Some(true))
        );
        let a = run(Kind::Arc, "3035");
        assert_eq!(a.json["code"], "05");
        assert_eq!(a.json["approved"], false);
        assert_eq!(run(Kind::Arc, "5931").json["approved"], true);
    }

    #[test]
    fn atr_shape_and_names() {
        let list = "3B 6E 00 00 80 31 80 66 B0 84 12 01 6E 01 83 00 90 00\n\tTest card\n";
        let bytes = parse_hex("3B 6E 00 00 80 31 80 66 B0 84 12 01 6E 01 83 00 90 00").unwrap();
        let d = decode_with_list(Kind::Atr, &bytes, Lang::En, Some(list)).unwrap();
        assert_eq!(d.json["ts"], "direct");
        assert_eq!(d.json["protocols"], json!([0]));
        assert_eq!(d.json["fi"], 372);
        assert_eq!(d.json["di"], 1);
        assert_eq!(d.json["fmax_mhz"], 5.0);
        assert_eq!(d.json["tck"], "absent");
        assert_eq!(d.json["interface_bytes"][0]["name"], "TB1");
        assert_eq!(d.json["historical"], "80318066B08412016E0183009000");
        assert_eq!(d.json["names"], json!(["Test card"]));
        assert!(d.text.contains("Test card"));
    }

    #[test]
    fn errors_say_what() {
        let e = |k, h: &str| {
            decode_with_list(k, &parse_hex(h).unwrap(), Lang::En, None)
                .unwrap_err()
                .to_string()
        };
        assert_eq!(e(Kind::Tvr, "0000"), "TVR (tag 95) must be 5 bytes, got 2");
        assert_eq!(
            e(Kind::Sw, "90"),
            "status word (SW1 SW2) must be 2 byte(s), got 1"
        );
        assert_eq!(e(Kind::Cid, ""), "CID (tag 9F27) must be 1 byte(s), got 0");
        assert_eq!(
            e(Kind::Aid, "A000"),
            "AID must be 5 to 16 bytes (RID + PIX), got 2"
        );
        assert!(e(Kind::Atr, "3A").contains("TS"));
    }

    #[test]
    fn chinese_text() {
        let d = decode_with_list(Kind::Tvr, &[0x80, 0, 0, 0, 0], Lang::ZhCn, None).unwrap();
        assert!(d.text.contains("未执行脱机数据认证"));
        assert_eq!(d.json["bits"][0]["text"], "未执行脱机数据认证");
    }

    proptest! {
        #[test]
        fn no_decoder_panics(bytes in proptest::collection::vec(any::<u8>(), 0..64)) {
            for k in Kind::ALL {
                let _ = decode_with_list(k, &bytes, Lang::En, Some("3B ..\n\tX\n3B .*\n\tY\n"));
                let _ = decode_with_list(k, &bytes, Lang::ZhCn, None);
            }
        }

        #[test]
        fn atr_shaped_input_never_panics(t0 in any::<u8>(), rest in proptest::collection::vec(any::<u8>(), 0..40)) {
            let mut b = vec![0x3B, t0];
            b.extend(rest);
            let _ = decode_with_list(Kind::Atr, &b, Lang::En, None);
        }

        #[test]
        fn hex_parser_never_panics(s in "\\PC{0,40}") {
            let _ = parse_hex(&s);
        }
    }
}
