//! Fuzz the guide loader: parsing and validation must never panic, whatever the text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(guide) = emv_doctor::guide::load("fuzz.ron", text) {
            let _ = emv_doctor::guide::stats::stats(&guide);
            let _ = emv_doctor::guide::graph::to_json(&guide);
        }
    }
});
