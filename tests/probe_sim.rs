//! The probe against every virtual card of the catalogue, in process (no pcscd): expected
//! findings, masked PAN, no cardholder data in any output, only allowlisted commands, GPO
//! skipped on request, and the number of exchanges each card needs.
// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use emv_doctor::card::probe::{self, CardReport, ProbeOptions};
use emv_doctor::card::sim::scenarios::{self, Scenario};
use emv_doctor::card::sim::transport::SimTransport;
use emv_doctor::card::transport::{self, CardChannel};
use emv_doctor::finding::Severity;
use emv_doctor::i18n::Lang;

/// Runs the probe on a fresh card; returns the report and every command the card received.
fn probe(name: Scenario, options: ProbeOptions) -> (CardReport, Vec<Vec<u8>>) {
    let (card, received) = scenarios::build_recording(name);
    let reader = format!("sim:{name}");
    let report = match SimTransport::new(card) {
        Ok(t) => {
            let mut channel = CardChannel::new(t);
            let mut steps = Vec::new();
            let r = probe::run(&mut channel, &reader, &options, &mut |s| steps.push(s));
            assert_eq!(
                steps.last().map(|s| s.step.as_str()),
                Some("done"),
                "{name}"
            );
            assert!(steps.windows(2).all(|w| w[0].done < w[1].done), "{name}");
            r
        }
        Err(e) => probe::report_without_card(&reader, probe::finding_for_transport_error(&e)),
    };
    let commands = received.lock().unwrap().clone();
    (report, commands)
}

fn codes(report: &CardReport) -> Vec<String> {
    let mut c: Vec<String> = report.findings.iter().map(|f| f.code.clone()).collect();
    c.sort();
    c
}

#[test]
fn every_scenario_reaches_its_findings() {
    for s in scenarios::catalogue() {
        let (report, _) = probe(s.scenario, ProbeOptions::default());
        assert_eq!(codes(&report), s.expect, "{}", s.name());
        let verdict = report.verdict().expect("a verdict");
        let worst = report.findings.iter().map(|f| f.severity).max().unwrap();
        assert!(
            verdict.severity == worst || (worst <= Severity::Info && verdict.code == "card.ok"),
            "{}: verdict is neither the most severe nor card.ok on a healthy card",
            s.name()
        );
        let ok = report.findings.iter().any(|f| f.code == "card.ok");
        let error = report
            .findings
            .iter()
            .any(|f| f.severity == emv_doctor::finding::Severity::Error);
        assert!(!(ok && error), "{}: card.ok next to an error", s.name());
    }
}

#[test]
fn reports_show_the_masked_pan_and_dates() {
    let (report, _) = probe(Scenario::VisaT0, ProbeOptions::default());
    let json = report.to_json(Lang::En);
    let app = &json["applications"][0];
    assert_eq!(app["pan"], "476173******0119");
    assert_eq!(app["expiry"], "2029-12");
    assert_eq!(app["effective"], "2021-01");
    assert_eq!(app["service_code"], "201");
    assert_eq!(app["found_by"], "pse");
    assert_eq!(app["pin_tries_left"], 3);
    assert_eq!(app["atc"], 42);
    assert_eq!(app["last_online_atc"], 40);
    assert_eq!(json["protocol"], "T=0");
    assert!(json["atr"].is_object());
    let (up, _) = probe(Scenario::UnionpayPse, ProbeOptions::default());
    let a = &up.applications[0];
    assert_eq!(
        a.pan.as_ref().map(|p| p.as_str()),
        Some("622848*********6782")
    );
    assert_eq!(a.ec_balance.as_deref(), Some("000000010000"));
    assert!(a.log_format.is_some());
}

#[test]
fn dual_app_card_is_read_in_priority_order() {
    let (report, _) = probe(Scenario::DualApp, ProbeOptions::default());
    let aids: Vec<&str> = report.applications.iter().map(|a| a.aid.as_str()).collect();
    assert_eq!(aids, ["A000000333010102", "A0000000031010"]);
    assert_eq!(report.applications[0].priority, Some(1));
    assert_eq!(report.applications[1].priority, Some(2));
    assert!(report.applications.iter().all(|a| a.read_end_to_end));
}

