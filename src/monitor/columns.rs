//! The columns of a transaction export: which field each column holds, found by its header in
//! English or Chinese, or given by a mapping (`time=2,response=返回码`). Pure, no I/O.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

/// A field EMV Doctor reads from a transaction export.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    /// Date and time together, or the time of day when a separate date column exists.
    Time,
    /// The date, when the export keeps it apart from the time.
    Date,
    /// The amount.
    Amount,
    /// The response code (ISO 8583 field 39).
    Response,
    /// The card scheme (UnionPay, Visa …).
    Scheme,
    /// The card number (masked on import).
    Card,
    /// How the card was read (chip, contactless, swipe).
    Entry,
    /// The terminal id.
    Terminal,
    /// The result or status as text (success, failed, timeout).
    Result,
    /// The issuing bank.
    Issuer,
    /// The cashier or operator.
    Operator,
}

impl Field {
    /// Every field, in the order used for display.
    pub const ALL: [Field; 11] = [
        Field::Time,
        Field::Date,
        Field::Amount,
        Field::Response,
        Field::Scheme,
        Field::Card,
        Field::Entry,
        Field::Terminal,
        Field::Result,
        Field::Issuer,
        Field::Operator,
    ];

    /// The name used in `--map` and JSON.
    pub fn key(self) -> &'static str {
        match self {
            Field::Time => "time",
            Field::Date => "date",
            Field::Amount => "amount",
            Field::Response => "response",
            Field::Scheme => "scheme",
            Field::Card => "card",
            Field::Entry => "entry",
            Field::Terminal => "terminal",
            Field::Result => "result",
            Field::Issuer => "issuer",
            Field::Operator => "operator",
        }
    }

    /// Headers that name this field, normalised (see [`normalise`]).
    fn aliases(self) -> &'static [&'static str] {
        match self {
            Field::Time => &[
                "time",
                "datetime",
                "date/time",
                "datetime(local)",
                "transactiontime",
                "transtime",
                "txntime",
                "timestamp",
                "localtime",
                "交易时间",
                "时间",
                "交易日期时间",
                "交易时刻",
            ],
            Field::Date => &[
                "date",
                "transactiondate",
                "transdate",
                "txndate",
                "交易日期",
                "日期",
            ],
            Field::Amount => &[
                "amount",
                "amt",
                "transactionamount",
                "transamount",
                "txnamount",
                "金额",
                "交易金额",
            ],
            Field::Response => &[
                "responsecode",
                "respcode",
                "rc",
                "response",
                "isoresponsecode",
                "应答码",
                "返回码",
                "响应码",
                "应答码/返回码",
                "交易应答码",
            ],
            Field::Scheme => &[
                "scheme",
                "cardscheme",
                "cardtype",
                "cardbrand",
                "brand",
                "network",
                "卡类型",
                "卡组织",
                "卡种",
                "卡品牌",
            ],
            Field::Card => &[
                "cardnumber",
                "cardno",
                "cardno.",
                "pan",
                "maskedpan",
                "card",
                "卡号",
                "交易卡号",
                "银行卡号",
            ],
            Field::Entry => &[
                "entrymode",
                "posentrymode",
                "inputmode",
                "entry",
                "readmode",
                "输入方式",
                "刷卡方式",
                "读卡方式",
                "交易方式",
            ],
            Field::Terminal => &[
                "terminalid",
                "terminal",
                "tid",
                "terminalno",
                "terminalno.",
                "terminalnumber",
                "终端号",
                "终端编号",
                "终端",
            ],
            Field::Result => &[
                "result",
                "status",
                "transactionstatus",
                "transactionresult",
                "交易结果",
                "交易状态",
                "状态",
                "结果",
            ],
            Field::Issuer => &[
                "issuer",
                "issuingbank",
                "issuerbank",
                "bank",
                "发卡行",
                "发卡银行",
                "发卡机构",
            ],
            Field::Operator => &[
                "operator",
                "cashier",
                "clerk",
                "operatorid",
                "操作员",
                "收银员",
                "柜员",
                "操作员号",
            ],
        }
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

impl FromStr for Field {
    type Err = MapError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let key = s.trim().to_ascii_lowercase();
        Field::ALL
            .into_iter()
            .find(|f| f.key() == key)
            .ok_or_else(|| MapError::UnknownField(s.trim().to_owned()))
    }
}

/// Why a `--map` could not be used.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum MapError {
    /// A part without `=`.
    #[error("--map part {0:?} is not FIELD=HEADER（e.g. response=返回码）")]
    Syntax(String),
    /// A field name EMV Doctor does not read.
    #[error(
        "--map names an unknown field {0:?}; fields: time, date, amount, response, scheme, card, entry, terminal, result, issuer, operator"
    )]
    UnknownField(String),
    /// A header the file does not have.
    #[error("--map names the column {header:?} for {field}, but the file has no such column")]
    NoSuchColumn {
        /// The field.
        field: Field,
        /// The header as given.
        header: String,
    },
}

/// A mapping from fields to column headers, as given with `--map` or saved for a layout.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Mapping(pub BTreeMap<Field, String>);

impl Mapping {
    /// Parses `time=2,response=返回码` (commas or full-width commas between parts).
    pub fn parse(text: &str) -> Result<Mapping, MapError> {
        let mut map = BTreeMap::new();
        for part in text
            .split([',', '，'])
            .map(str::trim)
            .filter(|p| !p.is_empty())
        {
            let (field, header) = part
                .split_once('=')
                .ok_or_else(|| MapError::Syntax(part.to_owned()))?;
            if header.trim().is_empty() {
                return Err(MapError::Syntax(part.to_owned()));
            }
            map.insert(field.parse::<Field>()?, header.trim().to_owned());
        }
        Ok(Mapping(map))
    }
}

