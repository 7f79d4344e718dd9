//! Agreements: record, correct amounts, void with a reason. Never deleted.
use crate::domain::agreement::{Agreement, AgreementDraft, AgreementInput};
use crate::domain::clock::new_id;
use crate::domain::error::{FieldErrors, Problem};
use crate::domain::money::Money;
use crate::domain::parse::required_money;
use crate::store::audit::{created, record_tx};
use crate::store::codes::claim_code;
use crate::store::organizations::require_reason;
use crate::store::{Store, StoreError, StoreResult, WriteContext, parse_time, time_text};
use rusqlite::{OptionalExtension, Row, Transaction, params};
use serde_json::json;

pub(crate) const COLUMNS: &str = "id, code, buyer_id, seller_id, contract_type, transfer_mode,
    contract_amount_fen, tech_amount_fen, signed_at, ceremony, multi_party, note, status,
    void_reason, desk, created_at, updated_at";

pub(crate) fn from_row(r: &Row) -> rusqlite::Result<Agreement> {
    Ok(Agreement {
        id: r.get(0)?,
        code: r.get(1)?,
        buyer_id: r.get(2)?,
        seller_id: r.get(3)?,
        achievement_ids: Vec::new(),
        contract_type: r.get(4)?,
        transfer_mode: r.get(5)?,
        contract_amount: Money::from_fen(r.get(6)?),
        tech_amount: Money::from_fen(r.get(7)?),
        signed_at: parse_time(&r.get::<_, String>(8)?),
        ceremony: r.get(9)?,
        multi_party: r.get(10)?,
        note: r.get(11)?,
        status: r.get(12)?,
        void_reason: r.get(13)?,
        desk: r.get(14)?,
        created_at: parse_time(&r.get::<_, String>(15)?),
        updated_at: parse_time(&r.get::<_, String>(16)?),
    })
}

pub fn insert_tx(
    tx: &Transaction,
    ctx: &WriteContext,
    input: &AgreementInput,
    draft: &AgreementDraft,
) -> StoreResult<String> {
    let wanted_id = crate::domain::text::clean_text(&input.id);
    if !wanted_id.is_empty()
        && tx
            .query_row(
                "SELECT 1 FROM agreement WHERE id = ?1",
                [&wanted_id],
                |_| Ok(()),
            )
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
    let code = claim_code(tx, "agreement", "S", 2, &input.code)?;
    let signed_at = draft
        .signed_at
        .map(time_text)
        .unwrap_or_else(|| ctx.now_text());
    tx.prepare_cached(
        "INSERT INTO agreement (id, code, buyer_id, seller_id, contract_type, transfer_mode,
            contract_amount_fen, tech_amount_fen, signed_at, ceremony, multi_party, note,
            desk, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?14)",
    )?
    .execute(params![
        id,
        code,
        draft.buyer_id,
        draft.seller_id,
        draft.contract_type,
        draft.transfer_mode,
        draft.contract_amount.fen(),
        draft.tech_amount.fen(),
        signed_at,
        draft.ceremony,
        draft.multi_party,
        draft.note,
        ctx.desk,
        ctx.now_text()
    ])?;
    for achievement_id in &draft.achievement_ids {
        tx.prepare_cached(
            "INSERT INTO agreement_achievement (agreement_id, achievement_id) VALUES (?1, ?2)",
        )?
        .execute(params![id, achievement_id])?;
    }
    record_tx(tx, ctx, "agreement", &id, "create", &created(draft))?;
    Ok(id)
}

impl Store {
    pub fn create_agreement(&mut self, input: &AgreementInput) -> StoreResult<Agreement> {
        let zone = self.require_fair()?.zone();
        let draft = input.validate(self, zone)?;
        let id = self.write(|tx, ctx| insert_tx(tx, ctx, input, &draft))?;
        self.agreement(&id)
    }

    /// Corrects the two amounts (as typed), keeping 技术交易额 ≤ 合同成交额; audited.
    pub fn correct_agreement_amounts(
        &mut self,
        id: &str,
        contract_amount: &str,
        tech_amount: &str,
    ) -> StoreResult<Agreement> {
        let mut errors = FieldErrors::default();
        let contract = required_money(&mut errors, "contract_amount", contract_amount);
        let tech = required_money(&mut errors, "tech_amount", tech_amount);
        if let (Some(c), Some(t)) = (contract, tech)
            && t > c
        {
            errors.push("tech_amount", Problem::TechAboveContract);
        }
        errors.clone().into_result(())?;
        let (contract, tech) = (contract.unwrap_or_default(), tech.unwrap_or_default());
        let old = self.agreement(id)?;
        self.write(|tx, ctx| {
            tx.execute(
                "UPDATE agreement SET contract_amount_fen = ?2, tech_amount_fen = ?3, updated_at = ?4
                 WHERE id = ?1",
                params![id, contract.fen(), tech.fen(), ctx.now_text()],
            )?;
            record_tx(
                tx,
                ctx,
                "agreement",
                id,
                "correct",
                &json!({
                    "contract_amount": [old.contract_amount.fen(), contract.fen()],
                    "tech_amount": [old.tech_amount.fen(), tech.fen()],
                }),
            )
        })?;
        self.agreement(id)
    }

