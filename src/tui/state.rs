//! The TUI's state: which tab, where each list's cursor is, what overlay is open, and
//! the snapshot of the fair being shown. No I/O here; `apply` only moves state.
use crate::app::views::Snapshot;
use crate::domain::lang::Lang;
use crate::tui::action::Action;
use crate::tui::conflicts::ConflictReview;
use crate::tui::i18n::Msg;
use crate::tui::safety::Safety;
use crate::tui::tabs::Tab;

/// One list's cursor: the selected row and the first visible row.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cursor {
    pub selected: usize,
    pub offset: usize,
}

#[derive(Debug, Clone)]
pub struct State {
    pub lang: Lang,
    pub tab: Tab,
    pub snapshot: Snapshot,
    pub desk: String,
    pub file: String,
    pub cursors: [Cursor; 6],
    /// Per tab, the snapshot indexes of the rows shown (withdrawn rows filtered out).
    pub visible: [Vec<usize>; 6],
    pub show_withdrawn: bool,
    pub help_open: bool,
    pub status: Option<Msg>,
    /// Rows a list shows at the current terminal size.
    pub page_rows: usize,
    pub quit: bool,
    /// The merge-conflict review overlay.
    pub conflicts: ConflictReview,
    /// Read-only, failed check, last backup.
    pub safety: Safety,
}

impl State {
    pub fn new(snapshot: Snapshot, lang: Lang, desk: &str, file: &str) -> State {
        let mut state = State {
            lang,
            tab: Tab::Achievements,
            snapshot,
            desk: desk.to_string(),
            file: file.to_string(),
            cursors: [Cursor::default(); 6],
            visible: Default::default(),
            show_withdrawn: false,
            help_open: false,
            status: None,
            page_rows: 20,
            quit: false,
            conflicts: ConflictReview::default(),
            safety: Safety::default(),
        };
        state.recompute_visible();
        state
    }

    /// Replaces the snapshot (after a change by this or another desk), keeping cursors
    /// in range.
    pub fn replace_snapshot(&mut self, snapshot: Snapshot) {
        self.snapshot = snapshot;
        self.recompute_visible();
        self.conflicts.clamp(self.snapshot.conflicts.len());
    }

    fn recompute_visible(&mut self) {
        let show = self.show_withdrawn;
        let s = &self.snapshot;
        self.visible = [
            (0..s.achievements.len())
                .filter(|&i| show || s.achievements[i].status == "active")
                .collect(),
            (0..s.organizations.len())
                .filter(|&i| show || s.organizations[i].status == "active")
                .collect(),
            (0..s.interests.len()).collect(),
            (0..s.meetings.len()).collect(),
            (0..s.agreements.len()).collect(),
            Vec::new(),
        ];
        for tab in Tab::ALL {
            let len = self.visible[tab.index()].len();
            let c = &mut self.cursors[tab.index()];
            c.selected = c.selected.min(len.saturating_sub(1));
            c.offset = c.offset.min(c.selected);
        }
    }

    pub fn row_count(&self, tab: Tab) -> usize {
        self.visible[tab.index()].len()
    }

    pub fn cursor(&self, tab: Tab) -> Cursor {
        self.cursors[tab.index()]
    }

    /// Carries out one action.
    pub fn apply(&mut self, action: Action) {
        self.status = None;
        match action {
            Action::Quit => self.quit = true,
            Action::ToggleHelp => self.help_open = !self.help_open,
            Action::CloseOverlay => self.help_open = false,
            Action::NextTab => self.tab = self.tab.next(),
            Action::PrevTab => self.tab = self.tab.prev(),
            Action::GoTab(tab) => self.tab = tab,
            Action::ToggleWithdrawn => {
                self.show_withdrawn = !self.show_withdrawn;
                self.recompute_visible();
                self.status = Some(if self.show_withdrawn {
                    Msg::ShowingWithdrawn
                } else {
                    Msg::HidingWithdrawn
                });
            }
            Action::Refresh => self.status = Some(Msg::Refreshed),
            Action::Up => self.move_by(-1),
            Action::Down => self.move_by(1),
            Action::PageUp => self.move_by(-(self.page_rows.max(1) as isize)),
            Action::PageDown => self.move_by(self.page_rows.max(1) as isize),
            Action::Top => self.move_by(isize::MIN / 2),
            Action::Bottom => self.move_by(isize::MAX / 2),
            Action::SelectVisibleRow(n) => {
                let offset = self.cursor(self.tab).offset;
                let target = offset + n;
                if target < self.row_count(self.tab) {
                    self.cursors[self.tab.index()].selected = target;
                }
            }
            Action::Conflicts(action) => self.conflicts.apply(action, &self.snapshot.conflicts),
        }
    }

    fn move_by(&mut self, delta: isize) {
        if !self.tab.is_list() {
            return;
        }
        let len = self.row_count(self.tab);
        let page = self.page_rows.max(1);
        let c = &mut self.cursors[self.tab.index()];
        if len == 0 {
            *c = Cursor::default();
            return;
        }
        let target = (c.selected as isize)
            .saturating_add(delta)
            .clamp(0, len as isize - 1);
        c.selected = target as usize;
        if c.selected < c.offset {
            c.offset = c.selected;
        } else if c.selected >= c.offset + page {
            c.offset = c.selected + 1 - page;
        }
    }
}

/// The first visible row that keeps `selected` on a page of `page` rows.
pub fn effective_offset(cursor: Cursor, page: usize, len: usize) -> usize {
    let page = page.max(1);
    let mut offset = cursor.offset.min(len.saturating_sub(1));
    if cursor.selected < offset {
        offset = cursor.selected;
    } else if cursor.selected >= offset + page {
        offset = cursor.selected + 1 - page;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state_with_rows(n: usize) -> State {
        let mut s = State::new(Snapshot::default(), Lang::Zh, "d", "f");
        s.visible[0] = (0..n).collect();
        s.page_rows = 5;
        s
    }

    #[test]
    fn cursor_moves_and_scrolls_within_bounds() {
        let mut s = state_with_rows(12);
        s.apply(Action::Up);
        assert_eq!(s.cursor(Tab::Achievements).selected, 0);
        for _ in 0..6 {
            s.apply(Action::Down);
        }
        assert_eq!(
            s.cursor(Tab::Achievements),
            Cursor {
                selected: 6,
                offset: 2
            }
        );
        s.apply(Action::Bottom);
        assert_eq!(
            s.cursor(Tab::Achievements),
            Cursor {
                selected: 11,
                offset: 7
            }
        );
        s.apply(Action::PageUp);
        assert_eq!(s.cursor(Tab::Achievements).selected, 6);
        s.apply(Action::Top);
        assert_eq!(
            s.cursor(Tab::Achievements),
            Cursor {
                selected: 0,
                offset: 0
            }
        );
    }

    #[test]
    fn tabs_cycle() {
        let mut s = state_with_rows(0);
        s.apply(Action::PrevTab);
        assert_eq!(s.tab, Tab::Dashboard);
        s.apply(Action::NextTab);
        assert_eq!(s.tab, Tab::Achievements);
        s.apply(Action::Down);
        assert_eq!(s.cursor(Tab::Achievements).selected, 0);
    }

    #[test]
    fn effective_offset_keeps_the_selection_visible() {
        assert_eq!(
            effective_offset(
                Cursor {
                    selected: 9,
                    offset: 0
                },
                5,
                20
            ),
            5
        );
        assert_eq!(
            effective_offset(
                Cursor {
                    selected: 1,
                    offset: 4
                },
                5,
                20
            ),
            1
        );
    }
}
