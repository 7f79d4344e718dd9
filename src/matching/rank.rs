//! Achievements for a need: every achievement scored in one pass (text through the
//! postings, keywords through their tables, the rest from precomputed features), the best
//! kept, and only those explained.
use crate::domain::vocab::{MATURITY, TRANSFER_MODES};
use crate::matching::components::{
    FieldFit, MaturityFit, ModeFit, PriceFit, field_fit, field_fit_by_code, field_score,
    keyword_score, maturity_fit, maturity_score, mode_fit, mode_score, peer_score, price_fit,
    price_score, text_score,
};
use crate::matching::features::{AchievementFeatures, NeedFeatures};
use crate::matching::index::{AchievementIndex, TermVector};
use crate::matching::keywords::{keyword_weights, shared_keywords};
use crate::matching::peers::PeerSignal;
use crate::matching::reasons::Reason;
use crate::matching::text::common_phrases;
use serde::Serialize;
use std::collections::HashMap;

/// How much each component counts; they sum to 1, so a score is in 0..=1. What the
/// achievement is about (text, keywords, field) counts most; whether the deal can be done
/// (maturity, cooperation mode, price) and what similar enterprises did break ties.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Weights {
    pub text: f32,
    pub keywords: f32,
    pub field: f32,
    pub maturity: f32,
    pub modes: f32,
    pub price: f32,
    pub peers: f32,
}

pub const WEIGHTS: Weights = Weights {
    text: 0.35,
    keywords: 0.25,
    field: 0.15,
    maturity: 0.06,
    modes: 0.06,
    price: 0.05,
    peers: 0.08,
};

/// Each component's value, 0..=1.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Components {
    pub text: f32,
    pub keywords: f32,
    pub field: f32,
    pub maturity: f32,
    pub modes: f32,
    pub price: f32,
    pub peers: f32,
}

impl Components {
    pub fn total(&self, w: &Weights) -> f32 {
        self.text * w.text
            + self.keywords * w.keywords
            + self.field * w.field
            + self.maturity * w.maturity
            + self.modes * w.modes
            + self.price * w.price
            + self.peers * w.peers
    }
}

/// What was measured for one need × achievement pair before scoring.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Evidence {
    pub cosine: f32,
    /// Summed specificity of the shared keywords.
    pub keyword_weight: f32,
    pub peers: PeerSignal,
}

/// The fits behind the practical components, kept for the reasons.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Fits {
    pub field: FieldFit,
    pub maturity: MaturityFit,
    pub modes: ModeFit,
    pub price: PriceFit,
}

pub fn fits(need: &NeedFeatures, doc: &AchievementFeatures) -> Fits {
    let field = match (need.field_code, doc.field_code) {
        (Some(a), Some(b)) => field_fit_by_code(a, b),
        _ => field_fit(need.field.as_deref(), &doc.field),
    };
    Fits {
        field,
        maturity: maturity_fit(doc.maturity, need.required_maturity),
        modes: mode_fit(need.modes, doc.modes),
        price: price_fit(need.budget_fen, doc.price_fen),
    }
}

pub fn components(fits: &Fits, evidence: &Evidence) -> Components {
    Components {
        text: text_score(evidence.cosine),
        keywords: keyword_score([evidence.keyword_weight]),
        field: field_score(fits.field),
        maturity: maturity_score(fits.maturity),
        modes: mode_score(fits.modes),
        price: price_score(fits.price),
        peers: peer_score(evidence.peers.weight),
    }
}

/// Below this cosine, shared words are incidental ("制备", "提高") and say nothing.
pub const MIN_COSINE: f32 = 0.05;

/// One suggested achievement.
#[derive(Debug, Clone, PartialEq)]
pub struct Ranked {
    pub doc: usize,
    /// 0..=1.
    pub score: f32,
    pub components: Components,
    pub reasons: Vec<Reason>,
}

