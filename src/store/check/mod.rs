//! `fairdesk check`: is the file sound, and do the fair's rules hold? SQLite's own
//! `integrity_check` and `foreign_key_check`, then the domain invariants (amounts, no
//! record pointing at a missing one, an audit row for every change) and the tallies
//! against an independent recount. Each check lists what it found, in both languages.
mod invariants;
pub(crate) mod recount;
mod repair;

use crate::domain::lang::Lang;
use crate::store::{Store, StoreResult};
use rusqlite::Connection;

/// One thing found wrong, said in both languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub zh: String,
    pub en: String,
}

impl Finding {
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Finding {
        Finding {
            zh: zh.into(),
            en: en.into(),
        }
    }

    pub fn text(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }
}

/// The checks, in the order they run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckKind {
    Integrity,
    ForeignKeys,
    Amounts,
    References,
    Audit,
    Tallies,
}

impl CheckKind {
    pub fn label(self, lang: Lang) -> &'static str {
        let (zh, en) = match self {
            CheckKind::Integrity => (
                "文件完整性（integrity_check）",
                "file integrity (integrity_check)",
            ),
            CheckKind::ForeignKeys => (
                "引用完整性（foreign_key_check）",
                "references (foreign_key_check)",
            ),
            CheckKind::Amounts => ("技术交易额 ≤ 合同成交额", "tech. amount ≤ contract amount"),
            CheckKind::References => (
                "意向、洽谈、签约所指记录都存在",
                "interests, meetings and agreements point at existing records",
            ),
            CheckKind::Audit => ("每次修改都有审计记录", "every change has its audit row"),
            CheckKind::Tallies => ("统计数字与重新计数一致", "tallies equal a recount"),
        };
        lang.pick(zh, en)
    }
}

/// One check and what it found (nothing found = it holds).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckResult {
    pub kind: CheckKind,
    pub findings: Vec<Finding>,
}

impl CheckResult {
    pub fn holds(&self) -> bool {
        self.findings.is_empty()
    }
}

/// Every check's result, plus what is worth knowing but not wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckReport {
    pub results: Vec<CheckResult>,
    /// Merge conflicts still waiting for review: not a fault, but said.
    pub open_conflicts: i64,
}

impl CheckReport {
    pub fn all_hold(&self) -> bool {
        self.results.iter().all(CheckResult::holds)
    }

    pub fn problem_count(&self) -> usize {
        self.results.iter().map(|r| r.findings.len()).sum()
    }
}

/// How many findings of one check are listed (the count is always exact).
const LISTED: usize = 50;

impl Store {
    /// Runs every check. Only a file SQLite cannot read at all is an error; everything
    /// else is a finding.
    pub fn check(&self) -> StoreResult<CheckReport> {
        let conn = self.conn();
        let integrity = integrity_check(conn, "integrity_check")?;
        let sound = integrity.is_empty();
        let mut results = vec![CheckResult {
            kind: CheckKind::Integrity,
            findings: integrity,
        }];
        results.push(CheckResult {
            kind: CheckKind::ForeignKeys,
            findings: foreign_key_check(conn)?,
        });
        // Queries over a damaged file can fail or mislead: the domain checks run only on
        // a sound one.
        if sound {
            results.push(CheckResult {
                kind: CheckKind::Amounts,
                findings: invariants::amounts(conn)?,
            });
            results.push(CheckResult {
                kind: CheckKind::References,
                findings: invariants::references(conn)?,
            });
            results.push(CheckResult {
                kind: CheckKind::Audit,
                findings: invariants::audit(conn)?,
            });
            results.push(CheckResult {
                kind: CheckKind::Tallies,
                findings: recount::compare(self)?,
            });
        }
        for r in &mut results {
            let total = r.findings.len();
            if total > LISTED {
                r.findings.truncate(LISTED);
                r.findings.push(Finding::new(
                    format!("……另有 {} 处", total - LISTED),
                    format!("… and {} more", total - LISTED),
                ));
            }
        }
        let open_conflicts = conn
            .query_row(
                "SELECT count(*) FROM merge_conflict WHERE status = 'open'",
                [],
                |r| r.get(0),
            )
            .unwrap_or(0);
        Ok(CheckReport {
            results,
            open_conflicts,
        })
    }

    /// SQLite's quick check (what the TUI runs on open): empty when the file is sound.
    pub fn quick_check(&self) -> StoreResult<Vec<Finding>> {
        integrity_check(self.conn(), "quick_check")
    }
}

/// `PRAGMA integrity_check` or `quick_check`: its lines other than "ok".
fn integrity_check(conn: &Connection, pragma: &str) -> StoreResult<Vec<Finding>> {
    // `pragma` is one of two fixed names, never user text.
    let mut stmt = conn.prepare(&format!("PRAGMA {pragma}"))?;
    let lines = stmt
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(lines
        .into_iter()
        .filter(|l| l != "ok")
        .map(|l| Finding::new(l.clone(), l))
        .collect())
}

fn foreign_key_check(conn: &Connection) -> StoreResult<Vec<Finding>> {
    let mut stmt = conn.prepare("PRAGMA foreign_key_check")?;
    let rows = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, Option<i64>>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows
        .into_iter()
        .map(|(table, rowid, parent)| {
            let row = rowid.map(|r| r.to_string()).unwrap_or_default();
            Finding::new(
                format!("表 {table} 第 {row} 行引用的 {parent} 记录不存在"),
                format!("{table} row {row} points at a missing {parent}"),
            )
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use crate::domain::interest::InterestInput;
    use crate::store::interests::tests::seeded;

    #[test]
    fn a_sound_fair_passes_every_check() {
        let mut s = seeded();
        s.log_interest(&InterestInput {
            enterprise: "包头市华美稀土高科有限公司".into(),
            achievement: "A001".into(),
            level: "有意向".into(),
            ..Default::default()
        })
        .unwrap();
        let report = s.check().unwrap();
        assert!(report.all_hold(), "{report:?}");
        assert_eq!(report.results.len(), 6);
        assert!(s.quick_check().unwrap().is_empty());
    }

    #[test]
    fn a_change_without_its_audit_row_and_a_dangling_interest_are_found() {
        let s = seeded();
        let conn = s.conn();
        conn.execute(
            "UPDATE organization SET region = '赤峰市', updated_at = '2019-12-10T09:00:00.000Z'
             WHERE code = 'O001'",
            [],
        )
        .unwrap();
        conn.execute_batch(
            "PRAGMA foreign_keys = OFF;
             INSERT INTO interest (id, enterprise_id, achievement_id, level, logged_at, desk,
                                   created_at, updated_at)
             VALUES ('i-1', 'nobody', 'nothing', '咨询', 'x', 'd', 'x', 'x');
             PRAGMA foreign_keys = ON;",
        )
        .unwrap();
        let report = s.check().unwrap();
        assert!(!report.all_hold());
        let failed: Vec<_> = report
            .results
            .iter()
            .filter(|r| !r.holds())
            .map(|r| r.kind)
            .collect();
        use super::CheckKind::*;
        assert!(failed.contains(&ForeignKeys));
        assert!(failed.contains(&References));
        assert!(failed.contains(&Audit));
        let audit = report.results.iter().find(|r| r.kind == Audit).unwrap();
        assert!(
            audit.findings.iter().any(|f| f.zh.contains("O001")),
            "{audit:?}"
        );
    }
}
