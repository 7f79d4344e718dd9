//! The merge reads only the rows a desk changed (and the rows here they touch); the
//! merge on both whole files read into memory is kept as the reference. On random desk
//! files — some of which merged another desk's file first, so they bring aliases and
//! conflicts of their own — merged in random orders and once more, both give the same
//! findings at every step and the same file, every table row for row.
mod support;

use fairdesk::store::Store;
use fairdesk::store::merge::MergeReport;
use proptest::prelude::*;
use rusqlite::Connection;
use rusqlite::types::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use support::merging::*;

/// Every table of a file, rows sorted; the merges' own audit rows (new ids each time)
/// only by what they say.
fn dump(path: &Path) -> BTreeMap<String, Vec<Vec<Value>>> {
    let conn = Connection::open(path).unwrap();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut out = BTreeMap::new();
    for table in tables {
        let mut stmt = conn.prepare(&format!("SELECT * FROM {table}")).unwrap();
        let n = stmt.column_count();
        let names: Vec<String> = stmt.column_names().map(|c| c.to_string()).collect();
        let mut rows: Vec<Vec<Value>> = stmt
            .query_map([], |r| (0..n).map(|i| r.get::<_, Value>(i)).collect())
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        if table == "audit" {
            let col = |name: &str| names.iter().position(|c| c == name).unwrap();
            let (entity, changes) = (col("entity"), col("changes"));
            for row in &mut rows {
                if row[entity] == Value::Text("merge".into()) {
                    *row = vec![row[entity].clone(), row[changes].clone()];
                }
            }
        }
        rows.sort_by_key(|r| format!("{r:?}"));
        out.insert(table, rows);
    }
    out
}

/// Two copies of `base` in `dir`, one for the narrowed merge and one for the whole-file
/// merge, each open as the organizers' desk.
fn two_copies(dir: &Path, base: &Path) -> (PathBuf, PathBuf, Store, Store) {
    let narrowed = dir.join("narrowed.db");
    let whole = dir.join("whole.db");
    copy(base, &narrowed);
    copy(base, &whole);
    let n = Store::open_with_clock(&narrowed, "desk-hq", clock(600)).unwrap();
    let w = Store::open_with_clock(&whole, "desk-hq", clock(600)).unwrap();
    (narrowed, whole, n, w)
}

fn same_report(a: &MergeReport, b: &MergeReport) -> bool {
    a.findings == b.findings && a.source_fair == b.source_fair && a.forced == b.forced
}

/// Each desk's clock start and operations, which desks first merge which other desk's
/// file, and the order the files are merged into the main file.
type Scenario = (Vec<(i64, Vec<Op>)>, Vec<(usize, usize)>, Vec<usize>);

fn scenario() -> impl Strategy<Value = Scenario> {
    (2..=4usize).prop_flat_map(|desks| {
        (
            proptest::collection::vec((0..3i64, proptest::collection::vec(op(2), 0..12)), desks),
            proptest::collection::vec((0..desks, 0..desks), 0..3),
            Just((0..desks).collect::<Vec<_>>()).prop_shuffle(),
        )
    })
}

proptest! {
    // MERGE_CASES=200 runs a longer search.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("MERGE_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(32),
        max_shrink_iters: 64,
        ..ProptestConfig::default()
    })]

    #[test]
    fn the_narrowed_merge_gives_the_file_the_whole_merge_gives((desks, chains, order) in scenario()) {
        let dir = tempfile::tempdir().unwrap();
        let base = dir.path().join("base.db");
        make_base(&base);
        let mut files: Vec<PathBuf> = Vec::new();
        for (n, (start, ops)) in desks.iter().enumerate() {
            let path = dir.path().join(format!("desk-{n}.db"));
            copy(&base, &path);
            run_desk(&path, n, *start, ops);
            files.push(path);
        }
        // Desk files that took in another desk's work before coming here.
        for (into, from) in chains {
            if into != from {
                let mut s = Store::open_with_clock(&files[into], &format!("desk-{into}"), clock(300)).unwrap();
                s.merge_file(&files[from], false).unwrap();
            }
        }
        let (narrowed, whole, mut n, mut w) = two_copies(dir.path(), &base);
        let mut sequence: Vec<&Path> = order.iter().map(|&i| files[i].as_path()).collect();
        sequence.push(sequence[0]);
        for f in sequence {
            let a = n.merge_file(f, false).unwrap();
            let b = w.merge_file_whole(f, false).unwrap();
            prop_assert!(same_report(&a, &b), "{}: {:?}\n{:?}", f.display(), a.findings, b.findings);
        }
        // The interests written in bulk left every counter as a recount gives it.
        let checked = n.check().unwrap();
        prop_assert!(checked.all_hold(), "{:?}", checked.results);
        drop((n, w));
        let (dn, dw) = (dump(&narrowed), dump(&whole));
        for (table, rows) in &dw {
            prop_assert_eq!(dn.get(table), Some(rows), "table {}", table);
        }
        prop_assert_eq!(dn.len(), dw.len());
    }
}

