//! `fairdesk export --format csv|xlsx|json|md|html --out PATH`.
use crate::cli::common::{CommandResult, Context, Failure, open_existing, print_stdout};
use crate::cli::progress::Progress;
use crate::domain::lang::Lang;
use crate::export::{ExportOptions, export};

pub fn run(ctx: &Context, mut options: ExportOptions) -> CommandResult {
    let lang = ctx.lang;
    options.lang = lang;
    let mut store = open_existing(&ctx.db, &ctx.desk, lang)?;
    let mut bar = Progress::on_stderr();
    let mut progress = |what: &str, done: usize, total: usize| bar.update(what, done, total);
    let result = export(&mut store, &options, &mut progress);
    drop(bar);
    let outcome = result.map_err(|e| {
        let message = e.message(lang);
        if e.is_bad_input() {
            Failure::input(message)
        } else {
            Failure::runtime(message)
        }
    })?;
    let mut out = String::new();
    for file in &outcome.files {
        out.push_str(&format!("{}\n", file.display()));
    }
    if outcome.masked {
        out.push_str(match lang {
            Lang::Zh => "联系方式已脱敏\n",
            Lang::En => "contact details masked\n",
        });
    }
    print_stdout(&out);
    Ok(())
}
