//! From the rows of a table (CSV or a worksheet, already decoded to text by
//! [`super::read`]) to [`Transaction`]s. Pure, no I/O.
//!
//! The header row is the first of the first 20 rows naming at least two known fields (exports
//! often start with a title and the shop's name). Each later row becomes a transaction or a
//! [`BadRow`] with its line number: nothing is dropped silently. Card numbers are masked as
//! they are read; no cell text is ever quoted back, so a misplaced card number cannot leak
//! through an error message.

use super::columns::{self, Columns, Field, MapError, Mapping};
use super::model::{EntryMode, Outcome, Transaction};
use crate::emv::arc::ResponseCode;
use crate::emv::pan::MaskedPan;
use crate::i18n::Text;
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};

/// How many rows are searched for the header row.
const HEADER_SEARCH_ROWS: usize = 20;
/// How many bad rows are listed by line (all are counted).
pub const MAX_LISTED_BAD_ROWS: usize = 100;

/// One row of the table with the line (CSV) or row number (worksheet) it came from, 1-based.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    /// Line or row number, 1-based.
    pub line: u64,
    /// The cells as text.
    pub cells: Vec<String>,
}

/// Why a row could not be used.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BadReason {
    /// The date or time cell is empty.
    NoTime,
    /// The date or time is not a date EMV Doctor can read.
    BadTime,
    /// Neither a response code nor a result that says how the payment ended.
    NoOutcome,
    /// A total line（合计 / Total）rather than a payment.
    TotalLine,
}

impl BadReason {
    /// What is wrong, in words.
    pub fn text(self) -> Text {
        match self {
            BadReason::NoTime => Text::new("no date or time", "没有交易时间"),
            BadReason::BadTime => Text::new("date or time not understood", "交易时间看不懂"),
            BadReason::NoOutcome => {
                Text::new("no response code or result", "没有应答码，也没有交易结果")
            }
            BadReason::TotalLine => Text::new("a total line, not a payment", "合计行，不是交易"),
        }
    }
}

/// A row that could not be used.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BadRow {
    /// Line or row number, 1-based.
    pub line: u64,
    /// Why.
    pub reason: BadReason,
}

/// The rows that could not be used: all counted, the first [`MAX_LISTED_BAD_ROWS`] listed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BadRows {
    /// How many.
    pub count: usize,
    /// The first ones, by line.
    pub listed: Vec<BadRow>,
}

impl BadRows {
    fn push(&mut self, row: BadRow) {
        self.count += 1;
        if self.listed.len() < MAX_LISTED_BAD_ROWS {
            self.listed.push(row);
        }
    }
}

/// Why a table gave no transactions.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    /// No row names the columns EMV Doctor needs.
    #[error(
        "no header row with a date/time column and a response code or result column was found in the first {HEADER_SEARCH_ROWS} rows; name the columns with --map, e.g. --map time=3,response=应答码"
    )]
    NoHeader,
    /// The mapping does not fit the file.
    #[error(transparent)]
    Map(#[from] MapError),
    /// A header, but not one usable row.
    #[error("no usable rows: {rows} rows after the header, {bad} of them bad{first}")]
    NoUsableRows {
        /// Rows after the header.
        rows: usize,
        /// Bad rows.
        bad: usize,
        /// The first bad line and why, as text.
        first: String,
    },
}

/// An imported table.
#[derive(Clone, Debug, PartialEq)]
pub struct Import {
    /// The transactions, in file order.
    pub transactions: Vec<Transaction>,
    /// Rows after the header (not counting empty ones).
    pub rows: usize,
    /// Rows that could not be used.
    pub bad: BadRows,
    /// The columns found.
    pub columns: Columns,
    /// The layout key of the header row (see [`columns::layout_key`]).
    pub layout: String,
    /// The header row's line number.
    pub header_line: u64,
}

