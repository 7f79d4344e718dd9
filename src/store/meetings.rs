//! Meetings: book a table and slot, refuse clashes, move the status along.
use crate::domain::clock::new_id;
use crate::domain::error::{FieldErrors, Problem};
use crate::domain::meeting::{Meeting, MeetingDraft, MeetingInput};
use crate::domain::vocab::meeting_status_code;
use crate::store::audit::{created, record_tx};
use crate::store::{Store, StoreError, StoreResult, WriteContext, parse_time, time_text};
use chrono::Duration;
use rusqlite::{OptionalExtension, Row, Transaction, params};
use serde_json::json;

pub(crate) const COLUMNS: &str =
    "id, enterprise_id, achievement_id, holder_id, table_no, slot_start,
    slot_minutes, status, desk, created_at, updated_at";

pub(crate) fn from_row(r: &Row) -> rusqlite::Result<Meeting> {
    Ok(Meeting {
        id: r.get(0)?,
        data: MeetingDraft {
            enterprise_id: r.get(1)?,
            achievement_id: r.get(2)?,
            holder_id: r.get(3)?,
            table_no: r.get(4)?,
            slot_start: parse_time(&r.get::<_, String>(5)?),
            slot_minutes: r.get(6)?,
            status: r.get(7)?,
        },
        desk: r.get(8)?,
        created_at: parse_time(&r.get::<_, String>(9)?),
        updated_at: parse_time(&r.get::<_, String>(10)?),
    })
}

/// Refuses a booking whose table, enterprise or holder is already taken in an
/// overlapping slot by a meeting that is not cancelled.
fn check_free(tx: &Transaction, draft: &MeetingDraft, own_id: &str) -> StoreResult<()> {
    if draft.status == "cancelled" {
        return Ok(());
    }
    let start = time_text(draft.slot_start);
    let end = time_text(draft.slot_start + Duration::minutes(i64::from(draft.slot_minutes)));
    let clash = |condition: &str, value: &dyn rusqlite::ToSql| -> StoreResult<Option<String>> {
        let sql = format!(
            "SELECT m.table_no || ' / ' || o.name FROM meeting m JOIN organization o ON o.id = m.enterprise_id
             WHERE m.status <> 'cancelled' AND m.id <> ?1 AND {condition}
               AND julianday(m.slot_start) < julianday(?3)
               AND julianday(m.slot_start, '+' || m.slot_minutes || ' minutes') > julianday(?2)
             LIMIT 1"
        );
        Ok(tx
            .query_row(&sql, params![own_id, start, end, value], |r| r.get(0))
            .optional()?)
    };
    let mut errors = FieldErrors::default();
    if let Some(other) = clash("m.table_no = ?4", &draft.table_no)? {
        errors.push(
            "table_no",
            Problem::Other {
                zh: format!("该桌在此时段已有预约（桌号 / 企业：{other}）"),
                en: format!("this table is taken in that slot (table / enterprise: {other})"),
            },
        );
    }
    if let Some(other) = clash("m.enterprise_id = ?4", &draft.enterprise_id)? {
        errors.push(
            "enterprise",
            Problem::Other {
                zh: format!("该企业在此时段已有洽谈（桌号 / 企业：{other}）"),
                en: format!("the enterprise already has a meeting in that slot (table / enterprise: {other})"),
            },
        );
    }
    if let Some(other) = clash("m.holder_id = ?4", &draft.holder_id)? {
        errors.push(
            "achievement",
            Problem::Other {
                zh: format!("成果持有单位在此时段已有洽谈（桌号 / 企业：{other}）"),
                en: format!("the achievement's holder already has a meeting in that slot (table / enterprise: {other})"),
            },
        );
    }
    errors.into_result(()).map_err(StoreError::from)
}

pub fn insert_tx(
    tx: &Transaction,
    ctx: &WriteContext,
    input_id: &str,
    draft: &MeetingDraft,
) -> StoreResult<String> {
    let wanted_id = crate::domain::text::clean_text(input_id);
    if !wanted_id.is_empty()
        && tx
            .query_row("SELECT 1 FROM meeting WHERE id = ?1", [&wanted_id], |_| {
                Ok(())
            })
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
    check_free(tx, draft, &id)?;
    tx.prepare_cached(
        "INSERT INTO meeting (id, enterprise_id, achievement_id, holder_id, table_no, slot_start,
            slot_minutes, status, desk, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)",
    )?
    .execute(params![
        id,
        draft.enterprise_id,
        draft.achievement_id,
        draft.holder_id,
        draft.table_no,
        time_text(draft.slot_start),
        draft.slot_minutes,
        draft.status,
        ctx.desk,
        ctx.now_text()
    ])?;
    record_tx(tx, ctx, "meeting", &id, "create", &created(draft))?;
    Ok(id)
}

