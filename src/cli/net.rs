//! `emv-doctor net host|clock|interfaces`: the network and clock checks, as text or JSON.
//!
//! Exit codes: 0 when the check ran (whatever it found), 2 on bad arguments (clap, or an
//! unreadable `--ca` file).

use emv_doctor::finding::Finding;
use emv_doctor::i18n::{Lang, Text};
use emv_doctor::net::clock::{self, ClockOptions, ClockReport, HttpDateSource};
use emv_doctor::net::host::{self, HostOptions, HostProgress, HostReport, Target};
use emv_doctor::net::interfaces::{Interface, InterfaceKind};
use emv_doctor::net::stats::AttemptStats;
use emv_doctor::net::tls;
use emv_doctor::net::{findings as f, interfaces};
use emv_doctor::view::net::{clock_view, host_view};
use rustls::pki_types::CertificateDer;
use rustls::pki_types::pem::PemObject;
use serde_json::json;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::AtomicBool;
use std::time::Duration;

/// Arguments of `emv-doctor net`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: NetCommand,
}

#[derive(Debug, clap::Subcommand)]
enum NetCommand {
    /// Check a payment host: DNS, repeated TCP connects (loss, latency, jitter), TLS certificate.
    Host {
        /// The host and port, e.g. pos.example-acquirer.com:443 or [2001:db8::1]:7000.
        target: Target,
        /// Also run a TLS handshake on each connection and check the certificate.
        #[arg(long)]
        tls: bool,
        /// TLS server name to ask for, when it differs from the host (implies --tls).
        #[arg(long, value_name = "NAME")]
        sni: Option<String>,
        /// Connection attempts.
        #[arg(long, value_name = "N", default_value_t = host::DEFAULT_COUNT,
              value_parser = clap::value_parser!(u32).range(1..=1000))]
        count: u32,
        /// Per-attempt connect timeout in milliseconds.
        #[arg(long, value_name = "N", default_value_t = 900,
              value_parser = clap::value_parser!(u64).range(1..=60_000))]
        timeout_ms: u64,
        /// Extra trusted root certificates (PEM), e.g. a private acquirer CA (implies --tls).
        #[arg(long, value_name = "FILE")]
        ca: Option<PathBuf>,
        /// Print one JSON object instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Measure this computer's clock offset against an NTP server (and an HTTPS host's Date).
    Clock {
        /// NTP server, HOST[:PORT].
        #[arg(long, value_name = "HOST[:PORT]", default_value = clock::DEFAULT_SERVER)]
        ntp: clock::NtpServer,
        /// Also read the HTTP Date of this HTTPS host, HOST:PORT, as a second opinion.
        #[arg(long, value_name = "HOST:PORT")]
        https: Option<Target>,
        /// TLS server name for --https, when it differs from the host.
        #[arg(long, value_name = "NAME", requires = "https")]
        sni: Option<String>,
        /// Longest wait for each answer, milliseconds.
        #[arg(long, value_name = "N", default_value_t = 3000,
              value_parser = clap::value_parser!(u64).range(1..=60_000))]
        timeout_ms: u64,
        /// Print one JSON object instead of text.
        #[arg(long)]
        json: bool,
    },
    /// List this computer's network interfaces: wired or wireless, state, addresses, default route.
    Interfaces {
        /// Print one JSON object instead of text.
        #[arg(long)]
        json: bool,
    },
}

