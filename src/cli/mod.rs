//! The command line: parse, run one command, map the outcome to an exit code
//! (0 ok, 1 runtime error, 2 bad usage or bad input). Errors go to stderr, one line,
//! in the user's language. One file per command under `commands/`.
pub mod args;
pub mod commands;
pub mod common;
pub mod progress;
pub mod usage_error;

use crate::domain::lang::Lang;
use args::{Cli, Command, LangArg};
use clap::Parser;
use common::{CommandResult, Context};
use std::path::PathBuf;

/// Runs the program; returns the process exit code.
pub fn run() -> i32 {
    let raw: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let cli = match Cli::try_parse_from(&raw) {
        Ok(cli) => cli,
        Err(e) => {
            // Help and version go to stdout as clap writes them; usage errors to stderr
            // in the user's language, exit code 2.
            if !e.use_stderr() {
                let _ = e.print();
                return 0;
            }
            if e.kind() == clap::error::ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
                let _ = e.print();
                return 2;
            }
            match usage_error::lang_of_raw_args(&raw) {
                Lang::Zh => eprint!(
                    "{}",
                    common::terminal_safe(&usage_error::zh_message(&e, &raw))
                ),
                Lang::En => {
                    let _ = e.print();
                }
            }
            return 2;
        }
    };
    let ctx = Context {
        explicit_db: cli.db.clone(),
        db: cli.db.unwrap_or_else(|| PathBuf::from("fair.db")),
        desk: resolve_desk(cli.desk),
        lang: resolve_lang(cli.lang),
        backup_minutes: cli.backup_every.unwrap_or(10),
    };
    match dispatch(&ctx, cli.command) {
        Ok(()) => 0,
        Err(f) => {
            eprintln!("fairdesk: {}", common::terminal_safe(&f.message));
            f.code
        }
    }
}

fn dispatch(ctx: &Context, command: Option<Command>) -> CommandResult {
    match command {
        None => commands::tui::run(ctx),
        Some(Command::Demo) => commands::demo::run(ctx),
        Some(Command::Init {
            name,
            demo,
            venue,
            starts_on,
            ends_on,
            organizer,
        }) => commands::init::run(
            ctx,
            commands::init::InitArgs {
                name,
                demo,
                venue,
                starts_on,
                ends_on,
                organizer,
            },
        ),
        Some(Command::Add { kind, each: false }) => commands::add::run(ctx, kind),
        Some(Command::Add { kind, each: true }) => commands::add_each::run(ctx, kind),
        Some(Command::Summary { json }) => commands::summary::run(ctx, json),
        Some(Command::Import {
            what,
            file,
            dry_run,
            skip_bad,
            report,
            template,
            out,
        }) => commands::import::run(
            ctx,
            commands::import::ImportArgs {
                what,
                file,
                dry_run,
                skip_bad,
                report,
                template,
                out,
            },
        ),
        Some(Command::Export {
            format,
            out,
            mask_contacts,
            full_contacts,
            org,
            encoding,
        }) => commands::export::run(
            ctx,
            crate::export::ExportOptions {
                format,
                out,
                mask_contacts,
                full_contacts,
                org,
                encoding,
                lang: ctx.lang,
            },
        ),
        Some(Command::Gen {
            achievements,
            orgs,
            interests,
            agreements,
            seed,
        }) => commands::generate::run(
            ctx,
            crate::app::generate::GenSpec {
                organizations: orgs,
                achievements,
                interests,
                agreements,
                seed,
            },
        ),
        Some(Command::Exhibitor { org }) => commands::exhibitor::run(ctx, &org),
        Some(Command::Search { query, kind, limit }) => {
            commands::search::run(ctx, &query, kind, limit)
        }
        Some(Command::Dashboard { big }) => commands::dashboard::run(ctx, big),
        Some(Command::Plan {
            tables,
            minutes,
            sessions,
        }) => commands::plan::run(ctx, tables, minutes, sessions),
        Some(Command::Schedule {
            format,
            table,
            holder,
        }) => commands::schedule::run(ctx, format, table, holder),
        Some(Command::Recommend {
            need,
            achievement,
            json,
            limit,
        }) => commands::recommend::run(
            ctx,
            commands::recommend::RecommendArgs {
                need,
                achievement,
                json,
                limit: usize::from(limit),
            },
        ),
        Some(Command::Check { repair }) => commands::check::run(ctx, repair),
        Some(Command::Backup { out }) => commands::backup::run(ctx, out),
        Some(Command::Restore { backup, yes }) => commands::restore::run(ctx, &backup, yes),
        Some(Command::Merge { files, force }) => commands::merge::run(ctx, &files, force),
    }
}

/// `--lang`, else `LC_ALL` / `LC_MESSAGES` / `LANG`, else Chinese.
pub fn resolve_lang(arg: Option<LangArg>) -> Lang {
    match arg {
        Some(LangArg::Zh) => Lang::Zh,
        Some(LangArg::En) => Lang::En,
        None => ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|k| std::env::var(k).ok())
            .find(|v| !v.is_empty())
            .map(|v| Lang::from_locale(&v))
            .unwrap_or_default(),
    }
}

/// The desk name: `--desk`, else the host name.
fn resolve_desk(arg: Option<String>) -> String {
    let cleaned = arg
        .map(|d| crate::domain::text::clean_text(&d))
        .filter(|d| !d.is_empty());
    cleaned.unwrap_or_else(|| {
        std::fs::read_to_string("/etc/hostname")
            .ok()
            .map(|h| crate::domain::text::clean_text(&h))
            .filter(|h| !h.is_empty())
            .unwrap_or_else(|| "desk".to_string())
    })
}
