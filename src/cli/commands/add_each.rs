//! `fairdesk add KIND --each`: records a line at a time from stdin, each saved in its
//! own transaction; an id is printed (and flushed) only after its record is saved.
use crate::app::add::Kind;
use crate::app::add_each::add_each;
use crate::cli::common::{CommandResult, Context, Failure, open_existing};
use crate::domain::lang::Lang;
use std::io::Write;

pub fn run(ctx: &Context, kind: Kind) -> CommandResult {
    let lang = ctx.lang;
    let mut store = open_existing(&ctx.db, &ctx.desk, lang)?;
    let stdin = std::io::stdin();
    let mut stdout = std::io::stdout().lock();
    let mut closed = false;
    let tally = add_each(&mut store, kind, stdin.lock(), |_, result| match result {
        Ok(added) => {
            let mut text = String::new();
            for a in added {
                match a.code {
                    Some(code) => text.push_str(&format!("{}\t{}\n", a.id, code)),
                    None => text.push_str(&format!("{}\n", a.id)),
                }
            }
            // Printed only now that the transaction has committed; a closed pipe does not
            // stop the records still coming.
            if !closed && (stdout.write_all(text.as_bytes()).is_err() || stdout.flush().is_err()) {
                closed = true;
            }
        }
        Err(e) => eprintln!(
            "fairdesk: {}",
            crate::cli::common::terminal_safe(&e.message(lang))
        ),
    })
    .map_err(|e| {
        Failure::input(match lang {
            Lang::Zh => format!("无法读取标准输入：{e}"),
            Lang::En => format!("cannot read standard input: {e}"),
        })
    })?;
    if tally.failed == 0 {
        return Ok(());
    }
    let message = match lang {
        Lang::Zh => format!(
            "已保存 {} 条，{} 条未保存（见上）",
            tally.saved, tally.failed
        ),
        Lang::En => format!(
            "{} saved, {} not saved (see above)",
            tally.saved, tally.failed
        ),
    };
    Err(if tally.runtime_failure {
        Failure::runtime(message)
    } else {
        Failure::input(message)
    })
}
