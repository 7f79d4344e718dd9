//! `fairdesk summary [--json]`: the headline tallies.
use crate::app::summary;
use crate::cli::common::{CommandResult, Context, Failure, open_existing, print_stdout};

pub fn run(ctx: &Context, json: bool) -> CommandResult {
    let lang = ctx.lang;
    let store = open_existing(&ctx.db, &ctx.desk, lang)?;
    let fair = store.require_fair().map_err(|e| Failure::store(e, lang))?;
    let tallies = store.tallies().map_err(|e| Failure::store(e, lang))?;
    if json {
        let body = summary::SummaryJson {
            fair: &fair.name,
            tallies: &tallies,
        };
        let text =
            serde_json::to_string_pretty(&body).map_err(|e| Failure::runtime(e.to_string()))?;
        print_stdout(&format!("{text}\n"));
    } else {
        print_stdout(&summary::text(&fair, &tallies, lang));
    }
    Ok(())
}
