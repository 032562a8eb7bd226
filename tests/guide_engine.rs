//! The guide engine: loading, every validation error with its exact position, and the session
//! state machine (branching, checks, back, restart, notes, resume after serialisation).
// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::{DateTime, FixedOffset};
use emv_doctor::finding::Finding;
use emv_doctor::guide::checks::{self, CheckResult};
use emv_doctor::guide::session::{ChosenBy, Session, SessionError};
use emv_doctor::guide::{ErrorKind, Guide, load};
use emv_doctor::i18n::{BiText, Lang};
use std::collections::BTreeMap;

const BASE: &str = r#"Guide(
    id: "t",
    version: 1,
    title: (en: "Test", zh: "测试"),
    start: "q",
    nodes: [
        Question(id: "q", text: (en: "Q?", zh: "问？"), help: (en: "H", zh: "帮"), answers: [
            (label: (en: "Check", zh: "检查"), to: "c"),
            (label: (en: "Step", zh: "步骤"), to: "s"),
        ]),
        Check(id: "c", text: (en: "Insert", zh: "插卡"), check: "card.probe", branches: [
            (when: ["app.expired", "card.blocked"], label: (en: "Expired", zh: "过期"), to: "o_exp"),
            (when: ["card.mute"], label: (en: "Mute", zh: "无响应"), to: "o_dmg"),
            (when: ["unavailable", "*"], label: (en: "Skip", zh: "跳过"), to: "s"),
        ]),
        Step(id: "s", text: (en: "Wipe", zh: "擦"), helped: "o_ok", not_helped: "o_dmg"),
        Outcome(id: "o_ok", text: (en: "OK", zh: "好"), covers: ["card.damaged"],
            confirm: (en: "Works", zh: "能用")),
        Outcome(id: "o_dmg", text: (en: "Damaged", zh: "损坏"), covers: ["card.damaged"],
            hand_over: (to: Issuer, tell: (en: "New card", zh: "换卡"))),
        Outcome(id: "o_exp", text: (en: "Expired", zh: "过期"), covers: ["card.expired_or_blocked"],
            confirm: (en: "Another card works", zh: "换卡能用")),
    ],
)"#;

fn t(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap()
}

fn base() -> Guide {
    load("t.ron", BASE).unwrap_or_else(|e| panic!("{e}"))
}

/// `(line, column)` of the `nth` (from 0) occurrence of `needle` in `text`, columns in chars.
fn pos(text: &str, needle: &str, nth: usize) -> (usize, usize) {
    let at = text
        .match_indices(needle)
        .nth(nth)
        .unwrap_or_else(|| panic!("{needle:?} #{nth} not in text"))
        .0;
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().unwrap().chars().count() + 1;
    (line, col)
}

/// Loads `text`, expecting failure; returns `(line, column, kind)` of every error.
fn errors(text: &str) -> Vec<(usize, usize, ErrorKind)> {
    load("bad.ron", text)
        .expect_err("guide should not load")
        .0
        .into_iter()
        .map(|e| {
            assert_eq!(e.file, "bad.ron");
            (e.line, e.column, e.kind)
        })
        .collect()
}

fn one_error(text: &str, needle: &str, nth: usize, kind: ErrorKind) {
    let (line, col) = pos(text, needle, nth);
    assert_eq!(errors(text), vec![(line, col, kind)], "in:\n{text}");
}

#[test]
fn docs_example_loads() {
    let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/guide-format.md"))
        .unwrap();
    let example = doc
        .split("```ron\n")
        .nth(1)
        .unwrap()
        .split("```")
        .next()
        .unwrap();
    let g = load("docs/guide-format.md", example).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(g.id, "chip-quick");
    assert_eq!(g.outcomes().count(), 3);
}

#[test]
fn base_guide_loads_with_both_languages() {
    let g = base();
    assert_eq!(g.nodes.len(), 6);
    assert_eq!(g.title.get(Lang::ZhCn), "测试");
    assert_eq!(g.node("q").unwrap().help().unwrap().en, "H");
}

