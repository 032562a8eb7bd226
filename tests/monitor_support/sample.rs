//! Realistic transaction exports for the monitoring tests, the bench and the README samples:
//! a small shop (four terminals, four cashiers, UnionPay, Visa, Mastercard, JCB and Amex cards
//! from several banks, busy at lunch and in the evening) over 35 days, with one fault pattern
//! injected. Made up from a fixed seed: nothing comes from a real shop. Card numbers are
//! Luhn-valid numbers in public test-card ranges (`620000…`, `411111…`, `555555…`, `353011…`,
//! `378282…`), written in full so the import has something to mask.
//!
//! Used by `tests/monitor_*.rs` (`mod monitor_support;`), `benches/monitor.rs` and
//! `examples/monitor_samples.rs` (which writes the files in `docs/samples/`).
#![allow(dead_code)]

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime};

/// A fault injected into the export.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pattern {
    /// Nothing: background declines only.
    Healthy,
    /// Terminal 31020003's reader fails to read chips in the last 6 days.
    Terminal,
    /// JCB cards are refused (58/40) in the last 6 days: the terminal was not set up for them.
    Scheme,
    /// One bank's cards (BIN 620002) are declined (59/62/05) in the last 6 days.
    Issuer,
    /// Every evening 19:00–22:00 a fifth of payments time out or get 96/98.
    NetworkHours,
    /// Terminal 31020002 was not signed in on the last two mornings (A0, 77).
    SignIn,
    /// A new cashier（陈晨 / Chen Chen）, on the evening shift for the last 12 days, often
    /// pulls the card out too early: chip read failures.
    Cashier,
    /// All of the above at once (the README sample).
    All,
}

impl Pattern {
    /// Every pattern, for tests that walk them all.
    pub const ALL: [Pattern; 8] = [
        Pattern::Healthy,
        Pattern::Terminal,
        Pattern::Scheme,
        Pattern::Issuer,
        Pattern::NetworkHours,
        Pattern::SignIn,
        Pattern::Cashier,
        Pattern::All,
    ];

    /// A short name for file names.
    pub fn name(self) -> &'static str {
        match self {
            Pattern::Healthy => "healthy",
            Pattern::Terminal => "terminal",
            Pattern::Scheme => "scheme",
            Pattern::Issuer => "issuer",
            Pattern::NetworkHours => "network-hours",
            Pattern::SignIn => "sign-in",
            Pattern::Cashier => "cashier",
            Pattern::All => "all",
        }
    }

    fn has(self, p: Pattern) -> bool {
        self == p || (self == Pattern::All && p != Pattern::Healthy)
    }
}

/// Header language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Headers {
    /// English headers and result words.
    En,
    /// Chinese headers and result words, with a title and the shop's line above the header.
    Zh,
}

/// The first day of every export.
pub fn first_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 2, 1).unwrap_or_default()
}
/// Days covered.
pub const DAYS: i64 = 35;
/// The last day (first_day + 34).
pub fn last_day() -> NaiveDate {
    first_day() + Duration::days(DAYS - 1)
}

/// The terminal with the failing reader.
pub const BAD_TERMINAL: &str = "31020003";
/// The terminal that was not signed in.
pub const UNSIGNED_TERMINAL: &str = "31020002";
/// The declined bank's BIN.
pub const BAD_BIN: &str = "620002";
/// Its name in the Chinese export.
pub const BAD_BANK_ZH: &str = "农业银行";
/// Its name in the English export.
pub const BAD_BANK_EN: &str = "Agricultural Bank";

const TERMINALS: [&str; 4] = ["31020001", "31020002", "31020003", "31020004"];

struct Issuer {
    scheme_zh: &'static str,
    scheme_en: &'static str,
    bank_zh: &'static str,
    bank_en: &'static str,
    bin: &'static str,
    len: usize,
    weight: u32,
}

