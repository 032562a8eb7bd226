//! Filling a PDOL (or any DOL) with the values of a probing terminal (EMV 4.3 Book 3 §5.4,
//! REFERENCE.md §2.6): a Chinese attended merchant POS, amount 0, online cryptogram required.

use crate::emv::tags::{self, Format};
use crate::emv::tlv::Tag;
use chrono::{Datelike, NaiveDateTime, Timelike};

/// Terminal country code `9F1A` the probe presents (ISO 3166 numeric 156, China).
pub const TERMINAL_COUNTRY: [u8; 2] = [0x01, 0x56];
/// Transaction currency `5F2A` the probe presents (ISO 4217 numeric 156, CNY).
pub const TERMINAL_CURRENCY: [u8; 2] = [0x01, 0x56];

/// The probing terminal's value for `tag`, before fitting it to the requested length; `None`
/// for a tag the terminal does not know (filled with zeros, rule a).
fn terminal_value(tag: Tag, now: NaiveDateTime, unpredictable: [u8; 4]) -> Option<Vec<u8>> {
    let bcd2 = |n: u32| (((n / 10 % 10) << 4) | (n % 10)) as u8;
    Some(match tag.0 {
        // TTQ: EMV mode, online PIN, signature; online cryptogram required.
        0x9F66 => vec![0x26, 0x80, 0x00, 0x00],
        0x9F02 | 0x9F03 => vec![0; 6],
        0x9F1A => TERMINAL_COUNTRY.to_vec(),
        0x5F2A => TERMINAL_CURRENCY.to_vec(),
        0x5F36 => vec![0x02],
        0x9A => vec![
            bcd2(now.year().rem_euclid(100) as u32),
            bcd2(now.month()),
            bcd2(now.day()),
        ],
        0x9F21 => vec![bcd2(now.hour()), bcd2(now.minute()), bcd2(now.second())],
        0x9C => vec![0x00],
        0x95 => vec![0; 5],
        0x9F37 => unpredictable.to_vec(),
        0x9F35 => vec![0x22],
        0x9F33 => vec![0xE0, 0xF8, 0xC8],
        0x9F40 => vec![0x60, 0x00, 0xF0, 0xA0, 0x01],
        // PBOC: no electronic-cash transaction, no SM algorithm.
        0x9F7A | 0xDF69 => vec![0x00],
        0x9F7B => vec![0; 6],
        0x9F4E => b"EMV Doctor".to_vec(),
        0x9F1C => b"EMVDOC01".to_vec(),
        _ => return None,
    })
}

/// Fits `value` to `len` bytes by the format rules c and d of Book 3 §5.4.
fn fit(value: &[u8], len: usize, format: Format) -> Vec<u8> {
    use std::cmp::Ordering;
    match value.len().cmp(&len) {
        Ordering::Equal => value.to_vec(),
        Ordering::Greater if format == Format::N => value[value.len() - len..].to_vec(),
        Ordering::Greater => value[..len].to_vec(),
        Ordering::Less => {
            let pad = len - value.len();
            match format {
                Format::N => [vec![0; pad], value.to_vec()].concat(),
                Format::Cn => [value.to_vec(), vec![0xFF; pad]].concat(),
                _ => [value.to_vec(), vec![0; pad]].concat(),
            }
        }
    }
}

/// The data for a DOL: each requested tag's value fitted to its requested length, in order.
pub fn fill(dol: &[(Tag, usize)], now: NaiveDateTime, unpredictable: [u8; 4]) -> Vec<u8> {
    let mut out = Vec::new();
    for &(tag, len) in dol {
        let value = if tag.is_constructed() {
            None
        } else {
            terminal_value(tag, now, unpredictable)
        };
        match value {
            Some(v) => {
                let format = tags::lookup(tag).map_or(Format::B, |t| t.format);
                out.extend(fit(&v, len, format));
            }
            None => out.extend(std::iter::repeat_n(0u8, len)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn noon() -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2025, 3, 9)
            .and_then(|d| d.and_hms_opt(12, 34, 56))
            .unwrap()
    }

    #[test]
    fn fills_in_dol_order_with_terminal_values() {
        let dol = [
            (Tag(0x9F1A), 2),
            (Tag(0x9A), 3),
            (Tag(0x9F21), 3),
            (Tag(0x9F37), 4),
            (Tag(0x9F02), 6),
            (Tag(0xDF01), 2),
        ];
        let data = fill(&dol, noon(), [1, 2, 3, 4]);
        assert_eq!(
            hex::encode_upper(data),
            "0156250309123456010203040000000000000000"
        );
    }

    #[test]
    fn padding_follows_the_format() {
        assert_eq!(fit(&[0x01, 0x23], 4, Format::N), vec![0, 0, 0x01, 0x23]);
        assert_eq!(fit(&[0x12], 3, Format::Cn), vec![0x12, 0xFF, 0xFF]);
        assert_eq!(fit(b"AB", 3, Format::Ans), vec![b'A', b'B', 0]);
        assert_eq!(fit(&[1, 2, 3], 2, Format::N), vec![2, 3]);
        assert_eq!(fit(&[1, 2, 3], 2, Format::B), vec![1, 2]);
    }
}
