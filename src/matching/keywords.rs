//! Shared keywords between a need and achievements, found two ways that always agree: for
//! one pair (to explain it) and for every achievement at once (to rank them).
//!
//! A keyword is shared when
//! - the need lists it and the achievement lists it, has it in its title or in one of its
//!   keywords, or lists a keyword with the same pinyin (homophones; keywords typed in
//!   pinyin), or
//! - the achievement lists it and the need's title, keywords or description contain it.
//!
//! Each shared keyword counts once, by its specificity (see `AchievementIndex::specificity`).
use crate::matching::features::{AchievementFeatures, NeedFeatures};
use crate::matching::index::{AchievementIndex, HeadlineDocs};
use std::collections::HashMap;

/// Achievement keywords longer than this are not looked for inside a need's text.
pub const MAX_REVERSE_CHARS: usize = 16;

/// A keyword both sides have, as the side that listed it wrote it.
#[derive(Debug, Clone, PartialEq)]
pub struct SharedKeyword {
    pub shown: String,
    pub normalized: String,
    pub specificity: f32,
}

/// Whether `haystack` contains `needle` with ASCII words kept whole (`ai` is not in `rail`).
pub fn contains_keyword(haystack: &str, needle: &str) -> bool {
    if needle.is_empty() {
        return false;
    }
    haystack
        .match_indices(needle)
        .any(|(at, _)| whole_at(haystack, at, needle.len(), needle))
}

/// Whether the occurrence of `needle` at byte `at` keeps ASCII words whole at both ends.
fn whole_at(haystack: &str, at: usize, len: usize, needle: &str) -> bool {
    let starts_word = needle
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphanumeric());
    let ends_word = needle
        .chars()
        .last()
        .is_some_and(|c| c.is_ascii_alphanumeric());
    let before = haystack[..at].chars().next_back();
    let after = haystack[at + len..].chars().next();
    let glued_before = starts_word && before.is_some_and(|c| c.is_ascii_alphanumeric());
    let glued_after = ends_word && after.is_some_and(|c| c.is_ascii_alphanumeric());
    !glued_before && !glued_after
}

/// The keywords one need and one achievement share, most specific first.
pub fn shared_keywords(
    index: &AchievementIndex,
    need: &NeedFeatures,
    doc: &AchievementFeatures,
) -> Vec<SharedKeyword> {
    let mut shared: Vec<SharedKeyword> = Vec::new();
    let mut add = |shown: &str, normalized: &str| {
        if !shared.iter().any(|s| s.normalized == normalized) {
            shared.push(SharedKeyword {
                shown: shown.to_string(),
                normalized: normalized.to_string(),
                specificity: index.specificity(normalized),
            });
        }
    };
    for k in &need.keywords {
        let listed = doc.keywords.iter().any(|d| d.normalized == k.normalized);
        let sounds_alike =
            !k.pinyin.is_empty() && doc.keywords.iter().any(|d| d.pinyin == k.pinyin);
        if listed || sounds_alike || contains_keyword(&doc.headline, &k.normalized) {
            add(&k.shown, &k.normalized);
        }
    }
    for d in &doc.keywords {
        if d.normalized.chars().count() <= MAX_REVERSE_CHARS
            && contains_keyword(&need.text, &d.normalized)
        {
            add(&d.shown, &d.normalized);
        }
    }
    shared.sort_by(|a, b| b.specificity.total_cmp(&a.specificity));
    shared
}

