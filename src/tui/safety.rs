//! What the TUI says about the file itself: opened read-only, failing its quick check,
//! the last backup. And the last line of defence for the terminal: nothing drawn may
//! carry a control character, an escape sequence or a bidi override, whatever a
//! screen forgot to clean — every cell is checked before it reaches the terminal, and
//! so is the window title.
use crate::domain::text::{display_safe, is_display_unsafe, placeholder, truncate_to_width};
use chrono::{DateTime, Utc};
use ratatui::buffer::Buffer;

/// How the last backup went.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum BackupNote {
    #[default]
    None,
    Saved(DateTime<Utc>),
    /// The message, already in the user's language.
    Failed(String),
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Safety {
    /// The file may not be written: every change is refused.
    pub read_only: bool,
    /// What `quick_check` found wrong when the file was opened (0: sound).
    pub integrity_problems: usize,
    pub backup: BackupNote,
}

/// Whether a cell's text could make the terminal do something instead of showing it.
fn is_active(symbol: &str) -> bool {
    symbol.chars().any(is_display_unsafe)
}

/// Replaces, in every cell, each control, escape, bidi or zero-width character with its
/// visible placeholder (␛, ␇, ␦ …).
pub fn make_inert(buf: &mut Buffer) {
    for cell in buf.content.iter_mut() {
        if is_active(cell.symbol()) {
            let safe: String = cell
                .symbol()
                .chars()
                .map(|c| {
                    if is_display_unsafe(c) {
                        placeholder(c)
                    } else {
                        c
                    }
                })
                .collect();
            cell.set_symbol(&safe);
        }
    }
}

/// The terminal's window title for a fair: "fairdesk — NAME", made safe and short.
pub fn window_title(fair_name: &str) -> String {
    let name = display_safe(fair_name);
    let name = truncate_to_width(&name, 60);
    if name.is_empty() {
        "fairdesk".to_string()
    } else {
        format!("fairdesk — {name}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Rect;

    const HOSTILE: &str = "\x1b]0;pwned\x07标题\x1b[2J\u{202E}abc\u{200B}\u{9b}";

    #[test]
    fn every_active_cell_becomes_the_placeholder() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 40, 1));
        // Written cell by cell, as a careless widget might.
        for (x, c) in HOSTILE.chars().enumerate() {
            buf[(x as u16, 0)].set_symbol(c.encode_utf8(&mut [0; 4]));
        }
        make_inert(&mut buf);
        let text: String = buf.content.iter().map(|c| c.symbol()).collect();
        assert!(
            !text
                .chars()
                .any(|c| c.is_control() || c == '\u{202E}' || c == '\u{200B}')
        );
        assert!(text.starts_with("␛]0;pwned␇标题"), "{text}");
    }

    #[test]
    fn the_window_title_is_inert_and_short() {
        let title = window_title(HOSTILE);
        assert!(!title.chars().any(|c| c.is_control() || c == '\u{202E}'));
        assert!(title.starts_with("fairdesk — ␛]0;pwned␇"));
        assert_eq!(window_title(""), "fairdesk");
        assert!(crate::domain::text::display_width(&window_title(&"稀".repeat(100))) <= 72);
    }
}
