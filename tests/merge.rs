//! Merging desk files: random records split over 2–4 desk files with random overlaps and
//! conflicting edits, merged in random orders (and some twice), always give the same
//! records and tallies; nothing is lost or doubled; every injected conflict is reported.
mod support;

use fairdesk::store::Store;
use fairdesk::store::merge::model::{FileModel, Row};
use fairdesk::store::merge::read_desk_file;
use fairdesk::store::merge::spec::Entity;
use proptest::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::time::Instant;
use support::merging::*;

/// Records edited (or registered) apart at several desks with different content: for
/// each, how many open conflicts the merged file must hold. Keys are (table, id of the
/// record in the merged file, found through its aliases).
fn expected_conflicts(
    base: &FileModel,
    desks: &[FileModel],
    merged: &FileModel,
) -> BTreeMap<(String, String), usize> {
    let canon = |table: &str, id: &str| {
        merged
            .aliases
            .get(&(table.to_string(), id.to_string()))
            .cloned()
            .unwrap_or_else(|| id.to_string())
    };
    let mut heads: BTreeMap<(String, String), BTreeSet<String>> = BTreeMap::new();
    for e in Entity::ALL {
        let refs: Vec<&str> = e.references().iter().map(|r| r.column).collect();
        let content = |row: &Row| row.fingerprint(|c| e.is_bookkeeping(c) || refs.contains(&c));
        for (id, base_row) in base.table(e) {
            let base_history = history(base, e.table(), id);
            for d in desks {
                if let Some(row) = d.table(e).get(id)
                    && history(d, e.table(), id) != base_history
                {
                    let _ = base_row;
                    heads
                        .entry((e.table().to_string(), canon(e.table(), id)))
                        .or_default()
                        .insert(content(row));
                }
            }
        }
        // The same enterprise's interest in the same achievement logged at several desks.
        if e == Entity::Interest {
            for d in desks {
                for (id, row) in d.table(e) {
                    if base.table(e).contains_key(id) {
                        continue;
                    }
                    heads
                        .entry((e.table().to_string(), canon(e.table(), id)))
                        .or_default()
                        .insert(content(row));
                }
            }
        }
        // The same enterprise registered at several desks (same credit code).
        if e == Entity::Organization {
            for d in desks {
                for (id, row) in d.table(e) {
                    if base.table(e).contains_key(id) || row.text("credit_code").is_none() {
                        continue;
                    }
                    heads
                        .entry((e.table().to_string(), canon(e.table(), id)))
                        .or_default()
                        .insert(content(row));
                }
            }
        }
    }
    heads
        .into_iter()
        .filter(|(_, contents)| contents.len() > 1)
        .map(|(k, contents)| (k, contents.len() - 1))
        .collect()
}

/// Each desk's clock start (minutes) and its operations; two merge orders.
type Scenario = (Vec<(i64, Vec<Op>)>, Vec<usize>, Vec<usize>);

fn scenario() -> impl Strategy<Value = Scenario> {
    (2..=4usize).prop_flat_map(|desks| {
        (
            proptest::collection::vec((0..3i64, proptest::collection::vec(op(1), 0..10)), desks),
            Just((0..desks).collect::<Vec<_>>()).prop_shuffle(),
            Just((0..desks).collect::<Vec<_>>()).prop_shuffle(),
        )
    })
}

