//! The short summary a shop owner sends support through a chat app: the verdict, a few key
//! facts and a compact JSON for the picture's QR code. Built once from the gated report, so the
//! window's "copy summary", the summary picture and `emv-doctor report summary` say the same
//! thing, masked. Pure.

use super::export::ExportOptions;
use super::model::Report;
use super::network::NetResult;
use super::privacy::GateError;
use super::verdict::{self, Verdict};
use crate::emv::iso;
use crate::finding::{Finding, Severity};
use crate::i18n::{Lang, Text};
use crate::localtime::{self, Style};
use crate::view::probe as view;
use serde_json::{Value, json};

/// The most bytes the QR code's JSON may take: small enough for a phone camera to read a
/// picture of a picture.
pub const QR_MAX_BYTES: usize = 1200;
/// The most characters of any one text kept in the QR code's JSON.
const QR_MAX_CHARS: usize = 160;
/// The most finding codes listed in the QR code's JSON.
const QR_MAX_FINDINGS: usize = 12;

mod label {
    use crate::i18n::Text;
    pub const TITLE: Text = Text::new("EMV Doctor summary", "EMV Doctor 排查摘要");
    pub const TIME: Text = Text::new("Time", "时间");
    pub const WHAT: Text = Text::new("What is wrong", "问题");
    pub const NEXT: Text = Text::new("What to do next", "下一步");
    pub const WHO: Text = Text::new("Who to call", "联系谁");
    pub const CARD: Text = Text::new("Card", "卡片");
    pub const CARD_NUMBER: Text = Text::new("Card number", "卡号");
    pub const EXPIRY: Text = Text::new("Valid until", "有效期至");
    pub const COUNTRY: Text = Text::new("Issuer country", "发卡国家");
    pub const CURRENCY: Text = Text::new("Card currency", "卡片币种");
    pub const TERMINAL: Text = Text::new("Terminal", "终端");
    pub const ACQUIRER: Text = Text::new("Acquirer", "收单机构");
    pub const SHOP: Text = Text::new("Shop", "商户");
    pub const HOST: Text = Text::new("Payment host", "支付主机");
    pub const CLOCK: Text = Text::new("Clock", "时钟");
    pub const FINE: Text = Text::new("no problem found", "未发现问题");
    pub const NO_CARD: Text = Text::new("not tested", "未检测");
    pub const TRAINING: Text = Text::new(
        "(practice card, not a customer's)",
        "（练习用虚拟卡，非顾客的卡）",
    );
    pub const MASKED: Text = Text::new(
        "Card number masked (first 6 and last 4 digits).",
        "卡号已遮蔽（仅显示前 6 位和后 4 位）。",
    );
}

/// What the summary says, in one language, ready to be written as text or drawn.
#[derive(Clone, Debug, PartialEq)]
pub struct ShareSummary {
    /// The language it is written in.
    pub lang: Lang,
    /// The heading, e.g. "EMV Doctor 排查摘要".
    pub title: String,
    /// When the report last changed, in the report's own time zone, with its UTC offset.
    pub when: String,
    /// The verdict.
    pub verdict: Verdict,
    /// Key facts as (label, value), in reading order.
    pub facts: Vec<(String, String)>,
    /// The line that says card numbers are masked.
    pub footer: String,
    /// A compact JSON of the same for support tooling (the picture's QR code), at most
    /// [`QR_MAX_BYTES`] bytes.
    pub json: String,
}

