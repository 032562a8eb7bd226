//! BER-TLV *encoding* for building virtual cards (EMV Book 3 Annex B). Parsing lives in
//! [`crate::emv::tlv`]; this module only writes the bytes the virtual cards send.

/// One TLV object: `tag` as written on the wire (1–3 bytes), then the length in the shortest
/// definite form (`XX`, `81 XX` or `82 XX XX`), then `value`.
pub(crate) fn tlv(tag: &[u8], value: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(tag.len() + 3 + value.len());
    out.extend_from_slice(tag);
    let n = value.len();
    if n < 0x80 {
        out.push(n as u8);
    } else if n <= 0xFF {
        out.extend_from_slice(&[0x81, n as u8]);
    } else {
        out.extend_from_slice(&[0x82, (n >> 8) as u8, n as u8]);
    }
    out.extend_from_slice(value);
    out
}

/// The concatenation of several encoded objects (the value of a constructed object).
pub(crate) fn cat(parts: &[Vec<u8>]) -> Vec<u8> {
    parts.concat()
}

/// Bytes from a hex literal with optional spaces. Only used on the catalogue's own constants,
/// which the scenario tests build, so a typo fails those tests loudly rather than at a customer.
pub(crate) fn h(hex_text: &str) -> Vec<u8> {
    let clean: String = hex_text.chars().filter(|c| !c.is_whitespace()).collect();
    hex::decode(clean).unwrap_or_default()
}

/// Numeric data (format `n`) as BCD, left-padded with zeros to `len` bytes.
pub(crate) fn bcd(digits: &str, len: usize) -> Vec<u8> {
    let mut padded = "0".repeat((len * 2).saturating_sub(digits.len()));
    padded.push_str(digits);
    h(&padded)
}

/// Compressed numeric (`cn`, e.g. a PAN in `5A`): digits, padded on the right with `F`.
pub(crate) fn cn(digits: &str) -> Vec<u8> {
    let mut s = digits.to_owned();
    if s.len() % 2 == 1 {
        s.push('F');
    }
    h(&s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_use_the_shortest_form() {
        assert_eq!(tlv(&[0x5A], &[1, 2]), vec![0x5A, 2, 1, 2]);
        assert_eq!(&tlv(&[0x90], &[0; 0x90])[..3], &[0x90, 0x81, 0x90]);
        assert_eq!(&tlv(&[0x70], &[0; 0x123])[..4], &[0x70, 0x82, 0x01, 0x23]);
    }

    #[test]
    fn numbers_pad_the_way_emv_says() {
        assert_eq!(bcd("201", 2), vec![0x02, 0x01]);
        assert_eq!(cn("123"), vec![0x12, 0x3F]);
        assert_eq!(h("6A 82"), vec![0x6A, 0x82]);
    }
}
