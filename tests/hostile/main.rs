//! The hostile-input suite: each reproduction from the hardening pass (issue 11) as a case,
//! asserting the right behaviour. Everything it needs — files, reports, servers on
//! 127.0.0.1 — is made by the tests themselves; nothing outside this machine is contacted.

#[path = "../common/mod.rs"]
mod common;
#[path = "../net_support/mod.rs"]
mod net_support;
#[path = "../report_support/mod.rs"]
mod report_support;

mod escape;
mod files;
mod net;
mod privacy;
mod smaller;
mod support;
