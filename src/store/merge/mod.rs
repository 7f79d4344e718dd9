//! `fairdesk merge`: brings in the records of a desk file that worked without a
//! connection. The desk file is only read. Merging is a union of records by id with
//! rules (see `resolve`) that make the result the same whatever the order of the files
//! and however often one is merged; everything happens in one transaction on this file.
pub mod apply;
mod attached;
mod codes;
mod counters;
pub mod findings;
pub mod model;
pub mod narrow;
mod new_interests;
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
    #[error("{given} files given; one merge takes at most {most}")]
    TooManyFiles { given: usize, most: usize },
    #[error("{path}: {source}")]
    Source { path: PathBuf, source: StoreError },
    #[error("{0}")]
    Store(#[from] StoreError),
}

impl MergeError {
    pub fn is_bad_input(&self) -> bool {
        match self {
            MergeError::DifferentFair { .. }
            | MergeError::SameFile(_)
            | MergeError::TooManyFiles { .. } => true,
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
            (MergeError::TooManyFiles { given, most }, Lang::Zh) => {
                format!("一次最多合并 {most} 个文件，给了 {given} 个；未作任何修改，请分几次合并")
            }
            (MergeError::TooManyFiles { given, most }, Lang::En) => format!(
                "one merge takes at most {most} files and {given} were given; nothing was changed. Merge them in several runs"
            ),
            (MergeError::Source { path, source }, lang) => {
                let inner = source.message(lang);
                let shown = path.display().to_string();
                // Most of the source's messages name the file already.
                if inner.contains(&shown) {
                    inner
                } else if lang == Lang::Zh {
                    format!("读取 {shown} 失败：{inner}")
                } else {
                    format!("cannot read {shown}: {inner}")
                }
            }
            (MergeError::Store(e), lang) => e.message(lang),
        }
    }
}

