//! Writes a merge into the target file: the difference between the rows read and the
//! rows merged, as deletes, updates and inserts inside the caller's transaction.
use crate::store::StoreResult;
use crate::store::bulk::{put_triggers_back, set_triggers_aside};
use crate::store::merge::counters;
use crate::store::merge::model::{FileModel, Row, to_sql};
use crate::store::merge::new_interests;
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
        let interests = d.table == Entity::Interest.table();
        // New interests are gathered and written in one statement (`new_interests`).
        let into = if interests {
            new_interests::TABLE
        } else {
            d.table
        };
        let mut changed = Vec::new();
        let mut added = Vec::new();
        for (id, row) in d.after {
            match d.before.get(id) {
                Some(old) if old != row => changed.push((old, row)),
                Some(_) => {}
                None => added.push(row),
            }
        }
        // Updates first, so that a unique value a row gives up is free for a new one.
        if interests {
            update_interests(tx, &columns, &changed)?;
        } else {
            for (old, row) in changed {
                update(tx, d.table, &columns, old, row)?;
            }
        }
        let mut inserts = Inserts::new(into, &columns);
        for row in added {
            inserts.push(tx, row)?;
        }
        inserts.flush(tx)?;
        if interests {
            let mut names: Vec<&str> = columns.iter().map(String::as_str).collect();
            names.sort_unstable();
            new_interests::flush(tx, &names.join(", "))?;
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
    let mut inserts = Inserts::new("audit", &audit_columns);
    for (id, audit) in &after.audit {
        if !before.audit.contains_key(id) {
            inserts.push(tx, &audit.row)?;
        }
    }
    inserts.flush(tx)?;
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

/// New rows of one table, inserted many to a statement: each statement with triggers
/// saves every page it touches for its own rollback, so one statement per row saved the
/// same index pages over and over. Rows keep their order.
struct Inserts<'a> {
    table: &'a str,
    columns: &'a HashSet<String>,
    names: Vec<String>,
    values: Vec<rusqlite::types::Value>,
    rows: usize,
}

/// At most this many values in one statement (SQLite allows 32,766).
const MAX_VALUES: usize = 30_000;
const MAX_ROWS: usize = 500;

impl<'a> Inserts<'a> {
    fn new(table: &'a str, columns: &'a HashSet<String>) -> Inserts<'a> {
        Inserts {
            table,
            columns,
            names: Vec::new(),
            values: Vec::new(),
            rows: 0,
        }
    }

    fn push(&mut self, tx: &Transaction, row: &Row) -> StoreResult<()> {
        let kept: Vec<(&str, &serde_json::Value)> = row
            .0
            .iter()
            .map(|(k, v)| (&**k, v))
            .filter(|(k, _)| self.columns.contains(*k))
            .collect();
        let same_columns = kept.len() == self.names.len()
            && kept.iter().zip(&self.names).all(|((k, _), n)| *k == n);
        if !same_columns || self.rows >= MAX_ROWS || self.values.len() + kept.len() > MAX_VALUES {
            self.flush(tx)?;
            self.names = kept.iter().map(|(k, _)| k.to_string()).collect();
        }
        self.values.extend(kept.iter().map(|(_, v)| to_sql(v)));
        self.rows += 1;
        Ok(())
    }

    fn flush(&mut self, tx: &Transaction) -> StoreResult<()> {
        if self.rows == 0 {
            return Ok(());
        }
        let marks = format!("({})", vec!["?"; self.names.len()].join(", "));
        let sql = format!(
            "INSERT INTO {} ({}) VALUES {}",
            self.table,
            self.names.join(", "),
            vec![marks.as_str(); self.rows].join(", ")
        );
        tx.prepare_cached(&sql)?
            .execute(params_from_iter(self.values.drain(..)))?;
        self.rows = 0;
        Ok(())
    }
}

/// What the interest counters are kept by.
const COUNTED: [&str; 3] = ["achievement_id", "enterprise_id", "level"];

/// The trigger that moves the counters when an interest's counted columns change
/// (migration 0006).
const RECOUNTING_TRIGGER: &str = "interest_recounted";

/// Updates interests. A desk's day raises thousands of levels; row by row, each fired the
/// recounting trigger's fourteen statements. The ones whose counted columns change are
/// written with that trigger set aside, and the counters moved once, by groups: the
/// old values taken off, the new ones added (`counters`).
fn update_interests(
    tx: &Transaction,
    columns: &HashSet<String>,
    changed: &[(&Row, &Row)],
) -> StoreResult<()> {
    let moving: Vec<&(&Row, &Row)> = changed
        .iter()
        .filter(|(old, row)| COUNTED.iter().any(|c| old.0.get(*c) != row.0.get(*c)))
        .collect();
    if moving.is_empty() {
        for (old, row) in changed {
            update(tx, "interest", columns, old, row)?;
        }
        return Ok(());
    }
    tx.execute_batch(
        "DROP TABLE IF EXISTS temp.merge_moved_interest;
         CREATE TEMP TABLE merge_moved_interest
            (achievement_id TEXT, enterprise_id TEXT, level TEXT, n INTEGER);",
    )?;
    {
        let mut record = tx.prepare_cached(
            "INSERT INTO temp.merge_moved_interest (achievement_id, enterprise_id, level, n)
             VALUES (?1, ?2, ?3, ?4)",
        )?;
        for (old, row) in moving {
            for (version, n) in [(old, -1), (row, 1)] {
                record.execute(rusqlite::params![
                    version.str("achievement_id"),
                    version.str("enterprise_id"),
                    version.str("level"),
                    n
                ])?;
            }
        }
    }
    let set_aside = set_triggers_aside(tx, &[RECOUNTING_TRIGGER])?;
    for (old, row) in changed {
        update(tx, "interest", columns, old, row)?;
    }
    if set_aside.is_empty() {
        // A file without the trigger is left to its own counting.
        tx.execute_batch("DROP TABLE temp.merge_moved_interest;")?;
        return Ok(());
    }
    put_triggers_back(tx, &set_aside)?;
    counters::add(tx, "temp.merge_moved_interest")?;
    tx.execute_batch("DROP TABLE temp.merge_moved_interest;")?;
    Ok(())
}

/// Writes the columns of `row` that differ from `old`, the row as it is in the file. A
/// column left out of the statement keeps its index entries and fires no trigger that
/// watches it: setting every column rewrote the entries of every index of the table
/// (SQLite goes by the columns named, not by whether their values changed), which for a
/// desk's raised interests was a third of the pages a merge writes.
fn update(
    tx: &Transaction,
    table: &str,
    columns: &HashSet<String>,
    old: &Row,
    row: &Row,
) -> StoreResult<()> {
    let (names, mut values): (Vec<&str>, Vec<_>) = row
        .0
        .iter()
        .map(|(k, v)| (&**k, v))
        .filter(|(k, v)| columns.contains(*k) && *k != "id" && old.0.get(*k) != Some(*v))
        .map(|(k, v)| (k, to_sql(v)))
        .unzip();
    if names.is_empty() {
        return Ok(());
    }
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
