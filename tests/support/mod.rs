//! Helpers shared by the end-to-end tests: the real binary, a seeded fair, reading a file
//! back with plain SQLite.
#![allow(dead_code)] // each test file uses its own part of this

pub mod desk;
pub mod merging;
pub mod pty;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The fairdesk binary built for these tests.
pub fn binary() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_fairdesk"))
}

/// A command on the real binary with a clean environment (Chinese, no db or desk set).
pub fn fairdesk(db: &Path) -> Command {
    let mut cmd = Command::new(binary());
    cmd.arg("--db")
        .arg(db)
        .env_remove("FAIRDESK_DB")
        .env_remove("FAIRDESK_DESK")
        .env("LANG", "zh_CN.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .stdin(Stdio::null());
    cmd
}

/// Runs `fairdesk ARGS` with `input` on stdin; returns (exit code, stdout, stderr).
pub fn run_with_input(db: &Path, args: &[&str], input: &str) -> (i32, String, String) {
    use std::io::Write;
    let mut child = fairdesk(db)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("fairdesk starts");
    let mut stdin = child.stdin.take().expect("stdin");
    let input = input.to_string();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(input.as_bytes());
    });
    let out = child.wait_with_output().expect("fairdesk runs");
    let _ = writer.join();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A new fair file with one university, `enterprises` enterprises (O002…) and
/// `achievements` achievements (A001…), made through the binary.
pub fn seeded_fair(dir: &Path, enterprises: usize, achievements: usize) -> PathBuf {
    let db = dir.join("fair.db");
    let (code, _, err) = run_with_input(&db, &["init", "--name", "测试对接会"], "");
    assert_eq!(code, 0, "{err}");
    let mut orgs = String::from("{\"name\":\"内蒙古大学\",\"kind\":\"university\"}\n");
    for e in 0..enterprises {
        orgs.push_str(&format!(
            "{{\"name\":\"包头稀土企业{e}有限公司\",\"kind\":\"enterprise\",\"region\":\"包头市\"}}\n"
        ));
    }
    let (code, _, err) = run_with_input(&db, &["add", "organization"], &orgs);
    assert_eq!(code, 0, "{err}");
    let mut results = String::new();
    for a in 0..achievements {
        results.push_str(&format!(
            "{{\"title\":\"稀土永磁材料技术{a}\",\"holder\":\"O001\",\"field\":\"稀土\"}}\n"
        ));
    }
    let (code, _, err) = run_with_input(&db, &["add", "achievement"], &results);
    assert_eq!(code, 0, "{err}");
    db
}

/// Enterprise `n`'s code (the university is O001).
pub fn enterprise_code(n: usize) -> String {
    format!("O{:03}", n + 2)
}

pub fn achievement_code(n: usize) -> String {
    format!("A{:03}", n + 1)
}

/// A plain read connection, as an outside tool would open the file.
pub fn sqlite(db: &Path) -> rusqlite::Connection {
    let conn = rusqlite::Connection::open(db).expect("open with SQLite");
    conn.busy_timeout(std::time::Duration::from_secs(10))
        .expect("busy timeout");
    conn
}

pub fn integrity(db: &Path) -> String {
    sqlite(db)
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("integrity_check runs")
}

pub fn count(db: &Path, sql: &str) -> i64 {
    sqlite(db).query_row(sql, [], |r| r.get(0)).expect("count")
}

/// A fresh UUIDv7-shaped client id, unique per (desk, n).
pub fn client_id(desk: usize, n: usize) -> String {
    format!("01900000-{desk:04x}-7000-8000-{n:012x}")
}
