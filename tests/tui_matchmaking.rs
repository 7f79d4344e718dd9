//! The matchmaking floor driven key by key through the TUI state with the store
//! underneath: logging and raising interest, booking with the next free slot, refused
//! clashes, meeting status, a held meeting becoming interest, the grid, schedules.
mod support;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use fairdesk::domain::lang::Lang;
use fairdesk::tui::overlay::Overlay;
use fairdesk::tui::tabs::Tab;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use support::desk::Desk;

/// Keystrokes of the interest flow from the interest tab: n, 4 letters of the
/// enterprise, Enter, the achievement's code, Enter, Ctrl-S.
#[test]
fn an_interest_in_about_ten_keys_then_raised_not_doubled() {
    let mut d = Desk::at(Lang::Zh, 9, 2);
    let before = d.store.interests().unwrap().len();
    d.keys("3n");
    d.keys("xhkj");
    d.key(KeyCode::Enter);
    d.keys("A012");
    d.key(KeyCode::Enter);
    d.ctrl('s');
    assert!(
        d.status().starts_with("已登记意向（有意向）"),
        "{}",
        d.status()
    );
    assert_eq!(d.store.interests().unwrap().len(), before + 1);
    // The same pair again at a higher level: raised, not doubled, and audited.
    d.keys("n");
    d.keys("xhkj");
    d.key(KeyCode::Enter);
    d.keys("A012");
    d.key(KeyCode::Enter);
    d.keys("sdqt"); // 深度洽谈 by its initials
    d.key(KeyCode::Enter);
    d.ctrl('s');
    assert!(
        d.status().starts_with("意向已提升为深度洽谈"),
        "{}",
        d.status()
    );
    assert_eq!(d.store.interests().unwrap().len(), before + 1);
    // It is listed under the achievement's details.
    d.key(KeyCode::Char('1'));
    d.key(KeyCode::Char('/'));
    d.keys("A012");
    d.key(KeyCode::Enter);
    d.key(KeyCode::Enter);
    let text = format!("{}", d.screen(120, 40).backend());
    assert!(text.contains("内蒙古显鸿科技股份有限公司"), "{text}");
    assert!(text.contains("深度洽谈"));
}

