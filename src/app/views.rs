//! What the screens show: the fair's rows with references resolved to names, loaded in
//! one go after every change. Rendering reads this and never queries the database.
//!
//! Interests are the exception: a large fair has hundreds of thousands, so the snapshot
//! holds their number, and the rows the screen shows are loaded as it asks for them
//! ([`Want`] → [`load_wanted`] → [`Supply`]).
use crate::domain::achievement::{Achievement, AchievementBrief};
use crate::domain::agreement::Agreement;
use crate::domain::fair::Fair;
use crate::domain::interest::Interest;
use crate::domain::meeting::Meeting;
use crate::domain::need::Need;
use crate::domain::organization::Organization;
use crate::store::tallies::Tallies;
use crate::store::{Store, StoreResult};
use std::collections::HashMap;

/// Everything the TUI draws, as of one moment.
#[derive(Debug, Clone, Default)]
pub struct Snapshot {
    pub fair: Option<Fair>,
    /// Every achievement in brief (withdrawn ones too), by code.
    pub achievements: Vec<AchievementBrief>,
    pub organizations: Vec<Organization>,
    pub interests: InterestRows,
    pub meetings: Vec<Meeting>,
    pub agreements: Vec<Agreement>,
    pub needs: Vec<Need>,
    pub tallies: Tallies,
    /// Merge conflicts, open ones first.
    pub conflicts: Vec<crate::store::conflicts::Conflict>,
    /// Organization id → index in `organizations`.
    org_index: HashMap<String, usize>,
    /// Indexes into `achievements`, in id order (a binary search finds one by id; a
    /// hash map of 100,000 ids would cost more memory than the briefs' titles).
    achievement_by_id: Vec<u32>,
    /// The achievement table's change counter when `achievements` were read.
    achievement_generation: i64,
    /// Organization id → when it checked in.
    pub checked_in: HashMap<String, chrono::DateTime<chrono::Utc>>,
    pub meeting_plan: crate::domain::schedule::MeetingPlan,
    /// When the snapshot was taken (from the store's clock).
    pub taken_at: chrono::DateTime<chrono::Utc>,
}

/// The interests as far as the screen needs them.
#[derive(Debug, Clone, Default)]
pub struct InterestRows {
    /// Every interest's rowid, newest first: loaded when the interests list is shown.
    pub order: Option<Vec<i64>>,
    /// What the list's search matches, in the same order: loaded on its first search.
    pub keys: Option<Vec<InterestKey>>,
    /// The desks the keys name.
    pub desks: Vec<String>,
    /// The rows loaded so far, by rowid.
    pub rows: HashMap<i64, Interest>,
}

impl InterestRows {
    /// Takes the search keys and the order they come in.
    pub fn set_keys(&mut self, found: InterestKeys) {
        self.order = Some(found.order);
        self.keys = Some(found.keys);
        self.desks = found.desks;
    }

    /// The interest at a position of the list, when loaded.
    pub fn at(&self, position: usize) -> Option<&Interest> {
        let rowid = self.order.as_ref()?.get(position)?;
        self.rows.get(rowid)
    }

    /// How many positions the list has (none until the order is loaded).
    pub fn len(&self) -> usize {
        self.order.as_ref().map_or(0, Vec::len)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// What the interests list's search matches of one interest, as positions in the
/// snapshot (500,000 of these are 24 bytes each, not five strings each).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InterestKey {
    /// Index into `organizations`, or `u32::MAX` when not in the snapshot.
    pub enterprise: u32,
    /// Index into `achievements`, or `u32::MAX`.
    pub achievement: u32,
    /// Index into the interest levels' terms.
    pub level: u8,
    /// Index into `InterestRows::desks`.
    pub desk: u16,
}

/// What the interests' search reads, in the list's order: `keys[i]` is the interest
/// with rowid `order[i]`.
#[derive(Debug, Clone, Default)]
pub struct InterestKeys {
    pub order: Vec<i64>,
    pub keys: Vec<InterestKey>,
    /// The desks the keys name.
    pub desks: Vec<String>,
}

/// Which of the rows loaded on demand a reload brings along (those the screen had).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LoadPlan {
    pub interest_order: bool,
    pub interest_keys: bool,
}

