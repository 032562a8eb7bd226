//! The in-process transport over a virtual card ([`CardModel`]): training mode and tests that need
//! no pcscd. It moves bytes exactly like a reader would; the allowlist and the T=0 rules stay in
//! [`crate::card::transport::CardChannel`].

use super::{CardModel, SimReply};
use crate::card::transport::{Protocol, RawTransport, TransportError};

/// A [`RawTransport`] that powers a [`CardModel`] on and hands it every command.
pub struct SimTransport {
    model: Box<dyn CardModel>,
    atr: Vec<u8>,
    removed: bool,
}

impl SimTransport {
    /// Powers the card on (a reset) and reads its ATR. A card without an ATR is
    /// [`TransportError::Mute`], as a reader reports it.
    pub fn new(mut model: Box<dyn CardModel>) -> Result<SimTransport, TransportError> {
        model.reset();
        let atr = model.atr().ok_or(TransportError::Mute)?;
        Ok(SimTransport {
            model,
            atr,
            removed: false,
        })
    }

    /// The virtual card, e.g. to inspect what it saw.
    pub fn model(&self) -> &dyn CardModel {
        self.model.as_ref()
    }
}

impl RawTransport for SimTransport {
    fn atr(&self) -> &[u8] {
        &self.atr
    }

    fn protocol(&self) -> Protocol {
        self.model.protocol()
    }

    fn transmit_raw(&mut self, command: &[u8]) -> Result<Vec<u8>, TransportError> {
        if self.removed {
            return Err(TransportError::Removed);
        }
        match self.model.respond(command) {
            SimReply::Bytes(bytes) => Ok(bytes),
            SimReply::Mute => Err(TransportError::Mute),
            SimReply::Removed => {
                self.removed = true;
                Err(TransportError::Removed)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::card::transport::{Apdu, CardChannel};

    /// A T=0 card that sends every response in 5-byte GET RESPONSE pieces, asks for the right
    /// Le with `6CXX` when GET RESPONSE asks for more than it has, and is pulled out after
    /// `lifetime` commands.
    struct Chunky {
        pending: Vec<u8>,
        lifetime: usize,
    }

    impl CardModel for Chunky {
        fn atr(&self) -> Option<Vec<u8>> {
            Some(vec![0x3B, 0x02, 0x14, 0x50])
        }
        fn protocol(&self) -> Protocol {
            Protocol::T0
        }
        fn reset(&mut self) {
            self.pending.clear();
        }
        fn respond(&mut self, command: &[u8]) -> SimReply {
            if self.lifetime == 0 {
                return SimReply::Removed;
            }
            self.lifetime -= 1;
            match command {
                [0x00, 0xC0, 0, 0, le] => {
                    let want = usize::from(*le);
                    let take = self.pending.len().min(5);
                    if want != take {
                        return SimReply::Bytes(vec![0x6C, take as u8]);
                    }
                    let mut out: Vec<u8> = self.pending.drain(..take).collect();
                    match self.pending.len() {
                        0 => out.extend([0x90, 0x00]),
                        n => out.extend([0x61, n.min(5) as u8]),
                    }
                    SimReply::Bytes(out)
                }
                [0x80, 0xCA, ..] => {
                    self.pending = (1..=12).collect();
                    SimReply::Bytes(vec![0x61, 0x00])
                }
                _ => SimReply::Bytes(vec![0x6D, 0x00]),
            }
        }
    }

    struct MuteCard;

    impl CardModel for MuteCard {
        fn atr(&self) -> Option<Vec<u8>> {
            None
        }
        fn protocol(&self) -> Protocol {
            Protocol::T1
        }
        fn reset(&mut self) {}
        fn respond(&mut self, _: &[u8]) -> SimReply {
            SimReply::Mute
        }
    }

    #[test]
    fn chained_pieces_arrive_whole() {
        let card = Chunky {
            pending: Vec::new(),
            lifetime: 100,
        };
        let mut ch = CardChannel::new(SimTransport::new(Box::new(card)).unwrap());
        assert_eq!(ch.atr(), [0x3B, 0x02, 0x14, 0x50]);
        let r = ch.transmit(&Apdu::get_data(0x9F4F)).unwrap();
        assert_eq!(r.data, (1..=12).collect::<Vec<u8>>());
        assert_eq!(r.sw, 0x9000);
        let commands: Vec<&str> = ch.log().iter().map(|e| e.command.as_str()).collect();
        assert_eq!(
            commands,
            [
                "80CA9F4F00",
                "00C0000000",
                "00C0000005",
                "00C0000005",
                "00C0000002"
            ]
        );
    }

    #[test]
    fn removal_and_mute_surface_as_errors() {
        assert!(matches!(
            SimTransport::new(Box::new(MuteCard)),
            Err(TransportError::Mute)
        ));
        let card = Chunky {
            pending: Vec::new(),
            lifetime: 2,
        };
        let mut ch = CardChannel::new(SimTransport::new(Box::new(card)).unwrap());
        assert!(matches!(
            ch.transmit(&Apdu::get_data(0x9F36)),
            Err(TransportError::Removed)
        ));
        assert!(matches!(
            ch.transmit(&Apdu::get_data(0x9F36)),
            Err(TransportError::Removed)
        ));
    }
}
