//! The counter-based tallies against a from-scratch computation, after every one of a few
//! hundred random changes: the ones the forms make (create, edit, withdraw, void,
//! correct) and the ones a merge or a conflict reversal makes behind them (a status
//! restored, a buyer re-pointed, an organization deleted with its references moved to
//! another, rows inserted before the records they point at).
use crate::app::generate::rng::SeededRng;
use crate::domain::achievement::AchievementInput;
use crate::domain::agreement::AgreementInput;
use crate::domain::interest::InterestInput;
use crate::domain::money::Money;
use crate::domain::organization::OrganizationInput;
use crate::store::check::recount::compare;
use crate::store::tallies::{Breakdown, Tallies, TopAchievement, compute};
use crate::store::test_support::store;
use crate::store::{Store, StoreResult};
use rusqlite::Connection;
use std::collections::BTreeMap;

const REGIONS: &[&str] = &["包头市", "呼和浩特市", "鄂尔多斯市", "赤峰市", ""];
const FIELDS: &[&str] = &["稀土", "新材料", "现代农牧业", "蒙医药"];
const TYPES: &[&str] = &["技术开发", "技术转让", "技术许可", "技术服务"];
const LEVELS: &[&str] = &["咨询", "有意向", "深度洽谈"];

/// The figures the counters give, computed the slow way: aggregates over the rows.
fn from_scratch(conn: &Connection) -> StoreResult<Tallies> {
    let mut t = compute(conn)?;
    let one = |sql: &str| -> StoreResult<i64> { Ok(conn.query_row(sql, [], |r| r.get(0))?) };
    t.organizations = one("SELECT count(*) FROM organization WHERE status = 'active'")?;
    t.enterprises =
        one("SELECT count(*) FROM organization WHERE status = 'active' AND kind = 'enterprise'")?;
    t.achievements = one("SELECT count(*) FROM achievement WHERE status = 'active'")?;
    t.achievements_withdrawn = one("SELECT count(*) FROM achievement WHERE status = 'withdrawn'")?;
    t.holders = one("SELECT count(DISTINCT holder_id) FROM achievement WHERE status = 'active'")?;
    t.agreements = one("SELECT count(*) FROM agreement WHERE status = 'signed'")?;
    t.agreements_voided = one("SELECT count(*) FROM agreement WHERE status = 'voided'")?;
    t.ceremony_agreements =
        one("SELECT coalesce(sum(ceremony), 0) FROM agreement WHERE status = 'signed'")?;
    t.contract_amount = Money::from_fen(one(
        "SELECT coalesce(sum(contract_amount_fen), 0) FROM agreement WHERE status = 'signed'",
    )?);
    t.tech_amount = Money::from_fen(one(
        "SELECT coalesce(sum(tech_amount_fen), 0) FROM agreement WHERE status = 'signed'",
    )?);
    t.interests.total = one("SELECT count(*) FROM interest")?;
    t.interests.enquiry = one("SELECT count(*) FROM interest WHERE level = '咨询'")?;
    t.interests.interested = one("SELECT count(*) FROM interest WHERE level = '有意向'")?;
    t.interests.in_depth = one("SELECT count(*) FROM interest WHERE level = '深度洽谈'")?;

    let grouped = |sql: &str| -> StoreResult<Vec<(String, i64, i64, i64)>> {
        let mut stmt = conn.prepare(sql)?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    };
    let mut by_field: BTreeMap<String, Breakdown> = BTreeMap::new();
    let mut by_region: BTreeMap<String, Breakdown> = BTreeMap::new();
    let mut by_type: BTreeMap<String, Breakdown> = BTreeMap::new();
    for (key, n, _, _) in grouped(
        "SELECT field, count(*), 0, 0 FROM achievement WHERE status = 'active' GROUP BY field",
    )? {
        slot(&mut by_field, &key).achievements = n;
    }
    for (key, n, _, _) in grouped(
        "SELECT a.field, count(*), 0, 0 FROM interest i JOIN achievement a ON a.id = i.achievement_id
         WHERE a.status = 'active' GROUP BY a.field",
    )? {
        slot(&mut by_field, &key).interests = n;
    }
    for (key, n, c, tech) in grouped(
        "SELECT a.field, count(*), sum(g.contract_amount_fen), sum(g.tech_amount_fen)
         FROM agreement g
         JOIN (SELECT agreement_id, achievement_id, min(rowid) FROM agreement_achievement
               GROUP BY agreement_id) f ON f.agreement_id = g.id
         JOIN achievement a ON a.id = f.achievement_id
         WHERE g.status = 'signed' GROUP BY a.field",
    )? {
        let e = slot(&mut by_field, &key);
        (e.agreements, e.contract_amount, e.tech_amount) =
            (n, Money::from_fen(c), Money::from_fen(tech));
    }
    for (key, n, c, tech) in grouped(
        "SELECT coalesce(o.region, ''), count(*), sum(g.contract_amount_fen), sum(g.tech_amount_fen)
         FROM agreement g JOIN organization o ON o.id = g.buyer_id
         WHERE g.status = 'signed' GROUP BY coalesce(o.region, '')",
    )? {
        let e = slot(&mut by_region, &key);
        (e.agreements, e.contract_amount, e.tech_amount) =
            (n, Money::from_fen(c), Money::from_fen(tech));
    }
    for (key, n, _, _) in grouped(
        "SELECT coalesce(o.region, ''), count(*), 0, 0 FROM interest i
         JOIN organization o ON o.id = i.enterprise_id GROUP BY coalesce(o.region, '')",
    )? {
        slot(&mut by_region, &key).interests = n;
    }
    for (key, n, c, tech) in grouped(
        "SELECT contract_type, count(*), sum(contract_amount_fen), sum(tech_amount_fen)
         FROM agreement WHERE status = 'signed' GROUP BY contract_type",
    )? {
        let e = slot(&mut by_type, &key);
        (e.agreements, e.contract_amount, e.tech_amount) =
            (n, Money::from_fen(c), Money::from_fen(tech));
    }
    t.by_field = by_field.into_values().collect();
    t.by_field.sort_by(|a, b| {
        (b.achievements, b.interests, &a.key).cmp(&(a.achievements, a.interests, &b.key))
    });
    let order = |rows: &mut Vec<Breakdown>| {
        rows.sort_by(|a, b| {
            (b.agreements, b.contract_amount, b.interests, &a.key).cmp(&(
                a.agreements,
                a.contract_amount,
                a.interests,
                &b.key,
            ))
        })
    };
    t.by_region = by_region.into_values().collect();
    order(&mut t.by_region);
    t.by_contract_type = by_type.into_values().collect();
    order(&mut t.by_contract_type);
    let mut hours = [0i64; 24];
    let zone: chrono_tz::Tz = conn
        .query_row("SELECT timezone FROM fair", [], |r| r.get::<_, String>(0))?
        .parse()
        .unwrap();
    let mut stmt = conn.prepare("SELECT signed_at FROM agreement WHERE status = 'signed'")?;
    for text in stmt.query_map([], |r| r.get::<_, String>(0))? {
        let local = crate::store::parse_time(&text?).with_timezone(&zone);
        hours[chrono::Timelike::hour(&local) as usize] += 1;
    }
    t.agreements_by_hour = match (
        hours.iter().position(|&c| c > 0),
        hours.iter().rposition(|&c| c > 0),
    ) {
        (Some(a), Some(b)) => (a..=b).map(|h| (h as u32, hours[h])).collect(),
        _ => Vec::new(),
    };
    let mut stmt = conn.prepare(
        "SELECT a.code, a.title, count(*) AS n FROM interest i JOIN achievement a
         ON a.id = i.achievement_id WHERE a.status = 'active'
         GROUP BY a.id ORDER BY n DESC, a.code LIMIT 10",
    )?;
    t.top_achievements = stmt
        .query_map([], |r| {
            Ok(TopAchievement {
                code: r.get(0)?,
                title: r.get(1)?,
                interests: r.get(2)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(t)
}

fn slot<'a>(rows: &'a mut BTreeMap<String, Breakdown>, key: &str) -> &'a mut Breakdown {
    rows.entry(key.to_string()).or_insert_with(|| Breakdown {
        key: key.to_string(),
        ..Breakdown::default()
    })
}

fn ids(s: &Store, sql: &str) -> Vec<String> {
    let mut stmt = s.conn().prepare(sql).unwrap();
    stmt.query_map([], |r| r.get(0))
        .unwrap()
        .map(|r| r.unwrap())
        .collect()
}

fn pick<'a, T>(rng: &mut SeededRng, items: &'a [T]) -> Option<&'a T> {
    if items.is_empty() {
        None
    } else {
        Some(&items[rng.below(items.len())])
    }
}

