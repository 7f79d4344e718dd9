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
    include_str!("sql/0010_checks_without_lists.sql"),
    include_str!("sql/0011_achievement_generation.sql"),
    include_str!("sql/0012_interest_export_order.sql"),
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
        // A migration may rewrite stored table definitions (0010): a new schema version
        // makes the other connections to the file read the definitions again.
        let schema: i64 = tx.pragma_query_value(None, "schema_version", |r| r.get(0))?;
        tx.pragma_update(None, "schema_version", schema + 1)?;
        tx.pragma_update(None, "application_id", APPLICATION_ID)?;
        tx.pragma_update(None, "user_version", version)?;
        tx.commit()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn migrated(to: i64) -> Connection {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate_up_to(&mut conn, to);
        conn
    }

    /// Applies the migrations up to version `to` only.
    fn migrate_up_to(conn: &mut Connection, to: i64) {
        conn.pragma_update(None, "foreign_keys", "ON").unwrap();
        for (index, sql) in MIGRATIONS.iter().enumerate().take(to as usize) {
            let tx = conn.transaction().unwrap();
            tx.execute_batch(sql).unwrap();
            tx.pragma_update(None, "user_version", index as i64 + 1)
                .unwrap();
            tx.commit().unwrap();
        }
    }

    /// The opcodes SQLite plans for a statement.
    fn opcodes(conn: &Connection, sql: &str) -> Vec<String> {
        let mut stmt = conn.prepare(&format!("EXPLAIN {sql}")).unwrap();
        stmt.query_map(["有意向"], |r| r.get::<_, String>(1))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    }

    const INSERT_INTEREST: &str = "INSERT INTO interest (id, enterprise_id, achievement_id, level,
        logged_at, desk, created_at, updated_at) VALUES ('i', 'e', 'a', ?1, 't', 'd', 't', 't')";

    #[test]
    fn no_table_checks_a_value_against_a_list() {
        let conn = migrated(latest_version());
        let listed: Vec<String> = conn
            .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND sql GLOB '*CHECK (* IN (*'")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(listed, Vec::<String>::new());
    }

    #[test]
    fn the_migrating_connection_itself_writes_without_a_temporary_table() {
        let mut conn = migrated(9);
        assert!(opcodes(&conn, INSERT_INTEREST).contains(&"OpenEphemeral".to_string()));
        migrate(&mut conn, 9).unwrap();
        assert!(!opcodes(&conn, INSERT_INTEREST).contains(&"OpenEphemeral".to_string()));
    }

    #[test]
    fn another_connection_open_on_the_file_reads_the_new_definitions() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("fair.db");
        let mut first = Connection::open(&path).unwrap();
        migrate_up_to(&mut first, 9);
        let other = Connection::open(&path).unwrap();
        assert!(opcodes(&other, INSERT_INTEREST).contains(&"OpenEphemeral".to_string()));
        migrate(&mut first, 9).unwrap();
        // Its next statement finds the schema version changed and reads the schema again
        // (EXPLAIN alone does not look at the file).
        let _: i64 = other
            .query_row("SELECT count(*) FROM interest", [], |r| r.get(0))
            .unwrap();
        assert!(!opcodes(&other, INSERT_INTEREST).contains(&"OpenEphemeral".to_string()));
    }

    #[test]
    fn rewritten_checks_still_refuse_what_the_lists_refused() {
        let mut conn = migrated(9);
        conn.execute_batch(
            "PRAGMA foreign_keys = OFF;
             INSERT INTO interest_tally (dimension, key, n) VALUES ('level', '咨询', 1);",
        )
        .unwrap();
        migrate(&mut conn, 9).unwrap();
        let refused = |sql: &str, value: &str| conn.execute(sql, [value]).is_err();
        assert!(refused(INSERT_INTEREST, "很感兴趣"));
        assert!(!refused(INSERT_INTEREST, "有意向"));
        assert!(refused(
            "INSERT INTO interest_tally (dimension, key, n) VALUES (?1, 'x', 0)",
            "desk"
        ));
        let check: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(check, "ok");
        let kept: i64 = conn
            .query_row(
                "SELECT n FROM interest_tally WHERE key = '咨询'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(kept, 1);
    }
}
