//! Raw card transports and the checked channel over them.
//!
//! A [`RawTransport`] (PC/SC or simulated) moves bytes and nothing else. Every command the app
//! sends goes through a [`CardChannel`], which
//! 1. refuses anything outside the read-only allowlist ([`allowed`], REFERENCE.md §1.1/§1.3)
//!    before it reaches the transport,
//! 2. applies the ISO/IEC 7816-3 §12.2 / EMV 4.3 Book 1 §9.3 transport rules (case encoding on
//!    T=0, `61XX` → GET RESPONSE, `6CXX` → resend with Le = XX, case 4 with a warning), so
//!    `61XX`/`6CXX` never reach the caller,
//! 3. times every exchange and keeps an [`ApduLogEntry`] for it, with sensitive TLV values
//!    masked in the logged response.
//!
//! It never sends VERIFY, GENERATE AC, authentication, PIN or blocking commands, and it never logs
//! unmasked response data.

use crate::emv::tlv::mask_hex;
use std::time::Instant;

/// The transmission protocol negotiated with the card. Stored as the string `"T=0"`/`"T=1"`
/// (an enum variant could not be named `T=1` in a RON file).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(into = "&'static str", try_from = "String")]
pub enum Protocol {
    /// ISO 7816-3 T=0 (character level).
    T0,
    /// ISO 7816-3 T=1 (block level).
    T1,
}

impl From<Protocol> for &'static str {
    fn from(p: Protocol) -> Self {
        p.as_str()
    }
}

impl TryFrom<String> for Protocol {
    type Error = String;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        match s.as_str() {
            "T=0" => Ok(Protocol::T0),
            "T=1" => Ok(Protocol::T1),
            _ => Err(format!(
                "unknown protocol {s:?}: expected \"T=0\" or \"T=1\""
            )),
        }
    }
}

impl Protocol {
    /// The protocol's usual name, `T=0` or `T=1`.
    pub fn as_str(self) -> &'static str {
        match self {
            Protocol::T0 => "T=0",
            Protocol::T1 => "T=1",
        }
    }
}

/// What a raw transport can do: give the ATR and the protocol, and exchange raw bytes with
/// the card exactly as given (no GET RESPONSE, no allowlist: [`CardChannel`] does those).
pub trait RawTransport {
    /// The card's Answer To Reset.
    fn atr(&self) -> &[u8];
    /// The active protocol.
    fn protocol(&self) -> Protocol;
    /// Sends one command APDU as bytes and returns the raw response (data + SW1 SW2).
    fn transmit_raw(&mut self, command: &[u8]) -> Result<Vec<u8>, TransportError>;
}

/// Why an exchange with the card failed.
#[derive(Debug, thiserror::Error)]
pub enum TransportError {
    /// The card was taken out.
    #[error("the card was removed")]
    Removed,
    /// The card gave no answer.
    #[error("the card did not answer")]
    Mute,
    /// The command is not on the read-only allowlist and was not sent.
    #[error("command {0} refused: not on the read-only allowlist")]
    NotAllowed(String),
    /// Any other PC/SC failure.
    #[error("PC/SC error: {0}")]
    Pcsc(String),
    /// The card broke the transport rules (ISO/IEC 7816-3 §12.2): `61XX`/`6CXX` where they make
    /// no sense, or a response chain longer than the caps ([`MAX_EXCHANGES`], [`MAX_RESPONSE`]).
    #[error("the card broke the T=0 rules: {0}")]
    CardProtocol(String),
}

/// At most this many exchanges for one command (GET RESPONSE chains, `6CXX` retries).
pub const MAX_EXCHANGES: usize = 32;
/// At most this many response data bytes for one command.
pub const MAX_RESPONSE: usize = 64 * 1024;

/// A short command APDU (ISO/IEC 7816-4 §5.1): header, optional data, optional Le.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Apdu {
    /// Class byte.
    pub cla: u8,
    /// Instruction byte.
    pub ins: u8,
    /// Parameter 1.
    pub p1: u8,
    /// Parameter 2.
    pub p2: u8,
    /// Command data (Lc is its length; at most 255 bytes).
    pub data: Vec<u8>,
    /// Expected response length; `Some(0)` means "up to 256".
    pub le: Option<u8>,
}

