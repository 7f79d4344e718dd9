//! Export of a generated fair to each format, as `fairdesk export` does it. The fair has
//! FAIRDESK_BENCH_ACHIEVEMENTS achievements (default 100,000) with the proportions of
//! `fairdesk gen`'s large fair: organizations a tenth, interests five times, agreements a
//! tenth (at 100,000: about 620,000 rows). FAIRDESK_BENCH_FORMATS (say `xlsx,csv`)
//! limits the formats measured.
use criterion::{Criterion, criterion_group, criterion_main};
use fairdesk::app::generate::{GenSpec, build_file};
use fairdesk::domain::lang::Lang;
use fairdesk::export::{CsvEncoding, ExportFormat, ExportOptions, export};
use fairdesk::store::Store;

fn achievements() -> usize {
    std::env::var("FAIRDESK_BENCH_ACHIEVEMENTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000)
}

fn bench_export(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("big.db");
    let n = achievements();
    let spec = GenSpec {
        organizations: n / 10,
        achievements: n,
        interests: n * 5,
        agreements: n / 10,
        seed: 7,
    };
    build_file(&db, "bench", &spec, &mut |_, _, _| {}).unwrap();
    let mut store = Store::open(&db, "bench").unwrap();
    let wanted = std::env::var("FAIRDESK_BENCH_FORMATS").unwrap_or_default();
    let mut group = c.benchmark_group(format!("export_{n}_achievements"));
    group.sample_size(10);
    for format in [
        ExportFormat::Xlsx,
        ExportFormat::Csv,
        ExportFormat::Json,
        ExportFormat::Md,
        ExportFormat::Html,
    ] {
        if !wanted.is_empty() && !wanted.split(',').any(|w| w.trim() == format.name()) {
            continue;
        }
        let options = ExportOptions {
            format,
            out: dir.path().join(format!("out.{}", format.name())),
            mask_contacts: false,
            full_contacts: false,
            org: None,
            encoding: CsvEncoding::Utf8,
            lang: Lang::Zh,
        };
        group.bench_function(format.name(), |b| {
            b.iter(|| export(&mut store, &options, &mut |_, _, _| {}).unwrap())
        });
    }
    group.finish();
}

criterion_group!(benches, bench_export);
criterion_main!(benches);
