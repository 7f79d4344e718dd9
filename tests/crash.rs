//! Crash safety: a writer killed with SIGKILL at a random moment, round after round. After
//! every kill the file passes `integrity_check`, holds every record whose id was printed
//! (acknowledged), and holds no part of an unfinished transaction.
mod support;

use std::collections::HashSet;
use std::io::{BufRead, BufReader, Write};
use std::process::Stdio;
use std::time::{Duration, Instant};
use support::*;

const ROUNDS: usize = 24;
const ACHIEVEMENTS: usize = 50;
const ENTERPRISES: usize = 340;
/// Interests a streaming round may save (it is killed well before).
const STREAM_SIZE: usize = 500;
/// Interests in one import (one transaction).
const IMPORT_SIZE: usize = 750;

/// Every (enterprise, achievement) pair is used once: streaming rounds take the first
/// `ROUNDS / 2 * STREAM_SIZE` pairs, imports (and the two timing imports) the rest.
fn pair(n: usize) -> (String, String) {
    (
        enterprise_code(n / ACHIEVEMENTS),
        achievement_code(n % ACHIEVEMENTS),
    )
}

/// A small deterministic generator, so a failing round can be replayed.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n.max(1)
    }
}

/// Streams interests with `--each` and kills the desk after `kill_after` acknowledgements
/// (plus a random pause, so the kill lands anywhere in the next transaction). Returns the
/// acknowledged ids.
fn kill_mid_save(
    db: &std::path::Path,
    round: usize,
    kill_after: usize,
    pause_us: u64,
) -> Vec<String> {
    let mut lines = String::new();
    for n in 0..STREAM_SIZE {
        let (enterprise, achievement) = pair(round / 2 * STREAM_SIZE + n);
        lines.push_str(&format!(
            "{{\"id\":\"{}\",\"enterprise\":\"{enterprise}\",\"achievement\":\"{achievement}\",\"level\":\"咨询\"}}\n",
            client_id(round, n),
        ));
    }
    let mut child = fairdesk(db)
        .args(["--desk", "desk-crash", "add", "interest", "--each"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    std::thread::spawn(move || {
        let _ = stdin.write_all(lines.as_bytes());
    });
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut acknowledged = Vec::new();
    let mut line = String::new();
    while acknowledged.len() < kill_after {
        line.clear();
        if stdout.read_line(&mut line).unwrap_or(0) == 0 {
            break;
        }
        acknowledged.push(line.trim().to_string());
    }
    spin(Duration::from_micros(pause_us));
    child.kill().unwrap();
    // Anything printed before the kill landed was acknowledged too.
    for rest in stdout.lines() {
        match rest {
            Ok(l) if !l.trim().is_empty() => acknowledged.push(l.trim().to_string()),
            _ => break,
        }
    }
    let _ = child.wait();
    acknowledged
}

/// Imports `IMPORT_SIZE` interests in one transaction (batch `batch`) and kills the
/// process after `delay` (or lets it finish). Returns whether it reported success before
/// the kill.
fn kill_mid_import(db: &std::path::Path, batch: usize, delay: Option<Duration>) -> bool {
    let first = ROUNDS / 2 * STREAM_SIZE + batch * IMPORT_SIZE;
    let mut orgs = String::new();
    for n in 0..IMPORT_SIZE {
        let (enterprise, achievement) = pair(first + n);
        orgs.push_str(&format!(
            "{{\"id\":\"{}\",\"enterprise\":\"{enterprise}\",\"achievement\":\"{achievement}\",\"level\":\"有意向\",\"note\":\"batch-{batch}\"}}\n",
            client_id(1000 + batch, n)
        ));
    }
    let mut child = fairdesk(db)
        .args(["--desk", "desk-import", "add", "interest"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    std::thread::spawn(move || {
        let _ = stdin.write_all(orgs.as_bytes());
    });
    if let Some(delay) = delay {
        std::thread::sleep(delay);
        // It may have finished already: then there is nothing to kill.
        let _ = child.kill();
    }
    let out = child.wait_with_output().unwrap();
    // Acknowledged means every id was printed (they are printed after the commit).
    String::from_utf8_lossy(&out.stdout).lines().count() == IMPORT_SIZE
}

/// Busy-waits: a sleep this short would round up to the scheduler's tick.
fn spin(d: Duration) {
    let start = Instant::now();
    while start.elapsed() < d {
        std::hint::spin_loop();
    }
}

#[test]
fn killing_a_writer_at_random_moments_loses_nothing_acknowledged_and_leaves_no_half_transaction() {
    let dir = tempfile::tempdir().unwrap();
    let db = seeded_fair(dir.path(), ENTERPRISES, ACHIEVEMENTS);
    let mut rng = Lcg(0x5eed_f00d);
    let mut acknowledged: HashSet<String> = HashSet::new();
    let mut imports_committed = 0;
    let mut imports_absent = 0;
    // Imports left to finish tell how long an import takes, so the kills can be spread
    // over its whole length (before, during and after its commit). An import takes
    // longer as the file grows: the second one is timed.
    assert!(
        kill_mid_import(&db, ROUNDS / 2, None),
        "an import left alone finishes"
    );
    let calibration = Instant::now();
    assert!(
        kill_mid_import(&db, ROUNDS / 2 + 1, None),
        "an import left alone finishes"
    );
    let import_time = calibration.elapsed();
    let started = Instant::now();
    for round in 0..ROUNDS {
        if round % 2 == 0 {
            let kill_after = 1 + rng.below(150) as usize;
            let pause = rng.below(2_000);
            let ids = kill_mid_save(&db, round, kill_after, pause);
            assert!(
                ids.len() >= kill_after.min(1),
                "round {round}: the desk saved nothing"
            );
            acknowledged.extend(ids);
        } else {
            let delay = import_time.mul_f64(0.3 + rng.below(1_200) as f64 / 1_000.0);
            let reported = kill_mid_import(&db, round / 2, Some(delay));
            let batch = count(
                &db,
                &format!(
                    "SELECT count(*) FROM interest WHERE note = 'batch-{}'",
                    round / 2
                ),
            );
            assert!(
                batch == 0 || batch == IMPORT_SIZE as i64,
                "round {round}: {batch} of {IMPORT_SIZE} interests of one transaction"
            );
            if reported {
                assert_eq!(
                    batch, IMPORT_SIZE as i64,
                    "round {round}: acknowledged import lost"
                );
            }
            if batch == 0 {
                imports_absent += 1;
            } else {
                imports_committed += 1;
            }
        }
        assert_eq!(integrity(&db), "ok", "round {round}");
        let conn = sqlite(&db);
        let stored: HashSet<String> = conn
            .prepare("SELECT id FROM interest")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(|r| r.unwrap())
            .collect();
        let missing = acknowledged.difference(&stored).count();
        assert_eq!(missing, 0, "round {round}: acknowledged interests lost");
        // Every record's audit row was written in the same transaction as the record.
        for table in ["interest", "organization"] {
            let orphans = count(
                &db,
                &format!(
                    "SELECT count(*) FROM {table} t WHERE NOT EXISTS
                       (SELECT 1 FROM audit a WHERE a.entity = '{table}' AND a.entity_id = t.id)"
                ),
            );
            assert_eq!(orphans, 0, "round {round}: {table} without its audit row");
        }
        let audits_without_record = count(
            &db,
            "SELECT count(*) FROM audit a WHERE a.entity = 'interest'
               AND NOT EXISTS (SELECT 1 FROM interest i WHERE i.id = a.entity_id)",
        );
        assert_eq!(
            audits_without_record, 0,
            "round {round}: audit row of a rolled-back record"
        );
    }
    let (code, _, err) = run_with_input(&db, &["check"], "");
    assert_eq!(code, 0, "fairdesk check after the crashes: {err}");
    eprintln!(
        "{ROUNDS} rounds in {:.1} s (an import takes {:.0} ms): {} interests acknowledged and present; imports killed: {imports_committed} had committed, {imports_absent} left no trace",
        started.elapsed().as_secs_f64(),
        import_time.as_secs_f64() * 1000.0,
        acknowledged.len()
    );
    assert!(imports_committed + imports_absent == ROUNDS / 2);
}
