//! The meetings grid: time slots down, tables across, each cell the enterprise's code,
//! styled by the meeting's status. One fair day at a time.
use crate::domain::lang::Lang;
use crate::domain::text::{display_width, pad_to_width};
use crate::tui::i18n::Msg;
use crate::tui::state::State;
use crate::tui::theme::{Role, style};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

/// Width of one table's column: an organization code and a space.
const CELL: u16 = 5;
const TIME: u16 = 6;

pub struct Grid<'a> {
    pub state: &'a State,
}

impl Widget for Grid<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let state = self.state;
        let lang = state.lang;
        let snapshot = &state.snapshot;
        let zone = snapshot.zone();
        let days = snapshot.fair_days();
        let Some(day) = days.get(state.meeting_day.min(days.len().saturating_sub(1))) else {
            return;
        };
        let plan = &snapshot.meeting_plan;
        let slots = plan.slots(*day, zone);
        let fit = (area.width.saturating_sub(TIME) / CELL) as u32;
        let shown = plan.tables.min(fit.max(1));
        let title = format!(
            "{} {} · {} 1–{shown} / {} {}",
            Msg::GridTitle.text(lang),
            day.format("%Y-%m-%d"),
            Msg::GridTables.text(lang),
            plan.tables,
            match lang {
                Lang::Zh => "（[ ] 换日，v 返回列表）",
                Lang::En => "([ ] day, v list)",
            }
        );
        buf.set_line(
            area.x,
            area.y,
            &Line::from(Span::styled(title, style(Role::Title))),
            area.width,
        );
        let mut header = vec![Span::raw(pad_to_width("", TIME as usize))];
        for t in 1..=shown {
            header.push(Span::styled(
                pad_to_width(&format!("#{t}"), CELL as usize),
                style(Role::Header),
            ));
        }
        buf.set_line(area.x, area.y + 1, &Line::from(header), area.width);
        for (n, start) in slots.iter().enumerate() {
            let y = area.y + 2 + n as u16;
            if y >= area.y + area.height {
                break;
            }
            let mut spans = vec![Span::styled(
                pad_to_width(
                    &start.with_timezone(&zone).format("%H:%M").to_string(),
                    TIME as usize,
                ),
                style(Role::Muted),
            )];
            for t in 1..=shown {
                let meeting = snapshot.meetings.iter().find(|m| {
                    m.data.table_no == t
                        && m.data.slot_start == *start
                        && m.data.status != "cancelled"
                });
                let (text, role) = match meeting {
                    Some(m) => {
                        let code = snapshot
                            .organization(&m.data.enterprise_id)
                            .map(|o| o.code.clone())
                            .unwrap_or_default();
                        let role = match m.data.status.as_str() {
                            "held" => Role::Normal,
                            "no_show" => Role::Error,
                            _ => Role::Figure,
                        };
                        (code, role)
                    }
                    None => ("·".to_string(), Role::Muted),
                };
                let cell = pad_to_width(&text, CELL as usize);
                debug_assert!(display_width(&cell) == CELL as usize);
                spans.push(Span::styled(cell, style(role)));
            }
            buf.set_line(area.x, y, &Line::from(spans), area.width);
        }
    }
}
