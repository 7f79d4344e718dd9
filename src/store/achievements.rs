//! Achievements: create, edit, withdraw, read.
use crate::domain::achievement::{
    Achievement, AchievementBrief, AchievementDraft, AchievementInput,
};
use crate::domain::clock::new_id;
use crate::store::audit::{created, diff, record_tx};
use crate::store::codes::claim_code;
use crate::store::organizations::require_reason;
use crate::store::rows::{json_to_list, list_to_json, money_opt};
use crate::store::{Store, StoreError, StoreResult, WriteContext, parse_time};
use rusqlite::{OptionalExtension, Row, Transaction, params};
use serde_json::json;

pub(crate) const COLUMNS: &str = "id, code, title, holder_id, field, maturity, trl, patents, transfer_modes,
    asking_price_fen, summary, keywords, booth, status, status_reason, desk, created_at, updated_at";

pub(crate) fn from_row(r: &Row) -> rusqlite::Result<Achievement> {
    Ok(Achievement {
        id: r.get(0)?,
        code: r.get(1)?,
        data: AchievementDraft {
            title: r.get(2)?,
            holder_id: r.get(3)?,
            field: r.get(4)?,
            maturity: r.get(5)?,
            trl: r.get::<_, Option<i64>>(6)?.map(|t| t as u8),
            patents: json_to_list(&r.get::<_, String>(7)?),
            transfer_modes: json_to_list(&r.get::<_, String>(8)?),
            asking_price: money_opt(r.get(9)?),
            summary: r.get(10)?,
            keywords: json_to_list(&r.get::<_, String>(11)?),
            booth: r.get(12)?,
        },
        status: r.get(13)?,
        status_reason: r.get(14)?,
        desk: r.get(15)?,
        created_at: parse_time(&r.get::<_, String>(16)?),
        updated_at: parse_time(&r.get::<_, String>(17)?),
    })
}

/// Inserts a checked achievement inside the caller's transaction; returns its id.
pub fn insert_tx(
    tx: &Transaction,
    ctx: &WriteContext,
    input: &AchievementInput,
    draft: &AchievementDraft,
) -> StoreResult<String> {
    let wanted_id = crate::domain::text::clean_text(&input.id);
    if !wanted_id.is_empty()
        && tx
            .prepare_cached("SELECT 1 FROM achievement WHERE id = ?1")?
            .query_row([&wanted_id], |_| Ok(()))
            .optional()?
            .is_some()
    {
        return Ok(wanted_id);
    }
    let id = if wanted_id.is_empty() {
        new_id()
    } else {
        wanted_id
    };
    let code = claim_code(tx, "achievement", "A", 3, &input.code)?;
    tx.prepare_cached(
        "INSERT INTO achievement (id, code, title, holder_id, field, maturity, trl, patents,
            transfer_modes, asking_price_fen, summary, keywords, booth, desk, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?15)",
    )?
    .execute(params![
            id,
            code,
            draft.title,
            draft.holder_id,
            draft.field,
            draft.maturity,
            draft.trl,
            list_to_json(&draft.patents),
            list_to_json(&draft.transfer_modes),
            draft.asking_price.map(|m| m.fen()),
            draft.summary,
            list_to_json(&draft.keywords),
            draft.booth,
            ctx.desk,
            ctx.now_text()
        ],
    )?;
    record_tx(tx, ctx, "achievement", &id, "create", &created(draft))?;
    Ok(id)
}

impl Store {
    pub fn create_achievement(&mut self, input: &AchievementInput) -> StoreResult<Achievement> {
        let draft = input.validate(self)?;
        let id = self.write(|tx, ctx| insert_tx(tx, ctx, input, &draft))?;
        self.achievement(&id)
    }

    pub fn update_achievement(
        &mut self,
        id: &str,
        input: &AchievementInput,
    ) -> StoreResult<Achievement> {
        let draft = input.validate(self)?;
        let old = self.achievement(id)?;
        self.write(|tx, ctx| {
            let changes = diff(&old.data, &draft);
            if changes.as_object().is_some_and(|c| c.is_empty()) {
                return Ok(());
            }
            tx.execute(
                "UPDATE achievement SET title = ?2, holder_id = ?3, field = ?4, maturity = ?5,
                    trl = ?6, patents = ?7, transfer_modes = ?8, asking_price_fen = ?9,
                    summary = ?10, keywords = ?11, booth = ?12, updated_at = ?13
                 WHERE id = ?1",
                params![
                    id,
                    draft.title,
                    draft.holder_id,
                    draft.field,
                    draft.maturity,
                    draft.trl,
                    list_to_json(&draft.patents),
                    list_to_json(&draft.transfer_modes),
                    draft.asking_price.map(|m| m.fen()),
                    draft.summary,
                    list_to_json(&draft.keywords),
                    draft.booth,
                    ctx.now_text()
                ],
            )?;
            record_tx(tx, ctx, "achievement", id, "update", &changes)
        })?;
        self.achievement(id)
    }

