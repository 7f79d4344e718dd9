//! Reusable widgets and their state.
pub mod text_input;
