//! The terminal interface: state, key map, screens, widgets, theme and strings.
//!
//! The loop: read an event → resolve it to an `Action` (key map) → `State::apply`, which
//! may return a `Command` → `app::desk::execute` runs it on the store → the snapshot is
//! reloaded when the file changed (this desk or another) → `State::on_outcome` → draw.
pub mod action;
pub mod columns;
pub mod conflicts;
pub mod exhibitor;
pub mod fill;
pub mod form;
pub mod i18n;
pub mod interest_search;
pub mod keymap;
pub mod list;
pub mod overlay;
pub mod picker;
pub mod run;
pub mod safety;
pub mod state;
pub mod tabs;
pub mod theme;
pub mod view;
pub mod widgets;

pub use run::run;
