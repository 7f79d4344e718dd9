//! The key map as data: each binding has its keys, the contexts where it applies, its
//! action and a description. The same table resolves keys and generates the help, so
//! they cannot disagree. Where a text input has the focus, keys that no binding of that
//! context claims are typed into it (so `q` types a q).
use crate::tui::action::{Action, MeetingStatusKey};
use crate::tui::i18n::Msg;
use crate::tui::tabs::Tab;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// One key combination.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
}

const fn key(code: KeyCode) -> Key {
    Key { code, ctrl: false }
}

const fn ch(c: char) -> Key {
    key(KeyCode::Char(c))
}

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: true,
    }
}

/// Where the keyboard is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// A list of achievements or organizations (records that can be created and edited).
    RecordList,
    /// The organizations list (check-in too).
    OrganizationList,
    InterestList,
    MeetingList,
    AgreementList,
    /// Any other list.
    List,
    Dashboard,
    /// Typing a search query.
    Search,
    Form,
    Picker,
    Details,
    OrganizationDetails,
    Confirm,
    Withdraw,
    CheckIn,
    Similar,
    Duplicate,
    /// Showing a newly issued access code.
    Code,
    Help,
    /// Voiding an agreement (typing the reason).
    Void,
    /// Correcting an agreement's amounts.
    Correct,
    /// The dashboard's big-screen mode.
    BigScreen,
    /// The exhibitor view's code prompt.
    ExhibitorLogin,
    /// The exhibitor view's read-only lists.
    ExhibitorView,
}

impl Context {
    /// Contexts whose focused widget takes typed text.
    pub fn types_text(self) -> bool {
        matches!(
            self,
            Context::Search
                | Context::Form
                | Context::Picker
                | Context::Withdraw
                | Context::CheckIn
                | Context::Void
                | Context::Correct
                | Context::ExhibitorLogin
        )
    }
}

use Context::*;

const LISTS: &[Context] = &[
    RecordList,
    OrganizationList,
    InterestList,
    MeetingList,
    List,
];
const RECORD_LISTS: &[Context] = &[RecordList, OrganizationList];
const MAIN: &[Context] = &[
    RecordList,
    OrganizationList,
    InterestList,
    MeetingList,
    List,
    Dashboard,
];
/// Where a new interest or meeting can be started.
const MATCHMAKING: &[Context] = &[
    RecordList,
    OrganizationList,
    InterestList,
    MeetingList,
    Details,
    OrganizationDetails,
];
const DETAILS: &[Context] = &[Details, OrganizationDetails];
/// Dialogs that Esc leaves (the confirm dialog binds Esc as its "no").
const DIALOGS: &[Context] = &[Withdraw, CheckIn, Similar, Duplicate];
const ALL: &[Context] = &[
    RecordList,
    OrganizationList,
    InterestList,
    MeetingList,
    AgreementList,
    List,
    Dashboard,
    Search,
    Form,
    Picker,
    Details,
    OrganizationDetails,
    Confirm,
    Withdraw,
    CheckIn,
    Similar,
    Duplicate,
    Code,
    Help,
    Void,
    Correct,
    BigScreen,
    ExhibitorLogin,
    ExhibitorView,
];

pub struct Binding {
    pub keys: &'static [Key],
    /// How the help shows the keys.
    pub label: &'static str,
    pub contexts: &'static [Context],
    pub action: Action,
    pub help: Msg,
}

const fn bind(
    keys: &'static [Key],
    label: &'static str,
    contexts: &'static [Context],
    action: Action,
    help: Msg,
) -> Binding {
    Binding {
        keys,
        label,
        contexts,
        action,
        help,
    }
}

