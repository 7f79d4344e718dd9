//! Per-keystroke search latency over 100,000 titles, typed one character at a time as a
//! person would: prints the median and p99 of every keystroke of each query.
//! Run: `cargo bench --bench search_latency`.
mod common;

use fairdesk::search::SearchIndex;
use std::time::Instant;

const QUERIES: &[&str] = &[
    "稀土永磁",
    "钕铁硼",
    "lora",
    "5g",
    "xitu",
    "xtyc",
    "nsy",
    "meiqihua",
    "gxnt",
];

fn main() {
    let size = 100_000;
    let titles = common::titles(size);
    let built = Instant::now();
    let mut index = SearchIndex::from_texts(titles.iter().map(String::as_str));
    println!(
        "index of {size} titles built in {:.1} ms",
        built.elapsed().as_secs_f64() * 1e3
    );
    let rounds = 30;
    let mut all = Vec::new();
    for query in QUERIES {
        let mut samples = Vec::new();
        for _ in 0..rounds {
            index.search("");
            let mut typed = String::new();
            for ch in query.chars() {
                typed.push(ch);
                let start = Instant::now();
                let hits = index.search(&typed);
                for hit in hits.iter().take(20) {
                    std::hint::black_box(index.highlight(hit.index, &typed));
                }
                samples.push(start.elapsed().as_secs_f64() * 1e3);
            }
        }
        samples.sort_by(f64::total_cmp);
        let median = samples[samples.len() / 2];
        let p99 = samples[(samples.len() * 99 / 100).min(samples.len() - 1)];
        println!("{query:>10}: median {median:.3} ms, p99 {p99:.3} ms per keystroke");
        all.extend(samples);
    }
    all.sort_by(f64::total_cmp);
    println!(
        "all keystrokes: median {:.3} ms, p99 {:.3} ms",
        all[all.len() / 2],
        all[(all.len() * 99 / 100).min(all.len() - 1)]
    );
}
