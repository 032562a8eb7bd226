//! Shared helpers for the report tests: a fully populated report and time stamps.
#![allow(dead_code)]

use chrono::{DateTime, FixedOffset};
use emv_doctor::card::probe::{CardReport, ProbeOptions, probe_scenario};
use emv_doctor::card::sim::scenarios::Scenario;
use emv_doctor::finding::Finding;
use emv_doctor::finding::card::CARD_MUTE;
use emv_doctor::finding::net::{CLOCK_OK, NET_OK};
use emv_doctor::guide::checks::CheckResult;
use emv_doctor::guide::{Guide, Session};
use emv_doctor::i18n::{BiText, Lang};
use emv_doctor::net::clock::ClockReport;
use emv_doctor::net::host::HostReport;
use emv_doctor::net::stats::AttemptStats;
use emv_doctor::net::tls::TlsReport;
use emv_doctor::report::{Computer, Report, ShopDetails, Summary};
use std::collections::BTreeMap;

/// A time in China Standard Time on 1 March 2025.
pub fn at(hh_mm: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(&format!("2025-03-01T{hh_mm}:00+08:00")).expect("valid time")
}

/// A report with every field filled, both languages, a hostname and tricky text.
pub fn full_report(lang: Lang) -> Report {
    let mut r = Report::new(at("09:12"), lang);
    r.computer = Computer {
        os: "linux".into(),
        arch: "x86_64".into(),
        hostname: Some("counter-laptop-03".into()),
    };
    r.set_shop(
        at("09:14"),
        ShopDetails {
            shop_name: Some("华联超市 Hualian Market #12".into()),
            terminal_make: Some("PAX".into()),
            terminal_model: Some("A920 Pro".into()),
            terminal_serial: Some("1850123456".into()),
            software_version: Some("PayApp 3.2.1".into()),
            firmware_version: Some("PayDroid 8.1 (V1.02.07)".into()),
            acquirer: Some("UnionPay Merchant Services 银联商务".into()),
            region: Some("Shanghai, Pudong".into()),
            support_contact: Some("95516".into()),
        },
    );
    let guide = fixture_guide();
    r.add_session(at("09:25"), &guide, chip_walk(&guide));
    r.add_host_check(at("09:33"), host_check());
    r.add_clock_check(at("09:34"), clock_check());
    r.add_note(
        at("09:20"),
        "Customer's card fails with \"EMV error\"; other cards work.\nTried twice, reseated card.",
    );
    r.add_note(
        at("09:31"),
        "Tabs\tquotes \" backslash \\ and <script>alert(1)</script> & 中文",
    );
    r.set_summary(
        at("09:40"),
        Summary {
            outcome: BiText::new(
                "The card's chip does not answer; the terminal is fine.",
                "卡片芯片无应答；终端正常。",
            ),
            next_step: BiText::new(
                "Ask the cardholder to pay another way and contact their bank for a new card.",
                "请持卡人改用其他方式支付，并联系发卡银行换卡。",
            ),
        },
    );
    r
}

/// A real probe of virtual card `scenario`, with what depends on the clock or chance set from
/// `at` so samples come out the same on every run: exchange times, duration, the PC's local
/// time, and in the GPO command the transaction date `9A` and unpredictable number `9F37`
/// (the PDOLs of the catalogue's cards end with `9A 9C 9F37`, before Le).
pub fn probe_at(scenario: Scenario, at: DateTime<FixedOffset>) -> CardReport {
    let mut report = probe_scenario(scenario, &ProbeOptions::default());
    for (i, e) in report.apdus.iter_mut().enumerate() {
        if e.command.starts_with("80A8") {
            let n = e.command.len();
            let fixed = format!("{}005A3C9E21", at.format("%y%m%d"));
            e.command.replace_range(n - 2 - fixed.len()..n - 2, &fixed);
        }
        e.ms = 9.5 + (e.command.len() + e.response.len()) as f64 / 16.0 + (i % 3) as f64;
        e.ms = (e.ms * 10.0).round() / 10.0;
    }
    report.duration_ms = 40.0 + report.apdus.iter().map(|e| e.ms).sum::<f64>().round();
    report.local_time = at.format("%Y-%m-%d %H:%M:%S %:z").to_string();
    report
}

/// [`full_report`] with a probe of the expired virtual card.
pub fn full_report_with_probe(lang: Lang) -> Report {
    let mut r = full_report(lang);
    r.add_probe(at("09:24"), probe_at(Scenario::Expired, at("09:24")));
    r
}

/// The small guide of `docs/guide-format.md`, kept as a fixture.
pub fn fixture_guide() -> Guide {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/chip-quick.guide.ron"
    );
    let text = std::fs::read_to_string(path).expect("fixture guide");
    emv_doctor::guide::load("chip-quick.guide.ron", &text).expect("fixture guide is valid")
}

