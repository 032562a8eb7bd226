//! The Transactions (monitoring) page in the window: open a sample export through the file
//! dialog, the analysis runs off the UI thread, lands in the report, and the page shows what
//! stands out in words with its figures, in both languages; no card number on screen.
// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod ui_support;

use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use emv_doctor::i18n::Lang;
use emv_doctor::ui::dialogs::FileDialogs;
use emv_doctor::ui::{App, AppOptions};
use std::path::{Path, PathBuf};
use ui_support::{Cancel, step_until};

/// A dialog that picks one transaction export.
struct PickExport(PathBuf);

impl FileDialogs for PickExport {
    fn open_report(&self) -> Option<PathBuf> {
        None
    }
    fn open_export(&self) -> Option<PathBuf> {
        Some(self.0.clone())
    }
    fn save_as(&self, _: &str, _: &str) -> Option<PathBuf> {
        None
    }
}

fn harness(lang: Lang, export: &Path) -> Harness<'static, App> {
    harness_with(lang, Box::new(PickExport(export.to_owned())))
}

fn harness_with(lang: Lang, dialogs: Box<dyn FileDialogs>) -> Harness<'static, App> {
    let options = AppOptions {
        dialogs,
        ..ui_support::options(lang)
    };
    ui_support::window([1024.0, 1400.0], options)
}

fn sample(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("docs/samples")
        .join(name)
}

#[test]
fn an_export_shows_what_stands_out_in_english() {
    let mut h = harness(Lang::En, &sample("terminal-en.csv"));
    h.run();
    h.get_by_label("Transactions").click();
    h.run();
    h.get_by_label("Open a transaction export…").click();
    step_until(&mut h, "the analysis", |app| {
        !app.state().report.monitoring.is_empty()
    });
    assert!(
        h.query_by_label_contains("Failures come from one terminal")
            .is_some()
    );
    assert!(
        h.query_by_label_contains("Terminal 31020003: 21.3% of its payments failed")
            .is_some()
    );
    assert!(h.query_by_label("By terminal").is_some());
    assert!(
        h.query_by_label_contains("monitor.").is_none(),
        "no codes on screen"
    );
    assert!(h.query_by_label_contains("4111111").is_none());
}

#[test]
fn an_export_shows_what_stands_out_in_chinese() {
    let mut h = harness(Lang::ZhCn, &sample("sign-in-en.xlsx"));
    h.run();
    h.get_by_label("交易分析").click();
    h.run();
    h.get_by_label("打开交易明细…").click();
    step_until(&mut h, "the analysis", |app| {
        !app.state().report.monitoring.is_empty()
    });
    assert!(
        h.query_by_label("🔴 终端需要重新签到").is_some()
            || h.query_by_label_contains("终端需要重新签到").is_some()
    );
    assert!(h.query_by_label_contains("笔交易因为终端没签到").is_some());
    // Words in the main view: no response code, the code table only under the technical
    // details, and full-width punctuation next to Chinese.
    assert!(h.query_by_label("按应答码").is_none());
    let mut texts = Vec::new();
    for node in h.root().children_recursive() {
        let ak = node.accesskit_node();
        texts.extend(ak.label());
        texts.extend(ak.value());
    }
    assert!(texts.iter().any(|t| t.contains("签到")));
    for t in &texts {
        assert!(
            emv_doctor::guide::validate::ascii_punctuation(t).is_none(),
            "ASCII punctuation next to Chinese: {t:?}"
        );
        for code in ["A0", "Z3", " 77", "77 ", "×8", "×2"] {
            assert!(!t.contains(code), "a response code in the main view: {t:?}");
        }
    }
    // The codes are one click away.
    h.get_by_label("技术细节").scroll_to_me();
    h.run();
    h.get_by_label("技术细节").click();
    h.run();
    assert!(h.query_by_label("按应答码").is_some());
    assert!(h.query_by_label_contains("A0 ×8").is_some());
}

#[test]
fn an_unreadable_file_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, "a,b\n1,2\n").unwrap();
    let mut h = harness(Lang::En, &bad);
    h.run();
    h.get_by_label("Transactions").click();
    h.run();
    h.get_by_label("Open a transaction export…").click();
    step_until(&mut h, "the error", |app| {
        app.state().monitor_error.is_some()
    });
    assert!(
        h.query_by_label_contains("Could not read this export")
            .is_some()
    );
    assert!(h.state().state().report.monitoring.is_empty());
}

#[test]
fn cancelling_the_dialog_changes_nothing() {
    let mut h = harness_with(Lang::En, Box::new(Cancel));
    h.run();
    h.get_by_label("Transactions").click();
    h.run();
    h.get_by_label("Open a transaction export…").click();
    step_until(&mut h, "the dialog to close", |app| {
        !app.state().monitor_busy
    });
    assert!(h.state().state().monitor_error.is_none());
    assert!(h.state().state().report.monitoring.is_empty());
    assert!(
        h.query_by_label_contains("No export analysed yet")
            .is_some()
    );
}
