//! Cryptogram Information Data `9F27` (EMV 4.4 Book 3 §6.5.5.4, Table 14): which cryptogram the
//! card returned, whether it asks for an advice, and why.

use crate::i18n::{Lang, Text};

/// The cryptogram type, CID b8–b7.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CryptogramType {
    /// `00`: Application Authentication Cryptogram, the card declines.
    Aac,
    /// `01`: Transaction Certificate, the card approves offline.
    Tc,
    /// `10`: Authorisation Request Cryptogram, the card wants to go online.
    Arqc,
    /// `11`: reserved for future use.
    Rfu,
}

impl CryptogramType {
    /// The short name used in JSON: `AAC`, `TC`, `ARQC`, `RFU`.
    pub fn as_str(self) -> &'static str {
        match self {
            CryptogramType::Aac => "AAC",
            CryptogramType::Tc => "TC",
            CryptogramType::Arqc => "ARQC",
            CryptogramType::Rfu => "RFU",
        }
    }

    /// What the cryptogram means for the transaction.
    pub fn text(self, lang: Lang) -> &'static str {
        match self {
            CryptogramType::Aac => Text::new(
                "AAC: the card declines the transaction",
                "AAC：卡片拒绝交易",
            ),
            CryptogramType::Tc => Text::new("TC: the card approves offline", "TC：卡片脱机批准"),
            CryptogramType::Arqc => Text::new(
                "ARQC: the card asks for online authorisation",
                "ARQC：卡片请求联机授权",
            ),
            CryptogramType::Rfu => Text::new(
                "RFU cryptogram type (b8–b7 = 11)",
                "保留的密文类型（b8–b7 = 11）",
            ),
        }
        .get(lang)
    }
}

/// The reason / advice code, CID b3–b1.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reason {
    /// `000`: no information given.
    NoInformation,
    /// `001`: service not allowed.
    ServiceNotAllowed,
    /// `010`: PIN Try Limit exceeded.
    PinTryLimitExceeded,
    /// `011`: issuer authentication failed.
    IssuerAuthenticationFailed,
    /// `1xx`: reserved for future use.
    Rfu,
}

impl Reason {
    /// The stable code used in JSON, `None` for "no information".
    pub fn code(self) -> Option<&'static str> {
        match self {
            Reason::NoInformation => None,
            Reason::ServiceNotAllowed => Some("service_not_allowed"),
            Reason::PinTryLimitExceeded => Some("pin_try_limit_exceeded"),
            Reason::IssuerAuthenticationFailed => Some("issuer_authentication_failed"),
            Reason::Rfu => Some("rfu"),
        }
    }

    /// The reason in `lang`.
    pub fn text(self, lang: Lang) -> &'static str {
        match self {
            Reason::NoInformation => Text::new("No information given", "未给出信息"),
            Reason::ServiceNotAllowed => Text::new("Service not allowed", "服务不允许"),
            Reason::PinTryLimitExceeded => Text::new("PIN Try Limit exceeded", "PIN 尝试次数超限"),
            Reason::IssuerAuthenticationFailed => {
                Text::new("Issuer authentication failed", "发卡行认证失败")
            }
            Reason::Rfu => Text::new("RFU reason code (b3 = 1)", "保留的原因代码（b3 = 1）"),
        }
        .get(lang)
    }
}

/// A decoded CID byte.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cid {
    /// The raw byte.
    pub raw: u8,
    /// b8–b7.
    pub cryptogram: CryptogramType,
    /// b6–b5, payment-system-specific cryptogram bits.
    pub scheme_bits: u8,
    /// b4: advice required.
    pub advice_required: bool,
    /// b3–b1.
    pub reason: Reason,
}

impl Cid {
    /// Decodes one CID byte; every value is valid.
    pub fn decode(raw: u8) -> Cid {
        let cryptogram = match raw >> 6 {
            0 => CryptogramType::Aac,
            1 => CryptogramType::Tc,
            2 => CryptogramType::Arqc,
            _ => CryptogramType::Rfu,
        };
        let reason = match raw & 0x07 {
            0 => Reason::NoInformation,
            1 => Reason::ServiceNotAllowed,
            2 => Reason::PinTryLimitExceeded,
            3 => Reason::IssuerAuthenticationFailed,
            _ => Reason::Rfu,
        };
        Cid {
            raw,
            cryptogram,
            scheme_bits: (raw >> 4) & 0x03,
            advice_required: raw & 0x08 != 0,
            reason,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cryptogram_types() {
        assert_eq!(Cid::decode(0x00).cryptogram, CryptogramType::Aac);
        assert_eq!(Cid::decode(0x40).cryptogram, CryptogramType::Tc);
        assert_eq!(Cid::decode(0x80).cryptogram, CryptogramType::Arqc);
        assert_eq!(Cid::decode(0xC0).cryptogram, CryptogramType::Rfu);
        assert_eq!(Cid::decode(0x80).cryptogram.as_str(), "ARQC");
    }

    #[test]
    fn advice_and_reasons() {
        let c = Cid::decode(0x0A);
        assert!(c.advice_required);
        assert_eq!(c.reason, Reason::PinTryLimitExceeded);
        assert_eq!(c.reason.code(), Some("pin_try_limit_exceeded"));
        assert_eq!(Cid::decode(0x01).reason, Reason::ServiceNotAllowed);
        assert_eq!(Cid::decode(0x03).reason, Reason::IssuerAuthenticationFailed);
        assert_eq!(Cid::decode(0x04).reason.code(), Some("rfu"));
        assert_eq!(Cid::decode(0x80).reason.code(), None);
        assert!(!Cid::decode(0x80).advice_required);
        assert_eq!(Cid::decode(0x30).scheme_bits, 3);
    }
}