pub fn run(args: Args, lang: Lang) -> anyhow::Result<ExitCode> {
    match args.command {
        NetCommand::Host {
            target,
            tls,
            sni,
            count,
            timeout_ms,
            ca,
            json,
        } => {
            if let Err(e) = tls::server_name(&target.host, sni.as_deref()) {
                let _ = writeln!(std::io::stderr(), "emv-doctor: --sni: {e}");
                return Ok(ExitCode::from(2));
            }
            let extra_roots = match ca.as_deref().map(read_roots).transpose() {
                Ok(r) => r.unwrap_or_default(),
                Err(e) => {
                    let _ = writeln!(std::io::stderr(), "emv-doctor: {e}");
                    return Ok(ExitCode::from(2));
                }
            };
            let mut opts = HostOptions::new(target);
            opts.tls = tls || sni.is_some() || ca.is_some();
            opts.sni = sni;
            opts.count = count;
            opts.timeout = Duration::from_millis(timeout_ms);
            opts.extra_roots = extra_roots;
            let shown = opts.target.to_string();
            let report = host::check_host(
                &opts,
                &mut |p| progress_line(&shown, p, lang),
                &AtomicBool::new(false),
            );
            if json {
                super::print_json(&host_json(&report, lang))?;
            } else {
                super::print(&host_text(&report, lang))?;
            }
        }
        NetCommand::Clock {
            ntp,
            https,
            sni,
            timeout_ms,
            json,
        } => {
            let opts = ClockOptions {
                server: ntp.to_string(),
                timeout: Duration::from_millis(timeout_ms),
                http_date: https.map(|target| HttpDateSource { target, sni }),
            };
            let _ = writeln!(
                std::io::stderr(),
                "{} {} …",
                L_CHECKING.get(lang),
                opts.server
            );
            let report = clock::check_clock(&opts);
            if json {
                super::print_json(&clock_json(&report, lang))?;
            } else {
                super::print(&clock_text(&report, lang))?;
            }
        }
        NetCommand::Interfaces { json } => {
            let all = interfaces::interfaces();
            let findings: Vec<Finding> = all
                .iter()
                .find(|i| i.default_route && i.kind == InterfaceKind::Wireless)
                .map(|i| Finding::new(&f::NET_WIRELESS, Some(i.name.clone())))
                .into_iter()
                .collect();
            if json {
                super::print_json(&json!({
                    "interfaces": all,
                    "findings": findings.iter().map(|x| x.to_json(lang)).collect::<Vec<_>>(),
                }))?;
            } else {
                super::print(&interfaces_text(&all, &findings, lang))?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// One attempt of `net host`, on standard error (standard output keeps the result alone).
fn progress_line(target: &str, p: HostProgress, lang: Lang) {
    let result = match p.ms {
        Some(ms) => format!("{ms:.1} ms"),
        None => emv_doctor::view::net::label::FAILED.get(lang).to_owned(),
    };
    let _ = writeln!(
        std::io::stderr(),
        "{target}: {}/{}: {result}",
        p.attempt,
        p.of
    );
}

/// Largest `--ca` file read (a system bundle of every public root is about 250 KiB).
pub const MAX_CA_BYTES: u64 = 4 * 1024 * 1024;

fn read_roots(path: &Path) -> Result<Vec<CertificateDer<'static>>, String> {
    let what = path.display();
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_CA_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|e| format!("cannot read --ca {what}: {e}"))?;
    if bytes.len() as u64 > MAX_CA_BYTES {
        return Err(format!(
            "--ca {what} is larger than {} MiB: not a certificate bundle",
            MAX_CA_BYTES / 1024 / 1024
        ));
    }
    let certs = CertificateDer::pem_slice_iter(&bytes)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| format!("cannot read --ca {what}: {e}"))?;
    if certs.is_empty() {
        return Err(format!("--ca {what} holds no PEM certificate"));
    }
    Ok(certs)
}

fn findings_json(findings: &[Finding], lang: Lang) -> serde_json::Value {
    findings.iter().map(|x| x.to_json(lang)).collect()
}

fn stats_json(s: &AttemptStats) -> serde_json::Value {
    json!({
        "attempts": s.attempts, "ok": s.ok, "loss_pct": s.loss_pct,
        "min_ms": s.min_ms, "avg_ms": s.avg_ms, "max_ms": s.max_ms, "jitter_ms": s.jitter_ms,
    })
}

fn host_json(r: &HostReport, lang: Lang) -> serde_json::Value {
    json!({
        "target": r.target,
        "dns": r.dns.as_ref().map(|d| json!({"ms": d.ms, "addresses": d.addresses, "error": d.error})),
        "address": r.address,
        "tcp": stats_json(&r.tcp),
        "secure": r.secure.as_ref().map(stats_json),
        "tls": r.tls,
        "findings": findings_json(&r.findings, lang),
    })
}

fn clock_json(r: &ClockReport, lang: Lang) -> serde_json::Value {
    json!({
        "server": r.server,
        "address": r.address,
        "local_time": r.local_time,
        "offset_ms": r.offset_ms,
        "round_trip_ms": r.round_trip_ms,
        "error": r.error,
        "http_date": r.http_date,
        "findings": findings_json(&r.findings, lang),
    })
}

const L_CHECKING: Text = Text::new("Checking the clock against", "正在对时：");
const L_NO_ROUTE: Text = Text::new("default route", "默认路由");
const L_SIGNAL: Text = Text::new("signal", "信号");
const L_UP: Text = Text::new("up", "已连接");
const L_DOWN: Text = Text::new("down", "未连接");
const L_UNKNOWN: Text = Text::new("unknown", "未知");

/// The verdict block: one entry per finding, severity and title, detail, then the advice.
fn verdicts(findings: &[Finding], lang: Lang) -> String {
    let mut s = String::new();
    for x in findings {
        s.push_str(&format!(
            "[{}] {}  ({})\n",
            x.severity.label(lang),
            x.title(lang),
            x.code
        ));
        if let Some(d) = &x.detail {
            s.push_str(&format!("    {d}\n"));
        }
        s.push_str(&format!("    → {}\n", x.advice(lang)));
    }
    s
}

fn host_text(r: &HostReport, lang: Lang) -> String {
    let mut s = verdicts(&r.findings, lang);
    s.push('\n');
    s.push_str(&host_view(r, lang).lines(lang, 18));
    s
}

fn clock_text(r: &ClockReport, lang: Lang) -> String {
    let mut s = verdicts(&r.findings, lang);
    s.push('\n');
    s.push_str(&clock_view(r, lang).lines(lang, 18));
    s
}

fn kind_label(k: InterfaceKind, lang: Lang) -> &'static str {
    match k {
        InterfaceKind::Wired => Text::new("wired", "有线"),
        InterfaceKind::Wireless => Text::new("wireless", "无线"),
        InterfaceKind::Loopback => Text::new("loopback", "本地回环"),
        InterfaceKind::Virtual => Text::new("virtual", "虚拟"),
        InterfaceKind::Unknown => L_UNKNOWN,
    }
    .get(lang)
}

fn interfaces_text(all: &[Interface], findings: &[Finding], lang: Lang) -> String {
    let mut s = verdicts(findings, lang);
    if !s.is_empty() {
        s.push('\n');
    }
    for i in all {
        let state = match i.up {
            Some(true) => L_UP,
            Some(false) => L_DOWN,
            None => L_UNKNOWN,
        };
        s.push_str(&format!(
            "{:<12}{:<10}{}",
            i.name,
            kind_label(i.kind, lang),
            state.get(lang)
        ));
        if i.default_route {
            let gw = i
                .gateway
                .as_deref()
                .map(|g| format!(" via {g}"))
                .unwrap_or_default();
            s.push_str(&format!(", {}{gw}", L_NO_ROUTE.get(lang)));
        }
        if let Some(dbm) = i.signal_dbm {
            s.push_str(&format!(", {} {dbm} dBm", L_SIGNAL.get(lang)));
        }
        s.push('\n');
        for a in &i.addresses {
            s.push_str(&format!("{:<12}{a}\n", ""));
        }
    }
    s
}
