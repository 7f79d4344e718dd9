//! One file per command.
pub mod add;
pub mod add_each;
pub mod backup;
pub mod check;
pub mod demo;
pub mod init;
pub mod merge;
pub mod restore;
pub mod summary;
pub mod tui;
