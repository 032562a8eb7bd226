//! The command line: flag definitions (clap derive) and glue to the library. No logic lives here
//! that the GUI would also need.

mod decode;
mod guide;
mod log;
mod net;
mod probe;
mod readers;
mod report;
mod simulate;

use clap::{Parser, Subcommand};
use emv_doctor::i18n::Lang;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// EMV Doctor: find out why a card terminal says "EMV error".
///
/// With no command, opens the desktop app. The commands below do the same work headless,
/// for remote shells and support scripts.
#[derive(Debug, Parser)]
#[command(name = "emv-doctor", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    /// Language of the app and of command output: en or zh-CN (default: the system locale).
    #[arg(long, global = true, value_name = "LANG")]
    lang: Option<Lang>,

    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Decode EMV data: TLV, ATR, status words, TVR and other bit fields, tags, AIDs.
    Decode(decode::Args),
    /// List the PC/SC card readers and whether a card is present.
    Readers(readers::Args),
    /// Read a payment card in a reader (read-only) and say what is wrong with it.
    Probe(probe::Args),
    /// Serve a virtual card to pcscd through the vpcd driver (for tests and training).
    Simulate(simulate::Args),
    /// List, check, draw or walk the troubleshooting guides.
    Guide(guide::Args),
    /// Network and clock checks: a payment host, NTP clock offset, network interfaces.
    Net(net::Args),
    /// Analyse a transaction export (CSV or XLSX): where payment failures come from.
    Log(log::Args),
    /// Export, show or check a saved session report.
    Report(report::Args),
    /// Open a saved session report in the desktop app (each start opens its own window).
    Open {
        /// The report file (`*.emvdoc.ron`); without it the app starts as usual (a desktop
        /// launcher started with no file).
        file: Option<PathBuf>,
    },
}

/// Parses the command line; exits with code 2 and a usage message on bad arguments.
pub fn parse() -> Cli {
    Cli::parse()
}

/// Runs the parsed command and turns its outcome into an exit code.
pub fn run(cli: Cli) -> ExitCode {
    let lang = cli.lang.unwrap_or_else(Lang::from_system);
    let result = match cli.command {
        None => window(cli.lang, None),
        Some(Command::Open { file }) => window(cli.lang, file),
        Some(Command::Decode(args)) => decode::run(args, lang),
        Some(Command::Readers(args)) => readers::run(args, lang),
        Some(Command::Probe(args)) => probe::run(args, lang),
        Some(Command::Simulate(args)) => simulate::run(args, lang),
        Some(Command::Guide(args)) => guide::run(args, lang),
        Some(Command::Net(args)) => net::run(args, lang),
        Some(Command::Report(args)) => report::run(args, lang),
        Some(Command::Log(args)) => log::run(args, lang),
    };
    match result {
        Ok(code) => code,
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            let _ = writeln!(std::io::stderr(), "emv-doctor: {err:#}");
            ExitCode::from(1)
        }
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// Writes `text` to stdout, returning broken-pipe errors so the caller exits quietly.
pub fn print(text: &str) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    if !text.ends_with('\n') {
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(())
}

/// Writes one JSON value to stdout on one line.
pub fn print_json(value: &serde_json::Value) -> anyhow::Result<()> {
    print(&serde_json::to_string(value)?)
}

/// Opens the window (`file`: a report to open in it).
#[cfg(feature = "gui")]
fn window(lang: Option<Lang>, file: Option<PathBuf>) -> anyhow::Result<ExitCode> {
    emv_doctor::ui::run(lang, file)
}

/// This build has no window: says so (exit 2, like a bad argument).
#[cfg(not(feature = "gui"))]
fn window(_: Option<Lang>, _: Option<PathBuf>) -> anyhow::Result<ExitCode> {
    eprintln!(
        "emv-doctor: this build has no window (built without the `gui` feature); use a subcommand, see --help"
    );
    Ok(ExitCode::from(2))
}
