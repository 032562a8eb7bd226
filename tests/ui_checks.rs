//! Guide checks through the real window: a host check and a clock check in one walk against a
//! loopback host and an SNTP server the test starts, cancel, Back during a check, closing with
//! unsaved changes, and a walk from an older guide reopening read-only.

mod net_support;
mod ui_support;

use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use emv_doctor::guide::checks::Recorded;
use emv_doctor::i18n::Lang;
use emv_doctor::report::network::NetResult;
use emv_doctor::ui::dialogs::FileDialogs;
use emv_doctor::ui::{App, AppOptions, UiCommand};
use std::path::{Path, PathBuf};
use ui_support::{Cancel, SaveTo, options, step_until, window};

/// A guide with a host check (the user types the host) followed by a clock check.
const NET_GUIDE: &str = r#"Guide(
    id: "net-walk",
    version: 2,
    title: (en: "Network walk", zh: "网络排查"),
    start: "host",
    nodes: [
        Check(
            id: "host",
            text: (en: "Check the payment host.", zh: "检查支付主机。"),
            check: "net.host",
            params: {"tls": "TLS"},
            branches: [
                (when: ["net.ok", "net.dns_failed", "net.unreachable", "net.refused", "net.loss", "net.high_latency", "net.jitter", "net.wireless", "tls.expired", "tls.hostname_mismatch", "tls.untrusted", "tls.failed", "tls.not_yet_valid"],
                 label: (en: "The host was checked", zh: "主机已检查"), to: "clock"),
                (when: ["unavailable"], label: (en: "Could not check the host", zh: "没法检查主机"), to: "out_hand"),
            ],
        ),
        Check(
            id: "clock",
            text: (en: "Check this computer's clock.", zh: "检查本机时间。"),
            check: "net.clock",
            branches: [
                (when: ["clock.ok", "clock.skew", "clock.unreachable"],
                 label: (en: "The clock was checked", zh: "时间已检查"), to: "out_done"),
                (when: ["unavailable"], label: (en: "Could not check the clock", zh: "没法检查时间"), to: "out_hand"),
            ],
        ),
        Outcome(id: "out_done", text: (en: "Network and clock checked.", zh: "网络和时间都检查过了。"), covers: ["network.unstable"],
            confirm: (en: "A payment goes through.", zh: "交易能成功。")),
        Outcome(id: "out_hand", text: (en: "Check by hand.", zh: "请手动检查。"), covers: ["network.unstable"],
            confirm: (en: "A payment goes through.", zh: "交易能成功。")),
    ],
)"#;

/// A folder holding the network guide; `tls` fills its host check's `tls` parameter.
fn guides_dir(tls: bool) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let text = NET_GUIDE.replace("\"TLS\"", if tls { "\"true\"" } else { "\"false\"" });
    std::fs::write(dir.path().join("net-walk.ron"), text).unwrap();
    dir
}

fn harness(
    guides: Option<&Path>,
    autosave: Option<&Path>,
    file: Option<PathBuf>,
    dialogs: Box<dyn FileDialogs>,
) -> Harness<'static, App> {
    window(
        [1024.0, 1000.0],
        AppOptions {
            file,
            dialogs,
            autosave_dir: autosave.map(Path::to_owned),
            guides_dir: guides.map(Path::to_owned),
            ..options(Lang::En)
        },
    )
}

/// Opens the guide page and starts the network guide.
fn start_net_walk(h: &mut Harness<'static, App>) {
    h.run();
    h.get_by_label("Step-by-step help").click();
    h.run();
    h.get_by_label("Network walk").click();
    h.run();
    assert_eq!(current(h), "host");
}

fn current(h: &Harness<'static, App>) -> String {
    h.state()
        .state()
        .session
        .as_ref()
        .unwrap()
        .current()
        .to_owned()
}

/// Types `host` into the host question and starts the check.
fn run_host_check(h: &mut Harness<'static, App>, host: &str) {
    let field = h.get_by_role_and_label(
        egui::accesskit::Role::TextInput,
        "Payment host to test, as host:port (in the terminal's network settings, or ask the acquirer); leave empty to skip:",
    );
    field.click();
    h.run();
    h.get_by_role_and_label(
        egui::accesskit::Role::TextInput,
        "Payment host to test, as host:port (in the terminal's network settings, or ask the acquirer); leave empty to skip:",
    )
    .type_text(host);
    h.run();
    h.get_by_label("▶ Let EMV Doctor check").click();
    h.step();
}