/// Raw SQL as a merge writes it: one transaction, foreign keys checked at commit.
fn merge_like(s: &Store, sql: &str, params: &[&str]) {
    let conn = s.conn();
    conn.execute_batch("BEGIN IMMEDIATE; PRAGMA defer_foreign_keys = ON;")
        .unwrap();
    // Parameters are numbered across all statements: each binds the first ones it uses.
    for statement in sql.split(';').filter(|q| !q.trim().is_empty()) {
        let mut stmt = conn.prepare(statement).unwrap();
        let bound = &params[..stmt.parameter_count()];
        stmt.execute(rusqlite::params_from_iter(bound)).unwrap();
    }
    conn.execute_batch("COMMIT").unwrap();
}

struct World {
    s: Store,
    rng: SeededRng,
    next: usize,
}

impl World {
    fn orgs(&self) -> Vec<String> {
        ids(
            &self.s,
            "SELECT id FROM organization WHERE status = 'active' ORDER BY id",
        )
    }
    fn achievements(&self) -> Vec<String> {
        ids(&self.s, "SELECT id FROM achievement ORDER BY id")
    }
    fn agreements(&self) -> Vec<String> {
        ids(&self.s, "SELECT id FROM agreement ORDER BY id")
    }

    fn new_org(&mut self) -> String {
        self.next += 1;
        let kind = if self.rng.percent(60) {
            "enterprise"
        } else {
            "university"
        };
        let region = REGIONS[self.rng.below(REGIONS.len())];
        self.s
            .create_organization(&OrganizationInput {
                name: format!("单位{}", self.next),
                kind: kind.into(),
                region: region.into(),
                ..Default::default()
            })
            .unwrap()
            .id
    }

