//! The event loop and the terminal's setup and restore (also on error and panic).
use crate::app::views::Snapshot;
use crate::domain::lang::Lang;
use crate::store::Store;
use crate::tui::action::Action;
use crate::tui::keymap::resolve;
use crate::tui::state::State;
use crate::tui::tabs::Tab;
use crate::tui::view::{self, areas, tab_positions};
use crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyEventKind, MouseButton, MouseEventKind,
};
use crossterm::execute;
use ratatui::layout::Rect;
use std::io;
use std::time::{Duration, Instant};

/// How often another desk's changes are looked for.
const POLL_CHANGES: Duration = Duration::from_millis(400);

/// Opens the TUI on `store` until the user quits.
pub fn run(store: Store, lang: Lang) -> io::Result<()> {
    let snapshot = Snapshot::load(&store).map_err(|e| io::Error::other(e.message(lang)))?;
    let file = store.path().display().to_string();
    let mut state = State::new(snapshot, lang, store.desk(), &file);
    // ratatui::init installs a panic hook that restores the terminal before the message.
    let mut terminal = ratatui::init();
    let _ = execute!(io::stdout(), EnableMouseCapture);
    let result = event_loop(&mut terminal, &store, &mut state);
    let _ = execute!(io::stdout(), DisableMouseCapture);
    ratatui::restore();
    result
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    store: &Store,
    state: &mut State,
) -> io::Result<()> {
    let mut seen_version = store.data_version().unwrap_or(0);
    let mut last_poll = Instant::now();
    let mut dirty = true;
    loop {
        if dirty {
            let size = terminal.size()?;
            state.page_rows = view::page_rows(Rect::new(0, 0, size.width, size.height));
            terminal.draw(|frame| view::render(state, frame))?;
            dirty = false;
        }
        if state.quit {
            return Ok(());
        }
        if event::poll(POLL_CHANGES)? {
            let size = terminal.size()?;
            let screen = Rect::new(0, 0, size.width, size.height);
            if let Some(action) = to_action(event::read()?, state, screen) {
                let refresh = action == Action::Refresh;
                state.apply(action);
                if refresh {
                    reload(store, state);
                }
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

/// Turns a terminal event into an action, given the screen size (for mouse hits).
pub fn to_action(event: Event, state: &State, screen: Rect) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => {
            if state.help_open {
                return match key.code {
                    crossterm::event::KeyCode::Esc
                    | crossterm::event::KeyCode::Char('?')
                    | crossterm::event::KeyCode::F(1) => Some(Action::CloseOverlay),
                    _ => resolve(key, state.tab).filter(|a| *a == Action::Quit),
                };
            }
            resolve(key, state.tab)
        }
        Event::Mouse(mouse) => {
            let a = areas(screen);
            match mouse.kind {
                MouseEventKind::ScrollDown => Some(Action::Down),
                MouseEventKind::ScrollUp => Some(Action::Up),
                MouseEventKind::Down(MouseButton::Left) if mouse.row == a.tabs.y => {
                    tab_positions(state)
                        .into_iter()
                        .find(|(from, to, _)| mouse.column >= *from && mouse.column < *to)
                        .map(|(_, _, tab)| Action::GoTab(tab))
                }
                MouseEventKind::Down(MouseButton::Left)
                    if state.tab != Tab::Dashboard
                        && mouse.row > a.body.y
                        && mouse.row < a.body.y + a.body.height =>
                {
                    Some(Action::SelectVisibleRow(
                        (mouse.row - a.body.y - 1) as usize,
                    ))
                }
                _ => None,
            }
        }
        Event::Resize(_, _) => None,
        _ => None,
    }
}
