//! Network and clock checks a field technician would run.
pub mod findings;
