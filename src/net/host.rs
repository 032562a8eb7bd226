//! The payment-host check: DNS, N timed TCP connects (optionally each with a full TLS
//! handshake), the server certificate, and the verdicts.
//!
//! Each attempt opens a fresh connection, as a terminal does for each transaction. `tcp` holds the
//! connect times (one round trip each); with TLS, `secure` holds the time until the secure
//! connection is ready (connect plus handshake), which is what a terminal waits for before it
//! can send its authorisation request.

use super::dns::{self, DnsReport};
use super::findings as f;
use super::interfaces::{self, Interface, InterfaceKind};
use super::stats::AttemptStats;
use super::tcp;
use super::tls::{self, TlsReport};
use crate::finding::Finding;
use rustls::pki_types::CertificateDer;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::net::{IpAddr, SocketAddr};
use std::str::FromStr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// Above this average connect time the host is slow. ITU-T G.114 takes 150 ms (one way) as the
/// limit for interactive use; a TCP connect is a full round trip, so this is a generous bound,
/// and a payment exchange needs several round trips (connect, TLS, request) before the host
/// even starts to authorise.
pub const MAX_CONNECT_MS: f64 = 150.0;
/// Above this average time to a ready TLS connection the host is slow: a full TLS 1.2 handshake
/// adds two round trips to the connect (RFC 5246 §7.3), so three times [`MAX_CONNECT_MS`].
pub const MAX_SECURE_CONNECT_MS: f64 = 3.0 * MAX_CONNECT_MS;
/// Above this jitter (mean absolute difference of consecutive times) the line is uneven. ITU-T
/// Y.1541 QoS classes 0 and 1 bound packet delay variation at 50 ms.
pub const MAX_JITTER_MS: f64 = 50.0;
/// Above this share of failed connects the line loses packets. ITU-T Y.1541 classes 0–4 allow a
/// packet loss ratio of 10⁻³; over a few dozen attempts any lost connect exceeds that, and the
/// threshold only absorbs rounding.
pub const MAX_LOSS_PCT: f64 = 0.5;
/// Default attempts per check: enough for a loss and jitter figure in about a second.
pub const DEFAULT_COUNT: u32 = 10;
/// Default per-attempt connect timeout: below the 1 s initial retransmission timeout of
/// RFC 6298 §2.1 (Linux's SYN retry), so a lost SYN counts as a lost attempt, not a slow one.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_millis(900);
/// Default limit for one TLS handshake after the connect.
pub const DEFAULT_TLS_TIMEOUT: Duration = Duration::from_secs(5);
/// Default pause between attempts.
pub const DEFAULT_INTERVAL: Duration = Duration::from_millis(50);

/// A `HOST:PORT` target; IPv6 literals are written `[::1]:443`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Target {
    /// Host name or IP address (without brackets).
    pub host: String,
    /// TCP port.
    pub port: u16,
}

/// Why a target string is not `HOST:PORT`.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum TargetError {
    /// No `:PORT`.
    #[error("{0:?} has no port: write HOST:PORT, e.g. pos.example.com:443")]
    NoPort(String),
    /// The port is not 1–65535.
    #[error("{0:?} has an invalid port: use 1-65535")]
    BadPort(String),
    /// The host part is empty or malformed.
    #[error("{0:?} has an invalid host")]
    BadHost(String),
    /// An IPv6 address without brackets: the port cannot be told apart.
    #[error("{0:?}: put an IPv6 address in brackets, e.g. [2001:db8::1]:443")]
    BareIpv6(String),
}

impl TargetError {
    /// What is wrong with what was typed, in `lang`.
    pub fn message(&self, lang: crate::i18n::Lang) -> String {
        use crate::i18n::Lang;
        match (self, lang) {
            (TargetError::NoPort(s), Lang::En) => {
                format!("{s:?} has no port: write HOST:PORT, e.g. pos.example.com:443")
            }
            (TargetError::NoPort(s), Lang::ZhCn) => {
                format!("“{s}”缺少端口：请写成 主机：端口，例如 pos.example.com:443")
            }
            (TargetError::BadPort(s), Lang::En) => {
                format!("{s:?} has an invalid port: use 1-65535")
            }
            (TargetError::BadPort(s), Lang::ZhCn) => {
                format!("“{s}”的端口不对：端口应在 1 到 65535 之间")
            }
            (TargetError::BadHost(s), Lang::En) => format!("{s:?} has an invalid host"),
            (TargetError::BadHost(s), Lang::ZhCn) => format!("“{s}”的主机名不对"),
            (TargetError::BareIpv6(s), Lang::En) => {
                format!("{s:?}: put an IPv6 address in brackets, e.g. [2001:db8::1]:443")
            }
            (TargetError::BareIpv6(s), Lang::ZhCn) => {
                format!("“{s}”：IPv6 地址要加方括号，例如 [2001:db8::1]:443")
            }
        }
    }
}

