//! Every table row by row, exactly as stored, for the JSON dump; and putting such rows
//! back into an empty file. Table and column names from a dump are checked against the
//! schema before they are used in SQL.
use crate::store::{Store, StoreError, StoreResult};
use rusqlite::types::{Value as SqlValue, ValueRef};
use serde_json::{Map, Number, Value};

/// Tables in the order rows must be restored (references before the rows that use them).
pub const TABLE_ORDER: &[&str] = &[
    "fair",
    "organization",
    "achievement",
    "need",
    "interest",
    "meeting",
    "agreement",
    "agreement_achievement",
    "checkin",
    "meeting_plan",
    "access_code",
    "merge_conflict",
    "merge_alias",
    "audit",
];

/// Tables kept by triggers from the others: not dumped, rebuilt as rows are restored.
pub const DERIVED: &[&str] = &[
    "interest_count",
    "interest_tally",
    "achievement_tally",
    "holder_count",
    "agreement_tally",
    "organization_tally",
    "search_generation",
    "search_pack",
    "change_generation",
];

/// `SELECT` of `columns` of `table`, in the order the rows were inserted (names from
/// the schema, quoted).
pub(crate) fn select_in_insertion_order(table: &str, columns: &[String]) -> String {
    let list = columns
        .iter()
        .map(|c| quoted(c))
        .collect::<Vec<_>>()
        .join(", ");
    format!("SELECT {list} FROM {} ORDER BY rowid", quoted(table))
}

