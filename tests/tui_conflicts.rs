//! The merge-conflict review overlay: how it looks (an insta snapshot), and an organizer
//! reversing a conflict through the real binary in a pseudo-terminal.
mod support;

use fairdesk::app::views::Snapshot;
use fairdesk::domain::lang::Lang;
use fairdesk::store::Store;
use fairdesk::tui::action::Action;
use fairdesk::tui::conflicts::ConflictAction;
use fairdesk::tui::state::State;
use fairdesk::tui::tabs::Tab;
use fairdesk::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::path::{Path, PathBuf};
use std::time::Duration;
use support::merging::*;
use support::pty::PtySession;

/// Two desks edit the same achievement and organization apart; the base merges both.
fn merged_with_conflicts(dir: &Path) -> PathBuf {
    let base = dir.join("base.db");
    make_base(&base);
    let desks: Vec<PathBuf> = (0..2)
        .map(|n| {
            let path = dir.join(format!("desk-{n}.db"));
            copy(&base, &path);
            run_desk(
                &path,
                n,
                n as i64,
                &[
                    Op::EditAchievement {
                        which: 0,
                        price: 10 + n as u32,
                    },
                    Op::EditEnterprise {
                        which: 1,
                        region: n + 1,
                    },
                ],
            );
            path
        })
        .collect();
    let merged = dir.join("merged.db");
    merge_all(&base, &merged, &[&desks[0], &desks[1]]);
    merged
}

#[test]
fn the_review_overlay_lists_conflicts_and_the_selected_ones_fields() {
    let dir = tempfile::tempdir().unwrap();
    let merged = merged_with_conflicts(dir.path());
    let store = Store::open(&merged, "desk-hq").unwrap();
    let snapshot = Snapshot::load(&store).unwrap();
    for lang in [Lang::Zh, Lang::En] {
        let mut state = State::new(snapshot.clone(), lang, "desk-hq", "merged.db");
        state.apply(Action::GoTab(Tab::Dashboard));
        state.apply(Action::Conflicts(ConflictAction::Open));
        state.apply(Action::Conflicts(ConflictAction::Down));
        let mut terminal = Terminal::new(TestBackend::new(110, 24)).unwrap();
        terminal.draw(|f| view::render(&state, f)).unwrap();
        insta::assert_snapshot!(format!("conflicts_{lang:?}_110x24"), terminal.backend());
    }
}

#[test]
fn an_organizer_reverses_a_conflict_in_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let merged = merged_with_conflicts(dir.path());
    let mut session = PtySession::spawn(
        &[
            "--db",
            merged.to_str().unwrap(),
            "--desk",
            "desk-hq",
            "--backup-every",
            "0",
        ],
        dir.path(),
        120,
        30,
    );
    session.wait_for("成果", Duration::from_secs(30));
    session.send("6");
    session.wait_for("2 处合并冲突待审核", Duration::from_secs(30));
    session.send("c");
    session.wait_for("合并冲突审核 (2/2)", Duration::from_secs(30));
    // The first row is the organization (kinds in order), the second the achievement.
    session.send("j");
    session.send("x");
    session.wait_for("改用保留的版本？按 y 确认", Duration::from_secs(30));
    session.send("y");
    session.wait_for("合并冲突审核 (1/2)", Duration::from_secs(30));
    session.send("q");
    session.wait_for("1 处合并冲突待审核", Duration::from_secs(30));
    session.send("q");
    assert_eq!(session.wait_exit(Duration::from_secs(30)), Some(0));
    let store = Store::open(&merged, "reader").unwrap();
    let statuses: Vec<(String, String)> = store
        .conflicts()
        .unwrap()
        .into_iter()
        .map(|c| (c.entity.table().to_string(), c.status))
        .collect();
    assert!(
        statuses.contains(&("achievement".into(), "reversed".into())),
        "{statuses:?}"
    );
    assert!(
        statuses.contains(&("organization".into(), "open".into())),
        "{statuses:?}"
    );
    let a = store.achievements(true).unwrap()[0].clone();
    assert_eq!(
        a.data.asking_price.map(|m| m.fen()),
        Some(10_000_000),
        "desk 0's price is back"
    );
    assert!(store.check().unwrap().all_hold());
}
