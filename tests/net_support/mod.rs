//! Test servers for the network checks, all on 127.0.0.1: TLS servers with certificates made
//! by rcgen at run time (optionally delaying their answers or serving an HTTP `Date`), and
//! SNTP servers on UDP. Every server thread stops when its guard is dropped, and all waits are
//! bounded.
#![allow(dead_code)]

use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, Issuer, KeyPair};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use rustls::{ServerConfig, ServerConnection};
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream, UdpSocket};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// Longest life of any test server.
const SERVER_LIFETIME: Duration = Duration::from_secs(60);

/// A certificate authority made for one test.
pub struct TestCa {
    pub der: CertificateDer<'static>,
    pub pem: String,
    issuer: Issuer<'static, KeyPair>,
}

impl TestCa {
    pub fn new() -> TestCa {
        let mut params = CertificateParams::new(Vec::<String>::new()).unwrap();
        params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        params
            .distinguished_name
            .push(DnType::CommonName, "EMV Doctor Test CA");
        let key = KeyPair::generate().unwrap();
        let cert = params.self_signed(&key).unwrap();
        TestCa {
            der: cert.der().clone(),
            pem: cert.pem(),
            issuer: Issuer::new(params, key),
        }
    }

    /// A leaf for `names`, valid `from`..`to` (years), signed by this CA.
    pub fn leaf(&self, names: &[&str], years: Option<(i32, i32)>) -> Leaf {
        let (params, key) = leaf_params(names, years);
        let cert = params.signed_by(&key, &self.issuer).unwrap();
        Leaf {
            chain: vec![cert.der().clone()],
            key: key.serialize_der(),
        }
    }
}

/// A server certificate chain and its key.
pub struct Leaf {
    pub chain: Vec<CertificateDer<'static>>,
    key: Vec<u8>,
}

fn leaf_params(names: &[&str], years: Option<(i32, i32)>) -> (CertificateParams, KeyPair) {
    let mut params =
        CertificateParams::new(names.iter().map(|s| s.to_string()).collect::<Vec<_>>()).unwrap();
    params
        .distinguished_name
        .push(DnType::CommonName, names.first().copied().unwrap_or("test"));
    if let Some((from, to)) = years {
        params.not_before = rcgen::date_time_ymd(from, 1, 1);
        params.not_after = rcgen::date_time_ymd(to, 1, 1);
    }
    (params, KeyPair::generate().unwrap())
}

/// A self-signed leaf (its own issuer, in no trust store).
pub fn self_signed(names: &[&str]) -> Leaf {
    let (params, key) = leaf_params(names, None);
    let cert = params.self_signed(&key).unwrap();
    Leaf {
        chain: vec![cert.der().clone()],
        key: key.serialize_der(),
    }
}

/// What a TLS test server does on each connection.
#[derive(Clone, Default)]
pub struct Behaviour {
    /// Pause before answering the ClientHello, by connection number (cycled).
    pub delays_ms: Vec<u64>,
    /// Answer one HTTP request with a `Date` this many seconds off the real time.
    pub http_date_offset_s: Option<i64>,
}

/// A server thread that stops when dropped.
pub struct Server {
    pub addr: SocketAddr,
    pub served: Arc<AtomicUsize>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// A TLS server on 127.0.0.1 presenting `leaf`.
pub fn tls_server(leaf: &Leaf, behaviour: Behaviour) -> Server {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(leaf.key.clone()));
    let config = Arc::new(
        ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .unwrap()
            .with_no_client_auth()
            .with_single_cert(leaf.chain.clone(), key)
            .unwrap(),
    );
    accept_loop(move |n, sock| serve_tls(n, sock, &config, &behaviour))
}

/// A TCP server that accepts and closes at once (a port that speaks no TLS).
pub fn closing_server() -> Server {
    accept_loop(|_, sock| drop(sock))
}

/// A server running `body` on its own thread, told to stop (through the flag it is given)
/// when dropped.
pub fn thread_server(
    addr: SocketAddr,
    body: impl FnOnce(Arc<AtomicBool>) + Send + 'static,
) -> Server {
    let stop = Arc::new(AtomicBool::new(false));
    let stop2 = stop.clone();
    Server {
        addr,
        served: Arc::new(AtomicUsize::new(0)),
        stop,
        thread: Some(std::thread::spawn(move || body(stop2))),
    }
}

