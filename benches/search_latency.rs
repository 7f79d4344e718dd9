//! Per-keystroke search latency over 100,000 titles, typed one character at a time as a
//! person would: prints the median and p99 of every keystroke of each query, and, as a
//! reference measured in the same run, fuzzy-matcher's SkimMatcherV2 scanning the same
//! titles (plain text, no pinyin) for the same keystrokes.
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
    let (median, p99) = (
        all[all.len() / 2],
        all[(all.len() * 99 / 100).min(all.len() - 1)],
    );
    println!("all keystrokes: median {median:.3} ms, p99 {p99:.3} ms");

    // The reference: SkimMatcherV2 over the lower-cased titles, every keystroke a full
    // scan with ranking, no pinyin.
    use fuzzy_matcher::FuzzyMatcher;
    let matcher = fuzzy_matcher::skim::SkimMatcherV2::default();
    let lowered: Vec<String> = titles.iter().map(|t| t.to_lowercase()).collect();
    let mut reference = Vec::new();
    for query in QUERIES {
        for _ in 0..3 {
            let mut typed = String::new();
            for ch in query.chars() {
                typed.push(ch);
                let start = Instant::now();
                let mut hits: Vec<(i64, usize)> = lowered
                    .iter()
                    .enumerate()
                    .filter_map(|(i, t)| matcher.fuzzy_match(t, &typed).map(|s| (s, i)))
                    .collect();
                hits.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
                std::hint::black_box(&hits);
                reference.push(start.elapsed().as_secs_f64() * 1e3);
            }
        }
    }
    reference.sort_by(f64::total_cmp);
    let (ref_median, ref_p99) = (
        reference[reference.len() / 2],
        reference[(reference.len() * 99 / 100).min(reference.len() - 1)],
    );
    println!(
        "reference SkimMatcherV2: median {ref_median:.3} ms, p99 {ref_p99:.3} ms per keystroke"
    );
    println!(
        "ratio (reference / fairdesk): median {:.1}x, p99 {:.1}x",
        ref_median / median,
        ref_p99 / p99
    );
}
