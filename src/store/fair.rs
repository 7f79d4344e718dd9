//! The fair row: name, venue, dates, time zone.
use crate::domain::clock::new_id;
use crate::domain::fair::{Fair, FairInput};
use crate::store::audit::{created, record_tx};
use crate::store::{Store, StoreError, StoreResult};
use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};

impl Store {
    /// Creates the fair (once per file).
    pub fn create_fair(&mut self, input: &FairInput) -> StoreResult<Fair> {
        let draft = input.validate()?;
        let fair = Fair {
            uid: new_id(),
            name: draft.name,
            venue: draft.venue,
            starts_on: draft.starts_on,
            ends_on: draft.ends_on,
            organizer: draft.organizer,
            timezone: draft.timezone,
        };
        self.write(|tx, ctx| {
            tx.execute(
                "INSERT INTO fair (id, uid, name, venue, starts_on, ends_on, organizer, timezone,
                                   desk, created_at, updated_at)
                 VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
                params![
                    fair.uid,
                    fair.name,
                    fair.venue,
                    fair.starts_on.map(|d| d.to_string()),
                    fair.ends_on.map(|d| d.to_string()),
                    fair.organizer,
                    fair.timezone,
                    ctx.desk,
                    ctx.now_text()
                ],
            )?;
            record_tx(tx, ctx, "fair", &fair.uid, "create", &created(&fair))?;
            Ok(())
        })?;
        Ok(fair)
    }

    /// The fair, or `None` in a file where none was created yet.
    pub fn fair(&self) -> StoreResult<Option<Fair>> {
        let date =
            |s: Option<String>| s.and_then(|s| NaiveDate::parse_from_str(&s, "%Y-%m-%d").ok());
        Ok(self
            .conn()
            .query_row(
                "SELECT uid, name, venue, starts_on, ends_on, organizer, timezone FROM fair WHERE id = 1",
                [],
                |r| {
                    Ok(Fair {
                        uid: r.get(0)?,
                        name: r.get(1)?,
                        venue: r.get(2)?,
                        starts_on: date(r.get(3)?),
                        ends_on: date(r.get(4)?),
                        organizer: r.get(5)?,
                        timezone: r.get(6)?,
                    })
                },
            )
            .optional()?)
    }

    /// The fair, or an error telling the user to run `init`.
    pub fn require_fair(&self) -> StoreResult<Fair> {
        self.fair()?.ok_or_else(|| StoreError::NoFair {
            path: self.path().to_path_buf(),
        })
    }
}

impl Store {
    /// Renames the fair, audited.
    pub fn rename_fair(&mut self, name: &str) -> StoreResult<()> {
        let fair = self.require_fair()?;
        self.write(|tx, ctx| {
            tx.execute(
                "UPDATE fair SET name = ?1, updated_at = ?2 WHERE id = 1",
                params![name, ctx.now_text()],
            )?;
            record_tx(
                tx,
                ctx,
                "fair",
                &fair.uid,
                "update",
                &serde_json::json!({"name": [fair.name, name]}),
            )
        })
    }
}
