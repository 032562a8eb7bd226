//! The smaller defects of the hardening pass, one case each.

use super::common::emv_doctor;
use super::report_support::full_report_with_probe;
use emv_doctor::i18n::Lang;
use emv_doctor::report::{MAX_NOTE_BYTES, store};
use std::io::Write;
use std::net::{TcpListener, UdpSocket};
use std::process::{Output, Stdio};
use std::time::Duration;

fn run(args: &[&str]) -> Output {
    emv_doctor().args(args).output().unwrap()
}

/// Runs `emv-doctor` with the words of `line` as arguments.
fn run_words(line: &str) -> Output {
    run(&line.split_whitespace().collect::<Vec<_>>())
}

fn run_with_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = emv_doctor()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let _ = stdin.write_all(input);
    drop(stdin);
    child.wait_with_output().unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// A saved report with `edit` applied to its text.
fn crafted(dir: &std::path::Path, edit: impl Fn(String) -> String) -> std::path::PathBuf {
    let file = dir.join("crafted.emvdoc.ron");
    let good = store::encode(&full_report_with_probe(Lang::En)).unwrap();
    std::fs::write(&file, edit(good)).unwrap();
    file
}

/// An ATR with a 300-byte TD chain is refused (ISO/IEC 7816-3: 33 bytes at most), in
/// `decode` and in a report, without a panic.
#[test]
fn an_overlong_atr_is_refused_without_overflow() {
    let atr = format!("3B80{}01", "80".repeat(300));
    let out = run(&["decode", "atr", &atr]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(text(&out.stderr).contains("at most 33"), "{out:?}");
    let dir = tempfile::tempdir().unwrap();
    let file = crafted(dir.path(), |t| {
        let start = t.find("atr: \"").unwrap() + 6;
        let end = start + t[start..].find('"').unwrap();
        format!("{}{atr}{}", &t[..start], &t[end..])
    });
    for args in [
        vec!["report", "show"],
        vec!["report", "export", "--format", "md"],
    ] {
        let mut all = args.clone();
        all.push(file.to_str().unwrap());
        let out = run(&all);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {out:?}");
    }
}

/// SNTP answers with zero or all-ones timestamps are refused; a kiss-o'-death shows its code.
#[test]
fn sntp_answers_without_a_time_or_with_a_kiss_are_refused() {
    for (stratum, stamp, expect) in [
        (2u8, 0u8, "no valid time"),
        (2, 0xFF, "no valid time"),
        (0, 0x11, "RATE"),
    ] {
        let socket = UdpSocket::bind("127.0.0.1:0").unwrap();
        socket
            .set_read_timeout(Some(Duration::from_secs(5)))
            .unwrap();
        let addr = socket.local_addr().unwrap();
        let server = std::thread::spawn(move || {
            let mut buf = [0u8; 512];
            if let Ok((_, from)) = socket.recv_from(&mut buf) {
                let mut answer = [stamp; 48];
                answer[0] = 0x24;
                answer[1] = stratum;
                answer[12..16].copy_from_slice(b"RATE");
                answer[24..32].copy_from_slice(&buf[40..48]);
                let _ = socket.send_to(&answer, from);
            }
        });
        let out = run(&[
            "--lang",
            "en",
            "net",
            "clock",
            "--ntp",
            &addr.to_string(),
            "--timeout-ms",
            "1000",
        ]);
        server.join().unwrap();
        assert!(text(&out.stdout).contains(expect), "{expect}: {out:?}");
    }
}

/// Unknown fields inside a probe are errors, as the format's documentation says.
#[test]
fn unknown_fields_inside_a_probe_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let file = crafted(dir.path(), |t| {
        t.replacen("atr: ", "smuggled: \"x\",\n                atr: ", 1)
    });
    let out = run(&["--lang", "en", "report", "check", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert!(text(&out.stderr).contains("smuggled"), "{out:?}");
}

/// Error texts name what is wrong with the file, not the parser's internals.
#[test]
fn a_deeply_nested_report_gets_a_plain_error() {
    let dir = tempfile::tempdir().unwrap();
    let file = crafted(dir.path(), |t| {
        t.replacen("summary: ", &format!("summary: {}", "Some(".repeat(200)), 1)
    });
    let out = run(&["--lang", "en", "report", "check", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let err = text(&out.stderr);
    for internal in ["ron::", "serde_stacker", "recursion_limit"] {
        assert!(!err.contains(internal), "{err}");
    }
}

/// A UTF-8 byte-order mark (as some editors write) is accepted.
#[test]
fn a_byte_order_mark_is_accepted() {
    let dir = tempfile::tempdir().unwrap();
    let file = crafted(dir.path(), |t| format!("\u{FEFF}{t}"));
    let out = run(&["report", "check", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
}

/// The newer-version error has its `file:line:column: ` like every other.
#[test]
fn a_newer_version_error_has_a_position() {
    let dir = tempfile::tempdir().unwrap();
    let file = crafted(dir.path(), |t| {
        let current = format!("format_version: {}", emv_doctor::report::FORMAT_VERSION);
        t.replacen(&current, "format_version: 9", 1)
    });
    let out = run(&["--lang", "en", "report", "check", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let expect = format!("{}:2:5: this report was written by a newer", file.display());
    assert!(text(&out.stderr).contains(&expect), "{out:?}");
}

/// Invalid UTF-8 on `decode -` is bad input (exit 2), like any other bad input.
#[test]
fn invalid_utf8_on_decode_stdin_is_exit_2() {
    let out = run_with_stdin(&["decode", "tlv", "-"], &[0x35, 0x41, 0xFF, 0xFE]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
}

/// An unknown simulated card is a usage error (exit 2).
#[test]
fn an_unknown_simulated_card_is_exit_2() {
    let out = run(&["probe", "--sim", "nosuch"]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(text(&out.stderr).contains("unknown scenario"), "{out:?}");
}

/// An IPv6 address without brackets gets a hint.
#[test]
fn a_bare_ipv6_target_gets_a_hint() {
    let out = run(&["--lang", "en", "net", "host", "::1:443"]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(text(&out.stderr).contains("[2001:db8::1]:443"), "{out:?}");
}

/// With no successful attempt there are no made-up figures.
#[test]
fn zero_successes_print_no_figures() {
    let closed = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let out = run(&[
        "--lang",
        "en",
        "net",
        "host",
        &closed.to_string(),
        "--count",
        "2",
        "--timeout-ms",
        "500",
    ]);
    let shown = text(&out.stdout);
    assert!(!shown.contains("0.0/0.0/0.0"), "{shown}");
    assert!(shown.contains("none succeeded"), "{shown}");
}

/// A bad `--sni` is a usage error, not the acquirer's fault.
#[test]
fn a_bad_sni_is_not_blamed_on_the_acquirer() {
    let out = run(&[
        "--lang",
        "en",
        "net",
        "host",
        "127.0.0.1:443",
        "--json",
        "--sni",
        "bad name!",
    ]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(text(&out.stderr).contains("--sni"), "{out:?}");
    assert!(!text(&out.stdout).contains("acquirer"), "{out:?}");
}

/// Issue item 7: `--ca` naming an endless file is refused after a bounded read.
#[test]
fn an_endless_ca_file_is_refused_quickly() {
    let out = run_words("--lang en net host 127.0.0.1:443 --ca /dev/zero");
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(text(&out.stderr).contains("larger than"), "{out:?}");
}

/// Issue item 7: a note is bounded where it is typed and where a report is read.
#[test]
fn an_oversized_note_is_refused_where_typed_and_where_read() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("w.emvdoc.ron");
    let huge = "x".repeat(MAX_NOTE_BYTES + 1);
    let out = run_with_stdin(
        &[
            "--lang",
            "en",
            "guide",
            "walk",
            "emv-error",
            "--save",
            file.to_str().unwrap(),
        ],
        format!("1\nn\n{huge}\nn\nshort note\n1\n").as_bytes(),
    );
    assert!(out.status.success(), "{out:?}");
    assert!(
        text(&out.stdout).contains("too long"),
        "the walker says why"
    );
    let saved = store::open(&file).unwrap().report;
    let notes: Vec<_> = saved.guide_walks[0]
        .session
        .notes
        .iter()
        .map(|n| n.text.len())
        .collect();
    assert_eq!(
        notes,
        vec!["short note".len()],
        "only the short note is kept"
    );

    let crafted = crafted(dir.path(), |t| t.replacen("Tried twice", &huge, 1));
    let out = run(&["--lang", "en", "report", "check", crafted.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert!(text(&out.stderr).contains("at most 16384 bytes"), "{out:?}");
}
