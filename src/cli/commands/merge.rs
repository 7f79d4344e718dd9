//! `fairdesk merge DESK.db…` (filled in with the merge itself).
use crate::cli::common::{CommandResult, Context};
use std::path::PathBuf;

pub fn run(_ctx: &Context, _files: &[PathBuf], _force: bool) -> CommandResult {
    Ok(())
}