proptest! {
    // MERGE_CASES=300 runs a longer search.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("MERGE_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(48),
        max_shrink_iters: 64,
        ..ProptestConfig::default()
    })]

    #[test]
    fn merges_in_any_order_agree_lose_nothing_double_nothing_and_report_every_conflict(
        (desks, order_a, order_b) in scenario()
    ) {
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
        let digests: Vec<Vec<u8>> = files.iter().map(|f| std::fs::read(f).unwrap()).collect();

        // Two orders; the second merges its first file again at the end.
        let a_files: Vec<&Path> = order_a.iter().map(|&i| files[i].as_path()).collect();
        let mut b_files: Vec<&Path> = order_b.iter().map(|&i| files[i].as_path()).collect();
        b_files.push(b_files[0]);
        let merged_a = dir.path().join("merged-a.db");
        let merged_b = dir.path().join("merged-b.db");
        let reported = merge_all(&base, &merged_a, &a_files);
        merge_all(&base, &merged_b, &b_files);
        let (ca, cb) = (canonical(&merged_a), canonical(&merged_b));
        prop_assert_eq!(&ca, &cb);

        // The desk files were only read.
        for (f, before) in files.iter().zip(&digests) {
            prop_assert!(&std::fs::read(f).unwrap() == before, "{} changed", f.display());
        }

        // Nothing lost, nothing doubled: every id of every file resolves to a record of
        // the merged file, and the merged file holds exactly one record per resolved id.
        let m = read_desk_file(&merged_a).unwrap();
        let base_model = read_desk_file(&base).unwrap();
        let desk_models: Vec<FileModel> = files.iter().map(|f| read_desk_file(f).unwrap()).collect();
        for e in Entity::ALL {
            let mut resolved = BTreeSet::new();
            for model in std::iter::once(&base_model).chain(&desk_models) {
                for id in model.table(e).keys() {
                    let c = m.aliases.get(&(e.table().to_string(), id.clone())).cloned().unwrap_or_else(|| id.clone());
                    prop_assert!(m.table(e).contains_key(&c), "{} {} lost", e.table(), id);
                    resolved.insert(c);
                }
            }
            prop_assert_eq!(resolved.len(), m.table(e).len(), "{} doubled", e.table());
        }
        for model in std::iter::once(&base_model).chain(&desk_models) {
            prop_assert!(model.links.iter().all(|l| m.links.contains(l)));
            prop_assert!(model.audit.keys().all(|a| m.audit.contains_key(a)));
        }

        // Every injected conflict is reported and waits for review.
        let expected = expected_conflicts(&base_model, &desk_models, &m);
        let open = open_conflicts(&m);
        let canon = |t: &str, id: &str| m.aliases.get(&(t.to_string(), id.to_string())).cloned().unwrap_or_else(|| id.to_string());
        let reported: BTreeSet<(String, String)> = reported.into_iter().map(|(t, id)| { let c = canon(&t, &id); (t, c) }).collect();
        for ((table, id), n) in &expected {
            prop_assert!(reported.contains(&(table.clone(), id.clone())), "{table} {id} not reported");
            let waiting = open.iter().filter(|(t, i, _)| t == table && i == id).count();
            prop_assert_eq!(waiting, *n, "{} {}", table, id);
        }
        prop_assert_eq!(open.len(), expected.values().sum::<usize>(), "no conflict without cause");
        eprintln!("merge case: desks={} conflicts={} aliases={} records={}", files.len(), open.len(), m.aliases.len(), Entity::ALL.iter().map(|e| m.table(*e).len()).sum::<usize>());

        // Two desk files merged into each other, both ways, agree too.
        let ab = dir.path().join("ab.db");
        let ba = dir.path().join("ba.db");
        copy(&files[0], &ab);
        copy(&files[1], &ba);
        Store::open_with_clock(&ab, "desk-hq", clock(700)).unwrap().merge_file(&files[1], false).unwrap();
        Store::open_with_clock(&ba, "desk-hq", clock(700)).unwrap().merge_file(&files[0], false).unwrap();
        prop_assert_eq!(canonical(&ab), canonical(&ba));

        let check = Store::open(&merged_b, "reader").unwrap().check().unwrap();
        prop_assert!(check.all_hold(), "{:?}", check);
    }
}

