//! A list table drawn by display width: CJK text (two columns a character) stays aligned,
//! and cells too long for their column end in “…” instead of being cut mid-character.
use crate::domain::text::{display_safe, display_width, pad_to_width, truncate_to_width};
use crate::tui::columns::{Column, Width};
use crate::tui::theme::{Role, style};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

/// The columns that fit in `width` and their widths, in display order. Lowest-priority
/// columns are dropped first; flexible columns share what is left.
pub fn layout_columns(columns: &[Column], width: u16) -> Vec<(usize, u16)> {
    let mut kept: Vec<usize> = (0..columns.len()).collect();
    let need = |kept: &[usize]| -> u32 {
        let mins: u32 = kept
            .iter()
            .map(|&i| match columns[i].width {
                Width::Fixed(w) => u32::from(w),
                Width::Flex { min } => u32::from(min),
            })
            .sum();
        mins + kept.len().saturating_sub(1) as u32
    };
    while kept.len() > 1 && need(&kept) > u32::from(width) {
        let drop = kept
            .iter()
            .enumerate()
            .min_by_key(|(pos, i)| (columns[**i].priority, std::cmp::Reverse(*pos)))
            .map(|(pos, _)| pos)
            .unwrap_or(0);
        kept.remove(drop);
    }
    let spare = u32::from(width).saturating_sub(need(&kept));
    let flex: Vec<usize> = kept
        .iter()
        .copied()
        .filter(|&i| matches!(columns[i].width, Width::Flex { .. }))
        .collect();
    let mut out = Vec::with_capacity(kept.len());
    let mut given = 0u32;
    for &i in &kept {
        let w = match columns[i].width {
            Width::Fixed(w) => w,
            Width::Flex { min } => {
                let position = flex.iter().position(|&f| f == i).unwrap_or(0) as u32;
                let share = spare / flex.len().max(1) as u32;
                // The first flexible column takes the remainder.
                let extra = if position == 0 {
                    share + spare % flex.len().max(1) as u32
                } else {
                    share
                };
                given += extra;
                min.saturating_add(extra as u16)
            }
        };
        out.push((i, w));
    }
    let _ = given;
    out
}

/// Fits one cell's text into `width` columns, padded; right-aligned when asked.
pub fn fit(text: &str, width: u16, right: bool) -> String {
    let safe = display_safe(text);
    let cut = truncate_to_width(&safe, width as usize);
    if right {
        let pad = (width as usize).saturating_sub(display_width(&cut));
        format!("{}{}", " ".repeat(pad), cut)
    } else {
        pad_to_width(&cut, width as usize)
    }
}

/// One row of a table: its cells, style, and the matched char positions of the
/// highlighted column's text.
pub struct TableRow {
    pub cells: Vec<String>,
    pub role: Role,
    pub highlight: Option<Vec<usize>>,
}

/// A header and some rows, one of which may be selected.
pub struct Table<'a> {
    pub columns: &'a [Column],
    pub headers: Vec<&'a str>,
    pub rows: Vec<TableRow>,
    pub selected: Option<usize>,
    /// The column whose matched characters are highlighted.
    pub highlight_column: usize,
}

/// A cell as spans, its matched characters highlighted.
fn fit_highlighted(
    text: &str,
    width: u16,
    positions: &[usize],
    base: ratatui::style::Style,
) -> Vec<Span<'static>> {
    let fitted = fit(text, width, false);
    let mark = base.patch(style(Role::Match));
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut run = String::new();
    let mut run_marked = false;
    for (i, c) in fitted.chars().enumerate() {
        // The ellipsis and padding are never matches.
        let marked = positions.binary_search(&i).is_ok() && c != '…';
        if marked != run_marked && !run.is_empty() {
            spans.push(Span::styled(
                std::mem::take(&mut run),
                if run_marked { mark } else { base },
            ));
        }
        run_marked = marked;
        run.push(c);
    }
    if !run.is_empty() {
        spans.push(Span::styled(run, if run_marked { mark } else { base }));
    }
    spans
}

