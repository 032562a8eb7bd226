//! A shop owner's flows through the real window against a real pcscd with the vpcd reader:
//! start page → big Start → the guide's card check, with the card put in while the check
//! waits → the result in words → export; a card swap clears the old verdict at once; training
//! mode never answers a real guide check; and a Chinese walk shows no finding code, hex or
//! stray English in the main view (scanned from the AccessKit tree).
// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
mod ui_support;

use common::{InProcessCard, VPCD_READER};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use emv_doctor::card::sim::scenarios::{self, Scenario};
use emv_doctor::i18n::Lang;
use emv_doctor::ui::dialogs::FileDialogs;
use emv_doctor::ui::state::CardSource;
use emv_doctor::ui::{App, AppOptions, UiCommand};
use ui_support::{Cancel, SaveTo, step_until};

fn harness(lang: Lang, dialogs: Box<dyn FileDialogs>) -> Harness<'static, App> {
    Harness::builder()
        .with_size([1024.0, 900.0])
        .build_eframe(move |cc| {
            App::new(
                cc,
                AppOptions {
                    lang: Some(lang),
                    file: None,
                    dialogs,
                    dialog_host: None,
                    reports_dir: None,
                    data_dir: None,
                    autosave_dir: None,
                    guides_dir: None,
                    readers: true,
                },
            )
        })
}

fn vpcd_seen(app: &App, card: bool) -> bool {
    app.state()
        .card
        .readers
        .iter()
        .any(|r| r.name == VPCD_READER && r.card_present == card)
}

/// The answers (edge indexes) from the start of `guide` to its first `card.probe` check.
fn path_to_card_check(guide: &emv_doctor::guide::Guide) -> Vec<usize> {
    use std::collections::{BTreeMap, VecDeque};
    let mut came: BTreeMap<String, (String, usize)> = BTreeMap::new();
    let mut queue = VecDeque::from([guide.start.clone()]);
    while let Some(id) = queue.pop_front() {
        let node = guide.node(&id).unwrap();
        if let emv_doctor::guide::Node::Check(c) = node
            && c.check == "card.probe"
        {
            let mut path = Vec::new();
            let mut at = id;
            while let Some((from, i)) = came.get(&at) {
                path.push(*i);
                at = from.clone();
            }
            path.reverse();
            return path;
        }
        for (i, e) in node.edges().iter().enumerate() {
            if e.to != guide.start && !came.contains_key(e.to) {
                came.insert(e.to.to_owned(), (id.clone(), i));
                queue.push_back(e.to.to_owned());
            }
        }
    }
    panic!("no card.probe check in {}", guide.id);
}

/// The result of the walk's last check.
fn last_check(app: &App) -> emv_doctor::guide::checks::CheckResult {
    app.state()
        .session
        .as_ref()
        .and_then(|s| s.steps.iter().rev().find_map(|v| v.check.clone()))
        .expect("the check ran")
}

/// Clicks through the main guide to its card check, as a user answering on the buttons.
fn walk_to_card_check(h: &mut Harness<'static, App>, lang: Lang) {
    let guide = h.state().state().library.get("emv-error").unwrap().clone();
    for i in path_to_card_check(&guide) {
        scan_main_view(h, lang);
        let label = {
            let s = h.state().state().session.as_ref().unwrap();
            s.current_node(&guide).unwrap().edges()[i]
                .label
                .get(lang)
                .to_owned()
        };
        h.get_by_label(&format!("{}   {label}", i + 1)).click();
        h.run();
    }
}

/// Names a Chinese screen may show in Latin letters.
const ALLOWED: &[&str] = &[
    "EMV", "Doctor", "PIN", "POS", "Visa", "USB", "IC", "ATM", "Wi", "Fi", "JCB", "SIM", "ms",
    "Esc",
];

/// Everything the main view says (AccessKit labels and values) must read as Chinese: no
/// finding code (`card.ok`), no hex run, no Latin word outside [`ALLOWED`].
fn scan_main_view(h: &Harness<'static, App>, lang: Lang) {
    if lang != Lang::ZhCn {
        return;
    }
    let root = h.root();
    // Reader names are the devices' own names, and egui names its panel handles in English
    // for screen readers only: neither is text the app wrote.
    let readers: Vec<String> = h
        .state()
        .state()
        .card
        .readers
        .iter()
        .map(|r| r.name.clone())
        .collect();
    let mut texts = Vec::new();
    for node in root.children_recursive() {
        let ak = node.accesskit_node();
        texts.extend(ak.label());
        texts.extend(ak.value());
    }
    texts.retain(|t| t != "Resize panel");
    for t in &mut texts {
        for r in &readers {
            *t = t.replace(r.as_str(), "");
        }
    }
    assert!(!texts.is_empty(), "the window says something");
    for text in texts {
        assert!(
            text_problems(&text).is_empty(),
            "{:?} in {text:?}",
            text_problems(&text)
        );
    }
}

