//! TLS handshake with rustls and an analysis of the server's certificate that reports every
//! problem, not only the first.
//!
//! A normal verifier stops at the first problem. Here the handshake uses a verifier that records
//! the chain and lets the handshake finish (it still checks the handshake signature, so the
//! server must hold the certificate's key). The chain is then judged separately:
//! - trust: rustls' `WebPkiServerVerifier` over the system roots (rustls-native-certs), the
//!   webpki roots and any extra roots (a private acquirer CA), evaluated at a moment inside the
//!   certificate's validity so an expired certificate is still judged on its issuer;
//! - hostname: the certificate's subject alternative names, checked here with x509-parser
//!   (RFC 6125 §6.4: exact DNS names, a `*` only as the whole left-most label; IP addresses
//!   against IP entries; the subject CN is not used, as in rustls/webpki);
//! - dates: `notBefore`/`notAfter` against the local clock.

use super::tcp::DeadlineStream;
use chrono::{DateTime, Utc};
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::client::{Resumption, WebPkiServerVerifier};
use rustls::crypto::{CryptoProvider, ring};
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{
    CertificateError, ClientConfig, ClientConnection, DigitallySignedStruct, RootCertStore,
    SignatureScheme,
};
use serde::{Deserialize, Serialize};
use std::net::{IpAddr, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use x509_parser::prelude::{FromDer, GeneralName, X509Certificate};

/// What the TLS check found. Serialised as the `tls` object of `net host --json`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TlsReport {
    /// Negotiated protocol, e.g. `TLSv1.3`; `None` when the handshake failed.
    pub version: Option<String>,
    /// Subject of the server's certificate (RFC 4514 string).
    pub subject: Option<String>,
    /// Issuer of the server's certificate.
    pub issuer: Option<String>,
    /// End of validity, RFC 3339 UTC.
    pub not_after: Option<String>,
    /// Whole days from now until `not_after`; negative once expired.
    pub days_left: Option<i64>,
    /// The certificate names the host asked for.
    pub hostname_ok: bool,
    /// The chain leads to a trusted root (judged inside the certificate's validity period).
    pub trusted: bool,
    /// `notAfter` is in the past.
    #[serde(default)]
    pub expired: bool,
    /// `notBefore` is in the future (usually a clock set back).
    #[serde(default)]
    pub not_yet_valid: bool,
    /// Duration of the handshake, milliseconds (after the TCP connect).
    #[serde(default)]
    pub handshake_ms: Option<f64>,
    /// The exact error a strict client gets: the handshake failure, or the certificate
    /// verification error; `None` when a strict client would connect.
    pub error: Option<String>,
}

/// The root certificates a chain may lead to: system roots, webpki roots and `extra`.
pub fn trust_roots(extra: &[CertificateDer<'static>]) -> Arc<RootCertStore> {
    let mut store = RootCertStore::empty();
    store.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
    // Unreadable or unparsable system certificates are skipped: the webpki roots remain.
    let native = rustls_native_certs::load_native_certs();
    let _ = store.add_parsable_certificates(native.certs);
    let _ = store.add_parsable_certificates(extra.iter().cloned());
    Arc::new(store)
}

fn provider() -> Arc<CryptoProvider> {
    Arc::new(ring::default_provider())
}

/// Records the chain the server sends and accepts it, so the handshake completes and every
/// certificate problem can be reported afterwards. Handshake signatures are still verified.
#[derive(Debug)]
struct Recorder {
    chain: Mutex<Vec<CertificateDer<'static>>>,
    provider: Arc<CryptoProvider>,
}

impl ServerCertVerifier for Recorder {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        let mut chain = self.chain.lock().unwrap_or_else(|e| e.into_inner());
        chain.clear();
        chain.push(end_entity.clone().into_owned());
        chain.extend(intermediates.iter().map(|c| c.clone().into_owned()));
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.provider
            .signature_verification_algorithms
            .supported_schemes()
    }
}

