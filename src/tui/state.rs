//! The TUI's state: the tab, each list's view, the overlays, the status line and the
//! snapshot of the fair being shown. No I/O here: a key becomes an `Action`, `apply`
//! changes the state and may return a `Command` for the store; the command's `Outcome`
//! comes back through `on_outcome`. Rows loaded on demand (interests) are asked for by
//! `wants` and come back through `supply`.
use crate::app::desk::{Command, Outcome, RecordKind};
use crate::app::views::{LoadPlan, Snapshot, Supply, Want};
use crate::domain::lang::Lang;
use crate::store::checkins::CheckinOutcome;
use crate::tui::action::{Action, MeetingStatusKey};
use crate::tui::conflicts::ConflictReview;
use crate::tui::form::Form;
use crate::tui::i18n::{self, Msg};
use crate::tui::keymap::{Context, resolve};
use crate::tui::list::ListView;
use crate::tui::overlay::{
    CheckInDialog, CodeDialog, Confirm, ConfirmAction, CorrectDialog, Details, DuplicateDialog,
    Overlay, SimilarDialog, VoidDialog, WithdrawDialog,
};
use crate::tui::safety::Safety;
use crate::tui::tabs::Tab;
use crate::tui::widgets::text_input::TextInput;
use crossterm::event::KeyEvent;

/// How many loaded interest rows are kept before the oldest screens are dropped.
const KEPT_INTEREST_ROWS: usize = 2_000;

/// One list's cursor: the selected row and the first visible row.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cursor {
    pub selected: usize,
    pub offset: usize,
}

/// The status line's message: plain information, or an error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    Info(String),
    Error(String),
}

pub struct State {
    pub lang: Lang,
    pub tab: Tab,
    pub snapshot: Snapshot,
    pub desk: String,
    pub file: String,
    /// One view per list tab (indexed by `Tab::index`; the dashboard's is empty).
    pub lists: Vec<ListView>,
    pub show_withdrawn: bool,
    /// Overlays, bottom first; the last one has the keyboard.
    pub overlays: Vec<Overlay>,
    pub status: Option<Status>,
    /// Rows a list shows at the current terminal size.
    pub page_rows: usize,
    pub quit: bool,
    /// The meetings tab shows the table grid instead of the list.
    pub meeting_grid: bool,
    /// Which fair day the grid shows (index into the fair's days).
    pub meeting_day: usize,
    /// The dashboard fills the screen with big figures (for a projector).
    pub big_screen: bool,
    /// The merge-conflict review overlay.
    pub conflicts: ConflictReview,
    /// Read-only, failed check, last backup.
    pub safety: Safety,
    /// An achievement whose form opens as soon as its whole record is read.
    pub editing_achievement: Option<String>,
}

impl State {
    pub fn new(snapshot: Snapshot, lang: Lang, desk: &str, file: &str) -> State {
        let lists = Tab::ALL
            .iter()
            .map(|&tab| ListView::build(tab, &snapshot, false))
            .collect();
        State {
            lang,
            tab: Tab::Achievements,
            snapshot,
            desk: desk.to_string(),
            file: file.to_string(),
            lists,
            show_withdrawn: false,
            overlays: Vec::new(),
            status: None,
            page_rows: 20,
            quit: false,
            meeting_grid: false,
            meeting_day: 0,
            big_screen: false,
            conflicts: ConflictReview::default(),
            safety: Safety::default(),
            editing_achievement: None,
        }
    }

    /// Replaces the snapshot (after a change by this or another desk), keeping queries
    /// and cursors.
    pub fn replace_snapshot(&mut self, snapshot: Snapshot) {
        self.snapshot = snapshot;
        // Details load their record's interests again, as of the new snapshot.
        for overlay in &mut self.overlays {
            if let Overlay::Details(d) = overlay {
                d.interests = None;
                d.achievement = None;
            }
        }
        self.conflicts.clamp(self.snapshot.conflicts.len());
        for tab in Tab::ALL {
            self.lists[tab.index()].rebuild(tab, &self.snapshot, self.show_withdrawn);
        }
        self.refresh_highlights();
    }

    /// Which on-demand rows a reload should bring along: those loaded now.
    pub fn load_plan(&self) -> LoadPlan {
        LoadPlan {
            interest_order: self.snapshot.interests.order.is_some(),
            interest_keys: self.snapshot.interests.keys.is_some(),
        }
    }

    /// The rows the screen needs and the snapshot does not have yet.
    pub fn wants(&self) -> Vec<Want> {
        let mut wants = Vec::new();
        let interests = &self.snapshot.interests;
        let list = self.list(Tab::Interests);
        let searching = !list.query.value().trim().is_empty();
        if self.tab == Tab::Interests || searching {
            if searching && interests.keys.is_none() {
                wants.push(Want::InterestKeys);
            } else if interests.order.is_none() {
                wants.push(Want::InterestOrder);
            }
        }
        if self.tab == Tab::Interests && interests.order.is_some() {
            let offset = effective_offset(list.cursor, self.page_rows, list.rows.len());
            let missing: Vec<i64> = list
                .rows
                .page(offset, self.page_rows.max(1))
                .filter_map(|position| interests.order.as_ref()?.get(position).copied())
                .filter(|rowid| !interests.rows.contains_key(rowid))
                .collect();
            if !missing.is_empty() {
                wants.push(Want::Interests(missing));
            }
        }
        if let Some(id) = &self.editing_achievement {
            wants.push(Want::Achievement(id.clone()));
        }
        for overlay in &self.overlays {
            let Overlay::Details(d) = overlay else {
                continue;
            };
            if d.kind == RecordKind::Achievement && d.achievement.is_none() {
                wants.push(Want::Achievement(d.id.clone()));
            }
            if d.interests.is_none() {
                match d.kind {
                    RecordKind::Achievement => {
                        wants.push(Want::InterestsInAchievement(d.id.clone()))
                    }
                    RecordKind::Organization => {
                        wants.push(Want::InterestsOfEnterprise(d.id.clone()))
                    }
                    _ => {}
                }
            }
        }
        wants
    }

