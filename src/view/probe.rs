//! A card probe as people read it: one language-resolved view per probe (reader, ATR decoded,
//! applications with their fields and decoded bit fields, what could not be read), built once
//! from the masked [`CardReport`]. The command line, the HTML, Markdown and text exports and the
//! window all render this view, so they show the same labels and values. Pure: the ATR is
//! decoded without the machine's `smartcard_list.txt`, so a view is the same on every computer.

use crate::card::probe::{ApplicationReport, CardReport};
use crate::card::transport::Protocol;
use crate::emv::bits::{self, Layout};
use crate::emv::cvm::{self, CvmList};
use crate::emv::decode::{Kind, decode_with_list};
use crate::emv::iso;
use crate::i18n::{Lang, Text};

/// One probe, ready to print.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProbeView {
    /// The reader's name.
    pub reader: String,
    /// The ATR, hex; empty when the card gave none.
    pub atr: String,
    /// The decoded ATR, one line per field (empty when there is no ATR); an undecodable ATR
    /// gives one line saying why.
    pub atr_lines: Vec<String>,
    /// `T=0` or `T=1`.
    pub protocol: Option<&'static str>,
    /// The applications, in selection order.
    pub apps: Vec<AppView>,
}

/// One application, ready to print.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AppView {
    /// The AID, hex.
    pub aid: String,
    /// The payment scheme and product, e.g. `Visa Credit/Debit`, when the AID is known.
    pub scheme: Option<String>,
    /// The application label `50` (or the preferred name).
    pub label: Option<String>,
    /// Plain fields: label and value, only those the card gave.
    pub fields: Vec<(&'static str, String)>,
    /// Decoded data objects: heading (with the hex) and one line per set bit or rule.
    pub decoded: Vec<(String, Vec<String>)>,
    /// What could not be read.
    pub unread: Vec<&'static str>,
}

/// Every label of the card views, once, in both languages.
pub mod label {
    use crate::i18n::Text;

    pub const PREFERRED_NAME: Text = Text::new("Preferred name", "应用首选名称");
    pub const PRIORITY: Text = Text::new("Priority", "优先级");
    pub const FOUND_BY: Text = Text::new("Found by", "发现方式");
    pub const PAN: Text = Text::new("Card number", "卡号");
    pub const PAN_SEQUENCE: Text = Text::new("PAN sequence", "卡序号");
    pub const EXPIRY: Text = Text::new("Expiry", "有效期至");
    pub const EFFECTIVE: Text = Text::new("Effective", "生效日期");
    pub const SERVICE_CODE: Text = Text::new("Service code", "服务代码");
    pub const COUNTRY: Text = Text::new("Issuer country", "发卡国家");
    pub const CURRENCY: Text = Text::new("Currency", "货币");
    pub const PIN_TRIES: Text = Text::new("PIN tries left", "剩余密码次数");
    pub const ATC: Text = Text::new("ATC / last online ATC", "交易计数器 / 上次联机计数");
    pub const OFFLINE_LIMITS: Text = Text::new("Offline limits (lower / upper)", "脱机次数上下限");
    pub const SELECT_SW: Text = Text::new("SELECT status", "SELECT 状态字");
    pub const GPO_SW: Text = Text::new("GPO status", "GPO 状态字");
    pub const AFL: Text = Text::new("AFL", "AFL");
    pub const EC_BALANCE: Text = Text::new("EC balance", "电子现金余额");
    /// The card's own transaction log (`9F4D` / `9F4F`).
    pub const CARD_LOG: Text = Text::new("Transaction log on the card", "卡内交易日志");
    /// The PBOC electronic-cash load log (`DF4D` / `DF4F`).
    pub const LOAD_LOG: Text = Text::new("Electronic cash loads（圈存）", "电子现金圈存记录");
    pub const CVM_LIST: Text = Text::new("CVM list", "CVM 列表");

    pub const CARD: Text = Text::new("Card", "卡片");
    pub const READER: Text = Text::new("Reader", "读卡器");
    pub const PROTOCOL: Text = Text::new("Protocol", "协议");
    pub const NO_ATR: Text = Text::new("no answer to reset", "无复位应答");
    pub const APPLICATION: Text = Text::new("Application", "应用");
    pub const NO_APPS: Text = Text::new("No payment application was read.", "未读到支付应用。");
    pub const NOT_READ: Text = Text::new("Not read", "未读取");
    pub const APDU_LOG: Text = Text::new("Exchanges with the card", "与卡片的指令交互");
    pub const EXCHANGES: Text = Text::new("exchanges", "次交互");
    pub const COMMAND: Text = Text::new("Command", "指令");
    pub const RESPONSE: Text = Text::new("Response (masked)", "响应（已遮蔽）");
    pub const PROBED: Text = Text::new("probed", "读取于");
    pub const CARD_CLOCK: Text = Text::new("computer clock", "电脑时间");
    pub const GPO_SKIPPED: Text = Text::new(
        "GET PROCESSING OPTIONS skipped on request",
        "已按要求跳过 GET PROCESSING OPTIONS",
    );
}

