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
