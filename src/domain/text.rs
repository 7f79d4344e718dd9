//! Cleaning user, file and database text so that nothing sent to the terminal is a control sequence.
use std::borrow::Cow;

use unicode_width::UnicodeWidthStr;

/// Line breaks: CR, LF and the Unicode line and paragraph separators.
fn is_line_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}')
}

/// Characters removed outright: C0 controls other than line breaks and tab, DEL, C1 controls,
/// bidi controls and zero-width characters.
fn is_removed(c: char) -> bool {
    matches!(
        c,
        '\u{0000}'..='\u{0008}'
            | '\u{000B}'
            | '\u{000C}'
            | '\u{000E}'..='\u{001F}'
            | '\u{007F}'..='\u{009F}'
            | '\u{200B}'
            | '\u{200E}'
            | '\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2066}'..='\u{2069}'
            | '\u{061C}'
            | '\u{FEFF}'
    )
}

/// A character `clean_text` never lets through.
fn is_unsafe(c: char) -> bool {
    c == '\t' || is_line_break(c) || is_removed(c)
}

/// Whether `c` must never reach a terminal as it is (control, bidi, zero-width, tab or
/// line break): what [`display_safe`] replaces.
pub fn is_display_unsafe(c: char) -> bool {
    is_unsafe(c) || c.is_control()
}

/// Cleans a single-line field: line breaks and tabs become one space, other control, bidi and
/// zero-width characters are removed, runs of spaces collapse to one, and the ends are trimmed
/// (full-width spaces U+3000 inside the text are kept).
pub fn clean_text(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    let mut chars = input.chars().peekable();
    while let Some(c) = chars.next() {
        let c = if c == '\r' && chars.peek() == Some(&'\n') {
            chars.next();
            ' '
        } else if c == '\t' || is_line_break(c) {
            ' '
        } else if is_removed(c) {
            continue;
        } else {
            c
        };
        if c == ' ' && out.ends_with(' ') {
            continue;
        }
        out.push(c);
    }
    let trimmed = out.trim();
    if trimmed.len() == out.len() {
        out
    } else {
        trimmed.to_string()
    }
}

/// Cleans a multi-line field: like [`clean_text`] but line breaks (`\r\n`, `\r`, U+2028,
/// U+2029) become `\n`, a tab becomes four spaces, spaces are not collapsed, each line's end
/// is trimmed and so are both ends of the whole text.
pub fn clean_multiline(input: &str) -> String {
    let mut unified = String::with_capacity(input.len());
    let mut chars = input.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' && chars.peek() == Some(&'\n') {
            chars.next();
            unified.push('\n');
        } else if is_line_break(c) {
            unified.push('\n');
        } else if c == '\t' {
            unified.push_str("    ");
        } else if !is_removed(c) {
            unified.push(c);
        }
    }
    unified
        .split('\n')
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .join("\n")
        .trim()
        .to_string()
}

/// True when `clean_text` would leave `s` unchanged: no control, bidi, zero-width, tab or
/// line-break character, no doubled spaces, no whitespace at either end.
pub fn is_clean(s: &str) -> bool {
    !s.chars().any(is_unsafe) && !s.contains("  ") && s.trim().len() == s.len()
}

/// The visible stand-in for a character that must not reach a terminal: a C0 control
/// shows as its Control Picture (ESC as ␛, BEL as ␇), DEL as ␡, anything else (C1
/// controls, bidi and zero-width characters) as ␦. Control Pictures are one column wide
/// on every terminal, unlike U+FFFD, which CJK terminals may draw two columns wide.
pub fn placeholder(c: char) -> char {
    match c {
        '\u{0000}'..='\u{001F}' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{2426}'),
        '\u{007F}' => '\u{2421}',
        _ => '\u{2426}',
    }
}

/// Whether `bytes` has a byte that a character [`display_safe`] changes can start with
/// in UTF-8 (see [`starts_unsafe`]). One pass without a branch per byte, so the compiler
/// checks many bytes at once.
fn may_be_unsafe(bytes: &[u8]) -> bool {
    let mut seen = 0u8;
    for &b in bytes {
        seen |= u8::from(starts_unsafe(b));
    }
    seen != 0
}

