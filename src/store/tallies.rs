//! The one place counts and sums are computed. The TUI, `summary` and every export read
//! these, so they can never disagree. Interest, talks and signed agreements stay apart.
use crate::domain::money::Money;
use crate::domain::vocab::INTEREST_LEVELS;
use crate::store::{Store, StoreResult};
use rusqlite::Connection;
use serde::Serialize;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Tallies {
    /// Achievements shown (not withdrawn).
    pub achievements: i64,
    pub achievements_withdrawn: i64,
    /// Organizations holding at least one shown achievement.
    pub holders: i64,
    pub organizations: i64,
    pub enterprises: i64,
    pub checked_in: i64,
    pub needs: i64,
    pub interests: InterestCounts,
    pub meetings: MeetingCounts,
    /// Signed, not voided.
    pub agreements: i64,
    pub agreements_voided: i64,
    pub ceremony_agreements: i64,
    #[serde(rename = "contract_amount_fen")]
    pub contract_amount: Money,
    #[serde(rename = "tech_amount_fen")]
    pub tech_amount: Money,
    pub by_field: Vec<Breakdown>,
    pub by_region: Vec<Breakdown>,
    pub by_contract_type: Vec<Breakdown>,
    pub top_achievements: Vec<TopAchievement>,
    /// Signed agreements per hour of the day, in the fair's time zone: (hour, count),
    /// every hour from the first to the last with an agreement.
    pub agreements_by_hour: Vec<(u32, i64)>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct InterestCounts {
    pub total: i64,
    /// 咨询
    pub enquiry: i64,
    /// 有意向
    pub interested: i64,
    /// 深度洽谈
    pub in_depth: i64,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct MeetingCounts {
    pub booked: i64,
    pub held: i64,
    pub no_show: i64,
    pub cancelled: i64,
}

/// One row of a breakdown: a field, a region or a contract type.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Breakdown {
    pub key: String,
    pub achievements: i64,
    pub interests: i64,
    pub agreements: i64,
    #[serde(rename = "contract_amount_fen")]
    pub contract_amount: Money,
    #[serde(rename = "tech_amount_fen")]
    pub tech_amount: Money,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct TopAchievement {
    pub code: String,
    pub title: String,
    pub interests: i64,
}

fn count(conn: &Connection, sql: &str) -> StoreResult<i64> {
    Ok(conn.query_row(sql, [], |r| r.get(0))?)
}

impl Store {
    pub fn tallies(&self) -> StoreResult<Tallies> {
        compute(self.conn())
    }
}

pub fn compute(conn: &Connection) -> StoreResult<Tallies> {
    // Organization, achievement and agreement figures come from counters the triggers of migration 7
    // keep current, interest figures from those of migration 5: a few dozen rows.
    let mut t = Tallies {
        achievements: count(
            conn,
            "SELECT coalesce(sum(n), 0) FROM achievement_tally WHERE dimension = 'field'",
        )?,
        // Withdrawn achievements are few: read from the (status, field) index.
        achievements_withdrawn: count(
            conn,
            "SELECT count(*) FROM achievement WHERE status = 'withdrawn'",
        )?,
        holders: count(conn, "SELECT count(*) FROM holder_count WHERE n > 0")?,
        organizations: count(
            conn,
            "SELECT coalesce(sum(n), 0) FROM organization_tally WHERE status = 'active'",
        )?,
        enterprises: count(
            conn,
            "SELECT coalesce(sum(n), 0) FROM organization_tally
             WHERE status = 'active' AND kind = 'enterprise'",
        )?,
        checked_in: count(conn, "SELECT count(*) FROM checkin")?,
        needs: count(conn, "SELECT count(*) FROM need WHERE status = 'active'")?,
        ..Tallies::default()
    };

    let mut stmt = conn
        .prepare_cached("SELECT key, n FROM interest_tally WHERE dimension = 'level' AND n > 0")?;
    for row in stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))? {
        let (level, n) = row?;
        t.interests.total += n;
        match INTEREST_LEVELS
            .terms
            .iter()
            .position(|term| term.zh == level)
        {
            Some(0) => t.interests.enquiry += n,
            Some(1) => t.interests.interested += n,
            Some(2) => t.interests.in_depth += n,
            _ => {}
        }
    }

    let mut stmt = conn.prepare_cached("SELECT status, count(*) FROM meeting GROUP BY status")?;
    for row in stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))? {
        let (status, n) = row?;
        match status.as_str() {
            "booked" => t.meetings.booked = n,
            "held" => t.meetings.held = n,
            "no_show" => t.meetings.no_show = n,
            "cancelled" => t.meetings.cancelled = n,
            _ => {}
        }
    }

    let mut by_field: Vec<Breakdown> = Vec::new();
    let mut by_region: Vec<Breakdown> = Vec::new();
    let mut by_type: Vec<Breakdown> = Vec::new();
    let mut utc_hours: Vec<(String, i64)> = Vec::new();
    let mut stmt = conn.prepare_cached(
        "SELECT dimension, key, n, contract_fen, tech_fen, ceremony FROM agreement_tally
         WHERE n > 0",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let dimension = r.get_ref(0)?.as_str().unwrap_or("");
        let key: String = r.get(1)?;
        let (n, contract, tech, ceremony): (i64, i64, i64, i64) =
            (r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?);
        let rows = match (dimension, key.as_str()) {
            ("status", "signed") => {
                t.agreements = n;
                t.contract_amount = Money::from_fen(contract);
                t.tech_amount = Money::from_fen(tech);
                t.ceremony_agreements = ceremony;
                continue;
            }
            ("status", "voided") => {
                t.agreements_voided = n;
                continue;
            }
            ("hour", _) => {
                utc_hours.push((key, n));
                continue;
            }
            ("field", _) => &mut by_field,
            ("region", _) => &mut by_region,
            ("type", _) => &mut by_type,
            _ => continue,
        };
        let e = entry(rows, &key);
        e.agreements = n;
        e.contract_amount = Money::from_fen(contract);
        e.tech_amount = Money::from_fen(tech);
    }

    // By technology field: achievements shown, interest in them, agreements whose first
    // achievement is in the field (an agreement counts once).
    let mut stmt = conn.prepare_cached(
        "SELECT key, n FROM achievement_tally WHERE dimension = 'field' AND n > 0",
    )?;
    for row in stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))? {
        let (key, n) = row?;
        entry(&mut by_field, &key).achievements = n;
    }
    let mut stmt = conn
        .prepare_cached("SELECT key, n FROM interest_tally WHERE dimension = 'field' AND n > 0")?;
    for row in stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))? {
        let (key, n) = row?;
        entry(&mut by_field, &key).interests = n;
    }
    by_field.sort_by(|a, b| {
        (b.achievements, b.interests, &a.key).cmp(&(a.achievements, a.interests, &b.key))
    });
    t.by_field = by_field;

    // By buyer region (盟市 or province).
    let mut stmt = conn
        .prepare_cached("SELECT key, n FROM interest_tally WHERE dimension = 'region' AND n > 0")?;
    for row in stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))? {
        let (key, n) = row?;
        entry(&mut by_region, &key).interests = n;
    }
    sort(&mut by_region);
    t.by_region = by_region;
    sort(&mut by_type);
    t.by_contract_type = by_type;

    // The most wanted: read in counter order from its index, then ties put in code
    // order (enough rows are read that ties at the tenth place are settled). CROSS JOIN
    // keeps SQLite from scanning every achievement instead.
    let mut stmt = conn.prepare_cached(
        "SELECT a.code, a.title, c.n
         FROM (SELECT achievement_id, n FROM interest_count WHERE n > 0 ORDER BY n DESC LIMIT 400) c
         CROSS JOIN achievement a ON a.id = c.achievement_id WHERE a.status = 'active'",
    )?;
    let mut top = stmt
        .query_map([], |r| {
            Ok(TopAchievement {
                code: r.get(0)?,
                title: r.get(1)?,
                interests: r.get(2)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    top.sort_by(|a, b| {
        b.interests
            .cmp(&a.interests)
            .then_with(|| a.code.cmp(&b.code))
    });
    top.truncate(10);
    t.top_achievements = top;
    t.agreements_by_hour = agreements_by_hour(conn, &utc_hours)?;
    Ok(t)
}

/// Counts signed agreements by local hour (the time zone is the fair's), from the
/// counts per UTC hour. An hour of UTC that does not fall within one local hour (a zone
/// half an hour off, a clock change) makes it count row by row instead.
fn agreements_by_hour(
    conn: &Connection,
    utc_hours: &[(String, i64)],
) -> StoreResult<Vec<(u32, i64)>> {
    use chrono::{NaiveDateTime, TimeDelta, Timelike};
    let zone: chrono_tz::Tz = conn
        .query_row("SELECT timezone FROM fair WHERE id = 1", [], |r| {
            r.get::<_, String>(0)
        })
        .ok()
        .and_then(|z| z.parse().ok())
        .unwrap_or(chrono_tz::Asia::Shanghai);
    let mut counts = [0i64; 24];
    let mut whole_hours = true;
    for (key, n) in utc_hours {
        let start = NaiveDateTime::parse_from_str(&format!("{key}:00"), "%Y-%m-%dT%H:%M")
            .map(|t| t.and_utc());
        let Ok(start) = start else {
            whole_hours = false;
            break;
        };
        let (first, last) = (
            start.with_timezone(&zone),
            (start + TimeDelta::seconds(3599)).with_timezone(&zone),
        );
        if first.minute() != 0 || last.hour() != first.hour() || last.minute() != 59 {
            whole_hours = false;
            break;
        }
        counts[first.hour() as usize] += n;
    }
    if !whole_hours {
        counts = [0; 24];
        let mut stmt =
            conn.prepare_cached("SELECT signed_at FROM agreement WHERE status = 'signed'")?;
        for row in stmt.query_map([], |r| r.get::<_, String>(0))? {
            let hour = crate::store::parse_time(&row?).with_timezone(&zone).hour();
            counts[hour as usize] += 1;
        }
    }
    let first = counts.iter().position(|&c| c > 0);
    let last = counts.iter().rposition(|&c| c > 0);
    Ok(match (first, last) {
        (Some(a), Some(b)) => (a..=b).map(|h| (h as u32, counts[h])).collect(),
        _ => Vec::new(),
    })
}

fn sums(r: &rusqlite::Row) -> rusqlite::Result<(String, i64, i64, i64)> {
    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
}

fn entry<'a>(rows: &'a mut Vec<Breakdown>, key: &str) -> &'a mut Breakdown {
    match rows.iter().position(|b| b.key == key) {
        Some(i) => &mut rows[i],
        None => {
            rows.push(Breakdown {
                key: key.to_string(),
                ..Breakdown::default()
            });
            let last = rows.len() - 1;
            &mut rows[last]
        }
    }
}

/// Most agreements first (then amount, then interests), ties by key.
fn sort(rows: &mut [Breakdown]) {
    rows.sort_by(|a, b| {
        (b.agreements, b.contract_amount, b.interests, &a.key).cmp(&(
            a.agreements,
            a.contract_amount,
            a.interests,
            &b.key,
        ))
    });
}

/// One exhibitor's figures, for per-exhibitor report sections.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct HolderTally {
    pub holder_id: String,
    /// Achievements shown (not withdrawn).
    pub achievements: i64,
    /// Interests logged in them.
    pub interests: i64,
    /// Signed agreements (not voided) where it is the seller.
    pub agreements: i64,
    #[serde(rename = "contract_amount_fen")]
    pub contract_amount: Money,
    #[serde(rename = "tech_amount_fen")]
    pub tech_amount: Money,
}

