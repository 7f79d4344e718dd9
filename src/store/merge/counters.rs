//! The interest counters (`interest_count`, `interest_tally`) moved by groups, for
//! interests a merge writes with the counting triggers set aside. Each row of a source
//! (achievement id, enterprise id, level, n) adds `n` (1 for an interest that came, -1
//! for one that went) to its achievement's count and to its level, field and region
//! tallies, as the triggers of migration 0005 do one row at a time. The rows are first
//! summed per achievement and per enterprise (in id order), so that the counters and the
//! records looked up for the field and region are visited once each, in key order,
//! instead of once per row in random order.
use crate::store::StoreResult;
use rusqlite::Connection;

/// Adds the rows of `source` (a table, or a subquery in parentheses, of ours) to the
/// counters. Groups that sum to nothing are left alone. (`CROSS JOIN`: the sums drive,
/// each finding its achievement or organization by id; the other way round would scan
/// them, unindexed, once per record.)
pub fn add(conn: &Connection, source: &str) -> StoreResult<()> {
    conn.execute_batch(&format!(
        "CREATE TEMP TABLE merge_counted_per_achievement AS
            SELECT achievement_id, sum(n) AS n FROM {source} GROUP BY achievement_id;
         INSERT INTO main.interest_count (achievement_id, n)
            SELECT achievement_id, n FROM temp.merge_counted_per_achievement WHERE n <> 0
            ON CONFLICT (achievement_id) DO UPDATE SET n = n + excluded.n;
         INSERT INTO main.interest_tally (dimension, key, n)
            SELECT 'level', level, sum(n) FROM {source} WHERE true
            GROUP BY level HAVING sum(n) <> 0
            ON CONFLICT (dimension, key) DO UPDATE SET n = n + excluded.n;
         INSERT INTO main.interest_tally (dimension, key, n)
            SELECT 'field', a.field, sum(c.n) FROM temp.merge_counted_per_achievement c
            CROSS JOIN main.achievement a ON a.id = c.achievement_id
            WHERE a.status = 'active' GROUP BY a.field HAVING sum(c.n) <> 0
            ON CONFLICT (dimension, key) DO UPDATE SET n = n + excluded.n;
         INSERT INTO main.interest_tally (dimension, key, n)
            SELECT 'region', coalesce(o.region, ''), sum(c.n)
            FROM (SELECT enterprise_id, sum(n) AS n FROM {source} GROUP BY enterprise_id) c
            CROSS JOIN main.organization o ON o.id = c.enterprise_id
            WHERE true GROUP BY coalesce(o.region, '') HAVING sum(c.n) <> 0
            ON CONFLICT (dimension, key) DO UPDATE SET n = n + excluded.n;
         DROP TABLE temp.merge_counted_per_achievement;"
    ))?;
    Ok(())
}