    /// Takes rows loaded for [`State::wants`].
    pub fn supply(&mut self, supply: Supply) {
        let interests = &mut self.snapshot.interests;
        match supply {
            Supply::InterestOrder(order) => {
                interests.order = Some(order);
                interests.rows.clear();
                self.rebuild_list(Tab::Interests);
            }
            Supply::InterestKeys(found) => {
                interests.set_keys(found);
                interests.rows.clear();
                self.rebuild_list(Tab::Interests);
            }
            Supply::Interests(rows) => {
                // Only a few screens' worth are kept.
                if interests.rows.len() + rows.len() > KEPT_INTEREST_ROWS {
                    interests.rows.clear();
                }
                interests.rows.extend(rows);
            }
            Supply::Achievement(achievement) => {
                if self.editing_achievement.as_deref() == Some(achievement.id.as_str()) {
                    self.editing_achievement = None;
                    let form = Form::edit_achievement(&self.snapshot, &achievement);
                    self.overlays.push(Overlay::Form(Box::new(form)));
                }
                for overlay in &mut self.overlays {
                    if let Overlay::Details(d) = overlay
                        && d.id == achievement.id
                        && d.achievement.is_none()
                    {
                        d.achievement = Some(achievement.clone());
                    }
                }
            }
            Supply::Related(id, rows) => {
                for overlay in &mut self.overlays {
                    if let Overlay::Details(d) = overlay
                        && d.id == id
                        && d.interests.is_none()
                    {
                        d.interests = Some(rows.clone());
                    }
                }
            }
        }
    }

    /// Stops asking for rows that could not be read: the form waiting for the record is
    /// not opened, and details of a record that is gone close.
    pub fn abandon(&mut self, want: &Want) {
        let id = match want {
            Want::Achievement(id)
            | Want::InterestsInAchievement(id)
            | Want::InterestsOfEnterprise(id) => id,
            _ => return,
        };
        if self.editing_achievement.as_ref() == Some(id) {
            self.editing_achievement = None;
        }
        self.overlays
            .retain(|o| !matches!(o, Overlay::Details(d) if &d.id == id));
    }

    fn rebuild_list(&mut self, tab: Tab) {
        self.lists[tab.index()].rebuild(tab, &self.snapshot, self.show_withdrawn);
        if tab == self.tab {
            self.refresh_highlights();
        }
    }

    /// Tells the state how many list rows fit on screen.
    pub fn set_page_rows(&mut self, rows: usize) {
        if rows != self.page_rows {
            self.page_rows = rows;
            self.refresh_highlights();
        }
    }

    fn refresh_highlights(&mut self) {
        let tab = self.tab;
        let page = self.page_rows;
        self.lists[tab.index()].refresh_highlights(tab, &self.snapshot, page);
    }

    pub fn list(&self, tab: Tab) -> &ListView {
        &self.lists[tab.index()]
    }

    pub fn row_count(&self, tab: Tab) -> usize {
        self.lists[tab.index()].rows.len()
    }

    pub fn cursor(&self, tab: Tab) -> Cursor {
        self.lists[tab.index()].cursor
    }

    fn current_list(&mut self) -> &mut ListView {
        &mut self.lists[self.tab.index()]
    }

    /// Where the keyboard is.
    pub fn context(&self) -> Context {
        match self.overlays.last() {
            Some(Overlay::Help) => Context::Help,
            Some(Overlay::Form(f)) if f.picker.is_some() => Context::Picker,
            Some(Overlay::Form(_)) => Context::Form,
            Some(Overlay::Details(d)) if d.kind == RecordKind::Organization => {
                Context::OrganizationDetails
            }
            Some(Overlay::Details(_)) => Context::Details,
            Some(Overlay::Confirm(_)) => Context::Confirm,
            Some(Overlay::Withdraw(_)) => Context::Withdraw,
            Some(Overlay::CheckIn(_)) => Context::CheckIn,
            Some(Overlay::Similar(_)) => Context::Similar,
            Some(Overlay::Duplicate(_)) => Context::Duplicate,
            None if self.list(self.tab).searching => Context::Search,
            Some(Overlay::Code(_)) => Context::Code,
            Some(Overlay::Void(_)) => Context::Void,
            Some(Overlay::Correct(_)) => Context::Correct,
            Some(Overlay::Suggestions(_)) => Context::Suggestions,
            None if self.big_screen && self.tab == Tab::Dashboard => Context::BigScreen,
            None => self.tab_context(),
        }
    }

    /// The context of the tab itself (no overlay, not searching).
    fn tab_context(&self) -> Context {
        match self.tab {
            Tab::Achievements => Context::RecordList,
            Tab::Organizations => Context::OrganizationList,
            Tab::Interests => Context::InterestList,
            Tab::Meetings => Context::MeetingList,
            Tab::Dashboard => Context::Dashboard,
            Tab::Agreements => Context::AgreementList,
            Tab::Needs => Context::NeedList,
        }
    }

