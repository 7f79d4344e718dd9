//! After a merge: an organizer reviews conflicts (keep one, reverse another), and the
//! `merge` command refuses another fair unless forced, never changes the desk file, gives
//! a taken code a free one and changes nothing the second time.
mod support;

use fairdesk::domain::achievement::AchievementInput;
use fairdesk::domain::fair::FairInput;
use fairdesk::domain::organization::OrganizationInput;
use fairdesk::store::Store;
use fairdesk::store::merge::spec::Entity;
use std::collections::BTreeSet;
use std::path::PathBuf;
use support::merging::*;

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
    assert_eq!(
        (
            achievement.current_desk.as_str(),
            achievement.set_aside_desk.as_str()
        ),
        ("desk-1", "desk-0"),
        "the desks that made the edits, not the one that created the record"
    );
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
