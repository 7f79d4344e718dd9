//! One search keystroke (the query grows by one character): filter and rank all titles,
//! then compute highlights for a page of 20 rows, at 1,000 / 10,000 / 100,000 titles,
//! for a Chinese, an ASCII, a full-pinyin and a pinyin-initials query.
mod common;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use fairdesk::search::SearchIndex;
use std::time::{Duration, Instant};

const QUERIES: &[(&str, &str)] = &[
    ("chinese", "稀土永磁"),
    ("ascii", "lora"),
    ("pinyin", "xitu"),
    ("initials", "xtyc"),
];

fn keystroke(c: &mut Criterion) {
    let mut group = c.benchmark_group("search_keystroke");
    for size in [1_000, 10_000, 100_000] {
        let titles = common::titles(size);
        let mut index = SearchIndex::from_texts(titles.iter().map(String::as_str));
        let parts = index.keys().heap_bytes();
        let total: usize = parts.iter().map(|(_, bytes)| bytes).sum();
        eprintln!("keys of {size} titles: {total} bytes ({parts:?})");
        for (name, query) in QUERIES {
            let cut = query.char_indices().last().map(|(i, _)| i).unwrap_or(0);
            let previous = &query[..cut];
            group.bench_with_input(BenchmarkId::new(*name, size), query, |b, query| {
                b.iter_custom(|iterations| {
                    let mut total = Duration::ZERO;
                    for _ in 0..iterations {
                        // The previous keystroke, untimed: the index narrows from it.
                        index.search(previous);
                        let start = Instant::now();
                        let hits = index.search(query);
                        for hit in hits.iter().take(20) {
                            std::hint::black_box(index.highlight(hit.index, query));
                        }
                        total += start.elapsed();
                    }
                    total
                })
            });
        }
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30).measurement_time(Duration::from_secs(3));
    targets = keystroke
}
criterion_main!(benches);