impl ShareSummary {
    /// Labelled lines of the verdict, in reading order.
    pub fn verdict_lines(&self) -> [(&'static str, &str); 3] {
        let l = self.lang;
        [
            (label::WHAT.get(l), self.verdict.what.as_str()),
            (label::NEXT.get(l), self.verdict.next.as_str()),
            (label::WHO.get(l), self.verdict.who.as_str()),
        ]
    }

    /// Plain text for a chat message or a ticket.
    pub fn text(&self) -> String {
        let sep = match self.lang {
            Lang::En => ": ",
            Lang::ZhCn => "：",
        };
        let mut lines = vec![self.title.clone()];
        lines.push(format!("{}{sep}{}", label::TIME.get(self.lang), self.when));
        if let Some(s) = self.verdict.severity {
            lines.push(format!("[{}]", s.label(self.lang)));
        }
        for (k, v) in self.verdict_lines() {
            lines.push(format!("{k}{sep}{v}"));
        }
        for (k, v) in &self.facts {
            lines.push(format!("{k}{sep}{v}"));
        }
        lines.push(self.footer.clone());
        lines.join("\n")
    }
}

/// The summary of `report` as it may leave the app (through the privacy gate, shop details
/// removed and practice records left out as `options` say), in `options.lang`; nothing when
/// the gate refuses it.
pub fn summary(report: &Report, options: &ExportOptions) -> Result<ShareSummary, GateError> {
    let lang = options.lang;
    let r = super::export::gated(report, options)?;
    let verdict = verdict::verdict(&r, lang);
    let facts = facts(&r, lang);
    let when = localtime::format(&r.updated, Style::WithOffset);
    let json = qr_json(&r, &verdict, &when);
    Ok(ShareSummary {
        lang,
        title: label::TITLE.get(lang).to_owned(),
        when,
        verdict,
        facts,
        footer: label::MASKED.get(lang).to_owned(),
        json,
    })
}

fn facts(r: &Report, lang: Lang) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    let mut push = |k: Text, v: String| out.push((k.get(lang).to_owned(), v));
    match r.card_probes.last() {
        Some(probe) => {
            let card = &probe.report;
            let training = probe.training;
            let app = card.applications.first();
            // In words as the card page says it; the card's own label only for an unknown one.
            let mut name = app
                .and_then(|a| view::card_kind(&a.aid, lang))
                .or_else(|| app.and_then(|a| a.label.clone().or_else(|| a.preferred_name.clone())))
                .unwrap_or_default();
            if training {
                let gap = if lang == Lang::En { " " } else { "" };
                name = format!("{name}{gap}{}", label::TRAINING.get(lang));
            }
            if !name.trim().is_empty() {
                push(label::CARD, name.trim().to_owned());
            }
            if let Some(a) = app {
                if let Some(pan) = &a.pan {
                    push(label::CARD_NUMBER, pan.as_str().to_owned());
                }
                if let Some(e) = &a.expiry {
                    push(label::EXPIRY, view::month_in_words(e, lang));
                }
                if let Some(c) = &a.country {
                    push(label::COUNTRY, iso::country_name(c, lang));
                }
                if let Some(c) = &a.currency {
                    push(label::CURRENCY, iso::currency_name(c, lang));
                }
            }
        }
        None => push(label::CARD, label::NO_CARD.get(lang).to_owned()),
    }
    let s = &r.shop;
    let terminal: Vec<&str> = [&s.terminal_make, &s.terminal_model, &s.terminal_serial]
        .into_iter()
        .filter_map(|v| v.as_deref())
        .collect();
    if !terminal.is_empty() {
        push(label::TERMINAL, terminal.join(" "));
    }
    if let Some(a) = &s.acquirer {
        push(label::ACQUIRER, a.clone());
    }
    if let Some(n) = &s.shop_name {
        push(label::SHOP, n.clone());
    }
    let last_host = r.net_checks.iter().rev().find_map(|c| match &c.result {
        NetResult::Host(h) => Some((h.target.clone(), &h.findings)),
        NetResult::Clock(_) => None,
    });
    if let Some((target, findings)) = last_host {
        let sep = if lang == Lang::En { ": " } else { "：" };
        push(
            label::HOST,
            format!("{target}{sep}{}", worst_title(findings, lang)),
        );
    }
    let last_clock = r.net_checks.iter().rev().find_map(|c| match &c.result {
        NetResult::Clock(c) => Some(&c.findings),
        NetResult::Host(_) => None,
    });
    if let Some(findings) = last_clock {
        push(label::CLOCK, worst_title(findings, lang));
    }
    out
}

/// The title of the worst warning or error, else "no problem found".
fn worst_title(findings: &[Finding], lang: Lang) -> String {
    findings
        .iter()
        .filter(|f| f.severity >= Severity::Warning)
        .max_by_key(|f| f.severity)
        .map_or_else(
            || label::FINE.get(lang).to_owned(),
            |f| f.title(lang).to_owned(),
        )
}

fn cut(s: &str) -> String {
    s.chars().take(QR_MAX_CHARS).collect()
}

