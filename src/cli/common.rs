//! What every command shares: the context it runs in, failures with exit codes, opening
//! the file, printing.
use crate::domain::lang::Lang;
use crate::store::{Store, StoreError};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

/// The global options, resolved.
pub struct Context {
    /// `--db` (or `FAIRDESK_DB`) when given.
    pub explicit_db: Option<PathBuf>,
    /// The file to use: `--db`, else `./fair.db`.
    pub db: PathBuf,
    pub desk: String,
    pub lang: Lang,
    /// Minutes between the TUI's backups (0: none).
    pub backup_minutes: u32,
}

/// A failed command: its message (already in the user's language) and exit code.
pub struct Failure {
    pub message: String,
    pub code: i32,
}

impl Failure {
    /// Bad usage or bad input: exit code 2.
    pub fn input(message: String) -> Failure {
        Failure { message, code: 2 }
    }

    /// Something went wrong while running: exit code 1.
    pub fn runtime(message: String) -> Failure {
        Failure { message, code: 1 }
    }

    /// A store error, with its exit code by kind.
    pub fn store(e: StoreError, lang: Lang) -> Failure {
        let code = if e.is_bad_input() { 2 } else { 1 };
        Failure {
            message: e.message(lang),
            code,
        }
    }
}

pub type CommandResult = Result<(), Failure>;

/// Writes to stdout; a closed pipe (`fairdesk summary | head`) is not an error. On a
/// terminal, text from the file can never act as a control sequence.
pub fn print_stdout(text: &str) {
    let stdout = std::io::stdout();
    let text = if stdout.is_terminal() {
        terminal_safe(text)
    } else {
        std::borrow::Cow::Borrowed(text)
    };
    let _ = stdout.lock().write_all(text.as_bytes());
}

/// Text for a terminal: line breaks and tabs stay, every other control, escape, bidi or
/// zero-width character becomes its visible placeholder (␛, ␇, ␦ …).
pub fn terminal_safe(text: &str) -> std::borrow::Cow<'_, str> {
    let unsafe_char =
        |c: char| !matches!(c, '\n' | '\t') && crate::domain::text::is_display_unsafe(c);
    if !text.chars().any(unsafe_char) {
        return std::borrow::Cow::Borrowed(text);
    }
    std::borrow::Cow::Owned(
        text.chars()
            .map(|c| {
                if unsafe_char(c) {
                    crate::domain::text::placeholder(c)
                } else {
                    c
                }
            })
            .collect(),
    )
}

/// Opens a file that must already hold a fair (commands other than the TUI never
/// create one).
pub fn open_existing(db: &Path, desk: &str, lang: Lang) -> Result<Store, Failure> {
    if !db.exists() {
        return Err(Failure::input(match lang {
            Lang::Zh => format!(
                "找不到 {}；请先运行 fairdesk init，或用 --db 指定文件",
                db.display()
            ),
            Lang::En => format!(
                "{} does not exist; run fairdesk init first, or give --db",
                db.display()
            ),
        }));
    }
    let store = Store::open(db, desk).map_err(|e| Failure::store(e, lang))?;
    store.require_fair().map_err(|e| Failure::store(e, lang))?;
    Ok(store)
}