impl Apdu {
    /// SELECT by name (EMV 4.3 Book 1 §11.3): `00 A4 04 00|02 Lc name 00`; `next` asks for the
    /// next occurrence of a partial AID.
    pub fn select(name: &[u8], next: bool) -> Apdu {
        Apdu {
            cla: 0x00,
            ins: 0xA4,
            p1: 0x04,
            p2: if next { 0x02 } else { 0x00 },
            data: name.to_vec(),
            le: Some(0),
        }
    }

    /// READ RECORD (EMV 4.3 Book 1 §11.2): `00 B2 rec (sfi << 3 | 4) 00`.
    pub fn read_record(sfi: u8, rec: u8) -> Apdu {
        Apdu {
            cla: 0x00,
            ins: 0xB2,
            p1: rec,
            p2: (sfi << 3) | 0x04,
            data: Vec::new(),
            le: Some(0),
        }
    }

    /// GET PROCESSING OPTIONS (EMV 4.3 Book 3 §6.5.8): `80 A8 00 00 Lc 83 Ln pdol_data 00`.
    /// PDOL data longer than 253 bytes is cut, since a short APDU carries at most 255 bytes.
    pub fn gpo(pdol_data: &[u8]) -> Apdu {
        let body = &pdol_data[..pdol_data.len().min(253)];
        let mut data = Vec::with_capacity(body.len() + 2);
        data.push(0x83);
        data.push(body.len() as u8);
        data.extend_from_slice(body);
        Apdu {
            cla: 0x80,
            ins: 0xA8,
            p1: 0x00,
            p2: 0x00,
            data,
            le: Some(0),
        }
    }

    /// GET DATA (EMV 4.3 Book 3 §6.5.7): `80 CA tag-hi tag-lo 00`.
    pub fn get_data(tag: u16) -> Apdu {
        let [hi, lo] = tag.to_be_bytes();
        Apdu {
            cla: 0x80,
            ins: 0xCA,
            p1: hi,
            p2: lo,
            data: Vec::new(),
            le: Some(0),
        }
    }

    /// GET RESPONSE (ISO/IEC 7816-4 §7.6.1): `00 C0 00 00 le`. Only the channel sends it.
    fn get_response(le: u8) -> Apdu {
        Apdu {
            cla: 0x00,
            ins: 0xC0,
            p1: 0x00,
            p2: 0x00,
            data: Vec::new(),
            le: Some(le),
        }
    }

    /// The ISO/IEC 7816-3 §12.1.2 case: 1 (header only), 2 (Le), 3 (data), 4 (data and Le).
    pub fn case(&self) -> u8 {
        match (self.data.is_empty(), self.le.is_some()) {
            (true, false) => 1,
            (true, true) => 2,
            (false, false) => 3,
            (false, true) => 4,
        }
    }

    /// The bytes to send under `protocol` (REFERENCE.md §1.4): on T=0 case 1 gets P3 = `00`,
    /// case 2 sends P3 = Le and case 4 drops Le; on T=1 the APDU goes as it is. Data longer than
    /// 255 bytes is cut (the channel refuses such commands before encoding them).
    pub fn to_bytes(&self, protocol: Protocol) -> Vec<u8> {
        let data = &self.data[..self.data.len().min(255)];
        let mut out = vec![self.cla, self.ins, self.p1, self.p2];
        if !data.is_empty() {
            out.push(data.len() as u8);
            out.extend_from_slice(data);
        }
        match (protocol, self.case(), self.le) {
            (Protocol::T0, 1, _) => out.push(0x00),
            (Protocol::T0, 4, _) => {}
            (_, _, Some(le)) => out.push(le),
            (_, _, None) => {}
        }
        out
    }
}

/// A response APDU with `61XX`/`6CXX` already resolved: the data and the final status word.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Response {
    /// Response data (possibly assembled from several GET RESPONSE exchanges).
    pub data: Vec<u8>,
    /// SW1 SW2.
    pub sw: u16,
}

