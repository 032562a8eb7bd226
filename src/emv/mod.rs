//! Pure decoding of EMV (EMV 4.4 Books 1–4) and ISO/IEC 7816-3/-4 data. No I/O.

pub mod aid;
pub mod arc;
pub mod atr;
pub mod bits;
pub mod cid;
pub mod cvm;
pub mod decode;
pub mod hex;
pub mod iso;
pub mod loadlog;
pub mod pan;
pub mod service_code;
pub mod sw;
pub mod tags;
pub mod tlv;
pub mod txlog;
