//! Interest: one record per enterprise × achievement whose level only rises.
use crate::domain::clock::new_id;
use crate::domain::interest::{Interest, InterestDraft, InterestInput, level_rank};
use crate::store::audit::{created, record_tx};
use crate::store::{Store, StoreError, StoreResult, WriteContext, parse_time, time_text};
use rusqlite::{OptionalExtension, Row, Transaction, params};
use serde_json::json;

pub(crate) const COLUMNS: &str =
    "id, enterprise_id, achievement_id, level, note, contact_person, logged_at,
    desk, created_at, updated_at";

pub(crate) fn from_row(r: &Row) -> rusqlite::Result<Interest> {
    Ok(Interest {
        id: r.get(0)?,
        enterprise_id: r.get(1)?,
        achievement_id: r.get(2)?,
        level: r.get(3)?,
        note: r.get(4)?,
        contact_person: r.get(5)?,
        logged_at: parse_time(&r.get::<_, String>(6)?),
        desk: r.get(7)?,
        created_at: parse_time(&r.get::<_, String>(8)?),
        updated_at: parse_time(&r.get::<_, String>(9)?),
    })
}

/// What logging an interest did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InterestOutcome {
    Created,
    /// The pair existed at a lower level; the level was raised.
    Raised,
    /// The pair existed at this level or higher; nothing changed except a new note.
    Unchanged,
}

/// Logs an interest inside the caller's transaction: a new pair is created, a known pair
/// has its level raised (never lowered) and the change audited.
pub fn upsert_tx(
    tx: &Transaction,
    ctx: &WriteContext,
    input_id: &str,
    draft: &InterestDraft,
) -> StoreResult<(String, InterestOutcome)> {
    let existing: Option<(String, String, Option<String>)> = tx
        .prepare_cached(
            "SELECT id, level, note FROM interest WHERE enterprise_id = ?1 AND achievement_id = ?2",
        )?
        .query_row(params![draft.enterprise_id, draft.achievement_id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .optional()?;
    if let Some((id, level, note)) = existing {
        let raise = level_rank(&draft.level) > level_rank(&level);
        let new_note = draft.note.is_some() && draft.note != note;
        if !raise && !new_note {
            return Ok((id, InterestOutcome::Unchanged));
        }
        let mut changes = serde_json::Map::new();
        if raise {
            changes.insert("level".into(), json!([level, draft.level]));
        }
        if new_note {
            changes.insert("note".into(), json!([note, draft.note]));
        }
        tx.execute(
            "UPDATE interest SET level = CASE WHEN ?2 THEN ?3 ELSE level END,
                note = coalesce(?4, note), updated_at = ?5 WHERE id = ?1",
            params![id, raise, draft.level, draft.note, ctx.now_text()],
        )?;
        record_tx(tx, ctx, "interest", &id, "update", &changes.into())?;
        let outcome = if raise {
            InterestOutcome::Raised
        } else {
            InterestOutcome::Unchanged
        };
        return Ok((id, outcome));
    }
    let id = insert_new_tx(tx, ctx, input_id, draft)?;
    Ok((id, InterestOutcome::Created))
}

/// Inserts an interest for a pair the caller knows has none yet (a bulk load that drew
/// distinct pairs); returns its id. A pair that exists after all is refused by the
/// UNIQUE constraint, never doubled.
pub fn insert_new_tx(
    tx: &Transaction,
    ctx: &WriteContext,
    input_id: &str,
    draft: &InterestDraft,
) -> StoreResult<String> {
    let wanted_id = crate::domain::text::clean_text(input_id);
    let id = if wanted_id.is_empty() {
        new_id()
    } else {
        wanted_id
    };
    let logged_at = draft
        .logged_at
        .map(time_text)
        .unwrap_or_else(|| ctx.now_text());
    let desk = draft.desk.as_deref().unwrap_or(ctx.desk);
    tx.prepare_cached(
        "INSERT INTO interest (id, enterprise_id, achievement_id, level, note, contact_person,
            logged_at, desk, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
    )?
    .execute(params![
        id,
        draft.enterprise_id,
        draft.achievement_id,
        draft.level,
        draft.note,
        draft.contact_person,
        logged_at,
        desk,
        ctx.now_text()
    ])?;
    record_tx(tx, ctx, "interest", &id, "create", &created(draft))?;
    Ok(id)
}

impl Store {
    pub fn log_interest(
        &mut self,
        input: &InterestInput,
    ) -> StoreResult<(Interest, InterestOutcome)> {
        let zone = self.require_fair()?.zone();
        let draft = input.validate(self, zone)?;
        let (id, outcome) = self.write(|tx, ctx| upsert_tx(tx, ctx, &input.id, &draft))?;
        Ok((self.interest(&id)?, outcome))
    }

    pub fn interest(&self, id: &str) -> StoreResult<Interest> {
        self.conn()
            .query_row(
                &format!("SELECT {COLUMNS} FROM interest WHERE id = ?1"),
                [id],
                from_row,
            )
            .optional()?
            .ok_or_else(|| StoreError::NotFound {
                what: "interest",
                reference: id.to_string(),
            })
    }

    /// Every interest, newest first.
    pub fn interests(&self) -> StoreResult<Vec<Interest>> {
        let mut stmt = self.conn().prepare(&format!(
            "SELECT {COLUMNS} FROM interest ORDER BY logged_at DESC, rowid DESC"
        ))?;
        let rows = stmt.query_map([], from_row)?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::InterestOutcome;
    use crate::domain::achievement::AchievementInput;
    use crate::domain::interest::InterestInput;
    use crate::domain::organization::OrganizationInput;
    use crate::store::Store;
    use crate::store::test_support::store;

    pub(crate) fn seeded() -> Store {
        let mut s = store();
        for (name, kind) in [
            ("内蒙古大学", "university"),
            ("包头市华美稀土高科有限公司", "enterprise"),
        ] {
            s.create_organization(&OrganizationInput {
                name: name.into(),
                kind: kind.into(),
                region: "包头市".into(),
                ..Default::default()
            })
            .unwrap();
        }
        s.create_achievement(&AchievementInput {
            title: "稀土永磁材料".into(),
            holder: "内蒙古大学".into(),
            field: "稀土".into(),
            ..Default::default()
        })
        .unwrap();
        s
    }

    #[test]
    fn the_same_pair_is_one_interest_whose_level_rises() {
        let mut s = seeded();
        let mut input = InterestInput {
            enterprise: "包头市华美稀土高科有限公司".into(),
            achievement: "A001".into(),
            level: "咨询".into(),
            ..Default::default()
        };
        let (first, outcome) = s.log_interest(&input).unwrap();
        assert_eq!(outcome, InterestOutcome::Created);
        input.level = "深度洽谈".into();
        let (second, outcome) = s.log_interest(&input).unwrap();
        assert_eq!(outcome, InterestOutcome::Raised);
        assert_eq!(first.id, second.id);
        assert_eq!(second.level, "深度洽谈");
        input.level = "咨询".into();
        let (third, outcome) = s.log_interest(&input).unwrap();
        assert_eq!(outcome, InterestOutcome::Unchanged);
        assert_eq!(third.level, "深度洽谈", "levels never fall");
        assert_eq!(s.interests().unwrap().len(), 1);
        let h = crate::store::audit::history(s.conn(), "interest", &first.id).unwrap();
        assert_eq!(h.len(), 2);
        assert_eq!(h[1].changes["level"][0], "咨询");
    }
}
