//! Recommendation speed. The large fair (100,000 achievements) is built here from the demo
//! fair's vocabulary: each demo result's title under a modifier, its keywords plus one
//! borrowed from another result, and interest from the demo's enterprises; it goes through
//! the store like any import, and is answered through `app::recommend::Recommender`.
//!
//! `cargo bench --bench recommend`
use chrono::{TimeZone, Utc};
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use fairdesk::app::add::{add_achievements, parse_records};
use fairdesk::app::demo;
use fairdesk::app::recommend::{FairRecords, Query, Recommender, recommend};
use fairdesk::domain::achievement::AchievementInput;
use fairdesk::domain::clock::FixedClock;
use fairdesk::domain::interest::InterestDraft;
use fairdesk::store::Store;
use fairdesk::store::interests::upsert_tx;
use std::hint::black_box;
use std::sync::Arc;

const LARGE: usize = 100_000;
const INTERESTS: usize = 20_000;

const MODIFIERS: [&str; 12] = [
    "",
    "新一代",
    "低成本",
    "绿色",
    "高效",
    "智能化",
    "模块化",
    "改进型",
    "规模化",
    "低能耗",
    "集成式",
    "第二代",
];
const MATURITY: [&str; 4] = ["实验室", "小试", "中试", "产业化"];
const LEVELS: [&str; 3] = ["咨询", "有意向", "深度洽谈"];

fn demo_store() -> Store {
    let clock = FixedClock::at(Utc.with_ymd_and_hms(2019, 12, 10, 1, 0, 0).unwrap());
    let mut store = Store::open_in_memory("bench", Arc::new(clock)).unwrap();
    demo::load(&mut store, &mut |_, _, _| {}).unwrap();
    store
}

/// The demo fair grown to `total` achievements and `interests` more interest records.
fn large_store(total: usize, interests: usize) -> Store {
    let mut store = demo_store();
    let base: Vec<AchievementInput> = parse_records(demo::ACHIEVEMENTS).unwrap();
    let extra: Vec<AchievementInput> = (0..total - base.len())
        .map(|i| {
            let a = &base[i % base.len()];
            let other = &base[(i * 7919 + 13) % base.len()];
            let borrowed = other.keywords.split(['、', ',']).next().unwrap_or_default();
            AchievementInput {
                id: String::new(),
                // Explicit codes: asking the store for the next free code scans them all.
                code: format!("A{:06}", base.len() + i + 1),
                title: format!(
                    "{}{}",
                    MODIFIERS[(i / base.len()) % MODIFIERS.len()],
                    a.title
                ),
                keywords: format!("{}、{borrowed}", a.keywords),
                maturity: MATURITY[i % MATURITY.len()].to_string(),
                trl: String::new(),
                asking_price: format!("{}万", 10 + (i * 37) % 2000),
                ..a.clone()
            }
        })
        .collect();
    let added = add_achievements(&mut store, &extra).unwrap();
    let enterprises: Vec<String> = store
        .organizations(false)
        .unwrap()
        .into_iter()
        .filter(|o| o.data.kind == "enterprise")
        .map(|o| o.id)
        .collect();
    let links: Vec<InterestDraft> = (0..interests)
        .map(|i| InterestDraft {
            enterprise_id: enterprises[i % enterprises.len()].clone(),
            achievement_id: added[(i * 104_729) % added.len()].id.clone(),
            level: LEVELS[i % LEVELS.len()].to_string(),
            note: None,
            contact_person: None,
            logged_at: None,
            desk: None,
        })
        .collect();
    // Through the store's transaction helper with ids already resolved: validating an
    // interest by reference also looks achievements up by title, a scan of 100,000 rows.
    store
        .write(|tx, ctx| {
            for draft in &links {
                upsert_tx(tx, ctx, "", draft)?;
            }
            Ok(())
        })
        .unwrap();
    store
}

fn large_fair(c: &mut Criterion) {
    let store = large_store(LARGE, INTERESTS);
    let records = FairRecords::load(&store).unwrap();
    assert_eq!(records.achievements.len(), LARGE);
    let recommender = Recommender::new(records.clone());
    let need = store.need_by_reference("N005").unwrap();
    let achievement = store.achievement_by_reference("A023").unwrap();
    let mut group = c.benchmark_group("recommend_100k");
    group.sample_size(30);
    group.bench_function("for_need", |b| {
        b.iter(|| recommender.for_need(black_box(&need.id), 10).unwrap())
    });
    group.bench_function("for_achievement", |b| {
        b.iter(|| {
            recommender
                .for_achievement(black_box(&achievement.id), 10)
                .unwrap()
        })
    });
    group.sample_size(10);
    group.bench_function("build_index", |b| {
        b.iter_batched(|| records.clone(), Recommender::new, BatchSize::LargeInput)
    });
    group.finish();
}

fn demo_fair(c: &mut Criterion) {
    let store = demo_store();
    let query = Query::Need("N005".to_string());
    c.bench_function("recommend_demo/load_and_answer", |b| {
        b.iter(|| recommend(&store, black_box(&query), 10).unwrap())
    });
}

criterion_group!(benches, large_fair, demo_fair);
criterion_main!(benches);
