//! What can go wrong in the store, with messages in either language.
use crate::domain::error::FieldErrors;
use crate::domain::lang::Lang;
use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path} is not a SQLite database")]
    NotSqlite { path: PathBuf },
    #[error("{path} is a SQLite database but not a fairdesk fair")]
    NotFairdesk { path: PathBuf },
    #[error("{path} was written by a newer fairdesk (schema {found}, this one knows {supported})")]
    NewerVersion {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
    #[error("{path} holds no fair yet")]
    NoFair { path: PathBuf },
    #[error("cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{0}")]
    Invalid(FieldErrors),
    #[error("{what} not found: {reference}")]
    NotFound {
        what: &'static str,
        reference: String,
    },
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("bad stored JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error("cannot make or check an access code: {0}")]
    Crypto(String),
}

impl From<FieldErrors> for StoreError {
    fn from(e: FieldErrors) -> Self {
        StoreError::Invalid(e)
    }
}

impl StoreError {
    /// True when the fault is in what the user gave (exit code 2), not in running.
    pub fn is_bad_input(&self) -> bool {
        matches!(
            self,
            StoreError::Invalid(_)
                | StoreError::NotFound { .. }
                | StoreError::NotSqlite { .. }
                | StoreError::NotFairdesk { .. }
                | StoreError::NewerVersion { .. }
        )
    }

    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (StoreError::NotSqlite { path }, Lang::Zh) => {
                format!("{} 不是 SQLite 数据库文件，未作任何修改", path.display())
            }
            (StoreError::NotFairdesk { path }, Lang::Zh) => format!(
                "{} 是 SQLite 数据库，但不是 fairdesk 的对接会文件，未作任何修改",
                path.display()
            ),
            (
                StoreError::NewerVersion {
                    path,
                    found,
                    supported,
                },
                Lang::Zh,
            ) => format!(
                "{} 由更新版本的 fairdesk 写入（结构版本 {found}，本程序支持到 {supported}），请升级 fairdesk；文件未作修改",
                path.display()
            ),
            (StoreError::NoFair { path }, Lang::Zh) => {
                format!("{} 中还没有对接会，请先运行 fairdesk init", path.display())
            }
            (StoreError::Io { path, source }, Lang::Zh) => {
                format!("无法读取 {}：{source}", path.display())
            }
            (StoreError::Invalid(errors), lang) => errors.message(lang),
            (StoreError::NotFound { what, reference }, Lang::Zh) => {
                format!("找不到{}：{reference}", what_label(what, Lang::Zh))
            }
            (StoreError::NotFound { what, reference }, Lang::En) => {
                format!("{} not found: {reference}", what_label(what, Lang::En))
            }
            (StoreError::Sqlite(e), Lang::Zh) => format!("数据库错误：{e}"),
            (StoreError::Json(e), Lang::Zh) => format!("数据格式错误：{e}"),
            (StoreError::Crypto(e), Lang::Zh) => format!("无法生成或校验访问码：{e}"),
            (
                StoreError::NewerVersion {
                    path,
                    found,
                    supported,
                },
                Lang::En,
            ) => format!(
                "{} was written by a newer fairdesk (schema {found}; this one knows up to {supported}); upgrade fairdesk. The file was not changed",
                path.display()
            ),
            (StoreError::NotSqlite { path }, Lang::En) => {
                format!(
                    "{} is not a SQLite database; nothing was changed",
                    path.display()
                )
            }
            (StoreError::NotFairdesk { path }, Lang::En) => format!(
                "{} is a SQLite database but not a fairdesk fair; nothing was changed",
                path.display()
            ),
            (other, Lang::En) => other.to_string(),
        }
    }
}

fn what_label(what: &str, lang: Lang) -> &'static str {
    let (zh, en) = match what {
        "organization" => ("单位", "organization"),
        "achievement" => ("成果", "achievement"),
        "need" => ("需求", "need"),
        "interest" => ("意向", "interest"),
        "meeting" => ("洽谈", "meeting"),
        "agreement" => ("签约", "agreement"),
        _ => ("记录", "record"),
    };
    lang.pick(zh, en)
}

pub type StoreResult<T> = Result<T, StoreError>;
