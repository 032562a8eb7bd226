//! `emv-doctor guide` run as a real binary: walk a guide from piped input (answers, back, notes,
//! a check node run for real, EOF), save and resume the session, check files, draw the graph,
//! list the user's guides.
// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use emv_doctor::card::sim::scenarios::Scenario;
use emv_doctor::guide::session::{ChosenBy, Session};
use emv_doctor::guide::{Guide, load};
use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

const GUIDE: &str = r#"Guide(
    id: "walk-test",
    version: 3,
    title: (en: "Walk test", zh: "走查测试"),
    start: "q",
    nodes: [
        Question(id: "q", text: (en: "Which way?", zh: "走哪条路？"), answers: [
            (label: (en: "Check the card", zh: "检查卡片"), to: "c"),
            (label: (en: "Wipe it", zh: "擦拭"), to: "s"),
        ]),
        Check(id: "c", text: (en: "Insert the card.", zh: "请插卡。"), check: "card.probe", branches: [
            (when: ["app.expired", "card.blocked", "app.blocked"], label: (en: "Expired or blocked", zh: "过期或锁定"), to: "o_exp"),
            (when: ["card.mute"], label: (en: "Chip mute", zh: "芯片无响应"), to: "o_dmg"),
            (when: ["unavailable", "*"], label: (en: "Cannot check", zh: "无法检查"), to: "s"),
        ]),
        Step(id: "s", text: (en: "Wipe the chip.", zh: "擦拭芯片。"), helped: "o_ok", not_helped: "o_dmg"),
        Outcome(id: "o_ok", text: (en: "Dirty chip.", zh: "芯片脏污。"), covers: ["card.damaged"],
            confirm: (en: "The card reads first time.", zh: "卡一次就能读出。")),
        Outcome(id: "o_dmg", text: (en: "Chip damaged.", zh: "芯片损坏。"), covers: ["card.damaged"],
            hand_over: (to: Issuer, tell: (en: "Please issue a new card.", zh: "请补发新卡。"))),
        Outcome(id: "o_exp", text: (en: "Card expired.", zh: "卡片过期。"), covers: ["card.expired_or_blocked"],
            confirm: (en: "Another card works.", zh: "换卡能用。")),
    ],
)"#;

struct Env {
    dir: tempfile::TempDir,
}

impl Env {
    fn new() -> Env {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("walk-test.ron"), GUIDE).unwrap();
        Env { dir }
    }

    fn path(&self, name: &str) -> String {
        self.dir.path().join(name).display().to_string()
    }

    fn run(&self, args: &[&str], stdin: &str) -> Output {
        let data = self.dir.path().join("data");
        let mut child = Command::new(env!("CARGO_BIN_EXE_emv-doctor"))
            .args(args)
            .env("XDG_DATA_HOME", &data)
            .env("EMV_DOCTOR_DATA_DIR", data.join("emv-doctor"))
            .env("HOME", self.dir.path())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let written = child.stdin.take().unwrap().write_all(stdin.as_bytes());
        // A walk that refuses to start exits before reading: its stdin is closed early.
        if let Err(e) = written {
            assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "{e}");
        }
        child.wait_with_output().unwrap()
    }
}

