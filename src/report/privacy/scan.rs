//! The card-number scanner: finds a full PAN however it is written, and track data.
//!
//! A *digit run* is a sequence of decimal digits — ASCII, full-width, Arabic-Indic or any
//! other Unicode decimal digit, and super- or subscript digits — where up to [`MAX_GAP`]
//! separators may stand between two digits: whitespace of any kind (tab, newline, NBSP,
//! ideographic space …), dashes, `.`, `/`, `\` (and their full-width forms), invisible format
//! characters (zero-width space and joiner, bidi controls, soft hyphen) or combining marks.
//!
//! Every window of 13–19 consecutive digits of a run, at any position, that passes the Luhn
//! check (ISO/IEC 7812-1) and starts with a card-issuing major industry identifier (1–9) is a
//! PAN: all but its first 6 and last 4 digits become `*`. Track shapes are caught with or
//! without Luhn: 12–19 digits followed by `=` or `D` and the expiry (track 2, also as hex),
//! or by `^` (track 1); everything after the PAN up to the end of the track goes too.
//!
//! Hex is scanned twice: as it stands (a PAN in BCD shows as plain digits) and decoded to
//! text (a PAN in ASCII or UTF-8 inside a hex string); in hex, what is taken out becomes `*`
//! so the string keeps its length.
//!
//! A number that merely looks like a PAN (a serial that happens to pass Luhn) is masked too:
//! a false alarm costs less than a leak.

use crate::emv::pan::luhn_valid;
use unicode_general_category::{GeneralCategory, get_general_category};

/// Shortest PAN (ISO/IEC 7812-1).
pub const MIN_PAN: usize = 13;
/// Longest PAN.
pub const MAX_PAN: usize = 19;
/// Shortest PAN taken in a track shape (some private-label cards have 12 digits).
const MIN_TRACK_PAN: usize = 12;
/// Most separator characters between two digits of one run.
pub const MAX_GAP: usize = 5;
/// What replaces the track data after a PAN in text.
const TRACK_REMOVED: &str = " [track data removed]";

/// What happens to one character.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mark {
    Keep,
    /// A masked digit.
    Star,
    /// Track data after a PAN.
    Drop,
    /// A separator inside a masked PAN, left out so the PAN reads `476173******0119`.
    Gone,
}