#[test]
fn a_host_check_then_a_clock_check_run_in_one_walk() {
    let host = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let target = host.local_addr().unwrap().to_string();
    let ntp = net_support::sntp_server(Some(0));
    let guides = guides_dir(false);
    let mut h = harness(Some(guides.path()), None, None, Box::new(Cancel));
    h.state_mut().command(UiCommand::SetNtpServer(
        ntp.addr.to_string().parse().unwrap(),
    ));
    start_net_walk(&mut h);

    run_host_check(&mut h, &target);
    step_until(&mut h, "the host check", |app| !app.state().check_running());
    assert_eq!(current(&h), "clock", "the host check took its branch");
    // The host typed for the host check does not reach the clock check.
    h.get_by_label("▶ Let EMV Doctor check").click();
    h.step();
    step_until(&mut h, "the clock check", |app| {
        !app.state().check_running()
    });
    assert_eq!(current(&h), "out_done");

    let state = h.state().state();
    let steps = &state.session.as_ref().unwrap().steps;
    let host_check = steps[0].check.as_ref().unwrap();
    let clock_check = steps[1].check.as_ref().unwrap();
    assert_eq!(host_check.codes(), ["net.ok"]);
    assert_eq!(host_check.params.get("host"), Some(&target));
    assert!(clock_check.params.is_empty(), "{:?}", clock_check.params);
    assert_eq!(clock_check.codes(), ["clock.ok"]);
    // The full results sit in the report next to the steps that ran them.
    let (Some(Recorded::NetCheck(hi)), Some(Recorded::NetCheck(ci))) =
        (host_check.recorded, clock_check.recorded)
    else {
        panic!("results not recorded: {host_check:?} {clock_check:?}");
    };
    match &state.report.net_checks[hi].result {
        NetResult::Host(r) => {
            assert_eq!(r.target, target);
            assert_eq!(r.tcp.ok, r.tcp.attempts);
        }
        other => panic!("expected the host check, got {other:?}"),
    }
    match &state.report.net_checks[ci].result {
        NetResult::Clock(c) => assert_eq!(c.server, ntp.addr.to_string()),
        other => panic!("expected the clock check, got {other:?}"),
    }
    assert!(ntp.served.load(std::sync::atomic::Ordering::Relaxed) >= 1);
    let walk = &state.report.guide_walks[0].session;
    assert_eq!(walk.steps.len(), 3);
}

#[test]
fn a_cancelled_check_leaves_the_walk_where_it_was_and_back_is_impossible_meanwhile() {
    // A port that accepts but never answers the TLS handshake: the check runs for seconds.
    let silent = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let target = silent.local_addr().unwrap().to_string();
    let guides = guides_dir(true);
    let mut h = harness(Some(guides.path()), None, None, Box::new(Cancel));
    start_net_walk(&mut h);
    run_host_check(&mut h, &target);
    assert!(h.state().state().check_running());
    h.step();
    assert!(
        h.get_by_label("⬅ Back").accesskit_node().is_disabled(),
        "Back is offered during a check"
    );
    assert!(h.get_by_label("Start again").accesskit_node().is_disabled());
    h.key_press(egui::Key::Backspace);
    h.step();
    h.state_mut().command(UiCommand::GuideBack);
    h.state_mut().command(UiCommand::GuideRestart);
    h.step();
    assert!(h.state().state().check_running(), "the check keeps running");
    assert_eq!(current(&h), "host");

    h.get_by_label("Stop the check (Esc)");
    h.key_press(egui::Key::Escape);
    h.step();
    h.step();
    let state = h.state().state();
    assert!(!state.check_running(), "Esc stops the check");
    assert_eq!(current(&h), "host");
    assert!(state.session.as_ref().unwrap().steps[0].check.is_none());
    // The worker's late answer changes nothing.
    let until = std::time::Instant::now() + std::time::Duration::from_secs(6);
    while std::time::Instant::now() < until {
        std::thread::sleep(std::time::Duration::from_millis(50));
        h.step();
    }
    let state = h.state().state();
    assert_eq!(current(&h), "host");
    assert!(state.report.net_checks.is_empty());
    assert!(state.session.as_ref().unwrap().steps[0].check.is_none());
    // The check can run again right away, now as a button click, and be cancelled by button.
    h.get_by_label("▶ Let EMV Doctor check").click();
    h.step();
    h.step();
    assert!(h.state().state().check_running());
    h.get_by_label("Stop the check (Esc)").click();
    h.step();
    assert!(!h.state().state().check_running());
}

fn autosaves(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .collect()
}