    /// Voids an agreement: it leaves the totals but stays in the file and its history.
    pub fn void_agreement(&mut self, id: &str, reason: &str) -> StoreResult<Agreement> {
        let reason = require_reason(reason)?;
        let old = self.agreement(id)?;
        if old.status == "voided" {
            return Ok(old);
        }
        self.write(|tx, ctx| {
            tx.execute(
                "UPDATE agreement SET status = 'voided', void_reason = ?2, updated_at = ?3 WHERE id = ?1",
                params![id, reason, ctx.now_text()],
            )?;
            record_tx(
                tx,
                ctx,
                "agreement",
                id,
                "void",
                &json!({"status": ["signed", "voided"], "reason": [null, reason]}),
            )
        })?;
        self.agreement(id)
    }

    pub fn agreement(&self, id: &str) -> StoreResult<Agreement> {
        let mut agreement = self
            .conn()
            .query_row(
                &format!("SELECT {COLUMNS} FROM agreement WHERE id = ?1"),
                [id],
                from_row,
            )
            .optional()?
            .ok_or_else(|| StoreError::NotFound {
                what: "agreement",
                reference: id.to_string(),
            })?;
        let mut stmt = self.conn().prepare(
            "SELECT achievement_id FROM agreement_achievement WHERE agreement_id = ?1 ORDER BY rowid",
        )?;
        agreement.achievement_ids = stmt
            .query_map([id], |r| r.get(0))?
            .collect::<Result<Vec<String>, _>>()?;
        Ok(agreement)
    }

    /// Every agreement (voided ones included), by code, with its achievements.
    pub fn agreements(&self) -> StoreResult<Vec<Agreement>> {
        let mut stmt = self
            .conn()
            .prepare(&format!("SELECT {COLUMNS} FROM agreement ORDER BY code"))?;
        // Made at their size (the snapshot holds them all).
        let mut agreements =
            Vec::with_capacity(self.row_count(crate::store::stream::RecordTable::Agreement)?);
        for agreement in stmt.query_map([], from_row)? {
            agreements.push(agreement?);
        }
        let mut links = self.conn().prepare(
            "SELECT agreement_id, achievement_id FROM agreement_achievement ORDER BY rowid",
        )?;
        let mut by_agreement: std::collections::HashMap<String, Vec<String>> = Default::default();
        for link in links.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))? {
            let (agreement_id, achievement_id) = link?;
            by_agreement
                .entry(agreement_id)
                .or_default()
                .push(achievement_id);
        }
        for a in &mut agreements {
            a.achievement_ids = by_agreement.remove(&a.id).unwrap_or_default();
        }
        Ok(agreements)
    }
}

#[cfg(test)]
mod tests {
    use crate::domain::agreement::AgreementInput;
    use crate::domain::money::Money;
    use crate::store::interests::tests::seeded;

    fn input() -> AgreementInput {
        AgreementInput {
            buyer: "包头市华美稀土高科有限公司".into(),
            achievements: "A001".into(),
            contract_type: "技术转让".into(),
            contract_amount: "300万".into(),
            tech_amount: "200万".into(),
            ceremony: "true".into(),
            ..Default::default()
        }
    }

    #[test]
    fn void_keeps_the_row_and_its_history() {
        let mut s = seeded();
        let a = s.create_agreement(&input()).unwrap();
        assert_eq!(a.code, "S01");
        assert_eq!(a.achievement_ids.len(), 1);
        assert!(s.conn().execute("DELETE FROM agreement", []).is_err());
        assert!(s.void_agreement(&a.id, "").is_err(), "a reason is required");
        let v = s.void_agreement(&a.id, "双方协商解除").unwrap();
        assert_eq!(v.status, "voided");
        assert_eq!(s.agreements().unwrap().len(), 1);
        let h = crate::store::audit::history(s.conn(), "agreement", &a.id).unwrap();
        assert_eq!(
            h.iter().map(|e| e.action.as_str()).collect::<Vec<_>>(),
            vec!["create", "void"]
        );
    }

    #[test]
    fn corrections_are_audited_and_checked() {
        let mut s = seeded();
        let a = s.create_agreement(&input()).unwrap();
        assert!(
            s.correct_agreement_amounts(&a.id, "100万", "200万")
                .is_err()
        );
        let c = s
            .correct_agreement_amounts(&a.id, "350万", "200万")
            .unwrap();
        assert_eq!(c.contract_amount, Money::from_fen(350_000_000));
        let h = crate::store::audit::history(s.conn(), "agreement", &a.id).unwrap();
        assert_eq!(h[1].changes["contract_amount"][0], 300_000_000);
        assert_eq!(h[1].changes["contract_amount"][1], 350_000_000);
    }

    #[test]
    fn the_schema_refuses_tech_above_contract_even_behind_the_api() {
        let mut s = seeded();
        let a = s.create_agreement(&input()).unwrap();
        let r = s.conn().execute(
            "UPDATE agreement SET tech_amount_fen = contract_amount_fen + 1 WHERE id = ?1",
            [&a.id],
        );
        assert!(r.is_err());
    }
}
