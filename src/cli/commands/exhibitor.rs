//! `fairdesk exhibitor --org NAME_OR_CODE`: the read-only view for one organization,
//! after its access code.
use crate::app::exhibitor::{ExhibitorSession, SessionError};
use crate::cli::common::{CommandResult, Context, Failure, open_existing};
use crate::domain::lang::Lang;

pub fn run(ctx: &Context, org: &str) -> CommandResult {
    let lang = ctx.lang;
    let store = open_existing(&ctx.db, &ctx.desk, lang)?;
    let session = ExhibitorSession::start(store, org).map_err(|e| match e {
        SessionError::Unknown(reference) => Failure::input(match lang {
            Lang::Zh => format!("找不到单位“{reference}”（可用名称、编号或统一社会信用代码）"),
            Lang::En => format!("no organization matches “{reference}” (use its name, code or credit code)"),
        }),
        SessionError::NoCode(name) => Failure::input(match lang {
            Lang::Zh => format!("{name} 尚未发放访问码：请主办方在“企业”页选中该单位后按 a 发放"),
            Lang::En => format!(
                "{name} has no access code yet: the organizers issue one on the Organizations tab with a"
            ),
        }),
        SessionError::Store(e) => Failure::store(e, lang),
    })?;
    crate::tui::exhibitor::run(session, lang).map_err(|e| Failure::runtime(e.to_string()))
}
