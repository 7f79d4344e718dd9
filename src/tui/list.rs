//! One list tab's view state: the rows shown (withdrawn ones hidden unless asked, then
//! filtered by the search query and ranked), the cursor, and the search input.
use crate::app::views::Snapshot;
use crate::search::{Keys, SearchIndex};
use crate::tui::interest_search::InterestSearch;
use crate::tui::state::Cursor;
use crate::tui::tabs::Tab;
use crate::tui::widgets::text_input::TextInput;
use std::collections::HashMap;

/// Snapshot indexes of the rows a list shows, in display order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rows {
    /// Every row, in natural order: nothing stored per row (the interests list shows
    /// 500,000 on a large fair).
    All(usize),
    /// These rows (a fair's rows number far below `u32::MAX`: half the memory of
    /// `usize`).
    Chosen(Vec<u32>),
}

impl Default for Rows {
    fn default() -> Self {
        Rows::Chosen(Vec::new())
    }
}

impl Rows {
    pub fn len(&self) -> usize {
        match self {
            Rows::All(n) => *n,
            Rows::Chosen(rows) => rows.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The snapshot index shown at `position`.
    pub fn get(&self, position: usize) -> Option<usize> {
        match self {
            Rows::All(n) => (position < *n).then_some(position),
            Rows::Chosen(rows) => rows.get(position).map(|&i| i as usize),
        }
    }

    /// Where snapshot row `index` is shown, if it is.
    pub fn position(&self, index: usize) -> Option<usize> {
        match self {
            Rows::All(n) => (index < *n).then_some(index),
            Rows::Chosen(rows) => rows.iter().position(|&r| r as usize == index),
        }
    }

    /// The snapshot indexes shown from position `offset` on, at most `count` of them.
    pub fn page(&self, offset: usize, count: usize) -> impl Iterator<Item = usize> + '_ {
        let end = offset.saturating_add(count).min(self.len());
        (offset.min(end)..end).filter_map(move |position| self.get(position))
    }

    /// Every snapshot index shown, in display order.
    pub fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.page(0, self.len())
    }
}

pub struct ListView {
    pub cursor: Cursor,
    /// Snapshot indexes of the rows shown, in display order.
    pub rows: Rows,
    /// Which snapshot rows may be shown at all (withdrawn ones are hidden by default).
    shown: Vec<bool>,
    /// Built on the first search of this list (keys for 100,000 rows take a while, and
    /// most lists are never searched between two refreshes).
    index: Option<SearchIndex>,
    /// A fingerprint of the texts `index` was built from: a refresh whose texts are the
    /// same (another desk logged an interest, say) keeps the index instead of making
    /// 100,000 keys again.
    index_texts: u64,
    pub query: TextInput,
    /// The interests list's search, built on its first search.
    interest_search: Option<InterestSearch>,
    /// Whether the search input has the keyboard.
    pub searching: bool,
    /// For rows on screen: the matched char positions of their first column's text.
    pub highlights: HashMap<usize, Vec<usize>>,
}

/// The searchable text of a row: its main text first (titles, names), so highlight
/// positions below its length fall on the main column.
pub fn search_text(tab: Tab, snapshot: &Snapshot, index: usize) -> (String, usize) {
    let (main, rest) = match tab {
        Tab::Achievements => {
            let a = &snapshot.achievements[index];
            (
                a.title().to_string(),
                format!(
                    " {} {} {} {}",
                    snapshot.org_name(&a.holder_id),
                    a.keywords(),
                    a.field,
                    a.code()
                ),
            )
        }
        Tab::Organizations => {
            let o = &snapshot.organizations[index];
            (
                o.data.name.clone(),
                format!(
                    " {} {} {} {}",
                    o.code,
                    o.data.credit_code.as_deref().unwrap_or(""),
                    o.data.region.as_deref().unwrap_or(""),
                    o.data.contact_name.as_deref().unwrap_or("")
                ),
            )
        }
        // Interests are searched by their parts (see `interest_search`).
        Tab::Interests => (String::new(), String::new()),
        Tab::Meetings => {
            let m = &snapshot.meetings[index];
            (
                snapshot.org_name(&m.data.enterprise_id).to_string(),
                format!(
                    " {} {}",
                    snapshot.achievement_label(&m.data.achievement_id),
                    m.data.table_no
                ),
            )
        }
        Tab::Agreements => {
            let g = &snapshot.agreements[index];
            (
                snapshot.org_name(&g.buyer_id).to_string(),
                format!(
                    " {} {} {}",
                    snapshot.org_name(&g.seller_id),
                    g.achievement_ids
                        .iter()
                        .map(|id| snapshot.achievement_label(id))
                        .collect::<Vec<_>>()
                        .join(" "),
                    g.code
                ),
            )
        }
        Tab::Needs => {
            let n = &snapshot.needs[index];
            (
                n.data.title.clone(),
                format!(
                    " {} {} {} {}",
                    snapshot.org_name(&n.data.organization_id),
                    n.data.keywords.join(" "),
                    n.data.field.as_deref().unwrap_or(""),
                    n.code
                ),
            )
        }
        Tab::Dashboard => (String::new(), String::new()),
    };
    let main_len = main.chars().count();
    (main + &rest, main_len)
}