/// The `limit` best achievements for `need`, best first, with reasons. Achievements held
/// by the need's own organization are left out, and so are those sharing nothing with the
/// need (no text, keyword or field in common).
pub fn rank_for_need(
    index: &AchievementIndex,
    need: &NeedFeatures,
    peers: &HashMap<u32, PeerSignal>,
    weights: &Weights,
    limit: usize,
) -> Vec<Ranked> {
    let query = index.vector(&need.term_frequencies());
    let mut cosines = vec![0.0f32; index.len()];
    index.add_cosines(&query, &mut cosines);
    let keyword_weights = keyword_weights(index, need);
    let own = index.holder_number(&need.organization_id);
    let mut scored: Vec<(f32, u32)> = Vec::new();
    for (i, doc) in index.docs().iter().enumerate() {
        if Some(index.holder_of(i)) == own {
            continue;
        }
        let evidence = Evidence {
            cosine: cosines[i],
            keyword_weight: keyword_weights[i],
            peers: peers.get(&(i as u32)).copied().unwrap_or_default(),
        };
        let fits = fits(need, doc);
        if evidence.cosine < MIN_COSINE
            && evidence.keyword_weight <= 0.0
            && fits.field == FieldFit::Unrelated
        {
            continue;
        }
        scored.push((components(&fits, &evidence).total(weights), i as u32));
    }
    best_first(&mut scored, limit);
    scored
        .into_iter()
        .map(|(score, i)| {
            let i = i as usize;
            let evidence = Evidence {
                cosine: cosines[i],
                keyword_weight: keyword_weights[i],
                peers: peers.get(&(i as u32)).copied().unwrap_or_default(),
            };
            let fits = fits(need, index.doc(i));
            Ranked {
                doc: i,
                score,
                components: components(&fits, &evidence),
                reasons: explain(index, need, i, &fits, &evidence),
            }
        })
        .collect()
}

/// Keeps the `limit` highest scores, highest first (ties by record order).
pub fn best_first(scored: &mut Vec<(f32, u32)>, limit: usize) {
    let order = |a: &(f32, u32), b: &(f32, u32)| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1));
    if scored.len() > limit && limit > 0 {
        scored.select_nth_unstable_by(limit - 1, order);
    }
    scored.truncate(limit);
    scored.sort_unstable_by(order);
}

/// What [`rank_for_need`] measures for one need × achievement pair, given the need's vector
/// and the achievement's (see `AchievementIndex::doc_vector`).
pub fn pair_evidence(
    index: &AchievementIndex,
    need: &NeedFeatures,
    need_vector: &TermVector,
    doc: usize,
    doc_vector: &TermVector,
    peers: PeerSignal,
) -> (Fits, Evidence) {
    let shared = shared_keywords(index, need, index.doc(doc));
    let evidence = Evidence {
        cosine: need_vector.cosine(doc_vector),
        keyword_weight: shared.iter().map(|k| k.specificity).sum(),
        peers,
    };
    (fits(need, index.doc(doc)), evidence)
}

/// Scores and explains one need × achievement pair the way [`rank_for_need`] does.
pub fn score_pair(
    index: &AchievementIndex,
    need: &NeedFeatures,
    need_vector: &TermVector,
    doc: usize,
    doc_vector: &TermVector,
    peers: PeerSignal,
    weights: &Weights,
) -> Ranked {
    let (fits, evidence) = pair_evidence(index, need, need_vector, doc, doc_vector, peers);
    let components = components(&fits, &evidence);
    Ranked {
        doc,
        score: components.total(weights),
        components,
        reasons: explain(index, need, doc, &fits, &evidence),
    }
}

/// Up to this many shared keywords are named.
const MAX_KEYWORDS_SHOWN: usize = 5;

/// The reasons for one pair, in reading order: field, keywords, title, maturity, modes,
/// price, peers.
pub fn explain(
    index: &AchievementIndex,
    need: &NeedFeatures,
    doc: usize,
    fits: &Fits,
    evidence: &Evidence,
) -> Vec<Reason> {
    let a = index.doc(doc);
    let mut reasons = Vec::new();
    match (fits.field, need.field.as_ref()) {
        (FieldFit::Same, _) => reasons.push(Reason::SameField {
            field: a.field.clone(),
        }),
        (FieldFit::Related, Some(wanted)) => reasons.push(Reason::RelatedField {
            wanted: wanted.clone(),
            offered: a.field.clone(),
        }),
        _ => {}
    }
    let shared = shared_keywords(index, need, a);
    if !shared.is_empty() {
        reasons.push(Reason::SharedKeywords {
            keywords: shared
                .iter()
                .take(MAX_KEYWORDS_SHOWN)
                .map(|k| k.shown.clone())
                .collect(),
        });
    }
    let keywords: Vec<&str> = shared.iter().map(|k| k.normalized.as_str()).collect();
    let phrase = common_phrases(&need.title, &a.title, 1)
        .into_iter()
        .find(|p| says_more_than(p, &keywords));
    match phrase {
        Some(phrase) => reasons.push(Reason::SimilarTitle { phrase }),
        None if text_score(evidence.cosine) >= 0.5 => reasons.push(Reason::SimilarDescription),
        None => {}
    }
    reasons.extend(maturity_reason(fits.maturity));
    reasons.extend(mode_reason(fits.modes, need.modes, a.modes));
    reasons.extend(price_reason(fits.price, need.budget_fen, a.price_fen));
    if evidence.peers.count > 0 {
        reasons.push(Reason::PeersInterested {
            count: evidence.peers.count as usize,
        });
    }
    reasons
}

