//! "Enterprises like this one were interested": which enterprises resemble a need's
//! enterprise (industry, needs in the same field, interests in common), and how strongly
//! they were drawn to each achievement.
use crate::domain::interest::level_rank;
use std::collections::{BTreeMap, HashMap, HashSet};

/// One enterprise's interest in (or agreement on) one achievement.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct InterestEdge {
    pub enterprise: u32,
    pub doc: u32,
    /// 0..=1: how far it went.
    pub strength: f32,
}

/// What makes two enterprises alike.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EnterpriseTraits {
    pub industry: Option<String>,
    /// The fields of the needs the enterprise posted.
    pub need_fields: Vec<String>,
}

/// 咨询 0.5, 有意向 0.75, 深度洽谈 1; a signed agreement counts as 1.
pub fn interest_strength(level: &str) -> f32 {
    0.5 + 0.25 * level_rank(level) as f32
}

pub const AGREEMENT_STRENGTH: f32 = 1.0;

/// Below this an enterprise is not "similar".
const MIN_SIMILARITY: f32 = 0.3;

/// The enterprises resembling `target` for a need in `field`, with a similarity in 0..=1:
/// the same industry (or an industry equal to the field) 0.5, a need in the same field 0.3,
/// plus the Jaccard overlap of the achievements both were interested in.
pub fn similar_enterprises(
    target: u32,
    field: Option<&str>,
    traits: &[EnterpriseTraits],
    edges: &[InterestEdge],
) -> Vec<(u32, f32)> {
    let mut interests: HashMap<u32, HashSet<u32>> = HashMap::new();
    for e in edges {
        interests.entry(e.enterprise).or_default().insert(e.doc);
    }
    let empty = HashSet::new();
    let own = interests.get(&target).unwrap_or(&empty);
    let own_industry = traits
        .get(target as usize)
        .and_then(|t| t.industry.as_deref());
    let mut similar = Vec::new();
    for (i, t) in traits.iter().enumerate() {
        let i = i as u32;
        if i == target {
            continue;
        }
        let mut s = 0.0;
        if let Some(industry) = t.industry.as_deref()
            && (Some(industry) == own_industry || Some(industry) == field)
        {
            s += 0.5;
        }
        if let Some(f) = field
            && t.need_fields.iter().any(|nf| nf == f)
        {
            s += 0.3;
        }
        if let Some(theirs) = interests.get(&i)
            && !own.is_empty()
        {
            let common = own.intersection(theirs).count() as f32;
            let union = own.union(theirs).count() as f32;
            s += common / union;
        }
        if s >= MIN_SIMILARITY {
            similar.push((i, s.min(1.0)));
        }
    }
    similar
}

/// What similar enterprises' interest says about one achievement.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct PeerSignal {
    /// Σ similarity × strength.
    pub weight: f32,
    /// How many similar enterprises showed interest.
    pub count: u32,
}

/// Per achievement, the interest of the `similar` enterprises (an enterprise counts once per
/// achievement, by its strongest link).
pub fn peer_signals(similar: &[(u32, f32)], edges: &[InterestEdge]) -> HashMap<u32, PeerSignal> {
    let similarity: HashMap<u32, f32> = similar.iter().copied().collect();
    // Ordered, so that sums come out the same on every run.
    let mut strongest: BTreeMap<(u32, u32), f32> = BTreeMap::new();
    for e in edges {
        if similarity.contains_key(&e.enterprise) {
            let s = strongest.entry((e.enterprise, e.doc)).or_default();
            *s = s.max(e.strength);
        }
    }
    let mut signals: HashMap<u32, PeerSignal> = HashMap::new();
    for ((enterprise, doc), strength) in strongest {
        let signal = signals.entry(doc).or_default();
        signal.weight += similarity[&enterprise] * strength;
        signal.count += 1;
    }
    signals
}

#[cfg(test)]
mod tests {
    use super::*;

    fn traits(industry: Option<&str>, need_fields: &[&str]) -> EnterpriseTraits {
        EnterpriseTraits {
            industry: industry.map(String::from),
            need_fields: need_fields.iter().map(|f| f.to_string()).collect(),
        }
    }

    fn edge(enterprise: u32, doc: u32, strength: f32) -> InterestEdge {
        InterestEdge {
            enterprise,
            doc,
            strength,
        }
    }

    #[test]
    fn strength_rises_with_the_level() {
        assert_eq!(interest_strength("咨询"), 0.5);
        assert_eq!(interest_strength("有意向"), 0.75);
        assert_eq!(interest_strength("深度洽谈"), 1.0);
    }

    #[test]
    fn similar_by_industry_needs_and_shared_interests() {
        let all = [
            traits(Some("稀土"), &["稀土"]),   // 0: the target
            traits(Some("稀土"), &[]),         // 1: same industry
            traits(Some("蒙医药"), &["稀土"]), // 2: a need in the field only (0.3)
            traits(Some("蒙医药"), &[]),       // 3: unrelated, but same interests
            traits(None, &[]),                 // 4: nothing in common
        ];
        let edges = [edge(0, 10, 1.0), edge(3, 10, 0.5), edge(4, 11, 0.5)];
        let similar = similar_enterprises(0, Some("稀土"), &all, &edges);
        let ids: Vec<u32> = similar.iter().map(|(i, _)| *i).collect();
        assert_eq!(ids, vec![1, 2, 3]);
        assert_eq!(similar[0].1, 0.5);
        assert!((similar[1].1 - 0.3).abs() < 1e-6);
        assert_eq!(similar[2].1, 1.0, "identical interests");
    }

    #[test]
    fn signals_sum_similarity_times_strength_once_per_enterprise() {
        let similar = [(1, 0.5), (2, 1.0)];
        let edges = [
            edge(1, 7, 0.5),
            edge(1, 7, 1.0), // an agreement on the same pair: the stronger link counts
            edge(2, 7, 0.75),
            edge(3, 7, 1.0), // not similar
            edge(2, 8, 0.5),
        ];
        let signals = peer_signals(&similar, &edges);
        assert_eq!(signals[&7].count, 2);
        assert!((signals[&7].weight - (0.5 * 1.0 + 1.0 * 0.75)).abs() < 1e-6);
        assert_eq!(signals[&8].count, 1);
        assert!(!signals.contains_key(&9));
    }
}
