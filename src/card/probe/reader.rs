//! Probing the card in a PC/SC reader: open the reader, then run the probe. The one way the
//! card worker, the guide checks and the command line read a card in a reader.

use super::{CardReport, ProbeOptions, ProbeStep, finding_for_pcsc, report_without_card, run};
use crate::card::pcsc::{PcscCard, PcscError};
use crate::card::transport::CardChannel;

/// Connects to the card in `reader` (its exact name) and probes it, reporting each step to
/// `progress`. A reader that cannot be opened gives the error; [`unprobed`] makes it a report.
pub fn probe_reader(
    reader: &str,
    options: &ProbeOptions,
    progress: &mut dyn FnMut(ProbeStep),
) -> Result<CardReport, PcscError> {
    let card = PcscCard::connect(reader)?;
    Ok(run(&mut CardChannel::new(card), reader, options, progress))
}

/// The report of a probe that could not start because of `error` (no service, reader or card).
pub fn unprobed(reader: &str, error: &PcscError) -> CardReport {
    report_without_card(reader, finding_for_pcsc(error))
}
