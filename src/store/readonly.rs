//! Opening a fair file that may not be written: read-only, never migrated.
use crate::store::{StoreError, StoreResult, migrations};
use rusqlite::{Connection, OpenFlags};
use std::path::Path;

/// A read-only connection. A WAL file needs its `-shm` beside it; when that cannot be
/// made (the folder is read-only too), the file is opened as immutable: nobody can be
/// writing a file that nobody may write.
pub fn connect(path: &Path) -> StoreResult<Connection> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let mut conn = Connection::open_with_flags(path, flags)?;
    crate::store::busy::install(&mut conn)?;
    if readable(&conn) {
        return Ok(conn);
    }
    let uri = format!("file:{}?immutable=1", uri_path(path));
    let mut conn = Connection::open_with_flags(uri, flags | OpenFlags::SQLITE_OPEN_URI)?;
    crate::store::busy::install(&mut conn)?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    Ok(conn)
}

fn readable(conn: &Connection) -> bool {
    conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| {
        r.get::<_, i64>(0)
    })
    .is_ok()
}

/// A path made safe for an SQLite URI (`?`, `#` and `%` are escaped).
fn uri_path(path: &Path) -> String {
    let mut out = String::new();
    for c in path.to_string_lossy().chars() {
        match c {
            '?' => out.push_str("%3f"),
            '#' => out.push_str("%23"),
            '%' => out.push_str("%25"),
            other => out.push(other),
        }
    }
    out
}

/// A read-only file must be a fairdesk file at exactly this version: it cannot be
/// migrated.
pub fn check_version(conn: &Connection, path: &Path) -> StoreResult<()> {
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    let app_id: i64 = conn.pragma_query_value(None, "application_id", |r| r.get(0))?;
    if app_id != migrations::APPLICATION_ID {
        return Err(StoreError::NotFairdesk {
            path: path.to_path_buf(),
        });
    }
    let supported = migrations::latest_version();
    if version > supported {
        return Err(StoreError::NewerVersion {
            path: path.to_path_buf(),
            found: version,
            supported,
        });
    }
    if version < supported {
        return Err(StoreError::ReadOnlyOutdated {
            path: path.to_path_buf(),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uri_paths_escape_query_characters() {
        assert_eq!(uri_path(Path::new("/a/b?c#d%e.db")), "/a/b%3fc%23d%25e.db");
    }
}