/// Where a merge of desk files is, for a progress display: each file is read (its rows
/// compared and decided), then its result written, all in one transaction; then the
/// transaction is committed and the log copied into the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MergeStep<'a> {
    Reading {
        file: usize,
        of: usize,
        path: &'a Path,
    },
    Writing {
        file: usize,
        of: usize,
        path: &'a Path,
    },
    Committing,
    Checkpointing,
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
    ///
    /// The desk file is attached read-only and only the rows that differ, and the rows
    /// here they touch, are read (see `narrow`).
    pub fn merge_file(&mut self, path: &Path, force: bool) -> Result<MergeReport, MergeError> {
        let mut reports = Vec::new();
        self.merge_files(std::slice::from_ref(&path.to_path_buf()), force, |r| {
            reports.push(r.clone())
        })?;
        Ok(reports.remove(0))
    }

    /// Merges desk files, in the order given, handing each report to `merged` once all
    /// are written. Every file is checked (there, a fair file, this fair's unless
    /// `force`) before anything is written, and all are merged in one transaction: a file
    /// that cannot be merged leaves this file as it was. A desk's day changes tens of
    /// thousands of pages at a large fair, mostly the same pages (the interest indexes):
    /// one transaction writes each of them to the log once for all the files, and the log
    /// is copied into the file once, at the end.
    pub fn merge_files(
        &mut self,
        paths: &[PathBuf],
        force: bool,
        merged: impl FnMut(&MergeReport),
    ) -> Result<(), MergeError> {
        self.merge_files_showing(paths, force, |_| {}, merged)
    }

    /// `merge_files`, telling `step` where it is (for a progress display).
    pub fn merge_files_showing(
        &mut self,
        paths: &[PathBuf],
        force: bool,
        mut step: impl FnMut(MergeStep<'_>),
        mut merged: impl FnMut(&MergeReport),
    ) -> Result<(), MergeError> {
        // Each file is attached for the transaction (see `.cargo/config.toml`).
        let most = self
            .conn()
            .limit(rusqlite::limits::Limit::SQLITE_LIMIT_ATTACHED)
            .map_err(StoreError::from)?;
        if paths.len() > most as usize {
            return Err(MergeError::TooManyFiles {
                given: paths.len(),
                most: most as usize,
            });
        }
        let desks = paths
            .iter()
            .map(|path| self.checked_desk(path, force))
            .collect::<Result<Vec<_>, _>>()?;
        let automatic: i64 = self
            .conn()
            .pragma_query_value(None, "wal_autocheckpoint", |r| r.get(0))
            .map_err(StoreError::from)?;
        self.conn()
            .pragma_update(None, "wal_autocheckpoint", 0)
            .map_err(StoreError::from)?;
        let result = self
            .merge_attached_all(&desks, Narrowing::Narrowed, &mut step)
            .map(|reports| reports.iter().for_each(&mut merged));
        if result.is_ok() {
            step(MergeStep::Checkpointing);
        }
        let restored = self
            .conn()
            .pragma_update(None, "wal_autocheckpoint", automatic)
            .and_then(|()| self.conn().execute_batch("PRAGMA wal_checkpoint(PASSIVE)"));
        result?;
        restored.map_err(|e| MergeError::Store(e.into()))
    }

    /// The same merge computed on both whole files read into memory: slow and hungry on
    /// a large fair; kept as the reference the narrowed merge is tested against.
    #[doc(hidden)]
    pub fn merge_file_whole(
        &mut self,
        path: &Path,
        force: bool,
    ) -> Result<MergeReport, MergeError> {
        let desk = self.checked_desk(path, force)?;
        let mut reports =
            self.merge_attached_all(std::slice::from_ref(&desk), Narrowing::Whole, &mut |_| {})?;
        Ok(reports.remove(0))
    }

    /// Opens the desk file at `path` for a merge, refusing this file itself and, unless
    /// `force`, another fair's file.
    fn checked_desk(&self, path: &Path, force: bool) -> Result<DeskFile, MergeError> {
        if same_file(self.path(), path) {
            return Err(MergeError::SameFile(path.to_path_buf()));
        }
        let desk = DeskFile::open(path).map_err(|e| MergeError::Source {
            path: path.to_path_buf(),
            source: e,
        })?;
        let fair = self.require_fair()?;
        if desk.fair_uid != fair.uid && !force {
            return Err(MergeError::DifferentFair {
                path: path.to_path_buf(),
                theirs: desk.fair_name.clone(),
                ours: fair.name,
            });
        }
        Ok(desk)
    }

    /// Attaches the desk files and merges them one after the other in one transaction.
    fn merge_attached_all(
        &mut self,
        desks: &[DeskFile],
        how: Narrowing,
        step: &mut dyn FnMut(MergeStep<'_>),
    ) -> Result<Vec<MergeReport>, MergeError> {
        let fair_uid = self.require_fair()?.uid;
        let attached = self.attach(desks);
        let cache: i64 = self
            .conn()
            .pragma_query_value(Some("main"), "cache_size", |r| r.get(0))
            .map_err(StoreError::from)?;
        let temp_store: i64 = self
            .conn()
            .pragma_query_value(None, "temp_store", |r| r.get(0))
            .map_err(StoreError::from)?;
        // Statement journals (each multi-row insert keeps the pages it touches) and the
        // staged rows stay in memory instead of temporary files.
        self.conn()
            .pragma_update(None, "temp_store", "MEMORY")
            .map_err(StoreError::from)?;
        // Which desk file a failure came from, for the message (none: a failure to write
        // this file).
        let reading = std::cell::Cell::new(None);
        let result = attached.and_then(|()| {
            self.write(|tx, ctx| {
                let merge_ctx = MergeContext {
                    desk: ctx.desk.to_string(),
                    now: ctx.now_text(),
                };
                let mut reports = Vec::with_capacity(desks.len());
                let of = desks.len();
                for (i, desk) in desks.iter().enumerate() {
                    reading.set(Some(i));
                    let path = desk.path.as_path();
                    step(MergeStep::Reading { file: i, of, path });
                    let schema = narrow::desk_schema(i);
                    let findings = merge_one(tx, &merge_ctx, &schema, how, || {
                        reading.set(None);
                        step(MergeStep::Writing { file: i, of, path });
                    })?;
                    let forced = desk.fair_uid != fair_uid;
                    if findings.changed_anything() {
                        record_tx(
                            tx,
                            ctx,
                            "merge",
                            &desk.fair_uid,
                            "merge",
                            &audit_summary(
                                &desk.path.display().to_string(),
                                &desk.fair_name,
                                &findings,
                                forced,
                            ),
                        )?;
                    }
                    reports.push(MergeReport {
                        source: desk.path.clone(),
                        source_fair: desk.fair_name.clone(),
                        forced,
                        findings,
                    });
                }
                step(MergeStep::Committing);
                Ok(reports)
            })
            .map_err(|source| match reading.get() {
                Some(i) => MergeError::Source {
                    path: desks[i].path.clone(),
                    source,
                },
                None => MergeError::Store(source),
            })
        });
        let _ = self.conn().pragma_update(Some("main"), "cache_size", cache);
        let _ = self.conn().pragma_update(None, "temp_store", temp_store);
        let detached = self.detach_desks();
        let reports = result?;
        detached?;
        Ok(reports)
    }

    /// Attaches each desk file read-only under its name (`narrow::desk_schema`); on a
    /// failure the error names the file.
    fn attach(&self, desks: &[DeskFile]) -> Result<(), MergeError> {
        self.detach_desks()?;
        for (i, desk) in desks.iter().enumerate() {
            self.conn()
                .execute(
                    &format!("ATTACH DATABASE ?1 AS {}", narrow::desk_schema(i)),
                    [read_only_uri(&desk.attach)],
                )
                .map_err(|e| MergeError::Source {
                    path: desk.path.clone(),
                    source: e.into(),
                })?;
        }
        Ok(())
    }

    /// Detaches whichever desk files are attached.
    fn detach_desks(&self) -> Result<(), MergeError> {
        let mut stmt = self
            .conn()
            .prepare("SELECT name FROM pragma_database_list")
            .map_err(StoreError::from)?;
        let names = stmt
            .query_map([], |r| r.get::<_, String>(0))
            .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
            .map_err(StoreError::from)?;
        drop(stmt);
        for name in names.iter().filter(|n| n.starts_with(narrow::DESK_PREFIX)) {
            self.conn()
                .execute(&format!("DETACH DATABASE {name}"), [])
                .map_err(StoreError::from)?;
        }
        Ok(())
    }
}

/// Merges the desk file attached as `schema` inside the caller's transaction; calls
/// `read` once the desk file has been read, before the writing of the merged rows.
fn merge_one(
    tx: &rusqlite::Transaction,
    ctx: &MergeContext,
    schema: &str,
    how: Narrowing,
    read: impl FnOnce(),
) -> Result<Findings, StoreError> {
    let (target, mut merged, findings) = match how {
        Narrowing::Narrowed => {
            let outcome = narrow::merge_attached(tx, ctx, schema)?;
            write_cache(tx)?;
            let mut findings = outcome.findings;
            // Audit rows are a union, made in SQL: the models hold only the ones the
            // rules read.
            findings.audit_added = narrow::union_audit(tx, schema)?;
            let mut target = outcome.target;
            target.audit.clear();
            (target, outcome.merged, findings)
        }
        Narrowing::Whole => {
            new_interests::prepare(tx)?;
            let target = FileModel::read(tx)?;
            let incoming = FileModel::read_schema(tx, schema)?;
            let (merged, findings) = resolve::merge(&target, &incoming, ctx);
            write_cache(tx)?;
            (target, merged, findings)
        }
    };
    read();
    if how == Narrowing::Narrowed {
        merged.audit.clear();
    }
    if findings.changed_anything() {
        apply::apply(tx, &target, &merged)?;
    }
    // Made for the new interests; gone already if they were written.
    tx.execute_batch(&format!("DROP TABLE IF EXISTS {};", new_interests::TABLE))?;
    Ok(findings)
}

/// The page cache while a merge writes (negative: KiB), 128 MB. A desk's day of
/// interests lands all over two interest indexes (enterprise × achievement, achievement
/// × level) and the counters: at 100,000 achievements one merge changes about 57,000
/// pages. With 32 MB most were pushed out to the log mid-transaction and read back, which
/// made the new interests' insert three times slower; 256 MB was no faster than 128 MB
/// and took 40 MB more. The memory is taken only as pages are read, and only from the
/// writing on: the comparison of the two files before it reads each row once, and
/// filling this cache with those pages cost more (fresh memory for every page) than it
/// saved.
const MERGE_CACHE_KIB: i64 = -131_072;

/// Raises this file's page cache for the writing part of a merge (restored afterwards by
/// the caller).
fn write_cache(conn: &Connection) -> Result<(), StoreError> {
    conn.pragma_update(Some("main"), "cache_size", MERGE_CACHE_KIB)?;
    Ok(())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Narrowing {
    Narrowed,
    Whole,
}

/// A desk file checked and ready to attach: the file itself, or an upgraded copy of a
/// file from an older fairdesk (removed when this is dropped).
struct DeskFile {
    /// The file named on the command line.
    path: PathBuf,
    /// The file attached: the same, or the upgraded copy.
    attach: PathBuf,
    fair_uid: String,
    fair_name: String,
    copy_dir: Option<PathBuf>,
}

impl Drop for DeskFile {
    fn drop(&mut self) {
        if let Some(dir) = &self.copy_dir {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}

impl DeskFile {
    fn open(path: &Path) -> Result<DeskFile, StoreError> {
        let conn = open_checked(path)?;
        let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        let (attach, copy_dir) = if version < migrations::latest_version() {
            drop(conn);
            let dir = tempfile_dir()?;
            let copy = dir.join("desk-copy.db");
            let made = (|| {
                crate::store::backup::snapshot(path, &copy).map_err(|e| StoreError::Io {
                    path: path.to_path_buf(),
                    source: std::io::Error::other(e.to_string()),
                })?;
                Store::open(&copy, "merge").map(drop)
            })();
            if let Err(e) = made {
                let _ = std::fs::remove_dir_all(&dir);
                return Err(e);
            }
            (copy, Some(dir))
        } else {
            (path.to_path_buf(), None)
        };
        let mut desk = DeskFile {
            path: path.to_path_buf(),
            attach,
            fair_uid: String::new(),
            fair_name: String::new(),
            copy_dir,
        };
        let conn = Connection::open_with_flags(
            &desk.attach,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        let fair = conn.query_row("SELECT uid, name FROM fair WHERE id = 1", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        });
        (desk.fair_uid, desk.fair_name) = fair.map_err(|e| match e {
            rusqlite::Error::QueryReturnedNoRows => StoreError::NoFair {
                path: path.to_path_buf(),
            },
            other => other.into(),
        })?;
        Ok(desk)
    }
}

/// A `file:` URI opening `path` read-only (for ATTACH).
fn read_only_uri(path: &Path) -> String {
    let absolute = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let mut uri = String::from("file:");
    for c in absolute.to_string_lossy().chars() {
        match c {
            '%' => uri.push_str("%25"),
            '?' => uri.push_str("%3f"),
            '#' => uri.push_str("%23"),
            c => uri.push(c),
        }
    }
    uri.push_str("?mode=ro");
    uri
}

fn audit_summary(source: &str, fair: &str, f: &Findings, forced: bool) -> serde_json::Value {
    json!({
        "source": source,
        "fair": fair,
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
    let conn = open_checked(path)?;
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if version < migrations::latest_version() {
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

/// Opens a desk file read-only, refusing what is not a fair file or is one from a newer
/// fairdesk.
fn open_checked(path: &Path) -> Result<Connection, StoreError> {
    if !path.is_file() {
        return Err(StoreError::Missing {
            path: path.to_path_buf(),
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
    Ok(conn)
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
