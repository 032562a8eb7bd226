//! Round trip of the native file: every field survives save → open → save byte-identically,
//! card probes included, and the version-1 fixture opens and migrates.
// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod report_support;

use emv_doctor::i18n::Lang;
use emv_doctor::report::{FORMAT_VERSION, privacy, store};
use report_support::{at, full_report, full_report_with_probe};

#[test]
fn full_report_round_trips_byte_identically() {
    for lang in [Lang::En, Lang::ZhCn] {
        let dir = tempfile::tempdir().unwrap();
        let report = full_report_with_probe(lang);
        assert_eq!(report.card_probes.len(), 1);
        let first = dir.path().join(format!("a.{}", store::EXTENSION));
        store::save(&report, &first).unwrap();
        let loaded = store::open(&first).unwrap();
        assert_eq!(loaded.migrated_from, None);
        let gated = privacy::scrub(&report).unwrap();
        assert_eq!(
            loaded.report, gated,
            "every field survives the privacy gate"
        );
        let second = dir.path().join(format!("b.{}", store::EXTENSION));
        store::save(&loaded.report, &second).unwrap();
        let (a, b) = (
            std::fs::read(&first).unwrap(),
            std::fs::read(&second).unwrap(),
        );
        assert_eq!(a, b, "second save is byte-identical");
    }
}

#[test]
fn version_1_fixture_opens_and_migrates() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/report-v1.emvdoc.ron");
    let before = std::fs::read(&path).unwrap();
    let loaded = store::open(&path).unwrap();
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "opening never writes"
    );
    assert_eq!(loaded.migrated_from, Some(1));
    let r = &loaded.report;
    assert_eq!(r.format_version, FORMAT_VERSION);
    assert_eq!(r.lang, Lang::ZhCn);
    assert_eq!(
        r.updated, r.created,
        "v1 had no `updated`: it starts at `created`"
    );
    assert_eq!(r.notes.len(), 1);
    assert_eq!(r.notes[0].at, r.created);
    assert_eq!(
        r.notes[0].text,
        "插卡提示 EMV 错误，挥卡正常。\nChip insert fails, tap works."
    );
    assert_eq!(r.shop.terminal_model.as_deref(), Some("ME31"));
    assert_eq!(
        r.summary.as_ref().unwrap().outcome.en,
        "Reader contacts dirty."
    );

    saved_again_round_trips(r);
}

/// Saved again, a migrated report is a current-format file that round-trips.
fn saved_again_round_trips(r: &emv_doctor::report::Report) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("migrated.emvdoc.ron");
    store::save(r, &out).unwrap();
    let again = store::open(&out).unwrap();
    assert_eq!(again.migrated_from, None);
    assert_eq!(&again.report, r);
}

#[test]
fn changes_keep_round_tripping() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.emvdoc.ron");
    let mut report = full_report(Lang::En);
    store::save(&report, &path).unwrap();
    let mut reopened = store::open(&path).unwrap().report;
    report.add_note(at("10:00"), "third note");
    reopened.add_note(at("10:00"), "third note");
    assert_eq!(report, reopened);
    store::save(&reopened, &path).unwrap();
    assert_eq!(store::open(&path).unwrap().report, report);
}

#[test]
fn version_2_fixture_opens_as_version_3_without_exports() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/report-v2.emvdoc.ron");
    let loaded = store::open(&path).unwrap();
    assert_eq!(loaded.migrated_from, Some(2));
    let r = &loaded.report;
    assert_eq!(r.format_version, FORMAT_VERSION);
    assert!(r.monitoring.is_empty());
    assert!(
        !r.card_probes.is_empty(),
        "everything version 2 held is kept"
    );
    // Saved again (through today's privacy gate), it is a current-format file.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("migrated.emvdoc.ron");
    store::save(r, &out).unwrap();
    let again = store::open(&out).unwrap();
    assert_eq!(again.migrated_from, None);
    assert_eq!(again.report.card_probes.len(), r.card_probes.len());
    assert_eq!(again.report.guide_walks.len(), r.guide_walks.len());
}

/// A version-3 file knows practice probes only by their reader name (`sim:NAME`): they open
/// marked as practice, and a real reader's probe does not.
#[test]
fn version_3_virtual_card_probes_open_as_practice() {
    let mut r = full_report_with_probe(Lang::ZhCn);
    let mut real = r.card_probes[0].report.as_ref().clone();
    real.reader = "ACS ACR39U ICC Reader 00 00".into();
    r.add_probe(r.updated, real);
    let v4 = store::encode(&r).unwrap();
    assert!(!v4.contains("training"), "nothing marked yet");
    let current = format!("format_version: {FORMAT_VERSION},");
    let v3 = v4.replacen(&current, "format_version: 3,", 1);
    assert_ne!(v3, v4);
    let loaded = store::decode(&v3).unwrap();
    assert_eq!(loaded.migrated_from, Some(3));
    let probes = &loaded.report.card_probes;
    assert!(probes[0].training && probes[0].report.reader.starts_with("sim:"));
    assert!(!probes[1].training);
    // The same text as the current version trusts the mark alone.
    assert!(!store::decode(&v4).unwrap().report.card_probes[0].training);
}