/// Every way a secret could be written: raw hex (upper and lower), and ASCII if printable.
fn forms(secret: &[u8]) -> Vec<String> {
    let mut f = vec![hex::encode_upper(secret), hex::encode(secret)];
    if secret.iter().all(|b| b.is_ascii_graphic() || *b == b' ') {
        f.push(String::from_utf8_lossy(secret).into_owned());
    }
    // The PAN's digits as text (BCD hex of a 5A value without the F padding).
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
fn no_cardholder_data_leaves_the_probe() {
    for s in scenarios::catalogue() {
        let secrets = scenarios::sensitive_values(s.scenario);
        if !matches!(s.scenario, Scenario::Mute | Scenario::NotPayment) {
            assert!(!secrets.is_empty(), "{}: no secrets to look for", s.name());
        }
        let (report, _) = probe(s.scenario, ProbeOptions::default());
        let outputs = [
            serde_json::to_string(&report.to_json(Lang::En)).unwrap(),
            serde_json::to_string(&report.to_json(Lang::ZhCn)).unwrap(),
            serde_json::to_string(&report).unwrap(),
            emv_doctor::view::probe::text(&report, Lang::En),
            emv_doctor::view::probe::text(&report, Lang::ZhCn),
            serde_json::to_string(&report.apdus).unwrap(),
            format!("{report:?}"),
        ];
        for secret in &secrets {
            for form in forms(secret) {
                for out in &outputs {
                    assert!(!out.contains(&form), "{}: {form} leaked", s.name());
                }
            }
        }
    }
}

#[test]
fn only_allowlisted_commands_reach_the_cards() {
    for s in scenarios::catalogue() {
        let (_, commands) = probe(s.scenario, ProbeOptions::default());
        for c in &commands {
            assert!(
                transport::allowed(c),
                "{}: {} is not allowed",
                s.name(),
                hex::encode_upper(c)
            );
        }
    }
}

#[test]
fn no_gpo_sends_no_gpo_and_says_what_it_missed() {
    for name in [
        Scenario::VisaT0,
        Scenario::VisaT1,
        Scenario::UnionpayPse,
        Scenario::DualApp,
    ] {
        let (report, commands) = probe(name, ProbeOptions { no_gpo: true });
        assert!(commands.iter().all(|c| c.get(1) != Some(&0xA8)), "{name}");
        assert!(
            commands
                .iter()
                // The directory (SFI 1) and the transaction log (SFI 11) need no GPO.
                .all(|c| c.get(1) != Some(&0xB2) || c[3] == 0x0C || c[3] >> 3 == 11),
            "{name}: read an AFL record"
        );
        assert!(
            codes(&report).contains(&"probe.gpo_skipped".to_owned()),
            "{name}"
        );
        assert!(!codes(&report).contains(&"card.ok".to_owned()), "{name}");
        assert!(report.gpo_skipped);
        for a in &report.applications {
            assert!(a.pan.is_none() && !a.unread.is_empty(), "{name}");
            assert!(a.atc.is_some(), "{name}: counters are still read");
        }
    }
}

/// Exchanges (log entries, GET RESPONSE and 6CXX retries included) per scenario.
const APDU_COUNTS: &[(Scenario, usize)] = &[
    (Scenario::PpseOnly, 13),
    (Scenario::VisaT0, 23),
    (Scenario::VisaT1, 12),
    (Scenario::MastercardT0, 26),
    (Scenario::MastercardT1, 14),
    (Scenario::UnionpayPse, 28),
    (Scenario::DualApp, 25),
    (Scenario::Expired, 12),
    (Scenario::NotYetEffective, 12),
    (Scenario::AppBlocked, 4),
    (Scenario::CardBlocked, 1),
    (Scenario::PinExhausted, 28),
    (Scenario::PinLow, 12),
    (Scenario::GpoRefused, 8),
    (Scenario::WrongLe, 23),
    (Scenario::MalformedRecord, 12),
    (Scenario::RemovedMidway, 5),
    (Scenario::Mute, 0),
    (Scenario::UsageRestricted, 12),
    (Scenario::OfflineLimit, 12),
    (Scenario::ChipFault, 25),
    (Scenario::UnionpayLog, 34),
    (Scenario::UnionpayEcLoad, 20),
];

#[test]
fn apdu_counts_per_scenario() {
    for &(name, expected) in APDU_COUNTS {
        let (report, commands) = probe(name, ProbeOptions::default());
        assert_eq!(report.apdus.len(), expected, "{name}");
        assert_eq!(commands.len(), expected, "{name}: log and card disagree");
    }
    // not-payment tries every registered AID after PSE and PPSE, one SELECT each.
    let (report, _) = probe(Scenario::NotPayment, ProbeOptions::default());
    assert_eq!(
        report.apdus.len(),
        2 + emv_doctor::emv::aid::REGISTERED.len()
    );
}

#[test]
fn reports_round_trip_through_serde() {
    let (report, _) = probe(Scenario::DualApp, ProbeOptions::default());
    let text = serde_json::to_string(&report).unwrap();
    let back: CardReport = serde_json::from_str(&text).unwrap();
    assert_eq!(
        (&back.reader, &back.atr, back.protocol),
        (&report.reader, &report.atr, report.protocol)
    );
    let commands = |r: &CardReport| {
        r.apdus
            .iter()
            .map(|a| a.command.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(commands(&back), commands(&report));
    assert_eq!(back.applications, report.applications);
    assert_eq!(back.findings, report.findings);
}

#[test]
fn each_selection_method_finds_its_card() {
    for (scenario, found_by) in [
        (Scenario::VisaT1, "pse"),
        (Scenario::PpseOnly, "ppse"),
        (Scenario::NoDirectory, "aid_list"),
    ] {
        let (report, _) = probe(scenario, ProbeOptions::default());
        let json = report.to_json(Lang::En);
        let apps = json["applications"].as_array().unwrap();
        assert_eq!(apps.len(), 1, "{scenario}");
        assert_eq!(apps[0]["found_by"], found_by, "{scenario}");
        assert!(apps[0]["pan"].as_str().unwrap().contains("******"));
        assert!(
            report.findings.iter().any(|f| f.code == "card.ok"),
            "{scenario}"
        );
    }
    // Without any directory the probe stops selecting once every registered AID was tried:
    // PSE, PPSE, one SELECT per registered AID, then the application's own reads.
    let (report, _) = probe(Scenario::NoDirectory, ProbeOptions::default());
    assert!(report.apdus.len() > 2 + emv_doctor::emv::aid::REGISTERED.len());
}

#[test]
fn the_card_transaction_log_is_read_and_decoded() {
    let (report, commands) = probe(Scenario::UnionpayLog, ProbeOptions::default());
    let app = &report.applications[0];
    let log: Vec<String> = app
        .transaction_log
        .iter()
        .map(|e| e.summary(emv_doctor::i18n::Lang::En))
        .collect();
    assert_eq!(
        log,
        [
            "2025-03-06 18:30:12 · 128.00 CNY · Purchase · FRESH MART · counter 86",
            "2025-03-05 12:05:44 · 45.50 CNY · Purchase · FRESH MART · counter 85",
            "2025-03-01 09:15:02 · 500.00 CNY · Electronic cash load（圈存） · BANK SELF SERVICE · counter 84",
        ]
    );
    // Records 1–3 of SFI 11 (each asked twice on T=0: with Le 00, then with the length the
    // card gave in 6CXX), then record 4, which the card does not have; nothing more.
    let log_reads: Vec<u8> = commands
        .iter()
        .filter(|c| c.get(1) == Some(&0xB2) && c[3] >> 3 == 11)
        .map(|c| c[2])
        .collect();
    assert_eq!(log_reads, [1, 1, 2, 2, 3, 3, 4]);
    // Cards whose log is empty answer 6A83 at once and show no log.
    let (report, _) = probe(Scenario::UnionpayPse, ProbeOptions::default());
    assert!(report.applications[0].transaction_log.is_empty());
    assert!(report.applications[0].log_format.is_some());
}

#[test]
fn the_electronic_cash_load_log_is_read_and_decoded() {
    let (report, commands) = probe(Scenario::UnionpayEcLoad, ProbeOptions::default());
    assert_eq!(codes(&report), ["card.chip_required", "card.ok"]);
    let app = &report.applications[0];
    assert_eq!(app.load_log_entry.as_deref(), Some("0C0A"));
    assert_eq!(
        app.load_log_format.as_deref(),
        Some("9A039F21039F1A029F4E149F3602")
    );
    let loads: Vec<(&str, Option<u64>, Option<u64>)> = app
        .load_log
        .iter()
        .map(|e| (e.changed.as_str(), e.before_minor, e.after_minor))
        .collect();
    assert_eq!(
        loads,
        [
            ("9F79", Some(2_000), Some(32_000)),
            ("9F79", Some(5_550), Some(25_550)),
            ("9F77", Some(50_000), Some(100_000)),
        ]
    );
    let first = &app.load_log[0].details;
    assert_eq!(
        (first.date.as_deref(), first.time.as_deref(), first.atc),
        (Some("2025-03-08"), Some("10:02:11"), Some(0x31))
    );
    assert_eq!(first.merchant.as_deref(), Some("BANK SELF SERVICE"));
    // The card keeps no transaction log here: only the load log was read.
    assert!(app.transaction_log.is_empty() && app.unread.is_empty());
    // GET DATA DF4F once, then records 1–3 of SFI 12 and record 4, which the card lacks.
    let hexes: Vec<String> = commands.iter().map(hex::encode_upper).collect();
    assert_eq!(
        hexes.iter().filter(|c| *c == "80CADF4F00").count(),
        1,
        "{hexes:?}"
    );
    let load_reads: Vec<u8> = commands
        .iter()
        .filter(|c| c.get(1) == Some(&0xB2) && c[3] >> 3 == 12)
        .map(|c| c[2])
        .collect();
    assert_eq!(load_reads, [1, 2, 3, 4]);
    assert!(commands.iter().all(|c| transport::allowed(c)));
    // The same card through the view every front end renders, both languages.
    let en = emv_doctor::view::probe::text(&report, Lang::En);
    assert!(
        en.contains("2025-03-08 10:02:11 · loaded 300.00 CNY (balance 20.00 → 320.00 CNY)"),
        "{en}"
    );
    let zh = emv_doctor::view::probe::text(&report, Lang::ZhCn);
    assert!(zh.contains("电子现金圈存记录"), "{zh}");
    assert!(zh.contains("余额上限 500.00 → 1000.00 CNY"), "{zh}");
    // Other cards name no load log and are not asked for one.
    let (report, commands) = probe(Scenario::UnionpayLog, ProbeOptions::default());
    assert!(report.applications[0].load_log.is_empty());
    assert!(
        commands
            .iter()
            .all(|c| !hex::encode_upper(c).starts_with("80CADF4F"))
    );
}