const ISSUERS: [Issuer; 11] = [
    Issuer {
        scheme_zh: "银联",
        scheme_en: "UnionPay",
        bank_zh: "工商银行",
        bank_en: "ICBC",
        bin: "620000",
        len: 19,
        weight: 18,
    },
    Issuer {
        scheme_zh: "银联",
        scheme_en: "UnionPay",
        bank_zh: "建设银行",
        bank_en: "China Construction Bank",
        bin: "620001",
        len: 19,
        weight: 15,
    },
    Issuer {
        scheme_zh: "银联",
        scheme_en: "UnionPay",
        bank_zh: BAD_BANK_ZH,
        bank_en: BAD_BANK_EN,
        bin: BAD_BIN,
        len: 19,
        weight: 14,
    },
    Issuer {
        scheme_zh: "银联",
        scheme_en: "UnionPay",
        bank_zh: "中国银行",
        bank_en: "Bank of China",
        bin: "620003",
        len: 16,
        weight: 10,
    },
    Issuer {
        scheme_zh: "银联",
        scheme_en: "UnionPay",
        bank_zh: "招商银行",
        bank_en: "China Merchants Bank",
        bin: "620004",
        len: 16,
        weight: 10,
    },
    Issuer {
        scheme_zh: "VISA",
        scheme_en: "Visa",
        bank_zh: "中国银行",
        bank_en: "Bank of China",
        bin: "411111",
        len: 16,
        weight: 7,
    },
    Issuer {
        scheme_zh: "VISA",
        scheme_en: "Visa",
        bank_zh: "汇丰银行",
        bank_en: "HSBC",
        bin: "424242",
        len: 16,
        weight: 5,
    },
    Issuer {
        scheme_zh: "万事达",
        scheme_en: "Mastercard",
        bank_zh: "招商银行",
        bank_en: "China Merchants Bank",
        bin: "555555",
        len: 16,
        weight: 6,
    },
    Issuer {
        scheme_zh: "万事达",
        scheme_en: "Mastercard",
        bank_zh: "花旗银行",
        bank_en: "Citibank",
        bin: "222300",
        len: 16,
        weight: 4,
    },
    Issuer {
        scheme_zh: "JCB",
        scheme_en: "JCB",
        bank_zh: "交通银行",
        bank_en: "Bank of Communications",
        bin: "353011",
        len: 16,
        weight: 7,
    },
    Issuer {
        scheme_zh: "美国运通",
        scheme_en: "American Express",
        bank_zh: "美国运通",
        bank_en: "American Express",
        bin: "378282",
        len: 15,
        weight: 3,
    },
];

/// Relative traffic per opening hour, 09:00–21:59.
const HOUR_WEIGHTS: [(u32, u32); 13] = [
    (9, 4),
    (10, 6),
    (11, 10),
    (12, 12),
    (13, 9),
    (14, 6),
    (15, 5),
    (16, 5),
    (17, 8),
    (18, 11),
    (19, 10),
    (20, 7),
    (21, 4),
];

/// A deterministic generator (SplitMix64), so every run writes the same file.
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }
    /// The next 64 random bits.
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// A number below `n`.
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
    fn weighted<T: Copy>(&mut self, items: &[(T, u32)]) -> T {
        let total: u32 = items.iter().map(|(_, w)| w).sum();
        let mut r = self.below(u64::from(total)) as u32;
        for (item, w) in items {
            if r < *w {
                return *item;
            }
            r -= w;
        }
        items[0].0
    }
}

/// A Luhn-valid card number of `len` digits starting with `bin`.
pub fn card_number(rng: &mut Rng, bin: &str, len: usize) -> String {
    let mut digits: Vec<u8> = bin.bytes().map(|b| b - b'0').collect();
    while digits.len() < len - 1 {
        digits.push(rng.below(10) as u8);
    }
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &d)| {
            let d = u32::from(d);
            if i % 2 == 0 {
                let x = d * 2;
                if x > 9 { x - 9 } else { x }
            } else {
                d
            }
        })
        .sum();
    digits.push(((10 - sum % 10) % 10) as u8);
    digits.iter().map(|d| char::from(b'0' + d)).collect()
}

/// One generated payment, before it is written in a language.
#[derive(Clone, Debug)]
pub struct Payment {
    /// Local time.
    pub at: NaiveDateTime,
    /// Terminal id.
    pub terminal: &'static str,
    /// The card number in full (the import must mask it).
    pub card: String,
    issuer: usize,
    /// Amount in fen.
    pub amount: i64,
    /// Response code, empty when the host never answered.
    pub code: &'static str,
    /// What went wrong at the terminal, if anything.
    pub local: Local,
    entry: Entry,
    cashier: usize,
}

