//! Loading and validating every built-in guide (parse + all validation rules), as the app does
//! at start-up.

use criterion::{Criterion, criterion_group, criterion_main};
use emv_doctor::guide::{builtin, load};
use std::hint::black_box;

fn load_builtin(c: &mut Criterion) {
    c.bench_function("guide/load+validate all built-in", |b| {
        b.iter(|| {
            for (name, text) in builtin::SOURCES {
                let guide = load(name, black_box(text)).expect("built-in guides are valid");
                black_box(guide);
            }
        })
    });
}

criterion_group!(benches, load_builtin);
criterion_main!(benches);
