//! The event loop and the terminal's setup and restore (also on error and panic), with
//! the background work a desk needs: watching other desks' changes, periodic backups,
//! and carrying out merge-conflict decisions.
use crate::app::autobackup::{AutoBackup, BackupEvent};
use crate::app::desk;
use crate::app::views::Snapshot;
use crate::domain::clock::SystemClock;
use crate::domain::lang::Lang;
use crate::store::Store;
use crate::tui::action::Action;
use crate::tui::conflicts::{Decision, ReviewNote};
use crate::tui::fill::{fill, reload};
use crate::tui::i18n::Msg;
use crate::tui::safety::{BackupNote, window_title};
use crate::tui::state::{State, Status};
use crate::tui::tabs::Tab;
use crate::tui::view::{self, areas, first_row_y, tab_positions};
use crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event, KeyEventKind, MouseButton, MouseEventKind,
};
use crossterm::execute;
use crossterm::terminal::SetTitle;
use ratatui::layout::Rect;
use std::io;
use std::path::Path;
use std::sync::{Arc, mpsc};
use std::time::{Duration, Instant};

/// How often another desk's changes are looked for.
const POLL_CHANGES: Duration = Duration::from_millis(400);

/// How the TUI runs beyond the file and the language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RunOptions {
    /// How often a backup is taken (and one on exit); `None`: never.
    pub backup_every: Option<Duration>,
    /// The tab to start on.
    pub tab: Tab,
    /// Start the dashboard in big-screen mode.
    pub big_screen: bool,
}

impl Default for RunOptions {
    fn default() -> Self {
        RunOptions {
            backup_every: Some(crate::app::autobackup::DEFAULT_EVERY),
            tab: Tab::Achievements,
            big_screen: false,
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
    state.tab = options.tab;
    state.big_screen = options.big_screen;
    state.safety.read_only = store.is_read_only();
    // A damaged file is said as soon as it is known, not discovered at the first save;
    // the check reads the whole file, so it runs beside the first frames.
    let integrity = background_quick_check(store.path());
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
    let _ = execute!(
        io::stdout(),
        EnableMouseCapture,
        EnableBracketedPaste,
        SetTitle(title)
    );
    let result = event_loop(
        &mut terminal,
        &mut store,
        &mut state,
        &mut backups,
        integrity,
    );
    let _ = execute!(io::stdout(), DisableBracketedPaste, DisableMouseCapture);
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
    integrity: mpsc::Receiver<usize>,
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
            if let Err(e) = fill(store, state) {
                state.status = Some(Status::Error(e.message(state.lang)));
            }
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
                // "Saved" is shown only after the commit returned.
                let changes = command.changes_data();
                let outcome = desk::execute(store, command);
                if changes {
                    let _ = reload(store, state);
                }
                state.on_outcome(outcome);
            }
            if decide_conflict(store, state) {
                let _ = reload(store, state);
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
                let _ = reload(store, state);
                dirty = true;
            }
        }
        if let Ok(problems) = integrity.try_recv() {
            state.safety.integrity_problems = problems;
            dirty = true;
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

/// Runs `PRAGMA quick_check` on its own read-only connection; sends the number of
/// problems found (a file that cannot be checked counts as one).
fn background_quick_check(path: &Path) -> mpsc::Receiver<usize> {
    let (send, receive) = mpsc::channel();
    let path = path.to_path_buf();
    std::thread::spawn(move || {
        let problems = Store::open_read_only(&path, "check", Arc::new(SystemClock))
            .and_then(|store| store.quick_check())
            .map(|findings| findings.len())
            .unwrap_or(1);
        let _ = send.send(problems);
    });
    receive
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
