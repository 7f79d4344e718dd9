//! The command line: parse, run one command, map the outcome to an exit code
//! (0 ok, 1 runtime error, 2 bad usage or bad input). Errors go to stderr, one line,
//! in the user's language.
pub mod args;

use crate::app::{add, demo, summary};
use crate::domain::fair::FairInput;
use crate::domain::lang::Lang;
use crate::store::Store;
use args::{Cli, Command, LangArg};
use clap::Parser;
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};

/// A failed command: its message (already in the user's language) and exit code.
pub struct Failure {
    pub message: String,
    pub code: i32,
}

impl Failure {
    fn input(message: String) -> Failure {
        Failure { message, code: 2 }
    }
    fn runtime(message: String) -> Failure {
        Failure { message, code: 1 }
    }
}

fn store_failure(e: crate::store::StoreError, lang: Lang) -> Failure {
    let code = if e.is_bad_input() { 2 } else { 1 };
    Failure {
        message: e.message(lang),
        code,
    }
}

/// Runs the program; returns the process exit code.
pub fn run() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return code;
        }
    };
    let lang = resolve_lang(cli.lang);
    match execute(cli, lang) {
        Ok(()) => 0,
        Err(f) => {
            eprintln!("fairdesk: {}", f.message);
            f.code
        }
    }
}

/// `--lang`, else `LC_ALL` / `LC_MESSAGES` / `LANG`, else Chinese.
pub fn resolve_lang(arg: Option<LangArg>) -> Lang {
    match arg {
        Some(LangArg::Zh) => Lang::Zh,
        Some(LangArg::En) => Lang::En,
        None => ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|k| std::env::var(k).ok())
            .find(|v| !v.is_empty())
            .map(|v| Lang::from_locale(&v))
            .unwrap_or_default(),
    }
}

/// The desk name: `--desk`, else the host name.
fn resolve_desk(arg: Option<String>) -> String {
    let cleaned = arg
        .map(|d| crate::domain::text::clean_text(&d))
        .filter(|d| !d.is_empty());
    cleaned.unwrap_or_else(|| {
        std::fs::read_to_string("/etc/hostname")
            .ok()
            .map(|h| crate::domain::text::clean_text(&h))
            .filter(|h| !h.is_empty())
            .unwrap_or_else(|| "desk".to_string())
    })
}

