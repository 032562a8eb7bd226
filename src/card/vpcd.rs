//! Serves a virtual card ([`CardModel`]) to pcscd through the vsmartcard **vpcd** driver, so
//! pcscd, `pcsc_scan` and every PC/SC program see it in the reader `Virtual PCD 00 00`.
//!
//! The vpcd protocol (vsmartcard `vpcd.c`): the virtual card connects as a TCP client to vpcd,
//! which pcscd loads and which listens on port 35963 (35964 for the second slot). Every message,
//! both ways, is a 2-byte big-endian length and a payload. A 1-byte payload from vpcd is a control
//! code: 0 power off, 1 power on, 2 reset, 4 "send the ATR" (also used as the presence poll);
//! any longer payload is a command APDU, answered with the response APDU.
//!
//! A card with no ATR and a mute answer are both served as over-long replies: vpcd keeps the card
//! present but cannot power it up or pass the answer on, so PC/SC programs see an unresponsive
//! card, as with a real mute chip. A removed card closes the connection for good.

use super::sim::{CardModel, SimReply};
use std::io::{ErrorKind, Read, Write};
use std::net::{SocketAddr, TcpStream, ToSocketAddrs};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// vpcd's default port (first slot, reader `Virtual PCD 00 00`).
pub const DEFAULT_PORT: u16 = 35963;

/// vpcd control codes (vsmartcard `vpcd.h`).
const CTRL_OFF: u8 = 0;
const CTRL_ON: u8 = 1;
const CTRL_RESET: u8 = 2;
const CTRL_ATR: u8 = 4;

/// Longer than any ATR (ISO/IEC 7816-3: at most 33 bytes), so vpcd fails the power-up.
const NO_ATR_REPLY: usize = 40;
/// Longer than any short-APDU receive buffer, so pcscd fails the exchange without a removal.
const MUTE_REPLY: usize = u16::MAX as usize;

/// How often a blocked read looks at the stop flag, and how long to wait between connection tries.
const POLL: Duration = Duration::from_millis(200);

