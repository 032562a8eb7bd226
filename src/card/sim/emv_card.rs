//! A generic virtual EMV card: a [`CardProfile`] (the data a card was personalised with) plus the
//! behaviour of a real contact card — ISO 7816-4 SELECT by name (first/next, partial names),
//! READ RECORD, GET PROCESSING OPTIONS, GET DATA, and on T=0 the `61XX`/`6CXX` transport
//! answers and GET RESPONSE (ISO 7816-3 §12.2, EMV Book 1 §9.3). Every command received is
//! recorded so tests can prove which commands reached the card.

use super::{CardModel, SimReply};
use crate::card::transport::Protocol;
use std::sync::{Arc, Mutex};

/// The commands a virtual card received, in order, as raw bytes.
pub type CommandLog = Arc<Mutex<Vec<Vec<u8>>>>;

const PSE_NAME: &[u8] = b"1PAY.SYS.DDF01";
const PPSE_NAME: &[u8] = b"2PAY.SYS.DDF01";
const SW_OK: u16 = 0x9000;

/// A record's contents, or the status word a card gives instead.
pub(crate) type RecordAnswer = Result<Vec<u8>, u16>;

/// How a card answers SELECT of a payment system directory (PSE or PPSE).
#[derive(Clone, Debug)]
pub(crate) enum Directory {
    /// SELECT is answered with this status word and no data (`6A82` none, `6A81` card blocked).
    Refused(u16),
    /// PSE: the FCI names directory SFI `sfi`, whose records (each a `70` template) follow.
    Pse { sfi: u8, records: Vec<Vec<u8>> },
    /// PPSE: the directory entries (`61` templates) sit in the FCI under `BF0C`.
    Ppse { entries: Vec<Vec<u8>> },
}

/// One application on the card.
#[derive(Clone, Debug)]
pub(crate) struct AppProfile {
    /// The full AID (ADF name).
    pub aid: Vec<u8>,
    /// Status word of SELECT (`9000`, or `6283` for an application the issuer blocked).
    pub select_sw: u16,
    /// The FCI returned by SELECT (`6F` template).
    pub fci: Vec<u8>,
    /// Total length of the PDOL data the card expects after `83` in GPO.
    pub pdol_len: usize,
    /// GPO answer: response data (`80` or `77` template), or a refusal status word.
    pub gpo: Result<Vec<u8>, u16>,
    /// Records by (SFI, record number): contents, or the status word the card gives instead.
    pub records: Vec<((u8, u8), RecordAnswer)>,
    /// Data objects offered to GET DATA, by tag (value only; the card adds tag and length).
    pub get_data: Vec<(u16, Vec<u8>)>,
}

/// Everything a virtual card was personalised with.
#[derive(Clone, Debug)]
pub(crate) struct CardProfile {
    /// ATR; `None` for a mute card.
    pub atr: Option<Vec<u8>>,
    /// Transmission protocol.
    pub protocol: Protocol,
    /// Answer to SELECT `1PAY.SYS.DDF01`.
    pub pse: Directory,
    /// Answer to SELECT `2PAY.SYS.DDF01`.
    pub ppse: Directory,
    /// Applications, in the card's own order.
    pub apps: Vec<AppProfile>,
    /// On T=1 too, answer `6CXX` to a case-2 command whose Le is not the exact length.
    pub exact_le: bool,
    /// The card is pulled out of the reader after answering this many commands.
    pub remove_after: Option<usize>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Selected {
    Nothing,
    Pse,
    Ppse,
    App(usize),
}

/// A virtual EMV card built from a [`CardProfile`].
pub struct EmvCard {
    profile: CardProfile,
    selected: Selected,
    /// T=0: response data waiting for GET RESPONSE, and the status word that goes with it.
    pending: Vec<u8>,
    pending_sw: u16,
    answered: usize,
    removed: bool,
    received: CommandLog,
}

impl EmvCard {
    pub(crate) fn new(profile: CardProfile) -> (Self, CommandLog) {
        let received = CommandLog::default();
        let card = EmvCard {
            profile,
            selected: Selected::Nothing,
            pending: Vec::new(),
            pending_sw: SW_OK,
            answered: 0,
            removed: false,
            received: Arc::clone(&received),
        };
        (card, received)
    }

    fn t0(&self) -> bool {
        self.profile.protocol == Protocol::T0
    }

