//! Monitoring: import and analyse a 100,000-row transaction export (CSV, Chinese headers).
// Benchmark code: a failed unwrap is a broken benchmark.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "../tests/monitor_support/sample.rs"]
mod sample;

use criterion::{Criterion, criterion_group, criterion_main};
use emv_doctor::monitor::{self, columns::Mapping, import, read};
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    let payments = sample::payments(sample::Pattern::All, 2_860, 1);
    let rows = sample::rows(
        &payments,
        sample::Layout {
            headers: sample::Headers::Zh,
            split_date: false,
            issuer: true,
        },
    );
    let bytes = sample::csv_bytes(&rows, ',', sample::Encoding::Utf8);
    let table = read::read_bytes(&bytes).unwrap_or_else(|e| panic!("{e}"));
    let imported =
        import::import(&table.rows, &Mapping::default()).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        imported.transactions.len() >= 100_000,
        "{}",
        imported.transactions.len()
    );
    let mut g = c.benchmark_group("monitor_100k");
    g.sample_size(10);
    g.bench_function("analyze", |b| {
        b.iter(|| monitor::analyze(black_box(&imported.transactions)))
    });
    g.bench_function("read_import_analyze_csv", |b| {
        b.iter(|| {
            let t = read::read_bytes(black_box(&bytes)).unwrap_or_else(|e| panic!("{e}"));
            monitor::analyze_table(&t, "bench.csv", &Mapping::default())
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