impl Response {
    /// True for `9000`.
    pub fn is_ok(&self) -> bool {
        self.sw == 0x9000
    }
}

/// One exchange as it happened on the wire, safe to show and to save.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ApduLogEntry {
    /// The command bytes sent, hex.
    pub command: String,
    /// The response data, hex, with the values of sensitive tags (PAN, track data, cardholder
    /// name, issuer discretionary data) masked.
    pub response: String,
    /// SW1 SW2, four hex digits (`9000`).
    pub sw: String,
    /// How long the exchange took, in milliseconds.
    pub ms: f64,
}

/// A command split into its ISO/IEC 7816-4 short-APDU parts.
struct Parsed<'a> {
    cla: u8,
    ins: u8,
    p1: u8,
    p2: u8,
    data: &'a [u8],
}

fn parse_short(command: &[u8]) -> Option<Parsed<'_>> {
    let (&[cla, ins, p1, p2], body) = command.split_first_chunk::<4>()?;
    let data = match body {
        [] | [_] => &body[..0],
        [lc, rest @ ..] => {
            let lc = usize::from(*lc);
            if lc == 0 {
                return None;
            }
            match rest.len().checked_sub(lc)? {
                0 | 1 => &rest[..lc],
                _ => return None,
            }
        }
    };
    Some(Parsed {
        cla,
        ins,
        p1,
        p2,
        data,
    })
}

/// The read-only allowlist (REFERENCE.md §1.1), checked on the bytes that go on the wire:
/// SELECT by name (`00 A4 04 00|02`), READ RECORD (`00 B2`, P1 ≥ 1, P2 = SFI 1–30 with `100`),
/// GET PROCESSING OPTIONS (`80 A8 00 00` with a tag `83` template), GET DATA (`80 CA`, or `00 CA`
/// as the retry), GET RESPONSE (`00 C0 00 00`). Everything else is refused: VERIFY, GENERATE AC,
/// INTERNAL/EXTERNAL AUTHENTICATE, GET CHALLENGE, PIN CHANGE/UNBLOCK, APPLICATION/CARD BLOCK,
/// PUT DATA, UPDATE RECORD, secure-messaging classes, malformed APDUs.
pub fn allowed(command: &[u8]) -> bool {
    let Some(c) = parse_short(command) else {
        return false;
    };
    match (c.cla, c.ins) {
        (0x00, 0xA4) => {
            c.p1 == 0x04 && matches!(c.p2, 0x00 | 0x02) && (1..=16).contains(&c.data.len())
        }
        (0x00, 0xB2) => {
            let sfi = c.p2 >> 3;
            c.p1 >= 1 && c.p2 & 0x07 == 0x04 && (1..=30).contains(&sfi) && c.data.is_empty()
        }
        (0x80, 0xA8) => {
            c.p1 == 0
                && c.p2 == 0
                && matches!(c.data, [0x83, len, rest @ ..] if usize::from(*len) == rest.len())
        }
        (0x80 | 0x00, 0xCA) => c.data.is_empty(),
        (0x00, 0xC0) => c.p1 == 0 && c.p2 == 0 && c.data.is_empty(),
        _ => false,
    }
}

/// Masks the response data of one logical command for the log, returning one hex string per
/// fragment (the pieces of a GET RESPONSE chain). The whole response is masked at once with
/// [`mask_hex`] (which keeps every byte in place), so a sensitive value split across fragments is
/// still recognised; a fragment that cannot be cut out of it is masked entirely.
fn mask_fragments(fragments: &[&[u8]]) -> Vec<String> {
    let whole: Vec<u8> = fragments.concat();
    let masked = mask_hex(&whole);
    let mut at = 0;
    fragments
        .iter()
        .map(|f| {
            let end = at + f.len() * 2;
            let piece = masked
                .get(at..end)
                .map_or_else(|| "*".repeat(f.len() * 2), str::to_owned);
            at = end;
            piece
        })
        .collect()
}

/// One raw exchange kept until the logical command finishes (so its response can be masked
/// as a whole).
struct Exchange {
    command: Vec<u8>,
    data: Vec<u8>,
    sw: u16,
    ms: f64,
}

