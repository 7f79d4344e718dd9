//! Merging two desk files of a large fair into the main file. The fair is generated at
//! FAIRDESK_BENCH_ACHIEVEMENTS achievements (default 100,000) with the proportions of
//! `fairdesk gen`'s large fair (organizations a tenth, interests five times, agreements a
//! tenth). Two desks copy it, then each records half as many records as there are
//! achievements while offline (at 100,000: 50,000 each): new interests (80 %), raised
//! levels on existing ones (10 %), new enterprises (5 %) and edited enterprises (5 %),
//! drawn from different seeds, so some pairs and enterprises meet in both desks. Each
//! sample merges both desk files into a fresh copy of the main file; making the copy is
//! outside the timed part. FAIRDESK_BENCH_DIR names a folder where the three files are
//! kept (made there when missing, reused when present), for `/usr/bin/time -v fairdesk
//! merge` on the same files and for runs before and after a change.
use chrono::TimeZone;
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use fairdesk::app::generate::{GenSpec, build_file};
use fairdesk::domain::clock::FixedClock;
use fairdesk::domain::interest::InterestInput;
use fairdesk::domain::organization::OrganizationInput;
use fairdesk::store::Store;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

fn achievements() -> usize {
    std::env::var("FAIRDESK_BENCH_ACHIEVEMENTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000)
}

/// A small deterministic generator (xorshift), one per desk.
struct Draw(u64);

impl Draw {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

/// A day of one desk offline, written into its copy of the fair.
fn desk_day(path: &Path, desk: &str, seed: u64, records: usize) {
    let later = chrono::Utc
        .with_ymd_and_hms(2019, 12, 10, 3, 0, 0)
        .single()
        .expect("time")
        + chrono::Duration::minutes(seed as i64);
    let mut s = Store::open_with_clock(path, desk, Arc::new(FixedClock::at(later))).expect("desk");
    // Setup speed only: this copy is thrown away after the run.
    s.conn()
        .pragma_update(None, "synchronous", "OFF")
        .expect("pragma");
    let zone = s.require_fair().expect("fair").zone();
    let mut draw = Draw(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let orgs = s.organizations(false).expect("organizations");
    let enterprises: Vec<_> = orgs
        .iter()
        .filter(|o| o.data.kind == "enterprise")
        .collect();
    let shown: Vec<String> = s
        .achievements(false)
        .expect("achievements")
        .into_iter()
        .map(|a| a.id)
        .collect();

    let new_interests = records * 8 / 10;
    let raised = records / 10;
    let new_enterprises = records / 20;
    let edits = records - new_interests - raised - new_enterprises;

    let mut drafts = Vec::with_capacity(new_interests + raised);
    let mut tries = 0;
    while drafts.len() < new_interests && tries < new_interests * 4 {
        tries += 1;
        let input = InterestInput {
            enterprise: enterprises[draw.below(enterprises.len())].id.clone(),
            achievement: shown[draw.below(shown.len())].clone(),
            level: ["咨询", "有意向", "深度洽谈"][draw.below(3)].into(),
            note: format!("{desk} 离线登记"),
            ..Default::default()
        };
        if let Ok(draft) = input.validate(&s, zone) {
            drafts.push(draft);
        }
    }
    let enquiries: Vec<_> = s
        .interests()
        .expect("interests")
        .into_iter()
        .filter(|i| i.level == "咨询")
        .collect();
    for _ in 0..raised {
        let i = &enquiries[draw.below(enquiries.len())];
        let input = InterestInput {
            enterprise: i.enterprise_id.clone(),
            achievement: i.achievement_id.clone(),
            level: "深度洽谈".into(),
            ..Default::default()
        };
        drafts.push(input.validate(&s, zone).expect("raise"));
    }
    s.write(|tx, ctx| {
        for draft in &drafts {
            fairdesk::store::interests::upsert_tx(tx, ctx, "", draft)?;
        }
        Ok(())
    })
    .expect("interests");
    for n in 0..new_enterprises {
        s.create_organization(&OrganizationInput {
            name: format!("{desk}登记企业{n}"),
            kind: "enterprise".into(),
            region: "包头市".into(),
            contact_name: "王经理".into(),
            ..Default::default()
        })
        .expect("new enterprise");
    }
    for _ in 0..edits {
        let e = enterprises[draw.below(enterprises.len())];
        let mut input = e.data.to_input();
        input.note = format!("{desk} 核对联系方式");
        s.update_organization(&e.id, &input).expect("edit");
    }
}

fn files(dir: &Path) -> (PathBuf, PathBuf, PathBuf) {
    let n = achievements();
    let kept = ["main.db", "desk-a.db", "desk-b.db"].map(|f| dir.join(f));
    if kept.iter().all(|p| p.is_file()) {
        let [base, a, b] = kept;
        return (base, a, b);
    }
    let spec = GenSpec {
        organizations: n / 10,
        achievements: n,
        interests: n * 5,
        agreements: n / 10,
        seed: 11,
    };
    let base = dir.join("main.db");
    build_file(&base, "desk-hq", &spec, &mut |_, _, _| {}).expect("main file");
    let mut desks = Vec::new();
    for (i, name) in ["desk-a", "desk-b"].into_iter().enumerate() {
        let path = dir.join(format!("{name}.db"));
        std::fs::copy(&base, &path).expect("desk copy");
        desk_day(&path, name, i as u64 + 1, n / 2);
        desks.push(path);
    }
    let b = desks.pop().expect("desk b");
    let a = desks.pop().expect("desk a");
    (base, a, b)
}

fn fresh_copy(base: &Path, target: &Path) -> Store {
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", target.display()));
    }
    std::fs::copy(base, target).expect("main copy");
    Store::open(target, "desk-hq").expect("main")
}

/// The reference: the least a merge of these desks writes, by plain SQL on a fresh copy
/// of the main file, in one transaction. The desks' audit rows missing here are inserted;
/// the interests and organizations those rows name are inserted when new (a clash on a
/// unique key skips the row) or overwritten when the desk's is newer (all columns but the
/// id, the creation time and an interest's enterprise and achievement). No comparing of
/// the files, no rules, no conflicts, no counters (the counting trigger is dropped);
/// synchronous writes, the merge's page cache and one checkpoint, as the merge has.
fn writes_alone(target: &Path, desks: &[PathBuf]) {
    let conn = rusqlite::Connection::open(target).expect("open");
    conn.execute_batch(
        "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;
         PRAGMA temp_store = MEMORY; PRAGMA wal_autocheckpoint = 0;
         PRAGMA cache_size = -131072;",
    )
    .expect("pragmas");
    for (i, desk) in desks.iter().enumerate() {
        conn.execute(
            &format!("ATTACH DATABASE ?1 AS d{i}"),
            [desk.to_string_lossy()],
        )
        .expect("attach");
    }
    let columns = |table: &str| -> Vec<String> {
        let mut stmt = conn
            .prepare(&format!("SELECT name FROM pragma_table_info('{table}')"))
            .expect("columns");
        stmt.query_map([], |r| r.get(0))
            .expect("columns")
            .collect::<Result<_, _>>()
            .expect("columns")
    };
    let mut sql = String::from("BEGIN IMMEDIATE; DROP TRIGGER interest_counted;");
    for i in 0..desks.len() {
        sql.push_str(&format!(
            "CREATE TEMP TABLE new_audit_{i} AS SELECT * FROM d{i}.audit
                WHERE rowid IN (SELECT a.rowid FROM d{i}.audit a
                                WHERE NOT EXISTS (SELECT 1 FROM main.audit m WHERE m.id = a.id));
             INSERT INTO main.audit SELECT * FROM temp.new_audit_{i} ORDER BY rowid;"
        ));
        for table in ["organization", "interest"] {
            let set = columns(table)
                .iter()
                .filter(|c| {
                    !["id", "enterprise_id", "achievement_id", "created_at"].contains(&c.as_str())
                })
                .map(|c| format!("\"{c}\" = x.\"{c}\""))
                .collect::<Vec<_>>()
                .join(", ");
            sql.push_str(&format!(
                "INSERT OR IGNORE INTO main.{table} SELECT * FROM d{i}.{table}
                    WHERE id IN (SELECT entity_id FROM temp.new_audit_{i} WHERE entity = '{table}')
                    ORDER BY id;
                 UPDATE main.{table} SET {set} FROM d{i}.{table} x
                    WHERE x.id = main.{table}.id AND x.updated_at > main.{table}.updated_at
                      AND x.id IN (SELECT entity_id FROM temp.new_audit_{i} WHERE entity = '{table}');"
            ));
        }
    }
    sql.push_str("COMMIT; PRAGMA wal_checkpoint(PASSIVE);");
    conn.execute_batch(&sql).expect("writes alone");
}

fn benches(c: &mut Criterion) {
    let temp = tempfile::tempdir().expect("temp dir");
    let dir = match std::env::var_os("FAIRDESK_BENCH_DIR") {
        Some(d) => {
            std::fs::create_dir_all(&d).expect("bench dir");
            PathBuf::from(d)
        }
        None => temp.path().to_path_buf(),
    };
    let started = Instant::now();
    let kept = ["main.db", "desk-a.db", "desk-b.db"]
        .iter()
        .all(|f| dir.join(f).is_file());
    let (base, desk_a, desk_b) = files(&dir);
    if kept {
        eprintln!("desk files reused from {}", dir.display());
    } else {
        eprintln!("desk files made in {:.1?}", started.elapsed());
    }
    let target = temp.path().join("target.db");

    // Once, outside the measurement: the merge brings in what the desks recorded.
    let mut store = fresh_copy(&base, &target);
    let before = store.tallies().expect("tallies").interests.total;
    let started = Instant::now();
    let mut reports = Vec::new();
    store
        .merge_files(&[desk_a.clone(), desk_b.clone()], false, |r| {
            reports.push(r.clone())
        })
        .expect("merge");
    let (a, b) = (&reports[0], &reports[1]);
    eprintln!(
        "one merge of both desks: {:.2?} (added {} + {}, updated {} + {}, interests {} → {})",
        started.elapsed(),
        a.findings.added_total(),
        b.findings.added_total(),
        a.findings.updated_total(),
        b.findings.updated_total(),
        before,
        store.tallies().expect("tallies").interests.total
    );
    assert!(a.findings.added_total() > 0 && b.findings.added_total() > 0);
    let merged_interests: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM interest", [], |r| r.get(0))
        .expect("count");
    drop(store);
    drop(fresh_copy(&base, &target));
    let started = Instant::now();
    writes_alone(&target, &[desk_a.clone(), desk_b.clone()]);
    let written: i64 = rusqlite::Connection::open(&target)
        .and_then(|c| c.query_row("SELECT count(*) FROM interest", [], |r| r.get(0)))
        .expect("count");
    eprintln!(
        "the reference, their writes alone: {:.2?} (interests {written}; the merge: {merged_interests})",
        started.elapsed()
    );

    let files = [desk_a, desk_b];
    let mut group = c.benchmark_group("merge_desks");
    group.sample_size(10);
    group.bench_function(
        format!("two desk files at {} achievements", achievements()),
        |bench| {
            bench.iter_batched(
                || fresh_copy(&base, &target),
                |mut store| {
                    store.merge_files(&files, false, |_| {}).expect("merge");
                    store
                },
                BatchSize::PerIteration,
            )
        },
    );
    // The same run's reference (see `writes_alone`), on a fresh copy each time.
    group.bench_function(
        format!("their writes alone at {} achievements", achievements()),
        |bench| {
            bench.iter_batched(
                || drop(fresh_copy(&base, &target)),
                |()| writes_alone(&target, &files),
                BatchSize::PerIteration,
            )
        },
    );
    group.finish();
}

criterion_group!(merge_scale, benches);
criterion_main!(merge_scale);
