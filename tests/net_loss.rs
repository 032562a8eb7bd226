//! Real packet loss: in a private network namespace, an nftables rule drops about 30 % of the
//! TCP SYNs to a listener; the real binary, run inside the namespace, must report `net.loss`
//! with a figure near 30 %. Needs root, `ip` and `nft`; skipped (with the reason printed)
//! otherwise. The namespace is removed afterwards, also when the test fails.
//!
//! The listener is this test binary itself, started inside the namespace through
//! `ip netns exec` with `LOSS_LISTENER_PORT` set: the same test function then serves instead of
//! testing.
// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use serde_json::Value;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const PORT: u16 = 7000;
const LISTENER_ENV: &str = "LOSS_LISTENER_PORT";
/// Share of SYNs dropped, in tenths.
const DROP_TENTHS: u32 = 3;

/// Removes the namespace and stops the listener when dropped.
struct Namespace {
    name: String,
    listener: Option<Child>,
}

impl Drop for Namespace {
    fn drop(&mut self) {
        if let Some(mut c) = self.listener.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
        let _ = Command::new("ip")
            .args(["netns", "del", &self.name])
            .status();
    }
}

fn sh(program: &str, args: &[&str], stdin: Option<&str>) -> Result<(), String> {
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("{program}: {e}"))?;
    if let (Some(text), Some(mut input)) = (stdin, child.stdin.take()) {
        input
            .write_all(text.as_bytes())
            .map_err(|e| e.to_string())?;
    }
    let out = child.wait_with_output().map_err(|e| e.to_string())?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!(
            "{program} {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        ))
    }
}

fn have(program: &str) -> bool {
    Command::new(program)
        .arg("-V")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok()
}

fn is_root() -> bool {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("Uid:"))
                .map(|l| l.split_whitespace().nth(1) == Some("0"))
        })
        .unwrap_or(false)
}

/// Listener mode: accept (and drop) connections until killed, at most two minutes.
fn serve(port: u16) {
    let l = TcpListener::bind(("127.0.0.1", port)).expect("bind inside the namespace");
    l.set_nonblocking(true).unwrap();
    println!("LISTENER READY");
    let end = Instant::now() + Duration::from_secs(120);
    while Instant::now() < end {
        match l.accept() {
            Ok((s, _)) => drop(s),
            Err(_) => std::thread::sleep(Duration::from_millis(2)),
        }
    }
}

#[test]
fn dropped_syns_are_reported_as_loss() {
    if let Ok(port) = std::env::var(LISTENER_ENV) {
        serve(port.parse().expect("port"));
        return;
    }
    if !is_root() {
        eprintln!("SKIPPED: not root (network namespaces and nftables need root)");
        return;
    }
    for tool in ["ip", "nft"] {
        if !have(tool) {
            eprintln!("SKIPPED: `{tool}` is not installed");
            return;
        }
    }
    let mut ns = Namespace {
        name: format!("emvdoc-loss-{}", std::process::id()),
        listener: None,
    };
    sh("ip", &["netns", "add", &ns.name], None).unwrap();
    sh("ip", &["-n", &ns.name, "link", "set", "lo", "up"], None).unwrap();
    let rules = format!(
        "table inet emvdoc_loss {{\n  chain input {{\n    type filter hook input priority 0; policy accept;\n    \
         tcp dport {PORT} tcp flags & (syn | ack) == syn numgen random mod 10 < {DROP_TENTHS} drop\n  }}\n}}\n"
    );
    sh(
        "ip",
        &["netns", "exec", &ns.name, "nft", "-f", "-"],
        Some(&rules),
    )
    .unwrap();

    let me = std::env::current_exe().unwrap();
    let mut child = Command::new("ip")
        .args(["netns", "exec", &ns.name])
        .arg(&me)
        .args([
            "dropped_syns_are_reported_as_loss",
            "--exact",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(LISTENER_ENV, PORT.to_string())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    ns.listener = Some(child);
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if line.contains("LISTENER READY") {
                let _ = tx.send(());
            }
        }
    });
    rx.recv_timeout(Duration::from_secs(20))
        .expect("listener ready in the namespace");

    let out = Command::new("ip")
        .args(["netns", "exec", &ns.name, env!("CARGO_BIN_EXE_emv-doctor")])
        .args([
            "net",
            "host",
            &format!("127.0.0.1:{PORT}"),
            "--count",
            "60",
            "--timeout-ms",
            "400",
            "--json",
        ])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let tcp = &v["tcp"];
    let loss = tcp["loss_pct"].as_f64().unwrap();
    eprintln!(
        "loss {loss:.1} % over {} attempts (configured {} %)",
        tcp["attempts"],
        DROP_TENTHS * 10
    );
    assert_eq!(tcp["attempts"], 60);
    assert!(
        (10.0..=55.0).contains(&loss),
        "loss {loss} % is far from the configured 30 %"
    );
    let codes: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["code"].as_str())
        .collect();
    assert!(codes.contains(&"net.loss"), "{codes:?}");
    assert!(!codes.contains(&"net.unreachable"));
    // Survivors are fast: the loss is not disguised as latency.
    assert!(tcp["avg_ms"].as_f64().unwrap() < 50.0);
}
