//! Import of 10,000 achievements from CSV and from XLSX into a fresh fair file: reading,
//! header mapping, validation of every row, holder matching (76 new organizations) and
//! the one-transaction write, as `fairdesk import achievements` does it.
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use fairdesk::app::generate::{GenSpec, build_file};
use fairdesk::domain::fair::FairInput;
use fairdesk::export::{CsvEncoding, ExportFormat, ExportOptions, export};
use fairdesk::import::{ImportKind, ImportOptions, import_file};
use fairdesk::store::Store;
use std::path::{Path, PathBuf};

const ROWS: usize = 10_000;

/// The achievements of a generated fair, exported as the CSV and the single-sheet XLSX a
/// user would bring, and an empty fair file to import them into.
struct Inputs {
    _dir: tempfile::TempDir,
    dir: PathBuf,
    csv: PathBuf,
    xlsx: PathBuf,
    empty: PathBuf,
}

fn inputs() -> Inputs {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().to_path_buf();
    let source = root.join("source.db");
    let spec = GenSpec {
        organizations: 200,
        achievements: ROWS,
        interests: 0,
        agreements: 0,
        seed: 1,
    };
    build_file(&source, "bench", &spec, &mut |_, _, _| {}).unwrap();
    let mut store = Store::open(&source, "bench").unwrap();
    let options = |format, out: PathBuf| ExportOptions {
        format,
        out,
        mask_contacts: false,
        full_contacts: false,
        org: None,
        encoding: CsvEncoding::Utf8,
        lang: fairdesk::domain::lang::Lang::Zh,
    };
    export(
        &mut store,
        &options(ExportFormat::Csv, root.join("csv")),
        &mut |_, _, _| {},
    )
    .unwrap();
    let csv = root.join("csv/achievements.csv");
    let xlsx = root.join("achievements.xlsx");
    single_sheet_xlsx(&csv, &xlsx);
    let empty = root.join("empty.db");
    let mut fresh = Store::open(&empty, "bench").unwrap();
    fresh
        .create_fair(&FairInput {
            name: "导入基准".into(),
            ..Default::default()
        })
        .unwrap();
    drop(fresh);
    Inputs {
        _dir: dir,
        dir: root,
        csv,
        xlsx,
        empty,
    }
}

/// Rewrites the exported CSV as a one-sheet workbook, prices as numbers.
fn single_sheet_xlsx(csv: &Path, xlsx: &Path) {
    let text = std::fs::read_to_string(csv).unwrap();
    let mut reader = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    for (c, h) in reader.headers().unwrap().iter().enumerate() {
        sheet.write_string(0, c as u16, h).unwrap();
    }
    for (r, record) in reader.records().enumerate() {
        for (c, value) in record.unwrap().iter().enumerate() {
            let (row, col) = (r as u32 + 1, c as u16);
            match value.parse::<f64>() {
                Ok(n) if c == 9 => sheet.write_number(row, col, n).unwrap(),
                _ => sheet.write_string(row, col, value).unwrap(),
            };
        }
    }
    workbook.save(xlsx).unwrap();
}

fn fresh_store(inputs: &Inputs, n: &mut usize) -> Store {
    *n += 1;
    let path = inputs.dir.join(format!("target-{n}.db"));
    std::fs::copy(&inputs.empty, &path).unwrap();
    Store::open(&path, "bench").unwrap()
}

fn bench_import(c: &mut Criterion) {
    let inputs = inputs();
    let mut group = c.benchmark_group("import_10k_achievements");
    group.sample_size(10);
    let mut n = 0;
    for (name, file) in [("csv", &inputs.csv), ("xlsx", &inputs.xlsx)] {
        group.bench_function(name, |b| {
            b.iter_batched(
                || fresh_store(&inputs, &mut n),
                |mut store| {
                    let report = import_file(
                        &mut store,
                        ImportKind::Achievements,
                        file,
                        ImportOptions::default(),
                        &mut |_, _, _| {},
                    )
                    .unwrap();
                    assert_eq!(report.imported.len(), ROWS);
                    store
                },
                BatchSize::PerIteration,
            )
        });
    }
    group.finish();
}

criterion_group!(benches, bench_import);
criterion_main!(benches);