impl FromStr for Target {
    type Err = TargetError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        let (host, port) = if let Some(rest) = s.strip_prefix('[') {
            let (h, p) = rest
                .split_once(']')
                .ok_or_else(|| TargetError::BadHost(s.into()))?;
            if h.parse::<std::net::Ipv6Addr>().is_err() {
                return Err(TargetError::BadHost(s.into()));
            }
            let p = p
                .strip_prefix(':')
                .ok_or_else(|| TargetError::NoPort(s.into()))?;
            (h, p)
        } else {
            let (h, p) = s
                .rsplit_once(':')
                .ok_or_else(|| TargetError::NoPort(s.into()))?;
            if h.contains(':') {
                // A bare IPv6 address: the port is ambiguous without brackets.
                return Err(TargetError::BareIpv6(s.into()));
            }
            (h, p)
        };
        if host.is_empty() {
            return Err(TargetError::BadHost(s.into()));
        }
        let port: u16 = p_parse(port).ok_or_else(|| TargetError::BadPort(s.into()))?;
        Ok(Target {
            host: host.to_owned(),
            port,
        })
    }
}

fn p_parse(p: &str) -> Option<u16> {
    p.parse::<u16>().ok().filter(|&n| n != 0)
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.host.contains(':') {
            write!(f, "[{}]:{}", self.host, self.port)
        } else {
            write!(f, "{}:{}", self.host, self.port)
        }
    }
}

impl TryFrom<String> for Target {
    type Error = TargetError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

impl From<Target> for String {
    fn from(t: Target) -> String {
        t.to_string()
    }
}

/// What to check and how.
#[derive(Clone, Debug, PartialEq)]
pub struct HostOptions {
    /// The host and port.
    pub target: Target,
    /// Also run a TLS handshake on each connection and judge the certificate.
    pub tls: bool,
    /// The TLS server name to ask for, when it differs from the host (e.g. an IP target).
    pub sni: Option<String>,
    /// Connection attempts (at least 1).
    pub count: u32,
    /// Per-attempt connect timeout.
    pub timeout: Duration,
    /// Per-attempt TLS handshake timeout.
    pub tls_timeout: Duration,
    /// Pause between attempts.
    pub interval: Duration,
    /// Roots trusted in addition to the system and webpki roots (a private acquirer CA).
    pub extra_roots: Vec<CertificateDer<'static>>,
}

impl HostOptions {
    /// Defaults for `target`: plain TCP, [`DEFAULT_COUNT`] attempts, default timeouts.
    pub fn new(target: Target) -> Self {
        HostOptions {
            target,
            tls: false,
            sni: None,
            count: DEFAULT_COUNT,
            timeout: DEFAULT_TIMEOUT,
            tls_timeout: DEFAULT_TLS_TIMEOUT,
            interval: DEFAULT_INTERVAL,
            extra_roots: Vec::new(),
        }
    }
}

/// One attempt finished (for a progress display).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct HostProgress {
    /// 1-based attempt number.
    pub attempt: u32,
    /// Attempts planned.
    pub of: u32,
    /// Time of the attempt in ms (secure time with TLS), `None` when it failed.
    pub ms: Option<f64>,
}

/// The result of a host check.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HostReport {
    /// The target as given.
    pub target: String,
    /// The name lookup; `None` when the target is an IP address.
    pub dns: Option<DnsReport>,
    /// The address connected to.
    pub address: Option<String>,
    /// TCP connect statistics.
    pub tcp: AttemptStats,
    /// Time-to-ready statistics with TLS (connect plus handshake); `None` without TLS.
    pub secure: Option<AttemptStats>,
    /// Each attempt's time in ms (secure time with TLS), `None` for a failed attempt.
    pub samples_ms: Vec<Option<f64>>,
    /// The TLS handshake and certificate; `None` without TLS or when no connection was made.
    pub tls: Option<TlsReport>,
    /// The interface carrying the default route, when the link was looked at.
    pub link: Option<Interface>,
    /// The check was cancelled before all attempts were made.
    pub cancelled: bool,
    /// Connection attempts the host refused (it answered "no one listens on this port").
    #[serde(default, skip_serializing_if = "is_zero")]
    pub refused: u32,
    /// Verdicts.
    pub findings: Vec<Finding>,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

