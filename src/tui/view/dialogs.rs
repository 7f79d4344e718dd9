//! Small dialogs: confirm, withdraw (with a reason), check-in, similar names, duplicate
//! credit code.
use crate::domain::lang::Lang;
use crate::domain::text::{display_safe, display_width, pad_to_width};
use crate::tui::i18n::{self, Msg};
use crate::tui::overlay::{ConfirmAction, Overlay};
use crate::tui::theme::{Role, style};
use crate::tui::view::popup;
use crate::tui::widgets::text_input::TextInput;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget, Wrap};

/// The box a dialog takes in the body.
pub fn dialog_area(body: Rect, overlay: &Overlay) -> Rect {
    let height = match overlay {
        Overlay::Similar(d) => d.candidates.len() as u16 + 6,
        _ => 7,
    };
    popup(body, 64.min(body.width), height.min(body.height))
}

fn frame(area: Rect, buf: &mut Buffer, title: &str, hint: &str) -> Rect {
    Clear.render(area, buf);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(format!(" {title} "), style(Role::Title)))
        .title_bottom(Span::styled(format!(" {hint} "), style(Role::Muted)));
    let inner = block.inner(area);
    block.render(area, buf);
    inner
}

fn text(buf: &mut Buffer, area: Rect, y: u16, content: &str, role: Role) {
    if y < area.y + area.height {
        buf.set_line(
            area.x,
            y,
            &Line::from(Span::styled(content.to_string(), style(role))),
            area.width,
        );
    }
}

/// The reason a withdraw or void asks for: its input on the third line, and below it
/// the refusal (`required`) when it was left empty.
fn reason_lines(
    buf: &mut Buffer,
    inner: Rect,
    prompt: &str,
    reason: &TextInput,
    missing: bool,
    required: &str,
) {
    input_line(buf, inner, inner.y + 2, prompt, reason, true);
    if missing {
        text(buf, inner, inner.y + 3, required, Role::Error);
    }
}

/// An input line: prompt, then the input's visible text.
fn input_line(
    buf: &mut Buffer,
    area: Rect,
    y: u16,
    prompt: &str,
    value: &TextInput,
    focused: bool,
) {
    let prompt_w = display_width(prompt) as u16;
    let width = area.width.saturating_sub(prompt_w) as usize;
    let (shown, _) = value.view(width);
    let mut s = style(Role::Normal);
    if focused {
        s = s.patch(style(Role::Selected));
    }
    buf.set_line(
        area.x,
        y,
        &Line::from(vec![
            Span::styled(prompt.to_string(), style(Role::Muted)),
            Span::styled(pad_to_width(&shown, width), s),
        ]),
        area.width,
    );
}

