//! Check-in: a visiting enterprise's representative has arrived. Once per organization.
use crate::domain::clock::new_id;
use crate::domain::parse::optional_line;
use crate::store::audit::record_tx;
use crate::store::{Store, StoreResult, parse_time};
use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, params};
use serde::Serialize;
use serde_json::json;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Checkin {
    pub organization_id: String,
    pub person: Option<String>,
    pub badge: Option<String>,
    pub arrived_at: DateTime<Utc>,
    pub desk: String,
}

/// What a check-in did: recorded now, or found an earlier one (when and by which desk).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CheckinOutcome {
    New(Checkin),
    Already(Checkin),
}

impl Store {
    pub fn check_in(
        &mut self,
        organization_id: &str,
        person: &str,
        badge: &str,
    ) -> StoreResult<CheckinOutcome> {
        let mut errors = crate::domain::error::FieldErrors::default();
        let person = optional_line(&mut errors, "contact_person", person);
        let badge = optional_line(&mut errors, "badge", badge);
        errors.into_result(())?;
        self.organization(organization_id)?;
        self.write(|tx, ctx| {
            let earlier = tx
                .query_row(
                    "SELECT organization_id, person, badge, arrived_at, desk FROM checkin WHERE organization_id = ?1",
                    [organization_id],
                    |r| {
                        Ok(Checkin {
                            organization_id: r.get(0)?,
                            person: r.get(1)?,
                            badge: r.get(2)?,
                            arrived_at: parse_time(&r.get::<_, String>(3)?),
                            desk: r.get(4)?,
                        })
                    },
                )
                .optional()?;
            if let Some(earlier) = earlier {
                return Ok(CheckinOutcome::Already(earlier));
            }
            tx.execute(
                "INSERT INTO checkin (id, organization_id, person, badge, arrived_at, desk, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?5)",
                params![new_id(), organization_id, person, badge, ctx.now_text(), ctx.desk],
            )?;
            record_tx(
                tx,
                ctx,
                "organization",
                organization_id,
                "check_in",
                &json!({"person": [null, person], "badge": [null, badge]}),
            )?;
            Ok(CheckinOutcome::New(Checkin {
                organization_id: organization_id.to_string(),
                person: person.clone(),
                badge: badge.clone(),
                arrived_at: ctx.now,
                desk: ctx.desk.to_string(),
            }))
        })
    }

    /// Ids of organizations checked in, with their arrival time.
    pub fn checkins(&self) -> StoreResult<Vec<(String, DateTime<Utc>)>> {
        let mut stmt = self
            .conn()
            .prepare("SELECT organization_id, arrived_at FROM checkin ORDER BY arrived_at")?;
        let rows = stmt.query_map([], |r| {
            Ok((r.get::<_, String>(0)?, parse_time(&r.get::<_, String>(1)?)))
        })?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::CheckinOutcome;
    use crate::store::interests::tests::seeded;

    #[test]
    fn a_second_check_in_reports_the_first() {
        let mut s = seeded();
        let org = s.organizations(false).unwrap()[1].id.clone();
        let first = s.check_in(&org, "王明", "B-017").unwrap();
        assert!(matches!(first, CheckinOutcome::New(_)));
        match s.check_in(&org, "", "").unwrap() {
            CheckinOutcome::Already(c) => {
                assert_eq!(c.desk, "desk-test");
                assert_eq!(c.badge.as_deref(), Some("B-017"));
            }
            other => panic!("unexpected {other:?}"),
        }
        assert_eq!(s.checkins().unwrap().len(), 1);
    }
}