/// Rows the screen asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Want {
    InterestOrder,
    InterestKeys,
    /// These interests (by rowid).
    Interests(Vec<i64>),
    /// An achievement's interests (for its details).
    InterestsInAchievement(String),
    /// An enterprise's interests (for its details).
    InterestsOfEnterprise(String),
    /// An achievement's whole record (for its details or its form).
    Achievement(String),
}

/// Rows loaded for a [`Want`].
#[derive(Debug, Clone)]
pub enum Supply {
    InterestOrder(Vec<i64>),
    InterestKeys(InterestKeys),
    Interests(HashMap<i64, Interest>),
    /// Interests of the record with this id.
    Related(String, Vec<Interest>),
    Achievement(Box<Achievement>),
}

/// Loads what the screen asks for (`snapshot`: what the screen has).
pub fn load_wanted(store: &Store, snapshot: &Snapshot, want: &Want) -> StoreResult<Supply> {
    Ok(match want {
        Want::InterestOrder => Supply::InterestOrder(store.interest_order()?),
        Want::InterestKeys => Supply::InterestKeys(snapshot.interest_keys(store)?),
        Want::Interests(rowids) => Supply::Interests(store.interests_by_rowid(rowids)?),
        Want::InterestsInAchievement(id) => {
            Supply::Related(id.clone(), store.interests_in_achievement(id)?)
        }
        Want::InterestsOfEnterprise(id) => {
            Supply::Related(id.clone(), store.interests_of_enterprise(id)?)
        }
        Want::Achievement(id) => Supply::Achievement(Box::new(store.achievement(id)?)),
    })
}

impl Snapshot {
    pub fn load(store: &Store) -> StoreResult<Snapshot> {
        Snapshot::load_with(store, LoadPlan::default())
    }

    /// Loads the snapshot, with the on-demand rows `plan` names.
    pub fn load_with(store: &Store, plan: LoadPlan) -> StoreResult<Snapshot> {
        Snapshot::load_after(store, plan, None)
    }

    /// Loads the snapshot again after a write. The achievement briefs of `previous` are
    /// kept (only their interest counts read again) when the achievement table did not
    /// change since: reading 100,000 of them is most of a reload, and most writes at a
    /// fair are interests. `previous` loses its briefs then, and its interests in any
    /// case (they are read again).
    pub fn reload_from(
        store: &Store,
        plan: LoadPlan,
        previous: &mut Snapshot,
    ) -> StoreResult<Snapshot> {
        Snapshot::load_after(store, plan, Some(previous))
    }

    fn load_after(
        store: &Store,
        plan: LoadPlan,
        mut previous: Option<&mut Snapshot>,
    ) -> StoreResult<Snapshot> {
        // The previous interests go before the new are read: with the search open they
        // are 10 MB at 500,000 interests (the screen asks for them again should this
        // fail).
        if let Some(previous) = previous.as_deref_mut() {
            previous.interests = InterestRows::default();
        }
        // One read transaction: the lists and the tallies are of the same moment, even
        // while other desks write.
        let read = store.conn().unchecked_transaction()?;
        // The search keys bring the order along (below): it is not read twice.
        let order = if plan.interest_order && !plan.interest_keys {
            Some(store.interest_order()?)
        } else {
            None
        };
        let mut snapshot = Snapshot {
            fair: store.fair()?,
            organizations: store.organizations(true)?,
            interests: InterestRows {
                order,
                ..InterestRows::default()
            },
            meetings: store.meetings()?,
            agreements: store.agreements()?,
            needs: store.needs()?,
            tallies: store.tallies()?,
            checked_in: store.checkins()?.into_iter().collect(),
            meeting_plan: store.meeting_plan()?,
            taken_at: store.now(),
            conflicts: store.conflicts()?,
            achievement_generation: store.achievement_generation()?,
            ..Snapshot::default()
        };
        match previous {
            Some(previous)
                if previous.achievement_generation == snapshot.achievement_generation =>
            {
                let mut briefs = std::mem::take(&mut previous.achievements);
                let by_id = std::mem::take(&mut previous.achievement_by_id);
                if let Err(e) = store.count_interests(&mut briefs) {
                    previous.achievements = briefs;
                    previous.achievement_by_id = by_id;
                    return Err(e);
                }
                snapshot.achievements = briefs;
                snapshot.achievement_by_id = by_id;
            }
            _ => {
                snapshot.achievements = store.achievement_briefs()?;
                snapshot.achievement_by_id = AchievementBrief::id_order(&snapshot.achievements);
            }
        }
        snapshot.index_organizations();
        if plan.interest_keys {
            let found = snapshot.interest_keys(store)?;
            snapshot.interests.set_keys(found);
        }
        read.finish()?;
        Ok(snapshot)
    }