#[test]
fn syntax_error_has_ron_position() {
    let text = BASE.replace(r#"start: "q","#, r#"start: "q" oops,"#);
    let errs = errors(&text);
    assert_eq!(errs.len(), 1);
    let (line, col) = pos(&text, "oops", 0);
    assert_eq!(errs[0].0, line);
    assert!(errs[0].1 >= col - 1 && errs[0].1 <= col, "{errs:?}");
    assert!(matches!(errs[0].2, ErrorKind::Syntax(_)));
    let shown = load("bad.ron", &text).unwrap_err().to_string();
    assert!(shown.starts_with(&format!("bad.ron:{line}:")), "{shown}");
}

#[test]
fn missing_field_is_a_syntax_error() {
    let text = BASE.replace(r#"helped: "o_ok", "#, "");
    let errs = errors(&text);
    assert_eq!(errs.len(), 1);
    assert!(
        matches!(&errs[0].2, ErrorKind::Syntax(m) if m.contains("helped")),
        "{errs:?}"
    );
}

#[test]
fn unknown_target_and_start() {
    let text = BASE.replace(r#"to: "o_dmg"),"#, r#"to: "o_gone"),"#);
    one_error(
        &text,
        r#""o_gone""#,
        0,
        ErrorKind::UnknownNode("o_gone".into()),
    );
    let text = BASE.replace(r#"start: "q""#, r#"start: "nowhere""#);
    one_error(
        &text,
        r#""nowhere""#,
        0,
        ErrorKind::UnknownNode("nowhere".into()),
    );
}

#[test]
fn duplicate_id_points_at_second() {
    let text = BASE.replace(r#"Outcome(id: "o_exp""#, r#"Outcome(id: "o_ok""#);
    let errs = errors(&text);
    let (line, col) = pos(&text, r#"id: "o_ok""#, 1);
    let (first_line, first_col) = pos(&text, r#"id: "o_ok""#, 0);
    let dup = ErrorKind::DuplicateId {
        id: "o_ok".into(),
        first_line,
        first_column: first_col + 4,
    };
    assert!(errs.contains(&(line, col + 4, dup.clone())), "{errs:?}");
    assert!(
        dup.message(Lang::En)
            .contains(&format!("first at {first_line}:{}", first_col + 4)),
        "{}",
        dup.message(Lang::En)
    );
}

#[test]
fn unreachable_node() {
    let text = BASE.replace(
        "    ],\n)",
        "        Outcome(id: \"lonely\", text: (en: \"L\", zh: \"孤\"), covers: [\"monitoring\"], confirm: (en: \"C\", zh: \"确\")),\n    ],\n)",
    );
    one_error(
        &text,
        r#""lonely""#,
        0,
        ErrorKind::Unreachable("lonely".into()),
    );
}

#[test]
fn node_that_cannot_reach_an_outcome() {
    let text = BASE
        .replace(r#"helped: "o_ok", not_helped: "o_dmg""#, r#"helped: "s2", not_helped: "s2""#)
        .replace(
            "    ],\n)",
            "        Step(id: \"s2\", text: (en: \"A\", zh: \"甲\"), helped: \"s\", not_helped: \"s\"),\n    ],\n)",
        );
    let errs = errors(&text);
    let s = pos(&text, r#"id: "s""#, 0);
    let s = (s.0, s.1 + 4);
    let s2 = pos(&text, r#""s2""#, 2);
    let unreachable_ok = pos(&text, r#""o_ok""#, 0);
    assert_eq!(
        errs,
        vec![
            (s.0, s.1, ErrorKind::NoWayToOutcome("s".into())),
            (
                unreachable_ok.0,
                unreachable_ok.1,
                ErrorKind::Unreachable("o_ok".into())
            ),
            (s2.0, s2.1, ErrorKind::NoWayToOutcome("s2".into())),
        ]
    );
}

#[test]
fn missing_translations_all_reported() {
    let text = BASE
        .replace(
            r#"text: (en: "Wipe", zh: "擦")"#,
            r#"text: (en: "Wipe", zh: "")"#,
        )
        .replace(r#"(en: "Skip", zh: "跳过")"#, r#"(zh: "跳过")"#);
    let errs = errors(&text);
    let empty_zh = pos(&text, r#""""#, 0);
    let skip_label = pos(&text, r#"(zh: "跳过")"#, 0);
    assert_eq!(
        errs,
        vec![
            (
                skip_label.0,
                skip_label.1,
                ErrorKind::MissingTranslation(Lang::En)
            ),
            (
                empty_zh.0,
                empty_zh.1,
                ErrorKind::MissingTranslation(Lang::ZhCn)
            ),
        ]
    );
}

#[test]
fn unknown_check_and_result_code() {
    let text = BASE.replace(r#"check: "card.probe""#, r#"check: "card.magic""#);
    let errs = errors(&text);
    let (line, col) = pos(&text, r#""card.magic""#, 0);
    assert_eq!(
        errs,
        vec![(line, col, ErrorKind::UnknownCheck("card.magic".into()))]
    );

    let text = BASE.replace(r#"["card.mute"]"#, r#"["card.mute", "clock.skew"]"#);
    one_error(
        &text,
        r#""clock.skew""#,
        0,
        ErrorKind::UnknownResult {
            check: "card.probe".into(),
            code: "clock.skew".into(),
        },
    );
}

#[test]
fn check_without_unavailable_branch() {
    let text = BASE.replace(r#"when: ["unavailable", "*"]"#, r#"when: ["card.ok", "*"]"#);
    one_error(
        &text,
        r#""card.probe""#,
        0,
        ErrorKind::NoUnavailableBranch("c".into()),
    );
}

#[test]
fn check_params_are_checked() {
    let text = BASE
        .replace(
            r#"check: "card.probe""#,
            r#"check: "net.host", params: {"host": "nohost", "colour": "red"}"#,
        )
        .replace(
            r#"["app.expired", "card.blocked"]"#,
            r#"["net.unreachable"]"#,
        )
        .replace(r#"["card.mute"]"#, r#"["tls.expired"]"#);
    let errs = errors(&text);
    let colour = pos(&text, r#""red""#, 0);
    let host = pos(&text, r#""nohost""#, 0);
    assert_eq!(
        errs,
        vec![
            (
                host.0,
                host.1,
                ErrorKind::BadParam {
                    check: "net.host".into(),
                    param: "host".into(),
                    value: "nohost".into()
                }
            ),
            (
                colour.0,
                colour.1,
                ErrorKind::UnknownParam {
                    check: "net.host".into(),
                    param: "colour".into()
                }
            ),
        ]
    );
}

#[test]
fn answers_with_same_label() {
    let text = BASE.replace(
        r#"(en: "Step", zh: "步骤")"#,
        r#"(en: "check", zh: "步骤")"#,
    );
    one_error(
        &text,
        r#""check""#,
        0,
        ErrorKind::DuplicateLabel("check".into()),
    );
    let text = BASE.replace(r#"(en: "Step", zh: "步骤")"#, r#"(en: "Step", zh: "检查")"#);
    one_error(
        &text,
        r#""检查""#,
        1,
        ErrorKind::DuplicateLabel("检查".into()),
    );
}

#[test]
fn unknown_and_missing_covers() {
    let text = BASE.replacen(
        r#"covers: ["card.damaged"],"#,
        r#"covers: ["card.dusty"],"#,
        1,
    );
    one_error(
        &text,
        r#""card.dusty""#,
        0,
        ErrorKind::UnknownCause("card.dusty".into()),
    );
    let text = BASE.replacen(r#"covers: ["card.damaged"],"#, r#"covers: [],"#, 1);
    one_error(&text, "[],", 0, ErrorKind::NoCovers("o_ok".into()));
}

#[test]
fn bad_ids_and_empty_lists() {
    let text = BASE.replace(r#"id: "t","#, r#"id: "Bad Id","#);
    one_error(&text, r#""Bad Id""#, 0, ErrorKind::BadId("Bad Id".into()));
    let text = BASE.replace(r#"["card.mute"]"#, "[]");
    one_error(&text, "[]", 0, ErrorKind::EmptyWhen);
}

#[test]
fn every_problem_reported_at_once_and_display_has_position() {
    let text = BASE
        .replace(r#"check: "card.probe""#, r#"check: "card.magic""#)
        .replacen(
            r#"covers: ["card.damaged"],"#,
            r#"covers: ["card.dusty"],"#,
            1,
        )
        .replace(r#"to: "o_dmg"),"#, r#"to: "o_gone"),"#);
    let err = load("bad.ron", &text).unwrap_err();
    assert_eq!(err.0.len(), 3, "{err}");
    let lines: Vec<String> = err.to_string().lines().map(str::to_owned).collect();
    let (l, c) = pos(&text, r#""card.magic""#, 0);
    assert_eq!(
        lines[0],
        format!("bad.ron:{l}:{c}: unknown check \"card.magic\"")
    );
    assert!(err.0[2].display(Lang::ZhCn).contains("未知原因代码"));
}

// ---- session ----

fn result(codes: &[&str]) -> CheckResult {
    CheckResult {
        check: "card.probe".into(),
        params: BTreeMap::new(),
        findings: codes
            .iter()
            .map(|c| Finding::new(checks::result_def(c).unwrap(), None))
            .collect(),
        summary: BiText::new("probe done", "读卡完成"),
        recorded: None,
    }
}

#[test]
fn answers_branch_and_reach_outcome() {
    let g = base();
    let mut s = Session::start(&g, t("2025-01-01T10:00:00+08:00"));
    assert_eq!(s.current(), "q");
    assert_eq!(s.options(&g).len(), 2);
    s.answer(&g, 1, t("2025-01-01T10:00:05+08:00")).unwrap();
    assert_eq!(s.current(), "s");
    assert_eq!(
        s.options(&g)[0].label.get(Lang::ZhCn),
        emv_doctor::guide::model::HELPED.zh
    );
    s.answer(&g, 0, t("2025-01-01T10:01:00+08:00")).unwrap();
    assert!(s.is_finished(&g));
    assert_eq!(s.outcome(&g).unwrap().id, "o_ok");
    assert_eq!(s.path(), ["q", "s", "o_ok"]);
    assert_eq!(s.steps[0].choice.as_ref().unwrap().label.en, "Step");
    assert_eq!(
        s.answer(&g, 0, t("2025-01-01T10:02:00+08:00")),
        Err(SessionError::Finished)
    );
}

#[test]
fn bad_answer_index_is_refused() {
    let g = base();
    let mut s = Session::start(&g, t("2025-01-01T10:00:00+08:00"));
    assert_eq!(
        s.answer(&g, 5, t("2025-01-01T10:00:00+08:00")),
        Err(SessionError::NoSuchAnswer { index: 5, count: 2 })
    );
    assert_eq!(s.path(), ["q"]);
}

#[test]
fn check_results_pick_branches() {
    let g = base();
    let now = t("2025-01-01T10:00:00+08:00");
    let cases: [(&[&str], &str); 5] = [
        (&["app.expired"], "o_exp"),
        (&["pin.tries_low", "card.blocked"], "o_exp"),
        (&["card.mute"], "o_dmg"),
        (&["card.ok"], "s"),
        (&["unavailable"], "s"),
    ];
    for (codes, to) in cases {
        let mut s = Session::start(&g, now);
        s.answer(&g, 0, now).unwrap();
        s.apply_check_result(&g, result(codes), now).unwrap();
        assert_eq!(s.current(), to, "{codes:?}");
        let visit = &s.steps[1];
        assert_eq!(visit.choice.as_ref().unwrap().by, ChosenBy::Check);
        assert_eq!(visit.check.as_ref().unwrap().codes(), codes);
    }
}

#[test]
fn unavailable_result_and_manual_answer_at_check() {
    let g = base();
    let now = t("2025-01-01T10:00:00+08:00");
    let mut s = Session::start(&g, now);
    s.answer(&g, 0, now).unwrap();
    let r = CheckResult::unavailable(
        "card.probe",
        BTreeMap::new(),
        BiText::new("no reader", "无读卡器"),
    );
    assert!(r.is_unavailable());
    s.apply_check_result(&g, r, now).unwrap();
    assert_eq!(s.current(), "s");
    s.back();
    s.answer(&g, 1, now).unwrap();
    assert_eq!(s.current(), "o_dmg");
    assert_eq!(s.steps[1].choice.as_ref().unwrap().by, ChosenBy::User);
}

#[test]
fn wrong_node_or_check_refused() {
    let g = base();
    let now = t("2025-01-01T10:00:00+08:00");
    let mut s = Session::start(&g, now);
    assert_eq!(
        s.apply_check_result(&g, result(&["card.ok"]), now),
        Err(SessionError::NotACheck("q".into()))
    );
    s.answer(&g, 0, now).unwrap();
    let mut r = result(&["card.ok"]);
    r.check = "net.clock".into();
    assert!(matches!(
        s.apply_check_result(&g, r, now),
        Err(SessionError::WrongCheck { .. })
    ));
    assert_eq!(s.current(), "c");
}

#[test]
fn back_undoes_and_restart_keeps_notes() {
    let g = base();
    let now = t("2025-01-01T10:00:00+08:00");
    let mut s = Session::start(&g, now);
    assert!(!s.back());
    s.answer(&g, 0, now).unwrap();
    s.add_note("customer says it worked yesterday", now);
    s.add_note("   ", now);
    s.apply_check_result(&g, result(&["card.mute"]), now)
        .unwrap();
    assert_eq!(s.path(), ["q", "c", "o_dmg"]);
    assert!(s.back());
    assert_eq!(s.path(), ["q", "c"]);
    assert!(s.steps[1].choice.is_none() && s.steps[1].check.is_none());
    assert!(s.back());
    assert_eq!(s.current(), "q");
    assert!(s.steps[0].choice.is_none());
    s.answer(&g, 1, now).unwrap();
    s.restart(&g, t("2025-01-01T11:00:00+08:00"));
    assert_eq!(s.path(), ["q"]);
    assert_eq!(s.started, t("2025-01-01T11:00:00+08:00"));
    assert_eq!(s.notes.len(), 1);
    assert_eq!(s.notes[0].node, "c");
}

fn sample_session(g: &Guide) -> Session {
    let mut s = Session::start(g, t("2025-03-04T09:00:00+08:00"));
    s.answer(g, 0, t("2025-03-04T09:00:10+08:00")).unwrap();
    s.add_note("卡片有划痕", t("2025-03-04T09:00:20+08:00"));
    s.apply_check_result(g, result(&["card.ok"]), t("2025-03-04T09:00:30+08:00"))
        .unwrap();
    s
}

#[test]
fn resume_after_ron_round_trip() {
    let g = base();
    let s = sample_session(&g);
    let text = ron::ser::to_string_pretty(&s, ron::ser::PrettyConfig::default()).unwrap();
    let mut back: Session = ron::from_str(&text).unwrap();
    assert_eq!(back, s);
    back.check_resume(&g).unwrap();
    back.answer(&g, 0, t("2025-03-04T09:01:00+08:00")).unwrap();
    assert_eq!(back.outcome(&g).unwrap().id, "o_ok");
}

#[test]
fn resume_after_json_round_trip() {
    let g = base();
    let s = sample_session(&g);
    let text = serde_json::to_string(&s).unwrap();
    let back: Session = serde_json::from_str(&text).unwrap();
    assert_eq!(back, s);
    back.check_resume(&g).unwrap();
    assert_eq!(back.current(), "s");
    assert_eq!(back.notes[0].text, "卡片有划痕");
}

#[test]
fn resume_refuses_other_guide_or_broken_history() {
    let g = base();
    let s = sample_session(&g);
    let mut other = g.clone();
    other.version = 2;
    assert!(matches!(
        s.check_resume(&other),
        Err(SessionError::WrongGuide { .. })
    ));
    let mut broken = s.clone();
    broken.steps[1].node = "o_ok".into();
    assert!(broken.check_resume(&g).is_err());
}

mod fuzz_like {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]
        #[test]
        fn loader_never_panics_on_arbitrary_text(text in "\\PC{0,400}") {
            let _ = load("x.ron", &text);
        }

        #[test]
        fn loader_never_panics_on_mutated_guides(cut in 0usize..2000, insert in "[\\[\\](){}\",: a-z_]{0,6}") {
            let mut text: Vec<char> = BASE.chars().collect();
            let at = cut.min(text.len());
            text.splice(at..at, insert.chars());
            let text: String = text.into_iter().collect();
            let _ = load("x.ron", &text);
        }
    }
}

#[test]
fn every_file_in_guides_is_built_in_and_valid() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("guides");
    let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
        .map(|r| {
            r.filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".ron"))
                .map(|n| format!("guides/{n}"))
                .collect()
        })
        .unwrap_or_default();
    on_disk.sort();
    let mut built_in: Vec<String> = emv_doctor::guide::builtin::SOURCES
        .iter()
        .map(|(n, _)| (*n).to_owned())
        .collect();
    built_in.sort();
    assert_eq!(
        built_in, on_disk,
        "builtin::SOURCES must list every guides/*.ron"
    );
    for name in &on_disk {
        let text = std::fs::read_to_string(dir.join(name.trim_start_matches("guides/"))).unwrap();
        if let Err(e) = load(name, &text) {
            panic!("{e}");
        }
    }
    let (guides, errs) = emv_doctor::guide::builtin::load_all();
    assert!(errs.is_empty());
    assert_eq!(guides.len(), on_disk.len());
}

#[test]
fn built_in_guides_round_trip_through_ron() {
    let (guides, _) = emv_doctor::guide::builtin::load_all();
    assert!(!guides.is_empty());
    for g in guides {
        let text = emv_doctor::guide::load::ron_options()
            .to_string_pretty(&g, ron::ser::PrettyConfig::default())
            .unwrap();
        assert_eq!(
            load("again.ron", &text).unwrap_or_else(|e| panic!("{e}")),
            g
        );
    }
}

// ---- the second-edition rules ----

#[test]
fn check_node_must_route_every_code_of_its_check() {
    let text = BASE.replace(r#"["unavailable", "*"]"#, r#"["unavailable"]"#);
    let errs = errors(&text);
    let (line, col) = pos(&text, r#""card.probe""#, 0);
    assert_eq!(errs.len(), 1, "{errs:?}");
    let (l, c, kind) = &errs[0];
    assert_eq!((*l, *c), (line, col));
    let ErrorKind::Unrouted { node, codes } = kind else {
        panic!("{kind:?}")
    };
    assert_eq!(node, "c");
    for code in ["card.ok", "card.hardware", "app.usage_restricted"] {
        assert!(codes.iter().any(|x| x == code), "{codes:?}");
    }
    // The unavailable branch stands for "could not test here" codes.
    for code in ["card.absent", "reader.none", "probe.command_refused"] {
        assert!(!codes.iter().any(|x| x == code), "{codes:?}");
    }
    assert!(kind.message(Lang::En).contains("card.hardware"));
}

#[test]
fn every_outcome_hands_over_or_says_how_to_confirm() {
    let text = BASE.replace(
        r#"covers: ["card.damaged"],
            confirm: (en: "Works", zh: "能用")),"#,
        r#"covers: ["card.damaged"]),"#,
    );
    let (line, col) = pos(&text, r#"id: "o_ok""#, 0);
    assert_eq!(
        errors(&text),
        vec![(line, col + 4, ErrorKind::NoHandOver("o_ok".into()))]
    );
}

#[test]
fn ascii_punctuation_next_to_chinese_is_pointed_at_exactly() {
    let text = BASE.replace(r#"zh: "问？""#, r#"zh: "请问,卡呢""#);
    let (line, col) = pos(&text, ",卡呢", 0);
    assert_eq!(
        errors(&text),
        vec![(line, col, ErrorKind::HalfWidthPunctuation(','))]
    );
    // Host names and times keep their ASCII marks.
    let text = BASE.replace(
        r#"zh: "问？""#,
        r#"zh: "主机 pay.example.com:443 在 10:30 连不上？""#,
    );
    assert!(load("ok.ron", &text).is_ok());
}

#[test]
fn chinese_words_in_english_need_a_gloss() {
    let text = BASE.replace(
        r#"(en: "Wipe", zh: "擦")"#,
        r#"(en: "Do 签到 first", zh: "擦")"#,
    );
    let (line, col) = pos(&text, "签到 first", 0);
    assert_eq!(errors(&text), vec![(line, col, ErrorKind::Unglossed)]);
    let text = BASE.replace(
        r#"(en: "Wipe", zh: "擦")"#,
        r#"(en: "Sign in（签到）first", zh: "擦")"#,
    );
    assert!(load("ok.ron", &text).is_ok());
}

#[test]
fn text_must_not_repeat_its_label() {
    let text = BASE.replace(
        r#"tell: (en: "New card", zh: "换卡")"#,
        r#"tell: (en: "Tell them: new card", zh: "换卡")"#,
    );
    let (line, col) = pos(&text, r#""Tell them"#, 0);
    assert_eq!(
        errors(&text),
        vec![(line, col, ErrorKind::RepeatsLabel("tell ".into()))]
    );
}

#[test]
fn unknown_fields_are_refused() {
    let text = BASE.replace(r#"helped: "o_ok","#, r#"helped: "o_ok", colour: "red","#);
    let errs = errors(&text);
    assert!(
        matches!(&errs[..], [(_, _, ErrorKind::Syntax(m))] if m.contains("colour")),
        "{errs:?}"
    );
}

#[test]
fn oversized_guides_are_refused_before_parsing() {
    let big = format!(
        "{}{}",
        BASE,
        " ".repeat(emv_doctor::guide::load::MAX_GUIDE_BYTES as usize)
    );
    let errs = errors(&big);
    assert!(
        matches!(errs[..], [(1, 1, ErrorKind::TooLarge { .. })]),
        "{errs:?}"
    );
}

/// A guide whose node `s` is tagged `tags`, behind a question with optional answer tags.
fn tagged(step_tags: &str, answer_tags: &str) -> String {
    BASE.replace(
        r#"Step(id: "s", text"#,
        &format!(r#"Step(id: "s", tags: [{step_tags}], text"#),
    )
    .replace(
        r#"(label: (en: "Step", zh: "步骤"), to: "s"),"#,
        &format!(r#"(label: (en: "Step", zh: "步骤"), to: "s", tags: [{answer_tags}]),"#),
    )
}

fn unsafe_rules(text: &str) -> Vec<emv_doctor::guide::load::SafetyRule> {
    match load("t.ron", text) {
        Ok(_) => Vec::new(),
        Err(e) => {
            e.0.into_iter()
                .filter_map(|e| match e.kind {
                    ErrorKind::Unsafe { rule, .. } => Some(rule),
                    _ => None,
                })
                .collect()
        }
    }
}

#[test]
fn safety_rules_are_checked_on_the_graph_by_tags() {
    use emv_doctor::guide::load::SafetyRule as R;
    assert_eq!(
        unsafe_rules(&tagged("restarts_terminal", "")),
        [R::RestartBeforeUpload]
    );
    assert_eq!(
        unsafe_rules(&tagged("magstripe", "")),
        [R::MagstripeInChina]
    );
    let only_by_answer = |t: String| {
        t.replace(
            r#"label: (en: "Skip", zh: "跳过"), to: "s")"#,
            r#"label: (en: "Skip", zh: "跳过"), to: "o_ok")"#,
        )
    };
    assert_eq!(
        unsafe_rules(&only_by_answer(tagged("magstripe", ""))),
        [R::MagstripeInChina]
    );
    assert_eq!(
        unsafe_rules(&only_by_answer(tagged("magstripe", "abroad"))),
        []
    );
    assert_eq!(
        unsafe_rules(&tagged("retries_payment", "unclear_result")),
        [R::RetryBeforeQuery]
    );
    assert_eq!(unsafe_rules(&tagged("retries_payment", "")), []);
    assert_eq!(
        unsafe_rules(&tagged("evades_risk_control", "")),
        [R::EvadesRiskControl]
    );
    // A gate before the restart, a query before the retry, a clock check before "expired".
    let gated = tagged("restarts_terminal", "").replace(
        r#"Question(id: "q", text"#,
        r#"Question(id: "q", tags: [pending_gate], text"#,
    );
    assert_eq!(unsafe_rules(&gated), []);
    let queried = tagged("retries_payment", "unclear_result").replace(
        r#"Step(id: "s", tags: [retries_payment]"#,
        r#"Step(id: "s", tags: [retries_payment, queries_last]"#,
    );
    assert_eq!(unsafe_rules(&queried), []);
    let expired = BASE.replace(
        r#"Outcome(id: "o_exp", text"#,
        r#"Outcome(id: "o_exp", tags: [concludes_expired], text"#,
    );
    assert_eq!(unsafe_rules(&expired), [R::ExpiredBeforeClock]);
    let clocked = expired.replace(
        r#"Check(id: "c", text"#,
        r#"Check(id: "c", tags: [checks_clock], text"#,
    );
    assert_eq!(unsafe_rules(&clocked), []);
}

/// A guide of `n` nodes: a chain of questions, each with a second answer to the one outcome.
fn chain(n: usize, kind: &str) -> String {
    let mut text = format!(
        "Guide(id: \"big\", version: 1, title: (en: \"Big\", zh: \"大\"), {kind} start: \"n0\", nodes: [\n"
    );
    for i in 0..n - 1 {
        let next = if i + 2 == n {
            "end".to_owned()
        } else {
            format!("n{}", i + 1)
        };
        text.push_str(&format!(
            "Question(id: \"n{i}\", text: (en: \"Q{i}\", zh: \"问{i}\"), answers: [(label: (en: \"On\", zh: \"继续\"), to: \"{next}\"), (label: (en: \"Stop\", zh: \"停\"), to: \"end\")]),\n"
        ));
    }
    text.push_str("Outcome(id: \"end\", text: (en: \"End\", zh: \"结束\"), covers: [\"monitoring\"], confirm: (en: \"C\", zh: \"确\")),\n])");
    text
}

#[test]
fn long_routes_are_refused_in_troubleshooting_guides_only() {
    let errs = errors(&chain(15, ""));
    assert!(
        matches!(
            errs[..],
            [(
                _,
                _,
                ErrorKind::RouteTooLong {
                    longest: 14,
                    limit: 12,
                    ..
                }
            )]
        ),
        "{errs:?}"
    );
    let course = load("c.ron", &chain(15, "kind: course,")).unwrap();
    let r = emv_doctor::guide::stats::routes(&course);
    assert_eq!(
        (r.total, r.longest, r.over_long, r.over_max),
        (15, 14, 5, 3)
    );
}

#[test]
fn a_hundred_thousand_node_guide_is_checked_without_recursion() {
    // In memory (the file would be refused by the size limit): no stack overflow, linear time.
    let guide = emv_doctor::guide::synthetic::chain(100_000);
    assert!(emv_doctor::guide::validate::validate(&guide).is_empty());
    let s = emv_doctor::guide::stats::stats(&guide);
    assert_eq!(s.routes.longest, 99_999);
}

#[test]
fn the_most_severe_finding_picks_the_branch() {
    // A healthy-looking info code beside a chip fault must not take the "healthy" branch.
    let text = BASE
        .replace(
            r#"(when: ["card.mute"]"#,
            r#"(when: ["card.mute", "card.hardware"]"#,
        )
        .replace(
            r#"(when: ["unavailable", "*"]"#,
            r#"(when: ["card.chip_required"], label: (en: "Fine", zh: "好"), to: "s"),
            (when: ["unavailable", "*"]"#,
        );
    let g = load("t.ron", &text).unwrap_or_else(|e| panic!("{e}"));
    let now = t("2025-01-01T10:00:00+08:00");
    let mut s = Session::start(&g, now);
    s.answer(&g, 0, now).unwrap();
    s.apply_check_result(&g, result(&["card.chip_required", "card.hardware"]), now)
        .unwrap();
    assert_eq!(s.current(), "o_dmg");
}

#[test]
fn commands_belong_in_the_technical_details() {
    let text = BASE.replace(
        r#"Step(id: "s", text: (en: "Wipe", zh: "擦"),"#,
        r#"Step(id: "s", text: (en: "Run sudo systemctl restart pcscd", zh: "擦"),"#,
    );
    let kinds: Vec<ErrorKind> = errors(&text).into_iter().map(|e| e.2).collect();
    assert_eq!(kinds, vec![ErrorKind::CommandInText("sudo".into())]);
    assert!(kinds[0].message(Lang::ZhCn).contains("技术详情"));
    // The same command in `tech` is fine, and the node carries it.
    let text = BASE.replace(
        r#"Step(id: "s", text: (en: "Wipe", zh: "擦"),"#,
        r#"Step(id: "s", text: (en: "Wipe", zh: "擦"), tech: (en: "sudo systemctl restart pcscd", zh: "执行 sudo systemctl restart pcscd"),"#,
    );
    let guide = load("ok.ron", &text).expect("loads");
    let tech = guide.node("s").and_then(|n| n.tech()).expect("tech");
    assert!(tech.en.contains("systemctl"));
}
