//! Everything that talks to a card.
//!
//! - [`transport`]: the raw transports ([`transport::RawTransport`]: PC/SC or simulated) and the
//!   [`transport::CardChannel`] over them, which enforces the read-only command allowlist and the
//!   T=0 rules (`61XX`, `6CXX`, case 4), and times and logs every exchange.
//! - [`pcsc`]: the PC/SC backend (readers, connect, status).
//! - [`sim`]: virtual cards ([`sim::CardModel`]) and the scenario catalogue used by training mode,
//!   tests and `emv-doctor simulate`.
//! - [`vpcd`]: serves a [`sim::CardModel`] to pcscd through the vsmartcard vpcd driver.
//! - [`worker`]: the thread that owns the PC/SC context and reports [`worker::CardEvent`]s.
//! - [`probe`]: the read-only EMV probe, producing a [`probe::CardReport`].
//! - [`findings`]: the card verdicts, with stable codes.

pub use crate::finding::card as findings;
pub mod pcsc;
pub mod probe;
pub mod sim;
pub mod transport;
pub mod vpcd;
pub mod worker;