    /// The context the help describes: the one under the help overlay.
    pub fn help_context(&self) -> Context {
        if let Some(Overlay::Help) = self.overlays.last() {
            let top = self.overlays.len() - 1;
            let below = State::context_of(self.overlays.get(top.wrapping_sub(1)));
            return below.unwrap_or_else(|| self.tab_context());
        }
        self.context()
    }

    fn context_of(overlay: Option<&Overlay>) -> Option<Context> {
        Some(match overlay? {
            Overlay::Help => Context::Help,
            Overlay::Form(f) if f.picker.is_some() => Context::Picker,
            Overlay::Form(_) => Context::Form,
            Overlay::Details(d) if d.kind == RecordKind::Organization => {
                Context::OrganizationDetails
            }
            Overlay::Details(_) => Context::Details,
            Overlay::Confirm(_) => Context::Confirm,
            Overlay::Withdraw(_) => Context::Withdraw,
            Overlay::CheckIn(_) => Context::CheckIn,
            Overlay::Similar(_) => Context::Similar,
            Overlay::Duplicate(_) => Context::Duplicate,
            Overlay::Code(_) => Context::Code,
            Overlay::Void(_) => Context::Void,
            Overlay::Correct(_) => Context::Correct,
            Overlay::Suggestions(_) => Context::Suggestions,
        })
    }

    /// A key press: a binding's action, or text typed into the focused input.
    pub fn handle_key(&mut self, key: KeyEvent) -> Option<Command> {
        // The conflict review overlay has its own keys (a decision asks for `y`).
        if self.conflicts.open && self.overlays.is_empty() {
            if let Some(action) = crate::tui::conflicts::resolve_key(key, &self.conflicts) {
                return self.apply(action);
            }
            return None;
        }
        let context = self.context();
        if let Some(action) = resolve(key, context) {
            return self.apply(action);
        }
        if context.types_text() {
            self.type_into_focus(|input| {
                input.handle_key(key);
            });
        }
        None
    }

    /// Pasted text goes into the focused input, if any.
    pub fn paste(&mut self, text: &str) {
        if self.context().types_text() {
            self.type_into_focus(|input| input.insert(text));
        }
    }

    fn type_into_focus(&mut self, edit: impl FnOnce(&mut TextInput)) {
        let snapshot = &self.snapshot;
        match self.overlays.last_mut() {
            Some(Overlay::Form(form)) => {
                if let Some(picker) = form.picker.as_mut() {
                    edit(&mut picker.filter);
                    picker.refilter();
                } else if form.focus_is_text() {
                    edit(&mut form.values[form.focus]);
                    form.validate(snapshot);
                } else if form.focus_has_picker() {
                    // Typing on a pick-list field opens its list, filtered by what is typed.
                    form.open_picker(snapshot, self.lang);
                    if let Some(picker) = form.picker.as_mut() {
                        edit(&mut picker.filter);
                        picker.refilter();
                    }
                }
            }
            Some(Overlay::Withdraw(d)) => {
                edit(&mut d.reason);
                d.missing = false;
            }
            Some(Overlay::CheckIn(d)) => {
                if d.focus == 0 {
                    edit(&mut d.person)
                } else {
                    edit(&mut d.badge)
                }
            }
            Some(Overlay::Void(d)) => {
                edit(&mut d.reason);
                d.missing = false;
            }
            Some(Overlay::Correct(d)) => {
                if d.focus == 0 {
                    edit(&mut d.contract)
                } else {
                    edit(&mut d.tech)
                }
            }
            None => {
                let tab = self.tab;
                let page = self.page_rows;
                let list = &mut self.lists[tab.index()];
                if list.searching {
                    edit(&mut list.query);
                    list.cursor = Cursor::default();
                    list.refilter(tab, &self.snapshot);
                    list.refresh_highlights(tab, &self.snapshot, page);
                }
            }
            _ => {}
        }
    }

    fn info(&mut self, text: String) {
        self.status = Some(Status::Info(text));
    }

    fn error(&mut self, text: String) {
        self.status = Some(Status::Error(text));
    }

