//! The read-only EMV probe: the sequence a contact terminal runs (EMV 4.3 Book 1 §12, Book 3
//! §10), stopped before anything that changes the card beyond the ATC (no VERIFY, no
//! GENERATE AC), producing a [`CardReport`] with findings in plain words.
//!
//! ATR → SELECT PSE and read its directory → only when the PSE lists nothing, SELECT PPSE →
//! only when neither lists anything, the registered AIDs → per application: SELECT, FCI,
//! PDOL filled with terminal values, GPO (unless `no_gpo`), READ RECORD for each AFL entry,
//! GET DATA for the counters. No blind SFI scanning: only records a directory or an AFL names
//! are read. Commands go through [`CardChannel`], which enforces the allowlist.

mod app;
mod assess;
mod errors;
pub mod pdol;
mod reader;
mod report;
mod select;

pub use errors::{finding_def_for_pcsc, finding_def_for_pcsc_on, finding_for_pcsc};
pub use reader::{probe_reader, unprobed};
pub use report::{ApplicationReport, CardReport, FoundBy, Unread};

use crate::card::sim::scenarios::Scenario;
use crate::card::transport::{Apdu, CardChannel, RawTransport, Response, TransportError};
use crate::finding::card as f;
use crate::finding::{Finding, FindingDef};
use std::time::Instant;

/// What the probe may do.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ProbeOptions {
    /// Skip GET PROCESSING OPTIONS (which increments the card's ATC); the records stay unread.
    pub no_gpo: bool,
}

/// The stages of a probe, shown to people in words ([`Stage::text`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    /// Reading the card's directory (PSE).
    Pse,
    /// Reading the contactless directory (PPSE).
    Ppse,
    /// Trying the known payment applications one by one.
    AidList,
    /// Selecting an application.
    Select,
    /// Starting a transaction (GET PROCESSING OPTIONS).
    Gpo,
    /// Reading an application's records.
    Records,
    /// Reading the counters.
    GetData,
    /// Finished.
    Done,
}

impl Stage {
    /// The stage in words, both languages.
    pub fn text(self) -> crate::i18n::Text {
        use crate::i18n::Text;
        match self {
            Stage::Pse => Text::new("Reading the card's directory…", "正在读取卡片目录……"),
            Stage::Ppse => Text::new("Reading the contactless directory…", "正在读取非接目录……"),
            Stage::AidList => Text::new("Looking for payment applications…", "正在查找支付应用……"),
            Stage::Select => Text::new("Opening the payment application…", "正在打开支付应用……"),
            Stage::Gpo => Text::new("Starting a test transaction…", "正在开始测试交易……"),
            Stage::Records => Text::new("Reading the card's data…", "正在读取卡片数据……"),
            Stage::GetData => Text::new("Reading the counters…", "正在读取计数器……"),
            Stage::Done => Text::new("Done", "完成"),
        }
    }

    /// The short technical name, e.g. `gpo`.
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Pse => "pse",
            Stage::Ppse => "ppse",
            Stage::AidList => "aid_list",
            Stage::Select => "select",
            Stage::Gpo => "gpo",
            Stage::Records => "records",
            Stage::GetData => "get_data",
            Stage::Done => "done",
        }
    }
}

/// Progress of a running probe, for a progress bar.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProbeStep {
    /// The stage, for people.
    pub stage: Stage,
    /// What is being done, technically: the stage's name and the application's AID when there
    /// is one (`pse`, `select AID`, `gpo AID`, …, `done`).
    pub step: String,
    /// Steps done.
    pub done: u32,
    /// Steps expected in all (grows once the applications are known).
    pub total: u32,
}

/// Why the probe stopped early: the card went away or the channel refused a command.
#[derive(Debug)]
pub(crate) struct Stop(TransportError);

/// The probe's working state.
pub(crate) struct Probe<'a, T: RawTransport> {
    channel: &'a mut CardChannel<T>,
    options: ProbeOptions,
    progress: &'a mut dyn FnMut(ProbeStep),
    done: u32,
    total: u32,
    findings: Vec<Finding>,
    apps: Vec<ApplicationReport>,
    now: chrono::NaiveDateTime,
}

