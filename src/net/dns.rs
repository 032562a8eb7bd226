//! Host name resolution with a time bound, through the system resolver.
//!
//! `getaddrinfo` has no timeout of its own, so the lookup runs on a short-lived thread and the
//! caller waits at most [`DNS_TIMEOUT`]; a lookup still running then finishes unobserved. Names
//! that cannot be valid are refused before any query: malformed names (RFC 1123 §2.1 syntax) and
//! the special-use `.invalid` domain, which RFC 6761 §6.4 says resolver libraries should answer
//! negatively themselves instead of sending out.

use serde::{Deserialize, Serialize};
use std::net::{IpAddr, ToSocketAddrs};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// Longest wait for the system resolver: glibc's default is 5 s per server and 2 attempts
/// (resolv.conf(5) `timeout`/`attempts`); 10 s covers one retry without hanging a check.
pub const DNS_TIMEOUT: Duration = Duration::from_secs(10);

/// The outcome of resolving one name.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DnsReport {
    /// Time the lookup took, milliseconds.
    pub ms: f64,
    /// Addresses found, IPv4 first then IPv6, each sorted and without duplicates.
    pub addresses: Vec<IpAddr>,
    /// Why no address was found, when none was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// Whether `name` is a syntactically valid host name (RFC 1123 §2.1: labels of letters, digits
/// and hyphens, 1–63 characters, not starting or ending with a hyphen; 253 characters at most).
pub fn is_valid_host_name(name: &str) -> bool {
    let name = name.strip_suffix('.').unwrap_or(name);
    !name.is_empty()
        && name.len() <= 253
        && name.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        })
}

/// Whether `name` is in the special-use `.invalid` domain (RFC 6761 §6.4).
pub fn is_special_invalid(name: &str) -> bool {
    let lower = name.strip_suffix('.').unwrap_or(name).to_ascii_lowercase();
    lower == "invalid" || lower.ends_with(".invalid")
}

/// Resolves `name` (a host name, not an IP literal) with the system resolver, waiting at most
/// `timeout`.
pub fn resolve(name: &str, timeout: Duration) -> DnsReport {
    let started = Instant::now();
    let failed = |error: String| DnsReport {
        ms: started.elapsed().as_secs_f64() * 1000.0,
        addresses: Vec::new(),
        error: Some(error),
    };
    if !is_valid_host_name(name) {
        return failed(format!("{name:?} is not a valid host name"));
    }
    if is_special_invalid(name) {
        return failed(format!(
            "{name:?} is in the reserved .invalid domain (RFC 6761) and never resolves"
        ));
    }
    let (tx, rx) = mpsc::channel();
    let owned = name.to_owned();
    let spawned = std::thread::Builder::new()
        .name("emv-dns".into())
        .spawn(move || {
            let result = (owned.as_str(), 0u16)
                .to_socket_addrs()
                .map(|it| it.map(|sa| sa.ip()).collect::<Vec<_>>());
            let _ = tx.send(result);
        });
    if let Err(e) = spawned {
        return failed(format!("cannot start the lookup: {e}"));
    }
    let result = rx.recv_timeout(timeout);
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    match result {
        Ok(Ok(found)) if !found.is_empty() => DnsReport {
            ms,
            addresses: sorted(found),
            error: None,
        },
        Ok(Ok(_)) => failed("no addresses".into()),
        Ok(Err(e)) => failed(e.to_string()),
        Err(_) => failed(format!("no answer within {} ms", timeout.as_millis())),
    }
}

fn sorted(mut addrs: Vec<IpAddr>) -> Vec<IpAddr> {
    // IpAddr orders every V4 before every V6.
    addrs.sort();
    addrs.dedup();
    addrs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_name_syntax() {
        assert!(is_valid_host_name("pos.example-acquirer.com"));
        assert!(is_valid_host_name("localhost."));
        assert!(!is_valid_host_name("bad host"));
        assert!(!is_valid_host_name("-x.example"));
        assert!(!is_valid_host_name("a..b"));
        assert!(!is_valid_host_name(&"a".repeat(64)));
        assert!(!is_valid_host_name(""));
    }

    #[test]
    fn invalid_domain_fails_without_a_query() {
        assert!(is_special_invalid("Host.INVALID."));
        assert!(!is_special_invalid("invalid.example"));
        let r = resolve("pos.invalid", DNS_TIMEOUT);
        assert!(r.addresses.is_empty());
        assert!(r.error.unwrap().contains("RFC 6761"));
        assert!(r.ms < 100.0);
    }

    #[test]
    fn addresses_are_sorted_v4_first() {
        let a = sorted(vec![
            "::1".parse().unwrap(),
            "10.0.0.2".parse().unwrap(),
            "10.0.0.1".parse().unwrap(),
            "10.0.0.2".parse().unwrap(),
        ]);
        assert_eq!(
            a,
            vec![
                "10.0.0.1".parse::<IpAddr>().unwrap(),
                "10.0.0.2".parse().unwrap(),
                "::1".parse().unwrap()
            ]
        );
    }
}
