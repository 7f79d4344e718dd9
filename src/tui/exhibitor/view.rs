//! Drawing the exhibitor view.
use crate::domain::text::display_width;
use crate::domain::vocab::{INTEREST_LEVELS, TECH_FIELDS, meeting_status_label};
use crate::tui::columns::{Column, Width};
use crate::tui::exhibitor::state::{ExhibitorState, ExhibitorTab};
use crate::tui::i18n::Msg;
use crate::tui::theme::{Role, style};
use crate::tui::view::help::Help;
use crate::tui::view::popup;
use crate::tui::view::table::{Table, TableRow};
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Widget};

const fn col(header: Msg, width: Width, priority: u8) -> Column {
    Column {
        header,
        width,
        priority,
        right: false,
    }
}

const ACHIEVEMENT_COLUMNS: &[Column] = &[
    col(Msg::ColCode, Width::Fixed(5), 9),
    col(Msg::ColTitle, Width::Flex { min: 20 }, 9),
    col(Msg::ColField, Width::Fixed(10), 5),
    col(Msg::ColInterests, Width::Fixed(8), 7),
    col(Msg::TabMeetings, Width::Fixed(6), 6),
];
const INTEREST_COLUMNS: &[Column] = &[
    col(Msg::ColTime, Width::Fixed(11), 6),
    col(Msg::ColCode, Width::Fixed(5), 8),
    col(Msg::ColEnterprise, Width::Flex { min: 16 }, 9),
    col(Msg::ColLevel, Width::Fixed(10), 8),
    col(Msg::ColContact, Width::Flex { min: 24 }, 7),
    col(Msg::ExhibitorNote, Width::Flex { min: 10 }, 3),
];
const MEETING_COLUMNS: &[Column] = &[
    col(Msg::ColSlot, Width::Fixed(11), 9),
    col(Msg::ColTable, Width::Fixed(6), 8),
    col(Msg::ColEnterprise, Width::Flex { min: 16 }, 9),
    col(Msg::ColAchievement, Width::Flex { min: 16 }, 6),
    col(Msg::ColStatus, Width::Fixed(8), 7),
];

fn tab_title(tab: ExhibitorTab) -> Msg {
    match tab {
        ExhibitorTab::Achievements => Msg::ExhibitorAchievements,
        ExhibitorTab::Interests => Msg::ExhibitorInterests,
        ExhibitorTab::Meetings => Msg::TabMeetings,
    }
}

pub fn render(state: &ExhibitorState, frame: &mut Frame) {
    let area = frame.area();
    render_to(state, area, frame.buffer_mut());
    if let Some(position) = cursor(state, area) {
        frame.set_cursor_position(position);
    }
}

fn login_box(area: Rect) -> Rect {
    popup(area, 60, 9)
}

pub fn cursor(state: &ExhibitorState, area: Rect) -> Option<Position> {
    if state.data.is_some() || state.help_open {
        return None;
    }
    let inner = Block::default()
        .borders(Borders::ALL)
        .inner(login_box(area));
    let prompt = display_width(Msg::ExhibitorCodePrompt.text(state.lang)) as u16;
    Some(Position::new(
        inner.x + 1 + prompt + state.code.value().chars().count() as u16,
        inner.y + 3,
    ))
}

