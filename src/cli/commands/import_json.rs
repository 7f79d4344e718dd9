//! `fairdesk import json FILE`: a JSON dump restored into a new (or empty) fair file.
use crate::cli::common::{CommandResult, Context, Failure, print_stdout};
use crate::domain::lang::Lang;
use crate::export::json_dump::restore_file;
use std::path::Path;

pub fn run(ctx: &Context, file: &Path) -> CommandResult {
    let lang = ctx.lang;
    let counts = restore_file(file, &ctx.db, &ctx.desk).map_err(|e| {
        let message = e.message(lang);
        if e.is_bad_input() {
            Failure::input(message)
        } else {
            Failure::runtime(message)
        }
    })?;
    let rows: usize = counts.iter().map(|(_, n)| n).sum();
    print_stdout(&match lang {
        Lang::Zh => format!(
            "已还原到 {}：{} 张表，共 {rows} 行\n",
            ctx.db.display(),
            counts.len()
        ),
        Lang::En => format!(
            "restored into {}: {} tables, {rows} rows\n",
            ctx.db.display(),
            counts.len()
        ),
    });
    Ok(())
}
