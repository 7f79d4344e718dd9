//! `fairdesk search` reads a pack of titles kept in the file: after records are added,
//! edited, withdrawn and merged in, its listing must equal a search over the rows
//! themselves, read with plain SQLite.
mod support;

use fairdesk::domain::achievement::AchievementInput;
use fairdesk::domain::organization::OrganizationInput;
use fairdesk::search::SearchIndex;
use fairdesk::store::Store;
use std::path::Path;
use support::{fairdesk, run_with_input, sqlite};

const ACHIEVEMENT_QUERIES: &[&str] = &[
    "",
    "稀土",
    "xitu",
    "xtyc",
    "lora",
    "5g",
    "技术 xt",
    "磁材料",
    "yanjiu",
];
const ORGANIZATION_QUERIES: &[&str] = &["", "nmgdx", "内蒙古", "gs"];

/// What `fairdesk search` prints.
fn listed(db: &Path, kind: &str, query: &str) -> String {
    let out = fairdesk(db)
        .args(["search", query, "--kind", kind])
        .output()
        .expect("fairdesk runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}

/// The same search over the rows, read one by one with plain SQLite.
fn reference(db: &Path, kind: &str, query: &str) -> String {
    let sql = match kind {
        "achievements" => "SELECT title FROM achievement WHERE status = 'active' ORDER BY code",
        _ => "SELECT name FROM organization WHERE status = 'active' ORDER BY code",
    };
    let conn = sqlite(db);
    let mut stmt = conn.prepare(sql).unwrap();
    let texts: Vec<String> = stmt
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(|t| t.unwrap())
        .collect();
    SearchIndex::search_once(texts.iter().map(String::as_str), query)
        .iter()
        .map(|hit| {
            let text = &texts[hit.index as usize];
            format!("{}\n", fairdesk::domain::text::display_safe(text))
        })
        .collect()
}

/// Whether the stored pack of `kind` is the current one.
fn pack_is_current(db: &Path, kind: &str) -> bool {
    sqlite(db)
        .query_row(
            "SELECT count(*) FROM search_pack p JOIN search_generation g ON g.kind = p.kind
             WHERE p.kind = ?1 AND p.generation = g.n",
            [kind],
            |r| r.get::<_, i64>(0),
        )
        .unwrap()
        == 1
}

/// Every query, on both kinds: the first search after a change rebuilds the pack, the
/// others read it; all must list what the rows give.
fn check_every_query(db: &Path, step: &str) {
    for (kind, key, queries) in [
        ("achievements", "achievement", ACHIEVEMENT_QUERIES),
        ("organizations", "organization", ORGANIZATION_QUERIES),
    ] {
        for query in queries {
            assert_eq!(
                listed(db, kind, query),
                reference(db, kind, query),
                "{step}: {kind} {query:?}"
            );
        }
        assert!(pack_is_current(db, key), "{step}: the {key} pack was saved");
    }
}

fn demo(dir: &Path) -> std::path::PathBuf {
    let db = dir.join("fair.db");
    let (code, _, err) = run_with_input(&db, &["init", "--demo"], "");
    assert_eq!(code, 0, "{err}");
    db
}

#[test]
fn the_listing_follows_additions_edits_withdrawals_and_merges() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    check_every_query(&db, "the demo fair");

    // A desk copies the file before going offline.
    let desk = dir.path().join("desk.db");
    std::fs::copy(&db, &desk).unwrap();

    let added = concat!(
        "{\"title\": \"稀土永磁电机控制器\", \"holder\": \"内蒙古大学\", \"field\": \"稀土\"}\n",
        "{\"title\": \"LoRa 5G 牧场网关\", \"holder\": \"内蒙古大学\", \"field\": \"先进制造\"}\n",
        "{\"title\": \"研究型 Xitu 测试\", \"holder\": \"内蒙古大学\", \"field\": \"稀土\"}\n",
    );
    let (code, _, err) = run_with_input(&db, &["add", "achievement"], added);
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = run_with_input(
        &db,
        &["add", "organization"],
        "{\"name\": \"内蒙古稀土功能材料股份有限公司\", \"kind\": \"enterprise\"}\n",
    );
    assert_eq!(code, 0, "{err}");
    check_every_query(&db, "after additions");

    {
        let mut s = Store::open(&db, "desk-edit").unwrap();
        let first = s.achievements(false).unwrap().remove(0);
        let holder = s.organization(&first.data.holder_id).unwrap().data.name;
        let mut input: AchievementInput = first.data.to_input(&holder);
        input.title = "钕铁硼磁材料晶界扩散 xitu".into();
        s.update_achievement(&first.id, &input).unwrap();
        let org = s.organizations(false).unwrap().remove(0);
        let mut input: OrganizationInput = org.data.to_input();
        input.name = "内蒙古大学稀土研究院".into();
        s.update_organization(&org.id, &input).unwrap();
    }
    check_every_query(&db, "after edits");

    {
        let mut s = Store::open(&db, "desk-edit").unwrap();
        let shown = s.achievements(false).unwrap();
        for a in shown
            .iter()
            .filter(|a| a.data.title.contains("稀土"))
            .take(5)
        {
            s.withdraw_achievement(&a.id, "持有单位撤展").unwrap();
        }
        let org = s.organizations(false).unwrap().remove(1);
        s.withdraw_organization(&org.id, "未到场").unwrap();
    }
    check_every_query(&db, "after withdrawals");

    {
        let mut s = Store::open(&desk, "desk-offline").unwrap();
        s.create_achievement(&AchievementInput {
            title: "稀土抛光粉离线登记".into(),
            holder: "内蒙古大学".into(),
            field: "稀土".into(),
            ..Default::default()
        })
        .unwrap();
        let last = s.achievements(false).unwrap().pop().unwrap();
        let holder = s.organization(&last.data.holder_id).unwrap().data.name;
        let mut input = last.data.to_input(&holder);
        input.title = format!("{}（离线改名）", input.title);
        s.update_achievement(&last.id, &input).unwrap();
    }
    let (code, _, err) = run_with_input(&db, &["merge", desk.to_str().unwrap()], "");
    assert_eq!(code, 0, "{err}");
    check_every_query(&db, "after a merge");
}

#[test]
fn a_change_another_desk_makes_between_two_searches_is_seen() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let before = listed(&db, "achievements", "xt");
    assert!(pack_is_current(&db, "achievement"));
    // Another program, not fairdesk, writes the row: the triggers still mark the pack.
    sqlite(&db)
        .execute(
            "UPDATE achievement SET title = '稀土提纯新工艺' WHERE code = (SELECT max(code) FROM achievement)",
            [],
        )
        .unwrap();
    assert!(!pack_is_current(&db, "achievement"));
    let after = listed(&db, "achievements", "xt");
    assert_ne!(before, after);
    assert_eq!(after, reference(&db, "achievements", "xt"));
    assert!(after.contains("稀土提纯新工艺\n"));
}

#[test]
fn a_read_only_file_is_searched_without_saving_a_pack() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    // Make the pack stale, then take away the right to write the file.
    sqlite(&db)
        .execute(
            "UPDATE search_generation SET n = n + 1 WHERE kind = 'achievement'",
            [],
        )
        .unwrap();
    let original = std::fs::metadata(&db).unwrap().permissions();
    let mut read_only = original.clone();
    read_only.set_readonly(true);
    std::fs::set_permissions(&db, read_only).unwrap();
    // Root may write it anyway: then the pack is saved as usual.
    let writable_anyway = std::fs::OpenOptions::new().write(true).open(&db).is_ok();
    let out = listed(&db, "achievements", "xitu");
    std::fs::set_permissions(&db, original).unwrap();
    assert_eq!(out, reference(&db, "achievements", "xitu"));
    if !writable_anyway {
        assert!(!pack_is_current(&db, "achievement"));
    }
}