    fn new_achievement(&mut self) {
        let orgs = self.orgs();
        let Some(holder) = pick(&mut self.rng, &orgs).cloned() else {
            return;
        };
        self.next += 1;
        let field = FIELDS[self.rng.below(FIELDS.len())];
        self.s
            .create_achievement(&AchievementInput {
                title: format!("成果{}", self.next),
                holder,
                field: field.into(),
                ..Default::default()
            })
            .unwrap();
    }

    fn new_agreement(&mut self) {
        let (orgs, achievements) = (self.orgs(), self.achievements());
        let Some(buyer) = pick(&mut self.rng, &orgs).cloned() else {
            return;
        };
        if achievements.is_empty() {
            return;
        }
        let mut chosen: Vec<String> = Vec::new();
        for _ in 0..1 + self.rng.below(3) {
            let a = achievements[self.rng.below(achievements.len())].clone();
            if !chosen.contains(&a) {
                chosen.push(a);
            }
        }
        let contract = self.rng.between(1, 500) * 10_000;
        let tech = contract * self.rng.between(0, 10) / 10;
        let signed_at = format!(
            "2019-12-{} {:02}:{:02}",
            10 + self.rng.below(2),
            self.rng.below(24),
            self.rng.below(60)
        );
        let result = self.s.create_agreement(&AgreementInput {
            buyer,
            signed_at,
            achievements: chosen.join(","),
            contract_type: TYPES[self.rng.below(TYPES.len())].into(),
            contract_amount: format!("{contract}"),
            tech_amount: format!("{tech}"),
            ceremony: if self.rng.percent(40) { "是" } else { "否" }.into(),
            ..Default::default()
        });
        // Several achievements of different holders are refused by the form: that is fine.
        let _ = result;
    }

