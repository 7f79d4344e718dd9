//! `fairdesk import json FILE`: a JSON dump restored into an empty fair file.
use crate::cli::common::{CommandResult, Context, Failure};
use std::path::Path;

pub fn run(ctx: &Context, _file: &Path) -> CommandResult {
    Err(Failure::input(
        ctx.lang.pick("尚不支持", "not supported yet").to_string(),
    ))
}
