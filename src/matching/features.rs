//! What matching needs to know about an achievement or a need, computed once per record:
//! normalized text, keywords with their pinyin, maturity rank, modes, money.
use crate::domain::achievement::AchievementDraft;
use crate::domain::need::NeedDraft;
use crate::domain::vocab::{TECH_FIELDS, TRANSFER_MODES};
use crate::matching::components::{maturity_rank, required_maturity};
use crate::matching::text::{TermKey, normalize, pinyin_key, term_keys};
use std::collections::HashMap;

/// How much each part of a record counts in its term weights: the title and the keywords
/// say what a record is about; the summary or description adds context.
const HEADLINE_WEIGHT: f32 = 2.0;
const BODY_WEIGHT: f32 = 1.0;

/// A keyword as typed (for people), normalized (for matching) and as pinyin (for homophones
/// and keywords typed in pinyin).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keyword {
    pub shown: String,
    pub normalized: String,
    pub pinyin: String,
}

impl Keyword {
    pub fn new(text: &str) -> Keyword {
        let shown = text.trim().to_string();
        let normalized = normalize(&shown);
        let pinyin = pinyin_key(&normalized);
        Keyword {
            shown,
            normalized,
            pinyin,
        }
    }
}

/// Distinct non-empty keywords, in the order given.
fn keywords(list: &[String]) -> Vec<Keyword> {
    let mut out: Vec<Keyword> = Vec::new();
    for k in list.iter().map(|k| Keyword::new(k)) {
        if !k.normalized.is_empty() && !out.iter().any(|o| o.normalized == k.normalized) {
            out.push(k);
        }
    }
    out
}

/// A technology field as a small number (its place in the vocabulary), so comparing fields of
/// 100,000 records compares bytes; fields outside the vocabulary are `None`.
pub fn field_code(field: &str) -> Option<u8> {
    TECH_FIELDS
        .values()
        .position(|f| f == field)
        .and_then(|p| u8::try_from(p).ok())
}

/// Transfer modes as a bit set over the vocabulary (bit i = i-th mode).
pub fn mode_bits(modes: &[String]) -> u8 {
    TRANSFER_MODES
        .values()
        .enumerate()
        .filter(|(_, m)| modes.iter().any(|x| x == m))
        .fold(0, |bits, (i, _)| bits | (1 << i))
}

#[derive(Debug, Clone)]
pub struct AchievementFeatures {
    pub field: String,
    pub field_code: Option<u8>,
    pub holder_id: String,
    /// Normalized title.
    pub title: String,
    pub keywords: Vec<Keyword>,
    /// Normalized title and keywords, `|`-separated: where a need's keyword is looked for.
    pub headline: String,
    /// Normalized summary.
    pub summary: String,
    /// 0 实验室, 1 小试, 2 中试, 3 产业化.
    pub maturity: Option<u8>,
    pub modes: u8,
    pub price_fen: Option<i64>,
}

impl AchievementFeatures {
    pub fn new(a: &AchievementDraft) -> AchievementFeatures {
        let title = normalize(&a.title);
        let keywords = keywords(&a.keywords);
        let headline = headline(&title, &keywords);
        AchievementFeatures {
            field: a.field.clone(),
            field_code: field_code(&a.field),
            holder_id: a.holder_id.clone(),
            title,
            keywords,
            headline,
            summary: normalize(a.summary.as_deref().unwrap_or_default()),
            maturity: maturity_rank(a.maturity.as_deref(), a.trl),
            modes: mode_bits(&a.transfer_modes),
            price_fen: a.asking_price.map(|m| m.fen()),
        }
    }

    /// Term frequencies, the headline counting double.
    pub fn term_frequencies(&self) -> Vec<(TermKey, f32)> {
        self.marked_term_frequencies()
            .into_iter()
            .map(|(key, tf, _)| (key, tf))
            .collect()
    }

    /// Term frequencies, each marked with whether the term is in the headline.
    pub fn marked_term_frequencies(&self) -> Vec<(TermKey, f32, bool)> {
        frequencies(&[
            (&self.headline, HEADLINE_WEIGHT),
            (&self.summary, BODY_WEIGHT),
        ])
    }
}

#[derive(Debug, Clone)]
pub struct NeedFeatures {
    pub organization_id: String,
    pub field: Option<String>,
    pub field_code: Option<u8>,
    /// Normalized title.
    pub title: String,
    pub keywords: Vec<Keyword>,
    /// Normalized title and keywords, `|`-separated.
    pub headline: String,
    /// Normalized title, keywords and description: where achievements' keywords are looked for.
    pub text: String,
    /// The least maturity the description asks for ("要求技术成熟度达到中试以上").
    pub required_maturity: Option<u8>,
    pub modes: u8,
    pub budget_fen: Option<i64>,
}

