//! Recommendations: achievements for a need and enterprises for an achievement, each with
//! everything a screen shows (ids, codes, titles, score, reasons, whether the pair is already
//! linked), and turning a suggestion into an interest record.
//!
//! [`Recommender`] holds the fair's records indexed for matching; build it once per data
//! version and ask it many questions (the TUI), or use [`recommend`] for one answer (the CLI).
use crate::domain::achievement::Achievement;
use crate::domain::interest::{Interest, InterestInput};
use crate::domain::lang::Lang;
use crate::domain::need::Need;
use crate::domain::organization::Organization;
use crate::matching::enterprises::{EnterpriseProfile, NeedProfile, rank_enterprises};
use crate::matching::features::NeedFeatures;
use crate::matching::index::AchievementIndex;
use crate::matching::peers::{
    AGREEMENT_STRENGTH, EnterpriseTraits, InterestEdge, interest_strength, peer_signals,
    similar_enterprises,
};
use crate::matching::rank::{WEIGHTS, rank_for_need};
use crate::matching::reasons::{Reason, render};
use crate::store::interests::InterestOutcome;
use crate::store::matching::PairLink;
use crate::store::{Store, StoreError, StoreResult};
use serde::Serialize;
use std::collections::{HashMap, HashSet};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OrgBrief {
    pub id: String,
    pub code: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AchievementBrief {
    pub id: String,
    pub code: String,
    pub title: String,
    pub field: String,
    pub holder: OrgBrief,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NeedBrief {
    pub id: String,
    pub code: String,
    pub title: String,
    pub field: Option<String>,
    pub enterprise: OrgBrief,
}

/// What already links a suggested pair.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Link {
    pub interest_level: Option<String>,
    /// Codes of signed agreements covering the pair.
    pub agreements: Vec<String>,
}

/// One suggested enterprise × achievement pair.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Suggestion {
    /// 1 for the best.
    pub rank: usize,
    /// 0–100, one decimal.
    pub score: f64,
    pub enterprise: OrgBrief,
    pub achievement: AchievementBrief,
    /// The need behind the pair: the one asked about, or the enterprise's need the
    /// achievement answers best.
    pub need: Option<NeedBrief>,
    pub reasons: Vec<Reason>,
    /// Set when an interest or agreement already links the pair: shown, marked, not new.
    pub link: Option<Link>,
}

impl Suggestion {
    pub fn is_linked(&self) -> bool {
        self.link.is_some()
    }

    pub fn reasons_text(&self, lang: Lang) -> String {
        render(&self.reasons, lang)
    }
}

/// What was asked about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Target {
    Need(NeedBrief),
    Achievement(AchievementBrief),
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Recommendations {
    pub target: Target,
    pub suggestions: Vec<Suggestion>,
}

/// Achievements for a need, or enterprises for an achievement; by id or code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Query {
    Need(String),
    Achievement(String),
}

#[derive(Debug, thiserror::Error)]
pub enum RecommendError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("achievement {code} is withdrawn")]
    Withdrawn { code: String },
}

impl RecommendError {
    pub fn is_bad_input(&self) -> bool {
        match self {
            RecommendError::Store(e) => e.is_bad_input(),
            RecommendError::Withdrawn { .. } => true,
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (RecommendError::Store(e), lang) => e.message(lang),
            (RecommendError::Withdrawn { code }, Lang::Zh) => {
                format!("成果 {code} 已撤展，不再推荐")
            }
            (RecommendError::Withdrawn { code }, Lang::En) => {
                format!("achievement {code} is withdrawn; nothing is recommended for it")
            }
        }
    }
}

/// One question answered from the store.
pub fn recommend(
    store: &Store,
    query: &Query,
    limit: usize,
) -> Result<Recommendations, RecommendError> {
    match query {
        Query::Need(reference) => {
            let need = store.need_by_reference(reference)?;
            Recommender::load(store)?.for_need(&need.id, limit)
        }
        Query::Achievement(reference) => {
            let achievement = store.achievement_by_reference(reference)?;
            Recommender::load(store)?.for_achievement(&achievement.id, limit)
        }
    }
}

/// The records a [`Recommender`] is built from.
#[derive(Debug, Clone, Default)]
pub struct FairRecords {
    pub achievements: Vec<Achievement>,
    pub organizations: Vec<Organization>,
    pub needs: Vec<Need>,
    pub links: Vec<PairLink>,
}

impl FairRecords {
    pub fn load(store: &Store) -> StoreResult<FairRecords> {
        Ok(FairRecords {
            achievements: store.achievements(true)?,
            organizations: store.organizations(true)?,
            needs: store.needs()?,
            links: store.pair_links()?,
        })
    }
}

