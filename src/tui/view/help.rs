//! The help overlay: every key of the current screen, from the key map itself.
use crate::domain::text::pad_to_width;
use crate::tui::i18n::Msg;
use crate::tui::keymap::help_entries;
use crate::tui::state::State;
use crate::tui::theme::{Role, style};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Widget};

pub struct Help<'a> {
    pub state: &'a State,
}

impl Widget for Help<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let lang = self.state.lang;
        let entries = help_entries(self.state.tab);
        let height = (entries.len() as u16 + 3).min(area.height);
        let width = 56.min(area.width);
        let x = area.x + (area.width - width) / 2;
        let y = area.y + (area.height - height) / 2;
        let popup = Rect::new(x, y, width, height);
        Clear.render(popup, buf);
        let title = format!(
            " {} — {} ",
            Msg::HelpTitle.text(lang),
            self.state.tab.title().text(lang)
        );
        let block = Block::default()
            .borders(Borders::ALL)
            .title(Span::styled(title, style(Role::Title)))
            .title_bottom(Span::styled(
                format!(" {} ", Msg::HelpClose.text(lang)),
                style(Role::Muted),
            ));
        let inner = block.inner(popup);
        block.render(popup, buf);
        for (n, (keys, msg)) in entries.iter().enumerate() {
            let row = inner.y + n as u16;
            if row >= inner.y + inner.height {
                break;
            }
            let line = Line::from(vec![
                Span::styled(pad_to_width(keys, 16), style(Role::Figure)),
                Span::raw(msg.text(lang)),
            ]);
            buf.set_line(inner.x + 1, row, &line, inner.width.saturating_sub(1));
        }
    }
}
