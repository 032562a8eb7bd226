//! `emv-doctor readers`: the PC/SC readers and whether a card is in each.
//!
//! Exit codes: 0 at least one reader is connected; 3 the PC/SC service is not running or no
//! reader is connected (the JSON still says which).

use emv_doctor::card::pcsc::{self, PcscError, ReaderInfo};
use emv_doctor::i18n::{Lang, Text};
use serde_json::json;
use std::process::ExitCode;

/// Arguments of `emv-doctor readers`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Print one JSON object: {"service":"running"|"unavailable","readers":[{"name","card_present","atr"}]}.
    #[arg(long)]
    json: bool,
}

const SERVICE_RUNNING: Text = Text::new("PC/SC service: running", "PC/SC 服务：运行中");
const NO_READER: Text = Text::new(
    "No card reader is connected: plug it in and check its driver.",
    "没有连接读卡器：请插上读卡器并检查驱动。",
);
const CARD_PRESENT: Text = Text::new("card present, ATR", "有卡，ATR");
const CARD_NO_ATR: Text = Text::new("card present, no ATR", "有卡，无 ATR");
const EMPTY: Text = Text::new("no card", "无卡");

pub fn run(args: Args, lang: Lang) -> anyhow::Result<ExitCode> {
    let (service, readers) = match pcsc::list_readers() {
        Ok(readers) => (true, readers),
        Err(PcscError::NoService) => (false, Vec::new()),
        Err(e) => return Err(anyhow::Error::new(e).context("listing the card readers")),
    };
    if args.json {
        super::print_json(&json!({
            "service": if service { "running" } else { "unavailable" },
            "readers": readers.iter().map(reader_json).collect::<Vec<_>>(),
        }))?;
    } else {
        super::print(&text(service, &readers, lang))?;
    }
    Ok(if service && !readers.is_empty() {
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

fn text(service: bool, readers: &[ReaderInfo], lang: Lang) -> String {
    if !service {
        return PcscError::NoService.message(lang).to_owned();
    }
    let mut out = format!("{}\n", SERVICE_RUNNING.get(lang));
    if readers.is_empty() {
        out.push_str(NO_READER.get(lang));
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
