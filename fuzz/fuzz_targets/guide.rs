//! Fuzz target for the guide loader: parsing and validation must never panic, whatever the
//! text, and a guide that loads must write back to RON and load again unchanged.
//!
//! Run with `cargo +nightly fuzz run guide` from the repository root.

#![no_main]

use emv_doctor::guide::{graph, load, stats};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data)
        && let Ok(guide) = load::load("fuzz.ron", text)
    {
        let _ = stats::stats(&guide);
        let _ = graph::to_json(&guide);
        let again = load::ron_options()
            .to_string(&guide)
            .expect("a loaded guide serialises");
        let reloaded = load::load("again.ron", &again).expect("a written guide loads again");
        assert_eq!(reloaded, guide);
    }
});
