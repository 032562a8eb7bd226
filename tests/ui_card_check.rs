//! A guide's card check in the window, against the real pcscd with the vpcd virtual reader: it
//! probes the reader chosen on the card page through the card worker, and the probe with its
//! command log is in the saved report next to the step that ran it.
// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
mod ui_support;

use common::{InProcessCard, VPCD_READER};
use egui_kittest::kittest::Queryable;
use emv_doctor::card::sim::scenarios::{self, Scenario};
use emv_doctor::guide::checks::Recorded;
use emv_doctor::i18n::Lang;
use emv_doctor::ui::{App, AppOptions, UiCommand};
use ui_support::{SaveTo, options, reader_shows, step_until, window};

const CARD_GUIDE: &str = r#"Guide(
    id: "card-walk",
    version: 1,
    title: (en: "Card walk", zh: "读卡排查"),
    start: "probe",
    nodes: [
        Check(
            id: "probe",
            text: (en: "Put the card in the reader.", zh: "把卡插进读卡器。"),
            check: "card.probe",
            branches: [
                (when: ["app.expired"], label: (en: "The card has expired", zh: "卡已过期"), to: "out_expired"),
                (when: ["unavailable", "*"],
                 label: (en: "Could not read the card", zh: "读不了卡"), to: "out_hand"),
            ],
        ),
        Outcome(id: "out_expired", text: (en: "Take another card.", zh: "请换一张卡。"), covers: ["card.expired_or_blocked"],
            hand_over: (to: Issuer, tell: (en: "The card is expired.", zh: "卡片已过期。"))),
        Outcome(id: "out_hand", text: (en: "Check by hand.", zh: "请手动检查。"), covers: ["card.damaged"],
            confirm: (en: "The next chip payment reads first time.", zh: "下一笔插卡交易一次就能读出。")),
    ],
)"#;

#[test]
fn a_guide_card_check_probes_the_chosen_reader_and_its_log_is_saved() {
    let _lock = common::vpcd_lock();
    if !common::pcscd_or_skip("a_guide_card_check_probes_the_chosen_reader_and_its_log_is_saved") {
        return;
    }
    common::wait_for_empty_slot();
    let dir = tempfile::tempdir().unwrap();
    let guides = dir.path().join("guides");
    std::fs::create_dir(&guides).unwrap();
    std::fs::write(guides.join("card-walk.ron"), CARD_GUIDE).unwrap();
    let file = dir.path().join("walk.emvdoc.ron");
    let mut h = window(
        [1024.0, 1000.0],
        AppOptions {
            dialogs: Box::new(SaveTo(file.clone())),
            guides_dir: Some(guides),
            readers: true,
            ..options(Lang::En)
        },
    );
    let slot = |app: &App, present| reader_shows(app, VPCD_READER, present);
    step_until(&mut h, "the vpcd reader", |app| slot(app, false));
    let card = InProcessCard::insert(scenarios::build(Scenario::Expired));
    step_until(&mut h, "the card", |app| slot(app, true));
    h.state_mut()
        .command(UiCommand::SelectReader(VPCD_READER.to_owned()));
    h.state_mut()
        .command(UiCommand::StartGuide("card-walk".to_owned()));
    h.run();
    h.get_by_label("▶ Let EMV Doctor check").click();
    h.step();
    step_until(&mut h, "the card check", |app| !app.state().check_running());

    let state = h.state().state();
    let session = state.session.as_ref().unwrap();
    assert_eq!(session.current(), "out_expired");
    let check = session.steps[0].check.clone().unwrap();
    assert!(
        check.codes().contains(&"app.expired"),
        "{:?}",
        check.codes()
    );
    let Some(Recorded::CardProbe(i)) = check.recorded else {
        panic!("the probe is not recorded: {check:?}");
    };
    assert_eq!(state.report.card_probes[i].report.reader, VPCD_READER);

    h.state_mut().command(UiCommand::SaveReport);
    h.step();
    step_until(&mut h, "the save", |app| !app.state().file_busy);
    let saved = emv_doctor::report::store::open(&file).unwrap().report;
    let probe = &saved.card_probes[i].report;
    assert_eq!(probe.reader, VPCD_READER);
    assert!(
        probe.apdus.len() > 4,
        "the command log is saved: {:?}",
        probe.apdus
    );
    let walk = &saved.guide_walks[0].session;
    assert_eq!(
        walk.steps[0].check.as_ref().unwrap().recorded,
        Some(Recorded::CardProbe(i))
    );
    card.remove();
}
