//! The merge itself, on plain rows in memory: the target file's rows plus an incoming
//! file's rows give the merged rows. No I/O here, so it is tested directly.
//!
//! The rules, chosen so that merging the same files in any order, or the same file
//! twice, gives the same records:
//! - A record is known by its id (made by the desk that created it). Ids that were found
//!   to be one record (aliases) stand for the smallest id of their group.
//! - Two versions of one record: equal in content → one (the later bookkeeping stays);
//!   one side's audit history contains the other's → that side is newer, no conflict;
//!   otherwise both were edited apart → the later edit (`updated_at`, then content)
//!   wins and the other is set aside as an open conflict for review.
//! - Organizations with the same credit code, and interests of the same enterprise in
//!   the same achievement, are one record: the smaller id stays, the other becomes its
//!   alias, references move to it, and differing content is a conflict as above.
//! - A new record whose display code is taken gets the next free code.
use crate::store::merge::codes::CodesInUse;
use crate::store::merge::findings::{ConflictFound, Findings, Recoded, Unified};
use crate::store::merge::model::{AuditRow, FileModel, Row};
use crate::store::merge::spec::Entity;
use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// Who merges, and when (stamped on conflicts found).
pub struct MergeContext {
    pub desk: String,
    pub now: String,
}

/// Audit ids that changed a record's content, per (entity, entity id).
type AuditIndex = HashMap<(String, String), BTreeSet<String>>;

fn index(model: &FileModel) -> AuditIndex {
    let mut index = AuditIndex::new();
    for (id, a) in &model.audit {
        if a.changes_content() {
            index
                .entry((a.entity().to_string(), a.entity_id().to_string()))
                .or_default()
                .insert(id.clone());
        }
    }
    index
}

/// Every audit id (in id order) per (entity, entity id), whatever the action: where
/// `editing_desk` looks for the audit row of a version instead of reading them all.
type AuditByRecord = HashMap<(String, String), Vec<String>>;

fn by_record(audit: &BTreeMap<String, AuditRow>) -> AuditByRecord {
    let mut index = AuditByRecord::new();
    for (id, a) in audit {
        index
            .entry((a.entity().to_string(), a.entity_id().to_string()))
            .or_default()
            .push(id.clone());
    }
    index
}

/// Merges `incoming` into `target`; returns the merged rows and what was done.
pub fn merge(
    target: &FileModel,
    incoming: &FileModel,
    ctx: &MergeContext,
) -> (FileModel, Findings) {
    merge_reserving(target, incoming, ctx, &BTreeMap::new())
}

/// `merge` on a target that holds only some of its file's rows: `reserved` gives, per
/// kind, the display codes in use by the file's rows left out of `target`, so that new
/// records get the same free codes as with the whole file.
pub fn merge_reserving(
    target: &FileModel,
    incoming: &FileModel,
    ctx: &MergeContext,
    reserved: &BTreeMap<Entity, HashSet<String>>,
) -> (FileModel, Findings) {
    let mut merger = Merger {
        reserved,
        m: target.clone(),
        incoming,
        target_index: index(target),
        incoming_index: index(incoming),
        merged_audit: RefCell::new(None),
        incoming_audit: RefCell::new(None),
        ctx,
        findings: Findings::default(),
        keys: HashMap::new(),
        codes: CodesInUse::default(),
    };
    merger.run();
    (merger.m, merger.findings)
}

pub(super) struct Merger<'a> {
    /// Codes in use by rows of the target file that are not in `m` (see `merge_reserving`).
    reserved: &'a BTreeMap<Entity, HashSet<String>>,
    pub(super) m: FileModel,
    pub(super) incoming: &'a FileModel,
    target_index: AuditIndex,
    incoming_index: AuditIndex,
    /// `by_record` of `m.audit`, with the number of audit rows it was built from (it is
    /// built again when `m.audit` has grown); made on first use, as only conflicts need it.
    merged_audit: RefCell<Option<(usize, AuditByRecord)>>,
    incoming_audit: RefCell<Option<AuditByRecord>>,
    pub(super) ctx: &'a MergeContext,
    pub(super) findings: Findings,
    /// For the kind being merged: natural key → id of the record holding it.
    keys: HashMap<String, String>,
    /// For the kind being merged: display codes in use.
    codes: CodesInUse,
}

