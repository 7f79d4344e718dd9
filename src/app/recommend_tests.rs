//! Tests of the recommendation use case, on the demo fair.
use super::*;
use crate::domain::clock::FixedClock;
use chrono::{TimeZone, Utc};
use std::sync::Arc;

fn demo() -> Store {
    let clock = FixedClock::at(Utc.with_ymd_and_hms(2019, 12, 10, 8, 0, 0).unwrap());
    let mut store = Store::open_in_memory("desk-test", Arc::new(clock)).unwrap();
    crate::app::demo::load(&mut store, &mut |_, _, _| {}).unwrap();
    store
}

fn codes(r: &Recommendations) -> Vec<&str> {
    r.suggestions
        .iter()
        .map(|s| s.achievement.code.as_str())
        .collect()
}

#[test]
fn a_need_gets_ranked_achievements_with_everything_a_screen_shows() {
    let store = demo();
    let r = recommend(&store, &Query::Need("n005".into()), 5).unwrap();
    let Target::Need(need) = &r.target else {
        panic!("asked about a need")
    };
    assert_eq!(need.code, "N005");
    assert_eq!(need.enterprise.name, "包头正信磁材股份有限公司");
    assert_eq!(r.suggestions.len(), 5);
    assert_eq!(
        codes(&r)[0],
        "A023",
        "稀土储氢合金性能提升技术 answers it word for word"
    );
    assert!(codes(&r).contains(&"A010"), "稀土储氢合金制备技术");
    for (i, s) in r.suggestions.iter().enumerate() {
        assert_eq!(s.rank, i + 1);
        assert!(!s.achievement.id.is_empty() && !s.achievement.title.is_empty());
        assert!(!s.achievement.holder.name.is_empty());
        assert_eq!(s.enterprise, need.enterprise);
        assert_eq!(s.need.as_ref(), Some(need));
        assert!((0.0..=100.0).contains(&s.score));
        assert!(!s.reasons.is_empty());
    }
    assert!(r.suggestions.windows(2).all(|w| w[0].score >= w[1].score));
    let first = &r.suggestions[0];
    assert!(first.reasons_text(Lang::Zh).starts_with("同领域：稀土；"));
    assert!(
        first
            .reasons_text(Lang::En)
            .starts_with("same field: Rare earths; ")
    );
}

#[test]
fn already_linked_pairs_are_marked_and_logging_a_suggestion_links_it() {
    let mut store = demo();
    let before = recommend(&store, &Query::Need("N005".into()), 10).unwrap();
    let fresh = before
        .suggestions
        .iter()
        .find(|s| !s.is_linked())
        .expect("some suggestion is new")
        .clone();
    let input = interest_input(&fresh, "有意向", "展位咨询");
    assert_eq!(input.enterprise, fresh.enterprise.id);
    assert_eq!(input.achievement, fresh.achievement.id);
    assert_eq!(input.level, "有意向");
    let (interest, outcome) = log_interest(&mut store, &fresh, "有意向", Lang::Zh).unwrap();
    assert_eq!(outcome, InterestOutcome::Created);
    assert_eq!(interest.enterprise_id, fresh.enterprise.id);
    assert!(
        interest
            .note
            .unwrap()
            .starts_with("由推荐登记：同领域：稀土")
    );
    let after = recommend(&store, &Query::Need("N005".into()), 10).unwrap();
    let same = after
        .suggestions
        .iter()
        .find(|s| s.achievement.id == fresh.achievement.id)
        .expect("still suggested, now marked");
    assert_eq!(
        same.link,
        Some(Link {
            interest_level: Some("有意向".into()),
            agreements: vec![]
        })
    );
    let (_, again) = log_interest(&mut store, &fresh, "咨询", Lang::En).unwrap();
    assert_eq!(again, InterestOutcome::Unchanged, "a level never falls");
}

#[test]
fn signed_agreements_mark_pairs_too() {
    let store = demo();
    // S02: 包头市兴荣稀土功能材料有限公司 bought A001; the company posted N004.
    let r = recommend(&store, &Query::Achievement("A001".into()), 200).unwrap();
    let buyer = r
        .suggestions
        .iter()
        .find(|s| s.enterprise.name == "包头市兴荣稀土功能材料有限公司")
        .expect("the buyer is among the enterprises for A001");
    let link = buyer.link.as_ref().expect("marked as linked");
    assert_eq!(link.agreements, vec!["S02"]);
}

#[test]
fn an_achievement_gets_enterprises_through_their_needs() {
    let store = demo();
    let r = recommend(&store, &Query::Achievement("A023".into()), 10).unwrap();
    let Target::Achievement(a) = &r.target else {
        panic!("asked about an achievement")
    };
    assert_eq!(a.code, "A023");
    assert!(r.suggestions.len() <= 10 && !r.suggestions.is_empty());
    let poster = r
        .suggestions
        .iter()
        .find(|s| s.enterprise.name == "包头正信磁材股份有限公司")
        .expect("the enterprise that posted N005 is suggested");
    assert_eq!(poster.need.as_ref().map(|n| n.code.as_str()), Some("N005"));
    assert!(poster.reasons_text(Lang::Zh).contains("需求相符：N005"));
    assert!(poster.reasons_text(Lang::En).contains("matches need N005"));
    assert!(
        r.suggestions
            .iter()
            .all(|s| s.enterprise.id != a.holder.id && s.achievement.id == a.id)
    );
}

#[test]
fn unknown_and_withdrawn_references_are_named_in_both_languages() {
    let mut store = demo();
    let err = recommend(&store, &Query::Need("N999".into()), 5).unwrap_err();
    assert!(err.is_bad_input());
    assert_eq!(err.message(Lang::Zh), "找不到需求：N999");
    assert_eq!(err.message(Lang::En), "need not found: N999");
    let a = store.achievement_by_reference("A023").unwrap();
    store.withdraw_achievement(&a.id, "持有单位撤展").unwrap();
    let err = recommend(&store, &Query::Achievement("A023".into()), 5).unwrap_err();
    assert_eq!(err.message(Lang::Zh), "成果 A023 已撤展，不再推荐");
    let r = recommend(&store, &Query::Need("N005".into()), 10).unwrap();
    assert!(
        !codes(&r).contains(&"A023"),
        "withdrawn results are not suggested"
    );
}

#[test]
fn one_recommender_answers_many_questions() {
    let store = demo();
    let recommender = Recommender::load(&store).unwrap();
    for need in store.needs().unwrap() {
        let r = recommender.for_need(&need.id, 3).unwrap();
        assert!(r.suggestions.len() <= 3);
    }
    assert!(recommender.for_need("no-such-id", 3).is_err());
}
