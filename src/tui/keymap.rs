//! The key map as data: each binding has its keys, its action and a description. The
//! same table resolves keys and generates the help overlay, so they cannot disagree.
use crate::tui::action::Action;
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

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: true,
    }
}

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Everywhere,
    Lists,
    Dashboard,
}

pub struct Binding {
    pub keys: &'static [Key],
    /// How the help shows the keys.
    pub label: &'static str,
    pub action: Action,
    pub help: Msg,
    pub scope: Scope,
}

pub const BINDINGS: &[Binding] = &[
    Binding {
        keys: &[key(KeyCode::Up), key(KeyCode::Char('k'))],
        label: "↑ k",
        action: Action::Up,
        help: Msg::KeyUp,
        scope: Scope::Lists,
    },
    Binding {
        keys: &[key(KeyCode::Down), key(KeyCode::Char('j'))],
        label: "↓ j",
        action: Action::Down,
        help: Msg::KeyDown,
        scope: Scope::Lists,
    },
    Binding {
        keys: &[key(KeyCode::PageUp), ctrl('b')],
        label: "PgUp Ctrl-B",
        action: Action::PageUp,
        help: Msg::KeyPageUp,
        scope: Scope::Lists,
    },
    Binding {
        keys: &[key(KeyCode::PageDown), ctrl('f')],
        label: "PgDn Ctrl-F",
        action: Action::PageDown,
        help: Msg::KeyPageDown,
        scope: Scope::Lists,
    },
    Binding {
        keys: &[key(KeyCode::Home), key(KeyCode::Char('g'))],
        label: "Home g",
        action: Action::Top,
        help: Msg::KeyTop,
        scope: Scope::Lists,
    },
    Binding {
        keys: &[key(KeyCode::End), key(KeyCode::Char('G'))],
        label: "End G",
        action: Action::Bottom,
        help: Msg::KeyBottom,
        scope: Scope::Lists,
    },
    Binding {
        keys: &[key(KeyCode::Char('w'))],
        label: "w",
        action: Action::ToggleWithdrawn,
        help: Msg::KeyToggleWithdrawn,
        scope: Scope::Lists,
    },
    Binding {
        keys: &[
            key(KeyCode::Tab),
            key(KeyCode::Right),
            key(KeyCode::Char('l')),
        ],
        label: "Tab → l",
        action: Action::NextTab,
        help: Msg::KeyNextTab,
        scope: Scope::Everywhere,
    },
    Binding {
        keys: &[
            key(KeyCode::BackTab),
            key(KeyCode::Left),
            key(KeyCode::Char('h')),
        ],
        label: "Shift-Tab ← h",
        action: Action::PrevTab,
        help: Msg::KeyPrevTab,
        scope: Scope::Everywhere,
    },
    Binding {
        keys: &[
            key(KeyCode::Char('1')),
            key(KeyCode::Char('2')),
            key(KeyCode::Char('3')),
            key(KeyCode::Char('4')),
            key(KeyCode::Char('5')),
            key(KeyCode::Char('6')),
        ],
        label: "1–6",
        action: Action::GoTab(Tab::Achievements),
        help: Msg::KeyGoTab,
        scope: Scope::Everywhere,
    },
    Binding {
        keys: &[key(KeyCode::Char('r')), ctrl('l')],
        label: "r Ctrl-L",
        action: Action::Refresh,
        help: Msg::KeyRefresh,
        scope: Scope::Everywhere,
    },
    Binding {
        keys: &[key(KeyCode::Char('c'))],
        label: "c",
        action: Action::Conflicts(crate::tui::conflicts::ConflictAction::Open),
        help: Msg::KeyConflicts,
        scope: Scope::Dashboard,
    },
    Binding {
        keys: &[key(KeyCode::Char('?')), key(KeyCode::F(1))],
        label: "? F1",
        action: Action::ToggleHelp,
        help: Msg::KeyHelp,
        scope: Scope::Everywhere,
    },
    Binding {
        keys: &[key(KeyCode::Char('q'))],
        label: "q",
        action: Action::Quit,
        help: Msg::KeyQuit,
        scope: Scope::Everywhere,
    },
    Binding {
        keys: &[ctrl('c')],
        label: "Ctrl-C",
        action: Action::Quit,
        help: Msg::KeyForceQuit,
        scope: Scope::Everywhere,
    },
];

fn applies(scope: Scope, tab: Tab) -> bool {
    match scope {
        Scope::Everywhere => true,
        Scope::Lists => tab.is_list(),
        Scope::Dashboard => tab == Tab::Dashboard,
    }
}

/// The action for a key on `tab`, if any.
pub fn resolve(event: KeyEvent, tab: Tab) -> Option<Action> {
    let pressed = Key {
        code: match event.code {
            // Some terminals report Shift-Tab as Tab with SHIFT.
            KeyCode::Tab if event.modifiers.contains(KeyModifiers::SHIFT) => KeyCode::BackTab,
            other => other,
        },
        ctrl: event.modifiers.contains(KeyModifiers::CONTROL),
    };
    if let KeyCode::Char(c @ '1'..='6') = pressed.code
        && !pressed.ctrl
    {
        let index = (c as usize) - ('1' as usize);
        return Some(Action::GoTab(Tab::ALL[index]));
    }
    BINDINGS
        .iter()
        .filter(|b| applies(b.scope, tab))
        .find(|b| b.keys.contains(&pressed))
        .map(|b| b.action)
}

/// The help overlay's lines for `tab`: (keys, description).
pub fn help_entries(tab: Tab) -> Vec<(&'static str, Msg)> {
    let mut entries: Vec<(&'static str, Msg)> = BINDINGS
        .iter()
        .filter(|b| applies(b.scope, tab))
        .map(|b| (b.label, b.help))
        .collect();
    entries.push(("Mouse", Msg::KeyMouse));
    entries
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn keys_resolve_per_screen() {
        assert_eq!(
            resolve(
                press(KeyCode::Char('j'), KeyModifiers::NONE),
                Tab::Achievements
            ),
            Some(Action::Down)
        );
        assert_eq!(
            resolve(
                press(KeyCode::Char('j'), KeyModifiers::NONE),
                Tab::Dashboard
            ),
            None
        );
        assert_eq!(
            resolve(
                press(KeyCode::Char('3'), KeyModifiers::NONE),
                Tab::Dashboard
            ),
            Some(Action::GoTab(Tab::Interests))
        );
        assert_eq!(
            resolve(
                press(KeyCode::Char('c'), KeyModifiers::CONTROL),
                Tab::Meetings
            ),
            Some(Action::Quit)
        );
        assert_eq!(
            resolve(press(KeyCode::Tab, KeyModifiers::SHIFT), Tab::Meetings),
            Some(Action::PrevTab)
        );
    }

    #[test]
    fn help_lists_every_binding_of_the_screen() {
        let list = help_entries(Tab::Achievements);
        let for_lists = BINDINGS
            .iter()
            .filter(|b| b.scope != Scope::Dashboard)
            .count();
        assert_eq!(list.len(), for_lists + 1);
        assert!(
            help_entries(Tab::Dashboard)
                .iter()
                .any(|(_, m)| *m == Msg::KeyConflicts)
        );
        let dash = help_entries(Tab::Dashboard);
        assert!(dash.iter().all(|(_, m)| *m != Msg::KeyDown));
        assert!(dash.iter().any(|(_, m)| *m == Msg::KeyQuit));
    }
}