    /// Carries out one action; returns a command for the store when one is needed.
    pub fn apply(&mut self, action: Action) -> Option<Command> {
        if !matches!(action, Action::Up | Action::Down) {
            self.status = None;
        }
        let lang = self.lang;
        match action {
            Action::Quit => {
                if self
                    .overlays
                    .iter()
                    .any(|o| matches!(o, Overlay::Form(f) if f.is_dirty()))
                {
                    if matches!(self.overlays.last(), Some(Overlay::Confirm(c)) if c.action == ConfirmAction::Quit)
                    {
                        // Ctrl-C twice quits.
                        self.quit = true;
                    } else {
                        self.overlays.push(Overlay::Confirm(Confirm {
                            action: ConfirmAction::Quit,
                        }));
                    }
                } else {
                    self.quit = true;
                }
            }
            Action::ToggleHelp => match self.overlays.last() {
                Some(Overlay::Help) => {
                    self.overlays.pop();
                }
                _ => self.overlays.push(Overlay::Help),
            },
            Action::Close => self.close(),
            Action::NextTab => self.go_tab(self.tab.next()),
            Action::PrevTab => self.go_tab(self.tab.prev()),
            Action::GoTab(tab) => self.go_tab(tab),
            Action::ToggleWithdrawn => {
                self.show_withdrawn = !self.show_withdrawn;
                for tab in Tab::ALL {
                    self.lists[tab.index()].set_show_withdrawn(
                        tab,
                        &self.snapshot,
                        self.show_withdrawn,
                    );
                }
                self.refresh_highlights();
                let msg = if self.show_withdrawn {
                    Msg::ShowingWithdrawn
                } else {
                    Msg::HidingWithdrawn
                };
                self.info(msg.text(lang).to_string());
            }
            Action::Refresh => self.info(Msg::Refreshed.text(lang).to_string()),
            Action::Up => self.move_by(-1),
            Action::Down => self.move_by(1),
            Action::PageUp => self.move_by(-(self.page_rows.max(1) as isize)),
            Action::PageDown => self.move_by(self.page_rows.max(1) as isize),
            Action::Top => self.move_by(isize::MIN / 2),
            Action::Bottom => self.move_by(isize::MAX / 2),
            Action::SelectVisibleRow(n) => {
                if self.overlays.is_empty() && self.tab.is_list() {
                    let list = self.current_list();
                    let target = list.cursor.offset + n;
                    if target < list.rows.len() {
                        list.cursor.selected = target;
                    }
                }
            }
            Action::Search => {
                let list = self.current_list();
                list.searching = true;
            }
            Action::SearchDone => {
                let list = self.current_list();
                list.searching = false;
            }
            Action::New => {
                let form = match self.tab {
                    Tab::Achievements => Form::new_achievement(),
                    Tab::Organizations => Form::new_organization(),
                    Tab::Needs => Form::new_need(),
                    _ => return None,
                };
                self.overlays.push(Overlay::Form(Box::new(form)));
            }
            Action::Edit => match self.selected_record() {
                Some((RecordKind::Agreement, id)) => self.start_correct(&id),
                _ => self.edit_selected(),
            },
            Action::Sign => {
                let (buyer, achievement) = match self.selected_record() {
                    Some((RecordKind::Organization, id)) => (
                        self.snapshot
                            .organization(&id)
                            .map(|o| o.code.clone())
                            .unwrap_or_default(),
                        String::new(),
                    ),
                    Some((RecordKind::Achievement, id)) => (
                        String::new(),
                        self.snapshot
                            .achievement(&id)
                            .map(|a| a.code().to_string())
                            .unwrap_or_default(),
                    ),
                    _ => (String::new(), String::new()),
                };
                let form = Form::new_agreement(&buyer, &achievement, &self.snapshot);
                self.overlays.push(Overlay::Form(Box::new(form)));
            }
            Action::ToggleBig => self.big_screen = !self.big_screen,
            Action::Recommend => match self.selected_record() {
                Some((RecordKind::Achievement, id)) => {
                    return Some(Command::Recommend {
                        query: crate::app::recommend::Query::Achievement(id),
                    });
                }
                Some((RecordKind::Need, id)) => {
                    return Some(Command::Recommend {
                        query: crate::app::recommend::Query::Need(id),
                    });
                }
                _ => self.info(Msg::NothingSelected.text(lang).to_string()),
            },
            Action::Conflicts(action) => self.conflicts.apply(action, &self.snapshot.conflicts),
            Action::Open => {
                // On the interest and meeting lists, Enter opens the pair's achievement.
                if let Some((_, id)) = self.selected_link() {
                    self.overlays.push(Overlay::Details(Details {
                        kind: RecordKind::Achievement,
                        id,
                        scroll: 0,
                        history: None,
                        interests: None,
                        achievement: None,
                    }));
                    return None;
                }
                if let Some((RecordKind::Need, id)) = self.selected_record() {
                    return Some(Command::Recommend {
                        query: crate::app::recommend::Query::Need(id),
                    });
                }
                if let Some((RecordKind::Agreement, id)) = self.selected_record() {
                    self.overlays.push(Overlay::Details(Details {
                        kind: RecordKind::Agreement,
                        id: id.clone(),
                        scroll: 0,
                        history: None,
                        interests: None,
                        achievement: None,
                    }));
                    return Some(Command::History {
                        entity: "agreement",
                        id,
                    });
                }
                if let Some((kind, id)) = self.selected_record() {
                    self.overlays.push(Overlay::Details(Details {
                        kind,
                        id,
                        scroll: 0,
                        history: None,
                        interests: None,
                        achievement: None,
                    }));
                } else {
                    self.info(Msg::NothingSelected.text(lang).to_string());
                }
            }
            Action::Withdraw => match self.selected_record() {
                Some((RecordKind::Agreement, id)) => self.start_void(&id),
                _ => self.start_withdraw(),
            },
            Action::CheckIn => self.start_check_in(),
            Action::NextField | Action::PrevField => {
                let next = action == Action::NextField;
                match self.overlays.last_mut() {
                    Some(Overlay::Form(form)) => {
                        if next {
                            form.focus_next(&self.snapshot)
                        } else {
                            form.focus_prev(&self.snapshot)
                        }
                    }
                    Some(Overlay::CheckIn(d)) => d.focus = 1 - d.focus,
                    Some(Overlay::Correct(d)) => d.focus = 1 - d.focus,
                    _ => {}
                }
            }
            Action::Choose => return self.choose(),
            Action::Toggle => {
                if let Some(Overlay::Form(form)) = self.overlays.last_mut()
                    && let Some(picker) = form.picker.as_mut()
                    && picker.multi
                {
                    picker.toggle();
                }
            }
            Action::Save => {
                if let Some(Overlay::Form(form)) = self.overlays.last_mut() {
                    let command = form.submit(&self.snapshot, false);
                    if command.is_none() {
                        self.error(Msg::FormFixErrors.text(lang).to_string());
                    }
                    return command;
                }
            }
            Action::Confirm => return self.confirm(),
            Action::UseExisting => {
                let existing = match self.overlays.last() {
                    Some(Overlay::Similar(d)) => d.candidates.get(d.selected).map(|c| c.0.clone()),
                    Some(Overlay::Duplicate(d)) => Some(d.id.clone()),
                    _ => None,
                };
                if let Some(id) = existing {
                    // Drop the dialog and the form under it; show the existing record.
                    self.overlays.pop();
                    if matches!(self.overlays.last(), Some(Overlay::Form(_))) {
                        self.overlays.pop();
                    }
                    self.go_tab(Tab::Organizations);
                    if let Some(index) = self.snapshot.organizations.iter().position(|o| o.id == id)
                    {
                        self.lists[Tab::Organizations.index()].select_row(index);
                    }
                    self.overlays.push(Overlay::Details(Details {
                        kind: RecordKind::Organization,
                        id,
                        scroll: 0,
                        history: None,
                        interests: None,
                        achievement: None,
                    }));
                }
            }
            Action::LogInterest
                if matches!(self.overlays.last(), Some(Overlay::Suggestions(_))) =>
            {
                if let Some(Overlay::Suggestions(list)) = self.overlays.last()
                    && let Some(s) = list.recommendations.suggestions.get(list.selected)
                {
                    let note = match lang {
                        crate::domain::lang::Lang::Zh => "来自匹配推荐",
                        crate::domain::lang::Lang::En => "from a suggested match",
                    };
                    return Some(Command::LogInterest {
                        input: crate::app::recommend::interest_input(s, "有意向", note),
                    });
                }
            }
            Action::BookMeeting
                if matches!(self.overlays.last(), Some(Overlay::Suggestions(_))) =>
            {
                if let Some(Overlay::Suggestions(list)) = self.overlays.last()
                    && let Some(s) = list.recommendations.suggestions.get(list.selected)
                {
                    let form =
                        Form::new_meeting(&s.enterprise.code, &s.achievement.code, &self.snapshot);
                    self.overlays.push(Overlay::Form(Box::new(form)));
                }
            }
            Action::LogInterest => {
                // A new interest on the interest list starts blank; elsewhere it starts
                // from what is selected (an achievement, an enterprise, a meeting's pair).
                let (enterprise, achievement) =
                    if self.tab == Tab::Interests && self.overlays.is_empty() {
                        (String::new(), String::new())
                    } else {
                        self.selected_codes()
                    };
                self.overlays
                    .push(Overlay::Form(Box::new(Form::new_interest(
                        &enterprise,
                        &achievement,
                    ))));
            }
            Action::BookMeeting => {
                let (enterprise, achievement) =
                    if self.tab == Tab::Meetings && self.overlays.is_empty() {
                        (String::new(), String::new())
                    } else {
                        self.selected_codes()
                    };
                let form = Form::new_meeting(&enterprise, &achievement, &self.snapshot);
                self.overlays.push(Overlay::Form(Box::new(form)));
            }
            Action::MeetingStatus(key) => {
                if let Some(id) = self.selected_meeting() {
                    return Some(Command::SetMeetingStatus {
                        id,
                        status: key.code().to_string(),
                    });
                }
                self.info(Msg::NothingSelected.text(lang).to_string());
            }
            Action::CancelMeeting => match self.selected_meeting() {
                Some(id) => self.overlays.push(Overlay::Confirm(Confirm {
                    action: ConfirmAction::CancelMeeting(id),
                })),
                None => self.info(Msg::NothingSelected.text(lang).to_string()),
            },
            Action::InterestFromMeeting => {
                let held = self
                    .selected_meeting()
                    .and_then(|id| self.snapshot.meetings.iter().find(|m| m.id == id))
                    .filter(|m| m.data.status == MeetingStatusKey::Held.code())
                    .map(|m| m.id.clone());
                match held {
                    Some(meeting_id) => return Some(Command::InterestFromMeeting { meeting_id }),
                    None => self.error(Msg::HeldOnly.text(lang).to_string()),
                }
            }
            Action::ToggleGrid => self.meeting_grid = !self.meeting_grid,
            Action::PrevDay => self.meeting_day = self.meeting_day.saturating_sub(1),
            Action::NextDay => {
                let days = self.snapshot.fair_days().len();
                self.meeting_day = (self.meeting_day + 1).min(days.saturating_sub(1));
            }
            Action::IssueCode => match self.selected_record() {
                Some((RecordKind::Organization, id)) => {
                    self.overlays.push(Overlay::Confirm(Confirm {
                        action: ConfirmAction::IssueCode(id),
                    }))
                }
                _ => self.info(Msg::NothingSelected.text(lang).to_string()),
            },
            Action::SaveAnyway => {
                if let Some(Overlay::Similar(_)) = self.overlays.last() {
                    self.overlays.pop();
                    if let Some(Overlay::Form(form)) = self.overlays.last_mut() {
                        return form.submit(&self.snapshot, true);
                    }
                }
            }
        }
        None
    }

