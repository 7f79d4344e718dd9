//! Organizations: create, edit, withdraw, read.
use crate::domain::clock::new_id;
use crate::domain::error::{FieldErrors, Problem};
use crate::domain::organization::{Organization, OrganizationDraft, OrganizationInput};
use crate::store::audit::{created, diff, record_tx};
use crate::store::codes::claim_code;
use crate::store::{Store, StoreError, StoreResult, WriteContext, parse_time, time_text};
use rusqlite::{OptionalExtension, Row, Transaction, params};
use serde_json::json;

pub(crate) const COLUMNS: &str =
    "id, code, name, kind, credit_code, region, industry, contact_name,
    contact_phone, contact_email, contact_consent, consent_at, note, status, status_reason,
    desk, created_at, updated_at";

pub(crate) fn from_row(r: &Row) -> rusqlite::Result<Organization> {
    Ok(Organization {
        id: r.get(0)?,
        code: r.get(1)?,
        data: OrganizationDraft {
            name: r.get(2)?,
            kind: r.get(3)?,
            credit_code: r.get(4)?,
            region: r.get(5)?,
            industry: r.get(6)?,
            contact_name: r.get(7)?,
            contact_phone: r.get(8)?,
            contact_email: r.get(9)?,
            contact_consent: r.get(10)?,
            note: r.get(12)?,
        },
        consent_at: r.get::<_, Option<String>>(11)?.map(|t| parse_time(&t)),
        status: r.get(13)?,
        status_reason: r.get(14)?,
        desk: r.get(15)?,
        created_at: parse_time(&r.get::<_, String>(16)?),
        updated_at: parse_time(&r.get::<_, String>(17)?),
    })
}

