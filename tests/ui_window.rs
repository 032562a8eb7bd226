//! The main window driven through AccessKit like a user would: both languages, the language
//! switch, walking a guide with the mouse and the keyboard.
// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod ui_support;

use eframe::egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use emv_doctor::card::sim::scenarios::Scenario;
use emv_doctor::i18n::Lang;
use emv_doctor::ui::dialogs::FileDialogs;
use emv_doctor::ui::{App, AppOptions};
use std::path::PathBuf;
use ui_support::{Cancel, step_until};

fn harness(lang: Lang) -> Harness<'static, App> {
    harness_with(lang, None, Box::new(Cancel))
}

fn harness_with(
    lang: Lang,
    autosave_dir: Option<PathBuf>,
    dialogs: Box<dyn FileDialogs>,
) -> Harness<'static, App> {
    let options = AppOptions {
        dialogs,
        autosave_dir,
        ..ui_support::options(lang)
    };
    ui_support::window([1024.0, 1100.0], options)
}

#[test]
fn first_window_shows_name_version_and_description_in_english() {
    let mut h = harness(Lang::En);
    h.run();
    h.get_by_label("EMV Doctor");
    h.get_by_label(&format!("Version {}", emv_doctor::VERSION));
    assert!(
        h.query_by_label_contains("Find out why a card terminal says")
            .is_some(),
        "the one-line description is shown"
    );
}

#[test]
fn first_window_renders_simplified_chinese() {
    let mut h = harness(Lang::ZhCn);
    h.run();
    h.get_by_label("EMV Doctor 刷卡诊断");
    h.get_by_label(&format!("版本 {}", emv_doctor::VERSION));
    assert!(h.query_by_label_contains("查明刷卡终端为何提示").is_some());
}

#[test]
fn language_can_be_switched_from_the_window() {
    let mut h = harness(Lang::En);
    h.run();
    h.get_by_label("Language").click();
    h.run();
    h.get_by_label("简体中文").click();
    h.run();
    assert_eq!(h.state().lang(), Lang::ZhCn);
    h.get_by_label(&format!("版本 {}", emv_doctor::VERSION));
}

#[test]
fn a_guide_is_walked_with_clicks_keys_and_back() {
    for lang in Lang::ALL {
        let mut h = harness(lang);
        h.run();
        let tab = match lang {
            Lang::En => "Step-by-step help",
            Lang::ZhCn => "逐步排查",
        };
        h.get_by_label(tab).click();
        h.run();
        let guide = h.state().state().library.get("emv-error").unwrap().clone();
        h.get_by_label(guide.title.get(lang)).click();
        h.run();
        let session = h.state().state().session.clone().expect("a walk started");
        assert_eq!(session.guide, "emv-error");
        assert_eq!(session.steps.len(), 1);

        let first = guide.node(&guide.start).unwrap().edges()[0]
            .label
            .get(lang)
            .to_owned();
        h.get_by_label(&format!("1   {first}")).click();
        h.run();
        assert_eq!(h.state().state().session.as_ref().unwrap().steps.len(), 2);

        h.key_press(eframe::egui::Key::Backspace);
        h.run();
        assert_eq!(h.state().state().session.as_ref().unwrap().steps.len(), 1);

        h.key_press(eframe::egui::Key::Num2);
        h.run();
        let s = h.state().state().session.as_ref().unwrap();
        assert_eq!(s.steps.len(), 2);
        assert_eq!(s.steps[0].choice.as_ref().unwrap().index, 1);
    }
}

/// A dialog that answers with a fixed path, like a user who picks that file.
struct Pick(PathBuf);

impl FileDialogs for Pick {
    fn open_report(&self) -> Option<PathBuf> {
        Some(self.0.clone())
    }
    fn open_export(&self) -> Option<PathBuf> {
        Some(self.0.clone())
    }
    fn save_as(&self, _: &str, _: &str) -> Option<PathBuf> {
        Some(self.0.clone())
    }
}

#[test]
fn a_session_is_autosaved_and_offered_for_restore_after_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let autosave = dir.path().join("autosave");
    {
        let mut h = harness_with(Lang::En, Some(autosave.clone()), Box::new(Cancel));
        h.run();
        h.get_by_label("Step-by-step help").click();
        h.run();
        let guide = h.state().state().library.get("emv-error").unwrap().clone();
        h.get_by_label(guide.title.get(Lang::En)).click();
        h.run();
        h.key_press(eframe::egui::Key::Num1);
        h.run();
        // The window is dropped without a normal exit: like a crash or a power cut.
        let steps = h.state().state().session.as_ref().unwrap().steps.len();
        assert_eq!(steps, 2);
        std::thread::sleep(std::time::Duration::from_millis(300));
    }
    let mut h = harness_with(Lang::En, Some(autosave), Box::new(Cancel));
    h.run();
    assert!(
        h.state().state().pending_restore.is_some(),
        "restore offered"
    );
    h.get_by_label("Restore").click();
    h.run();
    let state = h.state().state();
    let session = state.session.as_ref().expect("the walk is back");
    assert_eq!(session.steps.len(), 2);
    assert_eq!(state.report.guide_walks.len(), 1);
}