#[test]
fn from_an_achievement_a_booking_gets_the_next_free_slot_and_clashes_are_refused() {
    let mut d = Desk::at(Lang::Zh, 9, 2);
    // From A001's details: m, the enterprise by initials, Enter: table and slot offered.
    d.key(KeyCode::Enter);
    d.key(KeyCode::Char('m'));
    d.keys("xhkj");
    d.key(KeyCode::Enter);
    let Some(Overlay::Form(form)) = d.state.overlays.last() else {
        panic!("the booking form is open")
    };
    assert_eq!(form.value("table_no"), "1");
    assert_eq!(form.value("slot_start"), "2019-12-10 09:00");
    d.ctrl('s');
    assert!(d.status().starts_with("已预约：1 号桌"), "{}", d.status());
    // Another enterprise, same table and slot: refused with the reason, nothing written.
    let meetings = d.store.meetings().unwrap().len();
    d.key(KeyCode::Esc);
    d.keys("4n");
    d.keys("cfxh"); // 赤峰鑫辉…
    d.key(KeyCode::Enter);
    d.keys("A002");
    d.key(KeyCode::Enter);
    // Overwrite the offered table and slot with the taken ones.
    d.press(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
    d.keys("1");
    d.key(KeyCode::Tab);
    d.press(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
    d.keys("2019-12-10 09:00");
    d.ctrl('s');
    let text = format!("{}", d.screen(120, 40).backend());
    assert!(text.contains("该桌在此时段已有预约"), "{text}");
    assert_eq!(d.store.meetings().unwrap().len(), meetings);
}

#[test]
fn meeting_status_keys_and_a_held_meeting_becomes_interest() {
    let mut d = Desk::at(Lang::Zh, 9, 2);
    d.key(KeyCode::Char('4'));
    let first = d.state.list(Tab::Meetings).selected().unwrap();
    let id = d.state.snapshot.meetings[first].id.clone();
    d.key(KeyCode::Char('o'));
    assert_eq!(d.store.meeting(&id).unwrap().data.status, "no_show");
    d.key(KeyCode::Char('t'));
    assert_eq!(d.status(), "只有已洽谈的会谈可以生成意向");
    d.key(KeyCode::Char('h'));
    assert_eq!(d.store.meeting(&id).unwrap().data.status, "held");
    d.key(KeyCode::Char('t'));
    assert!(d.status().contains("深度洽谈"), "{}", d.status());
    // Cancelling asks first.
    d.key(KeyCode::Char('x'));
    assert!(matches!(d.state.overlays.last(), Some(Overlay::Confirm(_))));
    d.key(KeyCode::Char('y'));
    assert_eq!(d.store.meeting(&id).unwrap().data.status, "cancelled");
}

#[test]
fn the_grid_shows_tables_by_slot() {
    let mut d = Desk::at(Lang::Zh, 9, 2);
    d.keys("4v");
    insta::assert_snapshot!("zh_meeting_grid_120x30", d.screen(120, 30).backend());
}

#[test]
fn schedules_print_per_table_and_per_holder() {
    let dir = tempfile::tempdir().unwrap();
    let bin = env!("CARGO_BIN_EXE_fairdesk");
    let run = |args: &[&str]| {
        std::process::Command::new(bin)
            .args(args)
            .current_dir(dir.path())
            .env("LANG", "zh_CN.UTF-8")
            .output()
            .unwrap()
    };
    assert!(run(&["init", "--demo", "--db", "f.db"]).status.success());
    let out = run(&["schedule", "--db", "f.db", "--format", "md", "--table", "3"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("## 3 号桌"));
    assert!(text.contains("| 时间 | 企业 | 成果 | 持有单位 | 状态 |"));
    assert!(!text.contains("## 4 号桌"));
    let out = run(&["schedule", "--db", "f.db", "--holder", "内蒙古大学"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("内蒙古大学 的洽谈安排"));
    let out = run(&["schedule", "--db", "f.db", "--holder", "不存在的单位"]);
    assert_eq!(out.status.code(), Some(2));
    // The plan is editable, and a bad one names its field.
    let out = run(&["plan", "--db", "f.db"]);
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "洽谈桌 20 张，每场 20 分钟，时段 09:00-12:00、14:00-17:00\n"
    );
    let out = run(&[
        "plan",
        "--db",
        "f.db",
        "--tables",
        "12",
        "--sessions",
        "09:30-11:30",
    ]);
    assert!(out.status.success());
    assert!(String::from_utf8(out.stdout).unwrap().contains("12 张"));
    let out = run(&["plan", "--db", "f.db", "--sessions", "上午"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8(out.stderr).unwrap().contains("洽谈时段"));
}

#[test]
fn the_exhibitor_view_after_the_code_shows_only_its_own_results() {
    use fairdesk::app::exhibitor::ExhibitorSession;
    use fairdesk::tui::exhibitor::state::ExhibitorState;
    let mut d = Desk::at(Lang::Zh, 9, 2);
    let org = d.store.organizations(false).unwrap()[0].clone(); // 内蒙古大学
    let code = d.store.issue_access_code(&org.id).unwrap();
    let own: Vec<String> = d
        .store
        .achievements(false)
        .unwrap()
        .into_iter()
        .filter(|a| a.data.holder_id == org.id)
        .map(|a| a.code)
        .collect();
    let session = ExhibitorSession::start(d.store, "内蒙古大学").unwrap();
    let mut state = ExhibitorState::new(session, Lang::Zh);
    let draw = |state: &ExhibitorState| {
        let mut terminal = Terminal::new(TestBackend::new(110, 30)).unwrap();
        terminal
            .draw(|frame| fairdesk::tui::exhibitor::view::render(state, frame))
            .unwrap();
        format!("{}", terminal.backend())
    };
    for c in "WRONG".chars() {
        state.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    }
    state.handle_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    let screen = draw(&state);
    assert!(screen.contains("访问码不正确"));
    assert!(!screen.contains("WRONG"), "the code is never shown");
    for c in code.chars() {
        state.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    }
    state.handle_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    let data = state.data.clone().expect("granted");
    let mut shown: Vec<String> = data.achievements.iter().map(|a| a.code.clone()).collect();
    shown.sort();
    let mut expected = own.clone();
    expected.sort();
    assert_eq!(shown, expected);
    assert!(
        data.interests
            .iter()
            .all(|i| own.contains(&i.achievement_code))
    );
    state.handle_key(KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE));
    insta::assert_snapshot!("zh_exhibitor_interests_110x30", draw(&state));
}
