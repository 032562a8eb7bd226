//! The main window driven through AccessKit like a user would: both languages, the language
//! switch, walking a guide with the mouse and the keyboard.

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use emv_doctor::i18n::Lang;
use emv_doctor::ui::dialogs::FileDialogs;
use emv_doctor::ui::{App, AppOptions};
use std::path::PathBuf;

/// Dialogs that answer like a user who cancels: tests never open a real one.
struct Cancel;

impl FileDialogs for Cancel {
    fn open_report(&self) -> Option<PathBuf> {
        None
    }
    fn save_as(&self, _: &str, _: &str) -> Option<PathBuf> {
        None
    }
}

fn harness(lang: Lang) -> Harness<'static, App> {
    Harness::builder()
        .with_size([1024.0, 720.0])
        .build_eframe(move |cc| {
            App::new(
                cc,
                AppOptions {
                    lang: Some(lang),
                    file: None,
                    dialogs: Box::new(Cancel),
                },
            )
        })
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