    fn go_tab(&mut self, tab: Tab) {
        if !self.overlays.is_empty() {
            return;
        }
        self.tab = tab;
        self.refresh_highlights();
    }

    fn move_by(&mut self, delta: isize) {
        let page = self.page_rows;
        match self.overlays.last_mut() {
            Some(Overlay::Form(form)) => {
                if let Some(picker) = form.picker.as_mut() {
                    picker.move_by(delta, 10);
                }
            }
            Some(Overlay::Details(d)) => {
                d.scroll = (d.scroll as isize + delta).max(0) as usize;
            }
            Some(Overlay::Suggestions(list)) => {
                let len = list.recommendations.suggestions.len();
                if len > 0 {
                    list.selected =
                        (list.selected as isize + delta).clamp(0, len as isize - 1) as usize;
                }
            }
            Some(Overlay::Similar(d)) => {
                let len = d.candidates.len();
                if len > 0 {
                    d.selected = (d.selected as isize + delta).clamp(0, len as isize - 1) as usize;
                }
            }
            Some(_) => {}
            None => {
                if self.tab.is_list() {
                    self.current_list().move_by(delta, page);
                    self.refresh_highlights();
                }
            }
        }
    }

    /// Esc: close the top overlay (asking first for a dirty form), or clear the search.
    fn close(&mut self) {
        match self.overlays.last_mut() {
            Some(Overlay::Form(form)) if form.picker.is_some() => form.picker = None,
            Some(Overlay::Form(form)) if form.is_dirty() => {
                self.overlays.push(Overlay::Confirm(Confirm {
                    action: ConfirmAction::DiscardForm,
                }))
            }
            Some(_) => {
                self.overlays.pop();
            }
            None => {
                let tab = self.tab;
                let page = self.page_rows;
                let list = &mut self.lists[tab.index()];
                list.searching = false;
                if !list.query.is_empty() {
                    list.query.set("");
                    list.refilter(tab, &self.snapshot);
                    list.refresh_highlights(tab, &self.snapshot, page);
                }
            }
        }
    }

