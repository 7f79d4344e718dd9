//! Drawing: a pure function of the state. Nothing here reads the database.
pub mod banner;
pub mod conflicts;
pub mod dashboard;
pub mod help;
pub mod table;

use crate::domain::text::{display_safe, display_width, pad_to_width};
use crate::tui::columns::{columns, row};
use crate::tui::i18n::Msg;
use crate::tui::state::{State, effective_offset};
use crate::tui::tabs::Tab;
use crate::tui::theme::{Role, style};
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

/// The screen's regions for a terminal of `area`: tab bar, body, status bar.
pub struct Areas {
    pub tabs: Rect,
    pub body: Rect,
    pub status: Rect,
}

pub fn areas(area: Rect) -> Areas {
    let tabs = Rect::new(area.x, area.y, area.width, area.height.min(1));
    let status_y = area.y + area.height.saturating_sub(1);
    let status = Rect::new(
        area.x,
        status_y,
        area.width,
        if area.height >= 2 { 1 } else { 0 },
    );
    let body_height = area.height.saturating_sub(2);
    let body = Rect::new(area.x, area.y + 1, area.width, body_height);
    Areas { tabs, body, status }
}

/// Rows a list shows in a body of this size (one line is the header).
pub fn page_rows(area: Rect) -> usize {
    areas(area).body.height.saturating_sub(1) as usize
}

/// Where each tab's title sits on the tab bar: (first column, past-the-end column, tab).
pub fn tab_positions(state: &State) -> Vec<(u16, u16, Tab)> {
    let mut x = 0u16;
    let mut out = Vec::new();
    for tab in Tab::ALL {
        let label = tab_label(state, tab);
        let w = display_width(&label) as u16;
        out.push((x, x + w, tab));
        x += w + 1;
    }
    out
}

fn tab_label(state: &State, tab: Tab) -> String {
    format!(" {} {} ", tab.index() + 1, tab.title().text(state.lang))
}

pub fn render(state: &State, frame: &mut Frame) {
    let area = frame.area();
    render_to(state, area, frame.buffer_mut());
}

/// Renders the whole screen into a buffer (tests and benchmarks call this directly).
pub fn render_to(state: &State, area: Rect, buf: &mut Buffer) {
    let a = areas(area);
    render_tabs(state, a.tabs, buf);
    if state.tab.is_list() {
        render_list(state, a.body, buf);
    } else {
        dashboard::Dashboard { state }.render(a.body, buf);
    }
    render_status(state, a.status, buf);
    banner::render(state, a.status, buf);
    if state.tab == Tab::Dashboard {
        conflicts::render_hint(state, a.body, buf);
    }
    if state.conflicts.open {
        conflicts::ConflictsOverlay { state }.render(a.body, buf);
    }
    if state.help_open {
        help::Help { state }.render(a.body, buf);
    }
    // Whatever a screen drew, nothing reaches the terminal as a control sequence.
    crate::tui::safety::make_inert(buf);
}

fn render_tabs(state: &State, area: Rect, buf: &mut Buffer) {
    if area.height == 0 {
        return;
    }
    let mut spans = Vec::new();
    for tab in Tab::ALL {
        let role = if tab == state.tab {
            Role::ActiveTab
        } else {
            Role::Tab
        };
        spans.push(Span::styled(tab_label(state, tab), style(role)));
        spans.push(Span::raw("│"));
    }
    buf.set_line(area.x, area.y, &Line::from(spans), area.width);
}

fn render_list(state: &State, area: Rect, buf: &mut Buffer) {
    let tab = state.tab;
    let visible = &state.visible[tab.index()];
    let page = area.height.saturating_sub(1) as usize;
    let cursor = state.cursor(tab);
    let offset = effective_offset(cursor, page, visible.len());
    let counts = if tab == Tab::Achievements {
        state.snapshot.interest_counts()
    } else {
        Default::default()
    };
    let count_of = |id: &str| counts.get(id).copied().unwrap_or(0);
    let rows = visible
        .iter()
        .skip(offset)
        .take(page)
        .map(|&i| {
            let r = row(tab, &state.snapshot, i, state.lang, &count_of);
            (r.cells, r.role)
        })
        .collect::<Vec<_>>();
    let cols = columns(tab);
    let headers = cols.iter().map(|c| c.header.text(state.lang)).collect();
    let selected = (!visible.is_empty()).then(|| cursor.selected - offset);
    table::Table {
        columns: cols,
        headers,
        rows,
        selected,
    }
    .render(area, buf);
    if visible.is_empty() && area.height > 1 {
        let text = Msg::EmptyList.text(state.lang);
        buf.set_string(area.x + 1, area.y + 1, text, style(Role::Muted));
    }
}

fn render_status(state: &State, area: Rect, buf: &mut Buffer) {
    if area.height == 0 {
        return;
    }
    let lang = state.lang;
    let sep = lang.pick("：", ": ");
    let fair_name = state
        .snapshot
        .fair
        .as_ref()
        .map(|f| f.name.as_str())
        .unwrap_or("");
    let mut left = format!(
        " {}{sep}{} │ {}{sep}{} │ {}{sep}{}",
        Msg::StatusFair.text(lang),
        display_safe(fair_name),
        Msg::StatusDesk.text(lang),
        display_safe(&state.desk),
        Msg::StatusFile.text(lang),
        display_safe(&state.file),
    );
    if state.tab.is_list() {
        left.push_str(&format!(
            " │ {} {}",
            state.row_count(state.tab),
            Msg::StatusRows.text(lang)
        ));
    }
    let right = match state.status {
        Some(msg) => format!("{} │ {} ", msg.text(lang), Msg::StatusHelpHint.text(lang)),
        None => format!("{} ", Msg::StatusHelpHint.text(lang)),
    };
    let width = area.width as usize;
    let right_w = display_width(&right);
    let left_room = width.saturating_sub(right_w + 1);
    let line = format!("{} {}", pad_to_width(&left, left_room), right);
    buf.set_line(
        area.x,
        area.y,
        &Line::from(Span::styled(
            pad_to_width(&line, width),
            style(Role::StatusBar),
        )),
        area.width,
    );
}
