//! What the screens show: the fair's rows with references resolved to names, loaded in
//! one go after every change. Rendering reads this and never queries the database.
use crate::domain::achievement::Achievement;
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
    pub achievements: Vec<Achievement>,
    pub organizations: Vec<Organization>,
    pub interests: Vec<Interest>,
    pub meetings: Vec<Meeting>,
    pub agreements: Vec<Agreement>,
    pub needs: Vec<Need>,
    pub tallies: Tallies,
    /// Organization id → index in `organizations`.
    org_index: HashMap<String, usize>,
    /// Achievement id → index in `achievements`.
    achievement_index: HashMap<String, usize>,
    /// Achievement id → how many interests it has.
    interest_count: HashMap<String, usize>,
    /// Organization id → when it checked in.
    pub checked_in: HashMap<String, chrono::DateTime<chrono::Utc>>,
    pub meeting_plan: crate::domain::schedule::MeetingPlan,
    /// When the snapshot was taken (from the store's clock).
    pub taken_at: chrono::DateTime<chrono::Utc>,
}

impl Snapshot {
    pub fn load(store: &Store) -> StoreResult<Snapshot> {
        let mut snapshot = Snapshot {
            fair: store.fair()?,
            achievements: store.achievements(true)?,
            organizations: store.organizations(true)?,
            interests: store.interests()?,
            meetings: store.meetings()?,
            agreements: store.agreements()?,
            needs: store.needs()?,
            tallies: store.tallies()?,
            checked_in: store.checkins()?.into_iter().collect(),
            meeting_plan: store.meeting_plan()?,
            taken_at: store.now(),
            ..Snapshot::default()
        };
        snapshot.reindex();
        Ok(snapshot)
    }

    /// Rebuilds the id indexes after the row vectors change.
    pub fn reindex(&mut self) {
        self.interest_count.clear();
        for i in &self.interests {
            *self
                .interest_count
                .entry(i.achievement_id.clone())
                .or_default() += 1;
        }
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
            .find(|a| a.code == achievement_code)?;
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
                &achievement.data.holder_id,
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

    /// How many interests an achievement has.
    pub fn interest_count(&self, achievement_id: &str) -> usize {
        self.interest_count
            .get(achievement_id)
            .copied()
            .unwrap_or(0)
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
            .or_else(|| self.achievements.iter().find(|a| a.code == reference))
            .or_else(|| self.achievements.iter().find(|a| a.data.title == reference))
            .map(|a| crate::domain::lookup::AchievementRef {
                id: a.id.clone(),
                code: a.code.clone(),
                title: a.data.title.clone(),
                holder_id: a.data.holder_id.clone(),
            })
            .ok_or(crate::domain::error::Problem::NotFound {
                reference: reference.to_string(),
            })
    }
}
