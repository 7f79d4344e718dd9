//! Suggested matches with their reasons: achievements for a need, or enterprises for an
//! achievement. Pairs already linked (an interest or an agreement) are marked.
use crate::app::recommend::Target;
use crate::domain::lang::Lang;
use crate::domain::text::{display_safe, pad_to_width, truncate_to_width};
use crate::tui::i18n::Msg;
use crate::tui::overlay::SuggestionList;
use crate::tui::theme::{Role, style};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Widget};

pub struct SuggestionsView<'a> {
    pub list: &'a SuggestionList,
    pub lang: Lang,
}

impl Widget for SuggestionsView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let lang = self.lang;
        let r = &self.list.recommendations;
        Clear.render(area, buf);
        let title = match &r.target {
            Target::Need(n) => format!(
                " {} {} {} ",
                Msg::SuggestionsForNeed.text(lang),
                n.code,
                n.title
            ),
            Target::Achievement(a) => {
                format!(
                    " {} {} {} ",
                    Msg::SuggestionsForAchievement.text(lang),
                    a.code,
                    a.title
                )
            }
        };
        let block = Block::default()
            .borders(Borders::ALL)
            .title(Span::styled(
                display_safe(&title).into_owned(),
                style(Role::Title),
            ))
            .title_bottom(Span::styled(
                format!(" {} ", Msg::SuggestionsHint.text(lang)),
                style(Role::Muted),
            ));
        let inner = block.inner(area);
        block.render(area, buf);
        if r.suggestions.is_empty() {
            buf.set_string(
                inner.x + 1,
                inner.y,
                Msg::SuggestionNone.text(lang),
                style(Role::Muted),
            );
            return;
        }
        // Two lines a suggestion: the pair and its score, then the reasons.
        let per_page = (inner.height / 2).max(1) as usize;
        let first = self.list.selected.saturating_sub(per_page - 1);
        let width = inner.width as usize;
        for (n, s) in r.suggestions.iter().enumerate().skip(first).take(per_page) {
            let y = inner.y + ((n - first) * 2) as u16;
            let pair = match &r.target {
                Target::Need(_) => format!(
                    "{:>2}. {} {} — {}",
                    s.rank, s.achievement.code, s.achievement.title, s.achievement.holder.name
                ),
                Target::Achievement(_) => {
                    format!("{:>2}. {} {}", s.rank, s.enterprise.code, s.enterprise.name)
                }
            };
            let linked = if s.is_linked() {
                format!(" [{}]", Msg::SuggestionLinked.text(lang))
            } else {
                String::new()
            };
            let score = format!(" {:>3.0}", s.score);
            let room = width.saturating_sub(score.len() + linked.chars().count() * 2);
            let mut line_style = style(Role::Normal);
            if n == self.list.selected {
                line_style = line_style.patch(style(Role::Selected));
            }
            let head = pad_to_width(&truncate_to_width(&display_safe(&pair), room), room);
            buf.set_line(
                inner.x,
                y,
                &Line::from(vec![
                    Span::styled(head, line_style),
                    Span::styled(linked, style(Role::Muted)),
                    Span::styled(score, style(Role::Figure)),
                ]),
                inner.width,
            );
            if y + 1 < inner.y + inner.height {
                let reasons = format!("    {}", s.reasons_text(lang));
                let reasons = truncate_to_width(&display_safe(&reasons), width).into_owned();
                buf.set_line(
                    inner.x,
                    y + 1,
                    &Line::from(Span::styled(reasons, style(Role::Muted))),
                    inner.width,
                );
            }
        }
    }
}
