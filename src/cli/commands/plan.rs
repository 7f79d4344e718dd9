//! `fairdesk plan`: show or change the meeting plan (tables, slot length, sessions).
use crate::cli::common::{CommandResult, Context, Failure, open_existing, print_stdout};
use crate::domain::lang::Lang;
use crate::domain::schedule::MeetingPlan;

pub fn run(
    ctx: &Context,
    tables: Option<String>,
    minutes: Option<String>,
    sessions: Option<String>,
) -> CommandResult {
    let lang = ctx.lang;
    let mut store = open_existing(&ctx.db, &ctx.desk, lang)?;
    let current = store.meeting_plan().map_err(|e| Failure::store(e, lang))?;
    if tables.is_some() || minutes.is_some() || sessions.is_some() {
        let plan = MeetingPlan::parse(
            &tables.unwrap_or_else(|| current.tables.to_string()),
            &minutes.unwrap_or_else(|| current.slot_minutes.to_string()),
            &sessions.unwrap_or_else(|| current.sessions_text()),
        )
        .map_err(|e| Failure::input(e.message(lang)))?;
        store
            .set_meeting_plan(&plan)
            .map_err(|e| Failure::store(e, lang))?;
    }
    let plan = store.meeting_plan().map_err(|e| Failure::store(e, lang))?;
    print_stdout(&match lang {
        Lang::Zh => format!(
            "洽谈桌 {} 张，每场 {} 分钟，时段 {}\n",
            plan.tables,
            plan.slot_minutes,
            plan.sessions_text()
        ),
        Lang::En => format!(
            "{} tables, {}-minute slots, sessions {}\n",
            plan.tables,
            plan.slot_minutes,
            plan.sessions_text()
        ),
    });
    Ok(())
}
