//! The TLS check against rustls servers on 127.0.0.1 with certificates made at run time:
//! every certificate problem that applies is reported, not only the first.
// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod net_support;

use emv_doctor::net::host::{HostOptions, HostReport, Target, check_host};
use net_support::{Behaviour, Leaf, TestCa, closing_server, codes, self_signed, tls_server};
use std::sync::atomic::AtomicBool;
use std::time::Duration;

fn check(leaf: &Leaf, roots: &[&TestCa], sni: &str) -> HostReport {
    let server = tls_server(leaf, Behaviour::default());
    let mut o = HostOptions::new(server.addr.to_string().parse::<Target>().unwrap());
    o.count = 2;
    o.interval = Duration::from_millis(5);
    o.tls = true;
    o.sni = Some(sni.into());
    o.extra_roots = roots.iter().map(|c| c.der.clone()).collect();
    check_host(&o, &mut |_| {}, &AtomicBool::new(false))
}

#[test]
fn a_valid_certificate_from_a_trusted_root_gives_no_tls_finding() {
    let ca = TestCa::new();
    let r = check(&ca.leaf(&["localhost"], None), &[&ca], "localhost");
    assert_eq!(codes(&r.findings), ["net.ok"]);
    let t = r.tls.unwrap();
    assert!(t.trusted && t.hostname_ok && !t.expired);
    assert!(t.version.as_deref().unwrap().starts_with("TLSv1."));
    assert_eq!(t.subject.as_deref(), Some("CN=localhost"));
    assert_eq!(t.issuer.as_deref(), Some("CN=EMV Doctor Test CA"));
    assert!(
        t.days_left.unwrap() > 365 * 1000,
        "rcgen's default validity runs to 4096"
    );
    assert!(chrono::DateTime::parse_from_rfc3339(t.not_after.as_deref().unwrap()).is_ok());
    assert_eq!(t.error, None);
    assert_eq!(r.secure.unwrap().ok, 2);
}

#[test]
fn an_expired_certificate_is_reported_and_still_judged_on_its_issuer() {
    let ca = TestCa::new();
    let r = check(
        &ca.leaf(&["localhost"], Some((2020, 2021))),
        &[&ca],
        "localhost",
    );
    assert_eq!(codes(&r.findings), ["tls.expired"]);
    let t = r.tls.unwrap();
    assert!(t.expired && t.trusted && t.hostname_ok);
    assert!(t.days_left.unwrap() < -365);
    assert_eq!(t.not_after.as_deref(), Some("2021-01-01T00:00:00Z"));
    assert!(t.error.unwrap().to_lowercase().contains("expired"));
}

#[test]
fn a_certificate_for_another_name_is_a_hostname_mismatch() {
    let ca = TestCa::new();
    let r = check(&ca.leaf(&["other.example"], None), &[&ca], "localhost");
    assert_eq!(codes(&r.findings), ["tls.hostname_mismatch"]);
    let t = r.tls.unwrap();
    assert!(t.trusted && !t.hostname_ok);
    assert!(t.error.is_some());
}

#[test]
fn self_signed_for_the_wrong_host_is_both_untrusted_and_a_mismatch() {
    let r = check(&self_signed(&["wrong.example"]), &[], "localhost");
    assert_eq!(
        codes(&r.findings),
        ["tls.untrusted", "tls.hostname_mismatch"]
    );
    let t = r.tls.unwrap();
    assert!(!t.trusted && !t.hostname_ok && !t.expired);
    assert!(t.error.unwrap().contains("UnknownIssuer"));
}

#[test]
fn a_root_not_given_is_not_trusted() {
    let ca = TestCa::new();
    let r = check(&ca.leaf(&["localhost"], None), &[], "localhost");
    assert_eq!(codes(&r.findings), ["tls.untrusted"]);
}

#[test]
fn an_ip_target_is_matched_against_ip_names() {
    let ca = TestCa::new();
    let server = tls_server(&ca.leaf(&["127.0.0.1"], None), Behaviour::default());
    let mut o = HostOptions::new(server.addr.to_string().parse::<Target>().unwrap());
    o.count = 1;
    o.tls = true;
    o.extra_roots = vec![ca.der.clone()];
    let r = check_host(&o, &mut |_| {}, &AtomicBool::new(false));
    assert_eq!(codes(&r.findings), ["net.ok"]);
    assert!(r.tls.unwrap().hostname_ok);
}

#[test]
fn a_port_that_speaks_no_tls_is_tls_failed_with_the_error() {
    let server = closing_server();
    let mut o = HostOptions::new(server.addr.to_string().parse::<Target>().unwrap());
    o.count = 2;
    o.tls = true;
    o.tls_timeout = Duration::from_secs(2);
    let r = check_host(&o, &mut |_| {}, &AtomicBool::new(false));
    assert_eq!(codes(&r.findings), ["tls.failed"]);
    let t = r.tls.unwrap();
    assert!(t.version.is_none());
    assert!(!t.error.unwrap().is_empty());
    assert_eq!(r.tcp.ok, 2, "TCP itself worked");
}
