//! The interests list at scale: only the rows on screen are loaded, scrolling and search
//! still reach every interest, and details load their record's interests when opened.
mod support;

use crossterm::event::KeyCode;
use fairdesk::domain::achievement::AchievementInput;
use fairdesk::domain::lang::Lang;
use fairdesk::tui::tabs::Tab;
use support::desk::Desk;

#[test]
fn the_interests_list_loads_only_the_rows_it_shows_and_still_reaches_the_last() {
    let mut d = Desk::at(Lang::Zh, 10, 2);
    let all = d.store.interests().unwrap();
    assert!(all.len() > 900, "the demo fair has many interests");
    assert!(
        d.state.snapshot.interests.order.is_none(),
        "nothing of the interests is loaded before the list is shown"
    );
    d.key(KeyCode::Char('3'));
    let screen = d.text(120, 30);
    assert_eq!(d.state.row_count(Tab::Interests), all.len());
    let loaded = d.state.snapshot.interests.rows.len();
    assert!(
        (1..=40).contains(&loaded),
        "only the rows on screen are loaded, not {loaded}"
    );
    let newest = d
        .store
        .organization(&all[0].enterprise_id)
        .unwrap()
        .data
        .name;
    assert!(screen.contains(&newest), "the newest interest is on top");

    d.key(KeyCode::End);
    let screen = d.text(120, 30);
    let oldest = all.last().unwrap();
    let oldest_achievement = d.store.achievement(&oldest.achievement_id).unwrap().code;
    assert!(
        screen.contains(&oldest_achievement),
        "End shows the oldest interest's achievement {oldest_achievement}"
    );
    let selected = d.state.list(Tab::Interests).selected().unwrap();
    assert_eq!(
        d.state.snapshot.interests.at(selected).map(|i| &i.id),
        Some(&oldest.id)
    );
    assert!(d.state.snapshot.interests.rows.len() <= 80);

    // Enter on an interest opens its achievement, with that achievement's interests.
    d.key(KeyCode::Enter);
    let expected = d
        .store
        .interests_in_achievement(&oldest.achievement_id)
        .unwrap();
    match d.state.overlays.last() {
        Some(fairdesk::tui::overlay::Overlay::Details(details)) => {
            assert_eq!(details.id, oldest.achievement_id);
            assert_eq!(
                details.interests.as_ref().map(Vec::len),
                Some(expected.len())
            );
        }
        _ => panic!("details are open"),
    }
}

#[test]
fn searching_the_interests_finds_an_enterprise_among_all_of_them() {
    let mut d = Desk::at(Lang::Zh, 10, 2);
    let all = d.store.interests().unwrap();
    // The enterprise of the oldest interest: far beyond the first screen.
    let enterprise = d
        .store
        .organization(&all.last().unwrap().enterprise_id)
        .unwrap();
    let theirs = all
        .iter()
        .filter(|i| i.enterprise_id == enterprise.id)
        .count();
    d.key(KeyCode::Char('3'));
    d.key(KeyCode::Char('/'));
    d.keys(&enterprise.data.name);
    let screen = d.text(160, 40);
    let list = d.state.list(Tab::Interests);
    assert!(
        list.rows.len() >= theirs,
        "every interest of theirs is a hit"
    );
    let first = list.selected().unwrap();
    assert_eq!(
        d.state
            .snapshot
            .interests
            .at(first)
            .map(|i| &i.enterprise_id),
        Some(&enterprise.id),
        "their interests rank first"
    );
    assert!(screen.contains(&enterprise.data.name));
}

#[test]
fn a_new_interest_appears_on_top_of_the_loaded_list() {
    let mut d = Desk::at(Lang::Zh, 10, 2);
    d.key(KeyCode::Char('3'));
    let before = d.state.row_count(Tab::Interests);
    d.key(KeyCode::Char('n'));
    d.keys("xhkj");
    d.key(KeyCode::Enter);
    d.keys("A346");
    d.key(KeyCode::Enter);
    d.ctrl('s');
    let screen = d.text(140, 30);
    let after = d.state.row_count(Tab::Interests);
    let newest = d.store.interests().unwrap().remove(0);
    assert_eq!(after, before + 1, "{screen}\n{:?}", d.state.status);
    let top = d.state.list(Tab::Interests).rows.get(0).unwrap();
    assert_eq!(
        d.state.snapshot.interests.at(top).map(|i| &i.id),
        Some(&newest.id)
    );
    assert!(screen.contains("A346"), "{screen}");
}

#[test]
fn details_and_the_edit_form_read_the_whole_achievement() {
    let mut d = Desk::at(Lang::Zh, 10, 2);
    let first = d.store.achievements(false).unwrap().remove(0);
    let summary = first
        .data
        .summary
        .clone()
        .expect("the demo's achievements have summaries");
    let opening: String = summary.chars().take(8).collect();
    // The screens hold achievements in brief; the summary is not among them.
    d.key(KeyCode::Enter);
    let screen = d.text(160, 50);
    assert!(
        screen.contains(&opening),
        "details show the summary: {screen}"
    );
    d.key(KeyCode::Esc);
    d.key(KeyCode::Char('e'));
    match d.state.overlays.last() {
        Some(fairdesk::tui::overlay::Overlay::Form(form)) => {
            assert!(
                form.values.iter().any(|v| v.value() == summary),
                "the form is filled with the stored summary"
            );
        }
        _ => panic!("the edit form opened"),
    }
}

