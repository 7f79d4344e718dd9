//! Cell text safety shared by every spreadsheet-shaped output.
use std::borrow::Cow;

/// Characters that make a spreadsheet read a cell as a formula (or that Excel strips
/// before doing so), including their full-width forms, which some versions also accept.
fn starts_a_formula(c: char) -> bool {
    matches!(
        c,
        '=' | '+' | '-' | '@' | '\t' | '\r' | '\u{FF1D}' | '\u{FF0B}' | '\u{FF0D}' | '\u{FF20}'
    )
}

/// A cell that would run as a formula, made inert with a leading apostrophe (which
/// spreadsheets show as text and do not display); any other text is returned as it is.
pub fn neutralize(text: &str) -> Cow<'_, str> {
    match text.chars().next() {
        Some(c) if starts_a_formula(c) => Cow::Owned(format!("'{text}")),
        _ => Cow::Borrowed(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_starters_are_neutralised_and_other_text_is_kept() {
        for risky in [
            "=HYPERLINK(\"http://x\")",
            "+1+1",
            "-2+3",
            "@SUM(A1)",
            "\t=1",
            "\r=1",
            "＝1+1",
            "＋1",
            "－1",
            "＠SUM(A1)",
        ] {
            assert_eq!(neutralize(risky), format!("'{risky}"));
        }
        assert_eq!(neutralize("稀土永磁 = 好"), "稀土永磁 = 好");
        assert_eq!(neutralize("0471-1234567"), "0471-1234567");
        assert_eq!(neutralize(""), "");
    }
}
