//! What a merge did, record by record: the raw material of its report.
use crate::store::merge::spec::Entity;
use std::collections::BTreeMap;

/// Two records found to be one (same credit code; same enterprise × achievement).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unified {
    pub entity: Entity,
    /// The record that stays (the smaller id, so every merge order agrees).
    pub kept_id: String,
    pub merged_id: String,
    pub label: String,
}

/// A record edited differently at two desks: which version is the record now, which
/// was set aside for review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConflictFound {
    pub entity: Entity,
    pub entity_id: String,
    pub conflict_id: String,
    pub label: String,
    pub kept_desk: String,
    pub kept_at: String,
    pub set_aside_desk: String,
    pub set_aside_at: String,
}

/// An incoming record whose display code was taken here and got a free one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recoded {
    pub entity: Entity,
    pub id: String,
    pub from: String,
    pub to: String,
    pub label: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Findings {
    /// New records, per kind.
    pub added: BTreeMap<Entity, usize>,
    /// Records whose newer version (edited at the other desk only) was taken.
    pub updated: BTreeMap<Entity, usize>,
    pub unified: Vec<Unified>,
    pub conflicts: Vec<ConflictFound>,
    pub recoded: Vec<Recoded>,
    pub links_added: usize,
    pub checkins_added: usize,
    /// The same organization checked in at two desks: the earlier arrival stays.
    pub checkins_unified: usize,
    pub audit_added: usize,
    /// Conflict rows brought in from the other file (a desk file that was itself a merge).
    pub conflicts_brought: usize,
}

impl Findings {
    pub fn added_total(&self) -> usize {
        self.added.values().sum()
    }

    pub fn updated_total(&self) -> usize {
        self.updated.values().sum()
    }

    /// Whether the merge changed anything at all.
    pub fn changed_anything(&self) -> bool {
        self.added_total() > 0
            || self.updated_total() > 0
            || !self.unified.is_empty()
            || !self.conflicts.is_empty()
            || self.links_added > 0
            || self.checkins_added > 0
            || self.checkins_unified > 0
            || self.audit_added > 0
            || self.conflicts_brought > 0
    }
}
