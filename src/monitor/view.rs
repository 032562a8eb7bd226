//! The view model of an analysed export: every label and value in one language, defined once
//! for the command line, the report exports and the window. Pure.

use super::analysis::{Breakdown, Counts};
use super::columns::Field;
use super::findings::pct;
use super::{EntryMode, MonitorReport, Outcome};
use crate::finding::Severity;
use crate::i18n::{Lang, Text};

/// One finding as people read it.
#[derive(Clone, Debug, PartialEq)]
pub struct FindingView {
    /// Severity.
    pub severity: Severity,
    /// Title.
    pub title: String,
    /// The sentence with the figures.
    pub evidence: String,
    /// What to do.
    pub advice: String,
    /// Stable code (technical details only).
    pub code: String,
    /// Guide cause (technical details only).
    pub cause: Option<String>,
    /// The response codes behind it, `A0 ×8, 77 ×2` (technical details only; empty if none).
    pub codes: String,
}

/// A table: a title, column labels and rows of text.
#[derive(Clone, Debug, PartialEq)]
pub struct TableView {
    /// Title.
    pub title: String,
    /// Column labels.
    pub columns: Vec<String>,
    /// Rows.
    pub rows: Vec<Vec<String>>,
    /// Whether it is for technicians (response codes): the window shows it under "Technical
    /// details", not in the main view.
    pub technical: bool,
}

/// Everything the front ends show of one analysis.
#[derive(Clone, Debug, PartialEq)]
pub struct MonitorView {
    /// "Transaction export: FILE".
    pub title: String,
    /// Period, payments, failure rate, last 7 days against the 28 before.
    pub summary: Vec<(String, String)>,
    /// What stands out, most useful first.
    pub findings: Vec<FindingView>,
    /// The breakdowns.
    pub tables: Vec<TableView>,
    /// The bad rows in one sentence, `None` when there were none.
    pub bad_rows: Option<String>,
}

const T_TITLE: Text = Text::new("Transaction export", "交易明细分析");
const T_PERIOD: Text = Text::new("Period", "时间范围");
const T_PAYMENTS: Text = Text::new("Payments", "交易笔数");
const T_FAILED: Text = Text::new("Failed", "失败");
const T_RATE: Text = Text::new("Failure rate", "失败率");
const T_RECENT: Text = Text::new("Last 7 days", "近7天");
const T_BEFORE: Text = Text::new("The 28 days before", "之前28天");
const T_COLUMNS: Text = Text::new("Columns read", "读取的列");
const T_CODE: Text = Text::new("Response code", "应答码");
const T_MEANING: Text = Text::new("Meaning", "含义");
const T_COUNT: Text = Text::new("Count", "笔数");
const T_KIND: Text = Text::new("How payments failed", "失败类型");

/// The title of each breakdown.
fn breakdown_title(field: Field) -> Text {
    match field {
        Field::Scheme => Text::new("By card scheme", "按卡组织"),
        Field::Card => Text::new("By BIN range (first 6 digits)", "按卡BIN（前6位）"),
        Field::Issuer => Text::new("By issuing bank", "按发卡行"),
        Field::Terminal => Text::new("By terminal", "按终端"),
        Field::Entry => Text::new("By entry mode", "按读卡方式"),
        Field::Operator => Text::new("By cashier", "按收银员"),
        _ => Text::new("Breakdown", "分类"),
    }
}

/// The name of a group column.
fn group_label(field: Field) -> Text {
    match field {
        Field::Scheme => Text::new("Scheme", "卡组织"),
        Field::Card => Text::new("BIN", "卡BIN"),
        Field::Issuer => Text::new("Issuer", "发卡行"),
        Field::Terminal => Text::new("Terminal", "终端"),
        Field::Entry => Text::new("Entry mode", "读卡方式"),
        Field::Operator => Text::new("Cashier", "收银员"),
        _ => Text::new("Group", "分组"),
    }
}

/// A failure kind in words.
pub fn outcome_label(o: Outcome) -> Text {
    match o {
        Outcome::Approved => Text::new("Approved", "成功"),
        Outcome::Declined => Text::new("Declined by the bank or host", "被银行或主机拒绝"),
        Outcome::Network => Text::new(
            "Network: timed out, or the bank's system did not answer",
            "网络：超时或银行系统没有应答",
        ),
        Outcome::SignIn => Text::new(
            "Sign in（签到）needed: keys or batch out of step",
            "需要重新签到：密钥或批次不符",
        ),
        Outcome::ChipRead => Text::new("Chip could not be read", "读卡失败"),
        Outcome::Failed => Text::new("Failed at the terminal", "终端上失败"),
    }
}

