//! SNTP (RFC 4330) packets and one client query over UDP.
//!
//! The packet is the 48-byte NTP header (RFC 4330 §4). The client sends mode 3 with its transmit
//! time; the server answers mode 4 with its receive and transmit times. With T1 (client send),
//! T2 (server receive), T3 (server send) and T4 (client receive), RFC 4330 §5 gives
//! offset = ((T2 − T1) + (T3 − T4)) / 2 (server time minus local time) and
//! round trip = (T4 − T1) − (T3 − T2).

use std::net::{SocketAddr, UdpSocket};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// Length of an SNTP packet without extensions or authenticator (RFC 4330 §4).
pub const PACKET_LEN: usize = 48;
/// Seconds from the NTP epoch (1900-01-01) to the Unix epoch (1970-01-01).
const NTP_UNIX_OFFSET_S: i64 = 2_208_988_800;
/// Seconds in one NTP era (2³²).
const ERA_S: i64 = 1 << 32;
/// NTP version sent by the client (RFC 4330 §5 allows 3 or 4).
const VERSION: u8 = 4;
/// Mode 3: client (RFC 4330 §4).
pub const MODE_CLIENT: u8 = 3;
/// Mode 4: server (RFC 4330 §4).
pub const MODE_SERVER: u8 = 4;

/// A point in time as microseconds since the Unix epoch (signed, so clocks before 1970 still work).
pub type UnixMicros = i64;

/// The fields of an SNTP packet this client uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Packet {
    /// Leap indicator (2 bits); 3 means the server's clock is not synchronised.
    pub leap: u8,
    /// Version number (3 bits).
    pub version: u8,
    /// Mode (3 bits): 3 client, 4 server.
    pub mode: u8,
    /// Stratum: 0 is a kiss-o'-death (RFC 4330 §8), 1–15 a synchronised server.
    pub stratum: u8,
    /// Reference identifier; in a kiss-o'-death, its four-letter code (`RATE`, `DENY` …).
    pub reference_id: [u8; 4],
    /// Originate timestamp: the client's transmit time copied back by the server.
    pub originate: u64,
    /// Receive timestamp: when the server received the request.
    pub receive: u64,
    /// Transmit timestamp: when the packet left its sender.
    pub transmit: u64,
}

/// Why an SNTP answer was not usable.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum SntpError {
    /// The answer was not 48 bytes or more.
    #[error("answer is {0} bytes, an SNTP packet has at least 48")]
    Short(usize),
    /// Not a server-mode packet.
    #[error("answer has mode {0}, expected 4 (server)")]
    Mode(u8),
    /// The server sent a kiss-o'-death or says it is not synchronised.
    #[error("server is not synchronised (stratum {stratum}, leap {leap})")]
    Unsynchronised {
        /// Stratum sent.
        stratum: u8,
        /// Leap indicator sent.
        leap: u8,
    },
    /// A kiss-o'-death (stratum 0): the server asks the client to stop or slow down.
    #[error("the server refused to answer (kiss-o'-death {0:?})")]
    KissOfDeath(String),
    /// A receive or transmit timestamp of zero or all ones (RFC 4330 §5: not a time).
    #[error("the answer carries no valid time (zero or all-ones timestamp)")]
    NoTime,
    /// The originate timestamp is not the one sent: not an answer to this request.
    #[error("answer does not match the request (originate timestamp differs)")]
    Mismatch,
}

impl Packet {
    /// A client request carrying `transmit` (RFC 4330 §5).
    pub fn request(transmit: u64) -> Self {
        Packet {
            leap: 0,
            version: VERSION,
            mode: MODE_CLIENT,
            stratum: 0,
            reference_id: [0; 4],
            originate: 0,
            receive: 0,
            transmit,
        }
    }

    /// The 48 bytes on the wire. Fields this client does not use (poll, precision, root delay and
    /// dispersion, reference timestamp) are zero.
    pub fn encode(&self) -> [u8; PACKET_LEN] {
        let mut b = [0u8; PACKET_LEN];
        b[0] = (self.leap & 0b11) << 6 | (self.version & 0b111) << 3 | (self.mode & 0b111);
        b[1] = self.stratum;
        b[12..16].copy_from_slice(&self.reference_id);
        b[24..32].copy_from_slice(&self.originate.to_be_bytes());
        b[32..40].copy_from_slice(&self.receive.to_be_bytes());
        b[40..48].copy_from_slice(&self.transmit.to_be_bytes());
        b
    }

