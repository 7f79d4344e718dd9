//! The audit trail: every change, old → new, which desk, when.
use crate::domain::clock::new_id;
use crate::store::{StoreResult, WriteContext, parse_time};
use chrono::{DateTime, Utc};
use rusqlite::{Connection, Transaction, params};
use serde::Serialize;
use serde_json::{Map, Value, json};

/// One audit row as read back.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AuditEntry {
    pub id: String,
    pub at: DateTime<Utc>,
    pub desk: String,
    pub entity: String,
    pub entity_id: String,
    pub action: String,
    pub changes: Value,
}

/// Writes one audit row inside the caller's transaction.
pub fn record_tx(
    tx: &Transaction,
    ctx: &WriteContext,
    entity: &str,
    entity_id: &str,
    action: &str,
    changes: &Value,
) -> StoreResult<()> {
    tx.prepare_cached(
        "INSERT INTO audit (id, at, desk, entity, entity_id, action, changes)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        new_id(),
        ctx.now_text(),
        ctx.desk,
        entity,
        entity_id,
        action,
        changes.to_string()
    ])?;
    Ok(())
}

/// Audit rows per multi-row `INSERT` in [`record_many_tx`].
const AUDIT_ROWS_PER_INSERT: usize = 500;

/// Writes one audit row per `(entity_id, changes)` inside the caller's transaction, all
/// of one entity and action, a statement per 500 rows: the rows [`record_tx`] writes
/// one by one, in the same order, for writers of many records at once (an import).
pub fn record_many_tx(
    tx: &Transaction,
    ctx: &WriteContext,
    entity: &str,
    action: &str,
    rows: &[(&str, String)],
) -> StoreResult<()> {
    let now = ctx.now_text();
    static FULL: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    for chunk in rows.chunks(AUDIT_ROWS_PER_INSERT) {
        let sql = if chunk.len() == AUDIT_ROWS_PER_INSERT {
            std::borrow::Cow::Borrowed(FULL.get_or_init(|| many_audit_sql(AUDIT_ROWS_PER_INSERT)))
        } else {
            std::borrow::Cow::Owned(many_audit_sql(chunk.len()))
        };
        let mut stmt = tx.prepare_cached(&sql)?;
        stmt.raw_bind_parameter(1, &now)?;
        stmt.raw_bind_parameter(2, ctx.desk)?;
        stmt.raw_bind_parameter(3, entity)?;
        stmt.raw_bind_parameter(4, action)?;
        for (i, (entity_id, changes)) in chunk.iter().enumerate() {
            let first = 5 + 3 * i;
            stmt.raw_bind_parameter(first, new_id())?;
            stmt.raw_bind_parameter(first + 1, *entity_id)?;
            stmt.raw_bind_parameter(first + 2, changes)?;
        }
        stmt.raw_execute()?;
    }
    Ok(())
}

/// `INSERT INTO audit … VALUES (…), (…)` for `rows` rows: `?1`–`?4` the time, desk, entity
/// and action, then the id, entity id and changes of each row.
fn many_audit_sql(rows: usize) -> String {
    use std::fmt::Write;
    let mut sql = String::from(
        "INSERT INTO audit (id, at, desk, entity, entity_id, action, changes) VALUES ",
    );
    for i in 0..rows {
        let first = 5 + 3 * i;
        if i > 0 {
            sql.push(',');
        }
        let _ = write!(sql, "(?{first},?1,?2,?3,?{},?4,?{})", first + 1, first + 2);
    }
    sql
}

/// The fields that differ between two serialisable values, as `{field: [old, new]}`.
pub fn diff<T: Serialize>(old: &T, new: &T) -> Value {
    let old = serde_json::to_value(old).unwrap_or(Value::Null);
    let new = serde_json::to_value(new).unwrap_or(Value::Null);
    let mut changes = Map::new();
    if let (Value::Object(o), Value::Object(n)) = (&old, &new) {
        for (key, new_value) in n {
            let old_value = o.get(key).cloned().unwrap_or(Value::Null);
            if &old_value != new_value {
                changes.insert(key.clone(), json!([old_value, new_value]));
            }
        }
    }
    Value::Object(changes)
}

/// A created record's fields, as `{field: [null, value]}`.
pub fn created<T: Serialize>(value: &T) -> Value {
    match serde_json::to_value(value).unwrap_or(Value::Null) {
        Value::Object(fields) => Value::Object(
            fields
                .into_iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k, json!([Value::Null, v])))
                .collect(),
        ),
        other => json!({ "value": [Value::Null, other] }),
    }
}

/// The history of one record, oldest first.
pub fn history(conn: &Connection, entity: &str, entity_id: &str) -> StoreResult<Vec<AuditEntry>> {
    let mut stmt = conn.prepare(
        "SELECT id, at, desk, entity, entity_id, action, changes FROM audit
         WHERE entity = ?1 AND entity_id = ?2 ORDER BY at, rowid",
    )?;
    let rows = stmt.query_map(params![entity, entity_id], |r| {
        let changes: String = r.get(6)?;
        Ok(AuditEntry {
            id: r.get(0)?,
            at: parse_time(&r.get::<_, String>(1)?),
            desk: r.get(2)?,
            entity: r.get(3)?,
            entity_id: r.get(4)?,
            action: r.get(5)?,
            changes: serde_json::from_str(&changes).unwrap_or(Value::Null),
        })
    })?;
    Ok(rows.collect::<Result<Vec<_>, _>>()?)
}

pub fn count(conn: &Connection) -> StoreResult<i64> {
    Ok(conn.query_row("SELECT count(*) FROM audit", [], |r| r.get(0))?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Row {
        a: i32,
        b: Option<String>,
    }

    #[test]
    fn diff_lists_only_changed_fields() {
        let d = diff(&Row { a: 1, b: None }, &Row { a: 2, b: None });
        assert_eq!(d, json!({"a": [1, 2]}));
        let c = created(&Row { a: 1, b: None });
        assert_eq!(c, json!({"a": [null, 1]}));
    }
}
