//! `fairdesk` with no command: the TUI on the file, creating an empty fair if missing.
use crate::cli::common::{CommandResult, Context, Failure};
use crate::domain::fair::FairInput;
use crate::store::Store;

pub fn run(ctx: &Context) -> CommandResult {
    let lang = ctx.lang;
    let mut store = Store::open(&ctx.db, &ctx.desk).map_err(|e| Failure::store(e, lang))?;
    if store.fair().map_err(|e| Failure::store(e, lang))?.is_none() {
        let name = lang.pick("新对接会", "New fair");
        store
            .create_fair(&FairInput {
                name: name.into(),
                ..Default::default()
            })
            .map_err(|e| Failure::store(e, lang))?;
    }
    open(store, ctx)
}

/// Runs the TUI until the user quits, backing the file up as `ctx` says.
pub fn open(store: Store, ctx: &Context) -> CommandResult {
    crate::tui::run::run_with(store, ctx.lang, options(ctx))
        .map_err(|e| Failure::runtime(e.to_string()))
}

/// The TUI's options from the command line (the backup interval).
pub fn options(ctx: &Context) -> crate::tui::run::RunOptions {
    crate::tui::run::RunOptions {
        backup_every: (ctx.backup_minutes > 0)
            .then(|| std::time::Duration::from_secs(u64::from(ctx.backup_minutes) * 60)),
        ..Default::default()
    }
}
