//! Shared by the monitoring tests: the sample export generator.
pub mod sample;
