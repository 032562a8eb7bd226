//! Fuzz target for the BER-TLV parser and everything built on it: parsing, DOL parsing,
//! masking for the APDU log and the JSON/text views must never panic, masking must keep the
//! length, and whatever parses must re-encode to a canonical form that parses back to itself.
//!
//! Run with `cargo +nightly fuzz run tlv` from the repository root.

#![no_main]

use emv_doctor::emv::tlv;
use emv_doctor::i18n::Lang;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = tlv::parse_dol(data);
    assert_eq!(tlv::mask_hex(data).len(), data.len() * 2);
    if let Ok(objs) = tlv::parse(data) {
        let _ = tlv::to_json(&objs, Lang::En);
        let _ = tlv::explain(&objs, Lang::ZhCn);
        let canonical = tlv::encode(&objs);
        let again = tlv::parse(&canonical).expect("re-encoded TLV parses");
        assert_eq!(tlv::encode(&again), canonical);
    }
});