/// What is wrong with one piece of Chinese screen text: codes, hex runs, Latin words.
fn text_problems(text: &str) -> Vec<String> {
    // What the terminal itself shows is quoted as it reads there (“CHECK PINPAD”).
    let mut unquoted = String::new();
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '“' => quoted = true,
            '”' => quoted = false,
            c if !quoted => unquoted.push(c),
            _ => {}
        }
    }
    let mut found = Vec::new();
    let words: Vec<&str> = unquoted
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '.' || c == '_'))
        .filter(|w| !w.is_empty())
        .collect();
    for w in words {
        let w = w.trim_matches('.');
        let code = w.split_once('.').is_some_and(|(a, b)| {
            !a.is_empty()
                && !b.is_empty()
                && a.chars().all(|c| c.is_ascii_lowercase())
                && b.chars().all(|c| c.is_ascii_lowercase() || c == '_')
        });
        let hexish = w.len() >= 4
            && w.chars()
                .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_lowercase())
            && w.chars().any(|c| c.is_ascii_digit())
            && (w.chars().any(|c| c.is_ascii_uppercase()) || w.len() >= 8);
        // Two-character response codes (A0, Z3) are what the terminal itself shows.
        let response_code = w.len() <= 2 && w.chars().any(|c| c.is_ascii_digit());
        let latin = !response_code
            && w.chars().any(|c| c.is_ascii_alphabetic())
            && !w.chars().all(|c| c.is_ascii_hexdigit() || c == '.')
            && !ALLOWED.contains(&w);
        if code || hexish || latin {
            found.push(w.to_owned());
        }
    }
    found
}

#[test]
fn the_scan_finds_codes_hex_and_english() {
    assert_eq!(text_problems("卡片正常 card.ok"), ["card.ok"]);
    assert_eq!(text_problems("应用 A0000000031010"), ["A0000000031010"]);
    assert_eq!(text_problems("状态 6A81"), ["6A81"]);
    assert_eq!(text_problems("SELECT 失败"), ["SELECT"]);
    assert!(text_problems("终端显示“CHECK PINPAD”").is_empty());
    assert!(
        text_problems("EMV Doctor 刷卡诊断 版本 0.1.0，12:30，卡号 476173******0119").is_empty()
    );
}

#[test]
fn start_guide_card_check_waits_for_the_card_then_exports() {
    let _lock = common::vpcd_lock();
    if !common::pcscd_or_skip("start_guide_card_check_waits_for_the_card_then_exports") {
        return;
    }
    common::wait_for_empty_slot();
    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("for-support.html");
    let lang = Lang::ZhCn;
    let mut h = harness(lang, Box::new(SaveTo(html.clone())));
    step_until(&mut h, "the vpcd reader", |app| vpcd_seen(app, false));
    scan_main_view(&h, lang);

    h.get_by_label("▶  开始排查").click();
    h.run();
    assert_eq!(
        h.state().state().session.as_ref().map(|s| s.guide.as_str()),
        Some("emv-error")
    );
    walk_to_card_check(&mut h, lang);
    scan_main_view(&h, lang);
    h.get_by_label("▶ 让 EMV Doctor 自动检查").click();
    h.run_steps(2);
    // No card yet: the step says what to do now, and can be cancelled.
    h.get_by_label("请现在把顾客的卡插入读卡器");
    h.get_by_label("停止检查（Esc 键）");
    scan_main_view(&h, lang);

    let (model, _) = scenarios::build_recording(Scenario::Expired);
    let card = InProcessCard::insert(model);
    step_until(&mut h, "the card check", |app| !app.state().check_running());
    let s = h.state().state();
    let check = last_check(h.state());
    assert_eq!(check.check, "card.probe");
    assert!(
        check.codes().contains(&"app.expired"),
        "{:?}",
        check.codes()
    );
    assert_eq!(s.report.card_probes.len(), 1, "the probe is in the report");
    // The result is read in the main area, in words.
    h.get_by_label("检测结果");
    h.get_by_label_contains("卡片已过期");
    scan_main_view(&h, lang);
    card.remove();

    h.get_by_label("诊断报告").click();
    h.run();
    h.get_by_label("导出给客服（HTML）……").click();
    // The export runs on the file worker: wait for its atomic rename, not for a flag the click
    // has not set yet.
    step_until(&mut h, "the export", |_| html.exists());
    let text = std::fs::read_to_string(&html).expect("the export was written");
    assert!(text.contains("卡片已过期"));
}

