//! fairdesk: run a technology achievement transfer fair (科技成果转化对接会) from one
//! SQLite file, offline, on several desks at once.
//!
//! Data flows one way: key → action → use case → store → state refresh → render.
//!
//! - [`domain`]: plain types and validation, no I/O (money, credit code, phone, text,
//!   vocabularies, one file per record kind).
//! - [`store`]: SQLite (WAL, migrations, one file per aggregate, audit, tallies).
//! - [`matching`]: needs ↔ achievements recommendations with their reasons (pure).
//! - [`app`]: use cases shared by every front end (add from JSON, the demo fair, summary).
//! - [`search`]: the in-memory fuzzy + pinyin index behind `/`, ranked best first.
//! - [`cli`]: the command line (clap), mapping errors to exit codes.
//! - [`tui`]: the terminal interface (ratatui): state, key map, screens, widgets, i18n;
//!   `tui::fill` loads the rows a screen asks for (`State::wants` → `State::supply`).
pub mod app;
pub mod cli;
pub mod domain;
pub mod export;
pub mod import;
pub mod matching;
pub mod search;
pub mod store;
pub mod tui;
