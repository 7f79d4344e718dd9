//! The work of one `fairdesk search` at 100,000 titles once the texts are in memory:
//! from the search pack (read the layout, match the stored syllables, list the hits)
//! against scoring each title as it comes (making its syllables again: what the command
//! did per row before the pack), in the same run; and building a pack (what a search
//! adds when the stored pack is stale). Whole-process times, SQLite included, are
//! `scripts/compare_fzf.sh`'s.
mod common;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use fairdesk::search::SearchIndex;
use fairdesk::search::pack::{Pack, PackBuilder};
use std::hint::black_box;
use std::time::Duration;

const QUERIES: &[(&str, &str)] = &[
    ("chinese", "稀土永磁"),
    ("ascii", "lora"),
    ("pinyin", "xitu"),
    ("initials", "xtyc"),
];

fn one_search(c: &mut Criterion) {
    let titles = common::titles(100_000);
    let mut builder = PackBuilder::new();
    for t in &titles {
        builder.push(t);
    }
    let bytes = builder.finish().expect("100,000 titles fit a pack");
    let mut group = c.benchmark_group("search_once_100000");
    for (name, query) in QUERIES {
        group.bench_with_input(BenchmarkId::new("pack", name), query, |b, query| {
            let mut text = String::new();
            b.iter(|| {
                let pack = Pack::parse(&bytes).expect("a pack");
                let hits = pack.search(query);
                for hit in &hits {
                    text.clear();
                    pack.text_into(hit.index as usize, &mut text);
                    black_box(&text);
                }
                hits.len()
            })
        });
        group.bench_with_input(BenchmarkId::new("each_title", name), query, |b, query| {
            b.iter(|| {
                let hits = SearchIndex::search_once(titles.iter().map(String::as_str), query);
                for hit in &hits {
                    black_box(&titles[hit.index as usize]);
                }
                hits.len()
            })
        });
    }
    group.bench_function("build_pack", |b| {
        b.iter(|| {
            let mut builder = PackBuilder::new();
            for t in &titles {
                builder.push(t);
            }
            builder.finish().map(|p| p.len())
        })
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20).measurement_time(Duration::from_secs(3));
    targets = one_search
}
criterion_main!(benches);