/// For every achievement, the summed specificity of the keywords it shares with `need`
/// (the same sum [`shared_keywords`] gives for one pair).
pub fn keyword_weights(index: &AchievementIndex, need: &NeedFeatures) -> Vec<f32> {
    // keyword → the achievements sharing it, from either side
    let mut by_keyword: HashMap<&str, Vec<u32>> = HashMap::new();
    for k in &need.keywords {
        let docs = by_keyword.entry(k.normalized.as_str()).or_default();
        docs.extend_from_slice(index.docs_with_keyword(&k.normalized));
        docs.extend_from_slice(index.docs_with_pinyin(&k.pinyin));
        let in_headline =
            |d: &u32| contains_keyword(&index.doc(*d as usize).headline, &k.normalized);
        match index.headline_docs(&k.normalized) {
            HeadlineDocs::Exact(found) => docs.extend(found),
            HeadlineDocs::Candidates(candidates) => {
                docs.extend(candidates.into_iter().filter(in_headline))
            }
            HeadlineDocs::All => docs.extend((0..index.len() as u32).filter(in_headline)),
        }
    }
    for (keyword, docs) in listed_keywords_in(index, &need.text) {
        by_keyword
            .entry(keyword)
            .or_default()
            .extend_from_slice(docs);
    }
    let mut weights = vec![0.0f32; index.len()];
    // In keyword order, so that sums (and so ties) come out the same on every run.
    let mut by_keyword: Vec<(&str, Vec<u32>)> = by_keyword.into_iter().collect();
    by_keyword.sort_unstable_by(|a, b| a.0.cmp(b.0));
    for (keyword, mut docs) in by_keyword {
        docs.sort_unstable();
        docs.dedup();
        if docs.is_empty() {
            continue;
        }
        let specificity = index.specificity(keyword);
        for d in docs {
            weights[d as usize] += specificity;
        }
    }
    weights
}

