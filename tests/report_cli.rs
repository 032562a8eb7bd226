//! `emv-doctor report export|show|check`, run as the real binary.
// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod report_support;

use emv_doctor::i18n::Lang;
use emv_doctor::report::store;
use report_support::full_report;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_emv-doctor"))
        .args(args)
        .env(
            "EMV_DOCTOR_DATA_DIR",
            std::env::temp_dir().join("emv-doctor-cli-test-unused"),
        )
        .output()
        .unwrap()
}

fn saved(dir: &Path) -> PathBuf {
    let path = dir.join("session.emvdoc.ron");
    store::save(&full_report(Lang::ZhCn), &path).unwrap();
    path
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn export_each_format_to_stdout_and_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = saved(dir.path());
    for (format, starts) in [
        ("html", "<!DOCTYPE html>"),
        ("md", "# EMV Doctor"),
        ("json", "{"),
    ] {
        let out = run(&["report", "export", s(&file), "--format", format]);
        assert!(
            out.status.success(),
            "{format}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let stdout = String::from_utf8(out.stdout).unwrap();
        assert!(stdout.starts_with(starts), "{format}: {stdout}");
        assert!(
            stdout.contains("卡片芯片无应答"),
            "{format}: in the report's language"
        );

        let target = dir.path().join(format!("out.{format}"));
        let out = run(&[
            "report",
            "export",
            s(&file),
            "--format",
            format,
            "-o",
            s(&target),
        ]);
        assert!(out.status.success());
        assert!(out.stdout.is_empty());
        assert_eq!(
            std::fs::read_to_string(&target).unwrap().trim_end(),
            stdout.trim_end()
        );
    }
    let json = run(&["report", "export", s(&file), "--format", "json"]).stdout;
    let value: serde_json::Value = serde_json::from_slice(&json).unwrap();
    assert_eq!(value["shop"]["shop_name"], "华联超市 Hualian Market #12");
}

#[test]
fn redact_shop_removes_identifying_details() {
    let dir = tempfile::tempdir().unwrap();
    let file = saved(dir.path());
    for format in ["html", "md", "json"] {
        let out = run(&[
            "report",
            "export",
            s(&file),
            "--format",
            format,
            "--redact-shop",
        ]);
        assert!(out.status.success());
        let text = String::from_utf8(out.stdout).unwrap();
        for secret in ["Hualian", "1850123456", "Pudong", "counter-laptop-03"] {
            assert!(!text.contains(secret), "{format} leaks {secret}");
        }
        assert!(text.contains("A920 Pro"), "{format}: terminal model stays");
    }
}

#[test]
fn show_prints_a_summary_in_the_cli_language() {
    let dir = tempfile::tempdir().unwrap();
    let file = saved(dir.path());
    let out = run(&["--lang", "en", "report", "show", s(&file)]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("What is wrong: [Error] The card's chip does not answer"),
        "{text}"
    );
    assert!(text.contains("Terminal model: A920 Pro"), "{text}");
    assert!(
        text.contains("<script>alert(1)</script>"),
        "terminal shows text as typed: {text}"
    );
}

#[test]
fn check_accepts_good_and_old_files_and_rejects_damaged_ones() {
    let dir = tempfile::tempdir().unwrap();
    let file = saved(dir.path());
    let out = run(&["--lang", "en", "report", "check", s(&file)]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("valid report"));

    let v1 = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/report-v1.emvdoc.ron");
    let out = run(&["--lang", "en", "report", "check", s(&v1)]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("older file format 1"));

    let text = std::fs::read_to_string(&file).unwrap();
    let bad = text.replace(
        "terminal_make: Some(\"PAX\")",
        "terminal_make: Sum(\"PAX\")",
    );
    let line = 1 + text[..text.find("terminal_make").unwrap()]
        .matches('\n')
        .count();
    std::fs::write(&file, &bad).unwrap();
    let out = run(&["--lang", "en", "report", "check", s(&file)]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains(&format!("session.emvdoc.ron:{line}:")),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        bad,
        "check never writes"
    );

    let out = run(&["report", "export", s(&file), "--format", "html"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());

    let out = run(&["report", "check", s(&dir.path().join("missing.emvdoc.ron"))]);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn unknown_format_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let file = saved(dir.path());
    let out = run(&["report", "export", s(&file), "--format", "pdf"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn probe_save_writes_a_report_that_checks_and_exports() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("probe.emvdoc.ron");
    let out = run(&[
        "--lang",
        "en",
        "probe",
        "--sim",
        "expired",
        "--save",
        s(&file),
    ]);
    assert!(out.status.success(), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("Report saved to"));
    let report = store::open(&file).unwrap().report;
    assert_eq!(report.card_probes.len(), 1);
    assert!(report.card_probes[0].training, "a virtual card is practice");
    let probe = &report.card_probes[0].report;
    assert_eq!(probe.reader, "sim:expired");
    assert_eq!(probe.findings[0].code, "app.expired");

    let out = run(&["--lang", "en", "report", "check", s(&file)]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let out = run(&[
        "--lang",
        "en",
        "report",
        "show",
        s(&file),
        "--include-training",
    ]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("What is wrong: [Error] Practice: The card has expired"),
        "{text}"
    );
    assert!(text.contains("Practice record (training mode"), "{text}");
    assert!(text.contains("476173******0150"), "{text}");
    assert!(text.contains("The cardholder's bank"), "{text}");
    let out = run(&[
        "report",
        "export",
        s(&file),
        "--format",
        "html",
        "--include-training",
    ]);
    let html = String::from_utf8(out.stdout).unwrap();
    assert!(
        html.contains("Enciphered PIN verified online"),
        "CVM list decoded"
    );
    let json = run(&[
        "report",
        "export",
        s(&file),
        "--format",
        "json",
        "--include-training",
    ])
    .stdout;
    let value: serde_json::Value = serde_json::from_slice(&json).unwrap();
    assert_eq!(
        value["card_probes"][0]["probe"]["applications"][0]["pan"],
        "476173******0150"
    );
    assert_eq!(value["card_probes"][0]["training"], true);
    assert_eq!(
        value["verdict"]["detail"], "A0000000031010: expired 2023-12",
        "the facts behind the verdict, apart from its words"
    );
}

/// Without `--include-training` the practice probe stays out of every export, the summary and
/// `report show`; the file itself keeps it.
#[test]
fn practice_records_leave_only_when_included() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("practice.emvdoc.ron");
    let out = run(&["probe", "--sim", "expired", "--save", s(&file)]);
    assert!(out.status.success(), "{out:?}");
    for format in ["html", "md", "json"] {
        let out = run(&["--lang", "en", "report", "export", s(&file), "-f", format]);
        assert_eq!(out.status.code(), Some(0), "{out:?}");
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(!text.contains("476173"), "{format}: {text}");
        assert!(!text.contains("expired"), "{format}: {text}");
        assert!(!text.contains("Practice"), "{format}: {text}");
    }
    let json = run(&["report", "export", s(&file), "-f", "json"]).stdout;
    let value: serde_json::Value = serde_json::from_slice(&json).unwrap();
    assert_eq!(value["card_probes"], serde_json::json!([]));
    assert_eq!(value["verdict"]["severity"], serde_json::Value::Null);
    for args in [&["show"][..], &["summary"][..]] {
        let mut argv = vec!["--lang", "zh-CN", "report"];
        argv.extend_from_slice(args);
        argv.push(s(&file));
        let text = String::from_utf8(run(&argv).stdout).unwrap();
        assert!(!text.contains("476173"), "{args:?}: {text}");
        assert!(!text.contains("练习"), "{args:?}: {text}");
        argv.push("--include-training");
        let text = String::from_utf8(run(&argv).stdout).unwrap();
        assert!(text.contains("476173******0150"), "{args:?}: {text}");
        assert!(text.contains("练习"), "{args:?}: {text}");
    }
    assert!(store::open(&file).unwrap().report.card_probes[0].training);
}

/// Runs `guide walk` on the test guide with `input` typed at its prompt, saving to `file`.
fn walk_and_save(dir: &Path, lang: &str, file: &Path, input: &[u8]) -> std::process::Output {
    let guide = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/chip-quick.guide.ron");
    let mut child = Command::new(env!("CARGO_BIN_EXE_emv-doctor"))
        .args([
            "--lang",
            lang,
            "guide",
            "walk",
            s(&guide),
            "--save",
            s(file),
        ])
        .env("XDG_DATA_HOME", dir.join("data"))
        .env("HOME", dir)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::io::Write::write_all(&mut child.stdin.take().unwrap(), input).unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn guide_walk_save_writes_a_report_with_the_walk() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("walk.emvdoc.ron");
    // Every card fails → wipe the chip → it did not help → chip damaged.
    let out = walk_and_save(dir.path(), "zh-CN", &file, b"2\nn\nwiped twice\n2\n");
    assert!(out.status.success(), "{out:?}");
    let report = store::open(&file).unwrap().report;
    assert_eq!(report.lang, Lang::ZhCn);
    assert_eq!(report.guide_walks.len(), 1);
    let walk = &report.guide_walks[0];
    assert_eq!(walk.session.guide, "chip-quick");
    assert_eq!(walk.outcome.as_ref().unwrap().node, "out_damaged");
    assert_eq!(walk.session.notes[0].text, "wiped twice");

    let out = run(&["report", "check", s(&file)]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let md = run(&["report", "export", s(&file), "--format", "md"]).stdout;
    let md = String::from_utf8(md).unwrap();
    assert!(md.contains("芯片已损坏"), "{md}");
}

#[test]
fn a_note_on_a_step_later_undone_is_still_exported() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("walk.emvdoc.ron");
    // Answer, write a note on the next step, go back, quit.
    let out = walk_and_save(
        dir.path(),
        "en",
        &file,
        b"2\nn\nnote on an undone step <b>\nb\nq\n",
    );
    assert!(out.status.success(), "{out:?}");
    for format in ["html", "md", "json"] {
        let out = Command::new(env!("CARGO_BIN_EXE_emv-doctor"))
            .args(["report", "export", s(&file), "--format", format])
            .output()
            .unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(
            text.contains("note on an undone step"),
            "{format}: note lost"
        );
        if format == "html" {
            assert!(text.contains("note on an undone step &lt;b&gt;"));
        }
    }
    let show = Command::new(env!("CARGO_BIN_EXE_emv-doctor"))
        .args(["report", "show", s(&file)])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&show.stdout).contains("note on an undone step"));
}

#[test]
fn summary_prints_masked_text_and_draws_the_picture() {
    let dir = tempfile::tempdir().unwrap();
    let file = saved(dir.path());
    let png = dir.path().join("summary.png");
    let out = run(&[
        "--lang",
        "zh-CN",
        "report",
        "summary",
        s(&file),
        "--png",
        s(&png),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("EMV Doctor 排查摘要\n时间："), "{text}");
    assert!(text.contains("问题："), "{text}");
    assert!(text.contains("卡号已遮蔽"), "{text}");
    let bytes = std::fs::read(&png).unwrap();
    assert!(bytes.starts_with(b"\x89PNG"), "a PNG was written");
    let en = run(&[
        "--lang",
        "en",
        "report",
        "summary",
        s(&file),
        "--redact-shop",
    ]);
    let en = String::from_utf8(en.stdout).unwrap();
    assert!(en.starts_with("EMV Doctor summary\nTime: "), "{en}");
    assert!(!en.contains("华联超市"), "redacted: {en}");
}
