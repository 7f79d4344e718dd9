//! Enterprises for an achievement: through the needs they posted, their interest in similar
//! achievements, their industry and their region.
use crate::matching::components::{FieldFit, field_fit, field_score, text_score};
use crate::matching::features::NeedFeatures;
use crate::matching::index::{AchievementIndex, TermVector};
use crate::matching::peers::PeerSignal;
use crate::matching::rank::{
    Components, WEIGHTS, best_first, components, pair_evidence, score_pair,
};
use crate::matching::reasons::Reason;

/// A need, ready for matching: its features and its vector over the index's terms.
#[derive(Debug, Clone)]
pub struct NeedProfile {
    pub code: String,
    pub title: String,
    pub features: NeedFeatures,
    pub vector: TermVector,
}

impl NeedProfile {
    pub fn new(index: &AchievementIndex, code: &str, title: &str, features: NeedFeatures) -> Self {
        let vector = index.vector(&features.term_frequencies());
        NeedProfile {
            code: code.to_string(),
            title: title.to_string(),
            features,
            vector,
        }
    }
}

/// What is known of one enterprise.
#[derive(Debug, Clone, Default)]
pub struct EnterpriseProfile {
    pub industry: Option<String>,
    pub region: Option<String>,
    /// Indexes into the needs given to [`rank_enterprises`].
    pub needs: Vec<usize>,
    /// The achievements it was interested in (index, strength 0..=1).
    pub interests: Vec<(u32, f32)>,
}

/// How much each part counts; they sum to 1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EnterpriseWeights {
    pub need: f32,
    pub similar_interest: f32,
    pub industry: f32,
    pub region: f32,
}

pub const ENTERPRISE_WEIGHTS: EnterpriseWeights = EnterpriseWeights {
    need: 0.55,
    similar_interest: 0.25,
    industry: 0.15,
    region: 0.05,
};

/// Below these, a need or an earlier interest is not worth naming.
const MIN_NEED_CONTENT: f32 = 0.25;
const MIN_SIMILAR: f32 = 0.2;

/// Why an enterprise qualified: its best-answered need (index, pair score) and its most
/// similar earlier interest (achievement, similarity × strength).
type Evidence = (Option<(usize, f32)>, Option<(u32, f32)>);

/// One suggested enterprise.
#[derive(Debug, Clone, PartialEq)]
pub struct RankedEnterprise {
    /// Index into the enterprises given.
    pub enterprise: usize,
    pub score: f32,
    /// The need of the enterprise the achievement answers best, when one does.
    pub need: Option<usize>,
    pub reasons: Vec<Reason>,
}

/// The `limit` enterprises most likely to want achievement `doc`, best first.
/// `label(i)` gives achievement `i`'s code and title, for the reasons.
pub fn rank_enterprises(
    index: &AchievementIndex,
    doc: usize,
    holder_region: Option<&str>,
    enterprises: &[EnterpriseProfile],
    needs: &[NeedProfile],
    label: &dyn Fn(usize) -> (String, String),
    limit: usize,
) -> Vec<RankedEnterprise> {
    let doc_vector = index.doc_vector(doc);
    // The achievement's similarity to every other, in one pass over the postings.
    let mut similarity = vec![0.0f32; index.len()];
    index.add_cosines(&doc_vector, &mut similarity);
    let field = index.doc(doc).field.as_str();
    let mut found: Vec<(f32, u32)> = Vec::new();
    let mut details: Vec<Evidence> = vec![(None, None); enterprises.len()];
    for (e, profile) in enterprises.iter().enumerate() {
        let best_need = profile
            .needs
            .iter()
            .filter_map(|&n| {
                let need = &needs[n];
                let (fits, evidence) = pair_evidence(
                    index,
                    &need.features,
                    &need.vector,
                    doc,
                    &doc_vector,
                    PeerSignal::default(),
                );
                let c = components(&fits, &evidence);
                (content(&c) >= MIN_NEED_CONTENT).then(|| (n, c.total(&WEIGHTS)))
            })
            .max_by(|a, b| a.1.total_cmp(&b.1));
        let similar = profile
            .interests
            .iter()
            .filter(|(d, _)| *d as usize != doc)
            .map(|&(d, strength)| (d, text_score(similarity[d as usize]) * strength))
            .filter(|(_, s)| *s >= MIN_SIMILAR)
            .max_by(|a, b| a.1.total_cmp(&b.1));
        let industry = field_fit(profile.industry.as_deref(), field);
        let same_region = holder_region.is_some() && profile.region.as_deref() == holder_region;
        if best_need.is_none() && similar.is_none() && industry == FieldFit::Unrelated {
            continue;
        }
        let w = ENTERPRISE_WEIGHTS;
        let score = w.need * best_need.map_or(0.0, |(_, s)| s)
            + w.similar_interest * similar.map_or(0.0, |(_, s)| s)
            + w.industry * field_score(industry)
            + w.region * if same_region { 1.0 } else { 0.0 };
        found.push((score, e as u32));
        details[e] = (best_need, similar);
    }
    best_first(&mut found, limit);
    found
        .into_iter()
        .map(|(score, e)| {
            let e = e as usize;
            let (best_need, similar) = details[e];
            let profile = &enterprises[e];
            let mut reasons = Vec::new();
            if let Some((n, _)) = best_need {
                let need = &needs[n];
                reasons.push(Reason::MatchesNeed {
                    need_code: need.code.clone(),
                    need_title: need.title.clone(),
                });
                let pair = score_pair(
                    index,
                    &need.features,
                    &need.vector,
                    doc,
                    &doc_vector,
                    PeerSignal::default(),
                    &WEIGHTS,
                );
                reasons.extend(
                    pair.reasons
                        .into_iter()
                        .filter(|r| matches!(r, Reason::SharedKeywords { .. })),
                );
            }
            if let Some((d, _)) = similar {
                let (code, title) = label(d as usize);
                reasons.push(Reason::InterestedInSimilar { code, title });
            }
            match (
                field_fit(profile.industry.as_deref(), field),
                &profile.industry,
            ) {
                (FieldFit::Same, Some(industry)) => reasons.push(Reason::SameIndustry {
                    industry: industry.clone(),
                }),
                (FieldFit::Related, Some(industry)) => reasons.push(Reason::RelatedIndustry {
                    industry: industry.clone(),
                }),
                _ => {}
            }
            if let (Some(region), Some(holder)) = (&profile.region, holder_region)
                && region == holder
            {
                reasons.push(Reason::SameRegion {
                    region: region.clone(),
                });
            }
            RankedEnterprise {
                enterprise: e,
                score,
                need: best_need.map(|(n, _)| n),
                reasons,
            }
        })
        .collect()
}

