//! Drawing a record form and its picker. `layout` is shared with the cursor placement.
use crate::app::desk::RecordKind;
use crate::app::views::Snapshot;
use crate::domain::error::field_label;
use crate::domain::lang::Lang;
use crate::domain::text::{display_width, pad_to_width, truncate_to_width};
use crate::tui::form::{FieldKind, Form};
use crate::tui::i18n::Msg;
use crate::tui::theme::{Role, style};
use crate::tui::view::popup;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Widget};

/// Where things are in a form drawn in `area`.
pub struct FormLayout {
    pub inner: Rect,
    pub label_width: u16,
    /// For each field, its line (when scrolled into view).
    pub field_y: Vec<Option<u16>>,
}

fn label_text(form: &Form, i: usize, lang: Lang) -> String {
    let spec = form.specs[i];
    let mut label = field_label(spec.name, lang).to_string();
    if spec.required {
        label.push('*');
    }
    label
}

/// The form's box inside the body: nearly all of it.
pub fn form_area(body: Rect) -> Rect {
    popup(body, body.width.saturating_sub(4).min(100), body.height)
}

pub fn layout(form: &Form, area: Rect, lang: Lang) -> FormLayout {
    let inner = Block::default().borders(Borders::ALL).inner(area);
    let label_width = (0..form.specs.len())
        .map(|i| display_width(&label_text(form, i, lang)))
        .max()
        .unwrap_or(0) as u16
        + 2;
    // Each field takes one line, plus one for its error when shown; the last line of
    // the box is the hint. Scroll so the focused field is visible.
    let heights: Vec<u16> = (0..form.specs.len())
        .map(|i| if form.shown_error(i).is_some() { 2 } else { 1 })
        .collect();
    let room = inner.height.saturating_sub(1);
    let mut first = 0;
    loop {
        let used: u16 = heights[first..=form.focus.max(first)].iter().sum();
        if used <= room || first >= form.focus {
            break;
        }
        first += 1;
    }
    let mut field_y = vec![None; form.specs.len()];
    let mut y = inner.y;
    for i in first..form.specs.len() {
        if y + heights[i] > inner.y + room {
            break;
        }
        field_y[i] = Some(y);
        y += heights[i];
    }
    FormLayout {
        inner,
        label_width,
        field_y,
    }
}

pub struct FormView<'a> {
    pub form: &'a Form,
    pub snapshot: &'a Snapshot,
    pub lang: Lang,
}

impl Widget for FormView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let FormView {
            form,
            snapshot,
            lang,
        } = self;
        Clear.render(area, buf);
        let title = match (form.kind, form.editing.is_some()) {
            (RecordKind::Achievement, false) => Msg::FormNewAchievement,
            (RecordKind::Achievement, true) => Msg::FormEditAchievement,
            (RecordKind::Organization, false) => Msg::FormNewOrganization,
            (RecordKind::Organization, true) => Msg::FormEditOrganization,
            (RecordKind::Interest, _) => Msg::FormNewInterest,
            (RecordKind::Meeting, _) => Msg::FormNewMeeting,
            (RecordKind::Agreement, _) => Msg::FormNewAgreement,
        };
        Block::default()
            .borders(Borders::ALL)
            .title(Span::styled(
                format!(" {} ", title.text(lang)),
                style(Role::Title),
            ))
            .render(area, buf);
        let l = layout(form, area, lang);
        let value_x = l.inner.x + l.label_width;
        let value_w = l.inner.width.saturating_sub(l.label_width) as usize;
        for (i, y) in l.field_y.iter().enumerate() {
            let Some(y) = *y else { continue };
            let focused = i == form.focus;
            let label = pad_to_width(&label_text(form, i, lang), l.label_width as usize);
            let label_role = if focused { Role::Title } else { Role::Muted };
            buf.set_line(
                l.inner.x,
                y,
                &Line::from(Span::styled(label, style(label_role))),
                l.label_width,
            );
            let is_text = matches!(form.specs[i].kind, FieldKind::Text | FieldKind::Money);
            let shown = if is_text && focused {
                form.values[i].view(value_w).0
            } else {
                let v = form.display_value(i, snapshot, lang);
                if v.is_empty() && !is_text && focused {
                    format!("‹{}›", Msg::FormPickHint.text(lang))
                } else {
                    truncate_to_width(&v, value_w).into_owned()
                }
            };
            let mut value_style = style(Role::Normal);
            if focused {
                value_style = value_style.patch(style(Role::Selected));
            }
            let padded = pad_to_width(&shown, value_w);
            buf.set_line(
                value_x,
                y,
                &Line::from(Span::styled(padded, value_style)),
                value_w as u16,
            );
            if let Some(error) = form.shown_error(i) {
                let text = truncate_to_width(&error.problem.message(lang), value_w).into_owned();
                buf.set_line(
                    value_x,
                    y + 1,
                    &Line::from(Span::styled(text, style(Role::Error))),
                    value_w as u16,
                );
            }
        }
        let hint_y = l.inner.y + l.inner.height.saturating_sub(1);
        buf.set_line(
            l.inner.x,
            hint_y,
            &Line::from(Span::styled(Msg::FormHint.text(lang), style(Role::Muted))),
            l.inner.width,
        );
        if let Some(picker) = &form.picker {
            let anchor = l.field_y[form.focus].unwrap_or(l.inner.y);
            let rect = picker_area(area, value_x, anchor);
            PickerView { form, lang }.render(rect, buf);
            let _ = picker;
        }
    }
}

