//! Merging desk files: random records split over 2–4 desk files with random overlaps and
//! conflicting edits, merged in random orders (and some twice), always give the same
//! records and tallies; nothing is lost or doubled; every injected conflict is reported.
//! Plus the command line: refusing another fair, never changing the file read, codes.
mod support;

use chrono::TimeZone;
use fairdesk::domain::achievement::AchievementInput;
use fairdesk::domain::agreement::AgreementInput;
use fairdesk::domain::clock::FixedClock;
use fairdesk::domain::credit_code::compute_check_char;
use fairdesk::domain::fair::FairInput;
use fairdesk::domain::interest::InterestInput;
use fairdesk::domain::organization::OrganizationInput;
use fairdesk::store::Store;
use fairdesk::store::merge::model::{FileModel, Row};
use fairdesk::store::merge::read_desk_file;
use fairdesk::store::merge::resolve::{business, version_of};
use fairdesk::store::merge::spec::Entity;
use proptest::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

const BASE_ENTERPRISES: usize = 4;
const BASE_ACHIEVEMENTS: usize = 4;
const REGIONS: &[&str] = &["包头市", "赤峰市", "鄂尔多斯市", "呼和浩特市"];
const LEVELS: &[&str] = &["咨询", "有意向", "深度洽谈"];

fn credit_code(series: u32, n: usize) -> String {
    let first17 = format!("91150{series}00MA0N{n:05}");
    let check = compute_check_char(&first17).expect("17 valid characters");
    format!("{first17}{check}")
}

fn clock(minutes: i64) -> Arc<FixedClock> {
    let start = chrono::Utc.with_ymd_and_hms(2019, 12, 10, 1, 0, 0).unwrap();
    Arc::new(FixedClock::at(start + chrono::Duration::minutes(minutes)))
}

/// The shared starting file every desk copied before the network went away.
fn make_base(path: &Path) {
    let mut s = Store::open_with_clock(path, "desk-hq", clock(0)).unwrap();
    s.create_fair(&FairInput {
        name: "合并测试对接会".into(),
        ..Default::default()
    })
    .unwrap();
    s.create_organization(&OrganizationInput {
        name: "内蒙古大学".into(),
        kind: "university".into(),
        ..Default::default()
    })
    .unwrap();
    for e in 0..BASE_ENTERPRISES {
        s.create_organization(&OrganizationInput {
            name: format!("基础企业{e}"),
            kind: "enterprise".into(),
            credit_code: credit_code(1, e),
            region: REGIONS[e % REGIONS.len()].into(),
            ..Default::default()
        })
        .unwrap();
    }
    for a in 0..BASE_ACHIEVEMENTS {
        s.create_achievement(&AchievementInput {
            title: format!("基础成果{a}"),
            holder: "内蒙古大学".into(),
            field: "稀土".into(),
            ..Default::default()
        })
        .unwrap();
    }
    for a in 0..2 {
        s.log_interest(&InterestInput {
            enterprise: "O002".into(),
            achievement: format!("A00{}", a + 1),
            level: "咨询".into(),
            ..Default::default()
        })
        .unwrap();
    }
    s.create_agreement(&AgreementInput {
        buyer: "O003".into(),
        achievements: "A001".into(),
        contract_type: "技术转让".into(),
        contract_amount: "100万".into(),
        tech_amount: "80万".into(),
        ..Default::default()
    })
    .unwrap();
}

/// What one desk does while offline.
#[derive(Debug, Clone)]
enum Op {
    /// A new enterprise; `shared` picks a credit code from a pool all desks draw from,
    /// so two desks may register the same enterprise.
    NewEnterprise {
        shared: Option<usize>,
        region: usize,
    },
    NewAchievement,
    EditEnterprise {
        which: usize,
        region: usize,
    },
    EditAchievement {
        which: usize,
        price: u32,
    },
    Interest {
        enterprise: usize,
        achievement: usize,
        level: usize,
    },
    Withdraw {
        which: usize,
    },
    CorrectAgreement {
        contract: u32,
    },
    CheckIn {
        which: usize,
    },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => (proptest::option::of(0..3usize), 0..4usize)
            .prop_map(|(shared, region)| Op::NewEnterprise { shared, region }),
        1 => Just(Op::NewAchievement),
        1 => (0..BASE_ENTERPRISES, 0..4usize).prop_map(|(which, region)| Op::EditEnterprise { which, region }),
        1 => (0..BASE_ACHIEVEMENTS, 1..50u32).prop_map(|(which, price)| Op::EditAchievement { which, price }),
        1 => (0..8usize, 0..6usize, 0..3usize).prop_map(|(enterprise, achievement, level)| Op::Interest {
            enterprise,
            achievement,
            level
        }),
        1 => (0..BASE_ACHIEVEMENTS).prop_map(|which| Op::Withdraw { which }),
        1 => (100..300u32).prop_map(|contract| Op::CorrectAgreement { contract }),
        1 => (0..8usize).prop_map(|which| Op::CheckIn { which }),
    ]
}

