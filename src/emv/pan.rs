//! Primary Account Numbers: reading them from the card (`5A`, track 2 equivalent data `57`),
//! the Luhn check (ISO/IEC 7812-1 Annex B) and masking.
//!
//! A [`Pan`] holds the digits but never shows them: its `Debug`, `Display` and `Serialize` give
//! only the masked form, and there is no accessor for the full number. The only form that may
//! be stored or shown is [`MaskedPan`]: at most the first 6 and the last 4 digits (PCI DSS).

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// Longest PAN (ISO/IEC 7812-1).
pub const MAX_DIGITS: usize = 19;

/// Why bytes do not hold a PAN. Errors never contain digits of the PAN.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PanError {
    /// No digits at all.
    #[error("the PAN is empty")]
    Empty,
    /// More than 19 digits.
    #[error("the PAN has {0} digits; at most 19 are allowed")]
    TooLong(usize),
    /// A nibble or character that is not a decimal digit (0-based digit position).
    #[error("the PAN has a non-digit at digit position {0}")]
    NotADigit(usize),
    /// `F` padding followed by more digits.
    #[error("the PAN has digits after its F padding at digit position {0}")]
    BadPadding(usize),
    /// Track 2 data without the `D` field separator after the PAN.
    #[error("track 2 data has no field separator (D) after the PAN")]
    NoSeparator,
}

/// How many leading and trailing digits of a `len`-digit PAN may be shown.
///
/// First 6 and last 4 (PCI DSS), but only when at least 3 digits stay hidden (13 digits or
/// more, which covers every scheme's card numbers): with one or two hidden digits the Luhn
/// check digit would give the number away. Shorter numbers show at most their last 4 digits and
/// never more than half.
pub fn visible_digits(len: usize) -> (usize, usize) {
    if len >= 13 {
        (6, 4)
    } else {
        (0, (len / 2).min(4))
    }
}

/// A Primary Account Number. Shown and serialised only masked (see [`MaskedPan`]).
#[derive(Clone, PartialEq, Eq)]
pub struct Pan {
    digits: String,
}

impl Pan {
    /// The PAN of a `cn` value (`5A`): BCD digits, padded with trailing `F` nibbles.
    pub fn from_bcd(bytes: &[u8]) -> Result<Pan, PanError> {
        let mut digits = String::new();
        let mut padding_from = None;
        for (i, nibble) in nibbles(bytes).enumerate() {
            match (nibble, padding_from) {
                (0..=9, None) => digits.push(char::from(b'0' + nibble)),
                (0xF, _) => padding_from = padding_from.or(Some(i)),
                (0..=9, Some(_)) => return Err(PanError::BadPadding(i)),
                _ => return Err(PanError::NotADigit(i)),
            }
        }
        Pan::checked(digits)
    }

    /// The PAN at the start of track 2 equivalent data (`57`, `9F6B`): the digits before the
    /// `D` field separator (ISO/IEC 7813).
    pub fn from_track2(bytes: &[u8]) -> Result<Pan, PanError> {
        parse_track2(bytes).map(|t| t.pan)
    }

    /// A PAN typed or read as text: decimal digits only (spaces and dashes are ignored).
    pub fn from_digits(text: &str) -> Result<Pan, PanError> {
        let mut digits = String::new();
        for c in text.chars().filter(|c| !matches!(c, ' ' | '-')) {
            if !c.is_ascii_digit() {
                return Err(PanError::NotADigit(digits.len()));
            }
            digits.push(c);
        }
        Pan::checked(digits)
    }

    fn checked(digits: String) -> Result<Pan, PanError> {
        match digits.len() {
            0 => Err(PanError::Empty),
            n if n > MAX_DIGITS => Err(PanError::TooLong(n)),
            _ => Ok(Pan { digits }),
        }
    }

    /// Number of digits.
    pub fn len(&self) -> usize {
        self.digits.len()
    }

    /// Always false: a PAN has at least one digit.
    pub fn is_empty(&self) -> bool {
        self.digits.is_empty()
    }

    /// Whether the check digit is right (ISO/IEC 7812-1 Luhn formula).
    pub fn luhn_ok(&self) -> bool {
        luhn_valid(&self.digits)
    }

    /// The issuer identification number as far as it may be shown: the first 6 digits of a
    /// PAN of 13 digits or more, `None` for shorter numbers.
    pub fn iin(&self) -> Option<&str> {
        let (head, _) = visible_digits(self.len());
        (head > 0).then(|| &self.digits[..head])
    }

    /// The only form of the PAN that may be shown or stored.
    pub fn masked(&self) -> MaskedPan {
        MaskedPan(mask_chars(&self.digits))
    }
}

impl fmt::Display for Pan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.masked(), f)
    }
}

