//! SQLite storage: one file holds one fair.
//!
//! Opened in WAL mode with foreign keys, `synchronous=FULL` and a busy timeout; every
//! write is one IMMEDIATE transaction that also writes its audit rows. One file per
//! aggregate; `tallies` is the only place counts and sums are computed.
pub mod access;
pub mod achievement_batch;
pub mod achievements;
pub mod agreements;
pub mod audit;
pub mod backup;
pub mod bulk;
pub(crate) mod busy;
pub mod check;
pub mod checkins;
pub mod codes;
pub mod conflicts;
pub mod dump;
pub mod error;
pub mod exhibitor;
pub mod export_rows;
pub mod exports;
pub mod fair;
pub mod import_checks;
pub mod interest_pages;
pub mod interests;
pub mod location;
pub mod lookup;
pub mod matching;
pub mod meeting_plan;
pub mod meetings;
pub mod merge;
pub mod migrations;
pub mod needs;
pub mod organizations;
mod readonly;
pub mod rows;
pub mod scope;
pub mod search_pack;
mod sizes;
pub mod snapshot;
pub mod stream;
pub mod tallies;

use crate::domain::clock::{Clock, SystemClock};
use chrono::{DateTime, SecondsFormat, Utc};
pub use error::{StoreError, StoreResult};
use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

/// How long a writer waits for another desk's transaction before giving up.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// The pause before the one retry of a write SQLite still answered "busy" (it does so
/// without waiting in a few cases, e.g. while another connection recovers the WAL).
const BUSY_RETRY_PAUSE: Duration = Duration::from_millis(50);

/// One open fair file.
pub struct Store {
    conn: Connection,
    desk: String,
    clock: Arc<dyn Clock>,
    path: PathBuf,
    /// Opened read-only (the file may not be written): every write is refused.
    read_only: bool,
}

/// What every write knows: which desk, and the moment of the transaction.
pub struct WriteContext<'a> {
    pub desk: &'a str,
    pub now: DateTime<Utc>,
}

impl WriteContext<'_> {
    pub fn now_text(&self) -> String {
        time_text(self.now)
    }
}

/// Times are stored as RFC 3339 UTC with milliseconds, so text order is time order.
pub fn time_text(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Millis, true)
}

pub fn parse_time(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_default()
}

impl Store {
    /// Opens (creating when missing) a fair file for `desk`.
    pub fn open(path: &Path, desk: &str) -> StoreResult<Store> {
        Store::open_with_clock(path, desk, Arc::new(SystemClock))
    }

