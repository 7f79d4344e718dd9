//! One exhibitor's part of the fair: its achievements, the interest in them, its
//! meetings and agreements, and the organizations on the other side. Exports limited
//! with `--org` show only this.
use crate::store::{Store, StoreResult};
use rusqlite::params;
use std::collections::HashSet;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExhibitorScope {
    pub organization_id: String,
    /// The exhibitor and every organization that showed interest, met or signed with it.
    pub organizations: HashSet<String>,
    pub achievements: HashSet<String>,
    pub needs: HashSet<String>,
    pub interests: HashSet<String>,
    pub meetings: HashSet<String>,
    pub agreements: HashSet<String>,
}

impl ExhibitorScope {
    /// Every id in scope (for audit rows, whose entity may be any of them).
    pub fn contains_any(&self, id: &str) -> bool {
        self.organizations.contains(id)
            || self.achievements.contains(id)
            || self.needs.contains(id)
            || self.interests.contains(id)
            || self.meetings.contains(id)
            || self.agreements.contains(id)
    }
}

fn ids(store: &Store, sql: &str, org: &str) -> StoreResult<Vec<(String, Option<String>)>> {
    let mut stmt = store.conn().prepare(sql)?;
    let rows = stmt.query_map(params![org], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<Vec<_>, _>>()?)
}

impl Store {
    pub fn exhibitor_scope(&self, organization_id: &str) -> StoreResult<ExhibitorScope> {
        let mut scope = ExhibitorScope {
            organization_id: organization_id.to_string(),
            ..ExhibitorScope::default()
        };
        scope.organizations.insert(organization_id.to_string());
        for (id, _) in ids(
            self,
            "SELECT id, NULL FROM achievement WHERE holder_id = ?1",
            organization_id,
        )? {
            scope.achievements.insert(id);
        }
        for (id, _) in ids(
            self,
            "SELECT id, NULL FROM need WHERE organization_id = ?1",
            organization_id,
        )? {
            scope.needs.insert(id);
        }
        for (id, enterprise) in ids(
            self,
            "SELECT i.id, i.enterprise_id FROM interest i
             JOIN achievement a ON a.id = i.achievement_id WHERE a.holder_id = ?1",
            organization_id,
        )? {
            scope.interests.insert(id);
            scope.organizations.extend(enterprise);
        }
        for (id, enterprise) in ids(
            self,
            "SELECT id, enterprise_id FROM meeting WHERE holder_id = ?1",
            organization_id,
        )? {
            scope.meetings.insert(id);
            scope.organizations.extend(enterprise);
        }
        for (id, buyer) in ids(
            self,
            "SELECT g.id, g.buyer_id FROM agreement g WHERE g.seller_id = ?1
               OR EXISTS (SELECT 1 FROM agreement_achievement l JOIN achievement a
                          ON a.id = l.achievement_id
                          WHERE l.agreement_id = g.id AND a.holder_id = ?1)",
            organization_id,
        )? {
            scope.agreements.insert(id);
            scope.organizations.extend(buyer);
        }
        Ok(scope)
    }
}
