//! Each fault pattern injected into a generated export is found with the right finding, cause
//! and figures, and nothing else stands out; CSV (UTF-8, BOM, GBK; comma and tab) and XLSX
//! exports read the same; card numbers never leave the import in full.
// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod monitor_support;

use emv_doctor::i18n::Lang;
use emv_doctor::monitor::columns::Mapping;
use emv_doctor::monitor::view::MonitorView;
use emv_doctor::monitor::{self, MonitorReport, read};
use monitor_support::sample::{self, Encoding, Headers, Layout, Pattern};

const PER_DAY: u32 = 150;

fn layout(headers: Headers) -> Layout {
    Layout {
        headers,
        split_date: false,
        issuer: true,
    }
}

fn analyse(bytes: &[u8]) -> MonitorReport {
    let table = read::read_bytes(bytes).unwrap();
    monitor::analyze_table(&table, "export", &Mapping::default()).unwrap()
}

fn export(pattern: Pattern, headers: Headers) -> MonitorReport {
    let rows = sample::rows(&sample::payments(pattern, PER_DAY, 7), layout(headers));
    analyse(&sample::csv_bytes(&rows, ',', Encoding::Utf8))
}

fn codes(r: &MonitorReport) -> Vec<&str> {
    r.analysis
        .findings
        .iter()
        .map(|f| f.finding.code.as_str())
        .collect()
}

/// The finding with `code`, failing with the list of findings when it is missing.
fn finding<'a>(r: &'a MonitorReport, code: &str) -> &'a monitor::MonitorFinding {
    r.analysis
        .findings
        .iter()
        .find(|f| f.finding.code == code)
        .unwrap_or_else(|| panic!("no {code} in {:?}", codes(r)))
}

/// The fault findings (everything but the rising trend, which several patterns also cause).
fn faults(r: &MonitorReport) -> Vec<&str> {
    codes(r)
        .into_iter()
        .filter(|c| *c != "monitor.errors_rising")
        .collect()
}

#[test]
fn a_healthy_shop_has_no_pattern() {
    let r = export(Pattern::Healthy, Headers::En);
    assert_eq!(codes(&r), ["monitor.ok"]);
    assert!(r.analysis.totals.rate() < 4.0);
}

#[test]
fn one_terminal_points_at_its_reader() {
    let r = export(Pattern::Terminal, Headers::Zh);
    assert_eq!(faults(&r), ["monitor.terminal"]);
    let f = finding(&r, "monitor.terminal");
    assert_eq!(f.cause.as_deref(), Some("reader.hardware"));
    assert_eq!(f.subject.as_deref(), Some(sample::BAD_TERMINAL));
    assert!(f.figures["rate_pct"] > 15.0, "{:?}", f.figures);
    assert!(f.figures["others_rate_pct"] < 5.0, "{:?}", f.figures);
    assert!(f.figures["chip_read_failed"] >= 30.0, "{:?}", f.figures);
    // The sentence cites the same figures in both languages.
    let rate = format!("{:.1}%", f.figures["rate_pct"]);
    assert!(f.evidence.en.contains(&rate) && f.evidence.zh.contains(&rate));
    assert!(f.evidence.zh.contains("终端 31020003"));
    // The rise shows in the last 7 days against the 28 before.
    let rising = finding(&r, "monitor.errors_rising");
    assert_eq!(rising.cause.as_deref(), Some("monitoring"));
    assert!(rising.figures["recent_rate_pct"] > rising.figures["before_rate_pct"] + 2.0);
}

#[test]
fn one_scheme_points_at_card_support() {
    let r = export(Pattern::Scheme, Headers::En);
    assert_eq!(faults(&r), ["monitor.scheme"]);
    let f = finding(&r, "monitor.scheme");
    assert_eq!(f.cause.as_deref(), Some("card.not_supported"));
    assert_eq!(f.subject.as_deref(), Some("JCB"));
    assert!(f.figures["rate_pct"] > 60.0, "{:?}", f.figures);
    let top = &r.analysis.breakdowns.response_code;
    assert!(top.iter().any(|c| c.code == "58" && c.count > 20));
}

#[test]
fn one_bank_points_at_issuer_risk_control() {
    let r = export(Pattern::Issuer, Headers::Zh);
    assert_eq!(faults(&r), ["monitor.issuer"]);
    let f = finding(&r, "monitor.issuer");
    assert_eq!(f.cause.as_deref(), Some("issuer.risk_control"));
    assert_eq!(f.subject.as_deref(), Some(sample::BAD_BANK_ZH));
    assert!(f.figures["rate_pct"] > 35.0, "{:?}", f.figures);
    // Without an issuer column the BIN range (first 6 digits) is named instead.
    let rows = sample::rows(
        &sample::payments(Pattern::Issuer, PER_DAY, 7),
        Layout {
            headers: Headers::En,
            split_date: true,
            issuer: false,
        },
    );
    let r = analyse(&sample::csv_bytes(&rows, '\t', Encoding::Utf8Bom));
    assert_eq!(faults(&r), ["monitor.issuer"]);
    let f = finding(&r, "monitor.issuer");
    assert_eq!(f.subject.as_deref(), Some(sample::BAD_BIN));
    assert!(f.evidence.en.starts_with("Cards starting 620002"));
}

#[test]
fn evening_timeouts_point_at_the_network() {
    let r = export(Pattern::NetworkHours, Headers::Zh);
    assert_eq!(faults(&r), ["monitor.network_hours"]);
    let f = finding(&r, "monitor.network_hours");
    assert_eq!(f.cause.as_deref(), Some("network.unstable"));
    assert_eq!(f.subject.as_deref(), Some("19:00–22:00"));
    assert!(f.figures["share_pct"] > 80.0, "{:?}", f.figures);
    assert!(f.figures["rate_in_hours_pct"] > 10.0, "{:?}", f.figures);
    let h20 = &r.analysis.hours[20];
    assert!(h20.network_errors * 10 > h20.counts.total, "{h20:?}");
}

