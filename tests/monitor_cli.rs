//! `emv-doctor log analyze`, run as the real binary: JSON shape, text in both languages, GBK
//! and XLSX files, `--map` saved per layout, `--save` into a session report, exit codes.
// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod monitor_support;

use emv_doctor::report::store;
use monitor_support::sample::{self, Encoding, Headers, Layout, Pattern};
use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output};

fn run(data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_emv-doctor"))
        .args(args)
        .env("EMV_DOCTOR_DATA_DIR", data)
        .output()
        .unwrap()
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn write_export(
    dir: &Path,
    name: &str,
    pattern: Pattern,
    headers: Headers,
    xlsx: bool,
) -> (std::path::PathBuf, Vec<String>) {
    let payments = sample::payments(pattern, 80, 11);
    let rows = sample::rows(
        &payments,
        Layout {
            headers,
            split_date: false,
            issuer: true,
        },
    );
    let bytes = if xlsx {
        sample::xlsx_bytes(&rows)
    } else {
        sample::csv_bytes(&rows, ',', Encoding::Gbk)
    };
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    (path, payments.into_iter().map(|p| p.card).collect())
}

#[test]
fn json_has_periods_breakdowns_and_findings_and_no_card_number() {
    let dir = tempfile::tempdir().unwrap();
    let (file, cards) = write_export(
        dir.path(),
        "明细.csv",
        Pattern::Terminal,
        Headers::Zh,
        false,
    );
    let out = run(
        dir.path(),
        &["log", "analyze", s(&file), "--json", "--lang", "zh-CN"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.lines().count(), 1, "one JSON object on one line");
    let v: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["source"]["kind"], "csv_gb18030");
    assert_eq!(v["source"]["file"], "明细.csv");
    assert_eq!(v["source"]["columns"]["response"], "应答码");
    assert!(
        v["periods"]["last_7_days"]["counts"]["total"]
            .as_u64()
            .unwrap()
            > 0
    );
    assert!(
        v["periods"]["previous_28_days"]["counts"]["total"]
            .as_u64()
            .unwrap()
            > 0
    );
    assert_eq!(v["days"].as_array().unwrap().len(), 35);
    assert_eq!(v["hours"].as_array().unwrap().len(), 24);
    assert_eq!(
        v["breakdowns"]["terminal"]["groups"][0]["key"],
        sample::BAD_TERMINAL
    );
    let f = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "monitor.terminal")
        .unwrap();
    assert_eq!(f["cause"], "reader.hardware");
    assert_eq!(f["title"], "失败集中在一台终端上");
    assert!(f["figures"]["rate_pct"].as_f64().unwrap() > 10.0);
    for c in &cards {
        assert!(!text.contains(c.as_str()));
    }
}

#[test]
fn xlsx_text_in_both_languages() {
    let dir = tempfile::tempdir().unwrap();
    let (file, cards) = write_export(
        dir.path(),
        "export.xlsx",
        Pattern::SignIn,
        Headers::En,
        true,
    );
    let en = run(dir.path(), &["log", "analyze", s(&file), "--lang", "en"]);
    assert!(
        en.status.success(),
        "{}",
        String::from_utf8_lossy(&en.stderr)
    );
    let en = String::from_utf8(en.stdout).unwrap();
    assert!(
        en.contains("The terminal had to sign in again（签到）"),
        "{en}"
    );
    assert!(en.contains("By terminal"));
    let zh = run(dir.path(), &["log", "analyze", s(&file), "--lang", "zh-CN"]);
    let zh = String::from_utf8(zh.stdout).unwrap();
    assert!(zh.contains("终端需要重新签到"), "{zh}");
    assert!(zh.contains("按应答码"));
    for c in &cards {
        assert!(!en.contains(c.as_str()) && !zh.contains(c.as_str()));
    }
}

#[test]
fn unknown_headers_need_a_map_which_is_saved_for_the_layout() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("odd.csv");
    std::fs::write(
        &file,
        "流水时间,返回信息代码,机具\n2025-03-01 09:00:00,00,A\n2025-03-01 09:01:00,A0,A\n2025-03-01 09:02:00,77,A\n2025-03-01 09:03:00,A0,A\n",
    )
    .unwrap();
    let out = run(dir.path(), &["log", "analyze", s(&file), "--json"]);
    assert_eq!(out.status.code(), Some(1), "no usable header: invalid file");
    assert!(String::from_utf8_lossy(&out.stderr).contains("--map"));
    let out = run(
        dir.path(),
        &["log", "analyze", s(&file), "--map", "colour=red"],
    );
    assert_eq!(out.status.code(), Some(2), "bad --map: bad arguments");
    let out = run(
        dir.path(),
        &["log", "analyze", s(&file), "--map", "response=应答"],
    );
    assert_eq!(out.status.code(), Some(2), "a column the file lacks");
    let out = run(
        dir.path(),
        &[
            "log",
            "analyze",
            s(&file),
            "--json",
            "--map",
            "time=流水时间,response=返回信息代码,terminal=机具",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["source"]["saved_mapping"], false);
    assert!(dir.path().join("monitor-maps.ron").is_file());
    // The same layout again: the saved mapping is used without --map.
    let out = run(dir.path(), &["log", "analyze", s(&file), "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["source"]["saved_mapping"], true);
    assert_eq!(v["findings"][0]["code"], "monitor.sign_in");
}

#[test]
fn unreadable_and_empty_files_exit_1() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.csv");
    let out = run(dir.path(), &["log", "analyze", s(&missing)]);
    assert_eq!(out.status.code(), Some(1));
    let empty = dir.path().join("empty.csv");
    std::fs::write(&empty, "Time,Response code\nsoon,00\n").unwrap();
    let out = run(dir.path(), &["log", "analyze", s(&empty)]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("no usable rows") && err.contains("line 2"),
        "{err}"
    );
    let out = run(dir.path(), &["log", "analyze"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn save_attaches_the_analysis_to_a_report() {
    let dir = tempfile::tempdir().unwrap();
    let (file, cards) = write_export(dir.path(), "e.csv", Pattern::Scheme, Headers::Zh, false);
    let report = dir.path().join("shop.emvdoc.ron");
    let out = run(
        dir.path(),
        &["log", "analyze", s(&file), "--save", s(&report)],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let loaded = store::open(&report).unwrap().report;
    assert_eq!(loaded.monitoring.len(), 1);
    assert!(loaded.findings().iter().any(|f| f.code == "monitor.scheme"));
    let saved = std::fs::read_to_string(&report).unwrap();
    for c in &cards {
        assert!(!saved.contains(c.as_str()));
    }
}
