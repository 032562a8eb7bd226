//! The card transport against the real stack: pcscd with the vsmartcard vpcd driver, virtual
//! cards served by `emv_doctor::card::vpcd`, the real `emv-doctor readers` binary and the card
//! worker across a pcscd restart. Needs pcscd (`scripts/pcscd.sh start`); skipped with a message
//! only when pcscd is not running at all.
// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{InProcessCard, VPCD_READER};
use emv_doctor::card::pcsc::{PcscCard, PcscError};
use emv_doctor::card::probe::ProbeOptions;
use emv_doctor::card::sim::scenarios::{self, Scenario};
use emv_doctor::card::sim::{CardModel, SimReply};
use emv_doctor::card::transport::{Apdu, CardChannel, Protocol, TransportError, allowed};
use emv_doctor::card::worker::{CardCommand, CardEvent, CardWorker};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// ATR of a T=0 card (TS 3B, T0 = 0x02: no interface bytes, 2 historical bytes).
const T0_ATR: [u8; 4] = [0x3B, 0x02, 0x14, 0x50];

/// A T=0 test card that records every command it receives. GET DATA `9F4F` answers 20 bytes
/// through `61XX` in 8-byte GET RESPONSE pieces; GET DATA `9F36` wants Le = 2 (`6C02`); SELECT
/// (case 4) answers `61XX` then its FCI; command number `mute_at` gets no answer and
/// `removed_at` pulls the card.
struct Recorder {
    seen: Arc<Mutex<Vec<Vec<u8>>>>,
    atr: Option<Vec<u8>>,
    pending: Vec<u8>,
    count: usize,
    mute_at: Option<usize>,
    removed_at: Option<usize>,
}

impl Recorder {
    fn new(seen: &Arc<Mutex<Vec<Vec<u8>>>>) -> Recorder {
        Recorder {
            seen: Arc::clone(seen),
            atr: Some(T0_ATR.to_vec()),
            pending: Vec::new(),
            count: 0,
            mute_at: None,
            removed_at: None,
        }
    }

    fn more(&mut self, sw2_max: usize) -> Vec<u8> {
        vec![0x61, self.pending.len().min(sw2_max) as u8]
    }
}

impl CardModel for Recorder {
    fn atr(&self) -> Option<Vec<u8>> {
        self.atr.clone()
    }
    fn protocol(&self) -> Protocol {
        Protocol::T0
    }
    fn reset(&mut self) {
        self.pending.clear();
    }
    fn respond(&mut self, command: &[u8]) -> SimReply {
        self.seen.lock().unwrap().push(command.to_vec());
        self.count += 1;
        if self.mute_at == Some(self.count) {
            return SimReply::Mute;
        }
        if self.removed_at == Some(self.count) {
            return SimReply::Removed;
        }
        let reply = match command {
            [0x00, 0xC0, 0x00, 0x00, le] => {
                let take = usize::from(*le).min(self.pending.len());
                let mut out: Vec<u8> = self.pending.drain(..take).collect();
                if self.pending.is_empty() {
                    out.extend([0x90, 0x00]);
                } else {
                    out.extend(self.more(8));
                }
                out
            }
            [0x80, 0xCA, 0x9F, 0x4F, _] => {
                self.pending = (0..20).collect();
                self.more(8)
            }
            [0x80, 0xCA, 0x9F, 0x36, 0x02] => vec![0x01, 0x2C, 0x90, 0x00],
            [0x80, 0xCA, 0x9F, 0x36, _] => vec![0x6C, 0x02],
            [0x00, 0xA4, 0x04, 0x00, lc, name @ ..] if usize::from(*lc) == name.len() => {
                self.pending =
                    [&[0x6F, name.len() as u8 + 2, 0x84, name.len() as u8], name].concat();
                self.more(0xFF)
            }
            _ => vec![0x6D, 0x00],
        };
        SimReply::Bytes(reply)
    }
}

fn log() -> Arc<Mutex<Vec<Vec<u8>>>> {
    Arc::new(Mutex::new(Vec::new()))
}

fn connect() -> CardChannel<PcscCard> {
    CardChannel::new(PcscCard::connect(VPCD_READER).expect("connect to the virtual card"))
}

