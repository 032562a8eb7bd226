//! The PBOC electronic-cash load log（圈存日志）of JR/T 0025.13 (PBOC 3.0 Part 13): UnionPay cards
//! name it in the FCI with Load Log Entry `DF4D` (SFI, number of records, like `9F4D`), GET DATA
//! gives the Load Log Format `DF4F` (a DOL). Each record read with READ RECORD holds the tag the
//! issuer's PUT DATA changed (its P1 P2, 2 bytes), the value before and after it (n12, 6 bytes
//! each), then the values the format lists, one after another. ⚠ The record layout follows the
//! PBOC text; it is not verified against a real card. Pure, no I/O.

use super::tlv;
use super::txlog::{self, LogEntry, TxLogError, bcd, currency_name};
use crate::i18n::{Lang, Text};
use serde::{Deserialize, Serialize};

/// Bytes before the format's values: P1 P2, value before, value after.
const HEADER: usize = 2 + 6 + 6;

/// Tag of the electronic-cash balance `9F79`: PUT DATA on it is a load.
const EC_BALANCE: u16 = 0x9F79;

/// One change of the card's electronic cash, usually a load（圈存）.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoadEntry {
    /// The data object that changed, as a tag in hex: `9F79` the balance (a load), `9F77` the
    /// balance limit, `9F78` the single-transaction limit, `9F6D` the reset threshold.
    pub changed: String,
    /// Its value before, in minor units (fen).
    pub before_minor: Option<u64>,
    /// Its value after, in minor units (fen).
    pub after_minor: Option<u64>,
    /// What else the load log format gives: date, time, country, merchant, counter.
    pub details: LogEntry,
}

/// Decodes one load-log record with the load log format `format` (`DF4F`).
pub fn decode(format: &[u8], record: &[u8]) -> Result<LoadEntry, TxLogError> {
    let dol = tlv::parse_dol(format).map_err(|e| TxLogError::Format(e.to_string()))?;
    let need = HEADER + dol.iter().map(|(_, n)| n).sum::<usize>();
    if record.len() < need {
        return Err(TxLogError::Short {
            need,
            got: record.len(),
        });
    }
    let (head, rest) = record.split_at(HEADER);
    let amount = |v: &[u8]| bcd(v).and_then(|d| d.parse().ok());
    Ok(LoadEntry {
        changed: hex::encode_upper(&head[..2]),
        before_minor: amount(&head[2..8]),
        after_minor: amount(&head[8..14]),
        details: txlog::decode_plain(&dol, rest)?,
    })
}

/// What a changed tag is, in words.
fn changed_text(tag: &str) -> Text {
    match tag {
        "9F79" => Text::new("balance", "余额"),
        "9F77" => Text::new("balance limit", "余额上限"),
        "9F78" => Text::new("single-transaction limit", "单笔交易限额"),
        "9F6D" => Text::new("reset threshold", "重置阈值"),
        _ => Text::new("other electronic-cash data", "其他电子现金数据"),
    }
}

/// Minor units as `320.00`.
fn money(minor: u64) -> String {
    format!("{}.{:02}", minor / 100, minor % 100)
}

impl LoadEntry {
    /// One line for people: date and time, the amount loaded and the balance before and after
    /// (or which limit changed, from what to what), where, and the counter. `currency` (ISO 4217
    /// numeric) names the money when the record does not.
    pub fn summary(&self, lang: Lang, currency: Option<&str>) -> String {
        let d = &self.details;
        let mut parts: Vec<String> = d.when().into_iter().collect();
        let cur = d
            .currency
            .as_deref()
            .or(currency)
            .map(|c| format!(" {}", currency_name(c)))
            .unwrap_or_default();
        let span = |b: u64, a: u64| format!("{} → {}{cur}", money(b), money(a));
        let is_balance = u16::from_str_radix(&self.changed, 16) == Ok(EC_BALANCE);
        match (self.before_minor, self.after_minor) {
            (Some(b), Some(a)) if is_balance && a >= b => {
                let (open, close) = match lang {
                    Lang::En => (" (", ")"),
                    Lang::ZhCn => ("（", "）"),
                };
                parts.push(format!(
                    "{} {}{cur}{open}{} {}{close}",
                    Text::new("loaded", "圈存").get(lang),
                    money(a - b),
                    changed_text(&self.changed).get(lang),
                    span(b, a)
                ));
            }
            (Some(b), Some(a)) => parts.push(format!(
                "{} {}",
                changed_text(&self.changed).get(lang),
                span(b, a)
            )),
            _ => parts.push(changed_text(&self.changed).get(lang).to_owned()),
        }
        parts.extend(d.place_and_counter(lang));
        parts.join(" · ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FORMAT: &str = "9A039F21039F1A029F4E149F3602";

    fn record(changed: &str, before: u64, after: u64) -> Vec<u8> {
        let mut r =
            hex::decode(format!("{changed}{before:012}{after:012}2503081002110156")).unwrap();
        let mut name = b"BANK SELF SERVICE".to_vec();
        name.resize(20, b' ');
        r.extend(name);
        r.extend([0x00, 0x31]);
        r
    }

    #[test]
    fn a_load_decodes_with_amounts_before_and_after() {
        let format = hex::decode(FORMAT).unwrap();
        let e = decode(&format, &record("9F79", 2_000, 32_000)).unwrap();
        assert_eq!(e.changed, "9F79");
        assert_eq!((e.before_minor, e.after_minor), (Some(2_000), Some(32_000)));
        assert_eq!(e.details.date.as_deref(), Some("2025-03-08"));
        assert_eq!(e.details.time.as_deref(), Some("10:02:11"));
        assert_eq!(e.details.country.as_deref(), Some("156"));
        assert_eq!(e.details.merchant.as_deref(), Some("BANK SELF SERVICE"));
        assert_eq!(e.details.atc, Some(0x31));
        assert_eq!(
            e.summary(Lang::En, Some("156")),
            "2025-03-08 10:02:11 · loaded 300.00 CNY (balance 20.00 → 320.00 CNY) · BANK SELF SERVICE · counter 49"
        );
        assert_eq!(
            e.summary(Lang::ZhCn, Some("156")),
            "2025-03-08 10:02:11 · 圈存 300.00 CNY（余额 20.00 → 320.00 CNY） · BANK SELF SERVICE · 计数器 49"
        );
    }

    #[test]
    fn a_limit_change_says_which_limit() {
        let format = hex::decode(FORMAT).unwrap();
        let e = decode(&format, &record("9F77", 50_000, 100_000)).unwrap();
        assert!(
            e.summary(Lang::ZhCn, None)
                .contains("余额上限 500.00 → 1000.00 ·"),
            "{}",
            e.summary(Lang::ZhCn, None)
        );
        assert!(
            e.summary(Lang::En, Some("156"))
                .contains("balance limit 500.00 → 1000.00 CNY"),
        );
    }

    #[test]
    fn short_or_bad_records_are_errors() {
        let format = hex::decode(FORMAT).unwrap();
        let r = record("9F79", 0, 100);
        assert_eq!(
            decode(&format, &r[..20]),
            Err(TxLogError::Short { need: 44, got: 20 })
        );
        assert!(matches!(decode(&[0x9F], &r), Err(TxLogError::Format(_))));
        // Amounts that are not BCD are left out, not guessed.
        let mut bad = r.clone();
        bad[2] = 0xAB;
        let e = decode(&format, &bad).unwrap();
        assert_eq!(e.before_minor, None);
        assert_eq!(e.after_minor, Some(100));
    }
}
