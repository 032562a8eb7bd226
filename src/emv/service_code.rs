//! Service code (`5F30`, also in track 2; ISO/IEC 7813): three digits saying where the card may
//! be used, who authorises it, and which services and PIN rules apply.

use crate::i18n::{Lang, Text};

/// A decoded service code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ServiceCode {
    /// The three digits, each 0–9.
    pub digits: [u8; 3],
}

/// Why a service code could not be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ServiceCodeError {
    /// Not 2 bytes (n3, `02 01`) or 3 ASCII digits (`32 30 31`).
    #[error(
        "service code (tag 5F30) must be 2 bytes n3 (e.g. 02 01) or 3 ASCII digits, got {0} bytes"
    )]
    Length(usize),
    /// A nibble or character that is not a decimal digit.
    #[error("service code (tag 5F30) byte {byte} ({value:02X}) is not a {expected}")]
    NotDigit {
        /// 1-based byte number.
        byte: usize,
        /// The byte.
        value: u8,
        /// What was expected there.
        expected: &'static str,
    },
}

impl ServiceCode {
    /// Decodes `02 01` (n3 in 2 bytes, leading nibble 0) or `32 30 31` (ASCII digits).
    pub fn decode(v: &[u8]) -> Result<ServiceCode, ServiceCodeError> {
        match *v {
            [a, b] => {
                let not_bcd = |byte, value, expected| ServiceCodeError::NotDigit {
                    byte,
                    value,
                    expected,
                };
                if a > 0x09 {
                    return Err(not_bcd(1, a, "digit with a leading 0 nibble (0X)"));
                }
                if b >> 4 > 9 || b & 0x0F > 9 {
                    return Err(not_bcd(2, b, "pair of decimal digits"));
                }
                Ok(ServiceCode {
                    digits: [a, b >> 4, b & 0x0F],
                })
            }
            [_, _, _] => {
                let mut digits = [0u8; 3];
                for (i, (&c, d)) in v.iter().zip(digits.iter_mut()).enumerate() {
                    if !c.is_ascii_digit() {
                        return Err(ServiceCodeError::NotDigit {
                            byte: i + 1,
                            value: c,
                            expected: "ASCII digit (30–39)",
                        });
                    }
                    *d = c - b'0';
                }
                Ok(ServiceCode { digits })
            }
            _ => Err(ServiceCodeError::Length(v.len())),
        }
    }

    /// The digits as a string, e.g. `201`.
    pub fn digits_str(&self) -> String {
        self.digits.iter().map(|d| char::from(b'0' + d)).collect()
    }

    /// Digit 1: chip card (2 or 6) — a chip terminal must ask for the chip.
    pub fn chip(&self) -> bool {
        matches!(self.digits[0], 2 | 6)
    }

    /// Digit 1: interchange and technology.
    pub fn interchange(&self, lang: Lang) -> &'static str {
        match self.digits[0] {
            1 => Text::new("International interchange OK", "可国际通用"),
            2 => Text::new("International interchange OK; IC chip: use the chip where feasible", "可国际通用；芯片卡，尽量使用芯片"),
            5 => Text::new("National interchange only, except under bilateral agreement", "仅限境内使用（双边协议除外）"),
            6 => Text::new("National interchange only, except under bilateral agreement; IC chip: use the chip where feasible", "仅限境内使用（双边协议除外）；芯片卡，尽量使用芯片"),
            7 => Text::new("No interchange except under bilateral agreement (closed loop)", "不可通用，双边协议除外（封闭环境）"),
            9 => Text::new("Test card", "测试卡"),
            _ => Text::new("RFU first digit", "保留的第一位"),
        }
        .get(lang)
    }

    /// Digit 2: authorisation processing.
    pub fn authorization(&self, lang: Lang) -> &'static str {
        match self.digits[1] {
            0 => Text::new("Normal authorisation", "正常授权"),
            2 => Text::new(
                "Contact the issuer online (by issuer)",
                "须联机向发卡行授权",
            ),
            4 => Text::new(
                "Contact the issuer online, except under bilateral agreement",
                "须联机向发卡行授权（双边协议除外）",
            ),
            _ => Text::new("RFU second digit", "保留的第二位"),
        }
        .get(lang)
    }

    /// Digit 3: allowed services and PIN requirements.
    pub fn pin_and_services(&self, lang: Lang) -> &'static str {
        match self.digits[2] {
            0 => Text::new("No restrictions, PIN required", "无限制，需要 PIN"),
            1 => Text::new("No restrictions", "无限制"),
            2 => Text::new(
                "Goods and services only (no cash)",
                "仅限商品和服务（不可取现）",
            ),
            3 => Text::new("ATM only, PIN required", "仅限 ATM，需要 PIN"),
            4 => Text::new("Cash only", "仅限取现"),
            5 => Text::new(
                "Goods and services only (no cash), PIN required",
                "仅限商品和服务（不可取现），需要 PIN",
            ),
            6 => Text::new(
                "No restrictions, PIN if a PIN pad is present",
                "无限制，有密码键盘时需要 PIN",
            ),
            7 => Text::new(
                "Goods and services only (no cash), PIN if a PIN pad is present",
                "仅限商品和服务（不可取现），有密码键盘时需要 PIN",
            ),
            _ => Text::new("RFU third digit", "保留的第三位"),
        }
        .get(lang)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_codes() {
        let s = ServiceCode::decode(&[0x02, 0x01]).unwrap();
        assert_eq!(s.digits_str(), "201");
        assert!(s.chip());
        assert_eq!(s.authorization(Lang::En), "Normal authorisation");
        assert_eq!(s.pin_and_services(Lang::En), "No restrictions");

        let s = ServiceCode::decode(b"101").unwrap();
        assert_eq!(s.digits_str(), "101");
        assert!(!s.chip());
        assert_eq!(s.interchange(Lang::En), "International interchange OK");

        let s = ServiceCode::decode(&[0x02, 0x21]).unwrap();
        assert_eq!(
            s.authorization(Lang::En),
            "Contact the issuer online (by issuer)"
        );

        let s = ServiceCode::decode(&[0x05, 0x20]).unwrap();
        assert!(!s.chip());
        assert!(
            s.interchange(Lang::En)
                .starts_with("National interchange only")
        );
        assert_eq!(
            s.authorization(Lang::En),
            "Contact the issuer online (by issuer)"
        );
        assert_eq!(
            s.pin_and_services(Lang::En),
            "No restrictions, PIN required"
        );
    }

    #[test]
    fn bad_values() {
        assert_eq!(
            ServiceCode::decode(&[0x02]),
            Err(ServiceCodeError::Length(1))
        );
        assert!(matches!(
            ServiceCode::decode(&[0x12, 0x01]),
            Err(ServiceCodeError::NotDigit { byte: 1, .. })
        ));
        assert!(matches!(
            ServiceCode::decode(&[0x02, 0x0A]),
            Err(ServiceCodeError::NotDigit { byte: 2, .. })
        ));
        assert!(matches!(
            ServiceCode::decode(b"2x1"),
            Err(ServiceCodeError::NotDigit { byte: 2, .. })
        ));
    }
}