/// The checked channel to a card: allowlist, T=0 rules, timing and the masked APDU log.
pub struct CardChannel<T: RawTransport> {
    transport: T,
    log: Vec<ApduLogEntry>,
}

impl<T: RawTransport> CardChannel<T> {
    /// A channel over `transport`, with an empty log.
    pub fn new(transport: T) -> Self {
        CardChannel {
            transport,
            log: Vec::new(),
        }
    }

    /// The card's ATR.
    pub fn atr(&self) -> &[u8] {
        self.transport.atr()
    }

    /// The active protocol.
    pub fn protocol(&self) -> Protocol {
        self.transport.protocol()
    }

    /// Every exchange so far, in order.
    pub fn log(&self) -> &[ApduLogEntry] {
        &self.log
    }

    /// The transport back, ending the channel.
    pub fn into_inner(self) -> T {
        self.transport
    }

    /// Sends `apdu` if the allowlist permits it and returns the resolved response.
    ///
    /// Errors: [`TransportError::NotAllowed`] (nothing was sent), [`TransportError::Removed`]
    /// (a response shorter than a status word, or the transport saw the card go),
    /// [`TransportError::Mute`], [`TransportError::CardProtocol`], [`TransportError::Pcsc`].
    pub fn transmit(&mut self, apdu: &Apdu) -> Result<Response, TransportError> {
        let protocol = self.transport.protocol();
        let first = apdu.to_bytes(protocol);
        if apdu.ins == 0xC0 || apdu.data.len() > 255 || !allowed(&first) {
            return Err(TransportError::NotAllowed(hex::encode_upper(&first)));
        }
        let mut exchanges = Vec::new();
        let result = self.resolve(apdu, first, protocol, &mut exchanges);
        self.record(&exchanges);
        result
    }

    /// Runs the T=0 rules for one logical command, collecting every raw exchange.
    fn resolve(
        &mut self,
        apdu: &Apdu,
        first: Vec<u8>,
        protocol: Protocol,
        exchanges: &mut Vec<Exchange>,
    ) -> Result<Response, TransportError> {
        let case4_on_t0 = protocol == Protocol::T0 && apdu.case() == 4;
        let mut command = first;
        let mut data = Vec::new();
        let mut warning: Option<u16> = None;
        for _ in 0..MAX_EXCHANGES {
            let (chunk, sw) = self.exchange(&command, exchanges)?;
            let [sw1, sw2] = sw.to_be_bytes();
            if sw1 == 0x6C {
                // Wrong Le: resend the same header with P3 = XX (only commands without data).
                if command.len() > 5 {
                    return Err(TransportError::CardProtocol(format!(
                        "{sw:04X} to a command with data"
                    )));
                }
                command.truncate(4);
                command.push(sw2);
                continue;
            }
            data.extend_from_slice(&chunk);
            if data.len() > MAX_RESPONSE {
                return Err(TransportError::CardProtocol(format!(
                    "response longer than {MAX_RESPONSE} bytes"
                )));
            }
            if sw1 == 0x61 {
                command = Apdu::get_response(sw2).to_bytes(protocol);
                continue;
            }
            let is_warning = matches!(sw1, 0x62 | 0x63);
            if case4_on_t0 && warning.is_none() && exchanges.len() == 1 && is_warning {
                // Case 4 with a warning (Contact Interface Spec Annex A7): fetch the data, keep
                // the first status word.
                warning = Some(sw);
                command = Apdu::get_response(0x00).to_bytes(protocol);
                continue;
            }
            return Ok(Response {
                data,
                sw: warning.unwrap_or(sw),
            });
        }
        Err(TransportError::CardProtocol(format!(
            "more than {MAX_EXCHANGES} exchanges for one command"
        )))
    }