    fn step(&mut self) {
        let (orgs, achievements, agreements) =
            (self.orgs(), self.achievements(), self.agreements());
        match self.rng.below(17) {
            0 => match self.rng.below(3) {
                0 => {
                    self.new_org();
                }
                1 => {
                    if orgs.len() > 3
                        && let Some(id) = pick(&mut self.rng, &orgs)
                    {
                        self.s.withdraw_organization(id, "重复登记").unwrap();
                    }
                }
                _ => {
                    // Registered again (a conflict reversal brings the earlier version).
                    self.s
                        .conn()
                        .execute(
                            "UPDATE organization SET status = 'active', status_reason = NULL
                             WHERE id = (SELECT id FROM organization WHERE status = 'withdrawn'
                                         ORDER BY id LIMIT 1)",
                            [],
                        )
                        .unwrap();
                }
            },
            1 | 2 => self.new_achievement(),
            3 | 4 => self.new_agreement(),
            5 => {
                // An organization moves region.
                if let Some(id) = pick(&mut self.rng, &orgs).cloned() {
                    let org = self.s.organization(&id).unwrap();
                    let mut input = org.data.to_input();
                    input.region = REGIONS[self.rng.below(REGIONS.len())].into();
                    if self.rng.percent(30) {
                        input.kind = if input.kind == "enterprise" {
                            "institute"
                        } else {
                            "enterprise"
                        }
                        .into();
                    }
                    self.s.update_organization(&id, &input).unwrap();
                }
            }
            6 => {
                // An achievement changes field and perhaps holder.
                if let Some(id) = pick(&mut self.rng, &achievements).cloned() {
                    let a = self.s.achievement(&id).unwrap();
                    let mut input = a.data.to_input(&a.data.holder_id);
                    input.field = FIELDS[self.rng.below(FIELDS.len())].into();
                    if self.rng.percent(50)
                        && let Some(holder) = pick(&mut self.rng, &orgs)
                    {
                        input.holder = holder.clone();
                    }
                    self.s.update_achievement(&id, &input).unwrap();
                }
            }
            7 => {
                if let Some(id) = pick(&mut self.rng, &achievements) {
                    self.s.withdraw_achievement(id, "撤展").unwrap();
                }
            }
            8 => {
                // Shown again (a conflict reversal or a merge brings the earlier version).
                if let Some(id) = pick(&mut self.rng, &achievements) {
                    self.s
                        .conn()
                        .execute(
                            "UPDATE achievement SET status = 'active', status_reason = NULL
                             WHERE id = ?1",
                            [id],
                        )
                        .unwrap();
                }
            }
            9 | 10 => {
                let (Some(e), Some(a)) = (
                    pick(&mut self.rng, &orgs).cloned(),
                    pick(&mut self.rng, &achievements).cloned(),
                ) else {
                    return;
                };
                self.s
                    .log_interest(&InterestInput {
                        enterprise: e,
                        achievement: a,
                        level: LEVELS[self.rng.below(LEVELS.len())].into(),
                        ..Default::default()
                    })
                    .unwrap();
            }
            11 => {
                if let Some(id) = pick(&mut self.rng, &agreements) {
                    self.s.void_agreement(id, "录入错误").unwrap();
                }
            }
            12 => {
                if let Some(id) = pick(&mut self.rng, &agreements) {
                    let c = self.rng.between(1, 900) * 10_000;
                    let t = c / 2;
                    self.s
                        .correct_agreement_amounts(id, &c.to_string(), &t.to_string())
                        .unwrap();
                }
            }
            13 => {
                // A merge brings another version of an agreement: signed again, another
                // buyer, type and ceremony flag.
                let (Some(id), Some(buyer)) = (
                    pick(&mut self.rng, &agreements).cloned(),
                    pick(&mut self.rng, &orgs).cloned(),
                ) else {
                    return;
                };
                let kind = TYPES[self.rng.below(TYPES.len())];
                let ceremony = self.rng.below(2).to_string();
                let signed_at = format!("2019-12-10T{:02}:15:00.000Z", self.rng.below(24));
                merge_like(
                    &self.s,
                    "UPDATE agreement SET status = 'signed', void_reason = NULL, buyer_id = ?1,
                        contract_type = ?2, ceremony = ?3, signed_at = ?5 WHERE id = ?4",
                    &[&buyer, kind, &ceremony, &id, &signed_at],
                );
            }
            14 => {
                // A merge finds two organizations to be one: the second is deleted first,
                // then everything pointing at it is re-pointed at the first.
                if orgs.len() < 2 {
                    return;
                }
                let gone = orgs[self.rng.below(orgs.len())].clone();
                let Some(kept) = orgs.iter().find(|o| **o != gone).cloned() else {
                    return;
                };
                merge_like(
                    &self.s,
                    "DELETE FROM checkin WHERE organization_id = ?1;
                     DELETE FROM access_code WHERE organization_id = ?1;
                     DELETE FROM interest WHERE enterprise_id = ?1 AND achievement_id IN
                         (SELECT achievement_id FROM interest WHERE enterprise_id = ?2);
                     DELETE FROM organization WHERE id = ?1;
                     UPDATE agreement SET buyer_id = ?2 WHERE buyer_id = ?1;
                     UPDATE agreement SET seller_id = ?2 WHERE seller_id = ?1;
                     UPDATE achievement SET holder_id = ?2 WHERE holder_id = ?1;
                     UPDATE interest SET enterprise_id = ?2 WHERE enterprise_id = ?1;
                     UPDATE need SET organization_id = ?2 WHERE organization_id = ?1;
                     UPDATE meeting SET enterprise_id = ?2 WHERE enterprise_id = ?1;
                     UPDATE meeting SET holder_id = ?2 WHERE holder_id = ?1",
                    &[&gone, &kept],
                );
            }
            15 => {
                // A merge writes an agreement and its links before the buyer and the
                // achievement they point at (both new to this file).
                self.next += 1;
                let n = self.next;
                let (buyer, achievement, agreement) =
                    (format!("org-{n}"), format!("ach-{n}"), format!("agr-{n}"));
                let region = REGIONS[self.rng.below(REGIONS.len())];
                let field = FIELDS[self.rng.below(FIELDS.len())];
                let Some(holder) = pick(&mut self.rng, &orgs).cloned() else {
                    return;
                };
                let first_existing = pick(&mut self.rng, &achievements).cloned();
                merge_like(
                    &self.s,
                    "INSERT INTO agreement_achievement (agreement_id, achievement_id) VALUES (?3, ?2);
                     INSERT INTO agreement (id, code, buyer_id, seller_id, contract_type,
                         contract_amount_fen, tech_amount_fen, signed_at, ceremony, desk,
                         created_at, updated_at)
                     VALUES (?3, 'M' || ?3, ?1, ?4, '技术转让', 700000, 300000,
                         '2019-12-10T02:00:00.000Z', 1, 'other', 'x', 'x');
                     INSERT INTO organization (id, code, name, kind, region, desk, created_at, updated_at)
                     VALUES (?1, 'M' || ?1, '合并单位' || ?1, 'enterprise', nullif(?5, ''), 'other', 'x', 'x');
                     INSERT INTO achievement (id, code, title, holder_id, field, desk, created_at, updated_at)
                     VALUES (?2, 'M' || ?2, '合并成果' || ?2, ?4, ?6, 'other', 'x', 'x')",
                    &[&buyer, &achievement, &agreement, &holder, region, field],
                );
                // A second link after the first changes nothing.
                if let Some(other) = first_existing {
                    merge_like(
                        &self.s,
                        "INSERT OR IGNORE INTO agreement_achievement (agreement_id, achievement_id)
                         VALUES (?1, ?2)",
                        &[&agreement, &other],
                    );
                }
            }
            _ => {
                // A merge inserts an interest before the enterprise it names.
                let Some(a) = pick(&mut self.rng, &achievements).cloned() else {
                    return;
                };
                self.next += 1;
                let org = format!("late-{}", self.next);
                let region = REGIONS[self.rng.below(REGIONS.len())];
                merge_like(
                    &self.s,
                    "INSERT INTO interest (id, enterprise_id, achievement_id, level, logged_at, desk,
                         created_at, updated_at)
                     VALUES ('i-' || ?1, ?1, ?2, '有意向', 'x', 'other', 'x', 'x');
                     INSERT INTO organization (id, code, name, kind, region, desk, created_at, updated_at)
                     VALUES (?1, 'M' || ?1, '合并单位' || ?1, 'enterprise', nullif(?3, ''), 'other', 'x', 'x')",
                    &[&org, &a, region],
                );
            }
        }
    }
}

