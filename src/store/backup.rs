//! Consistent backups of a fair file, and restoring one.
//!
//! A backup is `VACUUM INTO` a temporary file from a read-only connection: SQLite copies
//! one consistent snapshot (one read transaction) while other desks keep writing, which
//! the online backup API cannot promise (it restarts whenever another connection
//! writes). `VACUUM INTO` does not fsync, so the copy is fsynced here and only then
//! renamed into place, and the folder fsynced: a half-written backup never carries a
//! backup's name.
use crate::store::migrations;
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};

/// How many backups `backups/` keeps (the oldest go first).
pub const KEEP_BACKUPS: usize = 20;

/// A partial copy older than this was left by a process that died; it is removed.
const STALE_PARTIAL: std::time::Duration = std::time::Duration::from_secs(3600);

#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: {source}")]
    Sqlite {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error("{0} already exists")]
    Exists(PathBuf),
    #[error("{path} is not a sound fairdesk backup: {reason}")]
    NotABackup { path: PathBuf, reason: String },
}

impl BackupError {
    pub fn message(&self, lang: crate::domain::lang::Lang) -> String {
        use crate::domain::lang::Lang::*;
        match (self, lang) {
            (BackupError::Io { path, source }, Zh) => {
                format!("{}：读写失败：{source}", path.display())
            }
            (BackupError::Sqlite { path, source }, Zh) => {
                format!("{}：数据库错误：{source}", path.display())
            }
            (BackupError::Exists(path), Zh) => format!("{} 已存在，未覆盖", path.display()),
            (BackupError::Exists(path), En) => {
                format!("{} already exists; it was not overwritten", path.display())
            }
            (BackupError::NotABackup { path, reason }, Zh) => {
                format!("{} 不是完好的 fairdesk 备份：{reason}", path.display())
            }
            (other, En) => other.to_string(),
        }
    }
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> BackupError + '_ {
    move |source| BackupError::Io {
        path: path.to_path_buf(),
        source,
    }
}

fn sql(path: &Path) -> impl FnOnce(rusqlite::Error) -> BackupError + '_ {
    move |source| BackupError::Sqlite {
        path: path.to_path_buf(),
        source,
    }
}

/// `backups/` beside the fair file.
pub fn backups_dir(db: &Path) -> PathBuf {
    folder_of(db).join("backups")
}

fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

fn stem(db: &Path) -> String {
    db.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "fair".to_string())
}

/// `fair-20191210T013000.123Z.db`: names sort in time order.
pub fn backup_name(db: &Path, at: DateTime<Utc>) -> String {
    format!("{}-{}.db", stem(db), at.format("%Y%m%dT%H%M%S%.3fZ"))
}

/// Copies a consistent snapshot of `db` to `dest` (which must not exist): into a
/// temporary file beside `dest`, fsynced, renamed into place, folder fsynced.
pub fn snapshot(db: &Path, dest: &Path) -> Result<(), BackupError> {
    if dest.exists() {
        return Err(BackupError::Exists(dest.to_path_buf()));
    }
    let folder = folder_of(dest);
    std::fs::create_dir_all(&folder).map_err(io(&folder))?;
    let name = dest
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "backup.db".to_string());
    let partial = folder.join(format!(".{name}.{}.partial", std::process::id()));
    let result = write_snapshot(db, &partial, dest, &folder);
    if result.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
    result
}

fn write_snapshot(
    db: &Path,
    partial: &Path,
    dest: &Path,
    folder: &Path,
) -> Result<(), BackupError> {
    let _ = std::fs::remove_file(partial);
    let source = open_read_only(db)?;
    source
        .execute("VACUUM INTO ?1", [partial.to_string_lossy().as_ref()])
        .map_err(sql(db))?;
    drop(source);
    // Opened for writing: Windows syncs only such a handle.
    std::fs::OpenOptions::new()
        .write(true)
        .open(partial)
        .and_then(|f| f.sync_all())
        .map_err(io(partial))?;
    if dest.exists() {
        return Err(BackupError::Exists(dest.to_path_buf()));
    }
    std::fs::rename(partial, dest).map_err(io(dest))?;
    sync_folder(folder)
}

/// Makes a rename durable: fsync the folder that holds it (a no-op where folders cannot
/// be opened).
fn sync_folder(folder: &Path) -> Result<(), BackupError> {
    #[cfg(unix)]
    std::fs::File::open(folder)
        .and_then(|f| f.sync_all())
        .map_err(io(folder))?;
    #[cfg(not(unix))]
    let _ = folder;
    Ok(())
}

fn open_read_only(path: &Path) -> Result<Connection, BackupError> {
    let mut conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(sql(path))?;
    crate::store::busy::install(&mut conn).map_err(sql(path))?;
    Ok(conn)
}

/// Takes a backup of `db` into `backups/` beside it, named by `at`, then keeps only the
/// newest [`KEEP_BACKUPS`]. Returns the new backup's path.
pub fn backup_into_folder(db: &Path, at: DateTime<Utc>) -> Result<PathBuf, BackupError> {
    let dir = backups_dir(db);
    let mut dest = dir.join(backup_name(db, at));
    let mut n = 2;
    while dest.exists() {
        dest = dir.join(format!(
            "{}-{n}.db",
            backup_name(db, at).trim_end_matches(".db")
        ));
        n += 1;
    }
    snapshot(db, &dest)?;
    prune(db, KEEP_BACKUPS)?;
    Ok(dest)
}

/// The backups of `db` in its `backups/` folder, oldest first.
pub fn list_backups(db: &Path) -> Vec<PathBuf> {
    let prefix = format!("{}-", stem(db));
    let Ok(entries) = std::fs::read_dir(backups_dir(db)) else {
        return Vec::new();
    };
    let mut found: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.file_name().map(|n| n.to_string_lossy()).is_some_and(|n| {
                n.starts_with(&prefix) && n.ends_with(".db") && is_stamped(&n[prefix.len()..])
            })
        })
        .collect();
    found.sort();
    found
}

