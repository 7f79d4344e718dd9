//! `fairdesk gen`: a large generated fair in a new file, for benchmarks and rehearsals.
use crate::app::generate::{self, GenSpec, GenStage};
use crate::cli::common::{CommandResult, Context, Failure, print_stdout};
use crate::cli::progress::Progress;
use crate::domain::lang::Lang;

pub fn run(ctx: &Context, spec: GenSpec) -> CommandResult {
    let lang = ctx.lang;
    let mut bar = Progress::on_stderr();
    let mut progress =
        |stage: GenStage, done: usize, total: usize| bar.update(stage.label(lang), done, total);
    let counts = generate::build_file(&ctx.db, &ctx.desk, &spec, &mut progress).map_err(|e| {
        let message = e.message(lang);
        if e.is_bad_input() {
            Failure::input(message)
        } else {
            Failure::runtime(message)
        }
    })?;
    drop(bar);
    print_stdout(&match lang {
        Lang::Zh => format!(
            "已生成 {}：单位 {} 家，成果 {} 项，意向 {} 条，签约 {} 项\n",
            ctx.db.display(),
            counts.organizations,
            counts.achievements,
            counts.interests,
            counts.agreements
        ),
        Lang::En => format!(
            "generated {}: {} organizations, {} achievements, {} interests, {} agreements\n",
            ctx.db.display(),
            counts.organizations,
            counts.achievements,
            counts.interests,
            counts.agreements
        ),
    });
    Ok(())
}
