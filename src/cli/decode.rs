//! `emv-doctor decode KIND HEX [--json]`: flag definitions and glue to
//! `emv_doctor::emv::decode`. Bad input (hex, length, kind) exits with code 2 and one line on
//! stderr saying what is wrong and where.

use emv_doctor::emv::decode::{self, Kind};
use emv_doctor::emv::hex::parse_hex;
use emv_doctor::i18n::Lang;
use std::io::{Read, Write};
use std::process::ExitCode;

/// Arguments of `emv-doctor decode`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// What the hex is: tlv atr sw tvr tsi aip auc term-caps add-term-caps iac cid cvm-list
    /// cvm-results service-code arc tag aid.
    #[arg(value_name = "KIND")]
    kind: String,

    /// The data in hex; spaces and colons allowed (quote it, or give several words). `-` reads
    /// it from stdin.
    #[arg(value_name = "HEX", required = true, num_args = 1..)]
    hex: Vec<String>,

    /// Print one JSON object on one line instead of the explanation.
    #[arg(long)]
    json: bool,
}

/// Most bytes read from standard input.
const MAX_STDIN_BYTES: u64 = 1024 * 1024;

/// Exit code for bad input.
const BAD_INPUT: u8 = 2;

fn bad_input(msg: &str) -> anyhow::Result<ExitCode> {
    let mut err = std::io::stderr().lock();
    writeln!(err, "emv-doctor decode: {msg}")?;
    Ok(ExitCode::from(BAD_INPUT))
}

pub fn run(args: Args, lang: Lang) -> anyhow::Result<ExitCode> {
    let kind: Kind = match args.kind.parse() {
        Ok(k) => k,
        Err(e) => return bad_input(&e.to_string()),
    };
    let text = if args.hex.len() == 1 && args.hex[0] == "-" {
        let mut bytes = Vec::new();
        std::io::stdin()
            .take(MAX_STDIN_BYTES + 1)
            .read_to_end(&mut bytes)?;
        if bytes.len() as u64 > MAX_STDIN_BYTES {
            return bad_input("standard input is larger than 1 MiB: not hex to decode");
        }
        match String::from_utf8(bytes) {
            Ok(s) => s,
            Err(_) => return bad_input("standard input is not text (not UTF-8)"),
        }
    } else {
        args.hex.join(" ")
    };
    let bytes = match parse_hex(&text) {
        Ok(b) => b,
        Err(e) => return bad_input(&format!("HEX: {e}")),
    };
    match decode::decode(kind, &bytes, lang) {
        Ok(d) if args.json => super::print_json(&d.json)?,
        Ok(d) => super::print(&d.text)?,
        Err(e) => return bad_input(&format!("{kind}: {e}")),
    }
    Ok(ExitCode::SUCCESS)
}