/// Runs the host check. Never panics; every step is bounded by the options' timeouts (and
/// [`dns::DNS_TIMEOUT`]); `cancel` stops it between attempts.
pub fn check_host(
    opts: &HostOptions,
    progress: &mut dyn FnMut(HostProgress),
    cancel: &AtomicBool,
) -> HostReport {
    let mut report = HostReport {
        target: opts.target.to_string(),
        dns: None,
        address: None,
        tcp: AttemptStats::default(),
        secure: None,
        samples_ms: Vec::new(),
        tls: None,
        link: None,
        cancelled: false,
        refused: 0,
        findings: Vec::new(),
    };
    let ip = match opts.target.host.parse::<IpAddr>() {
        Ok(ip) => ip,
        Err(_) => {
            let d = dns::resolve(&opts.target.host, dns::DNS_TIMEOUT);
            let first = d.addresses.first().copied();
            report.dns = Some(d);
            match first {
                Some(ip) => ip,
                None => {
                    report.findings = host_findings(&report);
                    return report;
                }
            }
        }
    };
    let addr = SocketAddr::new(ip, opts.target.port);
    report.address = Some(addr.to_string());
    let name = if opts.tls {
        match tls::server_name(&opts.target.host, opts.sni.as_deref()) {
            Ok(n) => Some(n),
            Err(e) => {
                report.tls = Some(TlsReport {
                    error: Some(e),
                    ..TlsReport::default()
                });
                None
            }
        }
    } else {
        None
    };
    let roots = name.as_ref().map(|_| tls::trust_roots(&opts.extra_roots));
    let count = opts.count.max(1);
    let mut connect_times = Vec::new();
    let mut secure_times = Vec::new();
    for attempt in 1..=count {
        if cancel.load(Ordering::Relaxed) {
            report.cancelled = true;
            break;
        }
        if attempt > 1 && pause(opts.interval, cancel) {
            report.cancelled = true;
            break;
        }
        let (connect_ms, secure_ms) = match tcp::connect_checked(addr, opts.timeout) {
            Err(e) => {
                report.refused += u32::from(e.refused);
                (None, None)
            }
            Ok((sock, ms)) => match (&name, &roots) {
                (Some(name), Some(roots)) => {
                    let secure = tls_attempt(sock, name, roots, opts.tls_timeout, &mut report.tls);
                    (Some(ms), secure.map(|h| ms + h))
                }
                _ => (Some(ms), None),
            },
        };
        connect_times.push(connect_ms);
        let shown = if name.is_some() {
            secure_ms
        } else {
            connect_ms
        };
        if name.is_some() {
            secure_times.push(secure_ms);
        }
        report.samples_ms.push(shown);
        progress(HostProgress {
            attempt,
            of: count,
            ms: shown,
        });
    }
    report.tcp = AttemptStats::from_samples(&connect_times);
    // Only attempts whose TCP connect succeeded count for the secure statistics.
    if name.is_some() {
        let connected: Vec<Option<f64>> = secure_times
            .iter()
            .zip(&connect_times)
            .filter(|(_, c)| c.is_some())
            .map(|(s, _)| *s)
            .collect();
        report.secure = Some(AttemptStats::from_samples(&connected));
    }
    let mut findings = host_findings(&report);
    if findings.iter().any(|x| is_line_problem(&x.code)) {
        report.link = interfaces::link_in_use();
        findings.extend(wireless_advice(report.link.as_ref()));
    }
    report.findings = findings;
    report
}

/// One TLS handshake; keeps the first certificate analysis (or the first error when no
/// handshake has succeeded yet). Returns the handshake time.
fn tls_attempt(
    sock: std::net::TcpStream,
    name: &rustls::pki_types::ServerName<'static>,
    roots: &std::sync::Arc<rustls::RootCertStore>,
    timeout: Duration,
    slot: &mut Option<TlsReport>,
) -> Option<f64> {
    let have_cert = slot.as_ref().is_some_and(|t| t.version.is_some());
    match tls::handshake(sock, name.clone(), Instant::now() + timeout) {
        Ok(secure) => {
            if !have_cert {
                let mut t = tls::analyse(&secure.chain, name, roots, chrono::Utc::now());
                t.version = secure.version();
                t.handshake_ms = Some(secure.ms);
                *slot = Some(t);
            }
            Some(secure.ms)
        }
        Err(e) => {
            if !have_cert && slot.is_none() {
                *slot = Some(TlsReport {
                    error: Some(e),
                    ..TlsReport::default()
                });
            }
            None
        }
    }
}