/// The header row's position among `rows` and its layout key, for looking up a saved mapping
/// before [`import`]. `None` when no row in the first 20 names two known fields.
pub fn find_header(rows: &[Row]) -> Option<(usize, String)> {
    rows.iter()
        .take(HEADER_SEARCH_ROWS)
        .position(|r| columns::header_score(&r.cells) >= 2)
        .map(|i| (i, columns::layout_key(&rows[i].cells)))
}

/// Imports `rows` with `mapping` (which may be empty). When the mapping is not empty and no
/// header is recognised, the first non-empty row is taken as the header.
pub fn import(rows: &[Row], mapping: &Mapping) -> Result<Import, ImportError> {
    let header_at = match find_header(rows) {
        Some((i, _)) if usable_with(&rows[i].cells, mapping) => i,
        _ if !mapping.0.is_empty() => rows
            .iter()
            .take(HEADER_SEARCH_ROWS)
            .position(|r| r.cells.iter().any(|c| !c.trim().is_empty()))
            .ok_or(ImportError::NoHeader)?,
        _ => return Err(ImportError::NoHeader),
    };
    let header = &rows[header_at];
    let cols = columns::detect(&header.cells, mapping)?;
    if !cols.usable() {
        return Err(ImportError::NoHeader);
    }
    let mut out = Import {
        transactions: Vec::with_capacity(rows.len().saturating_sub(header_at + 1)),
        rows: 0,
        bad: BadRows::default(),
        layout: columns::layout_key(&header.cells),
        header_line: header.line,
        columns: cols,
    };
    for row in &rows[header_at + 1..] {
        if row.cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        out.rows += 1;
        match parse_row(&row.cells, &out.columns) {
            Ok(t) => out.transactions.push(t),
            Err(reason) => out.bad.push(BadRow {
                line: row.line,
                reason,
            }),
        }
    }
    if out.transactions.is_empty() {
        let first = out
            .bad
            .listed
            .first()
            .map(|b| format!(" (first: line {}, {})", b.line, b.reason.text().en))
            .unwrap_or_default();
        return Err(ImportError::NoUsableRows {
            rows: out.rows,
            bad: out.bad.count,
            first,
        });
    }
    Ok(out)
}

fn usable_with(header: &[String], mapping: &Mapping) -> bool {
    columns::detect(header, mapping).is_ok_and(|c| c.usable())
}

fn cell<'a>(cells: &'a [String], cols: &Columns, field: Field) -> Option<&'a str> {
    cols.get(field)
        .and_then(|i| cells.get(i))
        .map(|c| c.trim())
        .filter(|c| !c.is_empty() && *c != "-" && *c != "--")
}

/// Text cells kept as they are (terminal id, issuer, cashier), with anything that looks like a
/// full card number masked.
fn text_cell(cells: &[String], cols: &Columns, field: Field) -> Option<String> {
    cell(cells, cols, field).map(|c| {
        let c: String = c.chars().take(64).collect();
        crate::report::privacy::scrub_text(&c).unwrap_or(c)
    })
}

fn parse_row(cells: &[String], cols: &Columns) -> Result<Transaction, BadReason> {
    let is_total = cells
        .iter()
        .map(|c| c.trim())
        .find(|c| !c.is_empty())
        .is_some_and(|c| {
            let c = c.to_lowercase();
            ["合计", "总计", "小计", "total", "sum"]
                .iter()
                .any(|w| c.starts_with(w))
        });
    if is_total {
        return Err(BadReason::TotalLine);
    }
    let at = parse_when(
        cell(cells, cols, Field::Date),
        cell(cells, cols, Field::Time),
    )?;
    let response = cell(cells, cols, Field::Response).and_then(response_code);
    let result = cell(cells, cols, Field::Result);
    let outcome = outcome(response.as_deref(), result).ok_or(BadReason::NoOutcome)?;
    let card = cell(cells, cols, Field::Card).and_then(MaskedPan::from_text);
    let bin = card.as_ref().and_then(|c| c.bin()).map(str::to_owned);
    let scheme = cell(cells, cols, Field::Scheme)
        .map(normalise_scheme)
        .or_else(|| bin.as_deref().and_then(scheme_of_bin).map(str::to_owned));
    Ok(Transaction {
        at,
        amount_minor: cell(cells, cols, Field::Amount).and_then(parse_amount),
        response,
        outcome,
        scheme,
        card,
        bin,
        entry: cell(cells, cols, Field::Entry).and_then(EntryMode::parse),
        terminal: text_cell(cells, cols, Field::Terminal),
        issuer: text_cell(cells, cols, Field::Issuer),
        operator: text_cell(cells, cols, Field::Operator),
    })
}

