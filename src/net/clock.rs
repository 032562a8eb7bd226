//! The clock check: this computer's clock against an NTP server (SNTP, RFC 4330) and, when a
//! TLS host is given, against that host's HTTP `Date`.
//!
//! A wrong date matters twice at the counter: the terminal compares card expiry and effective
//! dates with it (EMV Book 3, Processing Restrictions), and hosts and TLS certificate checks
//! reject messages and certificates that look expired or not yet valid.

use super::dns;
use super::findings as f;
use super::host::Target;
use super::http_date::{self, HttpDateReport};
use super::sntp;
use crate::finding::Finding;
use serde::{Deserialize, Serialize};
use std::net::{IpAddr, SocketAddr};
use std::time::Duration;

/// Default NTP server (the NTP Pool's global name).
pub const DEFAULT_SERVER: &str = "pool.ntp.org:123";
/// NTP's UDP port (RFC 5905 §7.2).
pub const NTP_PORT: u16 = 123;
/// Default wait for the NTP answer: RFC 4330 §10 asks clients not to retry faster than every
/// 15 s, so one query with a few seconds' wait is the polite and sufficient choice.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(3);
/// Above this offset the clock is wrong. An NTP-disciplined clock is within milliseconds
/// (RFC 5905); a clock a minute off is not synchronised at all, its receipts carry the wrong
/// time, and hosts that check the message's transmission date and time (ISO 8583 field 7)
/// start rejecting; a day off makes cards look expired or not yet effective.
pub const MAX_OFFSET_MS: f64 = 60_000.0;

/// Another host whose HTTPS `Date` serves as a second opinion.
#[derive(Clone, Debug, PartialEq)]
pub struct HttpDateSource {
    /// The HTTPS host.
    pub target: Target,
    /// TLS server name, when it differs from the host.
    pub sni: Option<String>,
}

/// What to ask and how long to wait.
#[derive(Clone, Debug, PartialEq)]
pub struct ClockOptions {
    /// NTP server, `HOST`, `HOST:PORT` or `[IPv6]:PORT` (port 123 when left out).
    pub server: String,
    /// Longest wait for each answer (NTP, and the whole HTTPS exchange).
    pub timeout: Duration,
    /// An HTTPS host asked for its `Date` as a second opinion.
    pub http_date: Option<HttpDateSource>,
}

impl Default for ClockOptions {
    fn default() -> Self {
        ClockOptions {
            server: DEFAULT_SERVER.to_owned(),
            timeout: DEFAULT_TIMEOUT,
            http_date: None,
        }
    }
}

/// The result of a clock check.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClockReport {
    /// The NTP server as given.
    pub server: String,
    /// The address asked.
    pub address: Option<String>,
    /// Local clock when the check ran, RFC 3339 (what this computer believes).
    pub local_time: String,
    /// Server time minus local time, ms: a local clock 10 minutes behind reads +600000.
    pub offset_ms: Option<f64>,
    /// NTP round-trip delay, ms.
    pub round_trip_ms: Option<f64>,
    /// Why NTP gave no answer.
    pub error: Option<String>,
    /// The HTTPS `Date` second opinion, when asked.
    pub http_date: Option<HttpDateReport>,
    /// Verdicts.
    pub findings: Vec<Finding>,
}

/// Runs the clock check; every wait is bounded by `opts.timeout` (and [`dns::DNS_TIMEOUT`]).
pub fn check_clock(opts: &ClockOptions) -> ClockReport {
    let mut report = ClockReport {
        server: opts.server.clone(),
        address: None,
        local_time: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
        offset_ms: None,
        round_trip_ms: None,
        error: None,
        http_date: None,
        findings: Vec::new(),
    };
    match server_addr(&opts.server) {
        Err(e) => report.error = Some(e),
        Ok(addr) => {
            report.address = Some(addr.to_string());
            match sntp::query(addr, opts.timeout) {
                Ok(m) => {
                    report.offset_ms = Some(m.offset_ms);
                    report.round_trip_ms = Some(m.round_trip_ms);
                }
                Err(e) => report.error = Some(e.to_string()),
            }
        }
    }
    report.http_date = opts
        .http_date
        .as_ref()
        .map(|s| http_date::http_date_offset(&s.target, s.sni.as_deref(), opts.timeout));
    report.findings = clock_findings(&report);
    report
}

/// An NTP server as given: `HOST`, `HOST:PORT`, `[IPv6]:PORT` or a bare IPv6 address; port
/// 123 when left out. Parsing rejects what cannot be a server, so a typo is a usage error and
/// not a clock finding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NtpServer {
    /// Host name or IP address (IPv6 without brackets).
    pub host: String,
    /// UDP port.
    pub port: u16,
}

/// Why a typed time server is not `HOST` or `HOST:PORT`.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not a time server: use HOST or HOST:PORT (port 1-65535)")]
pub struct NtpServerError(pub String);