#[test]
fn reader_present_without_card() {
    let _lock = common::vpcd_lock();
    if !common::pcscd_or_skip("reader_present_without_card") {
        return;
    }
    common::wait_for_vpcd_card(false);
    let (code, json) = common::run_json(&["readers"]);
    assert_eq!(code, Some(0), "{json}");
    assert_eq!(json["service"], "running");
    let readers = json["readers"].as_array().expect("readers array");
    let vpcd = readers
        .iter()
        .find(|r| r["name"] == VPCD_READER)
        .unwrap_or_else(|| panic!("{VPCD_READER} missing: {json}"));
    assert_eq!(vpcd["card_present"], false);
    assert!(vpcd["atr"].is_null());
    assert!(matches!(
        PcscCard::connect(VPCD_READER),
        Err(PcscError::NoCard)
    ));
}

#[test]
fn inserted_card_shows_its_atr() {
    let _lock = common::vpcd_lock();
    if !common::pcscd_or_skip("inserted_card_shows_its_atr") {
        return;
    }
    let card = InProcessCard::insert(Box::new(Recorder::new(&log())));
    let (code, json) = common::run_json(&["readers"]);
    assert_eq!(code, Some(0));
    let vpcd = json["readers"]
        .as_array()
        .and_then(|rs| rs.iter().find(|r| r["name"] == VPCD_READER))
        .unwrap_or_else(|| panic!("{VPCD_READER} missing: {json}"));
    assert_eq!(vpcd["card_present"], true);
    assert_eq!(vpcd["atr"], "3B021450");
    let text = common::run(&["--lang", "en", "readers"]);
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("card present, ATR 3B021450"), "{text}");
    card.remove();
}

#[test]
fn t0_rules_hold_through_pcscd() {
    let _lock = common::vpcd_lock();
    if !common::pcscd_or_skip("t0_rules_hold_through_pcscd") {
        return;
    }
    let seen = log();
    let card = InProcessCard::insert(Box::new(Recorder::new(&seen)));
    let mut ch = connect();
    assert_eq!(ch.protocol(), Protocol::T0);
    assert_eq!(ch.atr(), T0_ATR);

    // 61XX chained three times: no byte lost.
    let r = ch.transmit(&Apdu::get_data(0x9F4F)).unwrap();
    assert_eq!((r.data, r.sw), ((0..20).collect::<Vec<u8>>(), 0x9000));
    // 6CXX: the same command again with Le = 02.
    let r = ch.transmit(&Apdu::get_data(0x9F36)).unwrap();
    assert_eq!((r.data, r.sw), (vec![0x01, 0x2C], 0x9000));
    // Case 4 goes without Le on T=0, then GET RESPONSE.
    let aid = [0xA0, 0x00, 0x00, 0x00, 0x03, 0x10, 0x10];
    let r = ch.transmit(&Apdu::select(&aid, false)).unwrap();
    assert_eq!(r.sw, 0x9000);
    assert_eq!(&r.data[4..], aid);

    // Refused commands never reach the card.
    let verify = Apdu {
        cla: 0x00,
        ins: 0x20,
        p1: 0x00,
        p2: 0x80,
        data: vec![0x24, 0x12, 0x34, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF],
        le: None,
    };
    let generate_ac = Apdu {
        cla: 0x80,
        ins: 0xAE,
        p1: 0x80,
        p2: 0x00,
        data: vec![0; 29],
        le: Some(0),
    };
    for apdu in [verify, generate_ac] {
        assert!(matches!(
            ch.transmit(&apdu),
            Err(TransportError::NotAllowed(_))
        ));
    }
    drop(ch);

    let seen: Vec<String> = seen.lock().unwrap().iter().map(hex::encode_upper).collect();
    assert_eq!(
        seen,
        [
            "80CA9F4F00",
            "00C0000008",
            "00C0000008",
            "00C0000004",
            "80CA9F3600",
            "80CA9F3602",
            "00A4040007A0000000031010",
            "00C000000B",
        ]
    );
    for command in &seen {
        assert!(allowed(&hex::decode(command).unwrap()), "{command}");
    }
    card.remove();
}