impl Env {
    /// `guide walk` of the test guide in `lang`, saving to `save`, with `stdin`.
    fn walk_saving(&self, lang: &str, save: &str, stdin: &str) -> Output {
        let guide = self.path("walk-test.ron");
        self.run(
            &["--lang", lang, "guide", "walk", &guide, "--save", save],
            stdin,
        )
    }
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn guide() -> Guide {
    load("walk-test.ron", GUIDE).unwrap()
}

/// The walk in the report `guide walk --save` wrote.
fn saved_session(path: &str) -> Session {
    let report = emv_doctor::report::store::open(Path::new(path))
        .unwrap()
        .report;
    assert_eq!(report.guide_walks.len(), 1);
    report.guide_walks[0].session.clone()
}

fn saved(path: &str) -> Session {
    let s = saved_session(path);
    s.check_resume(&guide()).unwrap();
    s
}

#[test]
fn walk_by_hand_to_solved_and_save() {
    let env = Env::new();
    let file = env.path("walk-test.ron");
    let save = env.path("s.ron");
    let out = env.run(
        &["--lang", "en", "guide", "walk", &file, "--save", &save],
        "2\n1\n",
    );
    assert!(out.status.success(), "{out:?}");
    let text = stdout(&out);
    assert!(
        text.contains("Which way?\n  1) Check the card\n  2) Wipe it"),
        "{text}"
    );
    assert!(text.contains("1) Yes, that fixed it"), "{text}");
    assert!(
        text.contains("What we found: Dirty chip.\nTo make sure it is fixed: The card reads first time.\nLikely cause: a damaged card or chip"),
        "{text}"
    );
    let s = saved(&save);
    assert_eq!(s.path(), ["q", "s", "o_ok"]);
    assert_eq!(s.guide_version, 3);
    assert!(s.is_finished(&guide()));
}

#[test]
fn walk_back_note_and_hand_over_in_chinese() {
    let env = Env::new();
    let file = env.path("walk-test.ron");
    let save = env.path("s.ron");
    let out = env.run(
        &["--lang", "zh-CN", "guide", "walk", &file, "--save", &save],
        "1\nb\nn\n顾客说昨天还能用\nx\n2\n2\n",
    );
    assert!(out.status.success(), "{out:?}");
    let text = stdout(&out);
    assert!(text.contains("走哪条路？"), "{text}");
    assert!(text.contains("已添加备注。"), "{text}");
    assert!(text.contains("请输入上面显示的编号"), "{text}");
    assert!(
        text.contains("请联系：发卡银行\n怎么说：请补发新卡。\n一并发送：本次排查的报告"),
        "{text}"
    );
    let s = saved(&save);
    assert_eq!(s.path(), ["q", "s", "o_dmg"]);
    assert_eq!(s.notes.len(), 1);
    assert_eq!(s.notes[0].text, "顾客说昨天还能用");
    assert_eq!(s.notes[0].node, "q");
}

#[test]
fn walk_runs_check_node_and_follows_its_result() {
    // Whatever the readers hold, but not while another test serves a virtual card.
    let _lock = common::vpcd_lock();
    let env = Env::new();
    let file = env.path("walk-test.ron");
    let save = env.path("s.ron");
    let out = env.run(
        &["--lang", "en", "guide", "walk", &file, "--save", &save],
        "1\n\nq\n",
    );
    assert!(out.status.success(), "{out:?}");
    let text = stdout(&out);
    assert!(text.contains("Running check card.probe"), "{text}");
    assert!(text.contains("Found: "), "{text}");
    let g = guide();
    let s = saved(&save);
    assert_eq!(s.path()[..2], ["q", "c"]);
    let visit = &s.steps[1];
    let result = visit.check.clone().expect("check result attached");
    assert_eq!(result.check, "card.probe");
    let choice = visit.choice.as_ref().unwrap();
    assert_eq!(choice.by, ChosenBy::Check);
    let mut replay = Session::start(&g, s.started);
    replay.answer(&g, 0, s.started).unwrap();
    assert_eq!(replay.branch_for(&g, &result).unwrap(), choice.index);
    for f in &result.findings {
        assert!(text.contains(&format!("({})", f.code)), "{text}");
    }
}

#[test]
fn walk_stops_cleanly_at_end_of_input() {
    let env = Env::new();
    let file = env.path("walk-test.ron");
    let save = env.path("s.ron");
    let out = env.run(
        &["--lang", "en", "guide", "walk", &file, "--save", &save],
        "2\n",
    );
    assert!(out.status.success(), "{out:?}");
    assert!(stdout(&out).contains("Walk stopped."));
    let s = saved(&save);
    assert_eq!(s.path(), ["q", "s"]);
    assert!(!s.is_finished(&guide()));
}

#[test]
fn check_reports_positions_and_exits_1() {
    let env = Env::new();
    let bad = GUIDE.replacen(
        r#"covers: ["card.damaged"],"#,
        r#"covers: ["card.dusty"],"#,
        1,
    );
    std::fs::write(env.path("bad.ron"), &bad).unwrap();
    let good = env.path("walk-test.ron");
    let out = env.run(
        &[
            "--lang",
            "en",
            "guide",
            "check",
            &good,
            &env.path("bad.ron"),
        ],
        "",
    );
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let text = stdout(&out);
    let line = bad.lines().position(|l| l.contains("card.dusty")).unwrap() + 1;
    let l = bad.lines().nth(line - 1).unwrap();
    let col = l[..l.find("\"card.dusty\"").unwrap()].chars().count() + 1;
    assert!(
        text.contains(&format!(
            "bad.ron:{line}:{col}: unknown cause \"card.dusty\""
        )),
        "{text}"
    );
    assert!(
        text.contains(
            "walk-test v3: 6 nodes (1 questions, 1 checks, 1 steps, 3 outcomes), deepest path 4"
        ),
        "{text}"
    );
}

#[test]
fn check_json_gives_figures() {
    let env = Env::new();
    let out = env.run(
        &["guide", "check", "--json", &env.path("walk-test.ron")],
        "",
    );
    assert!(out.status.success(), "{out:?}");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v[0]["ok"], true);
    assert_eq!(v[0]["nodes"], 6);
    assert_eq!(v[0]["outcomes"], 3);
    assert_eq!(v[0]["deepest_path"], 4);
    assert_eq!(
        v[0]["causes"],
        serde_json::json!(["card.damaged", "card.expired_or_blocked"])
    );
    assert_eq!(v[0]["languages"], serde_json::json!(["en", "zh-CN"]));
}

