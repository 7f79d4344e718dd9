//! Rows for the exports, read as SQLite holds them: each row's text is borrowed from the
//! statement for the time of one visit, so a table of 500,000 rows is written without a
//! record, a `String` or a parsed time made per row.
use crate::store::{Store, StoreError};
use rusqlite::Row;

/// An interest as the export shows it, borrowed from the row being read. Times are the
/// stored text (RFC 3339 UTC).
pub struct InterestRow<'r> {
    pub id: &'r str,
    pub enterprise_id: &'r str,
    pub achievement_id: &'r str,
    pub level: &'r str,
    pub note: Option<&'r str>,
    pub contact_person: Option<&'r str>,
    pub logged_at: &'r str,
    pub desk: &'r str,
}

/// An achievement as the export shows it, borrowed from the row being read. The lists
/// are the stored JSON arrays; times the stored text.
pub struct AchievementRow<'r> {
    pub id: &'r str,
    pub code: &'r str,
    pub title: &'r str,
    pub holder_id: &'r str,
    pub field: &'r str,
    pub maturity: Option<&'r str>,
    pub trl: Option<i64>,
    pub patents: &'r str,
    pub transfer_modes: &'r str,
    pub asking_price_fen: Option<i64>,
    pub summary: Option<&'r str>,
    pub keywords: &'r str,
    pub booth: Option<&'r str>,
    pub status: &'r str,
    pub desk: &'r str,
    pub created_at: &'r str,
}

/// What another record shows of an achievement.
pub struct AchievementName<'r> {
    pub id: &'r str,
    pub code: &'r str,
    pub title: &'r str,
    pub holder_id: &'r str,
}

fn text<'r>(row: &'r Row, i: usize) -> rusqlite::Result<&'r str> {
    row.get_ref(i)?.as_str().map_err(Into::into)
}

fn text_opt<'r>(row: &'r Row, i: usize) -> rusqlite::Result<Option<&'r str>> {
    row.get_ref(i)?.as_str_or_null().map_err(Into::into)
}

fn int_opt(row: &Row, i: usize) -> rusqlite::Result<Option<i64>> {
    row.get_ref(i)?.as_i64_or_null().map_err(Into::into)
}

/// Runs `sql` and calls `visit` with each row.
fn each_row<E: From<StoreError>>(
    store: &Store,
    sql: &str,
    mut visit: impl FnMut(&Row) -> Result<(), E>,
) -> Result<(), E> {
    let mut stmt = store.conn().prepare(sql).map_err(StoreError::from)?;
    let mut rows = stmt.query([]).map_err(StoreError::from)?;
    while let Some(row) = rows.next().map_err(StoreError::from)? {
        visit(row)?;
    }
    Ok(())
}

/// Interests oldest first, read along the `interest_export` index, which holds every
/// column read here.
const INTEREST_ROWS: &str = "SELECT id, enterprise_id, achievement_id, level, note,
    contact_person, logged_at, desk FROM interest ORDER BY logged_at, rowid";

