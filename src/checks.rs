//! Runs a guide's automated checks for real: PC/SC readers, the card probe, the network, the
//! clock and the system this computer runs.
//!
//! A [`CheckRequest`] (built by [`CheckRequest::for_node`], pure) becomes a [`Plan`]: what to
//! ask which worker. The window sends the plan to the same card and network workers its pages
//! use; the command line runs it here with [`run`]. Either way the [`Outcome`] comes back to
//! [`finish`], which turns it into the step's [`CheckResult`]: one path for both front ends. A
//! check that cannot run gives the `unavailable` result with the reason, so the user answers
//! by hand; it never guesses.

use crate::card::pcsc::{self, PcscError, ReaderInfo};
use crate::card::probe::{self, CardReport, ProbeOptions};
use crate::finding::{Finding, card as card_findings, link};
use crate::guide::checks::{CheckId, CheckRequest, CheckResult, Recorded};
use crate::i18n::BiText;
use crate::net::clock::{ClockOptions, ClockReport, NtpServer, check_clock};
use crate::net::host::{HostOptions, HostReport, Target, check_host};
use crate::net::interfaces::{Interface, InterfaceKind, link_in_use};
use crate::system::SystemInfo;
use std::sync::atomic::AtomicBool;
use std::time::Duration;

/// How long `card.probe` waits for a card to be inserted when no reader is chosen (command line).
pub const CARD_WAIT: Duration = Duration::from_secs(15);

/// What the front end brings to a check besides the guide's parameters: the reader chosen on
/// the card page and the time server set for the clock check.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CheckContext {
    /// The reader to probe; `None`: the first reader that holds a card (waiting [`CARD_WAIT`]).
    pub reader: Option<String>,
    /// The time server; `None`: [`crate::net::clock::DEFAULT_SERVER`].
    pub ntp_server: Option<NtpServer>,
}

/// What a check needs done, and by which worker.
#[derive(Clone, Debug, PartialEq)]
pub enum Plan {
    /// List the PC/SC readers.
    Readers,
    /// Probe the card in the chosen reader (or wait for one).
    Probe(ProbeOptions),
    /// Check a payment host (network worker).
    Host(HostOptions),
    /// Check the clock (network worker).
    Clock(ClockOptions),
    /// Find the link that carries the traffic.
    Link,
    /// Tell which system this computer runs.
    System,
}

/// What running a [`Plan`] gave.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    /// The readers, or why they could not be listed.
    Readers(Result<Vec<ReaderInfo>, PcscError>),
    /// A finished probe (its findings say why when there was no card).
    Card(Box<CardReport>),
    /// A finished host check.
    Host(Box<HostReport>),
    /// A finished clock check.
    Clock(Box<ClockReport>),
    /// The link in use, if any.
    Link(Option<Interface>),
    /// The system this computer runs.
    System(SystemInfo),
}

/// The plan for `request`: parameters turned into typed options. A parameter that does not
/// parse gives the `unavailable` result.
pub fn plan(request: &CheckRequest, context: &CheckContext) -> Result<Plan, Box<CheckResult>> {
    Ok(match request.id {
        CheckId::ReaderPresent => Plan::Readers,
        CheckId::CardProbe => Plan::Probe(ProbeOptions::default()),
        CheckId::NetHost => {
            let raw = request.params.get("host").map_or("", String::as_str);
            let target: Target = raw.parse().map_err(|e| {
                Box::new(CheckResult::unavailable(
                    request.id.as_str(),
                    request.params.clone(),
                    BiText::new(
                        format!("Not a host:port: {e}"),
                        format!("不是有效的 主机：端口：{e}"),
                    ),
                ))
            })?;
            let mut opts = HostOptions::new(target);
            opts.tls = request
                .params
                .get("tls")
                .map_or(opts.target.port == 443, |v| v == "true");
            Plan::Host(opts)
        }
        CheckId::NetClock => {
            let mut opts = ClockOptions::default();
            if let Some(server) = &context.ntp_server {
                opts.server = server.to_string();
            }
            Plan::Clock(opts)
        }
        CheckId::NetInterface => Plan::Link,
        CheckId::SystemOs => Plan::System,
    })
}

/// Runs `plan` here, blocking (the command line; the window hands plans to its workers).
pub fn execute(plan: Plan, context: &CheckContext) -> Outcome {
    match plan {
        Plan::Readers => Outcome::Readers(pcsc::list_readers()),
        Plan::Probe(options) => {
            let reader = match &context.reader {
                Some(r) => Ok(r.clone()),
                None => pcsc::wait_for_card(None, CARD_WAIT),
            };
            let report = match reader {
                Ok(reader) => probe::probe_reader(&reader, &options, &mut |_| {})
                    .unwrap_or_else(|e| probe::unprobed(&reader, &e)),
                Err(e) => probe::unprobed("", &e),
            };
            Outcome::Card(Box::new(report))
        }
        Plan::Host(opts) => Outcome::Host(Box::new(check_host(
            &opts,
            &mut |_| {},
            &AtomicBool::new(false),
        ))),
        Plan::Clock(opts) => Outcome::Clock(Box::new(check_clock(&opts))),
        Plan::Link => Outcome::Link(link_in_use()),
        Plan::System => Outcome::System(SystemInfo::detect()),
    }
}

/// Plans, runs and finishes `request` here, blocking: the command line's whole check.
pub fn run(request: &CheckRequest, context: &CheckContext) -> (CheckResult, Option<Outcome>) {
    match plan(request, context) {
        Ok(p) => {
            let outcome = execute(p, context);
            (finish(request, &outcome), Some(outcome))
        }
        Err(unavailable) => (*unavailable, None),
    }
}