    /// Every interest's search key, newest first, with the desks they name.
    /// The interests' search keys and their rowids (the list's order), and the desks the
    /// keys name.
    fn interest_keys(&self, store: &Store) -> StoreResult<InterestKeys> {
        // Made at their size (500,000 keys on a large fair): the counters know it.
        let known = usize::try_from(self.tallies.interests.total).unwrap_or(0);
        let mut order = Vec::with_capacity(known);
        let mut keys = Vec::with_capacity(known);
        let mut desks: Vec<String> = Vec::new();
        let position = |found: Option<usize>| found.map_or(u32::MAX, |i| i as u32);
        store.each_interest_key(&mut |rowid, enterprise, achievement, level, desk| {
            let desk_index = match desks.iter().position(|d| d == desk) {
                Some(i) => i,
                None => {
                    desks.push(desk.to_string());
                    desks.len() - 1
                }
            };
            order.push(rowid);
            keys.push(InterestKey {
                enterprise: position(self.org_index.get(enterprise).copied()),
                achievement: position(self.achievement_position(achievement)),
                level: crate::domain::interest::level_rank(level) as u8,
                desk: desk_index.min(u16::MAX as usize) as u16,
            });
        })?;
        Ok(InterestKeys { order, keys, desks })
    }

    /// Rebuilds the id indexes after the row vectors change.
    pub fn reindex(&mut self) {
        self.index_organizations();
        self.achievement_by_id = AchievementBrief::id_order(&self.achievements);
    }

    fn index_organizations(&mut self) {
        self.org_index = self
            .organizations
            .iter()
            .enumerate()
            .map(|(i, o)| (o.id.clone(), i))
            .collect();
    }

    pub fn organization(&self, id: &str) -> Option<&Organization> {
        self.org_index.get(id).map(|&i| &self.organizations[i])
    }

    pub fn achievement(&self, id: &str) -> Option<&AchievementBrief> {
        Some(&self.achievements[self.achievement_position(id)?])
    }