/// A walk of the fixture guide: "only this card", the card probe finds a mute chip, outcome
/// "chip damaged" handed over to the issuer; one note on the way.
pub fn chip_walk(guide: &Guide) -> Session {
    let mut s = Session::start(guide, at("09:21"));
    s.answer(guide, 0, at("09:22")).expect("answer");
    s.add_note("Card inserted chip first, twice.", at("09:23"));
    let result = CheckResult {
        check: "card.probe".into(),
        params: BTreeMap::new(),
        findings: vec![Finding::new(&CARD_MUTE, Some("no ATR within 1.5 s".into()))],
        summary: BiText::new("The chip gave no answer to reset.", "芯片对复位无应答。"),
        recorded: None,
    };
    s.apply_check_result(guide, result, at("09:24"))
        .expect("check branch");
    s
}

/// A realistic report for the documentation sample: a shop in Shanghai, one card that fails,
/// the card probed (the `expired` virtual card), the chip guide walked to its outcome, two notes. No summary: the verdict comes from the walk.
pub fn sample_report() -> Report {
    let mut r = Report::new(at("14:05"), Lang::En);
    r.computer = Computer {
        os: "windows".into(),
        arch: "x86_64".into(),
        hostname: None,
    };
    r.set_shop(
        at("14:07"),
        ShopDetails {
            shop_name: Some("Green Leaf Café, Xuhui branch".into()),
            terminal_make: Some("PAX".into()),
            terminal_model: Some("A920 Pro".into()),
            terminal_serial: Some("1850-7733-02".into()),
            software_version: Some("UMS Pay 5.3.2".into()),
            firmware_version: Some("PayDroid 8.1.0 (V1.02.07_20240915)".into()),
            acquirer: Some("UnionPay Merchant Services".into()),
            region: Some("Shanghai, Xuhui".into()),
            support_contact: Some("95516 (merchant line 2)".into()),
        },
    );
    r.add_note(
        at("14:08"),
        "Terminal shows \"EMV error\" for one customer's card only. Three other cards from two banks work, inserted and tapped.",
    );
    let probe = probe_at(Scenario::Expired, at("14:13"));
    let guide = fixture_guide();
    r.add_probe(at("14:13"), probe.clone());
    r.add_session(at("14:16"), &guide, sample_walk(&guide, &probe));
    r.add_host_check(at("14:17"), host_check());
    r.add_clock_check(at("14:17"), clock_check());
    r.add_note(
        at("14:18"),
        "Customer paid by QR code. Told them to call their bank for a replacement card.",
    );
    r
}

fn sample_walk(guide: &Guide, probe: &CardReport) -> Session {
    let t = |m: &str| at(&format!("14:{m}"));
    let mut s = Session::start(guide, t("10"));
    s.answer(guide, 0, t("11")).expect("answer");
    s.add_note("Expiry printed on the card: 12/23.", t("12"));
    let result = CheckResult {
        check: "card.probe".into(),
        params: BTreeMap::new(),
        findings: probe.findings.clone(),
        summary: BiText::new(
            "The card answers, but its Visa application expired in December 2023.",
            "卡片有应答，但其 Visa 应用已于 2023 年 12 月过期。",
        ),
        recorded: None,
    };
    s.apply_check_result(guide, result, t("14"))
        .expect("check branch");
    s
}

/// A healthy payment-host check result, as `net::host::check_host` gives it.
pub fn host_check() -> HostReport {
    HostReport {
        target: "pos.example-acquirer.cn:443".into(),
        dns: None,
        address: Some("203.0.113.10:443".into()),
        tcp: AttemptStats {
            attempts: 5,
            ok: 5,
            loss_pct: 0.0,
            min_ms: 18.25,
            avg_ms: 21.5,
            max_ms: 27.125,
            jitter_ms: 2.75,
        },
        secure: None,
        samples_ms: vec![Some(18.25), Some(21.0), None, Some(27.125), Some(19.5)],
        tls: Some(TlsReport {
            version: Some("TLSv1.3".into()),
            subject: Some("CN=pos.example-acquirer.cn".into()),
            issuer: Some("CN=Example CA".into()),
            not_after: Some("2026-01-31T23:59:59Z".into()),
            days_left: Some(336),
            hostname_ok: true,
            trusted: true,
            expired: false,
            not_yet_valid: false,
            handshake_ms: Some(41.5),
            error: None,
        }),
        link: None,
        cancelled: false,
        refused: 0,
        findings: vec![Finding::new(&NET_OK, None)],
    }
}

/// A clock check within tolerance, as `net::clock::check_clock` gives it.
pub fn clock_check() -> ClockReport {
    ClockReport {
        server: "ntp.aliyun.com".into(),
        address: Some("203.107.6.88:123".into()),
        local_time: "2025-03-01T06:17:02.125Z".into(),
        offset_ms: Some(-412.5),
        round_trip_ms: Some(35.0),
        error: None,
        http_date: None,
        findings: vec![Finding::new(&CLOCK_OK, None)],
    }
}
