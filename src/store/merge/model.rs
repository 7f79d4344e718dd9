//! A whole fair file as plain rows in memory: what a merge reads from both files,
//! computes on, and compares. Rows are column → value maps, so every column (including
//! ones added by later migrations) travels without being listed here.
use crate::store::StoreResult;
use crate::store::merge::spec::Entity;
use rusqlite::Connection;
use rusqlite::types::ValueRef;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// One row: column name → value (null, integer or text). The names are shared by every
/// row a statement gives (a merge reads and copies tens of thousands of rows).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Row(pub BTreeMap<Arc<str>, Value>);

impl Row {
    pub fn text(&self, column: &str) -> Option<&str> {
        self.0.get(column).and_then(Value::as_str)
    }

    /// A text column, or "" when null or missing.
    pub fn str(&self, column: &str) -> &str {
        self.text(column).unwrap_or("")
    }

    pub fn id(&self) -> &str {
        self.str("id")
    }

    pub fn set(&mut self, column: &str, value: impl Into<Value>) {
        match self.0.get_mut(column) {
            Some(v) => *v = value.into(),
            None => {
                self.0.insert(column.into(), value.into());
            }
        }
    }

    /// The row as canonical JSON (keys sorted), without the columns `skip` names.
    pub fn fingerprint(&self, skip: impl Fn(&str) -> bool) -> String {
        let kept: BTreeMap<&str, &Value> = self
            .0
            .iter()
            .map(|(k, v)| (&**k, v))
            .filter(|(k, _)| !skip(k))
            .collect();
        serde_json::to_string(&kept).unwrap_or_default()
    }
}

/// An audit row, kept whole so it can be copied, plus what the merge reads from it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditRow {
    pub row: Row,
}

impl AuditRow {
    pub fn entity(&self) -> &str {
        self.row.str("entity")
    }

    pub fn entity_id(&self) -> &str {
        self.row.str("entity_id")
    }

    /// Whether the audit row records a change of the record's own content (a check-in
    /// is audited on its organization but does not change it).
    pub fn changes_content(&self) -> bool {
        self.row.str("action") != "check_in"
    }
}

/// Everything a merge reads from one file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FileModel {
    pub fair_uid: String,
    pub fair_name: String,
    /// Per kind: id → row.
    pub records: BTreeMap<Entity, BTreeMap<String, Row>>,
    /// (agreement id, achievement id).
    pub links: BTreeSet<(String, String)>,
    /// Check-ins: id → row.
    pub checkins: BTreeMap<String, Row>,
    pub audit: BTreeMap<String, AuditRow>,
    /// (entity table, alias id) → canonical id.
    pub aliases: BTreeMap<(String, String), String>,
    /// Merge conflicts: id → row.
    pub conflicts: BTreeMap<String, Row>,
}

impl FileModel {
    pub fn table(&self, entity: Entity) -> &BTreeMap<String, Row> {
        static EMPTY: BTreeMap<String, Row> = BTreeMap::new();
        self.records.get(&entity).unwrap_or(&EMPTY)
    }

    pub fn table_mut(&mut self, entity: Entity) -> &mut BTreeMap<String, Row> {
        self.records.entry(entity).or_default()
    }

    /// Reads a whole file. The caller holds a transaction, so the rows are one moment's.
    pub fn read(conn: &Connection) -> StoreResult<FileModel> {
        FileModel::read_schema(conn, "main")
    }

    /// Reads a whole file attached to `conn` as `schema` (a name of ours, never user text).
    pub fn read_schema(conn: &Connection, schema: &str) -> StoreResult<FileModel> {
        let (fair_uid, fair_name) = conn.query_row(
            &format!("SELECT uid, name FROM {schema}.fair WHERE id = 1"),
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let table = |name: &str| format!("{schema}.{name}");
        let mut model = FileModel {
            fair_uid,
            fair_name,
            ..FileModel::default()
        };
        for entity in Entity::ALL {
            let rows = read_rows(conn, &table(entity.table()))?;
            model.records.insert(
                entity,
                rows.into_iter().map(|r| (r.id().to_string(), r)).collect(),
            );
        }
        for r in read_rows(conn, &table("agreement_achievement"))? {
            model.links.insert((
                r.str("agreement_id").to_string(),
                r.str("achievement_id").to_string(),
            ));
        }
        model.checkins = read_rows(conn, &table("checkin"))?
            .into_iter()
            .map(|r| (r.id().to_string(), r))
            .collect();
        model.audit = read_rows(conn, &table("audit"))?
            .into_iter()
            .map(|r| (r.id().to_string(), AuditRow { row: r }))
            .collect();
        for r in read_rows(conn, &table("merge_alias"))? {
            model.aliases.insert(
                (r.str("entity").to_string(), r.str("alias_id").to_string()),
                r.str("canonical_id").to_string(),
            );
        }
        model.conflicts = read_rows(conn, &table("merge_conflict"))?
            .into_iter()
            .map(|r| (r.id().to_string(), r))
            .collect();
        Ok(model)
    }
}

/// Every row of one of our tables (the name is a constant of ours, never user text).
pub fn read_rows(conn: &Connection, table: &str) -> StoreResult<Vec<Row>> {
    let mut stmt = conn.prepare(&format!("SELECT * FROM {table} ORDER BY rowid"))?;
    query_rows(&mut stmt, [])
}

/// The rows a statement gives, each column under its name.
pub fn query_rows(
    stmt: &mut rusqlite::Statement<'_>,
    params: impl rusqlite::Params,
) -> StoreResult<Vec<Row>> {
    let names: Vec<Arc<str>> = stmt.column_names().map(Arc::from).collect();
    let rows = stmt.query_map(params, |r| {
        let mut row = Row::default();
        for (i, name) in names.iter().enumerate() {
            let value = match r.get_ref(i)? {
                ValueRef::Null => Value::Null,
                ValueRef::Integer(n) => Value::from(n),
                ValueRef::Real(f) => Value::from(f),
                ValueRef::Text(t) => Value::from(String::from_utf8_lossy(t).into_owned()),
                ValueRef::Blob(b) => Value::from(b.to_vec()),
            };
            row.0.insert(name.clone(), value);
        }
        Ok(row)
    })?;
    Ok(rows.collect::<Result<Vec<_>, _>>()?)
}

/// A value as an SQL parameter.
pub fn to_sql(value: &Value) -> rusqlite::types::Value {
    use rusqlite::types::Value as Sql;
    match value {
        Value::Null => Sql::Null,
        Value::Bool(b) => Sql::Integer(i64::from(*b)),
        Value::Number(n) => match n.as_i64() {
            Some(i) => Sql::Integer(i),
            None => Sql::Real(n.as_f64().unwrap_or_default()),
        },
        Value::String(s) => Sql::Text(s.clone()),
        other => Sql::Text(other.to_string()),
    }
}
