//! Large block digits for the projector: each glyph is a 3×5 bitmap drawn with full
//! blocks, scaled to fit the space given.
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

/// The 3×5 bitmap of a character, row by row ('#' is ink).
fn glyph(c: char) -> Option<[&'static str; 5]> {
    Some(match c {
        '0' => ["###", "# #", "# #", "# #", "###"],
        '1' => [" # ", "## ", " # ", " # ", "###"],
        '2' => ["###", "  #", "###", "#  ", "###"],
        '3' => ["###", "  #", "###", "  #", "###"],
        '4' => ["# #", "# #", "###", "  #", "  #"],
        '5' => ["###", "#  ", "###", "  #", "###"],
        '6' => ["###", "#  ", "###", "# #", "###"],
        '7' => ["###", "  #", "  #", "  #", "  #"],
        '8' => ["###", "# #", "###", "# #", "###"],
        '9' => ["###", "# #", "###", "  #", "###"],
        '.' => ["   ", "   ", "   ", "   ", " # "],
        ',' => ["   ", "   ", "   ", " # ", "#  "],
        '-' => ["   ", "   ", "###", "   ", "   "],
        ' ' => ["   ", "   ", "   ", "   ", "   "],
        _ => return None,
    })
}

/// The largest scale (1 = 1 row per pixel row, 2 columns per pixel) at which `text`
/// fits in `width` × `height`; 0 when it does not fit at all.
pub fn fitting_scale(text: &str, width: u16, height: u16) -> u16 {
    let glyphs = text.chars().filter(|c| glyph(*c).is_some()).count() as u16;
    if glyphs == 0 {
        return 0;
    }
    // A glyph is 3 pixels wide plus 1 of spacing; a pixel is 2 columns wide so it looks
    // square in a terminal cell.
    let per_scale_width = glyphs * 4 * 2;
    (width / per_scale_width).min(height / 5)
}

/// Draws `text` (digits and . , - space) at `scale`, centred in `area`.
pub fn draw(text: &str, scale: u16, area: Rect, style: Style, buf: &mut Buffer) {
    if scale == 0 {
        return;
    }
    let glyphs: Vec<[&str; 5]> = text.chars().filter_map(glyph).collect();
    let width = glyphs.len() as u16 * 4 * 2 * scale;
    let height = 5 * scale;
    let x0 = area.x + area.width.saturating_sub(width) / 2;
    let y0 = area.y + area.height.saturating_sub(height) / 2;
    for (g, rows) in glyphs.iter().enumerate() {
        for (r, row) in rows.iter().enumerate() {
            for (c, pixel) in row.chars().enumerate() {
                if pixel != '#' {
                    continue;
                }
                for dy in 0..scale {
                    for dx in 0..2 * scale {
                        let x = x0 + (g as u16 * 4 + c as u16) * 2 * scale + dx;
                        let y = y0 + r as u16 * scale + dy;
                        if x < area.x + area.width && y < area.y + area.height {
                            buf[(x, y)].set_symbol("█").set_style(style);
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_scale_to_the_space() {
        assert_eq!(fitting_scale("21", 16, 5), 1);
        assert_eq!(fitting_scale("21", 32, 10), 2);
        assert_eq!(fitting_scale("21", 15, 5), 0);
        let mut buf = Buffer::empty(Rect::new(0, 0, 16, 5));
        draw("1", 1, buf.area, Style::default(), &mut buf);
        let ink: usize = buf.content().iter().filter(|c| c.symbol() == "█").count();
        // "1" has 8 ink pixels, each 2 columns wide.
        assert_eq!(ink, 16);
    }
}
