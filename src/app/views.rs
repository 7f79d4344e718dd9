//! What the screens show: the fair's rows with references resolved to names, loaded in
//! one go after every change. Rendering reads this and never queries the database.
use crate::domain::achievement::Achievement;
use crate::domain::agreement::Agreement;
use crate::domain::fair::Fair;
use crate::domain::interest::Interest;
use crate::domain::meeting::Meeting;
use crate::domain::organization::Organization;
use crate::store::tallies::Tallies;
use crate::store::{Store, StoreResult};
use std::collections::HashMap;

/// Everything the TUI draws, as of one moment.
#[derive(Debug, Clone, Default)]
pub struct Snapshot {
    pub fair: Option<Fair>,
    pub achievements: Vec<Achievement>,
    pub organizations: Vec<Organization>,
    pub interests: Vec<Interest>,
    pub meetings: Vec<Meeting>,
    pub agreements: Vec<Agreement>,
    pub tallies: Tallies,
    /// Merge conflicts, open ones first.
    pub conflicts: Vec<crate::store::conflicts::Conflict>,
    /// Organization id → index in `organizations`.
    org_index: HashMap<String, usize>,
    /// Achievement id → index in `achievements`.
    achievement_index: HashMap<String, usize>,
    /// Organization id → when it checked in.
    pub checked_in: HashMap<String, chrono::DateTime<chrono::Utc>>,
}

impl Snapshot {
    pub fn load(store: &Store) -> StoreResult<Snapshot> {
        // One read transaction: the lists and the tallies are of the same moment, even
        // while other desks write.
        let read = store.conn().unchecked_transaction()?;
        let mut snapshot = Snapshot {
            fair: store.fair()?,
            achievements: store.achievements(true)?,
            organizations: store.organizations(true)?,
            interests: store.interests()?,
            meetings: store.meetings()?,
            agreements: store.agreements()?,
            tallies: store.tallies()?,
            checked_in: store.checkins()?.into_iter().collect(),
            conflicts: store.conflicts()?,
            ..Snapshot::default()
        };
        read.finish()?;
        snapshot.reindex();
        Ok(snapshot)
    }

    /// Rebuilds the id indexes after the row vectors change.
    pub fn reindex(&mut self) {
        self.org_index = self
            .organizations
            .iter()
            .enumerate()
            .map(|(i, o)| (o.id.clone(), i))
            .collect();
        self.achievement_index = self
            .achievements
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id.clone(), i))
            .collect();
    }

    pub fn organization(&self, id: &str) -> Option<&Organization> {
        self.org_index.get(id).map(|&i| &self.organizations[i])
    }

    pub fn achievement(&self, id: &str) -> Option<&Achievement> {
        self.achievement_index
            .get(id)
            .map(|&i| &self.achievements[i])
    }

    /// An organization's name, or its id when unknown.
    pub fn org_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.organization(id)
            .map(|o| o.data.name.as_str())
            .unwrap_or(id)
    }

    /// "A001 title", or the id when unknown.
    pub fn achievement_label(&self, id: &str) -> String {
        match self.achievement(id) {
            Some(a) => format!("{} {}", a.code, a.data.title),
            None => id.to_string(),
        }
    }

    /// How many interests each achievement has.
    pub fn interest_counts(&self) -> HashMap<&str, usize> {
        let mut counts: HashMap<&str, usize> = HashMap::new();
        for i in &self.interests {
            *counts.entry(i.achievement_id.as_str()).or_default() += 1;
        }
        counts
    }
}
