//! The analysis of imported transactions: error rates over time and by response code, scheme,
//! BIN range, issuer, terminal, entry mode and cashier, and the change between the last 7 days
//! and the 28 before. Pure, no I/O; the findings are drawn from it in [`super::findings`].

use super::model::{EntryMode, Outcome, Transaction};
use crate::emv::arc::ResponseCode;
use crate::i18n::{BiText, Lang};
use chrono::{Days, NaiveDate, NaiveDateTime, Timelike};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// Most rows kept in one breakdown; the rest are added up in `other`.
pub const MAX_GROUPS: usize = 20;
/// Most days kept in the daily series (the latest ones).
pub const MAX_DAYS: usize = 400;

/// Payments and failed payments.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    /// All payments.
    pub total: u64,
    /// Failed ones.
    pub errors: u64,
}

impl Counts {
    fn add(&mut self, error: bool) {
        self.total += 1;
        self.errors += u64::from(error);
    }

    /// The sum of both.
    pub fn plus(self, o: Counts) -> Counts {
        Counts {
            total: self.total + o.total,
            errors: self.errors + o.errors,
        }
    }

    /// `self` less `o`, not below zero.
    pub fn minus(self, o: Counts) -> Counts {
        Counts {
            total: self.total.saturating_sub(o.total),
            errors: self.errors.saturating_sub(o.errors),
        }
    }

    /// Failed share in percent (0 when there is nothing).
    pub fn rate(self) -> f64 {
        if self.total == 0 {
            0.0
        } else {
            self.errors as f64 * 100.0 / self.total as f64
        }
    }
}

/// The time the file covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    /// First payment.
    pub first: NaiveDateTime,
    /// Last payment.
    pub last: NaiveDateTime,
    /// Calendar days from the first to the last, both counted.
    pub days: u64,
}

/// The last 7 days (ending on the last day in the file) against the 28 days before them.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Trend {
    /// First day of the last 7.
    pub recent_from: NaiveDate,
    /// The last 7 days.
    pub recent: Counts,
    /// First day of the 28 before.
    pub before_from: NaiveDate,
    /// The 28 days before.
    pub before: Counts,
    /// Change of the error rate in percentage points (recent − before); `None` without both.
    pub change_points: Option<f64>,
}

/// One day's payments.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Day {
    /// The date.
    pub date: NaiveDate,
    /// Its payments.
    pub counts: Counts,
}

/// One hour of the day (over all days).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hour {
    /// 0–23, local time.
    pub hour: u32,
    /// Payments in that hour.
    pub counts: Counts,
    /// Of the failures, how many were network ones (timeouts, `68`/`96`/`98`).
    pub network_errors: u64,
}

/// One response code.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CodeRow {
    /// The code.
    pub code: String,
    /// How many payments got it.
    pub count: u64,
    /// Whether it means approved.
    pub approved: bool,
    /// What it means, from the EMV, ISO 8583 and UnionPay tables.
    pub meaning: BiText,
}

/// One group in a breakdown (a terminal, a scheme, a BIN range …).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Group {
    /// The terminal id, scheme, BIN, issuer, entry mode or cashier.
    pub key: String,
    /// All its payments.
    pub counts: Counts,
    /// Its payments in the last 7 days.
    pub recent: Counts,
    /// Its chip-read failures.
    pub chip_read_errors: u64,
    /// Its payments the bank or host declined in the last 7 days.
    pub recent_declined: u64,
    /// Its payments that failed at the terminal in the last 7 days (chip not read, other
    /// local failures; not network or sign-in).
    pub recent_terminal_failures: u64,
    /// The card scheme of its first payment (for BIN ranges and issuers).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scheme: Option<String>,
}

/// A breakdown: the groups with the most failures first, the rest added up.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Breakdown {
    /// The first [`MAX_GROUPS`] groups.
    pub groups: Vec<Group>,
    /// Everything else, when there were more groups.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub other: Option<Counts>,
}

