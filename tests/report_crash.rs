//! Crash safety of autosave: a child process (this test binary, re-run in child mode)
//! autosaves in a loop and prints each step after its atomic save returned; it is killed with
//! SIGKILL at random moments, 30 times. After every kill the autosave must be offered for
//! restore, open cleanly, and hold every step confirmed before the kill, in order.
// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use emv_doctor::i18n::Lang;
use emv_doctor::report::Report;
use emv_doctor::report::store::autosave::{self, Autosave};
use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

const CHILD_ENV: &str = "EMV_DOCTOR_AUTOSAVE_CHILD_DIR";
const ROUNDS: usize = 30;

/// The child: restores the pending session (or starts one), then adds one note per step and
/// autosaves, printing `confirmed N` after each save returns. Runs until killed.
#[test]
#[ignore = "child process of autosave_survives_sigkill; it starts this itself"]
fn autosave_child() {
    let dir =
        std::path::PathBuf::from(std::env::var_os(CHILD_ENV).expect("run by the parent test"));
    let now = || chrono::Local::now().fixed_offset();
    let (mut report, saver) = match autosave::pending_restore(&dir) {
        Some(p) => (p.loaded.report.clone(), Autosave::resume(&p)),
        None => {
            let r = Report::new(now(), Lang::En);
            let a = Autosave::start(&dir, &r).unwrap();
            (r, a)
        }
    };
    let mut out = std::io::stdout().lock();
    loop {
        let step = report.notes.len() + 1;
        report.add_note(now(), format!("step {step}"));
        saver.save(&report).unwrap();
        writeln!(out, "confirmed {step}").unwrap();
        out.flush().unwrap();
    }
}

fn random_below(n: u64) -> u64 {
    let mut b = [0u8; 8];
    getrandom::fill(&mut b).unwrap();
    u64::from_le_bytes(b) % n
}

#[test]
fn autosave_survives_sigkill() {
    let dir = tempfile::tempdir().unwrap();
    let exe = std::env::current_exe().unwrap();
    let mut confirmed_ever = 0usize;
    let mut kills_mid_run = 0;
    for round in 0..ROUNDS {
        let mut child = Command::new(&exe)
            .args([
                "autosave_child",
                "--exact",
                "--ignored",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(CHILD_ENV, dir.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                // The test harness prints `test autosave_child ... ` without a line break first.
                if let Some(n) = line
                    .rsplit_once("confirmed ")
                    .and_then(|(_, n)| n.parse::<usize>().ok())
                {
                    let _ = tx.send(n);
                }
            }
        });
        // Wait for the first confirmation most rounds, then kill at a random moment.
        let first = if round % 5 != 0 {
            rx.recv_timeout(Duration::from_secs(20)).ok()
        } else {
            None
        };
        std::thread::sleep(Duration::from_micros(random_below(60_000)));
        child.kill().unwrap(); // SIGKILL on Unix
        let status = child.wait().unwrap();
        assert!(
            !status.success(),
            "round {round}: the child must die from the kill"
        );
        reader.join().unwrap();
        let confirmed = rx.try_iter().chain(first).max().unwrap_or(0);
        if confirmed > 0 {
            kills_mid_run += 1;
        }
        confirmed_ever = confirmed_ever.max(confirmed);

        let pending = autosave::pending_restore(dir.path());
        if confirmed_ever == 0 {
            continue;
        }
        let pending = pending.unwrap_or_else(|| panic!("round {round}: no autosave offered"));
        let notes = &pending.loaded.report.notes;
        assert!(
            notes.len() >= confirmed_ever,
            "round {round}: autosave holds {} steps, {confirmed_ever} were confirmed",
            notes.len()
        );
        assert!(
            notes.len() <= confirmed_ever + 1,
            "round {round}: at most one unconfirmed step ({} kept, {confirmed} confirmed this round, {confirmed_ever} in all)",
            notes.len()
        );
        for (i, n) in notes.iter().enumerate() {
            assert_eq!(
                n.text,
                format!("step {}", i + 1),
                "round {round}: steps in order"
            );
        }
        confirmed_ever = notes.len();
    }
    assert!(
        kills_mid_run >= ROUNDS / 2,
        "most kills land while saving ({kills_mid_run})"
    );
    assert!(
        confirmed_ever > ROUNDS,
        "the children made progress ({confirmed_ever} steps)"
    );
    let sessions = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with("session-"))
        .count();
    assert_eq!(sessions, 1, "one session, resumed after every crash");
    eprintln!(
        "{ROUNDS} kills, {kills_mid_run} after a confirmed save, {confirmed_ever} steps kept"
    );
}