    /// The record the keyboard is on: the open details, else the list's selected row.
    fn selected_record(&self) -> Option<(RecordKind, String)> {
        if let Some(Overlay::Details(d)) = self.overlays.last() {
            return Some((d.kind, d.id.clone()));
        }
        let index = self.list(self.tab).selected()?;
        match self.tab {
            Tab::Achievements => Some((
                RecordKind::Achievement,
                self.snapshot.achievements[index].id().to_string(),
            )),
            Tab::Organizations => Some((
                RecordKind::Organization,
                self.snapshot.organizations[index].id.clone(),
            )),
            Tab::Agreements => Some((
                RecordKind::Agreement,
                self.snapshot.agreements[index].id.clone(),
            )),
            Tab::Needs => Some((RecordKind::Need, self.snapshot.needs[index].id.clone())),
            _ => None,
        }
    }

    /// The (enterprise, achievement) codes the keyboard is on, to prefill a new
    /// interest or meeting: from the open details, or the selected row.
    fn selected_codes(&self) -> (String, String) {
        let org_code = |id: &str| {
            self.snapshot
                .organization(id)
                .map(|o| o.code.clone())
                .unwrap_or_default()
        };
        let ach_code = |id: &str| {
            self.snapshot
                .achievement(id)
                .map(|a| a.code().to_string())
                .unwrap_or_default()
        };
        if let Some((enterprise, achievement)) = self.selected_link() {
            return (org_code(&enterprise), ach_code(&achievement));
        }
        match self.selected_record() {
            Some((RecordKind::Achievement, id)) => (String::new(), ach_code(&id)),
            Some((RecordKind::Organization, id)) => (org_code(&id), String::new()),
            _ => (String::new(), String::new()),
        }
    }

    /// On the interest or meeting tab, the selected row's (enterprise id, achievement id).
    fn selected_link(&self) -> Option<(String, String)> {
        if !self.overlays.is_empty() {
            return None;
        }
        let index = self.list(self.tab).selected()?;
        match self.tab {
            Tab::Interests => {
                let i = self.snapshot.interests.at(index)?;
                Some((i.enterprise_id.clone(), i.achievement_id.clone()))
            }
            Tab::Meetings => {
                let m = &self.snapshot.meetings[index];
                Some((m.data.enterprise_id.clone(), m.data.achievement_id.clone()))
            }
            _ => None,
        }
    }

    fn selected_meeting(&self) -> Option<String> {
        if self.tab != Tab::Meetings || !self.overlays.is_empty() {
            return None;
        }
        let index = self.list(Tab::Meetings).selected()?;
        Some(self.snapshot.meetings[index].id.clone())
    }

    fn edit_selected(&mut self) {
        let Some((kind, id)) = self.selected_record() else {
            self.info(Msg::NothingSelected.text(self.lang).to_string());
            return;
        };
        let form = match kind {
            RecordKind::Achievement => {
                // The form opens once the whole record is read (see `wants`).
                self.editing_achievement = Some(id);
                return;
            }
            RecordKind::Organization => self
                .snapshot
                .organizations
                .iter()
                .position(|o| o.id == id)
                .map(|i| Form::edit_organization(&self.snapshot, i)),
            RecordKind::Need => self
                .snapshot
                .needs
                .iter()
                .position(|n| n.id == id)
                .map(|i| Form::edit_need(&self.snapshot, i)),
            RecordKind::Interest | RecordKind::Meeting | RecordKind::Agreement => None,
        };
        match form {
            Some(form) => self.overlays.push(Overlay::Form(Box::new(form))),
            None => self.error(Msg::NotFound.text(self.lang).to_string()),
        }
    }

