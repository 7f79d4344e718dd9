//! The exhibitor's own, read-only view: a code prompt, then its achievements, the
//! interest in them (contacts only where the enterprise agreed) and its meetings. It
//! holds an `ExhibitorSession`, which can read one organization's data and change
//! nothing; its key map binds no editing action.
pub mod state;
pub mod view;

use crate::app::exhibitor::ExhibitorSession;
use crate::domain::lang::Lang;
use crossterm::event::{self, Event, KeyEventKind};
use std::io;
use std::time::Duration;

/// Runs the exhibitor view until the exhibitor quits.
pub fn run(session: ExhibitorSession, lang: Lang) -> io::Result<()> {
    let mut state = state::ExhibitorState::new(session, lang);
    let mut terminal = ratatui::init();
    let result = (|| -> io::Result<()> {
        let mut seen = state.session.data_version();
        loop {
            terminal.draw(|frame| view::render(&state, frame))?;
            if state.quit {
                return Ok(());
            }
            if event::poll(Duration::from_millis(400))? {
                match event::read()? {
                    Event::Key(key) if key.kind != KeyEventKind::Release => state.handle_key(key),
                    Event::Paste(text) => state.paste(&text),
                    _ => {}
                }
            }
            let version = state.session.data_version();
            if version != seen {
                seen = version;
                state.refresh();
            }
        }
    })();
    ratatui::restore();
    result
}