    /// Withdraws an achievement from the fair; it is never deleted.
    pub fn withdraw_achievement(&mut self, id: &str, reason: &str) -> StoreResult<()> {
        let reason = require_reason(reason)?;
        let old = self.achievement(id)?;
        self.write(|tx, ctx| {
            tx.execute(
                "UPDATE achievement SET status = 'withdrawn', status_reason = ?2, updated_at = ?3
                 WHERE id = ?1",
                params![id, reason, ctx.now_text()],
            )?;
            record_tx(
                tx,
                ctx,
                "achievement",
                id,
                "withdraw",
                &json!({"status": [old.status, "withdrawn"], "reason": [null, reason]}),
            )
        })
    }

    pub fn achievement(&self, id: &str) -> StoreResult<Achievement> {
        self.conn()
            .query_row(
                &format!("SELECT {COLUMNS} FROM achievement WHERE id = ?1"),
                [id],
                from_row,
            )
            .optional()?
            .ok_or_else(|| StoreError::NotFound {
                what: "achievement",
                reference: id.to_string(),
            })
    }

    /// Every achievement, by code; withdrawn ones only when asked.
    pub fn achievements(&self, include_withdrawn: bool) -> StoreResult<Vec<Achievement>> {
        let mut stmt = self.conn().prepare(&format!(
            "SELECT {COLUMNS} FROM achievement WHERE ?1 OR status = 'active' ORDER BY code"
        ))?;
        let rows = stmt.query_map([include_withdrawn], from_row)?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }
}

/// One shared copy of each repeated text.
#[derive(Default)]
struct Interner(std::collections::HashSet<std::sync::Arc<str>>);

impl Interner {
    fn get(&mut self, text: &str) -> std::sync::Arc<str> {
        if let Some(shared) = self.0.get(text) {
            return shared.clone();
        }
        let shared: std::sync::Arc<str> = text.into();
        self.0.insert(shared.clone());
        shared
    }
}

impl Store {
    /// Every achievement in brief, by code, with its number of interests.
    pub fn achievement_briefs(&self) -> StoreResult<Vec<AchievementBrief>> {
        // The table is read in its own order and sorted here, and the interest counts
        // are read apart and matched by id: both are cheaper than an index lookup per
        // row (100,000 rows on a large fair).
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, code, title, holder_id, field, maturity, asking_price_fen, keywords,
                    booth, status
             FROM achievement",
        )?;
        let mut shared = Interner::default();
        let mut rows = stmt.query([])?;
        let mut briefs = Vec::new();
        while let Some(r) = rows.next()? {
            let text = |i: usize| -> rusqlite::Result<&str> { Ok(r.get_ref(i)?.as_str()?) };
            briefs.push(AchievementBrief {
                id: r.get(0)?,
                code: r.get(1)?,
                title: r.get(2)?,
                holder_id: shared.get(text(3)?),
                field: shared.get(text(4)?),
                maturity: r.get::<_, Option<String>>(5)?.map(|m| shared.get(&m)),
                asking_price: money_opt(r.get(6)?),
                keywords: json_to_list(text(7)?).join(" "),
                booth: r.get(8)?,
                status: shared.get(text(9)?),
                interests: 0,
            });
        }
        briefs.sort_unstable_by(|a, b| a.code.cmp(&b.code));
        self.count_interests(&mut briefs)?;
        Ok(briefs)
    }

    /// Sets each brief's number of interests from the counters.
    pub fn count_interests(&self, briefs: &mut [AchievementBrief]) -> StoreResult<()> {
        // By hash, not by a binary search over the ids: 100,000 searches of 17 steps,
        // each reading another brief's id, cost more than the map (with a fast hash: the
        // ids are our own, not an attacker's).
        let position: foldhash::HashMap<&str, usize> = briefs
            .iter()
            .enumerate()
            .map(|(i, b)| (b.id.as_str(), i))
            .collect();
        let mut found = Vec::with_capacity(briefs.len());
        let mut counts = self
            .conn()
            .prepare_cached("SELECT achievement_id, n FROM interest_count WHERE n > 0")?;
        let mut rows = counts.query([])?;
        while let Some(r) = rows.next()? {
            let Ok(id) = r.get_ref(0)?.as_str() else {
                continue;
            };
            if let Some(&i) = position.get(id) {
                found.push((i, r.get::<_, i64>(1)?.clamp(0, u32::MAX as i64) as u32));
            }
        }
        drop(position);
        for brief in briefs.iter_mut() {
            brief.interests = 0;
        }
        for (i, n) in found {
            briefs[i].interests = n;
        }
        Ok(())
    }

    /// The achievement table's change counter: it moves with every insert, update or
    /// delete (migration 0011), so briefs read at the same value are still current.
    pub fn achievement_generation(&self) -> StoreResult<i64> {
        Ok(self
            .conn()
            .prepare_cached("SELECT n FROM change_generation WHERE kind = 'achievement'")?
            .query_row([], |r| r.get(0))?)
    }
}

