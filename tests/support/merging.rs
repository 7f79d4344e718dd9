//! Desk files for the merge tests: a shared starting fair, what a desk does offline,
//! merging in a given order, and a file's content in a form two merge orders can be
//! compared in.
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
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::Arc;

pub const BASE_ENTERPRISES: usize = 4;
pub const BASE_ACHIEVEMENTS: usize = 4;
const REGIONS: &[&str] = &["包头市", "赤峰市", "鄂尔多斯市", "呼和浩特市"];
const LEVELS: &[&str] = &["咨询", "有意向", "深度洽谈"];

pub fn credit_code(series: u32, n: usize) -> String {
    let first17 = format!("91150{series}00MA0N{n:05}");
    let check = compute_check_char(&first17).expect("17 valid characters");
    format!("{first17}{check}")
}

pub fn clock(minutes: i64) -> Arc<FixedClock> {
    let start = chrono::Utc.with_ymd_and_hms(2019, 12, 10, 1, 0, 0).unwrap();
    Arc::new(FixedClock::at(start + chrono::Duration::minutes(minutes)))
}

/// The shared starting file every desk copied before the network went away.
pub fn make_base(path: &Path) {
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

/// The shared starting file in `dir` and one desk's copy of it: (base, desk).
pub fn base_and_desk_copy(dir: &Path) -> (std::path::PathBuf, std::path::PathBuf) {
    let base = dir.join("base.db");
    make_base(&base);
    let desk = dir.join("desk.db");
    copy(&base, &desk);
    (base, desk)
}

/// What one desk does while offline.
#[derive(Debug, Clone)]
pub enum Op {
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

pub fn run_desk(path: &Path, desk: usize, start_minute: i64, ops: &[Op]) {
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

/// A copy of `desk` whose alias table is gone: it opens as the fair's file, and fails once
/// a merge reads it.
pub fn damaged_copy(desk: &Path, to: &Path) {
    copy(desk, to);
    rusqlite::Connection::open(to)
        .unwrap()
        .execute_batch("DROP TABLE merge_alias;")
        .unwrap();
}

pub fn copy(from: &Path, to: &Path) {
    fairdesk::store::backup::snapshot(from, to).unwrap();
}

/// Merges `files` into a fresh copy of `base`; returns the result and every conflict
/// reported on the way (entity, entity id).
pub fn merge_all(base: &Path, into: &Path, files: &[&Path]) -> BTreeSet<(String, String)> {
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
pub struct Canonical {
    records: BTreeMap<(String, String), String>,
    links: BTreeSet<(String, String)>,
    checkins: BTreeMap<String, String>,
    aliases: BTreeMap<(String, String), String>,
    audit: BTreeSet<String>,
    open_conflicts: BTreeSet<(String, String, String)>,
    tallies: serde_json::Value,
}

pub fn open_conflicts(m: &FileModel) -> BTreeSet<(String, String, String)> {
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
pub fn remap(m: &FileModel, entity: Entity, mut row: Row) -> Row {
    for r in entity.references() {
        let id = row.str(r.column).to_string();
        if let Some(c) = m.aliases.get(&(r.target.table().to_string(), id)) {
            row.set(r.column, c.clone());
        }
    }
    row
}

pub fn canonical(path: &Path) -> Canonical {
    let m = read_desk_file(path).unwrap();
    let mut records = BTreeMap::new();
    for e in Entity::ALL {
        for (id, row) in m.table(e) {
            let mut row = row.clone();
            row.0.remove("code");
            records.insert(
                (e.table().to_string(), id.clone()),
                fairdesk::store::merge::resolve::version_json(&row),
            );
        }
    }
    let s = Store::open(path, "reader").unwrap();
    let mut tallies = serde_json::to_value(s.tallies().unwrap()).unwrap();
    // Codes are numbered in the order records reach a file, so they, and the order of
    // achievements tied on interest (broken by code), differ between merge orders.
    let top = tallies["top_achievements"].as_array_mut().unwrap();
    for entry in top.iter_mut() {
        entry.as_object_mut().unwrap().remove("code");
    }
    top.sort_by_key(|entry| (-entry["interests"].as_i64().unwrap(), entry.to_string()));
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
pub fn history(m: &FileModel, table: &str, id: &str) -> BTreeSet<String> {
    m.audit
        .iter()
        .filter(|(_, a)| a.entity() == table && a.entity_id() == id && a.changes_content())
        .map(|(aid, _)| aid.clone())
        .collect()
}

/// One thing a desk does offline, drawn at random; `interest_weight` is how often an
/// interest is logged against one of the other kinds.
pub fn op(interest_weight: u32) -> impl proptest::strategy::Strategy<Value = Op> {
    use proptest::prelude::*;
    prop_oneof![
        3 => (proptest::option::of(0..3usize), 0..4usize)
            .prop_map(|(shared, region)| Op::NewEnterprise { shared, region }),
        1 => Just(Op::NewAchievement),
        1 => (0..BASE_ENTERPRISES, 0..4usize).prop_map(|(which, region)| Op::EditEnterprise { which, region }),
        1 => (0..BASE_ACHIEVEMENTS, 1..50u32).prop_map(|(which, price)| Op::EditAchievement { which, price }),
        interest_weight => (0..8usize, 0..6usize, 0..3usize).prop_map(|(enterprise, achievement, level)| Op::Interest {
            enterprise,
            achievement,
            level
        }),
        1 => (0..BASE_ACHIEVEMENTS).prop_map(|which| Op::Withdraw { which }),
        1 => (100..300u32).prop_map(|contract| Op::CorrectAgreement { contract }),
        1 => (0..8usize).prop_map(|which| Op::CheckIn { which }),
    ]
}