const DATE_TIME_FORMATS: &[&str] = &[
    "%Y-%m-%d %H:%M:%S%.f",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M:%S%.f",
    "%Y/%m/%d %H:%M:%S%.f",
    "%Y/%m/%d %H:%M",
    "%Y%m%d%H%M%S",
    "%Y%m%d %H%M%S",
    "%Y%m%d %H:%M:%S",
    "%Y年%m月%d日 %H:%M:%S",
    "%Y年%m月%d日 %H:%M",
    "%Y年%m月%d日%H:%M:%S",
    "%Y.%m.%d %H:%M:%S",
];
const DATE_FORMATS: &[&str] = &["%Y-%m-%d", "%Y/%m/%d", "%Y%m%d", "%Y年%m月%d日", "%Y.%m.%d"];
const TIME_FORMATS: &[&str] = &["%H:%M:%S%.f", "%H:%M", "%H%M%S"];

/// The local time of a payment from a date-and-time cell, or a date cell and a time cell.
fn parse_when(date: Option<&str>, time: Option<&str>) -> Result<NaiveDateTime, BadReason> {
    if let Some(t) = time
        && let Some(dt) = date_time(t)
    {
        return Ok(dt);
    }
    match (date, time) {
        (None, None) => Err(BadReason::NoTime),
        (Some(d), Some(t)) => {
            let day = date_only(d).ok_or(BadReason::BadTime)?;
            let tod = TIME_FORMATS
                .iter()
                .find_map(|f| NaiveTime::parse_from_str(t, f).ok())
                .ok_or(BadReason::BadTime)?;
            Ok(day.and_time(tod))
        }
        (Some(d), None) => date_time(d)
            .or_else(|| date_only(d).and_then(|day| day.and_hms_opt(0, 0, 0)))
            .ok_or(BadReason::BadTime),
        (None, Some(_)) => Err(BadReason::BadTime),
    }
}

fn date_time(s: &str) -> Option<NaiveDateTime> {
    DATE_TIME_FORMATS
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(s, f).ok())
}

fn date_only(s: &str) -> Option<NaiveDate> {
    DATE_FORMATS
        .iter()
        .find_map(|f| NaiveDate::parse_from_str(s, f).ok())
}

/// A response code cell: two letters or digits (a lone digit is zero-padded, `"0"` → `00`,
/// as spreadsheets drop the leading zero). Text after the code (`05-拒绝`) is ignored.
fn response_code(s: &str) -> Option<String> {
    let head: String = s
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .take(3)
        .collect();
    let code = match head.len() {
        1 if head.bytes().all(|b| b.is_ascii_digit()) => format!("0{head}"),
        2 => head,
        _ => return None,
    };
    ResponseCode::decode(code.as_bytes()).ok().map(|r| r.code)
}

fn has_any(text: &str, words: &[&str]) -> bool {
    words.iter().any(|w| text.contains(w))
}

/// How a payment ended, from its response code and its result text (either may be missing).
fn outcome(response: Option<&str>, result: Option<&str>) -> Option<Outcome> {
    let result = result.map(str::to_lowercase);
    let said = result.as_deref().and_then(result_outcome);
    if let Some(code) = response {
        if matches!(code, "A0" | "77" | "Z3") {
            return Some(Outcome::SignIn);
        }
        if matches!(code, "68" | "96" | "98") {
            return Some(Outcome::Network);
        }
        let approved = ResponseCode { code: code.into() }.approved();
        return Some(match said {
            Some(o @ (Outcome::Network | Outcome::SignIn | Outcome::ChipRead)) => o,
            Some(Outcome::Failed) if approved => Outcome::Failed,
            _ if approved => Outcome::Approved,
            _ => Outcome::Declined,
        });
    }
    said
}

