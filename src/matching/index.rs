//! The achievements of a fair, indexed once for matching: features per record, an inverted
//! index of TF-IDF term weights (cosine similarity in one pass over the postings), and
//! keyword tables by text and by pinyin.
use crate::domain::achievement::AchievementDraft;
use crate::matching::features::AchievementFeatures;
use crate::matching::text::{TermKey, Token, term_keys};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Term keys are already hashes; hashing them again would only cost time.
#[derive(Default)]
struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(*b);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

type TermMap = HashMap<TermKey, u32, BuildHasherDefault<KeyHasher>>;

#[derive(Debug, Clone, Copy)]
struct Posting {
    /// The document, with [`IN_HEADLINE`] set when the term is in its title or keywords.
    doc_and_flag: u32,
    /// The term's TF-IDF weight in the document, divided by the document vector's length.
    weight: f32,
}

const IN_HEADLINE: u32 = 1 << 31;

impl Posting {
    fn doc(self) -> u32 {
        self.doc_and_flag & !IN_HEADLINE
    }

    fn in_headline(self) -> bool {
        self.doc_and_flag & IN_HEADLINE != 0
    }
}

/// Where a keyword is in the achievements' headlines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HeadlineDocs {
    /// Exactly these achievements have it (a keyword of one term).
    Exact(Vec<u32>),
    /// Only these can have it; each must be checked.
    Candidates(Vec<u32>),
    /// Any might (a keyword with a lone Han character or no term): check them all.
    All,
}

/// A unit-length TF-IDF vector over the index's terms, sorted by term id.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TermVector(Vec<(u32, f32)>);

impl TermVector {
    /// The cosine of two unit vectors.
    pub fn cosine(&self, other: &TermVector) -> f32 {
        let (mut i, mut j, mut sum) = (0, 0, 0.0);
        while i < self.0.len() && j < other.0.len() {
            match self.0[i].0.cmp(&other.0[j].0) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    sum += self.0[i].1 * other.0[j].1;
                    i += 1;
                    j += 1;
                }
            }
        }
        sum
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

pub struct AchievementIndex {
    docs: Vec<AchievementFeatures>,
    terms: TermMap,
    idf: Vec<f32>,
    /// The idf of a term found in one document: what "as specific as it gets" means here.
    max_idf: f32,
    postings: Vec<Vec<Posting>>,
    /// Each achievement's holder, as a number (see `holder_number`).
    holders: Vec<u32>,
    holder_numbers: HashMap<String, u32>,
    /// Normalized keyword → the achievements that list it.
    keyword_docs: HashMap<String, Vec<u32>>,
    /// Keyword pinyin → the achievements that list a keyword sounding so.
    pinyin_docs: HashMap<String, Vec<u32>>,
}