impl NtpServerError {
    /// What is wrong with what was typed, in `lang`.
    pub fn message(&self, lang: crate::i18n::Lang) -> String {
        match lang {
            crate::i18n::Lang::En => self.to_string(),
            crate::i18n::Lang::ZhCn => format!(
                "“{}”不是时间服务器：请写成 主机 或 主机：端口（端口 1 到 65535）",
                self.0
            ),
        }
    }
}

impl std::str::FromStr for NtpServer {
    type Err = NtpServerError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        if let Ok(t) = s.parse::<Target>() {
            return Ok(NtpServer {
                host: t.host,
                port: t.port,
            });
        }
        let host = s.trim_start_matches('[').trim_end_matches(']');
        if host.parse::<IpAddr>().is_ok() || dns::is_valid_host_name(host) {
            Ok(NtpServer {
                host: host.to_owned(),
                port: NTP_PORT,
            })
        } else {
            Err(NtpServerError(s.to_owned()))
        }
    }
}

impl std::fmt::Display for NtpServer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let target = Target {
            host: self.host.clone(),
            port: self.port,
        };
        target.fmt(f)
    }
}

/// Resolves a server to one socket address (port 123 by default).
fn server_addr(server: &str) -> Result<SocketAddr, String> {
    let NtpServer { host, port } = server.parse().map_err(|e: NtpServerError| e.to_string())?;
    let ip = match host.parse::<IpAddr>() {
        Ok(ip) => ip,
        Err(_) => {
            let d = dns::resolve(&host, dns::DNS_TIMEOUT);
            match d.addresses.first() {
                Some(ip) => *ip,
                None => return Err(d.error.unwrap_or_else(|| "no addresses".into())),
            }
        }
    };
    Ok(SocketAddr::new(ip, port))
}

/// The verdicts on a clock report: `clock.ok` or `clock.skew` from NTP; when NTP gave no
/// answer, `clock.unreachable` plus the verdict from the HTTPS `Date` if there is one.
pub fn clock_findings(r: &ClockReport) -> Vec<Finding> {
    let judge = |offset: f64, source: &str| {
        let detail = Some(format!("offset {:+.1} s ({source})", offset / 1000.0));
        if offset.abs() > MAX_OFFSET_MS {
            Finding::new(&f::CLOCK_SKEW, detail)
        } else {
            Finding::new(&f::CLOCK_OK, detail)
        }
    };
    if let Some(offset) = r.offset_ms {
        return vec![judge(offset, &format!("NTP {}", r.server))];
    }
    let mut out = vec![Finding::new(&f::CLOCK_UNREACHABLE, r.error.clone())];
    if let Some(h) = &r.http_date
        && let Some(offset) = h.offset_ms
    {
        out.push(judge(offset, &format!("HTTPS Date of {}", h.target)));
    }
    out
}

#[cfg(test)]
mod tests {

    #[test]
    fn ntp_servers_parse_or_say_why() {
        let ok = |s: &str| s.parse::<NtpServer>().unwrap().to_string();
        assert_eq!(ok("pool.ntp.org"), "pool.ntp.org:123");
        assert_eq!(ok("time.example:1123"), "time.example:1123");
        assert_eq!(ok("::1"), "[::1]:123");
        assert_eq!(ok("[::1]:124"), "[::1]:124");
        for bad in ["127.0.0.1:99999", "localhost:abc", "", "bad host"] {
            assert!(bad.parse::<NtpServer>().is_err(), "{bad:?}");
        }
    }
    use super::*;

    fn report(offset: Option<f64>, http: Option<f64>) -> ClockReport {
        ClockReport {
            server: "ntp".into(),
            address: None,
            local_time: String::new(),
            offset_ms: offset,
            round_trip_ms: None,
            error: offset.is_none().then(|| "no answer".into()),
            http_date: http.map(|o| HttpDateReport {
                target: "h:443".into(),
                offset_ms: Some(o),
                round_trip_ms: None,
                date: None,
                error: None,
            }),
            findings: Vec::new(),
        }
    }

    fn codes(r: &ClockReport) -> Vec<String> {
        clock_findings(r).into_iter().map(|f| f.code).collect()
    }

    #[test]
    fn verdicts() {
        assert_eq!(codes(&report(Some(120.0), None)), ["clock.ok"]);
        assert_eq!(codes(&report(Some(-600_000.0), None)), ["clock.skew"]);
        assert_eq!(codes(&report(None, None)), ["clock.unreachable"]);
        assert_eq!(
            codes(&report(None, Some(3_600_000.0))),
            ["clock.unreachable", "clock.skew"]
        );
        let d = clock_findings(&report(Some(600_000.0), None))
            .remove(0)
            .detail
            .unwrap();
        assert_eq!(d, "offset +600.0 s (NTP ntp)");
    }

    #[test]
    fn server_addresses() {
        assert_eq!(
            server_addr("127.0.0.1").unwrap(),
            "127.0.0.1:123".parse().unwrap()
        );
        assert_eq!(
            server_addr("127.0.0.1:1123").unwrap(),
            "127.0.0.1:1123".parse().unwrap()
        );
        assert_eq!(server_addr("[::1]:5").unwrap(), "[::1]:5".parse().unwrap());
        assert!(server_addr("time.invalid").is_err());
    }
}
