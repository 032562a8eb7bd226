//! `emv-doctor readers`: the PC/SC readers and whether a card is in each.
//!
//! Exit codes: 0 at least one reader is connected; 3 the PC/SC service is not running, failing,
//! or no reader is connected (the JSON still says which, with the finding and its advice).

use emv_doctor::card::pcsc::{self, PcscError, ReaderInfo};
use emv_doctor::card::probe::finding_for_pcsc;
use emv_doctor::i18n::{Lang, Text};
use serde_json::json;
use std::process::ExitCode;

/// Arguments of `emv-doctor readers`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Print one JSON object: {"service":"running"|"unavailable","readers":[{"name","card_present","atr"}]},
    /// plus "finding" when the service is down or no reader is connected.
    #[arg(long)]
    json: bool,
}

const SERVICE_RUNNING: Text = Text::new("PC/SC service: running", "PC/SC 服务：运行中");
const CARD_PRESENT: Text = Text::new("card present, ATR", "有卡，ATR");
const CARD_NO_ATR: Text = Text::new("card present, no ATR", "有卡，无 ATR");
const EMPTY: Text = Text::new("no card", "无卡");

pub fn run(args: Args, lang: Lang) -> anyhow::Result<ExitCode> {
    let (failure, readers) = match pcsc::list_readers() {
        Ok(readers) if readers.is_empty() => (Some(PcscError::NoReaders), readers),
        Ok(readers) => (None, readers),
        Err(e) => (Some(e), Vec::new()),
    };
    let service = !failure.as_ref().is_some_and(PcscError::is_service_lost);
    if args.json {
        let mut out = json!({
            "service": if service { "running" } else { "unavailable" },
            "readers": readers.iter().map(reader_json).collect::<Vec<_>>(),
        });
        if let Some(e) = &failure {
            out["finding"] = finding_for_pcsc(e).to_json(lang);
        }
        super::print_json(&out)?;
    } else {
        super::print(&text(failure.as_ref(), &readers, lang))?;
    }
    Ok(if failure.is_none() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(3)
    })
}

fn reader_json(r: &ReaderInfo) -> serde_json::Value {
    json!({
        "name": r.name,
        "card_present": r.card_present,
        "atr": r.atr.as_deref().map(hex::encode_upper),
    })
}

fn text(failure: Option<&PcscError>, readers: &[ReaderInfo], lang: Lang) -> String {
    if let Some(e) = failure.filter(|e| e.is_service_lost()) {
        return match e {
            PcscError::ServiceFailed(code) => format!("{} ({code})", e.message(lang)),
            _ => e.message(lang).to_owned(),
        };
    }
    let mut out = format!("{}\n", SERVICE_RUNNING.get(lang));
    if let Some(e) = failure {
        out.push_str(e.message(lang));
    }
    for (i, r) in readers.iter().enumerate() {
        let state = match (&r.atr, r.card_present) {
            (Some(atr), _) => format!("{} {}", CARD_PRESENT.get(lang), hex::encode_upper(atr)),
            (None, true) => CARD_NO_ATR.get(lang).to_owned(),
            (None, false) => EMPTY.get(lang).to_owned(),
        };
        out.push_str(&format!("{i}: {} — {state}\n", r.name));
    }
    out
}