/// The name of a field as a column label.
pub fn field_label(f: Field) -> Text {
    match f {
        Field::Time => Text::new("Time", "交易时间"),
        Field::Date => Text::new("Date", "交易日期"),
        Field::Amount => Text::new("Amount", "金额"),
        Field::Response => T_CODE,
        Field::Scheme => Text::new("Scheme", "卡组织"),
        Field::Card => Text::new("Card number", "卡号"),
        Field::Entry => Text::new("Entry mode", "读卡方式"),
        Field::Terminal => Text::new("Terminal", "终端号"),
        Field::Result => Text::new("Result", "交易结果"),
        Field::Issuer => Text::new("Issuer", "发卡行"),
        Field::Operator => Text::new("Cashier", "收银员"),
    }
}

fn counts_text(c: Counts, lang: Lang) -> String {
    match lang {
        Lang::En => format!("{} of {} ({})", c.errors, c.total, pct(c)),
        Lang::ZhCn => format!("{} 笔中 {} 笔（{}）", c.total, c.errors, pct(c)),
    }
}

impl MonitorView {
    /// The view of `r` in `lang`.
    pub fn new(r: &MonitorReport, lang: Lang) -> MonitorView {
        let a = &r.analysis;
        let p = a.period;
        let summary = vec![
            (
                T_PERIOD.get(lang).to_owned(),
                match lang {
                    Lang::En => format!(
                        "{} – {} ({} days)",
                        p.first.format("%Y-%m-%d %H:%M"),
                        p.last.format("%Y-%m-%d %H:%M"),
                        p.days
                    ),
                    Lang::ZhCn => format!(
                        "{} – {}（{} 天）",
                        p.first.format("%Y-%m-%d %H:%M"),
                        p.last.format("%Y-%m-%d %H:%M"),
                        p.days
                    ),
                },
            ),
            (T_PAYMENTS.get(lang).to_owned(), a.totals.total.to_string()),
            (T_RATE.get(lang).to_owned(), counts_text(a.totals, lang)),
            (
                T_RECENT.get(lang).to_owned(),
                counts_text(a.trend.recent, lang),
            ),
            (
                T_BEFORE.get(lang).to_owned(),
                counts_text(a.trend.before, lang),
            ),
            (
                T_COLUMNS.get(lang).to_owned(),
                r.source
                    .columns
                    .iter()
                    .map(|(f, h)| format!("{} = {h}", field_label(*f).get(lang)))
                    .collect::<Vec<_>>()
                    .join(match lang {
                        Lang::En => ", ",
                        Lang::ZhCn => "，",
                    }),
            ),
        ];
        let findings = a
            .findings
            .iter()
            .map(|f| FindingView {
                severity: f.finding.severity,
                title: f.finding.title(lang).to_owned(),
                evidence: f.evidence.get(lang).to_owned(),
                advice: f.finding.advice(lang).to_owned(),
                code: f.finding.code.clone(),
                cause: f.cause.clone(),
                codes: f.codes_text(lang),
            })
            .collect();
        let b = &a.breakdowns;
        let mut tables = Vec::new();
        tables.push(TableView {
            title: T_KIND.get(lang).to_owned(),
            columns: vec![T_KIND.get(lang).to_owned(), T_COUNT.get(lang).to_owned()],
            rows: b
                .outcome
                .iter()
                .map(|(o, n)| vec![outcome_label(*o).get(lang).to_owned(), n.to_string()])
                .collect(),
            technical: false,
        });
        tables.push(TableView {
            title: Text::new("By response code", "按应答码")
                .get(lang)
                .to_owned(),
            columns: vec![
                T_CODE.get(lang).to_owned(),
                T_COUNT.get(lang).to_owned(),
                T_MEANING.get(lang).to_owned(),
            ],
            rows: b
                .response_code
                .iter()
                .take(super::analysis::MAX_GROUPS)
                .map(|c| {
                    vec![
                        c.code.clone(),
                        c.count.to_string(),
                        c.meaning.get(lang).to_owned(),
                    ]
                })
                .collect(),
            technical: true,
        });
        for (field, bd) in [
            (Field::Terminal, &b.terminal),
            (Field::Scheme, &b.scheme),
            (Field::Issuer, &b.issuer),
            (Field::Card, &b.bin),
            (Field::Entry, &b.entry_mode),
            (Field::Operator, &b.operator),
        ] {
            if !bd.groups.is_empty() {
                tables.push(group_table(field, bd, lang));
            }
        }
        let bad_rows = (r.source.bad.count > 0).then(|| {
            let lines = r
                .source
                .bad
                .listed
                .iter()
                .take(20)
                .map(|b| match lang {
                    Lang::En => format!("{} ({})", b.line, b.reason.text().en),
                    Lang::ZhCn => format!("{}（{}）", b.line, b.reason.text().zh),
                })
                .collect::<Vec<_>>()
                .join(match lang {
                    Lang::En => ", ",
                    Lang::ZhCn => "、",
                });
            let more = r.source.bad.count.saturating_sub(20);
            match lang {
                Lang::En => format!(
                    "{} rows could not be used, by line: {lines}{}",
                    r.source.bad.count,
                    if more > 0 {
                        format!(" and {more} more")
                    } else {
                        String::new()
                    }
                ),
                Lang::ZhCn => format!(
                    "有 {} 行无法使用，行号：{lines}{}",
                    r.source.bad.count,
                    if more > 0 {
                        format!(" 等，另有 {more} 行")
                    } else {
                        String::new()
                    }
                ),
            }
        });
        MonitorView {
            title: match lang {
                Lang::En => format!("{}: {}", T_TITLE.en, r.source.file_name),
                Lang::ZhCn => format!("{}：{}", T_TITLE.zh, r.source.file_name),
            },
            summary,
            findings,
            tables,
            bad_rows,
        }
    }
}

