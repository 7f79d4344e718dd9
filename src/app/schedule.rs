//! Printable meeting schedules: one section per table and one per holder, as plain
//! text or Markdown, in the fair's time zone.
use crate::app::views::Snapshot;
use crate::domain::lang::Lang;
use crate::domain::meeting::Meeting;
use crate::domain::vocab::meeting_status_label;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ScheduleFormat {
    Text,
    Md,
}

/// Which schedules to print.
#[derive(Debug, Clone, Default)]
pub struct ScheduleScope {
    pub table: Option<u32>,
    /// A holder organization's id.
    pub holder: Option<String>,
}

fn heading(format: ScheduleFormat, title: &str) -> String {
    match format {
        ScheduleFormat::Text => format!("{title}\n{}\n", "=".repeat(title.chars().count() * 2)),
        ScheduleFormat::Md => format!("## {title}\n\n"),
    }
}

fn line(format: ScheduleFormat, cells: &[String]) -> String {
    match format {
        ScheduleFormat::Text => format!("  {}\n", cells.join("  ")),
        ScheduleFormat::Md => format!(
            "| {} |\n",
            cells
                .iter()
                .map(|c| c.replace('|', "\\|"))
                .collect::<Vec<_>>()
                .join(" | ")
        ),
    }
}

fn table_header(format: ScheduleFormat, headers: &[&str]) -> String {
    match format {
        ScheduleFormat::Text => String::new(),
        ScheduleFormat::Md => format!(
            "| {} |\n|{}\n",
            headers.join(" | "),
            headers.iter().map(|_| "---|").collect::<String>()
        ),
    }
}

/// The schedules of the meetings that are not cancelled.
pub fn render(
    snapshot: &Snapshot,
    scope: &ScheduleScope,
    format: ScheduleFormat,
    lang: Lang,
) -> String {
    let zone = snapshot.zone();
    let live: Vec<&Meeting> = snapshot
        .meetings
        .iter()
        .filter(|m| m.data.status != "cancelled")
        .collect();
    let time = |m: &Meeting| {
        m.data
            .slot_start
            .with_timezone(&zone)
            .format("%m-%d %H:%M")
            .to_string()
    };
    let mut out = String::new();
    if let Some(fair) = &snapshot.fair {
        out.push_str(&match format {
            ScheduleFormat::Text => format!("{}\n\n", fair.name),
            ScheduleFormat::Md => format!("# {}\n\n", fair.name),
        });
    }
    let by_holder_only = scope.holder.is_some() && scope.table.is_none();
    if !by_holder_only {
        let mut tables: Vec<u32> = live.iter().map(|m| m.data.table_no).collect();
        tables.sort_unstable();
        tables.dedup();
        for table in tables
            .into_iter()
            .filter(|t| scope.table.is_none_or(|s| s == *t))
        {
            let title = match lang {
                Lang::Zh => format!("{table} 号桌"),
                Lang::En => format!("Table {table}"),
            };
            out.push_str(&heading(format, &title));
            out.push_str(&table_header(
                format,
                &[
                    lang.pick("时间", "Time"),
                    lang.pick("企业", "Enterprise"),
                    lang.pick("成果", "Achievement"),
                    lang.pick("持有单位", "Holder"),
                    lang.pick("状态", "Status"),
                ],
            ));
            for m in live.iter().filter(|m| m.data.table_no == table) {
                out.push_str(&line(
                    format,
                    &[
                        time(m),
                        snapshot.org_name(&m.data.enterprise_id).to_string(),
                        snapshot.achievement_label(&m.data.achievement_id),
                        snapshot.org_name(&m.data.holder_id).to_string(),
                        meeting_status_label(&m.data.status, lang).to_string(),
                    ],
                ));
            }
            out.push('\n');
        }
    }
    if scope.table.is_none() {
        let mut holders: Vec<&str> = live.iter().map(|m| m.data.holder_id.as_str()).collect();
        holders.sort_by_key(|h| {
            snapshot
                .organization(h)
                .map(|o| o.code.clone())
                .unwrap_or_default()
        });
        holders.dedup();
        for holder in holders
            .into_iter()
            .filter(|h| scope.holder.as_deref().is_none_or(|s| s == *h))
        {
            let title = match lang {
                Lang::Zh => format!("{} 的洽谈安排", snapshot.org_name(holder)),
                Lang::En => format!("Meetings of {}", snapshot.org_name(holder)),
            };
            out.push_str(&heading(format, &title));
            out.push_str(&table_header(
                format,
                &[
                    lang.pick("时间", "Time"),
                    lang.pick("桌号", "Table"),
                    lang.pick("企业", "Enterprise"),
                    lang.pick("成果", "Achievement"),
                    lang.pick("状态", "Status"),
                ],
            ));
            for m in live.iter().filter(|m| m.data.holder_id == holder) {
                out.push_str(&line(
                    format,
                    &[
                        time(m),
                        m.data.table_no.to_string(),
                        snapshot.org_name(&m.data.enterprise_id).to_string(),
                        snapshot.achievement_label(&m.data.achievement_id),
                        meeting_status_label(&m.data.status, lang).to_string(),
                    ],
                ));
            }
            out.push('\n');
        }
    }
    out
}
