//! Writes a merge into the target file: the difference between the rows read and the
//! rows merged, as deletes, updates and inserts inside the caller's transaction.
use crate::store::StoreResult;
use crate::store::merge::model::{FileModel, Row, to_sql};
use crate::store::merge::spec::Entity;
use rusqlite::{Transaction, params_from_iter};
use std::collections::{BTreeMap, HashSet};

/// What the rows of one table were and became.
struct TableDiff<'a> {
    table: &'static str,
    before: &'a BTreeMap<String, Row>,
    after: &'a BTreeMap<String, Row>,
}

pub fn apply(tx: &Transaction, before: &FileModel, after: &FileModel) -> StoreResult<()> {
    // References may point at a row inserted later in this transaction (an organization
    // that took over another's id): foreign keys are checked at commit.
    tx.pragma_update(None, "defer_foreign_keys", "ON")?;
    let mut diffs: Vec<TableDiff> = Entity::ALL
        .iter()
        .map(|e| TableDiff {
            table: e.table(),
            before: before.table(*e),
            after: after.table(*e),
        })
        .collect();
    diffs.push(TableDiff {
        table: "checkin",
        before: &before.checkins,
        after: &after.checkins,
    });
    diffs.push(TableDiff {
        table: "merge_conflict",
        before: &before.conflicts,
        after: &after.conflicts,
    });
    // Deletes first, so that a unique value (credit code, enterprise × achievement,
    // check-in) can move to the row that keeps it.
    for d in diffs.iter().rev() {
        for id in d.before.keys().filter(|id| !d.after.contains_key(*id)) {
            tx.execute(&format!("DELETE FROM {} WHERE id = ?1", d.table), [id])?;
        }
    }
    clear_moving_credit_codes(tx, before, after)?;
    for d in &diffs {
        let columns = columns(tx, d.table)?;
        for (id, row) in d.after {
            match d.before.get(id) {
                Some(old) if old != row => update(tx, d.table, &columns, row)?,
                Some(_) => {}
                None => insert(tx, d.table, &columns, row)?,
            }
        }
    }
    for (agreement, achievement) in after.links.difference(&before.links) {
        tx.execute(
            "INSERT OR IGNORE INTO agreement_achievement (agreement_id, achievement_id)
             VALUES (?1, ?2)",
            [agreement, achievement],
        )?;
    }
    let audit_columns = columns(tx, "audit")?;
    for (id, audit) in &after.audit {
        if !before.audit.contains_key(id) {
            insert(tx, "audit", &audit_columns, &audit.row)?;
        }
    }
    for ((entity, alias), canonical) in &after.aliases {
        if before.aliases.get(&(entity.clone(), alias.clone())) != Some(canonical) {
            tx.execute(
                "INSERT INTO merge_alias (entity, alias_id, canonical_id) VALUES (?1, ?2, ?3)
                 ON CONFLICT (entity, alias_id) DO UPDATE SET canonical_id = excluded.canonical_id",
                [entity, alias, canonical],
            )?;
        }
    }
    Ok(())
}

/// An organization whose credit code changes gives it up first, so that two rows
/// trading codes never hold the same one for a moment.
fn clear_moving_credit_codes(
    tx: &Transaction,
    before: &FileModel,
    after: &FileModel,
) -> StoreResult<()> {
    let (old, new) = (
        before.table(Entity::Organization),
        after.table(Entity::Organization),
    );
    for (id, row) in new {
        if let Some(was) = old.get(id)
            && was.text("credit_code") != row.text("credit_code")
        {
            tx.execute(
                "UPDATE organization SET credit_code = NULL WHERE id = ?1",
                [id],
            )?;
        }
    }
    Ok(())
}

/// The table's real columns: only these names are ever written into SQL, whatever
/// another file's rows hold.
fn columns(tx: &Transaction, table: &str) -> StoreResult<HashSet<String>> {
    let mut stmt = tx.prepare(&format!("SELECT name FROM pragma_table_info('{table}')"))?;
    let names = stmt
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<Result<HashSet<_>, _>>()?;
    Ok(names)
}

fn insert(tx: &Transaction, table: &str, columns: &HashSet<String>, row: &Row) -> StoreResult<()> {
    let (names, values): (Vec<&String>, Vec<_>) = row
        .0
        .iter()
        .filter(|(k, _)| columns.contains(*k))
        .map(|(k, v)| (k, to_sql(v)))
        .unzip();
    let marks: Vec<String> = (1..=names.len()).map(|i| format!("?{i}")).collect();
    let sql = format!(
        "INSERT INTO {table} ({}) VALUES ({})",
        names
            .iter()
            .map(|n| n.as_str())
            .collect::<Vec<_>>()
            .join(", "),
        marks.join(", ")
    );
    // Rows of one table mostly carry the same columns: one statement serves them all.
    tx.prepare_cached(&sql)?.execute(params_from_iter(values))?;
    Ok(())
}

fn update(tx: &Transaction, table: &str, columns: &HashSet<String>, row: &Row) -> StoreResult<()> {
    let (names, mut values): (Vec<&String>, Vec<_>) = row
        .0
        .iter()
        .filter(|(k, _)| columns.contains(*k) && k.as_str() != "id")
        .map(|(k, v)| (k, to_sql(v)))
        .unzip();
    let sets: Vec<String> = names
        .iter()
        .enumerate()
        .map(|(i, n)| format!("{n} = ?{}", i + 1))
        .collect();
    values.push(rusqlite::types::Value::Text(row.id().to_string()));
    let sql = format!(
        "UPDATE {table} SET {} WHERE id = ?{}",
        sets.join(", "),
        values.len()
    );
    tx.prepare_cached(&sql)?.execute(params_from_iter(values))?;
    Ok(())
}