/// A failure at the terminal, before any host answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Local {
    /// None: the host answered.
    None,
    /// The chip could not be read.
    ChipRead,
    /// No answer in time.
    Timeout,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Entry {
    Chip,
    Contactless,
    Swipe,
}

const CASHIERS_ZH: [&str; 4] = ["张丽", "王强", "李娜", "陈晨"];
const CASHIERS_EN: [&str; 4] = ["Zhang Li", "Wang Qiang", "Li Na", "Chen Chen"];
/// The new cashier in [`Pattern::Cashier`] (index into the cashier lists).
pub const NEW_CASHIER: usize = 3;

/// The payments of a 35-day export with `pattern`, about `per_day` a day.
pub fn payments(pattern: Pattern, per_day: u32, seed: u64) -> Vec<Payment> {
    let mut rng = Rng::new(seed);
    let issuers: Vec<(usize, u32)> = ISSUERS
        .iter()
        .enumerate()
        .map(|(i, s)| (i, s.weight))
        .collect();
    let hours: Vec<(u32, u32)> = HOUR_WEIGHTS.to_vec();
    let mut out = Vec::new();
    for day in 0..DAYS {
        let date = first_day() + Duration::days(day);
        let recent = day >= DAYS - 6;
        let weekend = date.weekday().number_from_monday() >= 6;
        let n = per_day
            + if weekend { per_day / 4 } else { 0 }
            + rng.below(u64::from(per_day / 5 + 1)) as u32;
        let mut day_payments: Vec<Payment> = (0..n)
            .map(|_| {
                let hour = rng.weighted(&hours);
                let at = date
                    .and_hms_opt(hour, rng.below(60) as u32, rng.below(60) as u32)
                    .unwrap_or_default();
                let issuer = rng.weighted(&issuers);
                let iss = &ISSUERS[issuer];
                let evening = hour >= 15;
                let new_cashier_days = day >= DAYS - 12;
                let cashier = match (evening, day % 2 == 0) {
                    (false, true) => 0,
                    (false, false) => 1,
                    (true, true) => 2,
                    (true, false) => 3,
                };
                let cashier = if pattern.has(Pattern::Cashier) && evening && new_cashier_days {
                    NEW_CASHIER
                } else if cashier == NEW_CASHIER && pattern.has(Pattern::Cashier) {
                    2
                } else {
                    cashier
                };
                let terminal = TERMINALS[rng.weighted(&[(0usize, 3u32), (1, 3), (2, 3), (3, 2)])];
                let entry = rng.weighted(&[
                    (Entry::Chip, 60u32),
                    (Entry::Contactless, 35),
                    (Entry::Swipe, 5),
                ]);
                let mut p = Payment {
                    at,
                    terminal,
                    card: card_number(&mut rng, iss.bin, iss.len),
                    issuer,
                    amount: 500 + rng.below(60_000) as i64,
                    code: "00",
                    local: Local::None,
                    entry,
                    cashier,
                };
                background(&mut rng, &mut p);
                inject(&mut rng, pattern, recent, &mut p);
                p
            })
            .collect();
        if pattern.has(Pattern::SignIn) && day >= DAYS - 2 {
            for k in 0..5u32 {
                let code = if k % 3 == 2 { "77" } else { "A0" };
                day_payments.push(Payment {
                    at: date.and_hms_opt(9, 2 + k * 3, 10).unwrap_or_default(),
                    terminal: UNSIGNED_TERMINAL,
                    card: card_number(&mut rng, ISSUERS[0].bin, 19),
                    issuer: 0,
                    amount: 2_000 + i64::from(k) * 350,
                    code,
                    local: Local::None,
                    entry: Entry::Chip,
                    cashier: 0,
                });
            }
        }
        day_payments.sort_by_key(|p| p.at);
        out.extend(day_payments);
    }
    out
}

/// Ordinary declines every shop sees: insufficient funds, wrong PIN, limits, a rare timeout.
fn background(rng: &mut Rng, p: &mut Payment) {
    let r = rng.below(10_000);
    match r {
        0..=89 => p.code = "51",
        90..=159 => p.code = "55",
        160..=189 => p.code = "61",
        190..=219 => p.code = "05",
        220..=244 if p.entry == Entry::Chip => {
            p.code = "";
            p.local = Local::ChipRead;
        }
        245..=259 => {
            p.code = "";
            p.local = Local::Timeout;
        }
        _ => {}
    }
}