impl AchievementIndex {
    pub fn build<'a>(achievements: impl IntoIterator<Item = &'a AchievementDraft>) -> Self {
        Self::from_features(
            achievements
                .into_iter()
                .map(AchievementFeatures::new)
                .collect(),
        )
    }

    pub fn from_features(docs: Vec<AchievementFeatures>) -> Self {
        let mut terms = TermMap::default();
        let mut postings: Vec<Vec<Posting>> = Vec::new();
        let mut keyword_docs: HashMap<String, Vec<u32>> = HashMap::new();
        let mut pinyin_docs: HashMap<String, Vec<u32>> = HashMap::new();
        // First pass: raw term frequencies into the postings, keywords into their tables.
        let mut holder_numbers: HashMap<String, u32> = HashMap::new();
        let mut holders = Vec::with_capacity(docs.len());
        for (doc, features) in docs.iter().enumerate() {
            let doc = doc as u32;
            let next = holder_numbers.len() as u32;
            holders.push(
                *holder_numbers
                    .entry(features.holder_id.clone())
                    .or_insert(next),
            );
            for (key, tf, in_headline) in features.marked_term_frequencies() {
                let next = postings.len() as u32;
                let id = *terms.entry(key).or_insert(next);
                if id == next {
                    postings.push(Vec::new());
                }
                let flag = if in_headline { IN_HEADLINE } else { 0 };
                postings[id as usize].push(Posting {
                    doc_and_flag: doc | flag,
                    weight: tf,
                });
            }
            for k in &features.keywords {
                keyword_docs
                    .entry(k.normalized.clone())
                    .or_default()
                    .push(doc);
                if !k.pinyin.is_empty() {
                    let list = pinyin_docs.entry(k.pinyin.clone()).or_default();
                    if list.last() != Some(&doc) {
                        list.push(doc);
                    }
                }
            }
        }
        let n = docs.len() as f32;
        let idf: Vec<f32> = postings
            .iter()
            .map(|p| (1.0 + n / p.len() as f32).ln())
            .collect();
        // Second pass: TF-IDF weights and each document's vector length.
        let mut norms = vec![0.0f32; docs.len()];
        for (list, idf) in postings.iter_mut().zip(&idf) {
            for p in list.iter_mut() {
                p.weight = tf_weight(p.weight) * idf;
                norms[p.doc() as usize] += p.weight * p.weight;
            }
        }
        for list in postings.iter_mut() {
            for p in list.iter_mut() {
                p.weight /= norms[p.doc() as usize].sqrt();
            }
        }
        AchievementIndex {
            docs,
            terms,
            idf,
            max_idf: (1.0 + n).ln(),
            postings,
            holders,
            holder_numbers,
            keyword_docs,
            pinyin_docs,
        }
    }

    pub fn len(&self) -> usize {
        self.docs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    pub fn doc(&self, i: usize) -> &AchievementFeatures {
        &self.docs[i]
    }

    pub fn docs(&self) -> &[AchievementFeatures] {
        &self.docs
    }

    /// The unit TF-IDF vector of some term frequencies; terms no achievement has are left
    /// out (they cannot make one achievement closer than another).
    pub fn vector(&self, frequencies: &[(TermKey, f32)]) -> TermVector {
        let mut v: Vec<(u32, f32)> = frequencies
            .iter()
            .filter_map(|(key, tf)| {
                let id = *self.terms.get(key)?;
                Some((id, tf_weight(*tf) * self.idf[id as usize]))
            })
            .collect();
        let norm = v.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
        if norm > 0.0 {
            v.iter_mut().for_each(|(_, w)| *w /= norm);
        }
        v.sort_unstable_by_key(|(id, _)| *id);
        TermVector(v)
    }

    /// The vector of achievement `i`, as the postings hold it.
    pub fn doc_vector(&self, i: usize) -> TermVector {
        self.vector(&self.docs[i].term_frequencies())
    }

    /// The cosine of `query` with every achievement, added into `out` (one slot per achievement).
    pub fn add_cosines(&self, query: &TermVector, out: &mut [f32]) {
        for &(id, w) in &query.0 {
            for p in &self.postings[id as usize] {
                out[p.doc() as usize] += w * p.weight;
            }
        }
    }

    /// How specific a normalized keyword is, 0..=1: the rarest of its terms, by idf relative
    /// to a term only one achievement has. Keywords with no known term count as middling.
    pub fn specificity(&self, keyword: &str) -> f32 {
        if self.max_idf <= 0.0 {
            return 0.5;
        }
        term_keys(keyword)
            .iter()
            .filter_map(|key| self.terms.get(key))
            .map(|&id| self.idf[id as usize] / self.max_idf)
            .fold(None, |best: Option<f32>, s| {
                Some(best.map_or(s, |b| b.max(s)))
            })
            .unwrap_or(0.5)
    }

    /// Which achievements have `keyword` (normalized) in their headline: exactly known for a
    /// keyword of one term; otherwise those whose headline holds its rarest term.
    pub fn headline_docs(&self, keyword: &str) -> HeadlineDocs {
        let mut rarest: Option<&Vec<Posting>> = None;
        let (mut has_single, mut count, mut is_one_term) = (false, 0, false);
        crate::matching::text::for_each_token(keyword, |t| {
            if t.is_ignored() {
                return;
            }
            count += 1;
            is_one_term = match t {
                Token::Bigram(a, b) => {
                    let mut chars = keyword.chars();
                    chars.next() == Some(a) && chars.next() == Some(b) && chars.next().is_none()
                }
                Token::Word(w) => w == keyword,
                Token::Single(_) => false,
            };
            if matches!(t, Token::Single(_)) {
                has_single = true;
                return;
            }
            let list = self
                .terms
                .get(&t.key())
                .map(|&id| &self.postings[id as usize]);
            match list {
                None => rarest = Some(&EMPTY),
                Some(l) if rarest.is_none_or(|r| l.len() < r.len()) => rarest = Some(l),
                Some(_) => {}
            }
        });
        if has_single || count == 0 {
            return HeadlineDocs::All;
        }
        let docs: Vec<u32> = rarest
            .map(|l| {
                l.iter()
                    .filter(|p| p.in_headline())
                    .map(|p| p.doc())
                    .collect()
            })
            .unwrap_or_default();
        // A keyword that is one bigram or one English word, and nothing else, is in a
        // headline exactly when the headline's terms hold it.
        if count == 1 && is_one_term {
            HeadlineDocs::Exact(docs)
        } else {
            HeadlineDocs::Candidates(docs)
        }
    }

    /// A number for each holder, so that 100,000 achievements compare holders as integers;
    /// `None` for an organization that holds none of them.
    pub fn holder_number(&self, holder_id: &str) -> Option<u32> {
        self.holder_numbers.get(holder_id).copied()
    }

    /// Achievement `i`'s holder number.
    pub fn holder_of(&self, i: usize) -> u32 {
        self.holders[i]
    }

    /// The achievements listing exactly this normalized keyword.
    pub fn docs_with_keyword(&self, keyword: &str) -> &[u32] {
        self.keyword_docs.get(keyword).map_or(&[], Vec::as_slice)
    }

    /// The achievements listing a keyword with this pinyin.
    pub fn docs_with_pinyin(&self, pinyin: &str) -> &[u32] {
        if pinyin.is_empty() {
            return &[];
        }
        self.pinyin_docs.get(pinyin).map_or(&[], Vec::as_slice)
    }
}