/// Figures per organization that shows achievements or sold something, by holder id.
pub fn holder_tallies(
    conn: &Connection,
) -> StoreResult<std::collections::HashMap<String, HolderTally>> {
    let mut out: std::collections::HashMap<String, HolderTally> = Default::default();
    let mut stmt = conn.prepare_cached(
        "SELECT holder_id, count(*) FROM achievement WHERE status = 'active' GROUP BY holder_id",
    )?;
    for row in stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))? {
        let (id, n) = row?;
        out.entry(id.clone()).or_default().achievements = n;
    }
    let mut stmt = conn.prepare_cached(
        "SELECT a.holder_id, count(*) FROM interest i JOIN achievement a ON a.id = i.achievement_id
         WHERE a.status = 'active' GROUP BY a.holder_id",
    )?;
    for row in stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))? {
        let (id, n) = row?;
        out.entry(id).or_default().interests = n;
    }
    let mut stmt = conn.prepare_cached(
        "SELECT seller_id, count(*), sum(contract_amount_fen), sum(tech_amount_fen)
         FROM agreement WHERE status = 'signed' GROUP BY seller_id",
    )?;
    for row in stmt.query_map([], sums)? {
        let (id, n, c, tech) = row?;
        let e = out.entry(id).or_default();
        e.agreements = n;
        e.contract_amount = Money::from_fen(c);
        e.tech_amount = Money::from_fen(tech);
    }
    for (id, tally) in out.iter_mut() {
        tally.holder_id = id.clone();
    }
    Ok(out)
}

