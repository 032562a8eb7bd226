//! The tools and settings pages, the in-window file dialog (desktops without a portal), the
//! summary for support, and "start new" asking before anything unsaved goes — driven through
//! AccessKit like a user would.
// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod ui_support;

use eframe::egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use emv_doctor::i18n::Lang;
use emv_doctor::ui::dialogs::FileDialogs;
use emv_doctor::ui::file_dialog::{Backend, DesktopDialogs, DialogHost};
use emv_doctor::ui::settings::Tab;
use emv_doctor::ui::{App, AppOptions, UiCommand};
use std::path::{Path, PathBuf};
use ui_support::{Cancel, step_until};

/// egui_file's path and file-name fields carry no accessible name (the crate does not label
/// them), so windows that show the in-window dialog skip kittest's accessibility check.
struct Setup {
    lang: Lang,
    dialogs: Box<dyn FileDialogs>,
    host: Option<DialogHost>,
    reports: Option<PathBuf>,
    autosave: Option<PathBuf>,
}

fn harness(setup: Setup) -> Harness<'static, App> {
    let Setup {
        lang,
        dialogs,
        host,
        reports,
        autosave,
    } = setup;
    let checked = host.is_none();
    Harness::builder()
        .with_size([1024.0, 900.0])
        .with_accessibility_check(checked)
        .build_eframe(move |cc| {
            App::new(
                cc,
                AppOptions {
                    dialogs,
                    dialog_host: host,
                    reports_dir: reports,
                    autosave_dir: autosave,
                    ..ui_support::options(lang)
                },
            )
        })
}

fn plain(lang: Lang) -> Harness<'static, App> {
    harness(Setup {
        lang,
        dialogs: Box::new(Cancel),
        host: None,
        reports: None,
        autosave: None,
    })
}

/// A window whose file dialogs are drawn in the window, saving into `reports`.
fn in_window(lang: Lang, reports: &Path) -> Harness<'static, App> {
    let (dialogs, host) = DesktopDialogs::new(reports.to_owned(), Some(Backend::InWindow));
    harness(Setup {
        lang,
        dialogs: Box::new(dialogs),
        host: Some(host),
        reports: Some(reports.to_owned()),
        autosave: None,
    })
}

fn copied(h: &Harness<'static, App>) -> Option<String> {
    h.output()
        .platform_output
        .commands
        .iter()
        .find_map(|c| match c {
            eframe::egui::OutputCommand::CopyText(t) => Some(t.clone()),
            _ => None,
        })
}

#[test]
fn the_decoder_explains_a_tvr_in_both_languages_and_copies_it() {
    for (lang, tab, input_label, says, copy) in [
        (
            Lang::En,
            "Tools",
            "Hex value",
            "Transaction exceeds floor limit",
            "Copy result",
        ),
        (
            Lang::ZhCn,
            "工具",
            "十六进制数据",
            "交易超过最低限额",
            "复制结果",
        ),
    ] {
        let mut h = plain(lang);
        h.run();
        h.get_by_label(tab).click();
        h.run();
        h.get_by_role_and_label(Role::MultilineTextInput, input_label)
            .click();
        h.run();
        h.get_by_role_and_label(Role::MultilineTextInput, input_label)
            .type_text("00 00 00 80 00");
        h.run();
        assert!(
            h.query_by_label_contains(says).is_some(),
            "{lang}: the TVR bit is explained"
        );
        h.get_by_label(copy).click();
        h.step();
        let text = copied(&h).expect("the result was copied");
        let bytes = emv_doctor::emv::hex::parse_hex("0000008000").unwrap();
        let cli = emv_doctor::emv::decode::decode_with_list(
            emv_doctor::emv::decode::Kind::Tvr,
            &bytes,
            lang,
            None,
        )
        .unwrap();
        assert_eq!(text, cli.text, "{lang}: the same text as `decode tvr`");
    }
}

#[test]
fn the_decoder_says_what_is_wrong_with_bad_input_in_chinese() {
    let mut h = plain(Lang::ZhCn);
    h.run();
    h.get_by_label("工具").click();
    h.run();
    h.get_by_label("示例").click();
    h.run();
    let input = h.get_by_role_and_label(Role::MultilineTextInput, "十六进制数据");
    input.click();
    h.run();
    h.get_by_role_and_label(Role::MultilineTextInput, "十六进制数据")
        .type_text(" 0");
    h.run();
    assert!(
        h.query_by_label_contains("十六进制数字个数为奇数")
            .is_some()
    );
}

#[test]
fn settings_change_language_look_and_text_size() {
    let mut h = plain(Lang::En);
    h.run();
    h.get_by_label("Settings").click();
    h.run();
    h.get_by_label("Dark").click();
    h.run();
    assert_eq!(h.ctx.theme(), eframe::egui::Theme::Dark);
    h.get_by_label("200 %").click();
    h.run();
    assert!((h.ctx.zoom_factor() - 2.0).abs() < 0.01);
    h.get_by_label("简体中文").click();
    h.run();
    assert_eq!(h.state().lang(), Lang::ZhCn);
    h.get_by_label("浅色").click();
    h.run();
    assert_eq!(h.ctx.theme(), eframe::egui::Theme::Light);
    h.get_by_label("100 %").click();
    h.run();
    assert!((h.ctx.zoom_factor() - 1.0).abs() < 0.01);
}