/// The content of a row: everything but bookkeeping, as canonical JSON.
pub fn business(entity: Entity, row: &Row) -> String {
    row.fingerprint(|c| entity.is_bookkeeping(c))
}

/// The order deciding which of two concurrent versions wins: the later edit, then the
/// content (so equal times still give one answer everywhere).
fn precedence(row: &Row) -> (String, String) {
    (
        row.str("updated_at").to_string(),
        row.fingerprint(|c| c == "code"),
    )
}

/// The natural key of a row, for kinds that have one.
fn natural_key(entity: Entity, row: &Row) -> Option<String> {
    match entity {
        Entity::Interest => Some(format!(
            "{}\u{1f}{}",
            row.str("enterprise_id"),
            row.str("achievement_id")
        )),
        _ => entity
            .natural_key()
            .and_then(|column| row.text(column))
            .map(str::to_string),
    }
}

/// A conflict's id: from the set-aside version alone (its id, time and content without
/// references, which later merges may move), so every merge order names it alike.
pub fn conflict_id(entity: Entity, version: &Row) -> String {
    let refs: Vec<&str> = entity.references().iter().map(|r| r.column).collect();
    let content = version.fingerprint(|c| entity.is_bookkeeping(c) || refs.contains(&c));
    let name = format!(
        "{}\n{}\n{}\n{}",
        entity.table(),
        version.id(),
        version.str("updated_at"),
        content
    );
    uuid::Uuid::new_v5(&uuid::Uuid::NAMESPACE_OID, name.as_bytes()).to_string()
}