#[test]
fn closing_with_unsaved_changes_asks_and_a_failed_save_keeps_the_autosave() {
    let autosave = tempfile::tempdir().unwrap();
    // A folder that does not exist, like a USB stick that was pulled out.
    let gone = autosave
        .path()
        .join("usb-stick-pulled")
        .join("r.emvdoc.ron");
    let mut h = harness(None, Some(autosave.path()), None, Box::new(SaveTo(gone)));
    h.run();
    h.state_mut()
        .command(UiCommand::ReportNote("terminal 2 fails".into()));
    h.run();
    step_until(&mut h, "the autosave", |_| {
        !autosaves(autosave.path()).is_empty()
    });
    assert!(h.state().state().unsaved);

    h.state_mut().command(UiCommand::RequestClose);
    h.run();
    assert!(!h.state().may_close(), "closed without asking");
    h.get_by_label("Save your changes?");
    h.get_by_label("Save").click();
    h.step();
    step_until(&mut h, "the save", |app| !app.state().file_busy);
    assert!(!h.state().may_close(), "closed although the save failed");
    assert!(h.state().state().unsaved);
    assert_eq!(autosaves(autosave.path()).len(), 1, "the autosave is gone");
    h.get_by_label_contains("Could not save:");

    // Cancel keeps the window; "Don't save" closes.
    h.state_mut().command(UiCommand::RequestClose);
    h.run();
    h.get_by_label("Cancel").click();
    h.run();
    assert!(!h.state().may_close());
    assert!(!h.state().state().close_prompt);
    h.state_mut().command(UiCommand::RequestClose);
    h.run();
    h.get_by_label("Don't save").click();
    h.run();
    assert!(h.state().may_close());
}

#[test]
fn a_save_that_succeeds_on_close_removes_the_autosave() {
    let autosave = tempfile::tempdir().unwrap();
    let target = autosave.path().join("saved.emvdoc.ron");
    let mut h = harness(
        None,
        Some(autosave.path()),
        None,
        Box::new(SaveTo(target.clone())),
    );
    h.run();
    h.state_mut()
        .command(UiCommand::ReportNote("reader swapped".into()));
    h.run();
    step_until(&mut h, "the autosave", |_| {
        autosaves(autosave.path()).iter().any(|p| p != &target)
    });
    h.state_mut().command(UiCommand::RequestClose);
    h.run();
    assert!(
        h.state().state().close_prompt,
        "{:?}",
        h.state().state().unsaved
    );
    h.get_by_label("Save").click();
    h.step();
    step_until(&mut h, "the save", |app| !app.state().file_busy);
    assert!(h.state().may_close());
    assert_eq!(autosaves(autosave.path()), std::slice::from_ref(&target));
    let saved = emv_doctor::report::store::open(&target).unwrap().report;
    assert_eq!(saved.notes[0].text, "reader swapped");
}

#[test]
fn a_walk_made_with_an_older_guide_reopens_read_only() {
    let guides = guides_dir(false);
    let current = emv_doctor::guide::library::load_all(Some(guides.path()));
    let guide = current.get("net-walk").unwrap().clone();
    // The same guide one version earlier, with the walk stopped at its clock check.
    let mut older = guide.clone();
    older.version = guide.version - 1;
    let now = chrono::Local::now().fixed_offset();
    let mut session = emv_doctor::guide::Session::start(&older, now);
    session.add_note("older walk", now);
    let mut report = emv_doctor::report::Report::new(now, Lang::En);
    report.add_session(now, &older, session);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("old.emvdoc.ron");
    emv_doctor::report::store::save(&report, &file).unwrap();

    let mut h = harness(Some(guides.path()), None, Some(file), Box::new(Cancel));
    step_until(&mut h, "the report to open", |app| {
        app.state().session.is_some()
    });
    h.get_by_label("Step-by-step help").click();
    h.run();
    assert!(h.state().state().stale_walk.is_some());
    h.get_by_label(
        "This walk was made with another version of the guide, so it is shown read-only.",
    );
    assert!(h.query_by_label("▶ Let EMV Doctor check").is_none());
    assert!(h.get_by_label("⬅ Back").accesskit_node().is_disabled());
    h.state_mut()
        .command(UiCommand::GuideNote("ignored".into()));
    h.run();
    assert_eq!(h.state().state().session.as_ref().unwrap().notes.len(), 1);
    // The stored answers stay as they were.
    assert_eq!(
        h.state().state().report.guide_walks[0]
            .session
            .guide_version,
        1
    );

    h.get_by_label("Start again with the current guide").click();
    h.run();
    let state = h.state().state();
    assert!(state.stale_walk.is_none());
    assert_eq!(state.report.guide_walks.len(), 2);
    assert_eq!(state.session.as_ref().unwrap().guide_version, 2);
    h.get_by_label("▶ Let EMV Doctor check");
}
