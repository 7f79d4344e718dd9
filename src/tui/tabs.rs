//! The tabs across the top, in order.
use crate::tui::i18n::Msg;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tab {
    Achievements,
    Organizations,
    Interests,
    Meetings,
    Agreements,
    Dashboard,
    Needs,
}

impl Tab {
    pub const ALL: [Tab; 7] = [
        Tab::Achievements,
        Tab::Organizations,
        Tab::Interests,
        Tab::Meetings,
        Tab::Agreements,
        Tab::Dashboard,
        Tab::Needs,
    ];

    pub fn index(self) -> usize {
        Tab::ALL.iter().position(|t| *t == self).unwrap_or(0)
    }

    pub fn title(self) -> Msg {
        match self {
            Tab::Achievements => Msg::TabAchievements,
            Tab::Organizations => Msg::TabOrganizations,
            Tab::Interests => Msg::TabInterests,
            Tab::Meetings => Msg::TabMeetings,
            Tab::Agreements => Msg::TabAgreements,
            Tab::Dashboard => Msg::TabDashboard,
            Tab::Needs => Msg::TabNeeds,
        }
    }

    pub fn next(self) -> Tab {
        Tab::ALL[(self.index() + 1) % Tab::ALL.len()]
    }

    pub fn prev(self) -> Tab {
        Tab::ALL[(self.index() + Tab::ALL.len() - 1) % Tab::ALL.len()]
    }

    /// Whether the tab is a list of rows (the dashboard is not).
    pub fn is_list(self) -> bool {
        self != Tab::Dashboard
    }
}
