//! Use cases shared by the command line and the TUI; the only bridge to the store.
pub mod add;
pub mod demo;
pub mod generate;
pub mod summary;
pub mod views;
