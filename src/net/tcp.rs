//! One bounded TCP connect, timed, and a stream that holds one overall deadline.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

/// Why a connect failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConnectError {
    /// The host answered that nothing listens on that port (the network itself works).
    pub refused: bool,
    /// The reason, in words.
    pub message: String,
}

/// A TCP stream whose every read and write must end by one overall deadline: each call may
/// wait only for the time left, so a server that sends one byte at a time cannot stretch an
/// exchange past its budget (each byte would otherwise restart a per-read timeout).
#[derive(Debug)]
pub struct DeadlineStream {
    /// The socket.
    pub sock: TcpStream,
    /// When every exchange on it must be over.
    pub deadline: Instant,
}

impl DeadlineStream {
    /// The time left, or a `TimedOut` error once the deadline has passed.
    fn left(&self) -> std::io::Result<Duration> {
        let left = self.deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            Err(std::io::Error::new(
                std::io::ErrorKind::TimedOut,
                "the time for this check ran out",
            ))
        } else {
            Ok(left)
        }
    }
}

impl Read for DeadlineStream {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let left = self.left()?;
        self.sock.set_read_timeout(Some(left))?;
        self.sock.read(buf)
    }
}

impl Write for DeadlineStream {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let left = self.left()?;
        self.sock.set_write_timeout(Some(left))?;
        self.sock.write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.sock.flush()
    }
}

/// Connects to `addr`, waiting at most `timeout`; returns the stream and the connect time in
/// milliseconds (one round trip: SYN to SYN-ACK), or the reason it failed.
pub fn connect(addr: SocketAddr, timeout: Duration) -> Result<(TcpStream, f64), String> {
    connect_checked(addr, timeout).map_err(|e| e.message)
}

/// [`connect`], telling a refused connection from other failures.
pub fn connect_checked(
    addr: SocketAddr,
    timeout: Duration,
) -> Result<(TcpStream, f64), ConnectError> {
    let started = Instant::now();
    match TcpStream::connect_timeout(&addr, timeout) {
        Ok(s) => {
            // Small requests (TLS records) go out at once, as a terminal's would.
            let _ = s.set_nodelay(true);
            Ok((s, started.elapsed().as_secs_f64() * 1000.0))
        }
        Err(e)
            if e.kind() == std::io::ErrorKind::TimedOut
                || e.kind() == std::io::ErrorKind::WouldBlock =>
        {
            Err(ConnectError {
                refused: false,
                message: format!("no answer within {} ms", timeout.as_millis()),
            })
        }
        Err(e) => Err(ConnectError {
            refused: e.kind() == std::io::ErrorKind::ConnectionRefused,
            message: e.to_string(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::TcpListener;

    #[test]
    fn connects_to_a_listener_and_fails_on_a_closed_port() {
        let l = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = l.local_addr().unwrap();
        let (_s, ms) = connect(addr, Duration::from_secs(2)).unwrap();
        assert!((0.0..2000.0).contains(&ms));
        drop(l);
        let e = connect_checked(addr, Duration::from_secs(2)).unwrap_err();
        assert!(e.refused, "{e:?}");
    }
}
