//! Helpers for the real-stack tests (real `pcscd` with the vsmartcard vpcd driver, the real
//! `emv-doctor` binary).
//!
//! vpcd has one card slot on port 35963 (`Virtual PCD 00 00`), so every test that uses it takes
//! [`vpcd_lock`] first: an exclusive lock on a file under the temp dir, held across test threads,
//! test binaries and nextest processes. A test that needs pcscd calls [`pcscd_or_skip`], which
//! skips it (with a printed reason) only when pcscd is not running at all.
#![allow(dead_code)]

use emv_doctor::card::pcsc::{self, PcscError, ReaderInfo};
use emv_doctor::card::sim::CardModel;
use emv_doctor::card::vpcd;
use std::fs::File;
use std::path::PathBuf;
use std::process::{Child, Command, Output, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// The reader vpcd's first slot shows up as.
pub const VPCD_READER: &str = "Virtual PCD 00 00";
/// vpcd's first slot.
pub const VPCD_ADDR: &str = "127.0.0.1:35963";

/// Exclusive use of the vpcd slot until dropped.
pub struct VpcdLock {
    _file: File,
}

/// Waits for exclusive use of the vpcd slot (and of pcscd restarts).
pub fn vpcd_lock() -> VpcdLock {
    let path = std::env::temp_dir().join("emv-doctor-vpcd.lock");
    let file = File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .unwrap_or_else(|e| panic!("cannot open the lock file {}: {e}", path.display()));
    file.lock()
        .unwrap_or_else(|e| panic!("cannot lock {}: {e}", path.display()));
    VpcdLock { _file: file }
}

/// True when pcscd answers. When it does not: under CI (`CI=true`) the calling test fails, since
/// a test that cannot reach its service must not pass; elsewhere it is skipped, and says so on
/// stderr (nextest shows it: see `.config/nextest.toml`).
pub fn pcscd_or_skip(test: &str) -> bool {
    match pcsc::list_readers() {
        Err(PcscError::NoService) => {
            let why = "pcscd is not running (start it with scripts/pcscd.sh start; the project's \
                       test command does)";
            assert!(!in_ci(), "{test}: {why}");
            eprintln!("SKIPPED {test}: {why}");
            false
        }
        _ => true,
    }
}

/// Whether the tests run under CI (`CI` set to anything but `false` or empty).
pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0")
}

/// The `Virtual PCD 00 00` reader as pcscd sees it now.
pub fn vpcd_reader() -> Option<ReaderInfo> {
    pcsc::list_readers()
        .ok()?
        .into_iter()
        .find(|r| r.name == VPCD_READER)
}

/// Polls `check` every 50 ms until it gives `Some`, or `timeout` passes.
pub fn wait_for<T>(timeout: Duration, mut check: impl FnMut() -> Option<T>) -> Option<T> {
    let deadline = Instant::now() + timeout;
    loop {
        if let Some(v) = check() {
            return Some(v);
        }
        if Instant::now() >= deadline {
            return None;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Waits until the vpcd reader shows a card (`present`) or no card, and returns it.
pub fn wait_for_vpcd_card(present: bool) -> ReaderInfo {
    wait_for(Duration::from_secs(10), || {
        vpcd_reader().filter(|r| r.card_present == present)
    })
    .unwrap_or_else(|| {
        panic!(
            "{VPCD_READER} did not show {} within 10 s (is vsmartcard-vpcd installed?)",
            if present { "a card" } else { "an empty slot" }
        )
    })
}

/// Waits until the vpcd slot is empty and pcscd's event handler has had time to notice.
///
/// pcscd polls vpcd for the card every 400 ms. When a card vanishes under an open connection,
/// pcscd marks the slot empty at once, but its event handler only learns it on its next poll; a
/// new card connected before that poll is never powered up. So wait a little past "empty".
pub fn wait_for_empty_slot() {
    wait_for_vpcd_card(false);
    std::thread::sleep(Duration::from_millis(900));
}

/// A virtual card served to vpcd from a thread of the test; taken out when dropped.
pub struct InProcessCard {
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl InProcessCard {
    /// Serves `model` on vpcd's first slot and waits until pcscd sees it (or, for a card that
    /// cannot be powered up, at least some card state).
    pub fn insert(model: Box<dyn CardModel>) -> InProcessCard {
        wait_for_empty_slot();
        let stop = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&stop);
        let thread = std::thread::spawn(move || {
            if let Err(e) = vpcd::serve(model, VPCD_ADDR, &flag) {
                eprintln!("vpcd server: {e}");
            }
        });
        wait_for_vpcd_card(true);
        InProcessCard {
            stop,
            thread: Some(thread),
        }
    }

    /// Takes the card out and waits until pcscd sees the slot empty.
    pub fn remove(mut self) {
        self.take_out();
        wait_for_vpcd_card(false);
    }

    fn take_out(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

impl Drop for InProcessCard {
    fn drop(&mut self) {
        self.take_out();
    }
}

/// The `emv-doctor` binary under test.
pub fn emv_doctor() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_emv-doctor"));
    c.env(
        "EMV_DOCTOR_DATA_DIR",
        std::env::temp_dir().join("emv-doctor-tests"),
    );
    c
}

/// Runs `emv-doctor ARGS` to the end.
pub fn run(args: &[&str]) -> Output {
    emv_doctor()
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run emv-doctor {args:?}: {e}"))
}

/// Runs `emv-doctor ARGS --json` and parses its stdout.
pub fn run_json(args: &[&str]) -> (Option<i32>, serde_json::Value) {
    let mut all = args.to_vec();
    all.push("--json");
    let out = run(&all);
    let value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "emv-doctor {all:?} printed no JSON ({e}): {}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (out.status.code(), value)
}

/// `emv-doctor simulate SCENARIO` running as a child process; killed when dropped.
pub struct Simulator {
    child: Child,
}

impl Simulator {
    /// Starts serving `scenario` on vpcd's first slot and waits until pcscd sees a card.
    pub fn start(scenario: emv_doctor::card::sim::scenarios::Scenario) -> Simulator {
        wait_for_empty_slot();
        let child = emv_doctor()
            .args(["simulate", scenario.as_str()])
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start emv-doctor simulate {scenario}: {e}"));
        let sim = Simulator { child };
        wait_for_vpcd_card(true);
        sim
    }

    /// Stops the simulator and waits until pcscd sees the slot empty.
    pub fn stop(mut self) {
        self.kill();
        wait_for_vpcd_card(false);
    }

    fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Simulator {
    fn drop(&mut self) {
        self.kill();
    }
}

/// `scripts/pcscd.sh`.
pub fn pcscd_script() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("scripts/pcscd.sh")
}

/// Runs `scripts/pcscd.sh ACTION` and returns whether it succeeded, with its output.
pub fn pcscd_control(action: &str) -> (bool, String) {
    let out = Command::new(pcscd_script())
        .arg(action)
        .output()
        .unwrap_or_else(|e| panic!("cannot run scripts/pcscd.sh {action}: {e}"));
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}
