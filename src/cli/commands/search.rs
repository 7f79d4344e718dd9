//! `fairdesk search QUERY [--kind achievements|organizations] [--limit N]`: matching
//! titles (or names), one a line, best first; Chinese, English, full pinyin or initials.
//! The texts come from the file's search pack (one value, keys made once) when it is
//! current, else from the rows, and the pack is rebuilt for the next search.
use crate::cli::common::{CommandResult, Context, Failure, open_existing};
use crate::store::search_pack::PackKind;
use std::io::Write;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SearchKind {
    Achievements,
    Organizations,
}

pub fn run(ctx: &Context, query: &str, kind: SearchKind, limit: Option<usize>) -> CommandResult {
    let lang = ctx.lang;
    let mut store = open_existing(&ctx.db, &ctx.desk, lang)?;
    // When the pack is rebuilt, the rows are read through a memory map: one system call
    // fewer per page.
    let _ = store
        .conn()
        .pragma_update(None, "mmap_size", 256 * 1024 * 1024);
    let kind = match kind {
        SearchKind::Achievements => PackKind::Achievements,
        SearchKind::Organizations => PackKind::Organizations,
    };
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    // A closed pipe (`| head`) ends the listing quietly.
    let mut emit = |text: &str| {
        let line = crate::domain::text::display_safe(text);
        out.write_all(line.as_bytes()).is_ok() && out.write_all(b"\n").is_ok()
    };
    let outcome = crate::app::search::search(
        &mut store,
        kind,
        query,
        limit.unwrap_or(usize::MAX),
        &mut emit,
    )
    .map_err(|e| Failure::store(e, lang))?;
    let _ = out.flush();
    drop(out);
    // The listing is out; a pack rebuilt because it was stale is saved after it.
    outcome.save_pack(&mut store);
    Ok(())
}