impl Widget for Table<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.height == 0 || area.width == 0 {
            return;
        }
        let layout = layout_columns(self.columns, area.width);
        let line = |cells: &dyn Fn(usize) -> String| -> String {
            layout
                .iter()
                .map(|&(i, w)| fit(&cells(i), w, self.columns[i].right))
                .collect::<Vec<_>>()
                .join(" ")
        };
        let header = line(&|i| self.headers.get(i).copied().unwrap_or("").to_string());
        buf.set_line(
            area.x,
            area.y,
            &Line::from(Span::styled(header, style(Role::Header))),
            area.width,
        );
        for (n, row) in self.rows.iter().enumerate() {
            let y = area.y + 1 + n as u16;
            if y >= area.y + area.height {
                break;
            }
            let mut row_style = style(row.role);
            if self.selected == Some(n) {
                row_style = row_style.patch(style(Role::Selected));
            }
            let mut spans: Vec<Span> = Vec::new();
            for (k, &(i, w)) in layout.iter().enumerate() {
                if k > 0 {
                    spans.push(Span::styled(" ", row_style));
                }
                let cell = row.cells.get(i).map(String::as_str).unwrap_or("");
                match &row.highlight {
                    Some(positions) if i == self.highlight_column => {
                        spans.extend(fit_highlighted(cell, w, positions, row_style));
                    }
                    _ => spans.push(Span::styled(fit(cell, w, self.columns[i].right), row_style)),
                }
            }
            let used: usize = spans.iter().map(|s| display_width(&s.content)).sum();
            if used < area.width as usize {
                spans.push(Span::styled(
                    " ".repeat(area.width as usize - used),
                    row_style,
                ));
            }
            buf.set_line(area.x, y, &Line::from(spans), area.width);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::i18n::Msg;

    const COLS: &[Column] = &[
        Column {
            header: Msg::ColCode,
            width: Width::Fixed(4),
            priority: 9,
            right: false,
        },
        Column {
            header: Msg::ColTitle,
            width: Width::Flex { min: 6 },
            priority: 9,
            right: false,
        },
        Column {
            header: Msg::ColPrice,
            width: Width::Fixed(5),
            priority: 1,
            right: true,
        },
    ];

    #[test]
    fn chinese_cells_stay_aligned_and_end_in_an_ellipsis() {
        let table = Table {
            columns: COLS,
            headers: vec!["编号", "名称", "价格"],
            rows: vec![
                TableRow {
                    cells: vec!["A001".into(), "稀土永磁材料晶界扩散".into(), "12万".into()],
                    role: Role::Normal,
                    highlight: Some(vec![0, 1]),
                },
                TableRow {
                    cells: vec!["A002".into(), "LoRa传感器".into(), "5".into()],
                    role: Role::Normal,
                    highlight: None,
                },
            ],
            selected: None,
            highlight_column: 1,
        };
        let mut buf = Buffer::empty(Rect::new(0, 0, 20, 3));
        table.render(buf.area, &mut buf);
        let expected = Buffer::with_lines([
            "编号 名称       价格",
            "A001 稀土永磁…  12万",
            "A002 LoRa传感…     5",
        ]);
        // Compare text only; styles are asserted elsewhere.
        for y in 0..3 {
            for x in 0..20 {
                assert_eq!(
                    buf[(x, y)].symbol(),
                    expected[(x, y)].symbol(),
                    "at {x},{y}"
                );
            }
        }
    }

    #[test]
    fn narrow_terminals_drop_low_priority_columns_first() {
        assert_eq!(layout_columns(COLS, 30).len(), 3);
        let narrow = layout_columns(COLS, 12);
        assert_eq!(
            narrow.iter().map(|(i, _)| *i).collect::<Vec<_>>(),
            vec![0, 1]
        );
        assert_eq!(narrow[1].1, 7);
    }

    #[test]
    fn control_sequences_in_cells_render_inert() {
        let cell = fit("\x1b]0;pwned\x07标题\u{202E}", 20, false);
        assert!(!cell.chars().any(|c| c.is_control() || c == '\u{202E}'));
    }
}
