//! Loading and validating every built-in guide (parse + all validation rules), as the app does
//! at start-up.

use criterion::{Criterion, criterion_group, criterion_main};
use emv_doctor::guide::locate::SourceMap;
use emv_doctor::guide::{Guide, builtin, load, synthetic, validate};
use std::hint::black_box;

fn load_builtin(c: &mut Criterion) {
    c.bench_function("guide/load+validate all built-in", |b| {
        b.iter(|| {
            for (name, text) in builtin::SOURCES {
                let guide = load::load(name, black_box(text)).expect("built-in guides are valid");
                black_box(guide);
            }
        })
    });
}

fn parse_and_scan_only(c: &mut Criterion) {
    c.bench_function("guide/RON parse only, all built-in", |b| {
        b.iter(|| {
            for (_, text) in builtin::SOURCES {
                let guide: Guide = load::ron_options().from_str(black_box(text)).unwrap();
                black_box(guide);
            }
        })
    });
    c.bench_function("guide/source map scan only, all built-in", |b| {
        b.iter(|| {
            for (_, text) in builtin::SOURCES {
                black_box(SourceMap::scan(black_box(text)));
            }
        })
    });
}

/// Validation alone (every rule, route lengths included) on synthetic guides: it must grow
/// linearly, so 100,000 nodes stay well under a second.
fn validate_by_size(c: &mut Criterion) {
    let mut group = c.benchmark_group("guide/validate synthetic");
    group.sample_size(10);
    for n in [1_000, 10_000, 100_000] {
        let guide = synthetic::chain(n);
        group.bench_function(format!("{n} nodes"), |b| {
            b.iter(|| black_box(validate::validate(black_box(&guide))))
        });
    }
    group.finish();
}

criterion_group!(benches, load_builtin, parse_and_scan_only, validate_by_size);
criterion_main!(benches);
