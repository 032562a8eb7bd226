//! `emv-doctor probe`: read the card in a reader (or a virtual card) read-only and print the
//! verdict. Exit codes: 0 the probe ran (whatever it found), 3 no PC/SC service or no reader,
//! 4 no card within `--wait` seconds.

use anyhow::Context;
use emv_doctor::card::pcsc::{self, PcscError};
use emv_doctor::card::probe::{self, CardReport, ProbeOptions};
use emv_doctor::card::sim::scenarios::Scenario;
use emv_doctor::i18n::{Lang, Text};
use emv_doctor::report::{Report, store};
use std::io::Write;
use std::process::ExitCode;
use std::time::Duration;

/// Arguments of `emv-doctor probe`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The reader: its name, part of its name, or its number in `emv-doctor readers`.
    #[arg(long, value_name = "NAME|INDEX")]
    reader: Option<String>,
    /// Wait up to this many seconds for a card (0: use the card that is there).
    #[arg(long, value_name = "SECS", default_value_t = 0)]
    wait: u64,
    /// Do not send GET PROCESSING OPTIONS (it moves the card's transaction counter); the
    /// card's records are then not read.
    #[arg(long)]
    no_gpo: bool,
    /// Print one JSON object instead of text.
    #[arg(long)]
    json: bool,
    /// Probe a virtual card from the scenario catalogue instead of a reader (training, offline).
    #[arg(long, value_name = "SCENARIO", conflicts_with_all = ["reader", "wait"])]
    sim: Option<String>,
    /// Also write a session report holding this probe (`*.emvdoc.ron`; open it with
    /// `emv-doctor report show|export` or in the app).
    #[arg(long, value_name = "FILE")]
    save: Option<std::path::PathBuf>,
}

const SAVED: Text = Text::new("Report saved to", "报告已保存到");

/// Exit code for no service or no reader.
const EXIT_NO_READER: u8 = 3;
/// Exit code for no card in time.
const EXIT_NO_CARD: u8 = 4;

pub fn run(args: Args, lang: Lang) -> anyhow::Result<ExitCode> {
    let options = ProbeOptions {
        no_gpo: args.no_gpo,
    };
    let (report, code) = match &args.sim {
        Some(name) => match name.parse::<Scenario>() {
            Ok(scenario) => (probe::probe_scenario(scenario, &options), 0),
            Err(e) => {
                let _ = writeln!(std::io::stderr(), "emv-doctor probe: {e}");
                return Ok(ExitCode::from(2));
            }
        },
        None => probe_in_reader(&args, &options),
    };
    if args.json {
        super::print_json(&report.to_json(lang))?;
    } else {
        super::print(&emv_doctor::view::probe::text(&report, lang))?;
    }
    if let Some(path) = &args.save {
        let now = chrono::Local::now().fixed_offset();
        let mut saved = Report::new(now, lang);
        if args.sim.is_some() {
            saved.add_training_probe(now, report);
        } else {
            saved.add_probe(now, report);
        }
        store::save(&saved, path)
            .with_context(|| format!("cannot save the report to {}", path.display()))?;
        if !args.json {
            super::print(&format!("{} {}", SAVED.get(lang), path.display()))?;
        }
    }
    Ok(ExitCode::from(code))
}

fn probe_in_reader(args: &Args, options: &ProbeOptions) -> (CardReport, u8) {
    let wanted = args.reader.as_deref();
    let probed = pcsc::wait_for_card(wanted, Duration::from_secs(args.wait))
        .map(|reader| probe::probe_reader(&reader, options, &mut |_| {}).map_err(|e| (reader, e)));
    match probed {
        Ok(Ok(report)) => (report, 0),
        Ok(Err((reader, e))) => (probe::unprobed(&reader, &e), exit_code(&e)),
        Err(e) => (
            probe::unprobed(wanted.unwrap_or_default(), &e),
            exit_code(&e),
        ),
    }
}

/// The exit code for a probe that could not start.
fn exit_code(e: &PcscError) -> u8 {
    match e {
        PcscError::NoService | PcscError::NoReaders | PcscError::UnknownReader(_) => EXIT_NO_READER,
        PcscError::NoCard => EXIT_NO_CARD,
        _ => 0,
    }
}