static EMPTY: Vec<Posting> = Vec::new();

/// Sub-linear term frequency: the tenth mention of a word says less than the first.
fn tf_weight(tf: f32) -> f32 {
    1.0 + tf.max(1.0).ln()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matching::features::NeedFeatures;

    fn draft(title: &str, keywords: &[&str], summary: &str) -> AchievementDraft {
        AchievementDraft {
            title: title.into(),
            holder_id: "h".into(),
            field: "稀土".into(),
            maturity: None,
            trl: None,
            patents: vec![],
            transfer_modes: vec![],
            asking_price: None,
            summary: Some(summary.into()),
            keywords: keywords.iter().map(|k| k.to_string()).collect(),
            booth: None,
        }
    }

    fn sample() -> AchievementIndex {
        let drafts = [
            draft(
                "稀土储氢合金性能提升技术",
                &["稀土", "储氢合金"],
                "循环寿命提高。",
            ),
            draft("稀土抛光粉绿色制备工艺", &["稀土", "抛光粉"], "废粉回收。"),
            draft(
                "光伏电站无人机巡检技术",
                &["光伏电站", "无人机"],
                "巡检效率提高。",
            ),
        ];
        AchievementIndex::build(drafts.iter())
    }

    #[test]
    fn postings_give_the_same_cosine_as_vectors() {
        let index = sample();
        let q = index.vector(&[
            (crate::matching::text::Token::Bigram('储', '氢').key(), 2.0),
            (crate::matching::text::Token::Bigram('稀', '土').key(), 1.0),
        ]);
        let mut dense = vec![0.0; index.len()];
        index.add_cosines(&q, &mut dense);
        for (i, c) in dense.iter().enumerate() {
            let direct = q.cosine(&index.doc_vector(i));
            assert!((c - direct).abs() < 1e-5, "{i}: {c} vs {direct}");
        }
        assert!(dense[0] > dense[1] && dense[1] > 0.0 && dense[2] == 0.0);
    }

    #[test]
    fn a_record_is_most_like_itself() {
        let index = sample();
        let v = index.doc_vector(0);
        assert!((v.cosine(&v) - 1.0).abs() < 1e-5);
        assert!(v.cosine(&index.doc_vector(2)) < 0.1);
    }

    #[test]
    fn rare_keywords_are_more_specific() {
        let index = sample();
        assert!(index.specificity("储氢合金") > index.specificity("稀土"));
        assert!((index.specificity("无人机") - 1.0).abs() < 1e-6);
        assert_eq!(
            index.specificity("量子"),
            0.5,
            "unknown terms count as middling"
        );
    }

    #[test]
    fn keyword_tables_by_text_and_pinyin() {
        let index = sample();
        assert_eq!(index.docs_with_keyword("稀土"), &[0, 1]);
        assert_eq!(index.docs_with_pinyin("xitu"), &[0, 1]);
        assert!(index.docs_with_keyword("xitu").is_empty());
        assert_eq!(
            index.headline_docs("储氢合金"),
            HeadlineDocs::Candidates(vec![0])
        );
        assert_eq!(index.headline_docs("稀土"), HeadlineDocs::Exact(vec![0, 1]));
        assert_eq!(
            index.headline_docs("提高"),
            HeadlineDocs::Exact(vec![]),
            "提高 is only in summaries"
        );
        assert_eq!(
            index.headline_docs("镁"),
            HeadlineDocs::All,
            "a lone character needs a scan"
        );
        assert_eq!(
            index.headline_docs("量子计算"),
            HeadlineDocs::Candidates(vec![])
        );
        assert_eq!(index.holder_number("h"), Some(0));
        assert_eq!(index.holder_of(2), 0);
        assert_eq!(index.holder_number("someone else"), None);
    }

    #[test]
    fn unknown_need_terms_do_not_count() {
        let index = sample();
        let need = NeedFeatures::new(&crate::domain::need::NeedDraft {
            organization_id: "e".into(),
            title: "储氢合金量子纠缠".into(),
            field: None,
            description: None,
            keywords: vec![],
            budget: None,
            cooperation_modes: vec![],
            deadline: None,
        });
        let v = index.vector(&need.term_frequencies());
        assert!(!v.is_empty());
        assert!(v.0.len() < need.term_frequencies().len());
    }
}
