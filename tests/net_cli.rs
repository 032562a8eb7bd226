//! `emv-doctor net` as a user runs it: the real binary against servers on 127.0.0.1, checking
//! the JSON contracts, the text layout (verdict first) and the exit codes.
// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod net_support;

use net_support::{Behaviour, TestCa, sntp_server, tls_server};
use serde_json::Value;
use std::net::TcpListener;
use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_emv-doctor"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn json(out: &Output) -> Value {
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("one JSON object")
}

fn keys(v: &Value) -> Vec<&str> {
    v.as_object().unwrap().keys().map(String::as_str).collect()
}

fn finding_codes(v: &Value) -> Vec<&str> {
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect()
}

#[test]
fn host_json_has_the_contract_shape() {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let target = l.local_addr().unwrap().to_string();
    let v = json(&run(&["net", "host", &target, "--count", "3", "--json"]));
    assert_eq!(v["target"], target.as_str());
    assert!(v["dns"].is_null() && v["tls"].is_null());
    let tcp = &v["tcp"];
    let mut k = keys(tcp);
    k.sort_unstable();
    assert_eq!(
        k,
        [
            "attempts",
            "avg_ms",
            "jitter_ms",
            "loss_pct",
            "max_ms",
            "min_ms",
            "ok"
        ]
    );
    assert_eq!(
        (tcp["attempts"].as_u64(), tcp["ok"].as_u64()),
        (Some(3), Some(3))
    );
    assert_eq!(finding_codes(&v), ["net.ok"]);
    let f = &v["findings"][0];
    for key in ["code", "severity", "title", "advice"] {
        assert!(f[key].is_string(), "{key}");
    }
    assert_eq!(f["severity"], "ok");
}

#[test]
fn host_tls_json_with_a_private_root() {
    let ca = TestCa::new();
    let server = tls_server(&ca.leaf(&["localhost"], None), Behaviour::default());
    let dir = tempfile::tempdir().unwrap();
    let pem = dir.path().join("ca.pem");
    std::fs::write(&pem, &ca.pem).unwrap();
    let target = server.addr.to_string();
    let args = [
        "net",
        "host",
        &target,
        "--tls",
        "--sni",
        "localhost",
        "--count",
        "2",
        "--json",
    ];
    let untrusted = json(&run(&args));
    assert_eq!(finding_codes(&untrusted), ["tls.untrusted"]);
    assert_eq!(untrusted["tls"]["trusted"], false);

    let mut with_ca = args.to_vec();
    with_ca.extend(["--ca", pem.to_str().unwrap()]);
    let v = json(&run(&with_ca));
    assert_eq!(finding_codes(&v), ["net.ok"]);
    let tls = &v["tls"];
    for key in [
        "version",
        "subject",
        "issuer",
        "not_after",
        "days_left",
        "hostname_ok",
        "trusted",
        "error",
    ] {
        assert!(tls.get(key).is_some(), "tls.{key} missing");
    }
    assert_eq!(tls["hostname_ok"], true);
    assert_eq!(tls["trusted"], true);
    assert!(tls["error"].is_null());
    assert!(tls["days_left"].is_i64());
    assert!(chrono::DateTime::parse_from_rfc3339(tls["not_after"].as_str().unwrap()).is_ok());
}

#[test]
fn host_text_puts_the_verdict_first_in_the_chosen_language() {
    let out = run(&["--lang", "zh-CN", "net", "host", "pos.invalid:443"]);
    assert_eq!(out.status.code(), Some(0), "the check ran");
    let text = String::from_utf8(out.stdout).unwrap();
    let first = text.lines().next().unwrap();
    assert!(first.starts_with("[错误] 无法解析主机名"), "{first}");
    assert!(text.contains("net.dns_failed"));
}

#[test]
fn clock_json_has_the_contract_shape() {
    let server = sntp_server(Some(600_000));
    let v = json(&run(&[
        "net",
        "clock",
        "--ntp",
        &server.addr.to_string(),
        "--json",
    ]));
    assert_eq!(v["server"], server.addr.to_string().as_str());
    let offset = v["offset_ms"].as_f64().unwrap();
    assert!((offset - 600_000.0).abs() < 500.0, "{offset}");
    assert!(v["round_trip_ms"].is_f64());
    assert_eq!(finding_codes(&v), ["clock.skew"]);
}

#[test]
fn clock_without_an_answer_still_exits_0() {
    let silent = sntp_server(None);
    let v = json(&run(&[
        "net",
        "clock",
        "--ntp",
        &silent.addr.to_string(),
        "--timeout-ms",
        "200",
        "--json",
    ]));
    assert!(v["offset_ms"].is_null());
    assert_eq!(finding_codes(&v), ["clock.unreachable"]);
}

#[test]
fn interfaces_list_includes_loopback() {
    let v = json(&run(&["net", "interfaces", "--json"]));
    let list = v["interfaces"].as_array().unwrap();
    let lo = list.iter().find(|i| i["name"] == "lo").expect("lo");
    assert_eq!(lo["kind"], "loopback");
    assert!(v["findings"].is_array());
    let text = run(&["net", "interfaces"]);
    assert_eq!(text.status.code(), Some(0));
    assert!(
        String::from_utf8(text.stdout)
            .unwrap()
            .contains("127.0.0.1/8")
    );
}

#[test]
fn bad_arguments_exit_2() {
    for args in [
        &["net", "host", "no-port"][..],
        &["net", "host", "example.com:0"],
        &["net", "host", "127.0.0.1:1", "--count", "0"],
        &["net", "host", "127.0.0.1:1", "--ca", "/nonexistent/ca.pem"],
        &["net", "clock", "--sni", "x"],
        &["net", "clock", "--ntp", "127.0.0.1:99999"],
        &["net", "clock", "--ntp", "localhost:abc"],
        &["net"],
    ] {
        assert_eq!(run(args).status.code(), Some(2), "{args:?}");
    }
}