#[test]
fn export_html_through_the_in_window_dialog_writes_the_file() {
    for (lang, export, save) in [
        (Lang::En, "Export for support (HTML)…", "Save"),
        (Lang::ZhCn, "导出给客服（HTML）……", "保存"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let reports = dir.path().join("EMV Doctor");
        let mut h = in_window(lang, &reports);
        h.run();
        h.state_mut()
            .command(UiCommand::ReportNote("reseated the card".into()));
        h.state_mut().show_tab(Tab::Report);
        h.run();
        h.get_by_label(export).click();
        h.run();
        step_until(&mut h, "the in-window dialog", |_| true);
        let start = std::time::Instant::now();
        while h.query_by_label(save).is_none() {
            assert!(start.elapsed().as_secs() < 20, "{lang}: the dialog opens");
            std::thread::sleep(std::time::Duration::from_millis(20));
            h.step();
        }
        h.get_by_label(save).click();
        step_until(&mut h, "the export", |app| !app.state().file_busy);
        let files: Vec<_> = std::fs::read_dir(&reports)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        assert_eq!(files.len(), 1, "{lang}: {files:?}");
        assert_eq!(files[0].extension().unwrap(), "html");
        let html = std::fs::read_to_string(&files[0]).unwrap();
        assert!(html.starts_with("<!DOCTYPE html>"));
        assert!(html.contains("reseated the card"));
    }
}

#[test]
fn a_cancelled_in_window_dialog_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = in_window(Lang::En, dir.path());
    h.run();
    h.state_mut().show_tab(Tab::Report);
    h.run();
    h.get_by_label("Save summary picture").click();
    let start = std::time::Instant::now();
    while h.query_by_label("Cancel").is_none() {
        assert!(start.elapsed().as_secs() < 20, "the dialog opens");
        std::thread::sleep(std::time::Duration::from_millis(20));
        h.step();
    }
    h.get_by_label("Cancel").click();
    step_until(&mut h, "the cancel", |app| !app.state().file_busy);
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn the_summary_picture_is_saved_and_the_summary_copied() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = in_window(Lang::ZhCn, dir.path());
    h.run();
    h.state_mut().show_tab(Tab::Report);
    h.run();
    h.get_by_label("复制摘要").click();
    h.step();
    let text = copied(&h).expect("the summary was copied");
    assert!(text.starts_with("EMV Doctor 排查摘要"), "{text}");
    h.get_by_label("保存摘要图片").click();
    let start = std::time::Instant::now();
    while h.query_by_label("保存").is_none() {
        assert!(start.elapsed().as_secs() < 20, "the dialog opens");
        std::thread::sleep(std::time::Duration::from_millis(20));
        h.step();
    }
    h.get_by_label("保存").click();
    step_until(&mut h, "the picture", |app| !app.state().file_busy);
    let png: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(png.len(), 1);
    assert!(std::fs::read(&png[0]).unwrap().starts_with(b"\x89PNG"));
}

#[test]
fn start_new_session_asks_before_discarding_unsaved_changes() {
    let mut h = plain(Lang::En);
    h.run();
    h.state_mut()
        .command(UiCommand::ReportNote("keep me".into()));
    h.run();
    h.state_mut().show_tab(Tab::Report);
    h.run();
    h.get_by_label("New session").click();
    h.run();
    h.get_by_label("Start a new session?");
    h.get_by_label("Cancel").click();
    h.run();
    assert_eq!(h.state().state().report.notes.len(), 1, "kept");
    h.get_by_label("New session").click();
    h.run();
    h.get_by_label("Discard and start new").click();
    h.run();
    assert!(h.state().state().report.notes.is_empty(), "started afresh");
}

#[test]
fn the_restore_offer_asks_before_deleting_the_unsaved_session() {
    let dir = tempfile::tempdir().unwrap();
    let autosave = dir.path().join("autosave");
    {
        let mut h = harness(Setup {
            lang: Lang::ZhCn,
            dialogs: Box::new(Cancel),
            host: None,
            reports: None,
            autosave: Some(autosave.clone()),
        });
        h.run();
        h.state_mut().command(UiCommand::ReportNote("crash".into()));
        h.run();
        std::thread::sleep(std::time::Duration::from_millis(300));
    }
    let mut h = harness(Setup {
        lang: Lang::ZhCn,
        dialogs: Box::new(Cancel),
        host: None,
        reports: None,
        autosave: Some(autosave),
    });
    h.run();
    h.get_by_label("新建会话").click();
    h.run();
    h.get_by_label("要删除未完成的会话吗？");
    h.get_by_label("返回").click();
    h.run();
    assert!(h.state().state().pending_restore.is_some(), "still offered");
    h.get_by_label("新建会话").click();
    h.run();
    h.get_by_label("删除并新建").click();
    h.run();
    assert!(h.state().state().pending_restore.is_none());
    assert!(h.state().state().report.notes.is_empty());
}

/// A private D-Bus session bus with no desktop portal on it: the window must use its own
/// dialog there.
#[test]
fn a_bus_without_a_portal_has_no_file_chooser() {
    let mut daemon = std::process::Command::new("dbus-daemon")
        .args(["--session", "--nofork", "--print-address=1"])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("dbus-daemon (package dbus) runs");
    let mut line = String::new();
    std::io::BufRead::read_line(
        &mut std::io::BufReader::new(daemon.stdout.take().unwrap()),
        &mut line,
    )
    .unwrap();
    let conn = zbus::blocking::connection::Builder::address(line.trim())
        .unwrap()
        .build()
        .unwrap();
    assert!(!emv_doctor::ui::file_dialog::portal_file_chooser(&conn));
    daemon.kill().unwrap();
    let _ = daemon.wait();
}
