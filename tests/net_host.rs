//! The host check against real servers on 127.0.0.1: a listener, a closed port, names that
//! cannot resolve (refused locally, nothing is sent out), a TLS server that delays its answers
//! (latency and jitter), and the worker's progress and cancel.

mod net_support;

use emv_doctor::net::host::{HostOptions, Target, check_host};
use emv_doctor::net::{NetCommand, NetEvent, NetWorker};
use net_support::{Behaviour, TestCa, closed_port, codes, tls_server};
use std::net::TcpListener;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

fn opts(target: &str, count: u32) -> HostOptions {
    let mut o = HostOptions::new(target.parse::<Target>().unwrap());
    o.count = count;
    o.interval = Duration::from_millis(5);
    o
}

#[test]
fn a_listening_host_is_ok() {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let o = opts(&l.local_addr().unwrap().to_string(), 5);
    let mut seen = Vec::new();
    let r = check_host(
        &o,
        &mut |p| seen.push((p.attempt, p.of, p.ms.is_some())),
        &AtomicBool::new(false),
    );
    assert_eq!(codes(&r.findings), ["net.ok"]);
    assert!(r.dns.is_none(), "an IP target needs no DNS");
    assert_eq!((r.tcp.attempts, r.tcp.ok), (5, 5));
    assert_eq!(r.tcp.loss_pct, 0.0);
    assert!(r.tcp.min_ms <= r.tcp.avg_ms && r.tcp.avg_ms <= r.tcp.max_ms);
    assert!(
        r.tcp.max_ms < 100.0,
        "loopback connect took {} ms",
        r.tcp.max_ms
    );
    assert_eq!(seen, (1..=5).map(|i| (i, 5, true)).collect::<Vec<_>>());
}

#[test]
fn a_closed_port_refuses_the_connection() {
    // The address answers "nothing listens here": the network works, the host or port does not.
    let o = opts(&closed_port().to_string(), 3);
    let started = Instant::now();
    let r = check_host(&o, &mut |_| {}, &AtomicBool::new(false));
    assert_eq!(codes(&r.findings), ["net.refused"]);
    assert_eq!(r.refused, 3);
    assert_eq!((r.tcp.attempts, r.tcp.ok), (3, 0));
    assert_eq!(r.tcp.loss_pct, 100.0);
    assert!(started.elapsed() < Duration::from_secs(5));
}

#[test]
fn names_that_cannot_resolve_fail_locally() {
    for target in ["pos.acquirer.invalid:443", "bad_host!:443"] {
        let started = Instant::now();
        let r = check_host(&opts(target, 3), &mut |_| {}, &AtomicBool::new(false));
        assert_eq!(codes(&r.findings), ["net.dns_failed"], "{target}");
        let dns = r.dns.as_ref().unwrap();
        assert!(dns.addresses.is_empty());
        assert!(dns.error.is_some());
        assert_eq!(r.tcp.attempts, 0, "no connect without an address");
        assert!(
            started.elapsed() < Duration::from_millis(500),
            "refused without a query"
        );
    }
}

#[test]
fn localhost_resolves() {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = l.local_addr().unwrap().port();
    let r = check_host(
        &opts(&format!("localhost:{port}"), 2),
        &mut |_| {},
        &AtomicBool::new(false),
    );
    let dns = r.dns.unwrap();
    assert!(
        dns.addresses.contains(&"127.0.0.1".parse().unwrap()),
        "{:?}",
        dns.addresses
    );
    assert!(dns.error.is_none());
}

fn tls_opts(addr: std::net::SocketAddr, ca: &TestCa, count: u32) -> HostOptions {
    let mut o = opts(&addr.to_string(), count);
    o.tls = true;
    o.sni = Some("localhost".into());
    o.extra_roots = vec![ca.der.clone()];
    o
}