pub fn render_to(state: &ExhibitorState, area: Rect, buf: &mut Buffer) {
    let lang = state.lang;
    let title = format!(
        " {} · {} · {} ",
        state.session.fair_name(),
        state.session.organization_name(),
        Msg::ExhibitorReadOnly.text(lang)
    );
    buf.set_line(
        area.x,
        area.y,
        &Line::from(Span::styled(title, style(Role::StatusBar))),
        area.width,
    );
    let body = Rect::new(
        area.x,
        area.y + 1,
        area.width,
        area.height.saturating_sub(2),
    );
    let Some(data) = &state.data else {
        let b = login_box(area);
        let block = Block::default().borders(Borders::ALL).title(Span::styled(
            format!(" {} ", Msg::ExhibitorLoginTitle.text(lang)),
            style(Role::Title),
        ));
        let inner = block.inner(b);
        block.render(b, buf);
        buf.set_string(
            inner.x + 1,
            inner.y + 1,
            Msg::ExhibitorLoginBody.text(lang),
            style(Role::Normal),
        );
        // The code is never shown: one dot per character.
        let dots = "*".repeat(state.code.value().chars().count());
        buf.set_line(
            inner.x + 1,
            inner.y + 3,
            &Line::from(vec![
                Span::styled(Msg::ExhibitorCodePrompt.text(lang), style(Role::Muted)),
                Span::styled(dots, style(Role::Figure)),
            ]),
            inner.width.saturating_sub(1),
        );
        if let Some(message) = &state.login_message {
            buf.set_string(inner.x + 1, inner.y + 5, message, style(Role::Error));
        }
        return;
    };
    let zone = state.session.zone();
    let mut spans = Vec::new();
    for tab in ExhibitorTab::ALL {
        let role = if tab == state.tab {
            Role::ActiveTab
        } else {
            Role::Tab
        };
        spans.push(Span::styled(
            format!(" {} ", tab_title(tab).text(lang)),
            style(role),
        ));
        spans.push(Span::raw("│"));
    }
    buf.set_line(body.x, body.y, &Line::from(spans), body.width);
    let list = Rect::new(
        body.x,
        body.y + 1,
        body.width,
        body.height.saturating_sub(1),
    );
    let time =
        |t: chrono::DateTime<chrono::Utc>| t.with_timezone(&zone).format("%m-%d %H:%M").to_string();
    let (columns, rows): (&[Column], Vec<Vec<String>>) = match state.tab {
        ExhibitorTab::Achievements => (
            ACHIEVEMENT_COLUMNS,
            data.achievements
                .iter()
                .map(|a| {
                    vec![
                        a.code.clone(),
                        a.data.title.clone(),
                        TECH_FIELDS.label(&a.data.field, lang),
                        data.interests
                            .iter()
                            .filter(|i| i.achievement_code == a.code)
                            .count()
                            .to_string(),
                        data.meetings
                            .iter()
                            .filter(|m| m.achievement_code == a.code)
                            .count()
                            .to_string(),
                    ]
                })
                .collect(),
        ),
        ExhibitorTab::Interests => (
            INTEREST_COLUMNS,
            data.interests
                .iter()
                .map(|i| {
                    let contact = match &i.contact {
                        Some(c) => [c.name.clone(), c.phone.clone(), c.email.clone()]
                            .into_iter()
                            .flatten()
                            .collect::<Vec<_>>()
                            .join(" "),
                        None => Msg::ExhibitorNoConsent.text(lang).to_string(),
                    };
                    vec![
                        time(i.logged_at),
                        i.achievement_code.clone(),
                        i.enterprise.clone(),
                        INTEREST_LEVELS.label(&i.level, lang),
                        contact,
                        i.note.clone().unwrap_or_default(),
                    ]
                })
                .collect(),
        ),
        ExhibitorTab::Meetings => (
            MEETING_COLUMNS,
            data.meetings
                .iter()
                .map(|m| {
                    vec![
                        time(m.slot_start),
                        m.table_no.to_string(),
                        m.enterprise.clone(),
                        format!("{} {}", m.achievement_code, m.achievement_title),
                        meeting_status_label(&m.status, lang).to_string(),
                    ]
                })
                .collect(),
        ),
    };
    let scroll = state.scroll[state.tab.index()];
    Table {
        columns,
        headers: columns.iter().map(|c| c.header.text(lang)).collect(),
        rows: rows
            .into_iter()
            .skip(scroll)
            .map(|cells| TableRow {
                cells,
                role: Role::Normal,
                highlight: None,
            })
            .collect(),
        selected: None,
        highlight_column: 0,
    }
    .render(list, buf);
    let status = Rect::new(
        area.x,
        area.y + area.height.saturating_sub(1),
        area.width,
        1,
    );
    let hint = format!(" {}", Msg::ExhibitorHint.text(lang));
    buf.set_line(
        status.x,
        status.y,
        &Line::from(Span::styled(hint, style(Role::StatusBar))),
        status.width,
    );
    if state.help_open {
        Help {
            lang,
            context: crate::tui::keymap::Context::ExhibitorView,
        }
        .render(body, buf);
    }
}