/// The achievement keywords found in `text` (whole ASCII words), with the achievements
/// listing each: every stretch of `text` up to [`MAX_REVERSE_CHARS`] characters is looked up.
fn listed_keywords_in<'t, 'i>(
    index: &'i AchievementIndex,
    text: &'t str,
) -> Vec<(&'t str, &'i [u32])> {
    let starts: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain([text.len()])
        .collect();
    let mut found: Vec<(&str, &[u32])> = Vec::new();
    for (n, &from) in starts.iter().enumerate() {
        for &to in starts.iter().skip(n + 1).take(MAX_REVERSE_CHARS) {
            let piece = &text[from..to];
            let docs = index.docs_with_keyword(piece);
            if !docs.is_empty() && whole_at(text, from, piece.len(), piece) {
                found.push((piece, docs));
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::achievement::AchievementDraft;
    use crate::domain::need::NeedDraft;
    use proptest::strategy::Strategy;

    fn draft(title: &str, keywords: &[&str]) -> AchievementDraft {
        AchievementDraft {
            title: title.into(),
            holder_id: "h".into(),
            field: "稀土".into(),
            maturity: None,
            trl: None,
            patents: vec![],
            transfer_modes: vec![],
            asking_price: None,
            summary: Some("已完成中试。".into()),
            keywords: keywords.iter().map(|k| k.to_string()).collect(),
            booth: None,
        }
    }

    fn need(title: &str, keywords: &[&str], description: &str) -> NeedFeatures {
        NeedFeatures::new(&NeedDraft {
            organization_id: "e".into(),
            title: title.into(),
            field: Some("稀土".into()),
            description: Some(description.into()),
            keywords: keywords.iter().map(|k| k.to_string()).collect(),
            budget: None,
            cooperation_modes: vec![],
            deadline: None,
        })
    }

    fn index() -> AchievementIndex {
        let drafts = [
            draft(
                "高性能烧结钕铁硼晶界扩散技术",
                &["烧结", "钕铁硼", "晶界扩散"],
            ),
            draft("稀土镁合金连续化生产工艺", &["稀土", "镁合金"]),
            draft("工业园区VOCs在线监测与治理技术", &["VOCs", "在线监测"]),
            draft("煤矿安全生产视频AI识别系统", &["煤矿安全", "AI"]),
        ];
        AchievementIndex::build(drafts.iter())
    }

    fn shown(index: &AchievementIndex, n: &NeedFeatures, doc: usize) -> Vec<String> {
        let mut s: Vec<String> = shared_keywords(index, n, index.doc(doc))
            .into_iter()
            .map(|k| k.shown)
            .collect();
        s.sort();
        s
    }

    #[test]
    fn keywords_are_shared_from_either_side() {
        let index = index();
        let n = need(
            "永磁材料需求",
            &["钕铁硼", "镁"],
            "希望采用晶界扩散工艺降低重稀土用量",
        );
        assert_eq!(shown(&index, &n, 0), vec!["晶界扩散", "钕铁硼"]);
        assert_eq!(
            shown(&index, &n, 1),
            vec!["稀土", "镁"],
            "镁 is in the title"
        );
    }

    #[test]
    fn homophones_and_pinyin_typed_keywords_match() {
        let index = index();
        let typo = need("磁材需求", &["钕铁棚"], "");
        assert_eq!(shown(&index, &typo, 0), vec!["钕铁棚"]);
        let typed = need("合金需求", &["meihejin"], "");
        assert_eq!(shown(&index, &typed, 1), vec!["meihejin"]);
    }

    #[test]
    fn english_keywords_stay_whole_words() {
        assert!(contains_keyword("工业园区vocs在线监测", "vocs"));
        assert!(!contains_keyword("detail rail", "ai"));
        assert!(contains_keyword("视频ai识别", "ai"));
        let index = index();
        let n = need(
            "园区废气需求",
            &[],
            "对ＶＯＣｓ排放和 detail 做监测，不用 maintain",
        );
        assert_eq!(shown(&index, &n, 2), vec!["VOCs"]);
        assert!(
            shown(&index, &n, 3).is_empty(),
            "ai inside maintain is not AI"
        );
    }

    /// Short texts over a small alphabet (Han characters, homophones 硼/棚, ASCII letters
    /// and separators), so that keywords, titles and needs often overlap.
    fn text(max: usize) -> impl proptest::strategy::Strategy<Value = String> {
        proptest::collection::vec(
            proptest::sample::select(vec![
                "稀", "土", "镁", "硼", "棚", "合", "金", "a", "i", "-", " ",
            ]),
            0..max,
        )
        .prop_map(|parts| parts.concat())
    }

    proptest::proptest! {
        #[test]
        fn bulk_and_pairwise_agree_on_any_text(
            titles in proptest::collection::vec(text(8), 1..6),
            doc_keywords in proptest::collection::vec(proptest::collection::vec(text(4), 0..4), 6),
            need_title in text(8),
            need_keywords in proptest::collection::vec(text(4), 0..4),
            description in text(12),
        ) {
            let drafts: Vec<AchievementDraft> = titles
                .iter()
                .zip(&doc_keywords)
                .map(|(t, k)| {
                    let k: Vec<&str> = k.iter().map(String::as_str).collect();
                    draft(t, &k)
                })
                .collect();
            let index = AchievementIndex::build(drafts.iter());
            let k: Vec<&str> = need_keywords.iter().map(String::as_str).collect();
            let n = need(&need_title, &k, &description);
            let bulk = keyword_weights(&index, &n);
            for (i, w) in bulk.iter().enumerate() {
                let pair: f32 = shared_keywords(&index, &n, index.doc(i))
                    .iter()
                    .map(|k| k.specificity)
                    .sum();
                proptest::prop_assert!((w - pair).abs() < 1e-4, "doc {}: {} vs {}", i, w, pair);
            }
        }
    }

    #[test]
    fn the_bulk_weights_equal_the_pairwise_sums() {
        let index = index();
        let needs = [
            need(
                "永磁材料需求",
                &["钕铁硼", "镁", "稀土"],
                "希望采用晶界扩散工艺",
            ),
            need(
                "煤矿AI需求",
                &["ai", "meihejin", "在线监测"],
                "煤矿安全与VOCs",
            ),
            need("空需求", &[], ""),
        ];
        for n in &needs {
            let bulk = keyword_weights(&index, n);
            for (i, w) in bulk.iter().enumerate() {
                let pair: f32 = shared_keywords(&index, n, index.doc(i))
                    .iter()
                    .map(|k| k.specificity)
                    .sum();
                assert!(
                    (w - pair).abs() < 1e-5,
                    "{} doc {i}: {w} vs {pair}",
                    n.title
                );
            }
        }
    }
}