    /// An achievement's index in `achievements`.
    pub fn achievement_position(&self, id: &str) -> Option<usize> {
        let found = self
            .achievement_by_id
            .binary_search_by(|&i| self.achievements[i as usize].id().cmp(id))
            .ok()?;
        Some(self.achievement_by_id[found] as usize)
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
            Some(a) => format!("{} {}", a.code(), a.title()),
            None => id.to_string(),
        }
    }

    /// The fair's time zone.
    pub fn zone(&self) -> chrono_tz::Tz {
        self.fair
            .as_ref()
            .map(|f| f.zone())
            .unwrap_or(chrono_tz::Asia::Shanghai)
    }

    /// The fair's days (from its dates; else the snapshot's own day).
    pub fn fair_days(&self) -> Vec<chrono::NaiveDate> {
        let today = self.taken_at.with_timezone(&self.zone()).date_naive();
        let (start, end) = match &self.fair {
            Some(f) => (
                f.starts_on.unwrap_or(today),
                f.ends_on.or(f.starts_on).unwrap_or(today),
            ),
            None => (today, today),
        };
        let mut days = Vec::new();
        let mut day = start;
        while day <= end && days.len() < 31 {
            days.push(day);
            day = day.succ_opt().unwrap_or(day);
            if days.last() == Some(&day) {
                break;
            }
        }
        days
    }

    /// The next free (table, local slot text) for an enterprise and an achievement
    /// (by code), from now on when the fair is under way, else from its first slot.
    pub fn next_free_slot(
        &self,
        enterprise_code: &str,
        achievement_code: &str,
    ) -> Option<(u32, String)> {
        let enterprise = self
            .organizations
            .iter()
            .find(|o| o.code == enterprise_code)?;
        let achievement = self
            .achievements
            .iter()
            .find(|a| a.code() == achievement_code)?;
        let bookings: Vec<crate::domain::schedule::Booking> = self
            .meetings
            .iter()
            .filter(|m| m.data.status != "cancelled")
            .map(|m| crate::domain::schedule::Booking {
                table_no: m.data.table_no,
                start: m.data.slot_start,
                minutes: m.data.slot_minutes,
                enterprise_id: m.data.enterprise_id.clone(),
                holder_id: m.data.holder_id.clone(),
            })
            .collect();
        let zone = self.zone();
        let days = self.fair_days();
        let find = |not_before| {
            crate::domain::schedule::next_free_slot(
                &self.meeting_plan,
                &days,
                zone,
                &bookings,
                &enterprise.id,
                &achievement.holder_id,
                not_before,
            )
        };
        let (start, table) =
            find(self.taken_at).or_else(|| find(chrono::DateTime::<chrono::Utc>::MIN_UTC))?;
        Some((
            table,
            start
                .with_timezone(&zone)
                .format("%Y-%m-%d %H:%M")
                .to_string(),
        ))
    }
}

/// Forms validate against what the screen shows, without a query per keystroke.
impl crate::domain::lookup::Lookup for Snapshot {
    fn organization(
        &self,
        reference: &str,
    ) -> Result<crate::domain::lookup::OrgRef, crate::domain::error::Problem> {
        use crate::domain::error::Problem;
        let reference = reference.trim();
        let credit = crate::domain::credit_code::normalize_credit_code(reference);
        let found = self
            .organization(reference)
            .or_else(|| self.organizations.iter().find(|o| o.code == reference))
            .or_else(|| {
                self.organizations
                    .iter()
                    .find(|o| o.data.credit_code.as_deref() == Some(credit.as_str()))
            });
        let found = match found {
            Some(o) => o,
            None => {
                let mut by_name = self
                    .organizations
                    .iter()
                    .filter(|o| o.data.name == reference);
                match (by_name.next(), by_name.next()) {
                    (Some(o), None) => o,
                    (Some(_), Some(_)) => {
                        return Err(Problem::Ambiguous {
                            reference: reference.to_string(),
                        });
                    }
                    _ => {
                        return Err(Problem::NotFound {
                            reference: reference.to_string(),
                        });
                    }
                }
            }
        };
        Ok(crate::domain::lookup::OrgRef {
            id: found.id.clone(),
            name: found.data.name.clone(),
            kind: found.data.kind.clone(),
        })
    }

    fn achievement(
        &self,
        reference: &str,
    ) -> Result<crate::domain::lookup::AchievementRef, crate::domain::error::Problem> {
        let reference = reference.trim();
        self.achievement(reference)
            .or_else(|| self.achievements.iter().find(|a| a.code() == reference))
            .or_else(|| self.achievements.iter().find(|a| a.title() == reference))
            .map(|a| crate::domain::lookup::AchievementRef {
                id: a.id().to_string(),
                code: a.code().to_string(),
                title: a.title().to_string(),
                holder_id: a.holder_id.to_string(),
            })
            .ok_or(crate::domain::error::Problem::NotFound {
                reference: reference.to_string(),
            })
    }
}
