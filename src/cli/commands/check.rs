//! `fairdesk check`: integrity, references, audit and tallies; exit 0 only when all hold.
//! `--repair` recounts the stored tallies when they differ from a recount.
use crate::cli::common::{CommandResult, Context, Failure, open_existing, print_stdout};
use crate::domain::lang::Lang;
use crate::store::check::{CheckKind, CheckReport};

pub fn run(ctx: &Context, repair: bool) -> CommandResult {
    let lang = ctx.lang;
    let mut store = open_existing(&ctx.db, &ctx.desk, lang)?;
    let mut report = store.check().map_err(|e| Failure::store(e, lang))?;
    let mut out = format!(
        "{} {}\n",
        lang.pick("检查", "Checking"),
        crate::domain::text::display_safe(&ctx.db.display().to_string())
    );
    print_results(&mut out, &report, lang);
    let tallies_differ = report
        .results
        .iter()
        .any(|r| r.kind == CheckKind::Tallies && !r.holds());
    if repair && tallies_differ {
        store
            .repair_counters()
            .map_err(|e| Failure::store(e, lang))?;
        report = store.check().map_err(|e| Failure::store(e, lang))?;
        out.push_str(lang.pick(
            "已按记录重新计数统计数字，再次检查：\n",
            "The tallies were counted again from the records; checking once more:\n",
        ));
        print_results(&mut out, &report, lang);
    }
    if report.open_conflicts > 0 {
        out.push_str(&match lang {
            Lang::Zh => format!(
                "  另：{} 处合并冲突待审核（在界面的看板页按 c 查看）\n",
                report.open_conflicts
            ),
            Lang::En => format!(
                "  Note: {} merge conflicts wait for review (press c on the dashboard)\n",
                report.open_conflicts
            ),
        });
    }
    print_stdout(&out);
    if report.all_hold() {
        print_stdout(lang.pick("全部通过\n", "All checks hold\n"));
        Ok(())
    } else {
        let n = report.problem_count();
        Err(Failure::runtime(match lang {
            Lang::Zh => format!("检查发现 {n} 处问题（见上）"),
            Lang::En => format!("the check found {n} problems (see above)"),
        }))
    }
}

fn print_results(out: &mut String, report: &CheckReport, lang: Lang) {
    for result in &report.results {
        let mark = if result.holds() { "✓" } else { "✗" };
        out.push_str(&format!("{mark} {}\n", result.kind.label(lang)));
        for finding in &result.findings {
            out.push_str(&format!(
                "    {}\n",
                crate::domain::text::display_safe(finding.text(lang))
            ));
        }
    }
}
