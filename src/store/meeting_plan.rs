//! The fair's meeting plan (tables, slot length, sessions); the default until edited.
use crate::domain::schedule::MeetingPlan;
use crate::store::audit::{diff, record_tx};
use crate::store::{Store, StoreResult};
use chrono::NaiveTime;
use rusqlite::{OptionalExtension, params};

impl Store {
    pub fn meeting_plan(&self) -> StoreResult<MeetingPlan> {
        let row: Option<(u32, u32, String)> = self
            .conn()
            .query_row(
                "SELECT tables, slot_minutes, sessions FROM meeting_plan WHERE id = 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        Ok(match row {
            None => MeetingPlan::default(),
            Some((tables, slot_minutes, sessions)) => {
                let pairs: Vec<(String, String)> =
                    serde_json::from_str(&sessions).unwrap_or_default();
                let read = |s: &str| NaiveTime::parse_from_str(s, "%H:%M").ok();
                let sessions: Vec<(NaiveTime, NaiveTime)> = pairs
                    .iter()
                    .filter_map(|(a, b)| Some((read(a)?, read(b)?)))
                    .collect();
                MeetingPlan {
                    tables,
                    slot_minutes,
                    sessions,
                }
            }
        })
    }

    /// Replaces the meeting plan, audited.
    pub fn set_meeting_plan(&mut self, plan: &MeetingPlan) -> StoreResult<()> {
        let old = self.meeting_plan()?;
        let sessions: Vec<(String, String)> = plan
            .sessions
            .iter()
            .map(|(a, b)| (a.format("%H:%M").to_string(), b.format("%H:%M").to_string()))
            .collect();
        let sessions = serde_json::to_string(&sessions)?;
        self.write(|tx, ctx| {
            tx.execute(
                "INSERT INTO meeting_plan (id, tables, slot_minutes, sessions, desk, updated_at)
                 VALUES (1, ?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (id) DO UPDATE SET tables = ?1, slot_minutes = ?2, sessions = ?3,
                    desk = ?4, updated_at = ?5",
                params![
                    plan.tables,
                    plan.slot_minutes,
                    sessions,
                    ctx.desk,
                    ctx.now_text()
                ],
            )?;
            record_tx(tx, ctx, "meeting_plan", "1", "update", &diff(&old, plan))
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::domain::schedule::MeetingPlan;
    use crate::store::test_support::store;

    #[test]
    fn the_plan_defaults_then_keeps_an_edit() {
        let mut s = store();
        assert_eq!(s.meeting_plan().unwrap(), MeetingPlan::default());
        let plan = MeetingPlan::parse("12", "30", "09:30-11:30").unwrap();
        s.set_meeting_plan(&plan).unwrap();
        assert_eq!(s.meeting_plan().unwrap(), plan);
    }
}