#[test]
fn a_card_swap_clears_the_old_verdict_at_once() {
    let _lock = common::vpcd_lock();
    if !common::pcscd_or_skip("a_card_swap_clears_the_old_verdict_at_once") {
        return;
    }
    common::wait_for_empty_slot();
    let mut h = harness(Lang::ZhCn, Box::new(Cancel));
    step_until(&mut h, "the vpcd reader", |app| vpcd_seen(app, false));
    h.get_by_label("银行卡").click();
    h.run();

    let (healthy, _) = scenarios::build_recording(Scenario::VisaT1);
    let card = InProcessCard::insert(healthy);
    step_until(&mut h, "the first card", |app| vpcd_seen(app, true));
    h.get_by_label("▶ 检测银行卡").click();
    step_until(&mut h, "the first probe", |app| {
        app.state().card.last.is_some() && app.state().card.progress.is_none()
    });
    h.get_by_label_contains("卡片芯片正常");
    scan_main_view(&h, Lang::ZhCn);

    card.remove();
    step_until(&mut h, "the card to go", |app| vpcd_seen(app, false));
    assert!(h.state().state().card.last.is_none(), "the old result went");
    assert!(h.query_by_label_contains("卡片芯片正常").is_none());

    let (expired, _) = scenarios::build_recording(Scenario::Expired);
    let card = InProcessCard::insert(expired);
    step_until(&mut h, "the second card", |app| vpcd_seen(app, true));
    assert!(h.query_by_label_contains("卡片芯片正常").is_none());
    h.get_by_label("▶ 检测银行卡").click();
    step_until(&mut h, "the second probe", |app| {
        app.state().card.last.is_some() && app.state().card.progress.is_none()
    });
    h.get_by_label_contains("卡片已过期");
    assert!(h.query_by_label_contains("卡片芯片正常").is_none());
    scan_main_view(&h, Lang::ZhCn);

    // Switching to training clears the reader's result too.
    h.get_by_label("培训模式（虚拟卡）").click();
    h.run();
    assert!(h.state().state().card.last.is_none());
    assert!(h.query_by_label_contains("卡片已过期").is_none());
    card.remove();
}

#[test]
fn in_training_mode_a_real_guide_check_still_reads_the_real_card() {
    let _lock = common::vpcd_lock();
    if !common::pcscd_or_skip("in_training_mode_a_real_guide_check_still_reads_the_real_card") {
        return;
    }
    common::wait_for_empty_slot();
    let mut h = harness(Lang::En, Box::new(Cancel));
    step_until(&mut h, "the vpcd reader", |app| vpcd_seen(app, false));
    h.state_mut()
        .command(UiCommand::SetCardSource(CardSource::Training));
    h.state_mut()
        .command(UiCommand::SelectScenario(Scenario::Mute));
    h.run();
    // Impossible to mistake: a banner across the window and a word in the status bar.
    h.get_by_label_contains("TRAINING MODE");
    let (model, _) = scenarios::build_recording(Scenario::PinExhausted);
    let card = InProcessCard::insert(model);
    step_until(&mut h, "the card", |app| vpcd_seen(app, true));

    h.get_by_label("Start").click();
    h.run();
    h.get_by_label("▶  Start troubleshooting").click();
    h.run();
    walk_to_card_check(&mut h, Lang::En);
    h.get_by_label("▶ Let EMV Doctor check").click();
    h.run_steps(2);
    step_until(&mut h, "the card check", |app| !app.state().check_running());
    let s = h.state().state();
    let check = last_check(h.state());
    assert!(
        check.codes().contains(&"pin.tries_exhausted"),
        "the real card answered, not the virtual one: {:?}",
        check.codes()
    );
    assert!(!check.codes().contains(&"card.mute"));
    assert_eq!(s.report.card_probes[0].report.reader, VPCD_READER);
    assert!(
        s.card.last.is_none(),
        "the training page does not show the real card"
    );
    card.remove();
}