fn run_desk(path: &Path, desk: usize, start_minute: i64, ops: &[Op]) {
    let mut s = Store::open_with_clock(path, &format!("desk-{desk}"), clock(start_minute)).unwrap();
    let enterprises = |s: &Store| -> Vec<String> {
        s.organizations(true)
            .unwrap()
            .into_iter()
            .filter(|o| o.data.kind == "enterprise")
            .map(|o| o.id)
            .collect()
    };
    for (n, op) in ops.iter().enumerate() {
        // Failures (a credit code this desk already has, a withdrawn achievement) are
        // the desk's own business: the op is skipped, as a clerk would.
        match op {
            Op::NewEnterprise { shared, region } => {
                let _ = s.create_organization(&OrganizationInput {
                    name: format!("第{desk}台登记企业{n}"),
                    kind: "enterprise".into(),
                    credit_code: shared.map(|k| credit_code(2, k)).unwrap_or_default(),
                    region: REGIONS[*region].into(),
                    ..Default::default()
                });
            }
            Op::NewAchievement => {
                let _ = s.create_achievement(&AchievementInput {
                    title: format!("第{desk}台成果{n}"),
                    holder: "内蒙古大学".into(),
                    field: "新材料".into(),
                    ..Default::default()
                });
            }
            Op::EditEnterprise { which, region } => {
                let id = &enterprises(&s)[*which];
                let mut input = s.organization(id).unwrap().data.to_input();
                input.region = REGIONS[*region].into();
                input.note = format!("第{desk}台修改");
                let _ = s.update_organization(id, &input);
            }
            Op::EditAchievement { which, price } => {
                let a = s.achievements(true).unwrap()[*which].clone();
                let mut input = a.data.to_input("内蒙古大学");
                input.asking_price = format!("{price}万");
                let _ = s.update_achievement(&a.id, &input);
            }
            Op::Interest {
                enterprise,
                achievement,
                level,
            } => {
                let list = enterprises(&s);
                let achievements = s.achievements(false).unwrap();
                if achievements.is_empty() {
                    continue;
                }
                let _ = s.log_interest(&InterestInput {
                    enterprise: list[enterprise % list.len()].clone(),
                    achievement: achievements[achievement % achievements.len()].id.clone(),
                    level: LEVELS[*level].into(),
                    note: format!("第{desk}台"),
                    ..Default::default()
                });
            }
            Op::Withdraw { which } => {
                let id = s.achievements(true).unwrap()[*which].id.clone();
                let _ = s.withdraw_achievement(&id, &format!("第{desk}台撤回"));
            }
            Op::CorrectAgreement { contract } => {
                let id = s.agreements().unwrap()[0].id.clone();
                let _ = s.correct_agreement_amounts(&id, &format!("{contract}万"), "80万");
            }
            Op::CheckIn { which } => {
                let list = enterprises(&s);
                let _ = s.check_in(&list[which % list.len()], &format!("第{desk}台"), "");
            }
        }
    }
}

fn copy(from: &Path, to: &Path) {
    fairdesk::store::backup::snapshot(from, to).unwrap();
}

/// Merges `files` into a fresh copy of `base`; returns the result and every conflict
/// reported on the way (entity, entity id).
fn merge_all(base: &Path, into: &Path, files: &[&Path]) -> BTreeSet<(String, String)> {
    copy(base, into);
    let mut s = Store::open_with_clock(into, "desk-hq", clock(600)).unwrap();
    let mut reported = BTreeSet::new();
    for f in files {
        let r = s.merge_file(f, false).unwrap();
        for c in r.findings.conflicts {
            reported.insert((c.entity.table().to_string(), c.entity_id));
        }
    }
    reported
}

