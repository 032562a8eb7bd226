//! `emv-doctor simulate`: serve a virtual card from the scenario catalogue to pcscd through the
//! vsmartcard vpcd driver, so every PC/SC program sees it in `Virtual PCD 00 00` (port 35963)
//! or `Virtual PCD 00 01` (port 35964).
//!
//! Runs until interrupted, or until the scenario pulls its card out. Exit codes: 0 served (or
//! `--list`), 2 unknown scenario (the list is printed).

use emv_doctor::card::sim::scenarios::{self, Scenario};
use emv_doctor::card::vpcd;
use emv_doctor::i18n::{Lang, Text};
use std::io::Write;
use std::process::ExitCode;
use std::sync::atomic::AtomicBool;

/// Arguments of `emv-doctor simulate`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The scenario to serve (see --list).
    #[arg(required_unless_present = "list")]
    scenario: Option<String>,
    /// vpcd's port on 127.0.0.1 (35963: first slot, 35964: second).
    #[arg(long, default_value_t = vpcd::DEFAULT_PORT)]
    port: u16,
    /// List the scenarios and exit.
    #[arg(long)]
    list: bool,
}

const SERVING: Text = Text::new(
    "Serving {scenario} to vpcd on {addr}: the card is in \"{reader}\". Stop with Ctrl+C.",
    "正在通过 vpcd（{addr}）提供虚拟卡 {scenario}：卡片在“{reader}”中。按 Ctrl+C 停止。",
);
const REMOVED: Text = Text::new(
    "The virtual card was taken out of the reader.",
    "虚拟卡已从读卡器中取出。",
);
const UNKNOWN: Text = Text::new(
    "Unknown scenario {scenario}. Choose one of:",
    "未知场景 {scenario}。可选：",
);

pub fn run(args: Args, lang: Lang) -> anyhow::Result<ExitCode> {
    let Some(name) = args.scenario.filter(|_| !args.list) else {
        super::print(&list(lang))?;
        return Ok(ExitCode::SUCCESS);
    };
    let Ok(scenario) = name.parse::<Scenario>() else {
        let mut err = std::io::stderr().lock();
        writeln!(err, "{}", UNKNOWN.get(lang).replace("{scenario}", &name))?;
        write!(err, "{}", list(lang))?;
        return Ok(ExitCode::from(2));
    };
    let card = scenarios::build(scenario);
    let addr = format!("127.0.0.1:{}", args.port);
    let reader = format!(
        "Virtual PCD 00 {:02}",
        args.port.saturating_sub(vpcd::DEFAULT_PORT)
    );
    eprintln!(
        "{}",
        SERVING
            .get(lang)
            .replace("{scenario}", scenario.as_str())
            .replace("{addr}", &addr)
            .replace("{reader}", &reader)
    );
    let stop = AtomicBool::new(false);
    vpcd::serve(card, &addr, &stop)?;
    eprintln!("{}", REMOVED.get(lang));
    Ok(ExitCode::SUCCESS)
}

/// One line per scenario: its name and what it is.
fn list(lang: Lang) -> String {
    let width = scenarios::catalogue()
        .iter()
        .map(|s| s.name().len())
        .max()
        .unwrap_or(0);
    scenarios::catalogue()
        .iter()
        .map(|s| format!("  {:width$}  {}\n", s.name(), s.title.get(lang)))
        .collect()
}
