//! The JSON Schema (draft 2020-12) of `docs/report.schema.json` against what EMV Doctor really
//! writes: every JSON export (reports with every virtual card, guide walks, host and clock
//! checks, both languages, with and without the shop details), and the command line's
//! `probe --json`, `net host|clock|interfaces --json` and `readers --json` (each a `$defs` entry).
//! Network checks run against servers the test starts on 127.0.0.1.
// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod net_support;

use emv_doctor::card::probe::{self, ProbeOptions};
use emv_doctor::card::sim::scenarios;
use emv_doctor::i18n::Lang;
use emv_doctor::net::clock::{ClockOptions, check_clock};
use emv_doctor::net::host::{HostOptions, check_host};
use emv_doctor::report::export::{ExportOptions, json};
use emv_doctor::report::{Report, store};
use net_support::{Behaviour, TestCa, closed_port, sntp_server, tls_server};
use serde_json::{Value, json};
use std::path::Path;
use std::process::{Command, Output};
use std::sync::atomic::AtomicBool;
use std::time::Duration;

fn schema() -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/report.schema.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// A validator for the whole export (`None`) or for one of its `$defs`.
fn validator(def: Option<&str>) -> jsonschema::Validator {
    let full = schema();
    let schema = match def {
        None => full,
        Some(name) => json!({
            "$schema": full["$schema"],
            "$defs": full["$defs"],
            "$ref": format!("#/$defs/{name}"),
        }),
    };
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap()
}

