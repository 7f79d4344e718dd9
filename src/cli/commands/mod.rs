//! One file per command.
pub mod add;
pub mod dashboard;
pub mod demo;
pub mod exhibitor;
pub mod export;
pub mod generate;
pub mod import;
pub mod init;
pub mod plan;
pub mod recommend;
pub mod restore;
pub mod schedule;
pub mod summary;
pub mod tui;