fn inject(rng: &mut Rng, pattern: Pattern, recent: bool, p: &mut Payment) {
    let hour = p.at.format("%H").to_string().parse::<u32>().unwrap_or(0);
    if pattern.has(Pattern::Terminal)
        && recent
        && p.terminal == BAD_TERMINAL
        && p.entry == Entry::Chip
        && rng.chance(0.5)
    {
        p.code = "";
        p.local = Local::ChipRead;
    }
    if pattern.has(Pattern::Scheme)
        && recent
        && ISSUERS[p.issuer].scheme_en == "JCB"
        && rng.chance(0.85)
    {
        p.code = if rng.chance(0.7) { "58" } else { "40" };
        p.local = Local::None;
    }
    if pattern.has(Pattern::Issuer)
        && recent
        && ISSUERS[p.issuer].bin == BAD_BIN
        && rng.chance(0.55)
    {
        p.code = ["59", "62", "05"][rng.below(3) as usize];
        p.local = Local::None;
    }
    if pattern.has(Pattern::NetworkHours) && (19..22).contains(&hour) && rng.chance(0.2) {
        if rng.chance(0.5) {
            p.code = "";
            p.local = Local::Timeout;
        } else {
            p.code = if rng.chance(0.5) { "96" } else { "98" };
            p.local = Local::None;
        }
    }
    if pattern.has(Pattern::Cashier)
        && p.cashier == NEW_CASHIER
        && p.entry == Entry::Chip
        && rng.chance(0.2)
    {
        p.code = "";
        p.local = Local::ChipRead;
    }
}

/// How an export is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Layout {
    /// Header language.
    pub headers: Headers,
    /// Separate date and time columns (`交易日期`, `交易时间`).
    pub split_date: bool,
    /// Include the issuing bank.
    pub issuer: bool,
}

/// The rows of an export (header first, with any title lines above it) in `layout`.
pub fn rows(payments: &[Payment], layout: Layout) -> Vec<Vec<String>> {
    let zh = layout.headers == Headers::Zh;
    let mut head: Vec<&str> = Vec::new();
    if layout.split_date {
        head.extend(if zh {
            ["交易日期", "交易时间"]
        } else {
            ["Date", "Time"]
        });
    } else {
        head.push(if zh {
            "交易时间"
        } else {
            "Transaction Time"
        });
    }
    head.extend(if zh {
        [
            "终端号",
            "收银员",
            "卡号",
            "卡类型",
            "输入方式",
            "金额(元)",
            "应答码",
            "交易结果",
        ]
    } else {
        [
            "Terminal ID",
            "Cashier",
            "Card Number",
            "Card Scheme",
            "Entry Mode",
            "Amount",
            "Response Code",
            "Status",
        ]
    });
    if layout.issuer {
        head.push(if zh { "发卡行" } else { "Issuer" });
    }
    let mut out: Vec<Vec<String>> = Vec::new();
    if zh {
        out.push(vec!["交易明细查询".to_owned()]);
        out.push(vec!["商户名称：示例便利店（测试数据）".to_owned()]);
    }
    out.push(head.iter().map(|s| (*s).to_owned()).collect());
    for p in payments {
        let iss = &ISSUERS[p.issuer];
        let mut r: Vec<String> = Vec::new();
        if layout.split_date {
            r.push(p.at.format("%Y%m%d").to_string());
            r.push(p.at.format("%H:%M:%S").to_string());
        } else {
            r.push(
                p.at.format(if zh {
                    "%Y-%m-%d %H:%M:%S"
                } else {
                    "%Y/%m/%d %H:%M:%S"
                })
                .to_string(),
            );
        }
        let entry = match (p.entry, zh) {
            (Entry::Chip, true) => "插卡",
            (Entry::Contactless, true) => "闪付",
            (Entry::Swipe, true) => "刷卡",
            (Entry::Chip, false) => "Chip",
            (Entry::Contactless, false) => "Contactless",
            (Entry::Swipe, false) => "Swipe",
        };
        let result = match (p.local, p.code, zh) {
            (Local::ChipRead, _, true) => "读卡失败",
            (Local::ChipRead, _, false) => "Failed - chip read error",
            (Local::Timeout, _, true) => "交易超时",
            (Local::Timeout, _, false) => "Failed - timeout",
            (Local::None, "00", true) => "成功",
            (Local::None, "00", false) => "Approved",
            (Local::None, _, true) => "失败",
            (Local::None, _, false) => "Declined",
        };
        r.extend([
            p.terminal.to_owned(),
            if zh {
                CASHIERS_ZH[p.cashier]
            } else {
                CASHIERS_EN[p.cashier]
            }
            .to_owned(),
            p.card.clone(),
            if zh { iss.scheme_zh } else { iss.scheme_en }.to_owned(),
            entry.to_owned(),
            format!("{}.{:02}", p.amount / 100, p.amount % 100),
            p.code.to_owned(),
            result.to_owned(),
        ]);
        if layout.issuer {
            r.push(if zh { iss.bank_zh } else { iss.bank_en }.to_owned());
        }
        out.push(r);
    }
    out
}

