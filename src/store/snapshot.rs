//! A read transaction held across many queries: they all see the same moment of the
//! file (another desk's commit in between does not split them), and the file is locked
//! once instead of once per query.
use crate::store::{Store, StoreResult};
use rusqlite::Connection;

/// Ends the read transaction when dropped.
pub struct ReadSnapshot<'a> {
    conn: &'a Connection,
}

impl Store {
    /// Starts a read transaction; queries through `self` see one snapshot until the
    /// returned guard is dropped. Not for use around `write`.
    pub fn read_snapshot(&self) -> StoreResult<ReadSnapshot<'_>> {
        self.conn().execute_batch("BEGIN DEFERRED")?;
        Ok(ReadSnapshot { conn: self.conn() })
    }
}

/// SQLite's default page cache (2 MiB), restored after a bulk write.
const DEFAULT_CACHE_KIB: i64 = 2000;

impl Store {
    /// Runs a bulk write with a larger page cache (`mib` MiB), so a transaction touching
    /// many pages does not spill them to the WAL and write them again; the default cache
    /// comes back afterwards, keeping readers (exports) small.
    pub fn with_bulk_cache<T>(&mut self, mib: i64, work: impl FnOnce(&mut Store) -> T) -> T {
        let _ = self.conn().pragma_update(None, "cache_size", -(mib * 1024));
        let result = work(self);
        let _ = self
            .conn()
            .pragma_update(None, "cache_size", -DEFAULT_CACHE_KIB);
        result
    }
}

impl Drop for ReadSnapshot<'_> {
    fn drop(&mut self) {
        let _ = self.conn.execute_batch("COMMIT");
    }
}

#[cfg(test)]
mod tests {
    use crate::store::test_support::store;

    #[test]
    fn a_snapshot_ends_when_dropped() {
        let mut s = store();
        {
            let _snapshot = s.read_snapshot().unwrap();
            assert!(!s.conn().is_autocommit());
            s.fair().unwrap();
        }
        assert!(s.conn().is_autocommit());
        s.rename_fair("新名字").unwrap();
    }
}