/// A fixed scenario with every kind of overlap, timed and counted for the report.
#[test]
fn a_day_of_four_desks_merges_the_same_in_every_order() {
    let started = Instant::now();
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path().join("base.db");
    make_base(&base);
    let plans: Vec<Vec<Op>> = vec![
        vec![
            Op::NewEnterprise {
                shared: Some(0),
                region: 0,
            },
            Op::EditEnterprise {
                which: 0,
                region: 1,
            },
            Op::EditAchievement {
                which: 1,
                price: 10,
            },
            Op::Interest {
                enterprise: 4,
                achievement: 0,
                level: 1,
            },
            Op::NewAchievement,
            Op::CheckIn { which: 1 },
        ],
        vec![
            Op::NewEnterprise {
                shared: Some(0),
                region: 2,
            },
            Op::EditEnterprise {
                which: 0,
                region: 2,
            },
            Op::EditAchievement {
                which: 1,
                price: 20,
            },
            Op::Interest {
                enterprise: 4,
                achievement: 0,
                level: 2,
            },
            Op::NewAchievement,
            Op::CheckIn { which: 1 },
            Op::CorrectAgreement { contract: 150 },
        ],
        vec![
            Op::NewEnterprise {
                shared: Some(0),
                region: 3,
            },
            Op::Withdraw { which: 2 },
            Op::NewAchievement,
            Op::CorrectAgreement { contract: 200 },
        ],
        vec![
            Op::EditAchievement {
                which: 1,
                price: 30,
            },
            Op::NewEnterprise {
                shared: None,
                region: 0,
            },
        ],
    ];
    let files: Vec<PathBuf> = plans
        .iter()
        .enumerate()
        .map(|(n, ops)| {
            let path = dir.path().join(format!("desk-{n}.db"));
            copy(&base, &path);
            run_desk(&path, n, n as i64, ops);
            path
        })
        .collect();
    let orders: [[usize; 4]; 4] = [[0, 1, 2, 3], [3, 2, 1, 0], [2, 0, 3, 1], [1, 3, 0, 2]];
    let mut results = Vec::new();
    let mut first_reported = BTreeSet::new();
    for (n, order) in orders.iter().enumerate() {
        let into = dir.path().join(format!("merged-{n}.db"));
        let list: Vec<&Path> = order.iter().map(|&i| files[i].as_path()).collect();
        let reported = merge_all(&base, &into, &list);
        if n == 0 {
            first_reported = reported;
        }
        results.push(canonical(&into));
    }
    for r in &results[1..] {
        assert_eq!(r, &results[0]);
    }
    let merged = read_desk_file(&dir.path().join("merged-0.db")).unwrap();
    let open = open_conflicts(&merged);
    // Organization O002 (region edited at desks 0 and 1), achievement A002 (price at
    // desks 0, 1 and 3: two set aside), the shared enterprise (three registrations:
    // two set aside), the agreement (desks 1 and 2), the interest of the shared
    // enterprise in A001 (desks 0 and 1).
    let by_table: HashMap<String, usize> =
        open.iter().fold(HashMap::new(), |mut acc, (t, _, _)| {
            *acc.entry(t.clone()).or_default() += 1;
            acc
        });
    assert_eq!(by_table.get("organization"), Some(&3), "{open:?}");
    assert_eq!(by_table.get("achievement"), Some(&2), "{open:?}");
    assert_eq!(by_table.get("agreement"), Some(&1), "{open:?}");
    assert_eq!(by_table.get("interest"), Some(&1), "{open:?}");
    assert_eq!(first_reported.len(), 5, "{first_reported:?}");
    let shared: Vec<_> = merged
        .table(Entity::Organization)
        .values()
        .filter(|o| o.text("credit_code") == Some(credit_code(2, 0).as_str()))
        .collect();
    assert_eq!(
        shared.len(),
        1,
        "the enterprise registered at three desks is one"
    );
    assert_eq!(merged.checkins.len(), 1, "one check-in per enterprise");
    eprintln!(
        "4 desks merged in 4 orders in {:.1} s: {} records, {} open conflicts, {} aliases",
        started.elapsed().as_secs_f64(),
        Entity::ALL
            .iter()
            .map(|e| merged.table(*e).len())
            .sum::<usize>(),
        open.len(),
        merged.aliases.len()
    );
}

/// Several files in one call are merged in one transaction and reported once written. A
/// file that cannot be merged, found before the writing (missing) or during it (a
/// damaged table), leaves the main file as it was; the connection's automatic
/// checkpoints are back as they were either way.
#[test]
fn merging_several_files_merges_none_when_one_cannot_be_merged() {
    let dir = tempfile::tempdir().unwrap();
    let (base, desk) = base_and_desk_copy(dir.path());
    run_desk(
        &desk,
        1,
        5,
        &[Op::Interest {
            enterprise: 3,
            achievement: 3,
            level: 2,
        }],
    );
    let damaged = dir.path().join("damaged.db");
    damaged_copy(&desk, &damaged);
    let into = dir.path().join("into.db");
    copy(&base, &into);
    let mut s = Store::open_with_clock(&into, "desk-hq", clock(60)).unwrap();
    let checkpoints = |s: &Store| -> i64 {
        s.conn()
            .pragma_query_value(None, "wal_autocheckpoint", |r| r.get(0))
            .unwrap()
    };
    let before = checkpoints(&s);
    let interests = |s: &Store| -> i64 {
        s.conn()
            .query_row("SELECT count(*) FROM interest", [], |r| r.get(0))
            .unwrap()
    };
    let audit_rows = |s: &Store| -> i64 {
        s.conn()
            .query_row("SELECT count(*) FROM audit", [], |r| r.get(0))
            .unwrap()
    };
    assert_eq!(interests(&s), 2);
    let audit_before = audit_rows(&s);
    let missing = dir.path().join("not-there.db");
    for (files, named) in [
        (vec![desk.clone(), missing, desk.clone()], "not-there.db"),
        (vec![desk.clone(), damaged], "damaged.db"),
    ] {
        let mut reported = Vec::new();
        let err = s
            .merge_files(&files, false, |r| reported.push(r.source.clone()))
            .unwrap_err();
        let message = err.message(fairdesk::domain::lang::Lang::En);
        assert!(message.contains(named), "{message}");
        assert!(reported.is_empty(), "nothing is reported as merged");
        assert_eq!(interests(&s), 2, "the desk before it is not merged either");
        assert_eq!(audit_rows(&s), audit_before);
        assert_eq!(checkpoints(&s), before);
    }
    let mut reported = Vec::new();
    s.merge_files(&[desk.clone(), desk.clone()], false, |r| {
        reported.push(r.findings.added_total())
    })
    .unwrap();
    assert_eq!(
        reported,
        vec![1, 0],
        "the same file twice: the second adds nothing"
    );
    assert_eq!(interests(&s), 3);
    assert_eq!(checkpoints(&s), before);
    let mut again = Vec::new();
    s.merge_files(std::slice::from_ref(&desk), false, |r| {
        again.push(r.findings.added_total())
    })
    .unwrap();
    assert_eq!(again, vec![0], "merging it again adds nothing");
    assert!(s.check().unwrap().all_hold());
}