#[cfg(test)]
mod tests {
    use crate::domain::achievement::AchievementInput;
    use crate::domain::organization::OrganizationInput;
    use crate::store::test_support::store;

    #[test]
    fn achievements_are_withdrawn_never_deleted() {
        let mut s = store();
        s.create_organization(&OrganizationInput {
            name: "内蒙古大学".into(),
            kind: "university".into(),
            ..Default::default()
        })
        .unwrap();
        let a = s
            .create_achievement(&AchievementInput {
                title: "胡芪降脂胶囊".into(),
                holder: "内蒙古大学".into(),
                field: "蒙医药".into(),
                asking_price: "300万".into(),
                ..Default::default()
            })
            .unwrap();
        assert_eq!(a.code, "A001");
        let deleted = s
            .conn()
            .execute("DELETE FROM achievement WHERE id = ?1", [&a.id]);
        assert!(deleted.is_err(), "the trigger refuses deletes");
        s.withdraw_achievement(&a.id, "持有单位撤展").unwrap();
        assert!(s.achievements(false).unwrap().is_empty());
        assert_eq!(s.achievements(true).unwrap()[0].status, "withdrawn");
    }

    #[test]
    fn an_edit_of_the_price_is_audited() {
        let mut s = store();
        s.create_organization(&OrganizationInput {
            name: "内蒙古大学".into(),
            kind: "university".into(),
            ..Default::default()
        })
        .unwrap();
        let a = s
            .create_achievement(&AchievementInput {
                title: "胡芪降脂胶囊".into(),
                holder: "内蒙古大学".into(),
                field: "蒙医药".into(),
                ..Default::default()
            })
            .unwrap();
        let mut input = a.data.to_input("内蒙古大学");
        input.asking_price = "12.5万".into();
        let b = s.update_achievement(&a.id, &input).unwrap();
        assert_eq!(b.data.asking_price.map(|m| m.fen()), Some(12_500_000));
        let h = crate::store::audit::history(s.conn(), "achievement", &a.id).unwrap();
        assert_eq!(h.last().unwrap().changes["asking_price"][1], 12_500_000);
    }

    #[test]
    fn the_change_counter_moves_with_achievements_and_not_with_interests() {
        let mut s = store();
        let before = s.achievement_generation().unwrap();
        let holder = s
            .create_organization(&OrganizationInput {
                name: "内蒙古大学".into(),
                kind: "university".into(),
                ..Default::default()
            })
            .unwrap();
        let buyer = s
            .create_organization(&OrganizationInput {
                name: "包头稀土企业".into(),
                kind: "enterprise".into(),
                ..Default::default()
            })
            .unwrap();
        assert_eq!(s.achievement_generation().unwrap(), before);
        let a = s
            .create_achievement(&AchievementInput {
                title: "稀土永磁材料".into(),
                holder: holder.id.clone(),
                field: "新材料".into(),
                ..Default::default()
            })
            .unwrap();
        let added = s.achievement_generation().unwrap();
        assert!(added > before);
        s.log_interest(&crate::domain::interest::InterestInput {
            enterprise: buyer.id,
            achievement: a.id.clone(),
            level: "咨询".into(),
            ..Default::default()
        })
        .unwrap();
        assert_eq!(s.achievement_generation().unwrap(), added);
        let mut input = a.data.to_input("内蒙古大学");
        input.booth = "B-07".into();
        s.update_achievement(&a.id, &input).unwrap();
        assert!(s.achievement_generation().unwrap() > added);
    }
}
