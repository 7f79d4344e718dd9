//! `fairdesk search QUERY [--kind achievements|organizations] [--limit N]`: matching
//! titles (or names), one a line, best first; Chinese, English, full pinyin or initials.
//! The texts are read once from the file and never kept beyond the matches.
use crate::cli::common::{CommandResult, Context, Failure, open_existing};
use crate::search::OnceSearch;
use std::io::Write;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SearchKind {
    Achievements,
    Organizations,
}

pub fn run(ctx: &Context, query: &str, kind: SearchKind, limit: Option<usize>) -> CommandResult {
    let lang = ctx.lang;
    let store = open_existing(&ctx.db, &ctx.desk, lang)?;
    // One pass over the index: memory-mapped reads save a system call per page.
    let _ = store
        .conn()
        .pragma_update(None, "mmap_size", 256 * 1024 * 1024);
    let mut once = OnceSearch::new(query);
    // Each text is scored as it is read; only the matches are kept.
    let mut hits: Vec<(u32, usize, String)> = Vec::new();
    let mut position = 0usize;
    let mut keep = |text: &str| {
        if let Some(score) = once.score(text) {
            hits.push((score, position, text.to_string()));
        }
        position += 1;
    };
    match kind {
        SearchKind::Achievements => store.scan_active_titles(&mut keep),
        SearchKind::Organizations => store.scan_active_names(&mut keep),
    }
    .map_err(|e| Failure::store(e, lang))?;
    hits.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for (_, _, text) in hits.iter().take(limit.unwrap_or(usize::MAX)) {
        // A closed pipe (`| head`) ends the listing quietly.
        if writeln!(out, "{}", crate::domain::text::display_safe(text)).is_err() {
            return Ok(());
        }
    }
    let _ = out.flush();
    Ok(())
}
