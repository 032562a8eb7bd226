//! Runs a guide's automated checks for real: PC/SC readers, the card probe, the network and the
//! clock. Blocking (the GUI calls [`run_check`] on a worker thread; the CLI calls it directly).
//!
//! Which checks exist, their parameters and result codes is [`crate::guide::checks`] (pure);
//! this module only does the I/O and turns what it finds into a
//! [`CheckResult`](crate::guide::checks::CheckResult). A check that cannot run gives the
//! `unavailable` result with the reason, so the user answers by hand; it never guesses.

use crate::card::pcsc::{self, PcscCard, PcscError};
use crate::card::probe::{self, CardReport, ProbeOptions};
use crate::card::transport::CardChannel;
use crate::finding::Finding;
use crate::guide::checks::{self, CheckResult};
use crate::i18n::BiText;
use crate::net::clock::{ClockOptions, check_clock};
use crate::net::host::{HostOptions, Target, check_host};
use crate::net::interfaces::{InterfaceKind, link_in_use};
use std::collections::BTreeMap;
use std::sync::atomic::AtomicBool;
use std::time::Duration;

/// Runs check `id` with `params` and returns what it found. Never panics; an unknown check, a
/// bad parameter or a missing backend gives an `unavailable` result saying why.
pub fn run_check(id: &str, params: &BTreeMap<String, String>) -> CheckResult {
    let Some(def) = checks::by_id(id) else {
        return CheckResult::unavailable(
            id,
            params.clone(),
            BiText::new(
                format!("EMV Doctor has no check called {id:?}."),
                format!("EMV Doctor 没有名为 {id:?} 的检查。"),
            ),
        );
    };
    for (name, value) in params {
        if !def.param(name).is_some_and(|p| (p.valid)(value)) {
            return CheckResult::unavailable(
                id,
                params.clone(),
                BiText::new(
                    format!("Parameter {name:?} = {value:?} is not valid for this check."),
                    format!("参数 {name:?} = {value:?} 对此检查无效。"),
                ),
            );
        }
    }
    for p in def.params {
        if p.ask.is_some() && !params.contains_key(p.name) {
            return CheckResult::unavailable(
                id,
                params.clone(),
                BiText::new(
                    format!("No {} was given, so the check did not run.", p.name),
                    format!("未提供 {},未进行检查。", p.name),
                ),
            );
        }
    }
    match id {
        "reader.present" => reader_present(params),
        "card.probe" => card_probe(params),
        "net.host" => net_host(params),
        "net.clock" => net_clock(params),
        "net.interface" => net_interface(params),
        _ => CheckResult::unavailable(
            id,
            params.clone(),
            BiText::new(
                format!("The {id} check is not available in this build of EMV Doctor."),
                format!("此版本的 EMV Doctor 暂不支持 {id} 检查。"),
            ),
        ),
    }
}

/// How long `card.probe` waits for a card to be inserted.
pub const CARD_WAIT: Duration = Duration::from_secs(15);

/// `reader.present`: lists the PC/SC readers.
fn reader_present(params: &BTreeMap<String, String>) -> CheckResult {
    let (finding, summary) = match pcsc::list_readers() {
        Ok(readers) if readers.is_empty() => (
            Finding::new(
                crate::card::probe::finding_def_for_pcsc(&PcscError::NoReaders),
                None,
            ),
            BiText::new(
                "The card-reader service runs, but no reader is connected.",
                "读卡器服务正在运行,但没有连接读卡器。",
            ),
        ),
        Ok(readers) => {
            let names: Vec<&str> = readers.iter().map(|r| r.name.as_str()).collect();
            let names = names.join(", ");
            (
                Finding::new(&checks::READER_PRESENT, Some(names.clone())),
                BiText::new(format!("Readers: {names}."), format!("读卡器:{names}。")),
            )
        }
        Err(e) => (
            crate::card::probe::finding_for_pcsc(&e),
            BiText::new(
                format!("PC/SC says: {e}."),
                format!("PC/SC 返回:{}。", e.text().zh),
            ),
        ),
    };
    result("reader.present", params, vec![finding], summary)
}

