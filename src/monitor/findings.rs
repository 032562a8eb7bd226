//! What stands out in an [`Analysis`]: findings with stable codes (`monitor.*`, never renamed),
//! each pointing at a cause the guides know (`reader.hardware`, `host.sign_in` …) and citing
//! the figures it rests on, in both languages. Pure, no I/O.
//!
//! Groups (terminals, schemes, BIN ranges, issuers) are judged on the last 7 days, the time
//! that matters to a shop today; hours of the day and cashiers on the whole file. A group
//! stands out when it has enough payments and failures to mean something and its error rate
//! is several times that of the rest (see the thresholds below and `docs/monitoring.md`).

use super::analysis::{Analysis, Breakdown, Counts, Group};
use crate::finding::monitor::{
    ERRORS_RISING, NETWORK, NETWORK_HOURS, NOTHING_STANDS_OUT, ONE_CASHIER, ONE_ISSUER, ONE_SCHEME,
    ONE_TERMINAL, SIGN_IN,
};
use crate::finding::{Finding, FindingDef};
use crate::i18n::{BiText, Lang};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A group needs this many payments (and the rest as many) to be judged.
pub const MIN_PAYMENTS: u64 = 20;
/// A group needs this many failures to stand out.
pub const MIN_ERRORS: u64 = 8;
/// A group stands out when its error rate is at least this many times the rest's …
pub const RATIO: f64 = 3.0;
/// … and at least this many percentage points above it.
pub const MIN_POINTS: f64 = 5.0;
/// Network failures needed before their hours are looked at.
pub const MIN_NETWORK_ERRORS: u64 = 15;
/// Sign-in failures (`A0`, `77`, `Z3`) that make a finding.
pub const MIN_SIGN_IN: u64 = 3;

/// The response codes that mean "sign in again".
const SIGN_IN_CODES: &[&str] = &["A0", "77", "Z3"];
/// The response codes that mean the network or the host did not answer in time.
const NETWORK_CODES: &[&str] = &["68", "96", "98"];

/// A finding of the analysis: the finding, the guide cause it points at, what it is about,
/// and the figures it rests on.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MonitorFinding {
    /// Code, severity, title and advice (the figures are in `figures` and `evidence`).
    pub finding: Finding,
    /// The guide cause it points at (`reader.hardware` …), `None` for `monitor.ok`.
    pub cause: Option<String>,
    /// The terminal, scheme, BIN range, issuer, hours or cashier it is about.
    pub subject: Option<String>,
    /// One sentence citing the figures, in both languages.
    pub evidence: BiText,
    /// The figures by name (counts and rates in percent).
    pub figures: BTreeMap<String, f64>,
    /// The response codes behind it and how many payments got each (technical details only;
    /// the evidence says what they mean in words).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub codes: BTreeMap<String, u64>,
}

impl MonitorFinding {
    fn new(
        def: &FindingDef,
        cause: Option<&str>,
        subject: Option<String>,
        evidence: BiText,
        figures: &[(&str, f64)],
    ) -> Self {
        MonitorFinding {
            finding: Finding::new(def, None),
            cause: cause.map(str::to_owned),
            subject,
            evidence,
            figures: figures.iter().map(|(k, v)| ((*k).to_owned(), *v)).collect(),
            codes: BTreeMap::new(),
        }
    }

    fn with_codes(mut self, a: &Analysis, codes: &[&str]) -> Self {
        self.codes = a
            .breakdowns
            .response_code
            .iter()
            .filter(|c| codes.contains(&c.code.as_str()))
            .map(|c| (c.code.clone(), c.count))
            .collect();
        self
    }

    /// The response codes as a technician reads them: `A0 ×8, 77 ×2` (most first).
    pub fn codes_text(&self, lang: Lang) -> String {
        let mut codes: Vec<(&String, &u64)> = self.codes.iter().collect();
        codes.sort_by(|a, b| b.1.cmp(a.1).then_with(|| a.0.cmp(b.0)));
        codes
            .iter()
            .map(|(c, n)| format!("{c} ×{n}"))
            .collect::<Vec<_>>()
            .join(match lang {
                Lang::En => ", ",
                Lang::ZhCn => "，",
            })
    }