/// The picker's box: below the field when there is room, else above it.
pub fn picker_area(form_area: Rect, x: u16, field_y: u16) -> Rect {
    let width = 44.min(form_area.width.saturating_sub(x - form_area.x));
    let height = 14.min(form_area.height);
    let below = field_y + 1;
    let y = if below + height <= form_area.y + form_area.height {
        below
    } else {
        (field_y + 1).saturating_sub(height).max(form_area.y)
    };
    Rect::new(x, y, width, height)
}

struct PickerView<'a> {
    form: &'a Form,
    lang: Lang,
}

impl Widget for PickerView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let Some(picker) = &self.form.picker else {
            return;
        };
        let lang = self.lang;
        Clear.render(area, buf);
        let hint = if picker.multi {
            Msg::PickerMultiHint
        } else {
            Msg::PickerHint
        };
        let block = Block::default()
            .borders(Borders::ALL)
            .title(Span::styled(
                format!(
                    " {} ",
                    field_label(self.form.specs[self.form.focus].name, lang)
                ),
                style(Role::Title),
            ))
            .title_bottom(Span::styled(
                format!(" {} ", hint.text(lang)),
                style(Role::Muted),
            ));
        let inner = block.inner(area);
        block.render(area, buf);
        if inner.height == 0 {
            return;
        }
        let (filter, _) = picker.filter.view(inner.width.saturating_sub(2) as usize);
        buf.set_line(
            inner.x,
            inner.y,
            &Line::from(vec![
                Span::styled("> ", style(Role::Figure)),
                Span::raw(filter),
            ]),
            inner.width,
        );
        let rows = inner.height.saturating_sub(1) as usize;
        let offset = crate::tui::state::effective_offset(picker.cursor, rows, picker.rows.len());
        for (n, &option) in picker.rows.iter().skip(offset).take(rows).enumerate() {
            let o = &picker.options[option];
            let mark = if picker.multi {
                if picker.chosen.contains(&o.value) {
                    "[x] "
                } else {
                    "[ ] "
                }
            } else {
                ""
            };
            let text = pad_to_width(&format!("{mark}{}", o.label), inner.width as usize);
            let mut s = style(Role::Normal);
            if offset + n == picker.cursor.selected {
                s = s.patch(style(Role::Selected));
            }
            buf.set_line(
                inner.x,
                inner.y + 1 + n as u16,
                &Line::from(Span::styled(text, s)),
                inner.width,
            );
        }
    }
}

/// Where the terminal cursor goes in a form (an IME draws its candidates there).
pub fn cursor(form: &Form, area: Rect, lang: Lang) -> Option<Position> {
    let l = layout(form, area, lang);
    if let Some(picker) = &form.picker {
        let anchor = l.field_y[form.focus].unwrap_or(l.inner.y);
        let rect = picker_area(area, l.inner.x + l.label_width, anchor);
        let inner = Block::default().borders(Borders::ALL).inner(rect);
        let (_, col) = picker.filter.view(inner.width.saturating_sub(2) as usize);
        return Some(Position::new(inner.x + 2 + col as u16, inner.y));
    }
    if !form.focus_is_text() {
        return None;
    }
    let y = l.field_y[form.focus]?;
    let value_w = l.inner.width.saturating_sub(l.label_width) as usize;
    let (_, col) = form.values[form.focus].view(value_w);
    Some(Position::new(l.inner.x + l.label_width + col as u16, y))
}
