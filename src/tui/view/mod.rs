//! Drawing: a pure function of the state. Nothing here reads the database.
pub mod banner;
pub mod big_screen;
pub mod conflicts;
pub mod dashboard;
pub mod details;
pub mod dialogs;
pub mod form;
pub mod grid;
pub mod help;
pub mod suggestions;
pub mod table;

use crate::domain::text::{display_safe, display_width, pad_to_width};
use crate::tui::columns::{columns, main_column, row};
use crate::tui::i18n::Msg;
use crate::tui::overlay::Overlay;
use crate::tui::state::{State, Status, effective_offset};
use crate::tui::tabs::Tab;
use crate::tui::theme::{Role, style};
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
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

/// A box of at most `width` × `height`, centred in `area`.
pub fn popup(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect::new(
        area.x + (area.width - width) / 2,
        area.y + (area.height - height) / 2,
        width,
        height,
    )
}

/// Whether the list shows its search line (while typing, or while a filter is set).
fn shows_search(state: &State) -> bool {
    let list = state.list(state.tab);
    list.searching || !list.query.is_empty()
}

/// The list's table area within the body (below the search line when shown).
fn table_area(state: &State, body: Rect) -> Rect {
    if shows_search(state) {
        Rect::new(
            body.x,
            body.y + 1,
            body.width,
            body.height.saturating_sub(1),
        )
    } else {
        body
    }
}

/// Rows a list shows on a screen of `area` (one line is the header).
pub fn page_rows(state: &State, area: Rect) -> usize {
    table_area(state, areas(area).body).height.saturating_sub(1) as usize
}

/// Where each tab's title sits on the tab bar: (first column, past-the-end column, tab).
pub fn tab_positions(state: &State, width: u16) -> Vec<(u16, u16, Tab)> {
    let mut x = 0u16;
    let mut out = Vec::new();
    for tab in Tab::ALL {
        let label = tab_label(state, tab, width);
        let w = display_width(&label) as u16;
        out.push((x, x + w, tab));
        x += w + 1;
    }
    out
}

/// The first screen line of the list's rows (for mouse clicks).
pub fn first_row_y(state: &State, area: Rect) -> u16 {
    table_area(state, areas(area).body).y + 1
}

/// A tab's title on a bar `width` columns wide: shortened (with …) when all six would
/// not fit.
fn tab_label(state: &State, tab: Tab, width: u16) -> String {
    let full = format!(" {} {} ", tab.index() + 1, tab.title().text(state.lang));
    let room = (width as usize / Tab::ALL.len()).saturating_sub(1);
    let total: usize = Tab::ALL
        .iter()
        .map(|t| display_width(t.title().text(state.lang)) + 5)
        .sum();
    if total <= width as usize || room < 5 {
        full
    } else {
        format!(
            "{} ",
            crate::domain::text::truncate_to_width(full.trim_end(), room - 1)
        )
    }
}

pub fn render(state: &State, frame: &mut Frame) {
    let area = frame.area();
    render_to(state, area, frame.buffer_mut());
    if let Some(position) = cursor(state, area) {
        frame.set_cursor_position(position);
    }
}

/// Renders the whole screen into a buffer (tests and benchmarks call this directly).
pub fn render_to(state: &State, area: Rect, buf: &mut Buffer) {
    if state.big_screen && state.tab == Tab::Dashboard && state.overlays.is_empty() {
        big_screen::BigScreen { state }.render(area, buf);
        crate::tui::safety::make_inert(buf);
        return;
    }
    let a = areas(area);
    render_tabs(state, a.tabs, buf);
    if state.tab == Tab::Meetings && state.meeting_grid {
        grid::Grid { state }.render(a.body, buf);
    } else if state.tab.is_list() {
        render_list(state, a.body, buf);
    } else {
        dashboard::Dashboard { state }.render(a.body, buf);
    }
    for overlay in &state.overlays {
        render_overlay(state, overlay, a.body, buf);
    }
    render_status(state, a.status, buf);
    banner::render(state, a.status, buf);
    if state.tab == Tab::Dashboard && state.overlays.is_empty() {
        conflicts::render_hint(state, a.body, buf);
    }
    if state.conflicts.open {
        conflicts::ConflictsOverlay { state }.render(a.body, buf);
    }
    // Whatever a screen drew, nothing reaches the terminal as a control sequence.
    crate::tui::safety::make_inert(buf);
}

