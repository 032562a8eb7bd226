//! Virtual cards: believable EMV cards in software, one per scenario.

use super::transport::Protocol;

/// What a virtual card does with one raw command.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SimReply {
    /// Response bytes: data followed by SW1 SW2 (T=0 cards answer `61XX`/`6CXX` as real ones do).
    Bytes(Vec<u8>),
    /// No answer at all (a mute card).
    Mute,
    /// The card has been pulled out of the reader.
    Removed,
}

/// A virtual card. The same model serves the in-process `sim` transport and `emv-doctor simulate`.
pub trait CardModel: Send {
    /// The ATR the card sends at power-on or reset; `None` for a card that gives no ATR.
    fn atr(&self) -> Option<Vec<u8>>;
    /// The protocol the card uses.
    fn protocol(&self) -> Protocol;
    /// Power-on or reset: back to the initial state (nothing selected).
    fn reset(&mut self);
    /// Answers one raw command APDU.
    fn respond(&mut self, command: &[u8]) -> SimReply;
}

mod emv_card;
mod encode;
pub mod scenarios;
pub mod transport;

pub use emv_card::{CommandLog, EmvCard};