/// A TCP server on 127.0.0.1 handing each connection to `handler` with its number.
pub fn accept_loop(handler: impl Fn(usize, TcpStream) + Send + 'static) -> Server {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let addr = listener.local_addr().unwrap();
    let stop = Arc::new(AtomicBool::new(false));
    let served = Arc::new(AtomicUsize::new(0));
    let (stop2, served2) = (stop.clone(), served.clone());
    let thread = std::thread::spawn(move || {
        let end = Instant::now() + SERVER_LIFETIME;
        while !stop2.load(Ordering::Relaxed) && Instant::now() < end {
            match listener.accept() {
                Ok((sock, _)) => {
                    let _ = sock.set_nonblocking(false);
                    let _ = sock.set_read_timeout(Some(Duration::from_secs(5)));
                    let _ = sock.set_write_timeout(Some(Duration::from_secs(5)));
                    let n = served2.fetch_add(1, Ordering::Relaxed);
                    handler(n, sock);
                }
                Err(_) => std::thread::sleep(Duration::from_millis(5)),
            }
        }
    });
    Server {
        addr,
        served,
        stop,
        thread: Some(thread),
    }
}

fn serve_tls(n: usize, mut sock: TcpStream, config: &Arc<ServerConfig>, b: &Behaviour) {
    if !b.delays_ms.is_empty() {
        std::thread::sleep(Duration::from_millis(b.delays_ms[n % b.delays_ms.len()]));
    }
    let Ok(mut conn) = ServerConnection::new(config.clone()) else {
        return;
    };
    while conn.is_handshaking() {
        if conn.complete_io(&mut sock).is_err() {
            return;
        }
    }
    let Some(offset) = b.http_date_offset_s else {
        let _ = conn.complete_io(&mut sock);
        return;
    };
    let mut stream = rustls::Stream::new(&mut conn, &mut sock);
    let mut head = Vec::new();
    let mut buf = [0u8; 1024];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") && head.len() < 8192 {
        match stream.read(&mut buf) {
            Ok(0) | Err(_) => return,
            Ok(k) => head.extend_from_slice(&buf[..k]),
        }
    }
    let date = (chrono::Utc::now() + chrono::Duration::seconds(offset))
        .format("%a, %d %b %Y %H:%M:%S GMT");
    let answer = format!(
        "HTTP/1.1 200 OK\r\nDate: {date}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    );
    let _ = stream.write_all(answer.as_bytes());
    stream.conn.send_close_notify();
    let _ = stream.flush();
}

/// Seconds from 1900 (NTP epoch) to 1970, written out here independently of the library.
const NTP_EPOCH_TO_UNIX: u64 = 2_208_988_800;

/// An NTP timestamp for the real time shifted by `offset_ms`.
fn ntp_now(offset_ms: i64) -> [u8; 8] {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap();
    let micros = now.as_micros() as i64 + offset_ms * 1000;
    let secs = (micros / 1_000_000) as u64 + NTP_EPOCH_TO_UNIX;
    let frac = (((micros % 1_000_000) as u64) << 32) / 1_000_000;
    (((secs & 0xFFFF_FFFF) << 32) | frac).to_be_bytes()
}

/// An SNTP server on 127.0.0.1 whose clock is `offset_ms` ahead of this machine's; `None`
/// binds the port and never answers.
pub fn sntp_server(offset_ms: Option<i64>) -> Server {
    let socket = UdpSocket::bind("127.0.0.1:0").unwrap();
    socket
        .set_read_timeout(Some(Duration::from_millis(20)))
        .unwrap();
    let addr = socket.local_addr().unwrap();
    let stop = Arc::new(AtomicBool::new(false));
    let served = Arc::new(AtomicUsize::new(0));
    let (stop2, served2) = (stop.clone(), served.clone());
    let thread = std::thread::spawn(move || {
        let end = Instant::now() + SERVER_LIFETIME;
        let mut buf = [0u8; 512];
        while !stop2.load(Ordering::Relaxed) && Instant::now() < end {
            let Ok((len, from)) = socket.recv_from(&mut buf) else {
                continue;
            };
            served2.fetch_add(1, Ordering::Relaxed);
            let Some(offset) = offset_ms else { continue };
            if len < 48 || buf[0] & 0b111 != 3 {
                continue;
            }
            let mut answer = [0u8; 48];
            answer[0] = 0b00_100_100; // LI 0, VN 4, mode 4 (server)
            answer[1] = 1; // stratum 1
            answer[24..32].copy_from_slice(&buf[40..48]); // originate = client's transmit
            answer[32..40].copy_from_slice(&ntp_now(offset));
            answer[40..48].copy_from_slice(&ntp_now(offset));
            let _ = socket.send_to(&answer, from);
        }
    });
    Server {
        addr,
        served,
        stop,
        thread: Some(thread),
    }
}

/// A port on 127.0.0.1 with nothing listening (bound, then released).
pub fn closed_port() -> SocketAddr {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
}

/// The finding codes of a report, in order.
pub fn codes(findings: &[emv_doctor::finding::Finding]) -> Vec<&str> {
    findings.iter().map(|f| f.code.as_str()).collect()
}