    /// The JSON object of the command-line contract: the finding's fields in `lang`, plus
    /// `cause`, `subject`, `evidence` and `figures`.
    pub fn to_json(&self, lang: Lang) -> serde_json::Value {
        let mut v = self.finding.to_json(lang);
        v["cause"] = serde_json::json!(self.cause);
        v["subject"] = serde_json::json!(self.subject);
        v["evidence"] = serde_json::json!(self.evidence.get(lang));
        v["figures"] = serde_json::json!(self.figures);
        v["codes"] = serde_json::json!(self.codes);
        v
    }
}

/// A rate in percent with one decimal, as people read it.
pub fn pct(c: Counts) -> String {
    format!("{:.1}%", c.rate())
}

fn round1(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

/// Whether `g` stands out against `rest`.
fn stands_out(g: Counts, rest: Counts, min_errors: u64, min_points: f64) -> bool {
    g.total >= MIN_PAYMENTS
        && rest.total >= MIN_PAYMENTS
        && g.errors >= min_errors
        && g.rate() >= RATIO * rest.rate()
        && g.rate() - rest.rate() >= min_points
}

/// The group of `b` that stands out most on `what` against the others, with the others' counts.
fn worst(
    b: &Breakdown,
    what: impl Fn(&Group) -> Counts + Copy,
    min_errors: u64,
    min_points: f64,
) -> Vec<(Group, Counts)> {
    let mut out: Vec<(Group, Counts)> = b
        .groups
        .iter()
        .map(|g| (g.clone(), b.others(&g.key, what)))
        .filter(|(g, rest)| stands_out(what(g), *rest, min_errors, min_points))
        .collect();
    out.sort_by(|a, b| what(&b.0).rate().total_cmp(&what(&a.0).rate()));
    out
}

/// Declines by the bank or host in the last 7 days: what a scheme or an issuer causes.
fn declines(g: &Group) -> Counts {
    Counts {
        total: g.recent.total,
        errors: g.recent_declined,
    }
}

/// Failures at the terminal in the last 7 days: what a bad reader causes.
fn terminal_failures(g: &Group) -> Counts {
    Counts {
        total: g.recent.total,
        errors: g.recent_terminal_failures,
    }
}

fn chip_reads(g: &Group) -> Counts {
    Counts {
        total: g.counts.total,
        errors: g.chip_read_errors,
    }
}

fn group_figures(g: Counts, rest: Counts) -> [(&'static str, f64); 6] {
    [
        ("payments", g.total as f64),
        ("failed", g.errors as f64),
        ("rate_pct", round1(g.rate())),
        ("others_payments", rest.total as f64),
        ("others_failed", rest.errors as f64),
        ("others_rate_pct", round1(rest.rate())),
    ]
}

/// The findings of an analysis, most useful first; `monitor.ok` alone when nothing stands out.
pub fn find(a: &Analysis) -> Vec<MonitorFinding> {
    let mut out = Vec::new();
    sign_in(a, &mut out);
    network(a, &mut out);
    terminal(a, &mut out);
    scheme_and_issuer(a, &mut out);
    cashier(a, &mut out);
    rising(a, &mut out);
    if out.is_empty() {
        out.push(MonitorFinding::new(
            &NOTHING_STANDS_OUT,
            None,
            None,
            BiText::new(
                format!(
                    "{} of {} payments failed ({}), spread over terminals, cards and hours without a pattern.",
                    a.totals.errors,
                    a.totals.total,
                    pct(a.totals)
                ),
                format!(
                    "{} 笔交易中失败 {} 笔（{}），分散在各终端、各种卡和各时段，没有规律。",
                    a.totals.total,
                    a.totals.errors,
                    pct(a.totals)
                ),
            ),
            &[
                ("payments", a.totals.total as f64),
                ("failed", a.totals.errors as f64),
                ("rate_pct", round1(a.totals.rate())),
            ],
        ));
    }
    out
}

fn sign_in(a: &Analysis, out: &mut Vec<MonitorFinding>) {
    let n = a
        .breakdowns
        .outcome
        .get(&super::model::Outcome::SignIn)
        .copied()
        .unwrap_or(0);
    if n < MIN_SIGN_IN {
        return;
    }
    out.push(
        MonitorFinding::new(
            &SIGN_IN,
            Some("host.sign_in"),
            None,
            BiText::new(
                format!("{n} payments failed because the terminal was not signed in（签到）or its keys were out of date."),
                format!("{n} 笔交易因为终端没签到或密钥过期而失败。"),
            ),
            &[("failed", n as f64)],
        )
        .with_codes(a, SIGN_IN_CODES),
    );
}

fn network(a: &Analysis, out: &mut Vec<MonitorFinding>) {
    let total_net: u64 = a.hours.iter().map(|h| h.network_errors).sum();
    if total_net < MIN_NETWORK_ERRORS {
        return;
    }
    let mut by_net: Vec<&super::analysis::Hour> = a.hours.iter().collect();
    by_net.sort_by(|x, y| {
        y.network_errors
            .cmp(&x.network_errors)
            .then(x.hour.cmp(&y.hour))
    });
    let top: Vec<&super::analysis::Hour> = by_net
        .into_iter()
        .take(3)
        .filter(|h| h.network_errors > 0)
        .collect();
    let top_net: u64 = top.iter().map(|h| h.network_errors).sum();
    let top_pay: u64 = top.iter().map(|h| h.counts.total).sum();
    let in_top = Counts {
        total: top_pay,
        errors: top_net,
    };
    let elsewhere = Counts {
        total: a.totals.total.saturating_sub(top_pay),
        errors: total_net - top_net,
    };
    let share = top_net as f64 * 100.0 / total_net as f64;
    let all = Counts {
        total: a.totals.total,
        errors: total_net,
    };
    let clustered = share >= 60.0
        && (top_pay as f64) <= 0.35 * a.totals.total as f64
        && in_top.rate() >= RATIO * elsewhere.rate()
        && in_top.rate() - elsewhere.rate() >= 2.0;
    if clustered {
        let mut hours: Vec<u32> = top.iter().map(|h| h.hour).collect();
        hours.sort_unstable();
        let subject = hour_ranges(&hours);
        out.push(
            MonitorFinding::new(
                &NETWORK_HOURS,
                Some("network.unstable"),
                Some(subject.clone()),
                BiText::new(
                    format!(
                        "{top_net} of the {total_net} network failures (timed out, or the bank's system did not answer) came at {subject}: {} of payments in those hours against {} at other times.",
                        pct(in_top),
                        pct(elsewhere)
                    ),
                    format!(
                        "{total_net} 笔网络失败（超时或银行系统没有应答）中有 {top_net} 笔发生在 {subject}：这几个时段 {} 的交易失败，其他时段只有 {}。",
                        pct(in_top),
                        pct(elsewhere)
                    ),
                ),
                &[
                    ("network_failed", total_net as f64),
                    ("in_hours", top_net as f64),
                    ("share_pct", round1(share)),
                    ("rate_in_hours_pct", round1(in_top.rate())),
                    ("rate_elsewhere_pct", round1(elsewhere.rate())),
                ],
            )
            .with_codes(a, NETWORK_CODES),
        );
    } else if all.rate() >= 1.0 {
        out.push(
            MonitorFinding::new(
                &NETWORK,
                Some("network.unstable"),
                None,
                BiText::new(
                    format!(
                        "{total_net} of {} payments ({}) failed on the network (timed out, or the bank's system did not answer), at all hours.",
                        a.totals.total,
                        pct(all)
                    ),
                    format!(
                        "{} 笔交易中有 {total_net} 笔（{}）因网络失败（超时或银行系统没有应答），各个时段都有。",
                        a.totals.total,
                        pct(all)
                    ),
                ),
                &[
                    ("network_failed", total_net as f64),
                    ("payments", a.totals.total as f64),
                    ("rate_pct", round1(all.rate())),
                ],
            )
            .with_codes(a, NETWORK_CODES),
        );
    }
}

/// `[9, 18, 19, 20]` → `09:00–10:00, 18:00–21:00`.
fn hour_ranges(hours: &[u32]) -> String {
    let mut parts = Vec::new();
    let mut i = 0;
    while i < hours.len() {
        let start = hours[i];
        let mut end = start;
        while i + 1 < hours.len() && hours[i + 1] == end + 1 {
            i += 1;
            end = hours[i];
        }
        parts.push(format!("{start:02}:00–{:02}:00", end + 1));
        i += 1;
    }
    parts.join(", ")
}

fn terminal(a: &Analysis, out: &mut Vec<MonitorFinding>) {
    let Some((g, rest)) = worst(
        &a.breakdowns.terminal,
        terminal_failures,
        MIN_ERRORS,
        MIN_POINTS,
    )
    .into_iter()
    .next() else {
        return;
    };
    let c = terminal_failures(&g);
    out.push(MonitorFinding::new(
        &ONE_TERMINAL,
        Some("reader.hardware"),
        Some(g.key.clone()),
        BiText::new(
            format!(
                "Terminal {}: {} of its payments failed in the last 7 days ({} of {}), against {} on the other terminals ({} of {}); {} were chip read failures.",
                g.key,
                pct(c),
                c.errors,
                c.total,
                pct(rest),
                rest.errors,
                rest.total,
                g.chip_read_errors
            ),
            format!(
                "终端 {}：近7天 {} 的交易失败（{} 笔中 {} 笔），其他终端只有 {}（{} 笔中 {} 笔）；其中读卡失败 {} 笔。",
                g.key,
                pct(c),
                c.total,
                c.errors,
                pct(rest),
                rest.total,
                rest.errors,
                g.chip_read_errors
            ),
        ),
        &[
            group_figures(c, rest).as_slice(),
            &[("chip_read_failed", g.chip_read_errors as f64)],
        ]
        .concat(),
    ));
}

fn scheme_and_issuer(a: &Analysis, out: &mut Vec<MonitorFinding>) {
    let b = &a.breakdowns;
    let bins = worst(&b.bin, declines, MIN_ERRORS, MIN_POINTS);
    let issuers = worst(&b.issuer, declines, MIN_ERRORS, MIN_POINTS);
    let scheme = worst(&b.scheme, declines, MIN_ERRORS, MIN_POINTS)
        .into_iter()
        .find(|(s, _)| {
            // A scheme whose failures one of its smaller BIN ranges mostly explains is that
            // range's finding.
            !bins.iter().any(|(bin, _)| {
                bin.scheme.as_deref() == Some(s.key.as_str())
                    && bin.recent_declined * 2 >= s.recent_declined
                    && bin.recent.total * 2 < s.recent.total
            })
        });
    if let Some((s, rest)) = &scheme {
        out.push(declines_finding(
            &ONE_SCHEME,
            "card.not_supported",
            s,
            *rest,
            (format!("{} cards", s.key), format!("{}卡", s.key)),
        ));
    }
    let in_flagged_scheme = |g: &Group| {
        scheme
            .as_ref()
            .is_some_and(|(s, _)| g.scheme.as_deref() == Some(s.key.as_str()))
    };
    let pick = issuers
        .iter()
        .find(|(g, _)| !in_flagged_scheme(g))
        .map(|(g, r)| (g, r, true))
        .or_else(|| {
            bins.iter()
                .find(|(g, _)| !in_flagged_scheme(g))
                .map(|(g, r)| (g, r, false))
        });
    let Some((g, rest, is_issuer)) = pick else {
        return;
    };
    let (name_en, name_zh) = if is_issuer {
        (g.key.clone(), g.key.clone())
    } else {
        (
            format!("Cards starting {}", g.key),
            format!("卡号以 {} 开头的卡", g.key),
        )
    };
    out.push(declines_finding(
        &ONE_ISSUER,
        "issuer.risk_control",
        g,
        *rest,
        (name_en, name_zh),
    ));
}

/// A finding on a group whose declines stand out (a scheme, an issuer, a BIN range), citing
/// its declines in the last 7 days against the rest's.
fn declines_finding(
    def: &FindingDef,
    cause: &str,
    g: &Group,
    rest: Counts,
    (name_en, name_zh): (String, String),
) -> MonitorFinding {
    let c = declines(g);
    MonitorFinding::new(
        def,
        Some(cause),
        Some(g.key.clone()),
        BiText::new(
            format!(
                "{name_en}: {} declined in the last 7 days ({} of {}), against {} for other cards ({} of {}).",
                pct(c),
                c.errors,
                c.total,
                pct(rest),
                rest.errors,
                rest.total
            ),
            format!(
                "{name_zh}：近7天 {} 被拒（{} 笔中 {} 笔），其他卡只有 {}（{} 笔中 {} 笔）。",
                pct(c),
                c.total,
                c.errors,
                pct(rest),
                rest.total,
                rest.errors
            ),
        ),
        &group_figures(c, rest),
    )
}

fn cashier(a: &Analysis, out: &mut Vec<MonitorFinding>) {
    let Some((g, rest)) = worst(&a.breakdowns.operator, chip_reads, 5, 3.0)
        .into_iter()
        .next()
    else {
        return;
    };
    let c = chip_reads(&g);
    out.push(MonitorFinding::new(
        &ONE_CASHIER,
        Some("staff.training"),
        Some(g.key.clone()),
        BiText::new(
            format!(
                "Cashier {}: {} chip read failures in {} payments ({}), against {} for the other cashiers ({} in {}).",
                g.key,
                c.errors,
                c.total,
                pct(c),
                pct(rest),
                rest.errors,
                rest.total
            ),
            format!(
                "收银员 {}：{} 笔交易中读卡失败 {} 笔（{}），其他收银员只有 {}（{} 笔中 {} 笔）。",
                g.key,
                c.total,
                c.errors,
                pct(c),
                pct(rest),
                rest.total,
                rest.errors
            ),
        ),
        &group_figures(c, rest),
    ));
}

fn rising(a: &Analysis, out: &mut Vec<MonitorFinding>) {
    let t = &a.trend;
    let (r, b) = (t.recent, t.before);
    if r.total < 50 || b.total < 100 || r.rate() < 1.5 * b.rate() || r.rate() - b.rate() < 2.0 {
        return;
    }
    out.push(MonitorFinding::new(
        &ERRORS_RISING,
        Some("monitoring"),
        None,
        BiText::new(
            format!(
                "In the last 7 days {} of payments failed ({} of {}), against {} in the 28 days before ({} of {}).",
                pct(r),
                r.errors,
                r.total,
                pct(b),
                b.errors,
                b.total
            ),
            format!(
                "近7天 {} 的交易失败（{} 笔中 {} 笔），之前28天是 {}（{} 笔中 {} 笔）。",
                pct(r),
                r.total,
                r.errors,
                pct(b),
                b.total,
                b.errors
            ),
        ),
        &[
            ("recent_payments", r.total as f64),
            ("recent_failed", r.errors as f64),
            ("recent_rate_pct", round1(r.rate())),
            ("before_payments", b.total as f64),
            ("before_failed", b.errors as f64),
            ("before_rate_pct", round1(b.rate())),
        ],
    ));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Severity;

    #[test]
    fn hour_ranges_join_neighbours() {
        assert_eq!(hour_ranges(&[9, 18, 19, 20]), "09:00–10:00, 18:00–21:00");
        assert_eq!(hour_ranges(&[23]), "23:00–24:00");
    }

    #[test]
    fn codes_are_unique_and_namespaced() {
        let mut seen = std::collections::BTreeSet::new();
        for d in crate::finding::monitor::ALL {
            assert!(d.code.starts_with("monitor."));
            assert!(seen.insert(d.code));
        }
        assert_eq!(NOTHING_STANDS_OUT.severity, Severity::Ok);
    }
}
