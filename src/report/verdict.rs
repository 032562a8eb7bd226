//! The verdict every export leads with: what is wrong, what to do next, who to call. Pure.
//!
//! The summary a person wrote wins; then the outcome of the latest guide walk that reached
//! one; then the worst finding (warning or error) recorded in the report — card probes first,
//! then guide checks, then network checks; without any, the verdict says that nothing was
//! concluded yet. A fault of the card itself (expired, blocked, PIN locked, chip failing) sends
//! the shop to the card's bank: only the issuer can fix it.

use super::model::{Report, ShopDetails};
use super::walk::WalkOutcome;
use crate::finding::{Finding, Severity};
use crate::guide::model::Contact;
use crate::i18n::{Lang, Text};

/// The verdict in one language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verdict {
    /// The worst severity among the findings, if there are any.
    pub severity: Option<Severity>,
    /// What is wrong, in words (no codes, hex or application ids).
    pub what: String,
    /// The facts behind it for technicians (e.g. the application id and expiry date), for
    /// the technical part only.
    pub detail: Option<String>,
    /// What to do next.
    pub next: String,
    /// Who to call.
    pub who: String,
}

const NOTHING_YET: Text = Text::new("No conclusion recorded yet.", "尚未得出结论。");
const CONTINUE: Text = Text::new(
    "Probe the card and walk the guide for this symptom, then write the outcome here.",
    "读取卡片并按本症状的指引逐步排查，然后在此写下结论。",
);
const CALL_ACQUIRER: Text = Text::new(
    "The acquirer's help desk (the number is on the terminal label or in the merchant agreement).",
    "收单机构客服（电话见终端机身标签或商户协议）。",
);
const CALL_ACQUIRER_NAMED: Text = Text::new("help desk", "客服");
const SOLVED: Text = Text::new(
    "Solved on the spot: nothing more to do. Keep this report in case it happens again.",
    "已现场解决，无需其他操作。请保留本报告，以备再次发生时参考。",
);
const CONFIRM: Text = Text::new(
    "Fixed on the spot. To make sure: {confirm}",
    "已现场处理。确认方法：{confirm}",
);
const TELL: Text = Text::new(
    "Call {who} and tell them: {tell}",
    "联系{who}并告知：{tell}",
);
const CALL_ISSUER: Text = Text::new(
    "The cardholder's bank (the number is on the back of the card); the shop cannot fix the card.",
    "持卡人的发卡银行（电话见卡片背面）；商户无法修复卡片问题。",
);

/// Finding codes that mean the card itself is at fault, so only its bank can help. Not here:
/// a card that was absent or pulled out (try again), and reader or service problems.
const CARD_FAULTS: &[&str] = &[
    "card.mute",
    "card.hardware",
    "card.not_payment",
    "card.blocked",
    "card.data_malformed",
    "app.blocked",
    "app.expired",
    "app.not_yet_effective",
    "app.usage_restricted",
    "app.offline_limit_reached",
    "pin.tries_exhausted",
    "pin.tries_low",
    "gpo.refused",
];

const PRACTICE: Text = Text::new("Practice: ", "练习：");

/// The verdict for `report` in `lang`: its summary, else the latest walk outcome, else its
/// worst finding. Practice records (training mode) count only in a session of nothing but
/// practice, and then the verdict says it is practice.
pub fn verdict(report: &Report, lang: Lang) -> Verdict {
    if !report.has_training() {
        return conclude(report, lang).unwrap_or_else(|| nothing(report, lang));
    }
    let real = report.without_training();
    let only_practice = real.card_probes.is_empty()
        && real.guide_walks.is_empty()
        && real.net_checks.is_empty()
        && real.monitoring.is_empty()
        && real.summary.is_none();
    let v = if only_practice {
        conclude(report, lang).map(|mut v| {
            v.what = format!("{}{}", PRACTICE.get(lang), v.what);
            v
        })
    } else {
        conclude(&real, lang)
    };
    v.unwrap_or_else(|| nothing(&real, lang))
}

/// Nothing concluded yet: carry on.
fn nothing(report: &Report, lang: Lang) -> Verdict {
    Verdict {
        severity: None,
        what: NOTHING_YET.get(lang).to_owned(),
        detail: None,
        next: CONTINUE.get(lang).to_owned(),
        who: who_to_call(&report.shop, None, None, lang),
    }
}

/// The verdict of `report`'s own records, when they conclude anything.
fn conclude(report: &Report, lang: Lang) -> Option<Verdict> {
    let worst = worst(report.findings());
    let severity = worst.map(|f| f.severity);
    let outcome = report
        .guide_walks
        .iter()
        .rev()
        .find_map(|w| w.outcome.as_ref());
    let contact = outcome.and_then(|o| o.hand_over.as_ref()).map(|h| h.to);
    let who = who_to_call(&report.shop, contact, worst, lang);
    if let Some(s) = &report.summary {
        return Some(Verdict {
            severity,
            what: s.outcome.get(lang).to_owned(),
            detail: None,
            next: s.next_step.get(lang).to_owned(),
            who,
        });
    }
    if let Some(o) = outcome {
        return Some(Verdict {
            severity,
            what: o.text.get(lang).to_owned(),
            detail: None,
            next: next_after(o, lang),
            who,
        });
    }
    worst.map(|f| Verdict {
        severity,
        what: f.title(lang).to_owned(),
        detail: f.detail.clone(),
        next: f.advice(lang).to_owned(),
        who,
    })
}

fn next_after(outcome: &WalkOutcome, lang: Lang) -> String {
    match &outcome.hand_over {
        Some(h) => TELL
            .get(lang)
            .replace("{who}", h.to.name().get(lang))
            .replace("{tell}", h.tell.get(lang)),
        None => match &outcome.confirm {
            Some(c) => CONFIRM.get(lang).replace("{confirm}", c.get(lang)),
            None => SOLVED.get(lang).to_owned(),
        },
    }
}

