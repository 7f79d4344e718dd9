//! `fairdesk dashboard [--big]`: the TUI on the dashboard, or its big screen for a
//! projector.
use crate::cli::common::{CommandResult, Context, Failure, open_existing};
use crate::tui::tabs::Tab;

pub fn run(ctx: &Context, big: bool) -> CommandResult {
    let store = open_existing(&ctx.db, &ctx.desk, ctx.lang)?;
    crate::tui::run::run_at(store, ctx.lang, Tab::Dashboard, big)
        .map_err(|e| Failure::runtime(e.to_string()))
}
