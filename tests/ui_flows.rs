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
use emv_doctor::guide::checks::Recorded;
use emv_doctor::i18n::Lang;
use emv_doctor::ui::dialogs::FileDialogs;
use emv_doctor::ui::state::CardSource;
use emv_doctor::ui::{App, AppOptions, UiCommand};
use ui_support::{Cancel, SaveTo, step_until};

fn harness(lang: Lang, dialogs: Box<dyn FileDialogs>) -> Harness<'static, App> {
    let options = AppOptions {
        dialogs,
        readers: true,
        ..ui_support::options(lang)
    };
    ui_support::window([1024.0, 900.0], options)
}

fn vpcd_seen(app: &App, card: bool) -> bool {
    ui_support::reader_shows(app, VPCD_READER, card)
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

/// Names a Chinese screen may show in Latin letters (file formats by their names).
const ALLOWED: &[&str] = &[
    "EMV", "Doctor", "PIN", "POS", "Visa", "USB", "IC", "ATM", "Wi", "Fi", "JCB", "SIM", "ms",
    "Esc", "HTML", "JSON", "Markdown",
];

/// Everything the main view says (AccessKit labels and values) must read as Chinese: no
/// finding code (`card.ok`), no hex run, no Latin word outside [`ALLOWED`].
fn scan_main_view(h: &Harness<'static, App>, lang: Lang) {
    if lang != Lang::ZhCn {
        return;
    }
    let root = h.root();
    // Reader names are the devices' own names, file paths the user's, and egui names its panel
    // handles in English for screen readers only: none is text the app wrote.
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
        // A file's path (after a save or an export) is the user's own name for it.
        *t = t
            .split(' ')
            .filter(|w| !w.starts_with('/'))
            .collect::<Vec<_>>()
            .join(" ");
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
    // The report page says the expired card in words too.
    scan_main_view(&h, lang);
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
    let dir = tempfile::tempdir().unwrap();
    let json = dir.path().join("for-support.json");
    let mut h = harness(Lang::En, Box::new(SaveTo(json.clone())));
    step_until(&mut h, "the vpcd reader", |app| vpcd_seen(app, false));
    h.state_mut()
        .command(UiCommand::SetCardSource(CardSource::Training));
    h.state_mut()
        .command(UiCommand::SelectScenario(Scenario::Mute));
    h.run();
    // Impossible to mistake: a banner across the window and a word in the status bar.
    h.get_by_label_contains("TRAINING MODE");
    // A practice test of the mute virtual card comes first in the report.
    h.get_by_label("Card").click();
    h.run();
    h.get_by_label("▶ Test the card").click();
    step_until(&mut h, "the practice probe", |app| {
        app.state().report.card_probes.len() == 1 && app.state().card.progress.is_none()
    });
    assert!(h.state().state().report.card_probes[0].training);

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
    assert_eq!(
        check.recorded,
        Some(Recorded::CardProbe(1)),
        "the step points at the real probe, not the practice one"
    );
    let real = &s.report.card_probes[1];
    assert_eq!(real.report.reader, VPCD_READER);
    assert!(!real.training, "a customer's card is no practice");
    assert!(
        s.report.guide_walks[0].training,
        "a walk made in training mode is practice"
    );
    assert_eq!(
        s.card.last.as_ref().map(|c| c.reader.as_str()),
        Some("sim:mute"),
        "the training page does not show the real card"
    );

    // Back to the reader: a real walk, whose check records the third probe.
    h.state_mut()
        .command(UiCommand::SetCardSource(CardSource::Reader));
    h.state_mut()
        .command(UiCommand::StartGuide("emv-error".to_owned()));
    h.run();
    assert!(h.query_by_label_contains("TRAINING MODE").is_none());
    walk_to_card_check(&mut h, Lang::En);
    h.get_by_label("▶ Let EMV Doctor check").click();
    h.run_steps(2);
    step_until(&mut h, "the real check", |app| !app.state().check_running());
    assert_eq!(last_check(h.state()).recorded, Some(Recorded::CardProbe(2)));
    assert!(!h.state().state().report.guide_walks[1].training);
    card.remove();

    // The export leaves the practice probe and walk out; the real walk's step still points at
    // the probe of the real card.
    h.state_mut().command(UiCommand::ExportReport(
        emv_doctor::report::export::Format::Json,
    ));
    step_until(&mut h, "the export", |_| json.exists());
    let value: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    let probes = value["card_probes"].as_array().unwrap();
    assert_eq!(probes.len(), 2, "the two probes of the real card");
    let walks = value["guide_walks"].as_array().unwrap();
    assert_eq!(walks.len(), 1, "the practice walk stayed out");
    let pointer = walks[0]["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find_map(|s| s["check"]["recorded"]["card_probe"].as_u64())
        .unwrap() as usize;
    assert_eq!(pointer, 1);
    assert_eq!(probes[pointer]["probe"]["reader"], VPCD_READER);
    assert_eq!(probes[pointer]["training"], false);
}

/// Training records are marked in the window, stay out of the export by default, and leave
/// marked as practice once the user includes them; the verdict stays in words throughout.
#[test]
fn practice_records_are_marked_and_leave_only_when_included() {
    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("for-support.html");
    let lang = Lang::ZhCn;
    let mut h = ui_support::window(
        [1024.0, 768.0],
        AppOptions {
            dialogs: Box::new(SaveTo(html.clone())),
            ..ui_support::options(lang)
        },
    );
    h.run();
    h.get_by_label("员工练习").click();
    h.run();
    h.get_by_label_contains("培训模式：只用虚拟卡");
    h.state_mut()
        .command(UiCommand::SelectScenario(Scenario::Expired));
    h.get_by_label("银行卡").click();
    h.run();
    h.get_by_label("▶ 检测银行卡").click();
    step_until(&mut h, "the practice probe", |app| {
        app.state().card.last.is_some() && app.state().card.progress.is_none()
    });
    let report = &h.state().state().report;
    assert!(report.card_probes[0].training && report.guide_walks[0].training);

    h.get_by_label("诊断报告").click();
    h.run();
    scan_main_view(&h, lang);
    assert_eq!(
        h.query_all_by_label("练习").count(),
        2,
        "both records marked"
    );
    h.get_by_label("2 条练习记录（培训模式）不会导出，也不在摘要里。");
    h.get_by_label("尚未得出结论。");
    h.get_by_label("导出给客服（HTML）……").click();
    step_until(&mut h, "the export", |_| html.exists());
    let text = std::fs::read_to_string(&html).unwrap();
    assert!(!text.contains("卡片已过期"), "no practice verdict");
    assert!(!text.contains("476173"), "no practice card");
    assert!(!text.contains("练习"), "nothing of the practice");

    h.get_by_label("包括练习记录").click();
    h.run();
    // The practice verdict in words, marked; the application id stays in the technical part.
    h.get_by_label("练习：卡片已过期");
    scan_main_view(&h, lang);
    h.get_by_label("首页").click();
    h.run();
    scan_main_view(&h, lang);
    h.get_by_label("诊断报告").click();
    h.run();
    std::fs::remove_file(&html).unwrap();
    h.get_by_label("导出给客服（HTML）……").click();
    step_until(&mut h, "the second export", |_| html.exists());
    let text = std::fs::read_to_string(&html).unwrap();
    assert!(text.contains("练习：卡片已过期"), "{text}");
    assert_eq!(
        text.matches("练习记录（培训模式，不是顾客的卡）").count(),
        2
    );
    assert!(text.contains("476173******0150"));
}

/// A guide file in the user's folder that fails validation is not silently dropped: the start
/// page and the guide page name it with the reason in words.
#[test]
fn a_broken_user_guide_is_named_with_its_reason() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("shop-guide.ron"), "(id: \"shop\", oops").unwrap();
    let mut h = ui_support::window(
        [1024.0, 768.0],
        AppOptions {
            guides_dir: Some(dir.path().to_owned()),
            ..ui_support::options(Lang::ZhCn)
        },
    );
    h.run();
    let line = "文件 shop-guide.ron：文件内容不符合指南格式（第 1 行）";
    h.get_by_label("指南文件夹里有些指南文件无法使用，所以没有列出：");
    h.get_by_label(line);
    h.get_by_label("逐步排查").click();
    h.run();
    h.get_by_label(line);
    assert!(
        h.state().state().library.get("emv-error").is_some(),
        "the built-in guides are still offered"
    );
}
