//! The committed samples stay current: `tests/fixtures/sample.emvdoc.ron` is exactly what the
//! sample report saves to (and opens back to the same report), and `docs/sample-report.html`
//! is exactly its HTML export. Regenerate both with `EMV_DOCTOR_UPDATE_SAMPLES=1`.

mod report_support;

use emv_doctor::report::export::{self, ExportOptions, Format};
use emv_doctor::report::{privacy, store};
use report_support::sample_report;
use std::path::Path;

#[test]
fn committed_samples_match_the_code() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let ron_path = root.join("tests/fixtures/sample.emvdoc.ron");
    let html_path = root.join("docs/sample-report.html");
    let report = sample_report();
    let ron = store::encode(&report).unwrap();
    let html = export::export(&report, Format::Html, &ExportOptions::for_report(&report)).unwrap();
    if std::env::var_os("EMV_DOCTOR_UPDATE_SAMPLES").is_some() {
        store::atomic::write(&ron_path, ron.as_bytes()).unwrap();
        store::atomic::write(&html_path, html.as_bytes()).unwrap();
    }
    assert_eq!(
        std::fs::read_to_string(&ron_path).unwrap(),
        ron,
        "sample.emvdoc.ron is stale"
    );
    assert_eq!(
        store::open(&ron_path).unwrap().report,
        privacy::scrub(&report).unwrap(),
        "sample opens to the same report"
    );
    assert_eq!(
        std::fs::read_to_string(&html_path).unwrap(),
        html,
        "sample-report.html is stale"
    );
}
