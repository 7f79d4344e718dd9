//! Whole-screen snapshots of every tab, rendered into ratatui's TestBackend from the demo
//! fair (Chinese data), at 80x24 and 120x40, plus the help overlay and English.
use chrono::TimeZone;
use fairdesk::app::demo;
use fairdesk::app::views::Snapshot;
use fairdesk::domain::clock::FixedClock;
use fairdesk::domain::lang::Lang;
use fairdesk::store::Store;
use fairdesk::tui::action::Action;
use fairdesk::tui::fill::fill;
use fairdesk::tui::state::State;
use fairdesk::tui::tabs::Tab;
use fairdesk::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::sync::Arc;

fn demo_store() -> Store {
    let clock = FixedClock::at(chrono::Utc.with_ymd_and_hms(2019, 12, 9, 8, 0, 0).unwrap());
    let mut store = Store::open_in_memory("desk-1", Arc::new(clock)).unwrap();
    demo::load(&mut store, &mut |_, _, _| {}).unwrap();
    store
}

fn demo_snapshot() -> Snapshot {
    Snapshot::load(&DEMO.with(|s| s.clone())).unwrap()
}

thread_local! {
    static DEMO: std::rc::Rc<Store> = std::rc::Rc::new(demo_store());
}

/// As the event loop draws: the page size, the rows the screen asks for, the frame.
fn draw(state: &mut State, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    state.set_page_rows(view::page_rows(
        state,
        ratatui::layout::Rect::new(0, 0, width, height),
    ));
    DEMO.with(|store| fill(store, state)).unwrap();
    terminal.draw(|frame| view::render(state, frame)).unwrap();
    terminal
}

#[test]
fn every_tab_at_two_sizes_in_chinese() {
    let snapshot = demo_snapshot();
    for (width, height) in [(80, 24), (120, 40)] {
        for tab in Tab::ALL {
            let mut state = State::new(snapshot.clone(), Lang::Zh, "desk-1", "demo-fair.db");
            state.apply(Action::GoTab(tab));
            let terminal = draw(&mut state, width, height);
            insta::assert_snapshot!(format!("zh_{tab:?}_{width}x{height}"), terminal.backend());
        }
    }
}

#[test]
fn english_dashboard_and_achievements() {
    let snapshot = demo_snapshot();
    for tab in [Tab::Achievements, Tab::Dashboard] {
        let mut state = State::new(snapshot.clone(), Lang::En, "desk-1", "demo-fair.db");
        state.apply(Action::GoTab(tab));
        let terminal = draw(&mut state, 120, 40);
        insta::assert_snapshot!(format!("en_{tab:?}_120x40"), terminal.backend());
    }
}

#[test]
fn help_overlay_lists_the_keys_of_the_screen() {
    let snapshot = demo_snapshot();
    let mut state = State::new(snapshot, Lang::Zh, "desk-1", "demo-fair.db");
    state.apply(Action::ToggleHelp);
    let terminal = draw(&mut state, 80, 24);
    insta::assert_snapshot!("zh_help_80x24", terminal.backend());
}

#[test]
fn scrolling_moves_the_page_and_keeps_the_selection_visible() {
    let snapshot = demo_snapshot();
    let mut state = State::new(snapshot, Lang::Zh, "desk-1", "demo-fair.db");
    draw(&mut state, 80, 24);
    for _ in 0..30 {
        state.apply(Action::Down);
    }
    let terminal = draw(&mut state, 80, 24);
    let text = format!("{}", terminal.backend());
    assert!(text.contains("A031"), "the selected row is on screen");
    assert!(!text.contains("A001 "), "the first rows scrolled away");
    // The selected row is drawn reversed.
    let buffer = terminal.backend().buffer();
    let selected_line = (0..24)
        .find(|&y| {
            (0..5)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
                .starts_with("A031")
        })
        .unwrap();
    assert!(
        buffer[(0, selected_line)]
            .modifier
            .contains(ratatui::style::Modifier::REVERSED)
    );
}

#[test]
fn hostile_text_renders_inert() {
    let mut snapshot = demo_snapshot();
    snapshot.achievements[0].set_title("\x1b]0;pwned\x07标题\x1b[2J\u{202E}反转");
    let mut state = State::new(snapshot, Lang::Zh, "desk-1", "demo-fair.db");
    let terminal = draw(&mut state, 120, 40);
    let buffer = terminal.backend().buffer();
    for cell in buffer.content() {
        assert!(
            !cell
                .symbol()
                .chars()
                .any(|c| c.is_control() || ('\u{202A}'..='\u{202E}').contains(&c)),
            "control character reached the screen: {:?}",
            cell.symbol()
        );
    }
}
