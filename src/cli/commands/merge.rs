//! `fairdesk merge DESK.db…`: brings in desk files, all in one transaction, and reports
//! what each brought. A file that cannot be merged stops the command before anything is
//! written, or undoes what was (see `Store::merge_files`).
use crate::app::merge_report;
use crate::cli::common::{CommandResult, Context, Failure, open_existing, print_stdout};
use std::path::PathBuf;

pub fn run(ctx: &Context, files: &[PathBuf], force: bool) -> CommandResult {
    let lang = ctx.lang;
    let mut store = open_existing(&ctx.db, &ctx.desk, lang)?;
    let zone = store
        .require_fair()
        .map_err(|e| Failure::store(e, lang))?
        .zone();
    store
        .merge_files(files, force, |report| {
            print_stdout(&merge_report::text(report, zone, lang));
        })
        .map_err(|e| Failure {
            code: if e.is_bad_input() { 2 } else { 1 },
            message: e.message(lang),
        })?;
    Ok(())
}
