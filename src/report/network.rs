//! Network and clock checks as a report keeps them: the `net` module's own results, stamped
//! with the time they were recorded. Pure, no I/O.

use crate::finding::Finding;
use crate::net::clock::ClockReport;
use crate::net::host::HostReport;
use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

/// One network or clock check in a report.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NetCheck {
    /// When it was recorded.
    pub at: DateTime<FixedOffset>,
    /// What was checked and what came out.
    pub result: NetResult,
}

/// The result of one check.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum NetResult {
    /// A payment host: DNS, TCP, TLS (`emv-doctor net host`).
    Host(Box<HostReport>),
    /// The clock against NTP (`emv-doctor net clock`).
    Clock(Box<ClockReport>),
}

impl NetResult {
    /// The check's verdicts.
    pub fn findings(&self) -> &[Finding] {
        match self {
            NetResult::Host(h) => &h.findings,
            NetResult::Clock(c) => &c.findings,
        }
    }
}