#[test]
fn uneven_slow_answers_give_high_latency_and_jitter() {
    let ca = TestCa::new();
    let server = tls_server(
        &ca.leaf(&["localhost"], None),
        Behaviour {
            delays_ms: vec![100, 1000],
            ..Behaviour::default()
        },
    );
    let r = check_host(
        &tls_opts(server.addr, &ca, 6),
        &mut |_| {},
        &AtomicBool::new(false),
    );
    assert_eq!(
        codes(&r.findings),
        ["net.high_latency", "net.jitter"],
        "{:?}",
        r.secure
    );
    let s = r.secure.unwrap();
    assert_eq!(s.ok, 6);
    assert!(s.avg_ms > 500.0 && s.jitter_ms > 800.0, "{s:?}");
    // The TCP connect itself is fast: the delay is the server's answer.
    assert!(r.tcp.avg_ms < 100.0);
}

#[test]
fn steady_slow_answers_give_high_latency_only() {
    let ca = TestCa::new();
    let server = tls_server(
        &ca.leaf(&["localhost"], None),
        Behaviour {
            delays_ms: vec![600],
            ..Behaviour::default()
        },
    );
    let r = check_host(
        &tls_opts(server.addr, &ca, 4),
        &mut |_| {},
        &AtomicBool::new(false),
    );
    assert_eq!(codes(&r.findings), ["net.high_latency"], "{:?}", r.secure);
    let s = r.secure.unwrap();
    assert!(s.min_ms >= 600.0 && s.jitter_ms < 50.0, "{s:?}");
}

#[test]
fn worker_reports_each_attempt_then_the_result() {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let wakes = Arc::new(AtomicUsize::new(0));
    let w2 = wakes.clone();
    let worker = NetWorker::spawn(Box::new(move || {
        w2.fetch_add(1, Ordering::Relaxed);
    }))
    .unwrap();
    worker.send(NetCommand::Host(opts(
        &l.local_addr().unwrap().to_string(),
        4,
    )));
    let mut progress = Vec::new();
    let report = loop {
        match worker
            .recv_timeout(Duration::from_secs(10))
            .expect("event in time")
        {
            NetEvent::HostStarted { target } => {
                assert_eq!(target, l.local_addr().unwrap().to_string())
            }
            NetEvent::Progress { attempt, of, ms } => progress.push((attempt, of, ms.is_some())),
            NetEvent::HostDone(r) => break r,
            other => panic!("unexpected {other:?}"),
        }
    };
    assert_eq!(progress, (1..=4).map(|i| (i, 4, true)).collect::<Vec<_>>());
    assert_eq!(codes(&report.findings), ["net.ok"]);

    worker.send(NetCommand::Interfaces);
    match worker.recv_timeout(Duration::from_secs(10)) {
        Some(NetEvent::InterfacesDone(list)) => assert!(list.iter().any(|i| i.name == "lo")),
        other => panic!("unexpected {other:?}"),
    }
    drop(worker); // joins the thread: every wake has happened
    // HostStarted, 4 × Progress, HostDone, InterfacesDone: one wake each.
    assert_eq!(wakes.load(Ordering::Relaxed), 7);
}

#[test]
fn worker_cancels_a_running_check_and_the_queue() {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let worker = NetWorker::spawn(Box::new(|| {})).unwrap();
    let mut long = opts(&l.local_addr().unwrap().to_string(), 1000);
    long.interval = Duration::from_millis(50);
    worker.send(NetCommand::Host(long.clone()));
    worker.send(NetCommand::Host(long));
    loop {
        match worker
            .recv_timeout(Duration::from_secs(10))
            .expect("event in time")
        {
            NetEvent::Progress { .. } => break,
            NetEvent::HostStarted { .. } => {}
            other => panic!("unexpected {other:?}"),
        }
    }
    let started = Instant::now();
    worker.send(NetCommand::Cancel);
    let mut cancelled = 0;
    while cancelled < 2 {
        match worker
            .recv_timeout(Duration::from_secs(5))
            .expect("cancel in time")
        {
            NetEvent::Cancelled => cancelled += 1,
            NetEvent::Progress { .. } => {}
            other => panic!("unexpected {other:?}"),
        }
    }
    assert!(started.elapsed() < Duration::from_secs(2));
    drop(worker); // joins the thread
}