/// What a result or status text says: approved, or which kind of failure.
fn result_outcome(r: &str) -> Option<Outcome> {
    if has_any(
        r,
        &[
            "超时",
            "timeout",
            "time out",
            "timed out",
            "无应答",
            "no response",
            "通讯",
            "通信",
            "communication",
        ],
    ) {
        Some(Outcome::Network)
    } else if has_any(r, &["签到", "sign in", "sign-in", "sign on", "logon"]) {
        Some(Outcome::SignIn)
    } else if has_any(
        r,
        &[
            "读卡",
            "芯片",
            "ic卡",
            "chip",
            "card read",
            "read error",
            "读取",
        ],
    ) {
        Some(Outcome::ChipRead)
    } else if has_any(
        r,
        &[
            "失败",
            "拒绝",
            "fail",
            "declin",
            "error",
            "错误",
            "reject",
            "撤销失败",
        ],
    ) {
        Some(Outcome::Failed)
    } else if has_any(
        r,
        &[
            "成功", "approved", "success", "批准", "ok", "accepted", "完成",
        ],
    ) {
        Some(Outcome::Approved)
    } else {
        None
    }
}

/// The scheme's usual name from what exports write (`银联`, `CUP`, `VISA`, `万事达` …).
pub fn normalise_scheme(s: &str) -> String {
    let l = s.to_lowercase();
    let known = [
        (&["银联", "unionpay", "cup", "upi"][..], "UnionPay"),
        (&["visa", "维萨"][..], "Visa"),
        (&["master", "万事达"][..], "Mastercard"),
        (&["jcb"][..], "JCB"),
        (
            &["amex", "american express", "运通"][..],
            "American Express",
        ),
        (&["discover"][..], "Discover"),
        (&["diners", "大来"][..], "Diners Club"),
    ];
    known
        .iter()
        .find(|(words, _)| has_any(&l, words))
        .map(|(_, name)| (*name).to_owned())
        .unwrap_or_else(|| s.chars().take(32).collect())
}

/// The scheme of a BIN when the export names none (major ranges only).
fn scheme_of_bin(bin: &str) -> Option<&'static str> {
    let n2: u32 = bin.get(..2)?.parse().ok()?;
    let n4: u32 = bin.get(..4)?.parse().ok()?;
    Some(match (n2, n4) {
        (62, _) => "UnionPay",
        (40..=49, _) => "Visa",
        (51..=55, _) | (_, 2221..=2720) => "Mastercard",
        (34 | 37, _) => "American Express",
        (35, _) => "JCB",
        _ => return None,
    })
}

