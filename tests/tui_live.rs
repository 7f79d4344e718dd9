//! Several desks on one file, seen from the TUI: a record saved by another desk (another
//! process) appears on an open screen by itself, and an automatic backup is taken while
//! the TUI runs and on exit.
mod support;

use std::time::{Duration, Instant};
use support::pty::PtySession;

#[test]
fn another_desks_record_appears_on_an_open_screen_by_itself() {
    let dir = tempfile::tempdir().unwrap();
    let db = support::seeded_fair(dir.path(), 2, 2);
    let mut session = PtySession::spawn(
        &[
            "--db",
            db.to_str().unwrap(),
            "--desk",
            "desk-screen",
            "--backup-every",
            "1",
        ],
        dir.path(),
        120,
        30,
    );
    session.send("2");
    session.wait_for("包头稀土企业1有限公司", Duration::from_secs(30));
    let saved = Instant::now();
    let (code, _, err) = support::run_with_input(
        &db,
        &["--desk", "desk-other", "add", "organization"],
        "{\"name\":\"另一登记台刚登记的企业\",\"kind\":\"enterprise\"}",
    );
    assert_eq!(code, 0, "{err}");
    // Generous for a loaded machine; the poll is every 0.4 s.
    session.wait_for("另一登记台刚登记的企业", Duration::from_secs(10));
    eprintln!(
        "another desk's record on screen {:.2} s after its add command started",
        saved.elapsed().as_secs_f64()
    );
    session.send("q");
    assert_eq!(session.wait_exit(Duration::from_secs(30)), Some(0));
    let backups = fairdesk::store::backup::list_backups(&db);
    assert_eq!(backups.len(), 1, "the backup on exit");
    assert_eq!(support::integrity(&backups[0]), "ok");
    assert_eq!(
        support::count(
            &backups[0],
            "SELECT count(*) FROM organization WHERE name = '另一登记台刚登记的企业'"
        ),
        1
    );
}
