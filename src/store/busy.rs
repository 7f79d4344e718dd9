//! Waiting for another desk's transaction. SQLite's own busy timeout sleeps ever longer
//! (up to 100 ms a try) while a desk's transaction holds the file for well under a
//! millisecond, so under steady traffic from several desks writers mostly sleep. This
//! handler polls every 0.2 ms for the first 200 ms, then every 5 ms, up to `BUSY_TIMEOUT`.
use crate::store::BUSY_TIMEOUT;
use rusqlite::Connection;
use std::time::Duration;

const FAST_TRIES: i32 = 1000;
const FAST_PAUSE: Duration = Duration::from_micros(200);
const SLOW_PAUSE: Duration = Duration::from_millis(5);

/// How long a connection has waited after `tries` tries.
pub fn waited_after(tries: i32) -> Duration {
    let tries = tries.max(0) as u32;
    let fast = tries.min(FAST_TRIES as u32);
    FAST_PAUSE * fast + SLOW_PAUSE * tries.saturating_sub(FAST_TRIES as u32)
}

/// SQLite's busy handler: `true` means "try again".
fn wait_for_other_desk(tries: i32) -> bool {
    if waited_after(tries) >= BUSY_TIMEOUT {
        return false;
    }
    std::thread::sleep(if tries < FAST_TRIES {
        FAST_PAUSE
    } else {
        SLOW_PAUSE
    });
    true
}

/// Installs the handler on a connection.
pub fn install(conn: &mut Connection) -> rusqlite::Result<()> {
    conn.busy_handler(Some(wait_for_other_desk))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wait_is_bounded_by_the_busy_timeout() {
        assert_eq!(waited_after(0), Duration::ZERO);
        assert_eq!(waited_after(50), Duration::from_millis(10));
        assert_eq!(waited_after(FAST_TRIES + 2), Duration::from_millis(210));
        let mut tries = 0;
        while wait_for_other_desk_budget(tries) {
            tries += 1;
        }
        assert!(waited_after(tries) >= BUSY_TIMEOUT);
        assert!(waited_after(tries) < BUSY_TIMEOUT + SLOW_PAUSE * 2);
    }

    #[test]
    fn a_write_waits_for_another_desks_transaction_instead_of_failing() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("fair.db");
        let mut store = crate::store::Store::open(&db, "desk-a").unwrap();
        store
            .create_fair(&crate::domain::fair::FairInput {
                name: "测试".into(),
                ..Default::default()
            })
            .unwrap();
        // Another desk holds the write lock for 300 ms.
        let other = rusqlite::Connection::open(&db).unwrap();
        other.execute_batch("BEGIN IMMEDIATE").unwrap();
        let holder = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(300));
            other.execute_batch("COMMIT").unwrap();
        });
        let started = std::time::Instant::now();
        store.rename_fair("等待之后改名").unwrap();
        assert!(started.elapsed() >= Duration::from_millis(250), "it waited");
        holder.join().unwrap();
        assert_eq!(store.require_fair().unwrap().name, "等待之后改名");
        let busy = crate::store::StoreError::Sqlite(rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY),
            None,
        ));
        assert!(busy.is_busy());
        assert!(
            !busy
                .message(crate::domain::lang::Lang::Zh)
                .contains("locked")
        );
    }

    /// The handler's decision without its sleep.
    fn wait_for_other_desk_budget(tries: i32) -> bool {
        waited_after(tries) < BUSY_TIMEOUT
    }
}