    fn record_label(&self, kind: RecordKind, id: &str) -> String {
        match kind {
            RecordKind::Achievement => self.snapshot.achievement_label(id),
            RecordKind::Organization => self
                .snapshot
                .organization(id)
                .map(|o| format!("{} {}", o.code, o.data.name))
                .unwrap_or_else(|| id.to_string()),
            RecordKind::Agreement => self
                .snapshot
                .agreements
                .iter()
                .find(|g| g.id == id)
                .map(|g| format!("{} {}", g.code, self.snapshot.org_name(&g.buyer_id)))
                .unwrap_or_else(|| id.to_string()),
            RecordKind::Need => self
                .snapshot
                .needs
                .iter()
                .find(|n| n.id == id)
                .map(|n| format!("{} {}", n.code, n.data.title))
                .unwrap_or_else(|| id.to_string()),
            RecordKind::Interest | RecordKind::Meeting => id.to_string(),
        }
    }

    fn start_withdraw(&mut self) {
        let Some((kind, id)) = self.selected_record() else {
            self.info(Msg::NothingSelected.text(self.lang).to_string());
            return;
        };
        let label = self.record_label(kind, &id);
        self.overlays.push(Overlay::Withdraw(WithdrawDialog {
            kind,
            id,
            label,
            reason: TextInput::default(),
            missing: false,
        }));
    }

    /// Voiding asks for a reason and shows what changes in the totals.
    fn start_void(&mut self, id: &str) {
        let lang = self.lang;
        let Some(agreement) = self.snapshot.agreements.iter().find(|g| g.id == id) else {
            return;
        };
        if agreement.status == "voided" {
            self.info(Msg::Voided.text(lang).to_string());
            return;
        }
        let t = &self.snapshot.tallies;
        let after = crate::domain::money::Money::from_fen(
            t.contract_amount.fen() - agreement.contract_amount.fen(),
        );
        let effect = i18n::void_effect(
            lang,
            t.agreements,
            &t.contract_amount.format_auto(lang),
            &after.format_auto(lang),
        );
        let label = self.record_label(RecordKind::Agreement, id);
        self.overlays.push(Overlay::Void(VoidDialog {
            id: id.to_string(),
            label,
            effect,
            reason: TextInput::default(),
            missing: false,
        }));
    }

    fn start_correct(&mut self, id: &str) {
        let Some(agreement) = self.snapshot.agreements.iter().find(|g| g.id == id) else {
            return;
        };
        let label = self.record_label(RecordKind::Agreement, id);
        self.overlays.push(Overlay::Correct(CorrectDialog {
            id: id.to_string(),
            label,
            contract: TextInput::new(&agreement.contract_amount.format_plain()),
            tech: TextInput::new(&agreement.tech_amount.format_plain()),
            focus: 0,
        }));
    }

    fn start_check_in(&mut self) {
        match self.selected_record() {
            Some((RecordKind::Organization, id)) => {
                let label = self.record_label(RecordKind::Organization, &id);
                self.overlays.push(Overlay::CheckIn(CheckInDialog {
                    organization_id: id,
                    label,
                    person: TextInput::default(),
                    badge: TextInput::default(),
                    focus: 0,
                }));
            }
            _ => self.info(Msg::NothingSelected.text(self.lang).to_string()),
        }
    }

    /// Enter in a form (open the field's picker or move on) or in a picker (pick).
    fn choose(&mut self) -> Option<Command> {
        let lang = self.lang;
        if let Some(Overlay::Form(form)) = self.overlays.last_mut() {
            if form.picker.is_some() {
                form.accept_picker(&self.snapshot);
                form.focus_next(&self.snapshot);
            } else if form.focus_is_text() {
                form.focus_next(&self.snapshot);
            } else {
                form.open_picker(&self.snapshot, lang);
            }
        }
        None
    }

    /// Enter / y in a dialog.
    fn confirm(&mut self) -> Option<Command> {
        match self.overlays.last_mut() {
            Some(Overlay::Confirm(c)) => {
                let action = c.action.clone();
                self.overlays.pop();
                match action {
                    ConfirmAction::DiscardForm => {
                        self.overlays.pop();
                        None
                    }
                    ConfirmAction::Quit => {
                        self.quit = true;
                        None
                    }
                    ConfirmAction::CancelMeeting(id) => Some(Command::SetMeetingStatus {
                        id,
                        status: "cancelled".into(),
                    }),
                    ConfirmAction::IssueCode(organization_id) => {
                        Some(Command::IssueAccessCode { organization_id })
                    }
                }
            }
            Some(Overlay::Withdraw(d)) => {
                let reason = crate::domain::text::clean_text(d.reason.value());
                if reason.is_empty() {
                    d.missing = true;
                    return None;
                }
                Some(Command::Withdraw {
                    kind: d.kind,
                    id: d.id.clone(),
                    reason,
                })
            }
            Some(Overlay::Void(d)) => {
                let reason = crate::domain::text::clean_text(d.reason.value());
                if reason.is_empty() {
                    d.missing = true;
                    return None;
                }
                Some(Command::VoidAgreement {
                    id: d.id.clone(),
                    reason,
                })
            }
            Some(Overlay::Correct(d)) => Some(Command::CorrectAmounts {
                id: d.id.clone(),
                contract_amount: d.contract.value().to_string(),
                tech_amount: d.tech.value().to_string(),
            }),
            Some(Overlay::CheckIn(d)) => Some(Command::CheckIn {
                organization_id: d.organization_id.clone(),
                person: d.person.value().to_string(),
                badge: d.badge.value().to_string(),
            }),
            _ => None,
        }
    }

