//! The help overlay: every key of the current screen, from the key map itself. When
//! the list is taller than the screen it is laid out in two columns.
use crate::domain::lang::Lang;
use crate::domain::text::{display_width, pad_to_width, truncate_to_width};
use crate::tui::i18n::Msg;
use crate::tui::keymap::{Context, help_entries};
use crate::tui::theme::{Role, style};
use crate::tui::view::popup;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Widget};

/// The help for the keys of `context`.
pub struct Help {
    pub lang: Lang,
    pub context: Context,
}

impl Widget for Help {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let lang = self.lang;
        let entries = help_entries(self.context);
        let key_w = entries
            .iter()
            .map(|(k, _)| display_width(k))
            .max()
            .unwrap_or(0)
            + 2;
        let text_w = entries
            .iter()
            .map(|(_, m)| display_width(m.text(lang)))
            .max()
            .unwrap_or(0);
        let one_column = entries.len() as u16 + 2 <= area.height;
        let columns: u16 = if one_column { 1 } else { 2 };
        let rows = (entries.len() as u16).div_ceil(columns);
        let column_w = (key_w + text_w + 2) as u16;
        let popup_area = popup(area, column_w * columns + 3, rows + 2);
        Clear.render(popup_area, buf);
        let block = Block::default()
            .borders(Borders::ALL)
            .title(Span::styled(
                format!(" {} ", Msg::HelpTitle.text(lang)),
                style(Role::Title),
            ))
            .title_bottom(Span::styled(
                format!(" {} ", Msg::HelpClose.text(lang)),
                style(Role::Muted),
            ));
        let inner = block.inner(popup_area);
        block.render(popup_area, buf);
        let width = inner.width.saturating_sub(1) / columns;
        for (n, (keys, msg)) in entries.iter().enumerate() {
            let column = n as u16 / rows.max(1);
            let row = inner.y + n as u16 % rows.max(1);
            if row >= inner.y + inner.height {
                continue;
            }
            let room = (width as usize).saturating_sub(key_w);
            let line = Line::from(vec![
                Span::styled(pad_to_width(keys, key_w), style(Role::Figure)),
                Span::raw(truncate_to_width(msg.text(lang), room).into_owned()),
            ]);
            buf.set_line(inner.x + 1 + column * width, row, &line, width);
        }
    }
}