/// More desk files than SQLite attaches by default (ten) are merged in one transaction,
/// in the order given, and reported in that order; each desk's new enterprise (all with
/// the same code at their desks) gets a code of its own. More files than one merge takes
/// are refused before anything is read, with a message saying how many it takes.
#[test]
fn twelve_desk_files_merge_in_one_transaction_and_too_many_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path().join("base.db");
    make_base(&base);
    let mut desks = Vec::new();
    for desk in 1..=12 {
        let path = dir.path().join(format!("desk-{desk}.db"));
        copy(&base, &path);
        run_desk(
            &path,
            desk,
            desk as i64,
            &[
                Op::NewEnterprise {
                    shared: None,
                    region: desk % 4,
                },
                Op::Interest {
                    enterprise: BASE_ENTERPRISES,
                    achievement: desk,
                    level: desk % 3,
                },
            ],
        );
        desks.push(path);
    }
    let into = dir.path().join("into.db");
    copy(&base, &into);
    let mut s = Store::open_with_clock(&into, "desk-hq", clock(60)).unwrap();

    let too_many: Vec<PathBuf> = (0..200)
        .map(|n| dir.path().join(format!("never-made-{n}.db")))
        .collect();
    let err = s.merge_files(&too_many, false, |_| {}).unwrap_err();
    assert!(err.is_bad_input());
    assert!(
        err.message(fairdesk::domain::lang::Lang::En)
            .contains("at most 125 files and 200 were given"),
        "{}",
        err.message(fairdesk::domain::lang::Lang::En)
    );

    let mut reports = Vec::new();
    s.merge_files(&desks, false, |r| reports.push(r.clone()))
        .unwrap();
    let sources: Vec<_> = reports.iter().map(|r| r.source.clone()).collect();
    assert_eq!(sources, desks, "every file reported, in order");
    assert!(reports.iter().all(|r| r.findings.added_total() == 2));
    let recoded: usize = reports.iter().map(|r| r.findings.recoded.len()).sum();
    assert_eq!(
        recoded, 11,
        "the first desk's code stays, the other eleven move"
    );
    let codes: std::collections::BTreeSet<String> = s
        .organizations(true)
        .unwrap()
        .into_iter()
        .map(|o| o.code)
        .collect();
    assert_eq!(codes.len(), 1 + BASE_ENTERPRISES + 12, "every code its own");
    let merges: i64 = s
        .conn()
        .query_row(
            "SELECT count(*) FROM audit WHERE entity = 'merge'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(merges, 12, "one audit row per file merged");
    assert!(s.check().unwrap().all_hold());
}

/// A merge tells where it is, for the progress bar: each file compared, then written,
/// then the commit and the log copied into the file; a merge that fails stops telling
/// at the file that failed.
#[test]
fn a_merge_tells_each_step_in_order() {
    use fairdesk::store::merge::MergeStep;
    let dir = tempfile::tempdir().unwrap();
    let (base, desk) = base_and_desk_copy(dir.path());
    let damaged = dir.path().join("damaged.db");
    damaged_copy(&desk, &damaged);
    let into = dir.path().join("into.db");
    copy(&base, &into);
    let mut s = Store::open_with_clock(&into, "desk-hq", clock(60)).unwrap();
    let told = |s: &mut Store, files: &[PathBuf]| {
        let mut steps = Vec::new();
        let result = s.merge_files_showing(
            files,
            false,
            |step| {
                steps.push(match step {
                    MergeStep::Reading { file, of, path } => {
                        format!("read {file}/{of} {}", path.file_name().unwrap().display())
                    }
                    MergeStep::Writing { file, of, .. } => format!("write {file}/{of}"),
                    MergeStep::Committing => "commit".into(),
                    MergeStep::Checkpointing => "checkpoint".into(),
                })
            },
            |_| {},
        );
        (result.is_ok(), steps)
    };
    assert_eq!(
        told(&mut s, &[desk.clone(), desk.clone()]),
        (
            true,
            vec![
                "read 0/2 desk.db".to_string(),
                "write 0/2".into(),
                "read 1/2 desk.db".into(),
                "write 1/2".into(),
                "commit".into(),
                "checkpoint".into(),
            ]
        )
    );
    assert_eq!(
        told(&mut s, &[desk.clone(), damaged]),
        (
            false,
            vec![
                "read 0/2 desk.db".to_string(),
                "write 0/2".into(),
                "read 1/2 damaged.db".into(),
            ]
        )
    );
}