fn group_table(field: Field, bd: &Breakdown, lang: Lang) -> TableView {
    let name = |key: &str| {
        if field == Field::Entry {
            entry_label(key).map_or_else(|| key.to_owned(), |t| t.get(lang).to_owned())
        } else {
            key.to_owned()
        }
    };
    let mut rows: Vec<Vec<String>> = bd
        .groups
        .iter()
        .map(|g| {
            vec![
                name(&g.key),
                g.counts.total.to_string(),
                g.counts.errors.to_string(),
                pct(g.counts),
                pct(g.recent),
            ]
        })
        .collect();
    if let Some(o) = bd.other {
        rows.push(vec![
            Text::new("Others", "其他").get(lang).to_owned(),
            o.total.to_string(),
            o.errors.to_string(),
            pct(o),
            String::new(),
        ]);
    }
    TableView {
        title: breakdown_title(field).get(lang).to_owned(),
        columns: vec![
            group_label(field).get(lang).to_owned(),
            T_PAYMENTS.get(lang).to_owned(),
            T_FAILED.get(lang).to_owned(),
            T_RATE.get(lang).to_owned(),
            match lang {
                Lang::En => format!("{} ({})", T_RATE.en, T_RECENT.en.to_lowercase()),
                Lang::ZhCn => format!("{}（{}）", T_RATE.zh, T_RECENT.zh),
            },
        ],
        rows,
        technical: false,
    }
}

fn entry_label(key: &str) -> Option<Text> {
    [
        EntryMode::Chip,
        EntryMode::Contactless,
        EntryMode::Swipe,
        EntryMode::Fallback,
        EntryMode::Manual,
        EntryMode::Other,
    ]
    .into_iter()
    .find(|e| e.key() == key)
    .map(EntryMode::label)
}

impl MonitorView {
    /// Plain text for a terminal: the summary, the findings, the tables.
    pub fn to_text(&self, lang: Lang) -> String {
        let mut out = format!("{}\n\n", self.title);
        for (k, v) in &self.summary {
            out.push_str(&format!("{k}: {v}\n"));
        }
        if let Some(b) = &self.bad_rows {
            out.push_str(&format!("{b}\n"));
        }
        out.push('\n');
        for f in &self.findings {
            out.push_str(&format!(
                "[{}] {}\n  {}\n  {}\n",
                f.severity.label(lang),
                f.title,
                f.evidence,
                f.advice
            ));
        }
        for t in &self.tables {
            out.push_str(&format!("\n{}\n", t.title));
            let widths: Vec<usize> = (0..t.columns.len())
                .map(|i| {
                    std::iter::once(&t.columns[i])
                        .chain(t.rows.iter().filter_map(|r| r.get(i)))
                        .map(|s| display_width(s))
                        .max()
                        .unwrap_or(0)
                })
                .collect();
            let line = |cells: &[String]| {
                cells
                    .iter()
                    .zip(&widths)
                    .map(|(c, w)| format!("{c}{}", " ".repeat(w.saturating_sub(display_width(c)))))
                    .collect::<Vec<_>>()
                    .join("  ")
                    .trim_end()
                    .to_owned()
            };
            out.push_str(&format!("  {}\n", line(&t.columns)));
            for r in &t.rows {
                out.push_str(&format!("  {}\n", line(r)));
            }
        }
        out
    }
}

/// Columns a string takes in a terminal: CJK and full-width characters take two.
fn display_width(s: &str) -> usize {
    s.chars()
        .map(|c| match u32::from(c) {
            0x1100..=0x115F
            | 0x2E80..=0xA4CF
            | 0xAC00..=0xD7A3
            | 0xF900..=0xFAFF
            | 0xFE30..=0xFE4F
            | 0xFF00..=0xFF60
            | 0xFFE0..=0xFFE6 => 2,
            _ => 1,
        })
        .sum()
}