/// Sleeps `d` in short slices; true when cancelled meanwhile.
fn pause(d: Duration, cancel: &AtomicBool) -> bool {
    let end = Instant::now() + d;
    while Instant::now() < end {
        if cancel.load(Ordering::Relaxed) {
            return true;
        }
        std::thread::sleep(
            end.saturating_duration_since(Instant::now())
                .min(Duration::from_millis(20)),
        );
    }
    cancel.load(Ordering::Relaxed)
}

fn is_line_problem(code: &str) -> bool {
    matches!(code, "net.loss" | "net.jitter" | "net.high_latency")
}

/// `net.wireless` when the link in use is wireless (asked only when the host check found loss,
/// jitter or slow answers).
pub fn wireless_advice(link: Option<&Interface>) -> Option<Finding> {
    let link = link?;
    (link.kind == InterfaceKind::Wireless).then(|| {
        let signal = link
            .signal_dbm
            .map(|s| format!(", signal {s} dBm"))
            .unwrap_or_default();
        Finding::new(&f::NET_WIRELESS, Some(format!("{}{signal}", link.name)))
    })
}

/// The verdicts on a host report's figures (without the wireless advice).
pub fn host_findings(r: &HostReport) -> Vec<Finding> {
    let mut out = Vec::new();
    if let Some(d) = &r.dns
        && d.addresses.is_empty()
    {
        out.push(Finding::new(&f::NET_DNS_FAILED, d.error.clone()));
        return out;
    }
    let t = &r.tcp;
    if t.attempts > 0 && t.ok == 0 && r.refused == t.attempts {
        out.push(Finding::new(
            &f::NET_REFUSED,
            Some(format!("{} of {} connects refused", t.attempts, t.attempts)),
        ));
        return out;
    }
    if t.attempts > 0 && t.ok == 0 {
        out.push(Finding::new(
            &f::NET_UNREACHABLE,
            Some(format!("{} of {} connects failed", t.attempts, t.attempts)),
        ));
        return out;
    }
    if t.loss_pct > MAX_LOSS_PCT {
        out.push(Finding::new(
            &f::NET_LOSS,
            Some(format!(
                "loss {:.1} % ({} of {} connects failed)",
                t.loss_pct,
                t.attempts - t.ok,
                t.attempts
            )),
        ));
    }
    let slow_tcp = t.ok > 0 && t.avg_ms > MAX_CONNECT_MS;
    let slow_secure = r
        .secure
        .as_ref()
        .filter(|s| s.ok > 0 && s.avg_ms > MAX_SECURE_CONNECT_MS);
    if slow_tcp || slow_secure.is_some() {
        let detail = match slow_secure {
            Some(s) => format!(
                "secure connection avg {:.0} ms, max {:.0} ms",
                s.avg_ms, s.max_ms
            ),
            None => format!("connect avg {:.0} ms, max {:.0} ms", t.avg_ms, t.max_ms),
        };
        out.push(Finding::new(&f::NET_HIGH_LATENCY, Some(detail)));
    }
    let jitter = r
        .secure
        .as_ref()
        .map_or(t.jitter_ms, |s| s.jitter_ms.max(t.jitter_ms));
    if jitter > MAX_JITTER_MS {
        out.push(Finding::new(
            &f::NET_JITTER,
            Some(format!("jitter {jitter:.0} ms")),
        ));
    }
    if let Some(tls) = &r.tls {
        out.extend(tls_findings(tls));
    }
    if out.is_empty() && t.ok > 0 {
        out.push(Finding::new(
            &f::NET_OK,
            Some(format!(
                "{} of {} connects, avg {:.0} ms",
                t.ok, t.attempts, t.avg_ms
            )),
        ));
    }
    out
}