/// The QR code's JSON: the verdict, the card's key data and the finding codes, each part
/// dropped in turn (shop, then the longer texts) until it fits [`QR_MAX_BYTES`].
fn qr_json(r: &Report, v: &Verdict, when: &str) -> String {
    let card = r.card_probes.last().and_then(|p| {
        let a = p.report.applications.first()?;
        Some(json!({
            "aid": a.aid,
            "pan": a.pan.as_ref().map(|p| p.as_str().to_owned()),
            "expiry": a.expiry,
            "country": a.country,
            "currency": a.currency,
            "training": p.training,
        }))
    });
    let mut codes: Vec<&str> = r.findings().iter().map(|f| f.code.as_str()).collect();
    codes.dedup();
    codes.truncate(QR_MAX_FINDINGS);
    let s = &r.shop;
    let mut value = json!({
        "app": "emv-doctor",
        "version": r.app_version,
        "lang": r.lang.tag(),
        "at": when,
        "severity": v.severity.map(|s| s.as_str()),
        "what": cut(&v.what),
        "next": cut(&v.next),
        "who": cut(&v.who),
        "card": card,
        "findings": codes,
        "terminal": {
            "make": s.terminal_make, "model": s.terminal_model, "serial": s.terminal_serial,
            "acquirer": s.acquirer,
        },
    });
    let text = |v: &Value| v.to_string();
    for drop in ["terminal", "who", "next", "findings", "what", "card"] {
        if text(&value).len() <= QR_MAX_BYTES {
            break;
        }
        if let Some(map) = value.as_object_mut() {
            map.remove(drop);
        }
    }
    text(&value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::card::probe::{ProbeOptions, probe_scenario};
    use crate::card::sim::scenarios::Scenario;
    use chrono::DateTime;

    fn report(scenario: Option<Scenario>) -> Report {
        let now = DateTime::parse_from_rfc3339("2026-12-06T14:54:56+08:00").unwrap();
        let mut r = Report::new(now, Lang::En);
        if let Some(s) = scenario {
            r.add_probe(now, probe_scenario(s, &ProbeOptions::default()));
        }
        r
    }

    fn opts(lang: Lang) -> ExportOptions {
        ExportOptions {
            lang,
            redact_shop: false,
            include_training: false,
        }
    }

    #[test]
    fn a_summary_names_country_and_masks_the_card() {
        let s = summary(&report(Some(Scenario::Expired)), &opts(Lang::ZhCn)).unwrap();
        let text = s.text();
        assert!(text.starts_with("EMV Doctor 排查摘要\n时间：2026-12-06 14:54:56 (UTC+08:00)"));
        assert!(text.contains("问题：卡片已过期\n"), "{text}");
        assert!(text.contains("发卡国家：美国"), "{text}");
        assert!(text.contains("卡片币种：美元"), "{text}");
        assert!(
            text.contains("卡片：Visa 信用卡/借记卡\n"),
            "in words: {text}"
        );
        assert!(text.contains("有效期至：2023年12月"), "{text}");
        assert!(!text.contains("练习"), "{text}");
        assert!(
            !text.contains("A0000000031010"),
            "no application id: {text}"
        );
        assert!(text.contains("******"), "{text}");
        let v: Value = serde_json::from_str(&s.json).unwrap();
        assert_eq!(v["card"]["country"], "840");
        assert_eq!(v["card"]["training"], false);
        assert!(v["findings"].as_array().is_some_and(|f| !f.is_empty()));
    }

    #[test]
    fn practice_probes_stay_out_unless_included_and_then_say_so() {
        let mut r = report(None);
        let probe = probe_scenario(Scenario::Expired, &ProbeOptions::default());
        r.add_training_probe(r.created, probe);
        let out = summary(&r, &opts(Lang::ZhCn)).unwrap();
        assert!(out.text().contains("卡片：未检测"), "{}", out.text());
        assert!(
            out.text().contains("问题：尚未得出结论。"),
            "{}",
            out.text()
        );
        let with = ExportOptions {
            include_training: true,
            ..opts(Lang::ZhCn)
        };
        let out = summary(&r, &with).unwrap();
        let text = out.text();
        assert!(
            text.contains("卡片：Visa 信用卡/借记卡（练习用虚拟卡"),
            "{text}"
        );
        assert!(text.contains("问题：练习：卡片已过期"), "{text}");
        let v: Value = serde_json::from_str(&out.json).unwrap();
        assert_eq!(v["card"]["training"], true);
    }

    #[test]
    fn typed_card_numbers_never_leave_unmasked() {
        let mut r = report(None);
        r.shop.terminal_serial = Some("4111 1111 1111 1111".into());
        let s = summary(&r, &opts(Lang::En)).unwrap();
        assert!(!s.text().contains("4111 1111 1111 1111"));
        assert!(!s.json.contains("4111 1111 1111 1111"));
        assert!(s.text().contains("Card: not tested"));
        let redacted = summary(
            &r,
            &ExportOptions {
                lang: Lang::En,
                redact_shop: true,
                include_training: false,
            },
        )
        .unwrap();
        assert!(!redacted.text().contains("411111"));
    }

    #[test]
    fn the_qr_json_stays_small() {
        let mut r = report(Some(Scenario::VisaT1));
        let long = "很长的说明".repeat(200);
        r.set_summary(
            r.created,
            crate::report::Summary {
                outcome: crate::i18n::BiText::new(long.clone(), long.clone()),
                next_step: crate::i18n::BiText::new(long.clone(), long),
            },
        );
        r.shop.terminal_make = Some("P".repeat(2000));
        let s = summary(&r, &opts(Lang::ZhCn)).unwrap();
        assert!(s.json.len() <= QR_MAX_BYTES, "{}", s.json.len());
        let v: Value = serde_json::from_str(&s.json).unwrap();
        assert_eq!(v["app"], "emv-doctor");
    }
}