pub const BINDINGS: &[Binding] = &[
    // Agreements: recorded from lists and details, voided with a reason, amounts corrected.
    bind(
        &[ch('s')],
        "s",
        &[RecordList, OrganizationList, Details, OrganizationDetails],
        Action::Sign,
        Msg::KeySign,
    ),
    bind(
        &[ch('n')],
        "n",
        &[AgreementList],
        Action::Sign,
        Msg::KeySign,
    ),
    bind(
        &[key(KeyCode::Enter)],
        "Enter",
        &[AgreementList],
        Action::Open,
        Msg::KeyOpen,
    ),
    bind(
        &[ch('x')],
        "x",
        &[AgreementList],
        Action::Withdraw,
        Msg::KeyVoid,
    ),
    bind(
        &[ch('e')],
        "e",
        &[AgreementList],
        Action::Edit,
        Msg::KeyCorrect,
    ),
    bind(
        &[key(KeyCode::Enter)],
        "Enter",
        &[Void, Correct],
        Action::Confirm,
        Msg::KeyConfirm,
    ),
    bind(
        &[key(KeyCode::Tab), key(KeyCode::Up), key(KeyCode::Down)],
        "Tab ↑ ↓",
        &[Correct],
        Action::NextField,
        Msg::KeyNextField,
    ),
    bind(
        &[key(KeyCode::Esc)],
        "Esc",
        &[Void, Correct],
        Action::Close,
        Msg::KeyBack,
    ),
    // The dashboard's big screen.
    bind(
        &[ch('b')],
        "b",
        &[Dashboard],
        Action::ToggleBig,
        Msg::KeyBigScreen,
    ),
    bind(
        &[ch('b'), key(KeyCode::Esc)],
        "b Esc",
        &[BigScreen],
        Action::ToggleBig,
        Msg::KeyBack,
    ),
    bind(&[ch('q')], "q", &[BigScreen], Action::Quit, Msg::KeyQuit),
    // The exhibitor view: read-only; only moving, help and quitting.
    bind(
        &[key(KeyCode::Enter)],
        "Enter",
        &[ExhibitorLogin],
        Action::Confirm,
        Msg::KeyConfirm,
    ),
    bind(
        &[key(KeyCode::Esc)],
        "Esc",
        &[ExhibitorLogin],
        Action::Quit,
        Msg::KeyQuit,
    ),
    bind(
        &[key(KeyCode::Tab), key(KeyCode::Right)],
        "Tab →",
        &[ExhibitorView],
        Action::NextTab,
        Msg::KeyNextTab,
    ),
    bind(
        &[key(KeyCode::BackTab), key(KeyCode::Left)],
        "Shift-Tab ←",
        &[ExhibitorView],
        Action::PrevTab,
        Msg::KeyPrevTab,
    ),
    bind(
        &[key(KeyCode::Up), ch('k')],
        "↑ k",
        &[ExhibitorView],
        Action::Up,
        Msg::KeyUp,
    ),
    bind(
        &[key(KeyCode::Down), ch('j')],
        "↓ j",
        &[ExhibitorView],
        Action::Down,
        Msg::KeyDown,
    ),
    bind(
        &[key(KeyCode::PageUp)],
        "PgUp",
        &[ExhibitorView],
        Action::PageUp,
        Msg::KeyPageUp,
    ),
    bind(
        &[key(KeyCode::PageDown)],
        "PgDn",
        &[ExhibitorView],
        Action::PageDown,
        Msg::KeyPageDown,
    ),
    bind(
        &[ch('?'), key(KeyCode::F(1))],
        "? F1",
        &[ExhibitorView],
        Action::ToggleHelp,
        Msg::KeyHelp,
    ),
    bind(
        &[ch('q')],
        "q",
        &[ExhibitorView],
        Action::Quit,
        Msg::KeyQuit,
    ),
    // Lists.
    bind(
        &[key(KeyCode::Up), ch('k')],
        "↑ k",
        LISTS,
        Action::Up,
        Msg::KeyUp,
    ),
    bind(
        &[key(KeyCode::Down), ch('j')],
        "↓ j",
        LISTS,
        Action::Down,
        Msg::KeyDown,
    ),
    bind(
        &[key(KeyCode::PageUp), ctrl('b')],
        "PgUp Ctrl-B",
        LISTS,
        Action::PageUp,
        Msg::KeyPageUp,
    ),
    bind(
        &[key(KeyCode::PageDown), ctrl('f')],
        "PgDn Ctrl-F",
        LISTS,
        Action::PageDown,
        Msg::KeyPageDown,
    ),
    bind(
        &[key(KeyCode::Home), ch('g')],
        "Home g",
        LISTS,
        Action::Top,
        Msg::KeyTop,
    ),
    bind(
        &[key(KeyCode::End), ch('G')],
        "End G",
        LISTS,
        Action::Bottom,
        Msg::KeyBottom,
    ),
    bind(&[ch('/')], "/", LISTS, Action::Search, Msg::KeySearch),
    bind(
        &[key(KeyCode::Enter)],
        "Enter",
        RECORD_LISTS,
        Action::Open,
        Msg::KeyOpen,
    ),
    bind(&[ch('n')], "n", RECORD_LISTS, Action::New, Msg::KeyNew),
    bind(&[ch('e')], "e", RECORD_LISTS, Action::Edit, Msg::KeyEdit),
    bind(
        &[ch('x')],
        "x",
        RECORD_LISTS,
        Action::Withdraw,
        Msg::KeyWithdraw,
    ),
    bind(
        &[ch('c')],
        "c",
        &[OrganizationList, OrganizationDetails],
        Action::CheckIn,
        Msg::KeyCheckIn,
    ),
    bind(
        &[ch('w')],
        "w",
        RECORD_LISTS,
        Action::ToggleWithdrawn,
        Msg::KeyToggleWithdrawn,
    ),
    bind(
        &[key(KeyCode::Esc)],
        "Esc",
        LISTS,
        Action::Close,
        Msg::KeyClearSearch,
    ),
    // Matchmaking: interest and meetings.
    bind(
        &[ch('i')],
        "i",
        MATCHMAKING,
        Action::LogInterest,
        Msg::KeyLogInterest,
    ),
    bind(
        &[ch('m')],
        "m",
        MATCHMAKING,
        Action::BookMeeting,
        Msg::KeyBookMeeting,
    ),
    bind(
        &[ch('n')],
        "n",
        &[InterestList],
        Action::LogInterest,
        Msg::KeyLogInterest,
    ),
    bind(
        &[ch('n')],
        "n",
        &[MeetingList],
        Action::BookMeeting,
        Msg::KeyBookMeeting,
    ),
    bind(
        &[key(KeyCode::Enter)],
        "Enter",
        &[InterestList, MeetingList],
        Action::Open,
        Msg::KeyOpenAchievement,
    ),
    bind(
        &[ch('h')],
        "h",
        &[MeetingList],
        Action::MeetingStatus(MeetingStatusKey::Held),
        Msg::KeyHeld,
    ),
    bind(
        &[ch('o')],
        "o",
        &[MeetingList],
        Action::MeetingStatus(MeetingStatusKey::NoShow),
        Msg::KeyNoShow,
    ),
    bind(
        &[ch('b')],
        "b",
        &[MeetingList],
        Action::MeetingStatus(MeetingStatusKey::Booked),
        Msg::KeyBooked,
    ),
    bind(
        &[ch('x')],
        "x",
        &[MeetingList],
        Action::CancelMeeting,
        Msg::KeyCancelMeeting,
    ),
    bind(
        &[ch('t')],
        "t",
        &[MeetingList],
        Action::InterestFromMeeting,
        Msg::KeyInterestFromMeeting,
    ),
    bind(
        &[ch('v')],
        "v",
        &[MeetingList],
        Action::ToggleGrid,
        Msg::KeyGrid,
    ),
    bind(
        &[ch('[')],
        "[",
        &[MeetingList],
        Action::PrevDay,
        Msg::KeyPrevDay,
    ),
    bind(
        &[ch(']')],
        "]",
        &[MeetingList],
        Action::NextDay,
        Msg::KeyNextDay,
    ),
    bind(
        &[ch('a')],
        "a",
        &[OrganizationList, OrganizationDetails],
        Action::IssueCode,
        Msg::KeyIssueCode,
    ),
    bind(
        &[key(KeyCode::Enter), key(KeyCode::Esc)],
        "Enter Esc",
        &[Code],
        Action::Close,
        Msg::KeyClose,
    ),
    // Tabs, anywhere no overlay is open.
    bind(
        &[key(KeyCode::Tab), key(KeyCode::Right)],
        "Tab →",
        MAIN,
        Action::NextTab,
        Msg::KeyNextTab,
    ),
    bind(
        &[key(KeyCode::BackTab), key(KeyCode::Left)],
        "Shift-Tab ←",
        MAIN,
        Action::PrevTab,
        Msg::KeyPrevTab,
    ),
    bind(
        &[
            ch('1'),
            ch('2'),
            ch('3'),
            ch('4'),
            ch('5'),
            ch('6'),
            ch('7'),
        ],
        "1–7",
        MAIN,
        Action::GoTab(Tab::Achievements),
        Msg::KeyGoTab,
    ),
    bind(
        &[ch('r'), ctrl('l')],
        "r Ctrl-L",
        MAIN,
        Action::Refresh,
        Msg::KeyRefresh,
    ),
    // Search input.
    bind(
        &[key(KeyCode::Enter), key(KeyCode::Down)],
        "Enter ↓",
        &[Search],
        Action::SearchDone,
        Msg::KeySearchDone,
    ),
    bind(
        &[key(KeyCode::Esc)],
        "Esc",
        &[Search],
        Action::Close,
        Msg::KeyClearSearch,
    ),
    // Forms.
    bind(
        &[key(KeyCode::Tab), key(KeyCode::Down)],
        "Tab ↓",
        &[Form],
        Action::NextField,
        Msg::KeyNextField,
    ),
    bind(
        &[key(KeyCode::BackTab), key(KeyCode::Up)],
        "Shift-Tab ↑",
        &[Form],
        Action::PrevField,
        Msg::KeyPrevField,
    ),
    bind(
        &[key(KeyCode::Enter)],
        "Enter",
        &[Form],
        Action::Choose,
        Msg::KeyChoose,
    ),
    bind(
        &[ctrl('s'), key(KeyCode::F(2))],
        "Ctrl-S F2",
        &[Form],
        Action::Save,
        Msg::KeySave,
    ),
    bind(
        &[key(KeyCode::Esc)],
        "Esc",
        &[Form],
        Action::Close,
        Msg::KeyCancelForm,
    ),
    // Pickers.
    bind(&[key(KeyCode::Up)], "↑", &[Picker], Action::Up, Msg::KeyUp),
    bind(
        &[key(KeyCode::Down)],
        "↓",
        &[Picker],
        Action::Down,
        Msg::KeyDown,
    ),
    bind(
        &[key(KeyCode::Enter)],
        "Enter",
        &[Picker],
        Action::Choose,
        Msg::KeyPick,
    ),
    bind(
        &[key(KeyCode::Tab)],
        "Tab",
        &[Picker],
        Action::Toggle,
        Msg::KeyToggleChoice,
    ),
    bind(
        &[key(KeyCode::Esc)],
        "Esc",
        &[Picker],
        Action::Close,
        Msg::KeyClose,
    ),
    // Details.
    bind(
        &[key(KeyCode::Up), ch('k')],
        "↑ k",
        DETAILS,
        Action::Up,
        Msg::KeyScrollUp,
    ),
    bind(
        &[key(KeyCode::Down), ch('j')],
        "↓ j",
        DETAILS,
        Action::Down,
        Msg::KeyScrollDown,
    ),
    bind(&[ch('e')], "e", DETAILS, Action::Edit, Msg::KeyEdit),
    bind(&[ch('x')], "x", DETAILS, Action::Withdraw, Msg::KeyWithdraw),
    bind(
        &[key(KeyCode::Esc), ch('q')],
        "Esc",
        DETAILS,
        Action::Close,
        Msg::KeyBack,
    ),
    // Dialogs.
    bind(
        &[key(KeyCode::Enter), ch('y')],
        "Enter y",
        &[Confirm],
        Action::Confirm,
        Msg::KeyYes,
    ),
    bind(
        &[key(KeyCode::Esc), ch('n')],
        "Esc n",
        &[Confirm],
        Action::Close,
        Msg::KeyNo,
    ),
    bind(
        &[key(KeyCode::Enter)],
        "Enter",
        &[Withdraw, CheckIn],
        Action::Confirm,
        Msg::KeyConfirm,
    ),
    bind(
        &[key(KeyCode::Tab), key(KeyCode::Down), key(KeyCode::Up)],
        "Tab ↑ ↓",
        &[CheckIn],
        Action::NextField,
        Msg::KeyNextField,
    ),
    bind(&[key(KeyCode::Up)], "↑", &[Similar], Action::Up, Msg::KeyUp),
    bind(
        &[key(KeyCode::Down)],
        "↓",
        &[Similar],
        Action::Down,
        Msg::KeyDown,
    ),
    bind(
        &[key(KeyCode::Enter), ch('u')],
        "Enter u",
        &[Similar, Duplicate],
        Action::UseExisting,
        Msg::KeyUseExisting,
    ),
    bind(
        &[ch('s')],
        "s",
        &[Similar],
        Action::SaveAnyway,
        Msg::KeySaveAnyway,
    ),
    bind(
        &[key(KeyCode::Esc)],
        "Esc",
        DIALOGS,
        Action::Close,
        Msg::KeyBackToForm,
    ),
    // Help and quitting.
    bind(
        &[ch('?'), key(KeyCode::F(1))],
        "? F1",
        &[
            RecordList,
            OrganizationList,
            InterestList,
            MeetingList,
            AgreementList,
            List,
            Dashboard,
            Details,
            OrganizationDetails,
            BigScreen,
        ],
        Action::ToggleHelp,
        Msg::KeyHelp,
    ),
    bind(
        &[key(KeyCode::F(1))],
        "F1",
        &[
            Search, Form, Picker, Confirm, Withdraw, CheckIn, Similar, Duplicate, Code, Void,
            Correct,
        ],
        Action::ToggleHelp,
        Msg::KeyHelp,
    ),
    bind(
        &[key(KeyCode::Esc), ch('?'), key(KeyCode::F(1))],
        "Esc ? F1",
        &[Help],
        Action::Close,
        Msg::KeyClose,
    ),
    bind(&[ch('q')], "q", MAIN, Action::Quit, Msg::KeyQuit),
    bind(&[ctrl('c')], "Ctrl-C", ALL, Action::Quit, Msg::KeyForceQuit),
];