fn assert_valid(v: &jsonschema::Validator, value: &Value, what: &str) {
    let errors: Vec<String> = v
        .iter_errors(value)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{what}: {errors:#?}");
}

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_emv-doctor"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn stdout_json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not one JSON object ({e}): {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

fn fixture(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

#[test]
fn the_schema_is_valid_draft_2020_12() {
    let s = schema();
    assert_eq!(s["$schema"], "https://json-schema.org/draft/2020-12/schema");
    jsonschema::draft202012::meta::validate(&s).unwrap();
}

/// A report holding every kind of record the export writes.
fn full_report() -> Report {
    let now = chrono::Local::now().fixed_offset();
    let mut report = store::open(&fixture("sample.emvdoc.ron")).unwrap().report;
    for s in scenarios::catalogue() {
        for no_gpo in [false, true] {
            let card = probe::probe_scenario(s.scenario, &ProbeOptions { no_gpo });
            // The light tests stand for practice: the export marks them when it keeps them.
            if no_gpo {
                report.add_training_probe(now, card);
            } else {
                report.add_probe(now, card);
            }
        }
    }
    let ca = TestCa::new();
    let tls = tls_server(&ca.leaf(&["localhost"], None), Behaviour::default());
    let cancel = AtomicBool::new(false);
    for (target, with_tls) in [
        (tls.addr.to_string(), true),
        (closed_port().to_string(), false),
        ("no-such-host.invalid:443".to_owned(), true),
    ] {
        let mut opts = HostOptions::new(target.parse().unwrap());
        opts.tls = with_tls;
        opts.count = 2;
        opts.timeout = Duration::from_secs(2);
        opts.interval = Duration::ZERO;
        report.add_host_check(now, check_host(&opts, &mut |_| {}, &cancel));
    }
    let ntp = sntp_server(Some(90_000));
    for server in [ntp.addr.to_string(), closed_port().to_string()] {
        let opts = ClockOptions {
            server,
            timeout: Duration::from_millis(500),
            http_date: None,
        };
        report.add_clock_check(now, check_clock(&opts));
    }
    let mut practice = report.guide_walks[0].clone();
    practice.training = true;
    report.guide_walks.push(practice);
    report.add_note(now, "customer's card 4761 7390 0101 0119 failed twice");
    report
}

#[test]
fn every_json_export_matches_the_schema() {
    let v = validator(None);
    let report = full_report();
    assert_eq!(report.net_checks.len(), 7, "host and clock checks made");
    let v1 = store::open(&fixture("report-v1.emvdoc.ron"))
        .unwrap()
        .report;
    let empty = Report::new(chrono::Local::now().fixed_offset(), Lang::En);
    for (name, r) in [("full", &report), ("v1", &v1), ("empty", &empty)] {
        for lang in [Lang::En, Lang::ZhCn] {
            for redact_shop in [false, true] {
                let opts = ExportOptions {
                    lang,
                    redact_shop,
                    include_training: redact_shop,
                };
                let text = json::export(r, &opts).unwrap();
                let value: Value = serde_json::from_str(&text).unwrap();
                assert_valid(&v, &value, &format!("{name} {lang:?} redact={redact_shop}"));
            }
        }
    }
}

/// A change that makes an export invalid.
type Damage = fn(&mut Value);

#[test]
fn the_schema_rejects_what_a_support_desk_must_not_ingest() {
    let v = validator(None);
    let opts = ExportOptions {
        lang: Lang::En,
        redact_shop: false,
        include_training: false,
    };
    let good = json::to_value(&full_report(), &opts).unwrap();
    assert_valid(&v, &good, "the unchanged export");
    let broken: [(&str, Damage); 5] = [
        ("an unmasked PAN", |r| {
            let pan = r["card_probes"]
                .as_array_mut()
                .unwrap()
                .iter_mut()
                .flat_map(|p| p["probe"]["applications"].as_array_mut().unwrap())
                .map(|a| &mut a["pan"])
                .find(|pan| pan.is_string())
                .unwrap();
            *pan = json!("4761739001010119");
        }),
        ("an unknown severity", |r| {
            r["findings"][0]["severity"] = json!("fatal")
        }),
        ("a missing verdict", |r| {
            r.as_object_mut().unwrap().remove("verdict");
        }),
        ("another schema version", |r| r["schema_version"] = json!(2)),
        ("a time that is not RFC 3339", |r| {
            r["created"] = json!("06/12/2026 08:00")
        }),
    ];
    for (what, damage) in broken {
        let mut r = good.clone();
        damage(&mut r);
        assert!(!v.is_valid(&r), "the schema accepts {what}");
    }
}

#[test]
fn probe_json_of_every_virtual_card_matches_the_schema() {
    let v = validator(Some("CardProbe"));
    for s in scenarios::catalogue() {
        for extra in [&[][..], &["--no-gpo", "--lang", "zh-CN"][..]] {
            let mut args = vec!["probe", "--sim", s.name(), "--json"];
            args.extend_from_slice(extra);
            let out = run(&args);
            assert_valid(&v, &stdout_json(&out), &format!("probe {args:?}"));
        }
    }
}

#[test]
fn net_json_matches_the_schema() {
    let host = validator(Some("HostReport"));
    let ca = TestCa::new();
    let tls = tls_server(&ca.leaf(&["localhost"], None), Behaviour::default());
    let dir = tempfile::tempdir().unwrap();
    let pem = dir.path().join("ca.pem");
    std::fs::write(&pem, &ca.pem).unwrap();
    let tls_target = tls.addr.to_string();
    let closed = closed_port().to_string();
    let runs: [Vec<&str>; 4] = [
        vec!["net", "host", &tls_target, "--count", "2", "--json"],
        vec![
            "net",
            "host",
            &tls_target,
            "--count",
            "2",
            "--sni",
            "localhost",
            "--ca",
            pem.to_str().unwrap(),
            "--json",
        ],
        vec!["net", "host", &closed, "--count", "2", "--json"],
        vec![
            "--lang",
            "zh-CN",
            "net",
            "host",
            "pos.invalid:443",
            "--tls",
            "--json",
        ],
    ];
    for args in &runs {
        assert_valid(&host, &stdout_json(&run(args)), &format!("{args:?}"));
    }

    let clock = validator(Some("ClockReport"));
    let ntp = sntp_server(Some(-4_000));
    let silent = sntp_server(None);
    for server in [ntp.addr.to_string(), silent.addr.to_string(), closed] {
        let args = [
            "net",
            "clock",
            "--ntp",
            &server,
            "--timeout-ms",
            "400",
            "--json",
        ];
        assert_valid(&clock, &stdout_json(&run(&args)), &format!("{args:?}"));
    }

    let interfaces = validator(Some("Interfaces"));
    let args = ["net", "interfaces", "--json"];
    assert_valid(&interfaces, &stdout_json(&run(&args)), "net interfaces");
}

/// `readers --json` is one object whatever the service says: here with pcscd and the vpcd
/// readers, and with the client pointed at a socket where no pcscd listens (pcsc-lite's
/// `PCSCLITE_CSOCK_NAME`), which is `SCARD_E_NO_SERVICE` as a user without pcscd meets it.
#[test]
fn readers_json_matches_the_schema_with_and_without_a_service() {
    let v = validator(Some("Readers"));
    let out = run(&["readers", "--json"]);
    assert_valid(&v, &stdout_json(&out), "readers --json");

    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_emv-doctor"))
        .args(["readers", "--json"])
        .env("PCSCLITE_CSOCK_NAME", dir.path().join("no-pcscd.comm"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "{out:?}");
    let down = stdout_json(&out);
    assert_valid(&v, &down, "readers --json without a service");
    assert_eq!(down["service"], "unavailable");
    assert_eq!(down["finding"]["code"], "service.unavailable");
    assert!(
        down["finding"]["advice"]
            .as_str()
            .unwrap()
            .contains("pcscd"),
        "{down}"
    );
}
