//! Cardholder verification: the CVM List `8E` (EMV 4.4 Book 3 §10.5, Annex C3) and CVM Results
//! `9F34` (Book 4 Annex A4). Owns the method and condition tables.

use crate::i18n::{Lang, Text};

/// The text of a CV rule method code (rule byte 1, b6–b1).
pub fn method_text(code: u8) -> Text {
    match code & 0x3F {
        0x00 => Text::new("Fail CVM processing", "持卡人验证失败"),
        0x01 => Text::new("Plaintext PIN verified by ICC", "IC 卡验证明文 PIN"),
        0x02 => Text::new("Enciphered PIN verified online", "联机验证加密 PIN"),
        0x03 => Text::new(
            "Plaintext PIN verified by ICC and signature (paper)",
            "IC 卡验证明文 PIN 加签名",
        ),
        0x04 => Text::new("Enciphered PIN verified by ICC", "IC 卡验证加密 PIN"),
        0x05 => Text::new(
            "Enciphered PIN verified by ICC and signature (paper)",
            "IC 卡验证加密 PIN 加签名",
        ),
        0x06 => Text::new(
            "Facial biometric verified offline (EMV 4.4)",
            "脱机验证人脸（EMV 4.4）",
        ),
        0x07 => Text::new(
            "Facial biometric verified online (EMV 4.4)",
            "联机验证人脸（EMV 4.4）",
        ),
        0x08 => Text::new(
            "Finger biometric verified offline (EMV 4.4)",
            "脱机验证指纹（EMV 4.4）",
        ),
        0x09 => Text::new(
            "Finger biometric verified online (EMV 4.4)",
            "联机验证指纹（EMV 4.4）",
        ),
        0x0A => Text::new(
            "Palm biometric verified offline (EMV 4.4)",
            "脱机验证掌纹（EMV 4.4）",
        ),
        0x0B => Text::new(
            "Palm biometric verified online (EMV 4.4)",
            "联机验证掌纹（EMV 4.4）",
        ),
        0x0C => Text::new(
            "Iris biometric verified offline (EMV 4.4)",
            "脱机验证虹膜（EMV 4.4）",
        ),
        0x0D => Text::new(
            "Iris biometric verified online (EMV 4.4)",
            "联机验证虹膜（EMV 4.4）",
        ),
        0x0E => Text::new(
            "Voice biometric verified offline (EMV 4.4)",
            "脱机验证声纹（EMV 4.4）",
        ),
        0x0F => Text::new(
            "Voice biometric verified online (EMV 4.4)",
            "联机验证声纹（EMV 4.4）",
        ),
        0x10..=0x1D => Text::new("RFU method", "保留的验证方法"),
        0x1E => Text::new("Signature (paper)", "签名（纸质）"),
        0x1F => Text::new("No CVM required", "无需持卡人验证"),
        0x20 => Text::new(
            "Payment-system method: cardholder ID presentation (PBOC)",
            "支付系统方法：持卡人证件出示（PBOC）",
        ),
        0x21..=0x2F => Text::new("Payment-system-specific method", "支付系统自定义方法"),
        0x30..=0x3E => Text::new("Issuer-specific method", "发卡行自定义方法"),
        _ => Text::new(
            "No CVM performed (not usable in a CV rule)",
            "未执行持卡人验证（不可用于 CV 规则）",
        ),
    }
}

/// The text of a CV rule condition code (rule byte 2).
pub fn condition_text(code: u8) -> Text {
    match code {
        0x00 => Text::new("Always", "总是"),
        0x01 => Text::new("If unattended cash", "无人值守取现时"),
        0x02 => Text::new(
            "If not unattended cash, not manual cash and not purchase with cashback",
            "非无人值守取现、非人工取现且非消费返现时",
        ),
        0x03 => Text::new("If terminal supports the CVM", "终端支持该验证方法时"),
        0x04 => Text::new("If manual cash", "人工取现时"),
        0x05 => Text::new("If purchase with cashback", "消费返现时"),
        0x06 => Text::new(
            "If transaction is in the application currency and under X",
            "交易为应用货币且金额小于 X 时",
        ),
        0x07 => Text::new(
            "If transaction is in the application currency and over X",
            "交易为应用货币且金额大于 X 时",
        ),
        0x08 => Text::new(
            "If transaction is in the application currency and under Y",
            "交易为应用货币且金额小于 Y 时",
        ),
        0x09 => Text::new(
            "If transaction is in the application currency and over Y",
            "交易为应用货币且金额大于 Y 时",
        ),
        0x0A..=0x7F => Text::new("RFU condition", "保留的条件"),
        _ => Text::new("Payment-system-specific condition", "支付系统自定义条件"),
    }
}

