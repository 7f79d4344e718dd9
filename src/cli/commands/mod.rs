//! One file per command.
pub mod add;
pub mod demo;
pub mod init;
pub mod recommend;
pub mod summary;
pub mod tui;