/// Which column holds each field, after detection and mapping.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Columns {
    /// Field → 0-based column index.
    pub index: BTreeMap<Field, usize>,
    /// Field → the header as written in the file.
    pub headers: BTreeMap<Field, String>,
}

impl Columns {
    /// The column of `field`, if the file has one.
    pub fn get(&self, field: Field) -> Option<usize> {
        self.index.get(&field).copied()
    }

    /// Whether the columns say when each payment happened and how it ended.
    pub fn usable(&self) -> bool {
        (self.index.contains_key(&Field::Time) || self.index.contains_key(&Field::Date))
            && (self.index.contains_key(&Field::Response)
                || self.index.contains_key(&Field::Result))
    }
}

/// A header in comparable form: lower case, without spaces, underscores, dashes, BOM and a
/// trailing unit in brackets (`金额（元）`, `Amount (CNY)`, `Amount[CNY]`).
pub fn normalise(header: &str) -> String {
    let mut h: String = header
        .trim_start_matches('\u{feff}')
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '_' | '-' | '*'))
        .flat_map(char::to_lowercase)
        .collect();
    for (open, close) in [('(', ')'), ('（', '）'), ('[', ']')] {
        if h.ends_with(close)
            && let Some(start) = h.rfind(open)
            && start > 0
        {
            h.truncate(start);
        }
    }
    h
}

/// The layout key of a header row: its normalised headers joined, so one terminal's exports
/// share a saved mapping whatever their rows.
pub fn layout_key(headers: &[String]) -> String {
    headers
        .iter()
        .map(|h| normalise(h))
        .collect::<Vec<_>>()
        .join("|")
}

/// The columns of a header row: first the mapping's entries (each must name a column, by
/// header or 1-based number), then every other field found by its header.
pub fn detect(headers: &[String], mapping: &Mapping) -> Result<Columns, MapError> {
    let normal: Vec<String> = headers.iter().map(|h| normalise(h)).collect();
    let mut cols = Columns::default();
    for (&field, header) in &mapping.0 {
        let wanted = normalise(header);
        let at = normal.iter().position(|h| *h == wanted).or_else(|| {
            header
                .trim()
                .trim_start_matches('#')
                .parse::<usize>()
                .ok()
                .filter(|n| (1..=headers.len()).contains(n))
                .map(|n| n - 1)
        });
        let at = at.ok_or_else(|| MapError::NoSuchColumn {
            field,
            header: header.clone(),
        })?;
        cols.index.insert(field, at);
    }
    for field in Field::ALL {
        if cols.index.contains_key(&field) {
            continue;
        }
        let taken: Vec<usize> = cols.index.values().copied().collect();
        if let Some(at) = normal
            .iter()
            .enumerate()
            .position(|(i, h)| !taken.contains(&i) && field.aliases().contains(&h.as_str()))
        {
            cols.index.insert(field, at);
        }
    }
    // A lone "date" column that holds the time as well is read as the time.
    if !cols.index.contains_key(&Field::Time)
        && let Some(at) = cols.index.remove(&Field::Date)
    {
        cols.index.insert(Field::Time, at);
    }
    cols.headers = cols
        .index
        .iter()
        .map(|(&f, &i)| (f, headers.get(i).cloned().unwrap_or_default()))
        .collect();
    Ok(cols)
}

/// How many known fields a row's cells name; used to find the header row below a title.
pub fn header_score(cells: &[String]) -> usize {
    Field::ALL
        .into_iter()
        .filter(|f| {
            cells
                .iter()
                .any(|c| f.aliases().contains(&normalise(c).as_str()))
        })
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn chinese_and_english_headers() {
        let zh = row(&[
            "交易时间",
            "终端号",
            "卡号",
            "卡类型",
            "金额（元）",
            "应答码",
            "输入方式",
            "交易结果",
            "发卡行",
            "收银员",
        ]);
        let c = detect(&zh, &Mapping::default()).unwrap();
        assert_eq!(c.get(Field::Time), Some(0));
        assert_eq!(c.get(Field::Amount), Some(4));
        assert_eq!(c.get(Field::Response), Some(5));
        assert_eq!(c.get(Field::Operator), Some(9));
        assert!(c.usable());
        let en = row(&[
            "Date",
            "Time",
            "Terminal ID",
            "Card Number",
            "Response Code",
        ]);
        let c = detect(&en, &Mapping::default()).unwrap();
        assert_eq!(c.get(Field::Date), Some(0));
        assert_eq!(c.get(Field::Time), Some(1));
        assert_eq!(c.get(Field::Card), Some(3));
        assert_eq!(header_score(&en), 5);
    }

    #[test]
    fn a_mapping_names_unknown_headers() {
        let h = row(&["流水时间", "返回信息代码", "机具"]);
        let c = detect(&h, &Mapping::default()).unwrap();
        assert!(!c.usable());
        let m = Mapping::parse("time=流水时间，response=返回信息代码，terminal=#3").unwrap();
        let c = detect(&h, &m).unwrap();
        assert_eq!(c.get(Field::Terminal), Some(2));
        assert!(c.usable());
        assert_eq!(
            detect(&h, &Mapping::parse("response=应答").unwrap()),
            Err(MapError::NoSuchColumn {
                field: Field::Response,
                header: "应答".into()
            })
        );
        assert_eq!(
            Mapping::parse("colour=red"),
            Err(MapError::UnknownField("colour".into()))
        );
        assert!(matches!(
            Mapping::parse("response"),
            Err(MapError::Syntax(_))
        ));
    }

    #[test]
    fn layout_keys_ignore_spacing_and_case() {
        assert_eq!(
            layout_key(&row(&["\u{feff}Response Code", "TID"])),
            layout_key(&row(&["response_code", "tid"]))
        );
    }
}