#[test]
fn mute_and_removed_cards_are_told_apart() {
    let _lock = common::vpcd_lock();
    if !common::pcscd_or_skip("mute_and_removed_cards_are_told_apart") {
        return;
    }
    // A card that gives no ATR: present, but cannot be connected.
    let mut no_atr = Recorder::new(&log());
    no_atr.atr = None;
    let card = InProcessCard::insert(Box::new(no_atr));
    assert!(matches!(
        PcscCard::connect(VPCD_READER),
        Err(PcscError::Unresponsive)
    ));
    card.remove();

    // A card that stops answering.
    let mut mute = Recorder::new(&log());
    mute.mute_at = Some(3);
    let card = InProcessCard::insert(Box::new(mute));
    let mut ch = connect();
    ch.transmit(&Apdu::get_data(0x9F36)).unwrap();
    assert!(matches!(
        ch.transmit(&Apdu::get_data(0x9F13)),
        Err(TransportError::Mute)
    ));
    drop(ch);
    card.remove();

    // A card pulled out during an exchange.
    let mut pulled = Recorder::new(&log());
    pulled.removed_at = Some(3);
    let card = InProcessCard::insert(Box::new(pulled));
    let mut ch = connect();
    ch.transmit(&Apdu::get_data(0x9F36)).unwrap();
    let started = Instant::now();
    assert!(matches!(
        ch.transmit(&Apdu::get_data(0x9F13)),
        Err(TransportError::Removed)
    ));
    eprintln!("removal told in {:?}", started.elapsed());
    drop(ch);
    card.remove();
}

/// Waits up to `timeout` for an event `pick` accepts, returning it and the events before it.
fn next_event<T>(
    rx: &std::sync::mpsc::Receiver<CardEvent>,
    timeout: Duration,
    mut pick: impl FnMut(&CardEvent) -> Option<T>,
) -> Option<T> {
    let deadline = Instant::now() + timeout;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        let event = rx.recv_timeout(left).ok()?;
        if let Some(v) = pick(&event) {
            return Some(v);
        }
    }
}

fn has_vpcd(event: &CardEvent) -> Option<()> {
    match event {
        CardEvent::ReadersChanged(rs) if rs.iter().any(|r| r.name == VPCD_READER) => Some(()),
        _ => None,
    }
}

#[test]
fn worker_follows_cards_and_survives_pcscd_restart() {
    let _lock = common::vpcd_lock();
    if !common::pcscd_or_skip("worker_follows_cards_and_survives_pcscd_restart") {
        return;
    }
    let (_, status) = common::pcscd_control("status");
    assert!(
        status.contains("started by"),
        "this test restarts pcscd, so pcscd must have been started by scripts/pcscd.sh: {status}"
    );
    let wakes = Arc::new(Mutex::new(0u32));
    let counter = Arc::clone(&wakes);
    let (worker, rx) = CardWorker::spawn(Box::new(move || {
        if let Ok(mut n) = counter.lock() {
            *n += 1;
        }
    }));
    next_event(&rx, Duration::from_secs(5), has_vpcd).expect("the worker lists the vpcd reader");

    // Insert and remove a card.
    let card = InProcessCard::insert(Box::new(Recorder::new(&log())));
    let atr = next_event(&rx, Duration::from_secs(5), |e| match e {
        CardEvent::CardInserted { reader, atr } if reader == VPCD_READER => Some(atr.clone()),
        _ => None,
    })
    .expect("CardInserted");
    assert_eq!(atr, T0_ATR);
    card.remove();
    next_event(&rx, Duration::from_secs(5), |e| match e {
        CardEvent::CardRemoved { reader } if reader == VPCD_READER => Some(()),
        _ => None,
    })
    .expect("CardRemoved");

    // Refresh reports the readers again even though nothing changed.
    worker.send(CardCommand::Refresh);
    next_event(&rx, Duration::from_secs(3), has_vpcd).expect("readers after Refresh");

    // pcscd goes away and comes back.
    let (ok, out) = common::pcscd_control("stop");
    assert!(ok, "{out}");
    let stopped = Instant::now();
    let unavailable = next_event(&rx, Duration::from_secs(10), |e| {
        (*e == CardEvent::ServiceUnavailable).then_some(())
    });
    let restarting = Instant::now();
    let (ok, out) = common::pcscd_control("start");
    assert!(ok, "pcscd did not come back: {out}");
    unavailable.expect("ServiceUnavailable after pcscd stopped");
    eprintln!("service loss told in {:?}", stopped.elapsed());
    next_event(&rx, Duration::from_secs(10), |e| {
        (*e == CardEvent::ServiceBack).then_some(())
    })
    .expect("ServiceBack after pcscd restarted");
    next_event(&rx, Duration::from_secs(5), has_vpcd).expect("the reader found again");
    eprintln!(
        "service and reader back {:?} after `pcscd.sh start` began",
        restarting.elapsed()
    );
    assert!(*wakes.lock().unwrap() >= 6);

    let dropped = Instant::now();
    drop(worker);
    assert!(
        dropped.elapsed() < Duration::from_secs(3),
        "Drop took {:?}",
        dropped.elapsed()
    );
}