#[test]
fn shop_details_and_notes_go_into_a_saved_report_that_reopens() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("shop.emvdoc.ron");
    let mut h = harness_with(
        Lang::En,
        Some(dir.path().join("autosave")),
        Box::new(Pick(file.clone())),
    );
    h.run();
    h.get_by_label("Report").click();
    h.run();
    h.get_by_role_and_label(Role::TextInput, "Shop").click();
    h.run();
    h.get_by_role_and_label(Role::TextInput, "Shop")
        .type_text("Noodle Bar <script>");
    h.run();
    h.get_by_role_and_label(Role::TextInput, "Serial number")
        .click();
    h.run();
    let note = || Role::MultilineTextInput;
    h.get_by_role_and_label(note(), "New note").click();
    h.run();
    h.get_by_role_and_label(note(), "New note")
        .type_text("Terminal shows 请插IC卡 after swipe");
    h.run();
    h.get_by_label("Add note").click();
    h.run();
    assert_eq!(h.state().state().report.notes.len(), 1, "note added");
    h.get_by_label("Save…").click();
    h.step();
    step_until(&mut h, "the save", |app| !app.state().file_busy);
    let text = std::fs::read_to_string(&file).expect("saved");
    assert!(text.contains("Noodle Bar <script>"));
    assert!(text.contains("请插IC卡"));

    let mut h2 = harness_with(
        Lang::En,
        Some(dir.path().join("autosave2")),
        Box::new(Pick(file)),
    );
    h2.run();
    h2.get_by_label("Report").click();
    h2.run();
    h2.get_by_label("Open…").click();
    h2.step();
    step_until(&mut h2, "the report to open", |app| !app.state().file_busy);
    let report = &h2.state().state().report;
    assert_eq!(
        report.shop.shop_name.as_deref(),
        Some("Noodle Bar <script>")
    );
    assert_eq!(report.notes.len(), 1);
}

#[test]
fn training_mode_tests_a_virtual_card_and_shows_the_verdict_first() {
    let mut h = harness(Lang::En);
    h.run();
    h.get_by_label("Card").click();
    h.run();
    h.get_by_label("Training (virtual cards)").click();
    h.run();
    h.get_by_label("Virtual card").click();
    h.run();
    let expired = Scenario::Expired.info();
    h.get_by_label(expired.title.get(Lang::En)).click();
    h.run();
    assert_eq!(h.state().state().card.scenario, Scenario::Expired);
    h.get_by_label("▶ Test the card").click();
    step_until(&mut h, "the probe", |app| app.state().card.last.is_some());
    let report = h.state().state().card.last.clone().unwrap();
    assert_eq!(report.verdict().unwrap().code, "app.expired");
    h.get_by_label_contains("The card has expired");
    assert_eq!(
        h.state().state().report.card_probes.len(),
        1,
        "recorded in the report"
    );
    let pan = report.applications[0].pan.as_ref().unwrap().to_string();
    assert!(pan.contains("******"));
}

#[test]
fn every_page_draws_in_both_languages_without_missing_glyphs() {
    for lang in Lang::ALL {
        let mut h = harness(lang);
        h.run();
        for tab in [
            emv_doctor::ui::settings::Tab::Start,
            emv_doctor::ui::settings::Tab::Card,
            emv_doctor::ui::settings::Tab::Guide,
            emv_doctor::ui::settings::Tab::Network,
            emv_doctor::ui::settings::Tab::Report,
            emv_doctor::ui::settings::Tab::Tools,
            emv_doctor::ui::settings::Tab::Settings,
        ] {
            h.state_mut().show_tab(tab);
            h.run();
        }
    }
}

#[test]
fn the_network_page_checks_a_local_host_and_records_it_in_the_report() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let target = listener.local_addr().unwrap().to_string();
    let mut h = harness(Lang::En);
    h.run();
    h.get_by_label("Network & clock").click();
    h.run();
    h.get_by_role_and_label(Role::TextInput, "Host:port")
        .click();
    h.run();
    h.get_by_role_and_label(Role::TextInput, "Host:port")
        .type_text(&target);
    h.run();
    h.get_by_label("Secure (TLS)").click();
    h.run();
    h.get_by_label("▶ Check host").click();
    step_until(&mut h, "the host check", |app| {
        app.state().net.host.is_some()
    });
    let host = h.state().state().net.host.clone().unwrap();
    assert_eq!(host.target, target);
    assert_eq!(host.tcp.ok, host.tcp.attempts);
    assert_eq!(h.state().state().report.net_checks.len(), 1);
    h.get_by_label_contains("The payment host answers");
}

/// Each attempt is on the latency plot, axes named in the user's language; failed attempts say
/// so in words (the legend and the list), not by colour alone.
#[test]
fn the_network_page_plots_attempts_and_names_failures() {
    // A port nobody listens on: every attempt fails.
    let closed = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().to_string()
    };
    let mut h = harness(Lang::ZhCn);
    h.run();
    h.state_mut().command(emv_doctor::ui::UiCommand::CheckHost {
        target: closed.parse().unwrap(),
        tls: false,
        count: 3,
    });
    h.state_mut()
        .show_tab(emv_doctor::ui::settings::Tab::Network);
    step_until(&mut h, "the host check", |app| {
        app.state().net.host.is_some()
    });
    assert_eq!(h.state().state().net.attempts, vec![None, None, None]);
    assert_eq!(h.query_all_by_label("× 失败").count(), 3);
    h.get_by_label_contains("失败：连不上");
}