impl NeedFeatures {
    pub fn new(n: &NeedDraft) -> NeedFeatures {
        let title = normalize(&n.title);
        let keywords = keywords(&n.keywords);
        let headline = headline(&title, &keywords);
        let description = normalize(n.description.as_deref().unwrap_or_default());
        let text = format!("{headline}|{description}");
        NeedFeatures {
            organization_id: n.organization_id.clone(),
            field: n.field.clone(),
            field_code: n.field.as_deref().and_then(field_code),
            required_maturity: required_maturity(&description),
            title,
            keywords,
            headline,
            text,
            modes: mode_bits(&n.cooperation_modes),
            budget_fen: n.budget.map(|m| m.fen()),
        }
    }

    /// Term frequencies, the headline counting double.
    pub fn term_frequencies(&self) -> Vec<(TermKey, f32)> {
        let description = self.text.get(self.headline.len()..).unwrap_or_default();
        frequencies(&[
            (&self.headline, HEADLINE_WEIGHT),
            (description, BODY_WEIGHT),
        ])
        .into_iter()
        .map(|(key, tf, _)| (key, tf))
        .collect()
    }
}

fn headline(title: &str, keywords: &[Keyword]) -> String {
    let mut out = title.to_string();
    for k in keywords {
        out.push('|');
        out.push_str(&k.normalized);
    }
    out
}

/// Weighted counts of each term over the parts of a record, in first-seen order, each
/// marked with whether it is in the first part.
fn frequencies(parts: &[(&str, f32)]) -> Vec<(TermKey, f32, bool)> {
    let mut position: HashMap<TermKey, usize> = HashMap::new();
    let mut out: Vec<(TermKey, f32, bool)> = Vec::new();
    for (part, (text, weight)) in parts.iter().enumerate() {
        for key in term_keys(text) {
            match position.get(&key) {
                Some(&i) => out[i].1 += weight,
                None => {
                    position.insert(key, out.len());
                    out.push((key, *weight, part == 0));
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::money::Money;

    pub(crate) fn achievement(title: &str, field: &str, keywords: &[&str]) -> AchievementDraft {
        AchievementDraft {
            title: title.into(),
            holder_id: "holder".into(),
            field: field.into(),
            maturity: Some("中试".into()),
            trl: None,
            patents: vec![],
            transfer_modes: vec!["许可".into(), "合作开发".into()],
            asking_price: Some(Money::from_fen(100_000_000)),
            summary: Some("针对储氢合金容量低的问题，研发了新工艺。".into()),
            keywords: keywords.iter().map(|k| k.to_string()).collect(),
            booth: None,
        }
    }

    #[test]
    fn achievement_features_are_normalized_once() {
        let f = AchievementFeatures::new(&achievement(
            "稀土储氢合金ＴＭＲ技术",
            "稀土",
            &["储氢合金", " 稀土 ", "储氢合金", ""],
        ));
        assert_eq!(f.title, "稀土储氢合金tmr技术");
        let kws: Vec<_> = f.keywords.iter().map(|k| k.normalized.as_str()).collect();
        assert_eq!(
            kws,
            vec!["储氢合金", "稀土"],
            "trimmed, deduplicated, blanks dropped"
        );
        assert_eq!(f.keywords[1].pinyin, "xitu");
        assert_eq!(f.headline, "稀土储氢合金tmr技术|储氢合金|稀土");
        assert_eq!(f.maturity, Some(2));
        assert_eq!(f.modes, 0b1010, "许可 is bit 1, 合作开发 bit 3");
        assert_eq!(f.field_code, Some(0));
    }

    #[test]
    fn headline_terms_count_double() {
        let f = AchievementFeatures::new(&achievement("储氢", "稀土", &[]));
        let tf = f.term_frequencies();
        let storage = crate::matching::text::Token::Bigram('储', '氢').key();
        let weight = tf.iter().find(|(k, _)| *k == storage).map(|(_, w)| *w);
        assert_eq!(weight, Some(3.0), "2 for the title, 1 for the summary");
    }

    #[test]
    fn need_features_read_the_required_maturity() {
        let need = NeedDraft {
            organization_id: "e1".into(),
            title: "稀土储氢合金性能提升需求".into(),
            field: Some("稀土".into()),
            description: Some("寻求成熟成果。要求技术成熟度达到中试以上。".into()),
            keywords: vec!["储氢合金".into()],
            budget: Some(Money::from_fen(15_000_000)),
            cooperation_modes: vec!["作价投资".into()],
            deadline: None,
        };
        let f = NeedFeatures::new(&need);
        assert_eq!(f.required_maturity, Some(2));
        assert_eq!(f.modes, 0b100);
        assert!(f.text.starts_with("稀土储氢合金性能提升需求|储氢合金|"));
        assert!(f.text.ends_with("中试以上。"));
    }
}
