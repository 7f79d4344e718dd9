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
