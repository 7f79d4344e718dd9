//! Reads a bulk import needs before it writes: existing records a row would duplicate,
//! and a run of fresh display codes for many inserts in one transaction.
use crate::store::{Store, StoreResult};
use rusqlite::{OptionalExtension, Transaction, params};
use std::collections::HashSet;

/// An organization found by name or credit code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrgMatch {
    pub id: String,
    pub code: String,
    pub name: String,
    pub kind: String,
    pub credit_code: Option<String>,
}

fn org_match(r: &rusqlite::Row) -> rusqlite::Result<OrgMatch> {
    Ok(OrgMatch {
        id: r.get(0)?,
        code: r.get(1)?,
        name: r.get(2)?,
        kind: r.get(3)?,
        credit_code: r.get(4)?,
    })
}

impl Store {
    /// The file's [`ChangeMarker`] as this connection sees it now.
    pub fn change_marker(&self) -> StoreResult<ChangeMarker> {
        change_marker(self.conn())
    }

    /// Organizations with exactly this name (at most two: enough to tell "ambiguous").
    pub fn organizations_named(&self, name: &str) -> StoreResult<Vec<OrgMatch>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, code, name, kind, credit_code FROM organization WHERE name = ?1
             ORDER BY code LIMIT 2",
        )?;
        let rows = stmt.query_map([name], org_match)?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }

    pub fn organization_with_credit_code(
        &self,
        credit_code: &str,
    ) -> StoreResult<Option<OrgMatch>> {
        Ok(self
            .conn()
            .prepare_cached(
                "SELECT id, code, name, kind, credit_code FROM organization WHERE credit_code = ?1",
            )?
            .query_row([credit_code], org_match)
            .optional()?)
    }

    /// The code of an achievement with this holder and exact title, withdrawn or not.
    pub fn achievement_code_by_holder_title(
        &self,
        holder_id: &str,
        title: &str,
    ) -> StoreResult<Option<String>> {
        Ok(self
            .conn()
            .prepare_cached(
                "SELECT code FROM achievement WHERE holder_id = ?1 AND title = ?2 LIMIT 1",
            )?
            .query_row(params![holder_id, title], |r| r.get(0))
            .optional()?)
    }

    /// The code of a need of this organization with this exact title.
    pub fn need_code_by_org_title(&self, org_id: &str, title: &str) -> StoreResult<Option<String>> {
        Ok(self
            .conn()
            .prepare_cached(
                "SELECT code FROM need WHERE organization_id = ?1 AND title = ?2 LIMIT 1",
            )?
            .query_row(params![org_id, title], |r| r.get(0))
            .optional()?)
    }

    /// At least the number of rows in `table`: its highest rowid, read from the end of
    /// the table, so cheap whatever its size.
    pub fn code_rows_bound(&self, table: CodeTable) -> StoreResult<i64> {
        Ok(self
            .conn()
            .prepare_cached(table.rows_bound_sql())?
            .query_row([], |r| r.get(0))?)
    }

    /// Every display code in use in `table`, for a file with more rows than the table.
    pub fn codes_in_use(&self, table: CodeTable) -> StoreResult<HashSet<String>> {
        let mut stmt = self.conn().prepare_cached(table.codes_sql())?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Whether a display code is in use in `table` (`organization`, `achievement`, `need`).
    pub fn code_taken(&self, table: CodeTable, code: &str) -> StoreResult<bool> {
        Ok(self
            .conn()
            .prepare_cached(table.exists_sql())?
            .query_row([code], |_| Ok(()))
            .optional()?
            .is_some())
    }
}

/// What tells whether the file changed between two moments on one connection: its data
/// version (moved by other connections' commits) and this connection's own changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChangeMarker {
    data_version: i64,
    own_changes: u64,
}

/// The file's [`ChangeMarker`] as `conn` sees it now (inside a transaction: as of its
/// snapshot).
pub fn change_marker(conn: &rusqlite::Connection) -> StoreResult<ChangeMarker> {
    Ok(ChangeMarker {
        data_version: conn.pragma_query_value(None, "data_version", |r| r.get(0))?,
        own_changes: conn.total_changes(),
    })
}

/// The tables whose rows carry display codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeTable {
    Organization,
    Achievement,
    Need,
}

impl CodeTable {
    fn name(self) -> &'static str {
        match self {
            CodeTable::Organization => "organization",
            CodeTable::Achievement => "achievement",
            CodeTable::Need => "need",
        }
    }

    fn prefix(self) -> &'static str {
        match self {
            CodeTable::Organization => "O",
            CodeTable::Achievement => "A",
            CodeTable::Need => "N",
        }
    }

    fn rows_bound_sql(self) -> &'static str {
        match self {
            CodeTable::Organization => "SELECT coalesce(max(rowid), 0) FROM organization",
            CodeTable::Achievement => "SELECT coalesce(max(rowid), 0) FROM achievement",
            CodeTable::Need => "SELECT coalesce(max(rowid), 0) FROM need",
        }
    }

    fn codes_sql(self) -> &'static str {
        match self {
            CodeTable::Organization => "SELECT code FROM organization",
            CodeTable::Achievement => "SELECT code FROM achievement",
            CodeTable::Need => "SELECT code FROM need",
        }
    }

    fn exists_sql(self) -> &'static str {
        match self {
            CodeTable::Organization => "SELECT 1 FROM organization WHERE code = ?1",
            CodeTable::Achievement => "SELECT 1 FROM achievement WHERE code = ?1",
            CodeTable::Need => "SELECT 1 FROM need WHERE code = ?1",
        }
    }
}

/// Hands out the next free codes (`A347`, `A348` …) inside one transaction, looking up
/// the highest number once instead of once per insert.
pub struct CodeBatch {
    table: CodeTable,
    next: i64,
}

impl CodeBatch {
    pub fn start(tx: &Transaction, table: CodeTable) -> StoreResult<CodeBatch> {
        let first = crate::store::codes::next_code(tx, table.name(), table.prefix(), 3)?;
        let next = first[table.prefix().len()..].parse::<i64>().unwrap_or(1);
        Ok(CodeBatch { table, next })
    }

    /// The next code not yet used in the table.
    pub fn next(&mut self, tx: &Transaction) -> StoreResult<String> {
        loop {
            let code = format!("{}{:03}", self.table.prefix(), self.next);
            self.next += 1;
            let taken = tx
                .prepare_cached(self.table.exists_sql())?
                .query_row([&code], |_| Ok(()))
                .optional()?
                .is_some();
            if !taken {
                return Ok(code);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::organization::OrganizationInput;
    use crate::store::test_support::store;

    #[test]
    fn code_batch_continues_after_the_highest_code_and_skips_taken_ones() {
        let mut s = store();
        for code in ["O001", "O003"] {
            s.create_organization(&OrganizationInput {
                name: format!("单位{code}"),
                code: code.into(),
                ..Default::default()
            })
            .unwrap();
        }
        let codes = s
            .write(|tx, _| {
                let mut batch = CodeBatch::start(tx, CodeTable::Organization)?;
                Ok(vec![batch.next(tx)?, batch.next(tx)?])
            })
            .unwrap();
        assert_eq!(codes, vec!["O004", "O005"]);
        assert!(s.code_taken(CodeTable::Organization, "O003").unwrap());
        assert!(!s.code_taken(CodeTable::Organization, "O002").unwrap());
        assert_eq!(s.organizations_named("单位O001").unwrap().len(), 1);
    }
}
