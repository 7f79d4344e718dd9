//! The stored search packs (`search_pack`, migration 0008): one BLOB per kind, current
//! while its generation equals the kind's counter, which triggers move on every change
//! that can change a search's listing. What a pack holds is `search::pack`'s business;
//! here it is only read, rebuilt from the rows, and written back.
use crate::store::{Store, StoreResult};
use rusqlite::{OptionalExtension, TransactionBehavior};

/// Which records a pack holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PackKind {
    /// The titles of the shown (not withdrawn) achievements, in code order.
    Achievements,
    /// The names of the shown organizations, in code order.
    Organizations,
}

impl PackKind {
    fn key(self) -> &'static str {
        match self {
            PackKind::Achievements => "achievement",
            PackKind::Organizations => "organization",
        }
    }

    /// The texts of the listing, in order (the rows a pack is built from).
    fn listing_sql(self) -> &'static str {
        match self {
            // Through the covering (status, code, title) index.
            PackKind::Achievements => {
                "SELECT title FROM achievement WHERE status = 'active' ORDER BY code"
            }
            PackKind::Organizations => {
                "SELECT name FROM organization WHERE status = 'active' ORDER BY code"
            }
        }
    }
}

impl Store {
    /// Calls `read` with the stored pack of `kind` if it is current, in one read of the
    /// file; `Ok(None)` when there is none or it is stale (and on a file without packs).
    pub fn read_current_search_pack<T>(
        &self,
        kind: PackKind,
        read: impl FnOnce(&[u8]) -> T,
    ) -> StoreResult<Option<T>> {
        let stmt = self.conn().prepare(
            "SELECT p.data FROM search_pack p JOIN search_generation g ON g.kind = p.kind
             WHERE p.kind = ?1 AND p.generation = g.n",
        );
        // A file opened read-only at an older version has no packs: read the rows.
        let Ok(mut stmt) = stmt else {
            return Ok(None);
        };
        let mut read = Some(read);
        let out = stmt
            .query_row([kind.key()], |row| {
                let data = row.get_ref(0)?.as_blob()?;
                Ok(read.take().map(|read| read(data)))
            })
            .optional()?;
        Ok(out.flatten())
    }

    /// In one read snapshot: calls `each` with every text of `kind`'s listing, in
    /// order, as stored (UTF-8 unless the file is damaged; a value that is not text
    /// comes as empty), and returns the generation they are current at (`None` on a
    /// file without packs).
    pub fn scan_search_listing(
        &self,
        kind: PackKind,
        each: &mut dyn FnMut(&[u8]),
    ) -> StoreResult<Option<i64>> {
        let _snapshot = self.read_snapshot()?;
        let generation: Option<i64> = self
            .conn()
            .query_row(
                "SELECT n FROM search_generation WHERE kind = ?1",
                [kind.key()],
                |r| r.get(0),
            )
            .optional()
            .unwrap_or(None);
        let mut stmt = self.conn().prepare(kind.listing_sql())?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            match row.get_ref(0)? {
                rusqlite::types::ValueRef::Text(bytes) => each(bytes),
                _ => each(b""),
            }
        }
        Ok(generation)
    }

    /// Stores the pack of `kind` built from the listing at `generation`, only if no
    /// other desk holds the write lock now (a search never waits to save its pack) and
    /// the listing has not changed since. Returns whether it was stored.
    pub fn save_search_pack(
        &mut self,
        kind: PackKind,
        generation: i64,
        data: &[u8],
    ) -> StoreResult<bool> {
        if self.is_read_only() {
            return Ok(false);
        }
        self.conn.busy_handler(None::<fn(i32) -> bool>)?;
        let saved = save_now(&mut self.conn, kind, generation, data);
        crate::store::busy::install(&mut self.conn)?;
        match saved {
            Err(rusqlite::Error::SqliteFailure(e, _))
                if matches!(
                    e.code,
                    rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked
                ) =>
            {
                Ok(false)
            }
            other => Ok(other?),
        }
    }
}

