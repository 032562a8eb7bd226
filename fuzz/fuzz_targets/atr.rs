//! Fuzz target for the ATR parser (ISO/IEC 7816-3) and everything built on it: parsing, the
//! interface-byte texts, historical bytes, list matching and the `decode atr` views must never
//! panic; a parsed ATR must be consistent with its bytes (K historical bytes, sorted protocols,
//! a TCK reported `ok` only when the XOR of T0…TCK is zero).
//!
//! Run with `cargo +nightly fuzz run atr` from the repository root.

#![no_main]

use emv_doctor::emv::atr::{Atr, Tck, names_from_list};
use emv_doctor::emv::decode::{Kind, decode_with_list};
use emv_doctor::i18n::Lang;
use libfuzzer_sys::fuzz_target;

const LIST: &str = "3B .. 00 .*\n\tany\n3F [0-9,A]. 25\n\tclass\n\n3B 6E 00 00 80 31 80 66\n\tfixed\n";

fuzz_target!(|data: &[u8]| {
    let _ = names_from_list(data, LIST);
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = names_from_list(&[0x3B, 0x00], text);
        let _ = emv_doctor::emv::hex::parse_hex(text);
    }
    let _ = decode_with_list(Kind::Atr, data, Lang::ZhCn, Some(LIST));
    if let Ok(atr) = Atr::parse(data) {
        assert_eq!(atr.historical.len(), usize::from(atr.t0 & 0x0F));
        assert!(atr.protocols.windows(2).all(|w| w[0] < w[1]));
        if atr.tck == Tck::Ok {
            assert_eq!(data[1..].iter().fold(0u8, |a, b| a ^ b), 0);
        }
        for ib in &atr.interface {
            assert_eq!(data[ib.offset], ib.value);
            let _ = atr.explain(ib, Lang::En);
        }
        let _ = atr.historical_decoded();
        let _ = (atr.fi(), atr.di(), atr.fmax_mhz(), atr.ifsc());
    }
});
