//! A one-line text input that edits by grapheme and places its cursor by display width,
//! so Chinese (two columns a character), combining marks and emoji edit correctly.
//! Long values scroll horizontally to keep the cursor in view.
use crate::domain::text::display_width;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use unicode_segmentation::UnicodeSegmentation;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextInput {
    value: String,
    /// Byte offset of the cursor, always on a grapheme boundary.
    cursor: usize,
}

impl TextInput {
    pub fn new(value: &str) -> TextInput {
        let value = sanitize(value);
        let cursor = value.len();
        TextInput { value, cursor }
    }

    pub fn value(&self) -> &str {
        &self.value
    }

    pub fn is_empty(&self) -> bool {
        self.value.is_empty()
    }

    /// Replaces the value and puts the cursor at its end.
    pub fn set(&mut self, value: &str) {
        *self = TextInput::new(value);
    }

    /// The cursor's byte offset.
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    /// Display columns before the cursor.
    pub fn cursor_column(&self) -> usize {
        display_width(&self.value[..self.cursor])
    }

    /// Inserts text at the cursor (typed characters, an IME's commit, or a paste);
    /// control characters and line breaks never get in.
    pub fn insert(&mut self, text: &str) {
        let clean = sanitize(text);
        self.value.insert_str(self.cursor, &clean);
        self.cursor += clean.len();
    }

    /// Handles an editing key; returns whether the key was used.
    pub fn handle_key(&mut self, key: KeyEvent) -> bool {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let alt = key.modifiers.contains(KeyModifiers::ALT);
        match key.code {
            KeyCode::Char('a') if ctrl => self.cursor = 0,
            KeyCode::Char('e') if ctrl => self.cursor = self.value.len(),
            KeyCode::Char('b') if ctrl => self.cursor = self.prev_boundary(),
            KeyCode::Char('f') if ctrl => self.cursor = self.next_boundary(),
            KeyCode::Char('w') if ctrl => self.delete_word_before(),
            KeyCode::Char('u') if ctrl => {
                self.value.replace_range(..self.cursor, "");
                self.cursor = 0;
            }
            KeyCode::Char('k') if ctrl => self.value.truncate(self.cursor),
            KeyCode::Char(c) if !ctrl && !alt => {
                let mut buf = [0u8; 4];
                self.insert(c.encode_utf8(&mut buf));
            }
            KeyCode::Backspace if ctrl || alt => self.delete_word_before(),
            KeyCode::Backspace => {
                let start = self.prev_boundary();
                self.value.replace_range(start..self.cursor, "");
                self.cursor = start;
            }
            KeyCode::Delete => {
                let end = self.next_boundary();
                self.value.replace_range(self.cursor..end, "");
            }
            KeyCode::Left => self.cursor = self.prev_boundary(),
            KeyCode::Right => self.cursor = self.next_boundary(),
            KeyCode::Home => self.cursor = 0,
            KeyCode::End => self.cursor = self.value.len(),
            _ => return false,
        }
        true
    }

    fn prev_boundary(&self) -> usize {
        self.value[..self.cursor]
            .grapheme_indices(true)
            .next_back()
            .map(|(i, _)| i)
            .unwrap_or(0)
    }

    fn next_boundary(&self) -> usize {
        self.value[self.cursor..]
            .graphemes(true)
            .next()
            .map(|g| self.cursor + g.len())
            .unwrap_or(self.cursor)
    }

    /// Deletes back to the start of the previous word (spaces, then non-spaces).
    fn delete_word_before(&mut self) {
        let before = &self.value[..self.cursor];
        let trimmed = before.trim_end_matches(char::is_whitespace);
        let start = trimmed
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_whitespace())
            .map(|(i, c)| i + c.len_utf8())
            .unwrap_or(0);
        self.value.replace_range(start..self.cursor, "");
        self.cursor = start;
    }

    /// What to draw in `width` columns: the visible text and the cursor's column in it.
    /// The view scrolls only as far as needed to keep the cursor visible.
    pub fn view(&self, width: usize) -> (String, usize) {
        if width == 0 {
            return (String::new(), 0);
        }
        let cursor_col = self.cursor_column();
        // Keep one column for the cursor itself at the end of the text.
        let scroll = (cursor_col + 1).saturating_sub(width);
        let mut shown = String::new();
        let mut col = 0;
        for g in self.value.graphemes(true) {
            let w = display_width(g);
            if col < scroll {
                col += w;
                continue;
            }
            if col + w - scroll > width {
                break;
            }
            shown.push_str(g);
            col += w;
        }
        // A wide character cut by the scroll edge leaves the cursor one column off;
        // measure from what is actually shown.
        let before_cursor: usize = {
            let mut c = 0;
            let mut skipped = 0;
            for g in self.value[..self.cursor].graphemes(true) {
                let w = display_width(g);
                if skipped < scroll {
                    skipped += w;
                    continue;
                }
                c += w;
            }
            c
        };
        (shown, before_cursor.min(width.saturating_sub(1)))
    }
}