/// `text` with every PAN masked and track data removed, or `None` when it holds none.
pub fn scrub_text(text: &str) -> Option<String> {
    let chars: Vec<char> = text.chars().collect();
    let marks = marks(&chars, false);
    if marks.iter().all(|&m| m == Mark::Keep) {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    for (i, (&c, &m)) in chars.iter().zip(&marks).enumerate() {
        match m {
            Mark::Keep => out.push(c),
            Mark::Star => out.push('*'),
            Mark::Drop if i == 0 || marks[i - 1] != Mark::Drop => out.push_str(TRACK_REMOVED),
            Mark::Drop | Mark::Gone => {}
        }
    }
    Some(out)
}

/// Whether `text` holds anything [`scrub_text`] would take out.
pub fn holds_card_data(text: &str) -> bool {
    first_card_data(text).is_some()
}

/// The 1-based line of the first thing in `text` that [`scrub_text`] would take out.
pub fn first_card_data(text: &str) -> Option<usize> {
    let chars: Vec<char> = text.chars().collect();
    let at = marks(&chars, false).iter().position(|&m| m != Mark::Keep)?;
    Some(1 + chars[..at].iter().filter(|&&c| c == '\n').count())
}

/// Whether `s` is written in hex: an even number of hex digits (or `*` of earlier masking).
pub fn is_hex(s: &str) -> bool {
    s.len() >= 2
        && s.len().is_multiple_of(2)
        && s.bytes().all(|b| b.is_ascii_hexdigit() || b == b'*')
}

/// A hex string with every PAN in it masked, whether it stands in the hex digits (BCD) or in
/// the text the bytes spell (ASCII, UTF-8); `None` when it holds none. The length is kept.
pub fn scrub_hex(hex: &str) -> Option<String> {
    let mut out: Vec<char> = hex.chars().collect();
    let mut changed = false;
    // The decoded text first: masking the hex digits could split an ASCII PAN's bytes.
    let (text, bytes_of) = decoded_text(&out);
    for (k, m) in marks(&text, false).into_iter().enumerate() {
        if m != Mark::Keep {
            let (from, to) = bytes_of[k];
            out[from * 2..to * 2].fill('*');
            changed = true;
        }
    }
    let current = out.clone();
    for (c, m) in out.iter_mut().zip(marks(&current, true)) {
        if m != Mark::Keep {
            *c = '*';
            changed = true;
        }
    }
    changed.then(|| out.into_iter().collect())
}

/// The text a hex string's bytes spell (pairs with `*` become a break), with the byte range
/// of each character.
fn decoded_text(hex: &[char]) -> (Vec<char>, Vec<(usize, usize)>) {
    let bytes: Vec<u8> = hex
        .chunks(2)
        .map(|pair| {
            let s: String = pair.iter().collect();
            u8::from_str_radix(&s, 16).unwrap_or(0)
        })
        .collect();
    let mut text = Vec::new();
    let mut ranges = Vec::new();
    let mut at = 0;
    for chunk in bytes.utf8_chunks() {
        for (offset, c) in chunk.valid().char_indices() {
            text.push(c);
            ranges.push((at + offset, at + offset + c.len_utf8()));
        }
        at += chunk.valid().len();
        for _ in chunk.invalid() {
            text.push('\0');
            ranges.push((at, at + 1));
            at += 1;
        }
    }
    (text, ranges)
}

/// One digit run: the position of each digit and the digits as ASCII.
struct Run {
    at: Vec<usize>,
    digits: String,
}

/// The runs of `chars`.
fn runs(chars: &[char]) -> Vec<Run> {
    let mut runs = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let Some(d) = digit_value(chars[i]) else {
            i += 1;
            continue;
        };
        let mut run = Run {
            at: vec![i],
            digits: char::from(b'0' + d).to_string(),
        };
        let mut j = i + 1;
        loop {
            let mut k = j;
            while k < chars.len() && k - j <= MAX_GAP && is_separator(chars[k]) {
                k += 1;
            }
            match chars.get(k).and_then(|&c| digit_value(c)) {
                Some(d) if k - j <= MAX_GAP => {
                    run.at.push(k);
                    run.digits.push(char::from(b'0' + d));
                    j = k + 1;
                }
                _ => break,
            }
        }
        i = j;
        runs.push(run);
    }
    runs
}

/// What happens to each character of `chars`; `hex` when they are hex digits (a track then
/// ends at the `F` padding).
fn marks(chars: &[char], hex: bool) -> Vec<Mark> {
    let mut marks = vec![Mark::Keep; chars.len()];
    for run in runs(chars) {
        if marks[run.at[0]] == Mark::Drop {
            continue;
        }
        let n = run.digits.len();
        let mut pan_at_end = false;
        for start in 0..n {
            for len in MIN_PAN..=MAX_PAN.min(n - start) {
                let end = start + len;
                let window = &run.digits[start..end];
                if plausible_pan(window) && luhn_valid(window) {
                    star(&mut marks, &run.at[start..end]);
                    pan_at_end |= end == n;
                }
            }
        }
        let after = run.at[n - 1] + 1;
        if let Some(tail) = track_tail(chars, after, pan_at_end || n >= MIN_TRACK_PAN, hex) {
            let pan = n.saturating_sub(MAX_PAN)..n;
            star(&mut marks, &run.at[pan]);
            marks[after..tail].fill(Mark::Drop);
        }
    }
    marks
}