#[test]
fn simulate_serves_a_scenario_to_pcscd() {
    let _lock = common::vpcd_lock();
    let unknown = common::run(&["simulate", "no-such-card"]);
    assert_eq!(unknown.status.code(), Some(2));
    let listing = String::from_utf8_lossy(&unknown.stderr);
    assert!(listing.contains("visa-t0"), "{listing}");
    if !common::pcscd_or_skip("simulate_serves_a_scenario_to_pcscd") {
        return;
    }
    let atr = scenarios::build(Scenario::VisaT1)
        .atr()
        .expect("visa-t1 has an ATR");
    let sim = common::Simulator::start(Scenario::VisaT1);
    let (code, json) = common::run_json(&["readers"]);
    assert_eq!(code, Some(0));
    let vpcd = json["readers"]
        .as_array()
        .and_then(|rs| rs.iter().find(|r| r["name"] == VPCD_READER))
        .unwrap_or_else(|| panic!("{VPCD_READER} missing: {json}"));
    assert_eq!(vpcd["atr"], hex::encode_upper(&atr));
    sim.stop();
}

#[test]
fn worker_probes_through_pcscd() {
    let _lock = common::vpcd_lock();
    if !common::pcscd_or_skip("worker_probes_through_pcscd") {
        return;
    }
    let (model, seen) = scenarios::build_recording(Scenario::VisaT0);
    let card = InProcessCard::insert(model);
    let (worker, rx) = CardWorker::spawn(Box::new(|| {}));
    worker.send(CardCommand::Probe {
        reader: VPCD_READER.to_owned(),
        options: ProbeOptions::default(),
    });
    let mut steps = 0;
    let report = next_event(&rx, Duration::from_secs(20), |e| match e {
        CardEvent::ProbeProgress { reader, .. } if reader == VPCD_READER => {
            steps += 1;
            None
        }
        CardEvent::ProbeDone(report) => Some(report.clone()),
        _ => None,
    })
    .expect("ProbeDone");
    assert!(steps >= 3, "only {steps} progress events");
    assert_eq!(report.reader, VPCD_READER);
    assert!(!report.applications.is_empty(), "{report:?}");
    let codes: Vec<&str> = report.findings.iter().map(|f| f.code.as_str()).collect();
    assert!(codes.contains(&"card.ok"), "{codes:?}");
    let seen = seen.lock().unwrap().clone();
    assert_eq!(seen.len(), report.apdus.len());
    for command in &seen {
        assert!(allowed(command), "{}", hex::encode_upper(command));
    }

    // No card: the probe still answers, with the reason as a finding.
    card.remove();
    worker.send(CardCommand::Probe {
        reader: VPCD_READER.to_owned(),
        options: ProbeOptions::default(),
    });
    let report = next_event(&rx, Duration::from_secs(10), |e| match e {
        CardEvent::ProbeDone(report) => Some(report.clone()),
        _ => None,
    })
    .expect("ProbeDone without a card");
    let codes: Vec<&str> = report.findings.iter().map(|f| f.code.as_str()).collect();
    assert_eq!(codes, ["card.absent"]);
}
