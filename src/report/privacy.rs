//! The privacy gate: the one function every export and every saved file passes through.
//!
//! Card data in a report is already masked at the source (the PAN is a masked type; track
//! data, the cardholder name and issuer discretionary data are never stored). What the gate
//! adds is protection against what people type and what the model might carry in free text:
//! every string in the report is scanned, and anything that looks like a full PAN (13–19
//! digits passing the Luhn check, ISO/IEC 7812-1, optionally grouped by spaces or dashes,
//! ASCII or full-width digits) is replaced by its masked form (first 6, last 4). A PAN
//! followed by a track separator (`=` or `D` for track 2, `^` for track 1) takes the rest of
//! the track with it. For sharing outside the company, "redact shop details" also removes the
//! fields that identify the shop and the computer's hostname.
//!
//! Card probes hold hex, not prose: their hex fields (ATR, AIDs, AIP, AFL, the APDU log …)
//! are not scanned for digit runs, which would mangle them (`…56495341…` is "VISA" in ASCII,
//! not a PAN). Instead a logged response that is plain hex is masked again, tag by tag, by
//! [`mask_hex`] (the masking the probe itself applies), a value with the `*` of that masking
//! is kept, and anything else falls back to the text scrub. Every other string of a probe
//! (reader, labels, finding details) is scrubbed like free text.
//!
//! A number that merely looks like a PAN (a 16-digit serial that happens to pass Luhn) is
//! masked too: a false alarm costs less than a leak.

use super::model::Report;
use crate::emv::tlv::mask_hex;
use serde_json::Value;

/// What replaces the part of a track after the PAN.
const TRACK_REMOVED: &str = " [track data removed]";
/// What replaces digits after a PAN in an unbroken run of more than 19 digits.
const DIGITS_REMOVED: &str = " [digits removed]";

/// Options every export takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GateOptions {
    /// Remove the shop name, terminal serial, region and hostname.
    pub redact_shop: bool,
}

/// The report with every string scrubbed of full PANs and track data; nothing else changes.
/// Used before writing the native file.
pub fn scrub(report: &Report) -> Report {
    scrub_all_strings(report)
}

/// The report as it may leave the app: [`scrub`]bed, and with shop details removed when asked.
pub fn gate(report: &Report, options: GateOptions) -> Report {
    let mut clean = scrub(report);
    if options.redact_shop {
        let s = &mut clean.shop;
        s.shop_name = None;
        s.terminal_serial = None;
        s.region = None;
        clean.computer.hostname = None;
    }
    clean
}

/// Scrubs every string the report holds, whatever part of the model it sits in, by walking
/// its serde form. Fails closed: if the walk cannot rebuild the report, only the metadata
/// survives and every free-text field is dropped.
fn scrub_all_strings(report: &Report) -> Report {
    let rebuilt = serde_json::to_value(report).ok().and_then(|mut value| {
        walk(&mut value);
        serde_json::from_value::<Report>(value).ok()
    });
    rebuilt.unwrap_or_else(|| {
        let mut bare = Report::new(report.created, report.lang);
        bare.updated = report.updated;
        bare.computer.hostname = None;
        bare
    })
}

fn walk(value: &mut Value) {
    match value {
        Value::String(s) => scrub_in_place(s),
        Value::Array(items) => items.iter_mut().for_each(walk),
        Value::Object(map) => {
            for (key, v) in map.iter_mut() {
                if key == "card_probes" {
                    walk_probe(v, None);
                } else {
                    walk(v);
                }
            }
        }
        Value::Null | Value::Bool(_) | Value::Number(_) => {}
    }
}

/// Keys of a card probe whose values are hex (see the module doc).
const PROBE_HEX_KEYS: &[&str] = &[
    "atr",
    "aid",
    "command",
    "response",
    "sw",
    "select_sw",
    "gpo_sw",
    "aip",
    "afl",
    "auc",
    "cvm_list",
    "iac_default",
    "iac_denial",
    "iac_online",
    "log_entry",
    "log_format",
];

