//! Raw card transports and the checked channel over them.

/// The transmission protocol negotiated with the card.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Protocol {
    /// ISO 7816-3 T=0 (character level).
    #[serde(rename = "T=0")]
    T0,
    /// ISO 7816-3 T=1 (block level).
    #[serde(rename = "T=1")]
    T1,
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
}
