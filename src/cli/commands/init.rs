//! `fairdesk init`: create a fair file (empty, or holding the demo fair).
use crate::cli::common::{CommandResult, Context, Failure, print_stdout};
use crate::domain::fair::FairInput;
use crate::domain::lang::Lang;
use crate::store::Store;

pub struct InitArgs {
    pub name: Option<String>,
    pub demo: bool,
    pub venue: Option<String>,
    pub starts_on: Option<String>,
    pub ends_on: Option<String>,
    pub organizer: Option<String>,
}

pub fn run(ctx: &Context, args: InitArgs) -> CommandResult {
    let lang = ctx.lang;
    let db = &ctx.db;
    if args.demo {
        super::demo::build(db, &ctx.desk, lang)?;
        if let Some(name) = args.name {
            rename(ctx, &name)?;
        }
    } else {
        if db.exists() {
            let store = Store::open(db, &ctx.desk).map_err(|e| Failure::store(e, lang))?;
            if store.fair().map_err(|e| Failure::store(e, lang))?.is_some() {
                return Err(Failure::input(match lang {
                    Lang::Zh => format!("{} 中已有对接会，未作修改", db.display()),
                    Lang::En => {
                        format!("{} already holds a fair; nothing was changed", db.display())
                    }
                }));
            }
        }
        let input = FairInput {
            name: args.name.unwrap_or_default(),
            venue: args.venue.unwrap_or_default(),
            starts_on: args.starts_on.unwrap_or_default(),
            ends_on: args.ends_on.unwrap_or_default(),
            organizer: args.organizer.unwrap_or_default(),
            timezone: String::new(),
        };
        // Validate before the file is created, so bad input leaves no file behind.
        input
            .validate()
            .map_err(|e| Failure::input(e.message(lang)))?;
        let mut store = Store::open(db, &ctx.desk).map_err(|e| Failure::store(e, lang))?;
        store
            .create_fair(&input)
            .map_err(|e| Failure::store(e, lang))?;
    }
    print_stdout(&match lang {
        Lang::Zh => format!("已创建 {}\n", db.display()),
        Lang::En => format!("created {}\n", db.display()),
    });
    Ok(())
}

fn rename(ctx: &Context, name: &str) -> CommandResult {
    let lang = ctx.lang;
    let mut errors = crate::domain::error::FieldErrors::default();
    let name = crate::domain::parse::required_line(&mut errors, "name", name);
    errors
        .into_result(())
        .map_err(|e| Failure::input(e.message(lang)))?;
    let mut store = Store::open(&ctx.db, &ctx.desk).map_err(|e| Failure::store(e, lang))?;
    store
        .rename_fair(&name)
        .map_err(|e| Failure::store(e, lang))
}
