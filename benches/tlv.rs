//! TLV parse throughput (bytes per second) on a realistic card dump: the full READ RECORD set
//! of a Visa debit card (SFI 1 and 2, records as `70` templates), about 1.5 KB.
// Benchmark code: a failed unwrap is a broken benchmark.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use emv_doctor::emv::tlv::{self, Tag, Tlv};
use std::hint::black_box;

fn p(tag: u32, value: &[u8]) -> Tlv {
    Tlv::primitive(Tag(tag), value.to_vec())
}

fn hex(s: &str) -> Vec<u8> {
    hex::decode(s).expect("bench data is hex")
}

/// Every record of a Visa card's AFL, concatenated as the probe would collect them.
fn visa_records() -> Vec<u8> {
    let records = vec![
        vec![
            p(0x57, &hex("4761739001010119D22122011143804400000F")),
            p(0x5F20, b"VISA ACQUIRER TEST/CARD 01"),
            p(0x9F1F, b"1143800440000000000000000000"),
        ],
        vec![
            p(0x5A, &hex("4761739001010119")),
            p(0x5F24, &hex("221231")),
            p(0x5F25, &hex("190101")),
            p(0x5F28, &hex("0840")),
            p(0x5F34, &hex("01")),
            p(0x9F07, &hex("FF00")),
            p(0x9F0D, &hex("F040008800")),
            p(0x9F0E, &hex("0010000000")),
            p(0x9F0F, &hex("F040009800")),
            p(0x8E, &hex("000000000000000042031E031F00")),
            p(0x9F08, &hex("0096")),
            p(0x5F30, &hex("0201")),
        ],
        vec![
            p(
                0x8C,
                &hex("9F02069F03069F1A0295055F2A029A039C019F37049F35019F45029F4C089F3403"),
            ),
            p(0x8D, &hex("910A8A0295059F37049F4C08")),
            p(0x9F49, &hex("9F3704")),
            p(0x8F, &hex("09")),
            p(0x9F32, &hex("03")),
            p(0x92, &[0x3C; 36]),
        ],
        vec![p(0x90, &[0x6A; 176])],
        vec![p(0x93, &[0x5B; 144]), p(0x9F4A, &hex("82"))],
        vec![
            p(0x9F46, &[0x6A; 144]),
            p(0x9F47, &hex("03")),
            p(0x9F48, &[0x42; 42]),
        ],
        vec![p(0x9F2D, &[0x6A; 144]), p(0x9F2E, &hex("03"))],
        vec![
            p(0x9F42, &hex("0840")),
            p(0x9F44, &hex("02")),
            p(0x9F4D, &hex("0B0A")),
            p(0x9F6E, &hex("20700000")),
            p(0x9F7C, &[0x00; 32]),
        ],
    ];
    let templates: Vec<Tlv> = records
        .into_iter()
        .map(|children| Tlv::constructed(Tag(0x70), children))
        .collect();
    tlv::encode(&templates)
}

fn bench_parse(c: &mut Criterion) {
    let dump = visa_records();
    assert!(tlv::parse(&dump).is_ok(), "bench dump must be valid TLV");
    let mut group = c.benchmark_group("tlv");
    group.throughput(Throughput::Bytes(dump.len() as u64));
    group.bench_function(format!("parse_visa_records_{}_bytes", dump.len()), |b| {
        b.iter(|| tlv::parse(black_box(&dump)))
    });
    group.bench_function("mask_hex_visa_records", |b| {
        b.iter(|| tlv::mask_hex(black_box(&dump)))
    });
    group.finish();
}

criterion_group!(benches, bench_parse);
criterion_main!(benches);