pub fn render(overlay: &Overlay, body: Rect, buf: &mut Buffer, lang: Lang) {
    let area = dialog_area(body, overlay);
    match overlay {
        Overlay::Confirm(c) => {
            let inner = frame(
                area,
                buf,
                Msg::ConfirmTitle.text(lang),
                Msg::ConfirmHint.text(lang),
            );
            let question = match c.action {
                ConfirmAction::DiscardForm => Msg::ConfirmDiscard,
                ConfirmAction::Quit => Msg::ConfirmQuit,
                ConfirmAction::CancelMeeting(_) => Msg::ConfirmCancelMeeting,
                ConfirmAction::IssueCode(_) => Msg::ConfirmIssueCode,
            };
            Paragraph::new(question.text(lang))
                .wrap(Wrap { trim: true })
                .render(inner, buf);
        }
        Overlay::Withdraw(d) => {
            let inner = frame(
                area,
                buf,
                Msg::WithdrawTitle.text(lang),
                Msg::WithdrawHint.text(lang),
            );
            Paragraph::new(i18n::withdraw_question(lang, &display_safe(&d.label)))
                .wrap(Wrap { trim: true })
                .render(
                    Rect::new(inner.x, inner.y, inner.width, 2.min(inner.height)),
                    buf,
                );
            reason_lines(
                buf,
                inner,
                Msg::WithdrawPrompt.text(lang),
                &d.reason,
                d.missing,
                Msg::ReasonRequired.text(lang),
            );
        }
        Overlay::CheckIn(d) => {
            let inner = frame(
                area,
                buf,
                Msg::CheckInTitle.text(lang),
                Msg::CheckInHint.text(lang),
            );
            text(buf, inner, inner.y, &display_safe(&d.label), Role::Title);
            input_line(
                buf,
                inner,
                inner.y + 2,
                Msg::CheckInPerson.text(lang),
                &d.person,
                d.focus == 0,
            );
            input_line(
                buf,
                inner,
                inner.y + 3,
                Msg::CheckInBadge.text(lang),
                &d.badge,
                d.focus == 1,
            );
        }
        Overlay::Similar(d) => {
            let inner = frame(
                area,
                buf,
                Msg::SimilarTitle.text(lang),
                Msg::SimilarHint.text(lang),
            );
            text(
                buf,
                inner,
                inner.y,
                Msg::SimilarBody.text(lang),
                Role::Normal,
            );
            for (n, (_, code, name)) in d.candidates.iter().enumerate() {
                let line = pad_to_width(
                    &format!("{code} {}", display_safe(name)),
                    inner.width as usize,
                );
                let role = if n == d.selected {
                    Role::Selected
                } else {
                    Role::Normal
                };
                text(buf, inner, inner.y + 2 + n as u16, &line, role);
            }
        }
        Overlay::Void(d) => {
            let inner = frame(
                area,
                buf,
                Msg::VoidTitle.text(lang),
                Msg::VoidHint.text(lang),
            );
            text(buf, inner, inner.y, &display_safe(&d.label), Role::Title);
            text(buf, inner, inner.y + 1, &d.effect, Role::Figure);
            reason_lines(
                buf,
                inner,
                Msg::VoidPrompt.text(lang),
                &d.reason,
                d.missing,
                Msg::VoidReasonRequired.text(lang),
            );
        }
        Overlay::Correct(d) => {
            let inner = frame(
                area,
                buf,
                Msg::CorrectTitle.text(lang),
                Msg::CorrectHint.text(lang),
            );
            text(buf, inner, inner.y, &display_safe(&d.label), Role::Title);
            input_line(
                buf,
                inner,
                inner.y + 2,
                Msg::CorrectContract.text(lang),
                &d.contract,
                d.focus == 0,
            );
            input_line(
                buf,
                inner,
                inner.y + 3,
                Msg::CorrectTech.text(lang),
                &d.tech,
                d.focus == 1,
            );
        }
        Overlay::Code(d) => {
            let inner = frame(
                area,
                buf,
                Msg::CodeTitle.text(lang),
                Msg::CodeHint.text(lang),
            );
            text(buf, inner, inner.y, &display_safe(&d.label), Role::Title);
            text(
                buf,
                inner,
                inner.y + 1,
                Msg::CodeBody.text(lang),
                Role::Normal,
            );
            let spaced: String = d.code.chars().map(|c| format!("{c} ")).collect();
            text(
                buf,
                inner,
                inner.y + 3,
                &format!("    {}", spaced.trim_end()),
                Role::Figure,
            );
        }
        Overlay::Duplicate(d) => {
            let inner = frame(
                area,
                buf,
                Msg::DuplicateTitle.text(lang),
                Msg::DuplicateHint.text(lang),
            );
            Paragraph::new(i18n::duplicate_body(lang, &d.code, &display_safe(&d.name)))
                .wrap(Wrap { trim: true })
                .render(inner, buf);
        }
        _ => {}
    }
}

/// Where the terminal cursor goes in a dialog with an input.
pub fn cursor(overlay: &Overlay, body: Rect, lang: Lang) -> Option<Position> {
    let area = dialog_area(body, overlay);
    let inner = Block::default().borders(Borders::ALL).inner(area);
    let place = |prompt: &str, input: &crate::tui::widgets::text_input::TextInput, y: u16| {
        let prompt_w = display_width(prompt) as u16;
        let (_, col) = input.view(inner.width.saturating_sub(prompt_w) as usize);
        Position::new(inner.x + prompt_w + col as u16, y)
    };
    match overlay {
        Overlay::Withdraw(d) => Some(place(
            Msg::WithdrawPrompt.text(lang),
            &d.reason,
            inner.y + 2,
        )),
        Overlay::CheckIn(d) if d.focus == 0 => {
            Some(place(Msg::CheckInPerson.text(lang), &d.person, inner.y + 2))
        }
        Overlay::CheckIn(d) => Some(place(Msg::CheckInBadge.text(lang), &d.badge, inner.y + 3)),
        Overlay::Void(d) => Some(place(Msg::VoidPrompt.text(lang), &d.reason, inner.y + 2)),
        Overlay::Correct(d) if d.focus == 0 => Some(place(
            Msg::CorrectContract.text(lang),
            &d.contract,
            inner.y + 2,
        )),
        Overlay::Correct(d) => Some(place(Msg::CorrectTech.text(lang), &d.tech, inner.y + 3)),
        _ => None,
    }
}