#[test]
fn counters_equal_a_recount_after_random_changes() {
    for seed in 1..=4u64 {
        let mut world = World {
            s: store(),
            rng: SeededRng::new(seed),
            next: 0,
        };
        if seed == 4 {
            // Half an hour off UTC: the hours are counted row by row.
            world
                .s
                .conn()
                .execute("UPDATE fair SET timezone = 'Asia/Kolkata'", [])
                .unwrap();
        }
        for _ in 0..4 {
            world.new_org();
        }
        for _ in 0..3 {
            world.new_achievement();
        }
        for step in 0..150 {
            world.step();
            let (counted, recounted) = (
                world.s.tallies().unwrap(),
                from_scratch(world.s.conn()).unwrap(),
            );
            assert_eq!(counted, recounted, "seed {seed}, step {step}");
            if step % 30 == 29 {
                assert_eq!(
                    compare(&world.s).unwrap(),
                    vec![],
                    "seed {seed}, step {step}"
                );
            }
        }
        assert!(world.s.tallies().unwrap().agreements > 0, "seed {seed}");
        // Counting everything again from the rows gives what the triggers kept.
        let kept = world.s.tallies().unwrap();
        world.s.repair_counters().unwrap();
        assert_eq!(world.s.tallies().unwrap(), kept, "seed {seed}");
    }
}

