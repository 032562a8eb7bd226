//! `emv-doctor simulate`.

use emv_doctor::i18n::Lang;
use std::process::ExitCode;

/// Arguments of `emv-doctor simulate`.
#[derive(Debug, clap::Args)]
pub struct Args {}

pub fn run(_args: Args, _lang: Lang) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`simulate` is being built")
}