    pub fn open_with_clock(path: &Path, desk: &str, clock: Arc<dyn Clock>) -> StoreResult<Store> {
        if let Some(fs) = location::network_fs(path) {
            return Err(StoreError::NetworkFs {
                path: path.to_path_buf(),
                fs: fs.name(),
            });
        }
        let existed_with_content = check_header(path)?;
        if existed_with_content && location::is_read_only(path) {
            return Store::open_read_only(path, desk, clock);
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let mut conn = Connection::open_with_flags(path, flags)?;
        busy::install(&mut conn)?;
        let mut store = Store {
            conn,
            desk: desk.to_string(),
            clock,
            path: path.to_path_buf(),
            read_only: false,
        };
        store.prepare(existed_with_content)?;
        Ok(store)
    }

    /// Opens a file that may not be written; every write is then refused.
    pub fn open_read_only(path: &Path, desk: &str, clock: Arc<dyn Clock>) -> StoreResult<Store> {
        let conn = readonly::connect(path)?;
        let store = Store {
            conn,
            desk: desk.to_string(),
            clock,
            path: path.to_path_buf(),
            read_only: true,
        };
        readonly::check_version(&store.conn, path)?;
        Ok(store)
    }

    /// Whether the file was opened read-only (the TUI shows a banner).
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// A private in-memory fair, for tests and benchmarks.
    pub fn open_in_memory(desk: &str, clock: Arc<dyn Clock>) -> StoreResult<Store> {
        let conn = Connection::open_in_memory()?;
        let mut store = Store {
            conn,
            desk: desk.to_string(),
            clock,
            path: PathBuf::from(":memory:"),
            read_only: false,
        };
        store.prepare(false)?;
        Ok(store)
    }

    /// Checks what the file is before anything is written, then sets it up.
    fn prepare(&mut self, existed_with_content: bool) -> StoreResult<()> {
        let version: i64 = self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))?;
        let app_id: i64 = self
            .conn
            .pragma_query_value(None, "application_id", |r| r.get(0))?;
        if existed_with_content {
            let tables: i64 = self.conn.query_row(
                "SELECT count(*) FROM sqlite_schema WHERE type = 'table'",
                [],
                |r| r.get(0),
            )?;
            let is_ours = app_id == migrations::APPLICATION_ID;
            let is_blank = app_id == 0 && version == 0 && tables == 0;
            if !is_ours && !is_blank {
                return Err(StoreError::NotFairdesk {
                    path: self.path.clone(),
                });
            }
        }
        if version > migrations::latest_version() {
            return Err(StoreError::NewerVersion {
                path: self.path.clone(),
                found: version,
                supported: migrations::latest_version(),
            });
        }
        // Only now, knowing the file is ours (or new), may anything be written to it.
        self.conn
            .pragma_update_and_check(None, "journal_mode", "WAL", |_| Ok(()))?;
        self.conn.pragma_update(None, "synchronous", "FULL")?;
        self.conn.pragma_update(None, "foreign_keys", "ON")?;
        // A write whose triggers touch other tables keeps the pages it changes in a
        // statement journal, which SQLite spills to a temporary file past 64 KiB: an
        // import of 10,000 rows made 300,000 small writes to it. In memory instead.
        self.conn.pragma_update(None, "temp_store", "MEMORY")?;
        migrations::migrate(&mut self.conn, version)?;
        Ok(())
    }

    pub fn desk(&self) -> &str {
        &self.desk
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    /// Read access for queries.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Runs `work` in one IMMEDIATE transaction: all of it is written, or none. Another
    /// desk's transaction is waited for (busy timeout); when SQLite still answers busy,
    /// the whole transaction is retried once, so `work` may run twice and must only
    /// touch the database.
    pub fn write<T>(
        &mut self,
        mut work: impl FnMut(&Transaction, &WriteContext) -> StoreResult<T>,
    ) -> StoreResult<T> {
        if self.read_only {
            return Err(StoreError::ReadOnly {
                path: self.path.clone(),
            });
        }
        match self.write_once(&mut work) {
            Err(e) if e.is_busy() => {
                std::thread::sleep(BUSY_RETRY_PAUSE);
                self.write_once(&mut work)
            }
            other => other,
        }
    }

    fn write_once<T>(
        &mut self,
        work: &mut impl FnMut(&Transaction, &WriteContext) -> StoreResult<T>,
    ) -> StoreResult<T> {
        let now = self.clock.now();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let ctx = WriteContext {
            desk: &self.desk,
            now,
        };
        let value = work(&tx, &ctx)?;
        tx.commit()?;
        Ok(value)
    }

    /// Changes whenever any connection (another desk) commits; cheap to poll.
    pub fn data_version(&self) -> StoreResult<i64> {
        Ok(self
            .conn
            .pragma_query_value(None, "data_version", |r| r.get(0))?)
    }
}

/// Refuses a file that exists with content but is not SQLite. Returns whether it had content.
fn check_header(path: &Path) -> StoreResult<bool> {
    let mut file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(false),
        Err(source) => {
            return Err(StoreError::Io {
                path: path.to_path_buf(),
                source,
            });
        }
    };
    let mut header = [0u8; 16];
    let mut read = 0;
    while read < header.len() {
        match file.read(&mut header[read..]) {
            Ok(0) => break,
            Ok(n) => read += n,
            Err(source) => {
                return Err(StoreError::Io {
                    path: path.to_path_buf(),
                    source,
                });
            }
        }
    }
    if read == 0 {
        return Ok(false);
    }
    if read < header.len() || &header != b"SQLite format 3\0" {
        return Err(StoreError::NotSqlite {
            path: path.to_path_buf(),
        });
    }
    Ok(true)
}

#[cfg(test)]
pub(crate) mod test_support {
    use super::*;
    use crate::domain::clock::FixedClock;
    use chrono::TimeZone;

    /// An in-memory store whose clock starts on the demo fair's morning.
    pub fn store() -> Store {
        let clock = FixedClock::at(Utc.with_ymd_and_hms(2019, 12, 10, 1, 0, 0).unwrap());
        let mut store = Store::open_in_memory("desk-test", Arc::new(clock)).unwrap();
        store
            .create_fair(&crate::domain::fair::FairInput {
                name: "测试对接会".into(),
                ..Default::default()
            })
            .unwrap();
        store
    }
}