fn render_overlay(state: &State, overlay: &Overlay, body: Rect, buf: &mut Buffer) {
    let lang = state.lang;
    match overlay {
        Overlay::Help => help::Help {
            lang,
            context: state.help_context(),
        }
        .render(body, buf),
        Overlay::Form(form) => form::FormView {
            form,
            snapshot: &state.snapshot,
            lang,
        }
        .render(form::form_area(body), buf),
        Overlay::Details(details) => details::DetailsView {
            details,
            snapshot: &state.snapshot,
            lang,
        }
        .render(form::form_area(body), buf),
        Overlay::Suggestions(list) => {
            suggestions::SuggestionsView { list, lang }.render(form::form_area(body), buf)
        }
        other => dialogs::render(other, body, buf, lang),
    }
}

/// Where the terminal cursor belongs: in the focused text input, if any. An IME shows
/// its candidate window at the cursor, so it must be right.
pub fn cursor(state: &State, area: Rect) -> Option<Position> {
    let body = areas(area).body;
    match state.overlays.last() {
        Some(Overlay::Form(f)) => form::cursor(f, form::form_area(body), state.lang),
        Some(
            o @ (Overlay::Withdraw(_)
            | Overlay::CheckIn(_)
            | Overlay::Void(_)
            | Overlay::Correct(_)),
        ) => dialogs::cursor(o, body, state.lang),
        Some(_) => None,
        None => {
            let list = state.list(state.tab);
            if !state.tab.is_list() || !list.searching {
                return None;
            }
            let prompt = display_width(Msg::SearchPrompt.text(state.lang)) as u16;
            let (_, col) = list
                .query
                .view(body.width.saturating_sub(prompt + 20) as usize);
            Some(Position::new(body.x + prompt + col as u16, body.y))
        }
    }
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
        spans.push(Span::styled(tab_label(state, tab, area.width), style(role)));
        spans.push(Span::raw("│"));
    }
    buf.set_line(area.x, area.y, &Line::from(spans), area.width);
}

fn render_search_line(state: &State, area: Rect, buf: &mut Buffer) {
    let lang = state.lang;
    let list = state.list(state.tab);
    let prompt = Msg::SearchPrompt.text(lang);
    let count = format!(" {} {}", list.rows.len(), Msg::SearchMatches.text(lang));
    let room = area
        .width
        .saturating_sub(display_width(prompt) as u16 + display_width(&count) as u16)
        as usize;
    let (shown, _) = list.query.view(room.saturating_sub(20).max(1));
    let mut input_style = style(Role::Normal);
    if list.searching {
        input_style = input_style.patch(style(Role::Selected));
    }
    buf.set_line(
        area.x,
        area.y,
        &Line::from(vec![
            Span::styled(prompt, style(Role::Title)),
            Span::styled(
                pad_to_width(&shown, room.saturating_sub(20).max(1)),
                input_style,
            ),
            Span::styled(count, style(Role::Muted)),
        ]),
        area.width,
    );
}

fn render_list(state: &State, body: Rect, buf: &mut Buffer) {
    let tab = state.tab;
    if shows_search(state) {
        render_search_line(state, body, buf);
    }
    let area = table_area(state, body);
    let list = state.list(tab);
    let page = area.height.saturating_sub(1) as usize;
    let offset = effective_offset(list.cursor, page, list.rows.len());
    let rows = list
        .rows
        .page(offset, page)
        .map(|i| {
            let r = row(tab, &state.snapshot, i, state.lang);
            table::TableRow {
                cells: r.cells,
                role: r.role,
                highlight: list.highlights.get(&i).cloned(),
            }
        })
        .collect::<Vec<_>>();
    let cols = columns(tab);
    let headers = cols.iter().map(|c| c.header.text(state.lang)).collect();
    let selected = (!list.rows.is_empty()).then(|| list.cursor.selected - offset);
    table::Table {
        columns: cols,
        headers,
        rows,
        selected,
        highlight_column: main_column(tab),
    }
    .render(area, buf);
    if list.rows.is_empty() && area.height > 1 {
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
    let width = area.width as usize;
    let hint = format!("{} ", Msg::StatusHelpHint.text(lang));
    // A message takes the bar's left part; otherwise the fair, desk and file are shown.
    let (left, role) = match &state.status {
        Some(Status::Info(text)) => (format!(" {}", display_safe(text)), Role::StatusBar),
        Some(Status::Error(text)) => (format!(" {}", display_safe(text)), Role::Error),
        None => {
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
            (left, Role::StatusBar)
        }
    };
    let left_room = width.saturating_sub(display_width(&hint) + 1);
    buf.set_line(
        area.x,
        area.y,
        &Line::from(vec![
            Span::styled(pad_to_width(&left, left_room), style(role)),
            Span::styled(
                pad_to_width(&format!(" {hint}"), width - left_room.min(width)),
                style(Role::StatusBar),
            ),
        ]),
        area.width,
    );
}
