//! Resolving references typed by people or scripts: id, credit code, code or exact name.
use crate::domain::credit_code::normalize_credit_code;
use crate::domain::error::Problem;
use crate::domain::lookup::{AchievementRef, Lookup, OrgRef};
use crate::store::Store;
use rusqlite::params;

impl Lookup for Store {
    fn organization(&self, reference: &str) -> Result<OrgRef, Problem> {
        let reference = reference.trim();
        let credit = normalize_credit_code(reference);
        let found: Vec<OrgRef> = self
            .conn()
            .prepare_cached(
                "SELECT id, name, kind FROM organization
                 WHERE id = ?1 OR code = ?1 OR credit_code = ?2 OR name = ?1
                 ORDER BY (id = ?1) DESC, (code = ?1) DESC, (credit_code = ?2) DESC LIMIT 2",
            )
            .and_then(|mut stmt| {
                stmt.query_map(params![reference, credit], |r| {
                    Ok(OrgRef {
                        id: r.get(0)?,
                        name: r.get(1)?,
                        kind: r.get(2)?,
                    })
                })?
                .collect()
            })
            .unwrap_or_default();
        pick(found, reference, |o| o.name == reference)
    }

    fn achievement(&self, reference: &str) -> Result<AchievementRef, Problem> {
        let reference = reference.trim();
        let found: Vec<AchievementRef> = self
            .conn()
            .prepare_cached(
                "SELECT id, code, title, holder_id FROM achievement
                 WHERE id = ?1 OR code = ?1 OR title = ?1
                 ORDER BY (id = ?1) DESC, (code = ?1) DESC LIMIT 2",
            )
            .and_then(|mut stmt| {
                stmt.query_map([reference], |r| {
                    Ok(AchievementRef {
                        id: r.get(0)?,
                        code: r.get(1)?,
                        title: r.get(2)?,
                        holder_id: r.get(3)?,
                    })
                })?
                .collect()
            })
            .unwrap_or_default();
        pick(found, reference, |a| a.title == reference)
    }
}

/// One match wins; two matches are ambiguous only when both matched by name.
fn pick<T>(mut found: Vec<T>, reference: &str, by_name: impl Fn(&T) -> bool) -> Result<T, Problem> {
    match found.len() {
        0 => Err(Problem::NotFound {
            reference: reference.to_string(),
        }),
        1 => Ok(found.remove(0)),
        _ if by_name(&found[0]) && by_name(&found[1]) => Err(Problem::Ambiguous {
            reference: reference.to_string(),
        }),
        _ => Ok(found.remove(0)),
    }
}
