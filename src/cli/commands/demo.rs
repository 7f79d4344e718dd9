//! `fairdesk demo`: the TUI on the demo fair, built from fixtures/ when missing.
use crate::app::demo;
use crate::cli::common::{CommandResult, Context, Failure};
use crate::domain::lang::Lang;
use crate::store::Store;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

pub fn run(ctx: &Context) -> CommandResult {
    let lang = ctx.lang;
    let path = ctx
        .explicit_db
        .clone()
        .unwrap_or_else(|| PathBuf::from("demo-fair.db"));
    if !path.exists() {
        build(&path, &ctx.desk, lang)?;
    }
    let store = Store::open(&path, &ctx.desk).map_err(|e| Failure::store(e, lang))?;
    store.require_fair().map_err(|e| Failure::store(e, lang))?;
    super::tui::open(store, ctx)
}

/// Builds the demo fair into a new file, with a progress line on a terminal.
pub fn build(path: &Path, desk: &str, lang: Lang) -> CommandResult {
    let interactive = std::io::stderr().is_terminal();
    let mut progress = |step: usize, steps: usize, what: &'static str| {
        if interactive {
            eprint!(
                "\r{} [{}{}] {step}/{steps} {what}      ",
                lang.pick("正在生成演示对接会", "Building the demo fair"),
                "#".repeat(step),
                ".".repeat(steps - step)
            );
        }
    };
    let result = demo::build_file(path, desk, &mut progress);
    if interactive {
        eprintln!();
    }
    result.map_err(|e| match e {
        demo::DemoError::Exists(_) => Failure::input(e.message(lang)),
        _ => Failure::runtime(e.message(lang)),
    })
}
