//! `emv-doctor open FILE` (and a double-clicked report): the window starts with that report
//! loaded, or says in plain words why it cannot open it.
// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod ui_support;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use emv_doctor::finding::Severity;
use emv_doctor::i18n::Lang;
use emv_doctor::ui::{App, AppOptions};
use std::path::{Path, PathBuf};
use ui_support::step_until;

fn open_at_start(lang: Lang, file: PathBuf) -> Harness<'static, App> {
    let options = AppOptions {
        file: Some(file),
        ..ui_support::options(lang)
    };
    ui_support::window([1024.0, 900.0], options)
}

#[test]
fn a_report_given_at_start_is_the_open_session() {
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sample.emvdoc.ron");
    let mut h = open_at_start(Lang::En, file.clone());
    step_until(&mut h, "the report to open", |app| {
        app.state().report_path.is_some()
    });
    let state = h.state().state();
    assert_eq!(state.report_path.as_deref(), Some(file.as_path()));
    assert_eq!(
        state.report.shop.shop_name.as_deref(),
        Some("Green Leaf Café, Xuhui branch")
    );
    assert!(!state.report.guide_walks.is_empty());
    assert!(
        state
            .status
            .as_ref()
            .is_none_or(|n| n.severity != Severity::Error),
        "no error shown"
    );
}

#[test]
fn a_missing_report_is_said_in_plain_words() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = open_at_start(Lang::ZhCn, dir.path().join("gone.emvdoc.ron"));
    h.run();
    let state = h.state().state();
    assert!(state.report_path.is_none());
    let notice = state.status.as_ref().expect("a message in the status line");
    assert!(notice.text.contains("gone.emvdoc.ron"), "{}", notice.text);
    assert!(
        h.query_by_label_contains("gone.emvdoc.ron").is_some(),
        "the message is on screen"
    );
}
