//! Enterprises' technology needs: create, edit, read.
use crate::domain::clock::new_id;
use crate::domain::need::{Need, NeedDraft, NeedInput};
use crate::store::audit::{created, diff, record_tx};
use crate::store::codes::claim_code;
use crate::store::rows::{json_to_list, list_to_json, money_opt};
use crate::store::{Store, StoreError, StoreResult, WriteContext, parse_time};
use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Row, Transaction, params};

pub(crate) const COLUMNS: &str =
    "id, code, organization_id, title, field, description, keywords, budget_fen,
    cooperation_modes, deadline, status, desk, created_at, updated_at";

pub(crate) fn from_row(r: &Row) -> rusqlite::Result<Need> {
    Ok(Need {
        id: r.get(0)?,
        code: r.get(1)?,
        data: NeedDraft {
            organization_id: r.get(2)?,
            title: r.get(3)?,
            field: r.get(4)?,
            description: r.get(5)?,
            keywords: json_to_list(&r.get::<_, String>(6)?),
            budget: money_opt(r.get(7)?),
            cooperation_modes: json_to_list(&r.get::<_, String>(8)?),
            deadline: r
                .get::<_, Option<String>>(9)?
                .and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()),
        },
        status: r.get(10)?,
        desk: r.get(11)?,
        created_at: parse_time(&r.get::<_, String>(12)?),
        updated_at: parse_time(&r.get::<_, String>(13)?),
    })
}

pub fn insert_tx(
    tx: &Transaction,
    ctx: &WriteContext,
    input: &NeedInput,
    draft: &NeedDraft,
) -> StoreResult<String> {
    let wanted_id = crate::domain::text::clean_text(&input.id);
    if !wanted_id.is_empty()
        && tx
            .query_row("SELECT 1 FROM need WHERE id = ?1", [&wanted_id], |_| Ok(()))
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
    let code = claim_code(tx, "need", "N", 3, &input.code)?;
    tx.prepare_cached(
        "INSERT INTO need (id, code, organization_id, title, field, description, keywords,
            budget_fen, cooperation_modes, deadline, desk, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12)",
    )?
    .execute(params![
        id,
        code,
        draft.organization_id,
        draft.title,
        draft.field,
        draft.description,
        list_to_json(&draft.keywords),
        draft.budget.map(|m| m.fen()),
        list_to_json(&draft.cooperation_modes),
        draft.deadline.map(|d| d.to_string()),
        ctx.desk,
        ctx.now_text()
    ])?;
    record_tx(tx, ctx, "need", &id, "create", &created(draft))?;
    Ok(id)
}

impl Store {
    pub fn create_need(&mut self, input: &NeedInput) -> StoreResult<Need> {
        let draft = input.validate(self)?;
        let id = self.write(|tx, ctx| insert_tx(tx, ctx, input, &draft))?;
        self.need(&id)
    }

    pub fn update_need(&mut self, id: &str, input: &NeedInput) -> StoreResult<Need> {
        let draft = input.validate(self)?;
        let old = self.need(id)?;
        self.write(|tx, ctx| {
            let changes = diff(&old.data, &draft);
            if changes.as_object().is_some_and(|c| c.is_empty()) {
                return Ok(());
            }
            tx.execute(
                "UPDATE need SET organization_id = ?2, title = ?3, field = ?4, description = ?5,
                    keywords = ?6, budget_fen = ?7, cooperation_modes = ?8, deadline = ?9,
                    updated_at = ?10
                 WHERE id = ?1",
                params![
                    id,
                    draft.organization_id,
                    draft.title,
                    draft.field,
                    draft.description,
                    list_to_json(&draft.keywords),
                    draft.budget.map(|m| m.fen()),
                    list_to_json(&draft.cooperation_modes),
                    draft.deadline.map(|d| d.to_string()),
                    ctx.now_text()
                ],
            )?;
            record_tx(tx, ctx, "need", id, "update", &changes)
        })?;
        self.need(id)
    }

    pub fn need(&self, id: &str) -> StoreResult<Need> {
        self.conn()
            .query_row(
                &format!("SELECT {COLUMNS} FROM need WHERE id = ?1"),
                [id],
                from_row,
            )
            .optional()?
            .ok_or_else(|| StoreError::NotFound {
                what: "need",
                reference: id.to_string(),
            })
    }

    pub fn needs(&self) -> StoreResult<Vec<Need>> {
        let mut stmt = self
            .conn()
            .prepare(&format!("SELECT {COLUMNS} FROM need ORDER BY code"))?;
        let rows = stmt.query_map([], from_row)?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }
}
