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
    #[error("{path} does not exist")]
    Missing { path: PathBuf },
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
    #[error("{path} is on a network file system ({fs})")]
    NetworkFs { path: PathBuf, fs: &'static str },
    #[error("{path} is read-only")]
    ReadOnly { path: PathBuf },
    #[error("{path} is read-only and needs an upgrade")]
    ReadOnlyOutdated { path: PathBuf },
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
                | StoreError::Missing { .. }
                | StoreError::NotFound { .. }
                | StoreError::NotSqlite { .. }
                | StoreError::NotFairdesk { .. }
                | StoreError::NewerVersion { .. }
                | StoreError::NetworkFs { .. }
                | StoreError::ReadOnly { .. }
                | StoreError::ReadOnlyOutdated { .. }
        )
    }

    /// SQLite answered "busy" or "locked": another desk held the file too long.
    pub fn is_busy(&self) -> bool {
        matches!(
            self,
            StoreError::Sqlite(rusqlite::Error::SqliteFailure(e, _))
                if matches!(
                    e.code,
                    rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked
                )
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
            (StoreError::Missing { path }, Lang::Zh) => {
                format!("找不到文件 {}（路径有误？），未作任何修改", path.display())
            }
            (StoreError::Missing { path }, Lang::En) => format!(
                "{} does not exist (a wrong path?); nothing was changed",
                path.display()
            ),
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
            (StoreError::NetworkFs { path, fs }, Lang::Zh) => format!(
                "{} 位于网络文件系统（{fs}）上：多个登记台经网络共享同一文件时，SQLite 的文件锁不可靠，可能损坏数据。请把文件放在本机磁盘上，各登记台通过 SSH 登录这台主机使用；或各自保存文件，会后用 fairdesk merge 合并",
                path.display()
            ),
            (StoreError::NetworkFs { path, fs }, Lang::En) => format!(
                "{} is on a network file system ({fs}): SQLite's file locks are not reliable over a network share, and desks sharing it could corrupt the fair. Keep the file on a local disk and let the desks log in to that host over SSH, or give each desk its own file and bring them together with fairdesk merge",
                path.display()
            ),
            (StoreError::ReadOnly { path }, Lang::Zh) => {
                format!("{} 为只读文件，无法保存修改", path.display())
            }
            (StoreError::ReadOnly { path }, Lang::En) => {
                format!("{} is read-only; changes cannot be saved", path.display())
            }
            (StoreError::ReadOnlyOutdated { path }, Lang::Zh) => format!(
                "{} 为只读文件，且由旧版本 fairdesk 写入，需要升级结构后才能打开；请先使其可写",
                path.display()
            ),
            (StoreError::ReadOnlyOutdated { path }, Lang::En) => format!(
                "{} is read-only and was written by an older fairdesk: it must be upgraded before it can be opened; make it writable first",
                path.display()
            ),
            (StoreError::Sqlite(_), Lang::Zh) if self.is_busy() => {
                "其他登记台长时间占用文件，本次未保存，请重试".to_string()
            }
            (StoreError::Sqlite(_), Lang::En) if self.is_busy() => {
                "another desk held the file too long; nothing was saved, please try again"
                    .to_string()
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
        "conflict" => ("待审核的合并冲突", "open merge conflict"),
        _ => ("记录", "record"),
    };
    lang.pick(zh, en)
}

pub type StoreResult<T> = Result<T, StoreError>;