/// Whether `digits` (13–19 of them) could be a payment card's PAN by its issuer
/// identification number and length (ISO/IEC 7812-1 major industry identifiers 1–9, with
/// the ranges and lengths the card schemes issue).
fn plausible_pan(digits: &str) -> bool {
    let len = digits.len();
    let prefix = |n: usize| {
        digits
            .get(..n)
            .and_then(|p| p.parse::<u32>().ok())
            .unwrap_or(0)
    };
    match digits.as_bytes().first() {
        // UATP.
        Some(b'1') => len == 15,
        // Mir 2200–2204, Mastercard 2221–2720.
        Some(b'2') => (2200..=2720).contains(&prefix(4)) && len >= 16,
        // Diners 30, 36, 38–39; Amex 34, 37; JCB 35.
        Some(b'3') => matches!(prefix(2), 30 | 34..=39) && len >= 14,
        // Visa; Mastercard 51–55 and Maestro; Discover, UnionPay 62, RuPay, Maestro.
        Some(b'4' | b'5' | b'6') => true,
        // Fleet and petroleum cards; domestic schemes.
        Some(b'7' | b'9') => len >= 16,
        // UnionPay 81, RuPay 82.
        Some(b'8') => matches!(prefix(2), 81 | 82) && len >= 16,
        _ => false,
    }
}

/// Stars all but the first 6 and last 4 of the digits at `at`; the separators between them go.
fn star(marks: &mut [Mark], at: &[usize]) {
    let keep_end = at.len().saturating_sub(4);
    for &i in at.iter().take(keep_end).skip(6) {
        if marks[i] == Mark::Keep {
            marks[i] = Mark::Star;
        }
    }
    if let (Some(&first), Some(&last)) = (at.first(), at.last()) {
        for (i, m) in marks.iter_mut().enumerate().take(last).skip(first) {
            if *m == Mark::Keep && at.binary_search(&i).is_err() {
                *m = Mark::Gone;
            }
        }
    }
}

/// When track data follows a PAN (`pan`: the run is one) at `at`, the index just past it.
/// Track 2: `=` or `D` (its hex form) and the expiry; track 1: `^NAME^`, then data; both up
/// to whitespace or the `?` end sentinel (in hex, up to the `F` padding).
fn track_tail(chars: &[char], at: usize, pan: bool, hex: bool) -> Option<usize> {
    let sep = *chars.get(at)?;
    let digit_next = chars.get(at + 1).is_some_and(|&c| c.is_ascii_digit());
    let mut j = at + 1;
    match sep {
        '=' | 'D' | 'd' if pan && digit_next => {}
        '^' if pan => {
            if let Some(k) = chars[j..]
                .iter()
                .take_while(|&&c| c != '\n')
                .position(|&c| c == '^')
            {
                j += k + 1;
            } else {
                return Some(
                    chars[j..]
                        .iter()
                        .position(|&c| c == '\n')
                        .map_or(chars.len(), |k| j + k),
                );
            }
        }
        _ => return None,
    }
    while j < chars.len() && !chars[j].is_whitespace() {
        if chars[j] == '?' {
            return Some(j + 1);
        }
        if hex && matches!(chars[j], 'F' | 'f') {
            return Some(j);
        }
        j += 1;
    }
    Some(j)
}

/// The value of a decimal digit in any script (Unicode `Nd`), or of a super- or subscript digit.
pub fn digit_value(c: char) -> Option<u8> {
    match c {
        '0'..='9' => Some(c as u8 - b'0'),
        '\u{B9}' => Some(1),
        '\u{B2}' | '\u{B3}' => Some(c as u8 - 0xB0),
        '\u{2070}' | '\u{2074}'..='\u{2079}' => u8::try_from(u32::from(c) - 0x2070).ok(),
        '\u{2080}'..='\u{2089}' => u8::try_from(u32::from(c) - 0x2080).ok(),
        c if u32::from(c) < 0x660 => None,
        c if get_general_category(c) == GeneralCategory::DecimalNumber => {
            // Unicode encodes decimal digits in contiguous runs of ten, 0 to 9.
            let code = u32::from(c);
            let below = (1..=code)
                .map_while(|k| char::from_u32(code - k))
                .take_while(|&p| get_general_category(p) == GeneralCategory::DecimalNumber)
                .count();
            u8::try_from(below % 10).ok()
        }
        _ => None,
    }
}

