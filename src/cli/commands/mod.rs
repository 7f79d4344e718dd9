//! One file per command.
pub mod add;
pub mod add_each;
pub mod demo;
pub mod init;
pub mod summary;
pub mod tui;
