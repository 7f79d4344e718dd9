//! The event loop and the terminal's setup and restore (also on error and panic).
use crate::app::desk;
use crate::app::views::Snapshot;
use crate::domain::lang::Lang;
use crate::store::Store;
use crate::tui::action::Action;
use crate::tui::state::State;
use crate::tui::tabs::Tab;
use crate::tui::view::{self, areas, first_row_y, tab_positions};
use crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event, KeyEventKind, MouseButton, MouseEventKind,
};
use crossterm::execute;
use ratatui::layout::Rect;
use std::io;
use std::time::{Duration, Instant};

/// How often another desk's changes are looked for.
const POLL_CHANGES: Duration = Duration::from_millis(400);

/// Opens the TUI on `store` until the user quits.
pub fn run(store: Store, lang: Lang) -> io::Result<()> {
    run_at(store, lang, Tab::Achievements, false)
}

/// Opens the TUI on a given tab (the dashboard, perhaps in big-screen mode).
pub fn run_at(mut store: Store, lang: Lang, tab: Tab, big_screen: bool) -> io::Result<()> {
    let snapshot = Snapshot::load(&store).map_err(|e| io::Error::other(e.message(lang)))?;
    let file = store.path().display().to_string();
    let mut state = State::new(snapshot, lang, store.desk(), &file);
    state.tab = tab;
    state.big_screen = big_screen;
    // ratatui::init installs a panic hook that restores the terminal before the message.
    let mut terminal = ratatui::init();
    let _ = execute!(io::stdout(), EnableMouseCapture, EnableBracketedPaste);
    let result = event_loop(&mut terminal, &mut store, &mut state);
    let _ = execute!(io::stdout(), DisableBracketedPaste, DisableMouseCapture);
    ratatui::restore();
    result
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    store: &mut Store,
    state: &mut State,
) -> io::Result<()> {
    let mut seen_version = store.data_version().unwrap_or(0);
    let mut last_poll = Instant::now();
    let mut dirty = true;
    loop {
        if dirty {
            let size = terminal.size()?;
            state.set_page_rows(view::page_rows(
                state,
                Rect::new(0, 0, size.width, size.height),
            ));
            terminal.draw(|frame| view::render(state, frame))?;
            dirty = false;
        }
        if state.quit {
            return Ok(());
        }
        if event::poll(POLL_CHANGES)? {
            let size = terminal.size()?;
            let screen = Rect::new(0, 0, size.width, size.height);
            let command = match event::read()? {
                Event::Paste(text) => {
                    state.paste(&text);
                    None
                }
                Event::Key(key) if key.kind != KeyEventKind::Release => state.handle_key(key),
                Event::Mouse(mouse) => {
                    let action = mouse_action(mouse, state, screen);
                    action.and_then(|a| state.apply(a))
                }
                _ => None,
            };
            if let Some(command) = command {
                // Saved is shown only after the commit returned.
                let outcome = desk::execute(store, command);
                reload(store, state);
                state.on_outcome(outcome);
            }
            dirty = true;
        }
        if last_poll.elapsed() >= POLL_CHANGES {
            last_poll = Instant::now();
            // data_version changes only when another connection commits: a cheap check,
            // and the snapshot is reloaded only then.
            if let Ok(version) = store.data_version()
                && version != seen_version
            {
                seen_version = version;
                reload(store, state);
                dirty = true;
            }
        }
    }
}

fn reload(store: &Store, state: &mut State) {
    if let Ok(snapshot) = Snapshot::load(store) {
        state.replace_snapshot(snapshot);
    }
}

/// Turns a mouse event into an action, given the screen size.
pub fn mouse_action(mouse: event::MouseEvent, state: &State, screen: Rect) -> Option<Action> {
    let a = areas(screen);
    match mouse.kind {
        MouseEventKind::ScrollDown => Some(Action::Down),
        MouseEventKind::ScrollUp => Some(Action::Up),
        MouseEventKind::Down(MouseButton::Left) if mouse.row == a.tabs.y => {
            tab_positions(state, screen.width)
                .into_iter()
                .find(|(from, to, _)| mouse.column >= *from && mouse.column < *to)
                .map(|(_, _, tab)| Action::GoTab(tab))
        }
        MouseEventKind::Down(MouseButton::Left)
            if state.tab != Tab::Dashboard
                && mouse.row >= first_row_y(state, screen)
                && mouse.row < a.body.y + a.body.height =>
        {
            Some(Action::SelectVisibleRow(
                (mouse.row - first_row_y(state, screen)) as usize,
            ))
        }
        _ => None,
    }
}