#[test]
fn graph_json_has_the_promised_shape() {
    let env = Env::new();
    let out = env.run(
        &[
            "guide",
            "graph",
            &env.path("walk-test.ron"),
            "--format",
            "json",
        ],
        "",
    );
    assert!(out.status.success(), "{out:?}");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["id"], "walk-test");
    assert_eq!(
        v["title"],
        serde_json::json!({"en": "Walk test", "zh-CN": "走查测试"})
    );
    assert_eq!(v["start"], "q");
    let nodes = v["nodes"].as_array().unwrap();
    assert_eq!(nodes.len(), 6);
    assert_eq!(
        nodes[1],
        serde_json::json!({
            "id": "c", "kind": "check",
            "text": {"en": "Insert the card.", "zh-CN": "请插卡。"},
            "check": "card.probe", "covers": [],
            "next": [
                {"label": {"en": "Expired or blocked", "zh-CN": "过期或锁定"},
                 "when": ["app.expired", "card.blocked", "app.blocked"], "to": "o_exp"},
                {"label": {"en": "Chip mute", "zh-CN": "芯片无响应"}, "when": ["card.mute"], "to": "o_dmg"},
                {"label": {"en": "Cannot check", "zh-CN": "无法检查"}, "when": ["unavailable", "*"], "to": "s"},
            ]
        })
    );
    assert_eq!(nodes[2]["next"][1]["label"]["en"], "No, still failing");
    assert_eq!(nodes[2]["next"][1]["when"], serde_json::Value::Null);
    assert_eq!(nodes[4]["covers"], serde_json::json!(["card.damaged"]));
    assert_eq!(nodes[4]["next"], serde_json::json!([]));

    let dot = env.run(
        &[
            "--lang",
            "en",
            "guide",
            "graph",
            &env.path("walk-test.ron"),
            "--format",
            "dot",
        ],
        "",
    );
    let dot = stdout(&dot);
    assert!(dot.starts_with("digraph \"walk-test\" {"), "{dot}");
    assert!(
        dot.contains("\"c\" -> \"o_dmg\" [label=\"Chip mute\\n[card.mute]\"];"),
        "{dot}"
    );
}

