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
        // One indexed query per way of naming it, most exact first.
        let queries: [(&str, &str); 4] = [
            (
                "SELECT id, name, kind FROM organization WHERE id = ?1 LIMIT 2",
                reference,
            ),
            (
                "SELECT id, name, kind FROM organization WHERE code = ?1 LIMIT 2",
                reference,
            ),
            (
                "SELECT id, name, kind FROM organization WHERE credit_code = ?1 LIMIT 2",
                &credit,
            ),
            (
                "SELECT id, name, kind FROM organization WHERE name = ?1 LIMIT 2",
                reference,
            ),
        ];
        for (n, (sql, value)) in queries.iter().enumerate() {
            let found: Vec<OrgRef> = self
                .conn()
                .prepare_cached(sql)
                .and_then(|mut stmt| {
                    stmt.query_map(params![value], |r| {
                        Ok(OrgRef {
                            id: r.get(0)?,
                            name: r.get(1)?,
                            kind: r.get(2)?,
                        })
                    })?
                    .collect()
                })
                .unwrap_or_default();
            if let Some(result) = pick(found, reference, n == 3) {
                return result;
            }
        }
        Err(Problem::NotFound {
            reference: reference.to_string(),
        })
    }

    fn achievement(&self, reference: &str) -> Result<AchievementRef, Problem> {
        let reference = reference.trim();
        let queries = [
            "SELECT id, code, title, holder_id FROM achievement WHERE id = ?1 LIMIT 2",
            "SELECT id, code, title, holder_id FROM achievement WHERE code = ?1 LIMIT 2",
            "SELECT id, code, title, holder_id FROM achievement WHERE title = ?1 LIMIT 2",
        ];
        for (n, sql) in queries.iter().enumerate() {
            let found: Vec<AchievementRef> = self
                .conn()
                .prepare_cached(sql)
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
            if let Some(result) = pick(found, reference, n == 2) {
                return result;
            }
        }
        Err(Problem::NotFound {
            reference: reference.to_string(),
        })
    }
}

/// `None` when nothing matched this way; one match wins; two matches by name are
/// ambiguous.
fn pick<T>(mut found: Vec<T>, reference: &str, by_name: bool) -> Option<Result<T, Problem>> {
    match found.len() {
        0 => None,
        1 => Some(Ok(found.remove(0))),
        _ if by_name => Some(Err(Problem::Ambiguous {
            reference: reference.to_string(),
        })),
        _ => Some(Ok(found.remove(0))),
    }
}