/// The action for a key in `context`, if a binding claims it.
pub fn resolve(event: KeyEvent, context: Context) -> Option<Action> {
    let pressed = Key {
        code: match event.code {
            // Some terminals report Shift-Tab as Tab with SHIFT.
            KeyCode::Tab if event.modifiers.contains(KeyModifiers::SHIFT) => KeyCode::BackTab,
            other => other,
        },
        ctrl: event.modifiers.contains(KeyModifiers::CONTROL),
    };
    let binding = BINDINGS
        .iter()
        .filter(|b| b.contexts.contains(&context))
        .find(|b| b.keys.contains(&pressed))?;
    if let Action::GoTab(_) = binding.action
        && let KeyCode::Char(c @ '1'..='7') = pressed.code
    {
        return Some(Action::GoTab(Tab::ALL[(c as usize) - ('1' as usize)]));
    }
    Some(binding.action)
}

/// The help's lines for `context`: (keys, description), in table order.
pub fn help_entries(context: Context) -> Vec<(&'static str, Msg)> {
    let mut entries: Vec<(&'static str, Msg)> = BINDINGS
        .iter()
        .filter(|b| b.contexts.contains(&context))
        .map(|b| (b.label, b.help))
        .collect();
    if context.types_text() {
        entries.push(("…", Msg::KeyTyping));
    }
    if MAIN.contains(&context) {
        entries.push(("Mouse", Msg::KeyMouse));
    }
    entries
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn keys_resolve_per_context() {
        let j = press(KeyCode::Char('j'), KeyModifiers::NONE);
        assert_eq!(resolve(j, RecordList), Some(Action::Down));
        assert_eq!(resolve(j, Dashboard), None);
        assert_eq!(resolve(j, Form), None, "j types a j in a form");
        let q = press(KeyCode::Char('q'), KeyModifiers::NONE);
        assert_eq!(resolve(q, List), Some(Action::Quit));
        assert_eq!(resolve(q, Search), None, "q types a q in the search box");
        assert_eq!(
            resolve(press(KeyCode::Char('3'), KeyModifiers::NONE), Dashboard),
            Some(Action::GoTab(Tab::Interests))
        );
        for context in ALL {
            assert_eq!(
                resolve(press(KeyCode::Char('c'), KeyModifiers::CONTROL), *context),
                Some(Action::Quit),
                "Ctrl-C works in {context:?}"
            );
        }
        assert_eq!(
            resolve(press(KeyCode::Tab, KeyModifiers::SHIFT), List),
            Some(Action::PrevTab)
        );
    }

    #[test]
    fn no_context_binds_one_key_twice() {
        for context in ALL {
            let mut seen: Vec<Key> = Vec::new();
            for b in BINDINGS.iter().filter(|b| b.contexts.contains(context)) {
                for k in b.keys {
                    assert!(!seen.contains(k), "{k:?} bound twice in {context:?}");
                    seen.push(*k);
                }
            }
        }
    }

    #[test]
    fn help_lists_every_binding_of_the_context() {
        let entries = help_entries(RecordList);
        let bound = BINDINGS
            .iter()
            .filter(|b| b.contexts.contains(&RecordList))
            .count();
        assert_eq!(entries.len(), bound + 1, "bindings plus the mouse line");
        assert!(entries.iter().any(|(_, m)| *m == Msg::KeyNew));
        assert!(
            help_entries(Dashboard)
                .iter()
                .all(|(_, m)| *m != Msg::KeyDown)
        );
        assert!(help_entries(Form).iter().any(|(_, m)| *m == Msg::KeySave));
    }
}

#[cfg(test)]
mod exhibitor_tests {
    use super::*;

    /// The exhibitor view is read-only: no binding of its contexts leads to an action
    /// that could change data or reach other records.
    #[test]
    fn exhibitor_keys_only_move_help_and_quit() {
        let allowed = [
            Action::Confirm,
            Action::Quit,
            Action::NextTab,
            Action::PrevTab,
            Action::Up,
            Action::Down,
            Action::PageUp,
            Action::PageDown,
            Action::ToggleHelp,
        ];
        for b in BINDINGS {
            if b.contexts.contains(&ExhibitorLogin) || b.contexts.contains(&ExhibitorView) {
                assert!(
                    allowed.contains(&b.action),
                    "{:?} reachable in the exhibitor view",
                    b.action
                );
            }
        }
    }
}
