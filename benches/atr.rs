//! ATR parsing speed: every ATR pattern in pcsc-tools' `smartcard_list.txt` (read at run time,
//! when installed; wildcards filled with zeros), else a small built-in list; plus naming one ATR
//! against the whole list, as `emv-doctor decode atr` does.
// Benchmark code: a failed unwrap is a broken benchmark.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use emv_doctor::emv::atr::{Atr, names_from_list};
use emv_doctor::emv::decode::SMARTCARD_LIST_PATH;
use emv_doctor::emv::hex::parse_hex;
use std::hint::black_box;
use std::time::Duration;

const BUILT_IN: &[&str] = &[
    "3B 6E 00 00 80 31 80 66 B0 84 12 01 6E 01 83 00 90 00",
    "3B 68 00 00 80 66 B0 84 0C 01 6E 01",
    "3B 8E 80 01 80 31 80 66 B0 84 12 01 6E 01 83 00 90 00 8C",
    "3B DA 96 FF 81 B1 FE 45 1F 03 80 31 C0 73 D6 21 C0 00 00 00 E9",
    "3F 65 25 00 12 34 56 90 00",
    "3B 80 80 01 01",
];

/// A pattern line made concrete: `.` → `0`, `[..]` → its first member, `.*` dropped.
fn concrete(pattern: &str) -> Option<Vec<u8>> {
    let mut out = String::new();
    let mut chars = pattern.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '.' if chars.peek() == Some(&'*') => {
                chars.next();
            }
            '.' => out.push('0'),
            '[' => {
                let first = chars.next()?;
                out.push(first);
                for c in chars.by_ref() {
                    if c == ']' {
                        break;
                    }
                }
            }
            other => out.push(other),
        }
    }
    parse_hex(&out).ok()
}

fn atrs(list: Option<&str>) -> Vec<Vec<u8>> {
    match list {
        Some(text) => text
            .lines()
            .filter(|l| !l.starts_with('\t') && !l.starts_with('#') && !l.trim().is_empty())
            .filter_map(concrete)
            .collect(),
        None => BUILT_IN.iter().filter_map(|s| parse_hex(s).ok()).collect(),
    }
}

fn bench(c: &mut Criterion) {
    let list = std::fs::read_to_string(SMARTCARD_LIST_PATH).ok();
    let all = atrs(list.as_deref());
    let ok = all.iter().filter(|a| Atr::parse(a).is_ok()).count();
    println!(
        "{} ATRs from {} ({ok} parse, {} rejected)",
        all.len(),
        if list.is_some() {
            SMARTCARD_LIST_PATH
        } else {
            "the built-in list"
        },
        all.len() - ok
    );
    let mut g = c.benchmark_group("atr");
    g.throughput(Throughput::Elements(all.len() as u64));
    g.bench_function("parse_all", |b| {
        b.iter(|| {
            for a in &all {
                let _ = black_box(Atr::parse(black_box(a)));
            }
        })
    });
    if let (Some(text), Some(first)) = (list.as_deref(), all.first()) {
        g.throughput(Throughput::Elements(1));
        g.bench_function("name_one_from_list", |b| {
            b.iter(|| black_box(names_from_list(black_box(first), text)))
        });
    }
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(2))
        .sample_size(10);
    targets = bench
}
criterion_main!(benches);