/// The fair's records, indexed for matching.
pub struct Recommender {
    index: AchievementIndex,
    /// The active achievements, in index order.
    achievements: Vec<Achievement>,
    achievement_at: HashMap<String, usize>,
    withdrawn: HashMap<String, String>,
    organizations: HashMap<String, Organization>,
    /// Active enterprises (and any organization that posted a need or showed interest).
    enterprises: Vec<String>,
    enterprise_at: HashMap<String, u32>,
    traits: Vec<EnterpriseTraits>,
    profiles: Vec<EnterpriseProfile>,
    needs: Vec<Need>,
    need_profiles: Vec<NeedProfile>,
    need_at: HashMap<String, usize>,
    edges: Vec<InterestEdge>,
    links: HashMap<(String, String), Link>,
}

impl Recommender {
    pub fn load(store: &Store) -> StoreResult<Recommender> {
        Ok(Recommender::new(FairRecords::load(store)?))
    }

    pub fn new(records: FairRecords) -> Recommender {
        let (achievements, withdrawn_list): (Vec<Achievement>, Vec<Achievement>) = records
            .achievements
            .into_iter()
            .partition(|a| a.status == "active");
        let withdrawn = withdrawn_list.into_iter().map(|a| (a.id, a.code)).collect();
        let index = AchievementIndex::build(achievements.iter().map(|a| &a.data));
        let achievement_at = position_map(achievements.iter().map(|a| a.id.clone()));
        let needs = records.needs;
        let linked_orgs: HashSet<&str> = needs
            .iter()
            .map(|n| n.data.organization_id.as_str())
            .chain(records.links.iter().map(|l| l.enterprise_id.as_str()))
            .collect();
        let enterprises: Vec<String> = records
            .organizations
            .iter()
            .filter(|o| {
                o.status == "active"
                    && (o.data.kind == "enterprise" || linked_orgs.contains(&o.id.as_str()))
            })
            .map(|o| o.id.clone())
            .collect();
        let enterprise_at: HashMap<String, u32> = enterprises
            .iter()
            .enumerate()
            .map(|(i, id)| (id.clone(), i as u32))
            .collect();
        let need_profiles: Vec<NeedProfile> = needs
            .iter()
            .map(|n| NeedProfile::new(&index, &n.code, &n.data.title, NeedFeatures::new(&n.data)))
            .collect();
        let need_at = position_map(needs.iter().map(|n| n.id.clone()));
        let mut edges = Vec::new();
        let mut links = HashMap::new();
        for l in records.links {
            let strength = l
                .interest_level
                .as_deref()
                .map_or(0.0, interest_strength)
                .max(if l.agreements.is_empty() {
                    0.0
                } else {
                    AGREEMENT_STRENGTH
                });
            if let (Some(&enterprise), Some(&doc)) = (
                enterprise_at.get(&l.enterprise_id),
                achievement_at.get(&l.achievement_id),
            ) {
                edges.push(InterestEdge {
                    enterprise,
                    doc: doc as u32,
                    strength,
                });
            }
            let link = Link {
                interest_level: l.interest_level,
                agreements: l.agreements,
            };
            links.insert((l.enterprise_id, l.achievement_id), link);
        }
        let organizations: HashMap<String, Organization> = records
            .organizations
            .into_iter()
            .map(|o| (o.id.clone(), o))
            .collect();
        let mut traits = vec![EnterpriseTraits::default(); enterprises.len()];
        let mut profiles = vec![EnterpriseProfile::default(); enterprises.len()];
        for (i, id) in enterprises.iter().enumerate() {
            let org = organizations.get(id).map(|o| &o.data);
            traits[i].industry = org.and_then(|o| o.industry.clone());
            profiles[i].industry = traits[i].industry.clone();
            profiles[i].region = org.and_then(|o| o.region.clone());
        }
        for (n, need) in needs.iter().enumerate() {
            if let Some(&e) = enterprise_at.get(&need.data.organization_id)
                && need.status == "active"
            {
                traits[e as usize]
                    .need_fields
                    .extend(need.data.field.clone());
                profiles[e as usize].needs.push(n);
            }
        }
        for edge in &edges {
            profiles[edge.enterprise as usize]
                .interests
                .push((edge.doc, edge.strength));
        }
        Recommender {
            index,
            achievements,
            achievement_at,
            withdrawn,
            organizations,
            enterprises,
            enterprise_at,
            traits,
            profiles,
            needs,
            need_profiles,
            need_at,
            edges,
            links,
        }
    }

    /// The `limit` achievements best answering need `need_id`.
    pub fn for_need(&self, need_id: &str, limit: usize) -> Result<Recommendations, RecommendError> {
        let at = *self
            .need_at
            .get(need_id)
            .ok_or_else(|| not_found("need", need_id))?;
        let need = &self.needs[at];
        let features = &self.need_profiles[at].features;
        let signals = match self.enterprise_at.get(&need.data.organization_id) {
            Some(&target) => {
                let similar = similar_enterprises(
                    target,
                    need.data.field.as_deref(),
                    &self.traits,
                    &self.edges,
                );
                peer_signals(&similar, &self.edges)
            }
            None => HashMap::new(),
        };
        let need_brief = self.need_brief(need);
        let suggestions = rank_for_need(&self.index, features, &signals, &WEIGHTS, limit)
            .into_iter()
            .enumerate()
            .map(|(i, r)| {
                let achievement = &self.achievements[r.doc];
                Suggestion {
                    rank: i + 1,
                    score: percent(r.score),
                    enterprise: need_brief.enterprise.clone(),
                    achievement: self.achievement_brief(achievement),
                    need: Some(need_brief.clone()),
                    reasons: r.reasons,
                    link: self.link(&need.data.organization_id, &achievement.id),
                }
            })
            .collect();
        Ok(Recommendations {
            target: Target::Need(need_brief),
            suggestions,
        })
    }

