//! `fairdesk` with no command: the TUI on the file, creating an empty fair if missing.
use crate::cli::common::{CommandResult, Context, Failure};
use crate::domain::fair::FairInput;
use crate::domain::lang::Lang;
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
    open(store, lang)
}

/// Runs the TUI until the user quits.
pub fn open(store: Store, lang: Lang) -> CommandResult {
    crate::tui::run(store, lang).map_err(|e| Failure::runtime(e.to_string()))
}