/// An amount in hundredths: `1,234.50`, `¥88`, `-20.00 CNY`.
fn parse_amount(s: &str) -> Option<i64> {
    let kept: String = s
        .chars()
        .filter(|c| c.is_ascii_digit() || matches!(c, '.' | '-'))
        .collect();
    let (neg, body) = match kept.strip_prefix('-') {
        Some(b) => (true, b),
        None => (false, kept.as_str()),
    };
    let (int, frac) = body.split_once('.').unwrap_or((body, ""));
    if int.is_empty() && frac.is_empty() || frac.len() > 2 && !frac[2..].bytes().all(|b| b == b'0')
    {
        return None;
    }
    let units: i64 = if int.is_empty() { 0 } else { int.parse().ok()? };
    let cents: i64 = format!("{:0<2}", frac.get(..2).unwrap_or(frac))
        .parse()
        .ok()?;
    let v = units.checked_mul(100)?.checked_add(cents)?;
    Some(if neg { -v } else { v })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(lines: &[&[&str]]) -> Vec<Row> {
        lines
            .iter()
            .enumerate()
            .map(|(i, cells)| Row {
                line: i as u64 + 1,
                cells: cells.iter().map(|s| (*s).to_owned()).collect(),
            })
            .collect()
    }

    #[test]
    fn title_rows_bad_rows_and_masking() {
        let t = rows(&[
            &["交易明细", "", ""],
            &["商户：测试小店", "", ""],
            &["交易时间", "卡号", "应答码", "交易结果"],
            &["2025-03-01 09:15:02", "6228480402564890018", "00", "成功"],
            &["2025/3/1 9:20", "622848******0018", "05", "失败"],
            &["", "", ""],
            &["昨天", "6228480402564890018", "00", "成功"],
            &["2025-03-01 10:00:00", "", "", ""],
            &["合计", "", "", ""],
            &["2025-03-01 11:00:00", "", "", "交易超时"],
        ]);
        let imp = import(&t, &Mapping::default()).unwrap();
        assert_eq!(imp.header_line, 3);
        assert_eq!(imp.rows, 6);
        assert_eq!(imp.transactions.len(), 3);
        assert_eq!(
            imp.bad.listed,
            vec![
                BadRow {
                    line: 7,
                    reason: BadReason::BadTime
                },
                BadRow {
                    line: 8,
                    reason: BadReason::NoOutcome
                },
                BadRow {
                    line: 9,
                    reason: BadReason::TotalLine
                },
            ]
        );
        let t0 = &imp.transactions[0];
        assert_eq!(t0.card.as_ref().unwrap().as_str(), "622848*********0018");
        assert_eq!(t0.bin.as_deref(), Some("622848"));
        assert_eq!(t0.scheme.as_deref(), Some("UnionPay"));
        assert_eq!(t0.outcome, Outcome::Approved);
        assert_eq!(imp.transactions[1].outcome, Outcome::Declined);
        assert_eq!(imp.transactions[2].outcome, Outcome::Network);
    }

    #[test]
    fn no_usable_rows_is_an_error() {
        let t = rows(&[
            &["Time", "Response code"],
            &["soon", "00"],
            &["never", "05"],
        ]);
        match import(&t, &Mapping::default()) {
            Err(ImportError::NoUsableRows {
                rows: 2,
                bad: 2,
                first,
            }) => {
                assert!(first.contains("line 2"))
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(
            import(&rows(&[&["a", "b"], &["1", "2"]]), &Mapping::default()),
            Err(ImportError::NoHeader)
        );
    }

    #[test]
    fn separate_date_and_time_columns() {
        let t = rows(&[
            &["交易日期", "交易时间", "返回码"],
            &["20250301", "091502", "A0"],
            &["2025-03-01", "09:16", "0"],
        ]);
        let imp = import(&t, &Mapping::default()).unwrap();
        assert_eq!(imp.transactions[0].outcome, Outcome::SignIn);
        assert_eq!(imp.transactions[1].response.as_deref(), Some("00"));
        assert_eq!(
            imp.transactions[1].at.format("%F %R").to_string(),
            "2025-03-01 09:16"
        );
    }

    #[test]
    fn amounts_and_schemes() {
        assert_eq!(parse_amount("1,234.5"), Some(123_450));
        assert_eq!(parse_amount("¥88"), Some(8_800));
        assert_eq!(parse_amount("-20.00 CNY"), Some(-2_000));
        assert_eq!(parse_amount("abc"), None);
        assert_eq!(normalise_scheme("银联卡"), "UnionPay");
        assert_eq!(normalise_scheme("MASTERCARD"), "Mastercard");
        assert_eq!(scheme_of_bin("476173"), Some("Visa"));
        assert_eq!(response_code("05-拒绝"), Some("05".into()));
        assert_eq!(response_code("timeout"), None);
    }

    #[test]
    fn stray_card_numbers_in_text_columns_are_masked() {
        let t = rows(&[
            &["Time", "Result", "Cashier"],
            &["2025-03-01 09:00:00", "approved", "4111111111111111"],
        ]);
        let imp = import(&t, &Mapping::default()).unwrap();
        assert_eq!(
            imp.transactions[0].operator.as_deref(),
            Some("411111******1111")
        );
    }
}
