//! The privacy gate: the one function every export and every saved file passes through.
//!
//! Card data in a report is already masked at the source (the PAN is a masked type; track
//! data, the cardholder name and issuer discretionary data are never stored). What the gate
//! adds is protection against what people type, what a crafted or damaged file carries, and
//! card data hiding in hex: every string of the report, whatever part of the model it sits
//! in, goes through the one [`scan`]ner — as text, and when it is hex also as hex digits and
//! as the text its bytes spell. A logged card response is masked again tag by tag first
//! ([`mask_hex`], the masking the probe itself applies). For sharing outside the company,
//! "redact shop details" also removes the fields that identify the shop and the hostname.
//!
//! The gate fails closed: when it cannot rebuild the report after scrubbing (a number that
//! is not finite, say) it returns a [`GateError`], and every exporter checks its finished
//! text once more with [`verify`]; nothing is written when either fails.

pub mod scan;
pub mod visible;

use super::model::Report;
use crate::emv::tlv::mask_hex;
use serde_json::Value;

/// Options every export takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GateOptions {
    /// Remove the shop name, terminal serial, region and hostname.
    pub redact_shop: bool,
}

/// Why the gate refused to let a report out. Nothing was written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GateError {
    /// The report could not be checked field by field (for example a number that is not
    /// finite — NaN or infinity — which no export can hold).
    #[error(
        "the privacy check could not read every field of this report ({0}); nothing was exported"
    )]
    Unreadable(String),
    /// The finished text still held something shaped like a card number.
    #[error(
        "the privacy check found a card number or track data on line {1} of the finished {0}; nothing was exported"
    )]
    CardDataLeft(&'static str, usize),
}

impl GateError {
    /// What went wrong, in `lang`.
    pub fn message(&self, lang: crate::i18n::Lang) -> String {
        use crate::i18n::Text;
        match self {
            GateError::Unreadable(_) => Text::new(
                "The privacy check could not read every part of this report (a number in it is not valid, or the file was edited by hand); nothing was exported.",
                "隐私检查无法读取这份报告的全部内容（其中有无效的数字，或文件被手工改过），没有导出任何内容。",
            ),
            GateError::CardDataLeft(..) => Text::new(
                "The privacy check found something that looks like a card number in the result; nothing was exported.",
                "隐私检查在导出结果中发现了类似卡号的内容，没有导出任何内容。",
            ),
        }
        .get(lang)
        .to_owned()
    }
}

/// The report with every string scrubbed of full PANs and track data; nothing else changes.
/// Used before writing the native file.
pub fn scrub(report: &Report) -> Result<Report, GateError> {
    let mut value =
        serde_json::to_value(report).map_err(|e| GateError::Unreadable(e.to_string()))?;
    walk(&mut value, None);
    serde_json::from_value::<Report>(value).map_err(|e| {
        let what = e.to_string();
        GateError::Unreadable(if what.contains("null") {
            "a number that is not finite (NaN or infinity)".to_owned()
        } else {
            what
        })
    })
}

/// The report as it may leave the app: [`scrub`]bed, and with shop details removed when asked.
pub fn gate(report: &Report, options: GateOptions) -> Result<Report, GateError> {
    let mut clean = scrub(report)?;
    if options.redact_shop {
        let s = &mut clean.shop;
        s.shop_name = None;
        s.terminal_serial = None;
        s.region = None;
        clean.computer.hostname = None;
    }
    Ok(clean)
}

/// Checks a finished export (`what`: "HTML export", "report file" …): `text` back when it
/// holds no PAN-shaped Luhn-valid run and no track data, else an error.
pub fn verify(text: String, what: &'static str) -> Result<String, GateError> {
    match scan::first_card_data(&text) {
        Some(line) => Err(GateError::CardDataLeft(what, line)),
        None => Ok(text),
    }
}

/// Scrubs every string (and map key) of a report's serde form; `key` is the object key the
/// value sits under.
fn walk(value: &mut Value, key: Option<&str>) {
    match value {
        Value::String(s) => scrub_string(s, key == Some("response")),
        Value::Array(items) => items.iter_mut().for_each(|v| walk(v, key)),
        Value::Object(map) => {
            let dirty: Vec<String> = map
                .keys()
                .filter(|k| scan::holds_card_data(k))
                .cloned()
                .collect();
            for k in dirty {
                if let Some(v) = map.remove(&k) {
                    map.insert(scan::scrub_text(&k).unwrap_or_default(), v);
                }
            }
            for (k, v) in map.iter_mut() {
                walk(v, Some(k));
            }
        }
        Value::Number(n) => scrub_number(n),
        Value::Null | Value::Bool(_) => {}
    }
}

/// A number whose digits look like a card number (a crafted file can hide a PAN in a
/// timing): a fraction is rounded to a microsecond's precision of milliseconds, and what
/// still looks like one becomes 0.
fn scrub_number(n: &mut serde_json::Number) {
    if !scan::holds_card_data(&n.to_string()) {
        return;
    }
    let rounded = n
        .as_f64()
        .filter(|_| n.is_f64())
        .and_then(|f| serde_json::Number::from_f64((f * 1000.0).round() / 1000.0))
        .filter(|r| !scan::holds_card_data(&r.to_string()));
    *n = rounded.unwrap_or_else(|| {
        if n.is_f64() {
            serde_json::Number::from_f64(0.0).unwrap_or_else(|| 0.into())
        } else {
            0.into()
        }
    });
}

/// One string: hidden characters made visible first (an export shows them as `\u{…}`, and
/// that is what is scanned); a logged card response is masked again by tag; hex is scanned as
/// hex and as the text it spells; anything else as text.
fn scrub_string(s: &mut String, is_response: bool) {
    let shown = visible::visible_controls(s, false);
    if shown != *s {
        *s = shown;
    }
    if is_response
        && s.bytes().all(|b| b.is_ascii_hexdigit())
        && let Ok(bytes) = hex::decode(s.as_str())
    {
        *s = mask_hex(&bytes);
    }
    let clean = if scan::is_hex(s) {
        scan::scrub_hex(s)
    } else {
        scan::scrub_text(s)
    };
    if let Some(clean) = clean {
        *s = clean;
    }
}

/// `text` with every full PAN masked and track data after it removed, or `None` when there
/// was nothing to change (see [`scan`]).
pub fn scrub_text(text: &str) -> Option<String> {
    scan::scrub_text(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_pans_are_masked_in_any_grouping() {
        for typed in [
            "card 4111111111111111 fails",
            "card 4111 1111 1111 1111 fails",
            "card 4111-1111-1111-1111 fails",
        ] {
            assert_eq!(
                scrub_text(typed).as_deref(),
                Some("card 411111******1111 fails"),
                "{typed}"
            );
        }
        assert_eq!(
            scrub_text("card ４１１１１１１１１１１１１１１１").as_deref(),
            Some("card ４１１１１１******１１１１")
        );
    }

    #[test]
    fn probe_hex_is_kept_and_responses_are_masked_by_tag() {
        let mut aid = "A0000000031010".to_owned();
        scrub_string(&mut aid, false);
        assert_eq!(aid, "A0000000031010");
        let mut pan = "5A084761739001010119".to_owned();
        scrub_string(&mut pan, true);
        assert_eq!(pan, "5A08476173******0119");
        let mut masked = pan.clone();
        scrub_string(&mut masked, true);
        assert_eq!(masked, pan, "already masked stays");
        let mut typed = "card 4761739001010119".to_owned();
        scrub_string(&mut typed, false);
        assert_eq!(typed, "card 476173******0119");
    }
}
