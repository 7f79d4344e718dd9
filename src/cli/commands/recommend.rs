//! `fairdesk recommend --need ID | --achievement ID [--json] [--limit N]`: suggested
//! achievements for a need, or enterprises for an achievement, each with its reasons;
//! pairs already linked by an interest or an agreement are marked.
use crate::app::recommend::{Query, Recommendations, Suggestion, Target, recommend};
use crate::cli::common::{CommandResult, Context, Failure, open_existing, print_stdout};
use crate::domain::lang::Lang;
use crate::domain::text::{display_safe, pad_to_width};
use crate::domain::vocab::{INTEREST_LEVELS, TECH_FIELDS};
use serde::Serialize;

pub struct RecommendArgs {
    pub need: Option<String>,
    pub achievement: Option<String>,
    pub json: bool,
    pub limit: usize,
}

pub fn run(ctx: &Context, args: RecommendArgs) -> CommandResult {
    let lang = ctx.lang;
    let query = match (args.need, args.achievement) {
        (Some(need), _) => Query::Need(need),
        (None, Some(achievement)) => Query::Achievement(achievement),
        (None, None) => {
            return Err(Failure::input(
                lang.pick(
                    "请用 --need 指定需求或用 --achievement 指定成果",
                    "give --need or --achievement",
                )
                .to_string(),
            ));
        }
    };
    let store = open_existing(&ctx.db, &ctx.desk, lang)?;
    let found = recommend(&store, &query, args.limit).map_err(|e| Failure {
        code: if e.is_bad_input() { 2 } else { 1 },
        message: e.message(lang),
    })?;
    if args.json {
        print_stdout(&format!("{}\n", json(&found, lang)?));
    } else {
        print_stdout(&text(&found, lang));
    }
    Ok(())
}

/// The recommendations as JSON, each suggestion's reasons also rendered in `lang`.
fn json(found: &Recommendations, lang: Lang) -> Result<String, Failure> {
    #[derive(Serialize)]
    struct Item<'a> {
        #[serde(flatten)]
        suggestion: &'a Suggestion,
        reasons_text: String,
    }
    #[derive(Serialize)]
    struct Body<'a> {
        target: &'a Target,
        suggestions: Vec<Item<'a>>,
    }
    let body = Body {
        target: &found.target,
        suggestions: found
            .suggestions
            .iter()
            .map(|suggestion| Item {
                suggestion,
                reasons_text: suggestion.reasons_text(lang),
            })
            .collect(),
    };
    serde_json::to_string_pretty(&body).map_err(|e| Failure::runtime(e.to_string()))
}

const TITLE_WIDTH: usize = 36;
const NAME_WIDTH: usize = 28;

/// The recommendations as text: a heading naming what was asked about, then two lines per
/// suggestion (rank, code, title, other party, score, status; then the reasons).
pub fn text(found: &Recommendations, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    let mut out = String::new();
    let (heading, what) = match &found.target {
        Target::Need(n) => {
            let field = n
                .field
                .as_deref()
                .map(|f| TECH_FIELDS.label(f, lang))
                .unwrap_or_default();
            let heading = if zh {
                format!(
                    "需求 {} {}（{}，{field}）",
                    n.code, n.title, n.enterprise.name
                )
            } else {
                format!(
                    "Need {} {} ({}, {field})",
                    n.code, n.title, n.enterprise.name
                )
            };
            (heading, lang.pick("成果", "results"))
        }
        Target::Achievement(a) => {
            let field = TECH_FIELDS.label(&a.field, lang);
            let heading = if zh {
                format!("成果 {} {}（{}，{field}）", a.code, a.title, a.holder.name)
            } else {
                format!("Result {} {} ({}, {field})", a.code, a.title, a.holder.name)
            };
            (heading, lang.pick("企业", "enterprises"))
        }
    };
    out.push_str(&display_safe(&heading));
    out.push('\n');
    if found.suggestions.is_empty() {
        out.push_str(&if zh {
            format!("没有可推荐的{what}。\n")
        } else {
            format!("No {what} to suggest.\n")
        });
        return out;
    }
    out.push_str(&if zh {
        format!(
            "推荐{what} {} 项（已有意向或已签约的标明状态，不算新推荐）：\n",
            found.suggestions.len()
        )
    } else {
        format!(
            "{} suggested {what} (pairs with an interest or agreement are marked, not new):\n",
            found.suggestions.len()
        )
    });
    let by_need = matches!(found.target, Target::Need(_));
    for s in &found.suggestions {
        let mut cells = vec![format!("{:>4}", s.rank)];
        if by_need {
            cells.push(pad_to_width(&s.achievement.code, 5));
            cells.push(pad_to_width(
                &display_safe(&s.achievement.title),
                TITLE_WIDTH,
            ));
            cells.push(pad_to_width(
                &display_safe(&s.achievement.holder.name),
                NAME_WIDTH,
            ));
        } else {
            cells.push(pad_to_width(&s.enterprise.code, 5));
            cells.push(pad_to_width(&display_safe(&s.enterprise.name), TITLE_WIDTH));
        }
        cells.push(format!("{:>5.1}", s.score));
        cells.push(status(s, lang));
        out.push_str(&cells.join("  "));
        out.push_str("\n        ");
        out.push_str(&display_safe(&s.reasons_text(lang)));
        out.push('\n');
    }
    out
}

/// 新 for a new pair; otherwise what already links it.
fn status(s: &Suggestion, lang: Lang) -> String {
    match &s.link {
        None => lang.pick("新", "new").to_string(),
        Some(link) if !link.agreements.is_empty() => format!(
            "{} {}",
            lang.pick("已签约", "signed"),
            link.agreements.join(",")
        ),
        Some(link) => {
            let level = link
                .interest_level
                .as_deref()
                .map(|l| INTEREST_LEVELS.label(l, lang))
                .unwrap_or_default();
            match lang {
                Lang::Zh => format!("已有意向（{level}）"),
                Lang::En => format!("interest logged ({level})"),
            }
        }
    }
}