/// The first of the most severe findings (warnings and errors only), in report order.
fn worst<'a>(findings: impl IntoIterator<Item = &'a Finding>) -> Option<&'a Finding> {
    findings
        .into_iter()
        .filter(|f| f.severity >= Severity::Warning)
        .fold(None, |best: Option<&Finding>, f| match best {
            Some(b) if b.severity >= f.severity => Some(b),
            _ => Some(f),
        })
}

/// The contact a guide outcome names; else the card's bank for a fault of the card itself;
/// else the acquirer's help desk (named, with the number the user typed, when known).
fn who_to_call(
    shop: &ShopDetails,
    contact: Option<Contact>,
    worst: Option<&Finding>,
    lang: Lang,
) -> String {
    match contact {
        Some(Contact::Acquirer) => {}
        Some(Contact::Issuer) => return CALL_ISSUER.get(lang).to_owned(),
        Some(Contact::Vendor) => {
            let name = Contact::Vendor.name().get(lang);
            return match &shop.terminal_make {
                Some(make) => format!("{name} ({make})"),
                None => name.to_owned(),
            };
        }
        Some(other) => return other.name().get(lang).to_owned(),
        None => {
            if worst.is_some_and(|f| CARD_FAULTS.contains(&f.code.as_str())) {
                return CALL_ISSUER.get(lang).to_owned();
            }
        }
    }
    let desk = shop
        .acquirer
        .as_deref()
        .map(|a| format!("{a} {}", CALL_ACQUIRER_NAMED.get(lang)));
    match (desk, shop.support_contact.as_deref()) {
        (Some(d), Some(c)) => format!("{d}: {c}"),
        (None, Some(c)) => c.to_owned(),
        (Some(d), None) => d,
        (None, None) => CALL_ACQUIRER.get(lang).to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::BiText;
    use crate::report::model::Summary;
    use chrono::DateTime;

    fn report() -> Report {
        Report::new(
            DateTime::parse_from_rfc3339("2025-03-01T09:00:00+08:00").unwrap(),
            Lang::En,
        )
    }

    #[test]
    fn empty_report_says_nothing_concluded() {
        let v = verdict(&report(), Lang::ZhCn);
        assert_eq!(v.what, NOTHING_YET.zh);
        assert_eq!(v.who, CALL_ACQUIRER.zh);
        assert_eq!(v.severity, None);
    }

    #[test]
    fn summary_and_contact_are_used() {
        let mut r = report();
        r.shop.acquirer = Some("UnionPay Merchant Services".into());
        r.shop.support_contact = Some("95516".into());
        r.summary = Some(Summary {
            outcome: BiText::new("Reader contacts dirty", "读卡器触点脏污"),
            next_step: BiText::new("Clean the reader", "清洁读卡器"),
        });
        let v = verdict(&r, Lang::En);
        assert_eq!(v.what, "Reader contacts dirty");
        assert_eq!(v.next, "Clean the reader");
        assert_eq!(v.who, "UnionPay Merchant Services help desk: 95516");
    }

    fn probed(scenario: &str) -> Report {
        use crate::card::probe::{ProbeOptions, probe_scenario};
        let mut r = report();
        let probe = probe_scenario(scenario.parse().unwrap(), &ProbeOptions::default());
        r.add_probe(r.created, probe);
        r
    }

    #[test]
    fn a_card_fault_sends_the_shop_to_the_bank() {
        let v = verdict(&probed("expired"), Lang::En);
        assert_eq!(v.severity, Some(Severity::Error));
        assert_eq!(v.what, "The card has expired", "in words only");
        assert_eq!(v.detail.as_deref(), Some("A0000000031010: expired 2023-12"));
        assert_eq!(v.who, CALL_ISSUER.en);
        let v = verdict(&probed("pin-exhausted"), Lang::ZhCn);
        assert_eq!(v.who, CALL_ISSUER.zh);
    }

    #[test]
    fn practice_counts_only_without_real_records_and_says_so() {
        use crate::card::probe::{ProbeOptions, probe_scenario};
        let mut r = report();
        let card = |s: &str| probe_scenario(s.parse().unwrap(), &ProbeOptions::default());
        r.add_training_probe(r.created, card("expired"));
        let v = verdict(&r, Lang::ZhCn);
        assert!(v.what.starts_with("练习："), "{}", v.what);
        assert_eq!(v.who, CALL_ISSUER.zh);
        r.add_probe(r.created, card("visa-t0"));
        let v = verdict(&r, Lang::En);
        assert_eq!(v.what, NOTHING_YET.en, "the real healthy card wins");
        assert_eq!(v.severity, None);
        assert_eq!(v.who, CALL_ACQUIRER.en);
    }

    #[test]
    fn a_healthy_or_absent_card_does_not_blame_the_bank() {
        let v = verdict(&probed("visa-t0"), Lang::En);
        assert_eq!(v.severity, None, "ok and info findings are no verdict");
        assert_eq!(v.detail, None);
        assert_eq!(v.what, NOTHING_YET.en);
        assert_eq!(v.who, CALL_ACQUIRER.en);
        let mut r = report();
        let absent = crate::card::probe::report_without_card(
            "ACS ACR39U",
            Finding::new(&crate::finding::card::CARD_ABSENT, None),
        );
        r.add_probe(r.created, absent);
        let v = verdict(&r, Lang::En);
        assert_eq!(v.severity, Some(Severity::Warning));
        assert_eq!(v.who, CALL_ACQUIRER.en);
    }
}