    /// The application-level answer to one command: data and status word.
    fn answer(&mut self, cmd: &Command<'_>) -> (Vec<u8>, u16) {
        match (cmd.cla, cmd.ins) {
            (0x00, 0xA4) if cmd.p1 == 0x04 => self.select(cmd.p2, cmd.data),
            (0x00, 0xA4) => (Vec::new(), 0x6A86),
            (0x00, 0xB2) => self.read_record(cmd.p1, cmd.p2),
            (0x80, 0xA8) => self.gpo(cmd.data),
            (0x80 | 0x00, 0xCA) => self.get_data(u16::from_be_bytes([cmd.p1, cmd.p2])),
            (0x00 | 0x80, _) => (Vec::new(), 0x6D00),
            _ => (Vec::new(), 0x6E00),
        }
    }

    fn select(&mut self, p2: u8, name: &[u8]) -> (Vec<u8>, u16) {
        if name == PSE_NAME || name == PPSE_NAME {
            let dir = if name == PSE_NAME {
                &self.profile.pse
            } else {
                &self.profile.ppse
            };
            let proprietary = match dir {
                Directory::Refused(sw) => {
                    self.selected = Selected::Nothing;
                    return (Vec::new(), *sw);
                }
                Directory::Pse { sfi, .. } => super::encode::cat(&[
                    super::encode::tlv(&[0x88], &[*sfi]),
                    super::encode::tlv(&[0x5F, 0x2D], b"zhen"),
                ]),
                Directory::Ppse { entries } => {
                    super::encode::tlv(&[0xBF, 0x0C], &super::encode::cat(entries))
                }
            };
            self.selected = if name == PSE_NAME {
                Selected::Pse
            } else {
                Selected::Ppse
            };
            let fci = super::encode::tlv(
                &[0x6F],
                &super::encode::cat(&[
                    super::encode::tlv(&[0x84], name),
                    super::encode::tlv(&[0xA5], &proprietary),
                ]),
            );
            return (fci, SW_OK);
        }
        let start = match (p2, self.selected) {
            (0x02, Selected::App(i)) if self.profile.apps[i].aid.starts_with(name) => i + 1,
            (0x00 | 0x02, _) => 0,
            _ => return (Vec::new(), 0x6A86),
        };
        let found = self
            .profile
            .apps
            .iter()
            .enumerate()
            .skip(start)
            .find(|(_, app)| !name.is_empty() && app.aid.starts_with(name))
            .map(|(i, _)| i);
        match found {
            Some(i) => {
                self.selected = Selected::App(i);
                let app = &self.profile.apps[i];
                (app.fci.clone(), app.select_sw)
            }
            None => (Vec::new(), 0x6A82),
        }
    }

    fn read_record(&self, record: u8, p2: u8) -> (Vec<u8>, u16) {
        if p2 & 0x07 != 0x04 || record == 0 {
            return (Vec::new(), 0x6A86);
        }
        let sfi = p2 >> 3;
        match self.selected {
            Selected::Pse => match &self.profile.pse {
                Directory::Pse { sfi: dir, records } if *dir == sfi => {
                    match records.get(usize::from(record) - 1) {
                        Some(r) => (r.clone(), SW_OK),
                        None => (Vec::new(), 0x6A83),
                    }
                }
                _ => (Vec::new(), 0x6A82),
            },
            Selected::App(i) => {
                let app = &self.profile.apps[i];
                if !app.records.iter().any(|((s, _), _)| *s == sfi) {
                    return (Vec::new(), 0x6A82);
                }
                match app.records.iter().find(|(key, _)| *key == (sfi, record)) {
                    Some((_, Ok(r))) => (r.clone(), SW_OK),
                    Some((_, Err(sw))) => (Vec::new(), *sw),
                    None => (Vec::new(), 0x6A83),
                }
            }
            Selected::Nothing | Selected::Ppse => (Vec::new(), 0x6986),
        }
    }

    fn gpo(&self, data: &[u8]) -> (Vec<u8>, u16) {
        let Selected::App(i) = self.selected else {
            return (Vec::new(), 0x6985);
        };
        let app = &self.profile.apps[i];
        // EMV Book 3 §6.5.8: the data is the `83` template of the PDOL-related data.
        let well_formed = data.len() >= 2
            && data[0] == 0x83
            && usize::from(data[1]) == data.len() - 2
            && data.len() - 2 == app.pdol_len;
        if !well_formed {
            return (Vec::new(), 0x6700);
        }
        if app.select_sw != SW_OK {
            return (Vec::new(), 0x6985);
        }
        match &app.gpo {
            Ok(r) => (r.clone(), SW_OK),
            Err(sw) => (Vec::new(), *sw),
        }
    }