/// Whether `c` may stand between two digits of one number.
fn is_separator(c: char) -> bool {
    c.is_whitespace()
        || matches!(c, '.' | '/' | '\\' | '\u{FF0E}' | '\u{FF0F}' | '\u{2212}')
        || matches!(
            get_general_category(c),
            GeneralCategory::DashPunctuation
                | GeneralCategory::Format
                | GeneralCategory::NonspacingMark
                | GeneralCategory::EnclosingMark
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_of_other_scripts() {
        assert_eq!(digit_value('７'), Some(7));
        assert_eq!(digit_value('٤'), Some(4));
        assert_eq!(digit_value('۹'), Some(9));
        assert_eq!(digit_value('५'), Some(5));
        assert_eq!(digit_value('𝟘'), Some(0));
        assert_eq!(digit_value('𝟡'), Some(9));
        assert_eq!(digit_value('²'), Some(2));
        assert_eq!(digit_value('a'), None);
        assert_eq!(digit_value('五'), None);
    }

    #[test]
    fn a_pan_after_other_digits_is_found() {
        for typed in [
            "Terminal 7 4761 7390 0101 0135",
            "qty 2 4761739001010135",
            "tel 13800138000 4761739001010135",
            "ref 0012 4761-7390-0101-0135",
        ] {
            let out = scrub_text(typed).unwrap_or_default();
            assert!(out.contains("*"), "{typed} -> {out}");
            assert!(!holds_card_data(&out), "{out}");
        }
    }

    #[test]
    fn every_separator_is_seen_through() {
        for sep in [
            ".", "/", "\t", "  ", "\u{A0}", "\u{200B}", "\n", "\r\n", " - ", "\u{3000}", "\u{202E}",
        ] {
            let typed = ["4761", "7390", "0101", "0135"].join(sep);
            assert!(holds_card_data(&typed), "{sep:?}");
        }
        assert!(holds_card_data("４７６１７３９００１０１０１３５"));
        assert!(holds_card_data("٤٧٦١٧٣٩٠٠١٠١٠١٣٥"));
    }

    #[test]
    fn ordinary_numbers_stay() {
        for text in [
            "call 400-820-8888, S/N 1234567890123",
            "masked 411111******1111",
            "2025-03-01T09:00:00+08:00",
            "0000000000000000",
            "version 0.1.0 on 127.0.0.1",
        ] {
            assert_eq!(scrub_text(text), None, "{text}");
        }
    }

    #[test]
    fn track_shapes_go_whole() {
        assert_eq!(
            scrub_text(";4111111111111111=25121011234567890? read").as_deref(),
            Some(";411111******1111 [track data removed] read")
        );
        assert_eq!(
            scrub_text("%B4111111111111111^SMITH/JOHN Q^2512101000000?").as_deref(),
            Some("%B411111******1111 [track data removed]")
        );
        // Track shape without a Luhn-valid PAN.
        assert_eq!(
            scrub_text("x 4111111111111112=2512101").as_deref(),
            Some("x 411111******1112 [track data removed]")
        );
    }

    #[test]
    fn hex_is_scanned_as_digits_and_as_text() {
        // PAN in BCD inside a non-sensitive tag.
        let bcd = scrub_hex("9F36084761739001010119").unwrap_or_default();
        assert_eq!(bcd.len(), 22);
        assert!(!bcd.contains("4761739001010119"), "{bcd}");
        // PAN in ASCII inside tag 50.
        let ascii: String = "5010"
            .chars()
            .chain(hex::encode_upper("4761739001010119").chars())
            .collect();
        let out = scrub_hex(&ascii).unwrap_or_default();
        assert_eq!(out.len(), ascii.len());
        let kept: String = out
            .as_bytes()
            .chunks(2)
            .filter_map(|p| std::str::from_utf8(p).ok())
            .filter_map(|p| u8::from_str_radix(p, 16).ok())
            .map(char::from)
            .collect();
        assert!(!holds_card_data(&kept), "{out}");
        // Track 2 equivalent in BCD: the discretionary data up to the padding goes too.
        let t2 = scrub_hex("57134761739001010119D25122010000000000000F").unwrap_or_default();
        assert!(t2.ends_with('F') && !t2.contains("D2512"), "{t2}");
        // ASCII text in hex often reads as a long decimal run ("VISA CREDIT" is
        // 56495341204352454449549000): a false alarm is masked too, and the length is kept.
        let label = scrub_hex("500B56495341204352454449549000").unwrap_or_default();
        assert_eq!(label.len(), 30);
        assert!(!holds_card_data(&label));
    }
}
