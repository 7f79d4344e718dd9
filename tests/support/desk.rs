//! A desk for TUI tests: the TUI state over an in-memory demo fair, driven key by key
//! the way the event loop drives it (apply the key, run the command on the store,
//! reload, report the outcome, load the rows the screen shows), and drawn into
//! ratatui's TestBackend.
use chrono::TimeZone;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use fairdesk::app::views::Snapshot;
use fairdesk::app::{demo, desk};
use fairdesk::domain::clock::FixedClock;
use fairdesk::domain::lang::Lang;
use fairdesk::store::Store;
use fairdesk::tui::fill::{fill, reload};
use fairdesk::tui::state::{State, Status};
use fairdesk::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use std::sync::Arc;

pub struct Desk {
    pub store: Store,
    pub state: State,
}

impl Desk {
    /// The demo fair, its clock starting at `hour`:00 UTC on `day` December 2019.
    pub fn at(lang: Lang, day: u32, hour: u32) -> Desk {
        let start = chrono::Utc
            .with_ymd_and_hms(2019, 12, day, hour, 0, 0)
            .unwrap();
        let mut store = Store::open_in_memory("desk-1", Arc::new(FixedClock::at(start))).unwrap();
        demo::load(&mut store, &mut |_, _, _| {}).unwrap();
        let mut state = State::new(
            Snapshot::load(&store).unwrap(),
            lang,
            "desk-1",
            "demo-fair.db",
        );
        fill(&store, &mut state).unwrap();
        Desk { store, state }
    }

    /// What the event loop does with a key: apply it, run any command, reload, report.
    pub fn press(&mut self, key: KeyEvent) {
        if let Some(command) = self.state.handle_key(key) {
            let changes = command.changes_data();
            let outcome = desk::execute(&mut self.store, command);
            if changes {
                reload(&self.store, &mut self.state).unwrap();
            }
            self.state.on_outcome(outcome);
        }
        // The loop draws after every event, loading the rows the screen shows first.
        fill(&self.store, &mut self.state).unwrap();
    }

    pub fn key(&mut self, code: KeyCode) {
        self.press(KeyEvent::new(code, KeyModifiers::NONE));
    }

    pub fn ctrl(&mut self, c: char) {
        self.press(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
    }

    /// Types each character as a key.
    pub fn keys(&mut self, text: &str) {
        for c in text.chars() {
            self.key(KeyCode::Char(c));
        }
    }

    pub fn screen(&mut self, width: u16, height: u16) -> Terminal<TestBackend> {
        let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
        self.state
            .set_page_rows(view::page_rows(&self.state, Rect::new(0, 0, width, height)));
        fill(&self.store, &mut self.state).unwrap();
        terminal
            .draw(|frame| view::render(&self.state, frame))
            .unwrap();
        terminal
    }

    pub fn text(&mut self, width: u16, height: u16) -> String {
        format!("{}", self.screen(width, height).backend())
    }

    /// The status line's text, information or error.
    pub fn status(&self) -> String {
        match &self.state.status {
            Some(Status::Info(s)) | Some(Status::Error(s)) => s.clone(),
            None => String::new(),
        }
    }
}
