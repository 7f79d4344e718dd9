//! `fairdesk import KIND FILE`: spreadsheets in, with a row-by-row report; `import json`
//! restores a JSON dump into an empty file; `import --template KIND` writes templates.
use crate::cli::common::{CommandResult, Context, Failure, open_existing, print_stdout};
use crate::cli::progress::Progress;
use crate::domain::lang::Lang;
use crate::import::{ImportKind, ImportOptions, ImportStage, import_file, template};
use std::path::{Path, PathBuf};

/// What `fairdesk import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ImportWhat {
    Achievements,
    Organizations,
    Needs,
    /// A JSON dump made by `fairdesk export --format json`, into an empty file
    Json,
}

pub struct ImportArgs {
    pub what: Option<ImportWhat>,
    pub file: Option<PathBuf>,
    pub dry_run: bool,
    pub skip_bad: bool,
    pub report: Option<PathBuf>,
    pub template: Option<ImportKind>,
    pub out: Option<PathBuf>,
}

pub fn run(ctx: &Context, args: ImportArgs) -> CommandResult {
    let lang = ctx.lang;
    if let Some(kind) = args.template {
        return write_template(kind, args.out.as_deref(), lang);
    }
    let (Some(what), Some(file)) = (args.what, args.file) else {
        return Err(Failure::input(
            lang.pick(
                "请指明导入的类型和文件，例如 fairdesk import achievements 成果.xlsx",
                "name what to import and the file, e.g. fairdesk import achievements results.xlsx",
            )
            .to_string(),
        ));
    };
    let kind = match what {
        ImportWhat::Achievements => ImportKind::Achievements,
        ImportWhat::Organizations => ImportKind::Organizations,
        ImportWhat::Needs => ImportKind::Needs,
        ImportWhat::Json => return super::import_json::run(ctx, &file),
    };
    let mut store = open_existing(&ctx.db, &ctx.desk, lang)?;
    let options = ImportOptions {
        dry_run: args.dry_run,
        skip_bad: args.skip_bad,
    };
    let mut bar = Progress::on_stderr();
    let mut progress =
        |stage: ImportStage, done: usize, total: usize| bar.update(stage.label(lang), done, total);
    let result = import_file(&mut store, kind, &file, options, &mut progress);
    drop(bar);
    let report = result.map_err(|e| {
        let message = e.message(lang);
        if e.is_bad_input() {
            Failure::input(message)
        } else {
            Failure::runtime(message)
        }
    })?;
    for line in report.problem_lines(lang) {
        eprintln!("{line}");
    }
    let summary = report.summary_lines(lang, args.dry_run).join("\n");
    if report.problems.is_empty() || (report.written && args.skip_bad) {
        print_stdout(&format!("{summary}\n"));
    } else {
        eprintln!("{summary}");
    }
    if args.skip_bad && !report.problems.is_empty() && !args.dry_run {
        let path = args.report.unwrap_or_else(|| rejected_path(&file));
        report.write_rejected(&path, lang).map_err(|e| {
            Failure::runtime(match lang {
                Lang::Zh => format!("无法写入 {}：{e}", path.display()),
                Lang::En => format!("cannot write {}: {e}", path.display()),
            })
        })?;
        print_stdout(&match lang {
            Lang::Zh => format!(
                "有问题的 {} 行已写入 {}，修正后可再次导入\n",
                report.bad_rows(),
                path.display()
            ),
            Lang::En => format!(
                "the {} rows with problems were written to {}; fix them and import that file again\n",
                report.bad_rows(),
                path.display()
            ),
        });
        return Ok(());
    }
    if report.problems.is_empty() {
        Ok(())
    } else {
        Err(Failure::input(match lang {
            Lang::Zh => format!("{} 行有问题", report.bad_rows()),
            Lang::En => format!("{} rows have problems", report.bad_rows()),
        }))
    }
}

/// `成果.xlsx` → `成果-rejected.csv` beside it.
fn rejected_path(file: &Path) -> PathBuf {
    let stem = file
        .file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_else(|| "import".into());
    file.with_file_name(format!("{stem}-rejected.csv"))
}

fn write_template(kind: ImportKind, out: Option<&Path>, lang: Lang) -> CommandResult {
    let dir = out.unwrap_or(Path::new("."));
    let paths = template::write_templates(kind, dir, lang).map_err(|e| {
        Failure::runtime(match lang {
            Lang::Zh => format!("无法在 {} 写入模板：{e}", dir.display()),
            Lang::En => format!("cannot write the templates in {}: {e}", dir.display()),
        })
    })?;
    let mut out = String::new();
    for path in paths {
        out.push_str(&format!("{}\n", path.display()));
    }
    print_stdout(&out);
    Ok(())
}
