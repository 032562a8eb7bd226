//! `emv-doctor`: with no subcommand, the desktop app; with one, a headless tool for remote shells
//! and support scripts. Exit codes: 0 done, 1 the input or file was invalid, 2 bad arguments,
//! 3 no PC/SC service or reader, 4 no card in time.

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    cli::run(cli::parse())
}
