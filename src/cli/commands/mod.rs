//! One file per command.
pub mod add;
pub mod add_each;
pub mod backup;
pub mod check;
pub mod dashboard;
pub mod demo;
pub mod exhibitor;
pub mod init;
pub mod merge;
pub mod plan;
pub mod recommend;
pub mod restore;
pub mod schedule;
pub mod summary;
pub mod tui;
