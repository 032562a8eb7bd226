//! The real `emv-doctor probe --json` against a real pcscd with the vpcd driver, serving every
//! scenario with `emv-doctor simulate`: the same findings as in process, the masked PAN, no
//! cardholder data in the output, and only allowlisted commands in the APDU log. Skipped (with a
//! message) only when pcscd is not running at all.
// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{Simulator, VPCD_READER, pcscd_or_skip, run, run_json, vpcd_lock};
use emv_doctor::card::sim::scenarios::{self, Scenario};
use emv_doctor::card::transport;

fn forms(secret: &[u8]) -> Vec<String> {
    let mut f = vec![hex::encode_upper(secret), hex::encode(secret)];
    if secret.iter().all(|b| b.is_ascii_graphic() || *b == b' ') {
        f.push(String::from_utf8_lossy(secret).into_owned());
    }
    let digits: String = hex::encode(secret)
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    if digits.len() >= 12 {
        f.push(digits);
    }
    f
}

#[test]
fn every_scenario_through_pcscd() {
    let _lock = vpcd_lock();
    if !pcscd_or_skip("every_scenario_through_pcscd") {
        return;
    }
    for s in scenarios::catalogue() {
        let sim = Simulator::start(s.scenario);
        let (code, json) = run_json(&["probe", "--reader", VPCD_READER]);
        let text = run(&["probe", "--reader", VPCD_READER, "--lang", "zh-CN"]);
        sim.stop();
        assert_eq!(code, Some(0), "{}: {json}", s.name());
        let mut codes: Vec<&str> = json["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|f| f["code"].as_str())
            .collect();
        codes.sort_unstable();
        // A card pulled out can also surface to pcscd as gone before the probe's last command.
        assert_eq!(codes, s.expect, "{}: {json}", s.name());
        assert_eq!(json["reader"], VPCD_READER, "{}", s.name());
        for apdu in json["apdus"].as_array().unwrap() {
            let cmd = hex::decode(apdu["command"].as_str().unwrap()).unwrap();
            assert!(transport::allowed(&cmd), "{}: sent {apdu}", s.name());
        }
        let out = [
            json.to_string(),
            String::from_utf8_lossy(&text.stdout).into_owned(),
        ];
        for secret in scenarios::sensitive_values(s.scenario) {
            for form in forms(&secret) {
                assert!(
                    out.iter().all(|o| !o.contains(&form)),
                    "{}: {form} leaked",
                    s.name()
                );
            }
        }
    }
}

#[test]
fn visa_pan_is_masked_over_pcscd() {
    let _lock = vpcd_lock();
    if !pcscd_or_skip("visa_pan_is_masked_over_pcscd") {
        return;
    }
    let sim = Simulator::start(Scenario::VisaT0);
    let (code, json) = run_json(&["probe", "--reader", VPCD_READER]);
    sim.stop();
    assert_eq!(code, Some(0));
    assert_eq!(json["protocol"], "T=0");
    assert_eq!(json["applications"][0]["pan"], "476173******0119");
    assert_eq!(json["applications"][0]["expiry"], "2029-12");
}

#[test]
fn card_transaction_log_over_pcscd() {
    let _lock = vpcd_lock();
    if !pcscd_or_skip("card_transaction_log_over_pcscd") {
        return;
    }
    let sim = Simulator::start(Scenario::UnionpayLog);
    let (code, json) = run_json(&["probe", "--reader", VPCD_READER]);
    let text = run(&["probe", "--reader", VPCD_READER, "--lang", "zh-CN"]);
    sim.stop();
    assert_eq!(code, Some(0), "{json}");
    let log = json["applications"][0]["transaction_log"]
        .as_array()
        .unwrap();
    assert_eq!(log.len(), 3, "{json}");
    assert_eq!(log[0]["date"], "2025-03-06");
    assert_eq!(log[0]["time"], "18:30:12");
    assert_eq!(log[0]["amount_minor"], 12_800);
    assert_eq!(log[0]["currency"], "156");
    assert_eq!(log[0]["country"], "156");
    assert_eq!(log[0]["kind"], "00");
    assert_eq!(log[0]["atc"], 0x56);
    assert_eq!(log[2]["kind"], "60");
    // Only READ RECORD reached the log's file (SFI 11), and the card said when it ended.
    let log_reads: Vec<&serde_json::Value> = json["apdus"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| {
            let cmd = hex::decode(a["command"].as_str().unwrap()).unwrap();
            cmd.get(3).is_some_and(|p2| p2 >> 3 == 11)
        })
        .collect();
    // Three records (twice each on T=0: Le 00, then the length from 6CXX) and the 6A83 after.
    assert_eq!(log_reads.len(), 7, "{log_reads:?}");
    assert!(
        log_reads
            .iter()
            .all(|a| a["command"].as_str().unwrap().starts_with("00B2"))
    );
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("卡内交易日志"), "{text}");
    assert!(
        text.contains("2025-03-06 18:30:12 · 128.00 CNY · 消费 · FRESH MART"),
        "{text}"
    );
    assert!(text.contains("电子现金圈存"), "{text}");
}

#[test]
fn electronic_cash_load_log_over_pcscd() {
    let _lock = vpcd_lock();
    if !pcscd_or_skip("electronic_cash_load_log_over_pcscd") {
        return;
    }
    let sim = Simulator::start(Scenario::UnionpayEcLoad);
    let (code, json) = run_json(&["probe", "--reader", VPCD_READER]);
    let text = run(&["probe", "--reader", VPCD_READER, "--lang", "zh-CN"]);
    sim.stop();
    assert_eq!(code, Some(0), "{json}");
    let app = &json["applications"][0];
    assert_eq!(app["load_log_entry"], "0C0A", "{json}");
    let loads = app["load_log"].as_array().unwrap();
    assert_eq!(loads.len(), 3, "{json}");
    assert_eq!(loads[0]["changed"], "9F79");
    assert_eq!(loads[0]["before_minor"], 2_000);
    assert_eq!(loads[0]["after_minor"], 32_000);
    assert_eq!(loads[0]["details"]["date"], "2025-03-08");
    assert_eq!(loads[0]["details"]["time"], "10:02:11");
    assert_eq!(loads[0]["details"]["atc"], 0x31);
    assert_eq!(loads[2]["changed"], "9F77");
    // Only allowlisted commands went out: the load log format by GET DATA, its records by READ
    // RECORD (SFI 12), and nothing that could change the card (no PUT DATA, no GENERATE AC).
    let commands: Vec<String> = json["apdus"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["command"].as_str().unwrap().to_owned())
        .collect();
    for c in &commands {
        assert!(transport::allowed(&hex::decode(c).unwrap()), "sent {c}");
        assert!(
            ["00A4", "00B2", "80A8", "80CA", "00CA", "00C0"]
                .iter()
                .any(|ins| c.starts_with(ins)),
            "{c}"
        );
    }
    assert!(commands.iter().any(|c| c.starts_with("80CADF4F")));
    let load_reads = commands
        .iter()
        .filter(|c| c.starts_with("00B2") && hex::decode(&c[6..8]).unwrap()[0] >> 3 == 12)
        .count();
    assert_eq!(load_reads, 4, "{commands:?}");
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("电子现金圈存记录"), "{text}");
    assert!(
        text.contains("2025-03-08 10:02:11 · 圈存 300.00 CNY（余额 20.00 → 320.00 CNY）"),
        "{text}"
    );
}
