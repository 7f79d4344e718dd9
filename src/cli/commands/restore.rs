//! `fairdesk restore BACKUP [--yes]`: replaces the fair file with a backup after asking
//! (on a terminal; `--yes` for scripts), keeping the replaced file beside it.
use crate::cli::common::{CommandResult, Context, Failure, print_stdout};
use crate::domain::lang::Lang;
use crate::domain::text::display_safe;
use crate::store::backup::{self, BackupSummary};
use std::io::{BufRead, IsTerminal, Write};
use std::path::Path;

pub fn run(ctx: &Context, backup_path: &Path, yes: bool) -> CommandResult {
    let lang = ctx.lang;
    if let Some(fs) = crate::store::location::network_fs(&ctx.db) {
        return Err(Failure::store(
            crate::store::StoreError::NetworkFs {
                path: ctx.db.clone(),
                fs: fs.name(),
            },
            lang,
        ));
    }
    let summary = backup::inspect(backup_path).map_err(|e| Failure::input(e.message(lang)))?;
    if !yes {
        if !std::io::stdin().is_terminal() {
            return Err(Failure::input(
                lang.pick(
                    "恢复会替换当前文件：请在终端上运行以确认，或加 --yes",
                    "restoring replaces the current file: run it on a terminal to confirm, or add --yes",
                )
                .to_string(),
            ));
        }
        if !confirm(ctx, backup_path, &summary)? {
            print_stdout(lang.pick("已取消，未作修改\n", "cancelled; nothing was changed\n"));
            return Ok(());
        }
    }
    let kept = backup::restore(&ctx.db, backup_path, chrono::Utc::now())
        .map_err(|e| Failure::runtime(e.message(lang)))?;
    // Opening upgrades a backup from an older fairdesk.
    crate::store::Store::open(&ctx.db, &ctx.desk).map_err(|e| Failure::store(e, lang))?;
    let mut out = match lang {
        Lang::Zh => format!("已从 {} 恢复 {}\n", backup_path.display(), ctx.db.display()),
        Lang::En => format!(
            "restored {} from {}\n",
            ctx.db.display(),
            backup_path.display()
        ),
    };
    if let Some(kept) = kept {
        out.push_str(&match lang {
            Lang::Zh => format!("被替换的文件保存在 {}\n", kept.display()),
            Lang::En => format!("the replaced file was kept as {}\n", kept.display()),
        });
    }
    print_stdout(&out);
    Ok(())
}

/// Shows what the backup holds and asks; true only for an explicit yes.
fn confirm(ctx: &Context, backup_path: &Path, s: &BackupSummary) -> Result<bool, Failure> {
    let lang = ctx.lang;
    let last = s.last_change.clone().unwrap_or_else(|| "—".to_string());
    let question = match lang {
        Lang::Zh => format!(
            "备份 {}：对接会“{}”，成果 {}、单位 {}、意向 {}、签约 {}，最后修改于 {last}（UTC）。\n用它替换 {}？被替换的文件会保留在旁边。[y/N] ",
            backup_path.display(),
            display_safe(&s.fair_name),
            s.achievements,
            s.organizations,
            s.interests,
            s.agreements,
            ctx.db.display()
        ),
        Lang::En => format!(
            "Backup {}: fair “{}”, {} achievements, {} organizations, {} interests, {} agreements, last change {last} (UTC).\nReplace {} with it? The replaced file is kept beside it. [y/N] ",
            backup_path.display(),
            display_safe(&s.fair_name),
            s.achievements,
            s.organizations,
            s.interests,
            s.agreements,
            ctx.db.display()
        ),
    };
    let mut stderr = std::io::stderr();
    let _ = stderr.write_all(question.as_bytes());
    let _ = stderr.flush();
    let mut answer = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut answer)
        .map_err(|e| Failure::input(e.to_string()))?;
    let answer = answer.trim().to_lowercase();
    Ok(matches!(answer.as_str(), "y" | "yes" | "是" | "确认"))
}