const NONE_SET: Text = Text::new("no bit set", "未置位任何位");
const AMOUNTS: Text = Text::new("amount X {x}, amount Y {y}", "金额 X {x}，金额 Y {y}");
const NEXT_RULE: Text = Text::new(
    "if unsuccessful, apply the next rule",
    "失败时执行下一条规则",
);
const FAIL_RULE: Text = Text::new("if unsuccessful, verification fails", "失败时验证失败");
const NOT_DECODED: Text = Text::new("cannot be decoded", "无法解析");

/// The view of `probe` in `lang`.
pub fn view(probe: &CardReport, lang: Lang) -> ProbeView {
    ProbeView {
        reader: probe.reader.clone(),
        atr: probe.atr.clone(),
        atr_lines: atr_lines(&probe.atr, lang),
        protocol: probe.protocol.map(Protocol::as_str),
        apps: probe.applications.iter().map(|a| app(a, lang)).collect(),
    }
}

/// The ATR decoded by `emv::decode` (ISO/IEC 7816-3 §8), without its header line.
fn atr_lines(atr: &str, lang: Lang) -> Vec<String> {
    let Ok(bytes) = hex::decode(atr) else {
        return vec![format!("{}: {atr}", NOT_DECODED.get(lang))];
    };
    if bytes.is_empty() {
        return Vec::new();
    }
    match decode_with_list(Kind::Atr, &bytes, lang, None) {
        Ok(d) => d
            .text
            .lines()
            .skip(1)
            .map(|l| l.strip_prefix("  ").unwrap_or(l).trim_end().to_owned())
            .filter(|l| !l.is_empty())
            .collect(),
        Err(e) => vec![e.to_string()],
    }
}