/// Refuses a credit code another organization already has, naming that organization.
fn check_credit_code_free(
    tx: &Transaction,
    credit_code: Option<&str>,
    own_id: &str,
) -> StoreResult<()> {
    let Some(code) = credit_code else {
        return Ok(());
    };
    let existing: Option<(String, String)> = tx
        .prepare_cached("SELECT name, code FROM organization WHERE credit_code = ?1 AND id <> ?2")?
        .query_row(params![code, own_id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    match existing {
        Some((name, code)) => Err(FieldErrors::from(crate::domain::error::FieldError::new(
            "credit_code",
            Problem::Duplicate {
                existing: format!("{name}（{code}）"),
            },
        ))
        .into()),
        None => Ok(()),
    }
}

/// Inserts a checked organization inside the caller's transaction; returns its id.
pub fn insert_tx(
    tx: &Transaction,
    ctx: &WriteContext,
    input: &OrganizationInput,
    draft: &OrganizationDraft,
) -> StoreResult<String> {
    let wanted_id = crate::domain::text::clean_text(&input.id);
    if !wanted_id.is_empty() {
        let exists = tx
            .prepare_cached("SELECT 1 FROM organization WHERE id = ?1")?
            .query_row([&wanted_id], |_| Ok(()))
            .optional()?
            .is_some();
        if exists {
            // A retried write: the record is already there, once.
            return Ok(wanted_id);
        }
    }
    let id = if wanted_id.is_empty() {
        new_id()
    } else {
        wanted_id
    };
    check_credit_code_free(tx, draft.credit_code.as_deref(), &id)?;
    let code = claim_code(tx, "organization", "O", 3, &input.code)?;
    let now = ctx.now_text();
    let consent_at = draft.contact_consent.then(|| now.clone());
    tx.prepare_cached(
        "INSERT INTO organization (id, code, name, kind, credit_code, region, industry,
            contact_name, contact_phone, contact_email, contact_consent, consent_at, note,
            desk, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?15)",
    )?
    .execute(params![
        id,
        code,
        draft.name,
        draft.kind,
        draft.credit_code,
        draft.region,
        draft.industry,
        draft.contact_name,
        draft.contact_phone,
        draft.contact_email,
        draft.contact_consent,
        consent_at,
        draft.note,
        ctx.desk,
        now
    ])?;
    record_tx(tx, ctx, "organization", &id, "create", &created(draft))?;
    Ok(id)
}

impl Store {
    pub fn create_organization(&mut self, input: &OrganizationInput) -> StoreResult<Organization> {
        let draft = input.validate()?;
        let id = self.write(|tx, ctx| insert_tx(tx, ctx, input, &draft))?;
        self.organization(&id)
    }

    /// Replaces an organization's fields, auditing what changed.
    pub fn update_organization(
        &mut self,
        id: &str,
        input: &OrganizationInput,
    ) -> StoreResult<Organization> {
        let draft = input.validate()?;
        let old = self.organization(id)?;
        self.write(|tx, ctx| {
            check_credit_code_free(tx, draft.credit_code.as_deref(), id)?;
            let changes = diff(&old.data, &draft);
            if changes.as_object().is_some_and(|c| c.is_empty()) {
                return Ok(());
            }
            let consent_at = match (old.data.contact_consent, draft.contact_consent) {
                (false, true) => Some(ctx.now_text()),
                (true, true) => old.consent_at.map(time_text),
                _ => None,
            };
            tx.execute(
                "UPDATE organization SET name = ?2, kind = ?3, credit_code = ?4, region = ?5,
                    industry = ?6, contact_name = ?7, contact_phone = ?8, contact_email = ?9,
                    contact_consent = ?10, consent_at = ?11, note = ?12, updated_at = ?13
                 WHERE id = ?1",
                params![
                    id,
                    draft.name,
                    draft.kind,
                    draft.credit_code,
                    draft.region,
                    draft.industry,
                    draft.contact_name,
                    draft.contact_phone,
                    draft.contact_email,
                    draft.contact_consent,
                    consent_at,
                    draft.note,
                    ctx.now_text()
                ],
            )?;
            record_tx(tx, ctx, "organization", id, "update", &changes)
        })?;
        self.organization(id)
    }

    /// Withdraws an organization (it stays in the file and in history).
    pub fn withdraw_organization(&mut self, id: &str, reason: &str) -> StoreResult<()> {
        let reason = require_reason(reason)?;
        let old = self.organization(id)?;
        self.write(|tx, ctx| {
            tx.execute(
                "UPDATE organization SET status = 'withdrawn', status_reason = ?2, updated_at = ?3
                 WHERE id = ?1",
                params![id, reason, ctx.now_text()],
            )?;
            record_tx(
                tx,
                ctx,
                "organization",
                id,
                "withdraw",
                &json!({"status": [old.status, "withdrawn"], "reason": [null, reason]}),
            )
        })
    }

    pub fn organization(&self, id: &str) -> StoreResult<Organization> {
        self.conn()
            .query_row(
                &format!("SELECT {COLUMNS} FROM organization WHERE id = ?1"),
                [id],
                from_row,
            )
            .optional()?
            .ok_or_else(|| StoreError::NotFound {
                what: "organization",
                reference: id.to_string(),
            })
    }

    /// Every organization, by code; withdrawn ones only when asked.
    pub fn organizations(&self, include_withdrawn: bool) -> StoreResult<Vec<Organization>> {
        let mut stmt = self.conn().prepare(&format!(
            "SELECT {COLUMNS} FROM organization WHERE ?1 OR status = 'active' ORDER BY code"
        ))?;
        // Made at their size (the snapshot holds them all).
        let known: i64 = self.conn().query_row(
            "SELECT count(*) FROM organization WHERE ?1 OR status = 'active'",
            [include_withdrawn],
            |r| r.get(0),
        )?;
        let mut organizations = Vec::with_capacity(usize::try_from(known).unwrap_or(0));
        for organization in stmt.query_map([include_withdrawn], from_row)? {
            organizations.push(organization?);
        }
        Ok(organizations)
    }
}

/// A withdrawal or voiding reason: cleaned and required.
pub fn require_reason(reason: &str) -> StoreResult<String> {
    let mut errors = FieldErrors::default();
    let reason = crate::domain::parse::required_line(&mut errors, "reason", reason);
    errors.into_result(reason).map_err(StoreError::from)
}

#[cfg(test)]
mod tests {
    use crate::domain::organization::OrganizationInput;
    use crate::store::StoreError;
    use crate::store::audit::history;
    use crate::store::test_support::store;

    fn org(name: &str, credit: &str) -> OrganizationInput {
        OrganizationInput {
            name: name.into(),
            kind: "enterprise".into(),
            credit_code: credit.into(),
            region: "包头市".into(),
            ..Default::default()
        }
    }

    #[test]
    fn create_assigns_code_and_audits() {
        let mut s = store();
        let a = s.create_organization(&org("包头稀土甲公司", "")).unwrap();
        let b = s.create_organization(&org("包头稀土乙公司", "")).unwrap();
        assert_eq!((a.code.as_str(), b.code.as_str()), ("O001", "O002"));
        assert_eq!(a.desk, "desk-test");
        let h = history(s.conn(), "organization", &a.id).unwrap();
        assert_eq!(h.len(), 1);
        assert_eq!(h[0].action, "create");
        assert_eq!(h[0].changes["name"][1], "包头稀土甲公司");
    }

    #[test]
    fn a_second_credit_code_is_refused_naming_the_first() {
        let mut s = store();
        s.create_organization(&org("甲公司", "91350100M000100Y43"))
            .unwrap();
        let err = s
            .create_organization(&org("乙公司", "91350100M000100Y43"))
            .unwrap_err();
        match err {
            StoreError::Invalid(e) => {
                assert_eq!(e.0[0].field, "credit_code");
                assert!(e.message(crate::domain::lang::Lang::Zh).contains("甲公司"));
            }
            other => panic!("unexpected {other:?}"),
        }
        assert_eq!(s.organizations(true).unwrap().len(), 1);
    }

    #[test]
    fn update_audits_old_and_new() {
        let mut s = store();
        let a = s.create_organization(&org("甲公司", "")).unwrap();
        let mut input = a.data.to_input();
        input.region = "鄂尔多斯市".into();
        let b = s.update_organization(&a.id, &input).unwrap();
        assert_eq!(b.data.region.as_deref(), Some("鄂尔多斯市"));
        let h = history(s.conn(), "organization", &a.id).unwrap();
        assert_eq!(h[1].action, "update");
        assert_eq!(h[1].changes["region"][0], "包头市");
        assert_eq!(h[1].changes["region"][1], "鄂尔多斯市");
    }

    #[test]
    fn withdraw_hides_but_keeps() {
        let mut s = store();
        let a = s.create_organization(&org("甲公司", "")).unwrap();
        assert!(s.withdraw_organization(&a.id, "  ").is_err());
        s.withdraw_organization(&a.id, "重复登记").unwrap();
        assert!(s.organizations(false).unwrap().is_empty());
        assert_eq!(
            s.organizations(true).unwrap()[0].status_reason.as_deref(),
            Some("重复登记")
        );
    }

    #[test]
    fn a_retried_create_with_the_same_id_is_one_record() {
        let mut s = store();
        let mut input = org("甲公司", "");
        input.id = "0190a1b2-0000-7000-8000-000000000001".into();
        s.create_organization(&input).unwrap();
        s.create_organization(&input).unwrap();
        assert_eq!(s.organizations(true).unwrap().len(), 1);
    }
}
