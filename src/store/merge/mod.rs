//! `fairdesk merge`: brings in the records of a desk file that worked without a
//! connection. The desk file is only read. Merging is a union of records by id with
//! rules (see `resolve`) that make the result the same whatever the order of the files
//! and however often one is merged; everything happens in one transaction on this file.
pub mod apply;
mod attached;
pub mod findings;
pub mod model;
pub mod resolve;
pub mod spec;

use crate::domain::lang::Lang;
use crate::store::audit::record_tx;
use crate::store::merge::findings::Findings;
use crate::store::merge::model::FileModel;
use crate::store::merge::resolve::MergeContext;
use crate::store::{Store, StoreError, migrations};
use rusqlite::{Connection, OpenFlags, TransactionBehavior};
use serde_json::json;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum MergeError {
    #[error("{path} belongs to another fair (“{theirs}”, this file holds “{ours}”)")]
    DifferentFair {
        path: PathBuf,
        theirs: String,
        ours: String,
    },
    #[error("{0} is the file being merged into")]
    SameFile(PathBuf),
    #[error("{path}: {source}")]
    Source { path: PathBuf, source: StoreError },
    #[error("{0}")]
    Store(#[from] StoreError),
}

impl MergeError {
    pub fn is_bad_input(&self) -> bool {
        match self {
            MergeError::DifferentFair { .. } | MergeError::SameFile(_) => true,
            MergeError::Source { source, .. } => source.is_bad_input(),
            MergeError::Store(e) => e.is_bad_input(),
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (MergeError::DifferentFair { path, theirs, ours }, Lang::Zh) => format!(
                "{} 属于另一场对接会（“{theirs}”，本文件是“{ours}”），未合并；确需合并请加 --force",
                path.display()
            ),
            (MergeError::DifferentFair { path, theirs, ours }, Lang::En) => format!(
                "{} belongs to another fair (“{theirs}”; this file holds “{ours}”); nothing was merged. Add --force to merge it anyway",
                path.display()
            ),
            (MergeError::SameFile(path), Lang::Zh) => {
                format!("{} 就是要合并进的文件本身", path.display())
            }
            (MergeError::SameFile(path), Lang::En) => {
                format!("{} is the file being merged into", path.display())
            }
            (MergeError::Source { path, source }, Lang::Zh) => {
                format!("读取 {} 失败：{}", path.display(), source.message(lang))
            }
            (MergeError::Source { path, source }, Lang::En) => {
                format!("cannot read {}: {}", path.display(), source.message(lang))
            }
            (MergeError::Store(e), lang) => e.message(lang),
        }
    }
}

/// What one merged file brought.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MergeReport {
    pub source: PathBuf,
    pub source_fair: String,
    /// Merged although it is another fair's file (`--force`).
    pub forced: bool,
    pub findings: Findings,
}

impl Store {
    /// Merges the desk file at `path` into this file. `force` merges another fair's file.
    pub fn merge_file(&mut self, path: &Path, force: bool) -> Result<MergeReport, MergeError> {
        if same_file(self.path(), path) {
            return Err(MergeError::SameFile(path.to_path_buf()));
        }
        let source = |e: StoreError| MergeError::Source {
            path: path.to_path_buf(),
            source: e,
        };
        let incoming = read_desk_file(path).map_err(source)?;
        let fair = self.require_fair()?;
        let other_fair = incoming.fair_uid != fair.uid;
        if other_fair && !force {
            return Err(MergeError::DifferentFair {
                path: path.to_path_buf(),
                theirs: incoming.fair_name.clone(),
                ours: fair.name,
            });
        }
        let source_name = path.display().to_string();
        let findings = self.write(|tx, ctx| {
            let target = FileModel::read(tx)?;
            let merge_ctx = MergeContext {
                desk: ctx.desk.to_string(),
                now: ctx.now_text(),
            };
            let (merged, findings) = resolve::merge(&target, &incoming, &merge_ctx);
            if findings.changed_anything() {
                apply::apply(tx, &target, &merged)?;
                record_tx(
                    tx,
                    ctx,
                    "merge",
                    &incoming.fair_uid,
                    "merge",
                    &audit_summary(&source_name, &incoming, &findings, other_fair),
                )?;
            }
            Ok(findings)
        })?;
        Ok(MergeReport {
            source: path.to_path_buf(),
            source_fair: incoming.fair_name,
            forced: other_fair,
            findings,
        })
    }
}

fn audit_summary(
    source: &str,
    incoming: &FileModel,
    f: &Findings,
    forced: bool,
) -> serde_json::Value {
    json!({
        "source": source,
        "fair": incoming.fair_name,
        "forced": forced,
        "added": f.added_total(),
        "updated": f.updated_total(),
        "unified": f.unified.iter().map(|u| json!([u.entity.table(), u.kept_id, u.merged_id])).collect::<Vec<_>>(),
        "conflicts": f.conflicts.iter().map(|c| c.conflict_id.clone()).collect::<Vec<_>>(),
        "recoded": f.recoded.iter().map(|r| json!([r.entity.table(), r.id, r.from, r.to])).collect::<Vec<_>>(),
        "audit_rows": f.audit_added,
    })
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// Reads a desk file without changing it: a read-only connection and one read
/// transaction. A file from an older fairdesk is first copied (a consistent snapshot)
/// and the copy upgraded; one from a newer fairdesk is refused.
pub fn read_desk_file(path: &Path) -> Result<FileModel, StoreError> {
    if !path.is_file() {
        return Err(StoreError::Io {
            path: path.to_path_buf(),
            source: std::io::Error::from(std::io::ErrorKind::NotFound),
        });
    }
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    let not_ours = || StoreError::NotFairdesk {
        path: path.to_path_buf(),
    };
    let app_id: i64 = conn
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .map_err(|_| StoreError::NotSqlite {
            path: path.to_path_buf(),
        })?;
    if app_id != migrations::APPLICATION_ID {
        return Err(not_ours());
    }
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    let latest = migrations::latest_version();
    if version > latest {
        return Err(StoreError::NewerVersion {
            path: path.to_path_buf(),
            found: version,
            supported: latest,
        });
    }
    if version < latest {
        drop(conn);
        return read_upgraded_copy(path);
    }
    let mut conn = conn;
    crate::store::busy::install(&mut conn)?;
    let tx = conn.transaction_with_behavior(TransactionBehavior::Deferred)?;
    let model = FileModel::read(&tx).map_err(|e| match e {
        StoreError::Sqlite(rusqlite::Error::QueryReturnedNoRows) => StoreError::NoFair {
            path: path.to_path_buf(),
        },
        other => other,
    })?;
    tx.finish()?;
    Ok(model)
}

fn read_upgraded_copy(path: &Path) -> Result<FileModel, StoreError> {
    let dir = tempfile_dir()?;
    let copy = dir.join("desk-copy.db");
    crate::store::backup::snapshot(path, &copy).map_err(|e| StoreError::Io {
        path: path.to_path_buf(),
        source: std::io::Error::other(e.to_string()),
    })?;
    let result = (|| {
        let store = Store::open(&copy, "merge")?;
        FileModel::read(store.conn())
    })();
    let _ = std::fs::remove_dir_all(&dir);
    result
}

/// A private folder under the system's temporary folder.
fn tempfile_dir() -> Result<PathBuf, StoreError> {
    let dir =
        std::env::temp_dir().join(format!("fairdesk-merge-{}", crate::domain::clock::new_id()));
    std::fs::create_dir_all(&dir).map_err(|source| StoreError::Io {
        path: dir.clone(),
        source,
    })?;
    Ok(dir)
}
