//! `emv-doctor decode`.

use emv_doctor::i18n::Lang;
use std::process::ExitCode;

/// Arguments of `emv-doctor decode`.
#[derive(Debug, clap::Args)]
pub struct Args {}

pub fn run(_args: Args, _lang: Lang) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`decode` is being built")
}
