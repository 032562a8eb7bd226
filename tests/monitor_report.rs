//! An analysed transaction export in a session report: HTML with inline SVG charts (no
//! scripts), Markdown tables, JSON, the native file; no card number of the export in any of
//! them (the privacy gate also masks one typed into a file name). The committed sample
//! `docs/sample-monitoring.html` is exactly the HTML export (regenerate with
//! `EMV_DOCTOR_UPDATE_SAMPLES=1`).
// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod monitor_support;

use chrono::DateTime;
use emv_doctor::i18n::Lang;
use emv_doctor::monitor::{self, columns::Mapping, read};
use emv_doctor::report::export::{self, ExportOptions, Format};
use emv_doctor::report::{Report, store};
use monitor_support::sample::{self, Encoding, Headers, Layout, Pattern};
use std::path::Path;

fn t(s: &str) -> DateTime<chrono::FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap()
}

fn sample_report(lang: Lang) -> Report {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/samples");
    let (analysed, _) = monitor::analyze_file(&dir.join("all-zh-gbk.csv"), None, None).unwrap();
    let mut r = Report::new(t("2025-03-08T09:30:00+08:00"), lang);
    r.add_monitoring(t("2025-03-08T09:32:00+08:00"), analysed);
    r
}

#[test]
fn committed_sample_matches_the_code() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/sample-monitoring.html");
    let r = sample_report(Lang::En);
    let html = export::export(&r, Format::Html, &ExportOptions::for_report(&r)).unwrap();
    if std::env::var_os("EMV_DOCTOR_UPDATE_SAMPLES").is_some() {
        store::atomic::write(&path, html.as_bytes()).unwrap();
    }
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        html,
        "sample-monitoring.html is stale"
    );
}

#[test]
fn every_export_shows_the_analysis() {
    for lang in Lang::ALL {
        let r = sample_report(lang);
        let o = ExportOptions::for_report(&r);
        let html = export::export(&r, Format::Html, &o).unwrap();
        assert!(!html.contains("<script"), "no scripts");
        assert_eq!(html.matches("<svg").count(), 2, "two charts");
        assert!(
            html.matches("<rect").count() > 35 + 13,
            "a bar per day and per hour"
        );
        assert!(html.contains("monitor.terminal"));
        let md = export::export(&r, Format::Markdown, &o).unwrap();
        let json: serde_json::Value =
            serde_json::from_str(&export::export(&r, Format::Json, &o).unwrap()).unwrap();
        let findings = json["monitoring"][0]["analysis"]["findings"]
            .as_array()
            .unwrap();
        assert_eq!(findings.len(), 7, "{findings:?}");
        match lang {
            Lang::En => {
                assert!(html.contains("Failure rate per day"));
                assert!(md.contains("| Terminal | Payments | Failed |"), "{md}");
                assert!(md.contains("Failures come from one terminal"));
            }
            Lang::ZhCn => {
                assert!(html.contains("每天的失败率"));
                assert!(md.contains("| 终端 | 交易笔数 | 失败 |"), "{md}");
                assert!(md.contains("失败集中在一台终端上"));
            }
        }
    }
}

#[test]
fn no_card_number_of_the_export_reaches_a_report() {
    let payments = sample::payments(Pattern::All, 30, 4);
    let rows = sample::rows(
        &payments,
        Layout {
            headers: Headers::Zh,
            split_date: false,
            issuer: true,
        },
    );
    let table = read::read_bytes(&sample::csv_bytes(&rows, ',', Encoding::Gbk)).unwrap();
    let typed = "4761739001010119";
    let analysed =
        monitor::analyze_table(&table, &format!("明细 {typed}.csv"), &Mapping::default()).unwrap();
    let mut r = Report::new(t("2025-03-08T09:30:00+08:00"), Lang::ZhCn);
    r.add_monitoring(t("2025-03-08T09:32:00+08:00"), analysed);
    let dir = tempfile::tempdir().unwrap();
    let saved = dir.path().join("r.emvdoc.ron");
    store::save(&r, &saved).unwrap();
    let mut outputs = vec![std::fs::read_to_string(&saved).unwrap()];
    for lang in Lang::ALL {
        let o = ExportOptions {
            lang,
            redact_shop: false,
            include_training: false,
        };
        for f in [Format::Html, Format::Markdown, Format::Json] {
            outputs.push(export::export(&r, f, &o).unwrap());
        }
    }
    assert_eq!(store::open(&saved).unwrap().report.monitoring.len(), 1);
    for out in &outputs {
        assert!(!out.contains(typed), "a PAN in the file name leaked");
        for p in &payments {
            assert!(!out.contains(&p.card), "a card number of the export leaked");
        }
    }
    assert!(outputs[0].contains("476173******0119"));
}
