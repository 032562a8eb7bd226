//! The clock check against SNTP servers on 127.0.0.1 (one with a deliberate offset, one that
//! never answers) and the HTTPS `Date` second opinion from a local TLS server.
// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod net_support;

use emv_doctor::net::clock::{ClockOptions, HttpDateSource, check_clock};
use emv_doctor::net::host::Target;
use net_support::{Behaviour, TestCa, codes, sntp_server, tls_server};
use std::time::{Duration, Instant};

fn opts(addr: std::net::SocketAddr, timeout_ms: u64) -> ClockOptions {
    ClockOptions {
        server: addr.to_string(),
        timeout: Duration::from_millis(timeout_ms),
        http_date: None,
    }
}

#[test]
fn a_server_ten_minutes_ahead_reads_plus_600000_and_skew() {
    let server = sntp_server(Some(600_000));
    let r = check_clock(&opts(server.addr, 2000));
    let offset = r.offset_ms.expect("an answer");
    assert!((offset - 600_000.0).abs() < 250.0, "offset {offset}");
    assert!(r.round_trip_ms.unwrap() < 250.0);
    assert_eq!(codes(&r.findings), ["clock.skew"]);
    let f = &r.findings[0];
    assert!(f.advice_en.contains("reject transactions"));
    assert!(f.detail.as_deref().unwrap().starts_with("offset +600."));
}

#[test]
fn a_server_behind_reads_negative() {
    let server = sntp_server(Some(-90_000));
    let r = check_clock(&opts(server.addr, 2000));
    assert!((r.offset_ms.unwrap() + 90_000.0).abs() < 250.0);
    assert_eq!(codes(&r.findings), ["clock.skew"]);
}

#[test]
fn a_server_in_step_is_ok() {
    let server = sntp_server(Some(0));
    let r = check_clock(&opts(server.addr, 2000));
    assert!(r.offset_ms.unwrap().abs() < 250.0);
    assert_eq!(codes(&r.findings), ["clock.ok"]);
    assert_eq!(r.address.as_deref(), Some(server.addr.to_string().as_str()));
}

#[test]
fn a_silent_server_is_unreachable_within_the_timeout() {
    let server = sntp_server(None);
    let started = Instant::now();
    let r = check_clock(&opts(server.addr, 300));
    let took = started.elapsed();
    assert!(
        took >= Duration::from_millis(300) && took < Duration::from_secs(2),
        "{took:?}"
    );
    assert_eq!(codes(&r.findings), ["clock.unreachable"]);
    assert!(r.offset_ms.is_none());
    assert!(r.error.unwrap().contains("no answer"));
    assert_eq!(
        server.served.load(std::sync::atomic::Ordering::Relaxed),
        1,
        "one request sent"
    );
}

#[test]
fn https_date_is_a_second_opinion_when_ntp_is_silent() {
    let ntp = sntp_server(None);
    let ca = TestCa::new();
    let web = tls_server(
        &ca.leaf(&["localhost"], None),
        Behaviour {
            http_date_offset_s: Some(-3600),
            ..Behaviour::default()
        },
    );
    let mut o = opts(ntp.addr, 300);
    o.http_date = Some(HttpDateSource {
        target: web.addr.to_string().parse::<Target>().unwrap(),
        sni: Some("localhost".into()),
    });
    let r = check_clock(&o);
    assert_eq!(codes(&r.findings), ["clock.unreachable", "clock.skew"]);
    let h = r.http_date.unwrap();
    let offset = h.offset_ms.expect("a Date");
    assert!((offset + 3_600_000.0).abs() < 1_500.0, "offset {offset}");
    assert!(h.date.unwrap().ends_with("GMT"));
    assert!(h.error.is_none());
}

#[test]
fn both_opinions_are_reported_when_ntp_answers() {
    let ntp = sntp_server(Some(0));
    let ca = TestCa::new();
    let web = tls_server(
        &ca.leaf(&["localhost"], None),
        Behaviour {
            http_date_offset_s: Some(0),
            ..Behaviour::default()
        },
    );
    let mut o = opts(ntp.addr, 2000);
    o.http_date = Some(HttpDateSource {
        target: web.addr.to_string().parse::<Target>().unwrap(),
        sni: Some("localhost".into()),
    });
    let r = check_clock(&o);
    assert_eq!(codes(&r.findings), ["clock.ok"]);
    assert!(r.http_date.unwrap().offset_ms.unwrap().abs() < 1_500.0);
}
