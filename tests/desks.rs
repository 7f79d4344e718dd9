//! Several desks on one file: 8 fairdesk processes log 2,000 interests each at the same
//! time, every record in its own transaction, and none is lost, doubled or refused.
mod support;

use std::collections::HashSet;
use std::io::{BufRead, BufReader, Write};
use std::process::Stdio;
use std::time::Instant;
use support::*;

const DESKS: usize = 8;
const PER_DESK: usize = 2_000;
const ACHIEVEMENTS: usize = 100;
/// Each desk logs interest for its own 20 enterprises in all 100 achievements, so every
/// (enterprise, achievement) pair is new.
const ENTERPRISES_PER_DESK: usize = PER_DESK / ACHIEVEMENTS;

fn desk_lines(desk: usize) -> String {
    let mut lines = String::new();
    for n in 0..PER_DESK {
        let enterprise = desk * ENTERPRISES_PER_DESK + n / ACHIEVEMENTS;
        lines.push_str(&format!(
            "{{\"id\":\"{}\",\"enterprise\":\"{}\",\"achievement\":\"{}\",\"level\":\"有意向\",\"note\":\"第{n}条\"}}\n",
            client_id(desk, n),
            enterprise_code(enterprise),
            achievement_code(n % ACHIEVEMENTS)
        ));
    }
    lines
}

#[test]
fn eight_desks_log_sixteen_thousand_interests_at_once_without_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let db = seeded_fair(dir.path(), DESKS * ENTERPRISES_PER_DESK, ACHIEVEMENTS);
    let started = Instant::now();
    let desks: Vec<_> = (0..DESKS)
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
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap();
            let mut stdin = child.stdin.take().unwrap();
            let lines = desk_lines(desk);
            std::thread::spawn(move || {
                stdin.write_all(lines.as_bytes()).unwrap();
            });
            child
        })
        .collect();
    let mut acknowledged = Vec::new();
    let mut errors = String::new();
    for mut child in desks {
        let stdout = BufReader::new(child.stdout.take().unwrap());
        let ids: Vec<String> = stdout.lines().map(|l| l.unwrap()).collect();
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "a desk failed");
        errors.push_str(&String::from_utf8_lossy(&out.stderr));
        acknowledged.extend(ids);
    }
    let elapsed = started.elapsed();
    eprintln!(
        "{DESKS} desks × {PER_DESK} interests: {} acknowledged in {:.1} s",
        acknowledged.len(),
        elapsed.as_secs_f64()
    );
    assert_eq!(errors, "", "no desk shows an error");
    assert_eq!(acknowledged.len(), DESKS * PER_DESK);
    let unique: HashSet<&String> = acknowledged.iter().collect();
    assert_eq!(unique.len(), DESKS * PER_DESK, "every id acknowledged once");
    assert_eq!(
        count(&db, "SELECT count(*) FROM interest"),
        (DESKS * PER_DESK) as i64
    );
    let conn = sqlite(&db);
    let mut stmt = conn.prepare("SELECT id FROM interest").unwrap();
    let stored: HashSet<String> = stmt
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    assert!(unique.iter().all(|id| stored.contains(id.as_str())));
    assert_eq!(
        count(
            &db,
            "SELECT count(*) FROM interest i WHERE NOT EXISTS
               (SELECT 1 FROM audit a WHERE a.entity = 'interest' AND a.entity_id = i.id)"
        ),
        0,
        "every interest has its audit row"
    );
    for desk in 0..DESKS {
        assert_eq!(
            count(
                &db,
                &format!("SELECT count(*) FROM interest WHERE desk = 'desk-{desk}'")
            ),
            PER_DESK as i64
        );
    }
    assert_eq!(integrity(&db), "ok");
}

#[test]
fn a_desk_retrying_its_whole_batch_doubles_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = seeded_fair(dir.path(), ENTERPRISES_PER_DESK, ACHIEVEMENTS);
    let lines: String = desk_lines(0)
        .lines()
        .take(300)
        .map(|l| format!("{l}\n"))
        .collect();
    for _ in 0..2 {
        let (code, out, err) = run_with_input(&db, &["add", "interest", "--each"], &lines);
        assert_eq!((code, err.as_str()), (0, ""));
        assert_eq!(out.lines().count(), 300);
    }
    assert_eq!(count(&db, "SELECT count(*) FROM interest"), 300);
    assert_eq!(
        count(&db, "SELECT count(*) FROM audit WHERE entity = 'interest'"),
        300,
        "the retry wrote no second audit row"
    );
}