/// Below U+0020, U+007F, C2 (C1 controls), D8 (U+061C), E2 (U+200B…U+2069), EF (U+FEFF).
fn starts_unsafe(b: u8) -> bool {
    (b < 0x20) | (b == 0x7F) | (b == 0xC2) | (b == 0xD8) | (b == 0xE2) | (b == 0xEF)
}

/// For rendering stored text: line breaks and tabs become `·` (`\r\n` counts as one),
/// other control, bidi and zero-width characters their [`placeholder`]. Borrowed when
/// nothing changes.
pub fn display_safe(s: &str) -> Cow<'_, str> {
    // Every character changed here is below U+0020, U+007F, or encoded starting with
    // byte C2 (C1 controls), D8 (U+061C), E2 (U+200B…U+2069) or EF (U+FEFF): text
    // without those bytes (most Chinese text) needs no decoding to be let through.
    if !may_be_unsafe(s.as_bytes()) || !s.chars().any(is_display_unsafe) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' && chars.peek() == Some(&'\n') {
            chars.next();
            out.push('·');
        } else if c == '\t' || is_line_break(c) {
            out.push('·');
        } else if is_removed(c) || c.is_control() {
            out.push(placeholder(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Terminal columns `s` takes (CJK characters count two).
pub fn display_width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// Cuts `s` to at most `max` terminal columns, ending with `…` when something was cut.
pub fn truncate_to_width(s: &str, max: usize) -> Cow<'_, str> {
    if display_width(s) <= max {
        return Cow::Borrowed(s);
    }
    if max == 0 {
        return Cow::Borrowed("");
    }
    let budget = max - 1; // room for the ellipsis
    let mut out = String::new();
    for c in s.chars() {
        out.push(c);
        // Measure the whole prefix: emoji and variation-selector sequences are wider
        // than the sum of their characters.
        if display_width(&out) > budget {
            out.pop();
            break;
        }
    }
    out.push('…');
    Cow::Owned(out)
}

/// `s` cut to `width` columns (see [`truncate_to_width`]) and padded with spaces to exactly
/// `width` columns.
pub fn pad_to_width(s: &str, width: usize) -> String {
    let cut = truncate_to_width(s, width);
    let pad = width.saturating_sub(display_width(&cut));
    let mut out = String::with_capacity(cut.len() + pad);
    out.push_str(&cut);
    out.extend(std::iter::repeat_n(' ', pad));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn removes_escape_introducers_and_bells() {
        assert_eq!(clean_text("\x1b]0;pwned\x07"), "]0;pwned");
        assert_eq!(clean_text("\x1b[2J"), "[2J");
        assert_eq!(clean_text("a\u{9b}31mb"), "a31mb");
        assert_eq!(clean_text("a\x7fb\0c"), "abc");
    }

    #[test]
    fn removes_bidi_and_zero_width() {
        assert_eq!(clean_text("abc\u{202E}def"), "abcdef");
        assert_eq!(
            clean_text("\u{FEFF}a\u{200B}b\u{200E}c\u{200F}d\u{2066}e\u{2069}f\u{061C}"),
            "abcdef"
        );
    }

    #[test]
    fn line_breaks_and_spaces() {
        assert_eq!(clean_text("  稀土\r\n永磁\t材料  "), "稀土 永磁 材料");
        assert_eq!(clean_text("a\r\rb"), "a b");
        assert_eq!(clean_text("a \n \t b"), "a b");
        assert_eq!(clean_text("a \x07 b"), "a b");
        assert_eq!(clean_text("a\u{2028}b"), "a b");
        assert_eq!(clean_text(""), "");
        assert_eq!(clean_text("\n\t \x1b"), "");
    }

    #[test]
    fn chinese_and_full_width_spaces() {
        let s = "内蒙古稀土功能材料创新中心——高性能钕铁硼（第二代）";
        assert_eq!(clean_text(s), s);
        assert!(is_clean(s));
        assert_eq!(
            clean_text("\u{3000}包头\u{3000}稀土\u{3000}"),
            "包头\u{3000}稀土"
        );
    }

    #[test]
    fn is_clean_cases() {
        assert!(is_clean(""));
        assert!(is_clean("a b"));
        assert!(!is_clean("a  b"));
        assert!(!is_clean(" a"));
        assert!(!is_clean("a\u{3000}"));
        assert!(!is_clean("a\nb"));
        assert!(!is_clean("a\u{202E}b"));
        assert!(!is_clean("\x1b[2J"));
    }

    #[test]
    fn multiline() {
        assert_eq!(
            clean_multiline("\r\n第一行  \r\n\t第二行\r第三行\x1b[1m\n\n"),
            "第一行\n    第二行\n第三行[1m"
        );
        assert_eq!(clean_multiline("a\u{202E}b \n\n c"), "ab\n\n c");
        assert_eq!(clean_multiline("  \n \t "), "");
    }

    /// The byte pre-check of `display_safe` may only skip text it would leave alone.
    #[test]
    fn every_unsafe_character_starts_with_a_byte_the_pre_check_looks_for() {
        let mut buffer = [0u8; 4];
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            if is_display_unsafe(c) {
                let first = c.encode_utf8(&mut buffer).as_bytes()[0];
                assert!(starts_unsafe(first), "{:?}", c);
            }
        }
        assert!(matches!(display_safe("（稀土）材料"), Cow::Borrowed(_)));
        assert_eq!(display_safe("（稀土）\u{FEFF}"), "（稀土）␦");
    }

    #[test]
    fn display_safe_cases() {
        assert!(matches!(display_safe("稀土 材料"), Cow::Borrowed(_)));
        assert_eq!(display_safe("a\r\nb\nc\td"), "a·b·c·d");
        assert_eq!(display_safe("\x1b[2J"), "␛[2J");
        assert_eq!(display_safe("\x1b]0;pwned\x07"), "␛]0;pwned␇");
        assert_eq!(display_safe("abc\u{202E}def\u{7f}\u{9b}"), "abc␦def␡␦");
        assert_eq!(display_safe("  a  "), "  a  ");
    }

    #[test]
    fn widths() {
        assert_eq!(display_width("稀土ab"), 6);
        assert_eq!(truncate_to_width("稀土材料", 8), "稀土材料");
        assert_eq!(truncate_to_width("稀土材料", 7), "稀土材…");
        assert_eq!(truncate_to_width("稀土材料", 6), "稀土…");
        assert_eq!(truncate_to_width("abc", 0), "");
        assert_eq!(pad_to_width("稀土", 6), "稀土  ");
        assert_eq!(pad_to_width("稀土材料", 6), "稀土… ");
        assert_eq!(display_width(&pad_to_width("稀土材料", 6)), 6);
    }

    proptest! {
        #[test]
        fn clean_text_output_is_clean(s in any::<String>()) {
            prop_assert!(is_clean(&clean_text(&s)));
        }

        #[test]
        fn clean_text_is_idempotent(s in any::<String>()) {
            let once = clean_text(&s);
            prop_assert_eq!(clean_text(&once), once);
        }

        #[test]
        fn clean_text_controls_idempotent(s in "[ \t\r\n\u{1b}\u{7f}\u{85}\u{3000}\u{202e}a稀]{0,30}") {
            let once = clean_text(&s);
            prop_assert!(is_clean(&once));
            prop_assert_eq!(clean_text(&once), once.clone());
            prop_assert_eq!(is_clean(&s), once == s);
        }

        #[test]
        fn is_clean_agrees_with_clean_text(s in any::<String>()) {
            prop_assert_eq!(is_clean(&s), clean_text(&s) == s);
        }

        #[test]
        fn multiline_and_display_safe_have_no_controls(s in any::<String>()) {
            let m = clean_multiline(&s);
            prop_assert!(!m.chars().any(|c| c != '\n' && is_unsafe(c)));
            prop_assert_eq!(clean_multiline(&m), m.clone());
            prop_assert!(!display_safe(&s).chars().any(is_unsafe));
        }

        #[test]
        fn pad_is_exact_width(s in "\\PC{0,20}", w in 0usize..20) {
            let padded = pad_to_width(&clean_text(&s), w);
            prop_assert_eq!(display_width(&padded), w);
        }
    }
}
