//! The window against a real pcscd with the vpcd virtual reader: it finds the reader, sees the
//! card go in, probes it on the card worker when the user presses "Test the card", shows the
//! verdict and masked data only, and sees the card come out.
// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
mod ui_support;

use common::{InProcessCard, VPCD_READER};
use egui_kittest::kittest::Queryable;
use emv_doctor::card::sim::scenarios::{self, Scenario};
use emv_doctor::i18n::Lang;
use emv_doctor::ui::{App, AppOptions};
use ui_support::step_until;

fn card_present(app: &App, present: bool) -> bool {
    ui_support::reader_shows(app, VPCD_READER, present)
}

#[test]
fn the_window_probes_a_card_in_a_real_reader() {
    let _lock = common::vpcd_lock();
    if !common::pcscd_or_skip("the_window_probes_a_card_in_a_real_reader") {
        return;
    }
    common::wait_for_empty_slot();
    let options = AppOptions {
        readers: true,
        ..ui_support::options(Lang::ZhCn)
    };
    let mut h = ui_support::window([1024.0, 900.0], options);
    step_until(&mut h, "the vpcd reader", |app| card_present(app, false));

    let (model, _) = scenarios::build_recording(Scenario::PinExhausted);
    let card = InProcessCard::insert(model);
    step_until(&mut h, "the card to be seen", |app| card_present(app, true));
    h.state_mut()
        .command(emv_doctor::ui::UiCommand::SelectReader(
            VPCD_READER.to_owned(),
        ));
    h.run();

    h.get_by_label("银行卡").click();
    h.run();
    h.get_by_label("▶ 检测银行卡").click();
    step_until(&mut h, "the probe", |app| {
        app.state().card.last.is_some() && app.state().card.progress.is_none()
    });
    let report = h.state().state().card.last.clone().unwrap();
    assert_eq!(report.reader, VPCD_READER);
    assert_eq!(report.verdict().unwrap().code, "pin.tries_exhausted");
    h.get_by_label_contains("卡片密码已锁定");
    let pan = report.applications[0].pan.as_ref().unwrap().to_string();
    h.get_by_label(&pan);
    for secret in scenarios::sensitive_values(Scenario::PinExhausted) {
        let digits = String::from_utf8_lossy(&secret).to_string();
        let hex = hex::encode_upper(&secret);
        let json = serde_json::to_string(&h.state().state().report).unwrap();
        assert!(!json.contains(&hex), "raw card data in the report");
        assert!(
            digits.len() < 8 || !json.contains(&digits),
            "raw card data in the report"
        );
        assert!(
            h.query_by_label_contains(&digits).is_none(),
            "raw card data on the screen"
        );
    }
    assert_eq!(h.state().state().report.card_probes.len(), 1);

    card.remove();
    step_until(&mut h, "the card to be taken out", |app| {
        card_present(app, false)
    });
}