/// A finished handshake: the connection (to send application data) and the recorded chain.
pub struct Secure {
    /// The rustls connection state.
    pub conn: ClientConnection,
    /// The TCP socket under it, held to the check's deadline.
    pub sock: DeadlineStream,
    /// The server's chain, end entity first.
    pub chain: Vec<CertificateDer<'static>>,
    /// Handshake duration, milliseconds.
    pub ms: f64,
}

impl Secure {
    /// The negotiated protocol version as text (`TLSv1.3`, `TLSv1.2`).
    pub fn version(&self) -> Option<String> {
        self.conn.protocol_version().map(|v| match v {
            rustls::ProtocolVersion::TLSv1_3 => "TLSv1.3".to_owned(),
            rustls::ProtocolVersion::TLSv1_2 => "TLSv1.2".to_owned(),
            other => format!("{other:?}"),
        })
    }
}

/// The name to ask for: `sni` when given, else the target host (DNS name or IP address).
pub fn server_name(host: &str, sni: Option<&str>) -> Result<ServerName<'static>, String> {
    let name = sni.unwrap_or(host);
    ServerName::try_from(name.to_owned())
        .map_err(|e| format!("{name:?} is not a valid TLS server name: {e}"))
}

/// Runs a TLS handshake over `sock`, finishing by `deadline`. Session resumption is off, so every
/// call is a full handshake (as a terminal's first transaction of the day).
pub fn handshake(
    sock: TcpStream,
    name: ServerName<'static>,
    deadline: Instant,
) -> Result<Secure, String> {
    let provider = provider();
    let recorder = Arc::new(Recorder {
        chain: Mutex::new(Vec::new()),
        provider: provider.clone(),
    });
    let mut config = ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| e.to_string())?
        .dangerous()
        .with_custom_certificate_verifier(recorder.clone())
        .with_no_client_auth();
    config.resumption = Resumption::disabled();
    let mut conn = ClientConnection::new(Arc::new(config), name).map_err(|e| e.to_string())?;
    let started = Instant::now();
    let mut sock = DeadlineStream { sock, deadline };
    while conn.is_handshaking() {
        if let Err(e) = conn.complete_io(&mut sock) {
            return Err(match e.kind() {
                std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut => {
                    format!("no TLS answer within {} ms", started.elapsed().as_millis())
                }
                std::io::ErrorKind::UnexpectedEof => {
                    "the server closed the connection during the TLS handshake".to_owned()
                }
                _ => e.to_string(),
            });
        }
    }
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    let chain = recorder
        .chain
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .clone();
    Ok(Secure {
        conn,
        sock,
        chain,
        ms,
    })
}

/// Everything the certificate says about the connection, at `now`.
pub fn analyse(
    chain: &[CertificateDer<'static>],
    name: &ServerName<'_>,
    roots: &Arc<RootCertStore>,
    now: DateTime<Utc>,
) -> TlsReport {
    let Some(leaf_der) = chain.first() else {
        return TlsReport {
            error: Some("the server sent no certificate".into()),
            ..TlsReport::default()
        };
    };
    let leaf = match X509Certificate::from_der(leaf_der.as_ref()) {
        Ok((_, c)) => c,
        Err(e) => {
            return TlsReport {
                error: Some(format!("the server's certificate cannot be read: {e}")),
                ..TlsReport::default()
            };
        }
    };
    let not_before = leaf.validity().not_before.timestamp();
    let not_after = leaf.validity().not_after.timestamp();
    let now_s = now.timestamp();
    let expired = now_s > not_after;
    let not_yet_valid = now_s < not_before;
    let not_after_dt = DateTime::<Utc>::from_timestamp(not_after, 0);
    let days_left = not_after_dt.map(|t| (t - now).num_days());

    let hostname_ok = names_match(&leaf, name);
    let verifier = WebPkiServerVerifier::builder_with_provider(roots.clone(), provider()).build();
    let (trusted, error) = match verifier {
        Err(e) => (false, Some(format!("no trust roots: {e}"))),
        Ok(v) => {
            let verify_at = |t: i64| {
                let t =
                    UnixTime::since_unix_epoch(Duration::from_secs(u64::try_from(t).unwrap_or(0)));
                v.verify_server_cert(leaf_der, &chain[1..], name, &[], t)
            };
            // What a strict client sees now.
            let strict = verify_at(now_s).err().map(|e| e.to_string());
            // Trust on its own: judged at a moment the certificate is valid, so dates and the
            // name (checked separately) do not hide an unknown issuer.
            let inside = now_s.clamp(
                not_before.saturating_add(1),
                not_after.saturating_sub(1).max(not_before),
            );
            let trusted = match verify_at(inside) {
                Ok(_) => true,
                Err(rustls::Error::InvalidCertificate(
                    CertificateError::NotValidForName
                    | CertificateError::NotValidForNameContext { .. },
                )) => true,
                Err(_) => false,
            };
            (trusted, strict)
        }
    };
    TlsReport {
        version: None,
        subject: Some(leaf.subject().to_string()),
        issuer: Some(leaf.issuer().to_string()),
        not_after: not_after_dt.map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)),
        days_left,
        hostname_ok,
        trusted,
        expired,
        not_yet_valid,
        handshake_ms: None,
        error,
    }
}

