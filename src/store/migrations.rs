//! Numbered schema migrations, tracked in `PRAGMA user_version`.
//!
//! Migration N brings the schema from version N-1 to N. A file whose version is above
//! the last one here was written by a newer fairdesk and is refused, untouched.
use rusqlite::Connection;

/// `PRAGMA application_id` of every fairdesk file ("FDSK").
pub const APPLICATION_ID: i64 = 0x4644_534B;

pub const MIGRATIONS: &[&str] = &[
    include_str!("sql/0001_initial.sql"),
    include_str!("sql/0002_merge.sql"),
    include_str!("sql/0003_meetings_and_access.sql"),
    include_str!("sql/0004_export_indexes.sql"),
    include_str!("sql/0005_interest_counters.sql"),
    include_str!("sql/0006_counters_follow_rows.sql"),
    include_str!("sql/0007_achievement_and_agreement_counters.sql"),
    include_str!("sql/0008_search_pack.sql"),
    include_str!("sql/0009_interest_recent.sql"),
    include_str!("sql/0010_interest_export_order.sql"),
];

pub fn latest_version() -> i64 {
    MIGRATIONS.len() as i64
}

/// Applies every migration above `from`, each in its own transaction.
pub fn migrate(conn: &mut Connection, from: i64) -> rusqlite::Result<()> {
    for (index, sql) in MIGRATIONS.iter().enumerate() {
        let version = index as i64 + 1;
        if version <= from {
            continue;
        }
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "application_id", APPLICATION_ID)?;
        tx.pragma_update(None, "user_version", version)?;
        tx.commit()?;
    }
    Ok(())
}