/// Every breakdown.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Breakdowns {
    /// By response code (all payments that had one).
    pub response_code: Vec<CodeRow>,
    /// By failure kind (`declined`, `network`, `sign_in`, `chip_read`, `failed`).
    pub outcome: BTreeMap<Outcome, u64>,
    /// By card scheme.
    pub scheme: Breakdown,
    /// By BIN range (first 6 digits).
    pub bin: Breakdown,
    /// By issuing bank.
    pub issuer: Breakdown,
    /// By terminal.
    pub terminal: Breakdown,
    /// By entry mode.
    pub entry_mode: Breakdown,
    /// By cashier.
    pub operator: Breakdown,
}

/// The analysis of one export.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    /// The time covered.
    pub period: Period,
    /// All payments.
    pub totals: Counts,
    /// Last 7 days against the 28 before.
    pub trend: Trend,
    /// Per day, oldest first (days without payments included).
    pub days: Vec<Day>,
    /// Per hour of the day.
    pub hours: Vec<Hour>,
    /// The breakdowns.
    pub breakdowns: Breakdowns,
    /// What stands out.
    pub findings: Vec<super::findings::MonitorFinding>,
}

/// Analyses `transactions`; `None` when there are none.
pub fn analyze(transactions: &[Transaction]) -> Option<Analysis> {
    let first = transactions.iter().map(|t| t.at).min()?;
    let last = transactions.iter().map(|t| t.at).max()?;
    let end = last.date();
    let recent_from = end.checked_sub_days(Days::new(6)).unwrap_or(end);
    let before_from = recent_from.checked_sub_days(Days::new(28)).unwrap_or(end);
    let mut acc = Acc::default();
    for t in transactions {
        acc.add(t, t.at.date() >= recent_from, t.at.date() >= before_from);
    }
    let days = day_series(&acc.per_day, first.date(), end);
    let before = acc.before;
    let recent = acc.recent;
    let trend = Trend {
        recent_from,
        recent,
        before_from,
        before,
        change_points: (recent.total > 0 && before.total > 0)
            .then(|| recent.rate() - before.rate()),
    };
    let mut analysis = Analysis {
        period: Period {
            first,
            last,
            days: (end - first.date()).num_days().unsigned_abs() + 1,
        },
        totals: acc.totals,
        trend,
        days,
        hours: acc
            .hours
            .iter()
            .enumerate()
            .map(|(h, (counts, net))| Hour {
                hour: h as u32,
                counts: *counts,
                network_errors: *net,
            })
            .collect(),
        breakdowns: Breakdowns {
            response_code: code_rows(acc.codes),
            outcome: acc.outcomes,
            scheme: breakdown(acc.scheme),
            bin: breakdown(acc.bin),
            issuer: breakdown(acc.issuer),
            terminal: breakdown(acc.terminal),
            entry_mode: breakdown(
                acc.entry
                    .into_iter()
                    .map(|(k, v)| (k.key().to_owned(), v))
                    .collect(),
            ),
            operator: breakdown(acc.operator),
        },
        findings: Vec::new(),
    };
    analysis.findings = super::findings::find(&analysis);
    Some(analysis)
}

#[derive(Default)]
struct Acc {
    totals: Counts,
    recent: Counts,
    before: Counts,
    per_day: BTreeMap<NaiveDate, Counts>,
    hours: [(Counts, u64); 24],
    codes: HashMap<String, u64>,
    outcomes: BTreeMap<Outcome, u64>,
    scheme: HashMap<String, Group>,
    bin: HashMap<String, Group>,
    issuer: HashMap<String, Group>,
    terminal: HashMap<String, Group>,
    entry: HashMap<EntryMode, Group>,
    operator: HashMap<String, Group>,
}