#[test]
fn details_of_a_record_that_is_gone_close_instead_of_asking_every_frame() {
    use fairdesk::app::desk::RecordKind;
    use fairdesk::tui::fill::fill;
    use fairdesk::tui::overlay::{Details, Overlay};
    let mut d = Desk::at(Lang::Zh, 10, 2);
    d.state.overlays.push(Overlay::Details(Details {
        kind: RecordKind::Achievement,
        id: "no-such-achievement".into(),
        scroll: 0,
        history: None,
        interests: None,
        achievement: None,
    }));
    assert!(
        fill(&d.store, &mut d.state).is_err(),
        "the failed read is reported"
    );
    assert!(d.state.overlays.is_empty(), "the details closed");
    assert!(
        fill(&d.store, &mut d.state).is_ok(),
        "and nothing is asked again"
    );
}

#[test]
fn a_search_stays_right_when_another_desk_changes_the_fair() {
    use fairdesk::tui::fill::reload;
    let mut d = Desk::at(Lang::Zh, 10, 2);
    d.key(KeyCode::Char('/'));
    d.keys("驼乳");
    let hits_before = d.state.list(Tab::Achievements).rows.clone();
    // Another desk logs an interest: no searched text changes, the hits stay.
    log_interest_in(&mut d, "A002");
    reload(&d.store, &mut d.state).unwrap();
    assert_eq!(d.state.list(Tab::Achievements).rows, hits_before);
    // Another desk renames an achievement so that it now matches: it is found.
    let a = d.store.achievements(false).unwrap().remove(0);
    edit_achievement(&mut d, &a.id, |input| {
        input.title = "驼乳冻干粉加工技术".into()
    });
    reload(&d.store, &mut d.state).unwrap();
    let list = d.state.list(Tab::Achievements);
    assert_eq!(
        list.rows.len(),
        hits_before.len() + 1,
        "the renamed one is a hit"
    );
    assert!(
        list.rows
            .iter()
            .any(|r| d.state.snapshot.achievements[r].id() == a.id)
    );
}

#[test]
fn a_reload_counts_new_interests_and_sees_any_change_to_an_achievement() {
    use fairdesk::tui::fill::reload;
    let mut d = Desk::at(Lang::Zh, 10, 2);
    let brief = |d: &Desk| {
        d.state
            .snapshot
            .achievements
            .iter()
            .find(|a| a.code() == "A002")
            .unwrap()
            .clone()
    };
    let before = brief(&d);
    log_interest_in(&mut d, "A002");
    reload(&d.store, &mut d.state).unwrap();
    assert_eq!(brief(&d).interests, before.interests + 1);
    // A change to a column no search reads (the booth) is still seen.
    edit_achievement(&mut d, before.id(), |input| input.booth = "Z-99".into());
    reload(&d.store, &mut d.state).unwrap();
    assert_eq!(brief(&d).booth(), Some("Z-99"));
    assert_eq!(brief(&d).interests, before.interests + 1);
    assert_eq!(
        d.state.snapshot.achievement(before.id()).map(|a| a.code()),
        Some("A002"),
        "found by id after a reload"
    );
}

/// A new interest in the achievement with this code, by an enterprise that has none in
/// it yet, written straight to the file (as another desk would).
fn log_interest_in(d: &mut Desk, code: &str) {
    let achievement = d
        .store
        .achievements(false)
        .unwrap()
        .into_iter()
        .find(|a| a.code == code)
        .unwrap();
    let enterprise = d
        .store
        .organizations(false)
        .unwrap()
        .into_iter()
        .find(|o| {
            o.data.kind == "enterprise"
                && o.id != achievement.data.holder_id
                && !d
                    .store
                    .interests()
                    .unwrap()
                    .iter()
                    .any(|i| i.enterprise_id == o.id && i.achievement_id == achievement.id)
        })
        .unwrap();
    d.store
        .log_interest(&fairdesk::domain::interest::InterestInput {
            enterprise: enterprise.code,
            achievement: code.into(),
            level: "深度洽谈".into(),
            ..Default::default()
        })
        .unwrap();
}

/// Changes an achievement straight in the file (as another desk would).
fn edit_achievement(d: &mut Desk, id: &str, change: impl FnOnce(&mut AchievementInput)) {
    let a = d.store.achievement(id).unwrap();
    let holder = d.store.organization(&a.data.holder_id).unwrap().data.name;
    let mut input = a.data.to_input(&holder);
    change(&mut input);
    d.store.update_achievement(&a.id, &input).unwrap();
}
