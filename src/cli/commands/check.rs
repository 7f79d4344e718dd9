//! `fairdesk check`: integrity, references, audit and tallies; exit 0 only when all hold.
use crate::cli::common::{CommandResult, Context, Failure, open_existing, print_stdout};
use crate::domain::lang::Lang;

pub fn run(ctx: &Context) -> CommandResult {
    let lang = ctx.lang;
    let store = open_existing(&ctx.db, &ctx.desk, lang)?;
    let report = store.check().map_err(|e| Failure::store(e, lang))?;
    let mut out = format!(
        "{} {}\n",
        lang.pick("检查", "Checking"),
        crate::domain::text::display_safe(&ctx.db.display().to_string())
    );
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
