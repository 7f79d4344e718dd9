//! Reusable widgets and their state.
pub mod big_digits;
pub mod text_input;