impl fmt::Debug for Pan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Pan({})", self.masked())
    }
}

impl Serialize for Pan {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.masked().serialize(s)
    }
}

/// Masks a string of digits (or of digits and `*`): keeps [`visible_digits`], replaces the
/// rest with `*`. Idempotent, so an already masked string stays as it is.
fn mask_chars(s: &str) -> String {
    let len = s.chars().count();
    let (head, tail) = visible_digits(len);
    s.chars()
        .enumerate()
        .map(|(i, c)| if i < head || i >= len - tail { c } else { '*' })
        .collect()
}

/// The ASCII digits and `*` of `text`, in order.
fn digits_and_stars(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_ascii_digit() || *c == '*')
        .collect()
}

/// A masked PAN such as `476173******0119`: the only form a PAN may take in JSON, reports,
/// logs and on screen.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct MaskedPan(String);

impl MaskedPan {
    /// The masked text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// A card number as an export or a person writes it, full or already masked
    /// (`6228 48** **** 1234`): digits and `*` are kept (other characters dropped) and masked
    /// again, so a full number never survives. `None` when there is no digit.
    pub fn from_text(text: &str) -> Option<MaskedPan> {
        let kept = digits_and_stars(text);
        kept.bytes()
            .any(|b| b.is_ascii_digit())
            .then(|| MaskedPan(mask_chars(&kept)))
    }

    /// The first 6 digits (the BIN / IIN range) when they are all shown.
    pub fn bin(&self) -> Option<&str> {
        self.0
            .get(..6)
            .filter(|h| self.0.len() >= 13 && h.bytes().all(|b| b.is_ascii_digit()))
    }
}

impl fmt::Display for MaskedPan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for MaskedPan {
    /// Reads a stored masked PAN. The text is masked again on the way in (keeping only digits
    /// and `*`), so a file edited to hold a full PAN still yields a masked one.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Ok(MaskedPan(mask_chars(&digits_and_stars(&s))))
    }
}

/// Whether `digits` (decimal digits only, at least two) passes the Luhn check
/// (ISO/IEC 7812-1 Annex B).
pub fn luhn_valid(digits: &str) -> bool {
    if digits.len() < 2 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let sum: u32 = digits
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b - b'0');
            if i % 2 == 1 {
                let dd = d * 2;
                if dd > 9 { dd - 9 } else { dd }
            } else {
                d
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

/// What the probe needs from track 2 equivalent data (`57`, ISO/IEC 7813): the PAN, the
/// expiry date and the service code. The discretionary data is not kept.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Track2 {
    /// The PAN (masked whenever shown).
    pub pan: Pan,
    /// Expiry date as `YYMM`, when present.
    pub expiry: Option<String>,
    /// Service code (3 digits), when present.
    pub service_code: Option<String>,
}

/// Reads track 2 equivalent data: `PAN D YYMM SSS discretionary F`.
pub fn parse_track2(bytes: &[u8]) -> Result<Track2, PanError> {
    let nibbles: Vec<u8> = nibbles(bytes).collect();
    let sep = nibbles
        .iter()
        .position(|&n| n == 0xD)
        .ok_or(PanError::NoSeparator)?;
    let mut digits = String::new();
    for (i, &n) in nibbles[..sep].iter().enumerate() {
        if n > 9 {
            return Err(PanError::NotADigit(i));
        }
        digits.push(char::from(b'0' + n));
    }
    let pan = Pan::checked(digits)?;
    let field = |from: usize, len: usize| -> Option<String> {
        let part = nibbles.get(from..from + len)?;
        part.iter()
            .all(|&n| n <= 9)
            .then(|| part.iter().map(|&n| char::from(b'0' + n)).collect())
    };
    Ok(Track2 {
        pan,
        expiry: field(sep + 1, 4),
        service_code: field(sep + 5, 3),
    })
}

fn nibbles(bytes: &[u8]) -> impl Iterator<Item = u8> + '_ {
    bytes.iter().flat_map(|b| [b >> 4, b & 0x0F])
}

#[cfg(test)]
mod tests {
    use super::*;

    const FULL: &str = "4761739001010119";

    #[test]
    fn luhn_accepts_valid_and_rejects_altered_numbers() {
        for good in [
            FULL,
            "5413330089010434",
            "378282246310005",
            "6212345678901265",
            "79927398713",
        ] {
            assert!(luhn_valid(good), "{good}");
        }
        for bad in [
            "4761739001010118",
            "79927398710",
            "",
            "7",
            "4761-7390",
            "12a4",
        ] {
            assert!(!luhn_valid(bad), "{bad}");
        }
        assert!(Pan::from_digits(FULL).unwrap().luhn_ok());
    }

