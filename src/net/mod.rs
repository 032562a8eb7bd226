//! Network and clock checks a field technician would run: a payment host (DNS, repeated TCP
//! connects, TLS certificate), the computer's clock against NTP and an HTTPS `Date`, and the
//! network interfaces in use.
//!
//! Every check is a plain blocking function returning a typed, serialisable report with timings
//! and [`crate::finding::Finding`]s; every wait is bounded by a timeout. [`worker::NetWorker`] runs
//! the same functions on a named thread with progress events and cancel, for the GUI. This module
//! never imports egui and never panics on what the network sends.

pub mod clock;
pub mod dns;
pub use crate::finding::net as findings;
pub mod host;
pub mod http_date;
pub mod interfaces;
pub mod profiles;
pub mod sntp;
pub mod stats;
pub mod tcp;
pub mod tls;
pub mod worker;

pub use clock::{ClockOptions, ClockReport, check_clock};
pub use host::{HostOptions, HostProgress, HostReport, Target, check_host};
pub use interfaces::{Interface, InterfaceKind, interfaces};
pub use worker::{NetCommand, NetEvent, NetWorker};