/// Whether a common phrase of the titles tells more than the shared keywords already do:
/// at least two of its characters are not part of a keyword (`种选育` over `选育` does not).
fn says_more_than(phrase: &str, keywords: &[&str]) -> bool {
    if keywords.iter().any(|k| k.contains(phrase)) {
        return false;
    }
    let chars: Vec<char> = phrase.chars().collect();
    let mut covered = vec![false; chars.len()];
    for k in keywords {
        let k: Vec<char> = k.chars().collect();
        if k.is_empty() || k.len() > chars.len() {
            continue;
        }
        for start in 0..=chars.len() - k.len() {
            if chars[start..start + k.len()] == k[..] {
                covered[start..start + k.len()]
                    .iter_mut()
                    .for_each(|c| *c = true);
            }
        }
    }
    covered.iter().filter(|c| !**c).count() >= 2
}

fn maturity_label(rank: u8) -> String {
    MATURITY
        .values()
        .nth(usize::from(rank))
        .unwrap_or_default()
        .to_string()
}

fn maturity_reason(fit: MaturityFit) -> Option<Reason> {
    match fit {
        // Only ripeness worth saying: pilot scale or industrialised.
        MaturityFit::Plain(level) if level >= 2 => Some(Reason::Maturity {
            level: maturity_label(level),
        }),
        MaturityFit::Meets { level, required } => Some(Reason::MaturityMeets {
            level: maturity_label(level),
            required: maturity_label(required),
        }),
        MaturityFit::Below { level, required } => Some(Reason::MaturityBelow {
            level: maturity_label(level),
            required: maturity_label(required),
        }),
        _ => None,
    }
}

fn mode_names(bits: u8) -> Vec<String> {
    TRANSFER_MODES
        .values()
        .enumerate()
        .filter(|(i, _)| bits & (1 << i) != 0)
        .map(|(_, m)| m.to_string())
        .collect()
}

fn mode_reason(fit: ModeFit, wanted: u8, offered: u8) -> Option<Reason> {
    match fit {
        ModeFit::Shared(bits) => Some(Reason::ModesShared {
            modes: mode_names(bits),
        }),
        ModeFit::Disjoint => Some(Reason::ModesDiffer {
            wanted: mode_names(wanted),
            offered: mode_names(offered),
        }),
        ModeFit::Unknown => None,
    }
}