    /// The result of a command: close what is done, or show what went wrong where the
    /// user can fix it. The caller reloads the snapshot first after a change.
    pub fn on_outcome(&mut self, outcome: Outcome) {
        let lang = self.lang;
        let zone = self
            .snapshot
            .fair
            .as_ref()
            .map(|f| f.zone())
            .unwrap_or(chrono_tz::Asia::Shanghai);
        match outcome {
            Outcome::Saved { kind, id, code } => {
                if matches!(self.overlays.last(), Some(Overlay::Form(_))) {
                    self.overlays.pop();
                }
                let tab = match kind {
                    RecordKind::Achievement => Tab::Achievements,
                    RecordKind::Organization => Tab::Organizations,
                    RecordKind::Interest => Tab::Interests,
                    RecordKind::Meeting => Tab::Meetings,
                    RecordKind::Agreement => Tab::Agreements,
                    RecordKind::Need => Tab::Needs,
                };
                let index = match kind {
                    RecordKind::Achievement => {
                        self.snapshot.achievements.iter().position(|a| a.id() == id)
                    }
                    RecordKind::Organization => {
                        self.snapshot.organizations.iter().position(|o| o.id == id)
                    }
                    RecordKind::Agreement => {
                        self.snapshot.agreements.iter().position(|g| g.id == id)
                    }
                    RecordKind::Need => self.snapshot.needs.iter().position(|n| n.id == id),
                    RecordKind::Interest | RecordKind::Meeting => None,
                };
                if self.overlays.is_empty() {
                    self.tab = tab;
                }
                if let Some(index) = index {
                    let page = self.page_rows;
                    let list = &mut self.lists[tab.index()];
                    list.select_row(index);
                    list.move_by(0, page);
                }
                self.refresh_highlights();
                self.info(i18n::saved(lang, &code));
            }
            Outcome::Invalid(errors) => match self.overlays.last_mut() {
                Some(Overlay::Form(form)) => form.show_errors(errors),
                _ => self.error(errors.message(lang)),
            },
            Outcome::SimilarNames(candidates) => {
                self.overlays.push(Overlay::Similar(SimilarDialog {
                    candidates,
                    selected: 0,
                }));
            }
            Outcome::DuplicateCreditCode { id, code, name } => {
                self.overlays
                    .push(Overlay::Duplicate(DuplicateDialog { id, code, name }));
            }
            Outcome::Withdrawn { .. } => {
                let label = match self.overlays.pop() {
                    Some(Overlay::Withdraw(d)) => d.label,
                    _ => String::new(),
                };
                if matches!(self.overlays.last(), Some(Overlay::Details(_))) {
                    self.overlays.pop();
                }
                self.info(i18n::withdrawn_done(lang, &label));
            }
            Outcome::CheckedIn(result) => {
                let label = match self.overlays.pop() {
                    Some(Overlay::CheckIn(d)) => d.label,
                    _ => String::new(),
                };
                match result {
                    CheckinOutcome::New(c) => {
                        let time = c
                            .arrived_at
                            .with_timezone(&zone)
                            .format("%H:%M")
                            .to_string();
                        self.info(i18n::checked_in(lang, &label, &time));
                    }
                    CheckinOutcome::Already(c) => {
                        let time = c
                            .arrived_at
                            .with_timezone(&zone)
                            .format("%m-%d %H:%M")
                            .to_string();
                        self.error(i18n::already_checked_in(lang, &label, &time, &c.desk));
                    }
                }
            }
            Outcome::InterestLogged {
                outcome,
                label,
                level,
            } => {
                if matches!(self.overlays.last(), Some(Overlay::Form(_))) {
                    self.overlays.pop();
                }
                if let Some(Overlay::Suggestions(list)) = self.overlays.last_mut()
                    && let Some(s) = list.recommendations.suggestions.get_mut(list.selected)
                {
                    let link = s.link.get_or_insert_with(Default::default);
                    link.interest_level = Some(level.clone());
                }
                self.info(i18n::interest_logged(lang, outcome, &label, &level));
            }
            Outcome::Booked {
                table_no,
                slot_start,
            } => {
                if matches!(self.overlays.last(), Some(Overlay::Form(_))) {
                    self.overlays.pop();
                }
                let time = slot_start
                    .with_timezone(&zone)
                    .format("%m-%d %H:%M")
                    .to_string();
                self.info(i18n::booked(lang, table_no, &time));
            }
            Outcome::MeetingStatus { status } => self.info(i18n::meeting_status(lang, &status)),
            Outcome::AccessCode { code } => {
                let label = self
                    .selected_record()
                    .map(|(kind, id)| self.record_label(kind, &id))
                    .unwrap_or_default();
                self.overlays
                    .push(Overlay::Code(CodeDialog { label, code }));
            }
            Outcome::Voided { code } => {
                if matches!(self.overlays.last(), Some(Overlay::Void(_))) {
                    self.overlays.pop();
                }
                self.info(i18n::voided(lang, &code));
            }
            Outcome::Corrected { code } => {
                if matches!(self.overlays.last(), Some(Overlay::Correct(_))) {
                    self.overlays.pop();
                }
                self.info(i18n::corrected(lang, &code));
            }
            Outcome::Suggestions(recommendations) => {
                self.overlays
                    .push(Overlay::Suggestions(crate::tui::overlay::SuggestionList {
                        recommendations,
                        selected: 0,
                    }));
            }
            Outcome::History(entries) => {
                if let Some(Overlay::Details(d)) = self.overlays.last_mut() {
                    d.history = Some(entries);
                }
            }
            Outcome::Failed(e) => self.error(e.message(lang)),
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