    /// The `limit` enterprises most likely to want achievement `achievement_id`.
    pub fn for_achievement(
        &self,
        achievement_id: &str,
        limit: usize,
    ) -> Result<Recommendations, RecommendError> {
        let Some(&doc) = self.achievement_at.get(achievement_id) else {
            return Err(match self.withdrawn.get(achievement_id) {
                Some(code) => RecommendError::Withdrawn { code: code.clone() },
                None => not_found("achievement", achievement_id),
            });
        };
        let achievement = &self.achievements[doc];
        let holder_id = &achievement.data.holder_id;
        let holder_region = self
            .organizations
            .get(holder_id)
            .and_then(|o| o.data.region.as_deref());
        let label = |i: usize| {
            let a = &self.achievements[i];
            (a.code.clone(), a.data.title.clone())
        };
        let brief = self.achievement_brief(achievement);
        let suggestions = rank_enterprises(
            &self.index,
            doc,
            holder_region,
            &self.profiles,
            &self.need_profiles,
            &label,
            limit.saturating_add(1),
        )
        .into_iter()
        .filter(|r| &self.enterprises[r.enterprise] != holder_id)
        .take(limit)
        .enumerate()
        .map(|(i, r)| {
            let enterprise_id = &self.enterprises[r.enterprise];
            Suggestion {
                rank: i + 1,
                score: percent(r.score),
                enterprise: self.org_brief(enterprise_id),
                achievement: brief.clone(),
                need: r.need.map(|n| self.need_brief(&self.needs[n])),
                reasons: r.reasons,
                link: self.link(enterprise_id, &achievement.id),
            }
        })
        .collect();
        Ok(Recommendations {
            target: Target::Achievement(brief),
            suggestions,
        })
    }

    fn link(&self, enterprise_id: &str, achievement_id: &str) -> Option<Link> {
        self.links
            .get(&(enterprise_id.to_string(), achievement_id.to_string()))
            .cloned()
    }

    fn org_brief(&self, id: &str) -> OrgBrief {
        let org = self.organizations.get(id);
        OrgBrief {
            id: id.to_string(),
            code: org.map(|o| o.code.clone()).unwrap_or_default(),
            name: org.map(|o| o.data.name.clone()).unwrap_or_default(),
        }
    }

    fn achievement_brief(&self, a: &Achievement) -> AchievementBrief {
        AchievementBrief {
            id: a.id.clone(),
            code: a.code.clone(),
            title: a.data.title.clone(),
            field: a.data.field.clone(),
            holder: self.org_brief(&a.data.holder_id),
        }
    }

    fn need_brief(&self, n: &Need) -> NeedBrief {
        NeedBrief {
            id: n.id.clone(),
            code: n.code.clone(),
            title: n.data.title.clone(),
            field: n.data.field.clone(),
            enterprise: self.org_brief(&n.data.organization_id),
        }
    }
}

fn position_map(ids: impl Iterator<Item = String>) -> HashMap<String, usize> {
    ids.enumerate().map(|(i, id)| (id, i)).collect()
}

fn not_found(what: &'static str, reference: &str) -> RecommendError {
    RecommendError::Store(StoreError::NotFound {
        what,
        reference: reference.to_string(),
    })
}

/// 0..=1 as 0–100 with one decimal.
fn percent(score: f32) -> f64 {
    (f64::from(score) * 1000.0).round() / 10.0
}

/// The interest record a suggestion becomes: this enterprise, this achievement, at `level`.
pub fn interest_input(suggestion: &Suggestion, level: &str, note: &str) -> InterestInput {
    InterestInput {
        enterprise: suggestion.enterprise.id.clone(),
        achievement: suggestion.achievement.id.clone(),
        level: level.to_string(),
        note: note.to_string(),
        ..InterestInput::default()
    }
}

/// Logs a suggestion as an interest (a known pair has its level raised, never lowered); the
/// note says it came from a suggestion and why.
pub fn log_interest(
    store: &mut Store,
    suggestion: &Suggestion,
    level: &str,
    lang: Lang,
) -> StoreResult<(Interest, InterestOutcome)> {
    let note = format!(
        "{}{}",
        lang.pick("由推荐登记：", "logged from a suggestion: "),
        suggestion.reasons_text(lang)
    );
    store.log_interest(&interest_input(suggestion, level, &note))
}

#[cfg(test)]
#[path = "recommend_tests.rs"]
mod tests;
