//! `emv-doctor log analyze FILE`: read a terminal's or acquirer portal's transaction export
//! (CSV or XLSX) and say where payment failures come from. Exit codes: 0 analysed (whatever
//! it found); 1 the file could not be read or has no usable rows; 2 bad arguments (a `--map`
//! that is not `FIELD=HEADER,…` or names a column the file lacks).

use anyhow::Context;
use emv_doctor::i18n::{Lang, Text};
use emv_doctor::monitor;
use emv_doctor::monitor::columns::Mapping;
use emv_doctor::monitor::view::MonitorView;
use emv_doctor::report::{Report, store};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `emv-doctor log`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, clap::Subcommand)]
enum Command {
    /// Analyse a transaction export: failure rate per day and hour, by response code, scheme,
    /// BIN range, issuer, terminal, entry mode and cashier, and what stands out.
    Analyze {
        /// The export: CSV (UTF-8, GBK or GB18030; comma, semicolon or tab) or XLSX.
        file: PathBuf,
        /// Print one JSON object instead of text.
        #[arg(long)]
        json: bool,
        /// Name columns whose header EMV Doctor does not know, e.g.
        /// `time=3,response=返回信息代码` (a header or a column number); saved for
        /// files with the same headers. Fields: time date amount response scheme card entry
        /// terminal result issuer operator.
        #[arg(long, value_name = "FIELD=HEADER,…")]
        map: Option<String>,
        /// Also write a session report holding this analysis (`*.emvdoc.ron`).
        #[arg(long, value_name = "FILE")]
        save: Option<PathBuf>,
    },
}

/// Exit code for bad arguments.
const BAD_ARGS: u8 = 2;
const SAVED: Text = Text::new("Report saved to", "报告已保存到");
const NOT_SAVED: Text = Text::new(
    "note: the column mapping could not be saved",
    "注意：列对应关系没能保存",
);

/// Runs `emv-doctor log`.
pub fn run(args: Args, lang: Lang) -> anyhow::Result<ExitCode> {
    let Command::Analyze {
        file,
        json,
        map,
        save,
    } = args.command;
    let mapping = match map.as_deref().map(Mapping::parse).transpose() {
        Ok(m) => m,
        Err(e) => return bad_args(&e.to_string()),
    };
    let dir = emv_doctor::paths::data_dir();
    let (report, save_error) = match monitor::analyze_file(&file, mapping.as_ref(), dir.as_deref())
    {
        Ok(r) => r,
        Err(e) if e.is_mapping() => return bad_args(&e.to_string()),
        Err(e) => {
            return Err(anyhow::Error::new(e))
                .with_context(|| format!("cannot analyse {}", file.display()));
        }
    };
    if let Some(e) = save_error {
        writeln!(
            std::io::stderr(),
            "emv-doctor: {}: {}",
            NOT_SAVED.get(lang),
            emv_doctor::i18n::error_chain(&e)
        )?;
    }
    if json {
        super::print_json(&report.to_json(lang))?;
    } else {
        super::print(&MonitorView::new(&report, lang).to_text(lang))?;
    }
    if let Some(path) = save {
        let now = chrono::Local::now().fixed_offset();
        let mut saved = Report::new(now, lang);
        saved.add_monitoring(now, report);
        store::save(&saved, &path)
            .with_context(|| format!("cannot save the report to {}", path.display()))?;
        if !json {
            super::print(&format!("{} {}", SAVED.get(lang), path.display()))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn bad_args(msg: &str) -> anyhow::Result<ExitCode> {
    writeln!(std::io::stderr(), "emv-doctor log: {msg}")?;
    Ok(ExitCode::from(BAD_ARGS))
}
