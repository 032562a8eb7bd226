//! A second opinion on the clock: the HTTP `Date` header (RFC 9110 §6.6.1) of an HTTPS host.
//!
//! The `Date` has one-second resolution and is truncated by the server, so the server's time
//! is taken as `Date + 0.5 s` at the midpoint of the exchange; the result is good to about a
//! second, plenty to catch a wrong day or a clock minutes off.

use super::dns;
use super::host::Target;
use super::sntp::now_micros;
use super::tcp;
use super::tls;
use serde::{Deserialize, Serialize};
use std::io::{Read, Write};
use std::net::{IpAddr, SocketAddr};
use std::time::{Duration, Instant};

/// Most header bytes read before giving up on finding `Date`.
const MAX_HEAD: usize = 16 * 1024;

/// The offset read from an HTTPS host's `Date` header.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HttpDateReport {
    /// The host asked, `HOST:PORT`.
    pub target: String,
    /// Server time minus local time, milliseconds (about ±1000 ms).
    pub offset_ms: Option<f64>,
    /// Duration of the request, milliseconds.
    pub round_trip_ms: Option<f64>,
    /// The `Date` header as received.
    pub date: Option<String>,
    /// Why no offset could be read.
    pub error: Option<String>,
}

/// Asks `target` over TLS for `/` (HEAD) and compares its `Date` with the local clock. The whole
/// exchange (DNS excepted, bounded by [`dns::DNS_TIMEOUT`]) takes at most `timeout`.
pub fn http_date_offset(target: &Target, sni: Option<&str>, timeout: Duration) -> HttpDateReport {
    let mut report = HttpDateReport {
        target: target.to_string(),
        offset_ms: None,
        round_trip_ms: None,
        date: None,
        error: None,
    };
    match exchange(target, sni, timeout) {
        Ok((date_text, t_send, t_recv)) => {
            report.round_trip_ms = Some((t_recv - t_send) as f64 / 1000.0);
            match chrono::DateTime::parse_from_rfc2822(&date_text) {
                Ok(d) => {
                    let server_us = d.timestamp_micros() + 500_000;
                    let local_mid = t_send + (t_recv - t_send) / 2;
                    report.offset_ms = Some((server_us - local_mid) as f64 / 1000.0);
                }
                Err(e) => report.error = Some(format!("unreadable Date {date_text:?}: {e}")),
            }
            report.date = Some(date_text);
        }
        Err(e) => report.error = Some(e),
    }
    report
}

/// Connects, sends the request, returns the `Date` value and the local send/receive times.
fn exchange(
    target: &Target,
    sni: Option<&str>,
    timeout: Duration,
) -> Result<(String, i64, i64), String> {
    let ip = match target.host.parse::<IpAddr>() {
        Ok(ip) => ip,
        Err(_) => {
            let d = dns::resolve(&target.host, dns::DNS_TIMEOUT);
            match d.addresses.first() {
                Some(ip) => *ip,
                None => return Err(d.error.unwrap_or_else(|| "no addresses".into())),
            }
        }
    };
    let deadline = Instant::now() + timeout;
    let (sock, _) = tcp::connect(SocketAddr::new(ip, target.port), timeout)?;
    let name = tls::server_name(&target.host, sni)?;
    let mut secure = tls::handshake(sock, name, deadline)?;
    let host_header = sni.unwrap_or(&target.host);
    let request = format!(
        "HEAD / HTTP/1.1\r\nHost: {host_header}\r\nUser-Agent: emv-doctor/{}\r\nConnection: close\r\n\r\n",
        crate::VERSION
    );
    let t_send = now_micros();
    let started = Instant::now();
    let mut stream = rustls::Stream::new(&mut secure.conn, &mut secure.sock);
    stream
        .write_all(request.as_bytes())
        .map_err(|e| e.to_string())?;
    let mut head = Vec::new();
    let mut buf = [0u8; 2048];
    let mut t_recv = None;
    while !head.windows(4).any(|w| w == b"\r\n\r\n") && head.len() < MAX_HEAD {
        match stream.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => {
                t_recv.get_or_insert_with(|| {
                    t_send + i64::try_from(started.elapsed().as_micros()).unwrap_or(i64::MAX)
                });
                head.extend_from_slice(&buf[..n]);
            }
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) =>
            {
                return Err(format!("no HTTP answer within {} ms", timeout.as_millis()));
            }
            Err(e) if !head.is_empty() && e.kind() == std::io::ErrorKind::UnexpectedEof => break,
            Err(e) => return Err(e.to_string()),
        }
    }
    let t_recv = t_recv.ok_or("the server sent no HTTP answer")?;
    let date = find_date(&head).ok_or("the answer has no Date header")?;
    Ok((date, t_send, t_recv))
}

/// The value of the first `Date:` header in an HTTP response head.
pub fn find_date(head: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(head);
    text.split("\r\n")
        .skip(1)
        .take_while(|l| !l.is_empty())
        .find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.trim()
                .eq_ignore_ascii_case("date")
                .then(|| v.trim().to_owned())
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_header_is_found_case_insensitively() {
        let head =
            b"HTTP/1.1 200 OK\r\nServer: x\r\ndate: Sun, 06 Nov 1994 08:49:37 GMT\r\n\r\nbody";
        let d = find_date(head).unwrap();
        assert_eq!(d, "Sun, 06 Nov 1994 08:49:37 GMT");
        assert_eq!(
            chrono::DateTime::parse_from_rfc2822(&d)
                .unwrap()
                .timestamp(),
            784_111_777
        );
        assert_eq!(find_date(b"HTTP/1.1 200 OK\r\n\r\nDate: x"), None);
    }
}