    fn get_data(&self, tag: u16) -> (Vec<u8>, u16) {
        let Selected::App(i) = self.selected else {
            return (Vec::new(), 0x6A88);
        };
        match self.profile.apps[i]
            .get_data
            .iter()
            .find(|(t, _)| *t == tag)
        {
            Some((_, value)) => (super::encode::tlv(&tag.to_be_bytes(), value), SW_OK),
            None => (Vec::new(), 0x6A88),
        }
    }

    /// T=0 GET RESPONSE (ISO 7816-4 §7.6.1): hands out pending data, chaining with `61XX`.
    fn get_response(&mut self, le: usize) -> Vec<u8> {
        if self.pending.is_empty() {
            return sw_bytes(0x6985);
        }
        if le > self.pending.len() {
            return sw_bytes(0x6C00 | self.pending.len() as u16);
        }
        let mut out: Vec<u8> = self.pending.drain(..le).collect();
        if self.pending.is_empty() {
            out.extend_from_slice(&self.pending_sw.to_be_bytes());
        } else {
            out.extend_from_slice(&[0x61, self.pending.len().min(256) as u8]);
        }
        out
    }

    fn respond_bytes(&mut self, raw: &[u8]) -> Vec<u8> {
        let Some(cmd) = Command::parse(raw) else {
            return sw_bytes(0x6700);
        };
        if self.t0() && cmd.cla == 0x00 && cmd.ins == 0xC0 {
            return self.get_response(cmd.le.unwrap_or(256));
        }
        self.pending.clear();
        let (data, sw) = self.answer(&cmd);
        let has_data_field = !cmd.data.is_empty();
        if self.t0() && has_data_field {
            // Case 3/4 on T=0: the card cannot send data in this exchange (Book 1 §9.3.1.1).
            if data.is_empty() {
                return sw_bytes(sw);
            }
            let available = data.len();
            self.pending = data;
            self.pending_sw = sw;
            if sw != SW_OK {
                // A warning with data (e.g. 6283 to SELECT): the warning comes first (Annex A7).
                return sw_bytes(sw);
            }
            return vec![0x61, available.min(256) as u8];
        }
        if let Some(le) = cmd.le
            && !has_data_field
            && !data.is_empty()
            && (self.t0() || self.profile.exact_le)
            && le != data.len()
        {
            return sw_bytes(0x6C00 | (data.len() as u16 & 0xFF));
        }
        let mut out = data;
        out.extend_from_slice(&sw.to_be_bytes());
        out
    }
}

impl CardModel for EmvCard {
    fn atr(&self) -> Option<Vec<u8>> {
        if self.removed {
            return None;
        }
        self.profile.atr.clone()
    }

    fn protocol(&self) -> Protocol {
        self.profile.protocol
    }

    fn reset(&mut self) {
        self.selected = Selected::Nothing;
        self.pending.clear();
    }

    fn respond(&mut self, command: &[u8]) -> SimReply {
        if self.removed {
            return SimReply::Removed;
        }
        if self.profile.atr.is_none() {
            return SimReply::Mute;
        }
        if let Some(limit) = self.profile.remove_after
            && self.answered >= limit
        {
            self.removed = true;
            return SimReply::Removed;
        }
        self.answered += 1;
        if let Ok(mut log) = self.received.lock() {
            log.push(command.to_vec());
        }
        SimReply::Bytes(self.respond_bytes(command))
    }
}

fn sw_bytes(sw: u16) -> Vec<u8> {
    sw.to_be_bytes().to_vec()
}

/// A command APDU split into its parts (ISO 7816-4 §5.1, short lengths only).
struct Command<'a> {
    cla: u8,
    ins: u8,
    p1: u8,
    p2: u8,
    data: &'a [u8],
    /// Le, with `00` read as 256.
    le: Option<usize>,
}

impl<'a> Command<'a> {
    fn parse(raw: &'a [u8]) -> Option<Self> {
        let (header, body) = raw.split_at_checked(4)?;
        let le_of = |b: u8| if b == 0 { 256 } else { usize::from(b) };
        let (data, le) = match body {
            [] => (&body[..0], None),
            [le] => (&body[..0], Some(le_of(*le))),
            [lc, rest @ ..] => {
                let lc = usize::from(*lc);
                match rest.len().checked_sub(lc)? {
                    0 => (rest, None),
                    1 => (&rest[..lc], Some(le_of(rest[lc]))),
                    _ => return None,
                }
            }
        };
        Some(Command {
            cla: header[0],
            ins: header[1],
            p1: header[2],
            p2: header[3],
            data,
            le,
        })
    }
}
