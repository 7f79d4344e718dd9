//! What a key (or click) asks for. `State::apply` carries each out.
use crate::tui::tabs::Tab;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    NextTab,
    PrevTab,
    GoTab(Tab),
    /// Select row `n` of the visible page (from a mouse click).
    SelectVisibleRow(usize),
    ToggleWithdrawn,
    Refresh,
    ToggleHelp,
    /// Esc: close the top overlay, or clear the search.
    Close,
    Quit,
    /// Start typing a search query.
    Search,
    /// Leave the search input, keeping the filter.
    SearchDone,
    New,
    Edit,
    /// Open the selected record's details.
    Open,
    Withdraw,
    CheckIn,
    NextField,
    PrevField,
    /// Enter in a form (open the field's picker, or go to the next field) or a picker.
    Choose,
    Save,
    /// Add or remove the highlighted option of a multi-choice picker.
    Toggle,
    Confirm,
    UseExisting,
    SaveAnyway,
    /// Log interest (for the selected achievement or organization, when there is one).
    LogInterest,
    /// Book a meeting (for the selected achievement or organization, when there is one).
    BookMeeting,
    /// Set the selected meeting's status.
    MeetingStatus(MeetingStatusKey),
    /// Cancel the selected meeting (asks first).
    CancelMeeting,
    /// Log a held meeting as interest.
    InterestFromMeeting,
    /// Switch the meetings tab between its list and the table grid.
    ToggleGrid,
    PrevDay,
    NextDay,
    /// Issue an exhibitor access code (asks first).
    IssueCode,
    /// Record an agreement (for the selected achievement or buyer, when there is one).
    Sign,
    /// The dashboard's big-screen mode on or off.
    ToggleBig,
}

/// Meeting statuses a key can set (cancelling asks first and has its own action).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MeetingStatusKey {
    Held,
    NoShow,
    Booked,
}

impl MeetingStatusKey {
    pub fn code(self) -> &'static str {
        match self {
            MeetingStatusKey::Held => "held",
            MeetingStatusKey::NoShow => "no_show",
            MeetingStatusKey::Booked => "booked",
        }
    }
}
