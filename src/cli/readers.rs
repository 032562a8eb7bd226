//! `emv-doctor readers`.

use emv_doctor::i18n::Lang;
use std::process::ExitCode;

/// Arguments of `emv-doctor readers`.
#[derive(Debug, clap::Args)]
pub struct Args {}

pub fn run(_args: Args, _lang: Lang) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`readers` is being built")
}