/// One Cardholder Verification Rule: two bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CvRule {
    /// Method code, byte 1 b6–b1.
    pub method: u8,
    /// Byte 1 b7: 1 = apply the next rule if this one is unsuccessful; 0 = fail cardholder
    /// verification.
    pub apply_next_if_unsuccessful: bool,
    /// Condition code, byte 2.
    pub condition: u8,
}

impl CvRule {
    /// Decodes the two bytes of a rule.
    pub fn from_bytes(b1: u8, b2: u8) -> CvRule {
        CvRule {
            method: b1 & 0x3F,
            apply_next_if_unsuccessful: b1 & 0x40 != 0,
            condition: b2,
        }
    }
}

/// A decoded CVM List `8E`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CvmList {
    /// Amount X, binary, in the application currency (`9F42`) minor units.
    pub amount_x: u32,
    /// Amount Y, same currency.
    pub amount_y: u32,
    /// The rules in order, stopping at `00 00` padding.
    pub rules: Vec<CvRule>,
}

/// Why a CVM List or CVM Results value could not be decoded.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CvmError {
    /// Fewer than the 8 bytes of amounts X and Y.
    #[error("CVM list (tag 8E) must start with 8 bytes of amounts X and Y, got {0} bytes")]
    TooShort(usize),
    /// The rules part has an odd byte count.
    #[error("CVM list (tag 8E) rule at offset {0} is incomplete: rules are 2 bytes each")]
    HalfRule(usize),
    /// CVM Results is not 3 bytes.
    #[error("CVM results (tag 9F34) must be 3 bytes, got {0}")]
    ResultsLength(usize),
}

impl CvmList {
    /// Decodes a CVM List value.
    pub fn decode(v: &[u8]) -> Result<CvmList, CvmError> {
        let (Some(x), Some(y)) = (v.get(0..4), v.get(4..8)) else {
            return Err(CvmError::TooShort(v.len()));
        };
        let amount = |b: &[u8]| b.iter().fold(0u32, |acc, &x| (acc << 8) | u32::from(x));
        let mut rules = Vec::new();
        let mut off = 8;
        while off < v.len() {
            let (Some(&b1), Some(&b2)) = (v.get(off), v.get(off + 1)) else {
                return Err(CvmError::HalfRule(off));
            };
            if b1 == 0 && b2 == 0 {
                break;
            }
            rules.push(CvRule::from_bytes(b1, b2));
            off += 2;
        }
        Ok(CvmList {
            amount_x: amount(x),
            amount_y: amount(y),
            rules,
        })
    }
}

/// Byte 3 of CVM Results.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CvmOutcome {
    /// `00` unknown (e.g. signature), and RFU values.
    Unknown,
    /// `01` failed.
    Failed,
    /// `02` successful.
    Successful,
}

impl CvmOutcome {
    /// The JSON name: `unknown`, `failed`, `successful`.
    pub fn as_str(self) -> &'static str {
        match self {
            CvmOutcome::Unknown => "unknown",
            CvmOutcome::Failed => "failed",
            CvmOutcome::Successful => "successful",
        }
    }

    /// The outcome in `lang`.
    pub fn text(self, lang: Lang) -> &'static str {
        match self {
            CvmOutcome::Unknown => Text::new(
                "unknown (e.g. signature to be checked)",
                "未知（如待核对签名）",
            ),
            CvmOutcome::Failed => Text::new("failed", "失败"),
            CvmOutcome::Successful => Text::new("successful", "成功"),
        }
        .get(lang)
    }
}

/// A decoded CVM Results `9F34`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CvmResults {
    /// The CV rule that was applied (`3F` method = no CVM performed).
    pub rule: CvRule,
    /// Byte 3.
    pub outcome: CvmOutcome,
    /// The raw byte 3, for RFU values.
    pub raw_result: u8,
}