fn quoted(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

fn to_json(value: ValueRef) -> Value {
    match value {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(i) => Value::from(i),
        ValueRef::Real(f) => Number::from_f64(f).map_or(Value::Null, Value::Number),
        ValueRef::Text(t) => Value::String(String::from_utf8_lossy(t).into_owned()),
        ValueRef::Blob(b) => Value::Array(b.iter().map(|&x| Value::from(x)).collect()),
    }
}

fn to_sql(value: &Value) -> SqlValue {
    match value {
        Value::Null => SqlValue::Null,
        Value::Bool(b) => SqlValue::Integer(i64::from(*b)),
        Value::Number(n) => match n.as_i64() {
            Some(i) => SqlValue::Integer(i),
            None => SqlValue::Real(n.as_f64().unwrap_or_default()),
        },
        Value::String(s) => SqlValue::Text(s.clone()),
        Value::Array(items) => SqlValue::Blob(
            items
                .iter()
                .filter_map(|v| v.as_u64())
                .map(|b| b as u8)
                .collect(),
        ),
        Value::Object(_) => SqlValue::Text(value.to_string()),
    }
}

impl Store {
    /// The schema version of this file (`PRAGMA user_version`).
    pub fn schema_version(&self) -> StoreResult<i64> {
        Ok(self
            .conn()
            .pragma_query_value(None, "user_version", |r| r.get(0))?)
    }

    /// Every table of the fair: the known ones in restore order, then any others.
    pub fn dump_tables(&self) -> StoreResult<Vec<String>> {
        let mut stmt = self.conn().prepare(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
             ORDER BY name",
        )?;
        let all: Vec<String> = stmt
            .query_map([], |r| r.get(0))?
            .collect::<Result<Vec<_>, _>>()?;
        let mut ordered: Vec<String> = TABLE_ORDER
            .iter()
            .filter(|t| all.iter().any(|a| a == *t))
            .map(|t| t.to_string())
            .collect();
        ordered.extend(
            all.into_iter()
                .filter(|t| !TABLE_ORDER.contains(&t.as_str()) && !DERIVED.contains(&t.as_str())),
        );
        Ok(ordered)
    }

    /// How many rows `table` (a name from [`Store::dump_tables`]) holds, for progress:
    /// all tables of the proportional fair of 100,000 achievements count in about 15 ms.
    pub fn table_row_count(&self, table: &str) -> StoreResult<usize> {
        let quoted = table.replace('"', "\"\"");
        let n: i64 =
            self.conn()
                .query_row(&format!("SELECT count(*) FROM \"{quoted}\""), [], |r| {
                    r.get(0)
                })?;
        Ok(n.max(0) as usize)
    }

    pub fn table_columns(&self, table: &str) -> StoreResult<Vec<String>> {
        let mut stmt = self
            .conn()
            .prepare("SELECT name FROM pragma_table_info(?1) ORDER BY cid")?;
        let columns = stmt
            .query_map([table], |r| r.get(0))?
            .collect::<Result<Vec<String>, _>>()?;
        Ok(columns)
    }

    /// Calls `visit` with each row of `table` (a name from [`Store::dump_tables`]) as a
    /// JSON object of its columns, in insertion order.
    pub fn each_raw_row<E: From<StoreError>>(
        &self,
        table: &str,
        mut visit: impl FnMut(Map<String, Value>) -> Result<(), E>,
    ) -> Result<(), E> {
        let columns = self.table_columns(table)?;
        if columns.is_empty() {
            return Ok(());
        }
        let sql = select_in_insertion_order(table, &columns);
        let mut stmt = self.conn().prepare(&sql).map_err(StoreError::from)?;
        let mut rows = stmt.query([]).map_err(StoreError::from)?;
        while let Some(row) = rows.next().map_err(StoreError::from)? {
            let mut object = Map::with_capacity(columns.len());
            for (i, column) in columns.iter().enumerate() {
                let value = row.get_ref(i).map_err(StoreError::from)?;
                object.insert(column.clone(), to_json(value));
            }
            visit(object)?;
        }
        Ok(())
    }

    /// Puts dumped rows back, in one transaction, into a file that holds no fair yet.
    /// Returns the number of rows restored per table.
    pub fn restore_rows(
        &mut self,
        tables: &[(String, Vec<Map<String, Value>>)],
    ) -> Result<Vec<(String, usize)>, RestoreError> {
        if self.fair()?.is_some() {
            return Err(RestoreError::NotEmpty);
        }
        let known = self.dump_tables()?;
        let mut plans = Vec::with_capacity(tables.len());
        for (table, rows) in tables {
            if !known.contains(table) {
                return Err(RestoreError::UnknownTable(table.clone()));
            }
            let columns = self.table_columns(table)?;
            for row in rows {
                if let Some(unknown) = row.keys().find(|k| !columns.contains(k)) {
                    return Err(RestoreError::UnknownColumn {
                        table: table.clone(),
                        column: unknown.clone(),
                    });
                }
            }
            plans.push((table, rows, columns));
        }
        self.conn()
            .pragma_update(None, "defer_foreign_keys", "ON")
            .map_err(StoreError::from)?;
        let counts = self.write(|tx, _| {
            // Checked again inside the transaction: another desk may have begun meanwhile.
            let fairs: i64 = tx.query_row("SELECT count(*) FROM fair", [], |r| r.get(0))?;
            if fairs > 0 {
                return Err(StoreError::Invalid(
                    crate::domain::error::FieldErrors::from(crate::domain::error::FieldError::new(
                        "name",
                        crate::domain::error::Problem::Other {
                            zh: "目标文件中已有对接会".into(),
                            en: "the target file already holds a fair".into(),
                        },
                    )),
                ));
            }
            tx.pragma_update(None, "defer_foreign_keys", "ON")?;
            let mut counts = Vec::with_capacity(plans.len());
            for (table, rows, columns) in &plans {
                for row in rows.iter() {
                    let names: Vec<&String> =
                        columns.iter().filter(|c| row.contains_key(*c)).collect();
                    let sql = format!(
                        "INSERT INTO {} ({}) VALUES ({})",
                        quoted(table),
                        names
                            .iter()
                            .map(|c| quoted(c))
                            .collect::<Vec<_>>()
                            .join(", "),
                        (1..=names.len())
                            .map(|i| format!("?{i}"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    );
                    let values: Vec<SqlValue> =
                        names.iter().map(|c| to_sql(&row[c.as_str()])).collect();
                    tx.prepare_cached(&sql)?
                        .execute(rusqlite::params_from_iter(values.iter()))?;
                }
                counts.push(((*table).clone(), rows.len()));
            }
            Ok(counts)
        })?;
        Ok(counts)
    }
}

#[derive(Debug)]
pub enum RestoreError {
    NotEmpty,
    UnknownTable(String),
    UnknownColumn { table: String, column: String },
    Store(StoreError),
}

impl From<StoreError> for RestoreError {
    fn from(e: StoreError) -> Self {
        RestoreError::Store(e)
    }
}

#[cfg(test)]
mod tests {
    use super::TABLE_ORDER;

    /// A table the dump leaves out would be lost in a dump and restore.
    #[test]
    fn the_dump_covers_every_table() {
        let store = crate::store::test_support::store();
        let mut stmt = store
            .conn()
            .prepare(
                "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
            )
            .unwrap();
        let tables: Vec<String> = stmt
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(|t| t.unwrap())
            .collect();
        for table in &tables {
            assert!(
                TABLE_ORDER.contains(&table.as_str()) || super::DERIVED.contains(&table.as_str()),
                "{table} is not dumped"
            );
        }
        assert_eq!(tables.len(), TABLE_ORDER.len() + super::DERIVED.len());
    }
}
