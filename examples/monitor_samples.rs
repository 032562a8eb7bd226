//! Writes the sample transaction exports (made up from a fixed seed; card numbers are
//! Luhn-valid test numbers the import masks): one file per fault pattern, in Chinese and
//! English, GBK, UTF-8 and XLSX.
//!
//! `cargo run --example monitor_samples -- docs/samples` (the default folder).
// A developer tool, not shipped: a failed unwrap ends it.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "../tests/monitor_support/sample.rs"]
mod sample;

use sample::{Encoding, Headers, Layout, Pattern};
use std::path::PathBuf;

fn main() -> std::io::Result<()> {
    let dir = PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "docs/samples".into()),
    );
    std::fs::create_dir_all(&dir)?;
    for (i, pattern) in Pattern::ALL.into_iter().enumerate() {
        let payments = sample::payments(pattern, 60, 7);
        let zh = i % 2 == 0 || pattern == Pattern::All;
        let layout = Layout {
            headers: if zh { Headers::Zh } else { Headers::En },
            split_date: pattern == Pattern::Scheme,
            issuer: pattern != Pattern::Scheme,
        };
        let rows = sample::rows(&payments, layout);
        let (name, bytes) = match pattern {
            Pattern::SignIn | Pattern::Cashier => (
                format!("{}-{}.xlsx", pattern.name(), if zh { "zh" } else { "en" }),
                sample::xlsx_bytes(&rows),
            ),
            _ if zh => (
                format!("{}-zh-gbk.csv", pattern.name()),
                sample::csv_bytes(&rows, ',', Encoding::Gbk),
            ),
            _ => (
                format!("{}-en.csv", pattern.name()),
                sample::csv_bytes(&rows, '\t', Encoding::Utf8Bom),
            ),
        };
        std::fs::write(dir.join(&name), bytes)?;
        println!("{}", dir.join(name).display());
    }
    Ok(())
}