impl CvmResults {
    /// Decodes the 3 bytes of CVM Results.
    pub fn decode(v: &[u8]) -> Result<CvmResults, CvmError> {
        let &[b1, b2, b3] = v else {
            return Err(CvmError::ResultsLength(v.len()));
        };
        let outcome = match b3 {
            1 => CvmOutcome::Failed,
            2 => CvmOutcome::Successful,
            _ => CvmOutcome::Unknown,
        };
        Ok(CvmResults {
            rule: CvRule::from_bytes(b1, b2),
            outcome,
            raw_result: b3,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_method_has_text() {
        let cases = [
            (0x00, "Fail CVM processing"),
            (0x01, "Plaintext PIN verified by ICC"),
            (0x02, "Enciphered PIN verified online"),
            (0x03, "Plaintext PIN verified by ICC and signature (paper)"),
            (0x04, "Enciphered PIN verified by ICC"),
            (0x05, "Enciphered PIN verified by ICC and signature (paper)"),
            (0x06, "Facial biometric verified offline (EMV 4.4)"),
            (0x0F, "Voice biometric verified online (EMV 4.4)"),
            (0x10, "RFU method"),
            (0x1D, "RFU method"),
            (0x1E, "Signature (paper)"),
            (0x1F, "No CVM required"),
            (
                0x20,
                "Payment-system method: cardholder ID presentation (PBOC)",
            ),
            (0x2F, "Payment-system-specific method"),
            (0x30, "Issuer-specific method"),
            (0x3E, "Issuer-specific method"),
            (0x3F, "No CVM performed (not usable in a CV rule)"),
        ];
        for (code, en) in cases {
            assert_eq!(method_text(code).en, en, "method {code:02X}");
        }
        for code in 0..0x40 {
            assert!(!method_text(code).zh.is_empty());
        }
    }

    #[test]
    fn every_condition_has_text() {
        let cases = [
            (0x00, "Always"),
            (0x01, "If unattended cash"),
            (
                0x02,
                "If not unattended cash, not manual cash and not purchase with cashback",
            ),
            (0x03, "If terminal supports the CVM"),
            (0x04, "If manual cash"),
            (0x05, "If purchase with cashback"),
            (
                0x06,
                "If transaction is in the application currency and under X",
            ),
            (
                0x07,
                "If transaction is in the application currency and over X",
            ),
            (
                0x08,
                "If transaction is in the application currency and under Y",
            ),
            (
                0x09,
                "If transaction is in the application currency and over Y",
            ),
            (0x0A, "RFU condition"),
            (0x7F, "RFU condition"),
            (0x80, "Payment-system-specific condition"),
            (0xFF, "Payment-system-specific condition"),
        ];
        for (code, en) in cases {
            assert_eq!(condition_text(code).en, en, "condition {code:02X}");
        }
    }

    #[test]
    fn list_with_amounts_rules_and_padding() {
        let v = [
            0x00, 0x00, 0x27, 0x10, 0x00, 0x00, 0x00, 0x64, 0x42, 0x03, 0x1E, 0x03, 0x02, 0x00,
            0x1F, 0x03, 0x00, 0x00, 0x00, 0x00,
        ];
        let l = CvmList::decode(&v).unwrap();
        assert_eq!((l.amount_x, l.amount_y), (10000, 100));
        assert_eq!(
            l.rules,
            vec![
                CvRule {
                    method: 0x02,
                    apply_next_if_unsuccessful: true,
                    condition: 0x03
                },
                CvRule {
                    method: 0x1E,
                    apply_next_if_unsuccessful: false,
                    condition: 0x03
                },
                CvRule {
                    method: 0x02,
                    apply_next_if_unsuccessful: false,
                    condition: 0x00
                },
                CvRule {
                    method: 0x1F,
                    apply_next_if_unsuccessful: false,
                    condition: 0x03
                },
            ]
        );
    }

    #[test]
    fn list_errors() {
        assert_eq!(CvmList::decode(&[0; 7]), Err(CvmError::TooShort(7)));
        assert_eq!(
            CvmList::decode(&[0, 0, 0, 0, 0, 0, 0, 0, 0x42]),
            Err(CvmError::HalfRule(8))
        );
        assert!(CvmList::decode(&[0; 8]).unwrap().rules.is_empty());
    }

    #[test]
    fn results() {
        let r = CvmResults::decode(&[0x42, 0x03, 0x00]).unwrap();
        assert_eq!(r.rule.method, 0x02);
        assert_eq!(r.outcome, CvmOutcome::Unknown);
        assert_eq!(
            CvmResults::decode(&[0x1F, 0x03, 0x02]).unwrap().outcome,
            CvmOutcome::Successful
        );
        assert_eq!(
            CvmResults::decode(&[0x01, 0x00, 0x01]).unwrap().outcome,
            CvmOutcome::Failed
        );
        assert_eq!(
            CvmResults::decode(&[0x1F, 0x03]),
            Err(CvmError::ResultsLength(2))
        );
    }
}
