//! `fairdesk merge DESK.db…`: brings in desk files, all in one transaction, and reports
//! what each brought. A file that cannot be merged stops the command before anything is
//! written, or undoes what was (see `Store::merge_files`). A bar on stderr shows which
//! file is being read or written (a large fair's merge takes seconds).
use crate::app::merge_report;
use crate::cli::common::{CommandResult, Context, Failure, open_existing, print_stdout};
use crate::cli::progress::Progress;
use crate::domain::lang::Lang;
use crate::store::merge::MergeStep;
use std::path::PathBuf;

pub fn run(ctx: &Context, files: &[PathBuf], force: bool) -> CommandResult {
    let lang = ctx.lang;
    let mut store = open_existing(&ctx.db, &ctx.desk, lang)?;
    let zone = store
        .require_fair()
        .map_err(|e| Failure::store(e, lang))?
        .zone();
    let mut bar = Progress::on_stderr();
    let mut reports = Vec::new();
    let result = store.merge_files_showing(
        files,
        force,
        |step| {
            let (label, done, total) = step_label(step, lang);
            bar.update(&label, done, total);
        },
        |report| reports.push(report.clone()),
    );
    drop(bar);
    result.map_err(|e| Failure {
        code: if e.is_bad_input() { 2 } else { 1 },
        message: e.message(lang),
    })?;
    for report in &reports {
        print_stdout(&merge_report::text(report, zone, lang));
    }
    Ok(())
}

/// The bar's label for a step, and how far along the files it is.
fn step_label(step: MergeStep<'_>, lang: Lang) -> (String, usize, usize) {
    // "比对 desk-a.db（1/2）" / "comparing desk-a.db (1/2)"
    let on_file = |zh: &str, en: &str, file: usize, of: usize, path: &std::path::Path| {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| path.display().to_string());
        let label = match lang {
            Lang::Zh => format!("{zh} {name}（{}/{of}）", file + 1),
            Lang::En => format!("{en} {name} ({}/{of})", file + 1),
        };
        (label, file, of)
    };
    match step {
        MergeStep::Reading { file, of, path } => on_file("比对", "comparing", file, of, path),
        MergeStep::Writing { file, of, path } => on_file("写入", "writing", file, of, path),
        MergeStep::Committing => (lang.pick("提交", "committing").to_string(), 1, 1),
        MergeStep::Checkpointing => (
            lang.pick("整理日志", "copying the log into the file")
                .to_string(),
            1,
            1,
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn steps_are_labelled_in_both_languages_with_the_file_name() {
        let path = Path::new("/fair/desks/desk-a.db");
        let reading = MergeStep::Reading {
            file: 0,
            of: 2,
            path,
        };
        assert_eq!(
            step_label(reading, Lang::Zh),
            ("比对 desk-a.db（1/2）".to_string(), 0, 2)
        );
        assert_eq!(
            step_label(reading, Lang::En),
            ("comparing desk-a.db (1/2)".to_string(), 0, 2)
        );
        let writing = MergeStep::Writing {
            file: 1,
            of: 2,
            path,
        };
        assert_eq!(step_label(writing, Lang::En).0, "writing desk-a.db (2/2)");
        assert_eq!(step_label(MergeStep::Committing, Lang::Zh).0, "提交");
    }
}
