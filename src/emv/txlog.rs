//! The card's own transaction log (EMV 4.4 Book 3 Annex D): the FCI names it with Log Entry
//! `9F4D` (SFI, number of records), GET DATA gives the Log Format `9F4F` (a DOL), and each
//! record read with READ RECORD holds the values the format lists, one after another, not
//! TLV-coded. PBOC cards keep the same kind of log. Pure, no I/O.

use super::tlv::{self, Tag};
use crate::i18n::{Lang, Text};
use serde::{Deserialize, Serialize};

/// Most log records read from one application.
pub const MAX_RECORDS: u8 = 30;

/// The SFI and the number of records of a Log Entry `9F4D`; `None` when it is not two bytes
/// or the SFI is outside 1–30.
pub fn log_entry(value: &[u8]) -> Option<(u8, u8)> {
    match value {
        [sfi @ 1..=30, count] => Some((*sfi, (*count).min(MAX_RECORDS))),
        _ => None,
    }
}

/// One transaction from the card's log.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogEntry {
    /// Transaction date `9A`, `YYYY-MM-DD`.
    pub date: Option<String>,
    /// Transaction time `9F21`, `HH:MM:SS`.
    pub time: Option<String>,
    /// Amount authorised `9F02`, in minor units.
    pub amount_minor: Option<u64>,
    /// Transaction currency `5F2A`, ISO 4217 numeric.
    pub currency: Option<String>,
    /// Terminal country `9F1A`, ISO 3166 numeric.
    pub country: Option<String>,
    /// Transaction type `9C` (ISO 8583 processing code, first two digits), e.g. `00` purchase.
    pub kind: Option<String>,
    /// Application Transaction Counter `9F36`.
    pub atc: Option<u16>,
    /// Merchant name `9F4E`, printable characters only.
    pub merchant: Option<String>,
    /// Cryptogram Information Data `9F27`, hex.
    pub cid: Option<String>,
}

/// Why a log record could not be read with its format.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TxLogError {
    /// The log format is not a valid DOL.
    #[error("log format 9F4F is not a valid DOL: {0}")]
    Format(String),
    /// The record is shorter than the format says.
    #[error("log record has {got} bytes; the log format needs {need}")]
    Short {
        /// Bytes the format needs.
        need: usize,
        /// Bytes the record has.
        got: usize,
    },
}

/// Decodes one log record with the log format `format` (`9F4F`). A record wrapped in a `70`
/// template (some cards do that) is read by tag instead.
pub fn decode(format: &[u8], record: &[u8]) -> Result<LogEntry, TxLogError> {
    let dol = tlv::parse_dol(format).map_err(|e| TxLogError::Format(e.to_string()))?;
    if record.first() == Some(&0x70)
        && let Ok(objs) = tlv::parse(record)
    {
        let mut e = LogEntry::default();
        for (tag, _) in &dol {
            if let Some(o) = tlv::find(&objs, *tag) {
                e.set(*tag, &o.value);
            }
        }
        return Ok(e);
    }
    decode_plain(&dol, record)
}

/// The values of a record that holds what `dol` lists one after another, not TLV-coded.
pub(crate) fn decode_plain(dol: &[(Tag, usize)], record: &[u8]) -> Result<LogEntry, TxLogError> {
    let need: usize = dol.iter().map(|(_, n)| n).sum();
    if record.len() < need {
        return Err(TxLogError::Short {
            need,
            got: record.len(),
        });
    }
    let mut e = LogEntry::default();
    let mut pos = 0;
    for (tag, len) in dol {
        e.set(*tag, &record[pos..pos + len]);
        pos += len;
    }
    Ok(e)
}

impl LogEntry {
    /// Takes the value of `tag` where the entry has a place for it.
    fn set(&mut self, tag: Tag, v: &[u8]) {
        match tag.0 {
            0x9A => {
                self.date = bcd(v)
                    .filter(|d| d.len() == 6)
                    .map(|d| format!("20{}-{}-{}", &d[..2], &d[2..4], &d[4..]))
            }
            0x9F21 => {
                self.time = bcd(v)
                    .filter(|d| d.len() == 6)
                    .map(|d| format!("{}:{}:{}", &d[..2], &d[2..4], &d[4..]))
            }
            0x9F02 => self.amount_minor = bcd(v).and_then(|d| d.parse().ok()),
            0x5F2A => self.currency = bcd(v).map(|d| three_digits(&d)),
            0x9F1A => self.country = bcd(v).map(|d| three_digits(&d)),
            0x9C => self.kind = bcd(v),
            0x9F36 if v.len() == 2 => self.atc = Some(u16::from_be_bytes([v[0], v[1]])),
            0x9F4E => {
                let name: String = v
                    .iter()
                    .map(|&b| char::from(b))
                    .filter(|c| c.is_ascii_graphic() || *c == ' ')
                    .collect();
                self.merchant = Some(name.trim().to_owned()).filter(|n| !n.is_empty());
            }
            0x9F27 => self.cid = Some(hex::encode_upper(v)),
            _ => {}
        }
    }
}

