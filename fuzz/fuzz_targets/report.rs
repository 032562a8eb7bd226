//! Fuzz target for the report loader and the privacy gate: whatever report comes in, no
//! export that comes out (HTML, Markdown, JSON, the text summary, the native file) may hold a
//! PAN-shaped Luhn-valid run or track data, and nothing may panic.
//!
//! The first byte picks how the rest is used: as a whole native file, or as text typed into
//! every free-text and hex field of a sample report (the way a person or a crafted file
//! would bring card data in).
//!
//! Run with `cargo +nightly fuzz run report` from the repository root.

#![no_main]

use emv_doctor::report::export::{self, ExportOptions, Format};
use emv_doctor::report::privacy::GateError;
use emv_doctor::report::privacy::scan::holds_card_data;
use emv_doctor::report::{Report, store};
use libfuzzer_sys::fuzz_target;

const SAMPLE: &str = include_str!("../../tests/fixtures/sample.emvdoc.ron");

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let report = if mode % 2 == 0 {
        match store::decode(text) {
            Ok(loaded) => loaded.report,
            Err(_) => return,
        }
    } else {
        typed_into_sample(text)
    };
    check_every_export(&report);
});

/// The sample report with `typed` in a note, shop fields and a probe's hex fields.
fn typed_into_sample(typed: &str) -> Report {
    let mut r = store::decode(SAMPLE).expect("sample report loads").report;
    r.notes.clear();
    r.add_note(r.updated, typed);
    r.shop.shop_name = Some(typed.to_owned());
    r.shop.terminal_serial = Some(format!("SN {typed}"));
    r.computer.os = typed.to_owned();
    r.app_version = typed.to_owned();
    if let Some(p) = r.card_probes.first_mut() {
        p.report.atr = typed.to_owned();
        if let Some(a) = p.report.apdus.first_mut() {
            a.response = typed.to_owned();
            a.command = hex::encode_upper(typed);
        }
    }
    r
}

fn check_every_export(report: &Report) {
    for format in [Format::Html, Format::Markdown, Format::Json] {
        for redact_shop in [false, true] {
            let options = ExportOptions {
                redact_shop,
                ..ExportOptions::for_report(report)
            };
            match export::export(report, format, &options) {
                Ok(out) => assert!(!holds_card_data(&out), "{format:?} export leaks:\n{out}"),
                Err(e) => assert!(!matches!(e, GateError::CardDataLeft(..)), "{format:?}: {e}"),
            }
        }
    }
    if let Ok(out) = export::text::export(report, &ExportOptions::for_report(report)) {
        assert!(!holds_card_data(&out), "text summary leaks:\n{out}");
    }
    if let Ok(out) = store::encode(report) {
        assert!(!holds_card_data(&out), "native file leaks:\n{out}");
        let again = store::decode(&out).expect("a saved report opens again");
        let _ = export::export(&again.report, Format::Json, &ExportOptions::for_report(&again.report));
    }
}
