//! The event loop and the terminal's setup and restore (also on error and panic).
use crate::app::autobackup::{AutoBackup, BackupEvent};
use crate::app::views::Snapshot;
use crate::domain::lang::Lang;
use crate::store::Store;
use crate::tui::action::Action;
use crate::tui::conflicts::{self, Decision, ReviewNote};
use crate::tui::i18n::Msg;
use crate::tui::keymap::resolve;
use crate::tui::safety::{BackupNote, window_title};
use crate::tui::state::State;
use crate::tui::tabs::Tab;
use crate::tui::view::{self, areas, tab_positions};
use crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyEventKind, MouseButton, MouseEventKind,
};
use crossterm::execute;
use crossterm::terminal::SetTitle;
use ratatui::layout::Rect;
use std::io;
use std::time::{Duration, Instant};

/// How often another desk's changes are looked for.
const POLL_CHANGES: Duration = Duration::from_millis(400);

/// How the TUI runs beyond the file and the language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RunOptions {
    /// How often a backup is taken (and one on exit); `None`: never.
    pub backup_every: Option<Duration>,
}

impl Default for RunOptions {
    fn default() -> Self {
        RunOptions {
            backup_every: Some(crate::app::autobackup::DEFAULT_EVERY),
        }
    }
}

/// Opens the TUI on `store` until the user quits.
pub fn run(store: Store, lang: Lang) -> io::Result<()> {
    run_with(store, lang, RunOptions::default())
}

pub fn run_with(mut store: Store, lang: Lang, options: RunOptions) -> io::Result<()> {
    let snapshot = Snapshot::load(&store).map_err(|e| io::Error::other(e.message(lang)))?;
    let file = store.path().display().to_string();
    let mut state = State::new(snapshot, lang, store.desk(), &file);
    state.safety.read_only = store.is_read_only();
    // A damaged file is said at once, not discovered at the first save.
    state.safety.integrity_problems = store.quick_check().map(|f| f.len()).unwrap_or(1);
    let mut backups = AutoBackup::new(store.path(), options.backup_every);
    let title = window_title(
        state
            .snapshot
            .fair
            .as_ref()
            .map(|f| f.name.as_str())
            .unwrap_or(""),
    );
    // ratatui::init installs a panic hook that restores the terminal before the message.
    let mut terminal = ratatui::init();
    let _ = execute!(io::stdout(), EnableMouseCapture, SetTitle(title));
    let result = event_loop(&mut terminal, &mut store, &mut state, &mut backups);
    let _ = execute!(io::stdout(), DisableMouseCapture);
    ratatui::restore();
    // The snapshot on exit: after the screen is back, so a slow disk shows nothing odd.
    if let Some(BackupEvent::Failed(e)) = backups.finish() {
        eprintln!(
            "fairdesk: {}: {}",
            Msg::BackupFailed.text(lang),
            e.message(lang)
        );
    }
    result
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    store: &mut Store,
    state: &mut State,
    backups: &mut AutoBackup,
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
                if decide_conflict(store, state) {
                    reload(store, state);
                }
            }
            dirty = true;
        }
        if let Some(event) = backups.poll(Instant::now()) {
            state.safety.backup = match event {
                BackupEvent::Saved { at, .. } => BackupNote::Saved(at),
                BackupEvent::Failed(e) => BackupNote::Failed(e.message(state.lang)),
            };
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

/// Carries out a confirmed decision on a merge conflict; true when the file changed.
fn decide_conflict(store: &mut Store, state: &mut State) -> bool {
    let Some((id, decision)) = state.conflicts.pending.take() else {
        return false;
    };
    let result = match decision {
        Decision::Keep => store.keep_conflict(&id),
        Decision::Reverse => store.reverse_conflict(&id),
    };
    state.conflicts.note = Some(match result {
        Ok(()) => ReviewNote::Done(decision),
        Err(e) => ReviewNote::Failed(e.message(state.lang)),
    });
    true
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
            if state.conflicts.open && !state.help_open {
                return conflicts::resolve_key(key, &state.conflicts);
            }
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