/// A desk file written by an older fairdesk (here the first schema version) is merged
/// through an upgraded copy, gives what the same desk's current file gives, and is
/// left untouched.
#[test]
fn a_desk_file_of_an_older_schema_version_still_merges() {
    let dir = tempfile::tempdir().unwrap();
    let (base, desk) = base_and_desk_copy(dir.path());
    run_desk(
        &desk,
        1,
        1,
        &[
            Op::NewEnterprise {
                shared: Some(1),
                region: 2,
            },
            Op::EditEnterprise {
                which: 1,
                region: 3,
            },
            Op::Interest {
                enterprise: 4,
                achievement: 2,
                level: 1,
            },
            Op::EditAchievement { which: 0, price: 7 },
            Op::CheckIn { which: 2 },
        ],
    );
    // The same content in a file of schema version 1.
    let old = dir.path().join("old.db");
    {
        let conn = Connection::open(&old).unwrap();
        conn.execute_batch(fairdesk::store::migrations::MIGRATIONS[0])
            .unwrap();
        conn.pragma_update(
            None,
            "application_id",
            fairdesk::store::migrations::APPLICATION_ID,
        )
        .unwrap();
        conn.pragma_update(None, "user_version", 1).unwrap();
        conn.execute("ATTACH DATABASE ?1 AS d", [desk.to_str().unwrap()])
            .unwrap();
        for table in [
            "fair",
            "organization",
            "achievement",
            "need",
            "interest",
            "meeting",
            "agreement",
            "agreement_achievement",
            "checkin",
            "audit",
        ] {
            conn.execute(
                &format!("INSERT INTO main.{table} SELECT * FROM d.{table}"),
                [],
            )
            .unwrap();
        }
        conn.execute("DETACH DATABASE d", []).unwrap();
    }
    let old_bytes = std::fs::read(&old).unwrap();

    let from_old = dir.path().join("from-old.db");
    let from_current = dir.path().join("from-current.db");
    copy(&base, &from_old);
    copy(&base, &from_current);
    let a = Store::open_with_clock(&from_old, "desk-hq", clock(600))
        .unwrap()
        .merge_file(&old, false)
        .unwrap();
    let b = Store::open_with_clock(&from_current, "desk-hq", clock(600))
        .unwrap()
        .merge_file(&desk, false)
        .unwrap();
    assert_eq!(a.findings, b.findings);
    assert!(a.findings.added_total() >= 2, "{:?}", a.findings);
    assert_eq!(a.findings.updated_total(), 2, "{:?}", a.findings);
    // The same file, but for the merge's own audit row, which names the merged file.
    let without_merge_row = |path: &Path| {
        let mut d = dump(path);
        d.get_mut("audit").unwrap().retain(|row| row.len() != 2);
        d
    };
    assert_eq!(
        without_merge_row(&from_old),
        without_merge_row(&from_current)
    );
    assert_eq!(
        std::fs::read(&old).unwrap(),
        old_bytes,
        "the desk file was only read"
    );
}

