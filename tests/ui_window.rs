//! The main window in both languages, driven through AccessKit like a user would.

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use emv_doctor::i18n::Lang;
use emv_doctor::ui::App;

fn harness(lang: Lang) -> Harness<'static, App> {
    Harness::builder()
        .with_size([1024.0, 720.0])
        .build_eframe(move |cc| App::new(cc, Some(lang), None))
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
    h.get_by_label("版本 0.1.0".replace("0.1.0", emv_doctor::VERSION).as_str());
}