/// Text encoding of a CSV export.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8 without BOM.
    Utf8,
    /// UTF-8 with a BOM (as Excel writes "CSV UTF-8").
    Utf8Bom,
    /// GBK (as Chinese Excel and most terminal portals write).
    Gbk,
}

/// `rows` as CSV bytes with `sep` between cells.
pub fn csv_bytes(rows: &[Vec<String>], sep: char, encoding: Encoding) -> Vec<u8> {
    let mut text = String::new();
    for r in rows {
        let cells: Vec<String> = r
            .iter()
            .map(|c| {
                if c.contains(sep) || c.contains('"') {
                    format!("\"{}\"", c.replace('"', "\"\""))
                } else {
                    c.clone()
                }
            })
            .collect();
        text.push_str(&cells.join(&sep.to_string()));
        text.push_str("\r\n");
    }
    match encoding {
        Encoding::Utf8 => text.into_bytes(),
        Encoding::Utf8Bom => [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat(),
        Encoding::Gbk => encoding_rs::GBK.encode(&text).0.into_owned(),
    }
}

/// `rows` as an XLSX workbook; times as real Excel dates, amounts as numbers.
pub fn xlsx_bytes(rows: &[Vec<String>]) -> Vec<u8> {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let date_format = Format::new().set_num_format("yyyy-mm-dd hh:mm:ss");
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let (r, c) = (r as u32, c as u16);
            let as_date = NaiveDateTime::parse_from_str(cell, "%Y-%m-%d %H:%M:%S")
                .or_else(|_| NaiveDateTime::parse_from_str(cell, "%Y/%m/%d %H:%M:%S"))
                .ok()
                .and_then(|d| {
                    ExcelDateTime::parse_from_str(&d.format("%Y-%m-%d %H:%M:%S").to_string()).ok()
                });
            let result = if let Some(d) = as_date {
                sheet
                    .write_datetime_with_format(r, c, &d, &date_format)
                    .map(|_| ())
            } else if let Some(n) = cell.parse::<f64>().ok().filter(|_| cell.contains('.')) {
                sheet.write_number(r, c, n).map(|_| ())
            } else {
                sheet.write_string(r, c, cell).map(|_| ())
            };
            result.unwrap_or_else(|e| panic!("xlsx cell {r},{c}: {e}"));
        }
    }
    book.save_to_buffer()
        .unwrap_or_else(|e| panic!("xlsx: {e}"))
}

/// Adds rows that cannot be used (an unreadable date, a row with no result, a total line) at
/// the end and returns their 1-based line numbers in the CSV (one row per line).
pub fn add_bad_rows(rows: &mut Vec<Vec<String>>) -> Vec<u64> {
    let width = rows.last().map_or(1, Vec::len);
    let mut bad_time = vec![String::new(); width];
    bad_time[0] = "yesterday".to_owned();
    bad_time[width - 2] = "00".to_owned();
    rows.push(bad_time);
    let first = rows.len() as u64;
    let mut no_result = vec![String::new(); width];
    no_result[0] = "2025-03-07 23:00:00".to_owned();
    rows.push(no_result);
    let mut total = vec![String::new(); width];
    total[0] = "合计".to_owned();
    rows.push(total);
    vec![first, first + 1, first + 2]
}
