//! The terminal interface: state, key map, screens, widgets, theme and strings.
//!
//! The loop: read an event → resolve it to an `Action` (key map) → `State::apply` →
//! refresh the snapshot when the file changed (this desk or another) → draw.
pub mod action;
pub mod columns;
pub mod conflicts;
pub mod i18n;
pub mod keymap;
pub mod run;
pub mod safety;
pub mod state;
pub mod tabs;
pub mod theme;
pub mod view;

pub use run::run;
