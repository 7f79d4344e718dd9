//! The dashboard's big screen for a projector at the back of the hall: six figures in
//! block digits as large as the terminal allows, the signed ones first.
use crate::domain::lang::Lang;
use crate::domain::money::Money;
use crate::domain::text::{display_width, truncate_to_width};
use crate::tui::i18n::Msg;
use crate::tui::state::State;
use crate::tui::theme::{Role, style};
use crate::tui::widgets::big_digits;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Widget};

/// A money total as a number and its unit, in 亿元 or 万元 (yuan units in English).
fn money_figure(m: Money, lang: Lang) -> (String, &'static str) {
    let fen = m.fen();
    match lang {
        Lang::Zh if fen >= 10_000_000_000 => (format!("{:.2}", fen as f64 / 1e10), "亿元"),
        Lang::Zh => (format!("{:.2}", fen as f64 / 1e6), "万元"),
        Lang::En if fen >= 100_000_000_000 => (format!("{:.2}", fen as f64 / 1e11), "billion yuan"),
        Lang::En => (format!("{:.2}", fen as f64 / 1e8), "million yuan"),
    }
}

pub struct BigScreen<'a> {
    pub state: &'a State,
}

impl Widget for BigScreen<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let lang = self.state.lang;
        let t = &self.state.snapshot.tallies;
        let title = self
            .state
            .snapshot
            .fair
            .as_ref()
            .map(|f| f.name.clone())
            .unwrap_or_default();
        let title = truncate_to_width(&title, area.width as usize).into_owned();
        let x = area.x + area.width.saturating_sub(display_width(&title) as u16) / 2;
        buf.set_line(
            x,
            area.y,
            &Line::from(Span::styled(title, style(Role::Title))),
            area.width,
        );
        let (contract, contract_unit) = money_figure(t.contract_amount, lang);
        let (tech, tech_unit) = money_figure(t.tech_amount, lang);
        let unit_items = match lang {
            Lang::Zh => "项",
            Lang::En => "",
        };
        let figures: [(Msg, String, &str); 6] = [
            (Msg::BigAgreements, t.agreements.to_string(), unit_items),
            (Msg::BigContract, contract, contract_unit),
            (Msg::BigTech, tech, tech_unit),
            (Msg::BigAchievements, t.achievements.to_string(), unit_items),
            (
                Msg::BigInterests,
                t.interests.total.to_string(),
                lang.pick("条", ""),
            ),
            (
                Msg::BigMeetings,
                t.meetings.held.to_string(),
                lang.pick("场", ""),
            ),
        ];
        // Three columns by two rows when wide, else one column of the signed figures.
        let body = Rect::new(
            area.x,
            area.y + 1,
            area.width,
            area.height.saturating_sub(2),
        );
        let (columns, rows) = if body.width >= 90 {
            (3u16, 2u16)
        } else {
            (1, 3)
        };
        let cell_w = body.width / columns;
        let cell_h = body.height / rows;
        for (i, (label, value, unit)) in figures.iter().enumerate().take((columns * rows) as usize)
        {
            let col = i as u16 % columns;
            let row = i as u16 / columns;
            let cell = Rect::new(body.x + col * cell_w, body.y + row * cell_h, cell_w, cell_h);
            let block = Block::default().borders(Borders::ALL).title(Span::styled(
                format!(" {} ", label.text(lang)),
                style(Role::Title),
            ));
            let inner = block.inner(cell);
            block.render(cell, buf);
            if inner.height == 0 {
                continue;
            }
            // The unit goes on the last line; the digits take the rest.
            let digits_area = Rect::new(
                inner.x,
                inner.y,
                inner.width,
                inner.height.saturating_sub(1),
            );
            let scale = big_digits::fitting_scale(value, digits_area.width, digits_area.height);
            let role = if i < 3 { Role::Figure } else { Role::Bar };
            if scale > 0 {
                big_digits::draw(value, scale, digits_area, style(role), buf);
            } else {
                let x = inner.x + inner.width.saturating_sub(value.len() as u16) / 2;
                buf.set_string(x, inner.y + inner.height / 2, value, style(role));
            }
            let unit_x = inner.x + inner.width.saturating_sub(display_width(unit) as u16) / 2;
            buf.set_string(
                unit_x,
                inner.y + inner.height - 1,
                *unit,
                style(Role::Muted),
            );
        }
        let hint = Msg::BigHint.text(lang);
        buf.set_string(area.x, area.y + area.height - 1, hint, style(Role::Muted));
    }
}
