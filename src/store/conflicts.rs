//! Merge conflicts waiting for review: what was set aside, how it differs from the
//! record, and the two decisions an organizer can take: keep the record as it is, or
//! reverse the merge's choice (the set-aside version becomes the record). Both are
//! audited; nothing is deleted.
use crate::store::audit::record_tx;
use crate::store::merge::model::{Row, read_rows, to_sql};
use crate::store::merge::resolve::version_of;
use crate::store::merge::spec::Entity;
use crate::store::{Store, StoreError, StoreResult};
use rusqlite::{OptionalExtension, params, params_from_iter};
use serde_json::{Value, json};

/// One field where the record and the set-aside version differ.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldDifference {
    pub column: String,
    pub current: Value,
    pub set_aside: Value,
}

/// A conflict as the review screen shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    pub id: String,
    pub entity: Entity,
    pub entity_id: String,
    /// The record's code (A001, O012, S01) when it has one.
    pub code: Option<String>,
    /// The record's name or title, as it is now (empty for interests and meetings).
    pub name: String,
    /// For interests and meetings: the enterprise and the achievement, to name them.
    pub enterprise_id: Option<String>,
    pub achievement_id: Option<String>,
    pub status: String,
    pub current_desk: String,
    pub current_at: String,
    pub set_aside_desk: String,
    pub set_aside_at: String,
    pub detected_at: String,
    pub differences: Vec<FieldDifference>,
}

impl Conflict {
    pub fn is_open(&self) -> bool {
        self.status == "open"
    }
}

/// The columns a reversal copies: the record's content, not its identity or history.
fn content_columns(entity: Entity, version: &Row) -> Vec<String> {
    version
        .0
        .keys()
        .filter(|c| !entity.is_bookkeeping(c))
        .map(|c| c.to_string())
        .collect()
}

fn differences(entity: Entity, current: Option<&Row>, version: &Row) -> Vec<FieldDifference> {
    content_columns(entity, version)
        .into_iter()
        .filter_map(|column| {
            let now = current
                .and_then(|r| r.0.get(column.as_str()))
                .cloned()
                .unwrap_or(Value::Null);
            let then = version
                .0
                .get(column.as_str())
                .cloned()
                .unwrap_or(Value::Null);
            (now != then).then_some(FieldDifference {
                column,
                current: now,
                set_aside: then,
            })
        })
        .collect()
}

impl Store {
    /// Conflicts found by merges, open ones first, newest first.
    pub fn conflicts(&self) -> StoreResult<Vec<Conflict>> {
        let rows = read_rows(self.conn(), "merge_conflict")?;
        let mut out = Vec::new();
        for c in rows {
            let Some(entity) = Entity::from_table(c.str("entity")) else {
                continue;
            };
            let Some(version) = version_of(&c) else {
                continue;
            };
            let version = self.through_aliases(entity, version)?;
            let current = self.record_row(entity, c.str("entity_id"))?;
            let name_of = |r: &Row| {
                r.text("name")
                    .or(r.text("title"))
                    .map(str::to_string)
                    .unwrap_or_default()
            };
            out.push(Conflict {
                id: c.id().to_string(),
                entity,
                entity_id: c.str("entity_id").to_string(),
                code: current
                    .as_ref()
                    .and_then(|r| r.text("code"))
                    .map(str::to_string),
                name: current
                    .as_ref()
                    .map(name_of)
                    .unwrap_or_else(|| name_of(&version)),
                enterprise_id: version.text("enterprise_id").map(str::to_string),
                achievement_id: version.text("achievement_id").map(str::to_string),
                status: c.str("status").to_string(),
                current_desk: match &current {
                    Some(r) => self.editing_desk(entity, r)?,
                    None => String::new(),
                },
                current_at: current
                    .as_ref()
                    .map(|r| r.str("updated_at").to_string())
                    .unwrap_or_default(),
                set_aside_desk: c.str("version_desk").to_string(),
                set_aside_at: c.str("version_at").to_string(),
                detected_at: c.str("detected_at").to_string(),
                differences: differences(entity, current.as_ref(), &version),
            });
        }
        // Open ones first, the latest merge first, then by kind and code: a stable order.
        out.sort_by(|a, b| {
            let key = |c: &Conflict| {
                (
                    !c.is_open(),
                    std::cmp::Reverse(c.detected_at.clone()),
                    c.entity,
                    c.code.clone(),
                    c.entity_id.clone(),
                    c.id.clone(),
                )
            };
            key(a).cmp(&key(b))
        });
        Ok(out)
    }

    /// How many conflicts wait for review.
    pub fn open_conflict_count(&self) -> StoreResult<i64> {
        Ok(self.conn().query_row(
            "SELECT count(*) FROM merge_conflict WHERE status = 'open'",
            [],
            |r| r.get(0),
        )?)
    }

    /// The desk that made a record's current version (its audit row at `updated_at`).
    fn editing_desk(&self, entity: Entity, row: &Row) -> StoreResult<String> {
        let desk: Option<String> = self
            .conn()
            .query_row(
                "SELECT desk FROM audit WHERE entity = ?1 AND at = ?2
                   AND (entity_id = ?3 OR entity_id IN
                        (SELECT alias_id FROM merge_alias WHERE entity = ?1 AND canonical_id = ?3))
                 ORDER BY rowid DESC LIMIT 1",
                params![entity.table(), row.str("updated_at"), row.id()],
                |r| r.get(0),
            )
            .optional()?;
        Ok(desk.unwrap_or_else(|| row.str("desk").to_string()))
    }

