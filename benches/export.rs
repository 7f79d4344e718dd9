//! Export of a generated fair with 100,000 achievements (2,000 organizations, 20,000
//! interests, 500 agreements) to each format, as `fairdesk export` does it.
use criterion::{Criterion, criterion_group, criterion_main};
use fairdesk::app::generate::{GenSpec, build_file};
use fairdesk::domain::lang::Lang;
use fairdesk::export::{CsvEncoding, ExportFormat, ExportOptions, export};
use fairdesk::store::Store;

fn bench_export(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("big.db");
    let spec = GenSpec {
        organizations: 2_000,
        achievements: 100_000,
        interests: 20_000,
        agreements: 500,
        seed: 7,
    };
    build_file(&db, "bench", &spec, &mut |_, _, _| {}).unwrap();
    let mut store = Store::open(&db, "bench").unwrap();
    let mut group = c.benchmark_group("export_100k_achievements");
    group.sample_size(10);
    for format in [
        ExportFormat::Xlsx,
        ExportFormat::Csv,
        ExportFormat::Json,
        ExportFormat::Md,
        ExportFormat::Html,
    ] {
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
