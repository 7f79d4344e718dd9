//! The interests list's search. A large fair has 500,000 interests, each naming an
//! enterprise, an achievement, a level and a desk from far fewer of each; so the query
//! is matched against those (10,000 names, 100,000 titles, 3 levels, a few desks) and
//! an interest is a hit when each word of the query matches one of its four. Keys for
//! 500,000 joined texts would take more memory than the rest of the screen.
use crate::app::views::{InterestKey, Snapshot};
use crate::domain::vocab::INTEREST_LEVELS;
use crate::search::{Keys, SearchIndex};

pub struct InterestSearch {
    enterprises: SearchIndex,
    achievements: SearchIndex,
    levels: SearchIndex,
    desks: SearchIndex,
}

/// Each record's score for one word, plus one (zero: no match).
type Scores = Vec<u32>;

fn scores(index: &mut SearchIndex, word: &str) -> Scores {
    let mut scores = vec![0; index.len()];
    for hit in index.search(word) {
        scores[hit.index as usize] = hit.score + 1;
    }
    scores
}

fn score_of(scores: &Scores, index: u32) -> u32 {
    scores.get(index as usize).copied().unwrap_or(0)
}

impl InterestSearch {
    pub fn build(snapshot: &Snapshot) -> InterestSearch {
        InterestSearch {
            enterprises: SearchIndex::from_texts(
                snapshot.organizations.iter().map(|o| o.data.name.as_str()),
            ),
            achievements: {
                // Each label made in one buffer and keyed: no second copy of every title.
                let chars = snapshot
                    .achievements
                    .iter()
                    .map(|a| a.code().chars().count() + 1 + a.title().chars().count())
                    .sum();
                let mut keys = Keys::with_capacity(snapshot.achievements.len(), chars);
                let mut label = String::new();
                for a in &snapshot.achievements {
                    label.clear();
                    label.push_str(a.code());
                    label.push(' ');
                    label.push_str(a.title());
                    keys.push(&label);
                }
                SearchIndex::new(keys)
            },
            levels: SearchIndex::from_texts(INTEREST_LEVELS.terms.iter().map(|t| t.zh)),
            desks: SearchIndex::from_texts(snapshot.interests.desks.iter().map(String::as_str)),
        }
    }

    /// Positions of the matching interests (into `keys`), best first; ties keep the
    /// list's order (newest first).
    pub fn search(&mut self, keys: &[InterestKey], query: &str) -> Vec<u32> {
        let words: Vec<&str> = query.split_whitespace().collect();
        let per_word: Vec<[Scores; 4]> = words
            .iter()
            .map(|word| {
                [
                    scores(&mut self.enterprises, word),
                    scores(&mut self.achievements, word),
                    scores(&mut self.levels, word),
                    scores(&mut self.desks, word),
                ]
            })
            .collect();
        // (score, position): 500,000 interests fit positions of 32 bits.
        let mut hits: Vec<(u32, u32)> = Vec::new();
        'keys: for (position, key) in keys.iter().enumerate() {
            let mut total = 0;
            for [enterprise, achievement, level, desk] in &per_word {
                let best = score_of(enterprise, key.enterprise)
                    .max(score_of(achievement, key.achievement))
                    .max(score_of(level, key.level as u32))
                    .max(score_of(desk, key.desk as u32));
                if best == 0 {
                    continue 'keys;
                }
                total += best;
            }
            hits.push((total, position as u32));
        }
        hits.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        hits.into_iter().map(|(_, position)| position).collect()
    }

    /// The matched char positions in the interest's enterprise name (its list's first
    /// column).
    pub fn highlight(&mut self, key: &InterestKey, query: &str) -> Vec<usize> {
        let mut positions: Vec<usize> = query
            .split_whitespace()
            .flat_map(|word| self.enterprises.highlight(key.enterprise, word))
            .collect();
        positions.sort_unstable();
        positions.dedup();
        positions
    }
}

#[cfg(test)]
mod tests {
    use super::InterestSearch;
    use crate::app::views::{InterestKey, Snapshot};
    use crate::store::interests::tests::seeded;

    fn key(enterprise: u32, achievement: u32, level: u8) -> InterestKey {
        InterestKey {
            enterprise,
            achievement,
            level,
            desk: 0,
        }
    }

    #[test]
    fn each_word_matches_one_of_the_four_and_pinyin_works() {
        let store = seeded();
        let mut snapshot = Snapshot::load(&store).unwrap();
        snapshot.interests.desks = vec!["desk-2".into()];
        let enterprise = snapshot
            .organizations
            .iter()
            .position(|o| o.data.name.starts_with("包头市华美"))
            .unwrap() as u32;
        let university = snapshot
            .organizations
            .iter()
            .position(|o| o.data.name == "内蒙古大学")
            .unwrap() as u32;
        let keys = [
            key(university, 0, 0),
            key(enterprise, 0, 2),
            key(enterprise, u32::MAX, 0),
        ];
        let mut search = InterestSearch::build(&snapshot);
        assert_eq!(search.search(&keys, "华美"), vec![1, 2]);
        assert_eq!(search.search(&keys, "hm"), vec![1, 2], "pinyin initials");
        assert_eq!(
            search.search(&keys, "华美 深度"),
            vec![1],
            "both words must match"
        );
        assert_eq!(
            search.search(&keys, "A001"),
            vec![0, 1],
            "the achievement's code"
        );
        assert_eq!(search.search(&keys, "desk-2").len(), 3);
        assert!(search.search(&keys, "鄂尔多斯").is_empty());
        assert_eq!(search.highlight(&keys[1], "华美"), vec![3, 4]);
    }
}