fn save_now(
    conn: &mut rusqlite::Connection,
    kind: PackKind,
    generation: i64,
    data: &[u8],
) -> rusqlite::Result<bool> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    // Only a pack of the current generation is worth its write.
    let current: Option<i64> = tx
        .query_row(
            "SELECT n FROM search_generation WHERE kind = ?1",
            [kind.key()],
            |r| r.get(0),
        )
        .optional()?;
    if current != Some(generation) {
        return Ok(false);
    }
    let changed = tx.execute(
        "INSERT INTO search_pack (kind, generation, data) VALUES (?1, ?2, ?3)
         ON CONFLICT (kind) DO UPDATE SET generation = excluded.generation, data = excluded.data
         WHERE excluded.generation >= search_pack.generation",
        rusqlite::params![kind.key(), generation, data],
    )?;
    tx.commit()?;
    Ok(changed > 0)
}

#[cfg(test)]
mod tests {
    use super::PackKind;
    use crate::domain::achievement::AchievementInput;
    use crate::domain::organization::OrganizationInput;
    use crate::store::test_support::store;

    fn generation(s: &crate::store::Store, kind: &str) -> i64 {
        s.conn()
            .query_row(
                "SELECT n FROM search_generation WHERE kind = ?1",
                [kind],
                |r| r.get(0),
            )
            .unwrap()
    }

    #[test]
    fn a_saved_pack_is_read_until_the_listing_changes() {
        let mut s = store();
        s.create_organization(&OrganizationInput {
            name: "内蒙古大学".into(),
            kind: "university".into(),
            ..Default::default()
        })
        .unwrap();
        let mut titles = Vec::new();
        let at = s
            .scan_search_listing(PackKind::Achievements, &mut |t| titles.push(t.to_vec()))
            .unwrap()
            .unwrap();
        assert!(titles.is_empty());
        assert!(
            s.save_search_pack(PackKind::Achievements, at, b"pack")
                .unwrap()
        );
        let read = |s: &crate::store::Store| {
            s.read_current_search_pack(PackKind::Achievements, |d| d.to_vec())
                .unwrap()
        };
        assert_eq!(read(&s), Some(b"pack".to_vec()));
        // An organization does not touch the achievements' pack.
        let org_generation = generation(&s, "organization");
        s.create_organization(&OrganizationInput {
            name: "包头稀土研究院".into(),
            kind: "institute".into(),
            ..Default::default()
        })
        .unwrap();
        assert_eq!(generation(&s, "organization"), org_generation + 1);
        assert_eq!(read(&s), Some(b"pack".to_vec()));
        let a = s
            .create_achievement(&AchievementInput {
                title: "胡芪降脂胶囊".into(),
                holder: "内蒙古大学".into(),
                field: "蒙医药".into(),
                ..Default::default()
            })
            .unwrap();
        assert_eq!(read(&s), None, "a new achievement makes the pack stale");
        // A pack of an older generation is not stored over the counter.
        assert!(
            !s.save_search_pack(PackKind::Achievements, at, b"old")
                .unwrap()
        );
        let now = generation(&s, "achievement");
        assert!(
            s.save_search_pack(PackKind::Achievements, now, b"new")
                .unwrap()
        );
        assert_eq!(read(&s), Some(b"new".to_vec()));
        // A write that changes nothing a search shows keeps the pack current.
        s.conn()
            .execute(
                "UPDATE achievement SET title = title, summary = 'x' WHERE id = ?1",
                [&a.id],
            )
            .unwrap();
        assert_eq!(read(&s), Some(b"new".to_vec()));
        s.withdraw_achievement(&a.id, "撤展").unwrap();
        assert_eq!(read(&s), None, "a withdrawal makes the pack stale");
    }

    #[test]
    fn a_pack_is_not_saved_while_another_desk_writes() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("fair.db");
        let mut s = crate::store::Store::open(&db, "desk-a").unwrap();
        let at = s
            .scan_search_listing(PackKind::Organizations, &mut |_| {})
            .unwrap()
            .unwrap();
        let other = rusqlite::Connection::open(&db).unwrap();
        other.execute_batch("BEGIN IMMEDIATE").unwrap();
        assert!(
            !s.save_search_pack(PackKind::Organizations, at, b"p")
                .unwrap()
        );
        other.execute_batch("COMMIT").unwrap();
        assert!(
            s.save_search_pack(PackKind::Organizations, at, b"p")
                .unwrap()
        );
    }
}
