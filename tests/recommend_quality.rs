//! Recommendation quality on the demo fair, against a domain expert's labels
//! (`fixtures/matching/need_matches.jsonl`): precision@5 and recall@10 of the achievements
//! suggested for each labelled need, for the scorer and for a field-only baseline measured
//! the same way. Run with `--nocapture` to see the figures and each need's misses.
use chrono::{TimeZone, Utc};
use fairdesk::app::recommend::Recommender;
use fairdesk::domain::clock::FixedClock;
use fairdesk::store::Store;
use std::collections::HashSet;
use std::sync::Arc;

const LABELS: &str = include_str!("../fixtures/matching/need_matches.jsonl");

/// The levels reached when the scorer was written (rounded down); a change that lowers
/// them fails here.
/// Reached: precision@5 0.292 (the labels allow at most 0.383: most needs have fewer than
/// five true matches), recall@10 0.891.
const PRECISION_AT_5_FLOOR: f64 = 0.29;
const RECALL_AT_10_FLOOR: f64 = 0.89;

struct Label {
    need: String,
    matches: HashSet<String>,
}

fn labels() -> Vec<Label> {
    LABELS
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            Label {
                need: v["need"].as_str().unwrap().to_string(),
                matches: v["matches"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|m| m.as_str().unwrap().to_string())
                    .collect(),
            }
        })
        .collect()
}

fn demo() -> Store {
    let clock = FixedClock::at(Utc.with_ymd_and_hms(2019, 12, 10, 8, 0, 0).unwrap());
    let mut store = Store::open_in_memory("desk-test", Arc::new(clock)).unwrap();
    fairdesk::app::demo::load(&mut store, &mut |_, _, _| {}).unwrap();
    store
}

/// Mean precision@5 and recall@10 over the labelled needs, given each need's ranked codes.
fn measure(labels: &[&Label], ranked: impl Fn(&Label) -> Vec<String>) -> (f64, f64) {
    let (mut precision, mut recall) = (0.0, 0.0);
    for label in labels {
        let codes = ranked(label);
        let hits = |k: usize| {
            codes
                .iter()
                .take(k)
                .filter(|c| label.matches.contains(*c))
                .count() as f64
        };
        precision += hits(5) / 5.0;
        recall += hits(10) / label.matches.len() as f64;
    }
    let n = labels.len() as f64;
    (precision / n, recall / n)
}

#[test]
fn recommendations_reach_the_recorded_quality_and_beat_field_only() {
    let store = demo();
    let all = labels();
    assert!(all.len() >= 40, "at least 40 labelled needs");
    let labelled: Vec<&Label> = all.iter().filter(|l| !l.matches.is_empty()).collect();
    let recommender = Recommender::load(&store).unwrap();
    let needs = store.needs().unwrap();
    let achievements = store.achievements(false).unwrap();
    let need = |code: &str| needs.iter().find(|n| n.code == code).unwrap();

    let scorer = |label: &Label| -> Vec<String> {
        let r = recommender.for_need(&need(&label.need).id, 10).unwrap();
        r.suggestions
            .into_iter()
            .map(|s| s.achievement.code)
            .collect()
    };
    // The plain baseline: the need's field, in catalogue order (what a field filter shows).
    let field_only = |label: &Label| -> Vec<String> {
        let field = need(&label.need).data.field.clone();
        achievements
            .iter()
            .filter(|a| Some(&a.data.field) == field.as_ref())
            .map(|a| a.code.clone())
            .take(10)
            .collect()
    };
    let (p5, r10) = measure(&labelled, scorer);
    let (base_p5, base_r10) = measure(&labelled, field_only);
    let ceiling = labelled
        .iter()
        .map(|l| l.matches.len().min(5) as f64 / 5.0)
        .sum::<f64>()
        / labelled.len() as f64;
    for label in &labelled {
        let codes = scorer(label);
        let missed: Vec<&String> = label
            .matches
            .iter()
            .filter(|m| !codes.iter().take(10).any(|c| c == *m))
            .collect();
        if !missed.is_empty() {
            println!("{}: missed {missed:?}; top 10 {codes:?}", label.need);
        }
    }
    println!(
        "{} labelled needs; precision@5 {p5:.3} (ceiling {ceiling:.3}), recall@10 {r10:.3}; \
         field-only baseline precision@5 {base_p5:.3}, recall@10 {base_r10:.3}",
        labelled.len()
    );
    assert!(p5 >= PRECISION_AT_5_FLOOR, "precision@5 fell to {p5:.3}");
    assert!(r10 >= RECALL_AT_10_FLOOR, "recall@10 fell to {r10:.3}");
    assert!(
        p5 > base_p5 && r10 > base_r10,
        "the scorer beats field-only"
    );
}
