//! Exhibitors' access codes: issued by staff, stored only as a salted Argon2 hash,
//! checked with a growing wait after 5 wrong codes; every attempt is audited.
use crate::domain::clock::new_id;
use crate::store::audit::record_tx;
use crate::store::{Store, StoreError, StoreResult, parse_time};
use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use chrono::{DateTime, Duration, Utc};
use rusqlite::{OptionalExtension, params};
use serde_json::json;

/// Characters of a code: no 0/O, 1/I/L to misread over a counter.
const CODE_ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";
const CODE_LENGTH: usize = 8;
/// Wrong codes allowed before each further try has to wait.
pub const FREE_TRIES: usize = 5;

/// The answer to one attempt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AccessCheck {
    Granted,
    /// Wrong code; this many tries remain before waits begin.
    Wrong {
        remaining: usize,
    },
    /// Too many wrong codes: no try is checked before this moment.
    Locked {
        until: DateTime<Utc>,
    },
    /// No code was ever issued for the organization.
    NoCode,
}

fn new_code() -> StoreResult<String> {
    let mut bytes = [0u8; CODE_LENGTH];
    getrandom::fill(&mut bytes).map_err(|e| StoreError::Crypto(e.to_string()))?;
    Ok(bytes
        .iter()
        .map(|b| CODE_ALPHABET[*b as usize % CODE_ALPHABET.len()] as char)
        .collect())
}

/// The wait after `failures` wrong codes in a row: none for the first five, then 30 s
/// doubling up to 15 minutes.
pub fn wait_after(failures: usize) -> Duration {
    if failures < FREE_TRIES {
        return Duration::zero();
    }
    let doublings = (failures - FREE_TRIES).min(5) as i32;
    Duration::seconds(30 * 2i64.pow(doublings as u32)).min(Duration::minutes(15))
}

impl Store {
    /// Issues a new code for an organization (the old one stops working) and returns it:
    /// the only time it is ever seen in clear.
    pub fn issue_access_code(&mut self, organization_id: &str) -> StoreResult<String> {
        self.organization(organization_id)?;
        let code = new_code()?;
        let hash = Argon2::default()
            .hash_password(code.as_bytes())
            .map_err(|e| StoreError::Crypto(e.to_string()))?
            .to_string();
        self.write(|tx, ctx| {
            tx.execute(
                "INSERT INTO access_code (organization_id, hash, desk, issued_at) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (organization_id) DO UPDATE SET hash = ?2, desk = ?3, issued_at = ?4",
                params![organization_id, hash, ctx.desk, ctx.now_text()],
            )?;
            record_tx(tx, ctx, "organization", organization_id, "access_code_issued", &json!({}))
        })?;
        Ok(code)
    }

    /// Wrong attempts since the last right one (or since the code was issued), and the
    /// last attempt's time.
    fn recent_failures(
        &self,
        organization_id: &str,
    ) -> StoreResult<(usize, Option<DateTime<Utc>>)> {
        let mut stmt = self.conn().prepare(
            "SELECT action, at FROM audit WHERE entity = 'organization' AND entity_id = ?1
               AND action IN ('exhibitor_login_ok', 'exhibitor_login_failed', 'access_code_issued')
             ORDER BY at DESC, rowid DESC",
        )?;
        let mut rows = stmt.query([organization_id])?;
        let mut failures = 0;
        let mut last = None;
        while let Some(row) = rows.next()? {
            let action: String = row.get(0)?;
            if last.is_none() {
                last = Some(parse_time(&row.get::<_, String>(1)?));
            }
            if action == "exhibitor_login_failed" {
                failures += 1;
            } else {
                break;
            }
        }
        Ok((failures, last))
    }

    /// Checks an exhibitor's code. Every attempt (right, wrong or refused while
    /// locked) is written to the audit log.
    pub fn check_access_code(
        &mut self,
        organization_id: &str,
        code: &str,
    ) -> StoreResult<AccessCheck> {
        let hash: Option<String> = self
            .conn()
            .query_row(
                "SELECT hash FROM access_code WHERE organization_id = ?1",
                [organization_id],
                |r| r.get(0),
            )
            .optional()?;
        let Some(hash) = hash else {
            return Ok(AccessCheck::NoCode);
        };
        let (failures, last) = self.recent_failures(organization_id)?;
        let now = self.now();
        if let Some(last) = last {
            let until = last + wait_after(failures);
            if failures >= FREE_TRIES && now < until {
                self.write(|tx, ctx| {
                    record_tx(
                        tx,
                        ctx,
                        "organization",
                        organization_id,
                        "exhibitor_login_locked",
                        &json!({}),
                    )
                })?;
                return Ok(AccessCheck::Locked { until });
            }
        }
        let typed = code.trim().to_uppercase();
        let ok = PasswordHash::new(&hash)
            .map(|parsed| {
                Argon2::default()
                    .verify_password(typed.as_bytes(), &parsed)
                    .is_ok()
            })
            .unwrap_or(false);
        let action = if ok {
            "exhibitor_login_ok"
        } else {
            "exhibitor_login_failed"
        };
        self.write(|tx, ctx| {
            record_tx(
                tx,
                ctx,
                "organization",
                organization_id,
                action,
                &json!({"attempt": new_id()}),
            )
        })?;
        Ok(if ok {
            AccessCheck::Granted
        } else {
            AccessCheck::Wrong {
                remaining: FREE_TRIES.saturating_sub(failures + 1),
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::interests::tests::seeded;

    #[test]
    fn a_code_is_stored_only_as_a_hash_and_checks() {
        let mut s = seeded();
        let org = s.organizations(false).unwrap()[0].id.clone();
        assert_eq!(s.check_access_code(&org, "X").unwrap(), AccessCheck::NoCode);
        let code = s.issue_access_code(&org).unwrap();
        assert_eq!(code.len(), 8);
        let stored: String = s
            .conn()
            .query_row("SELECT hash FROM access_code", [], |r| r.get(0))
            .unwrap();
        assert!(stored.starts_with("$argon2"));
        assert!(!stored.contains(&code));
        assert_eq!(
            s.check_access_code(&org, &code.to_lowercase()).unwrap(),
            AccessCheck::Granted
        );
        let again = s.issue_access_code(&org).unwrap();
        if again != code {
            assert!(matches!(
                s.check_access_code(&org, &code).unwrap(),
                AccessCheck::Wrong { .. }
            ));
        }
    }

    #[test]
    fn five_wrong_codes_then_tries_wait_and_every_attempt_is_audited() {
        let mut s = seeded();
        let org = s.organizations(false).unwrap()[0].id.clone();
        let code = s.issue_access_code(&org).unwrap();
        for n in 0..FREE_TRIES {
            assert_eq!(
                s.check_access_code(&org, "WRONG123").unwrap(),
                AccessCheck::Wrong {
                    remaining: FREE_TRIES - n - 1
                }
            );
        }
        // Even the right code waits now (the test clock ticks a second per reading).
        assert!(matches!(
            s.check_access_code(&org, &code).unwrap(),
            AccessCheck::Locked { .. }
        ));
        let attempts: i64 = s
            .conn()
            .query_row(
                "SELECT count(*) FROM audit WHERE entity_id = ?1 AND action LIKE 'exhibitor_login%'",
                [&org],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(attempts, 6);
    }

    #[test]
    fn waits_grow_and_are_capped() {
        assert_eq!(wait_after(4), Duration::zero());
        assert_eq!(wait_after(5), Duration::seconds(30));
        assert_eq!(wait_after(6), Duration::seconds(60));
        assert_eq!(wait_after(50), Duration::minutes(15));
    }
}
