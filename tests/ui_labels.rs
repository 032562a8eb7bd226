//! One probe and one host and clock check, rendered by the command line, every export and the
//! window: each shows the same labels, in both languages (they all render the same views).
// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
mod net_support;
mod ui_support;

use egui_kittest::kittest::Queryable;
use emv_doctor::card::probe::{CardReport, ProbeOptions, probe_scenario};
use emv_doctor::card::sim::scenarios::Scenario;
use emv_doctor::i18n::Lang;
use emv_doctor::net::clock::{ClockOptions, ClockReport, check_clock};
use emv_doctor::net::host::{HostOptions, HostReport, check_host};
use emv_doctor::report::Report;
use emv_doctor::report::export::{ExportOptions, Format, export};
use emv_doctor::ui::UiCommand;
use emv_doctor::view::net::{clock_view, host_view};
use emv_doctor::view::probe::view;
use std::sync::atomic::AtomicBool;
use ui_support::{options, step_until, window};

const SCENARIO: Scenario = Scenario::Expired;

fn probe() -> CardReport {
    probe_scenario(SCENARIO, &ProbeOptions::default())
}

fn host(target: &str) -> HostReport {
    let mut opts = HostOptions::new(target.parse().unwrap());
    opts.count = 3;
    check_host(&opts, &mut |_| {}, &AtomicBool::new(false))
}

fn clock(server: &str) -> ClockReport {
    check_clock(&ClockOptions {
        server: server.to_owned(),
        ..ClockOptions::default()
    })
}

/// The labels a probe's view shows in `lang`: every application field.
fn probe_labels(report: &CardReport, lang: Lang) -> Vec<String> {
    let v = view(report, lang);
    assert!(!v.apps.is_empty());
    let mut labels = Vec::new();
    for a in &v.apps {
        labels.extend(a.fields.iter().map(|(k, _)| (*k).to_owned()));
    }
    labels
}

fn net_labels(h: &HostReport, c: &ClockReport, lang: Lang) -> Vec<String> {
    host_view(h, lang)
        .rows
        .iter()
        .chain(&clock_view(c, lang).rows)
        .map(|r| r.label.get(lang).to_owned())
        .collect()
}

fn assert_all(what: &str, text: &str, labels: &[String]) {
    for l in labels {
        assert!(
            text.contains(l.as_str()),
            "{what} lacks the label {l:?}:\n{text}"
        );
    }
}

/// Markdown escapes punctuation; the labels are compared as read.
fn unescape_md(md: &str) -> String {
    md.replace('\\', "")
}

#[test]
fn cli_exports_and_window_show_the_same_labels_in_both_languages() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let target = listener.local_addr().unwrap().to_string();
    let ntp = net_support::sntp_server(Some(0));
    let server = ntp.addr.to_string();
    let card = probe();
    let h = host(&target);
    let c = clock(&server);
    assert!(c.offset_ms.is_some(), "{c:?}");

    let now = chrono::Local::now().fixed_offset();
    let mut report = Report::new(now, Lang::En);
    report.add_probe(now, card.clone());
    report.add_host_check(now, h.clone());
    report.add_clock_check(now, c.clone());

    for lang in Lang::ALL {
        let probe_l = probe_labels(&card, lang);
        // Exports, both formats for people.
        let export_options = ExportOptions {
            lang,
            redact_shop: false,
            include_training: false,
        };
        let html = export(&report, Format::Html, &export_options).unwrap();
        let md = unescape_md(&export(&report, Format::Markdown, &export_options).unwrap());
        let text = emv_doctor::report::export::text::export(&report, &export_options).unwrap();
        for (name, out) in [("html", &html), ("markdown", &md), ("text", &text)] {
            assert_all(&format!("{name} ({lang})"), out, &probe_l);
            // The exports name the target and the server in the heading; the figures follow.
            let figures: Vec<String> = net_labels(&h, &c, lang).into_iter().skip(1).collect();
            let figures: Vec<String> = figures
                .into_iter()
                .filter(|l| l != emv_doctor::view::net::label::NTP_SERVER.get(lang))
                .collect();
            assert_all(&format!("{name} ({lang})"), out, &figures);
        }

        // The command line.
        let tag = lang.tag();
        let out = common::run(&["probe", "--sim", SCENARIO.as_str(), "--lang", tag]);
        assert!(out.status.success());
        assert_all(
            &format!("probe CLI ({lang})"),
            &String::from_utf8_lossy(&out.stdout),
            &probe_l,
        );
        let out = common::run(&["net", "host", &target, "--lang", tag]);
        let host_out = String::from_utf8_lossy(&out.stdout).to_string();
        let out = common::run(&["net", "clock", "--ntp", &server, "--lang", tag]);
        let clock_out = String::from_utf8_lossy(&out.stdout).to_string();
        assert_all(
            &format!("net CLI ({lang})"),
            &format!("{host_out}{clock_out}"),
            &net_labels(&h, &c, lang),
        );

        // The window: the card page after testing the same virtual card, the network page
        // after the same checks.
        let mut w = window([1280.0, 2400.0], options(lang));
        w.run();
        w.state_mut().show_tab(emv_doctor::ui::settings::Tab::Card);
        w.state_mut().command(UiCommand::SetCardSource(
            emv_doctor::ui::state::CardSource::Training,
        ));
        w.state_mut().command(UiCommand::SelectScenario(SCENARIO));
        w.state_mut().command(UiCommand::Probe);
        w.step();
        step_until(&mut w, "the probe", |app| app.state().card.last.is_some());
        // The applications are in the technical details, one click away.
        let tech = match lang {
            Lang::En => "Technical details",
            Lang::ZhCn => "技术详情",
        };
        w.get_by_label(tech).click();
        w.step();
        w.run_steps(8);
        for l in &probe_l {
            assert!(
                w.query_all_by_label_contains(l).next().is_some(),
                "window ({lang}) lacks the label {l:?}"
            );
        }
        w.state_mut()
            .show_tab(emv_doctor::ui::settings::Tab::Network);
        w.state_mut().command(UiCommand::CheckHost {
            target: target.parse().unwrap(),
            tls: false,
            count: 3,
        });
        w.state_mut()
            .command(UiCommand::CheckClock(server.parse().unwrap()));
        w.step();
        step_until(&mut w, "the network checks", |app| {
            app.state().net.host.is_some() && app.state().net.clock.is_some()
        });
        for l in net_labels(&h, &c, lang) {
            assert!(
                w.query_all_by_label_contains(&l).next().is_some(),
                "window ({lang}) lacks the label {l:?}"
            );
        }
    }
}