#[test]
fn sign_in_codes_point_at_sign_in() {
    let r = export(Pattern::SignIn, Headers::En);
    assert_eq!(faults(&r), ["monitor.sign_in"]);
    let f = finding(&r, "monitor.sign_in");
    assert_eq!(f.cause.as_deref(), Some("host.sign_in"));
    assert_eq!(f.figures["failed"], 10.0);
    // The codes are technical details; the evidence says what they mean in words.
    assert_eq!(f.codes.get("A0"), Some(&8));
    assert_eq!(f.codes.get("77"), Some(&2));
    assert_eq!(f.codes_text(emv_doctor::i18n::Lang::ZhCn), "A0 ×8，77 ×2");
    for text in [&f.evidence.en, &f.evidence.zh] {
        assert!(!text.contains("A0") && !text.contains("77"), "{text}");
    }
}

#[test]
fn one_cashier_points_at_training() {
    let r = export(Pattern::Cashier, Headers::Zh);
    assert_eq!(faults(&r), ["monitor.cashier"]);
    let f = finding(&r, "monitor.cashier");
    assert_eq!(f.cause.as_deref(), Some("staff.training"));
    assert_eq!(f.subject.as_deref(), Some("陈晨"));
    assert!(f.figures["rate_pct"] > 8.0, "{:?}", f.figures);
}

#[test]
fn every_pattern_at_once_is_every_finding() {
    let r = export(Pattern::All, Headers::Zh);
    let mut found = faults(&r);
    found.sort_unstable();
    assert_eq!(
        found,
        [
            "monitor.cashier",
            "monitor.issuer",
            "monitor.network_hours",
            "monitor.scheme",
            "monitor.sign_in",
            "monitor.terminal",
        ]
    );
}

#[test]
fn gbk_utf8_and_xlsx_read_the_same() {
    let payments = sample::payments(Pattern::Terminal, 60, 3);
    let rows = sample::rows(&payments, layout(Headers::Zh));
    let utf8 = analyse(&sample::csv_bytes(&rows, ',', Encoding::Utf8));
    let gbk_bytes = sample::csv_bytes(&rows, '\t', Encoding::Gbk);
    assert!(std::str::from_utf8(&gbk_bytes).is_err(), "really GBK");
    let gbk = analyse(&gbk_bytes);
    let xlsx = analyse(&sample::xlsx_bytes(&rows));
    assert_eq!(gbk.source.kind, read::SourceKind::CsvGb18030);
    assert_eq!(xlsx.source.kind, read::SourceKind::Xlsx);
    assert_eq!(utf8.source.used, payments.len());
    assert_eq!(gbk.analysis, utf8.analysis);
    assert_eq!(xlsx.analysis, utf8.analysis);
    assert_eq!(xlsx.source.header_line, 3);
}

#[test]
fn bad_rows_are_reported_by_line() {
    let payments = sample::payments(Pattern::Healthy, 40, 5);
    let mut rows = sample::rows(&payments, layout(Headers::Zh));
    let lines = sample::add_bad_rows(&mut rows);
    for bytes in [
        sample::csv_bytes(&rows, ',', Encoding::Gbk),
        sample::xlsx_bytes(&rows),
    ] {
        let r = analyse(&bytes);
        assert_eq!(r.source.bad.count, 3);
        let got: Vec<u64> = r.source.bad.listed.iter().map(|b| b.line).collect();
        assert_eq!(got, lines);
        assert_eq!(r.source.used, payments.len());
        let text = MonitorView::new(&r, Lang::ZhCn).bad_rows.unwrap();
        assert!(text.contains(&format!("{}（合计行", lines[2])), "{text}");
    }
}

#[test]
fn no_full_card_number_in_any_output() {
    let payments = sample::payments(Pattern::All, 40, 9);
    let rows = sample::rows(&payments, layout(Headers::En));
    let r = analyse(&sample::csv_bytes(&rows, ',', Encoding::Utf8));
    let mut outputs = vec![
        format!("{r:?}"),
        serde_json::to_string(&r).unwrap(),
        ron::to_string(&r).unwrap(),
    ];
    for lang in Lang::ALL {
        outputs.push(r.to_json(lang).to_string());
        outputs.push(MonitorView::new(&r, lang).to_text(lang));
    }
    for p in &payments {
        assert!(p.card.len() >= 15);
        for out in &outputs {
            assert!(!out.contains(&p.card), "full card number in an output");
        }
    }
    assert!(outputs[3].contains("\"620002\""), "BIN ranges are kept");
}

#[test]
fn committed_samples_show_their_pattern() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/samples");
    let expect = [
        ("healthy-zh-gbk.csv", "monitor.ok"),
        ("terminal-en.csv", "monitor.terminal"),
        ("scheme-zh-gbk.csv", "monitor.scheme"),
        ("issuer-en.csv", "monitor.issuer"),
        ("network-hours-zh-gbk.csv", "monitor.network_hours"),
        ("sign-in-en.xlsx", "monitor.sign_in"),
        ("cashier-zh.xlsx", "monitor.cashier"),
    ];
    for (name, code) in expect {
        let (r, _) = monitor::analyze_file(&dir.join(name), None, None).unwrap();
        assert_eq!(faults(&r), [code], "{name}");
    }
    let (all, _) = monitor::analyze_file(&dir.join("all-zh-gbk.csv"), None, None).unwrap();
    assert_eq!(faults(&all).len(), 6);
}