    /// One timed raw exchange; a response shorter than SW1 SW2 means the card may be gone.
    fn exchange(
        &mut self,
        command: &[u8],
        exchanges: &mut Vec<Exchange>,
    ) -> Result<(Vec<u8>, u16), TransportError> {
        let start = Instant::now();
        let mut raw = self.transport.transmit_raw(command)?;
        let ms = start.elapsed().as_secs_f64() * 1000.0;
        let Some(split) = raw.len().checked_sub(2) else {
            return Err(TransportError::Removed);
        };
        let sw = u16::from_be_bytes([raw[split], raw[split + 1]]);
        raw.truncate(split);
        exchanges.push(Exchange {
            command: command.to_vec(),
            data: raw.clone(),
            sw,
            ms,
        });
        Ok((raw, sw))
    }

    /// Appends the exchanges of one logical command to the log, responses masked together.
    fn record(&mut self, exchanges: &[Exchange]) {
        let fragments: Vec<&[u8]> = exchanges.iter().map(|e| e.data.as_slice()).collect();
        let masked = mask_fragments(&fragments);
        for (e, response) in exchanges.iter().zip(masked) {
            self.log.push(ApduLogEntry {
                command: hex::encode_upper(&e.command),
                response,
                sw: format!("{:04X}", e.sw),
                ms: e.ms,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn protocol_round_trips_through_ron_and_json() {
        for p in [super::Protocol::T0, super::Protocol::T1] {
            let ron_text = ron::to_string(&p).unwrap();
            assert_eq!(ron::from_str::<super::Protocol>(&ron_text).unwrap(), p);
            let json = serde_json::to_string(&p).unwrap();
            assert_eq!(json, format!("\"{}\"", p.as_str()));
            assert_eq!(serde_json::from_str::<super::Protocol>(&json).unwrap(), p);
        }
    }

    use super::*;

    /// A scripted transport: answers each command with the next canned response.
    struct Script {
        protocol: Protocol,
        replies: Vec<Vec<u8>>,
        sent: Vec<Vec<u8>>,
    }

    impl Script {
        fn new(protocol: Protocol, replies: &[&str]) -> Self {
            Script {
                protocol,
                replies: replies
                    .iter()
                    .rev()
                    .map(|r| hex::decode(r).unwrap())
                    .collect(),
                sent: Vec::new(),
            }
        }
        fn sent_hex(&self) -> Vec<String> {
            self.sent.iter().map(hex::encode_upper).collect()
        }
    }

    impl RawTransport for Script {
        fn atr(&self) -> &[u8] {
            &[0x3B, 0x00]
        }
        fn protocol(&self) -> Protocol {
            self.protocol
        }
        fn transmit_raw(&mut self, command: &[u8]) -> Result<Vec<u8>, TransportError> {
            self.sent.push(command.to_vec());
            self.replies.pop().ok_or(TransportError::Mute)
        }
    }

    const PSE: &[u8] = b"1PAY.SYS.DDF01";

    #[test]
    fn constructors_match_reference_bytes() {
        let sel = Apdu::select(PSE, false);
        assert_eq!(
            hex::encode_upper(sel.to_bytes(Protocol::T1)),
            "00A404000E315041592E5359532E444446303100"
        );
        assert_eq!(
            hex::encode_upper(sel.to_bytes(Protocol::T0)),
            "00A404000E315041592E5359532E4444463031"
        );
        assert_eq!(Apdu::select(PSE, true).p2, 0x02);
        assert_eq!(
            Apdu::read_record(1, 1).to_bytes(Protocol::T0),
            [0, 0xB2, 1, 0x0C, 0]
        );
        assert_eq!(Apdu::read_record(11, 2).p2, 0x5C);
        assert_eq!(
            Apdu::gpo(&[]).to_bytes(Protocol::T1),
            [0x80, 0xA8, 0, 0, 2, 0x83, 0, 0]
        );
        assert_eq!(
            Apdu::gpo(&[1, 2, 3]).to_bytes(Protocol::T0),
            [0x80, 0xA8, 0, 0, 5, 0x83, 3, 1, 2, 3]
        );
        assert_eq!(
            Apdu::get_data(0x9F36).to_bytes(Protocol::T0),
            [0x80, 0xCA, 0x9F, 0x36, 0]
        );
        let case1 = Apdu {
            le: None,
            ..Apdu::get_data(0x9F17)
        };
        assert_eq!(case1.to_bytes(Protocol::T0), [0x80, 0xCA, 0x9F, 0x17, 0]);
        assert_eq!(case1.to_bytes(Protocol::T1), [0x80, 0xCA, 0x9F, 0x17]);
        assert_eq!(Apdu::gpo(&[0; 300]).data.len(), 255);
    }

    #[test]
    fn allowlist_accepts_the_read_only_commands() {
        for ok in [
            "00A404000E315041592E5359532E444446303100",
            "00A4040207A0000000031010",
            "00B2010C00",
            "00B2025C",
            "80A80000028300",
            "80A8000002830000",
            "80CA9F3600",
            "00CA9F17",
            "80CADF4F00", // PBOC load log format
            "00B2016400", // a record of the PBOC load log (SFI 12)
            "00C0000010",
        ] {
            assert!(allowed(&hex::decode(ok).unwrap()), "{ok}");
        }
    }

    #[test]
    fn allowlist_refuses_everything_else() {
        for bad in [
            "0020008008241234FFFFFFFFFF", // VERIFY
            "80AE80001D00",               // GENERATE AC
            "0088000004AABBCCDD",         // INTERNAL AUTHENTICATE
            "0082000008AABBCCDDEEFF0011", // EXTERNAL AUTHENTICATE
            "0084000008",                 // GET CHALLENGE
            "8424000000",                 // PIN CHANGE/UNBLOCK
            "841E000000",                 // APPLICATION BLOCK
            "8418000000",                 // APPLICATION UNBLOCK
            "8416000000",                 // CARD BLOCK
            "04DA9F580101",               // PUT DATA
            // PBOC electronic cash: the load itself (PUT DATA on the balance 9F79, with MAC)
            "04DA9F790A000000030000AABBCCDD",
            "80DA9F7906000000030000", // the same without secure messaging
            "04DC010C0101",           // UPDATE RECORD
            "0CB2010C00",             // secure messaging CLA
            "04A404000E315041592E5359532E4444463031",
            "00A4000C023F00",     // SELECT by file id
            "00A4040000",         // SELECT with no name
            "00B2000C00",         // record 0
            "00B2010400",         // SFI 0
            "00B2010D00",         // P2 not "record number"
            "80A800000401020304", // GPO without tag 83
            "80A80000038302AA",   // GPO with a wrong inner length
            "80CA9F3602AABB",     // GET DATA with data
            "00C0010010",         // GET RESPONSE with P1
            "80500000",           // INITIALIZE UPDATE
            "00A4",               // too short
            "00A404000E3150",     // Lc longer than the data
            "",
        ] {
            assert!(!allowed(&hex::decode(bad).unwrap()), "{bad}");
        }
    }

    #[test]
    fn refused_commands_never_reach_the_transport() {
        let mut ch = CardChannel::new(Script::new(Protocol::T1, &["9000"]));
        let verify = Apdu {
            cla: 0x00,
            ins: 0x20,
            p1: 0x00,
            p2: 0x80,
            data: vec![0x24, 0x12, 0x34, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF],
            le: None,
        };
        let gen_ac = Apdu {
            cla: 0x80,
            ins: 0xAE,
            p1: 0x80,
            p2: 0x00,
            data: vec![0; 29],
            le: Some(0),
        };
        let get_response = Apdu::get_response(0x10);
        for apdu in [verify, gen_ac, get_response] {
            assert!(matches!(
                ch.transmit(&apdu),
                Err(TransportError::NotAllowed(_))
            ));
        }
        assert!(ch.log().is_empty());
        assert!(ch.into_inner().sent.is_empty());
    }

    #[test]
    fn t0_get_response_chain_keeps_every_byte() {
        let mut ch = CardChannel::new(Script::new(
            Protocol::T0,
            &[
                "6110",
                "00112233445566778899AABBCCDDEEFF6104",
                "DEADBEEF9000",
            ],
        ));
        let r = ch.transmit(&Apdu::read_record(1, 1)).unwrap();
        assert_eq!(
            hex::encode_upper(&r.data),
            "00112233445566778899AABBCCDDEEFFDEADBEEF"
        );
        assert_eq!(r.sw, 0x9000);
        assert_eq!(ch.log().len(), 3);
        assert_eq!(ch.log()[1].command, "00C0000010");
        assert_eq!(ch.log()[2].command, "00C0000004");
        assert_eq!(ch.log()[0].sw, "6110");
        let logged: usize = ch.log().iter().map(|e| e.response.len()).sum();
        assert_eq!(logged, 40);
    }

    #[test]
    fn t0_wrong_le_resends_with_the_right_le() {
        let mut ch = CardChannel::new(Script::new(Protocol::T0, &["6C02", "00059000"]));
        let r = ch.transmit(&Apdu::get_data(0x9F36)).unwrap();
        assert_eq!((r.data, r.sw), (vec![0x00, 0x05], 0x9000));
        assert_eq!(ch.into_inner().sent_hex(), ["80CA9F3600", "80CA9F3602"]);
    }

    #[test]
    fn t0_wrong_le_after_get_response() {
        let mut ch = CardChannel::new(Script::new(Protocol::T0, &["6100", "6C03", "0102039000"]));
        let r = ch.transmit(&Apdu::select(PSE, false)).unwrap();
        assert_eq!(r.data, [1, 2, 3]);
        let sent = ch.into_inner().sent_hex();
        assert_eq!(&sent[1..], ["00C0000000", "00C0000003"]);
    }

    #[test]
    fn t0_case4_sent_without_le_and_warning_keeps_first_sw() {
        let mut ch = CardChannel::new(Script::new(Protocol::T0, &["6283", "6F0284009000"]));
        let r = ch
            .transmit(&Apdu::select(&[0xA0, 0, 0, 0, 3, 0x10, 0x10], false))
            .unwrap();
        assert_eq!(r.sw, 0x6283);
        assert_eq!(r.data, [0x6F, 0x02, 0x84, 0x00]);
        let sent = ch.into_inner().sent_hex();
        assert_eq!(sent, ["00A4040007A0000000031010", "00C0000000"]);
    }

    #[test]
    fn t1_passes_warnings_and_le_through() {
        let mut ch = CardChannel::new(Script::new(Protocol::T1, &["6283"]));
        let r = ch
            .transmit(&Apdu::select(&[0xA0, 0, 0, 0, 3, 0x10, 0x10], false))
            .unwrap();
        assert_eq!((r.data.len(), r.sw), (0, 0x6283));
        assert_eq!(ch.into_inner().sent_hex(), ["00A4040007A000000003101000"]);
    }

    #[test]
    fn short_response_means_removed() {
        let mut ch = CardChannel::new(Script::new(Protocol::T1, &["90"]));
        assert!(matches!(
            ch.transmit(&Apdu::get_data(0x9F13)),
            Err(TransportError::Removed)
        ));
    }

    #[test]
    fn endless_chains_are_capped() {
        let replies = vec!["6101"; 40];
        let mut ch = CardChannel::new(Script::new(Protocol::T0, &replies));
        assert!(matches!(
            ch.transmit(&Apdu::get_data(0x9F13)),
            Err(TransportError::CardProtocol(_))
        ));
        assert_eq!(ch.log().len(), MAX_EXCHANGES);
        let mut ch = CardChannel::new(Script::new(Protocol::T0, &["6C05"]));
        let case3 = Apdu {
            le: None,
            ..Apdu::gpo(&[])
        };
        assert!(matches!(
            ch.transmit(&case3),
            Err(TransportError::CardProtocol(_))
        ));
    }

    #[test]
    fn log_never_shows_response_data_in_clear() {
        // Track 2 equivalent data (tag 57) split across a GET RESPONSE chain: only the first 6
        // and last 4 PAN digits may show.
        let mut ch = CardChannel::new(Script::new(
            Protocol::T0,
            &["6100", "700A5708476173906104", "010101199000"],
        ));
        let r = ch.transmit(&Apdu::read_record(1, 1)).unwrap();
        assert_eq!(hex::encode_upper(&r.data), "700A57084761739001010119");
        let logged: Vec<&str> = ch.log().iter().map(|e| e.response.as_str()).collect();
        assert_eq!(logged, ["", "700A5708476173**", "****0119"]);
    }
}
