//! One file per command.
pub mod add;
pub mod demo;
pub mod export;
pub mod generate;
pub mod import;
pub mod init;
pub mod restore;
pub mod summary;
pub mod tui;
