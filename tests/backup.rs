//! Backups taken while desks write are each a sound, consistent fair; the folder keeps
//! the newest 20 and never holds a half-written backup; restore asks, keeps the replaced
//! file, and brings the backup's fair back.
mod support;

use std::io::Write;
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};
use support::pty::PtySession;
use support::*;

const WRITERS: usize = 3;
const BACKUPS: usize = 12;

fn interest_lines(desk: usize, per_desk: usize, achievements: usize) -> String {
    (0..per_desk)
        .map(|n| {
            format!(
                "{{\"id\":\"{}\",\"enterprise\":\"{}\",\"achievement\":\"{}\",\"level\":\"咨询\"}}\n",
                client_id(desk, n),
                enterprise_code(desk * (per_desk / achievements + 1) + n / achievements),
                achievement_code(n % achievements)
            )
        })
        .collect()
}

/// What a backup holds, checked from the outside.
fn assert_sound(backup: &Path) -> i64 {
    assert_eq!(integrity(backup), "ok", "{}", backup.display());
    let (code, out, err) = run_with_input(backup, &["check"], "");
    assert_eq!(code, 0, "{}: {out}{err}", backup.display());
    count(backup, "SELECT count(*) FROM interest")
}

#[test]
fn backups_taken_while_desks_write_are_each_sound_and_consistent() {
    let dir = tempfile::tempdir().unwrap();
    let achievements = 50;
    let per_desk = 2_000;
    let db = seeded_fair(
        dir.path(),
        WRITERS * (per_desk / achievements + 1),
        achievements,
    );
    let mut writers: Vec<_> = (0..WRITERS)
        .map(|desk| {
            let mut child = fairdesk(&db)
                .args([
                    "--desk",
                    &format!("desk-{desk}"),
                    "add",
                    "interest",
                    "--each",
                ])
                .stdin(Stdio::piped())
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap();
            let mut stdin = child.stdin.take().unwrap();
            let lines = interest_lines(desk, per_desk, achievements);
            std::thread::spawn(move || {
                let _ = stdin.write_all(lines.as_bytes());
            });
            child
        })
        .collect();
    let started = Instant::now();
    let mut taken = Vec::new();
    for n in 0..BACKUPS {
        std::thread::sleep(Duration::from_millis(150));
        let out_path = dir.path().join(format!("manual-{n}.db"));
        let args: Vec<&str> = if n % 2 == 0 {
            vec!["backup"]
        } else {
            vec!["backup", "--out", out_path.to_str().unwrap()]
        };
        let (code, out, err) = run_with_input(&db, &args, "");
        assert_eq!(code, 0, "{err}");
        assert!(out.starts_with("已备份到 "), "{out}");
        let path = std::path::PathBuf::from(out.trim().trim_start_matches("已备份到 "));
        taken.push(path);
    }
    let during = started.elapsed();
    let mut still_writing = 0;
    for w in &mut writers {
        if w.try_wait().unwrap().is_none() {
            still_writing += 1;
        }
    }
    for w in writers {
        let out = w.wait_with_output().unwrap();
        assert!(out.status.success());
        assert_eq!(
            String::from_utf8_lossy(&out.stderr),
            "",
            "no desk saw an error"
        );
    }
    assert!(
        still_writing > 0,
        "the backups were taken while desks wrote"
    );
    let mut counts = Vec::new();
    for backup in &taken {
        counts.push(assert_sound(backup));
    }
    assert!(counts.windows(2).all(|w| w[0] <= w[1]), "{counts:?}");
    assert!(
        counts[0] < (WRITERS * per_desk) as i64,
        "the first backup caught desks mid-way"
    );
    let leftovers: Vec<_> = std::fs::read_dir(dir.path().join("backups"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("partial"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    eprintln!(
        "{BACKUPS} backups in {:.1} s while {WRITERS} desks wrote; interests in them: {counts:?}",
        during.as_secs_f64()
    );
}

#[test]
fn the_backup_folder_keeps_the_newest_twenty() {
    let dir = tempfile::tempdir().unwrap();
    let db = seeded_fair(dir.path(), 2, 2);
    let start = chrono::DateTime::parse_from_rfc3339("2019-12-10T01:00:00Z")
        .unwrap()
        .with_timezone(&chrono::Utc);
    let mut made = Vec::new();
    for n in 0..25 {
        let at = start + chrono::Duration::minutes(10 * n);
        made.push(fairdesk::store::backup::backup_into_folder(&db, at).unwrap());
    }
    let kept = fairdesk::store::backup::list_backups(&db);
    assert_eq!(kept.len(), 20);
    assert_eq!(kept, made[5..].to_vec(), "the oldest five went");
    assert_eq!(integrity(&kept[0]), "ok");
    // A backup never overwrites an existing file.
    let (code, _, err) = run_with_input(&db, &["backup", "--out", kept[0].to_str().unwrap()], "");
    assert_eq!(code, 2, "{err}");
}

#[test]
fn restore_asks_keeps_the_replaced_file_and_brings_the_backup_back() {
    let dir = tempfile::tempdir().unwrap();
    let db = seeded_fair(dir.path(), 4, 3);
    let backup = dir.path().join("before.db");
    let (code, _, err) = run_with_input(&db, &["backup", "--out", backup.to_str().unwrap()], "");
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = run_with_input(
        &db,
        &["add", "organization"],
        "{\"name\":\"恢复前新增的企业\",\"kind\":\"enterprise\"}\n",
    );
    assert_eq!(code, 0, "{err}");
    let before_restore = count(&db, "SELECT count(*) FROM organization");

    // Not on a terminal and no --yes: refused, nothing changed.
    let (code, _, err) = run_with_input(&db, &["restore", backup.to_str().unwrap()], "y\n");
    assert_eq!(code, 2);
    assert!(err.contains("--yes"), "{err}");
    assert_eq!(
        count(&db, "SELECT count(*) FROM organization"),
        before_restore
    );

    // On a terminal: "n" cancels.
    let mut session = PtySession::spawn(
        &[
            "--db",
            db.to_str().unwrap(),
            "restore",
            backup.to_str().unwrap(),
        ],
        dir.path(),
        120,
        30,
    );
    session.wait_for("[y/N]", Duration::from_secs(20));
    session.send("n\r");
    session.wait_for("已取消", Duration::from_secs(20));
    assert_eq!(session.wait_exit(Duration::from_secs(20)), Some(0));
    assert_eq!(
        count(&db, "SELECT count(*) FROM organization"),
        before_restore
    );

    // "y" restores, while another connection has the file open.
    let reader = sqlite(&db);
    let mut session = PtySession::spawn(
        &[
            "--db",
            db.to_str().unwrap(),
            "restore",
            backup.to_str().unwrap(),
        ],
        dir.path(),
        120,
        30,
    );
    let seen = session.wait_for("[y/N]", Duration::from_secs(20));
    assert!(seen.text.contains("测试对接会"), "{}", seen.text);
    session.send("y\r");
    session.wait_for("被替换的文件保存在", Duration::from_secs(20));
    assert_eq!(session.wait_exit(Duration::from_secs(20)), Some(0));
    let restored: i64 = reader
        .query_row("SELECT count(*) FROM organization", [], |r| r.get(0))
        .unwrap();
    assert_eq!(
        restored,
        before_restore - 1,
        "the open connection sees the restored fair"
    );
    let replaced: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains(".replaced-"))
        .collect();
    assert_eq!(replaced.len(), 1);
    assert_eq!(
        count(&replaced[0], "SELECT count(*) FROM organization"),
        before_restore,
        "the replaced file holds the fair as it was"
    );
    let (code, out, err) = run_with_input(&db, &["check"], "");
    assert_eq!(code, 0, "{out}{err}");

    // --yes for scripts.
    let (code, _, err) = run_with_input(
        &db,
        &["restore", replaced[0].to_str().unwrap(), "--yes"],
        "",
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        count(&db, "SELECT count(*) FROM organization"),
        before_restore
    );
}

#[test]
fn restore_refuses_what_is_not_a_sound_fairdesk_backup() {
    let dir = tempfile::tempdir().unwrap();
    let db = seeded_fair(dir.path(), 1, 1);
    let junk = dir.path().join("junk.db");
    std::fs::write(&junk, b"SQLite format 3\0 but nothing after").unwrap();
    let (code, _, err) = run_with_input(&db, &["restore", junk.to_str().unwrap(), "--yes"], "");
    assert_eq!(code, 2);
    assert!(err.contains("不是完好的 fairdesk 备份"), "{err}");
    assert_eq!(integrity(&db), "ok");
}
