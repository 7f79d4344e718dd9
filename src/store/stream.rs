//! Reading large tables one row at a time, for exports of fairs too big to hold in
//! memory as records. Achievements come in the order they were registered (which is
//! their code order), read straight through without sorting.
use crate::domain::achievement::Achievement;
use crate::domain::interest::Interest;
use crate::domain::lookup::AchievementRef;
use crate::domain::meeting::Meeting;
use crate::store::{Store, StoreError};

impl Store {
    /// Calls `visit` with every achievement (withdrawn ones too), in registration order.
    pub fn each_achievement<E: From<StoreError>>(
        &self,
        mut visit: impl FnMut(Achievement) -> Result<(), E>,
    ) -> Result<(), E> {
        let sql = format!(
            "SELECT {} FROM achievement ORDER BY rowid",
            crate::store::achievements::COLUMNS
        );
        let mut stmt = self.conn().prepare(&sql).map_err(StoreError::from)?;
        let mut rows = stmt.query([]).map_err(StoreError::from)?;
        while let Some(row) = rows.next().map_err(StoreError::from)? {
            visit(crate::store::achievements::from_row(row).map_err(StoreError::from)?)?;
        }
        Ok(())
    }

    /// The id, code, title and holder of every achievement another record (interest,
    /// meeting, agreement) refers to: what those records show of it.
    pub fn referenced_achievements(&self) -> Result<Vec<AchievementRef>, StoreError> {
        let mut stmt = self.conn().prepare(
            "SELECT id, code, title, holder_id FROM achievement WHERE id IN (
                 SELECT achievement_id FROM interest
                 UNION SELECT achievement_id FROM meeting
                 UNION SELECT achievement_id FROM agreement_achievement)",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(AchievementRef {
                id: r.get(0)?,
                code: r.get(1)?,
                title: r.get(2)?,
                holder_id: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }

    /// Calls `visit` with every interest, oldest first.
    pub fn each_interest<E: From<StoreError>>(
        &self,
        mut visit: impl FnMut(Interest) -> Result<(), E>,
    ) -> Result<(), E> {
        let sql = format!(
            "SELECT {} FROM interest ORDER BY logged_at, rowid",
            crate::store::interests::COLUMNS
        );
        let mut stmt = self.conn().prepare(&sql).map_err(StoreError::from)?;
        let mut rows = stmt.query([]).map_err(StoreError::from)?;
        while let Some(row) = rows.next().map_err(StoreError::from)? {
            visit(crate::store::interests::from_row(row).map_err(StoreError::from)?)?;
        }
        Ok(())
    }

    /// Calls `visit` with every meeting, by slot and table.
    pub fn each_meeting<E: From<StoreError>>(
        &self,
        mut visit: impl FnMut(Meeting) -> Result<(), E>,
    ) -> Result<(), E> {
        let sql = format!(
            "SELECT {} FROM meeting ORDER BY slot_start, table_no, rowid",
            crate::store::meetings::COLUMNS
        );
        let mut stmt = self.conn().prepare(&sql).map_err(StoreError::from)?;
        let mut rows = stmt.query([]).map_err(StoreError::from)?;
        while let Some(row) = rows.next().map_err(StoreError::from)? {
            visit(crate::store::meetings::from_row(row).map_err(StoreError::from)?)?;
        }
        Ok(())
    }

    /// How many rows `table` holds (one of the record tables), for progress displays.
    pub fn row_count(&self, table: RecordTable) -> Result<usize, StoreError> {
        let n: i64 = self.conn().query_row(table.count_sql(), [], |r| r.get(0))?;
        Ok(n.max(0) as usize)
    }
}

/// The record tables an export walks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordTable {
    Organization,
    Achievement,
    Need,
    Interest,
    Meeting,
    Agreement,
    Audit,
}

impl RecordTable {
    fn count_sql(self) -> &'static str {
        match self {
            RecordTable::Organization => "SELECT count(*) FROM organization",
            RecordTable::Achievement => "SELECT count(*) FROM achievement",
            RecordTable::Need => "SELECT count(*) FROM need",
            RecordTable::Interest => "SELECT count(*) FROM interest",
            RecordTable::Meeting => "SELECT count(*) FROM meeting",
            RecordTable::Agreement => "SELECT count(*) FROM agreement",
            RecordTable::Audit => "SELECT count(*) FROM audit",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::generate::{GenSpec, fill};
    use crate::store::test_support::store;

    #[test]
    fn achievements_stream_in_natural_code_order() {
        let mut s = store();
        fill(
            &mut s,
            &GenSpec {
                organizations: 10,
                achievements: 12,
                interests: 5,
                agreements: 2,
                seed: 1,
            },
            &mut |_, _, _| {},
        )
        .unwrap();
        let mut codes = Vec::new();
        s.each_achievement(|a| {
            codes.push(a.code);
            Ok::<(), StoreError>(())
        })
        .unwrap();
        assert_eq!(codes.len(), 12);
        assert_eq!(codes[0], "A001");
        assert_eq!(codes[11], "A012");
        assert_eq!(s.row_count(RecordTable::Achievement).unwrap(), 12);
        let mut interests = 0;
        s.each_interest(|_| {
            interests += 1;
            Ok::<(), StoreError>(())
        })
        .unwrap();
        assert_eq!(interests, 5);
    }
}