fn app(a: &ApplicationReport, lang: Lang) -> AppView {
    let t = |en: &'static str, zh: &'static str| Text::new(en, zh).get(lang);
    let scheme = hex::decode(&a.aid)
        .ok()
        .and_then(|b| crate::emv::aid::lookup(&b))
        .map(|s| match s.product {
            Some(p) => format!("{} {}", s.scheme, p.get(lang)),
            None => s.scheme.to_owned(),
        });
    let mut fields: Vec<(&'static str, String)> = Vec::new();
    let mut push = |label: Text, value: Option<String>| {
        if let Some(v) = value {
            fields.push((label.get(lang), v));
        }
    };
    push(label::PREFERRED_NAME, a.preferred_name.clone());
    push(label::PRIORITY, a.priority.map(|p| p.to_string()));
    push(
        label::FOUND_BY,
        a.found_by
            .map(|f| format!("{} ({})", f.text().get(lang), f.as_str())),
    );
    push(label::PAN, a.pan.as_ref().map(|p| p.as_str().to_owned()));
    push(
        label::PAN_SEQUENCE,
        a.pan_sequence.map(|n| format!("{n:02}")),
    );
    push(label::EXPIRY, a.expiry.clone());
    push(label::EFFECTIVE, a.effective.clone());
    push(
        label::SERVICE_CODE,
        a.service_code.as_ref().map(|s| service_code(s, lang)),
    );
    push(
        label::COUNTRY,
        a.country
            .as_deref()
            .map(|c| iso::country_with_code(c, lang)),
    );
    push(
        label::CURRENCY,
        a.currency
            .as_deref()
            .map(|c| iso::currency_with_code(c, lang)),
    );
    push(label::PIN_TRIES, a.pin_tries_left.map(|n| n.to_string()));
    push(
        label::ATC,
        match (a.atc, a.last_online_atc) {
            (None, None) => None,
            (atc, last) => Some(format!("{} / {}", opt(atc), opt(last))),
        },
    );
    push(
        label::OFFLINE_LIMITS,
        a.offline_limits.map(|(l, u)| format!("{l} / {u}")),
    );
    push(label::SELECT_SW, a.select_sw.clone());
    push(label::GPO_SW, a.gpo_sw.clone());
    push(label::AFL, a.afl.clone());
    push(label::EC_BALANCE, a.ec_balance.clone());
    push(
        label::CARD_LOG,
        (!a.transaction_log.is_empty()).then(|| {
            a.transaction_log
                .iter()
                .map(|e| e.summary(lang))
                .collect::<Vec<_>>()
                .join("; ")
        }),
    );

    let loads = load_log(a, lang);
    push(
        label::LOAD_LOG,
        (!loads.is_empty()).then(|| {
            loads.join(match lang {
                Lang::En => "; ",
                Lang::ZhCn => "；",
            })
        }),
    );

    let mut decoded = Vec::new();
    let bit_fields: [(&str, &Option<String>, &Layout); 5] = [
        ("AIP 82", &a.aip, &bits::AIP),
        ("AUC 9F07", &a.auc, &bits::AUC),
        (
            t("IAC default 9F0D", "IAC 缺省 9F0D"),
            &a.iac_default,
            &bits::IAC,
        ),
        (
            t("IAC denial 9F0E", "IAC 拒绝 9F0E"),
            &a.iac_denial,
            &bits::IAC,
        ),
        (
            t("IAC online 9F0F", "IAC 联机 9F0F"),
            &a.iac_online,
            &bits::IAC,
        ),
    ];
    for (name, value, layout) in bit_fields {
        if let Some(h) = value {
            decoded.push((format!("{name} = {h}"), bit_lines(layout, h, lang)));
        }
    }
    if let Some(h) = &a.cvm_list {
        decoded.push((
            format!("{} 8E = {h}", label::CVM_LIST.get(lang)),
            cvm_lines(h, lang),
        ));
    }
    AppView {
        aid: a.aid.clone(),
        scheme,
        label: a.label.clone().or_else(|| a.preferred_name.clone()),
        fields,
        decoded,
        unread: a.unread.iter().map(|u| u.text().get(lang)).collect(),
    }
}

/// The electronic-cash load log of `a` in words, one line per entry (newest first); empty when
/// the card has none. No hex: the window shows it among the card's facts.
pub fn load_log(a: &ApplicationReport, lang: Lang) -> Vec<String> {
    a.load_log
        .iter()
        .map(|e| e.summary(lang, a.currency.as_deref()))
        .collect()
}

/// The probe as the command line prints it: the verdict and its next step first, then the other
/// findings, the reader and the applications from [`view`], and the exchange count.
pub fn text(report: &CardReport, lang: Lang) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let verdict = report.verdict();
    let others = report
        .findings
        .iter()
        .filter(|f| !verdict.is_some_and(|v| std::ptr::eq(*f, v)));
    for f in verdict.into_iter().chain(others) {
        let _ = writeln!(out, "[{}] {}", f.severity.label(lang), f.title(lang));
        let _ = writeln!(out, "  → {}", f.advice(lang));
    }
    let v = view(report, lang);
    let _ = writeln!(out);
    let _ = writeln!(out, "{:<22}{}", label::READER.get(lang), v.reader);
    let _ = writeln!(out, "{:<22}{}", "ATR", v.atr);
    if let Some(p) = v.protocol {
        let _ = writeln!(out, "{:<22}{p}", label::PROTOCOL.get(lang));
    }
    for a in &v.apps {
        let _ = writeln!(out);
        let name = [a.scheme.as_deref(), a.label.as_deref()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" · ");
        let _ = writeln!(out, "{} {} {name}", label::APPLICATION.get(lang), a.aid);
        for (k, val) in &a.fields {
            let _ = writeln!(out, "  {k:<20}{val}");
        }
        for (head, _) in &a.decoded {
            let _ = writeln!(out, "  {head}");
        }
        for u in &a.unread {
            let _ = writeln!(out, "  {}: {u}", label::NOT_READ.get(lang));
        }
    }
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "{} {} · {:.0} ms · {}",
        report.apdus.len(),
        label::EXCHANGES.get(lang),
        report.duration_ms,
        report.local_time
    );
    out
}

fn opt(n: Option<u16>) -> String {
    n.map_or_else(|| "–".to_owned(), |n| n.to_string())
}

/// The three digits and what they allow (ISO/IEC 7813 §10.6 via `emv::service_code`).
fn service_code(code: &str, lang: Lang) -> String {
    let meaning = hex::decode(format!("0{code}"))
        .ok()
        .and_then(|b| decode_with_list(Kind::ServiceCode, &b, lang, None).ok())
        .and_then(|d| {
            let j = &d.json;
            let parts: Vec<&str> = ["interchange", "authorization", "pin_and_services"]
                .iter()
                .filter_map(|k| j[k].as_str())
                .collect();
            (!parts.is_empty()).then(|| parts.join("; "))
        });
    match meaning {
        Some(m) => format!("{code} ({m})"),
        None => code.to_owned(),
    }
}

/// One line per set bit of `hex_value` in `layout` (EMV Book 3 Annex C).
fn bit_lines(layout: &Layout, hex_value: &str, lang: Lang) -> Vec<String> {
    let decoded = hex::decode(hex_value)
        .map_err(|e| e.to_string())
        .and_then(|b| layout.decode(&b).map_err(|e| e.to_string()));
    match decoded {
        Ok(set) if set.is_empty() => vec![NONE_SET.get(lang).to_owned()],
        Ok(set) => set
            .iter()
            .map(|s| format!("B{} b{}: {}", s.byte, s.bit, s.text(lang)))
            .collect(),
        Err(e) => vec![format!("{}: {e}", NOT_DECODED.get(lang))],
    }
}