    fn record_row(&self, entity: Entity, id: &str) -> StoreResult<Option<Row>> {
        // The table name comes from `Entity`, never from user text.
        let mut stmt = self
            .conn()
            .prepare(&format!("SELECT * FROM {} WHERE id = ?1", entity.table()))?;
        let names: Vec<std::sync::Arc<str>> =
            stmt.column_names().map(std::sync::Arc::from).collect();
        Ok(stmt
            .query_row([id], |r| {
                let mut row = Row::default();
                for (i, name) in names.iter().enumerate() {
                    let v: rusqlite::types::Value = r.get(i)?;
                    row.0.insert(name.clone(), from_sql(v));
                }
                Ok(row)
            })
            .optional()?)
    }

    /// A version's references moved to the records they now stand for.
    fn through_aliases(&self, entity: Entity, mut version: Row) -> StoreResult<Row> {
        for r in entity.references() {
            let id = version.str(r.column).to_string();
            let canonical: Option<String> = self
                .conn()
                .query_row(
                    "SELECT canonical_id FROM merge_alias WHERE entity = ?1 AND alias_id = ?2",
                    params![r.target.table(), id],
                    |row| row.get(0),
                )
                .optional()?;
            if let Some(c) = canonical {
                version.set(r.column, c);
            }
        }
        Ok(version)
    }

    /// The organizer keeps the record as the merge left it.
    pub fn keep_conflict(&mut self, id: &str) -> StoreResult<()> {
        self.write(|tx, ctx| {
            let changed = tx.execute(
                "UPDATE merge_conflict SET status = 'kept', resolved_at = ?2, resolved_desk = ?3
                 WHERE id = ?1 AND status = 'open'",
                params![id, ctx.now_text(), ctx.desk],
            )?;
            if changed == 0 {
                return Err(not_open(id));
            }
            record_tx(
                tx,
                ctx,
                "merge_conflict",
                id,
                "keep",
                &json!({"status": ["open", "kept"]}),
            )
        })
    }

    /// The organizer reverses the merge's choice: the set-aside version becomes the
    /// record (an audited edit, whose old values stay in the audit trail).
    pub fn reverse_conflict(&mut self, id: &str) -> StoreResult<()> {
        let conflict = self
            .conflicts()?
            .into_iter()
            .find(|c| c.id == id && c.is_open())
            .ok_or_else(|| not_open(id))?;
        let entity = conflict.entity;
        self.write(|tx, ctx| {
            let mut changes = serde_json::Map::new();
            let mut sets = Vec::new();
            let mut values = Vec::new();
            for d in &conflict.differences {
                changes.insert(d.column.clone(), json!([d.current, d.set_aside]));
                values.push(to_sql(&d.set_aside));
                sets.push(format!("{} = ?{}", d.column, values.len()));
            }
            values.push(rusqlite::types::Value::Text(ctx.now_text()));
            sets.push(format!("updated_at = ?{}", values.len()));
            values.push(rusqlite::types::Value::Text(conflict.entity_id.clone()));
            // Column names come from the stored version checked against `Entity`'s
            // bookkeeping list and the table's own columns.
            let columns = table_columns(tx, entity.table())?;
            if conflict
                .differences
                .iter()
                .any(|d| !columns.contains(&d.column))
            {
                return Err(not_open(id));
            }
            tx.execute(
                &format!(
                    "UPDATE {} SET {} WHERE id = ?{}",
                    entity.table(),
                    sets.join(", "),
                    values.len()
                ),
                params_from_iter(values.iter()),
            )?;
            record_tx(
                tx,
                ctx,
                entity.table(),
                &conflict.entity_id,
                "update",
                &Value::Object(changes.clone()),
            )?;
            tx.execute(
                "UPDATE merge_conflict SET status = 'reversed', resolved_at = ?2, resolved_desk = ?3
                 WHERE id = ?1",
                params![id, ctx.now_text(), ctx.desk],
            )?;
            record_tx(
                tx,
                ctx,
                "merge_conflict",
                id,
                "reverse",
                &json!({"status": ["open", "reversed"]}),
            )
        })
    }
}

fn table_columns(tx: &rusqlite::Transaction, table: &str) -> StoreResult<Vec<String>> {
    let mut stmt = tx.prepare(&format!("SELECT name FROM pragma_table_info('{table}')"))?;
    let names = stmt
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(names)
}

fn from_sql(v: rusqlite::types::Value) -> Value {
    use rusqlite::types::Value as Sql;
    match v {
        Sql::Null => Value::Null,
        Sql::Integer(i) => Value::from(i),
        Sql::Real(f) => Value::from(f),
        Sql::Text(t) => Value::from(t),
        Sql::Blob(b) => Value::from(b),
    }
}

fn not_open(id: &str) -> StoreError {
    StoreError::NotFound {
        what: "conflict",
        reference: id.to_string(),
    }
}