/// A file's content, minus what may differ between merge orders: display codes, when
/// and where a conflict was found, and the merges' own audit rows.
#[derive(Debug, PartialEq)]
struct Canonical {
    records: BTreeMap<(String, String), String>,
    links: BTreeSet<(String, String)>,
    checkins: BTreeMap<String, String>,
    aliases: BTreeMap<(String, String), String>,
    audit: BTreeSet<String>,
    open_conflicts: BTreeSet<(String, String, String)>,
    tallies: serde_json::Value,
}

fn open_conflicts(m: &FileModel) -> BTreeSet<(String, String, String)> {
    m.conflicts
        .values()
        .filter(|c| c.str("status") == "open")
        .map(|c| {
            let entity = Entity::from_table(c.str("entity")).unwrap();
            let v = remap(m, entity, version_of(c).unwrap());
            (
                entity.table().to_string(),
                c.str("entity_id").to_string(),
                business(entity, &v),
            )
        })
        .collect()
}

/// A row's references through the file's aliases (a set-aside version may predate them).
fn remap(m: &FileModel, entity: Entity, mut row: Row) -> Row {
    for r in entity.references() {
        let id = row.str(r.column).to_string();
        if let Some(c) = m.aliases.get(&(r.target.table().to_string(), id)) {
            row.set(r.column, c.clone());
        }
    }
    row
}

fn canonical(path: &Path) -> Canonical {
    let m = read_desk_file(path).unwrap();
    let mut records = BTreeMap::new();
    for e in Entity::ALL {
        for (id, row) in m.table(e) {
            let mut row = row.clone();
            row.0.remove("code");
            records.insert(
                (e.table().to_string(), id.clone()),
                serde_json::to_string(&row.0).unwrap(),
            );
        }
    }
    let s = Store::open(path, "reader").unwrap();
    let mut tallies = serde_json::to_value(s.tallies().unwrap()).unwrap();
    for top in tallies["top_achievements"].as_array_mut().unwrap() {
        top.as_object_mut().unwrap().remove("code");
    }
    Canonical {
        records,
        links: m.links.clone(),
        checkins: m
            .checkins
            .values()
            .map(|c| (c.str("organization_id").to_string(), c.id().to_string()))
            .collect(),
        aliases: m.aliases.clone(),
        audit: m
            .audit
            .iter()
            .filter(|(_, a)| a.entity() != "merge")
            .map(|(id, _)| id.clone())
            .collect(),
        open_conflicts: open_conflicts(&m),
        tallies,
    }
}

/// Content-changing audit ids of one record in one file.
fn history(m: &FileModel, table: &str, id: &str) -> BTreeSet<String> {
    m.audit
        .iter()
        .filter(|(_, a)| a.entity() == table && a.entity_id() == id && a.changes_content())
        .map(|(aid, _)| aid.clone())
        .collect()
}

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
            proptest::collection::vec((0..3i64, proptest::collection::vec(op(), 0..10)), desks),
            Just((0..desks).collect::<Vec<_>>()).prop_shuffle(),
            Just((0..desks).collect::<Vec<_>>()).prop_shuffle(),
        )
    })
}

