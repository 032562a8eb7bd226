//! Turning PC/SC failures met before or around a probe into card findings, so the CLI and
//! the GUI say the same thing (`service.unavailable`, `reader.none`, `card.absent`, …).

use crate::card::pcsc::PcscError;
use crate::finding::card as f;
use crate::finding::{Finding, FindingDef};

/// The finding definition for a PC/SC failure.
pub fn finding_def_for_pcsc(e: &PcscError) -> &'static FindingDef {
    match e {
        PcscError::NoService => &f::SERVICE_UNAVAILABLE,
        PcscError::NoReaders | PcscError::UnknownReader(_) => &f::READER_NONE,
        PcscError::NoCard => &f::CARD_ABSENT,
        PcscError::Unresponsive => &f::CARD_MUTE,
        PcscError::Removed => &f::CARD_REMOVED,
        PcscError::SharingViolation => &f::READER_BUSY,
        PcscError::Other(_) => &f::SERVICE_UNAVAILABLE,
    }
}

/// The finding for a PC/SC failure, with the error as detail.
pub fn finding_for_pcsc(e: &PcscError) -> Finding {
    Finding::new(finding_def_for_pcsc(e), Some(e.to_string()))
}