fn price_reason(fit: PriceFit, budget: Option<i64>, price: Option<i64>) -> Option<Reason> {
    let (Some(budget_fen), Some(price_fen)) = (budget, price) else {
        return (fit == PriceFit::Negotiable).then_some(Reason::PriceNegotiable);
    };
    match fit {
        PriceFit::Within => Some(Reason::PriceWithinBudget {
            price_fen,
            budget_fen,
        }),
        PriceFit::Near => Some(Reason::PriceNearBudget {
            price_fen,
            budget_fen,
        }),
        PriceFit::Above => Some(Reason::PriceAboveBudget {
            price_fen,
            budget_fen,
        }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::achievement::AchievementDraft;
    use crate::domain::money::Money;
    use crate::domain::need::NeedDraft;

    fn draft(code: &str, title: &str, field: &str, keywords: &[&str]) -> AchievementDraft {
        AchievementDraft {
            title: title.into(),
            holder_id: format!("holder-{code}"),
            field: field.into(),
            maturity: Some("产业化".into()),
            trl: None,
            patents: vec![],
            transfer_modes: vec!["许可".into()],
            asking_price: Some(Money::from_fen(100_000_000)),
            summary: None,
            keywords: keywords.iter().map(|k| k.to_string()).collect(),
            booth: None,
        }
    }

    fn index() -> AchievementIndex {
        let drafts = [
            draft(
                "0",
                "稀土储氢合金性能提升技术",
                "稀土",
                &["稀土", "储氢合金"],
            ),
            draft("1", "稀土抛光粉绿色制备工艺", "稀土", &["稀土", "抛光粉"]),
            draft(
                "2",
                "光伏电站无人机巡检技术",
                "新能源",
                &["光伏电站", "无人机"],
            ),
            draft(
                "3",
                "稀土储氢合金固态储氢装置",
                "氢能",
                &["稀土", "储氢合金"],
            ),
            draft("4", "蒙药冻干粉针剂制备技术", "蒙医药", &["蒙药"]),
        ];
        AchievementIndex::build(drafts.iter())
    }

    fn need() -> NeedFeatures {
        NeedFeatures::new(&NeedDraft {
            organization_id: "enterprise".into(),
            title: "稀土储氢合金性能提升需求".into(),
            field: Some("稀土".into()),
            description: Some("储氢合金容量低、循环寿命短。要求技术成熟度达到中试以上。".into()),
            keywords: vec!["稀土".into(), "储氢合金".into()],
            budget: Some(Money::from_fen(150_000_000)),
            cooperation_modes: vec!["许可".into(), "作价投资".into()],
            deadline: None,
        })
    }

    #[test]
    fn the_answer_ranks_first_and_unrelated_results_are_left_out() {
        let index = index();
        let ranked = rank_for_need(&index, &need(), &HashMap::new(), &WEIGHTS, 10);
        let order: Vec<usize> = ranked.iter().map(|r| r.doc).collect();
        assert_eq!(order[0], 0);
        assert_eq!(order[1], 3, "same keywords, related field");
        assert!(!order.contains(&4), "蒙药 shares nothing with the need");
        assert!(ranked.windows(2).all(|w| w[0].score >= w[1].score));
        assert!(ranked.iter().all(|r| (0.0..=1.0).contains(&r.score)));
    }

    #[test]
    fn the_reasons_say_why() {
        let index = index();
        let ranked = rank_for_need(&index, &need(), &HashMap::new(), &WEIGHTS, 1);
        let text =
            crate::matching::reasons::render(&ranked[0].reasons, crate::domain::lang::Lang::Zh);
        assert_eq!(
            text,
            "同领域：稀土；2 个共同关键词：储氢合金、稀土；标题相近：稀土储氢合金性能提升；\
             成熟度产业化，满足中试以上要求；合作方式相符：许可；报价在预算内（100.00万元 ≤ 150.00万元）"
        );
    }

    #[test]
    fn the_limit_holds_and_own_results_are_not_suggested() {
        let index = index();
        assert_eq!(
            rank_for_need(&index, &need(), &HashMap::new(), &WEIGHTS, 2).len(),
            2
        );
        let mut own = need();
        own.organization_id = "holder-0".into();
        let ranked = rank_for_need(&index, &own, &HashMap::new(), &WEIGHTS, 10);
        assert!(ranked.iter().all(|r| r.doc != 0));
    }

    #[test]
    fn peers_lift_an_achievement_and_are_named() {
        let index = index();
        let peers = HashMap::from([(
            1u32,
            PeerSignal {
                weight: 2.0,
                count: 3,
            },
        )]);
        let with = rank_for_need(&index, &need(), &peers, &WEIGHTS, 10);
        let without = rank_for_need(&index, &need(), &HashMap::new(), &WEIGHTS, 10);
        let score = |r: &[Ranked]| r.iter().find(|x| x.doc == 1).map(|x| x.score).unwrap();
        assert!(score(&with) > score(&without));
        let reasons = &with.iter().find(|x| x.doc == 1).unwrap().reasons;
        assert!(reasons.contains(&Reason::PeersInterested { count: 3 }));
    }

    #[test]
    fn scoring_one_pair_agrees_with_ranking_all() {
        let index = index();
        let need = need();
        let ranked = rank_for_need(&index, &need, &HashMap::new(), &WEIGHTS, 10);
        let q = index.vector(&need.term_frequencies());
        for r in &ranked {
            let pair = score_pair(
                &index,
                &need,
                &q,
                r.doc,
                &index.doc_vector(r.doc),
                PeerSignal::default(),
                &WEIGHTS,
            );
            assert!((pair.score - r.score).abs() < 1e-5);
            assert_eq!(pair.reasons, r.reasons);
        }
    }

    #[test]
    fn a_title_phrase_is_named_only_when_it_adds_to_the_keywords() {
        assert!(says_more_than(
            "稀土储氢合金性能提升",
            &["储氢合金", "稀土"]
        ));
        assert!(!says_more_than("种选育", &["选育"]));
        assert!(!says_more_than("储氢", &["储氢合金"]));
        assert!(says_more_than("光伏电站", &[]));
    }

    #[test]
    fn best_first_keeps_the_top_in_order() {
        let mut v = vec![(0.2, 0), (0.9, 1), (0.5, 2), (0.9, 3), (0.1, 4)];
        best_first(&mut v, 3);
        assert_eq!(v, vec![(0.9, 1), (0.9, 3), (0.5, 2)]);
        let mut short = vec![(0.2, 0)];
        best_first(&mut short, 5);
        assert_eq!(short, vec![(0.2, 0)]);
    }

    #[test]
    fn weights_sum_to_one() {
        let w = WEIGHTS;
        let sum = w.text + w.keywords + w.field + w.maturity + w.modes + w.price + w.peers;
        assert!((sum - 1.0).abs() < 1e-6);
    }
}
