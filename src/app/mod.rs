//! Use cases shared by the command line and the TUI; the only bridge to the store.
pub mod add;
pub mod add_each;
pub mod autobackup;
pub mod demo;
pub mod desk;
pub mod exhibitor;
pub mod generate;
pub mod merge_report;
pub mod recommend;
pub mod schedule;
pub mod search;
pub mod summary;
pub mod views;
