//! The merge report as people read it, in either language.
use crate::domain::lang::Lang;
use crate::domain::text::display_safe;
use crate::store::merge::MergeReport;
use crate::store::merge::spec::Entity;
use crate::store::parse_time;
use chrono_tz::Tz;

/// A stored UTC time in the fair's zone, short.
fn when(text: &str, zone: Tz) -> String {
    parse_time(text)
        .with_timezone(&zone)
        .format("%m-%d %H:%M:%S")
        .to_string()
}

fn counts(per: &std::collections::BTreeMap<Entity, usize>, lang: Lang) -> String {
    per.iter()
        .filter(|(_, n)| **n > 0)
        .map(|(e, n)| format!("{} {n}", e.label(lang)))
        .collect::<Vec<_>>()
        .join(lang.pick("、", ", "))
}

pub fn text(report: &MergeReport, zone: Tz, lang: Lang) -> String {
    let f = &report.findings;
    let source = display_safe(&report.source.display().to_string()).into_owned();
    let fair = display_safe(&report.source_fair).into_owned();
    let mut out = match lang {
        Lang::Zh => format!("合并 {source}（对接会：{fair}）\n"),
        Lang::En => format!("Merging {source} (fair: {fair})\n"),
    };
    if report.forced {
        out.push_str(lang.pick(
            "  注意：这是另一场对接会的文件（已按 --force 合并）\n",
            "  Note: this file is another fair's (merged because of --force)\n",
        ));
    }
    if !f.changed_anything() {
        out.push_str(lang.pick(
            "  没有新内容，本文件未作修改\n",
            "  nothing new; this file was not changed\n",
        ));
        return out;
    }
    let line = |zh: String, en: String| match lang {
        Lang::Zh => format!("  {zh}\n"),
        Lang::En => format!("  {en}\n"),
    };
    out.push_str(&line(
        format!(
            "新增记录 {} 条{}",
            f.added_total(),
            paren(&counts(&f.added, lang), lang)
        ),
        format!(
            "records added: {}{}",
            f.added_total(),
            paren(&counts(&f.added, lang), lang)
        ),
    ));
    out.push_str(&line(
        format!(
            "采用对方较新版本 {} 条{}",
            f.updated_total(),
            paren(&counts(&f.updated, lang), lang)
        ),
        format!(
            "newer versions taken: {}{}",
            f.updated_total(),
            paren(&counts(&f.updated, lang), lang)
        ),
    ));
    out.push_str(&line(
        format!("合并为同一记录 {} 处", f.unified.len()),
        format!("records unified: {}", f.unified.len()),
    ));
    for u in &f.unified {
        out.push_str(&format!(
            "    {} {}\n",
            u.entity.label(lang),
            display_safe(&u.label)
        ));
    }
    out.push_str(&line(
        format!("冲突 {} 处（采用较晚的修改，另一版本留待审核：界面看板页按 c）", f.conflicts.len()),
        format!(
            "conflicts: {} (the later edit is kept, the other waits for review: press c on the dashboard)",
            f.conflicts.len()
        ),
    ));
    for c in &f.conflicts {
        out.push_str(&match lang {
            Lang::Zh => format!(
                "    {} {}：采用 {} 于 {} 的修改，保留 {} 于 {} 的版本待审核\n",
                c.entity.label(lang),
                display_safe(&c.label),
                display_safe(&c.kept_desk),
                when(&c.kept_at, zone),
                display_safe(&c.set_aside_desk),
                when(&c.set_aside_at, zone)
            ),
            Lang::En => format!(
                "    {} {}: kept the edit by {} at {}, set aside the version by {} at {}\n",
                c.entity.label(lang),
                display_safe(&c.label),
                display_safe(&c.kept_desk),
                when(&c.kept_at, zone),
                display_safe(&c.set_aside_desk),
                when(&c.set_aside_at, zone)
            ),
        });
    }
    if !f.recoded.is_empty() {
        out.push_str(&line(
            format!("编号已被占用、改用新编号 {} 处", f.recoded.len()),
            format!(
                "codes already taken here, given new ones: {}",
                f.recoded.len()
            ),
        ));
        for r in &f.recoded {
            out.push_str(&format!(
                "    {} {} → {}  {}\n",
                r.entity.label(lang),
                display_safe(&r.from),
                display_safe(&r.to),
                display_safe(&r.label)
            ));
        }
    }
    if f.checkins_added + f.checkins_unified > 0 {
        out.push_str(&line(
            format!(
                "签到：新增 {}，重复签到按最早的计 {}",
                f.checkins_added, f.checkins_unified
            ),
            format!(
                "check-ins: {} added, {} duplicates (the earliest counts)",
                f.checkins_added, f.checkins_unified
            ),
        ));
    }
    out.push_str(&line(
        format!("审计记录新增 {} 条", f.audit_added),
        format!("audit rows added: {}", f.audit_added),
    ));
    out
}

fn paren(inner: &str, lang: Lang) -> String {
    if inner.is_empty() {
        String::new()
    } else {
        match lang {
            Lang::Zh => format!("（{inner}）"),
            Lang::En => format!(" ({inner})"),
        }
    }
}