/// `0156` → `156`: an ISO numeric code as three digits.
fn three_digits(d: &str) -> String {
    format!("{:0>3}", d.trim_start_matches('0'))
}

/// BCD digits, or `None` when a nibble is not a digit.
pub(crate) fn bcd(v: &[u8]) -> Option<String> {
    let mut s = String::with_capacity(v.len() * 2);
    for b in v {
        for n in [b >> 4, b & 0x0F] {
            if n > 9 {
                return None;
            }
            s.push(char::from(b'0' + n));
        }
    }
    Some(s)
}

/// What a transaction type `9C` means.
pub fn kind_text(kind: &str) -> Text {
    match kind {
        "00" => Text::new("Purchase", "消费"),
        "01" => Text::new("Cash", "取现"),
        "09" => Text::new("Purchase with cashback", "消费并返现"),
        "20" => Text::new("Refund", "退货"),
        "30" => Text::new("Balance inquiry", "余额查询"),
        "60" | "62" | "63" => Text::new("Electronic cash load（圈存）", "电子现金圈存"),
        _ => Text::new("Other", "其他"),
    }
}

impl LogEntry {
    /// One line for people: local date and time, amount, what it was, where, and the counter.
    pub fn summary(&self, lang: Lang) -> String {
        let mut parts: Vec<String> = self.when().into_iter().collect();
        if let Some(a) = self.amount_minor {
            let cur = self
                .currency
                .as_deref()
                .map(currency_name)
                .unwrap_or_default();
            parts.push(
                format!("{}.{:02} {cur}", a / 100, a % 100)
                    .trim_end()
                    .to_owned(),
            );
        }
        if let Some(k) = &self.kind {
            parts.push(kind_text(k).get(lang).to_owned());
        }
        parts.extend(self.place_and_counter(lang));
        parts.join(" · ")
    }

    /// `date time`, or the date alone; `None` without a date.
    pub(crate) fn when(&self) -> Option<String> {
        match (&self.date, &self.time) {
            (Some(d), Some(t)) => Some(format!("{d} {t}")),
            (Some(d), None) => Some(d.clone()),
            _ => None,
        }
    }

    /// The merchant and `counter N`, where the record has them: the end of a summary line.
    pub(crate) fn place_and_counter(&self, lang: Lang) -> Vec<String> {
        let mut parts: Vec<String> = self.merchant.iter().cloned().collect();
        if let Some(atc) = self.atc {
            parts.push(format!(
                "{} {atc}",
                Text::new("counter", "计数器").get(lang)
            ));
        }
        parts
    }
}

/// The letter code of the commonest currencies, else the number.
pub(crate) fn currency_name(numeric: &str) -> String {
    match numeric {
        "156" => "CNY",
        "344" => "HKD",
        "840" => "USD",
        "978" => "EUR",
        "826" => "GBP",
        "392" => "JPY",
        other => other,
    }
    .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pboc_record_decodes() {
        let format = hex::decode("9A039F21039F02069F03069F1A025F2A029F4E149C019F3602").unwrap();
        let mut rec =
            hex::decode("250301 091502 000000012800 000000000000 0156 0156".replace(' ', ""))
                .unwrap();
        let mut name = b"TEST SHOP".to_vec();
        name.resize(20, b' ');
        rec.extend(name);
        rec.extend([0x00, 0x00, 0x56]);
        let e = decode(&format, &rec).unwrap();
        assert_eq!(e.date.as_deref(), Some("2025-03-01"));
        assert_eq!(e.time.as_deref(), Some("09:15:02"));
        assert_eq!(e.amount_minor, Some(12_800));
        assert_eq!(e.currency.as_deref(), Some("156"));
        assert_eq!(e.kind.as_deref(), Some("00"));
        assert_eq!(e.atc, Some(0x56));
        assert_eq!(e.merchant.as_deref(), Some("TEST SHOP"));
        assert_eq!(
            e.summary(Lang::ZhCn),
            "2025-03-01 09:15:02 · 128.00 CNY · 消费 · TEST SHOP · 计数器 86"
        );
        assert_eq!(
            decode(&format, &rec[..10]),
            Err(TxLogError::Short { need: 45, got: 10 })
        );
        assert_eq!(log_entry(&[0x0B, 0x0A]), Some((11, 10)));
        assert_eq!(log_entry(&[0x00, 0x0A]), None);
    }
}
