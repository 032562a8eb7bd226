//! `emv-doctor report`: export, show or check a saved session report (`*.emvdoc.ron`).
//!
//! Exit codes: 0 done; 1 the file could not be read or is not a valid report (the message
//! names the file and, for a damaged file, its `line:column`); 2 bad arguments.

use anyhow::Context;
use emv_doctor::i18n::{Lang, Text};
use emv_doctor::report::export::{self, ExportOptions, Format};
use emv_doctor::report::{picture, privacy, store, summary};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `emv-doctor report`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, clap::Subcommand)]
enum Command {
    /// Export a report as HTML (one printable page), Markdown (for a ticket) or JSON (for tools).
    Export {
        /// The report file (`*.emvdoc.ron`).
        file: PathBuf,
        /// Output format: html, md or json.
        #[arg(long, short = 'f', value_name = "FORMAT")]
        format: Format,
        /// Write to this file instead of standard output.
        #[arg(long, short = 'o', value_name = "OUT")]
        output: Option<PathBuf>,
        /// Leave out the shop name, terminal serial, region and hostname (for sharing outside the company).
        #[arg(long)]
        redact_shop: bool,
        /// Keep the practice records (training-mode probes of virtual cards and practice walks),
        /// marked as practice; they are left out otherwise.
        #[arg(long)]
        include_training: bool,
    },
    /// Print a readable summary of a report.
    Show {
        /// The report file (`*.emvdoc.ron`).
        file: PathBuf,
        /// Keep the practice records (training-mode probes of virtual cards and practice walks),
        /// marked as practice; they are left out otherwise.
        #[arg(long)]
        include_training: bool,
    },
    /// Print the short summary for a chat or a ticket (masked); `--png` also draws the summary
    /// picture with a QR code of the summary's JSON.
    Summary {
        /// The report file (`*.emvdoc.ron`).
        file: PathBuf,
        /// Also write the summary picture (PNG) to this file.
        #[arg(long, value_name = "OUT")]
        png: Option<PathBuf>,
        /// Leave out the shop name, terminal serial, region and hostname.
        #[arg(long)]
        redact_shop: bool,
        /// Keep the practice records (training-mode probes of virtual cards and practice walks),
        /// marked as practice; they are left out otherwise.
        #[arg(long)]
        include_training: bool,
    },
    /// Check that a file is a valid report; on error print `FILE:line:column: what is wrong` and exit 1.
    Check {
        /// The report file (`*.emvdoc.ron`).
        file: PathBuf,
    },
}

const VALID: Text = Text::new("valid report", "报告有效");
const MIGRATED: Text = Text::new(
    "older file format {v}; it opens, and saving it again writes the current format",
    "旧版文件格式 {v}；可以打开，再次保存时将写为当前格式",
);
const SAME_FILE: Text = Text::new(
    "the output is the report itself; choose another file name for the export",
    "输出文件就是报告本身，请为导出换一个文件名",
);
const INVALID: Text = Text::new("not a valid report", "不是有效的报告");

/// Runs `emv-doctor report`.
pub fn run(args: Args, lang: Lang) -> anyhow::Result<ExitCode> {
    match args.command {
        Command::Export {
            file,
            format,
            output,
            redact_shop,
            include_training,
        } => {
            if let Some(out) = output
                .as_deref()
                .filter(|o| store::atomic::same_file(o, &file))
            {
                let _ = writeln!(
                    std::io::stderr(),
                    "emv-doctor: {}: {}",
                    out.display(),
                    SAME_FILE.get(lang)
                );
                return Ok(ExitCode::from(2));
            }
            let report = store::open(&file)?.report;
            let options = ExportOptions {
                redact_shop,
                include_training,
                ..ExportOptions::for_report(&report)
            };
            let text = export::export(&report, format, &options)?;
            match output {
                Some(out) => store::atomic::write(&out, text.as_bytes())
                    .with_context(|| format!("cannot write the export to {}", out.display()))?,
                None => super::print(&text)?,
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Show {
            file,
            include_training,
        } => {
            let report = store::open(&file)?.report;
            let options = ExportOptions {
                lang,
                redact_shop: false,
                include_training,
            };
            super::print(&export::text::export(&report, &options)?)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Summary {
            file,
            png,
            redact_shop,
            include_training,
        } => {
            let report = store::open(&file)?.report;
            let options = ExportOptions {
                lang,
                redact_shop,
                include_training,
            };
            let summary = summary::summary(&report, &options)?;
            if let Some(out) = png {
                let bytes = picture::render_png(&summary)?;
                store::atomic::write(&out, &bytes)
                    .with_context(|| format!("cannot write the picture to {}", out.display()))?;
            }
            super::print(&summary.text())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Check { file } => match store::open(&file).and_then(|loaded| {
            privacy::scrub(&loaded.report).map(|_| loaded).map_err(|e| {
                store::OpenError::Unexportable {
                    path: file.clone(),
                    source: e,
                }
            })
        }) {
            Ok(loaded) => {
                let mut line = format!("{}: {}", file.display(), VALID.get(lang));
                if let Some(v) = loaded.migrated_from {
                    line.push_str(" (");
                    line.push_str(&MIGRATED.get(lang).replace("{v}", &v.to_string()));
                    line.push(')');
                }
                super::print(&line)?;
                Ok(ExitCode::SUCCESS)
            }
            Err(err) => {
                let _ = writeln!(
                    std::io::stderr(),
                    "{} ({})",
                    emv_doctor::i18n::error_chain(&err),
                    INVALID.get(lang)
                );
                Ok(ExitCode::from(1))
            }
        },
    }
}
