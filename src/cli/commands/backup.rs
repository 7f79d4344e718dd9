//! `fairdesk backup [--out PATH]`: a consistent backup now, into `backups/` beside the
//! file (keeping the newest 20) or to PATH.
use crate::cli::common::{CommandResult, Context, Failure, open_existing, print_stdout};
use crate::domain::lang::Lang;
use crate::store::backup;
use std::path::PathBuf;

pub fn run(ctx: &Context, out: Option<PathBuf>) -> CommandResult {
    let lang = ctx.lang;
    // Opening first refuses what is not a fair (and a network file system).
    let store = open_existing(&ctx.db, &ctx.desk, lang)?;
    let now = store.now();
    drop(store);
    let written = match out {
        Some(path) => backup::snapshot(&ctx.db, &path).map(|()| path),
        None => backup::backup_into_folder(&ctx.db, now),
    }
    .map_err(|e| match e {
        backup::BackupError::Exists(_) => Failure::input(e.message(lang)),
        other => Failure::runtime(other.message(lang)),
    })?;
    print_stdout(&match lang {
        Lang::Zh => format!("已备份到 {}\n", written.display()),
        Lang::En => format!("backed up to {}\n", written.display()),
    });
    Ok(())
}