    #[test]
    fn masks_first_six_and_last_four() {
        let pan = Pan::from_digits(FULL).unwrap();
        assert_eq!(pan.masked().as_str(), "476173******0119");
        assert_eq!(pan.iin(), Some("476173"));
        let amex = Pan::from_digits("378282246310005").unwrap();
        assert_eq!(amex.masked().to_string(), "378282*****0005");
        let nineteen = Pan::from_digits("6212345678901234567").unwrap();
        assert_eq!(nineteen.masked().to_string(), "621234*********4567");
    }

    #[test]
    fn short_numbers_hide_more() {
        assert_eq!(
            Pan::from_digits("12345678").unwrap().masked().to_string(),
            "****5678"
        );
        assert_eq!(
            Pan::from_digits("123456789012")
                .unwrap()
                .masked()
                .to_string(),
            "********9012"
        );
        assert_eq!(
            Pan::from_digits("123456").unwrap().masked().to_string(),
            "***456"
        );
        assert_eq!(Pan::from_digits("1").unwrap().masked().to_string(), "*");
        for len in 1..=MAX_DIGITS {
            let (head, tail) = visible_digits(len);
            let hidden = len - head - tail;
            assert!(head <= 6 && tail <= 4, "{len}");
            assert!(hidden >= 3.min(len.div_ceil(2)), "{len}");
            if len < 13 {
                assert!(head + tail <= len / 2, "{len}");
            }
        }
    }

    #[test]
    fn full_digits_never_appear_in_display_debug_serialize() {
        let pan = Pan::from_digits(FULL).unwrap();
        let shown = [
            format!("{pan}"),
            format!("{pan:?}"),
            format!("{pan:#?}"),
            serde_json::to_string(&pan).unwrap(),
            serde_json::to_string(&pan.masked()).unwrap(),
            format!(
                "{:?}",
                parse_track2(&hex::decode("4761739001010119D22122011143804400000F").unwrap())
            ),
            serde_json::to_string(
                &parse_track2(&hex::decode("4761739001010119D2212201").unwrap()).unwrap(),
            )
            .unwrap(),
        ];
        for s in shown {
            assert!(!s.contains(FULL), "{s}");
            assert!(!s.contains("7390010"), "{s}");
            assert!(s.contains("476173******0119"), "{s}");
        }
    }

    #[test]
    fn deserialising_a_full_pan_masks_it() {
        let m: MaskedPan = serde_json::from_str(&format!("\"{FULL}\"")).unwrap();
        assert_eq!(m.as_str(), "476173******0119");
        let again: MaskedPan = serde_json::from_str("\"476173******0119\"").unwrap();
        assert_eq!(again, m);
        let spaced: MaskedPan = serde_json::from_str("\"4761 7390 0101 0119\"").unwrap();
        assert_eq!(spaced, m);
    }

    #[test]
    fn reads_bcd_with_f_padding() {
        let pan = Pan::from_bcd(&hex::decode("378282246310005F").unwrap()).unwrap();
        assert_eq!(pan.len(), 15);
        assert!(pan.luhn_ok());
        assert_eq!(
            Pan::from_bcd(&hex::decode(FULL).unwrap()).unwrap().len(),
            16
        );
        assert_eq!(Pan::from_bcd(&[0x12, 0xF3]), Err(PanError::BadPadding(3)));
        assert_eq!(Pan::from_bcd(&[0x12, 0xA3]), Err(PanError::NotADigit(2)));
        assert_eq!(Pan::from_bcd(&[0xFF]), Err(PanError::Empty));
        assert_eq!(Pan::from_bcd(&[0x11; 10]), Err(PanError::TooLong(20)));
    }

    #[test]
    fn reads_track2() {
        let t =
            parse_track2(&hex::decode("4761739001010119D22122011143804400000F").unwrap()).unwrap();
        assert_eq!(t.pan, Pan::from_digits(FULL).unwrap());
        assert_eq!(t.expiry.as_deref(), Some("2212"));
        assert_eq!(t.service_code.as_deref(), Some("201"));
        let short = parse_track2(&hex::decode("4761739001010119D2").unwrap()).unwrap();
        assert_eq!((short.expiry, short.service_code), (None, None));
        assert_eq!(
            Pan::from_track2(&hex::decode("47617390").unwrap()),
            Err(PanError::NoSeparator)
        );
        assert_eq!(Pan::from_track2(&[0x4A, 0xD0]), Err(PanError::NotADigit(1)));
    }

    #[test]
    fn errors_carry_no_digits() {
        let e = Pan::from_digits("4761739001010119x").unwrap_err();
        assert_eq!(e, PanError::NotADigit(16));
        assert!(!e.to_string().contains("4761"));
    }
}
