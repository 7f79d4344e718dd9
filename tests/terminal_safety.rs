//! Text from the file can never drive the terminal: a fair name, a title, a name and a
//! set-aside merge version holding an OSC title sequence, a clear-screen sequence and a
//! right-to-left override are drawn as visible placeholders — in a TestBackend, and by
//! the real binary in a pseudo-terminal. Plus the banners for a read-only or damaged file.
mod support;

use fairdesk::app::views::Snapshot;
use fairdesk::domain::lang::Lang;
use fairdesk::store::Store;
use fairdesk::tui::action::Action;
use fairdesk::tui::conflicts::ConflictAction;
use fairdesk::tui::fill::fill;
use fairdesk::tui::state::State;
use fairdesk::tui::tabs::Tab;
use fairdesk::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::path::Path;
use std::time::Duration;
use support::pty::PtySession;

const HOSTILE: &str = "\x1b]0;pwned\x07稀土\x1b[2J\u{202E}gnp.exe";

/// A fair whose texts were written behind fairdesk's back (a tool, a corrupt import), so
/// they hold what input cleaning would have removed.
fn hostile_fair(dir: &Path) -> std::path::PathBuf {
    let db = support::seeded_fair(dir, 2, 2);
    let conn = support::sqlite(&db);
    conn.execute("UPDATE fair SET name = ?1", [HOSTILE])
        .unwrap();
    conn.execute(
        "UPDATE achievement SET title = ?1 WHERE code = 'A001'",
        [HOSTILE],
    )
    .unwrap();
    conn.execute(
        "UPDATE organization SET name = ?1 WHERE code = 'O002'",
        [HOSTILE],
    )
    .unwrap();
    let achievement: String = conn
        .query_row("SELECT id FROM achievement WHERE code = 'A001'", [], |r| {
            r.get(0)
        })
        .unwrap();
    let version =
        serde_json::json!({"id": achievement, "title": HOSTILE, "booth": HOSTILE, "desk": HOSTILE});
    conn.execute(
        "INSERT INTO merge_conflict (id, entity, entity_id, version, version_desk, version_at,
                                     status, detected_at, detected_desk)
         VALUES ('c1', 'achievement', ?1, ?2, ?3, '2019-12-10T01:00:00.000Z', 'open',
                 '2019-12-10T02:00:00.000Z', 'hq')",
        rusqlite::params![achievement, version.to_string(), HOSTILE],
    )
    .unwrap();
    db
}

/// The screen's text as a person reads it: the cell after a wide character is skipped.
fn screen_text(terminal: &Terminal<TestBackend>) -> String {
    let mut text = String::new();
    let mut skip = false;
    for cell in &terminal.backend().buffer().content {
        if skip {
            skip = false;
            continue;
        }
        text.push_str(cell.symbol());
        skip = fairdesk::domain::text::display_width(cell.symbol()) > 1;
    }
    text
}

/// The placeholders the hostile text must be shown as.
const SHOWN: &str = "␛]0;pwned␇稀土␛[2J␦gnp.exe";

fn assert_inert(text: &str, what: &str) {
    let active: Vec<char> = text
        .chars()
        .filter(|c| {
            c.is_control()
                || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200B}')
        })
        .collect();
    assert!(active.is_empty(), "{what}: {active:?} reached the screen");
}

#[test]
fn hostile_text_renders_inertly_on_every_screen() {
    let dir = tempfile::tempdir().unwrap();
    let db = hostile_fair(dir.path());
    let store = Store::open(&db, "desk-1").unwrap();
    let snapshot = Snapshot::load(&store).unwrap();
    let mut seen_placeholder = false;
    for lang in [Lang::Zh, Lang::En] {
        for tab in Tab::ALL {
            for overlay in [
                None,
                Some(Action::ToggleHelp),
                Some(Action::Conflicts(ConflictAction::Open)),
            ] {
                let mut state = State::new(snapshot.clone(), lang, HOSTILE, HOSTILE);
                state.apply(Action::GoTab(tab));
                if let Some(a) = overlay {
                    state.apply(a);
                }
                fill(&store, &mut state).unwrap();
                let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
                terminal.draw(|f| view::render(&state, f)).unwrap();
                let text = screen_text(&terminal);
                assert_inert(&text, &format!("{lang:?} {tab:?} {overlay:?}"));
                seen_placeholder |= text.contains(SHOWN);
            }
        }
    }
    assert!(
        seen_placeholder,
        "the hostile text is shown, as placeholders"
    );
    let title = fairdesk::tui::safety::window_title(HOSTILE);
    assert_inert(&title, "window title");
}

