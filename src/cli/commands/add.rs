//! `fairdesk add KIND`: records as JSON on stdin, all in one transaction.
use crate::app::add::{self, Kind};
use crate::cli::common::{CommandResult, Context, Failure, open_existing, print_stdout};
use crate::domain::lang::Lang;
use std::io::Read;

pub fn run(ctx: &Context, kind: Kind) -> CommandResult {
    let lang = ctx.lang;
    let mut text = String::new();
    std::io::stdin().read_to_string(&mut text).map_err(|e| {
        Failure::input(match lang {
            Lang::Zh => format!("无法读取标准输入：{e}"),
            Lang::En => format!("cannot read standard input: {e}"),
        })
    })?;
    let mut store = open_existing(&ctx.db, &ctx.desk, lang)?;
    let added = add::add_json(&mut store, kind, &text).map_err(|e| Failure {
        code: if e.is_bad_input() { 2 } else { 1 },
        message: e.message(lang),
    })?;
    let mut out = String::new();
    for a in added {
        match a.code {
            Some(code) => out.push_str(&format!("{}\t{}\n", a.id, code)),
            None => out.push_str(&format!("{}\n", a.id)),
        }
    }
    print_stdout(&out);
    Ok(())
}