    /// Reads a packet; extension fields and authenticator after byte 48 are ignored.
    pub fn decode(bytes: &[u8]) -> Result<Self, SntpError> {
        if bytes.len() < PACKET_LEN {
            return Err(SntpError::Short(bytes.len()));
        }
        let ts = |at: usize| {
            let mut a = [0u8; 8];
            a.copy_from_slice(&bytes[at..at + 8]);
            u64::from_be_bytes(a)
        };
        Ok(Packet {
            leap: bytes[0] >> 6,
            version: (bytes[0] >> 3) & 0b111,
            mode: bytes[0] & 0b111,
            stratum: bytes[1],
            reference_id: [bytes[12], bytes[13], bytes[14], bytes[15]],
            originate: ts(24),
            receive: ts(32),
            transmit: ts(40),
        })
    }

    /// Checks that this is a usable server answer to a request sent with `sent_transmit`.
    pub fn check_answer(&self, sent_transmit: u64) -> Result<(), SntpError> {
        if self.mode != MODE_SERVER {
            return Err(SntpError::Mode(self.mode));
        }
        if self.stratum == 0 {
            let code: String = self
                .reference_id
                .iter()
                .map(|&b| {
                    if b.is_ascii_graphic() {
                        char::from(b)
                    } else {
                        '?'
                    }
                })
                .collect();
            return Err(SntpError::KissOfDeath(code));
        }
        if [self.receive, self.transmit]
            .iter()
            .any(|&t| t == 0 || t == u64::MAX)
        {
            return Err(SntpError::NoTime);
        }
        if self.leap == 3 {
            return Err(SntpError::Unsynchronised {
                stratum: self.stratum,
                leap: self.leap,
            });
        }
        if self.originate != sent_transmit {
            return Err(SntpError::Mismatch);
        }
        Ok(())
    }
}

/// An NTP timestamp (32-bit seconds since 1900 in the current era, 32-bit fraction) for a Unix time.
pub fn to_ntp(t: UnixMicros) -> u64 {
    let secs = t.div_euclid(1_000_000) + NTP_UNIX_OFFSET_S;
    let micros = t.rem_euclid(1_000_000);
    let secs32 = secs.rem_euclid(ERA_S) as u64;
    let frac = ((micros as u64) << 32) / 1_000_000;
    secs32 << 32 | frac
}

/// The Unix time of an NTP timestamp. Following RFC 4330 §3, a timestamp whose seconds have the
/// top bit clear is taken to be in era 1 (from 2036-02-07), so the mapping covers 1968–2104.
pub fn from_ntp(ts: u64) -> UnixMicros {
    let secs32 = (ts >> 32) as i64;
    let frac = ts & 0xFFFF_FFFF;
    let secs = if secs32 & 0x8000_0000 == 0 {
        secs32 + ERA_S
    } else {
        secs32
    };
    let micros = ((frac * 1_000_000) >> 32) as i64;
    (secs - NTP_UNIX_OFFSET_S) * 1_000_000 + micros
}

/// The local clock now, in microseconds since the Unix epoch.
pub fn now_micros() -> UnixMicros {
    match SystemTime::now().duration_since(UNIX_EPOCH) {
        Ok(d) => i64::try_from(d.as_micros()).unwrap_or(i64::MAX),
        Err(e) => -i64::try_from(e.duration().as_micros()).unwrap_or(i64::MAX),
    }
}

/// The result of one SNTP exchange.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Measurement {
    /// Server time minus local time, milliseconds (RFC 4330 §5).
    pub offset_ms: f64,
    /// Round-trip delay without the server's processing time, milliseconds.
    pub round_trip_ms: f64,
}

/// Offset and round trip from the four timestamps, all in Unix microseconds.
pub fn measure(t1: UnixMicros, t2: UnixMicros, t3: UnixMicros, t4: UnixMicros) -> Measurement {
    let offset = ((t2 - t1) + (t3 - t4)) as f64 / 2.0;
    let delay = ((t4 - t1) - (t3 - t2)) as f64;
    Measurement {
        offset_ms: offset / 1000.0,
        round_trip_ms: (delay / 1000.0).max(0.0),
    }
}