/// A hash of every row's search text, in order; `each` sees every text on the way.
fn texts_fingerprint(tab: Tab, snapshot: &Snapshot, mut each: impl FnMut(&str)) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    for i in 0..row_total(tab, snapshot) {
        let text = search_text(tab, snapshot, i).0;
        text.hash(&mut hasher);
        each(&text);
    }
    hasher.finish()
}

/// How many rows a tab has in the snapshot.
pub fn row_total(tab: Tab, snapshot: &Snapshot) -> usize {
    match tab {
        Tab::Achievements => snapshot.achievements.len(),
        Tab::Organizations => snapshot.organizations.len(),
        Tab::Interests => snapshot.interests.len(),
        Tab::Meetings => snapshot.meetings.len(),
        Tab::Agreements => snapshot.agreements.len(),
        Tab::Needs => snapshot.needs.len(),
        Tab::Dashboard => 0,
    }
}

fn is_withdrawn(tab: Tab, snapshot: &Snapshot, index: usize) -> bool {
    match tab {
        Tab::Achievements => &*snapshot.achievements[index].status != "active",
        Tab::Organizations => snapshot.organizations[index].status != "active",
        Tab::Needs => snapshot.needs[index].status != "active",
        _ => false,
    }
}

impl ListView {
    pub fn build(tab: Tab, snapshot: &Snapshot, show_withdrawn: bool) -> ListView {
        let mut view = ListView {
            cursor: Cursor::default(),
            rows: Rows::default(),
            shown: Vec::new(),
            index: None,
            index_texts: 0,
            interest_search: None,
            query: TextInput::default(),
            searching: false,
            highlights: HashMap::new(),
        };
        view.set_show_withdrawn(tab, snapshot, show_withdrawn);
        view
    }

    /// Rebuilds for a new snapshot, keeping the query and the cursor where it can.
    pub fn rebuild(&mut self, tab: Tab, snapshot: &Snapshot, show_withdrawn: bool) {
        let query = std::mem::take(&mut self.query);
        let searching = self.searching;
        let cursor = self.cursor;
        let index = self
            .index
            .take()
            .filter(|_| texts_fingerprint(tab, snapshot, |_| {}) == self.index_texts);
        let index_texts = self.index_texts;
        // The old rows go before the new are made (500,000 positions when searched).
        self.rows = Rows::default();
        self.shown = Vec::new();
        *self = ListView::build(tab, snapshot, show_withdrawn);
        if index.is_some() {
            self.index = index;
            self.index_texts = index_texts;
        }
        self.query = query;
        self.searching = searching;
        self.cursor = cursor;
        self.refilter(tab, snapshot);
    }

    pub fn set_show_withdrawn(&mut self, tab: Tab, snapshot: &Snapshot, show: bool) {
        let total = row_total(tab, snapshot);
        self.shown = (0..total)
            .map(|i| show || !is_withdrawn(tab, snapshot, i))
            .collect();
        self.refilter(tab, snapshot);
    }

    /// The search index, built on first use.
    fn index(&mut self, tab: Tab, snapshot: &Snapshot) -> &mut SearchIndex {
        let index_texts = &mut self.index_texts;
        self.index.get_or_insert_with(|| {
            let mut keys = Keys::new();
            *index_texts = texts_fingerprint(tab, snapshot, |text| keys.push(text));
            SearchIndex::new(keys)
        })
    }