/// The link table keeps an agreement's first achievement: it cannot be changed.
#[test]
fn agreement_links_are_never_changed() {
    let mut s = crate::store::interests::tests::seeded();
    s.create_agreement(&AgreementInput {
        buyer: "包头市华美稀土高科有限公司".into(),
        achievements: "A001".into(),
        contract_type: "技术许可".into(),
        contract_amount: "5万".into(),
        tech_amount: "3万".into(),
        ..Default::default()
    })
    .unwrap();
    let changed = s
        .conn()
        .execute("UPDATE agreement_achievement SET achievement_id = 'x'", []);
    assert!(changed.is_err());
}

/// Two desks register the same enterprise (one credit code) in different regions, each
/// signs an agreement with it, and one moves an achievement to another field. Merging
/// deletes one of the two enterprises and re-points its agreement and interest: the
/// counters follow, whichever file is merged into which.
#[test]
fn counters_follow_a_real_merge_of_two_desks() {
    use crate::domain::clock::FixedClock;
    use crate::domain::credit_code::compute_check_char;
    use chrono::TimeZone;
    use std::sync::Arc;

    let dir = tempfile::tempdir().unwrap();
    let clock = |minutes: i64| {
        let start = chrono::Utc.with_ymd_and_hms(2019, 12, 10, 1, 0, 0).unwrap();
        Arc::new(FixedClock::at(start + chrono::Duration::minutes(minutes)))
    };
    let base = dir.path().join("base.db");
    {
        let mut s = Store::open_with_clock(&base, "desk-hq", clock(0)).unwrap();
        s.create_fair(&crate::domain::fair::FairInput {
            name: "合并测试".into(),
            ..Default::default()
        })
        .unwrap();
        s.create_organization(&OrganizationInput {
            name: "内蒙古大学".into(),
            kind: "university".into(),
            region: "呼和浩特市".into(),
            ..Default::default()
        })
        .unwrap();
        for (title, field) in [("稀土永磁", "稀土"), ("石墨烯膜", "新材料")] {
            s.create_achievement(&AchievementInput {
                title: title.into(),
                holder: "内蒙古大学".into(),
                field: field.into(),
                ..Default::default()
            })
            .unwrap();
        }
    }
    let first17 = "91150200MA0N00001";
    let credit = format!("{first17}{}", compute_check_char(first17).unwrap());
    let desk = |name: &str, minutes: i64, region: &str, achievement: &str, amount: &str| {
        let path = dir.path().join(format!("{name}.db"));
        std::fs::copy(&base, &path).unwrap();
        let mut s = Store::open_with_clock(&path, name, clock(minutes)).unwrap();
        let e = s
            .create_organization(&OrganizationInput {
                name: format!("华美稀土（{name}登记）"),
                kind: "enterprise".into(),
                credit_code: credit.clone(),
                region: region.into(),
                ..Default::default()
            })
            .unwrap();
        s.create_agreement(&AgreementInput {
            buyer: e.id.clone(),
            achievements: achievement.into(),
            contract_type: "技术许可".into(),
            contract_amount: amount.into(),
            tech_amount: "1万".into(),
            ..Default::default()
        })
        .unwrap();
        s.log_interest(&InterestInput {
            enterprise: e.id,
            achievement: achievement.into(),
            level: "有意向".into(),
            ..Default::default()
        })
        .unwrap();
        path
    };
    let a = desk("desk-a", 10, "包头市", "A001", "50万");
    let b = desk("desk-b", 20, "赤峰市", "A002", "80万");
    {
        let mut s = Store::open_with_clock(&b, "desk-b", clock(30)).unwrap();
        let moved = s.achievements(true).unwrap()[0].clone();
        let mut input = moved.data.to_input(&moved.data.holder_id);
        input.field = "现代农牧业".into();
        s.update_achievement(&moved.id, &input).unwrap();
    }
    for (into, from) in [(&a, &b), (&b, &a)] {
        let copy = dir.path().join("merged.db");
        let _ = std::fs::remove_file(&copy);
        std::fs::copy(into, &copy).unwrap();
        let mut s = Store::open_with_clock(&copy, "desk-hq", clock(60)).unwrap();
        let report = s.merge_file(from, false).unwrap();
        assert!(
            !report.findings.unified.is_empty(),
            "one enterprise is kept"
        );
        let counted = s.tallies().unwrap();
        assert_eq!(counted, from_scratch(s.conn()).unwrap());
        assert_eq!(counted.agreements, 2);
        assert_eq!(
            counted.by_region[0].agreements, 2,
            "{:?}",
            counted.by_region
        );
        assert!(s.check().unwrap().all_hold());
        drop(s);
        std::fs::remove_file(&copy).unwrap();
    }
}
