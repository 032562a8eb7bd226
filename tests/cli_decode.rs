//! Runs the real `emv-doctor decode` binary for every kind, in both output modes, from stdin,
//! in Chinese, and with bad input (exit 2, one line on stderr).
// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use serde_json::Value;
use std::io::Write;
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_emv-doctor");

fn run_with(args: &[&str], stdin: Option<&str>) -> Output {
    let mut cmd = Command::new(BIN);
    cmd.args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("start emv-doctor");
    let mut pipe = child.stdin.take().expect("stdin");
    pipe.write_all(stdin.unwrap_or("").as_bytes())
        .expect("write stdin");
    drop(pipe);
    child.wait_with_output().expect("run emv-doctor")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("utf-8 stdout")
}

/// Runs `decode KIND HEX --json` in English and returns the one JSON object printed.
fn json(kind: &str, hex: &str) -> Value {
    let o = run_with(&["--lang", "en", "decode", kind, hex, "--json"], None);
    assert!(
        o.status.success(),
        "{kind} {hex}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    let out = stdout(&o);
    assert_eq!(out.lines().count(), 1, "one line of JSON: {out}");
    serde_json::from_str(&out).expect("valid JSON")
}

/// Runs `decode KIND HEX` in English and returns the explanation.
fn text(kind: &str, hex: &str) -> String {
    let o = run_with(&["--lang", "en", "decode", kind, hex], None);
    assert!(
        o.status.success(),
        "{kind} {hex}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    stdout(&o)
}

/// Asserts exit code 2, nothing on stdout and exactly one stderr line containing `needle`.
fn bad(args: &[&str], needle: &str) {
    let o = run_with(args, None);
    assert_eq!(o.status.code(), Some(2), "{args:?}");
    assert!(o.stdout.is_empty(), "{args:?}");
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
    assert!(err.contains(needle), "{args:?}: {err}");
}

#[test]
fn bit_fields() {
    let j = json("tvr", "00 00 00 80 00");
    assert_eq!(j["kind"], "tvr");
    assert_eq!(j["hex"], "0000008000");
    assert_eq!(j["bits"].as_array().unwrap().len(), 1);
    assert_eq!(j["bits"][0]["byte"], 4);
    assert_eq!(j["bits"][0]["bit"], 8);
    assert_eq!(j["bits"][0]["code"], "floor_limit_exceeded");
    assert!(text("tvr", "0000008000").contains("floor_limit_exceeded"));

    let cases = [
        ("tsi", "E800", "oda_performed"),
        ("aip", "3900", "dda_supported"),
        ("auc", "FF00", "domestic_cash"),
        ("term-caps", "E0F8C8", "manual_key_entry"),
        ("add-term-caps", "6000F0A001", "goods"),
        ("iac", "8000000000", "oda_not_performed"),
    ];
    for (kind, hex, first) in cases {
        let j = json(kind, hex);
        assert_eq!(j["kind"], kind);
        assert_eq!(j["hex"], hex);
        assert_eq!(j["bits"][0]["code"], first, "{kind}");
        assert!(text(kind, hex).contains(first), "{kind}");
    }
    assert_eq!(json("tsi", "0001")["bits"][0]["code"], "rfu");
}

#[test]
fn status_words() {
    let j = json("sw", "6A82");
    assert_eq!(j["sw"], "6A82");
    assert_eq!(j["class"], "checking_error");
    assert!(j["text"].as_str().unwrap().contains("not found"));
    assert_eq!(json("sw", "9000")["class"], "normal");
    assert_eq!(json("sw", "6283")["class"], "warning");
    assert_eq!(json("sw", "6581")["class"], "execution_error");
    assert_eq!(json("sw", "63C1")["tries_left"], 1);
    assert_eq!(json("sw", "6110")["bytes_available"], 16);
    assert_eq!(json("sw", "6C1D")["correct_le"], 29);
    assert!(text("sw", "6A81").contains("blocked"));
}

#[test]
fn atr() {
    let hex = "3B 6E 00 00 80 31 80 66 B0 84 12 01 6E 01 83 00 90 00";
    let j = json("atr", hex);
    assert_eq!(j["ts"], "direct");
    assert_eq!(j["protocols"], serde_json::json!([0]));
    assert_eq!(j["fi"], 372);
    assert_eq!(j["di"], 1);
    assert_eq!(j["fmax_mhz"], 5.0);
    assert_eq!(j["interface_bytes"][0]["name"], "TB1");
    assert_eq!(j["interface_bytes"][0]["hex"], "00");
    assert_eq!(j["historical"], "80318066B08412016E0183009000");
    assert_eq!(j["tck"], "absent");
    assert!(j["names"].is_array());
    if std::path::Path::new("/usr/share/pcsc/smartcard_list.txt").exists() {
        assert!(
            !j["names"].as_array().unwrap().is_empty(),
            "pcsc-tools names this ATR"
        );
    }
    assert!(text("atr", hex).contains("TCK"));

    let t1 = json("atr", "3B 80 80 01 01");
    assert_eq!(t1["protocols"], serde_json::json!([0, 1]));
    assert_eq!(t1["tck"], "ok");
    assert_eq!(json("atr", "3B 80 80 01 02")["tck"], "bad");
    assert_eq!(json("atr", "3F 15 25 12 34 56 90 00")["ts"], "inverse");
}

#[test]
fn cid_cvm_service_code_arc() {
    assert_eq!(
        json("cid", "80"),
        serde_json::json!({"type":"ARQC","advice_required":false,"reason":null})
    );
    assert_eq!(json("cid", "0A")["reason"], "pin_try_limit_exceeded");

    let l = json("cvm-list", "00000000 00000000 4203 1E03 1F00 0000");
    assert_eq!(l["amount_x"], 0);
    assert_eq!(l["amount_y"], 0);
    let rules = l["rules"].as_array().unwrap();
    assert_eq!(rules.len(), 3);
    assert_eq!(rules[0]["method_code"], 2);
    assert_eq!(rules[0]["apply_next_if_unsuccessful"], true);
    assert_eq!(rules[0]["condition_code"], 3);
    assert_eq!(rules[1]["apply_next_if_unsuccessful"], false);
    assert_eq!(rules[2]["method"], "No CVM required");
    assert!(text("cvm-list", "000000000000000042031E03").contains("Signature"));

    let r = json("cvm-results", "1F 03 02");
    assert_eq!(r["method_code"], 31);
    assert_eq!(r["condition_code"], 3);
    assert_eq!(r["result"], "successful");
    assert!(text("cvm-results", "420300").contains("Enciphered PIN verified online"));

    let s = json("service-code", "0201");
    assert_eq!(s["digits"], "201");
    assert_eq!(s["chip"], true);
    assert_eq!(s["pin_and_services"], "No restrictions");
    assert!(text("service-code", "0201").contains("chip"));

    let a = json("arc", "3035");
    assert_eq!(a["hex"], "3035");
    assert_eq!(a["code"], "05");
    assert_eq!(a["approved"], false);
    assert!(a["text"].as_str().unwrap().contains("Do not honour"));
    assert_eq!(json("arc", "3030")["approved"], true);
    assert_eq!(json("arc", "5931")["approved"], true);
    assert!(text("arc", "3737").contains("UnionPay"));
}

#[test]
fn tlv_tag_aid() {
    let hex = "6F 1A 84 0E 31 50 41 59 2E 53 59 53 2E 44 44 46 30 31 A5 08 88 01 01 5F 2D 02 65 6E";
    let j = json("tlv", hex);
    let top = &j["objects"][0];
    assert_eq!(top["tag"], "6F");
    assert_eq!(top["length"], 26);
    assert_eq!(top["children"][0]["tag"], "84");
    assert_eq!(top["children"][0]["length"], 14);
    assert_eq!(top["children"][0]["value"], "315041592E5359532E4444463031");
    assert!(text("tlv", hex).contains("A5"));

    let t = json("tag", "9F26");
    assert_eq!(t["tag"], "9F26");
    assert_eq!(t["format"], "b");
    assert_eq!(t["sensitive"], false);
    assert_eq!(json("tag", "5A")["sensitive"], true);
    assert!(text("tag", "9F26").contains("9F26"));

    let a = json("aid", "A0000000031010");
    assert_eq!(a["aid"], "A0000000031010");
    assert_eq!(a["scheme"], "Visa");
    assert!(text("aid", "A0000000041010").contains("Mastercard"));
}

#[test]
fn hex_from_stdin() {
    let o = run_with(
        &["--lang", "en", "decode", "sw", "-", "--json"],
        Some("63 C2\n"),
    );
    assert!(o.status.success());
    let j: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(j["tries_left"], 2);
    let o = run_with(&["decode", "tvr", "-"], Some("0000000000"));
    assert!(o.status.success());
}

#[test]
fn chinese_output() {
    let o = run_with(&["--lang", "zh-CN", "decode", "tvr", "8000000000"], None);
    assert!(o.status.success());
    assert!(stdout(&o).contains("未执行脱机数据认证"));
    let o = run_with(&["--lang", "zh-CN", "decode", "sw", "6A81", "--json"], None);
    let j: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert!(j["text"].as_str().unwrap().contains("卡片已锁定"));
    let o = run_with(&["--lang", "zh-CN", "decode", "arc", "3737"], None);
    assert!(stdout(&o).contains("签到"));
}

#[test]
fn bad_input_exits_2_with_one_line() {
    bad(&["decode", "sw", "900"], "odd number of hex digits");
    bad(&["decode", "sw", "zz"], "'z' at position 1");
    bad(&["decode", "tvr", "0000"], "must be 5 bytes, got 2");
    bad(&["decode", "cid", "0000"], "must be 1 byte");
    bad(&["decode", "atr", "3A00"], "TS");
    bad(&["decode", "tlv", "6F05"], "offset");
    bad(&["decode", "nope", "00"], "unknown kind \"nope\"");
    bad(&["decode", "aid", "A000"], "5 to 16 bytes");
}
