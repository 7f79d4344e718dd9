//! `fairdesk schedule`: printable meeting schedules per table and per holder.
use crate::app::schedule::{self, ScheduleFormat, ScheduleScope};
use crate::app::views::Snapshot;
use crate::cli::common::{CommandResult, Context, Failure, open_existing, print_stdout};
use crate::domain::lookup::Lookup;

pub fn run(
    ctx: &Context,
    format: ScheduleFormat,
    table: Option<u32>,
    holder: Option<String>,
) -> CommandResult {
    let lang = ctx.lang;
    let store = open_existing(&ctx.db, &ctx.desk, lang)?;
    let holder = match holder {
        Some(reference) => Some(
            Lookup::organization(&store, &reference)
                .map_err(|p| {
                    Failure::input(crate::domain::error::FieldError::new("holder", p).message(lang))
                })?
                .id,
        ),
        None => None,
    };
    let snapshot = Snapshot::load(&store).map_err(|e| Failure::store(e, lang))?;
    print_stdout(&schedule::render(
        &snapshot,
        &ScheduleScope { table, holder },
        format,
        lang,
    ));
    Ok(())
}