impl<T: RawTransport> Probe<'_, T> {
    /// Sends one command; a status word `6581` also records `card.hardware`.
    fn send(&mut self, apdu: &Apdu) -> Result<Response, Stop> {
        let r = self.channel.transmit(apdu).map_err(Stop)?;
        if r.sw == 0x6581 {
            let detail = format!(
                "SW 6581 to {}",
                hex::encode_upper(apdu.to_bytes(self.channel.protocol()))
            );
            self.add(&f::CARD_HARDWARE, Some(detail));
        }
        Ok(r)
    }

    /// Records a finding (once per code; the first detail wins).
    fn add(&mut self, def: &FindingDef, detail: Option<String>) {
        if !self.findings.iter().any(|x| x.code == def.code) {
            self.findings.push(Finding::new(def, detail));
        }
    }

    fn step(&mut self, stage: Stage, aid: Option<&str>) {
        self.done += 1;
        self.total = self.total.max(self.done + 1);
        let step = match aid {
            Some(aid) => format!("{} {aid}", stage.as_str()),
            None => stage.as_str().to_owned(),
        };
        (self.progress)(ProbeStep {
            stage,
            step,
            done: self.done,
            total: self.total,
        });
    }

    fn has(&self, code: &str) -> bool {
        self.findings.iter().any(|x| x.code == code)
    }

    /// The whole sequence; returns early only when the card is gone or a command was refused.
    fn execute(&mut self) -> Result<(), Stop> {
        let candidates = select::candidates(self)?;
        if self.has(f::CARD_BLOCKED.code) {
            return Ok(());
        }
        self.total = self.done + 4 * candidates.len() as u32 + 1;
        for candidate in candidates {
            app::read(self, candidate)?;
        }
        Ok(())
    }
}

/// Runs the probe on the card behind `channel`. Never panics: card errors become findings.
pub fn run<T: RawTransport>(
    channel: &mut CardChannel<T>,
    reader: &str,
    options: &ProbeOptions,
    progress: &mut dyn FnMut(ProbeStep),
) -> CardReport {
    let started = Instant::now();
    let now = chrono::Local::now();
    let atr = hex::encode_upper(channel.atr());
    let protocol = channel.protocol();
    let mut probe = Probe {
        channel,
        options: *options,
        progress,
        done: 0,
        total: 6,
        findings: Vec::new(),
        apps: Vec::new(),
        now: now.naive_local(),
    };
    let outcome = probe.execute();
    if let Err(Stop(e)) = &outcome {
        let def = finding_def_for_transport(e);
        probe.add(def, Some(e.to_string()));
    }
    assess::conclude(&mut probe, outcome.is_ok());
    probe.step(Stage::Done, None);
    let Probe {
        channel,
        findings,
        apps,
        ..
    } = probe;
    CardReport {
        reader: reader.to_owned(),
        atr,
        protocol: Some(protocol),
        applications: apps,
        findings: assess::sorted(findings),
        apdus: channel.log().to_vec(),
        duration_ms: started.elapsed().as_secs_f64() * 1000.0,
        local_time: now.format("%Y-%m-%d %H:%M:%S %:z").to_string(),
        gpo_skipped: options.no_gpo,
    }
}

/// The finding for a transport failure during the probe.
fn finding_def_for_transport(e: &TransportError) -> &'static FindingDef {
    match e {
        TransportError::Removed | TransportError::Pcsc(_) => &f::CARD_REMOVED,
        TransportError::Mute => &f::CARD_MUTE,
        TransportError::NotAllowed(_) => &f::PROBE_COMMAND_REFUSED,
        TransportError::CardProtocol(_) => &f::CARD_DATA_MALFORMED,
    }
}

/// The finding for a transport error met before the probe could start (e.g. a virtual card
/// without ATR).
pub fn finding_for_transport_error(e: &TransportError) -> Finding {
    Finding::new(finding_def_for_transport(e), Some(e.to_string()))
}

/// A report for a probe that could not start: no service, no reader, no card, no ATR.
pub fn report_without_card(reader: &str, finding: Finding) -> CardReport {
    CardReport {
        reader: reader.to_owned(),
        findings: vec![finding],
        local_time: chrono::Local::now()
            .format("%Y-%m-%d %H:%M:%S %:z")
            .to_string(),
        ..CardReport::default()
    }
}

/// Probes the virtual card `scenario` in process (training mode, `probe --sim`): the same probe
/// over the [`SimTransport`](crate::card::sim::transport::SimTransport), reader `sim:NAME`.
pub fn probe_scenario(scenario: Scenario, options: &ProbeOptions) -> CardReport {
    let card = crate::card::sim::scenarios::build(scenario);
    let reader = format!("sim:{scenario}");
    match crate::card::sim::transport::SimTransport::new(card) {
        Ok(transport) => {
            let mut channel = crate::card::transport::CardChannel::new(transport);
            run(&mut channel, &reader, options, &mut |_| {})
        }
        Err(e) => report_without_card(&reader, finding_for_transport_error(&e)),
    }
}
