//! Bulk loads (`fairdesk gen`): hundreds of thousands of rows in one transaction. Row by
//! row, each interest would run the counting trigger and every index would take its
//! entry in random order; here the trigger and the secondary indexes are set aside
//! while the rows go in, then put back exactly as they were (indexes built once, by
//! sorting) and the counters recounted once. All of it inside the caller's transaction,
//! so a failure leaves the schema and the counters as they were.
use crate::store::{Store, StoreResult};
use rusqlite::{OptionalExtension, Transaction};

/// The trigger that counts each new interest (migration 0005).
const COUNTING_TRIGGER: &str = "interest_counted";

impl Store {
    /// For a file no other desk has open and that is deleted when its filling fails (a
    /// fair being generated): `true` keeps no rollback journal at all (nothing is ever
    /// rolled back: a failure deletes the file) and skips syncs, so each page is written
    /// once, to the file, and leaves foreign keys
    /// unchecked (the generator takes every reference from what it wrote; `fairdesk
    /// check` verifies them); `false` puts back WAL mode, full syncs and foreign keys,
    /// as every fair file has them.
    pub fn set_scratch_file(&self, scratch: bool) -> StoreResult<()> {
        let (journal, sync) = if scratch {
            ("OFF", "OFF")
        } else {
            ("WAL", "FULL")
        };
        self.conn()
            .pragma_update_and_check(None, "journal_mode", journal, |_| Ok(()))?;
        self.conn().pragma_update(None, "synchronous", sync)?;
        self.conn().pragma_update(None, "foreign_keys", !scratch)?;
        Ok(())
    }
}

/// Runs `work` (many interest inserts) with the per-row counting trigger set aside, then
/// puts the trigger back as it was and recounts `interest_count` and `interest_tally`
/// from the interests themselves, with the aggregates migration 0005 starts them from.
pub fn uncounted_interests_tx<T>(
    tx: &Transaction,
    work: impl FnOnce() -> StoreResult<T>,
) -> StoreResult<T> {
    let value = without_counting_trigger_tx(tx, work)?;
    recount_interests_tx(tx)?;
    Ok(value)
}

/// Runs `work` with the trigger that counts each new interest dropped, then creates it
/// again from its own stored definition; the caller counts what `work` inserted.
pub fn without_counting_trigger_tx<T>(
    tx: &Transaction,
    work: impl FnOnce() -> StoreResult<T>,
) -> StoreResult<T> {
    let set_aside = set_triggers_aside(tx, &[COUNTING_TRIGGER])?;
    let value = work()?;
    put_triggers_back(tx, &set_aside)?;
    Ok(value)
}

/// Drops the named triggers of this file (all of them, or none when one is missing: a
/// file without one is left to its own) and returns their stored definitions, for
/// [`put_triggers_back`] in the same transaction. Other connections never see the file
/// without them; they only prepare their statements again, as after any change of
/// schema. The names are our own constants, never user text.
pub fn set_triggers_aside(tx: &Transaction, names: &[&str]) -> StoreResult<Vec<String>> {
    let mut definitions = Vec::with_capacity(names.len());
    {
        let mut stmt = tx.prepare_cached(
            "SELECT sql FROM main.sqlite_schema WHERE type = 'trigger' AND name = ?1",
        )?;
        for name in names {
            if let Some(sql) = stmt.query_row([name], |r| r.get(0)).optional()? {
                definitions.push(sql);
            }
        }
    }
    if definitions.len() < names.len() {
        return Ok(Vec::new());
    }
    for name in names {
        tx.execute_batch(&format!("DROP TRIGGER main.{name}"))?;
    }
    Ok(definitions)
}

/// Creates again the triggers [`set_triggers_aside`] dropped.
pub fn put_triggers_back(tx: &Transaction, definitions: &[String]) -> StoreResult<()> {
    for sql in definitions {
        tx.execute_batch(sql)?;
    }
    Ok(())
}

/// Sets the interest counters from the interests themselves.
pub fn recount_interests_tx(tx: &Transaction) -> StoreResult<()> {
    tx.execute_batch(
        "DELETE FROM interest_count;
         DELETE FROM interest_tally WHERE dimension IN ('level', 'field', 'region');
         INSERT INTO interest_count (achievement_id, n)
             SELECT achievement_id, count(*) FROM interest GROUP BY achievement_id;
         INSERT INTO interest_tally (dimension, key, n)
             SELECT 'level', level, count(*) FROM interest GROUP BY level;
         INSERT INTO interest_tally (dimension, key, n)
             SELECT 'field', a.field, count(*) FROM interest i
             JOIN achievement a ON a.id = i.achievement_id
             WHERE a.status = 'active' GROUP BY a.field;
         INSERT INTO interest_tally (dimension, key, n)
             SELECT 'region', coalesce(o.region, ''), count(*) FROM interest i
             JOIN organization o ON o.id = i.enterprise_id GROUP BY coalesce(o.region, '');",
    )?;
    Ok(())
}

/// Runs `work` with the secondary indexes of `tables` dropped (those a migration
/// created; the primary-key and UNIQUE ones stay, they enforce rules), then creates
/// them again from their own definitions.
pub fn without_indexes_tx<T>(
    tx: &Transaction,
    tables: &[&str],
    work: impl FnOnce() -> StoreResult<T>,
) -> StoreResult<T> {
    let mut indexes: Vec<(String, String)> = Vec::new();
    {
        let mut stmt = tx.prepare(
            "SELECT name, sql FROM sqlite_schema
             WHERE type = 'index' AND tbl_name = ?1 AND sql IS NOT NULL ORDER BY name",
        )?;
        for table in tables {
            let rows = stmt.query_map([table], |r| Ok((r.get(0)?, r.get(1)?)))?;
            for row in rows {
                indexes.push(row?);
            }
        }
    }
    for (name, _) in &indexes {
        tx.execute_batch(&format!("DROP INDEX \"{}\"", name.replace('"', "\"\"")))?;
    }
    let value = work()?;
    for (_, sql) in &indexes {
        tx.execute_batch(sql)?;
    }
    Ok(value)
}