/// Keeps the full result of a check (the probe with its APDU log, every connection attempt, the
/// clock readings) in `report`, and says where, for the step's [`CheckResult::recorded`].
pub fn record(
    report: &mut crate::report::Report,
    now: chrono::DateTime<chrono::FixedOffset>,
    outcome: Outcome,
) -> Option<Recorded> {
    match outcome {
        Outcome::Card(r) => Some(Recorded::CardProbe(report.add_probe(now, *r))),
        Outcome::Host(r) => Some(Recorded::NetCheck(report.add_host_check(now, *r))),
        Outcome::Clock(r) => Some(Recorded::NetCheck(report.add_clock_check(now, *r))),
        Outcome::Readers(_) | Outcome::Link(_) | Outcome::System(_) => None,
    }
}

/// The step's result of `request` from what running it gave.
pub fn finish(request: &CheckRequest, outcome: &Outcome) -> CheckResult {
    let (findings, summary) = match outcome {
        Outcome::Readers(readers) => readers_result(readers),
        Outcome::Card(report) => card_summary(report),
        Outcome::Host(report) => host_summary(report),
        Outcome::Clock(report) => clock_summary(report),
        Outcome::Link(link) => link_result(link.as_ref()),
        Outcome::System(system) => system_result(system),
    };
    CheckResult {
        check: request.id.as_str().to_owned(),
        params: request.params.clone(),
        findings,
        summary,
        recorded: None,
    }
}

fn readers_result(readers: &Result<Vec<ReaderInfo>, PcscError>) -> (Vec<Finding>, BiText) {
    let (finding, summary) = match readers {
        Ok(readers) if readers.is_empty() => (
            Finding::new(
                crate::card::probe::finding_def_for_pcsc(&PcscError::NoReaders),
                None,
            ),
            BiText::new(
                "The card-reader service runs, but no reader is connected.",
                "读卡器服务正在运行，但没有连接读卡器。",
            ),
        ),
        Ok(readers) => {
            let names: Vec<&str> = readers.iter().map(|r| r.name.as_str()).collect();
            let names = names.join(", ");
            (
                Finding::new(&card_findings::READER_PRESENT, Some(names.clone())),
                BiText::new(format!("Readers: {names}."), format!("读卡器：{names}。")),
            )
        }
        Err(e) => (
            crate::card::probe::finding_for_pcsc(e),
            BiText::new(
                e.message(crate::i18n::Lang::En),
                e.message(crate::i18n::Lang::ZhCn),
            ),
        ),
    };
    (vec![finding], summary)
}

fn card_summary(report: &CardReport) -> (Vec<Finding>, BiText) {
    let apps = report.applications.len();
    let reader = &report.reader;
    let summary = if report.atr.is_empty() {
        BiText::new(
            format!("The card could not be read in {reader}."),
            format!("无法在 {reader} 中读取卡片。"),
        )
    } else {
        BiText::new(
            format!("Card read in {reader}: {apps} payment application(s) found."),
            format!("已在 {reader} 中读取卡片：找到 {apps} 个支付应用。"),
        )
    };
    (report.findings.clone(), summary)
}

fn host_summary(report: &HostReport) -> (Vec<Finding>, BiText) {
    let t = &report.tcp;
    let summary = if t.ok > 0 {
        BiText::new(
            format!(
                "{}: {} of {} connections made, average {:.0} ms.",
                report.target, t.ok, t.attempts, t.avg_ms
            ),
            format!(
                "{}：{} 次连接中成功 {} 次，平均 {:.0} 毫秒。",
                report.target, t.attempts, t.ok, t.avg_ms
            ),
        )
    } else {
        BiText::new(
            format!("{}: no connection could be made.", report.target),
            format!("{}：无法建立连接。", report.target),
        )
    };
    (report.findings.clone(), summary)
}

fn clock_summary(report: &ClockReport) -> (Vec<Finding>, BiText) {
    let summary = match report.offset_ms {
        Some(ms) => BiText::new(
            format!(
                "This computer's clock is {:+.1} s off the time server {}.",
                -ms / 1000.0,
                report.server
            ),
            format!(
                "本机时钟与时间服务器 {} 相差 {:+.1} 秒。",
                report.server,
                -ms / 1000.0
            ),
        ),
        None => BiText::new(
            format!("The time server {} did not answer.", report.server),
            format!("时间服务器 {} 没有响应。", report.server),
        ),
    };
    (report.findings.clone(), summary)
}

fn link_result(link: Option<&Interface>) -> (Vec<Finding>, BiText) {
    let (finding, summary) = match link {
        None => (
            Finding::new(&link::LINK_NONE, None),
            BiText::new(
                "No network connection carries traffic to the internet.",
                "没有任何网络连接通往互联网。",
            ),
        ),
        Some(link) => {
            let def = match link.kind {
                InterfaceKind::Wired => &link::LINK_WIRED,
                InterfaceKind::Wireless => &crate::finding::net::NET_WIRELESS,
                _ => &link::LINK_UNKNOWN,
            };
            let signal = link
                .signal_dbm
                .map(|s| format!(", signal {s} dBm"))
                .unwrap_or_default();
            let summary = BiText::new(
                format!("Traffic goes through {}{signal}.", link.name),
                format!("流量经由 {}{signal}。", link.name),
            );
            (
                Finding::new(def, Some(format!("{}{signal}", link.name))),
                summary,
            )
        }
    };
    (vec![finding], summary)
}

fn system_result(system: &SystemInfo) -> (Vec<Finding>, BiText) {
    let name = &system.name;
    (
        vec![Finding::new(system.kind.finding_def(), Some(name.clone()))],
        BiText::new(
            format!("This computer runs {name}."),
            format!("这台电脑的系统是{name}。"),
        ),
    )
}
