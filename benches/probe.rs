//! Full probe of the Visa scenarios over the in-process sim transport: prints the number of
//! exchanges and measures the time (the card answers instantly, so this is the probe's own cost:
//! TLV parsing, PDOL filling, masking the log).
// Benchmark code: a failed unwrap is a broken benchmark.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use criterion::{Criterion, criterion_group, criterion_main};
use emv_doctor::card::probe::{self, ProbeOptions};
use emv_doctor::card::sim::scenarios::{self, Scenario};
use emv_doctor::card::sim::transport::SimTransport;
use emv_doctor::card::transport::CardChannel;
use std::hint::black_box;

fn probe_once(name: Scenario) -> usize {
    let card = scenarios::build(name);
    let transport = SimTransport::new(card).expect("ATR");
    let mut channel = CardChannel::new(transport);
    let report = probe::run(
        &mut channel,
        name.as_str(),
        &ProbeOptions::default(),
        &mut |_| {},
    );
    report.apdus.len()
}

fn bench(c: &mut Criterion) {
    for name in [Scenario::VisaT1, Scenario::VisaT0] {
        println!("{name}: {} APDUs per full probe", probe_once(name));
        c.bench_function(&format!("probe {name}"), |b| {
            b.iter(|| black_box(probe_once(black_box(name))))
        });
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