proptest! {
    // MERGE_CASES=300 runs a longer search.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("MERGE_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(24),
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

#[test]
fn an_organizer_reviews_conflicts_keeping_one_and_reversing_another() {
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path().join("base.db");
    make_base(&base);
    let desks: Vec<PathBuf> = (0..2)
        .map(|n| {
            let path = dir.path().join(format!("desk-{n}.db"));
            copy(&base, &path);
            run_desk(
                &path,
                n,
                n as i64,
                &[
                    Op::EditAchievement {
                        which: 0,
                        price: 10 + n as u32,
                    },
                    Op::EditEnterprise {
                        which: 1,
                        region: n + 1,
                    },
                ],
            );
            path
        })
        .collect();
    let into = dir.path().join("merged.db");
    merge_all(&base, &into, &[&desks[0], &desks[1]]);
    let mut s = Store::open_with_clock(&into, "desk-hq", clock(900)).unwrap();
    let open: Vec<_> = s.conflicts().unwrap();
    assert_eq!(open.len(), 2);
    assert_eq!(s.open_conflict_count().unwrap(), 2);
    let achievement = open
        .iter()
        .find(|c| c.entity == Entity::Achievement)
        .unwrap();
    assert_eq!(achievement.code.as_deref(), Some("A001"));
    // Desk 1 edited later: its price is the record, desk 0's waits.
    let price = achievement
        .differences
        .iter()
        .find(|d| d.column == "asking_price_fen")
        .unwrap();
    assert_eq!(
        (price.current.as_i64(), price.set_aside.as_i64()),
        (Some(11_000_000), Some(10_000_000))
    );
    s.reverse_conflict(&achievement.id).unwrap();
    let a = s.achievement(&achievement.entity_id).unwrap();
    assert_eq!(a.data.asking_price.map(|m| m.fen()), Some(10_000_000));
    let organization = open
        .iter()
        .find(|c| c.entity == Entity::Organization)
        .unwrap();
    s.keep_conflict(&organization.id).unwrap();
    assert!(
        s.keep_conflict(&organization.id).is_err(),
        "only an open conflict is decided"
    );
    assert_eq!(s.open_conflict_count().unwrap(), 0);
    let statuses: BTreeSet<String> = s
        .conflicts()
        .unwrap()
        .into_iter()
        .map(|c| c.status)
        .collect();
    assert_eq!(
        statuses,
        BTreeSet::from(["kept".to_string(), "reversed".to_string()])
    );
    let history =
        fairdesk::store::audit::history(s.conn(), "achievement", &achievement.entity_id).unwrap();
    let last = history.last().unwrap();
    assert_eq!(
        last.changes["asking_price_fen"][0], 11_000_000,
        "the replaced price stays in the audit trail"
    );
    assert!(s.check().unwrap().all_hold());
    // Merging the desk files again changes nothing and reopens nothing.
    let again = s.merge_file(&desks[0], false).unwrap();
    assert!(!again.findings.changed_anything());
    assert_eq!(s.open_conflict_count().unwrap(), 0);
}

#[test]
fn the_command_refuses_another_fair_unless_forced_and_never_changes_the_desk_file() {
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path().join("base.db");
    make_base(&base);
    let other = dir.path().join("other.db");
    {
        let mut s = Store::open_with_clock(&other, "desk-x", clock(5)).unwrap();
        s.create_fair(&FairInput {
            name: "另一场对接会".into(),
            ..Default::default()
        })
        .unwrap();
        s.create_organization(&OrganizationInput {
            name: "内蒙古大学".into(),
            kind: "university".into(),
            ..Default::default()
        })
        .unwrap();
        s.create_achievement(&AchievementInput {
            title: "另一场的成果".into(),
            holder: "内蒙古大学".into(),
            field: "稀土".into(),
            ..Default::default()
        })
        .unwrap();
    }
    let before = std::fs::read(&other).unwrap();
    let (code, out, err) = support::run_with_input(&base, &["merge", other.to_str().unwrap()], "");
    assert_eq!(code, 2, "{out}");
    assert!(
        err.contains("属于另一场对接会") && err.contains("--force"),
        "{err}"
    );
    assert_eq!(
        support::count(&base, "SELECT count(*) FROM achievement"),
        BASE_ACHIEVEMENTS as i64
    );
    let (code, out, err) = support::run_with_input(
        &base,
        &["--lang", "en", "merge", "--force", other.to_str().unwrap()],
        "",
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("records added: 2"), "{out}");
    // A001 was taken here: the incoming achievement got the next free code.
    assert!(out.contains("A001 → A005"), "{out}");
    assert!(out.contains("records unified: 0"), "{out}");
    assert_eq!(
        std::fs::read(&other).unwrap(),
        before,
        "the desk file was only read"
    );
    let (code, out, _) =
        support::run_with_input(&base, &["merge", other.to_str().unwrap(), "--force"], "");
    assert_eq!(code, 0);
    assert!(
        out.contains("没有新内容"),
        "merging twice changes nothing: {out}"
    );
    let (code, _, err) = support::run_with_input(&base, &["merge", base.to_str().unwrap()], "");
    assert_eq!(code, 2);
    assert!(err.contains("要合并进的文件本身"), "{err}");
}