/// Why serving stopped.
#[derive(Debug, thiserror::Error)]
pub enum VpcdError {
    /// The address is not `host:port`.
    #[error("invalid vpcd address {0:?}")]
    Address(String),
    /// A socket operation failed other than by the connection dropping.
    #[error("vpcd connection failed")]
    Io(#[from] std::io::Error),
}

/// How one connection to vpcd ended.
enum Ended {
    /// vpcd closed the connection (pcscd stopped or restarted): connect again.
    Dropped,
    /// The card was pulled out: stay away.
    Removed,
    /// The stop flag was set.
    Stopped,
}

/// Serves `model` to vpcd at `addr` (`127.0.0.1:35963`) until `stop` is set or the card is
/// removed ([`SimReply::Removed`]). Connects again whenever the connection drops, so pcscd may be
/// started, stopped and restarted meanwhile.
pub fn serve(
    mut model: Box<dyn CardModel>,
    addr: &str,
    stop: &AtomicBool,
) -> Result<(), VpcdError> {
    let target: SocketAddr = addr
        .to_socket_addrs()
        .map_err(|_| VpcdError::Address(addr.to_owned()))?
        .next()
        .ok_or_else(|| VpcdError::Address(addr.to_owned()))?;
    while !stop.load(Ordering::Relaxed) {
        let Ok(stream) = TcpStream::connect_timeout(&target, POLL) else {
            std::thread::sleep(POLL);
            continue;
        };
        match session(model.as_mut(), stream, stop)? {
            Ended::Dropped => std::thread::sleep(POLL),
            Ended::Removed | Ended::Stopped => break,
        }
    }
    Ok(())
}

/// One connection: answer vpcd's messages until it goes away.
fn session(
    model: &mut dyn CardModel,
    mut stream: TcpStream,
    stop: &AtomicBool,
) -> Result<Ended, VpcdError> {
    stream.set_nodelay(true)?;
    stream.set_read_timeout(Some(POLL))?;
    let mut framer = Framer::default();
    loop {
        let message = match framer.next(&mut stream, stop) {
            Ok(Some(m)) => m,
            Ok(None) => return Ok(Ended::Stopped),
            Err(e) if is_disconnect(&e) => return Ok(Ended::Dropped),
            Err(e) => return Err(e.into()),
        };
        let reply = match message.as_slice() {
            [CTRL_OFF] => None,
            [CTRL_ON] | [CTRL_RESET] => {
                model.reset();
                None
            }
            [CTRL_ATR] => Some(model.atr().unwrap_or_else(|| vec![0x3B; NO_ATR_REPLY])),
            [_] => None,
            apdu => match model.respond(apdu) {
                SimReply::Bytes(bytes) => Some(bytes),
                SimReply::Mute => Some(vec![0; MUTE_REPLY]),
                SimReply::Removed => {
                    let _ = stream.shutdown(std::net::Shutdown::Both);
                    return Ok(Ended::Removed);
                }
            },
        };
        if let Some(reply) = reply
            && let Err(e) = send(&mut stream, &reply)
        {
            return if is_disconnect(&e) {
                Ok(Ended::Dropped)
            } else {
                Err(e.into())
            };
        }
    }
}

fn is_disconnect(e: &std::io::Error) -> bool {
    matches!(
        e.kind(),
        ErrorKind::UnexpectedEof
            | ErrorKind::ConnectionReset
            | ErrorKind::ConnectionAborted
            | ErrorKind::BrokenPipe
            | ErrorKind::NotConnected
    )
}

/// Sends one length-prefixed message (payloads over 65535 bytes are cut to fit the prefix).
fn send(stream: &mut TcpStream, payload: &[u8]) -> std::io::Result<()> {
    let payload = &payload[..payload.len().min(MUTE_REPLY)];
    let mut out = Vec::with_capacity(payload.len() + 2);
    out.extend_from_slice(&(payload.len() as u16).to_be_bytes());
    out.extend_from_slice(payload);
    stream.write_all(&out)
}

/// Reassembles length-prefixed messages from reads that may time out half way.
#[derive(Default)]
struct Framer {
    buf: Vec<u8>,
}

impl Framer {
    /// The next whole message; `None` once `stop` is set.
    fn next(
        &mut self,
        stream: &mut impl Read,
        stop: &AtomicBool,
    ) -> std::io::Result<Option<Vec<u8>>> {
        loop {
            if let Some(message) = self.take() {
                return Ok(Some(message));
            }
            if stop.load(Ordering::Relaxed) {
                return Ok(None);
            }
            let mut chunk = [0u8; 4096];
            match stream.read(&mut chunk) {
                Ok(0) => return Err(ErrorKind::UnexpectedEof.into()),
                Ok(n) => self.buf.extend_from_slice(&chunk[..n]),
                Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {}
                Err(e) if e.kind() == ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
    }

    fn take(&mut self) -> Option<Vec<u8>> {
        let (&[hi, lo], rest) = self.buf.split_first_chunk::<2>()?;
        let len = usize::from(u16::from_be_bytes([hi, lo]));
        if rest.len() < len {
            return None;
        }
        let message = rest[..len].to_vec();
        self.buf.drain(..2 + len);
        Some(message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::card::transport::Protocol;
    use std::net::TcpListener;
    use std::sync::Arc;

    /// Answers `9000` to everything until its third command, which pulls it out.
    struct Brief {
        commands: usize,
        resets: usize,
    }

    impl CardModel for Brief {
        fn atr(&self) -> Option<Vec<u8>> {
            Some(vec![0x3B, 0x00])
        }
        fn protocol(&self) -> Protocol {
            Protocol::T1
        }
        fn reset(&mut self) {
            self.resets += 1;
        }
        fn respond(&mut self, _: &[u8]) -> SimReply {
            self.commands += 1;
            if self.commands == 3 {
                SimReply::Removed
            } else {
                SimReply::Bytes(vec![0x90, self.resets as u8])
            }
        }
    }

    fn frame(payload: &[u8]) -> Vec<u8> {
        let mut v = (payload.len() as u16).to_be_bytes().to_vec();
        v.extend_from_slice(payload);
        v
    }

    fn read_frame(s: &mut TcpStream) -> Vec<u8> {
        let mut len = [0u8; 2];
        s.read_exact(&mut len).unwrap();
        let mut body = vec![0u8; usize::from(u16::from_be_bytes(len))];
        s.read_exact(&mut body).unwrap();
        body
    }

    #[test]
    fn framer_handles_split_and_joined_messages() {
        let stop = AtomicBool::new(false);
        let mut bytes = frame(&[4]);
        bytes.extend(frame(&[0x00, 0xA4, 0x04, 0x00]));
        let mut framer = Framer::default();
        let mut reader = std::io::Cursor::new(bytes);
        assert_eq!(framer.next(&mut reader, &stop).unwrap(), Some(vec![4]));
        assert_eq!(
            framer.next(&mut reader, &stop).unwrap(),
            Some(vec![0x00, 0xA4, 0x04, 0x00])
        );
        assert!(framer.next(&mut reader, &stop).is_err());
    }

    #[test]
    fn speaks_the_vpcd_protocol_and_leaves_when_removed() {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap().to_string();
        let stop = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&stop);
        let server = std::thread::spawn(move || {
            serve(
                Box::new(Brief {
                    commands: 0,
                    resets: 0,
                }),
                &addr,
                &flag,
            )
        });
        // First connection: vpcd asks for the ATR, powers on, sends one APDU, then drops.
        let (mut s, _) = listener.accept().unwrap();
        s.write_all(&frame(&[CTRL_ATR])).unwrap();
        assert_eq!(read_frame(&mut s), [0x3B, 0x00]);
        s.write_all(&frame(&[CTRL_ON])).unwrap();
        s.write_all(&frame(&[0x80, 0xCA, 0x9F, 0x36, 0x00]))
            .unwrap();
        assert_eq!(read_frame(&mut s), [0x90, 0x01]);
        drop(s);
        // The card comes back by itself (pcscd restarted) and is removed on its third command.
        let (mut s, _) = listener.accept().unwrap();
        s.write_all(&frame(&[CTRL_RESET])).unwrap();
        s.write_all(&frame(&[0x80, 0xCA, 0x9F, 0x13, 0x00]))
            .unwrap();
        assert_eq!(read_frame(&mut s), [0x90, 0x02]);
        s.write_all(&frame(&[0x80, 0xCA, 0x9F, 0x17, 0x00]))
            .unwrap();
        let mut rest = Vec::new();
        assert_eq!(s.read_to_end(&mut rest).unwrap(), 0);
        server.join().unwrap().unwrap();
        assert!(!stop.load(Ordering::Relaxed));
    }

    #[test]
    fn stops_on_request_while_waiting_for_vpcd() {
        let stop = AtomicBool::new(true);
        let model = Box::new(Brief {
            commands: 0,
            resets: 0,
        });
        serve(model, "127.0.0.1:9", &stop).unwrap();
        assert!(matches!(
            serve(
                Box::new(Brief {
                    commands: 0,
                    resets: 0
                }),
                "not an address",
                &stop
            ),
            Err(VpcdError::Address(_))
        ));
    }
}
