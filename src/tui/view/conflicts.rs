//! The merge-conflict review overlay, and the dashboard's line saying conflicts wait.
use crate::app::views::Snapshot;
use crate::domain::error::field_label;
use crate::domain::lang::Lang;
use crate::domain::money::Money;
use crate::domain::text::{display_safe, display_width, pad_to_width};
use crate::store::conflicts::{Conflict, FieldDifference};
use crate::store::parse_time;
use crate::tui::conflicts::{Decision, ReviewNote};
use crate::tui::i18n::Msg;
use crate::tui::state::State;
use crate::tui::theme::{Role, style};
use crate::tui::view::table::fit;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Widget};

/// On the dashboard, the last body line says how many conflicts wait.
pub fn render_hint(state: &State, body: Rect, buf: &mut Buffer) {
    let waiting = state
        .snapshot
        .conflicts
        .iter()
        .filter(|c| c.is_open())
        .count();
    if waiting == 0 || body.height < 2 {
        return;
    }
    let y = body.y + body.height - 1;
    let text = format!(" {waiting} {} ", Msg::ConflictsHint.text(state.lang));
    let text = match state.lang {
        Lang::Zh => text,
        Lang::En => format!(" {waiting} {}", Msg::ConflictsHint.text(state.lang)),
    };
    buf.set_line(
        body.x,
        y,
        &Line::from(Span::styled(
            pad_to_width(&text, body.width as usize),
            style(Role::Error),
        )),
        body.width,
    );
}

fn status_text(status: &str, lang: Lang) -> &'static str {
    match status {
        "open" => Msg::ConflictStatusOpen.text(lang),
        "kept" => Msg::ConflictStatusKept.text(lang),
        "reversed" => Msg::ConflictStatusReversed.text(lang),
        _ => Msg::ConflictStatusSuperseded.text(lang),
    }
}

/// A stored time in the fair's zone, short.
fn when(snapshot: &Snapshot, text: &str) -> String {
    if text.is_empty() {
        return "—".into();
    }
    let zone = snapshot
        .fair
        .as_ref()
        .map(|f| f.zone())
        .unwrap_or(chrono_tz::Asia::Shanghai);
    parse_time(text)
        .with_timezone(&zone)
        .format("%m-%d %H:%M")
        .to_string()
}

/// A field's name for people: `holder_id` is the holder, `asking_price_fen` the price.
fn field_name(column: &str, lang: Lang) -> &'static str {
    let field = column.trim_end_matches("_fen").trim_end_matches("_id");
    let field = match field {
        "status_reason" | "void_reason" => "reason",
        "organization" => "organization",
        other => other,
    };
    field_label(field, lang)
}