impl Merger<'_> {
    fn run(&mut self) {
        self.join_incoming_aliases();
        for entity in Entity::ALL {
            self.settle(entity);
            self.rebuild_indexes(entity);
            let incoming = self.incoming;
            for row in incoming.table(entity).values() {
                let row = self.remap(entity, row.clone());
                self.bring_in(entity, row);
            }
            self.unify_duplicates(entity);
        }
        self.merge_links();
        self.merge_checkins();
        self.merge_audit();
        self.merge_conflict_rows();
    }

    // ---- aliases -------------------------------------------------------------------

    pub(super) fn canon(&self, entity: Entity, id: &str) -> String {
        self.m
            .aliases
            .get(&(entity.table().to_string(), id.to_string()))
            .cloned()
            .unwrap_or_else(|| id.to_string())
    }

    /// Makes `a` and `b` one group whose canonical id is the smallest; returns it. Every
    /// alias points straight at its canonical id.
    fn join(&mut self, entity: Entity, a: &str, b: &str) -> String {
        let (ra, rb) = (self.canon(entity, a), self.canon(entity, b));
        if ra == rb {
            return ra;
        }
        let (keep, gone) = if ra < rb { (ra, rb) } else { (rb, ra) };
        let table = entity.table().to_string();
        for canonical in self.m.aliases.values_mut() {
            if *canonical == gone {
                *canonical = keep.clone();
            }
        }
        self.m.aliases.insert((table, gone), keep.clone());
        keep
    }

    fn join_incoming_aliases(&mut self) {
        for ((table, alias), canonical) in &self.incoming.aliases {
            if let Some(entity) = Entity::from_table(table) {
                self.join(entity, alias, canonical);
            }
        }
    }

    /// Every id standing for `canonical` (itself and its aliases).
    fn group(&self, entity: Entity, canonical: &str) -> Vec<String> {
        let mut ids = vec![canonical.to_string()];
        ids.extend(
            self.m
                .aliases
                .iter()
                .filter(|((t, _), c)| t == entity.table() && c.as_str() == canonical)
                .map(|((_, alias), _)| alias.clone()),
        );
        ids
    }

    fn history(&self, index: &AuditIndex, entity: Entity, canonical: &str) -> BTreeSet<String> {
        let mut all = BTreeSet::new();
        for id in self.group(entity, canonical) {
            if let Some(ids) = index.get(&(entity.table().to_string(), id)) {
                all.extend(ids.iter().cloned());
            }
        }
        all
    }

    /// A row with its references moved to their canonical ids.
    pub(super) fn remap(&self, entity: Entity, mut row: Row) -> Row {
        for r in entity.references() {
            if let Some(id) = row.text(r.column) {
                let canonical = self.canon(r.target, id);
                row.set(r.column, canonical);
            }
        }
        row
    }

    /// Moves the rows of `entity` already here onto canonical references and ids (after
    /// new aliases), folding rows that turned out to be one record.
    fn settle(&mut self, entity: Entity) {
        let rows: Vec<Row> = std::mem::take(self.m.table_mut(entity))
            .into_values()
            .collect();
        let mut stray = Vec::new();
        for row in rows {
            let row = self.remap(entity, row);
            let canonical = self.canon(entity, row.id());
            if canonical == row.id() {
                self.m.table_mut(entity).insert(canonical, row);
            } else {
                stray.push(row);
            }
        }
        for row in stray {
            let canonical = self.canon(entity, row.id());
            if self.m.table(entity).contains_key(&canonical) {
                self.unify(entity, &canonical, row);
            } else {
                let mut row = row;
                row.set("id", canonical.clone());
                self.m.table_mut(entity).insert(canonical, row);
            }
        }
    }

    fn rebuild_indexes(&mut self, entity: Entity) {
        self.keys = self
            .m
            .table(entity)
            .values()
            .filter_map(|r| natural_key(entity, r).map(|k| (k, r.id().to_string())))
            .collect();
        self.codes = CodesInUse::new(entity.code().map_or("", |(prefix, _)| prefix));
        for row in self.m.table(entity).values() {
            if let Some(code) = row.text("code") {
                self.codes.insert(code);
            }
        }
        for code in self.reserved.get(&entity).into_iter().flatten() {
            self.codes.insert(code);
        }
    }

    // ---- one incoming record ---------------------------------------------------------

    fn bring_in(&mut self, entity: Entity, row: Row) {
        let canonical = self.canon(entity, row.id());
        if self.m.table(entity).contains_key(&canonical) {
            self.resolve_same(entity, &canonical, row);
            return;
        }
        let same = natural_key(entity, &row).and_then(|k| self.keys.get(&k).cloned());
        match same {
            Some(existing) if existing != canonical => self.unify(entity, &existing, row),
            _ => {
                let mut row = row;
                row.set("id", canonical);
                self.insert_new(entity, row);
            }
        }
    }

    /// The same record on both sides.
    fn resolve_same(&mut self, entity: Entity, canonical: &str, incoming: Row) {
        let Some(current) = self.m.table(entity).get(canonical).cloned() else {
            return;
        };
        let take = |mut row: Row| {
            row.set("id", canonical.to_string());
            if let Some(code) = current.0.get("code") {
                row.0.insert("code".into(), code.clone());
            }
            row
        };
        let known_here = self.history(&self.target_index, entity, canonical);
        let known_there = self.history(&self.incoming_index, entity, canonical);
        if !known_there.is_empty() && known_there.is_subset(&known_here) {
            return; // this file already has the incoming version's history
        }
        let same_content = business(entity, &current) == business(entity, &incoming);
        // A version made on top of this one is newer, whatever the desks' clocks say.
        if !known_here.is_empty() && known_here.is_subset(&known_there) {
            self.replace(entity, take(incoming));
            if !same_content {
                *self.findings.updated.entry(entity).or_default() += 1;
            }
            return;
        }
        if same_content {
            // Edited apart to the same content: one record, the later bookkeeping.
            if precedence(&incoming) > precedence(&current) {
                self.replace(entity, take(incoming));
            }
            return;
        }
        // Edited at both desks apart.
        let (winner, loser) = if precedence(&incoming) > precedence(&current) {
            (take(incoming), current)
        } else {
            (current, incoming)
        };
        let winner_row = winner.clone();
        self.replace(entity, winner);
        self.set_aside(entity, canonical, &winner_row, loser);
    }

    /// Replaces the row with the same id, keeping the natural-key index right.
    fn replace(&mut self, entity: Entity, row: Row) {
        let id = row.id().to_string();
        if let Some(old) = self.m.table(entity).get(&id)
            && let Some(key) = natural_key(entity, old)
            && self.keys.get(&key) == Some(&id)
        {
            self.keys.remove(&key);
        }
        if let Some(key) = natural_key(entity, &row) {
            self.keys.entry(key).or_insert_with(|| id.clone());
        }
        self.m.table_mut(entity).insert(id, row);
    }

    fn insert_new(&mut self, entity: Entity, mut row: Row) {
        if let (Some((_, width)), Some(code)) =
            (entity.code(), row.text("code").map(str::to_string))
            && self.codes.contains(&code)
        {
            let free = self.codes.next(width);
            self.findings.recoded.push(Recoded {
                entity,
                id: row.id().to_string(),
                from: code,
                to: free.clone(),
                label: self.label(entity, &row),
            });
            row.set("code", free);
        }
        if let Some(code) = row.text("code") {
            self.codes.insert(code);
        }
        *self.findings.added.entry(entity).or_default() += 1;
        self.replace(entity, row);
    }

    /// Two records that are one: `existing` (here) and `other` (from either side, not in
    /// the table). The smaller id stays; the later content wins; differing content is
    /// set aside.
    fn unify(&mut self, entity: Entity, existing: &str, other: Row) {
        let Some(current) = self.m.table_mut(entity).remove(existing) else {
            return;
        };
        if let Some(key) = natural_key(entity, &current) {
            self.keys.remove(&key);
        }
        let canonical = self.join(entity, existing, other.id());
        let (mut winner, loser) = if precedence(&other) > precedence(&current) {
            (other.clone(), current.clone())
        } else {
            (current.clone(), other.clone())
        };
        winner.set("id", canonical.clone());
        if let Some(code) = current.0.get("code") {
            winner.0.insert("code".into(), code.clone());
        }
        let merged_id = if canonical == current.id() {
            other.id().to_string()
        } else {
            current.id().to_string()
        };
        self.findings.unified.push(Unified {
            entity,
            kept_id: canonical.clone(),
            merged_id: merged_id.clone(),
            label: self.label(entity, &winner),
        });
        let winner_row = winner.clone();
        self.replace(entity, winner);
        // The code of the record that went is free again, unless another row uses it.
        if let Some(code) = other.text("code")
            && !self
                .m
                .table(entity)
                .values()
                .any(|r| r.text("code") == Some(code))
        {
            self.codes.remove(code);
        }
        if business(entity, &current) != business(entity, &other) {
            self.set_aside(entity, &canonical, &winner_row, loser);
        }
        if merged_id != canonical {
            self.move_references(entity, &merged_id, &canonical);
        }
    }

    /// Points every reference to `from` at `to`, in every kind merged so far.
    fn move_references(&mut self, entity: Entity, from: &str, to: &str) {
        for kind in Entity::ALL {
            for r in kind.references().iter().filter(|r| r.target == entity) {
                for row in self.m.table_mut(kind).values_mut() {
                    if row.text(r.column) == Some(from) {
                        row.set(r.column, to.to_string());
                    }
                }
            }
        }
    }

    /// Records a set-aside version as an open conflict, unless the same content is
    /// already the record or already waits for review.
    fn set_aside(&mut self, entity: Entity, canonical: &str, winner: &Row, loser: Row) {
        let content = business(entity, &loser);
        if content == business(entity, winner) {
            return;
        }
        let already = self.m.conflicts.values().any(|c| {
            c.str("status") == "open"
                && c.str("entity") == entity.table()
                && c.str("entity_id") == canonical
                && version_of(c)
                    .is_some_and(|v| business(entity, &self.remap(entity, v)) == content)
        });
        let id = conflict_id(entity, &loser);
        if already || self.m.conflicts.contains_key(&id) {
            return;
        }
        let loser_desk = self.editing_desk(entity, &loser);
        self.findings.conflicts.push(ConflictFound {
            entity,
            entity_id: canonical.to_string(),
            conflict_id: id.clone(),
            label: self.label(entity, winner),
            kept_desk: self.editing_desk(entity, winner),
            kept_at: winner.str("updated_at").to_string(),
            set_aside_desk: loser_desk.clone(),
            set_aside_at: loser.str("updated_at").to_string(),
        });
        let mut row = Row::default();
        row.set("id", id.clone());
        row.set("entity", entity.table());
        row.set("entity_id", canonical);
        row.set("version", version_json(&loser));
        row.set("version_desk", loser_desk);
        row.set("version_at", loser.str("updated_at"));
        row.set("status", "open");
        row.set("detected_at", self.ctx.now.clone());
        row.set("detected_desk", self.ctx.desk.clone());
        row.set("resolved_at", serde_json::Value::Null);
        row.set("resolved_desk", serde_json::Value::Null);
        self.m.conflicts.insert(id, row);
    }

    /// Rows of the same natural key left after the incoming rows (a version that changed
    /// a credit code, or references that moved) are unified too.
    fn unify_duplicates(&mut self, entity: Entity) {
        loop {
            let mut seen: HashMap<String, String> = HashMap::new();
            let mut pair = None;
            for row in self.m.table(entity).values() {
                if let Some(key) = natural_key(entity, row) {
                    if let Some(first) = seen.get(&key) {
                        pair = Some((first.clone(), row.id().to_string()));
                        break;
                    }
                    seen.insert(key, row.id().to_string());
                }
            }
            let Some((first, second)) = pair else {
                break;
            };
            let Some(other) = self.m.table_mut(entity).remove(&second) else {
                break;
            };
            self.unify(entity, &first, other);
        }
    }

    // ---- names for the report ------------------------------------------------------

    /// The desk that made a version: the one whose audit row has the version's time (the
    /// row's own `desk` is the desk that created the record).
    fn editing_desk(&self, entity: Entity, row: &Row) -> String {
        let at = row.str("updated_at");
        let mut ids = self.group(entity, &self.canon(entity, row.id()));
        ids.push(row.id().to_string());
        // The first matching audit row in id order, the merged file's before the
        // incoming file's.
        let first = |audit: &BTreeMap<String, AuditRow>, index: &AuditByRecord| {
            ids.iter()
                .filter_map(|id| index.get(&(entity.table().to_string(), id.clone())))
                .flatten()
                .filter_map(|audit_id| audit.get(audit_id))
                .filter(|a| a.row.str("at") == at)
                .min_by(|a, b| a.row.id().cmp(b.row.id()))
                .map(|a| a.row.str("desk").to_string())
        };
        let merged = {
            let mut cached = self.merged_audit.borrow_mut();
            let len = self.m.audit.len();
            let index = match cached.take() {
                Some((built, index)) if built == len => index,
                _ => by_record(&self.m.audit),
            };
            let found = first(&self.m.audit, &index);
            *cached = Some((len, index));
            found
        };
        merged
            .or_else(|| {
                let mut cached = self.incoming_audit.borrow_mut();
                let index = cached.get_or_insert_with(|| by_record(&self.incoming.audit));
                first(&self.incoming.audit, index)
            })
            .unwrap_or_else(|| row.str("desk").to_string())
    }

    fn label(&self, entity: Entity, row: &Row) -> String {
        let org = |id: &str| {
            self.m
                .table(Entity::Organization)
                .get(id)
                .map(|o| o.str("name").to_string())
                .unwrap_or_else(|| id.to_string())
        };
        let achievement = |id: &str| {
            self.m
                .table(Entity::Achievement)
                .get(id)
                .map(|a| a.str("code").to_string())
                .unwrap_or_else(|| id.to_string())
        };
        match entity {
            Entity::Organization => format!("{} {}", row.str("code"), row.str("name")),
            Entity::Achievement | Entity::Need => {
                format!("{} {}", row.str("code"), row.str("title"))
            }
            Entity::Agreement => format!("{} {}", row.str("code"), org(row.str("buyer_id"))),
            Entity::Interest => format!(
                "{} × {}",
                org(row.str("enterprise_id")),
                achievement(row.str("achievement_id"))
            ),
            Entity::Meeting => format!(
                "{} × {}",
                org(row.str("enterprise_id")),
                achievement(row.str("achievement_id"))
            ),
        }
    }
}

/// A stored version: the row as a JSON object.
pub fn version_json(row: &Row) -> String {
    let fields: BTreeMap<&str, &serde_json::Value> = row.0.iter().map(|(k, v)| (&**k, v)).collect();
    serde_json::to_string(&fields).unwrap_or_else(|_| "{}".to_string())
}

/// The version kept in a conflict row.
pub fn version_of(conflict: &Row) -> Option<Row> {
    let fields: BTreeMap<String, serde_json::Value> =
        serde_json::from_str(conflict.text("version")?).ok()?;
    Some(Row(fields
        .into_iter()
        .map(|(k, v)| (k.into(), v))
        .collect()))
}