/// Why a query gave no measurement.
#[derive(Debug, thiserror::Error)]
pub enum QueryError {
    /// Socket error (bind, send, receive other than a timeout).
    #[error(transparent)]
    Io(#[from] std::io::Error),
    /// No valid answer before the deadline.
    #[error("no answer within {0} ms")]
    Timeout(u128),
    /// An answer that could not be used.
    #[error(transparent)]
    Bad(#[from] SntpError),
}

/// Sends one request to `server` and waits at most `timeout` for a matching answer. Stray or
/// malformed datagrams are skipped until the deadline; the last reason is reported.
pub fn query(server: SocketAddr, timeout: Duration) -> Result<Measurement, QueryError> {
    let bind: SocketAddr = if server.is_ipv4() {
        ([0, 0, 0, 0], 0).into()
    } else {
        (std::net::Ipv6Addr::UNSPECIFIED, 0).into()
    };
    let socket = UdpSocket::bind(bind)?;
    socket.connect(server)?;
    let t1 = now_micros();
    let started = Instant::now();
    let sent = to_ntp(t1);
    socket.send(&Packet::request(sent).encode())?;
    let deadline = started + timeout;
    let mut last_bad = None;
    let mut buf = [0u8; 512];
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(last_bad.map_or(QueryError::Timeout(timeout.as_millis()), QueryError::Bad));
        }
        socket.set_read_timeout(Some(left))?;
        let n = match socket.recv(&mut buf) {
            Ok(n) => n,
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) =>
            {
                continue;
            }
            Err(e) => return Err(e.into()),
        };
        // T4 from the monotonic clock, so a clock step during the exchange cannot distort it.
        let t4 = t1 + i64::try_from(started.elapsed().as_micros()).unwrap_or(i64::MAX);
        let answer = match Packet::decode(&buf[..n]).and_then(|p| p.check_answer(sent).map(|()| p))
        {
            Ok(p) => p,
            Err(e) => {
                last_bad = Some(e);
                continue;
            }
        };
        return Ok(measure(
            t1,
            from_ntp(answer.receive),
            from_ntp(answer.transmit),
            t4,
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_encodes_version_and_mode() {
        let p = Packet::request(0x0102_0304_0506_0708);
        let b = p.encode();
        assert_eq!(b[0], 0x23); // LI 0, VN 4, mode 3
        assert_eq!(&b[40..48], &[1, 2, 3, 4, 5, 6, 7, 8]);
        assert!(b[1..40].iter().all(|&x| x == 0));
        assert_eq!(Packet::decode(&b).unwrap(), p);
    }

    #[test]
    fn server_answer_decodes_and_checks() {
        let mut b = [0u8; 48];
        b[0] = 0x24; // LI 0, VN 4, mode 4
        b[1] = 2;
        b[24..32].copy_from_slice(&42u64.to_be_bytes());
        let p = Packet::decode(&b).unwrap();
        assert_eq!(
            p.check_answer(42),
            Err(SntpError::NoTime),
            "zero timestamps"
        );
        b[32..48].fill(0xFF);
        let p = Packet::decode(&b).unwrap();
        assert_eq!(
            p.check_answer(42),
            Err(SntpError::NoTime),
            "all-ones timestamps"
        );
        b[32..40].copy_from_slice(&7u64.to_be_bytes());
        b[40..48].copy_from_slice(&8u64.to_be_bytes());
        let p = Packet::decode(&b).unwrap();
        assert_eq!((p.mode, p.stratum, p.originate), (4, 2, 42));
        assert_eq!(p.check_answer(42), Ok(()));
        assert_eq!(p.check_answer(43), Err(SntpError::Mismatch));
        b[0] = 0xE4; // LI 3: not synchronised.
        assert!(matches!(
            Packet::decode(&b).unwrap().check_answer(42),
            Err(SntpError::Unsynchronised { .. })
        ));
        b[0] = 0x24;
        b[1] = 0;
        b[12..16].copy_from_slice(b"RATE");
        assert_eq!(
            Packet::decode(&b).unwrap().check_answer(42),
            Err(SntpError::KissOfDeath("RATE".into()))
        );
        assert_eq!(Packet::decode(&b[..47]), Err(SntpError::Short(47)));
        b[0] = 0x23;
        assert_eq!(
            Packet::decode(&b).unwrap().check_answer(42),
            Err(SntpError::Mode(3))
        );
    }

    #[test]
    fn timestamps_round_trip_across_eras() {
        // 2024-01-01T00:00:00.5Z, 2040-06-01 (era 1) and 1999-12-31.
        for t in [
            1_704_067_200_500_000i64,
            2_222_222_222_000_000,
            946_598_400_000_000,
        ] {
            let back = from_ntp(to_ntp(t));
            assert!((back - t).abs() <= 1, "{t} -> {back}");
        }
        // The Unix epoch is NTP second 2208988800.
        assert_eq!(to_ntp(0) >> 32, 2_208_988_800);
    }

    #[test]
    fn offset_follows_server_minus_local() {
        // Local clock 10 minutes behind: server stamps are 600 s ahead, 20 ms round trip.
        let t1 = 1_000_000_000;
        let m = measure(t1, t1 + 600_010_000, t1 + 600_010_000, t1 + 20_000);
        assert!((m.offset_ms - 600_000.0).abs() < 1e-6);
        assert!((m.round_trip_ms - 20.0).abs() < 1e-6);
    }
}