impl Store {
    /// Calls `visit` with every interest, oldest first (`logged_at`, then the order they
    /// were written), read along the `interest_export` index without visiting the table.
    pub fn each_interest_row<E: From<StoreError>>(
        &self,
        mut visit: impl FnMut(&InterestRow<'_>) -> Result<(), E>,
    ) -> Result<(), E> {
        each_row(self, INTEREST_ROWS, |r| {
            let row = (|| {
                Ok::<_, rusqlite::Error>(InterestRow {
                    id: text(r, 0)?,
                    enterprise_id: text(r, 1)?,
                    achievement_id: text(r, 2)?,
                    level: text(r, 3)?,
                    note: text_opt(r, 4)?,
                    contact_person: text_opt(r, 5)?,
                    logged_at: text(r, 6)?,
                    desk: text(r, 7)?,
                })
            })()
            .map_err(StoreError::from)?;
            visit(&row)
        })
    }

    /// Calls `visit` with every achievement (withdrawn ones too), in registration order.
    pub fn each_achievement_row<E: From<StoreError>>(
        &self,
        mut visit: impl FnMut(&AchievementRow<'_>) -> Result<(), E>,
    ) -> Result<(), E> {
        each_row(
            self,
            "SELECT id, code, title, holder_id, field, maturity, trl, patents, transfer_modes,
                    asking_price_fen, summary, keywords, booth, status, desk, created_at
             FROM achievement ORDER BY rowid",
            |r| {
                let row = (|| {
                    Ok::<_, rusqlite::Error>(AchievementRow {
                        id: text(r, 0)?,
                        code: text(r, 1)?,
                        title: text(r, 2)?,
                        holder_id: text(r, 3)?,
                        field: text(r, 4)?,
                        maturity: text_opt(r, 5)?,
                        trl: int_opt(r, 6)?,
                        patents: text(r, 7)?,
                        transfer_modes: text(r, 8)?,
                        asking_price_fen: int_opt(r, 9)?,
                        summary: text_opt(r, 10)?,
                        keywords: text(r, 11)?,
                        booth: text_opt(r, 12)?,
                        status: text(r, 13)?,
                        desk: text(r, 14)?,
                        created_at: text(r, 15)?,
                    })
                })()
                .map_err(StoreError::from)?;
                visit(&row)
            },
        )
    }

    /// Calls `visit` with the id, code, title and holder of every achievement: what the
    /// records referring to one show of it.
    pub fn each_achievement_name<E: From<StoreError>>(
        &self,
        mut visit: impl FnMut(&AchievementName<'_>) -> Result<(), E>,
    ) -> Result<(), E> {
        each_row(
            self,
            "SELECT id, code, title, holder_id FROM achievement",
            |r| {
                let row = (|| {
                    Ok::<_, rusqlite::Error>(AchievementName {
                        id: text(r, 0)?,
                        code: text(r, 1)?,
                        title: text(r, 2)?,
                        holder_id: text(r, 3)?,
                    })
                })()
                .map_err(StoreError::from)?;
                visit(&row)
            },
        )
    }

    /// Calls `visit` with each row of `table` (a name from [`Store::dump_tables`]), its
    /// values in the order of `columns` (names from [`Store::table_columns`]), in
    /// insertion order.
    pub fn each_stored_row<E: From<StoreError>>(
        &self,
        table: &str,
        columns: &[String],
        visit: impl FnMut(&Row) -> Result<(), E>,
    ) -> Result<(), E> {
        if columns.is_empty() {
            return Ok(());
        }
        let sql = crate::store::dump::select_in_insertion_order(table, columns);
        each_row(self, &sql, visit)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::generate::{GenSpec, fill};
    use crate::store::test_support::store;

    #[test]
    fn interests_come_oldest_first_from_the_covering_index_and_achievements_in_code_order() {
        let mut s = store();
        fill(
            &mut s,
            &GenSpec {
                organizations: 10,
                achievements: 12,
                interests: 40,
                agreements: 2,
                seed: 3,
            },
            &mut |_, _, _| {},
        )
        .unwrap();
        let mut times = Vec::new();
        s.each_interest_row(|i| {
            times.push(i.logged_at.to_string());
            Ok::<(), StoreError>(())
        })
        .unwrap();
        assert_eq!(times.len(), 40);
        let mut sorted = times.clone();
        sorted.sort();
        assert_eq!(times, sorted);
        let mut stmt = s
            .conn()
            .prepare(&format!("EXPLAIN QUERY PLAN {INTEREST_ROWS}"))
            .unwrap();
        let plan = stmt
            .query_map([], |r| r.get::<_, String>(3))
            .unwrap()
            .collect::<Result<Vec<_>, _>>()
            .unwrap()
            .join(" / ");
        assert!(plan.contains("COVERING INDEX interest_export"), "{plan}");
        let mut codes = Vec::new();
        s.each_achievement_row(|a| {
            codes.push(a.code.to_string());
            Ok::<(), StoreError>(())
        })
        .unwrap();
        assert_eq!(codes.first().map(String::as_str), Some("A001"));
        assert_eq!(codes.len(), 12);
    }
}
