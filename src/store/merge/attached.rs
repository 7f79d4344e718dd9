//! What travels with the records in a merge: agreement links, check-ins (one per
//! organization, the earliest arrival), audit rows (a union) and conflict rows (a union,
//! moved onto canonical ids; an open one whose content the record now holds is closed).
use crate::store::merge::model::Row;
use crate::store::merge::resolve::{Merger, business, version_of};
use crate::store::merge::spec::Entity;
use std::collections::HashSet;

impl Merger<'_> {
    pub(super) fn merge_links(&mut self) {
        let canon = |m: &Self, e: Entity, id: &str| m.canon(e, id);
        let mut links = std::collections::BTreeSet::new();
        for (agreement, achievement) in &self.m.links {
            links.insert((
                canon(self, Entity::Agreement, agreement),
                canon(self, Entity::Achievement, achievement),
            ));
        }
        for (agreement, achievement) in &self.incoming.links {
            let link = (
                canon(self, Entity::Agreement, agreement),
                canon(self, Entity::Achievement, achievement),
            );
            if links.insert(link) {
                self.findings.links_added += 1;
            }
        }
        self.m.links = links;
    }

    /// One check-in per organization: the earliest arrival (then the smaller id) stays.
    pub(super) fn merge_checkins(&mut self) {
        let before: HashSet<String> = self.m.checkins.keys().cloned().collect();
        let rows: Vec<Row> = self
            .m
            .checkins
            .values()
            .chain(self.incoming.checkins.values())
            .cloned()
            .collect();
        let offered: HashSet<String> = rows.iter().map(|r| r.id().to_string()).collect();
        let mut by_org: std::collections::BTreeMap<String, Row> = Default::default();
        for mut row in rows {
            let org = self.canon(Entity::Organization, row.str("organization_id"));
            row.set("organization_id", org.clone());
            let earlier = by_org.get(&org).is_none_or(|kept| {
                (row.str("arrived_at"), row.id()) < (kept.str("arrived_at"), kept.id())
            });
            if earlier {
                by_org.insert(org, row);
            }
        }
        self.m.checkins = by_org
            .into_values()
            .map(|r| (r.id().to_string(), r))
            .collect();
        self.findings.checkins_added = self
            .m
            .checkins
            .keys()
            .filter(|id| !before.contains(*id))
            .count();
        self.findings.checkins_unified = offered.len() - self.m.checkins.len();
    }

    pub(super) fn merge_audit(&mut self) {
        for (id, row) in &self.incoming.audit {
            if !self.m.audit.contains_key(id) {
                self.m.audit.insert(id.clone(), row.clone());
                self.findings.audit_added += 1;
            }
        }
    }

    /// Brings in the other file's conflict rows, moves every conflict onto canonical
    /// ids, and closes open ones whose content the record now holds.
    pub(super) fn merge_conflict_rows(&mut self) {
        for (id, row) in &self.incoming.conflicts {
            match self.m.conflicts.get(id) {
                None => {
                    self.m.conflicts.insert(id.clone(), row.clone());
                    self.findings.conflicts_brought += 1;
                }
                // A review done at the other desk counts here too.
                Some(mine) if mine.str("status") == "open" && row.str("status") != "open" => {
                    self.m.conflicts.insert(id.clone(), row.clone());
                }
                Some(_) => {}
            }
        }
        let ids: Vec<String> = self.m.conflicts.keys().cloned().collect();
        let mut open_contents: HashSet<(String, String, String)> = HashSet::new();
        for id in ids {
            let Some(mut row) = self.m.conflicts.get(&id).cloned() else {
                continue;
            };
            let Some(entity) = Entity::from_table(row.str("entity")) else {
                continue;
            };
            let canonical = self.canon(entity, row.str("entity_id"));
            row.set("entity_id", canonical.clone());
            if row.str("status") == "open"
                && let Some(version) = version_of(&row)
            {
                let content = business(entity, &self.remap(entity, version));
                let holds_it = self
                    .m
                    .table(entity)
                    .get(&canonical)
                    .is_some_and(|r| business(entity, r) == content);
                let twice =
                    !open_contents.insert((entity.table().to_string(), canonical.clone(), content));
                if holds_it || twice {
                    row.set("status", "superseded");
                    row.set("resolved_at", self.ctx.now.clone());
                    row.set("resolved_desk", self.ctx.desk.clone());
                }
            }
            self.m.conflicts.insert(id, row);
        }
    }
}