#[test]
fn user_folder_guides_are_listed_and_walkable_by_id() {
    let env = Env::new();
    let dir = Path::new(&env.path("data"))
        .join("emv-doctor")
        .join("guides");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("mine.ron"), GUIDE).unwrap();
    std::fs::write(dir.join("broken.ron"), "Guide(").unwrap();
    let out = env.run(&["guide", "list", "--json"], "");
    assert!(out.status.success(), "{out:?}");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mine = v
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["id"] == "walk-test")
        .expect("user guide listed");
    assert!(mine["source"].as_str().unwrap().ends_with("mine.ron"));
    assert!(String::from_utf8_lossy(&out.stderr).contains("broken.ron:1:"));

    let out = env.run(&["--lang", "en", "guide", "walk", "walk-test"], "2\n2\n");
    assert!(out.status.success(), "{out:?}");
    assert!(stdout(&out).contains("What we found: Chip damaged."));
}

#[test]
fn unknown_guide_id_fails() {
    let env = Env::new();
    let out = env.run(&["--lang", "en", "guide", "walk", "no-such-guide"], "");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no such guide"));
}

const NET_GUIDE: &str = r#"Guide(
    id: "net-test",
    version: 1,
    title: (en: "Net test", zh: "网络测试"),
    start: "host",
    nodes: [
        Check(id: "host", text: (en: "Test the host.", zh: "测试主机。"), check: "net.host", PARAMS branches: [
            (when: ["net.ok"], label: (en: "Host fine", zh: "主机正常"), to: "o_fine"),
            (when: ["net.unreachable", "net.dns_failed"], label: (en: "Host down", zh: "主机不通"), to: "o_down"),
            (when: ["unavailable", "*"], label: (en: "Cannot test", zh: "无法测试"), to: "o_down"),
        ]),
        Outcome(id: "o_fine", text: (en: "Network fine.", zh: "网络正常。"), covers: ["monitoring"],
            confirm: (en: "A payment goes through.", zh: "交易能成功。")),
        Outcome(id: "o_down", text: (en: "Network down.", zh: "网络不通。"), covers: ["network.unstable"],
            hand_over: (to: NetworkProvider, tell: (en: "The line is down.", zh: "线路不通。"))),
    ],
)"#;

/// A TCP server on 127.0.0.1 that accepts and drops connections until the test ends.
fn local_server() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for conn in listener.incoming() {
            drop(conn);
        }
    });
    port
}

fn closed_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

fn walk_net(env: &Env, params: &str, input: &str) -> (String, Session) {
    let text = NET_GUIDE.replace("PARAMS", params);
    std::fs::write(env.path("net.ron"), &text).unwrap();
    let save = env.path("net-session.ron");
    let out = env.run(
        &[
            "--lang",
            "en",
            "guide",
            "walk",
            &env.path("net.ron"),
            "--save",
            &save,
        ],
        input,
    );
    assert!(out.status.success(), "{out:?}");
    let s = saved_session(&save);
    s.check_resume(&load("net.ron", &text).unwrap()).unwrap();
    (stdout(&out), s)
}