/// Interests logged per achievement id.
pub fn interests_by_achievement(
    conn: &Connection,
) -> StoreResult<std::collections::HashMap<String, i64>> {
    let mut stmt = conn
        .prepare_cached("SELECT achievement_id, count(*) FROM interest GROUP BY achievement_id")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

#[cfg(test)]
mod tests {
    use crate::domain::agreement::AgreementInput;
    use crate::domain::interest::InterestInput;
    use crate::store::interests::tests::seeded;

    #[test]
    fn interest_is_never_counted_as_signed_and_voids_leave_totals() {
        let mut s = seeded();
        s.log_interest(&InterestInput {
            enterprise: "包头市华美稀土高科有限公司".into(),
            achievement: "A001".into(),
            level: "深度洽谈".into(),
            ..Default::default()
        })
        .unwrap();
        let t = s.tallies().unwrap();
        assert_eq!((t.interests.in_depth, t.agreements), (1, 0));
        assert_eq!(t.contract_amount.fen(), 0);
        let a = s
            .create_agreement(&AgreementInput {
                buyer: "包头市华美稀土高科有限公司".into(),
                achievements: "A001".into(),
                contract_type: "技术许可".into(),
                contract_amount: "500万".into(),
                tech_amount: "300万".into(),
                ..Default::default()
            })
            .unwrap();
        let t = s.tallies().unwrap();
        assert_eq!(t.agreements, 1);
        assert_eq!(t.contract_amount.fen(), 500_000_000);
        assert_eq!(t.by_field[0].key, "稀土");
        assert_eq!(t.by_field[0].agreements, 1);
        assert_eq!(t.by_region[0].key, "包头市");
        assert_eq!(t.by_contract_type[0].key, "技术许可");
        s.void_agreement(&a.id, "录入错误").unwrap();
        let t = s.tallies().unwrap();
        assert_eq!((t.agreements, t.agreements_voided), (0, 1));
        assert_eq!(t.contract_amount.fen(), 0);
        assert_eq!(t.interests.total, 1);
    }
}

#[cfg(test)]
mod counter_tests {
    use crate::domain::interest::InterestInput;
    use crate::domain::organization::OrganizationInput;
    use crate::store::interests::tests::seeded;

    /// The interest counters follow every change that moves an interest: a raised level,
    /// a withdrawn achievement, an enterprise moving region.
    #[test]
    fn counters_follow_raises_withdrawals_and_moves() {
        let mut s = seeded();
        let input = InterestInput {
            enterprise: "包头市华美稀土高科有限公司".into(),
            achievement: "A001".into(),
            level: "咨询".into(),
            ..Default::default()
        };
        s.log_interest(&input).unwrap();
        s.log_interest(&InterestInput {
            level: "深度洽谈".into(),
            ..input.clone()
        })
        .unwrap();
        let t = s.tallies().unwrap();
        assert_eq!((t.interests.enquiry, t.interests.in_depth), (0, 1));
        assert_eq!(t.by_region[0].interests, 1);
        assert_eq!(t.top_achievements[0].interests, 1);
        assert!(
            crate::store::check::recount::compare(&s)
                .unwrap()
                .is_empty()
        );
        // The enterprise moves to Ordos: its interest moves with it.
        let org = s.organizations(false).unwrap()[1].clone();
        let mut moved: OrganizationInput = org.data.to_input();
        moved.region = "鄂尔多斯市".into();
        s.update_organization(&org.id, &moved).unwrap();
        let t = s.tallies().unwrap();
        let ordos = t.by_region.iter().find(|b| b.key == "鄂尔多斯市").unwrap();
        assert_eq!(ordos.interests, 1);
        assert!(
            t.by_region
                .iter()
                .all(|b| b.key != "包头市" || b.interests == 0)
        );
        // The achievement is withdrawn: its interest leaves the field's count.
        let a = s.achievements(false).unwrap()[0].id.clone();
        s.withdraw_achievement(&a, "撤展").unwrap();
        let t = s.tallies().unwrap();
        assert!(t.by_field.iter().all(|b| b.interests == 0));
        assert!(t.top_achievements.is_empty());
        assert_eq!(t.interests.total, 1, "the interest itself is still counted");
        assert!(
            crate::store::check::recount::compare(&s)
                .unwrap()
                .is_empty()
        );
    }
}

#[cfg(test)]
#[path = "tallies_tests.rs"]
mod random_tests;
