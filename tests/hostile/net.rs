//! Deadlines that hold: servers on 127.0.0.1 that drip one byte at a time (or keep sending
//! junk) cannot stretch a network check past its budget; progress goes to standard error.

use super::common::emv_doctor;
use super::net_support::{Server, accept_loop, thread_server};
use std::io::{Read, Write};
use std::net::UdpSocket;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

/// How long a drip server keeps going at most (far past every budget below).
const DRIP_FOR: Duration = Duration::from_secs(30);
/// Slack over a check's timeout for process start-up and a loaded machine.
const SLACK: Duration = Duration::from_secs(4);

/// A TCP server that answers a TLS ClientHello with the start of a 16 KiB handshake record,
/// one byte every 200 ms, until the client goes away.
fn tls_drip() -> Server {
    accept_loop(|_, mut sock| {
        let end = Instant::now() + DRIP_FOR;
        let _ = sock.set_read_timeout(Some(Duration::from_millis(200)));
        let mut hello = [0u8; 512];
        let _ = sock.read(&mut hello);
        let record = [
            0x16u8, 0x03, 0x03, 0x40, 0x00, 0x02, 0x00, 0x3F, 0xFC, 0x03, 0x03,
        ];
        let mut bytes = record.iter().copied().chain(std::iter::repeat(0x00));
        while Instant::now() < end {
            let b = bytes.next().unwrap_or(0);
            if sock.write_all(&[b]).is_err() {
                break;
            }
            std::thread::sleep(Duration::from_millis(200));
        }
    })
}

/// A UDP server that answers an SNTP request with a junk datagram every 100 ms.
fn sntp_drip() -> Server {
    let socket = UdpSocket::bind("127.0.0.1:0").unwrap();
    socket
        .set_read_timeout(Some(Duration::from_millis(20)))
        .unwrap();
    let addr = socket.local_addr().unwrap();
    thread_server(addr, move |stop| {
        let end = Instant::now() + DRIP_FOR;
        let mut client = None;
        let mut buf = [0u8; 512];
        while !stop.load(Ordering::Relaxed) && Instant::now() < end {
            if let Ok((_, from)) = socket.recv_from(&mut buf) {
                client = Some(from);
            }
            if let Some(to) = client {
                let _ = socket.send_to(&[0x24; 12], to);
                std::thread::sleep(Duration::from_millis(100));
            }
        }
    })
}

/// Asserts a run of `emv-doctor` ended within `budget_ms` (plus [`SLACK`]).
fn assert_within(budget_ms: u64, took: Duration, out: &std::process::Output) {
    assert!(
        took < Duration::from_millis(budget_ms) + SLACK,
        "took {took:?}: {out:?}"
    );
}

/// Runs `emv-doctor ARGS` and returns its output and how long it took.
fn timed(args: &[&str]) -> (std::process::Output, Duration) {
    let started = Instant::now();
    let out = emv_doctor().args(args).output().unwrap();
    (out, started.elapsed())
}

/// `emv-doctor --lang en net clock ARGS…`, timed.
fn timed_clock(args: &[&str]) -> (std::process::Output, Duration) {
    timed(&[&["--lang", "en", "net", "clock"], args].concat())
}

/// Issue item 6: a TLS server that drips one byte at a time.
#[test]
fn a_dripping_tls_server_cannot_stretch_net_host() {
    let server = tls_drip();
    let target = server.addr.to_string();
    let (out, took) = timed(&[
        "--lang",
        "en",
        "net",
        "host",
        &target,
        "--tls",
        "--count",
        "1",
        "--timeout-ms",
        "1500",
    ]);
    assert_within(1500, took, &out);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("no TLS answer within"), "{text}");
    // Issue item 8: each attempt shows on standard error as it ends.
    let progress = String::from_utf8_lossy(&out.stderr);
    assert!(
        progress.contains(&format!("{target}: 1/1: failed")),
        "{progress}"
    );
}

/// Issue item 6: the same server behind `net clock --https`.
#[test]
fn a_dripping_tls_server_cannot_stretch_net_clock_https() {
    let tls = tls_drip();
    let ntp = sntp_drip();
    let (ntp_addr, https_addr) = (ntp.addr.to_string(), tls.addr.to_string());
    let (out, took) = timed_clock(&[
        "--ntp",
        &ntp_addr,
        "--https",
        &https_addr,
        "--timeout-ms",
        "1500",
        "--json",
    ]);
    // SNTP and HTTPS run one after the other, each within its own budget.
    assert_within(3000, took, &out);
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("Checking the clock"),
        "{out:?}"
    );
}

/// A server that keeps sending junk datagrams cannot stretch the SNTP query.
#[test]
fn a_chattering_sntp_server_cannot_stretch_net_clock() {
    let ntp = sntp_drip();
    let ntp_addr = ntp.addr.to_string();
    let (out, took) = timed_clock(&["--ntp", &ntp_addr, "--timeout-ms", "1000"]);
    assert_within(1000, took, &out);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("48"), "the junk is reported: {text}");
}