/// Walks a card probe's serde form; `key` is the object key the value sits under.
fn walk_probe(value: &mut Value, key: Option<&str>) {
    match value {
        Value::String(s) => match key {
            Some(k) if PROBE_HEX_KEYS.contains(&k) => scrub_hex(s, k == "response"),
            _ => scrub_in_place(s),
        },
        Value::Array(items) => items.iter_mut().for_each(|v| walk_probe(v, key)),
        Value::Object(map) => {
            for (k, v) in map.iter_mut() {
                walk_probe(v, Some(k));
            }
        }
        Value::Null | Value::Bool(_) | Value::Number(_) => {}
    }
}

/// A hex field of a probe: plain hex stays (a card response is masked again by tag), hex
/// with the probe's `*` masking stays, anything else is scrubbed as text.
fn scrub_hex(s: &mut String, is_response: bool) {
    if s.len().is_multiple_of(2) && s.bytes().all(|b| b.is_ascii_hexdigit()) {
        if is_response && let Ok(bytes) = hex::decode(s.as_str()) {
            *s = mask_hex(&bytes);
        }
    } else if !(is_response && s.bytes().all(|b| b.is_ascii_hexdigit() || b == b'*')) {
        scrub_in_place(s);
    }
}

fn scrub_in_place(s: &mut String) {
    if let Some(clean) = scrub_text(s) {
        *s = clean;
    }
}

/// `text` with every full PAN masked and track data after it removed, or `None` when there
/// was nothing to change.
pub fn scrub_text(text: &str) -> Option<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut changed = false;
    let mut i = 0;
    while i < chars.len() {
        let starts_run = digit(chars[i]).is_some() && (i == 0 || digit(chars[i - 1]).is_none());
        if !starts_run {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let (digits, end) = digit_run(&chars, i);
        match pan_prefix(&digits) {
            Some(len) => {
                changed = true;
                out.push_str(&mask(&digits[..len]));
                let mut next = end;
                if len < digits.len() {
                    out.push_str(DIGITS_REMOVED);
                } else if let Some(track_end) = track_tail(&chars, end) {
                    out.push_str(TRACK_REMOVED);
                    next = track_end;
                }
                i = next;
            }
            None => {
                out.extend(&chars[i..end]);
                i = end;
            }
        }
    }
    changed.then_some(out)
}

/// The value of an ASCII or full-width decimal digit.
fn digit(c: char) -> Option<u8> {
    match c {
        '0'..='9' => Some(c as u8 - b'0'),
        '\u{FF10}'..='\u{FF19}' => u8::try_from(u32::from(c) - 0xFF10).ok(),
        _ => None,
    }
}

/// The digits of the run starting at `start` (single spaces or dashes may group them) and the
/// index just past it.
fn digit_run(chars: &[char], start: usize) -> (Vec<u8>, usize) {
    let mut digits = Vec::new();
    let mut j = start;
    while j < chars.len() {
        if let Some(d) = digit(chars[j]) {
            digits.push(d);
            j += 1;
        } else if matches!(chars[j], ' ' | '-')
            && chars.get(j + 1).and_then(|&c| digit(c)).is_some()
        {
            j += 1;
        } else {
            break;
        }
    }
    (digits, j)
}

/// The length of the PAN a digit run is or starts with: the whole run when it has 13–19 digits
/// and passes Luhn; for a longer run, its longest Luhn-valid prefix of 13–19 digits.
fn pan_prefix(digits: &[u8]) -> Option<usize> {
    match digits.len() {
        0..=12 => None,
        13..=19 => luhn(digits).then_some(digits.len()),
        _ => (13..=19).rev().find(|&n| luhn(&digits[..n])),
    }
}

/// The Luhn check (ISO/IEC 7812-1 Annex B) over decimal digits.
pub fn luhn(digits: &[u8]) -> bool {
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &d)| {
            let d = u32::from(d);
            if i % 2 == 1 {
                let x = d * 2;
                if x > 9 { x - 9 } else { x }
            } else {
                d
            }
        })
        .sum();
    !digits.is_empty() && sum.is_multiple_of(10)
}

