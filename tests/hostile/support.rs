//! Helpers shared by the hostile cases.

use emv_doctor::i18n::Lang;
use emv_doctor::report::export::{self, ExportOptions, Format};
use emv_doctor::report::{Report, store};

/// Every way a report leaves the app: each export format (shop details kept and removed),
/// the text summary and the native file. Panics when one of them fails.
pub fn every_output(report: &Report) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for format in [Format::Html, Format::Markdown, Format::Json] {
        for redact_shop in [false, true] {
            let options = ExportOptions {
                lang: report.lang,
                redact_shop,
                // Practice records pass the same gate: exported in half the runs.
                include_training: redact_shop,
            };
            let text = export::export(report, format, &options)
                .unwrap_or_else(|e| panic!("{format:?} export failed: {e}"));
            out.push((format!("{format:?} redact={redact_shop}"), text));
        }
    }
    let options = ExportOptions {
        lang: Lang::ZhCn,
        redact_shop: false,
        include_training: false,
    };
    out.push((
        "text summary".into(),
        export::text::export(report, &options).unwrap_or_else(|e| panic!("text: {e}")),
    ));
    out.push((
        "native file".into(),
        store::encode(report).unwrap_or_else(|e| panic!("native file: {e}")),
    ));
    out
}

/// `text` with every decimal digit in any script made ASCII and everything but digits and
/// letters taken out: a PAN written with any separators shows as its plain digits here.
pub fn digits_and_letters(text: &str) -> String {
    text.chars()
        .filter_map(|c| {
            emv_doctor::report::privacy::scan::digit_value(c)
                .map(|d| char::from(b'0' + d))
                .or(c.is_alphanumeric().then_some(c))
        })
        .collect()
}

/// `pan` with a Luhn check digit appended.
pub fn with_check_digit(body: &str) -> String {
    (0..=9)
        .map(|d| format!("{body}{d}"))
        .find(|p| emv_doctor::emv::pan::luhn_valid(p))
        .unwrap_or_default()
}
