//! One file per command.
pub mod add;
pub mod demo;
pub mod generate;
pub mod init;
pub mod summary;
pub mod tui;