#[test]
fn the_real_binary_in_a_terminal_shows_hostile_text_without_obeying_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = hostile_fair(dir.path());
    let mut session = PtySession::spawn(
        &["--db", db.to_str().unwrap(), "--backup-every", "0"],
        dir.path(),
        120,
        30,
    );
    let seen = session.wait_for("稀土永磁材料技术1", Duration::from_secs(30));
    assert!(
        seen.text.contains(SHOWN),
        "the title is shown inertly:\n{}",
        seen.text
    );
    session.send("6");
    session.send("c");
    let seen = session.wait_for("合并冲突审核", Duration::from_secs(30));
    assert!(seen.text.contains(SHOWN), "{}", seen.text);
    session.send("\x1b");
    std::thread::sleep(Duration::from_millis(300));
    session.send("q");
    assert_eq!(session.wait_exit(Duration::from_secs(30)), Some(0));
    // The only operating-system command sent is fairdesk's own window title, with the
    // name made inert.
    let commands = session.osc_commands();
    assert_eq!(commands, vec![format!("0;fairdesk — {SHOWN}")]);
    assert_inert(&commands[0], "window title");
    let raw = session.raw();
    let find = |needle: &[u8]| raw.windows(needle.len()).any(|w| w == needle);
    assert!(
        !find(b"\x1b]0;pwned"),
        "the OSC sequence never reached the terminal"
    );
    assert!(!find(b"pwned\x07"));
    assert!(
        !find(b"\x1b[2J\xe2\x80\xae"),
        "the clear-screen of the data was never sent"
    );
    assert!(
        !find("\u{202E}".as_bytes()),
        "no right-to-left override was sent"
    );
}

#[test]
fn a_read_only_or_damaged_file_is_announced_on_the_status_bar() {
    let snapshot = Snapshot::default();
    for (read_only, problems, expected) in [
        (true, 0, "只读：文件不可写，修改不会保存"),
        (false, 2, "文件检查未通过：请运行 fairdesk check"),
    ] {
        let mut state = State::new(snapshot.clone(), Lang::Zh, "d", "f.db");
        state.safety.read_only = read_only;
        state.safety.integrity_problems = problems;
        let mut terminal = Terminal::new(TestBackend::new(100, 10)).unwrap();
        terminal.draw(|f| view::render(&state, f)).unwrap();
        let text = screen_text(&terminal);
        let last_line = text.lines().last().unwrap_or("").to_string();
        assert!(last_line.contains(expected), "{last_line}");
        assert_eq!(
            terminal.backend().buffer()[(1, 9)].style().bg,
            Some(ratatui::style::Color::Red),
            "the warning stands out"
        );
    }
}

#[test]
fn a_read_only_file_opens_read_only_with_a_banner_and_refuses_writes() {
    let dir = tempfile::tempdir().unwrap();
    let db = support::seeded_fair(dir.path(), 1, 1);
    let mut perms = std::fs::metadata(&db).unwrap().permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&db, perms).unwrap();
    let before = std::fs::read(&db).unwrap();

    let (code, _, err) = support::run_with_input(
        &db,
        &["add", "organization"],
        "{\"name\":\"只读时新增\",\"kind\":\"enterprise\"}",
    );
    assert_eq!(code, 2);
    assert!(err.contains("只读文件，无法保存修改"), "{err}");
    let (code, out, err) = support::run_with_input(&db, &["summary"], "");
    assert_eq!(code, 0, "reading works: {err}");
    assert!(out.contains("测试对接会"));

    let mut session = PtySession::spawn(
        &["--db", db.to_str().unwrap(), "--backup-every", "0"],
        dir.path(),
        120,
        30,
    );
    session.wait_for("只读：文件不可写", Duration::from_secs(30));
    session.send("q");
    assert_eq!(session.wait_exit(Duration::from_secs(30)), Some(0));
    assert_eq!(
        std::fs::read(&db).unwrap(),
        before,
        "the file was not written"
    );
}
