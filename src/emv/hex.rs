//! Hex input as people type it: pairs of hex digits, optionally separated by spaces, tabs,
//! newlines or colons (`6F 1A 84`, `6f:1a:84`, `6F1A84`). Owns only the text → bytes step.

/// Why a hex string could not be read. Positions count characters from 1.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum HexError {
    /// A character that is neither a hex digit nor an allowed separator.
    #[error("character {ch:?} at position {pos} is not a hex digit")]
    NotHex {
        /// The offending character.
        ch: char,
        /// Its 1-based character position in the input.
        pos: usize,
    },
    /// An odd number of hex digits: the last one has no partner.
    #[error("odd number of hex digits ({count}): the digit at position {pos} has no pair")]
    OddDigits {
        /// How many hex digits the input holds.
        count: usize,
        /// 1-based character position of the unpaired (last) digit.
        pos: usize,
    },
}

impl HexError {
    /// What is wrong, in `lang`.
    pub fn message(&self, lang: crate::i18n::Lang) -> String {
        match (self, lang) {
            (_, crate::i18n::Lang::En) => self.to_string(),
            (HexError::NotHex { ch, pos }, crate::i18n::Lang::ZhCn) => {
                format!("第 {pos} 个字符“{ch}”不是十六进制数字（0–9、A–F）。")
            }
            (HexError::OddDigits { count, .. }, crate::i18n::Lang::ZhCn) => {
                format!("十六进制数字个数为奇数（{count} 个）：最后一位缺少配对。")
            }
        }
    }
}

/// Parses hex digits into bytes. Spaces, tabs, newlines and colons may separate digits
/// anywhere; anything else is rejected with its position. An empty input gives no bytes.
pub fn parse_hex(s: &str) -> Result<Vec<u8>, HexError> {
    let mut out = Vec::with_capacity(s.len() / 2);
    let mut high: Option<(u8, usize)> = None;
    let mut count = 0;
    for (i, ch) in s.chars().enumerate() {
        let pos = i + 1;
        if ch.is_whitespace() || ch == ':' {
            continue;
        }
        let nibble = ch
            .to_digit(16)
            .and_then(|d| u8::try_from(d).ok())
            .ok_or(HexError::NotHex { ch, pos })?;
        count += 1;
        match high.take() {
            None => high = Some((nibble, pos)),
            Some((h, _)) => out.push((h << 4) | nibble),
        }
    }
    match high {
        Some((_, pos)) => Err(HexError::OddDigits { count, pos }),
        None => Ok(out),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separators_are_allowed() {
        assert_eq!(
            parse_hex("6F 1a:84\n00").unwrap(),
            vec![0x6F, 0x1A, 0x84, 0x00]
        );
        assert_eq!(parse_hex("").unwrap(), Vec::<u8>::new());
        assert_eq!(parse_hex("9 0 0 0").unwrap(), vec![0x90, 0x00]);
    }

    #[test]
    fn bad_characters_are_placed() {
        assert_eq!(
            parse_hex("90 0z").unwrap_err(),
            HexError::NotHex { ch: 'z', pos: 5 }
        );
        assert_eq!(
            parse_hex("90 001").unwrap_err(),
            HexError::OddDigits { count: 5, pos: 6 }
        );
    }
}
