//! The generator: deterministic, valid, and sized as asked.
use super::*;
use crate::store::test_support::store;

fn spec(seed: u64) -> GenSpec {
    GenSpec {
        organizations: 60,
        achievements: 300,
        interests: 500,
        agreements: 20,
        seed,
    }
}

fn no_progress() -> impl FnMut(GenStage, usize, usize) {
    |_, _, _| {}
}

#[test]
fn a_generated_fair_has_what_was_asked_and_tallies_agree() {
    let mut s = store();
    let counts = fill(&mut s, &spec(1), &mut no_progress()).unwrap();
    assert_eq!(counts.organizations, 60);
    assert_eq!(counts.achievements, 300);
    assert_eq!(counts.interests, 500);
    assert_eq!(counts.agreements, 20);
    let t = s.tallies().unwrap();
    assert_eq!(t.achievements, 300);
    assert_eq!(t.interests.total, 500);
    assert_eq!(t.agreements, 20);
    assert!(t.contract_amount.fen() > 0);
    assert!(t.by_field.len() > 5, "achievements span many fields");
}

#[test]
fn the_same_seed_gives_the_same_fair() {
    let digest = |seed| {
        let mut s = store();
        fill(&mut s, &spec(seed), &mut no_progress()).unwrap();
        let achievements: Vec<(String, String, String)> = s
            .achievements(true)
            .unwrap()
            .into_iter()
            .map(|a| (a.id, a.code, a.data.title))
            .collect();
        let orgs: Vec<(String, Option<String>)> = s
            .organizations(true)
            .unwrap()
            .into_iter()
            .map(|o| (o.data.name, o.data.credit_code))
            .collect();
        (achievements, orgs, s.tallies().unwrap().contract_amount)
    };
    let a = digest(42);
    assert_eq!(a, digest(42));
    assert_ne!(a.0, digest(43).0);
}

#[test]
fn titles_read_like_technology_and_mix_in_english() {
    let mut s = store();
    fill(&mut s, &spec(3), &mut no_progress()).unwrap();
    let titles: Vec<String> = s
        .achievements(true)
        .unwrap()
        .into_iter()
        .map(|a| a.data.title)
        .collect();
    assert!(titles.iter().all(|t| t.chars().count() >= 6));
    assert!(
        titles
            .iter()
            .any(|t| t.chars().any(|c| c.is_ascii_uppercase()))
    );
    assert!(
        titles
            .iter()
            .all(|t| t.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)))
    );
}

#[test]
fn build_file_refuses_an_existing_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.db");
    std::fs::write(&path, b"keep me").unwrap();
    let err = build_file(&path, "d", &spec(1), &mut no_progress()).unwrap_err();
    assert!(matches!(err, GenError::Exists(_)));
    assert_eq!(std::fs::read(&path).unwrap(), b"keep me");
}

#[test]
fn build_file_writes_a_complete_fair_and_leaves_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.db");
    build_file(&path, "d", &spec(9), &mut no_progress()).unwrap();
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    assert_eq!(names, vec!["big.db".to_string()]);
    let s = Store::open(&path, "d").unwrap();
    assert_eq!(s.tallies().unwrap().achievements, 300);
}

#[test]
fn too_few_organizations_are_refused() {
    let mut s = store();
    let spec = GenSpec {
        organizations: 1,
        achievements: 5,
        interests: 0,
        agreements: 0,
        seed: 1,
    };
    assert!(matches!(
        fill(&mut s, &spec, &mut no_progress()),
        Err(GenError::TooSmall)
    ));
}

/// The schema of a file: every table, index and trigger with its definition.
fn schema(s: &Store) -> Vec<(String, String, Option<String>)> {
    s.conn()
        .prepare("SELECT type, name, sql FROM sqlite_schema ORDER BY type, name")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

#[test]
fn a_bulk_generated_file_has_the_usual_schema_exact_counters_and_wal() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.db");
    build_file(&path, "d", &spec(5), &mut no_progress()).unwrap();
    let s = Store::open(&path, "d").unwrap();
    // The trigger and indexes set aside while the rows went in are all back, as defined.
    assert_eq!(schema(&s), schema(&store()));
    let journal: String = s
        .conn()
        .pragma_query_value(None, "journal_mode", |r| r.get(0))
        .unwrap();
    assert_eq!(journal, "wal");
    // Every check holds, the tallies against their independent recount included.
    let report = s.check().unwrap();
    assert!(report.all_hold(), "{report:?}");
    let counted: i64 = s
        .conn()
        .query_row("SELECT sum(n) FROM interest_count", [], |r| r.get(0))
        .unwrap();
    assert_eq!(counted, 500);
}

#[test]
fn the_counting_trigger_works_again_after_a_bulk_fill() {
    let mut s = store();
    fill(&mut s, &spec(6), &mut no_progress()).unwrap();
    let before = s.tallies().unwrap().interests.total;
    // A pair the generator did not draw: the first enterprise with an achievement it
    // has no interest in yet and does not hold.
    let (enterprise, achievement): (String, String) = s
        .conn()
        .query_row(
            "SELECT o.id, a.id FROM organization o, achievement a
             WHERE o.kind = 'enterprise' AND a.holder_id <> o.id AND NOT EXISTS
                 (SELECT 1 FROM interest i WHERE i.enterprise_id = o.id AND i.achievement_id = a.id)
             ORDER BY o.id, a.id LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    s.log_interest(&crate::domain::interest::InterestInput {
        enterprise,
        achievement,
        level: "有意向".into(),
        ..Default::default()
    })
    .unwrap();
    assert_eq!(s.tallies().unwrap().interests.total, before + 1);
    assert!(s.check().unwrap().all_hold());
}
