//! The interests a merge brings in, written in one statement at the end. A desk's day is
//! tens of thousands of them; inserted one by one, each ran the counting trigger's eight
//! statements (two thirds of the insert's time). They are gathered in a temporary table
//! (the ones that meet no record straight from the desk file, see `narrow`; the rest
//! from the rules), inserted in id order with the trigger set aside, and counted by
//! groups (`counters`).
use crate::store::StoreResult;
use crate::store::bulk::without_counting_trigger_tx;
use crate::store::merge::counters;
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
        counters::add(
            tx,
            &format!("(SELECT achievement_id, enterprise_id, level, 1 AS n FROM {TABLE})"),
        )?;
    }
    tx.execute_batch(&format!("DROP TABLE {TABLE};"))?;
    Ok(())
}