#[test]
fn net_host_check_runs_for_real_against_a_local_server() {
    let env = Env::new();
    let port = local_server();
    let (text, s) = walk_net(
        &env,
        &format!(r#"params: {{"host": "127.0.0.1:{port}"}},"#),
        "\n",
    );
    assert!(text.contains("Running check net.host"), "{text}");
    assert!(text.contains("(net.ok)"), "{text}");
    assert!(text.contains("What we found: Network fine."), "{text}");
    assert_eq!(s.path(), ["host", "o_fine"]);
    assert_eq!(s.steps[0].check.as_ref().unwrap().codes(), ["net.ok"]);
}

#[test]
fn net_host_asks_for_the_host_and_sees_a_closed_port() {
    let env = Env::new();
    let port = closed_port();
    let (text, s) = walk_net(&env, "", &format!("\n127.0.0.1:{port}\n"));
    assert!(text.contains("Payment host to test"), "{text}");
    assert!(text.contains("(net.refused)"), "{text}");
    assert_eq!(s.path(), ["host", "o_down"]);
    assert_eq!(
        s.steps[0].check.as_ref().unwrap().params["host"],
        format!("127.0.0.1:{port}")
    );
}

#[test]
fn skipping_the_host_prompt_makes_the_check_unavailable() {
    let env = Env::new();
    let (text, s) = walk_net(&env, "", "\n\n");
    assert!(text.contains("(unavailable)"), "{text}");
    assert!(text.contains("No host was given"), "{text}");
    assert_eq!(s.path(), ["host", "o_down"]);
    assert!(s.steps[0].check.as_ref().unwrap().is_unavailable());
}

#[test]
fn reader_present_check_agrees_with_pcsc() {
    let env = Env::new();
    let text = r#"Guide(
        id: "reader-test", version: 1, title: (en: "R", zh: "读"), start: "r",
        nodes: [
            Check(id: "r", text: (en: "Readers?", zh: "读卡器？"), check: "reader.present", branches: [
                (when: ["reader.present"], label: (en: "Found", zh: "找到"), to: "o_yes"),
                (when: ["reader.none", "service.unavailable"], label: (en: "None", zh: "没有"), to: "o_no"),
                (when: ["unavailable"], label: (en: "Skip", zh: "跳过"), to: "o_no"),
            ]),
            Outcome(id: "o_yes", text: (en: "Reader ok.", zh: "正常。"), covers: ["monitoring"], confirm: (en: "A card is read.", zh: "能读卡。")),
            Outcome(id: "o_no", text: (en: "No reader.", zh: "没有。"), covers: ["reader.connection"], confirm: (en: "The reader is found.", zh: "能找到读卡器。")),
        ],
    )"#;
    std::fs::write(env.path("r.ron"), text).unwrap();
    let save = env.path("r-session.ron");
    let before = emv_doctor::card::pcsc::list_readers();
    let out = env.run(
        &[
            "--lang",
            "en",
            "guide",
            "walk",
            &env.path("r.ron"),
            "--save",
            &save,
        ],
        "\n",
    );
    let after = emv_doctor::card::pcsc::list_readers();
    assert!(out.status.success(), "{out:?}");
    let s = saved_session(&save);
    let codes = s.steps[0].check.as_ref().unwrap().codes().join(",");
    let expected = |r: &Result<Vec<emv_doctor::card::pcsc::ReaderInfo>, _>| match r {
        Ok(list) if list.is_empty() => "reader.none",
        Ok(_) => "reader.present",
        Err(emv_doctor::card::pcsc::PcscError::NoReaders) => "reader.none",
        Err(_) => "service.unavailable",
    };
    // A reader plugged in or out during the test may change the answer; it must match one side.
    assert!(
        codes == expected(&before) || codes == expected(&after),
        "{codes} vs {before:?} / {after:?}"
    );
    let end = if codes == "reader.present" {
        "o_yes"
    } else {
        "o_no"
    };
    assert_eq!(s.path(), ["r", end]);
}

#[test]
fn card_probe_check_reads_a_virtual_expired_card_through_pcscd() {
    let _lock = common::vpcd_lock();
    if !common::pcscd_or_skip("card_probe_check_reads_a_virtual_expired_card_through_pcscd") {
        return;
    }
    let env = Env::new();
    let sim = common::Simulator::start(Scenario::Expired);
    let save = env.path("s.ron");
    let out = env.walk_saving("en", &save, "1\n\n");
    sim.stop();
    assert!(out.status.success(), "{out:?}");
    let text = stdout(&out);
    assert!(text.contains("(app.expired)"), "{text}");
    assert!(text.contains("So: Expired or blocked"), "{text}");
    assert!(text.contains("What we found: Card expired."), "{text}");
    let s = saved(&save);
    assert_eq!(s.path(), ["q", "c", "o_exp"]);
    let codes = s.steps[1].check.as_ref().unwrap().codes();
    assert!(codes.contains(&"app.expired"), "{codes:?}");
}