/// How much of a pair's score is about what the achievement is (text and keywords).
fn content(c: &Components) -> f32 {
    c.text * WEIGHTS.text + c.keywords * WEIGHTS.keywords
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::achievement::AchievementDraft;
    use crate::domain::need::NeedDraft;

    fn draft(title: &str, field: &str, keywords: &[&str]) -> AchievementDraft {
        AchievementDraft {
            title: title.into(),
            holder_id: "holder".into(),
            field: field.into(),
            maturity: None,
            trl: None,
            patents: vec![],
            transfer_modes: vec![],
            asking_price: None,
            summary: None,
            keywords: keywords.iter().map(|k| k.to_string()).collect(),
            booth: None,
        }
    }

    fn index() -> AchievementIndex {
        let drafts = [
            draft("稀土储氢合金性能提升技术", "稀土", &["储氢合金"]),
            draft("稀土储氢合金制备技术", "稀土", &["储氢合金"]),
            draft("光伏电站无人机巡检技术", "新能源", &["光伏电站"]),
            draft("蒙药冻干粉针剂制备技术", "蒙医药", &["蒙药"]),
        ];
        AchievementIndex::build(drafts.iter())
    }

    fn need(index: &AchievementIndex) -> NeedProfile {
        let features = NeedFeatures::new(&NeedDraft {
            organization_id: "e0".into(),
            title: "稀土储氢合金性能提升需求".into(),
            field: Some("稀土".into()),
            description: None,
            keywords: vec!["储氢合金".into()],
            budget: None,
            cooperation_modes: vec![],
            deadline: None,
        });
        NeedProfile::new(index, "N005", "稀土储氢合金性能提升需求", features)
    }

    fn label(i: usize) -> (String, String) {
        (format!("A{:03}", i + 1), format!("title {i}"))
    }

    #[test]
    fn needs_interests_industry_and_region_each_count() {
        let index = index();
        let needs = vec![need(&index)];
        let enterprises = vec![
            EnterpriseProfile {
                // posted the need
                industry: Some("稀土".into()),
                region: Some("包头市".into()),
                needs: vec![0],
                interests: vec![],
            },
            EnterpriseProfile {
                // was interested in a similar result
                industry: None,
                region: None,
                needs: vec![],
                interests: vec![(1, 1.0)],
            },
            EnterpriseProfile {
                // only the industry
                industry: Some("新材料".into()),
                region: Some("包头市".into()),
                needs: vec![],
                interests: vec![],
            },
            EnterpriseProfile {
                // nothing in common
                industry: Some("蒙医药".into()),
                region: None,
                needs: vec![],
                interests: vec![(3, 1.0)],
            },
        ];
        let ranked = rank_enterprises(&index, 0, Some("包头市"), &enterprises, &needs, &label, 10);
        let order: Vec<usize> = ranked.iter().map(|r| r.enterprise).collect();
        assert_eq!(order, vec![0, 1, 2]);
        assert_eq!(ranked[0].need, Some(0));
        assert_eq!(
            ranked[0].reasons,
            vec![
                Reason::MatchesNeed {
                    need_code: "N005".into(),
                    need_title: "稀土储氢合金性能提升需求".into()
                },
                Reason::SharedKeywords {
                    keywords: vec!["储氢合金".into()]
                },
                Reason::SameIndustry {
                    industry: "稀土".into()
                },
                Reason::SameRegion {
                    region: "包头市".into()
                },
            ]
        );
        assert_eq!(
            ranked[1].reasons,
            vec![Reason::InterestedInSimilar {
                code: "A002".into(),
                title: "title 1".into()
            }]
        );
        assert_eq!(
            ranked[2].reasons,
            vec![
                Reason::RelatedIndustry {
                    industry: "新材料".into()
                },
                Reason::SameRegion {
                    region: "包头市".into()
                },
            ]
        );
    }

    #[test]
    fn interest_in_the_achievement_itself_is_not_similarity() {
        let index = index();
        let enterprises = vec![EnterpriseProfile {
            interests: vec![(0, 1.0)],
            ..Default::default()
        }];
        assert!(rank_enterprises(&index, 0, None, &enterprises, &[], &label, 10).is_empty());
    }
}