/// Whether the certificate's subject alternative names cover `name`.
fn names_match(cert: &X509Certificate<'_>, name: &ServerName<'_>) -> bool {
    let Ok(Some(san)) = cert.subject_alternative_name() else {
        return false;
    };
    san.value.general_names.iter().any(|g| match (g, name) {
        (GeneralName::DNSName(pattern), ServerName::DnsName(host)) => {
            dns_name_matches(pattern, host.as_ref())
        }
        (GeneralName::IPAddress(bytes), ServerName::IpAddress(ip)) => {
            ip_matches(bytes, IpAddr::from(*ip))
        }
        _ => false,
    })
}

/// RFC 6125 §6.4.1/§6.4.3 matching of one SAN DNS entry against a host name: case-insensitive,
/// trailing dots ignored, `*` only as the entire left-most label matching exactly one label.
pub fn dns_name_matches(pattern: &str, host: &str) -> bool {
    let p = pattern.trim_end_matches('.').to_ascii_lowercase();
    let h = host.trim_end_matches('.').to_ascii_lowercase();
    if p.is_empty() || h.is_empty() {
        return false;
    }
    match p.strip_prefix("*.") {
        Some(rest) => match h.split_once('.') {
            Some((first, tail)) => !first.is_empty() && tail == rest && rest.contains('.'),
            None => false,
        },
        None => p == h,
    }
}

fn ip_matches(bytes: &[u8], ip: IpAddr) -> bool {
    match (ip, bytes.len()) {
        (IpAddr::V4(v4), 4) => v4.octets() == bytes,
        (IpAddr::V6(v6), 16) => v6.octets() == bytes,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcards_cover_one_label_only() {
        assert!(dns_name_matches("*.example.com", "pos.example.com"));
        assert!(dns_name_matches("POS.Example.com.", "pos.example.com"));
        assert!(!dns_name_matches("*.example.com", "a.b.example.com"));
        assert!(!dns_name_matches("*.example.com", "example.com"));
        assert!(!dns_name_matches("*.com", "example.com"));
        assert!(!dns_name_matches("pos.example.com", "pay.example.com"));
    }

    #[test]
    fn ip_entries_match_by_family() {
        assert!(ip_matches(&[127, 0, 0, 1], "127.0.0.1".parse().unwrap()));
        assert!(!ip_matches(&[127, 0, 0, 1], "::1".parse().unwrap()));
    }

    #[test]
    fn empty_chain_is_reported() {
        let r = analyse(
            &[],
            &ServerName::try_from("a.example").unwrap(),
            &trust_roots(&[]),
            Utc::now(),
        );
        assert!(!r.trusted && !r.hostname_ok);
        assert!(r.error.is_some());
    }
}