/// Every certificate problem that applies, or `tls.failed` when no handshake succeeded.
pub fn tls_findings(t: &TlsReport) -> Vec<Finding> {
    if t.version.is_none() {
        return vec![Finding::new(&f::TLS_FAILED, t.error.clone())];
    }
    let mut out = Vec::new();
    if t.expired {
        out.push(Finding::new(
            &f::TLS_EXPIRED,
            t.not_after.as_ref().map(|d| format!("not after {d}")),
        ));
    }
    if t.not_yet_valid {
        out.push(Finding::new(&f::TLS_NOT_YET_VALID, None));
    }
    if !t.trusted {
        out.push(Finding::new(
            &f::TLS_UNTRUSTED,
            t.issuer.as_ref().map(|i| format!("issuer {i}")),
        ));
    }
    if !t.hostname_ok {
        out.push(Finding::new(
            &f::TLS_HOSTNAME_MISMATCH,
            t.subject.as_ref().map(|s| format!("subject {s}")),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(v: &[Finding]) -> Vec<&str> {
        v.iter().map(|f| f.code.as_str()).collect()
    }

    fn report(samples: &[Option<f64>]) -> HostReport {
        HostReport {
            target: "h:1".into(),
            dns: None,
            address: None,
            tcp: AttemptStats::from_samples(samples),
            secure: None,
            samples_ms: samples.to_vec(),
            tls: None,
            link: None,
            cancelled: false,
            refused: 0,
            findings: Vec::new(),
        }
    }

    #[test]
    fn targets_parse() {
        assert_eq!("pos.example.com:443".parse::<Target>().unwrap().port, 443);
        let v6: Target = "[::1]:8443".parse().unwrap();
        assert_eq!(v6.host, "::1");
        assert_eq!(v6.to_string(), "[::1]:8443");
        assert!(matches!(
            "example.com".parse::<Target>(),
            Err(TargetError::NoPort(_))
        ));
        assert!(matches!(
            "example.com:0".parse::<Target>(),
            Err(TargetError::BadPort(_))
        ));
        assert!(matches!(
            "example.com:99999".parse::<Target>(),
            Err(TargetError::BadPort(_))
        ));
        assert!(matches!(
            "::1:443".parse::<Target>(),
            Err(TargetError::BareIpv6(_))
        ));
        assert!(matches!(
            ":443".parse::<Target>(),
            Err(TargetError::BadHost(_))
        ));
    }

    #[test]
    fn verdicts_follow_thresholds() {
        assert_eq!(codes(&host_findings(&report(&[Some(1.0); 5]))), ["net.ok"]);
        assert_eq!(
            codes(&host_findings(&report(&[None; 5]))),
            ["net.unreachable"]
        );
        assert_eq!(
            codes(&host_findings(&report(&[Some(1.0), None, Some(1.0)]))),
            ["net.loss"]
        );
        assert_eq!(
            codes(&host_findings(&report(&[Some(200.0); 4]))),
            ["net.high_latency"]
        );
        assert_eq!(
            codes(&host_findings(&report(&[
                Some(10.0),
                Some(300.0),
                Some(10.0),
                Some(300.0)
            ]))),
            ["net.high_latency", "net.jitter"]
        );
        assert_eq!(
            codes(&host_findings(&report(&[
                Some(10.0),
                Some(90.0),
                Some(10.0)
            ]))),
            ["net.jitter"]
        );
    }

    #[test]
    fn every_certificate_problem_is_reported() {
        let t = TlsReport {
            version: Some("TLSv1.3".into()),
            expired: true,
            trusted: false,
            hostname_ok: false,
            ..TlsReport::default()
        };
        assert_eq!(
            codes(&tls_findings(&t)),
            ["tls.expired", "tls.untrusted", "tls.hostname_mismatch"]
        );
        let failed = TlsReport {
            error: Some("alert".into()),
            ..TlsReport::default()
        };
        assert_eq!(codes(&tls_findings(&failed)), ["tls.failed"]);
    }

    #[test]
    fn wireless_advice_only_for_wireless_links() {
        let mut i = Interface {
            name: "wlan0".into(),
            kind: InterfaceKind::Wireless,
            up: Some(true),
            addresses: vec![],
            default_route: true,
            gateway: None,
            signal_dbm: Some(-71),
            link_quality: None,
        };
        let w = wireless_advice(Some(&i)).unwrap();
        assert_eq!(w.code, "net.wireless");
        assert_eq!(w.detail.as_deref(), Some("wlan0, signal -71 dBm"));
        i.kind = InterfaceKind::Wired;
        assert!(wireless_advice(Some(&i)).is_none());
        assert!(wireless_advice(None).is_none());
    }
}