    /// Applies the current query: every shown row in natural order when it is empty,
    /// else the matching rows best first.
    pub fn refilter(&mut self, tab: Tab, snapshot: &Snapshot) {
        // The previous rows go before the next are made.
        self.rows = Rows::default();
        if self.query.value().trim().is_empty() {
            self.rows = if self.shown.iter().all(|&shown| shown) {
                Rows::All(self.shown.len())
            } else {
                Rows::Chosen(
                    (0..self.shown.len())
                        .filter(|&i| self.shown[i])
                        .map(|i| i as u32)
                        .collect(),
                )
            };
        } else if tab == Tab::Interests {
            // The interests' keys are loaded on the first search; until then, no hits.
            let query = self.query.value().to_string();
            self.rows = Rows::Chosen(match &snapshot.interests.keys {
                Some(keys) => self
                    .interest_search
                    .get_or_insert_with(|| InterestSearch::build(snapshot))
                    .search(keys, &query),
                None => Vec::new(),
            });
        } else {
            let query = self.query.value().to_string();
            let hits = self.index(tab, snapshot).search(&query);
            self.rows = Rows::Chosen(
                hits.into_iter()
                    .map(|h| h.index)
                    .filter(|&i| self.shown.get(i as usize).copied().unwrap_or(false))
                    .collect(),
            );
        }
        let len = self.rows.len();
        self.cursor.selected = self.cursor.selected.min(len.saturating_sub(1));
        self.cursor.offset = self.cursor.offset.min(self.cursor.selected);
    }

    /// Computes highlight positions for the rows on a page of `page` rows.
    pub fn refresh_highlights(&mut self, tab: Tab, snapshot: &Snapshot, page: usize) {
        self.highlights.clear();
        if self.query.value().trim().is_empty() {
            return;
        }
        let offset = crate::tui::state::effective_offset(self.cursor, page, self.rows.len());
        let visible: Vec<usize> = self.rows.page(offset, page).collect();
        let query = self.query.value().to_string();
        if tab == Tab::Interests {
            let (Some(search), Some(keys)) = (&mut self.interest_search, &snapshot.interests.keys)
            else {
                return;
            };
            for row in visible {
                if let Some(key) = keys.get(row) {
                    let positions = search.highlight(key, &query);
                    if !positions.is_empty() {
                        self.highlights.insert(row, positions);
                    }
                }
            }
            return;
        }
        for row in visible {
            let main_len = search_text(tab, snapshot, row).1;
            let positions: Vec<usize> = self
                .index(tab, snapshot)
                .highlight(row as u32, &query)
                .into_iter()
                .filter(|&p| p < main_len)
                .collect();
            if !positions.is_empty() {
                self.highlights.insert(row, positions);
            }
        }
    }

    /// The snapshot index of the selected row, if any.
    pub fn selected(&self) -> Option<usize> {
        self.rows.get(self.cursor.selected)
    }

    pub fn move_by(&mut self, delta: isize, page: usize) {
        let len = self.rows.len();
        let page = page.max(1);
        let c = &mut self.cursor;
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

    /// Puts the cursor on snapshot row `index` if it is shown.
    pub fn select_row(&mut self, index: usize) {
        if let Some(pos) = self.rows.position(index) {
            self.cursor.selected = pos;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{ListView, Rows};
    use crate::app::views::Snapshot;
    use crate::store::interests::tests::seeded;
    use crate::tui::tabs::Tab;

    #[test]
    fn every_row_is_shown_without_a_vector_of_them() {
        let all = Rows::All(3);
        assert_eq!((all.len(), all.get(2), all.get(3)), (3, Some(2), None));
        assert_eq!((all.position(1), all.position(3)), (Some(1), None));
        assert_eq!(all.page(1, 10).collect::<Vec<_>>(), vec![1, 2]);
        assert_eq!(all.page(5, 2).count(), 0);
        let chosen = Rows::Chosen(vec![4, 0, 7]);
        assert_eq!(
            (chosen.len(), chosen.get(1), chosen.get(3)),
            (3, Some(0), None)
        );
        assert_eq!((chosen.position(7), chosen.position(5)), (Some(2), None));
        assert_eq!(chosen.page(1, 1).collect::<Vec<_>>(), vec![0]);
        assert_eq!(chosen.iter().collect::<Vec<_>>(), vec![4, 0, 7]);
    }

    #[test]
    fn a_hidden_row_makes_the_list_choose_its_rows() {
        let store = seeded();
        store
            .conn()
            .execute_batch(
                "INSERT INTO achievement (id, code, title, holder_id, field, status, desk,
                                          created_at, updated_at, keywords)
                 SELECT 'second', 'A999', '第二项', holder_id, field, 'withdrawn', desk,
                        created_at, updated_at, keywords
                 FROM achievement",
            )
            .unwrap();
        let snapshot = Snapshot::load(&store).unwrap();
        assert_eq!(snapshot.achievements.len(), 2);
        let hidden = ListView::build(Tab::Achievements, &snapshot, false);
        let active = snapshot
            .achievements
            .iter()
            .position(|a| &*a.status == "active");
        assert_eq!(hidden.rows, Rows::Chosen(vec![active.unwrap() as u32]));
        let all = ListView::build(Tab::Achievements, &snapshot, true);
        assert_eq!(all.rows, Rows::All(2));
    }
}