impl Acc {
    fn add(&mut self, t: &Transaction, recent: bool, in_window: bool) {
        let err = t.outcome.is_error();
        self.totals.add(err);
        if recent {
            self.recent.add(err);
        } else if in_window {
            self.before.add(err);
        }
        self.per_day.entry(t.at.date()).or_default().add(err);
        let hour = &mut self.hours[t.at.hour() as usize % 24];
        hour.0.add(err);
        hour.1 += u64::from(t.outcome == Outcome::Network);
        if let Some(c) = &t.response {
            *self.codes.entry(c.clone()).or_default() += 1;
        }
        if err {
            *self.outcomes.entry(t.outcome).or_default() += 1;
        }
        let add = |map: &mut HashMap<String, Group>, key: &Option<String>| {
            if let Some(k) = key {
                group_add(map.entry(k.clone()).or_insert_with(|| group(k)), t, recent);
            }
        };
        add(&mut self.scheme, &t.scheme);
        add(&mut self.bin, &t.bin);
        add(&mut self.issuer, &t.issuer);
        add(&mut self.terminal, &t.terminal);
        add(&mut self.operator, &t.operator);
        if let Some(e) = t.entry {
            group_add(
                self.entry.entry(e).or_insert_with(|| group(e.key())),
                t,
                recent,
            );
        }
    }
}

fn group(key: &str) -> Group {
    Group {
        key: key.to_owned(),
        counts: Counts::default(),
        recent: Counts::default(),
        chip_read_errors: 0,
        recent_declined: 0,
        recent_terminal_failures: 0,
        scheme: None,
    }
}

fn group_add(g: &mut Group, t: &Transaction, recent: bool) {
    let err = t.outcome.is_error();
    g.counts.add(err);
    if recent {
        g.recent.add(err);
    }
    g.chip_read_errors += u64::from(t.outcome == Outcome::ChipRead);
    if recent {
        g.recent_declined += u64::from(t.outcome == Outcome::Declined);
        g.recent_terminal_failures +=
            u64::from(matches!(t.outcome, Outcome::ChipRead | Outcome::Failed));
    }
    if g.scheme.is_none() {
        g.scheme.clone_from(&t.scheme);
    }
}

fn day_series(per_day: &BTreeMap<NaiveDate, Counts>, first: NaiveDate, end: NaiveDate) -> Vec<Day> {
    let start = end
        .checked_sub_days(Days::new(MAX_DAYS as u64 - 1))
        .map_or(first, |s| s.max(first));
    start
        .iter_days()
        .take_while(|d| *d <= end)
        .map(|date| Day {
            date,
            counts: per_day.get(&date).copied().unwrap_or_default(),
        })
        .collect()
}

fn code_rows(codes: HashMap<String, u64>) -> Vec<CodeRow> {
    let mut rows: Vec<CodeRow> = codes
        .into_iter()
        .map(|(code, count)| {
            let rc = ResponseCode { code };
            CodeRow {
                count,
                approved: rc.approved(),
                meaning: BiText::new(rc.text(Lang::En), rc.text(Lang::ZhCn)),
                code: rc.code,
            }
        })
        .collect();
    rows.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.code.cmp(&b.code)));
    rows
}

/// Groups with the most failures first (then the most payments, then by key).
fn breakdown(map: HashMap<String, Group>) -> Breakdown {
    let mut groups: Vec<Group> = map.into_values().collect();
    groups.sort_by(|a, b| {
        b.counts
            .errors
            .cmp(&a.counts.errors)
            .then_with(|| b.counts.total.cmp(&a.counts.total))
            .then_with(|| a.key.cmp(&b.key))
    });
    let other = (groups.len() > MAX_GROUPS).then(|| {
        groups
            .drain(MAX_GROUPS..)
            .fold(Counts::default(), |acc, g| acc.plus(g.counts))
    });
    Breakdown { groups, other }
}

impl Breakdown {
    /// Everything in this breakdown, listed groups and the rest.
    pub fn total(&self) -> Counts {
        self.groups
            .iter()
            .fold(self.other.unwrap_or_default(), |acc, g| acc.plus(g.counts))
    }

    /// `what` added up over every listed group but `key`.
    pub fn others(&self, key: &str, what: impl Fn(&Group) -> Counts) -> Counts {
        self.groups
            .iter()
            .filter(|g| g.key != key)
            .fold(Counts::default(), |acc, g| acc.plus(what(g)))
    }

    /// All payments of every group but `key`.
    pub fn without(&self, key: &str) -> Counts {
        self.groups
            .iter()
            .find(|g| g.key == key)
            .map_or(self.total(), |g| self.total().minus(g.counts))
    }
}