// ---- second edition: the rules catch a broken guide; walks keep their work ----

/// `(line, column)` of the first `needle` in `text`, columns in characters.
fn position(text: &str, needle: &str) -> (usize, usize) {
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not found"));
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (line, col)
}

#[test]
fn check_points_at_a_missing_code_a_missing_hand_over_and_ascii_punctuation() {
    let env = Env::new();
    let main =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("guides/emv-error.ron"))
            .unwrap();
    // One check node loses a code, one outcome its hand-over, one Chinese text its full stop.
    let probe = main.find(r#"id: "one_probe""#).unwrap();
    let mut bad = main.clone();
    let cut = probe + bad[probe..].find(r#""card.hardware", "#).unwrap();
    bad.replace_range(cut..cut + r#""card.hardware", "#.len(), "");
    let outcome = bad.find(r#"id: "out_card_damaged""#).unwrap();
    let from = outcome + bad[outcome..].find("            hand_over: (").unwrap();
    let to = from + bad[from..].find("\n            ),\n").unwrap() + "\n            ),\n".len();
    bad.replace_range(from..to, "");
    let bad = bad.replacen("终端上显示什么？", "终端上显示什么?", 1);
    let file = env.path("broken-copy.ron");
    std::fs::write(&file, &bad).unwrap();

    let out = env.run(&["--lang", "en", "guide", "check", &file], "");
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let text = stdout(&out);
    let (l, c) = position(&bad[probe..], r#""card.probe""#);
    let base_line = bad[..probe].matches('\n').count();
    let check_at = format!("{file}:{}:{c}:", l + base_line);
    assert!(
        text.lines().any(|x| x.starts_with(&check_at)
            && x.contains("\"one_probe\"")
            && x.contains("card.hardware")),
        "{check_at}\n{text}"
    );
    let (l, c) = position(&bad, r#"id: "out_card_damaged""#);
    assert!(
        text.contains(&format!(
            "{file}:{l}:{}: outcome \"out_card_damaged\" has neither a hand_over",
            c + 4
        )),
        "{text}"
    );
    let (l, c) = position(&bad, "?选");
    assert!(
        text.contains(&format!(
            "{file}:{l}:{c}: ASCII '?' next to Chinese characters"
        )),
        "{text}"
    );
    assert_eq!(text.lines().count(), 3, "{text}");
}

#[test]
fn check_prints_route_figures_for_the_built_in_guides() {
    let env = Env::new();
    let out = env.run(&["--lang", "en", "guide", "check", "--json"], "");
    assert!(out.status.success(), "{out:?}");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let main = v
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["id"] == "emv-error")
        .unwrap();
    assert!(main["longest_route"].as_u64().unwrap() <= 12, "{main}");
    assert!(
        main["outcomes_with_hand_over"].as_u64().unwrap() > 30,
        "{main}"
    );
    let out = env.run(&["--lang", "en", "guide", "check"], "");
    assert!(stdout(&out).contains("guides/emv-error.ron: routes: "));
}

#[test]
fn save_folder_is_checked_before_the_first_question() {
    let env = Env::new();
    let save = env.path("no-such-folder/walk.emvdoc.ron");
    let out = env.walk_saving("en", &save, "2\n1\n");
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(!stdout(&out).contains("Which way?"), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("no-such-folder"));
}

#[test]
fn upper_case_and_full_width_input_is_accepted() {
    let env = Env::new();
    let save = env.path("w.emvdoc.ron");
    let out = env.walk_saving("zh-CN", &save, "２\nB\n２\nＱ\n");
    assert!(out.status.success(), "{out:?}");
    assert!(
        !stdout(&out).contains("请输入上面显示的编号"),
        "{}",
        stdout(&out)
    );
    assert_eq!(saved(&save).path(), ["q", "s"]);
}

#[test]
fn every_answer_is_saved_and_ctrl_c_keeps_the_walk_for_resume() {
    let env = Env::new();
    let save = env.path("w.emvdoc.ron");
    let data = env.dir.path().join("data");
    let mut child = Command::new(env!("CARGO_BIN_EXE_emv-doctor"))
        .args([
            "--lang",
            "en",
            "guide",
            "walk",
            &env.path("walk-test.ron"),
            "--save",
            &save,
        ])
        .env("EMV_DOCTOR_DATA_DIR", data.join("emv-doctor"))
        .env("HOME", env.dir.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin
        .write_all("n\nthe terminal beeps twice\n2\n".as_bytes())
        .unwrap();
    stdin.flush().unwrap();
    // The answer is on disk before the walk ends.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    loop {
        let done = emv_doctor::report::store::open(Path::new(&save))
            .ok()
            .is_some_and(|l| l.report.guide_walks[0].session.path() == ["q", "s"]);
        if done {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "answer never autosaved"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let status = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let out = child.wait_with_output().unwrap();
    drop(stdin);
    assert_eq!(out.status.code(), Some(130), "{out:?}");
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("--resume"),
        "{out:?}"
    );
    let s = saved(&save);
    assert_eq!(s.path(), ["q", "s"]);
    assert_eq!(s.notes[0].text, "the terminal beeps twice");

    // Resume by option, then by naming the report file: the walk goes on where it stopped.
    let file = env.path("walk-test.ron");
    let out = env.run(
        &["--lang", "en", "guide", "walk", &file, "--resume", &save],
        "1\n",
    );
    assert!(out.status.success(), "{out:?}");
    assert!(stdout(&out).contains("Going on from where the walk stopped."));
    let s = saved(&save);
    assert_eq!(s.path(), ["q", "s", "o_ok"]);
    assert_eq!(s.notes.len(), 1);
    let out = env.run(&["--lang", "en", "guide", "walk", &save], "");
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("no unfinished walk"));
}

#[test]
fn resume_refuses_a_walk_of_another_guide_version() {
    let env = Env::new();
    let save = env.path("w.emvdoc.ron");
    let file = env.path("walk-test.ron");
    let out = env.run(
        &["--lang", "en", "guide", "walk", &file, "--save", &save],
        "2\n",
    );
    assert!(out.status.success(), "{out:?}");
    std::fs::write(&file, GUIDE.replace("version: 3", "version: 4")).unwrap();
    let out = env.run(
        &["--lang", "en", "guide", "walk", &file, "--resume", &save],
        "1\n",
    );
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("version 3"),
        "{out:?}"
    );
}

/// The reader guide finds out the system itself (`system.os`, the same check the window runs)
/// and shows the steps for it; commands appear only as technical details.
#[test]
fn reader_guide_tells_the_system_itself() {
    let env = Env::new();
    let save = env.path("reader.emvdoc.ron");
    // Service not running (answered by hand), then Enter runs the system check; then quit.
    let out = env.run(
        &[
            "--lang",
            "en",
            "guide",
            "walk",
            "reader-setup",
            "--save",
            &save,
        ],
        "2\n\nq\n",
    );
    assert!(out.status.success(), "{out:?}");
    let text = stdout(&out);
    let this = emv_doctor::system::SystemInfo::detect();
    assert!(
        text.contains(&format!("This computer runs {}.", this.name)),
        "{text}"
    );
    assert!(!text.contains("Which system"), "{text}");
    let next = match this.kind {
        emv_doctor::system::SystemKind::Linux => "On this Linux computer",
        emv_doctor::system::SystemKind::Windows => "Windows starts its Smart Card service",
        emv_doctor::system::SystemKind::MacOs => "A Mac has its own card-reader service",
    };
    assert!(text.contains(next), "{text}");
    for line in text
        .lines()
        .filter(|l| l.contains("sudo") || l.contains("services.msc"))
    {
        assert!(
            line.trim_start().starts_with("Technical details: "),
            "{line}"
        );
    }
    let s = saved_session(&save);
    let check = s.steps[1].check.as_ref().expect("the system check ran");
    assert_eq!(check.check, "system.os");
}