/// A stored value for people: money in 万元, references by name, lists joined.
fn value_text(snapshot: &Snapshot, column: &str, value: &serde_json::Value, lang: Lang) -> String {
    use serde_json::Value;
    match value {
        Value::Null => "—".into(),
        Value::Number(n) if column.ends_with("_fen") => {
            Money::from_fen(n.as_i64().unwrap_or_default()).format_auto(lang)
        }
        Value::Number(n) => n.to_string(),
        Value::String(s) if column == "achievement_id" => snapshot.achievement_label(s),
        Value::String(s) if column.ends_with("_id") => snapshot.org_name(s).to_string(),
        Value::String(s) if s.starts_with('[') => serde_json::from_str::<Vec<String>>(s)
            .map(|items| items.join(lang.pick("、", ", ")))
            .unwrap_or_else(|_| s.clone()),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn record_label(snapshot: &Snapshot, c: &Conflict) -> String {
    match (&c.code, &c.enterprise_id, &c.achievement_id) {
        (Some(code), _, _) => format!("{code} {}", c.name),
        (None, Some(enterprise), Some(achievement)) => format!(
            "{} × {}",
            snapshot.org_name(enterprise),
            snapshot.achievement_label(achievement)
        ),
        _ => c.name.clone(),
    }
}

pub struct ConflictsOverlay<'a> {
    pub state: &'a State,
}

impl Widget for ConflictsOverlay<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let state = self.state;
        let lang = state.lang;
        let list = &state.snapshot.conflicts;
        let review = &state.conflicts;
        if area.width < 20 || area.height < 6 {
            return;
        }
        Clear.render(area, buf);
        let waiting = list.iter().filter(|c| c.is_open()).count();
        let block = Block::default()
            .borders(Borders::ALL)
            .title(Span::styled(
                format!(
                    " {} ({waiting}/{}) ",
                    Msg::ConflictsTitle.text(lang),
                    list.len()
                ),
                style(Role::Title),
            ))
            .title_bottom(Span::styled(
                format!(" {} ", Msg::ConflictsKeys.text(lang)),
                style(Role::Muted),
            ));
        let inner = block.inner(area);
        block.render(area, buf);
        if list.is_empty() {
            buf.set_string(
                inner.x + 1,
                inner.y,
                Msg::ConflictsNone.text(lang),
                style(Role::Muted),
            );
            return;
        }
        // The list takes up to half the height; the selected conflict's fields the rest.
        let list_rows = (list.len() as u16)
            .min(inner.height.saturating_sub(4) / 2)
            .max(1);
        let widths = [8u16, 8, 0, 24, 24];
        let flexible = inner
            .width
            .saturating_sub(widths.iter().sum::<u16>() + 4)
            .max(8);
        let cells = |c: &[String]| -> String {
            c.iter()
                .zip([widths[0], widths[1], flexible, widths[3], widths[4]])
                .map(|(text, w)| fit(text, w, false))
                .collect::<Vec<_>>()
                .join(" ")
        };
        let header = cells(&[
            Msg::ColStatus.text(lang).into(),
            Msg::ColConflictKind.text(lang).into(),
            Msg::ColConflictRecord.text(lang).into(),
            Msg::ColConflictKept.text(lang).into(),
            Msg::ColConflictSetAside.text(lang).into(),
        ]);
        buf.set_line(
            inner.x,
            inner.y,
            &Line::from(Span::styled(header, style(Role::Header))),
            inner.width,
        );
        let offset = review.selected.saturating_sub(list_rows as usize - 1);
        for (n, c) in list
            .iter()
            .enumerate()
            .skip(offset)
            .take(list_rows as usize)
        {
            let y = inner.y + 1 + (n - offset) as u16;
            let text = cells(&[
                status_text(&c.status, lang).into(),
                c.entity.label(lang).into(),
                record_label(&state.snapshot, c),
                format!(
                    "{} {}",
                    c.current_desk,
                    when(&state.snapshot, &c.current_at)
                ),
                format!(
                    "{} {}",
                    c.set_aside_desk,
                    when(&state.snapshot, &c.set_aside_at)
                ),
            ]);
            let mut row_style = if c.is_open() {
                style(Role::Normal)
            } else {
                style(Role::Muted)
            };
            if n == review.selected {
                row_style = row_style.patch(style(Role::Selected));
            }
            buf.set_line(
                inner.x,
                y,
                &Line::from(Span::styled(
                    pad_to_width(&text, inner.width as usize),
                    row_style,
                )),
                inner.width,
            );
        }
        let Some(selected) = list.get(review.selected) else {
            return;
        };
        let top = inner.y + 2 + list_rows;
        let bottom = inner.y + inner.height - 1;
        draw_differences(
            state,
            selected,
            Rect::new(inner.x, top, inner.width, bottom.saturating_sub(top)),
            buf,
        );
        let (text, role) = match (&review.confirming, &review.note) {
            (Some(Decision::Keep), _) => {
                (Msg::ConflictConfirmKeep.text(lang).to_string(), Role::Error)
            }
            (Some(Decision::Reverse), _) => (
                Msg::ConflictConfirmReverse.text(lang).to_string(),
                Role::Error,
            ),
            (None, Some(ReviewNote::Done(Decision::Keep))) => {
                (Msg::ConflictDoneKeep.text(lang).to_string(), Role::Figure)
            }
            (None, Some(ReviewNote::Done(Decision::Reverse))) => (
                Msg::ConflictDoneReverse.text(lang).to_string(),
                Role::Figure,
            ),
            (None, Some(ReviewNote::AlreadyDecided)) => (
                Msg::ConflictAlreadyDecided.text(lang).to_string(),
                Role::Muted,
            ),
            (None, Some(ReviewNote::Failed(message))) => (message.clone(), Role::Error),
            (None, None) => (String::new(), Role::Normal),
        };
        buf.set_line(
            inner.x + 1,
            bottom,
            &Line::from(Span::styled(display_safe(&text).into_owned(), style(role))),
            inner.width.saturating_sub(1),
        );
    }
}

/// Field by field: the record now, and the version set aside.
fn draw_differences(state: &State, c: &Conflict, area: Rect, buf: &mut Buffer) {
    let lang = state.lang;
    if area.height < 2 {
        return;
    }
    let name_w = c
        .differences
        .iter()
        .map(|d| display_width(field_name(&d.column, lang)))
        .chain(std::iter::once(display_width(
            Msg::ColConflictField.text(lang),
        )))
        .max()
        .unwrap_or(4) as u16
        + 1;
    let half = area.width.saturating_sub(name_w + 2) / 2;
    let line = |name: &str, now: &str, then: &str| {
        format!(
            "{} {} {}",
            fit(name, name_w, false),
            fit(now, half, false),
            fit(then, half, false)
        )
    };
    buf.set_line(
        area.x,
        area.y,
        &Line::from(Span::styled(
            line(
                Msg::ColConflictField.text(lang),
                Msg::ColConflictKept.text(lang),
                Msg::ColConflictSetAside.text(lang),
            ),
            style(Role::Header),
        )),
        area.width,
    );
    if c.differences.is_empty() {
        buf.set_string(
            area.x + 1,
            area.y + 1,
            Msg::ConflictSameContent.text(lang),
            style(Role::Muted),
        );
    }
    for (n, d) in c.differences.iter().enumerate() {
        let y = area.y + 1 + n as u16;
        if y >= area.y + area.height {
            break;
        }
        let FieldDifference {
            column,
            current,
            set_aside,
        } = d;
        let text = line(
            field_name(column, lang),
            &value_text(&state.snapshot, column, current, lang),
            &value_text(&state.snapshot, column, set_aside, lang),
        );
        buf.set_line(area.x, y, &Line::from(text), area.width);
    }
}