/// `card.probe`: waits up to [`CARD_WAIT`] for a card in any reader, then runs the read-only
/// probe on it.
fn card_probe(params: &BTreeMap<String, String>) -> CheckResult {
    let no_card = |e: PcscError| {
        result(
            "card.probe",
            params,
            vec![probe::finding_for_pcsc(&e)],
            BiText::new(
                format!("The card could not be read: {e}."),
                format!("无法读取卡片:{}。", e.text().zh),
            ),
        )
    };
    let reader = match pcsc::wait_for_card(None, CARD_WAIT) {
        Ok(r) => r,
        Err(e) => return no_card(e),
    };
    let card = match PcscCard::connect(&reader) {
        Ok(c) => c,
        Err(e) => return no_card(e),
    };
    let mut channel = CardChannel::new(card);
    let report = probe::run(&mut channel, &reader, &ProbeOptions::default(), &mut |_| {});
    card_probe_result(params, report)
}

/// The `card.probe` check result of a finished probe (a reader's card, or a virtual card in
/// training mode): its findings, and a summary naming the reader.
pub fn card_probe_result(params: &BTreeMap<String, String>, report: CardReport) -> CheckResult {
    let apps = report.applications.len();
    let reader = &report.reader;
    let summary = BiText::new(
        format!("Card read in {reader}: {apps} payment application(s) found."),
        format!("已在 {reader} 中读取卡片:找到 {apps} 个支付应用。"),
    );
    result("card.probe", params, report.findings, summary)
}

fn result(
    id: &str,
    params: &BTreeMap<String, String>,
    findings: Vec<Finding>,
    summary: BiText,
) -> CheckResult {
    CheckResult {
        check: id.to_owned(),
        params: params.clone(),
        findings,
        summary,
    }
}

/// `net.host`: connects to `host` several times (with a TLS handshake for port 443 unless
/// `tls` says otherwise) and judges loss, latency, jitter and the certificate.
fn net_host(params: &BTreeMap<String, String>) -> CheckResult {
    let raw = params.get("host").map_or("", String::as_str);
    let target: Target = match raw.parse() {
        Ok(t) => t,
        Err(e) => {
            return CheckResult::unavailable(
                "net.host",
                params.clone(),
                BiText::new(
                    format!("Not a host:port: {e}"),
                    format!("不是有效的 主机:端口:{e}"),
                ),
            );
        }
    };
    let mut opts = HostOptions::new(target);
    opts.tls = params
        .get("tls")
        .map_or(opts.target.port == 443, |v| v == "true");
    let report = check_host(&opts, &mut |_| {}, &AtomicBool::new(false));
    let t = &report.tcp;
    let summary = if t.ok > 0 {
        BiText::new(
            format!(
                "{}: {} of {} connections made, average {:.0} ms.",
                report.target, t.ok, t.attempts, t.avg_ms
            ),
            format!(
                "{}:{} 次连接中成功 {} 次,平均 {:.0} 毫秒。",
                report.target, t.attempts, t.ok, t.avg_ms
            ),
        )
    } else {
        BiText::new(
            format!("{}: no connection could be made.", report.target),
            format!("{}:无法建立连接。", report.target),
        )
    };
    result("net.host", params, report.findings, summary)
}

/// `net.clock`: compares this computer's clock with an NTP server.
fn net_clock(params: &BTreeMap<String, String>) -> CheckResult {
    let report = check_clock(&ClockOptions::default());
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
    result("net.clock", params, report.findings, summary)
}

/// `net.interface`: which link carries this computer's default route.
fn net_interface(params: &BTreeMap<String, String>) -> CheckResult {
    let (finding, summary) = match link_in_use() {
        None => (
            Finding::new(&checks::LINK_NONE, None),
            BiText::new(
                "No network connection carries traffic to the internet.",
                "没有任何网络连接通往互联网。",
            ),
        ),
        Some(link) => {
            let def = match link.kind {
                InterfaceKind::Wired => &checks::LINK_WIRED,
                InterfaceKind::Wireless => &crate::net::findings::NET_WIRELESS,
                _ => &checks::LINK_UNKNOWN,
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
    result("net.interface", params, vec![finding], summary)
}