/// The amounts and one line per rule of a CVM list (EMV Book 3 §10.5, Annex C3).
fn cvm_lines(hex_value: &str, lang: Lang) -> Vec<String> {
    let list = hex::decode(hex_value)
        .map_err(|e| e.to_string())
        .and_then(|b| CvmList::decode(&b).map_err(|e| e.to_string()));
    match list {
        Ok(list) => {
            let mut out = Vec::new();
            if list.amount_x != 0 || list.amount_y != 0 {
                out.push(
                    AMOUNTS
                        .get(lang)
                        .replace("{x}", &list.amount_x.to_string())
                        .replace("{y}", &list.amount_y.to_string()),
                );
            }
            for (i, r) in list.rules.iter().enumerate() {
                let then = if r.apply_next_if_unsuccessful {
                    NEXT_RULE
                } else {
                    FAIL_RULE
                };
                out.push(format!(
                    "{}. {} — {} ({})",
                    i + 1,
                    cvm::method_text(r.method).get(lang),
                    cvm::condition_text(r.condition).get(lang),
                    then.get(lang)
                ));
            }
            out
        }
        Err(e) => vec![format!("{}: {e}", NOT_DECODED.get(lang))],
    }
}

/// What kind of card an application is, in words: the scheme as people in the shop say it
/// and the product (“银联 借记卡”, “Visa credit”); `None` for an application id it does not know.
pub fn card_kind(aid_hex: &str, lang: Lang) -> Option<String> {
    let info = hex::decode(aid_hex)
        .ok()
        .and_then(|b| crate::emv::aid::lookup(&b))?;
    let scheme = scheme_name(info.scheme, lang);
    Some(match info.product {
        Some(p) => format!("{scheme} {}", p.get(lang)),
        None => scheme.to_owned(),
    })
}

/// A scheme's name as people in the shop say it: 银联、万事达… in Chinese; brands stay.
pub fn scheme_name(scheme: &'static str, lang: Lang) -> &'static str {
    let zh = match scheme {
        "UnionPay" => "银联",
        "Mastercard" => "万事达",
        "American Express" => "美国运通",
        "Discover" => "发现卡",
        "Diners Club" => "大来卡",
        _ => scheme,
    };
    Text::new(scheme, zh).get(lang)
}

/// `2023-12` as "December 2023" / "2023年12月".
pub fn month_in_words(yyyy_mm: &str, lang: Lang) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let parsed = yyyy_mm
        .split_once('-')
        .and_then(|(y, m)| Some((y.parse::<u32>().ok()?, m.parse::<usize>().ok()?)))
        .filter(|(_, m)| (1..=12).contains(m));
    match (parsed, lang) {
        (Some((y, m)), Lang::En) => format!("{} {y}", MONTHS[m - 1]),
        (Some((y, m)), Lang::ZhCn) => format!("{y}年{m}月"),
        (None, _) => yyyy_mm.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::card::probe::{ProbeOptions, probe_scenario};
    use crate::card::sim::scenarios::Scenario;

    #[test]
    fn expired_card_view_has_decoded_fields() {
        let report = probe_scenario(Scenario::Expired, &ProbeOptions::default());
        let v = view(&report, Lang::En);
        assert_eq!(v.protocol, Some("T=1"));
        assert!(v.atr_lines.iter().any(|l| l.contains("T=1 IFSC = 254")));
        let app = &v.apps[0];
        assert_eq!(app.scheme.as_deref(), Some("Visa Credit/Debit"));
        assert!(
            app.fields
                .contains(&("Card number", "476173******0150".into()))
        );
        assert!(
            app.fields
                .contains(&("ATC / last online ATC", "42 / 40".into()))
        );
        let (head, lines) = &app.decoded[0];
        assert_eq!(head, "AIP 82 = 7C00");
        assert!(lines.contains(&"B1 b7: SDA supported".to_owned()));
        let cvm = app.decoded.iter().find(|(h, _)| h.contains("8E")).unwrap();
        assert_eq!(
            cvm.1[0],
            "1. Enciphered PIN verified online — If terminal supports the CVM (if unsuccessful, apply the next rule)"
        );
    }

    #[test]
    fn bad_values_say_so_instead_of_failing() {
        assert_eq!(
            bit_lines(&bits::AIP, "7C", Lang::En)[0],
            "cannot be decoded: AIP (tag 82) must be 2 bytes, got 1"
        );
        assert!(cvm_lines("00", Lang::ZhCn)[0].starts_with("无法解析"));
        assert_eq!(atr_lines("", Lang::En), Vec::<String>::new());
        assert_eq!(bit_lines(&bits::AUC, "0000", Lang::En), ["no bit set"]);
    }
}
