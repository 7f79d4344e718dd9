//! What a key (or click) asks for. One function, `App::apply`, carries each out.
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
    CloseOverlay,
    Quit,
    /// Inside the merge-conflict review overlay.
    Conflicts(crate::tui::conflicts::ConflictAction),
}
