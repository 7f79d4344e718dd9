//! The exhibitor view's state: the code prompt, then three read-only lists.
use crate::app::exhibitor::ExhibitorSession;
use crate::domain::lang::Lang;
use crate::store::access::AccessCheck;
use crate::store::exhibitor::ExhibitorData;
use crate::tui::action::Action;
use crate::tui::keymap::{Context, resolve};
use crate::tui::widgets::text_input::TextInput;
use crossterm::event::KeyEvent;

/// The three lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExhibitorTab {
    Achievements,
    Interests,
    Meetings,
}

impl ExhibitorTab {
    pub const ALL: [ExhibitorTab; 3] = [
        ExhibitorTab::Achievements,
        ExhibitorTab::Interests,
        ExhibitorTab::Meetings,
    ];

    pub fn index(self) -> usize {
        ExhibitorTab::ALL
            .iter()
            .position(|t| *t == self)
            .unwrap_or(0)
    }
}

pub struct ExhibitorState {
    pub session: ExhibitorSession,
    pub lang: Lang,
    pub code: TextInput,
    /// The answer to the last wrong or refused code.
    pub login_message: Option<String>,
    pub data: Option<ExhibitorData>,
    pub tab: ExhibitorTab,
    pub scroll: [usize; 3],
    pub help_open: bool,
    pub quit: bool,
}

impl ExhibitorState {
    pub fn new(session: ExhibitorSession, lang: Lang) -> ExhibitorState {
        ExhibitorState {
            session,
            lang,
            code: TextInput::default(),
            login_message: None,
            data: None,
            tab: ExhibitorTab::Achievements,
            scroll: [0; 3],
            help_open: false,
            quit: false,
        }
    }

    pub fn context(&self) -> Context {
        if self.help_open {
            Context::Help
        } else if self.data.is_none() {
            Context::ExhibitorLogin
        } else {
            Context::ExhibitorView
        }
    }

    pub fn handle_key(&mut self, key: KeyEvent) {
        let context = self.context();
        match resolve(key, context) {
            Some(action) => self.apply(action),
            None if context == Context::ExhibitorLogin => {
                self.code.handle_key(key);
            }
            None => {}
        }
    }

    pub fn paste(&mut self, text: &str) {
        if self.context() == Context::ExhibitorLogin {
            self.code.insert(text);
        }
    }

    fn rows(&self) -> usize {
        match (&self.data, self.tab) {
            (Some(d), ExhibitorTab::Achievements) => d.achievements.len(),
            (Some(d), ExhibitorTab::Interests) => d.interests.len(),
            (Some(d), ExhibitorTab::Meetings) => d.meetings.len(),
            (None, _) => 0,
        }
    }

    fn apply(&mut self, action: Action) {
        let i = self.tab.index();
        match action {
            Action::Quit => self.quit = true,
            Action::Confirm => self.login(),
            Action::ToggleHelp => self.help_open = true,
            Action::Close => self.help_open = false,
            Action::NextTab => self.tab = ExhibitorTab::ALL[(i + 1) % 3],
            Action::PrevTab => self.tab = ExhibitorTab::ALL[(i + 2) % 3],
            Action::Up => self.scroll[i] = self.scroll[i].saturating_sub(1),
            Action::Down => {
                self.scroll[i] = (self.scroll[i] + 1).min(self.rows().saturating_sub(1))
            }
            Action::PageUp => self.scroll[i] = self.scroll[i].saturating_sub(10),
            Action::PageDown => {
                self.scroll[i] = (self.scroll[i] + 10).min(self.rows().saturating_sub(1))
            }
            _ => {}
        }
    }

    fn login(&mut self) {
        let lang = self.lang;
        let code = self.code.value().to_string();
        self.code.set("");
        self.login_message = match self.session.login(&code) {
            Ok(AccessCheck::Granted) => {
                self.refresh();
                None
            }
            Ok(AccessCheck::Wrong { remaining }) => Some(match lang {
                Lang::Zh => format!("访问码不正确；还可再试 {remaining} 次，之后每次需等待"),
                Lang::En => {
                    format!("wrong code; {remaining} more tries before each try has to wait")
                }
            }),
            Ok(AccessCheck::Locked { until }) => {
                let at = until.with_timezone(&self.session.zone()).format("%H:%M:%S");
                Some(match lang {
                    Lang::Zh => format!("错误次数过多，请于 {at} 之后再试"),
                    Lang::En => format!("too many wrong codes; try again after {at}"),
                })
            }
            Ok(AccessCheck::NoCode) => Some(
                lang.pick("该单位尚未发放访问码", "no access code was issued")
                    .to_string(),
            ),
            Err(e) => Some(e.message(lang)),
        };
    }

    /// Reloads the organization's data (after another desk's change).
    pub fn refresh(&mut self) {
        if let Ok(Some(data)) = self.session.data() {
            self.data = Some(data);
        }
    }
}
