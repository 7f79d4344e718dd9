//! The interests a merge brings in, written in one statement at the end. A desk's day is
//! tens of thousands of them; inserted one by one, each ran the counting trigger's eight
//! statements (two thirds of the insert's time). They are gathered in a temporary table
//! (the ones that meet no record straight from the desk file, see `narrow`; the rest
//! from the rules), inserted in id order with the trigger set aside, and counted by
//! groups.
use crate::store::StoreResult;
use crate::store::bulk::without_counting_trigger_tx;
use rusqlite::{Connection, Transaction};

/// The temporary table the new interests are gathered in.
pub const TABLE: &str = "temp.merge_new_interest";

/// Makes the gathering table, empty, with the interest table's columns.
pub fn prepare(conn: &Connection) -> StoreResult<()> {
    conn.execute_batch(&format!(
        "DROP TABLE IF EXISTS {TABLE};
         CREATE TEMP TABLE merge_new_interest AS SELECT * FROM main.interest WHERE 0;"
    ))?;
    Ok(())
}

/// Inserts the gathered interests into the file and moves the counters by what they
/// add; drops the gathering table.
pub fn flush(tx: &Transaction, columns: &str) -> StoreResult<()> {
    let gathered: bool =
        tx.query_row(&format!("SELECT EXISTS (SELECT 1 FROM {TABLE})"), [], |r| {
            r.get(0)
        })?;
    if gathered {
        without_counting_trigger_tx(tx, || {
            tx.execute(
                &format!(
                    "INSERT INTO main.interest ({columns}) SELECT {columns} FROM {TABLE} ORDER BY id"
                ),
                [],
            )?;
            Ok(())
        })?;
        count(tx)?;
    }
    tx.execute_batch(&format!("DROP TABLE {TABLE};"))?;
    Ok(())
}

/// What the counting trigger adds per row, added per group. The rows are first counted
/// per achievement and per enterprise (in id order), so that the counters and the
/// records looked up for the field and region tallies are visited in key order, each once,
/// instead of once per row in random order. (`WHERE true`: an upsert's SELECT needs a
/// WHERE clause to parse. `CROSS JOIN`: the counts drive, each finding its achievement or
/// organization by id; the other way round would scan them, unindexed, once per record.)
fn count(conn: &Connection) -> StoreResult<()> {
    conn.execute_batch(&format!(
        "CREATE TEMP TABLE merge_new_per_achievement AS
            SELECT achievement_id, count(*) AS n FROM {TABLE} GROUP BY achievement_id;
         INSERT INTO main.interest_count (achievement_id, n)
            SELECT achievement_id, n FROM temp.merge_new_per_achievement WHERE true
            ON CONFLICT (achievement_id) DO UPDATE SET n = n + excluded.n;
         INSERT INTO main.interest_tally (dimension, key, n)
            SELECT 'level', level, count(*) FROM {TABLE} WHERE true GROUP BY level
            ON CONFLICT (dimension, key) DO UPDATE SET n = n + excluded.n;
         INSERT INTO main.interest_tally (dimension, key, n)
            SELECT 'field', a.field, sum(c.n) FROM temp.merge_new_per_achievement c
            CROSS JOIN main.achievement a ON a.id = c.achievement_id
            WHERE a.status = 'active' GROUP BY a.field
            ON CONFLICT (dimension, key) DO UPDATE SET n = n + excluded.n;
         INSERT INTO main.interest_tally (dimension, key, n)
            SELECT 'region', coalesce(o.region, ''), sum(c.n)
            FROM (SELECT enterprise_id, count(*) AS n FROM {TABLE} GROUP BY enterprise_id) c
            CROSS JOIN main.organization o ON o.id = c.enterprise_id
            WHERE true GROUP BY coalesce(o.region, '')
            ON CONFLICT (dimension, key) DO UPDATE SET n = n + excluded.n;
         DROP TABLE temp.merge_new_per_achievement;"
    ))?;
    Ok(())
}