/// Whether a name's rest after `stem-` is one of our timestamps (so another fair's
/// backups, e.g. of `fair-2.db`, are never pruned as this one's).
fn is_stamped(rest: &str) -> bool {
    let bytes = rest.as_bytes();
    bytes.len() >= 20
        && bytes[..8].iter().all(u8::is_ascii_digit)
        && bytes[8] == b'T'
        && bytes[9..15].iter().all(u8::is_ascii_digit)
        && bytes[15] == b'.'
        && bytes[16..19].iter().all(u8::is_ascii_digit)
        && bytes[19] == b'Z'
}

/// Removes the oldest backups beyond `keep`, and partial copies left by dead processes.
pub fn prune(db: &Path, keep: usize) -> Result<Vec<PathBuf>, BackupError> {
    let all = list_backups(db);
    let excess = all.len().saturating_sub(keep);
    let mut removed = Vec::new();
    for old in all.into_iter().take(excess) {
        std::fs::remove_file(&old).map_err(io(&old))?;
        removed.push(old);
    }
    if let Ok(entries) = std::fs::read_dir(backups_dir(db)) {
        for entry in entries.filter_map(Result::ok) {
            let name = entry.file_name().to_string_lossy().into_owned();
            let stale = entry
                .metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|m| m.elapsed().ok())
                .is_some_and(|age| age > STALE_PARTIAL);
            if name.starts_with('.') && name.ends_with(".partial") && stale {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
    Ok(removed)
}

/// What a backup holds, for the confirmation before restoring it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupSummary {
    pub fair_name: String,
    pub fair_uid: String,
    pub achievements: i64,
    pub organizations: i64,
    pub interests: i64,
    pub agreements: i64,
    pub last_change: Option<String>,
}

/// Opens a backup read-only and makes sure it can be restored: a fairdesk file this
/// version can open, passing `integrity_check`, holding a fair.
pub fn inspect(backup: &Path) -> Result<BackupSummary, BackupError> {
    let not = |reason: &str| BackupError::NotABackup {
        path: backup.to_path_buf(),
        reason: reason.to_string(),
    };
    if !backup.is_file() {
        return Err(not("not a file"));
    }
    let conn = open_read_only(backup)?;
    let app_id: i64 = conn
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .map_err(|_| not("not a SQLite database"))?;
    if app_id != migrations::APPLICATION_ID {
        return Err(not("not a fairdesk file"));
    }
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .map_err(sql(backup))?;
    if version > migrations::latest_version() {
        return Err(not("written by a newer fairdesk"));
    }
    let integrity: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .map_err(sql(backup))?;
    if integrity != "ok" {
        return Err(not(&format!("integrity_check: {integrity}")));
    }
    let (fair_name, fair_uid) = conn
        .query_row("SELECT name, uid FROM fair WHERE id = 1", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .map_err(|_| not("holds no fair"))?;
    let count = |table: &str| -> Result<i64, BackupError> {
        conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .map_err(sql(backup))
    };
    Ok(BackupSummary {
        fair_name,
        fair_uid,
        achievements: count("achievement")?,
        organizations: count("organization")?,
        interests: count("interest")?,
        agreements: count("agreement")?,
        last_change: conn
            .query_row("SELECT max(at) FROM audit", [], |r| r.get(0))
            .ok()
            .flatten(),
    })
}

/// Where restoring keeps the file it replaces: beside it, named by the moment.
pub fn replaced_name(db: &Path, at: DateTime<Utc>) -> PathBuf {
    folder_of(db).join(format!(
        "{}.replaced-{}.db",
        stem(db),
        at.format("%Y%m%dT%H%M%S%.3fZ")
    ))
}

/// Restores `backup` over `db`. The current file is first snapshotted to
/// [`replaced_name`] (returned); then the backup's pages are copied into the live file
/// with SQLite's backup API in one write transaction, so other desks with the file open
/// see either the old fair or the restored one, never a mixture, and a crash midway
/// leaves the old one.
pub fn restore(
    db: &Path,
    backup: &Path,
    at: DateTime<Utc>,
) -> Result<Option<PathBuf>, BackupError> {
    inspect(backup)?;
    if !db.exists() {
        snapshot(backup, db)?;
        return Ok(None);
    }
    let kept = replaced_name(db, at);
    snapshot(db, &kept)?;
    let source = open_read_only(backup)?;
    let mut target = Connection::open(db).map_err(sql(db))?;
    crate::store::busy::install(&mut target).map_err(sql(db))?;
    {
        let copy = rusqlite::backup::Backup::new(&source, &mut target).map_err(sql(db))?;
        // One step copies every page under one lock: all or nothing.
        copy.step(-1).map_err(sql(db))?;
    }
    target
        .pragma_update_and_check(None, "journal_mode", "WAL", |_| Ok(()))
        .map_err(sql(db))?;
    Ok(Some(kept))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn backup_names_sort_in_time_order_and_are_recognised() {
        let db = Path::new("/x/fair.db");
        let a = backup_name(db, Utc.with_ymd_and_hms(2019, 12, 10, 1, 0, 0).unwrap());
        let b = backup_name(db, Utc.with_ymd_and_hms(2019, 12, 10, 10, 0, 0).unwrap());
        assert_eq!(a, "fair-20191210T010000.000Z.db");
        assert!(a < b);
        assert!(is_stamped(&a["fair-".len()..]));
        assert!(!is_stamped("2.db"));
        assert_eq!(
            backups_dir(Path::new("fair.db")),
            PathBuf::from("./backups")
        );
    }
}