/// Two desks register the same enterprise (one credit code) and each logs an interest
/// of it in the same achievement, besides interests that meet nothing. Merging the
/// second desk joins its enterprise to the first's, so its interest becomes the first
/// desk's interest (one record, not two beside each other), while the interests that
/// meet nothing are written as they are; both merges give what the whole-file merge
/// gives, and the counters equal a recount.
#[test]
fn an_interest_at_an_enterprise_joined_by_credit_code_is_joined_too() {
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path().join("base.db");
    make_base(&base);
    let mut files = Vec::new();
    for desk in 0..2usize {
        let path = dir.path().join(format!("desk-{desk}.db"));
        copy(&base, &path);
        let mut s = Store::open_with_clock(&path, &format!("desk-{desk}"), clock(10 + desk as i64))
            .unwrap();
        let org = s
            .create_organization(&fairdesk::domain::organization::OrganizationInput {
                name: format!("第{desk}台登记的同一企业"),
                kind: "enterprise".into(),
                credit_code: credit_code(2, 7),
                region: "包头市".into(),
                ..Default::default()
            })
            .unwrap();
        for (enterprise, achievement) in [
            (org.code.clone(), "A002"),
            ("O003".to_string(), ["A003", "A004"][desk]),
        ] {
            s.log_interest(&fairdesk::domain::interest::InterestInput {
                enterprise,
                achievement: achievement.into(),
                level: ["咨询", "深度洽谈"][desk].into(),
                note: format!("第{desk}台"),
                ..Default::default()
            })
            .unwrap();
        }
        files.push(path);
    }
    let (narrowed, whole, mut n, mut w) = two_copies(dir.path(), &base);
    let mut reports = Vec::new();
    for f in &files {
        let a = n.merge_file(f, false).unwrap();
        let b = w.merge_file_whole(f, false).unwrap();
        assert!(same_report(&a, &b), "{:?}\n{:?}", a.findings, b.findings);
        reports.push(a);
    }
    let joined: Vec<_> = reports[1]
        .findings
        .unified
        .iter()
        .map(|u| u.entity)
        .collect();
    assert!(
        joined.contains(&fairdesk::store::merge::spec::Entity::Organization),
        "{joined:?}"
    );
    assert!(
        joined.contains(&fairdesk::store::merge::spec::Entity::Interest),
        "{joined:?}"
    );
    let checked = n.check().unwrap();
    assert!(checked.all_hold(), "{:?}", checked.results);
    let count =
        |s: &Store, sql: &str| -> i64 { s.conn().query_row(sql, [], |r| r.get(0)).unwrap() };
    // The base's two interests, the first desk's two, and the second desk's plain one.
    assert_eq!(count(&n, "SELECT count(*) FROM interest"), 5);
    assert_eq!(
        count(
            &n,
            "SELECT count(*) FROM interest i JOIN organization o ON o.id = i.enterprise_id WHERE o.credit_code IS NOT NULL AND o.name LIKE '%同一企业'"
        ),
        1
    );
    drop((n, w));
    assert_eq!(dump(&narrowed), dump(&whole));
}

/// A second desk whose day meets the first's (the same enterprise × achievement logged
/// at both desks under two ids, a new enterprise at each given the same code) is settled
/// in one round of the rules: the history of the record its interest becomes one with,
/// and the names the report gives, are fetched before the rules run.
#[test]
fn a_second_desk_meeting_the_first_is_settled_in_one_round() {
    use fairdesk::store::merge::narrow;
    use fairdesk::store::merge::resolve::MergeContext;
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path().join("base.db");
    make_base(&base);
    let day = [
        Op::NewEnterprise {
            shared: None,
            region: 0,
        },
        Op::Interest {
            enterprise: 2,
            achievement: 1,
            level: 1,
        },
    ];
    let mut desks = Vec::new();
    for desk in 1..=2 {
        let path = dir.path().join(format!("desk-{desk}.db"));
        copy(&base, &path);
        run_desk(&path, desk, desk as i64, &day);
        desks.push(path);
    }
    let main = dir.path().join("main.db");
    copy(&base, &main);
    Store::open_with_clock(&main, "desk-hq", clock(600))
        .unwrap()
        .merge_file(&desks[0], false)
        .unwrap();
    let conn = Connection::open(&main).unwrap();
    let schema = narrow::desk_schema(0);
    conn.execute(
        &format!("ATTACH DATABASE ?1 AS {schema}"),
        [desks[1].to_string_lossy()],
    )
    .unwrap();
    let tx = conn.unchecked_transaction().unwrap();
    let ctx = MergeContext {
        desk: "desk-hq".into(),
        now: "2019-12-10T10:00:00+08:00".into(),
    };
    let outcome = narrow::merge_attached(&tx, &ctx, &schema).unwrap();
    assert_eq!(outcome.findings.unified.len(), 1, "{:?}", outcome.findings);
    assert_eq!(outcome.findings.recoded.len(), 1, "{:?}", outcome.findings);
    assert_eq!(outcome.rounds, 1);
}