/// First 6 and last 4 digits, the rest as `*`.
fn mask(digits: &[u8]) -> String {
    digits
        .iter()
        .enumerate()
        .map(|(i, &d)| {
            if i < 6 || i + 4 >= digits.len() {
                char::from(b'0' + d)
            } else {
                '*'
            }
        })
        .collect()
}

/// When a track separator follows the PAN at `at`, the index just past the track's end.
/// Track 2: `=` or `D` (its hex form), then data up to whitespace or `?`. Track 1: `^NAME^`
/// (the name may hold spaces), then data up to whitespace or `?`.
fn track_tail(chars: &[char], at: usize) -> Option<usize> {
    let sep = *chars.get(at)?;
    let mut j = at + 1;
    match sep {
        '=' | 'D' | 'd' => {}
        '^' => {
            let close = chars[j..]
                .iter()
                .take_while(|&&c| c != '\n')
                .position(|&c| c == '^');
            match close {
                Some(k) => j += k + 1,
                None => {
                    return Some(
                        chars[j..]
                            .iter()
                            .position(|&c| c == '\n')
                            .map_or(chars.len(), |k| j + k),
                    );
                }
            }
        }
        _ => return None,
    }
    while j < chars.len() && !chars[j].is_whitespace() {
        if chars[j] == '?' {
            return Some(j + 1);
        }
        j += 1;
    }
    Some(j)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn luhn_accepts_test_pans() {
        assert!(luhn(&[4, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]));
        assert!(!luhn(&[4, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2]));
    }

    #[test]
    fn full_pans_are_masked_in_any_grouping() {
        for typed in [
            "card 4111111111111111 fails",
            "card 4111 1111 1111 1111 fails",
            "card 4111-1111-1111-1111 fails",
            "card ４１１１１１１１１１１１１１１１ fails",
        ] {
            assert_eq!(
                scrub_text(typed).as_deref(),
                Some("card 411111******1111 fails"),
                "{typed}"
            );
        }
    }

    #[test]
    fn other_numbers_stay() {
        assert_eq!(scrub_text("call 400-820-8888, S/N 1234567890123"), None);
        assert_eq!(scrub_text("masked 411111******1111"), None);
        assert_eq!(scrub_text("2025-03-01T09:00:00+08:00"), None);
    }

    #[test]
    fn track_data_goes_with_the_pan() {
        assert_eq!(
            scrub_text(";4111111111111111=25121011234567890? read").as_deref(),
            Some(";411111******1111 [track data removed] read")
        );
        assert_eq!(
            scrub_text("57: 4111111111111111D25121011234500000F").as_deref(),
            Some("57: 411111******1111 [track data removed]")
        );
        assert_eq!(
            scrub_text("%B4111111111111111^SMITH/JOHN Q^2512101000000?").as_deref(),
            Some("%B411111******1111 [track data removed]")
        );
    }

    #[test]
    fn probe_hex_is_kept_and_responses_are_masked_by_tag() {
        let mut label = "500B56495341204352454449549000".to_owned();
        scrub_hex(&mut label, true);
        assert_eq!(
            label, "500B56495341204352454449549000",
            "ASCII hex is no PAN"
        );
        let mut pan = "5A084761739001010119".to_owned();
        scrub_hex(&mut pan, true);
        assert_eq!(pan, "5A08476173******0119");
        let mut masked = pan.clone();
        scrub_hex(&mut masked, true);
        assert_eq!(masked, pan, "already masked stays");
        let mut typed = "card 4761739001010119".to_owned();
        scrub_hex(&mut typed, false);
        assert_eq!(typed, "card 476173******0119");
    }

    #[test]
    fn long_runs_lose_everything_after_the_pan() {
        let out = scrub_text("41111111111111112512101").unwrap();
        assert_eq!(out, "411111******1111 [digits removed]");
    }
}