fn execute(cli: Cli, lang: Lang) -> Result<(), Failure> {
    let desk = resolve_desk(cli.desk);
    let explicit_db = cli.db.clone();
    let db = cli.db.unwrap_or_else(|| PathBuf::from("fair.db"));
    match cli.command {
        None => {
            let mut store = Store::open(&db, &desk).map_err(|e| store_failure(e, lang))?;
            if store.fair().map_err(|e| store_failure(e, lang))?.is_none() {
                let name = lang.pick("新对接会", "New fair");
                store
                    .create_fair(&FairInput {
                        name: name.into(),
                        ..Default::default()
                    })
                    .map_err(|e| store_failure(e, lang))?;
            }
            open_tui(store, lang)
        }
        Some(Command::Demo) => {
            let path = explicit_db.unwrap_or_else(|| PathBuf::from("demo-fair.db"));
            if !path.exists() {
                build_demo(&path, &desk, lang)?;
            }
            let store = Store::open(&path, &desk).map_err(|e| store_failure(e, lang))?;
            store.require_fair().map_err(|e| store_failure(e, lang))?;
            open_tui(store, lang)
        }
        Some(Command::Init {
            name,
            demo: with_demo,
            venue,
            starts_on,
            ends_on,
            organizer,
        }) => {
            if with_demo {
                build_demo(&db, &desk, lang)?;
                if let Some(name) = name {
                    rename_fair(&db, &desk, &name, lang)?;
                }
            } else {
                if db.exists() {
                    let store = Store::open(&db, &desk).map_err(|e| store_failure(e, lang))?;
                    if store.fair().map_err(|e| store_failure(e, lang))?.is_some() {
                        return Err(Failure::input(match lang {
                            Lang::Zh => format!("{} 中已有对接会，未作修改", db.display()),
                            Lang::En => format!("{} already holds a fair; nothing was changed", db.display()),
                        }));
                    }
                }
                let input = FairInput {
                    name: name.unwrap_or_default(),
                    venue: venue.unwrap_or_default(),
                    starts_on: starts_on.unwrap_or_default(),
                    ends_on: ends_on.unwrap_or_default(),
                    organizer: organizer.unwrap_or_default(),
                    timezone: String::new(),
                };
                // Validate before the file is created, so bad input leaves no file behind.
                input
                    .validate()
                    .map_err(|e| Failure::input(e.message(lang)))?;
                let mut store = Store::open(&db, &desk).map_err(|e| store_failure(e, lang))?;
                store.create_fair(&input).map_err(|e| store_failure(e, lang))?;
            }
            print_stdout(&match lang {
                Lang::Zh => format!("已创建 {}\n", db.display()),
                Lang::En => format!("created {}\n", db.display()),
            });
            Ok(())
        }
        Some(Command::Add { kind }) => {
            let mut text = String::new();
            std::io::stdin().read_to_string(&mut text).map_err(|e| {
                Failure::input(match lang {
                    Lang::Zh => format!("无法读取标准输入：{e}"),
                    Lang::En => format!("cannot read standard input: {e}"),
                })
            })?;
            let mut store = open_existing(&db, &desk, lang)?;
            let added = add::add_json(&mut store, kind, &text).map_err(|e| Failure {
                code: if e.is_bad_input() { 2 } else { 1 },
                message: e.message(lang),
            })?;
            let mut out = std::io::stdout().lock();
            for a in added {
                let line = match a.code {
                    Some(code) => format!("{}\t{}", a.id, code),
                    None => a.id,
                };
                let _ = writeln!(out, "{line}");
            }
            Ok(())
        }
        Some(Command::Summary { json }) => {
            let store = open_existing(&db, &desk, lang)?;
            let fair = store.require_fair().map_err(|e| store_failure(e, lang))?;
            let tallies = store.tallies().map_err(|e| store_failure(e, lang))?;
            if json {
                let body = summary::SummaryJson {
                    fair: &fair.name,
                    tallies: &tallies,
                };
                let text = serde_json::to_string_pretty(&body)
                    .map_err(|e| Failure::runtime(e.to_string()))?;
                print_stdout(&format!("{text}\n"));
            } else {
                print_stdout(&summary::text(&fair, &tallies, lang));
            }
            Ok(())
        }
    }
}

/// Writes to stdout; a closed pipe (`fairdesk summary | head`) is not an error.
fn print_stdout(text: &str) {
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
}

/// Opens a file that must already hold a fair (commands other than the TUI never create one).
fn open_existing(db: &Path, desk: &str, lang: Lang) -> Result<Store, Failure> {
    if !db.exists() {
        return Err(Failure::input(match lang {
            Lang::Zh => format!("找不到 {}；请先运行 fairdesk init，或用 --db 指定文件", db.display()),
            Lang::En => format!("{} does not exist; run fairdesk init first, or give --db", db.display()),
        }));
    }
    let store = Store::open(db, desk).map_err(|e| store_failure(e, lang))?;
    store.require_fair().map_err(|e| store_failure(e, lang))?;
    Ok(store)
}

fn build_demo(path: &Path, desk: &str, lang: Lang) -> Result<(), Failure> {
    let interactive = std::io::stderr().is_terminal();
    let mut progress = |step: usize, steps: usize, what: &'static str| {
        if interactive {
            eprint!(
                "\r{} [{}{}] {step}/{steps} {what}      ",
                lang.pick("正在生成演示对接会", "Building the demo fair"),
                "#".repeat(step),
                ".".repeat(steps - step)
            );
        }
    };
    let result = demo::build_file(path, desk, &mut progress);
    if interactive {
        eprintln!();
    }
    result.map_err(|e| match e {
        demo::DemoError::Exists(_) => Failure::input(e.message(lang)),
        _ => Failure::runtime(e.message(lang)),
    })
}

fn rename_fair(db: &Path, desk: &str, name: &str, lang: Lang) -> Result<(), Failure> {
    let mut errors = crate::domain::error::FieldErrors::default();
    let name = crate::domain::parse::required_line(&mut errors, "name", name);
    errors.into_result(()).map_err(|e| Failure::input(e.message(lang)))?;
    let mut store = Store::open(db, desk).map_err(|e| store_failure(e, lang))?;
    store.rename_fair(&name).map_err(|e| store_failure(e, lang))
}

fn open_tui(store: Store, lang: Lang) -> Result<(), Failure> {
    crate::tui::run(store, lang).map_err(|e| Failure::runtime(e.to_string()))
}