impl Store {
    pub fn book_meeting(&mut self, input: &MeetingInput) -> StoreResult<Meeting> {
        let zone = self.require_fair()?.zone();
        let draft = input.validate(self, zone)?;
        let id = self.write(|tx, ctx| insert_tx(tx, ctx, &input.id, &draft))?;
        self.meeting(&id)
    }

    /// Moves a meeting to `held`, `no_show`, `cancelled` or back to `booked`.
    pub fn set_meeting_status(&mut self, id: &str, status: &str) -> StoreResult<Meeting> {
        let Some(status) = meeting_status_code(status) else {
            let mut errors = FieldErrors::default();
            errors.push(
                "status",
                Problem::NotInVocabulary {
                    value: status.to_string(),
                },
            );
            return Err(errors.into());
        };
        let old = self.meeting(id)?;
        if old.data.status == status {
            return Ok(old);
        }
        self.write(|tx, ctx| {
            let mut moved = old.data.clone();
            moved.status = status.to_string();
            check_free(tx, &moved, id)?;
            tx.execute(
                "UPDATE meeting SET status = ?2, updated_at = ?3 WHERE id = ?1",
                params![id, status, ctx.now_text()],
            )?;
            record_tx(
                tx,
                ctx,
                "meeting",
                id,
                "update",
                &json!({"status": [old.data.status, status]}),
            )
        })?;
        self.meeting(id)
    }

    pub fn meeting(&self, id: &str) -> StoreResult<Meeting> {
        self.conn()
            .query_row(
                &format!("SELECT {COLUMNS} FROM meeting WHERE id = ?1"),
                [id],
                from_row,
            )
            .optional()?
            .ok_or_else(|| StoreError::NotFound {
                what: "meeting",
                reference: id.to_string(),
            })
    }

    /// Every meeting by slot and table.
    pub fn meetings(&self) -> StoreResult<Vec<Meeting>> {
        let mut stmt = self.conn().prepare(&format!(
            "SELECT {COLUMNS} FROM meeting ORDER BY slot_start, table_no, rowid"
        ))?;
        let rows = stmt.query_map([], from_row)?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }
}

#[cfg(test)]
mod tests {
    use crate::domain::achievement::AchievementInput;
    use crate::domain::meeting::MeetingInput;
    use crate::domain::organization::OrganizationInput;
    use crate::store::StoreError;
    use crate::store::test_support::store;

    fn booking(enterprise: &str, achievement: &str, table: &str, slot: &str) -> MeetingInput {
        MeetingInput {
            enterprise: enterprise.into(),
            achievement: achievement.into(),
            table_no: table.into(),
            slot_start: slot.into(),
            ..Default::default()
        }
    }

    fn fields(err: StoreError) -> Vec<&'static str> {
        match err {
            StoreError::Invalid(e) => e.0.iter().map(|e| e.field).collect(),
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn clashes_are_refused_with_the_reason() {
        let mut s = store();
        for (name, kind) in [
            ("大学甲", "university"),
            ("大学乙", "university"),
            ("企业甲", "enterprise"),
            ("企业乙", "enterprise"),
        ] {
            s.create_organization(&OrganizationInput {
                name: name.into(),
                kind: kind.into(),
                ..Default::default()
            })
            .unwrap();
        }
        for (title, holder) in [("成果一", "大学甲"), ("成果二", "大学乙")] {
            s.create_achievement(&AchievementInput {
                title: title.into(),
                holder: holder.into(),
                field: "稀土".into(),
                ..Default::default()
            })
            .unwrap();
        }
        s.book_meeting(&booking("企业甲", "A001", "1", "2019-12-10 09:00"))
            .unwrap();
        // Same table, overlapping slot.
        let err = s
            .book_meeting(&booking("企业乙", "A002", "1", "2019-12-10 09:10"))
            .unwrap_err();
        assert_eq!(fields(err), vec!["table_no"]);
        // Same enterprise elsewhere in the same slot.
        let err = s
            .book_meeting(&booking("企业甲", "A002", "2", "2019-12-10 09:00"))
            .unwrap_err();
        assert_eq!(fields(err), vec!["enterprise"]);
        // Same holder elsewhere in the same slot.
        let err = s
            .book_meeting(&booking("企业乙", "A001", "3", "2019-12-10 09:00"))
            .unwrap_err();
        assert_eq!(fields(err), vec!["achievement"]);
        // The next slot is free.
        let m = s
            .book_meeting(&booking("企业乙", "A001", "1", "2019-12-10 09:20"))
            .unwrap();
        assert_eq!(s.meetings().unwrap().len(), 2);
        // A cancelled meeting frees its table.
        s.set_meeting_status(&m.id, "cancelled").unwrap();
        s.book_meeting(&booking("企业乙", "A002", "1", "2019-12-10 09:20"))
            .unwrap();
    }
}