/// Strips what must never reach a one-line field or the terminal.
fn sanitize(text: &str) -> String {
    text.chars()
        .map(|c| if c == '\n' || c == '\t' || c == '\r' { ' ' } else { c })
        .filter(|c| {
            !c.is_control()
                && !matches!(
                    *c,
                    '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}'
                )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn ctrl(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
    }

    fn typed(text: &str) -> TextInput {
        let mut input = TextInput::default();
        for c in text.chars() {
            input.handle_key(key(KeyCode::Char(c)));
        }
        input
    }

    #[test]
    fn chinese_characters_move_the_cursor_two_columns() {
        let mut input = typed("稀土ab");
        assert_eq!(input.cursor_column(), 6);
        input.handle_key(key(KeyCode::Left));
        input.handle_key(key(KeyCode::Left));
        assert_eq!(input.cursor_column(), 4);
        input.handle_key(key(KeyCode::Backspace));
        assert_eq!(input.value(), "稀ab");
        assert_eq!(input.cursor_column(), 2);
        input.handle_key(key(KeyCode::Delete));
        assert_eq!(input.value(), "稀b");
    }

    #[test]
    fn graphemes_are_deleted_whole() {
        // e + combining acute, and a family emoji made of several code points.
        let mut input = TextInput::new("e\u{301}👨‍👩‍👧");
        input.handle_key(key(KeyCode::Backspace));
        assert_eq!(input.value(), "e\u{301}");
        input.handle_key(key(KeyCode::Backspace));
        assert_eq!(input.value(), "");
    }

    #[test]
    fn emacs_keys_work() {
        let mut input = typed("内蒙古 稀土 永磁");
        input.handle_key(ctrl('w'));
        assert_eq!(input.value(), "内蒙古 稀土 ");
        input.handle_key(ctrl('a'));
        assert_eq!(input.cursor(), 0);
        input.handle_key(ctrl('e'));
        input.handle_key(ctrl('u'));
        assert_eq!(input.value(), "");
        let mut input = typed("abc");
        input.handle_key(key(KeyCode::Home));
        input.handle_key(ctrl('k'));
        assert_eq!(input.value(), "");
    }

    #[test]
    fn paste_strips_controls_and_line_breaks() {
        let mut input = TextInput::default();
        input.insert("稀土\n永磁\x1b[2J\u{202E}");
        assert_eq!(input.value(), "稀土 永磁[2J");
    }

    #[test]
    fn long_values_scroll_to_keep_the_cursor_visible() {
        let input = typed("内蒙古自治区科技成果转化对接会");
        let (shown, cursor) = input.view(10);
        assert!(display_width(&shown) <= 10);
        assert!(shown.ends_with("接会"));
        assert_eq!(
            cursor,
            display_width(&shown),
            "the cursor sits after the text"
        );
        let mut input = input;
        input.handle_key(key(KeyCode::Home));
        let (shown, cursor) = input.view(10);
        assert!(shown.starts_with("内蒙古"));
        assert_eq!(cursor, 0);
    }

    proptest! {
        #[test]
        fn editing_never_breaks_a_character(ops in proptest::collection::vec(0u8..8, 0..60), text in "[a-z稀土永磁 é👍]{0,12}") {
            let mut input = TextInput::new(&text);
            for op in ops {
                let k = match op {
                    0 => key(KeyCode::Left),
                    1 => key(KeyCode::Right),
                    2 => key(KeyCode::Backspace),
                    3 => key(KeyCode::Delete),
                    4 => key(KeyCode::Char('中')),
                    5 => key(KeyCode::Char('x')),
                    6 => ctrl('w'),
                    _ => key(KeyCode::Home),
                };
                input.handle_key(k);
                prop_assert!(input.value().is_char_boundary(input.cursor()));
                prop_assert!(input.cursor() <= input.value().len());
                prop_assert_eq!(input.cursor_column(), display_width(&input.value()[..input.cursor()]));
                let (shown, col) = input.view(7);
                prop_assert!(display_width(&shown) <= 7);
                prop_assert!(col < 7);
            }
        }
    }
}
